"""What the browser tests measure in a page, shared by the tests/test_browser_*.py files.

`survey()` opens each page once in one browser profile and gathers everything the tests judge:
layout, headings, links, touch targets, the summary box, requests, and axe-core's findings in
both colour schemes. Each test then asserts one property over all pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Visit

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
MIN_TARGET = 24  # CSS px, WCAG 2.2 SC 2.5.8 Target Size (Minimum)

# Link text that means nothing out of context (WCAG 2.4.4), compared in lower case without
# surrounding punctuation.
VAGUE_LINK_TEXT = {
    "click here", "click", "here", "read more", "more", "learn more", "link", "this link",
    "this page", "page", "details", "more details", "info", "more info", "go", "continue", "this",
    "see more", "find out more", "website", "url", "source", "download", "view",
}

# Measured in the page. Kept as one function so every page costs one round trip.
MEASURE = r"""
() => {
  const vw = document.documentElement.clientWidth;
  const visible = el => el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0;
  const text = s => (s || "").replace(/\s+/g, " ").trim();

  // --- sideways scrolling: the page must not, wide boxes scroll inside themselves
  const scrollers = [];
  for (const el of document.querySelectorAll("table, pre, .imh-table")) {
    if (!visible(el) || el.scrollWidth <= vw) continue;
    let box = el, ok = false;
    while (box && box !== document.body) {
      const style = getComputedStyle(box);
      if (/(auto|scroll)/.test(style.overflowX) && box.getBoundingClientRect().right <= vw + 0.5) { ok = true; break; }
      box = box.parentElement;
    }
    scrollers.push({what: el.tagName.toLowerCase() + (el.className ? "." + el.className : ""), ok});
  }

  // --- headings in document order (only those a reader can see)
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter(visible).map(h => [Number(h.tagName[1]), text(h.textContent).replace(/¶$/, "")]);

  // --- links: the name a screen reader announces (aria-labelledby, aria-label, text, title)
  const nameOf = el => {
    const by = el.getAttribute("aria-labelledby");
    if (by) return text(by.split(/\s+/).map(id => document.getElementById(id)?.textContent || "").join(" "));
    if (el.getAttribute("aria-label")) return text(el.getAttribute("aria-label"));
    const clone = el.cloneNode(true);
    clone.querySelectorAll("img[alt]").forEach(img => img.replaceWith(img.alt));
    clone.querySelectorAll("[aria-hidden=true]").forEach(n => n.remove());
    return text(clone.textContent) || text(el.getAttribute("title"));
  };
  const links = [...document.querySelectorAll("a[href]")].map(a => ({
    name: nameOf(a), href: a.href, where: a.closest("header, nav, footer, article, aside")?.tagName.toLowerCase() || "page",
  }));

  // --- touch targets: every control a reader can see, outside running text
  const isInline = el => {
    if (!el.matches("a, abbr") || el.classList.contains("headerlink")) return false;
    const block = el.closest("p, li, td, th, dd, dt, figcaption, blockquote, .admonition-title, summary");
    if (!block) return false;
    const rest = text(block.textContent.replace(el.textContent, ""));
    return /[A-Za-z0-9]/.test(rest);
  };
  const controls = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button], [tabindex='0']")]
    .filter(el => visible(el) && !el.matches(".md-option, .md-toggle, .md-nav__toggle, .md-skip"))
    .filter(el => !el.closest(".md-search, .md-tooltip, .md-tooltip2"))
    .filter(el => !(el.matches("label[for]") && el.querySelector("a[href]")));  // labels wrapping a real link
  // A form control and its labels are one target: tapping either works the control.
  const union = rs => {
    const r = {left: Math.min(...rs.map(x => x.left)), top: Math.min(...rs.map(x => x.top)),
               right: Math.max(...rs.map(x => x.right)), bottom: Math.max(...rs.map(x => x.bottom))};
    return {...r, x: r.left, y: r.top, width: r.right - r.left, height: r.bottom - r.top};
  };
  const labelled = el => el.matches("input, select, textarea") && el.labels && el.labels.length > 0;
  for (let i = controls.length - 1; i >= 0; i--) {
    const el = controls[i];
    if (el.matches("label[for]") && el.control && labelled(el.control) && controls.includes(el.control)) controls.splice(i, 1);
  }
  const rects = controls.map(el => labelled(el)
    ? union([el, ...el.labels].filter(visible).map(x => x.getBoundingClientRect()))
    : el.getBoundingClientRect());
  const targets = controls.map((el, i) => {
    const r = rects[i];
    return {
      name: text(nameOf(el)).slice(0, 60) || el.className, tag: el.tagName.toLowerCase(),
      where: el.closest("header, nav, footer, article, aside, .md-sidebar")?.tagName.toLowerCase() || "page",
      w: r.width, h: r.height, x: r.x + r.width / 2, y: r.y + r.height / 2, inline: isInline(el),
      box: [r.left, r.top, r.right, r.bottom],
    };
  }).filter(t => t.w > 0 && t.h > 0);

  // --- the summary box a course or topic page opens with
  const article = document.querySelector("article.md-content__inner");
  let glance = null;
  if (article) {
    const h1 = article.querySelector("h1");
    let next = h1 ? h1.nextElementSibling : null;
    while (next && !visible(next)) next = next.nextElementSibling;
    if (next && next.matches(".admonition")) {
      const r = next.getBoundingClientRect();
      glance = {
        classes: next.className, title: text(next.querySelector(".admonition-title")?.textContent),
        text: text(next.textContent), top: r.top + window.scrollY,
        external: [...next.querySelectorAll("a[href]")].map(a => a.href).filter(h => new URL(h).host !== location.host),
      };
    }
  }

  return {
    url: location.href.split("#")[0].split("?")[0],
    scrollWidth: document.documentElement.scrollWidth, viewport: vw, scrollers, headings, links, targets, glance,
    articleText: article ? text(article.innerText).length : 0,
  };
}
"""


RUN_AXE = """async ([tags, within]) => {
  const result = await axe.run(within || document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").split("\\n").slice(1, 3).join(" ").trim()),
  }));
}"""

# The scheme the page shows, judged by what is painted, not only by the attribute.
SCHEME = """() => {
  const rgb = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  const luminance = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
  return {attribute: document.body.getAttribute("data-md-color-scheme"), dark: luminance < 0.5};
}"""


def every_page(site) -> list[str]:
    """Every HTML page of the built site, and the 404 page as a reader meets it."""
    return site.pages() + ["no-such-page/"]


def sample(site) -> list[str]:
    """One page of each kind: home, each section's index, a course, a topic, reference pages."""
    pages = site.pages()
    course = next(u for u in pages if u.startswith("courses/") and u != "courses/")
    topic = next(u for u in pages if u.startswith("topics/") and u != "topics/")
    return ["", "pathway/", "credential/", course, "leadership/", topic, "faq/", "sources/"]


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


