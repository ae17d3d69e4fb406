"""A problem in the data, and how it is shown to an editor.

One shape for every message, so `make check`, the build and GitHub annotations agree:
`data/path.yaml:LINE:COLUMN: what is wrong — how to fix it` (a warning, which does not
stop the build, says `warning:` after the position, as compilers do, so editors and
GitHub still find the file and line).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    message: str
    fix: str
    level: str = "error"  # or "warning"

    def __str__(self) -> str:
        label = "" if self.level == "error" else f"{self.level}: "
        return f"{self.file}:{self.line}:{self.column}: {label}{self.message} — {self.fix}"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (shown on the line in a pull request)."""

        def esc(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(value: str) -> str:
            return esc(value).replace(":", "%3A").replace(",", "%2C")

        title = "Data problem" if self.level == "error" else "Data warning"
        return (
            f"::{self.level} file={esc_prop(self.file)},line={self.line},col={self.column},"
            f"title={esc_prop(title)}::{esc(self.message + ' — ' + self.fix)}"
        )


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def report(problems: list[Problem], stream: TextIO, annotations: TextIO | None = None) -> None:
    """Print problems for a person on `stream`; in GitHub Actions, also as annotations.

    Annotations go to standard output, where the runner reads workflow commands, and are
    written once per problem even if the same problem is reported twice.
    """
    ordered = sorted(set(problems))
    for problem in ordered:
        print(problem, file=stream)
    if in_github_actions():
        out = annotations or sys.stdout
        for problem in ordered:
            print(problem.annotation(), file=out)
        out.flush()
    stream.flush()
