"""The HTML a page of docs/ may hold: a short allow-list of harmless elements and attributes.

A page is Markdown; where it writes HTML (the theme's card grids, a `<details>`), only the elements
and attributes below pass, with safe values: links to https:, mailto:, tel: or pages of this
site, images that are files of this site, ids and classes that cannot pose as the theme's own.
`{: … }` attribute lists may give an `#id` or an allowed `.class`, nothing else. Anything else
(scripts, event handlers, `javascript:` and `data:` addresses, frames, objects, forms, SVG,
styles) is refused at its line. docs/editing.md lists the same for staff.

Two passes, one verdict: `scan_page` reads the page's text as written (exact lines; code is
skipped), then `MarkdownProbe` renders the page's text with the site's own Markdown extensions (the
macros stood in for by a placeholder) and judges every raw HTML block and every element and
attribute Markdown made, so nothing the first pass missed can reach the page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown.extensions.attr_list import get_attrs

PLACEHOLDER = "IMHMACRO"  # what a macro call is read as here (macro_calls.MacroGate.prose)

# Elements a page may write, and the attributes each may carry besides GLOBAL.
ELEMENTS: dict[str, tuple[str, ...]] = {
    **{name: () for name in (
        "div", "span", "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "abbr", "cite", "q", "code", "kbd", "samp", "var", "pre", "blockquote", "ul", "dl", "dt", "dd", "table", "caption",
        "thead", "tbody", "tfoot", "tr", "summary", "figure", "figcaption", "h2", "h3", "h4", "h5", "h6")},
    "ol": ("start", "reversed"), "li": ("value",), "th": ("colspan", "rowspan", "scope"), "td": ("colspan", "rowspan"),
    "details": ("open",), "time": ("datetime",), "a": ("href",), "img": ("src", "alt", "width", "height", "loading"),
}
GLOBAL = ("class", "id", "title", "lang", "dir", "markdown")
VOID = {"br", "hr", "img"}
# Classes a page may use: Material's card grids and button-styled links (nothing that poses as the theme's
# own parts); the mark of prose about the site's browser tools, left out of the Plone copy
# (macros/outputs/plone.py); the site's own suggestion, set apart from what sources say (site.css).
# A new class for pages goes here and in docs/editing.md ("What a page may hold").
CLASSES = ("grid", "cards", "card", "md-button", "md-button--primary", "imh-web-only", "imh-suggestion")
IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
MAX_NESTING = 20  # HTML elements inside one another

# Lower case (a heading's own id, or `_1` for a heading with no Latin letters): no id can stand in
# for a name the theme or a script looks up (`__config`, `imhOnPage`).
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}|_\d{1,4}")
_VALUES = {
    "id": _ID,
    "width": re.compile(r"\d{1,4}"), "height": re.compile(r"\d{1,4}"), "colspan": re.compile(r"\d{1,3}"),
    "rowspan": re.compile(r"\d{1,3}"), "start": re.compile(r"-?\d{1,6}"), "value": re.compile(r"-?\d{1,6}"),
    "scope": re.compile(r"row|col|rowgroup|colgroup"), "loading": re.compile(r"lazy|eager"),
    "dir": re.compile(r"ltr|rtl|auto"), "lang": re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}"),
    "datetime": re.compile(r"[0-9T:+\-. Z]{1,40}"), "markdown": re.compile(r"|1|block|span"),
    "reversed": re.compile(r"|reversed"), "open": re.compile(r"|open"),
}
# One tag as a page may write it: a name, attributes with quoted or plain values, nothing else.
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9]{0,20})((?:\s+[^\s"'<>=/`]{1,40}(?:\s*=\s*(?:"[^"<>]{0,1000}"|'[^'<>]{0,1000}'|[^\s"'<>=`]{1,1000}))?){0,40})\s*(/?)>""")
_ATTRIBUTE = re.compile(r"""([^\s"'<>=/`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+)))?""")
_AUTOLINK = re.compile(r"<(?:https?://[^\s<>]{1,2000}|mailto:[^\s<>]{1,300}|[^\s<>@!]{1,200}@[^\s<>@]{1,200})>", re.I)
# A comment as a browser reads it: `<!-->` and `<!--->` are whole (empty) comments, and `--!>` ends one
# as `-->` does, so a tag after either is live (Python-Markdown passes the text on as it is).
_COMMENT = re.compile(r"<!--(?:-?>|(?:(?!--!?>).){0,20000}?--!?>)", re.S)
_ATTR_LIST = re.compile(r"(?<!\\)\{(:?)[ \t]*([^{}\n]*?)[ \t]*\}")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)


