"""The web editor at /admin/ (Sveltia CMS): its configuration follows the content model, the page
is built from the pinned package, and a save made through its form writes valid, minimal diffs.

The end-to-end test runs the real editor in Chromium without the network: its local repository
mode reads and writes an origin-private folder filled with a copy of the data (the frozen
fixture's, tests/fixture/), standing in for the folder a staff member would pick.
"""

from __future__ import annotations

import difflib
import json
import re
import time

import jsonschema
import pytest
import yaml
from playwright.sync_api import expect

from conftest import FULL_CHROMIUM, build_site, launch
from project import ROOT, check_in_process, fixture_project, quiet_env

from macros.editors import cms
from macros.data.read import LAYOUT
from macros.data.model import Evidence, Site, fact_fields
from macros.data.validate import collections, is_mapping, model_in, reference_target

PACKAGE = ROOT / "node_modules" / "@sveltia" / "cms"
# Hosts the pinned editor tries to reach besides GitHub's API: an update check (unpkg.com) and
# GitHub's status page. The page's Content-Security-Policy refuses them; nothing else is tried
# (its fonts, linked from cdn.jsdelivr.net in the package, are served by the site).
REFUSED_HOSTS = {"unpkg.com", "www.githubstatus.com"}


def _sveltia_schema() -> dict:
    return json.loads((PACKAGE / "schema" / "sveltia-cms.json").read_text(encoding="utf-8"))


def _collection(config: dict, key: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == key)


def _top_fields(collection: dict) -> list[dict]:
    if "folder" in collection:
        return collection["fields"]
    fields = collection["files"][0]["fields"]
    return fields[0]["fields"] if fields[0].get("root") else fields


# --- the configuration ------------------------------------------------------------------


def test_committed_configuration_is_current():
    assert cms.stale() == [], "run `make cms-config` and commit macros/editors/web_editor/config.yml and .vscode/settings.json"


def test_configuration_validates_against_the_schema_the_pinned_package_ships(site):
    # The built copy is the committed file, so one validation (about 5 s of CPU) covers both.
    assert (site.path / "admin" / "config.yml").read_bytes() == cms.CONFIG.read_bytes()
    validator = jsonschema.Draft7Validator(_sveltia_schema())
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(yaml.safe_load(cms.CONFIG.read_text("utf-8")))]
    assert not errors, f"{cms.CONFIG} does not match Sveltia CMS's schema: {errors[:5]}"


def test_the_schema_check_can_fail():
    broken = cms.config()
    broken["collections"][0]["files"][0]["fields"][0]["required"] = "yes"  # deep inside: the schema reaches fields
    assert next(jsonschema.Draft7Validator(_sveltia_schema()).iter_errors(broken), None) is not None


def test_one_collection_per_data_file_or_folder():
    config = cms.config()
    assert [c["name"] for c in config["collections"]] == list(LAYOUT)
    for key, pattern in LAYOUT.items():
        collection = _collection(config, key)
        if "*" in pattern:  # one entry per file
            assert collection["folder"] == f"data/{pattern.split('/')[0]}" and collection["identifier_field"] == "id"
        else:
            (file_,) = collection["files"]
            assert file_["file"] == f"data/{pattern}"
            is_list = model_in(Site.model_fields[key].annotation) in collections().values() and "*" not in pattern
            assert bool(file_["fields"][0].get("root")) == is_list, f"{key}: a file holding a list is one `root: true` list"
    assert not any(c.get("folder", "").startswith("docs") for c in config["collections"]), \
        "prose pages are edited on GitHub (see docs/editing-online.md)"


