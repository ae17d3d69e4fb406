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

from browser_checks import (
    MEASURE, PHONE, VAGUE_LINK_TEXT, axe_in_both_schemes, describe_targets, every_page, pages_of, sample, settle,
    survey, too_small, with_axe,
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


def test_wide_tables_scroll_inside_their_own_box(phone):
    bad = {url: [s["what"] for s in d["scrollers"] if not s["ok"]] for url, d in pages_of(phone).items()}
    bad = {url: what for url, what in bad.items() if what}
    assert not bad, f"wide content without its own scrolling box: {bad}"
    # The check above must have had something to check: the sources table is wider than a phone.
    assert any(d["scrollers"] for d in pages_of(phone).values()), "no wide table found on any page"


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
    kinds = {url.split("/")[0] for url in detail}
    assert kinds == {"courses", "topics"}, f"expected every course and topic page, found {detail}"
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
        course = url.startswith("courses/")
        for label in ("What it covers", "Order" if course else "When"):
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
