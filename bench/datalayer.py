"""Time one build and split it: the data layer versus MkDocs, the theme and plugins.

Run as `python bench/datalayer.py PROJECT SITE_DIR`; prints one JSON object. The build is MkDocs'
own (`mkdocs.config.load_config`, then `mkdocs.commands.build.build`, what `mkdocs build` runs),
twice in this process: once under Python's profiler, for the split, then once as it is, for the
CPU and wall-clock totals. Nothing of MkDocs or of a plugin is replaced or wrapped: the split is
read from the profile, by function:

- each plugin's event handlers: the time of each method MkDocs' `run_event` called, by plugin;
- Markdown → HTML: `Page.render`; the theme's page templates: what `_build_page` spends outside
  the event handlers it runs; the data layer's YAML load and validation (`load_data`, `validate`).

Profiling slows every call, so the split is given as shares of the profiled build, applied to the
plain build's CPU total.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# A handler's file -> the plugin's name in the report (the site's `imh` and `macros` by name).
PLUGIN_NAMES = {"/macros/plugin.py": "imh", "/mkdocs_macros/plugin.py": "macros",
                "/material/plugins/tags/plugin.py": "material/tags"}


def plugin_name(filename: str) -> str:
    path = Path(filename).as_posix()
    for tail, name in PLUGIN_NAMES.items():
        if path.endswith(tail):
            return name
    return Path(filename).parent.name or path


def build(project: Path, site_dir: Path, profile: cProfile.Profile | None = None) -> tuple[float, float]:
    """One `mkdocs build` of PROJECT into SITE_DIR: its wall-clock and CPU seconds."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    start, cpu = time.perf_counter(), time.process_time()
    if profile is None:
        mkdocs_build(config)
    else:
        profile.runcall(mkdocs_build, config)
    return time.perf_counter() - start, time.process_time() - cpu


def split(stats: pstats.Stats) -> dict[str, float]:
    """CPU seconds of the profiled build by part, from the profile's call graph."""
    raw = stats.stats  # (file, line, function) -> (calls, primitive calls, own time, cumulative, callers)
    events: dict[str, float] = defaultdict(float)
    run_event = next((key for key in raw if key[2] == "run_event" and key[0].endswith("mkdocs/plugins.py")), None)
    events_in_build_page = 0.0
    for key, (_, _, _, cumulative, callers) in raw.items():
        file, _, function = key
        if run_event in callers and function.startswith("on_"):  # an event handler MkDocs ran
            events[f"{plugin_name(file)} {function}"] += callers[run_event][3]
        if function == "render" and file.endswith("mkdocs/structure/pages.py"):
            events["markdown to HTML"] += cumulative
        elif function == "load_data" and file.endswith("macros/data/read.py"):
            events["data load_data"] += cumulative
        elif function == "validate" and file.endswith("macros/data/validate.py"):
            events["data validate"] += cumulative
        elif function == "_build_page" and file.endswith("mkdocs/commands/build.py"):
            events["page templates"] += cumulative
    if run_event is not None:
        events_in_build_page = sum(
            timing[3] for caller, timing in raw[run_event][4].items()
            if caller[2] == "_build_page" and caller[0].endswith("mkdocs/commands/build.py"))
    events["page templates"] -= events_in_build_page
    return dict(events)


def main(project: Path, site_dir: Path) -> dict:
    os.chdir(project)
    profile = cProfile.Profile(time.process_time)  # CPU time, as the plain build is measured
    _, profiled_cpu = build(project, site_dir, profile)
    parts = split(pstats.Stats(profile))
    wall, cpu = build(project, site_dir)
    scale = cpu / profiled_cpu if profiled_cpu else 0.0
    pages = sum(1 for _ in Path(site_dir).rglob("index.html"))
    return {"build_s": wall, "build_cpu_s": cpu, "pages": pages,
            "events": {k: {"s": v * scale} for k, v in sorted(parts.items(), key=lambda kv: -kv[1])}}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())))
