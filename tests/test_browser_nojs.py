"""With JavaScript switched off the site still reads and navigates: content, menus and tables."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}

SHOWN = """(selector) => [...document.querySelectorAll(selector)].filter(el => {
  const r = el.getBoundingClientRect();
  return el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && r.width > 0 && r.height > 0
    && r.right > 0 && r.left < innerWidth;
}).map(el => el.textContent.replace(/\\s+/g, ' ').trim())"""


def settle(page) -> None:
    """Wait for the drawer to slide in (polled from here: the page runs no script of its own)."""
    for _ in range(50):
        if page.evaluate("() => document.getAnimations().every(a => a.playState !== 'running')"):
            return
        page.wait_for_timeout(20)


def pages(site) -> list[str]:
    all_pages = site.pages()
    course = next(u for u in all_pages if u.startswith("courses/") and u != "courses/")
    topic = next(u for u in all_pages if u.startswith("topics/") and u != "topics/")
    return ["", course, topic, "leadership/", "sources/"]


def test_pages_read_without_javascript_on_a_phone(site, visit):
    v = visit(viewport=PHONE, java_script_enabled=False)
    page = v.page
    for url in pages(site):
        v.goto(url)
        heading = page.evaluate(SHOWN, "article h1")
        expected = site.article(url).h1.get_text(" ", strip=True).rstrip("¶").strip()
        assert heading and heading[0].rstrip("¶").strip() == expected, f"/{url}: h1 not shown: {heading}"
        paragraphs = page.evaluate(SHOWN, "article p")
        assert sum(len(p) for p in paragraphs) > 200, f"/{url}: too little text shown: {paragraphs[:3]}"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"/{url} scrolls sideways"
        # The menu button is a plain label: tapping it opens the drawer without any script.
        page.locator("label.md-header__button[for='__drawer']").click()
        settle(page)
        links = page.evaluate(SHOWN, ".md-sidebar--primary .md-nav__link")
        assert len(links) >= 3, f"/{url}: the drawer shows only {links}"
        # The drawer opens on the page's own section; its back buttons (labels too) lead to the top.
        for _ in range(4):
            back = page.locator(".md-sidebar--primary label.md-nav__title[for^='__nav']:visible")
            if not back.count():
                break
            back.last.click()
            settle(page)
        top = page.evaluate(SHOWN, ".md-sidebar--primary .md-nav--primary > .md-nav__list > li > .md-nav__link")
        assert len(top) >= 5 and "Home" in top[0], f"/{url}: the top of the menu shows {top}"
        # A link in the drawer goes somewhere.
        target = page.locator(".md-sidebar--primary a.md-nav__link:visible").first
        href = target.get_attribute("href")
        target.click()
        page.wait_for_load_state()
        assert page.url != v.base + url or href.startswith("#"), f"/{url}: drawer link {href} did nothing"
    assert v.foreign == [], f"requests to other hosts: {v.foreign}"


def test_navigation_and_tables_without_javascript_on_a_wide_screen(site, visit):
    v = visit(viewport=DESKTOP, java_script_enabled=False)
    page = v.page
    v.goto("leadership/")
    tabs = page.evaluate(SHOWN, ".md-tabs a")
    assert len(tabs) >= 5, f"the section tabs are not shown: {tabs}"
    sidebar = page.evaluate(SHOWN, ".md-sidebar--primary a")
    assert len(sidebar) >= 3, f"the navigation sidebar is not shown: {sidebar}"
    toc = page.evaluate(SHOWN, ".md-sidebar--secondary a")
    assert len(toc) >= 2, f"the table of contents is not shown: {toc}"
    cells = page.evaluate(SHOWN, "article table td")
    assert len(cells) >= 4, f"tables are not shown: {cells[:4]}"
