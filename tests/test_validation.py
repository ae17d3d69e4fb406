"""Every mistake an editor can make in data/ is caught before publishing, with a message to act on.

The corpus in tests/broken/cases.yaml holds broken edits; each is made in a copy of the
project and checked by what `make check` runs (macros.editors.check, in-process: starting Python
and make for each of some forty cases cost more than a minute of CPU on two cores): the test
asserts the exit status, every message (file, line, column, words) and that nothing else is
reported, and that no Python traceback is shown. `make check` itself is run on the real data
and on a few cases, and must print exactly what the in-process check printed. Then: the same
messages as GitHub annotations, the build refusing bad data before it touches the site,
`make build` leaving the last good site exactly as it was, and the editors' help (schemas,
the field reference, edit buttons) staying true to the model.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import build_site
from project import ROOT, SITE_FILES, VENV, check_in_process, copy_project, make, quiet_env

from macros.editors import schema as data_schema
from macros.data.read import LAYOUT, load_data
from macros.data.model import Site
from macros.data.validate import collections, model_in, reference_target

CASES = yaml.safe_load((Path(__file__).parent / "broken" / "cases.yaml").read_text(encoding="utf-8"))
MESSAGE = re.compile(r"^(data/[^:\n]*):(\d+):(\d+): (?!(?:warning|note): )(.+) — (.+)$", re.M)
# What `make check` needs: it is the build in check mode (macros/editors/check.py), so the site's
# configuration, pages and theme overrides too; the web editor's packages and git play no part.
CHECK_FILES = ["Makefile", "pyproject.toml", "requirements.lock", "data", *SITE_FILES]


@dataclass
class Outcome:
    case: dict
    root: Path
    result: subprocess.CompletedProcess

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr

    @property
    def errors(self) -> list[tuple[str, int, int, str]]:
        return [(f, int(line), int(col), f"{what} — {fix}") for f, line, col, what, fix in MESSAGE.findall(self.result.stderr)]


def scratch(dest: Path) -> Path:
    """A minimal copy of the project for `make check`, with the test's virtual environment."""
    dest.mkdir(parents=True)
    for name in CHECK_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    (dest / ".venv").symlink_to(VENV, target_is_directory=True)
    return dest


def apply(root: Path, edit: dict) -> None:
    path = root / edit["file"]
    if edit.get("delete"):
        path.unlink()
    elif "rename" in edit:
        path.rename(root / edit["rename"])
    elif "write" in edit:
        path.write_text(edit["write"], encoding="utf-8")
    else:
        old, new = edit["replace"]
        data = path.read_bytes()
        found = data.count(old.encode("utf-8"))
        assert found == 1, f"{edit['file']}: the corpus expects {old!r} once, found {found} times (has the data changed?)"
        path.write_bytes(data.replace(old.encode("utf-8"), new.encode(edit.get("encoding", "utf-8"))))


def expected_line(root: Path, expect: dict) -> int:
    """A line number, or the line on which the given text starts in the (edited) file."""
    if isinstance(expect["line"], int):
        return expect["line"]
    text = (root / expect["file"]).read_bytes().decode("utf-8", errors="replace")
    assert text.count(expect["line"]) == 1, f"{expect['file']}: {expect['line']!r} should occur once"
    return text[: text.index(expect["line"])].count("\n") + 1


def run_case(case: dict, base: Path) -> Outcome | str:
    """The case's outcome, or why its edit could not be made (reported by its own test)."""
    root = scratch(base / case["name"])
    try:
        for edit in case["edits"]:
            apply(root, edit)
    except AssertionError as error:
        return str(error)
    return Outcome(case, root, check_in_process(root))


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """Every broken edit, checked in-process one after another (a few hundredths of a second each)."""
    base = tmp_path_factory.mktemp("broken")
    return {case["name"]: run_case(case, base) for case in CASES}


def test_the_corpus_covers_every_kind_of_mistake():
    assert len(CASES) >= 25
    names = [case["name"] for case in CASES]
    assert len(set(names)) == len(names), "case names are unique"
    for required in ("colon-in-text", "unclosed-quote", "tab-indentation", "duplicate-key", "missing-field", "empty-field",
                     "text-for-list", "word-for-number", "unknown-field", "duplicate-id-across-files", "unknown-reference",
                     "module-number-typed", "requirement-number-typed", "pathway-order-typed", "course-order-typed", "course-not-in-order", "course-order-unknown-id",
                         "course-order-repeated", "month-out-of-range", "month-repeated", "not-utf-8", "empty-file",
                     "missing-file", "many-problems-at-once"):
        assert required in names


