"""Turn validated data into page Markdown through small Jinja partials in `macros/pages/templates/`.

Templates produce Markdown (so headings get anchors, join the table of contents and become
search results of their own). Every value printed with `{{ … }}` is treated as plain text:
Markdown punctuation is backslash-escaped and HTML is entity-escaped, so a title holding
`<script>`, `[x](javascript:…)` or `{: onclick=… }` reaches the reader as those characters.
Markdown fields of the data go through `rich`: rendered once to HTML by the model's converter
(macros/data/markdown.py: only the field's features, links to https:// pages or this site's pages)
and placed in the page after Markdown (macros/pages/blocks.py), so no later pass reads them again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from pydantic_core import Url

from ..data.markdown import Converter, MarkdownText
from .abbreviations import Glossary

TEMPLATES = Path(__file__).parent / "templates"

# Escaping is kept to what can start Markdown syntax, because every backslash escape is one
# more pattern match for Python-Markdown, the largest cost of a long catalogue's build.
# pymdownx.escapeall (in mkdocs.yml) makes every backslash-escaped character literal.
# `< > & " '` are never backslash-escaped: HTML escaping turns them into entities, which
# Markdown keeps as they are (and `;` would be part of such an entity).
#
# Anywhere in a value: code, emphasis, links and images (`!` before `[`), attribute lists,
# tables, closing hashes of a heading, and the backslash itself.
_INLINE_MARKS = "\\`*_[]{}|#!"
_INLINE = re.compile("([" + re.escape(_INLINE_MARKS) + "])")
# At a value's start, which may be a line's start (a list item's text, say), the other marks
# that open a block there: `-` `+` lists (`*` is escaped above), `===` tabs, setext headings
# and rules, `~~~` fences, `???` details, `:`, and `.` or `)` after a number (`1.` starts a
# list). `#` headings and `!!!` admonitions are escaped above, `>` quotes and `<` HTML become
# entities. Values are single lines (below), so no other position is a line's start.
_LEADING = re.compile(r"^(\s*\d*)([-+=~:?.)])")


def text(value: Any) -> Markup:
    """Plain text made safe to place anywhere in Markdown."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    raw = str(value).replace("\r", "")
    # A blank line inside a single value would end the surrounding list or heading.
    raw = re.sub(r"\n\s*\n+", "\n", raw).replace("\n", " ") if "\n" in raw else raw
    escaped = _LEADING.sub(r"\1\\\2", _INLINE.sub(r"\\\1", raw), count=1)
    return Markup(escape(escaped))


def code(value: Any) -> Markup:
    """Plain text shown as code, e.g. a field name (`<code>` keeps underscores and stars literal)."""
    return Markup("<code>") + text(value) + Markup("</code>")


def help_text(value: Any) -> Markup:
    """Help written in the models (`macros/data/model.py`): plain text whose `backticked` parts are code."""
    parts = str(value or "").split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show it as typed
        return text(value)
    return Markup("").join(code(part) if i % 2 else text(part) for i, part in enumerate(parts))


def host(value: Any) -> str:
    """A web address's host without `www.`, e.g. `faimh.org`: the words of a link to another site."""
    name = urlsplit(str(value)).hostname or str(value)
    return name[4:] if name.startswith("www.") else name


def html_text(value: Any) -> Markup:
    """Plain text for places the theme inserts as HTML without escaping it.

    Material writes `page.title`, navigation titles and `page.meta.description` into pages
    as they are (MkDocs treats titles as HTML). Escaping them here shows `<script>` as text;
    braces become entities too, because mkdocs-macros renders any page title holding `{{`.
    """
    if isinstance(value, Markup):
        return value
    escaped = escape("" if value is None else str(value))
    return Markup(str(escaped).replace("{", "&#123;").replace("}", "&#125;"))


# Characters a URL may hold that would end a Markdown link destination `(…)` or an HTML
# attribute early; percent-encoding them keeps the address the same for the browser.
_URL_BREAKERS = {c: f"%{ord(c):02X}" for c in " ()<>\"'`{}|^"}


def words(value: Any) -> str:
    """A title's words, lower case, joined by '-': what a saved tick remembers a module by
    (overrides/assets/javascripts/tick-tools.js), so the tick follows the module when it moves."""
    return "-".join(re.findall(r"[^\W_]+", str(value).lower()))


def attr(value: Any) -> Markup:
    """A value for an HTML attribute or a Markdown link destination (quoted by the template).

    Web addresses (validated `HttpUrl`s) are percent-encoded where they hold characters
    that would close the link or the attribute.
    """
    raw = str(value)
    if isinstance(value, Url) or raw.startswith(("http://", "https://")):
        raw = "".join(_URL_BREAKERS.get(c, c) for c in raw)
    return Markup(escape(raw))


@functools.cache
def template_cache() -> FileSystemBytecodeCache:
    """Compiled templates kept between builds, in Jinja's bytecode cache (a private folder of the
    temporary directory, checked against each template's source, so pages are the same either way)."""
    return FileSystemBytecodeCache()


class Renderer:
    """One autoescaping Jinja environment shared by every macro and generated page.

    `defer(html, searchable)` returns the placeholder that puts `html` in the page after Markdown;
    `page_url(target)` the browser's address of a page of the site (e.g. `faq.md#x`) from the page
    being rendered, or None if there is no such page.
    """

    def __init__(self, abbreviations: dict[str, str], defer: Callable[[Markup, bool], Markup],
                 page_url: Callable[[str], str | None]):
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            finalize=text,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.do"],
            bytecode_cache=template_cache(),
        )
        self.glossary = Glossary(abbreviations)
        self._defer = defer
        self._page_url = page_url
        self._converters: dict[frozenset[str], Converter] = {}
        # A Markdown field in a Markdown template: its HTML, placed after Markdown.
        self.env.filters["rich"] = lambda value: defer(self.rich_html(value), True)
        # A Markdown field inside a template part written in HTML (`html_block`).
        self.env.filters["rich_html"] = self.rich_html
        # `{% filter html_block %}…{% endfilter %}`: part of a template written wholly in HTML, placed
        # after Markdown; `searchable=True`: before Material's search reads the page (macros/pages/blocks.py).
        self.env.filters["html_block"] = lambda html, searchable=False: defer(Markup(html), searchable)
        self.env.filters["attr"] = attr
        self.env.filters["text"] = text
        self.env.filters["words"] = words
        # Plain text with glossary terms in <abbr>, for components written as HTML (tables).
        self.env.filters["abbr"] = self.glossary.html
        self.env.filters["html_text"] = html_text
        self.env.filters["host"] = host
        self.env.filters["code"] = code
        self.env.filters["help"] = help_text

    def rich_html(self, value: MarkdownText) -> Markup:
        """A Markdown field as HTML, rendered with the features its field allows (the model checked
        it renders), glossary terms in <abbr>, links to this site's pages made relative to this page."""
        if not isinstance(value, MarkdownText):
            raise TypeError(f"`rich` is for Markdown fields of the data, not {type(value).__name__}: use {{{{ value }}}}")
        converter = self._converters.get(value.features)
        if converter is None:  # one per feature set and build, reset between fields
            converter = self._converters[value.features] = Converter(value.features, decorate=self.glossary.wrap)
        rendered = converter.convert(value, page_link=self._page_url)
        return Markup('<div class="imh-rich">\n' + rendered.html + "\n</div>")

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)
