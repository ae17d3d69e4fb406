"""The frozen content of tests/fixture/ still fits the code, so the tests built on it test the code.

When the model or the data layout changes (a new data file, a new required field), the fixture
must change with it (tests/fixture/README.md): these tests say so first, plainly, instead of
leaving the corpus, the fuzzer and the hostile build to fail in ways that look like bugs.
"""

from __future__ import annotations

from project import FIXTURE, check_in_process, fixture_project

from macros.data.read import LAYOUT

CHANGE_IT = "change tests/fixture/ with the code (tests/fixture/README.md)"


def test_the_fixture_holds_every_file_the_site_reads():
    for pattern in LAYOUT.values():
        if "*" in pattern:
            folder, glob = pattern.split("/")
            assert list((FIXTURE / "data" / folder).glob(glob)), f"tests/fixture/data/{folder}/ has no {glob}: {CHANGE_IT}"
        else:
            assert (FIXTURE / "data" / pattern).is_file(), f"tests/fixture/data/{pattern} is missing: {CHANGE_IT}"


def test_the_fixture_passes_make_check(tmp_path):
    """Its data and its pages, in a project with today's code (what `make check` runs)."""
    result = check_in_process(fixture_project(tmp_path / "project"))
    assert result.returncode == 0, f"the fixture no longer passes `make check`: {CHANGE_IT}\n{result.stderr}"
