"""One page of docs/ split as MkDocs splits it, with lines numbered as the editor's file shows them.

MkDocs' own `get_data` takes the front matter off (YAML between `---` lines, or MultiMarkdown
`Key: value` lines), so what is checked here is exactly what the build reads; the front matter's
problems are reported at their line.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import yaml
from mkdocs.utils.meta import YAML_RE, get_data

from ...data.lines import Lines
from ...data.problems import Problem
from ...data.yaml_errors import yaml_problem
from ..search_settings import SearchSettingsError, search_settings

# Front-matter keys MkDocs, Material and the macros plugin read; any other is most likely a typo.
FRONT_KEYS = ("title", "description", "hide", "tags", "render_macros", "search", "status", "subtitle", "template", "icon",
              "comments", "data_file", "structured_data", "plone")  # the imh plugin's: edit button, JSON-LD, Plone export


def normalise(text: str) -> str:
    """The text as MkDocs reads a file: without a byte-order mark, every line break a `\\n`."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class PageSource:
    """One Markdown file of docs/, split into front matter and body."""

    file: str  # "docs/faq.md"
    src_uri: str  # "faq.md"
    text: str  # the whole file, normalised
    meta: dict = field(default_factory=dict)
    body: str = ""
    offset: int = 0  # lines before the body (the front matter and the blank lines after it)

    def at(self, body_line: int, col: int, message: str, fix: str, level: str = "error") -> Problem:
        """A problem at a line of the body, numbered as the editor's file shows it."""
        return Problem(self.file, body_line + self.offset, max(col, 1), message, fix, level)

    @property
    def renders_macros(self) -> bool:
        """Whether mkdocs-macros renders the page: its test, `render_macros == False`, exactly."""
        return not self.meta.get("render_macros") == False  # noqa: E712 (0 and False both switch it off)


def read_source(file: str, src_uri: str, text: str, problems: list[Problem]) -> PageSource:
    """The page with its front matter parsed as MkDocs parses it; problems in it are reported."""
    body, meta = get_data(text)
    page = PageSource(file, src_uri, text, meta if isinstance(meta, dict) else {}, body)
    page.offset = text[: len(text) - len(body)].count("\n")
    match = YAML_RE.match(text)
    if match is not None and body == text:  # delimiters, but MkDocs could not read what is between them
        try:
            yaml.safe_load(match.group(1))
        except yaml.YAMLError as error:
            # The data's own plain-words YAML messages, moved down by the opening '---' line.
            said = yaml_problem(file, error, Lines(match.group(1)))
            problems.append(Problem(file, said.line + 1, said.column, f"the front matter cannot be read: {said.message}",
                                    f"{said.fix} (until then the page would show its front matter as text)"))
        else:
            problems.append(Problem(file, 2, 1, "the front matter should hold 'name: value' lines",
                                    "write e.g. 'description: One sentence about the page.' between the two '---' lines"))
        return page
    if match is None and text.startswith("---\n"):
        problems.append(Problem(file, 1, 1, "the front matter that starts on line 1 with '---' is never closed",
                                "end it with a line holding only '---', before the page's text"))
        return page
    lines = text[: len(text) - len(body)].split("\n")
    for key, value in page.meta.items():
        line = next((n + 1 for n, text_line in enumerate(lines) if text_line.lstrip().startswith(f"{key}:")), 1)
        if key not in FRONT_KEYS:
            close = difflib.get_close_matches(str(key), FRONT_KEYS, n=1, cutoff=0.6)
            problems.append(Problem(file, line, 1, f"the front matter has an unknown field '{key}', which the site ignores",
                                    f"did you mean '{close[0]}'?" if close else f"use only {', '.join(FRONT_KEYS[:3])}…, or delete the line",
                                    level="warning"))
        elif key in ("title", "description") and not (isinstance(value, str) and value.strip()):
            problems.append(Problem(file, line, len(key) + 3, f"the front matter's '{key}' should be text on one line",
                                    f"write it as '{key}: …', in double quotes if it holds ': '"))
        elif key == "plone" and not isinstance(value, bool):
            problems.append(Problem(file, line, len(key) + 3, "the front matter's 'plone' should be false or true",
                                    "write 'plone: false' to keep the page out of the Plone copy, or delete the line"))
        elif key == "search":
            try:
                search_settings(page.meta)
            except SearchSettingsError as error:
                problems.append(Problem(file, line, 1, f"the front matter's {error.message}", error.fix))
    return page