@pytest.mark.parametrize("name", [case["name"] for case in CASES])
def test_broken_edit_is_reported_at_its_line(outcomes, name):
    outcome = outcomes[name]
    if isinstance(outcome, str):
        pytest.fail(outcome)
    assert "Traceback" not in outcome.output and "Error:" not in outcome.result.stderr, outcome.output
    # The checker exits 1 (make then reports "Error 1" and exits 2: test_make_check_prints_what_the_check_printed).
    assert outcome.result.returncode == 1, f"make check did not fail on a broken edit:\n{outcome.output}"
    assert "problem" in outcome.result.stderr and "Fix each one at the file and line shown" in outcome.result.stderr
    found = outcome.errors
    for expect in outcome.case["expect"]:
        where = (expect["file"], expected_line(outcome.root, expect), expect["col"])
        messages = [message for f, line, col, message in found if (f, line, col) == where]
        assert messages, f"nothing reported at {':'.join(map(str, where))}; reported:\n" + "\n".join(map(str, found))
        assert any(expect["says"] in message for message in messages), \
            f"at {':'.join(map(str, where))} expected {expect['says']!r}, got {messages}"
    assert len(found) == len(outcome.case["expect"]), "more problems reported than the edit made:\n" + "\n".join(map(str, found))


def test_make_check_passes_on_the_real_data(tmp_path):
    result = make(scratch(tmp_path / "good"), "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^data/ is valid: \d+ courses, \d+ modules, 12 monthly topics\.$", result.stdout, re.M)
    assert not MESSAGE.search(result.stderr)


