"""What the browser tests measure in a page, shared by the tests/test_browser_*.py files.

`survey()` opens each page once in one browser profile and gathers everything the tests judge:
layout, headings, links, touch targets, the summary box, requests, and axe-core's findings in
both colour schemes. Each test then asserts one property over all pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Visit

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 375, "height": 667}
SMALL_PHONE = {"width": 320, "height": 640}  # the width WCAG 1.4.10 (Reflow) asks pages to work at
DESKTOP = {"width": 1280, "height": 800}
MIN_TARGET = 24  # CSS px, WCAG 2.2 SC 2.5.8 Target Size (Minimum)

# Link text that means nothing out of context (WCAG 2.4.4), compared in lower case without
# surrounding punctuation.
VAGUE_LINK_TEXT = {
    "click here", "click", "here", "read more", "more", "learn more", "link", "this link",
    "this page", "page", "details", "more details", "info", "more info", "go", "continue", "this",
    "see more", "find out more", "website", "url", "source", "download", "view",
}

BROWSER_SCRIPTS = ROOT / "tests" / "browser"


def script(name: str) -> str:
    """A function from tests/browser/ for `page.evaluate`, without its leading comment."""
    text = (BROWSER_SCRIPTS / name).read_text(encoding="utf-8")
    return re.sub(r"\A/\*.*?\*/\s*", "", text, flags=re.S)


MEASURE = script("measure.js")  # one function, so every page costs one round trip
TABLES = script("tables.js")  # how each table of a page shows: labelled rows, whole, or scrolling
RUN_AXE = script("run_axe.js")
SCHEME = script("scheme.js")


def every_page(site) -> list[str]:
    """Every HTML page of the built site, and the 404 page as a reader meets it."""
    return site.pages() + ["no-such-page/"]


def sample(site) -> list[str]:
    """One page of each kind: home, each section's index, a course, a topic, reference pages."""
    pages = site.pages()
    course = next(u for u in pages if u.startswith("courses/") and u != "courses/")
    topic = next(u for u in pages if u.startswith("topics/") and u != "topics/")
    return ["", "pathway/", "credential/", course, "leadership/", topic, "faq/", "sources/"]


def contrast(color: str, background: str) -> float:
    """WCAG contrast ratio of a CSS `rgb()`/`rgba()` colour (its alpha blended over the
    background) against an opaque background colour."""
    def channels(css: str) -> list[float]:
        return [float(x) for x in re.findall(r"[\d.]+", css)]

    bg = channels(background)[:3]
    fg = channels(color)
    alpha = fg[3] if len(fg) > 3 else 1.0
    fg = [alpha * c + (1 - alpha) * b for c, b in zip(fg[:3], bg)]

    def luminance(rgb: list[float]) -> float:
        lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    lighter, darker = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def with_axe(context) -> None:
    """Load axe-core into every page this browser profile opens (before the page's own scripts)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test` (npm ci installs the pinned axe-core)")
    context.add_init_script(path=str(AXE))


def settle(page) -> None:
    """Wait for running transitions (a tooltip fading in, a panel sliding) to end: colours and
    positions measured half-way would be wrong either way."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def switch_scheme(page) -> None:
    """Activate the theme's own palette toggle (the one not hidden; with the search open, the
    header hides it but it still works).

    A script click rather than a mouse click: the mouse would hover the toggle and fade in its
    tooltip, which every later check would then have to wait for."""
    page.evaluate("""() => document.querySelector(
        ".md-header label.md-header__button[for^='__palette']:not([hidden])").click()""")


def axe_in_both_schemes(page, url: str, within: str | None = None) -> tuple[list[str], list[str]]:
    """axe-core in the scheme the page opened in, then in the other one (on the whole page, or
    on the part `within` selects). Returns the violations found and the schemes that were
    verifiably painted while axe ran."""
    problems, schemes = [], []
    for _ in range(2):
        settle(page)
        scheme = page.evaluate(SCHEME)
        if scheme["attribute"] in ("default", "slate") and scheme["dark"] == (scheme["attribute"] == "slate"):
            schemes.append(scheme["attribute"])
        problems += [f"/{url} [{scheme['attribute']}] {v['id']} ({v['impact']}): {v['help']}\n      "
                     + "\n      ".join(v["nodes"]) for v in page.evaluate(RUN_AXE, [WCAG_TAGS, within])]
        before = scheme["attribute"]
        switch_scheme(page)
        page.wait_for_function("b => document.body.getAttribute('data-md-color-scheme') !== b", arg=before)
    return problems, schemes


def survey(browser, server: str, urls: list[str], viewport: dict) -> dict[str, dict]:
    """{url: measurements} for each page, in one browser profile with JavaScript on."""
    context = browser.new_context(viewport=viewport, color_scheme="light")
    with_axe(context)
    v = Visit(context, server)
    results = {}
    try:
        for url in urls:
            start = len(v.requests)
            response = v.goto(url)
            data = v.page.evaluate(MEASURE)
            data["status"] = response.status if response else None
            data["axe"], data["schemes"] = axe_in_both_schemes(v.page, url)
            data["requests"] = v.requests[start:]
            results[url] = data
        v.page.wait_for_load_state("networkidle")
        results["__foreign__"] = list(v.foreign)
    finally:
        context.close()
    return results


def pages_of(survey: dict) -> dict[str, dict]:
    return {url: data for url, data in survey.items() if not url.startswith("__")}


def too_small(targets: list[dict]) -> list[dict]:
    """Targets under 24 × 24 px that also lack the spacing WCAG 2.5.8 allows instead.

    Links inside a sentence are exempt (the "inline" exception). An undersized target passes
    if a 24 px circle centred on it overlaps no other target and no other small target's circle.
    """
    checked = [t for t in targets if not t["inline"]]
    small = [t for t in checked if t["w"] < MIN_TARGET - 0.5 or t["h"] < MIN_TARGET - 0.5]
    failing = []
    for t in small:
        for other in checked:
            if other is t:
                continue
            left, top, right, bottom = other["box"]
            dx = max(left - t["x"], 0, t["x"] - right)
            dy = max(top - t["y"], 0, t["y"] - bottom)
            near_box = (dx * dx + dy * dy) ** 0.5 < MIN_TARGET / 2
            other_small = other in small
            near_circle = other_small and ((t["x"] - other["x"]) ** 2 + (t["y"] - other["y"]) ** 2) ** 0.5 < MIN_TARGET
            if near_box or near_circle:
                failing.append(t)
                break
    return failing


def describe_targets(url: str, targets: list[dict]) -> list[str]:
    return [f"/{url} ({t['where']}) <{t['tag']}> {t['name']!r}: {t['w']:.0f}×{t['h']:.0f} px" for t in targets]


