"""Hostile or odd text in the data is shown as text: never run, never a live link, never an image.

A copy of the project gets titles, summaries and Markdown fields holding `<script>`, an
`<img onerror>`, Jinja (`{{ … }}`, `{% … %}`), a `javascript:` link and a Markdown attribute
list (`{: onclick=… }`), in every kind of place data reaches a page (headings, cards, the
navigation, <title>, <meta>, tags, search); then the built HTML is read as a browser would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from project import copy_project, quiet_env, set_field

HOSTILE = ("<script>alert('T')</script> <img src=x onerror=alert('I')> {{ 7*7 }} "
           "{% if true %}JJ{% endif %} [link](javascript:alert('L')) {: onclick=alert('A') }")
# The parts a reader must see exactly as typed.
LITERAL = ["<script>alert('T')</script>", "<img src=x onerror=alert('I')>", "{{ 7*7 }}",
           "{% if true %}JJ{% endif %}", "[link](javascript:alert('L'))", "{: onclick=alert('A') }"]

RICH = ("Intro <script>alert('S')</script> and <b onclick=alert('B')>bold</b>.\n\n"
        "<img src=x onerror=alert('I2')> ![picture](https://example.org/x.png) "
        "[js](javascript:alert('J1')) [JS](JaVaScRiPt:alert('J2')) [entity](&#106;avascript:alert('J3')) "
        "[tab](java\tscript:alert('J4')) [data](data:text/html,alert('J5')) [ref][r] "
        "<a href=\"javascript:alert('J6')\">raw</a> [fine](https://example.org/fine) {{ 7*7 }}\n\n"
        "[r]: javascript:alert('J7')")

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
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
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
    set_field(data / "organizations.yaml", "summary", "ORG " + HOSTILE, indent="  ", after="- id: waimh")
    set_field(data / "sources.yaml", "publisher", "PUBLISHER " + HOSTILE, indent="  ", after="- id: seed-training")
    # Glossary expansions become hover titles on every page that uses the term.
    set_field(data / "glossary.yaml", "expansion", "EXPANSION \" onmouseover=\"alert('E')\" " + HOSTILE, indent="  ", after="- id: imh-e")
    set_field(data / "glossary.yaml", "definition", "DEFINITION " + HOSTILE, indent="  ", after="- id: imh-e")
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


@pytest.mark.parametrize("page", ["courses/sed-part-1/index.html", "topics/attachment/index.html", "faq/index.html"])
def test_markdown_fields_render_safely(hostile, page):
    """Markdown is rendered, but raw HTML is text, images are their description, and only web links live."""
    _, pages = hostile
    block = next(div for div in BeautifulSoup(pages[page], "html.parser").select("div.imh-rich")
                 if "Intro" in div.get_text())
    text = norm(block.get_text(" "))
    assert "<script>alert('S')</script>" in text and "<b onclick=alert('B')>bold</b>" in text
    assert block.find("b") is None and block.find("script") is None and block.find("img") is None
    assert "picture" in text, "an image's description is shown in its place"
    links = {a.get_text(): a["href"] for a in block.find_all("a")}
    assert links == {"fine": "https://example.org/fine"}, f"only the https link stays a link: {links}"
    assert "{{ 7*7 }}" in text


def test_search_index_holds_the_text_escaped(hostile):
    site, _ = hostile
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hits = [d for d in index["docs"] if "alert(" in d["title"] + d["text"]]
    assert hits, "the hostile text is searchable"
    for doc in hits:
        for field in ("title", "text"):
            # Material shows these as HTML: a tag from the data must arrive as an entity.
            assert not re.search(r"<(script|img|b)\b", doc[field]), f"raw HTML from data in the search index: {doc[field][:200]}"


def test_glossary_expansion_is_an_inert_hover_title(hostile):
    """The expansion of a term becomes the title of <abbr> wherever the term is used."""
    _, pages = hostile
    titles = [abbr["title"] for html in pages.values()
              for abbr in BeautifulSoup(html, "html.parser").find_all("abbr", title=True)
              if abbr["title"].startswith("EXPANSION")]
    assert titles, "IMH-E® is used on some page, with its expansion as a hover title"
    assert all(t.startswith("EXPANSION \" onmouseover=\"alert('E')\" <script>") for t in titles), titles[:1]
