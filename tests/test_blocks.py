"""Components written wholly in HTML are placed after Markdown and search (macros/blocks.py)."""

from __future__ import annotations

import markdown
import pytest
from markupsafe import Markup

from macros import blocks
from required import COURSES

EXTENSIONS = ["md_in_html", "admonition"]


def test_a_component_on_a_line_of_its_own_or_in_an_admonition_replaces_its_placeholder():
    first = blocks.defer(Markup("<ol><li>*not emphasis*</li></ol>"))
    second = blocks.defer(Markup("<ul><li>two</li></ul>"))
    source = f"Before.\n{first}After.\n\n!!! note\n\n    {second.strip()}\n"
    html = blocks.place(markdown.markdown(source, extensions=EXTENSIONS), "page.md")
    assert html.startswith("<p>Before.</p>\n<ol><li>*not emphasis*</li></ol>\n\n<p>After.</p>")
    assert '<p class="admonition-title">Note</p>\n<ul><li>two</li></ul>\n</div>' in html
    assert "data-imh-block" not in html


def test_a_component_inside_a_list_is_a_clear_error_not_a_broken_page():
    source = "- item " + blocks.defer(Markup("<ol></ol>")).strip()
    with pytest.raises(blocks.PlacementError, match=r"docs/x\.md: .*inside a paragraph, list or table — put the macro call on a line of its own"):
        blocks.place(markdown.markdown(source, extensions=EXTENSIONS), "docs/x.md")


def test_text_that_looks_like_a_placeholder_is_left_alone():
    forged = '<div data-imh-block="imh0000000000000000-0" data-search-exclude></div>'
    assert blocks.place(forged, "page.md") == forged


@pytest.mark.parametrize("url", ["", "credential/", "courses/", "themes/"])
def test_pages_that_list_every_course_show_the_components_but_leave_them_out_of_search(site, url):
    article = site.article(url)
    assert not article.select("[data-imh-block]"), "a placeholder was left in the page"
    text = " ".join(article.get_text(" ").split())
    titles = [title for title, _ in COURSES]
    modules = [m for _, ms in COURSES for m in ms]
    assert url == "themes/" or all(t in text for t in titles), f"{url}: a course is missing from the page"
    entries = [d for d in site.search_index["docs"] if d["location"].split("#")[0] == url]
    assert entries, f"{url} is not in the search index"
    for entry in entries:
        assert not any(m in entry["text"] for m in modules), f"{url}: a listed module reached the search index: {entry['text'][:200]}"