def _check_fields(model, fields: list[dict], where: str) -> int:
    """Every field of `model` has its label, help, required flag and widget; returns how many were seen."""
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    assert [f["name"] for f in fields] == list(model.model_fields), f"{where}: fields differ from the model"
    seen = 0
    for field in fields:
        name, info = field["name"], model.model_fields[field["name"]]
        prop = schema["properties"][name]
        assert field["label"] and field["hint"], f"{where}.{name}: label and help text"
        if info.description:  # the help, and for a Markdown field what it allows (its schema's description)
            assert field["hint"] == " ".join((prop.get("description") or info.description).split())
        nullable = "anyOf" in prop and any(p.get("type") == "null" for p in prop["anyOf"])
        assert field.get("required", True) == (name in required and not nullable), f"{where}.{name}: required flag"
        inner = next((p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"), prop)
        if reference_target(model, name):
            assert field["widget"] == "relation", f"{where}.{name}: ids of other records are picked from a list"
        elif "enum" in inner or "enum" in inner.get("items", {}):
            assert field["widget"] == "select" and field["options"], f"{where}.{name}: choices"
        elif inner.get("contentMediaType") == "text/markdown":
            assert field["widget"] == "markdown", f"{where}.{name}: Markdown"
            assert "Markdown allowed:" in field["hint"] and field["editor_components"] == [], f"{where}.{name}: what it allows"
        elif "pattern" in inner:
            assert field["pattern"][0] == inner["pattern"], f"{where}.{name}: pattern"
        sub = model_in(info.annotation)
        if is_mapping(info.annotation):  # `evidence`: one optional entry per fact field, each an Evidence
            assert sub is Evidence and field["widget"] == "object" and field.get("required") is False, f"{where}.{name}"
            assert [f["name"] for f in field["fields"]] == fact_fields(model), f"{where}.{name}: one entry per fact field"
            for entry in field["fields"]:
                assert entry["widget"] == "object" and entry.get("required") is False, f"{where}.{name}.{entry['name']}"
                seen += _check_fields(Evidence, entry["fields"], f"{where}.{name}.{entry['name']}")
        elif sub is not None:
            seen += _check_fields(sub, field["fields"], f"{where}.{name}")
        seen += 1
    return seen


def test_every_field_of_the_model_is_in_the_form():
    config = cms.config()
    seen = sum(_check_fields(model_in(Site.model_fields[key].annotation), _top_fields(_collection(config, key)), key)
               for key in LAYOUT)
    assert seen > 150


def test_references_point_at_the_records_they_name():
    course = {f["name"]: f for f in _top_fields(_collection(cms.config(), "courses"))}
    assert course["themes"]["collection"] == "themes" and course["themes"]["multiple"] is True
    assert course["themes"]["value_field"] == "themes.*.id"
    assert course["source"]["collection"] == "sources" and "multiple" not in course["source"]
    assert course["format"]["options"] == ["online", "in person", "hybrid"]


def test_numbers_taken_from_the_place_in_a_list_have_no_field_in_the_form():
    """Modules, requirements and pathway steps are numbered by their place: dragging one in the editor
    renumbers the rest, and there is no number for an editor to type (or get wrong)."""
    config = yaml.safe_load(cms.CONFIG.read_text(encoding="utf-8"))
    lists = [("courses", "modules", "number"), ("credential", "requirements", "number"),
             ("leadership", "requirements", "number"), ("pathway", "education", "order")]
    for key, name, number in lists:
        (field,) = [f for f in _top_fields(_collection(config, key)) if f["name"] == name]
        names = [f["name"] for f in field["fields"]]
        assert field["widget"] == "list" and "title" in names and number not in names, f"{key}.{name}: {names}"


def test_a_fork_edits_its_own_repository():
    config = cms.config(repo_url="https://github.com/someone/imh-fork", site_url="https://someone.github.io/imh-fork/")
    assert config["backend"]["repo"] == "someone/imh-fork"
    assert config["site_url"] == "https://someone.github.io/imh-fork/"


def test_changes_go_through_pull_requests():
    config = cms.config()
    assert config["publish_mode"] == "editorial_workflow"
    workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert f"name: {config['backend']['preview_context']}\n" in workflow, "the editor shows the state of the PR's checks"
    assert re.search(r"^on:\n  pull_request:", workflow, re.M)


# --- the built page -----------------------------------------------------------------------


def test_admin_page_is_built_from_the_pinned_package(site):
    admin = site.path / "admin"
    page = site.soup("admin/")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert [s["src"] for s in page.find_all("script")] == ["sveltia-cms.js"]
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "connect-src 'self' data: blob: https://api.github.com;" in policy and "default-src 'self'" in policy
    script = (admin / "sveltia-cms.js").read_text(encoding="utf-8")
    version = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/@sveltia/cms"]["version"] == version and version.startswith("0.221.")
    assert "cdn.jsdelivr.net/fontsource" not in script
    for name in ("chunks/react-dom.js", "fonts/material-symbols-outlined-latin-wght-normal.woff2"):
        assert (admin / name).stat().st_size > 10_000
    built = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert built["collections"] == cms.config()["collections"]


def test_only_the_admin_page_loads_the_editor(site):
    assert not [url for url in site.pages() if any("sveltia" in s.get("src", "") for s in site.soup(url).find_all("script"))]
    assert "admin/" not in (site.path / "sitemap.xml").read_text(encoding="utf-8")
    assert not [d for d in site.search_index["docs"] if d["location"].startswith("admin")]


def test_a_build_without_the_editor_package_says_how_to_install_it(tmp_path):
    root = fixture_project(tmp_path / "project")
    if (root / "node_modules").is_symlink():
        (root / "node_modules").unlink()
    result = build_site(tmp_path / "out", root=root, env=quiet_env())
    assert result.returncode != 0
    assert "@sveltia/cms" in result.stderr and "npm ci" in result.stderr
    assert "Traceback" not in result.stderr


# --- the editor, end to end -----------------------------------------------------------------

STUB = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('repo', {create: true});
window.__refused = [];
document.addEventListener('securitypolicyviolation', (e) => window.__refused.push(e.blockedURI));
"""

FILL = """async (files) => {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('repo', {create: true});
  await root.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""

READ = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else out[prefix + name] = await (await handle.getFile()).text();
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return out;
}"""


def _field_group(scope, name: str):
    return scope.get_by_role("group", name=re.compile(rf"^\W*{re.escape(name)}\W+Field$"))


def _reveal(form, group) -> None:
    """The editor renders a long form as it is scrolled: scroll until the field exists."""
    for _ in range(40):
        if group.count():
            break
        form.get_by_role("group", name=re.compile(r"Field$")).last.scroll_into_view_if_needed()
        time.sleep(0.1)
    group.first.scroll_into_view_if_needed()


@pytest.fixture(scope="module")
def browser(playwright_session):
    """The web editor, a large React application, in Debian's full Chromium: in the headless shell
    it once left the list of courses empty for 30 s while the whole suite ran."""
    browser = launch(playwright_session, FULL_CHROMIUM)
    yield browser
    browser.close()


def test_a_course_edited_in_the_browser_saves_valid_minimal_changes(visit, tmp_path):
    # The frozen content of tests/fixture/: the course named below is there whatever staff change in data/.
    project = fixture_project(tmp_path / "project")
    files = {p.relative_to(project).as_posix(): p.read_text(encoding="utf-8") for p in sorted((project / "data").rglob("*.yaml"))}
    course_file = "data/courses/sed-part-1.yaml"
    before = yaml.safe_load(files[course_file])
    new_title = "Social and Emotional Development, Part 1 (renamed in the web editor)"

    v = visit(viewport={"width": 1280, "height": 900})
    v.context.add_init_script(STUB)
    page = v.page
    v.goto("admin/")
    page.evaluate(FILL, files)

    started = time.perf_counter()
    page.get_by_role("button", name="Work with Local Repository").click()
    page.get_by_text("Courses", exact=True).first.click()
    page.get_by_text(before["title"]).first.click()
    form = page.get_by_role("group", name=re.compile(r"^Edit .*Content$"))
    form.get_by_role("textbox", name="Title", exact=True).first.wait_for()
    opened = time.perf_counter()

    form.get_by_role("textbox", name="Title", exact=True).first.fill(new_title)
    modules = _field_group(form, "Modules")
    _reveal(form, modules)
    modules.get_by_role("button", name=re.compile(r"^Add\W+Module\W*$")).last.click()
    module = {"title": "Working with the family's whole support network"}
    number = modules.get_by_role("spinbutton", name="Number")
    if number.count():  # while the model numbers modules by hand
        module = {"number": len(before["modules"]) + 1, **module}
        number.last.fill(str(module["number"]))
    # The editor renders long lists as they scroll into view: wait for the new module's own box.
    titles = modules.get_by_role("textbox", name="Title", exact=True)
    for _ in range(100):
        titles.last.scroll_into_view_if_needed()
        if titles.count() > len(before["modules"]) and titles.last.input_value() == "":
            break
        time.sleep(0.1)
    titles.last.fill(module["title"])
    expect(titles.last).to_have_value(module["title"])
    filled = time.perf_counter()

    save = page.get_by_role("button", name="Save", exact=True)
    expect(save).to_be_enabled(timeout=30_000)  # the form takes the typed values first (slow on a loaded machine)
    save.click()
    deadline = time.time() + 60  # about 1 s when quiet; far more when two cores are shared
    while True:
        written = page.evaluate(READ)
        if written[course_file] != files[course_file] or time.time() > deadline:
            break
        time.sleep(0.2)
    saved = time.perf_counter()
    print(f"\nweb editor: sign-in, list and open {opened - started:.1f} s; save {saved - filled:.1f} s")

    # Only the course file changed, and only where it was edited.
    assert {path for path in written if written[path] != files.get(path)} == {course_file}
    old, new = files[course_file].splitlines(), written[course_file].splitlines()
    removed = [line for line in difflib.ndiff(old, new) if line.startswith("- ")]
    added = [line[2:] for line in difflib.ndiff(old, new) if line.startswith("+ ")]
    assert [line[2:] for line in removed] == [next(line for line in old if line.startswith("title:"))]
    assert yaml.safe_load(added[0]) == {"title": new_title}
    assert yaml.safe_load("\n".join(added[1:])) == [module], "\n".join(added)
    after = yaml.safe_load(written[course_file])
    assert after == {**before, "title": new_title, "modules": before["modules"] + [module]}

    # The saved file passes the same check as a pull request.
    (project / course_file).write_text(written[course_file], encoding="utf-8")
    result = check_in_process(project)  # what `make check` runs (tests/test_validation.py)
    assert result.returncode == 0, result.stdout + result.stderr

    # Nothing left the site: GitHub's API is not used in local mode, other hosts are refused.
    assert v.foreign == []
    refused = {re.sub(r"^https?://([^/]+).*", r"\1", url) for url in page.evaluate("window.__refused")}
    assert refused <= REFUSED_HOSTS, refused
