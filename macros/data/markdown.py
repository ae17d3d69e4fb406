"""Markdown fields: what each allows, its limits, and the one converter that turns it into HTML.

A Markdown field of `data/` is rendered once, by `to_html`, into HTML that no later Markdown pass
reads (the pages place it after Markdown, macros/pages/blocks.py). The converter is Python-Markdown
with only the processors of the field's features registered, so any other syntax (headings, code,
images, raw HTML, attribute lists `{: … }`, reference links) stays text; then every element and
attribute of the result is checked against an allow-list, and links must go to `https://` pages
or pages of this site. The model renders each value with this converter when it validates it, so
`make check` refuses exactly what the build could not render, at the value's line.

Limits (`precheck`, linear in the text) keep Python-Markdown's slow and deeply recursive paths
out of reach: its link parser rescans the rest of the text for every unclosed `[`, and runs of
`*` or `_` and list markers on one line nest elements a level each (bench/NOTES.md, "Markdown
fields").
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import markdown
from markdown.blockprocessors import EmptyBlockProcessor, ListIndentProcessor, ParagraphProcessor
from markdown.extensions.sane_lists import SaneOListProcessor, SaneUListProcessor
from markdown.inlinepatterns import (
    ESCAPE_RE, LINE_BREAK_RE, LINK_RE, DelimiterProcessor, EscapeInlineProcessor, LinkInlineProcessor,
    SubstituteTagInlineProcessor,
)
from markdown.preprocessors import NormalizeWhitespace
from markdown.treeprocessors import InlineProcessor, PrettifyTreeprocessor, Treeprocessor, UnescapeTreeprocessor
from markdown.util import Registry

from .problems import shorten

# --- what a field may use ---------------------------------------------------------------

# Feature -> what editors read in the field's help (`_markdown` registers what each needs).
# Paragraphs, line breaks and backslash escapes are always there.
FEATURES: dict[str, str] = {
    "emphasis": "*italic* and **bold**",
    "links": "links to https:// pages or to pages of this site ([words](https://…) or [words](faq.md))",
    "lists": "lists (lines starting with '- ' or '1. ', indented 4 spaces to nest)",
}

# Elements the converter may produce, and the attributes each may keep.
_ALLOWED = {"div": (), "p": (), "br": (), "em": (), "strong": (), "a": ("href", "title"),
            "ul": (), "ol": ("start",), "li": ()}

# --- limits -----------------------------------------------------------------------------

MAX_CHARS = 5000  # about 800 words: a long FAQ answer is under 1,000 characters
MAX_BRACKETS = 100  # `[` (each link needs one): Python-Markdown rescans the text for each
MAX_RUN = 3  # `*` or `_` in a row: *** is bold italic; more only nests deeper
MAX_LIST_DEPTH = 3  # lists inside lists
MAX_DEPTH = 12  # elements inside elements, whatever made them (the limits above keep it lower)

_RUN = re.compile(r"\*{%d,}|_{%d,}" % (MAX_RUN + 1, MAX_RUN + 1))
# A list item's start: indentation, then list markers (several on one line nest a list each).
_LIST_START = re.compile(r"^([ \t]*)((?:(?:[-*+]|\d{1,9}[.)])[ \t]+)+)", re.M)
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+")


def describe(features: Iterable[str]) -> str:
    """The allow-list in editors' words, for the field's help."""
    kinds = ["paragraphs (a blank line between them)"] + [FEATURES[f] for f in FEATURES if f in set(features)]
    return f"Markdown allowed: {'; '.join(kinds)}. Anything else (HTML, headings, images, other links) is shown as typed."


def precheck(text: str, features: Iterable[str]) -> str | None:
    """The first limit `text` goes over, as 'what — how to fix it' ({field} stands for the field's
    name), or None. Linear in the text."""
    if len(text) > MAX_CHARS:
        return (f"{{field}} has {len(text)} characters, more than a Markdown field may hold ({MAX_CHARS})"
                " — shorten it, or put the detail on a page in docs/ and link to it")
    if text.count("[") > MAX_BRACKETS:
        return (f"{{field}} has {text.count('[')} square brackets '[', more than a Markdown field may hold ({MAX_BRACKETS})"
                " — keep the links the reader needs, and write other brackets as ( )")
    run = _RUN.search(text)
    if run:
        return (f"{{field}} has more than {MAX_RUN} '{run.group(0)[0]}' in a row ('{run.group(0)[:8]}{'…' if len(run.group(0)) > 8 else ''}')"
                " — write *italic*, **bold** or ***both***, nothing deeper")
    if "lists" in set(features):
        for match in _LIST_START.finditer(text):
            depth = len(match.group(1).expandtabs(4)) // 4 + len(_MARKER.findall(match.group(2)))
            if depth > MAX_LIST_DEPTH:
                return (f"{{field}} has a list nested {depth} levels deep, more than a Markdown field may hold ({MAX_LIST_DEPTH})"
                        " — keep lists at most three deep, with one list marker at the start of a line")
    return None


# --- the converter ----------------------------------------------------------------------

_HTTPS = re.compile(r"https://[^\s/?#@\\]+\.[^\s/?#@\\]+(?:[/?#][^\s\\]*)?", re.I)
_SITE_PAGE = re.compile(r"(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\.md(?:#[a-z0-9][a-z0-9_-]*)?")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def link_kind(address: str) -> str | None:
    """'https' or 'page' for an address a reader may follow from data, else None.

    `address` is what the browser reads (entities decoded); characters browsers drop from a URL
    are refused, so what is checked is what is followed."""
    if _INVISIBLE.search(address.strip()):
        return None
    address = address.strip()
    if _HTTPS.fullmatch(address):
        return "https"
    if _SITE_PAGE.fullmatch(address):
        return "page"
    return None


@dataclass
class Rendered:
    """The HTML of one field, and what the editor should hear about (links that were refused)."""

    html: str
    refused_links: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # site pages it links to, e.g. 'faq.md#who-benefits'
    too_deep: bool = False


class _Sanitise(Treeprocessor):
    """Keep allowed elements and attributes; links only to https:// pages or this site's pages."""

    def __init__(self, md, converter: "Converter"):
        super().__init__(md)
        self.converter = converter

    def run(self, root):
        result = self.converter.result
        stack = [(root, 0)]
        while stack:
            el, depth = stack.pop()
            if depth > MAX_DEPTH:
                result.too_deep = True
            if el.tag not in _ALLOWED:  # nothing registered makes one: kept as its text, never as markup
                el.tag = "span"
            keep = _ALLOWED.get(el.tag, ())
            for name in list(el.attrib):
                if name not in keep:
                    del el.attrib[name]
            if el.tag == "a":
                self._link(el, result)
            elif el.tag == "ol" and not el.get("start", "1").isdigit():
                del el.attrib["start"]
            stack.extend((child, depth + 1) for child in reversed(el))  # in document order
        return None

    def _link(self, el, result: Rendered) -> None:
        address = html.unescape(el.get("href") or "")
        kind = link_kind(address)
        href = None
        if kind == "https":
            href = address
        elif kind == "page":
            result.pages.append(address)
            href = self.converter.page_link(address)
        if href is None:
            result.refused_links.append(address)
            el.tag = "span"
            el.attrib.clear()
        else:
            # Stored as HTML text: the serializer escapes < > " and a bare &, never an entity.
            el.set("href", html.escape(href, quote=False))


