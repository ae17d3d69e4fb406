"""Every page on a phone (375 × 667): accessibility, layout, touch targets, privacy, headings,
link text and the summary box.

One browser profile visits every page once (`phone`, see tests/browser_checks.py) and gathers
everything; each test then asserts one property over all pages, so a failure names the
property and every page that breaks it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_checks import (
    DESKTOP, MEASURE, PHONE, SMALL_PHONE, TABLES, VAGUE_LINK_TEXT, axe_in_both_schemes, contrast, describe_targets,
    every_page, pages_of, sample, settle, survey, switch_scheme, too_small, with_axe,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def phone(site, browser, server):
    return survey(browser, server, every_page(site), PHONE)


def test_axe_finds_no_wcag_violations_on_any_page_in_either_scheme(phone, site):
    """axe-core, WCAG 2.0/2.1/2.2 A and AA rules, none switched off: zero violations, light and
    dark (switched with the theme's own toggle, and checked to be painted), on every page."""
    pages = pages_of(phone)
    assert len(pages) == len(every_page(site))
    unverified = {url: d["schemes"] for url, d in pages.items() if sorted(d["schemes"]) != ["default", "slate"]}
    assert not unverified, f"pages not checked in both painted schemes: {unverified}"
    problems = [p for d in pages.values() for p in d["axe"]]
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


def test_every_page_opens(phone):
    statuses = {url: d["status"] for url, d in pages_of(phone).items()}
    assert statuses.pop("no-such-page/") == 404
    assert statuses and set(statuses.values()) == {200}, {u: s for u, s in statuses.items() if s != 200}
    empty = [url for url, d in pages_of(phone).items() if d["articleText"] < 100]
    assert not empty, f"pages without readable content: {empty}"


def test_no_page_scrolls_sideways_on_a_phone(phone):
    wide = {url: d["scrollWidth"] for url, d in pages_of(phone).items() if d["scrollWidth"] > d["viewport"]}
    assert not wide, f"pages wider than the {PHONE['width']} px screen (scrollWidth): {wide}"


def test_wide_content_scrolls_inside_its_own_box(phone):
    """Anything wider than the phone (a code block, a table) scrolls in a box of its own. Today's
    wide tables become labelled rows on a phone instead; the tables' own test below checks each
    table at 375, 320 and 1280 px, where the Endorsement table does scroll."""
    bad = {url: [s["what"] for s in d["scrollers"] if not s["ok"]] for url, d in pages_of(phone).items()}
    bad = {url: what for url, what in bad.items() if what}
    assert not bad, f"wide content without its own scrolling box: {bad}"


def test_no_request_leaves_the_site(phone, server):
    host = urlsplit(server).netloc
    foreign = phone["__foreign__"] + [
        r for d in pages_of(phone).values() for r in d["requests"]
        if urlsplit(r).scheme not in ("data", "blob") and urlsplit(r).netloc != host
    ]
    assert not foreign, f"requests to other hosts: {sorted(set(foreign))}"
    assert all(d["requests"] for d in pages_of(phone).values()), "a page made no request at all: recording is broken"


def test_pages_load_no_scripts_styles_fonts_or_embeds_from_other_hosts(site):
    """The built HTML itself names no third-party resource (checked without a browser, every page)."""
    bad = []
    for url in site.pages() + ["404.html"]:
        soup = site.soup(url)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("video", "src"), ("audio", "src"), ("source", "src"), ("embed", "src"), ("object", "data")):
            for el in soup.find_all(tag):
                value = el.get(attr) or ""
                if tag == "link" and not {"stylesheet", "preload", "modulepreload", "icon", "prefetch",
                                          "preconnect", "dns-prefetch", "manifest"} & set(el.get("rel") or []):
                    continue
                if urlsplit(value).netloc:
                    bad.append(f"/{url}: <{tag} {attr}={value}>")
    assert not bad, "third-party resources:\n" + "\n".join(bad)


