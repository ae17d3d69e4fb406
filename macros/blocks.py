"""Components written wholly in HTML skip Markdown: a macro leaves a placeholder, the page gets the HTML.

Python-Markdown re-reads every raw HTML block character by character (md_in_html) before it
passes the block through untouched, and Material's search then parses the page's HTML again.
For a component that is HTML from end to end and repeats what the course pages already say
(the course checklist, the course sequence, the catalogue cards, the theme lists), with a long
catalogue that reading was most of the cost of the pages that list every course. So the
macro renders the component (an autoescaped template, as always), keeps it here and leaves an
empty placeholder element, marked `data-search-exclude`; once the search index has the page,
`place` (called from macros/hooks.py) swaps the placeholder for the component.

What this costs: the HTML is not seen by Markdown extensions, so it carries its own glossary
abbreviations (the `abbr` filter), links written as the browser needs them (the `href`
template global) and no headings meant for the table of contents; and it is not searchable,
which is what these components want (each course page is indexed itself).
"""

from __future__ import annotations

import itertools
import re
import secrets

from markupsafe import Markup

# Unguessable, so that text in the data cannot forge a placeholder.
_PREFIX = "imh" + secrets.token_hex(8)
# A placeholder Markdown kept as a block of its own: on a line of its own, or (inside an
# admonition or a tab) as the only content of a paragraph.
_BLOCK = re.compile(rf'^(?:<p>)?<div data-imh-block="({_PREFIX}-\d+)" data-search-exclude></div>(?:</p>)?$', re.M)
_ANY = re.compile(rf'<div data-imh-block="{_PREFIX}-\d+"')

_blocks: dict[str, str] = {}
_numbers = itertools.count()


def defer(html: Markup) -> Markup:
    """A placeholder for `html`, which `place` puts in its place after Markdown and search."""
    token = f"{_PREFIX}-{next(_numbers)}"
    _blocks[token] = str(html)
    return Markup(f'\n\n<div data-imh-block="{token}" data-search-exclude></div>\n\n')


class PlacementError(Exception):
    """A placeholder was not a block of its own (the macro call sat inside other text)."""


def place(html: str, page_name: str) -> str:
    """`html` with each placeholder replaced by its component."""
    if _PREFIX not in html:
        return html
    html = _BLOCK.sub(lambda match: _blocks.pop(match.group(1)), html)
    if _ANY.search(html):
        raise PlacementError(
            f"{page_name}: a macro that writes a whole HTML block was called inside a paragraph, "
            "list or table — put the macro call on a line of its own, with a blank line before and after")
    return html


def reset() -> None:
    """Forget components of an earlier build (`mkdocs serve` builds again on every change)."""
    _blocks.clear()
