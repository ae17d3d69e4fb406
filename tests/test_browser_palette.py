"""The light/dark toggle in the header (overrides/assets/javascripts/palette.js, which does the
theme's palette component's job without restyling every page as it opens; bench/NOTES.md).

What a reader relies on: a first visit follows the phone's setting, the choice is remembered on
every later page (before its first paint) and across instant navigation, the one visible button
offers the other scheme, it works from the keyboard, and the browser's own colours follow.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_checks import DESKTOP, SCHEME, settle, switch_scheme
from test_tools import serve_sitemap_for_this_host

pytestmark = pytest.mark.browser

VISIBLE_TOGGLE = ".md-header label.md-header__button[for^='__palette']:not([hidden])"
OFFERS = {"default": "Switch to dark mode", "slate": "Switch to light mode"}


def shows(page, scheme: str) -> None:
    """The page is painted in `scheme`, and the one visible toggle offers the other one."""
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme)
    settle(page)
    painted = page.evaluate(SCHEME)
    assert painted["dark"] == (scheme == "slate"), f"{scheme} is set but the page is painted {painted}"
    toggle = page.locator(VISIBLE_TOGGLE)
    expect(toggle).to_have_count(1)
    expect(toggle).to_have_attribute("title", OFFERS[scheme])


def browser_colours_follow(page, scheme: str) -> None:
    """The address bar takes the header's colour (theme-color) and the browser's own controls
    and scroll bars the scheme (color-scheme; none is needed for light, the default)."""
    page.wait_for_function("""s => {
      const meta = n => (document.querySelector(`meta[name=${n}]`) || {}).content;
      const rgb = getComputedStyle(document.querySelector(".md-header")).backgroundColor.match(/\\d+/g).slice(0, 3);
      const header = "#" + rgb.map(n => (+n).toString(16).padStart(2, "0")).join("");
      return meta("theme-color") === header && (meta("color-scheme") || "light") === (s === "slate" ? "dark" : "light");
    }""", arg=scheme)


@pytest.mark.parametrize("system, scheme", [("light", "default"), ("dark", "slate")])
def test_first_visit_follows_the_phones_setting(visit, system, scheme):
    v = visit(color_scheme=system)
    v.goto("")
    shows(v.page, scheme)
    browser_colours_follow(v.page, scheme)
    assert v.foreign == []


def test_the_choice_is_remembered_on_reload_and_across_instant_navigation(visit):
    v = visit(viewport=DESKTOP)
    serve_sitemap_for_this_host(v)
    page = v.page
    v.goto("")
    shows(page, "default")
    browser_colours_follow(page, "default")

    switch_scheme(page)  # a script click: a hovered toggle lends its title to its tooltip
    shows(page, "slate")
    browser_colours_follow(page, "slate")

    # A full load: the theme's inline script in <body> applies the stored choice.
    page.reload()
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    shows(page, "slate")

    # Instant navigation keeps the header, the scheme and the browser's colours.
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-tabs").get_by_role("link", name="Online credential").click()
    page.wait_for_url("**/credential/")
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"
    shows(page, "slate")
    browser_colours_follow(page, "slate")

    # Back to light from the keyboard: Enter on the focused toggle (radio buttons ignore Enter).
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    shows(page, "default")
    browser_colours_follow(page, "default")
    assert v.foreign == []
