"""`make bench`: how fast the site is for readers, and how the build grows with the catalogue.

Run from the project folder as `python -m bench.run` (it imports the tests' project copy, server and
synthetic catalogue from tests/). Writes the figures, with a description of the machine, as data to bench/results.json and renders
the report bench/RESULTS.md from them (bench/report.py, template bench/report.md.j2);
`--report-only bench/results.json` renders the report again without measuring.

1. Readers: a fresh strict build of the current tree, served on 127.0.0.1 as GitHub Pages
   serves it (gzip, see tests/serve.py), audited by Lighthouse (mobile defaults) on the home page,
   the catalogue, a course page and a monthly topic page; page weight per kind of resource,
   from the requests the browser made.
2. The build: a copy of the project with the catalogue grown to x1, x10 and x100 its size
   (tests/synth.py), `make build` timed several times at each size (medians), the cost of each added
   course, and the same with a flat navigation for comparison.
3. The data layer: load + validate + the imh plugin + macros, split out of a profiled `mkdocs build`
   (datalayer.py).

Nothing here runs in `make test`. The machine may be shared: every timing is a median and the
load average is recorded next to it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.report import WEIGHT_KINDS, render
from bench.search_report import search_measurements
from bench.search_time import SEARCH_FILES
from macros.outputs import search_index
from tests import synth
from tests.project import copy_project
from tests.serve import Server, transfer_size

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

PYTHON = sys.executable
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless, and none of Chromium's own calls home during a run (they would show as requests
# to other hosts and add noise).
CHROME_FLAGS = [
    "--headless", "--no-sandbox",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
    "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication",
    "--no-first-run", "--no-default-browser-check", "--metrics-recording-only",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}


# --- helpers ------------------------------------------------------------------------------


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def first_line(cmd: list[str]) -> str:
    try:
        out = run(cmd, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "not found"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def wait_for_quiet(limit: float = 45.0) -> float:
    """Wait (at most `limit` seconds) until the 1-minute load average is under the number of
    cores, so Lighthouse's CPU-bound figures are less disturbed; returns the load at the start."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    deadline = time.monotonic() + limit
    while os.getloadavg()[0] >= cores and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


def env(**extra: str) -> dict[str, str]:
    path = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, "PATH": path, "NO_MKDOCS_2_WARNING": "1", **extra}



# --- the machine --------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    os_name = platform.platform()
    try:
        pretty = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1)
        os_name = f"{pretty} (kernel {platform.release()})"
    except (OSError, AttributeError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = run([PYTHON, "-c", "import importlib.metadata as m; print(', '.join(f'{p} {m.version(p)}' for p in "
                    "('mkdocs', 'mkdocs-material', 'mkdocs-macros-plugin', 'pydantic', 'PyYAML')))"]).stdout.strip()
    return [
        ("CPU", cpu), ("Cores", f"{os.cpu_count()} ({usable} usable by this process)"), ("Memory", memory),
        ("OS", os_name), ("Python", platform.python_version()), ("Site packages", versions),
        ("Chromium", first_line([CHROMIUM, "--version"])),
        ("Lighthouse", first_line([str(LIGHTHOUSE), "--version"])), ("Node.js", first_line(["node", "--version"])),
        ("Load average at start (1, 5, 15 min)", load()),
    ]


# --- readers: Lighthouse and page weight --------------------------------------------------


def sample_pages(project: Path) -> list[tuple[str, str]]:
    """Home, catalogue, the first course and the first monthly topic, as (label, url path)."""
    code = ("from pathlib import Path; from macros.data.load import load_site; from macros.pages.generated import generated_pages;"
            "p = generated_pages(load_site(Path.cwd()));"
            "print(next(x.key for x in p if x.key.startswith('courses/')));"
            "print(next(x.key for x in p if x.key.startswith('topics/')))")
    out = run([PYTHON, "-c", code], cwd=project, env=env(), check=True).stdout.split()
    return [("Home", ""), ("Catalogue", "courses/"), ("Course page", out[0] + "/"), ("Monthly topic page", out[1] + "/")]


def lighthouse(url: str, out: Path) -> dict:
    result = run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                  "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=" + " ".join(CHROME_FLAGS)],
                 env=env(CHROME_PATH=CHROMIUM), timeout=300)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(out.read_text())


