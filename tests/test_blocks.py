"""Components written wholly in HTML are placed after Markdown (macros/blocks.py)."""

from __future__ import annotations

import markdown
import pytest
from markupsafe import Markup

from macros import blocks


def test_a_component_on_a_line_of_its_own_replaces_its_placeholder():
    source = "Before.\n" + blocks.defer(Markup("<ol><li>*not emphasis*</li></ol>")) + "After."
    html = blocks.place(markdown.markdown(source), "page.md")
    assert html == "<p>Before.</p>\n<ol><li>*not emphasis*</li></ol>\n<p>After.</p>"


def test_a_component_inside_a_list_is_a_clear_error_not_a_broken_page():
    source = "- item " + blocks.defer(Markup("<ol></ol>")).strip()
    with pytest.raises(blocks.PlacementError, match=r"docs/x\.md: .*inside a paragraph, list or table — put the macro call on a line of its own"):
        blocks.place(markdown.markdown(source), "docs/x.md")


def test_text_that_looks_like_a_placeholder_is_left_alone():
    assert blocks.place("<p>imhblock0</p>", "page.md") == "<p>imhblock0</p>"
