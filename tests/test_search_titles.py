"""The search's files: search/titles.json (its first answer) must describe the pages Pagefind indexed,
and Pagefind's index must hold each page's theme tags as metadata.

search.js answers title matches from this file before Pagefind's index is in, and places
Pagefind's excerpts under them by URL; a page or heading missing here would lose its place
at the top of the results, and an entry with no page would be a result leading nowhere.
"""

from __future__ import annotations

import json
import re

from required import COURSES, TOPICS
from search_docs import fragments


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def titles(site) -> list:
    return json.loads((site.path / "search" / "titles.json").read_text(encoding="utf-8"))["pages"]


def test_every_indexed_page_has_its_title_and_headings_and_nothing_else(site):
    """The same pages as Pagefind's index, each with Pagefind's title; every heading listed is a
    section Pagefind links on that page (same id, same text), and every h2 section Pagefind links
    is listed (h3s include the theme index's generated "Pages tagged …" lists, which are not
    headings an editor wrote; modules, h3s too, are checked by the contract test below)."""
    entries = {"/" + url: (title, {hid: text for hid, text in headings}) for url, title, headings in titles(site)}
    indexed = {f["url"]: f for f in fragments(site.path)}
    assert sorted(entries) == sorted(indexed), (
        f"only in titles.json: {sorted(set(entries) - set(indexed))}; only in Pagefind: {sorted(set(indexed) - set(entries))}")
    for url, fragment in indexed.items():
        title, headings = entries[url]
        assert normal(title) == normal(fragment["meta"]["title"]), (url, title, fragment["meta"]["title"])
        sections = {a["id"]: a for a in fragment["anchors"] if a["element"] in ("h2", "h3") and a.get("id")}
        for hid, text in headings.items():
            assert hid in sections and normal(text) == normal(sections[hid]["text"]), (url, hid, text)
        unlisted = [a["text"] for a in sections.values() if a["element"] == "h2" and a["id"] not in headings]
        assert not unlisted, (url, unlisted)


def test_every_required_course_module_and_topic_is_a_title_or_heading(site):
    """Each course and topic of the contract is a page title; each module a heading on its course's page."""
    pages = {title: [text for _, text in headings] for _, title, headings in titles(site)}
    for course, modules in COURSES:
        assert course in pages, f"course {course!r} has no page title in search/titles.json"
        for module in modules:
            assert any(module in heading for heading in pages[course]), f"module {module!r} is not a heading of {course!r}"
    for topic in TOPICS:
        assert topic in pages, f"topic {topic!r} has no page title in search/titles.json"


def test_pages_are_in_navigation_order(site):
    """Ties between equal matches go to the page the navigation lists first: home, then its order."""
    urls = [url for url, _, _ in titles(site)]
    assert urls[0] == "", urls[:3]
    courses = [url for url in urls if url.startswith("courses/") and url != "courses/"]
    course_titles = [title for url, title, _ in titles(site) if url in courses]
    required = [c for c, _ in COURSES]
    assert [t for t in course_titles if t in required] == required, course_titles


def test_theme_tags_are_search_metadata_on_every_tagged_page(site):
    """Theme tags help ranking because Pagefind holds them as the page's `tags` metadata, which
    search/results.js weights (`metaWeights`); every page showing tags has exactly those in the index."""
    from bs4 import BeautifulSoup

    indexed = {f["url"]: f for f in fragments(site.path)}
    tagged = 0
    for url, fragment in indexed.items():
        html = (site.path / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        nav = BeautifulSoup(html, "html.parser").select_one("article nav.md-tags")
        shown = [normal(tag.get_text()) for tag in nav.select(".md-tag")] if nav else []
        tagged += bool(shown)
        assert normal(fragment["meta"].get("tags", "")) == " ".join(shown), (url, shown, fragment["meta"].get("tags"))
    assert tagged >= 10, f"only {tagged} pages show theme tags: the test proves little"
