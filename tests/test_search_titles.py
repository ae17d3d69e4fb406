"""The search's files: search/titles.json (its first answer) must describe the pages Pagefind indexed,
and Pagefind's index must hold each page's theme tags as metadata, whom each page is for as its
page's front matter says (the suggested pages too), and no row that only points elsewhere.

search.js answers title matches from this file before Pagefind's index is in, and places
Pagefind's excerpts under them by URL; a page or heading missing here would lose its place
at the top of the results, and an entry with no page would be a result leading nowhere.
"""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

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


# --- what pages tell the search (front matter `search:`) ----------------------------------------

def docs_settings() -> dict[str, dict]:
    """Each prose page's URL ("" for home) and its front matter's `search:` settings, as typed."""
    from mkdocs.utils.meta import get_data

    from conftest import ROOT

    found = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        src = path.relative_to(ROOT / "docs").as_posix()
        url = "" if src == "index.md" else src[: -len("index.md")] if src.endswith("/index.md") else src[: -len(".md")] + "/"
        _, meta = get_data(path.read_text(encoding="utf-8"))
        found[url] = meta.get("search") or {}
    return found


def test_audiences_and_suggestions_are_the_front_matters(site):
    """titles.json says whom each page is for and which pages to suggest exactly as the pages'
    front matter does (`search: audience:` and `search: suggest: true`), suggestions in
    navigation order with the page's title and description; pages that say nothing are for
    readers, and some page is for another audience (else the ordering proves nothing)."""
    content = json.loads((site.path / "search" / "titles.json").read_text(encoding="utf-8"))
    settings = docs_settings()
    default = content["default_audience"]
    listed = {url: audience for audience, urls in content["audiences"].items() for url in urls}
    assert default not in content["audiences"], content["audiences"]
    expected = {url: s["audience"] for url, s in settings.items() if s.get("audience", default) != default}
    assert listed == expected
    assert expected, "no page is for another audience than readers: the ordering proves nothing"
    order = [url for url, _, _ in content["pages"]]
    suggested = [url for url in order if settings.get(url, {}).get("suggest")]
    assert [url for url, _, _ in content["suggest"]] == suggested, content["suggest"]
    assert suggested, "no page is suggested (front matter `search: suggest: true`)"
    titles_by_url = {url: title for url, title, _ in content["pages"]}
    for url, title, description in content["suggest"]:
        meta = BeautifulSoup(site.html(url), "html.parser").select_one("meta[name=description]")["content"]
        assert title == titles_by_url[url] and normal(description) == normal(meta), (url, title, description)


def test_pages_not_for_readers_carry_the_one_filter_value(site):
    """Pagefind holds the filter `audience: other` on exactly the pages titles.json lists for
    another audience than readers (what search/results.js asks Pagefind for to order them), and
    no filter on any other page: a filter with several values would be written in a different
    order on every build (tests/test_reproducible.py)."""
    content = json.loads((site.path / "search" / "titles.json").read_text(encoding="utf-8"))
    others = {"/" + url for urls in content["audiences"].values() for url in urls}
    for fragment in fragments(site.path):
        expected = {"audience": ["other"]} if fragment["url"] in others else {}
        assert (fragment.get("filters") or {}) == expected, (fragment["url"], fragment.get("filters"))
    assert others, "no page is for another audience: the filter proves nothing"


def test_a_bad_search_setting_stops_the_build_with_the_fix():
    """A typo under `search:` is named with what to write, not ignored."""
    import pytest

    from macros.pages.search_settings import SearchSettingsError, search_settings

    assert search_settings({}).audience == "readers"
    assert search_settings({"search": {"audience": "editors", "suggest": True}}).suggest is True
    for meta, said in (({"search": "editors"}, "indented lines"), ({"search": {"sugest": True}}, "'sugest'"),
                       ({"search": {"audience": "Site Editors"}}, "one word"), ({"search": {"suggest": "yes"}}, "true or false")):
        with pytest.raises(SearchSettingsError, match=said):
            search_settings(meta)


# --- rows that only point elsewhere are not indexed ---------------------------------------------

def _own_values(record) -> list[str]:
    """What a course or topic file says of its own (and a course's place in the order), as text."""
    values = [getattr(record, "order", None), *record.model_dump(exclude={"evidence", "review", "modules", "themes"}).values()]
    return [str(v) for v in values if isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip()]


def test_rows_that_only_point_elsewhere_are_not_indexed(site):
    """An "At a glance" row of a course or monthly topic page that links elsewhere and states
    nothing of the page's own course or topic (the provider's pages, "the provider's page does not
    say" beside the credential's fee, "Hours, cost …: see the schedule") is left out of the index:
    twelve topic pages saying it would outrank the page that states those facts for "cost". A row
    that states one of the record's own values (its place in the order, a fee of its own), or
    holds no link, stays searchable. Which rows point elsewhere follows from the data (a course
    given its own fee or page changes its rows), never from today's content."""
    from required import data

    words = lambda text: " ".join(re.findall(r"\w+", text.lower()))  # noqa: E731 (spacing and punctuation aside)
    indexed = {f["url"]: words(f["content"]) for f in fragments(site.path)}
    records = [(f"courses/{c.id}/", c) for c in data().courses] + [(f"topics/{t.id}/", t) for t in data().topics]
    pointers = 0
    for url, record in records:
        own = [words(v) for v in _own_values(record) if words(v)]
        for li in site.article(url).select_one(".admonition.abstract ul").find_all("li", recursive=False):
            text = normal(li.get_text(" "))
            bare = BeautifulSoup(str(li), "html.parser")
            for tag in bare.find_all(["a", "strong"]):  # the links and the row's label
                tag.decompose()
            states_own = any(re.search(rf"\b{re.escape(v)}\b", words(bare.get_text(" "))) for v in own)
            if li.find("a") and not states_own:
                pointers += 1  # its label and words (the page may say them elsewhere too)
                assert words(text) not in indexed["/" + url], f"/{url} indexes a row that only points elsewhere: {text}"
            else:
                assert words(text.split(":", 1)[-1]) in indexed["/" + url], f"/{url} lost its own row from the index: {text}"
    assert pointers >= len(data().topics), "no row points elsewhere: the test proves nothing"
