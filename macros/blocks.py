"""Components written wholly in HTML skip Markdown: a macro leaves a placeholder, the page gets the HTML.

Python-Markdown re-reads every raw HTML block character by character (md_in_html) before it
passes the block through untouched, and runs a dozen inline patterns over every piece of text
of a Markdown one. For a component that is HTML from end to end (the course checklist, the
course sequence, the catalogue cards, the theme lists, the "At a glance" box), with a long
catalogue that was a large part of the build. So the macro renders the component (an
autoescaped template, as always), keeps it here and leaves an empty placeholder element;
after Markdown, `place` (called from macros/hooks.py) swaps the placeholder for it:

- a *searchable* component (the "At a glance" box) as soon as Markdown is done, so Material's
  search indexes it like the rest of the page;
- any other once the search index has the page: components that repeat what the course pages
  say (checklist, sequence, cards, theme lists) are then not indexed, nor even parsed by search.

What this costs: the HTML is not seen by Markdown extensions, so it carries its own glossary
abbreviations (the `abbr` filter), links written as the browser needs them (the `href`
template global) and no headings meant for the table of contents.
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

_blocks: dict[str, tuple[str, bool]] = {}  # token -> (the component, searchable)
_numbers = itertools.count()


def defer(html: Markup, searchable: bool = False) -> Markup:
    """A placeholder for `html`, which `place` puts in its place after Markdown (and, unless
    `searchable`, after search)."""
    token = f"{_PREFIX}-{next(_numbers)}"
    _blocks[token] = (str(html), searchable)
    return Markup(f'\n\n<div data-imh-block="{token}" data-search-exclude></div>\n\n')


class PlacementError(Exception):
    """A placeholder was not a block of its own (the macro call sat inside other text)."""


def place(html: str, page_name: str, searchable: bool = False) -> str:
    """`html` with the placeholders of searchable components (or, with `searchable=False`, of
    all that are left) replaced by their components."""
    if _PREFIX not in html:
        return html

    def swap(match: re.Match) -> str:
        component, component_searchable = _blocks[match.group(1)]
        if searchable and not component_searchable:
            return match.group(0)
        del _blocks[match.group(1)]
        return component

    html = _BLOCK.sub(swap, html)
    if not searchable and _ANY.search(html):
        raise PlacementError(
            f"{page_name}: a macro that writes a whole HTML block was called inside a paragraph, "
            "list or table — put the macro call on a line of its own, with a blank line before and after")
    return html


def reset() -> None:
    """Forget components of an earlier build (`mkdocs serve` builds again on every change)."""
    _blocks.clear()
