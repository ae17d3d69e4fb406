"""`make check`: validate every file in data/ and print problems an editor can act on.

Exit status 0 when the data is good (warnings, such as an overdue review, do not fail),
1 when there is any error. Never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .load import load_data
from .problems import report
from .validate import review_warnings, validate


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    loaded = load_data(root)
    site, problems = validate(loaded)
    if site is not None:
        problems += review_warnings(site, loaded)
    report(problems, sys.stderr)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        print(f"\n{len(errors)} problem{'s' if len(errors) != 1 else ''} found in data/. "
              "Fix each one at the file and line shown, then run `make check` again.", file=sys.stderr)
        return 1
    print(f"data/ is valid: {len(site.courses)} courses, "
          f"{sum(len(c.modules) for c in site.courses)} modules, {len(site.topics)} monthly topics.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
