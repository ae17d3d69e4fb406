"""Time one build in-process and split it: the data layer versus MkDocs and the theme.

Run as `python bench/datalayer.py PROJECT SITE_DIR`; prints one JSON object. Every plugin and
hook event handler is wrapped with a timer (through MkDocs' plugin collection), and the data
layer's own load and validate functions are timed inside the first handler that calls them.
The data layer is `macros/hooks.py` (validate, expand the nav, generate one page per record)
plus the macros plugin (define_env, then rendering every macro call on every page).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def main(project: Path, site_dir: Path) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(project)
    started = time.perf_counter()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    loaded_config = time.perf_counter() - started

    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for i, method in enumerate(methods):
            origin = plugins._event_origins.get(method, getattr(method, "__module__", "?"))
            key = f"{origin} on_{event}"

            def timed(*args, __method=method, __key=key, **kwargs):
                start = time.perf_counter()
                try:
                    return __method(*args, **kwargs)
                finally:
                    spent[__key] += time.perf_counter() - start
                    calls[__key] += 1

            methods[i] = timed

    # The data layer's load and validate (cached after the first call; see macros/site.py).
    import macros.site as site_module

    for name in ("load_data", "validate"):
        original = getattr(site_module, name)

        def timed_fn(*args, __fn=original, __name=name, **kwargs):
            start = time.perf_counter()
            try:
                return __fn(*args, **kwargs)
            finally:
                spent[f"data {__name}"] += time.perf_counter() - start
                calls[f"data {__name}"] += 1

        setattr(site_module, name, timed_fn)

    start = time.perf_counter()
    build(config)
    total = time.perf_counter() - start
    pages = sum(1 for _ in Path(site_dir).rglob("index.html"))
    return {"build_s": total, "config_s": loaded_config, "pages": pages,
            "events": {k: {"s": v, "calls": calls[k]} for k, v in sorted(spent.items(), key=lambda kv: -kv[1])}}


if __name__ == "__main__":
    project, site_dir = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    sys.path.insert(0, str(project))
    print(json.dumps(main(project, site_dir)))
