"""The benchmark's tools work, and a catalogue too long for a flat menu still builds well.

Nothing is timed here (speed belongs to `make bench`). The synthetic catalogue the benchmark
grows must be valid data, and the nested navigation that keeps the build linear must keep
every course reachable, in order, with a short menu on every page.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, BuiltSite, build_site

import synth  # tests/synth.py: the catalogue the benchmark grows
from macros.pages.generated import NAV_GROUP, GeneratedPage, nav_entries
from project import check_in_process, copy_project


def test_bench_help_runs():
    result = subprocess.run([sys.executable, "-m", "bench.run", "--help"], cwd=ROOT, capture_output=True, text=True)
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
    result = check_in_process(project)  # what `make check` runs
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


def _results() -> dict:
    """A small results.json as bench/run.py writes it: two pages, three sizes, a failed search at x10."""
    page = {"path": "", "scores": {"performance": 63, "accessibility": 100, "best-practices": 100, "seo": 100},
            "metrics": {"FCP": "1.1 s", "LCP": "3.2 s", "TBT": "3,030 ms", "CLS": "0", "SI": "2.9 s"},
            "performance_runs": [63, 71], "tbt_ms_runs": [3028, 2500], "load_runs": [10.2, 3.0],
            "cpu_index_runs": [202.4, 1100], "requests": 15,
            "weights_bytes": {"HTML": 7885, "CSS": 30925, "JS": 51507, "fonts": 0, "images": 2048,
                              "search index": 0, "other": 717},
            "shortfalls": ["performance: Total Blocking Time (3,030 ms), score 0.02"]}
    origin = "http://127.0.0.1:33101/"

    def size(factor, courses, wall, cpu):
        return {"factor": factor, "courses": courses, "wall_s": wall, "cpu_s": cpu,
                "facts": {"pages": courses + 27, "site_bytes": 4_225_000 * factor, "index_bytes": 271_360,
                          "index_files": 39, "index_s": 0.6, "chunks": [26_000, 27_750], "fragments": [1400, 1500],
                          "course_html": 38_605, "nav_links": 15, "load": "13.96 13.08 12.16"}}

    def layer(factor, courses, cpu):
        return {"factor": factor, "courses": courses, "pages": courses + 27, "build_cpu_s": cpu, "build_s": cpu * 2,
                "events": {"data load_data": 0.02, "data validate": 0.01, "imh on_config": 0.07, "macros on_config": 0.01,
                           "macros on_page_markdown": 0.17, "markdown to HTML": 0.38, "page templates": 0.19,
                           "material/tags on_env": 0.01},
                "check_ok": True, "check_cpu_s": 0.82}

    search = {"time": {"page_bytes": 93_184, "search_before_opening": [], "first_result_ms": 3320, "final_ms": 1750,
                       "search_bytes": 146_022, "search_requests": 21}}
    return {
        "commit": "184819a", "written": "2026-11-30 14:00 UTC", "dirty": False, "took_s": 699.2,
        "load_end": "8.74 10.55 11.32", "machine": {"CPU": "AMD EPYC", "Cores": "2 (2 usable by this process)"},
        "readers": {"build_s": 9.4, "origin": origin, "lighthouse": "13.5.0", "chrome_flags": ["--headless"], "runs": 2,
                    "pages": [{**page, "label": "Home"}, {**page, "label": "Course page", "path": "courses/intro-imh/",
                                                           "scores": {**page["scores"], "performance": 99}}],
                    "pagefind_bytes": 271_360, "pagefind_files": 39, "foreign": [],
                    "blocking": [origin + "assets/stylesheets/site.css"]},
        "builds": {
            "sizes": [size(1, 5, [7.6, 6.4, 7.0], [2.75, 2.7, 2.8]), size(10, 50, [9.1, 9.5], [4.5, 4.4]),
                      size(100, 500, [45.0, 46.5], [18.26, 18.3])],
            "flat_runs": 1, "flat": [{"factor": 10, "wall_s": [12.0], "cpu_s": [6.0], "course_html": 60_000, "nav_links": 60}],
            "search": {"key_delay_ms": 150, "rows": [
                {"factor": 1, "page": "topics/attachment/", "load": "8.7 11.0 11.5", **search},
                {"factor": 10, "page": "topics/attachment/", "load": "10.5 11.3 11.6", "error": "browser crashed"},
                {"factor": 100, "page": "topics/attachment/", "load": "10.5 11.3 11.6",
                 "time": {**search["time"], "page_bytes": 95_130, "first_result_ms": 1400}}]},
            "data_layer": [layer(1, 5, 1.05), layer(10, 50, 2.35), layer(100, 500, 14.07)],
        },
    }


def _report(tmp_path: Path, results: dict) -> str:
    """bench/RESULTS.md as `make bench` renders it from saved results (`--report-only`: nothing measured)."""
    saved, out = tmp_path / "results.json", tmp_path / "RESULTS.md"
    saved.write_text(json.dumps(results), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "bench.run", "--report-only", str(saved), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_report_renders_every_section_and_figure_from_saved_results(tmp_path):
    text = _report(tmp_path, _results())
    # Readers: scores, per-run figures, targets, shortfalls, weights, hosts and render-blocking files.
    assert "tree at commit 184819a." in text and "| CPU | AMD EPYC |" in text
    assert "| Home | / | 63 | 63, 71 | 100 | 100 | 100 | 1.1 s | 3.2 s | 3,030 ms | 0 | 2.9 s |" in text
    assert "| Home | 63 / 3028 ms / 10.2 / 202 | 71 / 2500 ms / 3.0 / 1100 |" in text
    assert "- Home: performance 63" in text and "Course page: performance" not in text
    assert "Where home loses points (median run):\n\n- performance: Total Blocking Time (3,030 ms), score 0.02" in text
    assert "| Home | 7.7 KiB | 30.2 KiB | 50.3 KiB | 0.0 KiB | 2.0 KiB | 0.0 KiB | 0.7 KiB | 90.9 KiB | 15 |" in text
    assert "Home page: 90.9 KiB transferred (target under 200 KiB: met)." in text
    assert "265.0 KiB on disk in 39 files." in text
    assert "Requests to any other host: none. Render-blocking requests to another host: none." in text
    assert "(all on the site's own host): `/assets/stylesheets/site.css`." in text
    # The build: medians, per-course costs and their ratio, the x100 target, the flat-nav comparison.
    assert "| x1 | 5 | 32 | 7.00 s | 2.75 s | 7.6, 6.4, 7.0 | 4.03 MiB | 265.0 KiB | 0.60 s | 37.7 KiB | 15 |" in text
    assert "| x1 → x10 | 51.1 ms | 37.8 ms | 37.8 ms |" in text
    assert "x100 (500 courses) builds in 45.0 s wall in its least disturbed run (target under 10 s on 2 cores: MISSED)" in text
    assert "Each added course costs 0.82× as much from x10 to x100 as from x1 to x10" in text
    assert "| x10 | 12.00 s | 6.00 s | 58.6 KiB | 60 | 9.30 s | 4.45 s | 37.7 KiB | 15 |" in text
    # Search: the index, the timed search (a failure is a row, not a crash), the targets.
    assert "| x1 | 32 | 265.0 KiB | 39 | 2 (median 26.2 KiB, largest 27.1 KiB) | 2 (median 1.4 KiB) | 0.60 s |" in text
    assert "| x1 | /topics/attachment/: 91.0 KiB | none | **3.32 s** | – | 1.75 s | 142.6 KiB in 21 files |" in text
    assert "| x10 | failed: browser crashed |" in text
    assert "- x1: first result 3.32 s after the first keystroke (target under 1.0 s: MISSED)." in text
    assert "- x100: first result 1.40 s after the first keystroke (target under 1.5 s: met)." in text
    assert "(+2.1%; target within ±5%: met)" in text
    # The data layer: its share of the build, the other handlers, per-course and per-page costs.
    assert "| x1 | 32 | 1.05 s (2.1 s wall) | 0.02 + 0.01 s | 0.07 s | 0.01 s | 0.17 s | **0.25 s (24 %)** |" in text
    assert "- x1, other hooks and plugins: `material/tags on_env` 0.01 s." in text
    assert "In-process build CPU per added course: 28.9 ms from x1 to x10" in text
    assert "- x100: the data layer adds 0.25 s to 13.82 s of everything else in the build (+2 %)." in text
    assert "Benchmark took 699 s; load average at the end: 8.74 10.55 11.32." in text
    notes = (ROOT / "bench" / "NOTES.md").read_text(encoding="utf-8").rstrip("\n") + "\n"
    assert text.endswith(notes)  # bench/NOTES.md, appended as written
    figures = text[: -len(notes)]
    assert "{{" not in figures and "{%" not in figures


def test_report_only_renders_a_saved_results_file_without_measuring(tmp_path):
    results = _results()
    results["readers"] = results["builds"] = None  # a run with --no-lighthouse --no-build
    text = _report(tmp_path, results)
    saved = tmp_path / "results.json"
    assert text.startswith("# Benchmark results\n") and "## Machine" in text and "Benchmark took 699 s" in text
    assert "## Readers:" not in text and "## The build as" not in text
    assert "## Notes and analysis" in text  # bench/NOTES.md, appended as written
    # Nothing measured: the saved measurements are left as they were, only the report is written.
    assert json.loads(saved.read_text(encoding="utf-8")) == results
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RESULTS.md", "results.json"]
