"""Turn validated data into page Markdown through small Jinja partials in `macros/pages/templates/`.

Templates produce Markdown (so headings get anchors, join the table of contents and become
search results of their own). Every value printed with `{{ … }}` is treated as plain text:
Markdown punctuation is backslash-escaped and HTML is entity-escaped, so a title holding
`<script>`, `[x](javascript:…)` or `{: onclick=… }` reaches the reader as those characters.
Only fields that allow Markdown go through `rich`, a separate converter that drops raw HTML,
images and links to anything but http(s), mailto or the site's own pages.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown as md
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .abbreviations import GlossaryAbbr, GlossaryHtml
from pydantic_core import Url

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


def attr(value: Any) -> Markup:
    """A value for an HTML attribute or a Markdown link destination (quoted by the template).

    Web addresses (validated `HttpUrl`s) are percent-encoded where they hold characters
    that would close the link or the attribute.
    """
    raw = str(value)
    if isinstance(value, Url) or raw.startswith(("http://", "https://")):
        raw = "".join(_URL_BREAKERS.get(c, c) for c in raw)
    return Markup(escape(raw))


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def safe_href(href: str) -> bool:
    """True for links a reader may follow: http(s), mailto, or a page of this site.

    Browsers decode entities in attributes (`&#106;avascript:`) and ignore tabs, line
    breaks and invisible characters inside a URL, so both are undone before the scheme is
    read; an address for another host without a scheme (`//host`) is refused too.
    """
    bare = _INVISIBLE.sub("", html.unescape(html.unescape(href))).lower()
    if bare.startswith(("//", "\\\\", "/\\", "\\/")):
        return False
    scheme = _SCHEME.match(bare)
    return scheme is None or scheme.group(1) in ("http", "https", "mailto")


class _SafeLinks(Treeprocessor):
    """Keep links to web pages and site pages; turn anything else into plain text."""

    def run(self, root):
        for parent in list(root.iter()):
            for index, el in enumerate(list(parent)):
                if el.tag == "img":
                    # Images could load from another host; show their description instead.
                    span = etree.Element("span")
                    span.text = el.get("alt", "")
                    span.tail = el.tail
                    parent.remove(el)
                    parent.insert(index, span)
                elif el.tag == "a" and not safe_href(el.get("href") or ""):
                    el.tag = "span"
                    el.attrib.clear()
        return None


class _SafeMarkdown(md.Extension):
    """Markdown without raw HTML: `<b>` and `<script>` are shown as typed."""

    def extendMarkdown(self, m):  # noqa: N802 (Markdown's API name)
        m.preprocessors.deregister("html_block")
        m.inlinePatterns.deregister("html")
        m.treeprocessors.register(_SafeLinks(m), "safe_links", 0)


@functools.cache
def template_cache() -> FileSystemBytecodeCache:
    """Compiled templates kept between builds, in Jinja's bytecode cache (a private folder of the
    temporary directory, checked against each template's source, so pages are the same either way)."""
    return FileSystemBytecodeCache()


class Renderer:
    """One autoescaping Jinja environment shared by every macro and generated page."""

    def __init__(self, abbreviations: dict[str, str] | None = None):
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
        self._abbreviations = abbreviations or {}
        self._converter: md.Markdown | None = None
        self.env.filters["rich"] = self.rich
        self.env.filters["attr"] = attr
        self.env.filters["text"] = text
        # Plain text with glossary terms in <abbr>, for components written as HTML (tables).
        self.env.filters["abbr"] = GlossaryHtml(self._abbreviations)
        self.env.filters["html_text"] = html_text
        self.env.filters["host"] = host
        self.env.filters["code"] = code
        self.env.filters["help"] = help_text

    def rich(self, value: str) -> Markup:
        """Markdown from a data field, rendered to safe HTML (no raw HTML, images or script links)."""
        if self._converter is None:  # one converter per build, reset between fields
            self._converter = md.Markdown(
                extensions=[_SafeMarkdown(), GlossaryAbbr(glossary=self._abbreviations), "sane_lists"],
            )
        converter = self._converter.reset()
        # A raw HTML block: Markdown leaves it as it is (`markdown="0"` would stay in the page, invalid HTML).
        return Markup('<div class="imh-rich">\n' + converter.convert(value) + "\n</div>")

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)