def kind_of(item: dict) -> str:
    """Which column of the weight table a request belongs to."""
    url, rtype = item["url"], item.get("resourceType", "")
    path = urlsplit(url).path
    if any(part in path for part in SEARCH_FILES) or path.endswith("search_index.json"):
        return "search index"
    if rtype == "Document":
        return "HTML"
    if rtype == "Stylesheet":
        return "CSS"
    if rtype == "Script":
        return "JS"
    if rtype == "Font" or path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "fonts"
    if rtype == "Image" or path.endswith((".png", ".svg", ".ico", ".jpg", ".jpeg", ".webp", ".avif", ".gif")):
        return "images"
    return "other"


@dataclass
class Audit:
    label: str
    path: str
    runs: list[dict] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)  # 1-minute load average when each run started

    @property
    def median(self) -> dict:
        """The run with the median performance score (its other figures go with it)."""
        ordered = sorted(self.runs, key=lambda r: r["categories"]["performance"]["score"])
        return ordered[len(ordered) // 2]

    def scores(self) -> dict[str, int]:
        """Performance of the median run; the other categories at their lowest over all runs."""
        scores = {c: min(round(r["categories"][c]["score"] * 100) for r in self.runs) for c in CATEGORIES}
        scores["performance"] = round(self.median["categories"]["performance"]["score"] * 100)
        return scores

    def perf_runs(self) -> list[int]:
        return [round(r["categories"]["performance"]["score"] * 100) for r in self.runs]

    def tbt_runs(self) -> list[int]:
        return [round(r["audits"]["total-blocking-time"]["numericValue"]) for r in self.runs]

    def weights(self) -> dict[str, int]:
        totals = {k: 0 for k in WEIGHT_KINDS}
        for item in self.requests():
            totals[kind_of(item)] += item.get("transferSize") or 0
        return totals

    def requests(self) -> list[dict]:
        return self.median["audits"]["network-requests"]["details"]["items"]

    def foreign(self, origin: str) -> list[str]:
        return sorted({i["url"] for i in self.requests()
                       if not i["url"].startswith(("data:", "blob:")) and not i["url"].startswith(origin)})

    def render_blocking(self) -> list[str]:
        audit = self.median["audits"].get("render-blocking-insight") or self.median["audits"].get("render-blocking-resources")
        items = ((audit or {}).get("details") or {}).get("items", [])
        return [i["url"] for i in items if isinstance(i, dict) and "url" in i]

    def shortfalls(self) -> list[str]:
        """Audits that cost points, with their category."""
        lines, report = [], self.median
        for cat in CATEGORIES:
            for ref in report["categories"][cat]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if audit.get("score") is None or audit["score"] >= 1 or not ref.get("weight"):
                    continue
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"{cat}: {audit['title']}{value}, score {audit['score']:.2f}")
        return lines

    def record(self) -> dict:
        """What the report shows of this page, as data."""
        audits = self.median["audits"]
        return {"label": self.label, "path": self.path, "scores": self.scores(),
                "metrics": {name: audits[key].get("displayValue", "") for key, name in METRICS.items()},
                "performance_runs": self.perf_runs(), "tbt_ms_runs": self.tbt_runs(), "load_runs": self.loads,
                "cpu_index_runs": [r["environment"]["benchmarkIndex"] for r in self.runs],
                "weights_bytes": self.weights(), "requests": len(self.requests()), "shortfalls": self.shortfalls()}




def readers(work: Path, runs: int) -> dict:
    """A fresh strict build served as GitHub Pages serves it, audited by Lighthouse round by round."""
    site = work / "site"
    server = Server(site)
    origin = server.url
    started = time.perf_counter()
    result = run([PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)], cwd=ROOT,
                 env=env(SITE_URL=origin))
    if result.returncode != 0:
        raise RuntimeError(f"the strict build failed:\n{result.stdout}\n{result.stderr}")
    build_s = time.perf_counter() - started
    audits = [Audit(label, path) for label, path in sample_pages(ROOT)]
    with server:
        # Round by round, so a burst of other work on the machine touches every page alike.
        for i in range(runs):
            for n, audit in enumerate(audits):
                audit.loads.append(wait_for_quiet())
                audit.runs.append(lighthouse(origin + audit.path, work / f"lighthouse-{n}-{i}.json"))
            print(f"  … round {i + 1}/{runs}: performance {[a.perf_runs()[-1] for a in audits]}, load {load()}", flush=True)
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {
        "build_s": build_s, "origin": origin, "lighthouse": first_line([str(LIGHTHOUSE), "--version"]),
        "chrome_flags": CHROME_FLAGS, "runs": runs, "pages": [a.record() for a in audits],
        "pagefind_bytes": sum(p.stat().st_size for p in index), "pagefind_files": len(index),
        "foreign": sorted({u for a in audits for u in a.foreign(origin)}),
        "blocking": sorted({u for a in audits for u in a.render_blocking()}),
    }


