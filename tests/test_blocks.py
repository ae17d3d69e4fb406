"""Components written wholly in HTML are placed after Markdown and search (macros/pages/blocks.py)."""

from __future__ import annotations

import markdown
import pytest
from markupsafe import Markup

from macros.pages.blocks import Blocks, PlacementError
from required import COURSES

blocks = Blocks()

EXTENSIONS = ["md_in_html", "admonition"]


def test_a_component_on_a_line_of_its_own_or_in_an_admonition_replaces_its_placeholder():
    first = blocks.defer(Markup("<ol><li>*not emphasis*</li></ol>"))
    second = blocks.defer(Markup("<ul><li>two</li></ul>"))
    source = f"Before.\n{first}After.\n\n!!! note\n\n    {second.strip()}\n"
    html = blocks.place(markdown.markdown(source, extensions=EXTENSIONS), "page.md")
    assert html.startswith("<p>Before.</p>\n<ol><li>*not emphasis*</li></ol>\n\n<p>After.</p>")
    assert '<p class="admonition-title">Note</p>\n<ul><li>two</li></ul>\n</div>' in html
    assert "data-imh-block" not in html


def test_searchable_components_are_placed_first_and_the_others_after_search():
    quiet = blocks.defer(Markup("<ol><li>listed</li></ol>"))
    indexed = blocks.defer(Markup("<ul><li>indexed</li></ul>"), searchable=True)
    html = markdown.markdown(f"{quiet}{indexed}", extensions=EXTENSIONS)
    before_search = blocks.place(html, "page.md", searchable=True)
    assert "<li>indexed</li>" in before_search and "listed" not in before_search
    assert "data-search-exclude" in before_search, "the other placeholder stays, hidden from search"
    after = blocks.place(before_search, "page.md")
    assert "<li>listed</li>" in after and "data-imh-block" not in after


def test_a_component_inside_a_list_is_a_clear_error_not_a_broken_page():
    source = "- item " + blocks.defer(Markup("<ol></ol>")).strip()
    with pytest.raises(PlacementError, match=r"docs/x\.md: .*inside a paragraph, list or table — put the macro call on a line of its own"):
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


def test_the_at_a_glance_box_is_shown_and_searchable(site):
    for url in ("courses/sed-part-1/", "topics/attachment/"):
        box = site.article(url).select_one(".admonition.abstract")
        assert box is not None and box.select_one(".admonition-title").get_text() == "At a glance"
        assert len(box.select("li > strong")) >= 4, url  # topic pages carry only their own facts (issue 12)
        page = next(d for d in site.search_index["docs"] if d["location"] == url)
        first = box.select_one("li > strong").get_text()
        assert first in page["text"], f"{url}: the At a glance box ({first}) is not in the search index"
