"""The content on the built site: the contract and the data, page by page.

Two kinds of test. The contract (tests/required.yaml, staff-readable) says which courses,
modules and monthly topics must always appear: each on its own page or heading, as its own
search result, in order; a failure names the item and the file to update if the change was
meant. Everything else (every course, question, fee, hour, name and count) is compared with
data/ read through the project's own loader, so any correct edit there passes.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import pytest

from required import CATALOGUE, COURSES, FURNITURE, IF_INTENDED, SCHEDULE, TOPICS, data


def norm(text: str) -> str:
    """Compare text as a reader sees it: one space, straight apostrophes, NFC."""
    text = unicodedata.normalize("NFC", str(text)).replace("\u2019", "'").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def headings(soup, levels="h1,h2,h3,h4") -> list[str]:
    return [norm(h.get_text().replace("¶", "")) for h in soup.select(levels)]


@functools.cache
def search_titles(site) -> list[str]:
    return [norm(html.unescape(re.sub(r"<[^>]+>", "", d["title"]))) for d in site.search_index["docs"]]


def page_text(site, url: str) -> str:
    return norm(site.article(url).get_text(" "))


def squash(text: str) -> str:
    """Text without any spaces: markup such as <abbr> adds spaces around words when read as text."""
    return re.sub(r"\s+", "", norm(text))


def states(text: str, fact: str) -> bool:
    return squash(fact) in squash(text)


@functools.cache
def pages_by_h1(site, folder: str) -> dict[str, str]:
    """h1 -> URL of every page under `folder`/ (but the folder's own index page)."""
    found = {}
    for url in site.pages():
        if url.startswith(folder + "/") and url != folder + "/":
            found[headings(site.article(url), "h1")[0]] = url
    return found


def in_order(text: str, items: list[str]) -> list[int]:
    return [text.find(norm(item)) for item in items]


def module_headings(site, url: str) -> list[tuple[int, str]]:
    """(number, title) of each 'Module N: title' heading on a course page."""
    found = []
    for heading in headings(site.article(url), "h3"):
        match = re.fullmatch(r"Module (\d+): (.+)", heading)
        if match:
            found.append((int(match.group(1)), match.group(2)))
    return found


# --- the contract: required courses, modules and topics ---------------------------------

@pytest.mark.parametrize("title,modules", COURSES, ids=[c[0][:40] for c in COURSES])
def test_required_course_has_its_page_modules_and_search_entries(site, title, modules):
    pages = pages_by_h1(site, "courses")
    assert title in pages, f"the required course {title!r} has no page of its own; {IF_INTENDED}"
    found = module_headings(site, pages[title])
    titles = [t for _, t in found]
    for module in modules:
        assert module in titles, f"{title}: the required module {module!r} is not a heading on its page; {IF_INTENDED}"
    positions = [titles.index(m) for m in modules]
    assert positions == sorted(positions), f"{title}: the required modules are out of order; {IF_INTENDED}"
    search = search_titles(site)
    assert title in search, f"the required course {title!r} is not a search result of its own; {IF_INTENDED}"
    for number, module in found:
        if module in modules:
            assert f"Module {number}: {module}" in search, f"the required module {module!r} is not a search result of its own"


def test_required_courses_keep_their_order(site):
    titles = [title for title, _ in COURSES]
    for url in ("courses/", "credential/", ""):
        positions = in_order(page_text(site, url), titles)
        missing = [t for t, p in zip(titles, positions) if p < 0]
        assert not missing, f"{url or 'home page'}: the required courses {missing} are missing; {IF_INTENDED}"
        assert positions == sorted(positions), f"{url or 'home page'}: the required courses are out of order; {IF_INTENDED}"


@pytest.mark.parametrize("title", TOPICS, ids=[f"topic-{i}" for i in range(1, len(TOPICS) + 1)])
def test_required_topic_has_its_page_and_search_entry(site, title):
    assert title in pages_by_h1(site, "topics"), f"the required monthly topic {title!r} has no page of its own; {IF_INTENDED}"
    assert title in search_titles(site), f"the required monthly topic {title!r} is not a search result of its own; {IF_INTENDED}"


def test_required_topics_keep_their_order(site):
    schedule = [norm(r.select("td")[1].get_text()) for r in site.article("topics/").select("table tbody tr")]
    missing = [t for t in TOPICS if t not in schedule]
    assert not missing, f"the schedule lacks the required topics {missing}; {IF_INTENDED}"
    positions = [schedule.index(t) for t in TOPICS]
    assert positions == sorted(positions), f"the required topics are out of order in the schedule; {IF_INTENDED}"


# --- courses and modules, as the data holds them ------------------------------------------

def test_one_page_per_course_in_the_data(site):
    assert sorted(pages_by_h1(site, "courses")) == sorted(title for title, _ in CATALOGUE)


@pytest.mark.parametrize("index", range(len(CATALOGUE)), ids=[c[0][:40] for c in CATALOGUE])
def test_course_page_numbers_its_modules_in_the_order_listed(site, index):
    title, modules = CATALOGUE[index]
    url = pages_by_h1(site, "courses")[title]
    assert module_headings(site, url) == list(enumerate(modules, 1))
    search = search_titles(site)
    for number, module in enumerate(modules, 1):
        assert f"Module {number}: {module}" in search


def test_courses_are_listed_in_the_recommended_order(site):
    titles = [title for title, _ in CATALOGUE]
    for url in ("courses/", "credential/", ""):
        positions = in_order(page_text(site, url), titles)
        assert -1 not in positions, f"{url}: a course is missing"
        assert positions == sorted(positions), f"{url}: courses out of the recommended order"
    # The navigation numbers the course pages 1, 2, 3… in that order.
    nav = site.soup("courses/").select_one("nav.md-nav--primary")
    labels = [norm(a.get_text()) for a in nav.select("a") if re.match(r"\d+\. ", norm(a.get_text()))]
    courses = sorted(data().courses, key=lambda c: c.order)
    assert labels == [f"{n}. {norm(c.short_title)}" for n, c in enumerate(courses, 1)]


def test_catalogue_shows_one_card_per_course_linking_to_its_page(site):
    """Each course is a card of its own (a card swallowing the next ones once shipped unnoticed)."""
    pages = pages_by_h1(site, "courses")
    cards = site.article("courses/").select(".grid.cards > ol > li")
    assert len(cards) == len(CATALOGUE)
    for card, (title, _) in zip(cards, CATALOGUE):
        links = card.select("a")
        assert len(links) == 1 and norm(links[0].get_text()) == title, f"card: {norm(card.get_text(' '))[:200]}"
        assert urljoin("/courses/", links[0]["href"]) == "/" + pages[title]


def test_course_pages_link_previous_and_next_in_recommended_order(site):
    pages = pages_by_h1(site, "courses")
    urls = [pages[title] for title, _ in CATALOGUE]
    for before, after in zip(urls, urls[1:]):
        nxt = site.soup(before).select_one("nav.md-footer__inner a.md-footer__link--next")
        assert nxt is not None and nxt["href"].rstrip("/").endswith(after.rstrip("/").split("/")[-1]), \
            f"{before}: next should be {after}"


def test_course_page_states_the_course_facts(site):
    pages = pages_by_h1(site, "courses")
    for course in data().courses:
        text = page_text(site, pages[course.title])
        for fact in (course.summary, course.length, course.cost, course.advice):
            if fact:
                assert states(text, fact), f"{course.id}: the page lacks {fact!r} from its data file"


def test_credential_page_states_requirements_fee_and_rules(site):
    c = data().credential
    text = page_text(site, "credential/")
    facts = [c.fee, c.earlier_courses, c.order_advice, c.stand_alone]
    facts += [r.title for r in c.requirements] + [r.text for r in c.requirements]
    facts += [detail for r in c.requirements for detail in r.details]
    for fact in facts:
        assert states(text, fact), f"the credential page lacks {fact!r} (data/credential.yaml)"


# --- monthly topics and the leadership certificate ----------------------------------------

def test_one_page_per_topic_naming_its_month(site):
    pages = pages_by_h1(site, "topics")
    assert sorted(pages) == sorted(SCHEDULE)
    for topic in data().topics:
        text = page_text(site, pages[topic.title])
        assert re.search(rf"\bmonth {topic.month}\b", text, re.I), f"{topic.id}: its page does not say it is month {topic.month}"
        assert topic.title in search_titles(site)


def test_schedule_lists_every_topic_by_month(site):
    rows = site.article("topics/").select("table tbody tr")
    assert [norm(r.select("td")[1].get_text()) for r in rows] == SCHEDULE
    assert [norm(r.select("td")[0].get_text()) for r in rows] == [str(t.month) for t in sorted(data().topics, key=lambda t: t.month)]


def test_leadership_page_states_requirements_and_framework(site):
    lead = data().leadership
    c, rios = lead.collaborative, lead.rios
    text = page_text(site, "leadership/")
    facts = [lead.name, c.title, str(c.training_hours_per_month), str(c.supervision_hours_per_month), lead.purpose]
    facts += [r.title for r in lead.requirements] + list(rios.collaborative_tasks) + list(rios.essential_elements)
    facts += list(rios.reflection_skill_areas)
    for fact in facts:
        assert states(text, fact), f"the leadership page lacks {fact!r} (data/leadership.yaml)"


# --- pathway, training, FAQ, organisations, glossary, sources ------------------------------

def test_pathway_page_states_every_step_and_list(site):
    p = data().pathway
    text = page_text(site, "pathway/")
    found = headings(site.article("pathway/"))
    for step in p.education:
        assert any(norm(step.title) in h for h in found), f"pathway step {step.title!r} is not a heading"
        for item in step.fields_of_study + step.examples:
            assert states(text, item), f"the pathway page lacks {item!r}"
    for item in p.role_tasks + p.experience_settings + p.experience_roles + p.continuing_events + p.specializations:
        assert states(text, item), f"the pathway page lacks {item!r} (data/pathway.yaml)"


TRAINING_PARTS = ("importance", "components", "benefits", "opportunities", "strategies")


@pytest.mark.parametrize("part", TRAINING_PARTS)
def test_training_points_are_headings_and_search_results(site, part):
    found = [h.lower() for h in headings(site.article("training/"))]
    search = [t.lower() for t in search_titles(site)]
    for point in getattr(data().training, part):
        # The site writes headings in sentence case; the words must be the data's.
        assert norm(point.title).lower() in found, f"training point {point.title!r} is not a heading"
        assert norm(point.title).lower() in search, f"training point {point.title!r} is not a search result"


def test_every_question_is_a_heading_and_search_result(site):
    found = headings(site.article("faq/"), "h2")
    search = search_titles(site)
    for question in data().faq:
        assert norm(question.question) in found, f"the question {question.question!r} (data/faq.yaml) is not a heading"
        assert norm(question.question) in search, f"the question {question.question!r} is not a search result"


def test_postpartum_depression_is_worded_as_a_parents_condition(site):
    """A known mistake of the source: if the FAQ names postpartum depression, it is a parent's condition."""
    text = page_text(site, "faq/").lower()
    if "postpartum depression" in text:
        assert re.search(r"postpartum depression[^.]*(parent|mother|caregiver)", text), \
            "FAQ must describe postpartum depression as a parent's condition"


def test_every_organization_has_a_heading(site):
    found = " | ".join(headings(site.article("organizations/"), "h2"))
    search = search_titles(site)
    for org in data().organizations:
        assert norm(org.name) in found, f"{org.name!r} (data/organizations.yaml) has no heading"
        assert any(norm(org.name) in t for t in search), f"{org.name!r} is not a search result"


def test_glossary_explains_every_term(site):
    found = headings(site.article("glossary/"), "h2")
    for term in data().glossary:
        assert norm(term.term) in found, f"the term {term.term!r} (data/glossary.yaml) has no heading"


def test_abbreviations_are_explained_in_text(site):
    terms = {term.term for term in data().glossary}
    abbrs = {a.get_text() for a in site.article("credential/").select("abbr[title]")}
    assert abbrs and abbrs <= terms


def test_sources_page_links_each_source_with_its_date(site):
    article = site.article("sources/")
    text = page_text(site, "sources/")
    for source in data().sources:
        host = urlsplit(str(source.url)).netloc
        assert article.select_one(f'a[href*="{host}"]') is not None, f"{source.id}: no link to {host}"
        assert source.checked.isoformat() in text, f"{source.id}: the date it was checked is not shown"


def test_every_correction_is_listed(site):
    text = page_text(site, "sources/")
    for note in data().corrections:
        assert states(text, note.title), f"the correction {note.title!r} (data/corrections.yaml) is not on the sources page"


# --- what must not be there -------------------------------------------------------------

def test_no_page_furniture_or_placeholders(site):
    for url in site.pages():
        text = page_text(site, url) if site.article(url) else ""
        for junk in FURNITURE:
            assert junk not in text, f"{url}: scraped furniture {junk!r}"
        assert not re.search(r"\b(lorem ipsum|TODO|TBD|coming soon|FIXME)\b", text, re.I), f"{url}: placeholder text"
