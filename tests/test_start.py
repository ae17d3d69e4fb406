"""What readers come with (issue 26), answered on the built site: "Where do I start?" routes each
situation to its Endorsement categories and a next step, every statement with its source; each
course page says its length and fee or plainly that the provider's page does not; the $15 is
named as the credential's application fee; the leadership page says how to join and whom to ask.
Everything expected is read from data/ (tests/required.py), so a correct edit there passes.
"""

from __future__ import annotations

import re

from test_content import norm, page_text, pages_by_h1, states
from required import data

NOT_SAID = "the provider's page does not say"


def start_sections(site) -> dict[str, object]:
    """Each situation's h3 on the page, by id, with what follows it up to the next heading."""
    article = site.article("start/")
    sections = {}
    for h3 in article.select("h3[id]"):
        parts = []
        for sibling in h3.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            parts.append(sibling)
        sections[h3["id"]] = (h3, parts)
    return sections


def test_every_situation_has_its_heading_categories_statements_and_suggestion(site):
    start, endorsement = data().start, site.article("endorsement/")
    sections = start_sections(site)
    assert list(sections) == [route.id for route in start.routes], "situations missing, extra or out of order"
    sources = {s.id: s for s in data().sources}
    for route in start.routes:
        h3, parts = sections[route.id]
        assert norm(h3.get_text().replace("¶", "")) == norm(route.situation)
        links = [a for part in parts for a in part.select("a[href]")]
        named = [a["href"] for a in links if "/endorsement/#category-" in a["href"]]
        assert [h.rsplit("#category-", 1)[1] for h in named] == list(route.categories), route.id
        for href in named:  # the categories link to their own rows of the comparison
            assert endorsement.select_one(f"#{href.rsplit('#', 1)[1]}") is not None, href
        items = [li for part in parts if part.name == "ul" for li in part.select("li")]
        assert len(items) == len(route.statements), route.id
        for li, said in zip(items, route.statements):
            assert states(li.get_text(" "), said.text), f"{route.id}: {said.text!r}"
            assert li.select_one(f"a[href='{sources[said.source].url}']"), f"{route.id}: no link to {said.source}"
        suggestion = next(p for p in parts if "imh-suggestion" in (p.get("class") or []))
        assert norm(suggestion.get_text(" ")).startswith("The site's suggestion:"), route.id
        assert states(suggestion.get_text(" "), route.next_step), route.id
        assert "association" in suggestion.get_text(), f"{route.id}: the suggestion does not point to the reader's association"
        if "associations/" in {u for u in site.pages()}:
            assert suggestion.select_one("a[href$='associations/']"), f"{route.id}: no link to the association finder"


def test_points_for_everyone_come_first_with_their_sources(site):
    text = page_text(site, "start/")
    sources = {s.id: s for s in data().sources}
    article = site.article("start/")
    for said in data().start.general:
        assert states(text, said.text)
        assert article.select_one(f"a[href='{sources[said.source].url}']")
    assert states(text, data().endorsement.varies_by_state)


def test_home_and_pathway_lead_to_where_do_i_start(site):
    for url in ("", "pathway/"):
        assert site.article(url).select_one("a[href$='start/']"), f"/{url} does not link 'Where do I start?'"


def test_course_pages_say_length_and_fee_or_that_the_provider_does_not(site):
    pages, fee = pages_by_h1(site, "courses"), data().credential.fee
    for course in data().courses:
        glance = site.article(pages[course.title]).select_one(".admonition")
        lines = {norm(li.find("strong").get_text()).rstrip(":"): norm(li.get_text(" ")) for li in glance.select("li")}
        assert states(lines["Length"], course.length or NOT_SAID), course.id
        assert states(lines["Course fee"], course.cost or NOT_SAID), course.id
        if course.id in data().credential.courses:
            # The credential's fee, named for what it is wherever a course shows a fee line.
            assert states(lines["Course fee"], f"the {fee} on the credential's page is the fee to apply for the credential, not a course fee")
        official = glance.select_one(f"a[href='{course.url}']")
        assert official is not None, f"{course.id}: no link to the page that lists it"
        if course.course_page:
            assert glance.select_one(f"a[href='{course.course_page}']"), f"{course.id}: no link to its own page"
        else:
            assert "no page of the course's own was found" in lines["Dates and registering"], course.id
        if course.stand_alone:
            assert "you can take it on its own" in lines["Format"], course.id


def test_course_without_listed_modules_points_to_its_own_page_or_its_provider(site):
    pages = pages_by_h1(site, "courses")
    for course in data().courses:
        if course.modules:
            continue
        article = site.article(pages[course.title])
        modules = article.select_one("h2#modules").find_next_sibling("p")
        links = [a["href"] for a in modules.select("a[href]")]
        if course.course_page:
            assert str(course.course_page) in links, course.id
        else:
            provider = next(o for o in data().organizations if o.id == course.provider)
            assert str(provider.url) in links, course.id


def test_home_card_names_the_fee_as_the_credentials_application_fee(site):
    fee = data().credential.fee
    cards = [li for li in site.article("").select(".grid.cards li") if fee in li.get_text()]
    assert cards, "no home card gives the fee"
    for card in cards:
        text = norm(card.get_text(" "))
        assert re.search(rf"{re.escape(fee)} fee to apply for the credential", text), text
        assert "not what the courses cost" in text, text


def test_leadership_page_says_how_to_join_whom_to_ask_and_what_supervision_costs(site):
    leadership = data().leadership
    article = site.article("leadership/")
    text = page_text(site, "leadership/")
    assert states(text, leadership.joining)
    assert states(text, leadership.collaborative.supervision_fee)
    if leadership.contact:
        assert article.select_one(f"a[href='mailto:{leadership.contact.email}']"), "no link to write to the contact"
        assert states(text, leadership.contact.about)
    section = article.select_one("h2#how-to-join")
    assert section is not None and article.select_one("a[href='#how-to-join']"), "'What to do next' should lead to it"
