"""The content tree imported into a real Plone 6.2 site, and a site made by the Plone distribution.

Plone lives in its own environment (.venv-plone, `make plone-setup`), so this test builds the
distribution's wheel from plone/ with the session build's tree inside, installs it into a scratch
folder, and runs tests/plone_probe.py there: plone.app.testing, an in-memory database, Plone's own
importer. The probe reports what Plone holds as JSON; this file decides whether that is right,
against the tree (tests/test_plone_export.py checks the tree against the site and data/).

The importer fails quietly: an item whose folder is missing is dropped with a warning, a field it
cannot read only lands in `importer.incomplete`. Both are asserted empty, and a damaged copy of
the tree proves the probe sees them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from required import CATALOGUE, SCHEDULE, data
from test_plone_export import Tree, documents

ROOT = Path(__file__).resolve().parents[1]
PLONE_PYTHON = ROOT / ".venv-plone" / "bin" / "python"
DISTRIBUTION = "imh_pathways_plone/distributions/imh-pathways"


def same_html(html: str) -> str:
    """HTML as a parser reads it: Plone stores text parsed, with `&` written as it likes."""
    return BeautifulSoup(html or "", "html.parser").decode(formatter="minimal")


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html or "", "html.parser").get_text(" ")).strip()


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def damaged(tree: Tree, dest: Path) -> tuple[str, list[str], str]:
    """A copy of the tree with one folder left out (its items lose their parent) and a bad date
    on another item: (the folder's path, its items' paths, the damaged item's path)."""
    shutil.copytree(tree.content.parent, dest)
    metadata = json.loads((dest / "content" / "__metadata__.json").read_text(encoding="utf-8"))
    folder = next(i for i in tree.items[1:] if i["@type"] == "Folder")
    orphans = [i["@id"] for i in tree.items if i["@id"].startswith(folder["@id"] + "/")]
    metadata["_data_files_"].remove(f"{folder['UID']}/data.json")
    (dest / "content" / "__metadata__.json").write_text(json.dumps(metadata), encoding="utf-8")
    victim = next(i for i in tree.items[1:] if i["@type"] == "Document" and i["@id"] not in orphans)
    item = dict(victim, effective="not a date")
    (dest / "content" / victim["UID"] / "data.json").write_text(json.dumps(item), encoding="utf-8")
    return folder["@id"], orphans, victim["@id"]


def search_words(tree: Tree) -> dict[str, str]:
    """For each course, a word of its description that no other course's description has."""
    words = {}
    for course in data().courses:
        mine = set(re.findall(r"[A-Za-z]{6,}", course.summary))
        others = {w for c in data().courses if c is not course for w in re.findall(r"[A-Za-z]{6,}", c.summary)}
        unique = sorted(mine - others, key=lambda w: (-len(w), w))
        assert unique, f"{course.id}: its description has no word of its own to search for"
        words[course.title] = unique[0]
    return words


@pytest.fixture(scope="module")
def plone(site, tmp_path_factory):
    """The probe's report, with the tree, the damage done and the search words."""
    if not PLONE_PYTHON.exists():
        pytest.fail("Plone is not installed: run `make plone-setup` (make test does it)")
    tree = Tree(site.plone_tree)
    work = tmp_path_factory.mktemp("plone")
    # The distribution as it would be shipped: plone/ with the tree in place, built as a wheel.
    package = work / "package"
    shutil.copytree(ROOT / "plone", package, ignore=shutil.ignore_patterns("content", "*.egg-info", "build"))
    shutil.copytree(site.plone_tree, package / "src" / DISTRIBUTION / "content")
    run(PLONE_PYTHON, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", work / "dist",
        package)
    wheel = next((work / "dist").glob("*.whl"))
    run(PLONE_PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "--target", work / "installed", wheel)
    broken = damaged(tree, work / "broken")
    words = search_words(tree)
    request = {"tree": str(site.plone_tree), "broken": str(work / "broken"), "package_path": str(work / "installed"),
               "searches": sorted(set(words.values()))}
    (work / "request.json").write_text(json.dumps(request), encoding="utf-8")
    run(PLONE_PYTHON, ROOT / "tests" / "plone_probe.py", work / "request.json", work / "report.json",
        timeout=600, cwd=work)
    report = json.loads((work / "report.json").read_text(encoding="utf-8"))
    return {"report": report, "tree": tree, "broken": broken, "words": words, "wheel": wheel}


def imported(plone) -> dict[str, dict]:
    return {item["path"]: item for item in plone["report"]["imported"]["items"]}


def test_the_wheel_ships_the_whole_tree(plone):
    names = set(zipfile.ZipFile(plone["wheel"]).namelist())
    tree = plone["tree"]
    for name in ["__metadata__.json", *tree.metadata["_data_files_"]]:
        assert f"{DISTRIBUTION}/content/content/{name}" in names, f"the wheel lacks {name}"
    assert "imh_pathways_plone/configure.zcml" in names


def test_the_importer_imports_every_item_and_drops_or_skips_nothing(plone):
    result = plone["report"]["imported"]["import"]
    count = len(plone["tree"].items)
    assert f"ContentImporter: Imported {count} objects" in result["messages"], result["messages"]
    assert result["dropped"] == [], f"items dropped (their folder was missing): {result['dropped']}"
    assert result["incomplete"] == {}, f"items whose fields Plone could not read: {result['incomplete']}"
    assert result["warnings"] == [], result["warnings"]


def test_the_probe_sees_dropped_and_incomplete_items(plone):
    """The same checks on a damaged tree fail, naming the items: the test above can fail."""
    folder, orphans, victim = plone["broken"]
    result = plone["report"]["broken"]["import"]
    assert sorted(result["dropped"]) == sorted(orphans), result
    assert result["incomplete"] == {victim: ["effective"]}, result
    assert any(f"Container {folder} for" in line and "not found" in line for line in result["warnings"])


def test_every_item_is_in_plone_as_the_tree_says(plone):
    tree, items = plone["tree"], imported(plone)
    assert sorted(items) == sorted(i["@id"] for i in tree.items), "the same items, at the same paths"
    for expected in tree.items:
        got = items[expected["@id"]]
        assert (got["type"], got["UID"], got["title"], got["description"]) == \
            (expected["@type"], expected["UID"], expected["title"], expected["description"]), expected["@id"]
        assert got["review_state"] == "published" and got["language"] == "en", expected["@id"]
        assert sorted(got["subjects"]) == sorted(expected["subjects"]), expected["@id"]
        if expected["@type"] == "Document":
            assert same_html(got["text"]) == same_html(expected["text"]["data"]), f"{expected['@id']}: text as written"
            # Plone's filters show every word of it (nothing stripped as unsafe), links resolved.
            # (Spaces aside: Plone's serializer joins some inline elements.)
            assert plain(got["shown"]).replace(" ", "") == plain(got["text"]).replace(" ", ""), \
                f"{expected['@id']}: Plone shows other words than the text"
            assert "resolveuid" not in got["shown"], f"{expected['@id']}: a link Plone could not resolve"


def test_folders_keep_the_sites_order_and_open_on_their_page(plone):
    tree, items = plone["tree"], imported(plone)
    for folder in (i for i in tree.items if i["@type"] == "Folder"):
        inside = [p for p, item in sorted(items.items(), key=lambda kv: kv[1]["position"])
                  if p.rsplit("/", 1)[0] == folder["@id"]]
        assert inside == [i["@id"] for i in tree.children(folder["@id"])], f"{folder['@id']}: order"
        own = tree.metadata["default_page"].get(folder["UID"], {}).get("default_page")
        assert items[folder["@id"]]["default_page"] == own, f"{folder['@id']}: default page"


def test_courses_modules_and_topics_are_in_plone_with_the_sites_titles_and_text(plone):
    tree, items = plone["tree"], imported(plone)
    courses = documents(tree, next(i["@id"] for i in tree.items if i["@id"].endswith("/credential/courses")))
    assert [items[c["@id"]]["title"] for c in courses] == [title for title, _ in CATALOGUE]
    for course, (title, modules) in zip(courses, CATALOGUE):
        shown = BeautifulSoup(items[course["@id"]]["shown"], "html.parser")
        assert [h.get_text(" ", strip=True) for h in shown.find_all("h3")] == \
            [f"Module {n}: {m}" for n, m in enumerate(modules, 1)], f"{title}: modules in Plone, in order"
    topics = documents(tree, next(i["@id"] for i in tree.items if i["@id"].endswith("/leadership/topics")))
    assert [items[t["@id"]]["title"] for t in topics] == SCHEDULE, "the monthly topics in month order"


def test_links_between_pages_lead_to_the_plone_items(plone):
    items = imported(plone)
    urls = {item["url"] for item in items.values()}
    checked = 0
    for item in items.values():
        for a in BeautifulSoup(item["shown"] or "", "html.parser").find_all("a", href=True):
            if a["href"].startswith("http://nohost/"):  # the test site's own address
                assert a["href"].split("#")[0] in urls, f"{item['path']}: {a['href']} is no item"
                checked += 1
    assert checked > len(items), "pages link to each other in Plone"


def test_the_catalogs_full_text_search_finds_each_course_by_a_word_of_its_description(plone):
    tree, searches = plone["tree"], plone["report"]["imported"]["search"]
    by_title = {i["title"]: i["@id"] for i in tree.items if i["@type"] == "Document"}
    for title, word in plone["words"].items():
        assert by_title[title] in searches[word], f"searching {word!r} does not find {title!r}: {searches[word]}"


def test_a_reimport_updates_the_items_instead_of_adding_copies(plone):
    again = plone["report"]["imported"]["reimport"]
    assert again["import"]["dropped"] == [] and again["import"]["incomplete"] == {}
    first = [(item["path"], item["UID"]) for item in plone["report"]["imported"]["items"]]
    assert [tuple(pair) for pair in again["items"]] == first


def test_a_site_made_by_the_distribution_holds_the_same_content(plone):
    made = plone["report"]["distribution"]
    assert made["warnings"] == [], made["warnings"]
    items = {item["path"]: item for item in made["items"]}
    for path, item in imported(plone).items():
        assert path in items, f"{path} is not in the distribution's site"
        keys = ("type", "UID", "title", "description", "subjects", "review_state", "language", "position", "text")
        assert {k: items[path][k] for k in keys} == {k: item[k] for k in keys}, path
    tree = plone["tree"]
    home = items[tree.by_uid[tree.metadata["default_page"][tree.items[0]["UID"]]["default_page_uuid"]]["@id"]]
    assert made["front_page"] and plain(made["front_page"]) == plain(home["shown"]), "the front page is the home page"
    for _title, word in plone["words"].items():
        assert any(p.endswith("/courses/" + p.rsplit("/", 1)[-1]) for p in made["search"][word])
