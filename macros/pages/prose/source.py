"""One page of docs/ split as MkDocs splits it, with lines numbered as the editor's file shows them.

MkDocs' own `get_data` takes the front matter off (YAML between `---` lines, or MultiMarkdown
`Key: value` lines), so what is checked here is exactly what the build reads; the front matter's
problems are reported at their line.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

import yaml
from mkdocs.utils.meta import YAML_RE, get_data

from ...data.lines import Lines
from ...data.problems import Problem
from ...data.yaml_errors import yaml_problem
from .limits import CONTROL, FRONT_MATTER_CHARS
from ..search_settings import SearchSettingsError, search_settings

# Templates a page may name: the theme's main.html, which carries the site's Content-Security-Policy
# (overrides/main.html); base.html and redirect.html do not, and a missing one would stop the build.
PAGE_TEMPLATES = ("main.html",)
STATUSES = ("new", "deprecated")  # the theme's own; it prints the value into a class
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
    prose_for_markdown: str = ""  # the body as Markdown reads it, each macro call a placeholder word (gate.py)
    prose: str = ""  # the same with code blanked out: the text and HTML the page writes itself

    def at(self, body_line: int, col: int, message: str, fix: str, level: str = "error") -> Problem:
        """A problem at a line of the body, numbered as the editor's file shows it."""
        return Problem(self.file, body_line + self.offset, max(col, 1), message, fix, level)

    @property
    def renders_macros(self) -> bool:
        """Whether mkdocs-macros renders the page: its test, `render_macros == False`, exactly."""
        return not self.meta.get("render_macros") == False  # noqa: E712 (0 and False both switch it off)


def _unsafe_front_matter(file: str, text: str) -> Problem | None:
    """Front matter too long to be a page's, or using YAML's anchors and aliases (`&x`, `*x`), which
    can make a few lines stand for millions of values: refused before it is read."""
    match = YAML_RE.match(text)
    if match is None:
        return None
    if len(match.group(0)) > FRONT_MATTER_CHARS:
        return Problem(file, 1, 1, f"the front matter is longer than {FRONT_MATTER_CHARS:,} characters",
                       "keep only the page's settings there (title, description, …): the words go below the second '---'")
    try:
        for token in yaml.scan(match.group(1)):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return Problem(file, token.start_mark.line + 2, token.start_mark.column + 1,
                               "the front matter uses a YAML anchor or alias ('&' or '*' before a name)",
                               "write each value out in full, or put the text in double quotes")
    except yaml.YAMLError:
        return None  # reported with its line by read_source
    return None


def _front_matter_values(page: PageSource, problems: list[Problem]) -> None:
    """Values in the front matter are plain text: no Jinja (mkdocs-macros would run it in a title),
    no control characters (YAML's escapes write them), no HTML in the title or description, and no
    `<`, `>` or `"` in any other setting: the theme prints settings as they are, into the page's text
    and attributes (a `subtitle:` in the navigation, a `status:` in a class, an `author:` in a
    `<meta>`), where only the title and description are escaped first (macros/plugin.py)."""

    def text(value: str, key: str) -> tuple[str, str] | None:
        if any(mark in value for mark in ("{{", "{%", "{#")):
            return (f"the front matter's '{key}' holds {{{{ … }}}} or {{% … %}}",
                    "the front matter is plain text: macros work only in the page's text below it")
        control = CONTROL.search(value)
        if control:
            return (f"the front matter's '{key}' holds an invisible control character (code {ord(control.group(0)):#04x})",
                    "delete it, and write the value as plain text")
        if key in ("title", "description"):
            if re.search(r"<[A-Za-z/!?]", value):
                return (f"the front matter's '{key}' holds HTML", "write it as plain text (write the sign as 'less than' if you need it)")
        elif re.search(r'[<>"]', value):
            return (f"the front matter's '{key}' holds '<', '>' or '\"', which the theme would print as they are",
                    "write it as plain words without them (only the title and description may hold them)")
        return None

    def walk(value, key: str, depth: int) -> tuple[str, str] | None:
        if depth > 3:
            return (f"the front matter's '{key}' is nested too deeply", "a page's settings are one word, a line of text, or a short list")
        if isinstance(value, dict):
            items = [*value.keys(), *value.values()]
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = list(value)
        elif isinstance(value, str):
            return text(value, key)
        elif isinstance(value, (bool, int, float, type(None), datetime.date)):
            return None
        else:  # bytes (`!!binary`) and other YAML types: printed as Python writes them
            return (f"the front matter's '{key}' is not text, a number or a list", "write it as plain text")
        return next(filter(None, (walk(item, key, depth + 1) for item in items)), None)

    for key, value in page.meta.items():
        if not isinstance(key, str):  # mkdocs-macros passes each setting to Jinja by its name
            problems.append(Problem(page.file, 1, 1, f"the front matter has a field named {key!r}, which is not a word",
                                    "write each setting as 'name: value', the name in letters"))
            continue
        found = walk(value, key, 1)
        if found:
            problems.append(Problem(page.file, meta_line(page, key), 1, *found))