class _Decorate(Treeprocessor):
    """The caller's last pass over the safe tree (the glossary's <abbr> titles)."""

    def __init__(self, md, converter: "Converter"):
        super().__init__(md)
        self.converter = converter

    def run(self, root):
        if self.converter.decorate is not None:
            self.converter.decorate(root)
        return None


class Converter:
    """One Python-Markdown instance per feature set, reset between fields (making one costs more
    than converting a field)."""

    def __init__(self, features: Iterable[str], decorate: Callable[[etree.Element], None] | None = None):
        self.features = frozenset(features)
        unknown = self.features - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown Markdown features: {sorted(unknown)}")
        self.decorate = decorate
        self.page_link: Callable[[str], str | None] = lambda address: None
        self.result = Rendered("")
        self.md = _markdown(self)

    def convert(self, text: str, page_link: Callable[[str], str | None] | None = None) -> Rendered:
        """`text` as HTML. Call `precheck` first: over the limits, Python-Markdown may be slow."""
        self.result = Rendered("")
        self.page_link = page_link or (lambda address: address)
        self.md.reset()
        # `&` is the one character to escape first: `&amp;` reaches the reader as `&`, so `&lt;`
        # typed stays `&lt;`. No registered processor reads `<`; the serializer escapes it.
        body = self.md.convert(text.replace("&", "&amp;"))
        if self.md.htmlStash.html_counter:  # nothing registered stashes HTML: fail closed if it did
            raise RuntimeError("raw HTML reached the Markdown stash")
        self.result.html = body
        return self.result


