"""Load and validate `data/` once per build, for the plugin (macros/plugin.py) and `get_site`.

Warnings (an overdue review, say) are printed here as `make check` prints them, so a build
needs no separate check run first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .index import SiteIndex
from .read import load_data
from .model import Site
from .problems import Problem, report
from .validate import review_warnings, validate


class DataError(Exception):
    """The data has problems; they have already been printed for the editor."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.level == "error"]
        super().__init__(
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in data/ (listed above). "
            "Nothing was built; the last good site is unchanged."
        )


def load_site(root: Path) -> SiteIndex:
    """The validated site, indexed, or DataError after printing every problem."""
    loaded = load_data(root)
    site, problems = validate(loaded)
    if site is None:
        report(problems, sys.stderr)
        raise DataError(problems)
    report(problems + review_warnings(site, loaded), sys.stderr)  # warnings only: they do not stop the build
    files = {
        f"{kind}/{record.id}": doc.file
        for kind in ("courses", "topics")
        for record, doc in zip(getattr(site, kind), loaded.documents[kind])
    }
    return SiteIndex(site, files)


def get_site(root: Path) -> Site:
    """The validated site (for scripts and tests), or DataError after printing every problem."""
    return load_site(root).site