@pytest.mark.parametrize("name", ["many-problems-at-once", "not-utf-8", "control-character"])
def test_make_check_prints_what_the_check_printed(outcomes, tmp_path, name):
    """`make check` as an editor runs it: the same messages, word for word, as the in-process
    check the corpus uses, then make's "Error 1" and exit status 2."""
    outcome = outcomes[name]
    root = scratch(tmp_path / name)
    for edit in outcome.case["edits"]:
        apply(root, edit)
    result = make(root, "check")
    assert result.returncode == 2 and "check] Error 1" in result.stderr, result.stdout + result.stderr
    assert result.stdout.removeprefix(".venv/bin/python -m macros.editors.check\n") == outcome.result.stdout  # make echoes its command
    checker = [line for line in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\* ", line)]  # make[1] under make
    assert checker == outcome.result.stderr.splitlines() and MESSAGE.search(result.stderr)


def test_github_annotations_mark_each_problem_on_its_line(outcomes, tmp_path):
    case = next(c for c in CASES if c["name"] == "many-problems-at-once")
    root = scratch(tmp_path / "annotated")
    for edit in case["edits"]:
        apply(root, edit)
    plain = outcomes[case["name"]].result  # what `make check` prints outside Actions (test above)
    actions = make(root, "check", GITHUB_ACTIONS="true")
    assert actions.returncode == 2
    annotations = re.findall(r"^::error file=([^,]+),line=(\d+),col=(\d+),title=Data problem::(.+)$", actions.stdout, re.M)
    assert not re.search(r"^::", plain.stdout + plain.stderr, re.M), "annotations only in GitHub Actions"
    people = {(f, int(line), int(col), message) for f, line, col, message in
              [(f, line, col, f"{what} — {fix}") for f, line, col, what, fix in MESSAGE.findall(actions.stderr)]}
    assert {(f, int(line), int(col), message) for f, line, col, message in annotations} == people
    assert len(annotations) == len(case["expect"])


def test_messages_read_as_plain_words(outcomes):
    """No Python or pydantic jargon reaches an editor."""
    jargon = re.compile(r"pydantic|Traceback|Exception|NoneType|\bdict\b|\bstr\b|\bint\b|validation error|"
                        r"<block|<scalar>|<document|Input should|model_type|errors\.pydantic", re.I)
    for outcome in outcomes.values():
        for *_, message in outcome.errors if isinstance(outcome, Outcome) else []:
            assert not jargon.search(message), f"{outcome.case['name']}: {message}"
            assert " — " in message


# --- the build: validation first, nothing half-written ----------------------------------


def test_build_checks_the_data_before_it_cleans_the_site(tmp_path):
    """MkDocs with bad data stops in on_config (before the site folder is cleaned), in plain words."""
    from macros.plugin import SitePlugin

    assert getattr(SitePlugin.on_config, "mkdocs_priority", 0) >= 100, "validation must run before every other plugin"
    root = copy_project(tmp_path / "project")
    (root / "data" / "courses" / "rios-1.yaml").write_text(
        (root / "data" / "courses" / "rios-1.yaml").read_text(encoding="utf-8").replace("\nlength_weeks: 3\n", "\nlength_weeks: three\n"),
        encoding="utf-8")
    last_good = tmp_path / "last-good"
    last_good.mkdir()
    (last_good / "index.html").write_text("the last good site", encoding="utf-8")
    result = build_site(last_good, root=root, env=quiet_env())
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line = (root / "data" / "courses" / "rios-1.yaml").read_text(encoding="utf-8").split("\nlength_weeks:")[0].count("\n") + 2
    assert f"data/courses/rios-1.yaml:{line}:15: 'length_weeks' should be a whole number, but is 'three'" in output
    assert "Nothing was built" in output and "Traceback" not in output
    assert [p.name for p in last_good.iterdir()] == ["index.html"]
    assert (last_good / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_a_typed_number_stops_the_build_at_its_line(tmp_path):
    """A leftover `number:` in a requirement and `order:` in a pathway step (numbers come from the
    place in the list): each reported at its line with the fix, and nothing is written."""
    root = copy_project(tmp_path / "project")
    typed = {"data/credential.yaml": ("  - id: completion-form\n", "    number: 2\n", "the site numbers requirements by their place"),
             "data/pathway.yaml": ("  - id: masters-degree\n", "    order: 2\n", "the site numbers pathway steps by their place")}
    for name, (item, line, _) in typed.items():
        path = root / name
        path.write_text(path.read_text(encoding="utf-8").replace(item, item + line), encoding="utf-8")
    last_good = tmp_path / "last-good"
    last_good.mkdir()
    (last_good / "index.html").write_text("the last good site", encoding="utf-8")
    result = build_site(last_good, root=root, env=quiet_env())
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output and "Nothing was built" in output, output
    for name, (item, line, fix) in typed.items():
        number = (root / name).read_text(encoding="utf-8").split(item + line)[0].count("\n") + 2
        field = line.split(":")[0].strip()
        assert f"{name}:{number}:5: unknown field '{field}' — delete this line: {fix}" in output, output
    assert [p.name for p in last_good.iterdir()] == ["index.html"]
    assert (last_good / "index.html").read_text(encoding="utf-8") == "the last good site"


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_make_build_leaves_the_last_good_site_unchanged(site, tmp_path):
    root = copy_project(tmp_path / "project")
    # The last good site: the session's build of the same project (`make build` succeeding in a
    # copy is proven by tests/test_facts_change.py and tests/test_scenarios.py).
    shutil.copytree(site.path, root / "site")
    before = _snapshot(root / "site")
    assert "index.html" in before and len(before) > 20

    # Bad data: the build's own data pass stops it before any page is written.
    topic = root / "data" / "topics" / "06-attachment.yaml"
    original = topic.read_text(encoding="utf-8")
    topic.write_text(original.replace("\nmonth: 6\n", "\nmonth: 13\n"), encoding="utf-8")
    bad_data = make(root, "build")
    assert bad_data.returncode != 0 and "month" in bad_data.stderr and "Traceback" not in bad_data.stderr
    assert _snapshot(root / "site") == before

    # Good data, but a page the strict build rejects (a link to a page that does not exist):
    # MkDocs fails while writing the scratch folder, and site/ is never touched.
    topic.write_text(original, encoding="utf-8")
    faq = root / "docs" / "faq.md"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nSee [the missing page](no-such-page.md).\n", encoding="utf-8")
    bad_page = make(root, "build")
    assert bad_page.returncode != 0 and "no-such-page.md" in bad_page.stdout + bad_page.stderr
    assert _snapshot(root / "site") == before


# --- editors' help ---------------------------------------------------------------------


def test_committed_schemas_are_current():
    assert data_schema.stale() == [], "run `make schemas` and commit schemas/"


def _plain(value):
    """YAML values as the schema sees them (dates as text)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_every_data_file_names_its_schema_and_passes_it():
    # The schema of each file is named in .vscode/settings.json (the web editor drops comments).
    associations = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    loaded = load_data(ROOT)
    assert not [p for p in loaded.problems if p.level == "error"]
    checked = 0
    for key, docs in loaded.documents.items():
        name = f"{data_schema.schema_name(key)}.schema.json"
        schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        for doc in docs if isinstance(docs, list) else [docs]:
            globs = [pattern for schema_file, pattern in associations.items() if (ROOT / schema_file).resolve() == ROOT / "schemas" / name]
            assert any(fnmatch.fnmatch(doc.file, g) for g in globs), \
                f"{doc.file} is not matched to schemas/{name} in .vscode/settings.json (run `make cms-config`)"
            errors = [e.message for e in validator.iter_errors(_plain(doc.value))]
            assert not errors, f"{doc.file} fails its schema: {errors[:3]}"
            checked += 1
    assert checked >= len(LAYOUT)


def test_the_schema_flags_an_unknown_field_for_the_editor():
    schema = json.loads((ROOT / "schemas" / "course.schema.json").read_text(encoding="utf-8"))
    course = _plain(load_data(ROOT).documents["courses"][0].value)
    course["titel"] = course.pop("title")
    messages = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(course)]
    assert any("titel" in m for m in messages) and any("'title' is a required property" in m for m in messages)


def _models(model=Site, seen=None):
    seen = {} if seen is None else seen
    for info in model.model_fields.values():
        sub = model_in(info.annotation)
        if sub is not None and sub not in seen:
            seen[sub] = True
            _models(sub, seen)
    return list(seen)


def test_every_reference_field_knows_what_it_refers_to():
    """A field whose help says it holds an `id` is checked against the records it names."""
    for model in _models():
        for name, info in model.model_fields.items():
            if (info.description or "").startswith("`id`"):
                target = reference_target(model, name)
                assert target in collections(), f"{model.__name__}.{name}: add it to REFERENCE_FIELDS in macros/data/validate.py"


def test_every_field_has_help_for_editors():
    for model in _models():
        assert (model.__doc__ or "").strip(), f"{model.__name__} has no docstring (the record's help)"
        for name, info in model.model_fields.items():
            described = info.description or model_in(info.annotation) is not None
            assert described, f"{model.__name__}.{name} has no description (the field's help)"


def test_editing_page_lists_every_field_of_every_data_file(site):
    article = site.article("editing/")
    text = article.get_text(" ")
    for key in LAYOUT:
        heading = article.find(id=f"file-{data_schema.schema_name(key)}")
        assert heading is not None and f"data/{LAYOUT[key]}" in heading.get_text(), key
    names = {code.get_text() for code in article.select("li > code:first-child")}
    squeezed = re.sub(r"\s", "", article.get_text())
    for model in _models():
        for name, info in model.model_fields.items():
            assert name in names, f"{model.__name__}.{name} is missing from the field reference"
            if info.description:
                help_text = re.sub(r"[`\s]", "", info.description)
                assert help_text in squeezed, f"the help of {model.__name__}.{name} is missing from the field reference"
    for how in ("make serve", "make check", "Reading a message", "pencil button", "yaml-language-server"):
        assert how in text
    assert "Editing this site" in [a.get_text(strip=True) for a in site.soup("editing/").select("nav a")]


def test_every_edit_button_opens_the_file_behind_the_page(site):
    """Prose pages open their Markdown; course and topic pages open their YAML file."""
    generated = {"courses": 0, "topics": 0}
    for url in site.pages():
        button = site.soup(url).select_one("a.md-content__button[rel=edit]")
        if url == "404.html":
            continue
        assert button is not None, f"{url or 'home'} has no edit button"
        match = re.search(r"/edit/main/(.+)$", button["href"])
        assert match, button["href"]
        source = ROOT / match.group(1)
        assert source.is_file(), f"{url}: the edit button opens {match.group(1)}, which does not exist"
        kind = url.split("/")[0]
        if kind in generated and url.count("/") == 2:
            assert source.suffix == ".yaml" and source.parent.name == kind, f"{url} should open its YAML file"
            assert re.search(rf"^id: {url.split('/')[1]}$", source.read_text(encoding="utf-8"), re.M)
            generated[kind] += 1
        else:  # a page made of one data file opens it (`data_file:` in its front matter, issue 11)
            assert source.suffix == ".md" and "docs" in source.parts or source.parent.name == "data"
    assert generated["courses"] >= 5 and generated["topics"] == 12
