"""A file's lines as an editor counts them, so every message points at the line the editor sees."""

from __future__ import annotations

import bisect
import re

import yaml


class Lines:
    """A file's lines as an editor counts them: broken at LF, CRLF and CR only.

    YAML also breaks lines at U+0085, U+2028 and U+2029, which editors show inside a line;
    for a file holding one, marks are counted again from their character index.
    """

    _BREAK = re.compile(r"\r\n|\r|\n")

    def __init__(self, text: str):
        self.text = text
        self.odd = any(char in text for char in "\x85\u2028\u2029")
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in self._BREAK.finditer(self.text)]
        return self._starts

    def at_index(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts(), index)
        return line, index - self.starts()[line - 1] + 1

    def mark(self, mark: yaml.Mark | None) -> tuple[int, int]:
        if mark is None:
            return (1, 1)
        if self.odd:
            return self.at_index(mark.index)
        return (mark.line + 1, mark.column + 1)

    def line(self, number: int) -> str:
        starts = self.starts()
        if not 0 < number <= len(starts):
            return ""
        end = starts[number] if number < len(starts) else len(self.text)
        return self.text[starts[number - 1]: end].rstrip("\r\n")
