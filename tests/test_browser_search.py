"""Site search in a real browser: every course, module and monthly topic can be found by its title.

Titles are typed into the theme's search box the way a reader types (Material reacts to key
presses, not to `fill`). The expected titles come from the contract, tests/required.yaml, typed from the source
documents, not from data/.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from browser_checks import axe_in_both_schemes, with_axe
from conftest import Visit
from required import COURSES, TOPICS, a_word

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


# The list shows the results for what is in the box (search.js marks the query it shows; while
# the reader types, results for the first letters may show first).
SETTLED = """() => {
  const list = document.querySelector('.md-search-result__list');
  return list.dataset.query !== undefined && list.dataset.query === document.querySelector('input.md-search__input').value;
}"""


def wait_for_results(page, timeout: int = 10000) -> None:
    page.wait_for_function(SETTLED, timeout=timeout)


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
        wait_for_results(page)
        results = page.evaluate(RESULTS)
        if not results or normal(title) not in results[0]:
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
    title = TOPICS[7]  # a required monthly topic (tests/required.yaml): its own page holds it
    search_for(page, title)
    wait_for_results(page)
    assert title in page.evaluate(RESULTS)[0], page.evaluate(RESULTS)[:2]
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


def open_search_by_key(page, key: str = "/") -> None:
    page.locator("body").press(key)
    page.wait_for_function("() => document.getElementById('__search').checked"
                           " && document.activeElement?.matches('input.md-search__input')")


def test_nothing_search_related_loads_until_the_reader_opens_the_search(visit):
    """A page loads no search code or index; pressing `/` opens the box, focused, and only then
    Pagefind's code and index start to load, all from the site itself."""
    v = visit()
    page = v.page
    v.goto(sample_page := "topics/")
    page.wait_for_load_state("networkidle")
    loaded = [u for u in v.requests if any(part in u for part in ("pagefind", "/search/", "search_index", "/workers/search"))]
    assert loaded == [], f"/{sample_page} loaded search files before anyone searched: {loaded}"
    with page.expect_request(lambda r: r.url.endswith("/pagefind/pagefind.js")):
        open_search_by_key(page, "/")
    search_box = page.locator("input.md-search__input")
    search_box.press_sequentially(a_word())
    page.wait_for_selector(".md-search-result__item")
    assert v.foreign == [], f"search asked another host: {v.foreign}"


def test_keyboard_shortcuts_arrows_enter_and_escape(visit):
    """`s` and `/` open the search with the box focused; arrow keys move through the results
    and back to the box; Escape closes the search; Enter in the box opens the first result."""
    v = visit(viewport={"width": 1280, "height": 800})
    page = v.page
    v.goto("")
    open_search_by_key(page, "s")
    search_for(page, TOPICS[7])
    wait_for_results(page)
    focused = "() => document.activeElement?.closest('.md-search-result__item') ? document.activeElement.getAttribute('href') : document.activeElement?.className"
    page.keyboard.press("ArrowDown")
    first = page.evaluate(focused)
    assert first and first.startswith("/"), f"ArrowDown from the box did not reach the first result: {first}"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == first, "ArrowUp did not come back to the first result"
    page.keyboard.press("ArrowUp")
    assert "md-search__input" in page.evaluate(focused), "ArrowUp from the first result did not return to the box"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked"), "Escape left the search open"
    assert page.evaluate("document.activeElement?.className || ''") != "md-search__input"
    open_search_by_key(page, "/")
    assert page.locator("input.md-search__input").input_value() == TOPICS[7], "the query was lost"
    page.keyboard.press("Enter")
    page.wait_for_function("t => document.querySelector('article h1')?.textContent.includes(t)", arg=TOPICS[7])
    assert not page.evaluate("document.getElementById('__search').checked"), "the search stayed open over the page"


