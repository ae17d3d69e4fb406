"""`make check`: validate every file in data/ and print problems an editor can act on.

    python -m macros.editors.check [PROJECT_ROOT]

Exit status 0 when the data is good (warnings, such as an overdue review, do not fail),
1 when there is any error, 2 if the checker itself failed. Never a traceback: the build
runs the same validation (macros/data/load.py), so what passes here builds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .docs_check import check_docs
from ..data.read import load_data
from ..data.problems import report
from ..data.validate import review_warnings, validate


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    if not (root / "data").is_dir():
        print(f"{root / 'data'}: no data folder here — run `make check` in the project folder", file=sys.stderr)
        return 1
    loaded = load_data(root)
    site, problems = validate(loaded)
    if site is not None:
        problems += review_warnings(site, loaded)
    problems += check_docs(root, site)  # the prose pages in docs/, checked like the data
    report(problems, sys.stderr)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        files = len({p.file for p in errors})
        print(f"\n{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} file{'s' if files != 1 else ''}. "
              "Fix each one at the file and line shown, then run `make check` again "
              "(docs/editing.md explains every field).", file=sys.stderr)
        return 1
    modules = sum(len(c.modules) for c in site.courses)
    print(f"data/ is valid: {len(site.courses)} courses, {modules} modules, {len(site.topics)} monthly topics.")
    return 0


def run(argv: list[str]) -> int:
    """`main`, with any fault of the checker itself reported in one line, not a traceback."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 (the editor must never see a traceback)
        if os.environ.get("IMH_DEBUG"):
            raise
        print(f"make check stopped: {type(error).__name__}: {error} — this is a fault in the site's code, "
              "not in your edit: please report it (set IMH_DEBUG=1 to see the details)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
