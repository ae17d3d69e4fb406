"""Hostile or odd text in the data is shown as text: never run, never a live link, never an image.

A copy of the project gets titles, summaries and Markdown fields holding `<script>`, an
`<img onerror>`, Jinja (`{{ … }}`, `{% … %}`), a `javascript:` link and a Markdown attribute
list (`{: onclick=… }`), in every kind of place data reaches a page (headings, cards, the
navigation, <title>, <meta>, tags, search) — a copy with the frozen content of tests/fixture/,
whose records it names; then the built HTML is read as a browser would,
and in Chromium the search box is used and every title the theme turns into a tooltip is
hovered and focused.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import build_site
from project import fixture_project, quiet_env, set_field
from search_docs import read_index

from macros.data.model import MAX_TEXT

HOSTILE = ("<script>alert('T')</script> <img src=x onerror=alert('I')> {{ 7*7 }} "
           "{% if true %}JJ{% endif %} [link](javascript:alert('L')) {: onclick=alert('A') }")
# The parts a reader must see exactly as typed.
LITERAL = ["<script>alert('T')</script>", "<img src=x onerror=alert('I')>", "{{ 7*7 }}",
           "{% if true %}JJ{% endif %}", "[link](javascript:alert('L'))", "{: onclick=alert('A') }"]

# A Markdown field's payload the check lets through (it holds no link it refuses): raw HTML,
# an image, reference links, an autolink, entities, and attribute lists that would make the
# paragraph focusable, focused on load and run a handler (as a second Markdown pass would read them).
RICH = ("Intro <script>alert('S')</script> and <b onclick=alert('B')>bold</b>.\n\n"
        "<img src=x onerror=alert('I2')> ![picture](https://example.org/x.png) [ref][r] <javascript:alert('J8')> "
        "<a href=\"javascript:alert('J6')\">raw</a> [fine](https://example.org/fine) {{ 7*7 }} &#106;&lt;\n\n"
        "[r]: javascript:alert('J7')\n\n"
        "Attributes {: tabindex=\"0\" id=\"imh-pwn\" autofocus onfocus=\"alert('F')\" }\n"
        "{: style=\"animation:spin 1s\" onanimationstart=\"alert('N')\" }\n\n"
        "<details open ontoggle=alert('T')><summary>x</summary></details> *em*{: onmouseover=alert('M') }")
# What the reader must see of it, as typed.
RICH_LITERAL = ["<script>alert('S')</script>", "<b onclick=alert('B')>bold</b>", "![picture](https://example.org/x.png)",
                "{{ 7*7 }}", "&#106;&lt;", "{: tabindex=\"0\" id=\"imh-pwn\" autofocus onfocus=\"alert('F')\" }",
                "<details open ontoggle=alert('T')>", "{: onmouseover=alert('M') }"]
# Every correction note (shown on the pathway, training, leadership, credential, FAQ and sources pages).
CORRECTIONS = ["endorsement-not-certification", "age-ranges", "postpartum-depression", "zero-to-three-learn",
               "rios-elements", "category-ii-asterisk", "credential-name"]

# A prose page's title, written with entities in its Markdown: the text a reader sees holds the tags.
SUGGESTED_TITLE = "SUGGESTED &lt;script&gt;alert('Q')&lt;/script&gt; &lt;img src=x onerror=alert('Q2')&gt;"
SUGGESTED_TEXT = "SUGGESTED <script>alert('Q')</script> <img src=x onerror=alert('Q2')>"

# Summaries that begin with what opens a list, heading, quote, fence, tab set, admonition,
# collapsible block or rule when it starts a line.
LEADING = {"trauma": "1. NUMBERED not a list", "brain-development": "- DASH not a list",
           "culture": "+ PLUS not a list", "reflective-practice": "> QUOTE not a quote",
           "regulation": "# HASH not a heading", "observation-assessment": "=== \"TABS\" not a tab",
           "families": "~~~ FENCE not code", "development": "??? DETAILS not collapsible",
           "leadership": "!!! ADMONITION not a note"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The project with hostile text in every kind of field, built strictly."""
    root = fixture_project(tmp_path_factory.mktemp("hostile") / "project")  # frozen content: records named below
    data = root / "data"
    course = data / "courses" / "sed-part-1.yaml"
    for key in ("title", "short_title", "advice"):
        set_field(course, key, f"{key.upper()} {HOSTILE}")
    set_field(course, "summary", "SUMMARY " + HOSTILE[:150])
    set_field(course, "description", RICH)
    set_field(course, "title", "MODULE " + HOSTILE, indent="  - ", after="      - culture\n")  # module 2
    topic = data / "topics" / "06-attachment.yaml"
    set_field(topic, "title", "TOPIC " + HOSTILE)
    set_field(topic, "summary", "TSUMMARY " + HOSTILE[:150])
    set_field(topic, "about", RICH)
    set_field(data / "themes.yaml", "name", "THEME " + HOSTILE, indent="  ", after="- id: attachment")
    # Text that would open a block at the start of a line (a theme's summary starts one).
    for theme, opening in LEADING.items():
        set_field(data / "themes.yaml", "summary", opening, indent="  ", after=f"- id: {theme}")
    set_field(data / "faq.yaml", "question", "QUESTION " + HOSTILE + "?", indent="  ", after="- id: who-benefits")
    set_field(data / "faq.yaml", "answer", RICH, indent="  ", after="- id: who-benefits")
    for correction in CORRECTIONS:
        set_field(data / "corrections.yaml", "accurate", RICH, indent="  ", after=f"- id: {correction}")
    set_field(data / "corrections.yaml", "title", "NOTE " + HOSTILE, indent="  ", after="- id: age-ranges")
    set_field(data / "corrections.yaml", "source_says", "SAYS " + HOSTILE, indent="  ", after="- id: age-ranges")
    set_field(data / "organizations.yaml", "summary", "ORG " + HOSTILE, indent="  ", after="- id: waimh")
    # Plain text at its length limit, all Markdown marks (each escaped): the build stays quick.
    set_field(data / "training.yaml", "intro", "*[" * (MAX_TEXT // 2))
    set_field(data / "sources.yaml", "publisher", "PUBLISHER " + HOSTILE, indent="  ", after="- id: seed-training")
    # An association's names reach a table cell, an <option>, a data- attribute, a heading and the JSON-LD.
    for key, label in (("name", "ASSOC"), ("short_name", "SHORTNAME"), ("alliance", "ALLIANCE")):
        set_field(data / "associations.yaml", key, f"{label} {HOSTILE}", indent="    ", after="  - id: oregon")
    # Glossary expansions become hover titles on every page that uses the term.
    set_field(data / "glossary.yaml", "expansion", "EXPANSION \" onmouseover=\"alert('E')\" " + HOSTILE, indent="  ", after="- id: imh-e")
    set_field(data / "glossary.yaml", "definition", "DEFINITION " + HOSTILE, indent="  ", after="- id: imh-e")
    # A data file's name reaches the address of its page's edit button (printed unescaped by the theme).
    (data / "courses" / "rios-1.yaml").rename(data / "courses" / "rios-1\" onmouseover=\"alert('N').yaml")
    # Prose pages: a link title and a page's own abbreviation become titles too. A tag written in a
    # page is refused (tests/test_hostile_docs.py); written as entities it reaches the title as text.
    faq = root / "docs" / "faq.md"
    # …and a suggested page's title, which the search offers when it finds little.
    faq.write_text(faq.read_text(encoding="utf-8").replace("---\n", "---\nsearch:\n  suggest: true\n", 1).replace(
        "\n# Frequently asked questions\n", f"\n# {SUGGESTED_TITLE}\n").replace(
        "For more on each\nkind of training", "For more on each\nkind of [training][doc-title]")
        + "\n[doc-title]: training.md \"DOCTITLE &lt;img src=x onerror=alert('D')&gt;\"\n"
        + "\n*[questions]: DOCABBR &lt;img src=x onerror=alert('F')&gt; &amp; more\n", encoding="utf-8")
    result = build_site(root / "site", root=root, env=quiet_env())
    assert result.returncode == 0, f"the hostile build failed:\n{result.stdout}\n{result.stderr}"
    pages = {p.relative_to(root / "site").as_posix(): p.read_text(encoding="utf-8")
             for p in (root / "site").rglob("*.html")}
    return root / "site", pages


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def test_no_script_or_handler_from_the_data_runs_on_any_page(hostile):
    _, pages = hostile
    assert len(pages) > 20
    for name, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # still one whole JSON document: nothing broke out of it
            else:
                assert "alert(" not in script.get_text(), f"{name}: data reached a <script>: {script}"
        for el in soup.find_all(True):
            for attr, value in el.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                # Attributes a browser runs or follows; text in others (content, data-…) is inert.
                if attr.startswith("on") or attr in ("href", "src", "srcset", "action", "formaction", "style"):
                    assert "alert(" not in value, f"{name}: data reached the {attr!r} attribute of <{el.name}>: {str(el)[:300]}"
        for img in soup.find_all("img"):
            assert img.get("src") not in ("x", "https://example.org/x.png"), f"{name}: image from data: {img}"


def test_no_link_to_a_script_or_data_url_on_any_page(hostile):
    _, pages = hostile
    for name, html in pages.items():
        for a in BeautifulSoup(html, "html.parser").find_all(href=True):
            href = re.sub(r"[\x00-\x20]", "", a["href"]).lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:")), f"{name}: live script link {a}"


@pytest.mark.parametrize("page,label", [
    ("courses/sed-part-1/index.html", "TITLE"), ("courses/sed-part-1/index.html", "MODULE"),
    ("courses/sed-part-1/index.html", "ADVICE"), ("courses/sed-part-1/index.html", "SUMMARY"),
    ("courses/index.html", "TITLE"), ("topics/attachment/index.html", "TOPIC"),
    ("themes/index.html", "THEME"), ("faq/index.html", "QUESTION"), ("organizations/index.html", "ORG"),
    ("sources/index.html", "PUBLISHER"), ("glossary/index.html", "DEFINITION"),
    ("associations/index.html", "ASSOC"), ("associations/index.html", "SHORTNAME"), ("associations/index.html", "ALLIANCE"),
])
def test_hostile_text_is_shown_exactly_as_typed(hostile, page, label):
    _, pages = hostile
    article = BeautifulSoup(pages[page], "html.parser").select_one("article")
    text = norm(article.get_text(" "))
    start = text.index(label)
    shown = text[start: start + len(HOSTILE) + 40]
    for part in LITERAL[:3] if label.startswith(("SUMMARY", "TSUMMARY")) else LITERAL:
        assert part in shown, f"{page}: {part!r} is not shown as typed after {label}: {shown!r}"
    assert "49" not in shown and " JJ " not in f" {shown} ", f"{page}: Jinja in data was evaluated: {shown!r}"


def test_text_that_could_open_a_block_stays_a_paragraph(hostile):
    _, pages = hostile
    article = BeautifulSoup(pages["themes/index.html"], "html.parser").select_one("article")
    for theme, opening in LEADING.items():
        heading = article.find(id=theme)
        paragraph = heading.find_next_sibling()
        assert paragraph.name == "p" and norm(paragraph.get_text()) == opening, \
            f"the summary of {theme!r} did not stay a paragraph shown as typed: {str(paragraph)[:200]}"


def test_page_title_description_and_navigation_show_the_text(hostile):
    _, pages = hostile
    soup = BeautifulSoup(pages["courses/sed-part-1/index.html"], "html.parser")
    assert soup.title.get_text().startswith("TITLE " + HOSTILE)
    assert soup.find("meta", attrs={"name": "description"})["content"] == "SUMMARY " + HOSTILE[:150]
    header = norm(soup.select_one(".md-header__topic[data-md-component=header-topic]").get_text())
    assert header.startswith("TITLE " + LITERAL[0])
    nav = [norm(a.get_text()) for a in soup.select("nav.md-nav--primary a")]
    assert any("SHORT_TITLE " + LITERAL[0] in t and "{{ 7*7 }}" in t for t in nav), \
        f"the navigation does not show the short title as typed: {[t for t in nav if 'SHORT' in t]}"
    topic = BeautifulSoup(pages["topics/attachment/index.html"], "html.parser")
    assert topic.title.get_text().startswith("TOPIC " + HOSTILE)


RICH_PAGES = ["courses/sed-part-1/index.html", "topics/attachment/index.html", "faq/index.html", "pathway/index.html",
              "training/index.html", "leadership/index.html", "credential/index.html", "sources/index.html"]


@pytest.mark.parametrize("page", RICH_PAGES)
def test_markdown_fields_render_safely(hostile, page):
    """Markdown is rendered once: raw HTML, images and attribute lists are text, only the web link lives."""
    _, pages = hostile
    blocks = [div for div in BeautifulSoup(pages[page], "html.parser").select("div.imh-rich") if "Intro" in div.get_text()]
    assert blocks, f"{page}: no Markdown field with the payload"
    for block in blocks:
        text = norm(block.get_text(" "))
        for part in RICH_LITERAL:
            assert norm(part) in text, f"{page}: {part!r} is not shown as typed: {text[:400]}"
        assert {el.name for el in block.find_all(True)} <= {"p", "a", "em", "strong", "abbr"}, str(block)[:400]
        assert all(set(el.attrs) <= {"href", "title"} for el in block.find_all(True)), str(block)[:400]
        links = {a.get_text(): a["href"] for a in block.find_all("a")}
        assert links == {"fine": "https://example.org/fine"}, f"only the https link stays a link: {links}"
    soup = BeautifulSoup(pages[page], "html.parser")
    assert soup.find(id="imh-pwn") is None and soup.find(autofocus=True) is None and soup.find(ontoggle=True) is None


@pytest.mark.parametrize("page", ["pathway/index.html", "faq/index.html", "sources/index.html"])
def test_a_correction_note_shows_its_fields_as_typed(hostile, page):
    _, pages = hostile
    notes = BeautifulSoup(pages[page], "html.parser").select("details.imh-correction")
    assert notes, f"{page}: no correction note"
    for note in notes:
        assert note.find("summary") is not None and "open" not in note.attrs
        assert set(note.attrs) == {"class"}, note.attrs
    if page != "faq/index.html":  # the FAQ's note is another correction
        shown = norm(" ".join(n.get_text(" ") for n in notes))
        for part in LITERAL:
            assert f"NOTE {part}" in shown or part in shown, f"{page}: {part!r} not shown as typed in the note"
        assert "SAYS " + LITERAL[0] in shown


def test_search_index_holds_the_text_as_typed(hostile):
    """Pagefind's index holds page text, not HTML: the hostile title is there as typed (the
    search box inserts it as text, see test_search_shows_hostile_text_as_text)."""
    site, _ = hostile
    docs = read_index(site)["docs"]
    titles = [d["title"] for d in docs if any(f"{kind} <script>" in d["title"] for kind in ("TITLE", "MODULE", "TOPIC"))]
    assert len(titles) >= 3, f"the hostile titles are searchable: {titles}"
    for title in titles:
        assert "<img src=x onerror=alert('I')>" in title, title


def _open_search(context, url: str):
    """A page of the hostile site with its search open, and the list any dialog (a script ran) goes to."""
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.locator("label.md-header__button[for='__search']").click()
    return page, dialogs


@pytest.mark.browser
def test_search_shows_hostile_text_as_text(hostile_server, browser):
    """Searching the hostile site: titles and excerpts with <script> and <img onerror> appear as
    typed, the matches are marked, and no element or script from the data reaches the page."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    try:
        page, dialogs = _open_search(context, hostile_server)
        page.locator("input.md-search__input").press_sequentially("onerror")
        # The list of the whole word (each letter typed starts a new search that clears the list).
        page.wait_for_function("""() => { const list = document.querySelector('.md-search-result__list');
          return list.dataset.query === 'onerror' && list.querySelector('mark') !== null; }""", timeout=10000)
        found = page.evaluate("""() => {
          const list = document.querySelector('.md-search-result__list');
          return {text: list.textContent,
                  tags: [...new Set([...list.querySelectorAll('*')].map(e => e.tagName.toLowerCase()))],
                  marks: [...list.querySelectorAll('mark')].map(m => m.textContent)};
        }""")
        assert "<img src=x onerror=alert('I')>" in found["text"], found["text"][:300]
        assert set(found["tags"]) <= {"li", "a", "article", "div", "h1", "h2", "p", "mark", "details", "summary"}, found["tags"]
        assert any("onerror" in m for m in found["marks"]), found["marks"]
        assert dialogs == [], f"a script from the data ran: {dialogs}"
    finally:
        context.close()


@pytest.mark.browser
def test_suggested_pages_show_hostile_titles_as_text(hostile_server, browser):
    """A search that finds nothing offers the suggested pages: one titled with <script> and
    <img onerror> shows the title as typed, and nothing from it runs."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    try:
        page, dialogs = _open_search(context, hostile_server)
        page.locator("input.md-search__input").press_sequentially("qqxjvkw")
        page.wait_for_function("() => document.querySelector('.md-search-result__list').dataset.query === 'qqxjvkw'", timeout=10000)
        found = page.evaluate("""() => {
          const list = document.querySelector('.md-search-result__list');
          return {titles: [...list.querySelectorAll('.imh-search-suggestion h1')].map(h => h.textContent),
                  tags: [...new Set([...list.querySelectorAll('*')].map(e => e.tagName.toLowerCase()))]};
        }""")
        assert SUGGESTED_TEXT in found["titles"], found["titles"]
        assert set(found["tags"]) <= {"li", "a", "article", "div", "h1", "p"}, found["tags"]
        assert dialogs == [], f"a script from the data ran: {dialogs}"
    finally:
        context.close()


def test_glossary_expansion_is_an_inert_hover_title(hostile):
    """The expansion of a term becomes the title of <abbr> wherever the term is used."""
    _, pages = hostile
    titles = [abbr["title"] for html in pages.values()
              for abbr in BeautifulSoup(html, "html.parser").find_all("abbr", title=True)
              if abbr["title"].startswith("EXPANSION")]
    assert titles, "IMH-E® is used on some page, with its expansion as a hover title"
    assert all(t.startswith("EXPANSION \" onmouseover=\"alert('E')\" <script>") for t in titles), titles[:1]


# --- in a real browser: the theme's tooltips ----------------------------------------------

# Pages where hostile text reaches a `title` (glossary expansions on abbreviations, titles
# the theme adds to shortened navigation entries), and where the theme's own titles live.
TOOLTIP_PAGES = ["", "glossary/", "topics/", "leadership/", "endorsement/", "courses/sed-part-1/", "topics/attachment/", "faq/"]

# Anything the data manages to run records itself here (and a dialog would be caught too).
TRIPWIRE = "window.__ran = []; window.alert = (message) => window.__ran.push(String(message));"

SHOWN = """([title]) => Array.from(document.querySelectorAll('[role=tooltip]'))
  .some((tip) => tip.textContent.replace(/\\s+/g, ' ').trim() === title.replace(/\\s+/g, ' ').trim())"""


@pytest.fixture(scope="module")
def hostile_server(hostile):
    from serve import Server  # tests/serve.py, the one GitHub-Pages-like server

    site, _ = hostile
    with Server(site) as url:
        yield url


def _shows(page, title: str, where: str) -> None:
    try:
        page.wait_for_function(SHOWN, arg=[title], timeout=3000)
    except PlaywrightTimeout:
        tips = page.evaluate("() => Array.from(document.querySelectorAll('[role=tooltip]')).map(t => t.textContent)")
        pytest.fail(f"{where}: no tooltip shows the title as text; tooltips: {tips}")


@pytest.mark.browser
def test_hover_and_focus_show_every_title_as_text_and_run_nothing(browser, hostile_server):
    """Every abbreviation and element with a title (each distinct title on each page; the
    header's own titles once) is hovered and then focused: its tooltip shows the title
    exactly as text, and nothing from the data runs, on hover, on focus, or on load."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TRIPWIRE)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    checked = hostile_checked = 0
    hostile_titles = set()
    theme_titles = set()  # the header's own titles are the same on every page: checked once
    for url in TOOLTIP_PAGES:
        page.goto(hostile_server + url)
        page.wait_for_function("() => window.document$ !== undefined")
        page.wait_for_timeout(300)  # the theme adds titles to shortened entries once they are shown
        on_page, titled = set(), []
        for element in page.query_selector_all("[title]"):  # handles: the theme removes a title while it shows it
            title = element.get_attribute("title")
            key = (element.evaluate("e => e.tagName"), title)
            seen = on_page if key[0] == "ABBR" or "alert(" in title else theme_titles
            if not title or key in seen or not element.is_visible():
                continue
            seen.add(key)
            titled.append((element, title))
            # An element the pointer cannot reach (`pointer-events: none`: the search form's buttons
            # before search opens, the header's hidden page title) is focused only; so is one still
            # covered after two seconds.
            try:
                if element.evaluate("e => getComputedStyle(e).pointerEvents") == "none":
                    raise PlaywrightTimeout("pointer-events: none")
                element.hover(timeout=2000)
            except PlaywrightTimeout:
                pass
            else:
                _shows(page, title, f"/{url}: hovering {key}")
                page.mouse.move(1, 899)
                if seen is theme_titles:
                    page.wait_for_timeout(300)  # the header's tooltips close 250 ms after the pointer leaves
            element.evaluate("e => { if (e.tabIndex < 0) e.setAttribute('tabindex', '-1'); e.focus(); }")
            _shows(page, title, f"/{url}: focusing {key}")
            element.evaluate("e => e.blur()")
            checked += 1
            hostile_checked += "alert(" in title
            hostile_titles.add(title.split(" ")[0])
        page.wait_for_timeout(400)
        for element, title in titled:
            # The attribute keeps the plain text (screen readers and the browser's own tooltip use it).
            assert element.get_attribute("title") in (title, None), f"/{url}: {title!r} left as {element.get_attribute('title')!r}"
        assert page.evaluate("() => window.__ran") == [], f"/{url}: data ran: {page.evaluate('() => window.__ran')}"
        assert page.evaluate("() => Array.from(document.querySelectorAll('img')).filter(i => /\\/x$|^x$/.test(i.getAttribute('src'))).length") == 0
    print(f"tooltips checked: {checked} elements, {hostile_checked} with hostile titles")
    assert {"EXPANSION", "DOCTITLE", "DOCABBR"} <= hostile_titles, hostile_titles
    assert dialogs == []
    assert checked >= 30 and hostile_checked >= 5, (checked, hostile_checked)
    context.close()


# Pages with a Markdown field or correction note holding the payload; `#imh-pwn` is the id the
# payload's attribute list would give a focusable paragraph (visiting it focused it, no click).
NOTE_PAGES = ["pathway/#imh-pwn", "training/#imh-pwn", "leadership/#imh-pwn", "credential/#imh-pwn",
              "faq/#who-benefits", "sources/#imh-pwn", "courses/sed-part-1/#imh-pwn", "topics/attachment/#imh-pwn"]


@pytest.mark.browser
def test_opening_the_notes_and_visiting_the_anchor_runs_nothing(browser, hostile_server):
    """A reader visits the anchor the payload names, opens every correction note, and focuses,
    and hovers everything in the notes and the Markdown fields: nothing from the data runs."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    context.add_init_script(TRIPWIRE)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened = touched = 0
    try:
        for url in NOTE_PAGES:
            page.goto(hostile_server + url)
            page.wait_for_function("() => window.document$ !== undefined")
            page.wait_for_timeout(200)  # a handler run by focus on load or by an animation would have run
            for summary in page.query_selector_all("details.imh-correction > summary"):
                summary.scroll_into_view_if_needed()
                summary.click()
                opened += 1
            assert page.evaluate("() => [...document.querySelectorAll('details.imh-correction')].every(d => d.open)")
            touched += page.evaluate("""() => {
              const els = [...document.querySelectorAll('details.imh-correction *, div.imh-rich *')];
              for (const el of els) {
                el.focus();
                for (const type of ['mouseover', 'mouseenter', 'animationstart', 'toggle'])
                  el.dispatchEvent(new Event(type, {bubbles: true}));
              }
              return els.length;
            }""")
            page.wait_for_timeout(200)
            ran = page.evaluate("() => window.__ran")
            assert ran == [], f"/{url}: data ran: {ran}"
            assert page.evaluate("() => document.getElementById('imh-pwn')") is None
    finally:
        context.close()
    assert dialogs == []
    assert opened >= 7 and touched >= 50, (opened, touched)