def test_no_link_opens_a_new_window_unannounced(site):
    """A new tab that opens without warning disorients screen-reader and phone users."""
    bad = [f"/{url}: {a.get_text(' ', strip=True)!r} → {a.get('href')}"
           for url in site.pages() + ["404.html"] for a in site.soup(url).select("a[target]")
           if a["target"] not in ("_self", "_top") and "new tab" not in a.get_text().lower()
           and "new window" not in (a.get("aria-label") or "").lower()]
    assert not bad, "links that open a new window:\n" + "\n".join(bad)


def test_headings_start_with_one_h1_and_never_skip_a_level(phone):
    bad = {}
    for url, d in pages_of(phone).items():
        levels = [level for level, _ in d["headings"]]
        problems = []
        if not levels or levels[0] != 1:
            problems.append(f"first heading is h{levels[0] if levels else '-'}, not h1")
        if levels.count(1) != 1:
            problems.append(f"{levels.count(1)} h1 headings")
        for (before, _), (level, title) in zip(d["headings"], d["headings"][1:]):
            if level > before + 1:
                problems.append(f"h{before} → h{level} ({title!r})")
        if problems:
            bad[url] = problems
    assert not bad, f"heading order: {bad}"


def test_every_link_makes_sense_out_of_context(phone):
    bad = []
    for url, d in pages_of(phone).items():
        for link in d["links"]:
            name = link["name"]
            words = re.sub(r"^[^\w]+|[^\w]+$", "", name.lower())
            if not re.search(r"[^\W\d_]{2}", name):
                bad.append(f"/{url} ({link['where']}): link named {name!r} → {link['href']}")
            elif words in VAGUE_LINK_TEXT:
                bad.append(f"/{url} ({link['where']}): vague link text {name!r} → {link['href']}")
    assert not bad, "\n".join(bad)


def test_links_with_the_same_text_go_to_the_same_place(phone):
    """Two links on one page that read the same must not lead to different pages."""
    bad = []
    for url, d in pages_of(phone).items():
        seen: dict[str, set[str]] = {}
        for link in d["links"]:
            target = link["href"].split("#")[0].split("?")[0]
            if target == d["url"]:
                continue  # a place on this page (table of contents, "¶"): read in its own context
            seen.setdefault(link["name"].lower(), set()).add(target)
        bad += [f"/{url}: {name!r} → {sorted(targets)}" for name, targets in seen.items() if len(targets) > 1]
    assert not bad, "\n".join(bad)


def test_touch_targets_are_at_least_24px_on_every_page(phone):
    bad = []
    for url, d in pages_of(phone).items():
        bad += describe_targets(url, too_small(d["targets"]))
    assert not bad, "targets smaller than 24×24 px without enough space around them:\n" + "\n".join(bad)
    measured = sum(len(d["targets"]) for d in pages_of(phone).values())
    assert measured > 10 * len(pages_of(phone)), "too few targets measured: the check is not looking"


def test_open_navigation_drawer_passes_axe_and_has_24px_targets(site, visit):
    """The drawer is hidden while the page is checked, so it is opened and checked on its own:
    axe-core in both schemes, and its touch targets. It opens on the page's own section, so one
    page of each kind of section."""
    v = visit(viewport=PHONE)
    with_axe(v.context)
    bad, problems, measured = [], [], 0
    pages = [sample(site)[i] for i in (0, 3, 5, 6)]  # home, a course, a topic, the FAQ
    for url in pages:
        v.goto(url)
        v.page.locator(".md-header button[data-imh-drawer]").click()
        settle(v.page)
        targets = [t for t in v.page.evaluate(MEASURE)["targets"] if t["where"] in ("nav", "aside")]
        measured += len(targets)
        bad += describe_targets(url, too_small(targets))
        found, schemes = axe_in_both_schemes(v.page, url, within=".md-sidebar--primary")
        assert sorted(schemes) == ["default", "slate"], f"/{url}: schemes checked {schemes}"
        problems += found
    assert not problems, f"{len(problems)} axe violations in the drawer:\n" + "\n".join(problems)
    assert not bad, "navigation targets smaller than 24×24 px:\n" + "\n".join(bad)
    assert measured > 5 * len(pages), "the open drawer showed too few links"


