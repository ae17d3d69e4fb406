"""Mistakes in the prose pages (docs/*.md) are caught like mistakes in data/: one line each,
`docs/page.md:LINE:COL: what is wrong — how to fix it`, with the line as the editor's file
shows it (front matter included), as GitHub annotations in CI, and never a traceback.

`make check` is the build itself in check mode (macros/editors/check.py): all the mistakes below
are made in one copy of the project, with the frozen pages and data of tests/fixture/ (so a change
to a page's words never moves a mistake's anchor; today's pages pass `make check` in
tests/test_content.py), and checked with one run of what `make check` runs, in-process
(each on its own page or line, so each message is asserted on its own); `make build` of the same
copy prints exactly the same problems, writes nothing and leaves the last good site.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from project import check_in_process, fixture_project, make

# (file, text to replace, its replacement, text on the line the problem is reported at, column, words of the message)
MISTAKES = [
    ("docs/faq.md", "{{ faq() }}", "{{ faqs() }}", "{{ faqs() }}", 4, "there is no macro 'faqs' — did you mean 'faq'?"),
    ("docs/training.md", '{{ points("importance") }}', '{{ points("importanse") }}', "importanse", 11,
     "points() has no part 'importanse' — did you mean 'importance'?"),
    ("docs/training.md", '{{ correction("age-ranges") }}', '{{ correction("age-range") }}', '"age-range"', 15,
     "correction() has no correction 'age-range' — did you mean 'age-ranges'?"),
    ("docs/pathway.md", '{{ pathway("role") }}', '{{ pathway("role", "extra") }}', '"extra"', 4,
     "pathway() cannot be called like this (too many positional arguments) — write it as {{ pathway(\"part\") }}"),
    ("docs/pathway.md", '{{ data_text("pathway.quick_look") }}', '{{ data_text("pathway.quicklook") }}', "quicklook", 15,
     "'pathway.quicklook' does not exist: pathway has no 'quicklook' — did you mean 'pathway.quick_look'?"),
    ("docs/glossary.md", "{{ glossary_list() }}", "{{ glossary_list( }}", "glossary_list(", 1, "the macro line cannot be read"),
    ("docs/sources.md", "{{ source_list() }}", "{{ source_list() }}\n\nAlso read [the questions](fqa.md).", "[the questions]", 27,
     "the link goes to 'fqa.md', which is not a page of this site — did you mean 'faq.md'?"),
    ("docs/organizations.md", "{{ organizations() }}", "{{ organizations() }}\n\nSee [the rules](credential/index.md#ordr).",
     "[the rules]", 36, "the page credential/index.md has no section '#ordr' — did you mean '#order'?"),
    ("docs/themes.md", "{{ theme_index() }}", "{{ theme_index() }}\n\nSee [an example](http://example.org/).", "[an example]", 18,
     "the link to http://example.org/ uses http://, which is not secure — write the address with https:// instead"),
    ("docs/api.md", "\ndescription:", "\ndescription: [unclosed", "description: [unclosed", None,
     "the front matter cannot be read"),
    ("docs/editing-online.md", "plone: false", 'plone: "no"', 'plone: "no"', 8,
     "the front matter's 'plone' should be false or true"),
    ("docs/endorsement.md", "  suggest: true", '  suggest: "yes"', "search:", 1,
     "the front matter's 'suggest: yes' should be true or false — write 'suggest: true'"),
]
MESSAGE = re.compile(r"^(docs/[^:\n]+):(\d+):(\d+): (?!warning: )(.+)$", re.M)


def line_of(root: Path, file: str, text: str) -> int:
    content = (root / file).read_text(encoding="utf-8")
    assert content.count(text) == 1, f"{file}: expected {text!r} once"
    return content[: content.index(text)].count("\n") + 1


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[Path, str, str]:
    root = fixture_project(tmp_path_factory.mktemp("docs-check") / "project")
    for file, old, new, *_ in MISTAKES:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{file}: the test expects {old!r} once (has the page changed?)"
        path.write_text(text.replace(old, new), encoding="utf-8")
    result = check_in_process(root)  # what `make check` runs (tests/test_validation.py)
    annotated = check_in_process(root, github=True)
    assert result.returncode == annotated.returncode == 1, result.stdout + result.stderr
    return root, result.stdout + result.stderr, annotated.stdout


@pytest.mark.parametrize("mistake", MISTAKES, ids=[f"{m[0]}:{m[5][:30]}" for m in MISTAKES])
def test_mistake_in_a_page_is_reported_at_its_line(broken, mistake):
    root, output, _ = broken
    file, _, _, at, col, says = mistake
    assert "Traceback" not in output, output
    line = line_of(root, file, at)
    reported = [(f, int(n), int(c), m) for f, n, c, m in MESSAGE.findall(output)]
    here = [r for r in reported if r[0] == file and r[1] == line and (col is None or r[2] == col)]
    assert any(says in message for *_, message in here), \
        f"expected {file}:{line}:{col}: {says}\nreported:\n" + "\n".join(map(str, reported))


def test_every_problem_is_one_of_the_mistakes_made(broken):
    """One message per mistake, nothing else (no knock-on messages on other pages)."""
    root, output, _ = broken
    reported = MESSAGE.findall(output)
    assert len(reported) == len(MISTAKES), output
    assert f"{len(MISTAKES)} problems in" in output


def test_mistakes_in_pages_are_github_annotations(broken):
    root, _, annotations = broken
    line = line_of(root, "docs/faq.md", "{{ faqs() }}")
    assert f"::error file=docs/faq.md,line={line},col=4,title=Page problem::" in annotations
    assert len(re.findall(r"^::error file=docs/", annotations, re.M)) == len(MISTAKES)


def test_front_matter_counts_in_the_line_number(broken):
    """The faq page's macro is on line 7 of the file (after its front matter), not line 3 of the body."""
    root, output, _ = broken
    text = (root / "docs/faq.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    assert f"docs/faq.md:{line_of(root, 'docs/faq.md', '{{ faqs() }}')}:4:" in output


def problem_lines(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if re.match(r"^(?:docs|data)/[^:\n]+:\d+:\d+: ", line))


def test_the_build_prints_the_same_problems_writes_nothing_and_keeps_the_last_good_site(broken):
    """One path: `make build` runs the checks `make check` runs, in the same build, and stops
    before anything is written with the same messages, never a traceback."""
    root, output, _ = broken
    last_good = root / "site"
    last_good.mkdir()
    (last_good / "index.html").write_text("the last good site", encoding="utf-8")
    result = make(root, "build")
    built = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in built and "UndefinedError" not in built, built
    assert problem_lines(built) == problem_lines(output), built
    assert "Nothing was built" in built
    assert (last_good / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert not any((root / ".site-new").rglob("*.html")), "a page was written"
    shutil.rmtree(root / ".site-new", ignore_errors=True)


def test_a_macro_that_fails_is_reported_at_its_line_by_check_and_build(tmp_path):
    """A mistake no check can foresee (the macro fails only when it runs) is one line at the
    editor's line number, front matter counted, in `make check` and `make build` alike."""
    root = fixture_project(tmp_path / "project")
    page = root / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ faq() }}", '{{ category_name("IX") }}\n\n{{ faq() }}'),
                    encoding="utf-8")
    line = line_of(root, "docs/faq.md", '{{ category_name("IX") }}')
    says = f"docs/faq.md:{line}:4: category_name() failed on this line (KeyError: "
    checked = check_in_process(root)
    assert checked.returncode == 1 and says in checked.stderr, checked.stderr
    result = make(root, "build")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert says in output, output
    shutil.rmtree(root / ".site-new", ignore_errors=True)


