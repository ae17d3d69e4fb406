"""Accessibility in a real browser: axe-core and touch targets on a wide screen, and the keyboard.

Every page is checked with axe-core on a phone in both colour schemes in
tests/test_browser_phone.py. Here a page of each kind is checked on a wide screen too, where
the tabs, both sidebars and the table of contents are visible; then the keyboard: skip link,
every control reachable with Tab, a visible focus ring that nothing covers, the phone drawer.
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_checks import DESKTOP, PHONE, describe_targets, pages_of, sample, script, settle, survey, too_small

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def desktop(site, browser, server):
    home, pathway, credential, course, leadership, topic, faq, sources = sample(site)
    # Home, a course page, the page with the planning tool and tables, the widest table, the 404.
    return survey(browser, server, [home, course, leadership, sources, "no-such-page/"], DESKTOP)


def test_axe_finds_no_wcag_violations_on_a_wide_screen_in_either_scheme(desktop):
    pages = pages_of(desktop)
    unverified = {url: d["schemes"] for url, d in pages.items() if sorted(d["schemes"]) != ["default", "slate"]}
    assert not unverified, f"pages not checked in both painted schemes: {unverified}"
    problems = [p for d in pages.values() for p in d["axe"]]
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def test_touch_targets_on_a_wide_screen(desktop):
    """Tabs, sidebars and the table of contents appear only on wide screens."""
    bad = []
    for url, d in pages_of(desktop).items():
        bad += describe_targets(url, too_small(d["targets"]))
    assert not bad, "targets smaller than 24×24 px without enough space around them:\n" + "\n".join(bad)
    assert not desktop["__foreign__"], f"requests to other hosts: {desktop['__foreign__']}"


# --- keyboard ------------------------------------------------------------------------------

FOCUSABLE = ("a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, "
             "summary, [tabindex]:not([tabindex='-1'])")

EXPECTED = script("keyboard_expected.js")  # tests/browser/keyboard_expected.js

FOCUS_STATE = script("focus_state.js")  # tests/browser/focus_state.js
SHOWN_OR_GONE = f"() => {{ const s = ({FOCUS_STATE})(); return !s || (s.seen && s.ring); }}"


def press(page, key: str) -> dict | None:
    """Press a key; return where focus went, judged once any transition has finished."""
    page.keyboard.press(key)
    state = page.evaluate(FOCUS_STATE)
    if state and not (state["seen"] and state["ring"]):
        # A panel or the search box may still be opening: give it up to 300 ms to show the focus.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(SHOWN_OR_GONE, timeout=300)
        settle(page)
        state = page.evaluate(FOCUS_STATE)
    return state


def keyboard_pages(site) -> list[str]:
    """Home, a course, a topic, and the leadership page with its planning tool (checkboxes, tabs)."""
    pages = site.pages()
    course = next(u for u in pages if u.startswith("courses/") and u != "courses/")
    topic = next(u for u in pages if u.startswith("topics/") and u != "topics/")
    return ["", course, topic, "leadership/"]


def test_every_page_has_a_skip_link_to_its_main_content(site):
    bad = []
    for url in site.pages():
        soup = site.soup(url)
        skip = soup.select_one("a.md-skip")
        target = soup.find(id=skip["href"].lstrip("#")) if skip and skip.get("href", "").startswith("#") else None
        if target is None or target.find_parent("article") is None:
            bad.append(f"/{url}: {skip}")
    assert not bad, "pages without a working skip link:\n" + "\n".join(bad)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(site, visit, viewport):
    v = visit(viewport=viewport)
    for url in keyboard_pages(site):
        v.goto(url)
        first = press(v.page, "Tab")
        assert first and first["skip"], f"/{url}: the first Tab stop is {first}, not the skip link"
        assert first["ring"] and first["seen"], f"/{url}: the skip link is not visible when focused: {first}"
        v.page.keyboard.press("Enter")
        settle(v.page)
        target = v.page.evaluate(FOCUS_STATE)
        assert target and target["inArticle"] and target["seen"], f"/{url}: the skip link left focus on {target}"
        after = press(v.page, "Tab")
        assert after and after["inArticle"], f"/{url}: after the skip link, Tab went to {after}, not into the content"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_tab_reaches_every_control_with_a_visible_focus_ring_never_covered(site, visit, viewport):
    v = visit(viewport=viewport)
    problems, stops = [], 0
    home, course, topic, tools = keyboard_pages(site)
    # The header, drawer and footer are the same everywhere; these differ in what the page holds.
    for url in ([home, course, tools] if viewport is PHONE else [course, tools]):
        v.goto(url)
        settle(v.page)
        expected = {c["key"]: c["what"] for c in v.page.evaluate(EXPECTED, FOCUSABLE)}
        reached = set()
        for _ in range(len(expected) + 40):
            state = press(v.page, "Tab")
            if state is None:
                continue
            if state["skip"] and reached:
                break  # round the page and back to the start
            stops += 1
            reached.add(state["key"])
            if state["searchOpen"]:
                reached.add(state["searchLabel"])  # the search box opened: the magnifier's job is done
            if not state["ring"]:
                problems.append(f"/{url}: no visible focus ring on {state['what']}")
            if not state["seen"]:
                problems.append(f"/{url}: focused {state['what']} is hidden by {state['coveredBy']}")
        else:
            problems.append(f"/{url}: Tab never came back round to the skip link")
        missed = [what for key, what in expected.items() if key not in reached]
        problems += [f"/{url}: Tab never reaches {what}" for what in missed]
    assert stops > 40, f"only {stops} Tab stops: the walk is not working"
    assert not problems, "\n".join(problems)


def test_navigation_drawer_works_from_the_keyboard(site, visit):
    """Open the drawer, walk up to the top of the navigation and through every entry, close it."""
    v = visit(viewport=PHONE)
    page = v.page
    course = keyboard_pages(site)[1]
    v.goto(course)
    press(page, "Tab")  # skip link
    menu = press(page, "Tab")
    assert menu["what"].startswith("button") and "navigation" in menu["what"].lower(), f"second stop is {menu}"
    assert page.get_attribute(".md-header button[data-imh-drawer]", "aria-expanded") == "false"
    inside = press(page, "Enter")
    assert page.evaluate("document.getElementById('__drawer').checked"), "Enter did not open the drawer"
    assert page.get_attribute(".md-header button[data-imh-drawer]", "aria-expanded") == "true"
    assert inside["inDrawer"] and inside["seen"] and inside["ring"], f"focus after opening: {inside}"
    # Back buttons lead up to the top level, one panel at a time.
    for _ in range(5):
        state = page.evaluate(FOCUS_STATE)
        if not state["what"].startswith("label") or "Back from" not in state["what"]:
            break
        state = press(page, "Enter")
        assert state["inDrawer"] and state["seen"], f"after going back, focus is on {state}"
        press(page, "Shift+Tab")  # past the index link of the section we left
        while True:
            state = page.evaluate(FOCUS_STATE)
            if "Back from" in state["what"] or state["what"].startswith("a") and "md-logo" in page.evaluate(
                    "document.activeElement.className"):
                break
            state = press(page, "Shift+Tab")
            assert state and state["inDrawer"], f"left the drawer going up: {state}"
    # At the top: every top-level entry is visible and reachable.
    titles = page.evaluate("""() => [...document.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item')]
        .map(li => li.querySelector('a, label').textContent.replace(/\\s+/g, ' ').trim())""")
    assert len(titles) >= 5, f"top-level navigation entries: {titles}"
    seen = []
    for _ in range(60):
        state = press(page, "Tab")
        if not state or not state["inDrawer"]:
            break
        assert state["seen"] and state["ring"], f"drawer entry not visible when focused: {state}"
        seen.append(state["what"])
    missing = [t for t in titles if not any(t in s for s in seen)]
    assert not missing, f"top-level entries not reached from the keyboard: {missing} (reached {seen})"
    assert not page.evaluate("document.getElementById('__drawer').checked"), "tabbing out left the drawer open"
    # Escape closes the drawer and gives focus back to the menu button.
    page.locator(".md-header button[data-imh-drawer]").focus()
    press(page, "Enter")
    state = press(page, "Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked"), "Escape did not close the drawer"
    assert state and "navigation" in state["what"].lower(), f"after Escape, focus is on {state}"


def test_header_controls_are_real_buttons_and_no_label_takes_a_role(site, visit):
    """Lighthouse's agent accessibility tree audit: no ARIA role on a <label> (phone and desktop)."""
    for viewport in (PHONE, DESKTOP):
        v = visit(viewport=viewport)
        for url in sample(site)[:4]:
            v.goto(url)
            settle(v.page)
            found = v.page.evaluate("""() => ({
                roles: [...document.querySelectorAll('label[role]')].map(l => l.outerHTML.slice(0, 120)),
                menu: document.querySelector('.md-header [data-imh-drawer]')?.tagName || null})""")
            assert not found["roles"], f"/{url}: labels with a role: {found['roles']}"
            assert found["menu"] == "BUTTON", f"/{url}: the menu control is {found['menu']}"