def meta_line(page: PageSource, key: str) -> int:
    """The line of a front-matter field in the editor's file."""
    head = page.text.split("\n")[: page.offset]
    return next((n + 1 for n, line in enumerate(head) if line.lstrip().startswith(f"{key}:")), 1)


def read_source(file: str, src_uri: str, text: str, problems: list[Problem]) -> PageSource:
    """The page with its front matter parsed as MkDocs parses it; problems in it are reported."""
    unsafe = _unsafe_front_matter(file, text)
    if unsafe is not None:
        problems.append(unsafe)
        return PageSource(file, src_uri, text, {}, text)
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
    _front_matter_values(page, problems)
    for key, value in page.meta.items():
        if not isinstance(key, str):
            continue  # reported by _front_matter_values
        line = meta_line(page, key)
        if key == "ignore_macros":
            problems.append(Problem(file, line, 1, "the front matter's 'ignore_macros' is no longer understood (the build would stop)",
                                    "write 'render_macros: false' instead"))
        elif key == "template" and value not in PAGE_TEMPLATES:
            problems.append(Problem(file, line, 1, f"'template: {value}' is not a template for the site's pages",
                                    "delete the line (pages use the theme's main.html)"))
        elif key == "status" and value not in STATUSES:
            problems.append(Problem(file, line, 1, f"'status: {value}' is not a status the theme shows",
                                    f"write 'status: {STATUSES[0]}' or 'status: {STATUSES[1]}', or delete the line"))
        elif key not in FRONT_KEYS:
            close = difflib.get_close_matches(str(key), FRONT_KEYS, n=1, cutoff=0.6)
            problems.append(Problem(file, line, 1, f"the front matter has an unknown field '{key}', which the site ignores",
                                    f"did you mean '{close[0]}'?" if close else f"use only {', '.join(FRONT_KEYS[:3])}…, or delete the line",
                                    level="warning"))
        elif key in ("title", "description") and not (isinstance(value, str) and value.strip()):
            problems.append(Problem(file, line, len(key) + 3, f"the front matter's '{key}' should be text on one line",
                                    f"write it as '{key}: …', in double quotes if it holds ': '"))
        elif key in ("tags", "hide") and not (value is None or isinstance(value, list) and all(
                isinstance(item, str if key == "hide" else (str, int, float)) for item in value)):
            # The theme's tags plugin stops the build on anything else, and its templates test `"toc" in hide`.
            example = "tags: [Attachment, Reflective practice]" if key == "tags" else "hide: [navigation, toc]"
            problems.append(Problem(file, line, len(key) + 3, f"the front matter's '{key}' should be a list of words",
                                    f"write it as a list in square brackets, e.g. {example}"))
        elif key == "plone" and not isinstance(value, bool):
            problems.append(Problem(file, line, len(key) + 3, "the front matter's 'plone' should be false or true",
                                    "write 'plone: false' to keep the page out of the Plone copy, or delete the line"))
        elif key == "search":
            try:
                search_settings(page.meta)
            except SearchSettingsError as error:
                problems.append(Problem(file, line, 1, f"the front matter's {error.message}", error.fix))
    return page
