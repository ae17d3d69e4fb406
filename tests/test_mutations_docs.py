"""Random damage to the pages of docs/ ends in a message at the page's line, or in a page that is harmless.

A fixed seed makes the same mutations every run, each a copy of one of the fixture's pages
(tests/fixture/docs/) with hostile or broken text put in: raw HTML (allowed and forbidden elements,
event handlers, styles, the theme's classes and ids), Jinja (the site's macros with literal and
other arguments, attribute access, filters, `{% %}` tags, in the body and in the front matter),
`{: … }` attribute lists, links and images to every kind of address, runs of Markdown's marks at,
under and over the limits of macros/pages/prose/limits.py, control characters, deep nesting, and
damaged front matter. Each copy is a new page beside its original (relative links still resolve)
and is judged as the build judges a file of docs/ (`DocsGate.keeps`, then `DocsGate.page`, from
`docs_gate` in tests/project.py), under a limit of CPU time: every refusal must name that page and
a line in it, in a message that cannot forge lines or grow with the input.

Then every page the gate let through goes into the navigation of the same copy of the project,
what `make check` runs reports what only a rendered site shows (links to missing pages or
sections, a macro in the wrong place), and ONE real `make build` builds the rest. Each built page
is read back: its article holds only what the page allow-list and the site's own templates make,
no event handler, style, or script address anywhere on the page, no picture from another host,
nothing of the build's configuration or environment, and no shell command planted in a page ran.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import statistics
import struct
import time
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.utils.meta import YAML_RE

from project import check_in_process, docs_gate, fixture_project, make

from macros.pages.prose.gate import INERT
from macros.pages.prose.limits import (ABBREVIATIONS, FRONT_MATTER_CHARS, HEADINGS, INDENT, LINK_SEARCH, PAGE_BYTES,
                                       PARAGRAPH_CHARS, PER_PARAGRAPH, QUOTE_DEPTH)
from macros.pages.prose.markup import _GENERATED, _GENERATED_ATTRIBUTES, CLASSES, ELEMENTS, GLOBAL, MAX_NESTING
from macros.pages.prose.source import normalise

SEED = int(os.environ.get("IMH_FUZZ_SEED", "20261207"))  # another seed by hand: IMH_FUZZ_SEED=…
MUTATIONS = 320
CPU_SECONDS_EACH = 5  # of this process's CPU time (a busy host is not a hang); a page takes a few ms
CANARY = "docs-fuzz-canary"  # a shell command planted in a page would create this file
SECRET = "imh-fuzz-secret-3f9c1e"  # in the build's environment: no page may print it
KINDS = ("html", "jinja", "attribute list", "address", "limits", "control", "nesting", "front matter")

# --- what the mutations put in --------------------------------------------------------------

HTML = [
    # allowed
    '<div class="grid cards" markdown>\n\n-   **A card**\n\n    Text with [a link](https://example.org/).\n\n</div>',
    "<details><summary>More</summary>\n\nHidden text.\n\n</details>",
    '<table><tr><th scope="col">A</th></tr><tr><td colspan="2">b</td></tr></table>',
    '<a href="https://example.org/" class="md-button md-button--primary">Go</a>',
    '<span class="imh-suggestion" title="Our advice" lang="en" dir="ltr">text</span>',
    '<img src="{up}assets/images/fuzz.png" alt="A picture" width="10" height="10" loading="lazy">',
    '<time datetime="2026-12-07">today</time> and <abbr title="infant mental health">IMH</abbr>',
    '<ol start="3" reversed><li value="5">five</li></ol>', '<h2 id="fuzz-section">A section</h2>', "<kbd>Ctrl</kbd>+<kbd>C</kbd>",
    "<!-- a comment <script>alert(1)</script> -->", '<p markdown="1">**bold** [x](https://example.org/)</p>',
    # forbidden elements
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", '<script/src="x.js"></script>',
    '<iframe src="https://example.org/"></iframe>', "<object data=x.swf></object>", "<embed src=x.swf>",
    '<form action="https://evil.example/"><input name="token"></form>', "<style>body { display: none }</style>",
    "<svg><script>alert(1)</script></svg>", "<svg/onload=alert(1)>", '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<link rel="stylesheet" href="//evil.example/x.css">', '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">', "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "<textarea>", "<button>Send</button>",
    "<input autofocus>", "<video><source onerror=alert(1)></video>", "<marquee>x</marquee>", "<xmp><script>alert(1)</script></xmp>",
    "<plaintext>", "<!--><img src=x onerror=alert(1)>-->", "<![CDATA[<script>alert(1)</script>]]>", '<?xml version="1.0"?>',
    "<!DOCTYPE html>", "<scr<script>ipt>alert(1)</script>",
    # handlers, styles, theme classes and ids on allowed elements
    "<p/onclick=alert(1)>x</p>", "<p\nonclick=alert(1)>x</p>", "<img src=x onerror\n=alert(1)>", "<div onmouseover='alert(1)'>x</div>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>", '<p style="position:fixed;inset:0">x</p>',
    '<div class="md-dialog md-dialog--active">x</div>', '<div id="__config">{}</div>', '<div id="__search">x</div>',
    '<div data-md-component="announce">x</div>', '<span id="imhOnPage">x</span>', '<a name="__config">x</a>',
    '<img src="x.png" srcset="https://evil.example/x.png 1x">', '<a href="https://example.org/" target="_blank" ping="https://evil.example/">x</a>',
    '<div markdown="1" onclick="alert(1)">x</div>', '<p title="a" title="b" onclick="c">x</p>', "<div class=grid onclick=alert(1)>x</div>",
    "<div class='grid'\tonclick='alert(1)'>x</div>", "<div `onclick=alert(1)`>x</div>", '<div class="grid"/onclick="alert(1)">x</div>',
    "<a href=&#x6A;avascript:alert(1)>x</a>", '<img src="&#x2F;&#x2F;evil.example/x.png">', "<DIV ONCLICK=alert(1)>x</DIV>",
    '<a href="https://example.org/" class="headerlink md-nav__link">x</a>', '<span class="twemoji imh-tool">x</span>',
    # what a browser reads otherwise than a careless parser: comments, quotes, a tag left open
    "<!---><img src=x onerror=alert(1)>-->", "<!-- a --!><img src=x onerror=alert(1)> -->", '<img src="x"onerror=alert(1)>',
    "<![CDATA[><img src=x onerror=alert(1)>]]>", "<img src=x onerror=alert(1)//\n\nmore text <b>bold</b>",
    "&lt;script&gt;alert(1)&lt;/script&gt;", "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e", "# &lt;img src=x onerror=alert(1)&gt; a heading",
]

# Calls of the site's macros as the fixture's pages write them (literal arguments), and other Jinja.
JINJA = [
    '{{ fee() }}', '{{ count("courses") }}', '{{ months() }}', '{{ number_of("topics") }}', '{{ points("components") | upper }}',
    '{{ counted_of("courses", "online course") | capitalize }}', "{{ hours_tracker() | lower }}", '{{ fee() | title | upper }}',
    '{{ data_text("training.intro") | lower }}', '{{ "plain words" }}', '{{ 42 }}', "{# a comment #}",
    "{% raw %}{{ config.site_dir }}{% endraw %}", '{{ "{{" }} braces {{ "}}" }}',
    # literal values that are more than words
    '{{ "<img src=x onerror=alert(1)>" }}', '{{ "[x](javascript:alert(1))" }}', '{{ "<script>alert(1)</script>" | upper }}',
    '{{ "\\x1b[2J" }}', '{{ "{: onclick=alert(1) }" }}', '[x]({{ "javascript:alert(1)" }})', '{{ "line\\nbreak" }}',
    # arguments that are not literals, and wrong literals
    "{{ points(x) }}", "{{ points(config) }}", '{{ points("a" ~ "b") }}', '{{ points(["a"]) }}', "{{ points(*args) }}",
    "{{ points(**{}) }}", "{{ data_text(config.site_dir) }}", '{{ points("nope") }}', '{{ data_text("training.__class__") }}',
    '{{ data_text("__class__.__mro__") }}', '{{ correction("age-ranges", "extra") }}', "{{ points(part=1e309) }}",
    '{{ faq("field_reference") }}', '{{ faq("../plugin") }}', '{{ organizations("../../../../etc/passwd") }}', "{{ fee }}",
    '{{ course_page("rios-1") }}', '{{ counted_of("leadership.requirements", "requirement") }}',
    # attribute access, subscripts, other names, operators
    "{{ lipsum.__globals__.os.popen('touch {canary}').read() }}", "{{ cycler.__init__.__globals__.os.system('touch {canary}') }}",
    "{{ config.site_dir }}", "{{ config['site_dir'] }}", "{{ self._TemplateReference__context }}", "{{ environment }}",
    "{{ macros }}", "{{ plugin }}", "{{ page.file.abs_src_path }}", "{{ fee.__globals__ }}", '{{ fee().__class__ }}',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ namespace() }}", "{{ range(10**9) | list }}", "{{ 7 * 7 }}",
    "{{ macros_info() }}", "{{ context() }}", '{{ "x" if true }}', "{{ [1, 2] }}",
    # filters
    '{{ "x" | safe }}', '{{ fee() | safe }}', '{{ "x" | attr("__class__") }}', '{{ "%s" | format(config) }}', "{{ fee() | e }}",
    '{{ "a,b" | join }}', '{{ fee() | upper(1) }}',
    # tags
    "{% if true %}x{% endif %}", "{% for x in range(3) %}{{ x }}{% endfor %}", "{% set x = 7 %}{{ x }}",
    '{% include "index.md" %}', '{% import "x" as y %}', '{% extends "main.html" %}', "{% macro m() %}x{% endmacro %}",
    "{% filter upper %}x{% endfilter %}", "{% with x = 1 %}{{ x }}{% endwith %}", "{% raw %}", "{% endraw %}",
    "{% block x %}{% endblock %}", "{% call fee() %}x{% endcall %}",
    # broken syntax and whitespace control
    "{{", "}}", "{{ fee(", '{{ points("components" }}', "{#", "{% raw %}never closed", "{{ fee() }}}",
    '[x]\n{{- "" -}}\n(javascript:alert(1))', "[x]\n{%- raw %}{% endraw -%}\n(javascript:alert(1))",
    "[x](java{#\n#}script:alert(1))", "<scr{# x #}ipt>alert(1)</script>", "{{ fee(\n) }}",
    '<a href="{{ "javascript:alert(1)" }}">x</a>', '<{{ "script" }}>alert(1)</script>', '{{ "<!-->" }}<img src=x onerror=alert(1)>',
    '<span title="{{ data_text("training.intro") }}">x</span>', '{{ points(part="components") }}', '{{ source_note() }}',
]
# Jinja in the front matter: mkdocs-macros would render it.
JINJA_FRONT = ["title: \"{{ lipsum.__globals__.os.popen('touch {canary}').read() }}\"", 'description: "{{ config.site_dir }}"',
               'subtitle: "{% raw %}x{% endraw %}"', 'tags: ["{{ 7*7 }}"]', 'search:\n  boost: "{{ fee() }}"', '"{{ x }}": 1',
               'title: "{# c #}"', "description: '{{ \"x\" }}'"]

ATTRIBUTE_LISTS = [
    "{: #fuzz-id }", "{: .grid }", "{: .md-button }", "{: .md-dialog }", "{: #__config }", "{: #UPPER }", '{: onclick="alert(1)" }',
    '{: style="color: red" }', '{: title="x" }', '{: data-md-component="x" }', '{: href="javascript:alert(1)" }',
    '{: src="https://evil.example/x.png" }', "{:onclick=alert(1)}", "{ .grid onclick=alert(1) }", "{: .grid #fuzz-two }",
    "{: markdown }", "{: #a #b }", "{: .a.b }", "{::}", "{:}", "\\{: onclick=alert(1) }", "`{: onclick=alert(1) }`",
]
# Blocks where an attribute list lands, and blocks whose own syntax gives classes.
ATTRIBUTE_BLOCKS = [
    "## A heading @", "A paragraph.\n@", "[A link](https://example.org/)@", "- an item @",
    "![A picture]({up}assets/images/fuzz.png)@", "| a |\n| - |\n| b |\n@", "**strong**@ words",
    '!!! md-dialog "Title"\n    text', "??? md-header\n    text", '!!! note "A note"\n    text', "!!! imh-tool\n    text",
    "```{.md-dialog onclick=\"alert(1)\"}\ncode\n```", "``` { .mermaid }\ngraph TD; A-->B\n```", '=== "Tab"\n\n    text',
    '=== "<img src=x onerror=alert(1)>"\n\n    text', '!!! note "<img src=x onerror=alert(1)>"\n    text',
    "*[IMH]: <img src=x onerror=alert(1)>\n\nIMH here", '!!! note "[x](javascript:alert(1))"\n    text',
]

ADDRESSES = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "javascript&colon;alert(1)", "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)", "&#0000106avascript:alert(1)", "jav&#x09;ascript:alert(1)", "jav&#x0A;ascript:alert(1)",
    "java\tscript:alert(1)", "java%0ascript:alert(1)", "\u200bjavascript:alert(1)", "java\u00adscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "DATA:image/svg+xml,<svg onload=alert(1)>",
    "data:image/png;base64,iVBORw0KGgo=", "vbscript:msgbox(1)", "VBScript:x", "//evil.example/x", "///evil.example/x",
    "\\\\evil.example\\x", "/\\evil.example", "https:/\\evil.example", "https://evil.example/x.png", "http://example.org/",
    "https://example.org/path?a=1&b=2#f", "HTTPS://EXAMPLE.ORG/", "mailto:a@example.org", "tel:+1-555-0100", "file:///etc/passwd",
    "ftp://example.org/", "blob:https://example.org/x", "about:blank", "faq.md", "faq.md#nope", "../faq.md", "no-such-page.md",
    "{up}assets/images/fuzz.png", "/faq/", "#", "#fuzz-nowhere", "?q=1", "", "https://user:pass@evil.example/",
    'https://example.org/"onmouseover="alert(1)', "https://example.org/<script>", "https://example.org/'><img src=x onerror=alert(1)>",
]
LINK_FORMS = ["[a link](@)", "![a picture](@)", "<@>", "[a link][r]\n\n[r]: @", "![a picture][r]\n\n[r]: @",
              '<a href="@">a link</a>', '<img src="@" alt="x">', '[a link](@ "a title")', "[a link](<@>)",
              "[a button](@){: .md-button }", "<a href='@'>a link</a>", "<a href=@>a link</a>"]

CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[2J", "\x1b]8;;https://evil.example\x07x", "\x7f", "\r", "\r\n",
           "\u2028", "\u2029", "\x85", "\u202e", "\u200b", "\ufeff", "\u00ad", "\t"]
BAD_BYTES = [b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x80abc", b"\xf4\x90\x80\x80"]

FRONT_MATTER = [
    "title: [a, b]", "title: {a: b}", "title: 123", "title: null", "title: 2026-01-01", "title:", "description: [x]",
    "hide: navigation", "hide: [1, 2]", "hide: {a: b}", "hide: 5", "hide: true", "tags: x", "tags: 5", "tags: [[nested]]",
    "tags: {a: 1}", "tags: [2026, x]", "structured_data: website", "structured_data: [website]", "search: x",
    "search: [1]", "search: {boost: x}", "search: {exclude: true}", 'render_macros: "false"', "render_macros: 0",
    "render_macros: []", "plone: yes please", "data_file: ../../etc/passwd", "data_file: data/", "data_file: /etc/passwd",
    "data_file: 5", "structured_data: Course", "structured_data: [Nope]", "structured_data: {a: b}", "template: ../x.html",
    "template: nope.html", "template: main.html", "template: 404.html", "template: 5", "icon: material/github", "icon: nope",
    "icon: material/../../../etc/passwd", "status: new", "status: 'x\" onmouseover=\"alert(1)'", "status: md-dialog",
    'subtitle: "<img src=x onerror=alert(1)>"', "subtitle: A plain subtitle",
    "author: 'x\" http-equiv=\"refresh\" content=\"0;url=https://evil.example/'", "git_revision_date_localized: <b onclick=x>now</b>",
    "comments: true", "bogus: 1", "1: x", "? [a, b]\n: c", "null: x", "<script>: x", "title: &a x\ndescription: *a",
    "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]", "title: !!python/object/apply:os.system ['touch {canary}']",
    "subtitle: !!binary PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg==", "tags: !!set {a, b}", "title: \"\\u202e\\x1b\"",
    "description: \"<img src=x onerror=alert(1)>\"", "title: '&lt;img src=x onerror=alert(1)&gt;'", "title: 'a \" b'",
    "\ttitle: tab", "title: x\n  - y", "- a list\n- not a mapping", ": :", "title: 'unclosed", "title: x\ntitle: y",
    "self: x", "fee: 5", "points: x", "icon: material/no-such-icon", "template: base.html",
    "template: redirect.html\nlocation: javascript:alert(1)", "location: javascript:alert(1)",
]
# Whole front-matter shapes, not one line of it.
FRONT_SHAPES = ["---\n", "---\n---\n", "---\ntitle: never closed\n", "---\n...\n", "Title: MultiMarkdown <img src=x onerror=alert(1)>\n\n",
                "Subtitle: <img src=x onerror=alert(1)>\n\n", "---  \ntitle: spaces after the dashes\n---  \n", "\ufeff---\ntitle: a BOM\n---\n"]


def _split(text: str) -> tuple[str, str]:
    """The page's YAML front matter (with its delimiters) and its body."""
    match = YAML_RE.match(text)
    return (match.group(0), text[match.end():]) if match else ("", text)


