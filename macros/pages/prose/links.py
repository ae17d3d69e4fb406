"""Every Markdown link of a page: http:// addresses, pages that do not exist, #anchors not on the page.

The anchors are the ids of the pages as the build rendered them (`ids`), so a link is judged
against the page readers get, generated pages and components written in HTML included.
"""

from __future__ import annotations

import difflib
import posixpath
import re

from ...data.problems import Problem
from .source import PageSource

# Links written with a macro, to a mail program or to a page elsewhere: not files of this site.
_EXTERNAL = re.compile(r"^(?:https://|mailto:|tel:|\{\{|\{%)", re.I)
_LINK = re.compile(r"(?<!\\)!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_ID = re.compile(r"""\bid=["']([^"']+)["']""")


def ids(html: str) -> set[str]:
    """The ids of a page's HTML (what a `#anchor` link may name)."""
    return set(_ID.findall(html))


def prose_lines(body: str):
    """(line number, line) of the body outside fenced code, with code spans blanked out."""
    fence = None
    for number, line in enumerate(body.split("\n"), 1):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1) == fence:
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def check_links(page: PageSource, anchors: dict[str, set[str] | None]) -> list[Problem]:
    """Links to http:// addresses, to pages that do not exist and to #anchors not on the page.

    `anchors`: every page of the site and its ids (None: the page was not rendered, its anchors
    are not judged)."""
    problems = []
    folder = posixpath.dirname(page.src_uri)
    for number, line in prose_lines(page.body):
        for match in _LINK.finditer(line):
            target = match.group(1)
            col = match.start(1) + 1
            if target.lower().startswith("http://"):
                problems.append(page.at(number, col, f"the link to {target} uses http://, which is not secure",
                                        "write the address with https:// instead (open it in a browser to check it works)"))
                continue
            if not target or _EXTERNAL.match(target) or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue
            path, _, anchor = target.partition("#")
            dest = posixpath.normpath(posixpath.join(folder, path)) if path else page.src_uri
            if path.endswith("/"):
                dest = posixpath.join(dest, "index.md")
            if dest not in anchors:
                if path.endswith(".md") or path.endswith("/") or "." not in posixpath.basename(path):
                    close = difflib.get_close_matches(dest, sorted(anchors), n=1, cutoff=0.6)
                    suggestion = posixpath.relpath(close[0], folder or ".") if close else None
                    problems.append(page.at(number, col, f"the link goes to '{path}', which is not a page of this site",
                                            f"did you mean '{suggestion}'?" if suggestion else
                                            "link to the page's .md file, written from this page's folder (e.g. faq.md or ../faq.md)"))
                continue
            if anchor and anchors[dest] is not None and anchor not in anchors[dest]:
                close = difflib.get_close_matches(anchor, sorted(anchors[dest]), n=1, cutoff=0.6)
                problems.append(page.at(number, col + len(path), f"the page {dest} has no section '#{anchor}'",
                                        f"did you mean '#{close[0]}'?" if close else
                                        "link to a heading that exists on that page (its '¶' link shows the address)"))
    return problems
