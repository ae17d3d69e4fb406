"""How big and how deeply nested a page of docs/ may be, so no page can stall or crash the build.

Markdown's work grows faster than the text on some patterns (every unclosed `[` is searched to the
end of its paragraph; nested quotes, lists and emphasis recurse), so size alone is not a bound:
each limit below caps one such pattern, far above what any page of the site needs (the largest
today is under a fifth of each). A page over a limit is reported at the line where it goes over
and is not rendered. docs/editing.md lists the same limits for staff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAGE_BYTES = 100_000  # a file of docs/ (the largest page today is about 20 KB)
FRONT_MATTER_CHARS = 4_000
PARAGRAPH_CHARS = 5_000  # text between two blank lines
PER_PARAGRAPH = {"`": 400, "*": 200, "_": 200, "<": 200, "|": 400}  # the marks Markdown searches ahead for
# Markdown reads a link's text up to its matching ']' (and its address up to the matching ')'), so an
# unclosed '[' costs the rest of its paragraph: the sum of those distances is capped instead of the count.
LINK_SEARCH = 60_000
HEADINGS = 200
ABBREVIATIONS = 20  # `*[term]: …` lines of a page
QUOTE_DEPTH = 10  # `> > >`
INDENT = 40  # leading spaces (a tab counts as 4): lists, quotes and blocks inside one another

_WHAT = {"`": "backticks '`'", "*": "asterisks '*'", "_": "underscores '_'", "<": "'<' signs", "|": "table bars '|'"}
# Characters that are neither text nor a line break: shown nowhere, and able to break what reads them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class OverLimit:
    line: int  # in the text given
    col: int
    message: str
    fix: str


def control_characters(text: str) -> list[OverLimit]:
    """Invisible control characters (other than tab and line break), each at its place."""
    found = []
    for match in CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(OverLimit(line, col, f"an invisible control character (code {ord(match.group(0)):#04x})",
                               "delete it (it usually comes in with text pasted from another program)"))
        if len(found) >= 10:
            break
    return found


def over_limits(text: str) -> list[OverLimit]:
    """Where `text` (a whole page) goes over a limit; at most one problem of each kind."""
    found: list[OverLimit] = []
    seen: set[str] = set()

    def over(kind: str, line: int, col: int, message: str, fix: str) -> None:
        if kind not in seen:
            seen.add(kind)
            found.append(OverLimit(line, col, message, fix))

    headings = abbreviations = 0
    paragraph_start, paragraph = 1, []
    lines = text.split("\n")
    for number, line in enumerate(lines + [""], 1):
        if line.strip():
            if not paragraph:
                paragraph_start = number
            paragraph.append(line)
        elif paragraph:
            _paragraph(paragraph_start, paragraph, over)
            paragraph = []
        if number > len(lines):
            break
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        if indent > INDENT:
            over("indent", number, 1, f"this line is indented {indent} spaces, more than the {INDENT} a page may use",
                 "lists, quotes and blocks inside one another go no deeper than that: indent less")
        depth = len(re.match(r"(?:>[ \t]*)*", stripped).group(0).replace(" ", "").replace("\t", ""))
        if depth > QUOTE_DEPTH:
            over("quote", number, indent + 1, f"quotes are nested {depth} deep here, more than {QUOTE_DEPTH}",
                 "use fewer '>' at the start of the line")
        headings += bool(re.match(r"#{1,6}(?:[ \t]|$)", stripped))
        if headings > HEADINGS:
            over("headings", number, 1, f"the page has more than {HEADINGS} headings", "split it into several pages")
        abbreviations += stripped.startswith("*[")
        if abbreviations > ABBREVIATIONS:
            over("abbr", number, 1, f"the page defines more than {ABBREVIATIONS} abbreviations ('*[…]: …' lines)",
                 "add terms to data/glossary.yaml instead: every page then explains them")
    return found


def _paragraph(start: int, lines: list[str], over) -> None:
    text = "\n".join(lines)
    if len(text) > PARAGRAPH_CHARS:
        over("paragraph", start, 1, f"the paragraph starting here is {len(text):,} characters long, more than {PARAGRAPH_CHARS:,}",
             "break it up with blank lines (a paragraph that long is hard to read on a phone anyway)")
    unclosed = _link_search(text)
    if unclosed is not None:
        line = start + text.count("\n", 0, unclosed)
        col = unclosed - (text.rfind("\n", 0, unclosed) + 1) + 1
        over("[", line, col, "this '[' (or one after it) is never closed or holds too many others, and the paragraph has too many such",
             "close each '[' with ']' (a link is written [its text](address)), or write the sign as \\[")
    for mark, most in PER_PARAGRAPH.items():
        if text.count(mark) > most:
            nth = _nth(text, mark, most + 1)
            line = start + text.count("\n", 0, nth)
            col = nth - (text.rfind("\n", 0, nth) + 1) + 1
            over(mark, line, col, f"the paragraph has more than {most} {_WHAT[mark]}",
                 "break it up with blank lines, or write fewer of them (a long run is often pasted by mistake)")


def _link_search(text: str) -> int | None:
    """Where the '[' stands whose search, with those before it, goes over LINK_SEARCH (None: within it)."""
    searched, opened, parens = 0, [], []
    for index, char in enumerate(text):
        if char == "[":
            opened.append(index)
        elif char == "]" and opened:
            searched += index - opened.pop()
            if text.startswith("(", index + 1):
                parens.append(index + 1)
        elif char == ")" and parens:
            searched += index - parens.pop()
        if searched > LINK_SEARCH:
            return (opened or parens or [index])[0]
    for left in opened + parens:
        searched += len(text) - left
        if searched > LINK_SEARCH:
            return left
    return None


def _nth(text: str, mark: str, n: int) -> int:
    index = -1
    for _ in range(n):
        index = text.find(mark, index + 1)
    return index
