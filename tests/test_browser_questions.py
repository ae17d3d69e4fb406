"""Readers' practical questions answered on a phone in at most five taps (issue 26).

From the home page at 375 × 667, each answer is reached by tapping links a reader sees (counted),
never by typing an address: every situation of "Where do I start?" with its categories and the
site's suggestion (and the association finder, once it is part of the site), every course's
length, fee and whether it can be taken alone, and how to join the leadership certificate and
whom to ask. What must show is read from data/ (tests/required.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from required import data

pytestmark = pytest.mark.browser

MAX_TAPS = 5


class Reader:
    """A phone reader who starts on the home page, loaded afresh, and counts their taps."""

    def __init__(self, v):
        self.v = v
        self.page = self.v.page
        self.taps = 0
        self.v.goto("")

    def tap(self, href_end: str, within: str = "article") -> None:
        link = self.page.locator(f"{within} a[href$='{href_end}']").first
        expect(link).to_be_visible()
        target = link.evaluate("a => a.href")
        link.click()
        self.taps += 1
        # The theme's instant navigation changes the page without a load event: wait for its address,
        # so the next tap is made on the new page, not on the old one still showing.
        self.page.wait_for_url(target)
        self.page.wait_for_load_state()


def test_every_situation_of_where_do_i_start_is_a_tap_from_home(visit, site):
    start = data().start
    reader = Reader(visit())
    reader.tap("where-to-start/")
    page = reader.page
    for route in start.routes:
        heading = page.locator(f"h3#{route.id}")
        heading.scroll_into_view_if_needed()
        expect(heading).to_be_visible()
        section = page.locator(f"h3#{route.id} ~ p.imh-suggestion").first
        expect(section).to_contain_text("The site's suggestion:")
        for category in route.categories:
            expect(page.locator(f"h3#{route.id} + p a[href$='#category-{category}']")).to_have_count(1)
    assert reader.taps <= MAX_TAPS
    if "associations/" in site.pages():  # the reader's own association, one tap further
        reader.tap("associations/", within=f"h3#{start.routes[-1].id} ~ p.imh-suggestion")
        expect(page.locator("h1")).to_be_visible()
        assert reader.taps <= MAX_TAPS
    assert reader.v.foreign == []


def test_each_courses_length_fee_and_taking_it_alone_are_a_tap_from_home(visit):
    profile = visit()  # one phone for every course: each reader starts on the home page loaded afresh
    for course in data().courses:
        reader = Reader(profile)
        reader.tap(f"courses/{course.id}/")
        glance = reader.page.locator(".admonition.abstract").first
        expect(glance).to_be_visible()
        expect(glance).to_contain_text(f"Length: {course.length or 'the provider' + chr(39) + 's page does not say'}")
        expect(glance).to_contain_text(f"Course fee: {course.cost or 'the provider' + chr(39) + 's page does not say'}")
        if course.stand_alone:
            expect(glance).to_contain_text("you can take it on its own")
        assert reader.taps <= MAX_TAPS


def test_how_to_join_the_leadership_certificate_and_whom_to_ask_is_two_taps_from_home(visit):
    leadership = data().leadership
    reader = Reader(visit())
    reader.tap("leadership/")
    reader.tap("#how-to-join")
    section = reader.page.locator("h2#how-to-join")
    expect(section).to_be_in_viewport()
    expect(reader.page.locator("article")).to_contain_text(leadership.joining)
    if leadership.contact:
        expect(reader.page.locator(f"article a[href='mailto:{leadership.contact.email}']")).to_be_visible()
    expect(reader.page.locator("article")).to_contain_text(leadership.collaborative.supervision_fee)
    assert reader.taps <= MAX_TAPS