def test_results_are_grouped_by_page_with_the_matching_section_linked(visit):
    """A module title: its course page comes first, with the module's section linked under it,
    the title marked; one result per page."""
    course, modules = next((c, m) for c, m in COURSES if len(m) >= 3)
    module = modules[2]
    v = visit()
    page = v.page
    v.goto("")
    open_search_by_key(page)
    search_for(page, module)
    wait_for_results(page)
    first = page.evaluate("""() => {
      const li = document.querySelector('.md-search-result__list > li');
      const links = [...li.querySelectorAll('a.md-search-result__link')];
      return {page: links[0].querySelector('h1')?.textContent, pageHref: links[0].getAttribute('href'),
              sections: links.slice(1).map(a => [a.getAttribute('href'), a.querySelector('h2')?.textContent]),
              marks: [...li.querySelectorAll('mark')].map(m => m.textContent.toLowerCase())};
    }""")
    assert normal(first["page"]) == normal(course), first
    assert any("#module-3" in href and module in normal(title) for href, title in first["sections"]), first
    assert all(href.startswith(first["pageHref"]) for href, _ in first["sections"]), first
    assert any(word.lower() in first["marks"] for word in module.split() if len(word) > 4), first["marks"]
    hrefs = page.evaluate("[...document.querySelectorAll('.md-search-result__list > li > a:first-child')].map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(set(hrefs)), f"a page appears twice in the results: {hrefs}"


# Each result group: its page's title and its linked sections (href, heading).
GROUPS = """() => [...document.querySelectorAll('.md-search-result__list > li')].map(li => {
  const links = [...li.querySelectorAll('a.md-search-result__link')];
  return {page: links[0].querySelector('h1')?.textContent,
          sections: links.slice(1).map(a => [a.getAttribute('href'), a.querySelector('h2')?.textContent])};
})"""


def search_refusing(visit, refused: str, query: str):
    """Search for `query` from the home page with every request matching `refused` refused;
    returns the page and the refused addresses (none would mean the test proves nothing)."""
    v = visit()
    asked = []
    v.context.route(refused, lambda r: (asked.append(r.request.url), r.abort()))
    v.goto("")
    open_search_by_key(v.page)
    search_for(v.page, query)
    return v.page, asked


def test_title_matches_show_even_when_pagefind_cannot_load(visit):
    """search/titles.json answers a title by itself: with every Pagefind file refused, a module
    title still shows its course page first with the module's section linked, and no error."""
    course, modules = next((c, m) for c, m in COURSES if len(m) >= 4)
    module = modules[3]
    page, refused = search_refusing(visit, "**/pagefind/**", module)
    page.wait_for_function(f"() => ({GROUPS})()[0]?.sections.length > 0", timeout=10000)
    first = page.evaluate(GROUPS)[0]
    assert refused, "Pagefind was not asked for: the test proves nothing"
    assert normal(first["page"]) == normal(course), first
    assert any("#module-4" in href and module in normal(title) for href, title in first["sections"]), first
    meta = page.locator(".md-search-result__meta").text_content()
    assert "could not load" not in meta, meta


def test_pagefind_alone_finds_a_module_when_the_titles_file_is_missing(visit):
    """Without search/titles.json, Pagefind's own answer still lists a module's course page
    among the first results, with the module's section linked (titles first is the titles
    file's work, test_every_course_module_and_topic_title_finds_its_page_first)."""
    course, modules = next((c, m) for c, m in COURSES if len(m) >= 2)
    module = modules[1]
    page, refused = search_refusing(visit, "**/search/titles.json", module)
    wait_for_results(page)
    groups = page.evaluate(GROUPS)[:5]
    assert refused, "the titles file was not asked for: the test proves nothing"
    found = [g for g in groups if normal(g["page"]) == normal(course)]
    assert found, f"{course!r} is not among the first results: {[g['page'] for g in groups]}"
    assert any("#module-2" in href and module in normal(title) for href, title in found[0]["sections"]), found[0]


def test_search_works_under_the_sites_sub_path_with_instant_navigation(visit, server, site):
    """Served under site_url's path (/imh-pathways/ as on GitHub Pages), search loads from there,
    links there, and a result opens by the theme's instant navigation (no full page load) on a
    phone, with nothing wider than the screen."""
    sitemap = (site.path / "sitemap.xml").read_text(encoding="utf-8")
    published = urlsplit(re.findall(r"<loc>([^<]+)</loc>", sitemap)[0])
    prefix = published.path
    v = visit()
    page = v.page
    # The theme's instant navigation follows only links its sitemap lists, matched by host and
    # port: serve the sitemap as the published site's host would, with this server's origin.
    origin = f"{published.scheme}://{published.netloc}"
    v.context.route("**/sitemap.xml", lambda r: r.fulfill(
        body=sitemap.replace(origin, server.rstrip("/")), content_type="application/xml"))
    v.goto(prefix.lstrip("/") + "topics/")
    page.evaluate("window.__imhSameDocument = true")
    page.locator("label.md-header__button[for='__search']").click()
    search_for(page, TOPICS[7])
    wait_for_results(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the open search widens the page"
    href = page.locator(".md-search-result__link").first.get_attribute("href")
    assert href.startswith(prefix), f"a result links outside the site's path: {href}"
    assert any(u.startswith(server + prefix.lstrip("/") + "pagefind/") for u in v.requests), "Pagefind did not load from the site's path"
    page.locator(".md-search-result__link").first.click()
    page.wait_for_function("t => document.querySelector('article h1')?.textContent.includes(t)", arg=TOPICS[7])
    assert page.evaluate("window.__imhSameDocument === true"), "the result opened with a full page load"
    assert not page.evaluate("document.getElementById('__search').checked")


def test_without_javascript_the_search_box_is_hidden(visit):
    v = visit(java_script_enabled=False)
    page = v.page
    v.goto("")
    assert not page.locator("label.md-header__button[for='__search']").is_visible()
    assert not page.locator(".md-search").is_visible()


def test_slash_and_s_open_the_search_after_clicking_a_content_tab(visit, site):
    """A content tab (pymdownx.tabbed) keeps focus on its hidden radio button once clicked; `/`
    and `s` still open the search there, and the tab stays as chosen."""
    tabbed = [url for url in site.pages() if site.soup(url).select_one("article .tabbed-set .tabbed-labels label")]
    assert tabbed, "no page has content tabs: the test proves nothing"
    v = visit(viewport={"width": 1280, "height": 800})
    page = v.page
    v.goto(tabbed[0])
    for key in ("/", "s"):
        label = page.locator("article .tabbed-set .tabbed-labels label").nth(1)
        label.click()
        chosen = label.get_attribute("for")
        assert page.evaluate("id => document.activeElement?.id === id && document.activeElement.type === 'radio'", chosen), (
            "clicking the tab did not leave focus on its radio button: the test proves nothing")
        page.keyboard.press(key)  # to the focused radio button (a locator's press would move focus first)
        page.wait_for_function("() => document.getElementById('__search').checked"
                               " && document.activeElement?.matches('input.md-search__input')", timeout=5000)
        assert page.evaluate("id => document.getElementById(id).checked", chosen), "the key changed the tab"
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.getElementById('__search').checked")


# --- ranking for readers: whom pages are for, short words, suggestions ---------------------------
# The queries are a reader's words (issue 26); what they must find is read from the site's data,
# its front matter (through search/titles.json, which test_search_titles.py checks against it)
# and Pagefind's index.

# What the list shows: each item's page, whether it is a suggestion, and every marked word.
LISTED = """() => [...document.querySelectorAll('.md-search-result__list > li')].map(li => {
  const a = li.querySelector('a.md-search-result__link');
  return {href: new URL(a.href).pathname, title: a.querySelector('h1')?.textContent || '',
          suggested: li.classList.contains('imh-search-suggestion'),
          label: li.querySelector('.imh-search-suggestion__label')?.textContent || '',
          marks: [...li.querySelectorAll('mark')].map(m => m.textContent)};
})"""


def titles_file(site) -> dict:
    return json.loads((site.path / "search" / "titles.json").read_text(encoding="utf-8"))


def audience_of(site):
    """page path ("/editing/") -> whom the page is for."""
    content = titles_file(site)
    listed = {"/" + url: audience for audience, urls in content["audiences"].items() for url in urls}
    return lambda path: listed.get(urlsplit(path).path, content["default_audience"])


# Scrolls the results to their end until no more are rendered (ten at a time as the list scrolls).
SCROLL_TO_END = """async () => {
  const wrap = document.querySelector('.md-search__scrollwrap');
  const items = () => document.querySelectorAll('.md-search-result__list > li').length;
  for (let before = -1; before !== items();) {
    before = items();
    wrap.scrollTop = wrap.scrollHeight;
    wrap.dispatchEvent(new Event('scroll'));
    await new Promise(done => setTimeout(done, 300));
  }
}"""


@pytest.fixture(scope="module")
def wide(browser, server):
    """One wide browser profile for the ranking tests. Each query starts on a page loaded afresh
    (the search keeps nothing between pages: no storage), so only the browser's cache is shared,
    which spares compiling Pagefind and its index for every query."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield Visit(context, server)
    context.close()


def listed_for(v: Visit, query: str, page_url: str = "") -> list[dict]:
    """Everything the search lists for `query`, opened on `page_url`, once it shows the whole
    query's answer (scrolled to the end)."""
    v.goto(page_url)
    open_search_by_key(v.page)
    search_for(v.page, query)
    wait_for_results(v.page)
    v.page.evaluate(SCROLL_TO_END)
    assert v.foreign == [], f"search asked another host: {v.foreign}"
    return v.page.evaluate(LISTED)


def reader_order_holds(listed, audience, own: str) -> list[str]:
    """The pages listed after a page for another audience though they are for `own`."""
    seen_other, late = False, []
    for item in listed:
        if item["suggested"]:
            continue
        mine = audience(item["href"]) == own
        if mine and seen_other:
            late.append(item["href"])
        seen_other = seen_other or not mine
    return late


def test_pages_for_readers_come_before_the_guides_for_editors_and_partners(wide, site):
    """"fee" and "endorsement" are words of the editors' guides and the partners' page too: every
    reader's page comes first. Searched from an editors' guide, the editors' pages come first."""
    audience = audience_of(site)
    default = titles_file(site)["default_audience"]
    others_found = set()
    for query in ("fee", "endorsement"):
        listed = listed_for(wide, query)
        assert listed and audience(listed[0]["href"]) == default, (query, [i["href"] for i in listed])
        assert not reader_order_holds(listed, audience, default), (query, [i["href"] for i in listed])
        others_found |= {audience(i["href"]) for i in listed} - {default}
    assert others_found, "no page for another audience was found: the order proves nothing"
    editors = titles_file(site)["audiences"].get("editors") or []
    assert editors, "no page is for editors (front matter `search: audience: editors`)"
    listed = listed_for(wide, "fee", editors[0])
    assert audience(listed[0]["href"]) == "editors", [i["href"] for i in listed]
    assert not reader_order_holds(listed, audience, "editors"), [i["href"] for i in listed]


def test_fee_finds_the_page_that_states_the_fee_first(wide, site):
    """The application fee (data/credential.yaml) first: a page for readers that states it."""
    from required import data

    fee = data().credential.fee
    audience = audience_of(site)
    stating = {"/" + url for url in site.pages() if fee in site.article(url).get_text(" ")
               and audience("/" + url) == titles_file(site)["default_audience"]}
    assert stating, f"no reader's page states the fee {fee}"
    listed = listed_for(wide, "fee")
    assert listed[0]["href"] in stating, ([i["href"] for i in listed[:5]], sorted(stating))


def test_cost_lists_no_topic_page_that_only_points_to_where_costs_are(wide, site):
    """Every monthly topic page said "Hours, cost …: see the schedule", and twelve of them
    outranked the pages that say what the certificate costs. Only a topic page that itself says
    "cost" may be listed now."""
    from required import data

    words = {d["location"].split("#")[0] for d in site.search_index["docs"] if re.search(r"\bcosts?\b", d["text"], re.I)}
    topics = {f"/topics/{t.id}/" for t in data().topics}
    listed = listed_for(wide, "cost")
    pointing = [i["href"] for i in listed if i["href"] in topics and i["href"].lstrip("/") not in words]
    assert not pointing, f"topic pages listed for a row that points elsewhere: {pointing}"


def test_one_and_two_letter_words_match_whole_words(wide, site):
    """"I" is not "In", "It" or "III": every page listed holds the word itself (Pagefind's index,
    read back), and no longer word that starts with it is marked, in titles or excerpts; alone,
    only the word is marked. A longer word no page holds finds nothing through a short one."""
    index = site.search_index["docs"]
    for query in ("I", "II", "category II"):
        listed = [i for i in listed_for(wide, query) if not i["suggested"]]
        assert listed, f"{query!r} found nothing"
        short = [w for w in query.lower().split() if len(w) <= 2]
        for item in listed:
            text = " ".join(d["text"] for d in index if d["location"].split("#")[0] == item["href"].lstrip("/"))
            assert all(re.search(rf"(?<!\w){w}(?!\w)", text, re.I) for w in short), (query, item["href"])
        marks = {re.sub(r"\W", "", m).lower() for i in listed for m in i["marks"]}
        assert marks, f"{query!r}: nothing marked"
        assert not [m for m in marks if any(m != w and m.startswith(w) for w in short)], (query, sorted(marks))
        if len(query.split()) == 1:
            assert marks == set(short), (query, sorted(marks))
    # A letter the index holds as a word, then letters no word goes on with: Pagefind would
    # answer with the letter's pages.
    letter = sorted({m.lower() for d in index for m in re.findall(r"(?<![\w'’])([b-hj-z])(?![\w'’])", d["text"], re.I)})[0]
    unheld = letter + "qxjvkw"
    assert all(i["suggested"] for i in listed_for(wide, unheld)), f"{unheld!r} found pages through {letter!r}"


def test_a_search_that_finds_nothing_offers_the_suggested_pages(visit, site):
    """Instead of nothing: "No matching documents", then the pages whose front matter says
    `search: suggest: true`, each with its description, under a line saying what they are;
    the arrow keys reach them, and the open search passes axe-core."""
    suggested = ["/" + url for url, _, _ in titles_file(site)["suggest"]]
    v = visit()
    with_axe(v.context)
    page = v.page
    v.goto("")
    open_search_by_key(page)
    search_for(page, "zqxjvk")
    wait_for_results(page)
    listed = page.evaluate(LISTED)
    assert [i["href"] for i in listed] == suggested and all(i["suggested"] for i in listed), listed
    assert listed[0]["label"] and not any(i["label"] for i in listed[1:]), listed
    assert page.locator(".md-search-result__meta").text_content().strip() == page.locator(".md-search").get_attribute("data-text-none")
    descriptions = page.evaluate("[...document.querySelectorAll('.imh-search-suggestion article p')].map(p => p.textContent)")
    assert len(descriptions) == len(suggested) and all(descriptions), descriptions
    page.keyboard.press("ArrowDown")
    assert page.evaluate("new URL(document.activeElement.href).pathname") == suggested[0]
    problems, _ = axe_in_both_schemes(page, "", within=".md-search")
    assert not problems, "axe violations in the suggestions:\n" + "\n".join(problems)


def test_a_search_that_finds_little_is_followed_by_the_suggestions(wide, site):
    """A word that one reader's page holds (found in Pagefind's index, read back): that page,
    then the suggested pages it is not one of."""
    audience = audience_of(site)
    default = titles_file(site)["default_audience"]
    pages_with: dict[str, set] = {}
    for d in site.search_index["docs"]:
        for word in set(re.findall(r"[a-z]{8,}", d["text"].lower())):
            pages_with.setdefault(word[:6], set()).add(d["location"].split("#")[0])  # any ending: Pagefind stems and completes
    heads = " ".join(t.lower() for _, title, headings in titles_file(site)["pages"] for t in [title] + [h for _, h in headings])
    word, page_url = next((w, next(iter(p))) for w, p in sorted(pages_with.items())
                          if len(p) == 1 and audience("/" + next(iter(p))) == default and w not in heads)
    listed = listed_for(wide, word)
    suggested = ["/" + url for url, _, _ in titles_file(site)["suggest"] if "/" + url != "/" + page_url]
    assert listed[0]["href"] == "/" + page_url and not listed[0]["suggested"], (word, listed[:3])
    assert [i["href"] for i in listed if i["suggested"]] == suggested, (word, listed)


@pytest.mark.parametrize("query", ["Ohio", "Texas", "nurse", "home visit"])
def test_a_state_or_a_job_finds_its_page_or_is_offered_the_suggestions(wide, site, query):
    """A state's name finds the page with a section headed by it (the association finder's, once
    the site has one) first; a job or a state the site does not name lists what it has and, when
    that is fewer than three of the readers' pages, the suggested pages after them."""
    audience = audience_of(site)
    default = titles_file(site)["default_audience"]
    headed = ["/" + url for url, title, headings in titles_file(site)["pages"]
              if any(normal(h).lower() == query.lower() for h in [title] + [h for _, h in headings])]
    listed = listed_for(wide, query)
    assert listed, f"{query!r}: the list is empty"
    if headed:
        assert listed[0]["href"] in headed, (query, [i["href"] for i in listed[:3]])
    found = [i for i in listed if not i["suggested"] and audience(i["href"]) == default]
    if len(found) < 3:
        offered = [i["href"] for i in listed if i["suggested"]]
        assert offered, f"{query!r} found {len(found)} reader's pages and offered nothing more"
