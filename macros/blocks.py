"""Components written wholly in HTML skip Markdown: a macro leaves a placeholder, the page gets the HTML.

Python-Markdown re-reads every raw HTML block character by character (md_in_html) before it
passes the block through untouched. For a component that is HTML from end to end, such as
the course checklist or the course sequence, with a long catalogue that reading was most of
the cost of the pages that list every course. So the macro renders the component (an
autoescaped template, as always), keeps it here and returns a one-word paragraph in its
place; after Markdown, `on_page_content` (in macros/hooks.py) swaps the paragraph for it.

What this costs: the HTML is not seen by Markdown extensions, so it carries its own
glossary abbreviations (the `abbr` filter), links written as the browser needs them (the
`href` template global) and no headings meant for the table of contents.
"""

from __future__ import annotations

import itertools
import re
import secrets

from markupsafe import Markup

# A token Markdown leaves as it is (letters and digits), unguessable so data cannot forge one.
_PREFIX = "imhblock" + secrets.token_hex(8)
_TOKEN = re.compile(rf"<p>({_PREFIX}\d+)</p>|{_PREFIX}\d+")

_blocks: dict[str, str] = {}
_numbers = itertools.count()


def defer(html: Markup) -> Markup:
    """A placeholder paragraph for `html`, which `place` puts back after Markdown."""
    token = f"{_PREFIX}{next(_numbers)}"
    _blocks[token] = str(html)
    return Markup(f"\n\n{token}\n\n")


class PlacementError(Exception):
    """A placeholder was not a paragraph of its own (the macro call sat inside other text)."""


def place(html: str, page_name: str) -> str:
    """`html` with each placeholder paragraph replaced by its component."""

    def swap(match: re.Match) -> str:
        if match.group(1) is None:
            raise PlacementError(
                f"{page_name}: a macro that writes a whole HTML block was called inside a paragraph, "
                "list or table — put the macro call on a line of its own, with a blank line before and after")
        return _blocks.pop(match.group(1))

    return _TOKEN.sub(swap, html) if _PREFIX in html else html


def reset() -> None:
    """Forget components of an earlier build (`mkdocs serve` builds again on every change)."""
    _blocks.clear()
