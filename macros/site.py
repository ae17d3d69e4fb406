"""The validated site, loaded once per state of `data/` and shared by the hook and the macros.

MkDocs calls the hook and the macros plugin separately; both ask here, so the data is read
and validated once per build (and again only when a file in `data/` changes, which keeps
`mkdocs serve` live). Warnings (an overdue review, say) are printed here as `make check`
prints them, so a build needs no separate check run first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .files import signature
from .load import load_data
from .model import Site
from .problems import Problem, report
from .validate import review_warnings, validate

_cache: dict[tuple, tuple[Site, dict[str, str]]] = {}


class DataError(Exception):
    """The data has problems; they have already been printed for the editor."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.level == "error"]
        super().__init__(
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in data/ (listed above). "
            "Nothing was built; the last good site is unchanged."
        )


def _load(root: Path) -> tuple[Site, dict[str, str]]:
    key = (str(root.resolve()), signature(root))  # lstat only: a FIFO or a dangling link cannot stop the build
    if key not in _cache:
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
        _cache.clear()
        _cache[key] = (site, files)
    return _cache[key]


def get_site(root: Path) -> Site:
    """The validated site, or DataError after printing every problem."""
    return _load(root)[0]


def data_files(root: Path) -> dict[str, str]:
    """Which YAML file each generated page comes from, e.g. 'courses/rios-1' -> 'data/courses/rios-1.yaml'."""
    return _load(root)[1]
