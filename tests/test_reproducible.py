"""Two builds of the same commit are byte-identical, whatever the day and wherever they are built.

The second build pretends to run on another day (SOURCE_DATE_EPOCH, which MkDocs uses for its
build date) and writes to another folder; every file must match the session's build (tests/conftest.py). Page dates in the
sitemap come from git (macros/outputs/publish.py), so they are those of the commit, not of the build.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from conftest import ROOT, build_site, plone_env, plone_tree_of


def tree(path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def in_git_checkout() -> bool:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not in_git_checkout(), reason="not a git checkout: page dates fall back to the build day")


@pytest.fixture(scope="module")
def another_day(tmp_path_factory):
    """A second build, on "another day" and into another folder (the first is the session's)."""
    dest = tmp_path_factory.mktemp("elsewhere") / "two"
    result = build_site(dest, env={"SOURCE_DATE_EPOCH": "946684800", **plone_env(dest)})  # 1 January 2000
    assert result.returncode == 0, result.stderr
    return dest


def test_two_builds_of_the_same_commit_are_byte_identical(site, another_day):
    one, two = tree(site.path), tree(another_day)
    assert sorted(one) == sorted(two), f"different files: {sorted(set(one) ^ set(two))[:20]}"
    differ = [name for name in one if one[name] != two[name]]
    assert not differ, f"{len(differ)} files differ between two builds, e.g. {differ[:10]}"
    assert len(one) > 50


def test_two_plone_exports_of_the_same_commit_are_byte_identical(site, another_day):
    """`make plone` twice gives the same bytes: UIDs come from paths, JSON keys are sorted."""
    one, two = tree(site.plone_tree), tree(plone_tree_of(another_day))
    assert one and sorted(one) == sorted(two), f"different files: {sorted(set(one) ^ set(two))[:20]}"
    differ = [name for name in one if one[name] != two[name]]
    assert not differ, f"{len(differ)} files of the Plone tree differ between two builds, e.g. {differ[:10]}"


def test_sitemap_dates_are_the_commits_not_the_build_day(another_day):
    sitemap = (another_day / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<loc>(.*?)</loc>\s*<lastmod>(.*?)</lastmod>", sitemap))
    assert dates and "2000-01-01" not in dates.values(), "lastmod is the build day, not the page's"
    log = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "data/courses/rios-1.yaml",
                          "data/glossary.yaml", "macros/pages/templates/"],
                         cwd=ROOT, capture_output=True, text=True)
    if log.returncode == 0 and log.stdout.strip():  # a git checkout (CI fetches the whole history)
        rios = next(d for loc, d in dates.items() if loc.endswith("/courses/rios-1/"))
        committed = dt.datetime.fromtimestamp(int(log.stdout), dt.timezone.utc).date().isoformat()
        assert rios == committed, "a course page is dated by the last commit to its YAML file or templates"
