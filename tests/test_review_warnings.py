"""Review dates keep requirements honest: an overdue review, or an organization renamed without its
glossary short form, is a warning that `make check` and the build print at the line, and never
an error. Made on the frozen data of tests/fixture/, so they read none of today's content."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from project import check_in_process, fixture_data


def run_check(root: Path, github: bool = False) -> tuple[int, str]:
    """What `make check` runs, on a copy of the project (in-process, see tests/project.py): exit
    status and everything it printed."""
    result = check_in_process(root, github=github)
    return result.returncode, result.stdout + result.stderr


def set_reviewed(path: Path, day: str) -> str:
    """Rewrite the `reviewed:` date of a data file; returns the new text."""
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^(  reviewed:) \d{4}-\d{2}-\d{2}", rf"\1 {day}", text)
    assert count, f"no reviewed date in {path.name}"
    path.write_text(new, encoding="utf-8")
    return new


def test_overdue_review_warns_but_does_not_fail(tmp_path):
    fixture_data(tmp_path)
    old = set_reviewed(tmp_path / "data" / "credential.yaml", "2020-01-15")
    line = next(i for i, text in enumerate(old.splitlines(), 1) if "reviewed: 2020-01-15" in text)
    set_reviewed(tmp_path / "data" / "leadership.yaml", dt.date.today().isoformat())
    returncode, output = run_check(tmp_path, github=True)
    assert returncode == 0, output
    assert re.search(rf"data/credential\.yaml:{line}:\d+: .*review .* was due on 2021-01-15", output), output
    assert f"::warning file=data/credential.yaml,line={line}," in output
    assert "data/leadership.yaml" not in output, "a review done today is not overdue"


def test_the_build_prints_the_overdue_review_warning_itself(tmp_path, capsys):
    """`make build` no longer runs `make check` first: the build's own data pass must warn."""
    from macros.data import load as site_module

    fixture_data(tmp_path)
    set_reviewed(tmp_path / "data" / "credential.yaml", "2020-01-15")
    site_module.get_site(tmp_path)
    output = capsys.readouterr().err
    assert re.search(r"data/credential\.yaml:\d+:\d+: .*review .* was due on 2021-01-15", output), output


@pytest.mark.parametrize("file, expected", [
    ("endorsement.yaml", r"data/endorsement\.yaml:\d+:\d+: .*review .* was due on 2020-03-01"),
    # "Where do I start?" has a review date like the other pages that state requirements.
    ("start.yaml", r"data/start\.yaml:\d+:\d+: warning: the review of 'Where do I start\?' was due on 2020-03-01"),
])
def test_overdue_review_of_another_page_warns_too(tmp_path, file, expected):
    fixture_data(tmp_path)
    set_reviewed(tmp_path / "data" / file, "2019-03-01")
    returncode, output = run_check(tmp_path)
    assert returncode == 0, output
    assert re.search(expected, output), output


def test_an_organization_renamed_without_its_glossary_short_form_warns(tmp_path):
    """An organization's short form explained in the glossary spells out its name: renamed in
    data/organizations.yaml only, the glossary's line is named (a warning, not an error)."""
    fixture_data(tmp_path)
    path = tmp_path / "data" / "organizations.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  name: World Association for Infant Mental Health\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "  name: World Association for Infant and Early Childhood Mental Health\n"), encoding="utf-8")
    glossary = (tmp_path / "data" / "glossary.yaml").read_text(encoding="utf-8").splitlines()
    line = glossary.index("  expansion: World Association for Infant Mental Health") + 1
    returncode, output = run_check(tmp_path)
    assert returncode == 0, output
    assert (f"data/glossary.yaml:{line}:14: warning: 'WAIMH' is spelled out as 'World Association for Infant Mental Health', "
            "but data/organizations.yaml names it 'World Association for Infant and Early Childhood Mental Health'") in output, output
    path.write_text(text, encoding="utf-8")
    assert "spelled out" not in run_check(tmp_path)[1]