def test_a_section_a_macro_links_to_is_checked_by_check_as_by_build(tmp_path):
    """MkDocs checks links to #anchors only once pages are written, and a macro's text is no link the
    gate reads: with the heading that associations("count") links to deleted, `make check` said all
    was well and `make build` stopped (found by tests/test_mutations_docs.py). Both stop now."""
    root = fixture_project(tmp_path / "project")
    page = root / "docs" / "associations.md"
    heading = "## If your state is not listed\n"
    assert page.read_text(encoding="utf-8").count(heading) == 1, "the test deletes this heading"
    page.write_text(page.read_text(encoding="utf-8").replace(heading, ""), encoding="utf-8")
    anchor = "contains a link '#if-your-state-is-not-listed', but there is no such anchor on this page"
    checked = check_in_process(root)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    assert re.search(rf"^docs/associations\.md:1:1: the build would stop here: Doc file 'associations\.md' {anchor}", checked.stderr, re.M)
    result = make(root, "build")
    assert result.returncode != 0 and anchor in result.stdout + result.stderr, result.stderr[-2000:]
    shutil.rmtree(root / ".site-new", ignore_errors=True)


def test_pages_are_checked_while_the_data_has_errors(tmp_path):
    """Each file on its own: a misspelt macro in a page is reported in the same run as a data error."""
    root = fixture_project(tmp_path / "project")
    course = root / "data" / "courses" / "rios-1.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("\nlength_weeks: 3\n", "\nlength_weeks: three\n"), encoding="utf-8")
    page = root / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ faq() }}", "{{ faqs() }}"), encoding="utf-8")
    result = check_in_process(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    data_line = line_of(root, "data/courses/rios-1.yaml", "length_weeks: three")
    assert f"data/courses/rios-1.yaml:{data_line}:15: 'length_weeks' should be a whole number" in output, output
    assert f"docs/faq.md:{line_of(root, 'docs/faq.md', '{{ faqs() }}')}:4: there is no macro 'faqs' — did you mean 'faq'?" in output
    assert "2 problems in 2 files" in output, output


NAV_FIX = re.compile(r"^(docs/[^:]+):1:1: this page is not in the site's navigation, so readers cannot reach it — add this line "
                     r"to mkdocs\.yml (?:after line (\d+) \(`[^`]*`\)|in the part of nav: it belongs to \(nav: ends at line (\d+)\)), "
                     r"with its leading spaces: `(.*)`$", re.M)


def test_a_page_left_out_of_the_navigation_is_reported_with_the_line_to_add(tmp_path):
    """A new page missing from `nav:` is a problem of `make check` (not a surprise in the build),
    whose fix is the exact line to add to mkdocs.yml and where; with those lines added, it passes."""
    root = fixture_project(tmp_path / "project")
    (root / "docs" / "working-with-families.md").write_text(
        "---\ndescription: How the site's advice applies when you work with families.\n---\n\n# Working with families\n\nText.\n",
        encoding="utf-8")
    (root / "docs" / "credential" / "fees.md").write_text("# Fees: what the credential costs\n\nText.\n", encoding="utf-8")
    result = check_in_process(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    found = {file: (int(after or end), line, bool(after)) for file, after, end, line in NAV_FIX.findall(output)}
    assert set(found) == {"docs/working-with-families.md", "docs/credential/fees.md"}, output
    assert found["docs/credential/fees.md"][1].strip() == '- "Fees: what the credential costs": credential/fees.md'
    assert found["docs/working-with-families.md"][1].strip() == "- Working with families: working-with-families.md"
    assert len(MESSAGE.findall(output)) == 2, output
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    for after, line, _ in sorted(found.values(), reverse=True):  # from the bottom, so line numbers stay true
        lines.insert(after, line)
    (root / "mkdocs.yml").write_text("\n".join(lines), encoding="utf-8")
    again = check_in_process(root)
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_nav_line_naming_no_page_is_reported_at_its_line(tmp_path):
    """A line of `nav:` left behind when its page was deleted, and one whose file name is misspelt,
    are each reported at their line of mkdocs.yml, with the fix (delete the line; the name meant),
    not as MkDocs' warning at line 1; the page the misspelt line meant names that line. Fixed as
    the messages say, the check passes."""
    root = fixture_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("      - glossary.md\n") == 1
    text = text.replace("      - glossary.md\n", "      - glosary.md\n      - An old page: old-page.md\n")
    config.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    misspelt, left = lines.index("      - glosary.md") + 1, lines.index("      - An old page: old-page.md") + 1
    result = check_in_process(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output and "the build would stop here" not in output, output
    assert (f"mkdocs.yml:{left}:7: the menu (nav:) lists 'old-page.md', which is not a page in docs/ — delete this line "
            "if the page was removed, or correct the file name, written from docs/") in output, output
    assert f"mkdocs.yml:{misspelt}:7: the menu (nav:) lists 'glosary.md'" in output and "did you mean 'glossary.md'?" in output, output
    assert f"docs/glossary.md:1:1: this page is not in the site's navigation, so readers cannot reach it — line {misspelt} " in output, output
    assert "3 problems in 2 files" in output, output
    config.write_text(text.replace("      - glosary.md\n      - An old page: old-page.md\n", "      - glossary.md\n"), encoding="utf-8")
    again = check_in_process(root)
    assert again.returncode == 0, again.stdout + again.stderr
