"""Every required course, module, topic, requirement, organisation and question appears:
on its own page, under its own heading, in the search index, and in the right order."""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urljoin

import pytest

from required import (ABBREVIATIONS, COURSES, CREDENTIAL_FACTS, FAQ, FURNITURE, LEADERSHIP_FACTS,
                      ORGANIZATIONS, PATHWAY_FACTS, TOPICS, TRAINING_COMPONENTS)


def norm(text: str) -> str:
    """Compare text as a reader sees it: one space, straight apostrophes, NFC."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def headings(soup, levels="h1,h2,h3,h4") -> list[str]:
    return [norm(h.get_text().replace("¶", "")) for h in soup.select(levels)]


def search_titles(site) -> list[str]:
    return [norm(html.unescape(re.sub(r"<[^>]+>", "", d["title"]))) for d in site.search_index["docs"]]


def pages_by_h1(site, folder: str) -> dict[str, str]:
    """h1 -> URL of every page under `folder`/ (but the folder's own index page)."""
    found = {}
    for url in site.pages():
        if url.startswith(folder + "/") and url != folder + "/":
            found[headings(site.article(url), "h1")[0]] = url
    return found


def course_pages(site) -> dict[str, str]:
    return pages_by_h1(site, "courses")


def topic_pages(site) -> dict[str, str]:
    return pages_by_h1(site, "topics")


# --- courses and modules ----------------------------------------------------------------

@pytest.mark.parametrize("title,modules", COURSES, ids=[c[0][:40] for c in COURSES])
def test_course_has_its_own_page_with_modules_as_headings(site, title, modules):
    pages = course_pages(site)
    assert title in pages, f"no course page with h1 {title!r}; found {sorted(pages)}"
    article = site.article(pages[title])
    found = headings(article, "h3")
    for number, module in enumerate(modules, 1):
        assert f"Module {number}: {module}" in found, f"{title}: module {number} heading missing; found {found}"
    titles = search_titles(site)
    assert title in titles, "course title is not a search result of its own"
    for number, module in enumerate(modules, 1):
        assert f"Module {number}: {module}" in titles, f"module {module!r} is not a search result of its own"


def test_exactly_the_five_courses_in_recommended_order(site):
    pages = course_pages(site)
    assert sorted(pages) == sorted(t for t, _ in COURSES)
    # Catalogue cards and the credential page list them in the recommended order.
    for url in ("courses/", "credential/", ""):
        text = norm(site.article(url).get_text(" "))
        positions = [text.find(title) for title, _ in COURSES]
        assert -1 not in positions, f"{url}: a course is missing"
        assert positions == sorted(positions), f"{url}: courses out of the recommended order"
    # The navigation lists course pages in that order too.
    nav = norm(site.soup("courses/").select_one("nav.md-nav--primary").get_text(" "))
    firsts = [nav.find(f"{i}.") for i in range(1, 6)]
    assert -1 not in firsts and firsts == sorted(firsts)


def test_catalogue_shows_one_card_per_course_linking_to_its_page(site):
    """Each course is a card of its own (a card swallowing the next ones once shipped unnoticed)."""
    pages = course_pages(site)
    cards = site.article("courses/").select(".grid.cards > ol > li")
    assert len(cards) == len(COURSES)
    for card, (title, _) in zip(cards, COURSES):
        links = card.select("a")
        assert len(links) == 1 and norm(links[0].get_text()) == title, f"card: {norm(card.get_text(' '))[:200]}"
        assert urljoin("/courses/", links[0]["href"]) == "/" + pages[title]


def test_course_pages_link_previous_and_next_in_recommended_order(site):
    pages = course_pages(site)
    urls = [pages[title] for title, _ in COURSES]
    for before, after in zip(urls, urls[1:]):
        footer = site.soup(before).select_one("nav.md-footer__inner")
        nxt = footer.select_one("a.md-footer__link--next")
        assert nxt is not None and nxt["href"].rstrip("/").endswith(after.rstrip("/").split("/")[-1]), \
            f"{before}: next should be {after}"


def test_credential_page_states_requirements(site):
    text = norm(site.article("credential/").get_text(" "))
    for fact in CREDENTIAL_FACTS:
        assert fact in text, f"credential page lacks {fact!r}"


# --- monthly topics ---------------------------------------------------------------------

@pytest.mark.parametrize("month,title", list(enumerate(TOPICS, 1)), ids=[f"month-{i}" for i in range(1, 13)])
def test_topic_has_its_own_page(site, month, title):
    pages = topic_pages(site)
    assert title in pages, f"no topic page with h1 {title!r}"
    text = norm(site.article(pages[title]).get_text(" "))
    assert f"month {month} of 12" in text
    assert title in search_titles(site)


def test_schedule_lists_topics_in_order(site):
    rows = site.article("topics/").select("table tbody tr")
    assert [norm(r.select("td")[1].get_text()) for r in rows] == TOPICS
    assert [norm(r.select("td")[0].get_text()) for r in rows] == [str(i) for i in range(1, 13)]


def test_leadership_page_states_requirements_and_framework(site):
    text = norm(site.article("leadership/").get_text(" "))
    for fact in LEADERSHIP_FACTS:
        assert fact in text, f"leadership page lacks {fact!r}"


# --- pathway, training, FAQ, organisations, glossary -------------------------------------

def test_pathway(site):
    text = norm(site.article("pathway/").get_text(" "))
    for fact in PATHWAY_FACTS:
        assert fact in text, f"pathway page lacks {fact!r}"
    found = headings(site.article("pathway/"))
    for section in ("Understanding the role", "Educational pathways", "Gaining experience",
                    "Continuing education and specialization", "Professional development and networking"):
        assert section in found


@pytest.mark.parametrize("component", TRAINING_COMPONENTS)
def test_training_component_is_a_heading_and_search_result(site, component):
    # The site writes headings in sentence case; the words must be the source's.
    assert component.lower() in [h.lower() for h in headings(site.article("training/"))]
    assert component.lower() in [t.lower() for t in search_titles(site)]


@pytest.mark.parametrize("question", FAQ)
def test_faq_question_is_a_heading_and_search_result(site, question):
    assert question in headings(site.article("faq/"), "h2")
    assert question in search_titles(site)


def test_postpartum_depression_is_worded_as_a_parents_condition(site):
    text = norm(site.article("faq/").get_text(" ")).lower()
    assert "postpartum depression" in text
    assert re.search(r"postpartum depression[^.]*(parent|mother|caregiver)", text), \
        "FAQ must describe postpartum depression as a parent's condition"


@pytest.mark.parametrize("name", ORGANIZATIONS)
def test_organization_has_a_heading(site, name):
    found = " | ".join(headings(site.article("organizations/"), "h2"))
    assert name in found
    assert any(name in t for t in search_titles(site))


@pytest.mark.parametrize("abbreviation", ABBREVIATIONS)
def test_glossary_explains_abbreviation(site, abbreviation):
    assert abbreviation in headings(site.article("glossary/"), "h2")


def test_abbreviations_are_explained_in_text(site):
    abbrs = site.article("credential/").select("abbr[title]")
    assert {a.get_text() for a in abbrs} & {"IMH", "RIOS™", "CEED"}


def test_sources_page_lists_each_seed_with_date(site):
    text = norm(site.article("sources/").get_text(" "))
    for host in ("playstronginstitute.com", "ceed.umn.edu", "healthinquire.com", "ecmhva.partnership.vcu.edu"):
        assert site.article("sources/").select_one(f'a[href*="{host}"]') is not None, host
    assert re.search(r"\d{4}-\d{2}-\d{2}", text)


# --- what must not be there -------------------------------------------------------------

def test_no_page_furniture_or_placeholders(site):
    for url in site.pages():
        text = norm(site.article(url).get_text(" ")) if site.article(url) else ""
        for junk in FURNITURE:
            assert junk not in text, f"{url}: scraped furniture {junk!r}"
        assert not re.search(r"\b(lorem ipsum|TODO|TBD|coming soon|FIXME)\b", text, re.I), f"{url}: placeholder text"


def test_endorsement_not_called_a_certification_without_correction(site):
    text = norm(site.article("pathway/").get_text(" "))
    assert "not a professional license" in text or "not a license" in text