def _insert(rng: random.Random, text: str, fragment: str, block: bool = False) -> str:
    """`fragment` put into the page's body: as a block of its own, inside a line, or instead of a line."""
    head, body = _split(text)
    lines = body.split("\n")
    i = rng.randrange(len(lines) + 1)
    roll = 0.0 if block else rng.random()
    if roll < 0.5:
        lines[i:i] = ["", fragment, ""]
    elif roll < 0.8 and i < len(lines) and lines[i].strip():
        at = rng.randint(0, len(lines[i]))
        lines[i] = lines[i][:at] + fragment + lines[i][at:]
    else:
        lines[i:i + 1] = [fragment]
    return head + "\n".join(lines)


def _front(rng: random.Random, text: str, line: str) -> str:
    """`line` added to the page's front matter (or replacing one of its lines); a front matter made if there is none."""
    head, body = _split(text)
    if not head:
        return f"---\n{line}\n---\n\n{body}"
    inner = head.split("\n")[1:-2]
    i = rng.randrange(len(inner) + 1)
    inner[i:i + (rng.random() < 0.3)] = [line]
    return "---\n" + "\n".join(inner) + "\n---\n" + body


def _count(text: str, pattern: str) -> int:
    return sum(bool(re.match(pattern, line.lstrip(" \t"))) for line in text.split("\n"))