def blank_code(text: str) -> str:
    """`text` with fenced code blocks and code spans blanked out (same length, same lines): what
    is left is what Markdown reads as text and HTML."""
    out, fence = [], None
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) and not line[opened.end():].strip():
                fence = None
            out.append(" " * len(line))
        elif opened:
            fence = opened.group(1)
            out.append(" " * len(line))
        else:
            out.append(line)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(out))


@dataclass(frozen=True)
class Finding:
    """Something a page may not hold: where (an index into the text read), what, and the fix."""

    at: int
    message: str
    fix: str


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
LINK_SCHEMES = ("https", "http", "mailto", "tel")  # http:// is refused by links.py, with its own message


def safe_link(href: str) -> bool:
    """True for an address a reader may follow from a page: https, mailto, tel, or this site.

    Browsers decode entities in attributes (`&#106;avascript:`) and drop tabs, line breaks and
    invisible characters inside a URL, so both are undone before the scheme is read; an address
    for another host without a scheme (`//host`) is refused too."""
    bare = _INVISIBLE.sub("", html.unescape(html.unescape(href))).lower()
    if bare.startswith(("//", "\\\\", "/\\", "\\/")):
        return False
    scheme = _SCHEME.match(bare)
    return scheme is None or scheme.group(1) in LINK_SCHEMES


def _url_problem(name: str, value: str) -> tuple[str, str] | None:
    """What is wrong with a link's or an image's address, if anything."""
    if PLACEHOLDER.lower() in value.lower():
        return ("a macro cannot write an address", "write the address itself, in full")
    bare = html.unescape(value).strip()
    if name == "src":
        if not bare or re.match(r"^[a-z][a-z0-9+.-]*:|^[/\\]{2}", bare, re.I) or bare.startswith("/"):
            return (f"the image '{value}' is not a file of this site (the site loads nothing from other hosts)",
                    "put the image in docs/assets/images/ and write its path from this page, e.g. ../assets/images/photo.jpg")
        if not bare.lower().split("?")[0].split("#")[0].endswith(IMAGES):
            return (f"'{value}' is not a picture file", f"an image must be one of: {', '.join(IMAGES)}")
        return None
    if not safe_link(value):
        return (f"the link '{value}' goes to an address a page may not link to",
                "link to https:// pages, mailto: or tel: addresses, or pages of this site")
    return None


def check_attribute(element: str, name: str, value: str | None) -> tuple[str, str] | None:
    """What is wrong with one attribute a page wrote on one element, if anything."""
    name = name.lower()
    if name not in GLOBAL + ELEMENTS.get(element, ()):
        if name.startswith("on"):
            return (f"'{name}' runs a script: pages may not have event handlers", f"remove {name}=…")
        allowed = ", ".join(GLOBAL + ELEMENTS.get(element, ()))
        return (f"<{element}> may not have the attribute '{name}'", f"use only {allowed}, or remove it")
    if value is None:
        value = ""
    if name in ("href", "src"):
        return _url_problem(name, value)
    if name == "class":
        unknown = [token for token in value.split() if token not in CLASSES]
        return (f"the class '{unknown[0]}' is not one a page may use", f"use only {', '.join(CLASSES)}") if unknown else None
    if PLACEHOLDER.lower() in value.lower():
        return ("a macro cannot write an HTML attribute", "write the value itself, or use the macro outside the tag")
    pattern = _VALUES.get(name)
    if pattern is not None and not pattern.fullmatch(value):
        what = "an id of lower-case letters, digits and '-'" if name == "id" else f"a valid {name}"
        return (f"'{value}' is not {what}", f"write {name}=\"…\" with {what}")
    return None


