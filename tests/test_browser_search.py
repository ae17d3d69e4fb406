"""Site search in a real browser: every course, module and monthly topic can be found by its title.

Titles are typed into the theme's search box the way a reader types (Material reacts to key
presses, not to `fill`). The expected titles come from the contract, tests/required.yaml, typed from the source
documents, not from data/.
"""

from __future__ import annotations

import re

import pytest

from browser_checks import axe_in_both_schemes, with_axe
from required import COURSES, TOPICS

pytestmark = pytest.mark.browser

TITLES = ([("course", title) for title, _ in COURSES]
          + [("module", module) for _, modules in COURSES for module in modules]
          + [("topic", title) for title in TOPICS])

RESULTS = """() => [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')]
  .map(item => item.textContent.replace(/\\s+/g, ' ').trim())"""


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def search_for(page, query: str) -> None:
    """Empty the box, then enter the query.

    All but the last word go in at once; the last word is typed key by key, so the theme runs its
    search on the whole title exactly as after typing it all (typing every character of 27 long
    titles would only make the test slow)."""
    box = page.locator("input.md-search__input")
    head, _, last = query.rpartition(" ")
    box.fill(head + " " if head else "")
    box.press_sequentially(last)


def test_every_course_module_and_topic_title_finds_its_page_first(visit):
    """The page that holds the title (for a module: its course page) is the first result."""
    v = visit()  # phone-sized: the search opens as a full-screen dialog
    page = v.page
    v.goto("")
    page.locator("label.md-header__button[for='__search']").click()
    page.wait_for_function("() => document.getElementById('__search').checked")
    missing = []
    for kind, title in TITLES:
        search_for(page, title)
        try:
            page.wait_for_function(
                "t => document.querySelector('.md-search-result__list > li')"
                "  ?.textContent.replace(/\\s+/g, ' ').includes(t)",
                arg=normal(title), timeout=5000)
        except Exception:
            results = page.evaluate(RESULTS)
            missing.append(f"{kind} {title!r}: first results were {[r[:80] for r in results[:3]]}")
    assert not missing, "not the first search result:\n" + "\n".join(missing)
    assert v.foreign == [], f"search asked another host: {v.foreign}"


def test_search_results_are_announced_pass_axe_and_open_the_page(visit):
    """The result count is a live status for screen readers; the open search with its results
    passes axe-core in both schemes; Enter opens the best result."""
    v = visit()
    with_axe(v.context)
    page = v.page
    v.goto("")
    page.locator("label.md-header__button[for='__search']").click()
    title = TOPICS[7]  # "Bio-Psycho-Social History": one page holds it
    search_for(page, title)
    page.wait_for_function("t => document.querySelector('.md-search-result__list').textContent.includes(t)", arg=title)
    meta = page.locator(".md-search-result__meta")
    assert meta.get_attribute("role") == "status"
    assert re.search(r"\d+ matching document", meta.inner_text()), meta.inner_text()
    assert page.locator(".md-search").get_attribute("aria-label"), "the search dialog has no name"
    problems, schemes = axe_in_both_schemes(page, "", within=".md-search")
    assert sorted(schemes) == ["default", "slate"], f"schemes checked: {schemes}"
    assert not problems, "axe violations in the open search:\n" + "\n".join(problems)
    assert page.evaluate("document.getElementById('__search').checked"), "the search closed while checking it"
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_function("t => document.querySelector('article h1')?.textContent.includes(t)", arg=title,
                           timeout=10000)
