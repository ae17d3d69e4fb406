"""The benchmark's tools work, and a catalogue too long for a flat menu still builds well.

Nothing is timed here (speed belongs to `make bench`). The synthetic catalogue the benchmark
grows must be valid data, and the nested navigation that keeps the build linear must keep
every course reachable, in order, with a short menu on every page.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, BuiltSite, build_site

import synth  # bench/synth.py (pyproject.toml puts bench/ on the tests' path)
from macros.pages import NAV_GROUP, GeneratedPage, nav_entries
from project import copy_project


def test_bench_help_runs():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "--sizes" in result.stdout and "RESULTS.md" in result.stdout


def _leaves(entries: list) -> list[str]:
    out = []
    for entry in entries:
        ((_, value),) = entry.items()
        out += _leaves(value) if isinstance(value, list) else [value]
    return out


def _widest(entries: list) -> int:
    return max([len(entries)] + [_widest(v) for e in entries for v in e.values() if isinstance(v, list)])


@pytest.mark.parametrize("count", [1, NAV_GROUP, NAV_GROUP + 1, 50, 505, 2000])
def test_nav_entries_keep_every_page_in_order_with_short_levels(count):
    pages = [GeneratedPage(f"courses/c{i}", f"Course {i}", f"{i}. C{i}", "", [], i, "Courses") for i in range(1, count + 1)]
    entries = nav_entries(pages)
    assert _leaves(entries) == [p.src_uri for p in pages]
    assert _widest(entries) <= NAV_GROUP
    if count > NAV_GROUP:
        ((label, _),) = entries[0].items()
        assert label.startswith("Courses 1–"), label


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> tuple[Path, BuiltSite]:
    """The project with three times the real catalogue (more courses than one menu level holds)."""
    project = copy_project(tmp_path_factory.mktemp("grown") / "project")
    synth.grow(project, 3)
    dest = project / "site"
    result = build_site(dest, root=project)
    assert result.returncode == 0, f"strict build of the grown catalogue failed:\n{result.stdout}\n{result.stderr}"
    return project, BuiltSite(dest)


def test_synthetic_catalogue_is_valid_data(grown):
    project, _ = grown
    result = subprocess.run([sys.executable, "-m", "macros.check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "15 courses" in result.stdout


def test_long_catalogue_nests_in_groups_and_every_course_keeps_its_entry(grown):
    _, site = grown
    courses = sorted(p for p in site.pages() if p.startswith("courses/") and p != "courses/")
    assert len(courses) == 15
    page = "courses/bench-course-10/"  # order 15, in the second group
    nav = site.soup(page).select_one("nav.md-nav--primary")
    text = " ".join(nav.get_text(" ").split())
    assert "Courses 1–12" in text and "Courses 13–15" in text
    # Its own group is open (the page itself and the other two courses), the other one is a single link.
    links = [a["href"] for a in nav.select("a[href]")]
    assert [h for h in links if "bench-course-" in h] == ["../bench-course-8/", "../bench-course-9/"]
    assert "Course 10" in nav.select_one("a.md-nav__link--active").get_text()
    assert len(links) < 40, f"{len(links)} links in one page's navigation"
    # From the catalogue page every course is one click away.
    catalogue = {a["href"].strip("./").split("/")[-1] for a in site.article("courses/").select("a[href]")}
    assert {c.rstrip("/").split("/")[-1] for c in courses} <= catalogue


def test_topic_pages_list_a_bounded_number_of_related_modules(grown):
    """With a long catalogue a topic page shows the first 12 related modules and points to the theme index."""
    _, site = grown
    capped = 0
    for page in (p for p in site.pages() if p.startswith("topics/") and p != "topics/"):
        article = site.article(page)
        modules = [a for a in article.select("a[href]") if "#module-" in a["href"]]
        assert len(modules) <= 12, f"{page}: {len(modules)} related modules listed"
        if "related modules, in the recommended order" in article.get_text(" "):
            capped += 1
            assert len(modules) == 12
            assert any(a["href"].rstrip("/").endswith("themes") for a in article.select("a[href]"))
    assert capped, "no topic page has more than 12 related modules in the grown catalogue"
