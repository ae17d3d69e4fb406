"""Load and validate `data/` once per build, for the plugin (macros/plugin.py) and `get_site`.

`load_checked` returns the problems (the plugin reports them with those of docs/); `load_site`
prints them, for scripts and tests.
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


def load_checked(root: Path) -> tuple[SiteIndex | None, list[Problem]]:
    """The validated site, indexed (None if data/ has errors), and every problem and warning found."""
    loaded = load_data(root)
    site, problems = validate(loaded)
    if site is None:
        return None, problems
    files = {
        f"{kind}/{record.id}": doc.file
        for kind in ("courses", "topics")
        for record, doc in zip(getattr(site, kind), loaded.documents[kind])
    }
    return SiteIndex(site, files), problems + review_warnings(site, loaded)  # warnings do not stop the build


def load_site(root: Path) -> SiteIndex:
    """The validated site, indexed, or DataError after printing every problem."""
    index, problems = load_checked(root)
    report(problems, sys.stderr)
    if index is None:
        raise DataError(problems)
    return index


def get_site(root: Path) -> Site:
    """The validated site (for scripts and tests), or DataError after printing every problem."""
    return load_site(root).site
