"""Every Markdown link and image of a page: where it may go, and whether that page and section exist.

`link_problems` runs before the page renders (an address a page may not link to, an image from
another host, a macro writing an address, an insecure http:// link); `check_links` runs once every
page has rendered, against the ids of the pages as the build made them (generated pages and
components written in HTML included).
"""

from __future__ import annotations

import difflib
import posixpath
import re

from ...data.problems import Problem
from .markup import IMAGES, PLACEHOLDER, check_attribute
from .source import PageSource

_LINK = re.compile(r"(?<!\\)(!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]*)>?")
_ID = re.compile(r"""\bid=["']([^"']+)["']""")


def ids(html: str) -> set[str]:
    """The ids of a page's HTML (what a `#anchor` link may name)."""
    return set(_ID.findall(html))


def _links(page: PageSource):
    """(line, column, is an image, address) of every Markdown link, image and link definition
    outside code, lines as the editor's file shows them."""
    for number, line in enumerate(page.prose.split("\n"), 1):
        for match in _LINK.finditer(line):
            yield number, match.start(2) + 1, bool(match.group(1)), match.group(2)
        reference = _REFERENCE.match(line)
        if reference:
            yield number, reference.start(1) + 1, False, reference.group(1)


def link_problems(page: PageSource) -> list[Problem]:
    """Addresses a page may not use, before anything renders."""
    problems = []
    for number, col, image, target in _links(page):
        if PLACEHOLDER.lower() in target.lower():
            problems.append(page.at(number, col, "a macro cannot write a link's address", "write the address itself, in full"))
        elif image:
            found = check_attribute("img", "src", target)
            if found:
                problems.append(page.at(number, col, *found))
        elif target.lower().startswith("http://"):
            problems.append(page.at(number, col, f"the link to {target} uses http://, which is not secure",
                                    "write the address with https:// instead (open it in a browser to check it works)"))
        elif target:
            found = check_attribute("a", "href", target)
            if found:
                problems.append(page.at(number, col, *found))
    return problems


def check_links(page: PageSource, anchors: dict[str, set[str] | None]) -> list[Problem]:
    """Links to pages that do not exist and to #anchors not on the page.

    `anchors`: every page of the site and its ids (None: the page was not rendered, its anchors
    are not judged)."""
    problems = []
    folder = posixpath.dirname(page.src_uri)
    for number, col, image, target in _links(page):
        if not target or image or re.match(r"^[a-z][a-z0-9+.-]*:|^//", target, re.I) or PLACEHOLDER.lower() in target.lower():
            continue
        path, _, anchor = target.partition("#")
        if path.lower().endswith(IMAGES):
            continue
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
