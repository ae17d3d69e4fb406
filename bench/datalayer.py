"""Time one build in-process and split it: the data layer versus MkDocs, the theme and plugins.

Run as `python bench/datalayer.py PROJECT SITE_DIR`; prints one JSON object. Every plugin and
hook event handler is wrapped with a timer (through MkDocs' plugin collection); so are Markdown
→ HTML (`Page.render`), page templates (`_build_page`, less the handlers it calls) and the data
layer's own load and validate functions. Times are CPU seconds of this process (what a build
costs, less disturbed than wall-clock time when other work shares the machine), with the
wall-clock total alongside.

The data layer is the imh plugin, macros/plugin.py (validate, expand the nav, one page per record
and render its content, place the HTML components) plus the macros plugin (define_env, then
rendering every macro call on the prose pages).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

spent: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)
_stack: list[float] = []  # CPU time of handlers nested inside the function being timed


def timer(key: str, fn, exclusive: bool = False):
    """`fn` with its CPU time added to spent[key]; with `exclusive`, less timed calls inside it."""

    def timed(*args, **kwargs):
        start = time.process_time()
        _stack.append(0.0)
        try:
            return fn(*args, **kwargs)
        finally:
            inner = _stack.pop()
            total = time.process_time() - start
            spent[key] += total - inner if exclusive else total
            calls[key] += 1
            if _stack:
                _stack[-1] += total

    return timed


def main(project: Path, site_dir: Path) -> dict:
    from mkdocs.commands import build as build_module
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    os.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)

    plugins = config.plugins
    for event, methods in plugins.events.items():
        for i, method in enumerate(methods):
            origin = plugins._event_origins.get(method, getattr(method, "__module__", "?"))
            methods[i] = timer(f"{origin} on_{event}", method)
    Page.render = timer("markdown to HTML", Page.render)
    build_module._build_page = timer("page templates", build_module._build_page, exclusive=True)

    # The whole cost of each synthetic course page (its macros and Markdown, then its template,
    # search entry and other handlers): what one more course adds to the pages, at this size.
    page_cpu: dict[str, float] = defaultdict(float)
    for name in ("_populate_page", "_build_page"):
        def whole(page, *args, _fn=getattr(build_module, name), **kwargs):
            start = time.process_time()
            try:
                return _fn(page, *args, **kwargs)
            finally:
                if page.file.src_uri.startswith("courses/bench-course-"):
                    page_cpu[page.file.src_uri] += time.process_time() - start
        setattr(build_module, name, whole)

    import macros.data.load as site_module  # the data layer's load and validate, once per build

    for name in ("load_data", "validate"):
        setattr(site_module, name, timer(f"data {name}", getattr(site_module, name)))

    start, cpu = time.perf_counter(), time.process_time()
    build_module.build(config)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    pages = sum(1 for _ in Path(site_dir).rglob("index.html"))
    course_pages = sorted(page_cpu.values())
    return {"build_s": total, "build_cpu_s": cpu, "pages": pages,
            "course_page_ms": 1000 * course_pages[len(course_pages) // 2] if course_pages else None,
            "events": {k: {"s": v, "calls": calls[k]} for k, v in sorted(spent.items(), key=lambda kv: -kv[1])}}


if __name__ == "__main__":
    project, site_dir = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    sys.path.insert(0, str(project))
    print(json.dumps(main(project, site_dir)))