def scan_html(text: str, start: int = 0, end: int | None = None) -> list[Finding]:
    """Every tag, comment or other `<…>` construct in `text[start:end]` a page may not hold."""
    findings: list[Finding] = []
    open_elements: list[str] = []
    most = 20  # a page with more is reported in part: the first ones show what to fix
    end = len(text) if end is None else end
    index = text.find("<", start, end)
    while 0 <= index < end and len(findings) < most:
        following = text[index + 1: index + 2]
        slashes = 0
        while index - slashes > 0 and text[index - slashes - 1] == "\\":
            slashes += 1
        escaped = slashes % 2 == 1  # `\<` is the sign itself, shown as text
        if escaped or not re.match(r"[A-Za-z/!?]", following):
            index = text.find("<", index + 1, end)
            continue
        comment = _COMMENT.match(text, index)
        tag = _TAG.match(text, index)
        link = _AUTOLINK.match(text, index)
        if comment:
            index = text.find("<", comment.end(), end)
            continue
        if link:
            if PLACEHOLDER.lower() in link.group(0).lower():
                findings.append(Finding(index, "a macro cannot write an address", "write the address itself, in full"))
            index = text.find("<", link.end(), end)
            continue
        if text.startswith("<!--", index):
            findings.append(Finding(index, "an HTML comment '<!--' is never closed with '-->'", "close it with '-->', or delete it"))
            break
        if tag is None:
            findings.append(Finding(index, *_loose_tag_problem(text, index)))
            index = text.find("<", index + 1, end)
            continue
        closing, element = tag.group(1) == "/", tag.group(2).lower()
        found = _tag_problem(element, closing, tag.group(3))
        if found:
            findings.append(Finding(index, *found))
        elif closing:
            if element in open_elements:
                while open_elements and open_elements.pop() != element:
                    pass
        elif element not in VOID and not tag.group(4):
            open_elements.append(element)
            if len(open_elements) > MAX_NESTING:
                findings.append(Finding(index, f"HTML elements are nested more than {MAX_NESTING} deep here",
                                        "close the elements you opened (e.g. </div>), or nest fewer of them"))
                break
        index = text.find("<", tag.end(), end)
    return findings


_LOOSE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,20})([^<>]{0,2000})>")
_LOOSE_NAME = re.compile(r"""(?:^|[\s/"'])([^\s"'<>=/`]{1,40})\s*=""")


def _loose_tag_problem(text: str, index: int) -> tuple[str, str]:
    """The words for a `<…>` that is not written as a plain tag: what a browser would still make of
    it (an element not allowed, an event handler), else how to write it."""
    loose = _LOOSE_TAG.match(text, index)
    if loose:
        element = loose.group(2).lower()
        if element not in ELEMENTS:
            return _tag_problem(element, True, "")
        handler = next((name for name in _LOOSE_NAME.findall(loose.group(3)) if name.lower().startswith("on")), None)
        if handler:
            return (f"'{handler.lower()}' runs a script: pages may not have event handlers", f"remove {handler}=…")
        return (f"the tag <{element} …> is not written plainly",
                "write each attribute as name=\"value\", in straight double quotes, without < or > inside")
    shown = text[index: index + 30].split("\n")[0]
    return (f"'{shown}' is not HTML a page may hold",
            "write the sign as &lt; to show it as text, or use an element from the list in docs/editing.md")


def _tag_problem(element: str, closing: bool, attributes: str) -> tuple[str, str] | None:
    if element not in ELEMENTS:
        harm = {"script": "it runs code", "style": "it restyles the whole site", "iframe": "it frames another page",
                "object": "it embeds a program", "embed": "it embeds a program", "form": "it sends what readers type",
                "svg": "it can run code", "math": "it can hide code", "link": "it loads other files",
                "meta": "it changes the page", "base": "it changes every link"}.get(element)
        return (f"<{element}> is not allowed in a page" + (f" ({harm})" if harm else ""),
                "use Markdown, or one of the HTML elements listed in docs/editing.md")
    if closing:
        return ("a closing tag has attributes", f"write it as </{element}>") if attributes.strip() else None
    found = [check_attribute(element, match.group(1), next((v for v in match.group(2, 3, 4) if v is not None), None))
             for match in _ATTRIBUTE.finditer(attributes)]
    found = [problem for problem in found if problem]
    # An event handler first: it is the one that would hurt a reader.
    return min(found, key=lambda problem: "runs a script" not in problem[0]) if found else None


def scan_attribute_lists(text: str) -> list[Finding]:
    """`{: #id .class }` after a heading, paragraph or link: only ids and allowed classes."""
    findings = []
    for match in _ATTR_LIST.finditer(text):
        before = text[match.start() - 1: match.start()] if match.start() else "\n"
        after = text[match.end(): text.find("\n", match.end()) if "\n" in text[match.end():] else len(text)]
        content = match.group(2)
        applied = match.group(1) or after.strip() == "" or before in ")]*_`>" or content[:1] in "#."
        if not applied or not content:
            continue
        for key, value in get_attrs(content):
            if key == ":":
                continue
            if key == "id":
                found = check_attribute("div", "id", value)
            elif key == ".":
                found = check_attribute("div", "class", value)
            else:
                found = ((f"'{key}' runs a script: pages may not have event handlers" if key.lower().startswith("on")
                          else f"'{{ {content} }}' sets the attribute '{key}'"),
                         "in {: … } write only #an-id or an allowed .class (docs/editing.md); "
                         "to show braces as text, write \\{ and \\}")
            if found:
                findings.append(Finding(match.start(), *found))
                break
    return findings


# --- the second pass: what Markdown makes of the page ---------------------------------------