LIMITS = ("marks", "paragraph", "link search", "brackets", "headings", "abbreviations", "quotes", "indent", "page",
          "front matter", "html nesting", "unclosed images")


def _limits(rng: random.Random, text: str, turn: int) -> tuple[str, str]:
    """A run of Markdown under, at or over one limit of macros/pages/prose/limits.py (the `turn`-th
    of its kind: each limit in turn, then each again one step further)."""
    which = LIMITS[turn % len(LIMITS)]
    delta = (-1, 0, 1)[turn // len(LIMITS) % 3]  # under, at, over
    if which == "marks":
        mark = rng.choice(list(PER_PARAGRAPH))
        n = PER_PARAGRAPH[mark] + delta
        unit = {"*": "*w* ", "_": "_w_ ", "`": "`w` ", "<": "a < b ", "|": "| w "}[mark]
        run = (unit * (n // unit.count(mark) + 1))
        cut = _nth(run, mark, n + 1)
        return f"{n} {mark!r}", _insert(rng, text, "words " + (run[:cut] if cut >= 0 else run), block=True)
    if which == "paragraph":
        n = PARAGRAPH_CHARS + delta
        words = ("lorem ipsum " * (n // 12))[: n - 1].rstrip()
        return f"paragraph of {n}", _insert(rng, text, words + "x" * (n - len(words)), block=True)
    if which == "link search":
        k = LINK_SEARCH // 4900 + delta  # unclosed '[' each searching to the end of ~4,900 characters
        return f"{k} unclosed [", _insert(rng, text, "[" * k + " " + "w" * 4900, block=True)
    if which == "brackets":
        k = rng.choice([150, 244, 246, 250])  # nested and closed: the search is the sum of the pairs' widths
        return f"{k} nested []", _insert(rng, text, "[" * k + "x" + "]" * k, block=True)
    if which == "headings":
        n = HEADINGS + delta - _count(_split(text)[1], r"#{1,6}(?:[ \t]|$)")
        return f"{n} more headings", _insert(rng, text, "\n\n".join(f"## Heading {i}" for i in range(n)), block=True)
    if which == "abbreviations":
        n = ABBREVIATIONS + delta - _count(text, r"\*\[")
        return f"{n} more abbreviations", _insert(rng, text, "\n".join(f"*[FZ{i}]: fuzz term {i}" for i in range(n)), block=True)
    if which == "quotes":
        d = QUOTE_DEPTH + delta
        return f"quotes {d} deep", _insert(rng, text, rng.choice([">" * d, "> " * d]) + " quoted", block=True)
    if which == "indent":
        n = INDENT + delta
        return f"indent {n}", _insert(rng, text, rng.choice([" " * n, "\t" * (n // 4) + " " * (n % 4)]) + "indented", block=True)
    if which == "page":
        size = PAGE_BYTES + delta
        padding = []
        while len(text.encode()) + len("\n\n".join(padding).encode()) + 2 < size - 600:
            padding.append(("filler words " * 40).strip())
        page = text.rstrip("\n") + "\n\n" + "\n\n".join(padding) + "\n\n"
        page += "y" * (size - len(page.encode()) - 1) + "\n"
        return f"a page of {size} bytes", page
    if which == "front matter":
        head, body = _split(text)
        inner = head[4:-4] if head else ""
        base = "---\n" + inner + 'description: ""\n---\n'
        n = FRONT_MATTER_CHARS + delta - len(base)
        return f"front matter of {FRONT_MATTER_CHARS + delta}", "---\n" + inner + f'description: "{"d" * n}"\n---\n' + ("\n" + body if head else "\n" + text)
    if which == "html nesting":
        n = MAX_NESTING + delta
        return f"{n} nested <div>", _insert(rng, text, "<div>" * n + "x" + "</div>" * n, block=True)
    n = rng.choice([100, 2500])
    return f"{n} ![", _insert(rng, text, "![" * n, block=True)


def _nth(text: str, mark: str, n: int) -> int:
    index = -1
    for _ in range(n):
        index = text.find(mark, index + 1)
        if index < 0:
            return -1
    return index


def _nesting(rng: random.Random, text: str) -> tuple[str, str]:
    """Things inside one another: lists, quotes, admonitions, HTML, brackets, Jinja and YAML."""
    d = rng.choice([3, 10, 11, 40])
    which = rng.choice(["lists", "quotes and lists", "admonitions", "details", "html", "emphasis", "jinja", "yaml", "tabs"])
    if which == "lists":
        fragment = "\n".join("    " * i + f"- level {i}" for i in range(d))
    elif which == "quotes and lists":
        fragment = "> - " * min(d, 12) + "deep"
    elif which in ("admonitions", "details"):
        fragment = "\n".join("    " * i + ("!!! note" if which == "admonitions" else "??? note") + f' "Level {i}"' for i in range(d))
        fragment += "\n" + "    " * d + "text"
    elif which == "html":
        fragment = "<details><summary>s</summary>" * d + "x" + "</details>" * d
    elif which == "emphasis":
        fragment = "*a " * min(d * 5, 100) + "b*" * min(d * 5, 100)
    elif which == "jinja":  # brackets (macro_calls.MAX_BRACKETS), or operators past Python's recursion limit
        fragment = rng.choice(["{{ points(" + "(" * d + '"components"' + ")" * d + ") }}", "{{ " + "- " * d * 50 + "1 }}"])
    elif which == "yaml":
        opening, closing = rng.choice([("[", "]"), ("{a: ", "}")])
        return f"yaml {d * 40} deep", _front(rng, text, "tags: " + opening * d * 40 + "x" + closing * d * 40)
    else:
        fragment = "\n".join("    " * i + f'=== "Tab {i}"\n' for i in range(d)) + "\n" + "    " * d + "text"
    return f"{which} {d} deep", _insert(rng, text, fragment, block=True)


def _mutation(rng: random.Random, kind: str, turn: int, text: str, up: str, canary: str) -> tuple[str, str | bytes]:
    """(what was done, the page's new text or bytes) for the `turn`-th mutation of `kind`."""
    fill = lambda s: s.replace("{up}", up).replace("{canary}", canary)  # noqa: E731
    if kind == "html":
        fragment = fill(rng.choice(HTML))
        return f"html {fragment[:60]!r}", _insert(rng, text, fragment)
    if kind == "jinja":
        if rng.random() < 0.2:
            line = fill(rng.choice(JINJA_FRONT))
            return f"jinja in front matter {line[:60]!r}", _front(rng, text, line)
        fragment = fill(rng.choice(JINJA))
        return f"jinja {fragment[:60]!r}", _insert(rng, text, fragment)
    if kind == "attribute list":
        block = fill(rng.choice(ATTRIBUTE_BLOCKS)).replace("@", rng.choice(ATTRIBUTE_LISTS))
        return f"attribute list {block[:60]!r}", _insert(rng, text, block, block=True)
    if kind == "address":
        fragment = rng.choice(LINK_FORMS).replace("@", fill(rng.choice(ADDRESSES)))
        return f"address {fragment[:60]!r}", _insert(rng, text, fragment, block="\n\n[r]:" in fragment)
    if kind == "limits":
        return _limits(rng, text, turn)
    if kind == "control":
        if rng.random() < 0.25:
            data = text.encode("utf-8")
            at = rng.randrange(len(data))
            junk = rng.choice(BAD_BYTES)
            return f"bytes {junk!r}", data[:at] + junk + data[at:]
        char = rng.choice(CONTROL)
        if rng.random() < 0.2 and _split(text)[0]:
            return f"control {char!r} in front matter", _front(rng, text, f"description: a{char}b")
        return f"control {char!r}", _insert(rng, text, char)
    if kind == "nesting":
        return _nesting(rng, text)
    if rng.random() < 0.15:
        shape = rng.choice(FRONT_SHAPES)
        return f"front matter shape {shape[:40]!r}", shape + _split(text)[1]
    line = fill(rng.choice(FRONT_MATTER))
    if rng.random() < 0.1:
        line = line.split(":")[0] + ": " + json.dumps("h" * 5000)
    return f"front matter {line[:60]!r}", _front(rng, text, line)


# --- the fuzzing itself ----------------------------------------------------------------------


class _OutOfTimeError(Exception):
    pass


def _out_of_time(signum, frame):
    raise _OutOfTimeError()


def _png() -> bytes:
    """A real one-pixel PNG (pages link docs/assets/images/fuzz.png)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def _lines(raw: bytes) -> int:
    """How many lines the editor's file has (every kind of line break counted)."""
    return normalise(raw.decode("utf-8", errors="replace")).count("\n") + 1


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    """Every mutation judged by the gate: (the project, the results, CPU seconds)."""
    root = fixture_project(tmp_path_factory.mktemp("docs-fuzz") / "project")
    docs = root / "docs"
    (docs / "assets" / "images").mkdir(parents=True)
    (docs / "assets" / "images" / "fuzz.png").write_bytes(_png())
    originals = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
    canary = str(root / CANARY)
    cpu = time.process_time()
    gate = docs_gate(root)
    rng = random.Random(SEED)
    results = []
    previous = signal.signal(signal.SIGPROF, _out_of_time)
    try:
        for n in range(MUTATIONS):
            kind = KINDS[n % len(KINDS)]
            original = rng.choice(sorted(originals))
            folder = original.rpartition("/")[0]
            src_uri = f"{folder}/fuzz-{n:03d}.md" if folder else f"fuzz-{n:03d}.md"
            what, new = _mutation(rng, kind, n // len(KINDS), originals[original], "../" * src_uri.count("/"), canary)
            raw = new if isinstance(new, bytes) else new.encode("utf-8", errors="surrogatepass")
            (docs / src_uri).write_bytes(raw)
            before = len(gate.problems)
            began = time.process_time()
            signal.setitimer(signal.ITIMER_PROF, CPU_SECONDS_EACH)
            try:  # what the plugin's on_files does with each file of docs/
                keep = gate.keeps(docs, src_uri)
                outcome = "refused" if gate.page(src_uri, raw if keep else None) == INERT else "accepted"
            except _OutOfTimeError:
                outcome = "hang"
            except Exception as error:  # noqa: BLE001 (counted, and the test says which)
                outcome = f"traceback: {type(error).__name__}: {error}"[:300]
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            seconds = time.process_time() - began
            problems = gate.problems[before:]
            if outcome != "accepted":
                (docs / src_uri).unlink()
            results.append({"n": n, "kind": kind, "what": what, "original": original, "src_uri": src_uri, "lines": _lines(raw),
                            "outcome": outcome, "problems": problems, "seconds": seconds, "source": raw})
    finally:
        signal.signal(signal.SIGPROF, previous)
    spent = time.process_time() - cpu
    counts = Counter(r["outcome"] if r["outcome"] in ("accepted", "refused", "hang") else "traceback" for r in results)
    times = sorted(r["seconds"] for r in results)
    print(f"\ndocs/ mutations: {MUTATIONS} (seed {SEED}) judged in {spent:.1f} s CPU (gate set-up included; per page: "
          f"median {statistics.median(times) * 1000:.1f} ms, worst {times[-1] * 1000:.0f} ms): {counts['refused']} refused "
          f"with a message, {counts['accepted']} accepted, {counts['traceback']} tracebacks, {counts['hang']} hangs")
    if os.environ.get("IMH_SLOWEST"):
        for r in sorted(results, key=lambda r: -r["seconds"])[:8]:
            print(f"  #{r['n']} {r['what']}: {r['seconds'] * 1000:.0f} ms")
    return root, results, spent


def test_every_mutation_is_judged_in_time_never_a_traceback(fuzzed):
    _, results, _ = fuzzed
    assert len(results) >= 300
    bad = [r for r in results if r["outcome"] not in ("accepted", "refused")]
    assert not bad, "\n".join(f"#{r['n']} {r['what']}: {r['outcome']}" for r in bad[:10])
    for kind in KINDS:
        outcomes = Counter(r["outcome"] for r in results if r["kind"] == kind)
        assert outcomes["refused"] >= 3, f"{kind}: {outcomes}"
    assert sum(r["outcome"] == "accepted" for r in results) >= 40, "many mutations are harmless and must stay accepted"


def test_a_refusal_names_the_page_and_a_line_in_it(fuzzed):
    _, results, _ = fuzzed
    for r in results:
        errors = [p for p in r["problems"] if p.level == "error"]
        if r["outcome"] == "refused":
            assert errors, f"#{r['n']} {r['what']}: refused without an error"
        for p in r["problems"]:
            assert p.file == f"docs/{r['src_uri']}", f"#{r['n']} {r['what']}: {p}"
            assert 1 <= p.line <= r["lines"] and p.column >= 1, f"#{r['n']} {r['what']} ({r['lines']} lines): {p}"
            assert " — " in str(p), f"#{r['n']}: no fix in {p}"


def test_messages_cannot_forge_lines_nor_grow_with_the_input(fuzzed):
    _, results, _ = fuzzed
    for r in results:
        shown = [str(p) for p in r["problems"]]
        for line in shown:
            assert len(line) < 1500, f"#{r['n']} {r['what']}: a message of {len(line)} characters"
            assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\ufeff]", line), f"#{r['n']}: {line!r}"
        assert len(shown) <= 40 and sum(map(len, shown)) < 30_000, f"#{r['n']} {r['what']}: {len(shown)} messages"


# --- the accepted pages, built -------------------------------------------------------------

MESSAGE = re.compile(r"^(docs/[^:\n]+):(\d+):(\d+): (?!warning: )(.+)$", re.M)
NAV_ANCHOR = "      - Editing online: editing-online.md\n"


def _nav(root: Path, pages: list[str]) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert NAV_ANCHOR in text, "the fuzzed pages go into nav: after this line"
    config.write_text(text.replace(NAV_ANCHOR, NAV_ANCHOR + "".join(f"      - {page}\n" for page in pages)), encoding="utf-8")


@pytest.fixture(scope="module")
def built(fuzzed):
    """The pages the gate accepted, in the navigation: what `make check` refuses once they have rendered
    (links, macros in the wrong place), then one `make build` of the rest. (site, accepted, refused later, CPU s)."""
    root, results, _ = fuzzed
    accepted = [r for r in results if r["outcome"] == "accepted"]
    _nav(root, [r["src_uri"] for r in accepted])
    cpu = time.process_time()
    checked = check_in_process(root, seconds=600)  # a guard against a hang only
    assert checked.returncode in (0, 1) and "Traceback" not in checked.stdout + checked.stderr, checked.stderr[-3000:]
    later = {}
    for file, line, _, message in MESSAGE.findall(checked.stdout + checked.stderr):
        later.setdefault(file, []).append((int(line), message))
    for r in accepted:
        r["later"] = later.pop(f"docs/{r['src_uri']}", [])
        if r["later"]:
            (root / "docs" / r["src_uri"]).unlink()
    assert not later, f"make check refused files no mutation touched: {later}"
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("".join(f"      - {r['src_uri']}\n" for r in accepted),
                                                                 "".join(f"      - {r['src_uri']}\n" for r in accepted if not r["later"])),
                      encoding="utf-8")
    check_cpu = time.process_time() - cpu
    children = os.times()
    build = make(root, "build", IMH_FUZZ_SECRET=SECRET)
    after = os.times()
    build_cpu = after.children_user + after.children_system - children.children_user - children.children_system
    output = build.stdout + build.stderr
    assert build.returncode == 0 and "Traceback" not in output, output[-4000:]
    built_pages = [r for r in accepted if not r["later"]]
    print(f"\nthe accepted pages built: {len(accepted)} accepted by the gate, {len(accepted) - len(built_pages)} refused once "
          f"rendered (make check, {check_cpu:.1f} s CPU), {len(built_pages)} built in one make build ({build_cpu:.1f} s CPU)")
    for r in accepted:
        if r["later"] and os.environ.get("IMH_SLOWEST"):
            print(f"  #{r['n']} {r['what']}: {r['later'][0]}")
    return root, root / "site", accepted, built_pages


def test_a_page_refused_once_rendered_is_named_at_a_line_in_it(built):
    _, _, accepted, _ = built
    for r in accepted:
        for line, message in r["later"]:
            assert 1 <= line <= r["lines"], f"#{r['n']} {r['what']}: line {line} of {r['lines']}: {message}"


# Comments as a browser ends them (`<!-->`, `--!>`), and what it reads as a comment (`<!…>`, `<?…>`),
# taken out first: Python's parser ends some of them elsewhere and would hide the tags after them.
_COMMENTS = re.compile(r"<!--(?:-?>|.*?(?:--!?>|$))|<![^>]*>?|<\?[^>]*>?|</(?![A-Za-z])[^>]*>?", re.S)


class _Tags(HTMLParser):
    """Every element of a piece of HTML, with its attributes (entities decoded, as a browser reads them)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str]]]] = []
        self.feed(_COMMENTS.sub("", html))
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, [(name, value or "") for name, value in attrs]))

    handle_startendtag = handle_starttag


def _article(html: str) -> str:
    start = html.find('<article class="md-content__inner')
    end = html.find("</article>", start)
    assert start >= 0 and end > start, "the page has no article"
    return html[start:end]


def _shape(tag: str, attrs: list[tuple[str, str]]) -> tuple:
    """An element as the site's own templates write it, addresses and tab numbers aside."""
    return (tag, tuple(sorted((name, "" if name in ("href", "src") else re.sub(r"__tabbed_\d+_\d+", "__tabbed_N", value))
                              for name, value in attrs)))


_BARE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_SCRIPTING = ("javascript:", "data:", "vbscript:")
_PAGE_TAGS = set(ELEMENTS) | _GENERATED
_PAGE_ATTRIBUTES = set(GLOBAL) | _GENERATED_ATTRIBUTES
_NEVER = {"script", "style", "iframe", "object", "embed", "form", "svg", "math", "link", "meta", "base", "template",
          "frame", "frameset", "applet", "noscript", "textarea", "button", "select", "video", "audio", "source", "xmp",
          "plaintext", "marquee"}
# What the configuration or the environment would look like, printed into a page.
LEAKS = ("MacrosPlugin", "PluginCollection", "object at 0x", "<function ", "<bound method", "<module ", "<class '",
         "site_dir", "PATH=", "'PATH'", "jinja2.", "mkdocs.config", SECRET)


def _harm_in_article(article: str, site_shapes: set) -> list[str]:
    """What in a page's article neither the page allow-list nor the site's own templates make."""
    found = [f"a control character {char!r}" for char in set(re.findall("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", article))]
    for tag, attrs in _Tags(article).found:
        found += _harm_anywhere(tag, attrs)
        if _shape(tag, attrs) in site_shapes:
            continue  # written so by the site's own templates (an edit button's icon, a tool's button)
        if tag in _NEVER or tag not in _PAGE_TAGS:
            found.append(f"<{tag}> {attrs}")
        for name, value in attrs:
            if name.startswith("on") or name == "style" or name not in _PAGE_ATTRIBUTES | set(ELEMENTS.get(tag, ())):
                found.append(f"<{tag} {name}={value!r}>")
            elif name == "class":
                posing = [c for c in value.split() if c.startswith(("md-", "imh-")) and c not in CLASSES
                          and not re.fullmatch(r"imh-align-(left|right|center)", c) or c == "mermaid"]
                if posing:
                    found.append(f"<{tag} class={value!r}>: the theme's or the site's own class")
            elif name == "id" and not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,79}|_\d{1,4}|__tabbed_\d+_\d+", value):
                found.append(f"<{tag} id={value!r}>")
    return found


def _harm_anywhere(tag: str, attrs: list[tuple[str, str]]) -> list[str]:
    """What may stand nowhere on a page, the theme's parts (navigation, head) included."""
    found = []
    for name, value in attrs:
        bare = _BARE.sub("", value).lower()
        if name.startswith("on"):
            found.append(f"<{tag} {name}={value!r}>: an event handler")
        elif name in ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "content") and \
                (bare.startswith(_SCRIPTING) or re.search(r"(?:^|;)url=", bare)):
            found.append(f"<{tag} {name}={value!r}>: a script or a redirect")
        elif name == "http-equiv" and bare != "content-security-policy":
            found.append(f"<{tag} http-equiv={value!r}>")
    src = dict(attrs).get("src", "")
    if tag == "img" and re.match(r"^[a-z][a-z0-9+.-]*:|^[/\\]{2}", _BARE.sub("", src), re.I):
        found.append(f"<img src={src!r}>: a picture from another host")
    if tag in ("iframe", "object", "embed", "frame", "base", "applet"):
        found.append(f"<{tag}>")
    return found


def test_the_accepted_pages_are_harmless_once_built(built):
    root, site, _, pages = built
    assert len(pages) >= 40, f"only {len(pages)} mutated pages were built"
    fuzzed_html = {site / (r["src_uri"][:-3] + "/index.html") for r in pages}
    site_shapes = {("span", (("class", "md-tag"),))}  # a page's own tag with no listing (overrides/partials/tags.html)
    for path in site.rglob("index.html"):
        if path not in fuzzed_html and "admin" not in path.parts:
            site_shapes |= {_shape(tag, attrs) for tag, attrs in _Tags(_article(path.read_text(encoding="utf-8"))).found}
    harm, theme_wide = [], set()
    for r in pages:
        html = (site / (r["src_uri"][:-3] + "/index.html")).read_text(encoding="utf-8")
        article = _article(html)
        found = _harm_in_article(article, site_shapes)
        source = r["source"].decode("utf-8", errors="replace")
        found += [f"printed {leak!r}" for leak in LEAKS + (str(root),) if leak in html and leak not in source]
        if found:
            harm.append(f"#{r['n']} {r['what']} ({r['src_uri']}): {found[:3]}")
        # The navigation lists every page (their subtitles, statuses, icons): found once, on any page.
        theme_wide |= {f for tag, attrs in _Tags(html.replace(article, "")).found for f in _harm_anywhere(tag, attrs)}
    assert not harm, "\n".join(harm[:12])
    assert not theme_wide, f"outside the articles: {sorted(theme_wide)[:12]}"


def test_no_planted_command_ran_and_nothing_leaked_into_the_site(built):
    root, site, _, _ = built
    assert not (root / CANARY).exists(), "a shell command planted in a page ran"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".txt", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert SECRET not in text and str(root) not in text, f"{path.relative_to(site)} prints the build's environment"
