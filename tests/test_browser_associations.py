"""Find your association in Chromium: the reader's state is kept in this browser only, survives a
reload and can be forgotten; the filter narrows the table; the page stays accessible and fits a
phone with a row chosen; nothing is sent anywhere.

The rows are read from data/ through the project's loader, never typed here.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_checks import PHONE, axe_in_both_schemes, with_axe
from conftest import ROOT

pytestmark = pytest.mark.browser

PAGE = "associations/"
KEY = "imh-pathways:progress:association"  # the planning tools' storage (progress-store.js)


@pytest.fixture(scope="module")
def rows():
    from macros.data.load import load_site

    return load_site(ROOT).associations


def chosen_rows(page) -> list[str]:
    return page.eval_on_selector_all("tr[data-imh-chosen]", "rows => rows.map(r => r.getAttribute('data-imh-association'))")


def test_the_chosen_state_survives_a_reload_and_can_be_forgotten(visit, rows):
    mine = rows[len(rows) // 2]
    v = visit()
    v.goto(PAGE)
    page = v.page
    tools = page.locator(".imh-finder__tools")
    expect(tools).to_be_visible()
    expect(page.locator(".imh-finder__chosen")).to_be_hidden()
    page.get_by_label("Your state or country").select_option(mine.id)
    expect(page.locator(".imh-finder__status")).to_contain_text(mine.label)
    assert chosen_rows(page) == [mine.id]
    assert page.evaluate(f"() => JSON.parse(localStorage.getItem('{KEY}')).ticked") == [mine.id]

    page.reload()
    expect(page.locator(".imh-finder__chosen")).to_be_visible()
    expect(page.locator(".imh-finder__chosen a")).to_have_text(mine.label)
    assert page.locator(".imh-finder__chosen a").get_attribute("href") == f"#{mine.id}"
    expect(page.locator(f"#row-{mine.id} .imh-finder__badge")).to_be_visible()
    assert chosen_rows(page) == [mine.id]
    assert page.get_by_label("Your state or country").input_value() == mine.id

    # Another profile (another reader, another device) starts with nothing chosen.
    other = visit()
    other.goto(PAGE)
    expect(other.page.locator(".imh-finder__tools")).to_be_visible()
    assert chosen_rows(other.page) == []

    page.get_by_role("button", name="Forget my choice").click()
    expect(page.locator(".imh-finder__status")).to_contain_text("Forgotten")
    assert chosen_rows(page) == [] and page.evaluate(f"() => localStorage.getItem('{KEY}')") is None
    page.reload()
    expect(page.locator(".imh-finder__tools")).to_be_visible()
    assert chosen_rows(page) == []
    expect(page.locator(".imh-finder__chosen")).to_be_hidden()
    assert v.foreign == [] and other.foreign == []


def test_the_filter_narrows_the_table_and_says_how_many(visit, rows):
    target = rows[-1]
    v = visit()
    v.goto(PAGE)
    page = v.page
    box = page.get_by_label("Show only rows with")
    box.fill(target.record.place.lower())
    visible = page.eval_on_selector_all("tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.getAttribute('data-imh-association'))")
    assert target.id in visible
    assert len(visible) < len(rows)
    expect(page.locator(".imh-finder__count")).to_contain_text(f"of {len(rows)} associations")
    box.fill("no association is called this")
    expect(page.locator(".imh-finder__empty")).to_be_visible()
    box.fill("")
    assert page.eval_on_selector_all("tbody tr", "rows => rows.filter(r => !r.hidden).length") == len(rows)
    expect(page.locator(".imh-finder__empty")).to_be_hidden()


def test_with_a_state_chosen_the_page_fits_a_phone_and_passes_axe(browser, server, rows):
    """The highlighted row and the controls, as a returning reader sees them: no WCAG A/AA
    violation in either scheme, and nothing wider than the phone."""
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    with_axe(context)
    try:
        page = context.new_page()
        page.goto(server + PAGE)
        page.get_by_label("Your state or country").select_option(rows[0].id)
        page.reload()
        expect(page.locator(f"#row-{rows[0].id} .imh-finder__badge")).to_be_visible()
        problems, schemes = axe_in_both_schemes(page, PAGE)
        assert sorted(schemes) == ["default", "slate"], schemes
        assert not problems, "\n".join(problems)
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the page is {width[0]} px wide on a {width[1]} px screen"
        table = page.evaluate("() => { const b = document.querySelector('[data-imh-finder] .imh-table');"
                              " return [b.scrollWidth, b.clientWidth]; }")
        assert table[0] <= table[1] + 1, f"the table scrolls sideways on a phone: {table}"
    finally:
        context.close()


def test_when_storage_is_blocked_the_finder_still_works_and_says_so(visit, rows):
    v = visit()
    v.context.add_init_script(
        "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });")
    errors = []
    v.page.on("pageerror", lambda error: errors.append(str(error)))
    v.goto(PAGE)
    page = v.page
    expect(page.locator(".imh-finder__privacy")).to_contain_text("not letting the page keep your choice")
    page.get_by_label("Your state or country").select_option(rows[0].id)
    assert chosen_rows(page) == [rows[0].id]
    expect(page.locator(".imh-finder__status")).to_contain_text("would not keep it")
    assert errors == [], errors


def test_without_javascript_the_table_is_all_there(visit, rows):
    v = visit(java_script_enabled=False)
    v.goto(PAGE)
    page = v.page
    expect(page.locator(".imh-finder__tools")).to_be_hidden()
    expect(page.locator("[data-imh-finder] tbody tr")).to_have_count(len(rows))
    first = page.locator("[data-imh-finder] tbody tr").first
    expect(first.locator("td a")).to_have_attribute("href", rows[0].website)