def _markdown(converter: Converter) -> markdown.Markdown:
    """Python-Markdown with only the processors the features need, at their usual priorities: a
    fixed set, so a new default of a later Python-Markdown (or a pattern an extension adds) never
    reaches data. Nothing that reads raw HTML, code, headings, quotes, images or references."""
    md = markdown.Markdown()
    features = converter.features
    md.preprocessors = Registry()
    md.preprocessors.register(NormalizeWhitespace(md), "normalize_whitespace", 30)
    parser = md.parser
    parser.blockprocessors = Registry()
    parser.blockprocessors.register(EmptyBlockProcessor(parser), "empty", 100)
    if "lists" in features:
        parser.blockprocessors.register(ListIndentProcessor(parser), "indent", 90)
        parser.blockprocessors.register(SaneOListProcessor(parser), "olist", 40)
        parser.blockprocessors.register(SaneUListProcessor(parser), "ulist", 30)
    parser.blockprocessors.register(ParagraphProcessor(parser), "paragraph", 10)
    md.inlinePatterns = Registry()
    md.inlinePatterns.register(EscapeInlineProcessor(ESCAPE_RE, md), "escape", 180)
    if "links" in features:
        md.inlinePatterns.register(LinkInlineProcessor(LINK_RE, md), "link", 160)
    md.inlinePatterns.register(SubstituteTagInlineProcessor(LINE_BREAK_RE, "br"), "linebreak", 100)
    if "emphasis" in features:
        md.inlinePatterns.register(DelimiterProcessor("*", "strong,em", md), "em_strong", 60)
        md.delimiters.add("_", "strong,em", smart=True)
    md.treeprocessors = Registry()
    md.treeprocessors.register(InlineProcessor(md), "inline", 20)
    md.treeprocessors.register(PrettifyTreeprocessor(md), "prettify", 10)
    md.treeprocessors.register(UnescapeTreeprocessor(md), "unescape", 0)
    md.treeprocessors.register(_Sanitise(md, converter), "imh_sanitise", -10)
    md.treeprocessors.register(_Decorate(md, converter), "imh_decorate", -20)
    md.postprocessors = Registry()  # nothing is stashed as raw HTML, so nothing is put back
    return md


# --- the model's check ------------------------------------------------------------------


class MarkdownText(str):
    """A Markdown field's value: the text as typed, with the features its field allows (which the
    pages render it with) and the pages of this site it links to."""

    features: frozenset[str]
    pages: tuple[str, ...]

    def __new__(cls, value: str, features: Iterable[str], pages: Iterable[str] = ()) -> "MarkdownText":
        text = super().__new__(cls, value)
        text.features = frozenset(features)
        text.pages = tuple(pages)
        return text


@functools.cache
def converter(features: frozenset[str]) -> Converter:
    """The model's converter for a feature set (no glossary: the pages add it, macros/pages/render.py)."""
    return Converter(features)


def check(value: str, features: Iterable[str]) -> MarkdownText:
    """`value` rendered as the pages will render it; ValueError('what — fix', {field} standing for
    the field's name) if it cannot be."""
    features = frozenset(features)
    problem = precheck(value, features)
    if problem:
        raise ValueError(problem)
    try:
        rendered = converter(features).convert(value)
    except RecursionError:  # the limits keep this out of reach; if not, a message, not a traceback
        rendered = None
    if rendered is None or rendered.too_deep:
        raise ValueError(f"{{field}} is nested more than {MAX_DEPTH} levels deep — use fewer lists inside lists "
                         "and less *emphasis* inside emphasis")
    if rendered.refused_links:
        address = rendered.refused_links[0]
        more = f" (and {len(rendered.refused_links) - 1} more)" if len(rendered.refused_links) > 1 else ""
        if address.strip().lower().startswith("http://"):
            raise ValueError(f"the link to {shorten(address, 60)}{more} in {{field}} uses http://, which is not secure — "
                             "write the address with https:// instead (open it in a browser to check it works)")
        raise ValueError(f"the link to '{shorten(address, 60)}'{more} in {{field}} is not one the site makes — links go to "
                         "https:// pages or to pages of this site (e.g. [the questions](faq.md)); write an email address as plain text")
    return MarkdownText(value, features, rendered.pages)
