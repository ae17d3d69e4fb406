"""A problem in the data, and how it is shown to an editor.

One shape for every message, so `make check`, the build and GitHub annotations agree:
`data/path.yaml:LINE:COLUMN: what is wrong — how to fix it` (a warning, which does not
stop the build, says `warning:` after the position, as compilers do, so editors and
GitHub still find the file and line).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import TextIO

# Characters a terminal or log viewer would act on (ESC, CR, backspace…) or show as a line
# break (U+0085, U+2028, U+2029): shown as codes, so no value can forge or hide a line.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\n\t]")
_LONGEST = 80  # a value quoted in a message longer than this is cut in the middle


def visible(text: str) -> str:
    """`text` with every control or invisible character written as a code, e.g. \\x1b or <U+2028>."""

    def code(match: re.Match) -> str:
        char = match.group(0)
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char) or (
            f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"<U+{ord(char):04X}>")

    return _INVISIBLE.sub(code, text)


def shorten(text: str, limit: int = _LONGEST) -> str:
    """`text` cut to about `limit` characters (start and end kept), for quoting a value in a message."""
    return text if len(text) <= limit else f"{text[: limit * 2 // 3]}…{text[-(limit // 3 - 1):]}"


def _shown(text: str, limit: int) -> str:
    """Message text as printed: control characters visible, length bounded (values are shortened where quoted)."""
    return visible(shorten(text, limit))


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    message: str
    fix: str
    level: str = "error"  # or "warning" (does not stop the build), or "note" (a file left out on purpose)

    def __str__(self) -> str:
        label = "" if self.level == "error" else f"{self.level}: "
        return f"{_shown(self.file, 200)}:{self.line}:{self.column}: {label}{_shown(self.message, 400)} — {_shown(self.fix, 600)}"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (shown on the line in a pull request)."""

        def esc(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(value: str) -> str:
            return esc(value).replace(":", "%3A").replace(",", "%2C")

        kind = "Page" if self.file.startswith("docs/") else "Data"  # a prose page, or data/
        title = f"{kind} " + {"error": "problem", "warning": "warning"}.get(self.level, "note")
        command = {"note": "notice"}.get(self.level, self.level)
        return (
            f"::{command} file={esc_prop(_shown(self.file, 200))},line={self.line},col={self.column},"
            f"title={esc_prop(title)}::{esc(_shown(self.message, 400) + ' — ' + _shown(self.fix, 600))}"
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


class CheckFinished(Exception):  # noqa: N818 (a signal that every check has run, not an error)
    """Raised by the build in check mode (`make check`), once every check has run and before
    anything is written: the problems found, and the validated data (None if it has errors)."""

    def __init__(self, problems: list[Problem], index=None):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems
        self.index = index