# What Markdown and the site's extensions write themselves (headings, lists, tables, tabs, admonitions…).
_GENERATED = {"h1", "a", "img", "input", "label", "table", "p", "div", "span", "pre", "code", "abbr", "em", "strong",
              "details", "summary", "ul", "ol", "li", "blockquote", "hr", "br", "thead", "tbody", "tr", "th", "td"}
_GENERATED_ATTRIBUTES = {"class", "id", "href", "src", "alt", "title", "for", "type", "name", "checked", "open", "style",
                         "aria-label", "colspan", "rowspan", "start", "data-tabs"}
_TABBED = re.compile(r"__tabbed_\d+(?:_\d+)?")  # pymdownx.tabbed's own ids and names


class _Elements(HTMLParser):
    """Every element and attribute of a page's HTML, and the text inside code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.code_text: list[str] = []
        self._code = 0

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))
        if tag in ("code", "pre"):
            self._code += 1

    def handle_endtag(self, tag):
        if tag in ("code", "pre") and self._code:
            self._code -= 1

    def handle_data(self, data):
        if self._code:
            self.code_text.append(data)


def _tab_control(tag: str, attrs: dict) -> bool:
    """The radio button and label pymdownx.tabbed writes for each tab (`=== "Tab"`), and nothing else."""
    if tag == "label":
        return set(attrs) <= {"for"} and bool(_TABBED.fullmatch(attrs.get("for") or ""))
    return (attrs.get("type") == "radio" and set(attrs) <= {"type", "id", "name", "checked"}
            and all(_TABBED.fullmatch(attrs.get(key) or "") for key in ("id", "name")))


def _posing(classes: str) -> str | None:
    """A class Markdown wrote that poses as the theme's (`md-…`) or the site's (`imh-…`), e.g. from
    an admonition's type (`!!! md-dialog`), unless a page may use it."""
    return next((token for token in classes.split() if token.startswith(("md-", "imh-")) and token not in CLASSES
                 and not re.fullmatch(r"imh-align-(?:left|right|center)", token)), None)


def judge_rendered(html_text: str, raw_blocks: list[str]) -> list[tuple[str, str, str]]:
    """(needle to find the line by, message, fix) for what Markdown made of a page that it may not hold."""
    problems = []
    for block in raw_blocks:
        for finding in scan_html(block):
            problems.append((block[finding.at: finding.at + 40].split("\n")[0], finding.message, finding.fix))
    parser = _Elements()
    parser.feed(html_text)
    parser.close()
    for tag, attrs in parser.found:
        if tag in ("input", "label") and not _tab_control(tag, dict(attrs)):
            problems.append((f"<{tag}", f"<{tag}> is not allowed in a page", "use Markdown, or one of the HTML elements listed in docs/editing.md"))
            continue
        if tag not in ELEMENTS and tag not in _GENERATED:
            problems.append((f"<{tag}", f"<{tag}> is not allowed in a page", "use Markdown, or one of the HTML elements listed in docs/editing.md"))
            continue
        for name, value in attrs:
            value = value or ""
            if name in ("id", "name") and _TABBED.fullmatch(value) or name == "for" and _TABBED.fullmatch(value):
                continue
            if name.startswith("on") or name not in _GENERATED_ATTRIBUTES and name not in GLOBAL + ELEMENTS.get(tag, ()):
                problems.append((name, f"<{tag}> may not have the attribute '{name}'", "remove it"))
            elif name in ("href", "src"):
                found = _url_problem(name, value)
                if found:
                    problems.append((value[:40], *found))
            elif name == "id":
                found = check_attribute(tag, "id", value)
                if found:
                    problems.append((value[:40], *found))
            elif name == "data-tabs" and not re.fullmatch(r"\d{1,4}:\d{1,4}", value):
                problems.append((name, f"<{tag}> may not have the attribute '{name}'", "remove it"))
            elif name == "class" and _posing(value):
                token = _posing(value)
                problems.append((token, f"the class '{token}' is the theme's or the site's own: a page may not use it",
                                 "use another word after !!! or ??? (e.g. note, tip, warning), or one of the classes in docs/editing.md"))
            elif name == "style" and not re.fullmatch(r"text-align: (?:left|right|center);?", value):
                problems.append(("style", "a page may not set styles", "remove the style"))
            elif PLACEHOLDER.lower() in value.lower():
                problems.append((name, "a macro cannot write an HTML attribute", "write the value itself"))
    if any(PLACEHOLDER.lower() in text.lower() for text in parser.code_text):
        problems.append(("`", "a macro inside code (between backticks, or in a code block) would not show as code",
                         "put the macro outside the code, or show the braces as text with {% raw %} … {% endraw %}"))
    return problems
