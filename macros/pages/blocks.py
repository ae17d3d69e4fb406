"""Components written wholly in HTML skip Markdown: a macro leaves a placeholder, the page gets the HTML.

A *searchable* component is placed as soon as Markdown is done, so Material's search indexes
it; any other once search has read the page (it repeats what other pages say). The HTML never
passes through Markdown, so it carries its own glossary abbreviations (`abbr` filter) and
browser links (`href`). Why this exists, with measurements: bench/NOTES.md ("Deferred HTML").
"""

from __future__ import annotations

import itertools
import re
import secrets

from markupsafe import Markup


class PlacementError(Exception):
    """A placeholder was not a block of its own (the macro call sat inside other text)."""


class Blocks:
    """The components of one build, by unguessable token (text in the data cannot forge one)."""

    def __init__(self) -> None:
        self.prefix = "imh" + secrets.token_hex(8)
        # On a line of its own, or (inside an admonition or a tab) the only content of a paragraph.
        self._block = re.compile(
            rf'^(?:<p>)?<div data-imh-block="({self.prefix}-\d+)" data-search-exclude></div>(?:</p>)?$', re.M)
        self._any = re.compile(rf'<div data-imh-block="{self.prefix}-\d+"')
        self._components: dict[str, tuple[str, bool]] = {}  # token -> (the component, searchable)
        self._numbers = itertools.count()

    def defer(self, html: Markup, searchable: bool = False) -> Markup:
        """A placeholder for `html`, which `place` puts in its place after Markdown (and, unless
        `searchable`, after search)."""
        token = f"{self.prefix}-{next(self._numbers)}"
        self._components[token] = (str(html), searchable)
        return Markup(f'\n\n<div data-imh-block="{token}" data-search-exclude></div>\n\n')

    def pending(self, html: str) -> list[str]:
        """The components whose placeholders `html` still holds (what `place` will put there)."""
        return [self._components[token][0] for token in self._block.findall(html) if token in self._components]

    def misplaced(self, html: str) -> bool:
        """Whether a placeholder in `html` is not a block of its own (`place` would refuse it)."""
        return len(self._any.findall(html)) > len(self._block.findall(html))

    def place(self, html: str, page_name: str, searchable: bool = False) -> str:
        """`html` with the placeholders of searchable components (or, with `searchable=False`, of
        all that are left) replaced by their components."""
        if self.prefix not in html:
            return html

        def swap(match: re.Match) -> str:
            component, component_searchable = self._components[match.group(1)]
            if searchable and not component_searchable:
                return match.group(0)
            del self._components[match.group(1)]
            return component

        html = self._block.sub(swap, html)
        if not searchable and self._any.search(html):
            raise PlacementError(
                f"{page_name}: a macro that writes a whole HTML block was called inside a paragraph, "
                "list or table — put the macro call on a line of its own, with a blank line before and after")
        return html
