"""Turn validated data into page Markdown through small Jinja partials in `macros/templates/`.

Templates produce Markdown (so headings get anchors, join the table of contents and become
search results of their own). Every value printed with `{{ … }}` is treated as plain text:
Markdown punctuation is backslash-escaped and HTML is entity-escaped, so a title holding
`<script>`, `[x](javascript:…)` or `{: onclick=… }` reaches the reader as those characters.
Only fields that allow Markdown go through `rich`, a separate converter that drops raw HTML,
images and links to anything but http(s), mailto or the site's own pages.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markdown as md
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"

# All ASCII punctuation except `&` and `;` (HTML entities are written with them after this
# step) and `< > " '` (HTML escaping turns those into entities, which Markdown keeps).
# pymdownx.escapeall (in mkdocs.yml) makes every backslash-escaped character literal.
_MD_SPECIAL = re.compile("([" + re.escape("".join(sorted(set(string.punctuation) - set("&;<>\"'")))) + "])")


def text(value: Any) -> Markup:
    """Plain text made safe to place anywhere in Markdown."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    raw = str(value).replace("\r", "")
    # A blank line inside a single value would end the surrounding list or heading.
    raw = re.sub(r"\n\s*\n+", "\n", raw).replace("\n", " ") if "\n" in raw else raw
    return Markup(escape(_MD_SPECIAL.sub(r"\\\1", raw)))


def attr(value: Any) -> Markup:
    """Plain text for an HTML attribute value (quoted by the template)."""
    return Markup(escape(str(value)))


class _SafeLinks(Treeprocessor):
    """Keep links to web pages and site pages; turn anything else into plain text."""

    ALLOWED = {"http", "https", "mailto", ""}

    def run(self, root):
        for parent in root.iter():
            for index, el in enumerate(list(parent)):
                if el.tag == "img":
                    # Images could load from another host; show their description instead.
                    span = md.util.etree.Element("span")
                    span.text = el.get("alt", "")
                    span.tail = el.tail
                    parent.remove(el)
                    parent.insert(index, span)
                elif el.tag == "a":
                    href = (el.get("href") or "").strip()
                    scheme = urlsplit(href).scheme.lower()
                    if scheme not in self.ALLOWED or href.lower().startswith(("//", "javascript", "data", "vbscript")):
                        el.tag = "span"
                        el.attrib.clear()
        return None


class _SafeMarkdown(md.Extension):
    def extendMarkdown(self, m):  # noqa: N802 (Markdown's API name)
        m.preprocessors.deregister("html_block")
        m.inlinePatterns.deregister("html")
        m.treeprocessors.register(_SafeLinks(m), "safe_links", 0)


class Renderer:
    """One autoescaping Jinja environment shared by every macro and generated page."""

    def __init__(self, abbreviations: dict[str, str] | None = None, url_for=None):
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            finalize=text,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.do"],
        )
        self._abbreviations = abbreviations or {}
        self.env.filters["rich"] = self.rich
        self.env.filters["attr"] = attr
        self.env.filters["text"] = text
        self.env.globals["url_for"] = url_for or (lambda *parts: "/".join(parts))

    def rich(self, value: str) -> Markup:
        """Markdown from a data field, rendered to safe HTML (no raw HTML, images or script links)."""
        converter = md.Markdown(
            extensions=[_SafeMarkdown(), "abbr", "sane_lists"],
            extension_configs={"abbr": {"glossary": self._abbreviations}},
        )
        return Markup('<div class="imh-rich" markdown="0">\n' + converter.convert(value) + "\n</div>")

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)
