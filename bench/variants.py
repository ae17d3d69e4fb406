"""Does each piece of speed work earn its place? Build time with and without it, interleaved.

    .venv/bin/python -m bench.variants [--sizes 1,10] [--runs 5]
    .venv/bin/python -m bench.variants --lighthouse topics/attachment/ [--runs 5]

Each variant is a copy of the project with one piece switched off (`VARIANTS`); builds of all
variants alternate, so a busy machine slows each alike, and CPU seconds (user + system of the
build) are compared, which a shared machine disturbs less than wall time. Prints a table and
writes bench/variants.json (bench/variants-readers.json for the Lighthouse comparison).
Decisions taken from these figures: bench/NOTES.md, "Which speed work stays".
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests import synth
from tests.project import copy_project, quiet_env

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def without_nav_item_fork(project: Path) -> None:
    """The theme's own partials/nav-item.html instead of the site's leaner copy."""
    (project / "overrides" / "partials" / "nav-item.html").unlink()


def without_deferral(project: Path) -> None:
    """HTML components written into the Markdown where the macro is called (Markdown passes
    raw HTML blocks through), instead of placeholders swapped in after Markdown."""
    path = project / "macros" / "pages" / "blocks.py"
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(r"(    def defer\(self, html: Markup, searchable: bool = False\) -> Markup:\n(?:        .*\n)*?)"
                      r"        token = ", r'\1        return Markup("\\n\\n" + str(html) + "\\n\\n")\n        token = ', text)
    if n != 1:
        raise RuntimeError("macros/pages/blocks.py: defer() not found")
    path.write_text(text, encoding="utf-8")


def theme_palette(project: Path) -> None:
    """The theme's own palette toggle and component instead of palette.html + palette.js."""
    (project / "overrides" / "partials" / "palette.html").unlink()
    config = project / "mkdocs.yml"
    text, n = re.subn(r"^  - assets/javascripts/palette\.js.*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
    if n != 1:
        raise RuntimeError("mkdocs.yml: palette.js not found in extra_javascript")
    config.write_text(text, encoding="utf-8")


VARIANTS = {"as is": None, "theme's nav-item.html": without_nav_item_fork, "no deferred HTML": without_deferral}
READER_VARIANTS = {"as is": None, "theme's palette toggle": theme_palette}


def build_cpu(project: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
                            cwd=project, capture_output=True, text=True, env=quiet_env())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"build failed in {project}:\n{result.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def readers(page: str, runs: int) -> dict:
    """Lighthouse (mobile) on one page of each reader variant, runs alternating."""
    from bench import run as bench  # its Lighthouse settings and quiet-machine wait

    from tests.serve import Server

    work = BENCH / "work" / "readers"
    shutil.rmtree(work, ignore_errors=True)
    sites, results = {}, {}
    for n, (name, change) in enumerate(READER_VARIANTS.items()):
        project = copy_project(work / f"p{n}")
        if change:
            change(project)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
                                cwd=project, capture_output=True, text=True, env=quiet_env(SITE_URL="http://127.0.0.1/"))
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-2000:])
        sites[name] = project / "site"
        results[name] = {"performance": [], "tbt_ms": [], "cpu_index": []}
    for i in range(runs):
        for name, site in sites.items():
            with Server(site) as base:
                bench.wait_for_quiet()
                report = bench.lighthouse(base + page, work / f"lh-{i}-{len(results[name]['tbt_ms'])}-{name[:5]}.json")
            results[name]["performance"].append(round(100 * report["categories"]["performance"]["score"]))
            results[name]["tbt_ms"].append(round(report["audits"]["total-blocking-time"]["numericValue"]))
            results[name]["cpu_index"].append(round(report["environment"]["benchmarkIndex"]))  # higher is faster
    for name, figures in results.items():
        print(f"/{page:<28} {name:<24} performance median {statistics.median(figures['performance'])}, "
              f"TBT median {statistics.median(figures['tbt_ms'])} ms (runs {figures['tbt_ms']})", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lighthouse", metavar="PAGE", help="instead: Lighthouse on this page (e.g. topics/attachment/)")
    args = parser.parse_args()
    if args.lighthouse is not None:
        results = readers(args.lighthouse, args.runs)
        (BENCH / "variants-readers.json").write_text(json.dumps({"written": time.strftime("%Y-%m-%d %H:%M %Z"),
                                                                 "page": args.lighthouse, "lighthouse": results},
                                                                indent=2) + "\n", encoding="utf-8")
        return 0
    work = BENCH / "work" / "variants"  # tests/project.py leaves any folder named work out of copies
    shutil.rmtree(work, ignore_errors=True)
    results = {}
    for factor in [int(x) for x in args.sizes.split(",")]:
        projects = {}
        for name, change in VARIANTS.items():
            project = copy_project(work / f"x{factor}-{len(projects)}")
            if factor > 1:
                synth.grow(project, factor)
            synth.commit(project)
            if change:
                change(project)
            projects[name] = project
            build_cpu(project)  # warm: template bytecode cache, imports
        times: dict[str, list[float]] = {name: [] for name in projects}
        for _ in range(args.runs):
            for name, project in projects.items():
                times[name].append(build_cpu(project))
        results[f"x{factor}"] = times
        for name, runs in times.items():
            print(f"x{factor:<4} {name:<24} median {statistics.median(runs):6.2f} s CPU  "
                  f"(min {min(runs):.2f}, max {max(runs):.2f}, {len(runs)} builds)", flush=True)
    (BENCH / "variants.json").write_text(json.dumps({"written": time.strftime("%Y-%m-%d %H:%M %Z"),
                                                     "cpu_seconds": results}, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