def test_course_and_topic_pages_open_with_the_summary_box(phone, site):
    detail = [u for u in pages_of(phone) if re.fullmatch(r"(courses|topics)/[^/]+/", u)]
    assert len(detail) >= 5 + 12, f"expected every course and topic page, found {detail}"
    bad = {}
    for url in detail:
        glance = pages_of(phone)[url]["glance"]
        if glance is None:
            bad[url] = "the first thing after the title is not a summary box"
            continue
        problems = []
        if glance["title"] != "At a glance" or "abstract" not in glance["classes"]:
            problems.append(f"box is {glance['title']!r} ({glance['classes']})")
        # Only facts the sources give (issue 12): what it covers and its place; a course links its
        # provider for what the sources leave out, a topic the schedule that says what all months share.
        # A course's place is the provider's recommended order (issue 20); a topic's box names its
        # topic, since the certificate page gives titles only.
        course = url.startswith("courses/")
        for label in (("What it covers", "Recommended order") if course else ("The topic", "When")):
            if label + ":" not in glance["text"]:
                problems.append(f"no {label!r}")
        if course and not glance["external"]:
            problems.append("no link to the provider")
        if not course and "the schedule" not in glance["text"]:
            problems.append("no link to the schedule")
        if glance["top"] > PHONE["height"]:
            problems.append(f"starts {glance['top']:.0f} px down: below the first phone screen")
        if problems:
            bad[url] = problems
    assert not bad, f"summary boxes: {bad}"


# --- tables, "Back to top" and the 404 search box on a phone ------------------------------------


def pages_with_tables(site) -> list[str]:
    return [url for url in site.pages() if "<table" in site.html(url)]


def test_every_table_stacks_into_labelled_rows_or_scrolls_with_its_first_column_fixed(site, visit):
    """On a phone (375 px, and 320 px, WCAG's reflow width) and a wide screen, every table either
    becomes labelled rows (each value under its column's name), fits its box whole, or scrolls
    inside its box with its first column in place (checked scrolled to the far end) and a visible
    line saying it scrolls. The six-column Endorsement table is wider than the wide screen's
    content column (its columns' minimum widths), so the scrolling kind is always checked too."""
    bad, seen = [], {"stacked": 0, "scrolling": 0, "whole": 0}
    for viewport in (PHONE, SMALL_PHONE, DESKTOP):
        v = visit(viewport=viewport)
        for url in pages_with_tables(site):
            v.goto(url)
            for table in v.page.evaluate(TABLES):
                seen["stacked" if table["stacked"] else "scrolling" if table["wide"] else "whole"] += 1
                bad += [f"{viewport['width']} px /{url} {table['name'][:60]!r}: {p}" for p in table["problems"]]
        v.context.close()
    assert not bad, "tables on a small screen:\n" + "\n".join(bad)
    assert seen["stacked"] and seen["scrolling"], f"the check had nothing of one kind to check: {seen}"


FOCUSABLE_IN_TABLE = """(url) => {
  const out = [];
  document.querySelectorAll("article table").forEach(table => {
    const box = table.closest(".imh-table") || table.closest(".md-typeset__scrollwrap");
    if (!box || box.scrollWidth <= box.clientWidth + 1) return;
    const controls = [...table.querySelectorAll("a[href], abbr[tabindex], input, button, [tabindex='0']")]
      .filter(el => el.closest("tr") && !el.closest("tr").cells[0].contains(el));
    controls.forEach(el => {
      box.scrollLeft = box.scrollWidth;  // the reader has swiped to the end, then taps back leftwards
      el.focus();
      const cell = el.closest("td, th");
      const first = cell.parentElement.cells[0].getBoundingClientRect();
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(Math.min(r.left + r.width / 2, innerWidth - 1), r.top + r.height / 2);
      const label = (el.labels && el.labels[0]) || null;
      out.push({what: (el.getAttribute("aria-label") || el.textContent || el.id).trim().slice(0, 40),
                clear: !!hit && (el.contains(hit) || hit === label || (label && label.contains(hit))),
                firstAtStart: Math.abs(first.left - (box.getBoundingClientRect().left + box.clientLeft)) <= 1.5,
                onScreen: r.top >= 0 && r.bottom <= innerHeight});
    });
  });
  return out;
}"""


