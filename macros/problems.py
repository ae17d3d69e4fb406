"""A problem in the data, and how it is shown to an editor.

One shape for every message, so `make check`, the build and GitHub annotations agree:
`data/path.yaml:LINE:COLUMN: what is wrong — how to fix it`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    message: str
    fix: str
    level: str = "error"  # or "warning"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message} — {self.fix}"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (shown on the line in a pull request)."""

        def esc(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(value: str) -> str:
            return esc(value).replace(":", "%3A").replace(",", "%2C")

        return (
            f"::{self.level} file={esc_prop(self.file)},line={self.line},col={self.column},"
            f"title={esc_prop('Data ' + self.level)}::{esc(self.message + ' — ' + self.fix)}"
        )


def report(problems: list[Problem], stream) -> None:
    """Print problems for a person, and for GitHub when running in Actions."""
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(problems):
        label = "" if problem.level == "error" else "warning: "
        print(f"{label}{problem}", file=stream)
        if in_actions:
            print(problem.annotation(), file=stream)