# --- the build ----------------------------------------------------------------------------

# --- the build ----------------------------------------------------------------------------


@dataclass
class Size:
    factor: int
    courses: int
    project: Path
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    facts: dict = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def prepare(work: Path, factor: int, flat: bool = False) -> Size:
    project = work / f"x{factor}{'-flat' if flat else ''}"
    shutil.rmtree(project, ignore_errors=True)
    copy_project(project)
    courses = synth.grow(project, factor)
    (project / ".gitignore").write_text(".venv\nsite/\n.site-new/\n", encoding="utf-8")
    synth.commit(project)
    if flat:
        pages = project / "macros" / "pages" / "generated.py"
        text = pages.read_text(encoding="utf-8")
        if not re.search(r"^NAV_GROUP = \d+", text, re.M):
            raise RuntimeError("macros/pages/generated.py has no NAV_GROUP to switch off")
        pages.write_text(re.sub(r"^NAV_GROUP = \d+", "NAV_GROUP = 10**9", text, flags=re.M), encoding="utf-8")
    return Size(factor, courses, project)


def timed_build(project: Path) -> tuple[float, float]:
    """`make build` in the copy: wall-clock seconds and CPU seconds (user + system, all processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = run(["make", "-s", "-o", ".venv/.installed", "build"], cwd=project, env=env())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"make build failed in {project}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def site_facts(project: Path) -> dict:
    from bs4 import BeautifulSoup

    site = project / "site"
    courses = [p for p in (site / "courses").glob("*/index.html")]
    biggest = max(courses, key=lambda p: p.stat().st_size)
    last = site / "courses" / f"bench-course-{len(courses) - 5}" / "index.html"
    sample = last if last.exists() else biggest
    nav = BeautifulSoup(sample.read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
    links = len([a for a in nav.select("a") if not a.find_parent("nav", class_="md-nav--secondary")]) if nav else 0
    # The search index (Pagefind's folder) and the time to write it, indexing the built site again.
    index = site / "pagefind"
    chunks = sorted(p.stat().st_size for p in (index / "index").glob("*.pf_index"))
    fragments = sorted(p.stat().st_size for p in (index / "fragment").glob("*.pf_fragment"))
    titles = site / "search" / "titles.json"  # the titles answered first (macros/outputs/search_titles.py)
    indexed = search_index.build_index(site)
    return {
        "index_bytes": indexed.bytes, "index_files": indexed.files, "index_s": indexed.seconds,
        "titles_bytes": titles.stat().st_size, "titles_gzip": transfer_size(titles),
        "chunks": chunks, "fragments": fragments,
        "pages": sum(1 for _ in site.rglob("index.html")),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "course_html": sample.stat().st_size, "nav_links": links,
    }




def timed_size(size: Size, count: int) -> None:
    """`count` timed builds of the copy, after one warm-up build."""
    timed_build(size.project)  # warm-up, not counted: compiles the copy's Python, fills the file cache
    for _ in range(count):
        wall, cpu = timed_build(size.project)
        size.wall.append(wall)
        size.cpu.append(cpu)


def build_scaling(work: Path, factors: list[int], runs: int, big_runs: int) -> list[Size]:
    """Each catalogue size built `runs` times (`big_runs` from x100), with the facts of its site."""
    sizes = []
    for factor in factors:
        s = prepare(work, factor)
        timed_size(s, runs if factor < 100 else big_runs)
        s.facts = site_facts(s.project)
        s.facts["load"] = load()
        sizes.append(s)
        print(f"  … x{factor}: {s.courses} courses, median {s.median:.2f} s wall, "
              f"{s.median_cpu:.2f} s CPU (runs: {', '.join(f'{w:.2f}' for w in s.wall)}), load {load()}",
              flush=True)
    return sizes


def flat_nav(work: Path, sizes: list[Size], flat_runs: int) -> list[dict]:
    """The same copies (x1 left out) with `NAV_GROUP` switched off: one flat nav entry per course."""
    rows = []
    for s in sizes:
        if s.factor == 1:
            continue
        flat = prepare(work, s.factor, flat=True)
        for _ in range(flat_runs):
            wall, cpu = timed_build(flat.project)
            flat.wall.append(wall)
            flat.cpu.append(cpu)
        facts = site_facts(flat.project)
        rows.append({"factor": s.factor, "wall_s": flat.wall, "cpu_s": flat.cpu,
                     "course_html": facts["course_html"], "nav_links": facts["nav_links"]})
        print(f"  … flat x{s.factor}: {flat.median:.2f} s wall, {flat.median_cpu:.2f} s CPU",
              flush=True)
        shutil.rmtree(flat.project, ignore_errors=True)
    return rows


# --- the data layer -----------------------------------------------------------------------


def data_layer(sizes: list[Size], work: Path) -> list[dict]:
    """One in-process build of each copy split by handler (datalayer.py), and `make check` on its own."""
    rows = []
    for s in sizes:
        # The copy's own macros/ (a variant may change it) before the installed package.
        out = run([PYTHON, str(BENCH / "datalayer.py"), str(s.project), str(work / f"datalayer-x{s.factor}")],
                  cwd=s.project, env=env(PYTHONPATH=str(s.project)))
        if out.returncode != 0:
            raise RuntimeError(f"datalayer.py failed:\n{out.stderr[-3000:]}")
        d = json.loads(out.stdout.strip().splitlines()[-1])
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        check = run([PYTHON, "-m", "macros.editors.check"], cwd=s.project, env=env())
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        rows.append({"factor": s.factor, "courses": s.courses, "pages": d["pages"], "build_cpu_s": d["build_cpu_s"],
                     "build_s": d["build_s"], "events": {k: v["s"] for k, v in d["events"].items()},
                     "check_ok": check.returncode == 0,
                     "check_cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)})
    return rows


# --- main ---------------------------------------------------------------------------------


def measure(args: argparse.Namespace, work: Path) -> dict:
    """Every figure of the run as data: what bench/results.json holds and the report is rendered from."""
    started = time.perf_counter()
    commit = run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT).stdout.strip() or "unknown"
    results = {
        "commit": commit, "written": time.strftime("%Y-%m-%d %H:%M %Z"),
        "dirty": bool(run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT).stdout.strip()),
        "machine": dict(machine()), "readers": None, "builds": None,
    }
    if not args.no_lighthouse:
        results["readers"] = readers(work, args.lighthouse_runs)
    if not args.no_build:
        sizes = build_scaling(work, [int(x) for x in args.sizes.split(",") if x.strip()], args.runs, args.big_runs)
        results["builds"] = {
            "sizes": [{"factor": s.factor, "courses": s.courses, "wall_s": s.wall, "cpu_s": s.cpu, "facts": s.facts}
                      for s in sizes],
            "flat_runs": args.flat_runs, "flat": flat_nav(work, sizes, args.flat_runs) if args.flat_runs else [],
            "search": search_measurements(sizes, args.search_runs), "data_layer": data_layer(sizes, work),
        }
    results["took_s"], results["load_end"] = time.perf_counter() - started, load()
    return results


def write_report(results: dict, out: Path) -> None:
    notes = BENCH / "NOTES.md"
    text = render(results, notes.read_text(encoding="utf-8") if notes.exists() else None)
    out.write_text(text, encoding="utf-8")
    print(text)
    print(f"\nWritten to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Writes bench/results.json and bench/RESULTS.md unless --out says otherwise.")
    parser.add_argument("--sizes", default="1,10,100", help="catalogue sizes as multiples of the real one (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=9, help="builds per size below x100 (default 9)")
    parser.add_argument("--big-runs", type=int, default=5, help="builds at x100 and above (default 5)")
    parser.add_argument("--flat-runs", type=int, default=1, help="builds per size with a flat nav, for comparison (0 skips)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page (default 5)")
    parser.add_argument("--search-runs", type=int, default=3, help="searches per size on the simulated phone (default 3)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the readers' part")
    parser.add_argument("--no-build", action="store_true", help="skip the build and data-layer parts")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md",
                        help="where to write the report (the measurements go beside it, as results.json)")
    parser.add_argument("--report-only", type=Path, metavar="RESULTS_JSON",
                        help="measure nothing: render the report again from a saved results.json")
    parser.add_argument("--keep", action="store_true", help="keep bench/work/ (copies, built sites, Lighthouse JSON)")
    args = parser.parse_args(argv)

    if args.report_only:
        write_report(json.loads(args.report_only.read_text(encoding="utf-8")), args.out)
        return 0
    work = BENCH / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        results = measure(args, work)
    except Exception:
        print(f"\nbench: stopped; {args.out.name} is unchanged and bench/work/ is kept for a look.", file=sys.stderr)
        raise
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_name("results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_report(results, args.out)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.SubprocessError) as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(1)