def test_a_tapped_control_in_a_scrolling_table_lands_clear_of_the_fixed_first_column(site, visit):
    """A reader who swiped a wide table to its end and then taps (focuses) an abbreviation, link
    or checkbox further left sees it scrolled clear of the fixed first column, which stays in
    place: the table's own scroll padding is the first column's width (tables.js)."""
    bad, checked = [], 0
    for viewport in (SMALL_PHONE, DESKTOP):
        v = visit(viewport=viewport)
        for url in pages_with_tables(site):
            v.goto(url)
            v.page.evaluate("() => document.querySelectorAll('article table').forEach(t => t.scrollIntoView())")
            for control in v.page.evaluate(FOCUSABLE_IN_TABLE, url):
                checked += 1
                if not (control["firstAtStart"] and (control["clear"] or not control["onScreen"])):
                    bad.append(f"{viewport['width']} px /{url}: {control}")
        v.context.close()
    assert not bad, "controls left under the fixed first column, or the column moved:\n" + "\n".join(bad)
    assert checked, "no control inside a scrolling table was found: the check is not looking"


COVERED_TEXT = """() => {
  const button = document.querySelector(".md-top");
  const b = button.getBoundingClientRect();
  const covered = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || button.contains(node) || !node.parentElement.checkVisibility()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.right > b.left && r.left < b.right && r.bottom > b.top && r.top < b.bottom) {
        covered.push(node.textContent.trim().slice(0, 40));
        break;
      }
    }
  }
  return {covered, box: [b.left, b.top, b.right, b.bottom], height: innerHeight};
}"""


def test_back_to_top_never_covers_the_last_lines_or_the_first_lines_under_the_header(site, visit):
    """"Back to top" shows when a reader scrolls back up. It sits in the bottom corner, so it is
    never over the lines just under the header (where it covered "Last reviewed"), and at the end
    of every page it covers no text at all."""
    v = visit(viewport=PHONE)
    bad = []
    for url in site.pages():
        v.goto(url)
        page = v.page
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(50)
        page.mouse.wheel(0, -120)  # scrolling back up is what shows it
        try:
            page.wait_for_selector(".md-top:not([hidden])", timeout=3000)
        except PlaywrightTimeout:
            bad.append(f"/{url}: Back to top did not show when scrolling up")
            continue
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
        page.evaluate("() => { document.querySelector('.md-top').hidden = false; }")  # shown, at the very end
        settle(page)
        found = page.evaluate(COVERED_TEXT)
        if found["covered"]:
            bad.append(f"/{url}: at the end of the page Back to top covers {found['covered']}")
        if found["box"][1] < found["height"] / 2:
            bad.append(f"/{url}: Back to top sits in the upper half of the screen {found['box']}")
    assert not bad, "\n".join(bad)


def test_404_search_box_is_a_visible_field_in_both_schemes(visit):
    """The 404 page's search field has a border that stands out from the page (3:1, WCAG 1.4.11)
    and is tall enough to see and tap; typing and Enter search the site."""
    v = visit(viewport=PHONE)
    response = v.goto("no-such-page/")
    assert response.status == 404
    page = v.page
    field = page.locator("#imh-notfound-q")
    for _ in range(2):
        look = field.evaluate("""el => { const s = getComputedStyle(el), r = el.getBoundingClientRect();
          return {h: r.height, w: r.width, border: parseFloat(s.borderBottomWidth), color: s.borderBottomColor,
                  bg: getComputedStyle(document.body).backgroundColor, scheme: document.body.dataset.mdColorScheme}; }""")
        assert look["h"] >= 36 and look["w"] >= 150, f"the field is {look['w']:.0f}×{look['h']:.0f} px"
        assert look["border"] >= 1, f"no border: {look}"
        assert contrast(look["color"], look["bg"]) >= 3, f"border hardly differs from the page: {look}"
        switch_scheme(page)
        page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=look["scheme"])
    field.fill("attachment")
    field.press("Enter")
    page.wait_for_url(re.compile(r"\?q=attachment"))
    page.wait_for_function("document.querySelector('input.md-search__input')?.value === 'attachment'")
