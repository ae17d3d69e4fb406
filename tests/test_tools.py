"""The planning tools, the Endorsement comparison, abbreviations, theme tags and printing.

Checked in Debian's Chromium on the built site: ticks survive a reload and stay in one
browser profile, export and import round-trip through a real file, the hours tracker adds
up, the calendar file parses with `icalendar`, print hides the site's chrome, and without
JavaScript the tools are plain lists. What the pages must show is read from data/ through the
project's loader (tests/required.py), so a correct content edit never fails these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from required import CATALOGUE as COURSES, SCHEDULE as TOPICS, a_course, a_topic, courses_in_order, data

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}

# Everything expected is read from data/ (tests/required.py), so a correct edit there passes.
ENDORSEMENT = data().endorsement
CATEGORIES = [(c.number, c.name, c.abbreviation, "Yes" if c.exam else "No") for c in ENDORSEMENT.categories]
DESIGNATIONS = [(i, d.name) for i, c in enumerate(ENDORSEMENT.categories) for d in c.designations]
EARLY_CHILDHOOD = [c.early_childhood for c in ENDORSEMENT.categories if c.early_childhood]
CALIFORNIA = [name for separate in ENDORSEMENT.separate for name in separate.categories]
DOMAINS = list(ENDORSEMENT.competency_guidelines.domains)
COLLABORATIVE = data().leadership.collaborative
TRAINING_H, SUPERVISION_H = COLLABORATIVE.training_hours_per_month, COLLABORATIVE.supervision_hours_per_month
MONTHS = len(TOPICS)

COURSE_TITLES = [title for title, _ in COURSES]
MODULE_COUNT = sum(len(modules) for _, modules in COURSES)
# A course with three modules or more (the contract, tests/required.yaml, guarantees one): ticking two
# of its modules is two ticks, which the course does not follow until all are ticked.
MODULAR = next(c for c in sorted(data().courses, key=lambda c: c.order) if len(c.modules) >= 3)


def module_name(course, number: int) -> str:
    """A module checkbox's accessible name: its course's short title, then the module."""
    return f"{course.short_title}, Module {number}: {course.modules[number - 1].title}"


def progress(page, tool: str):
    return page.locator(f".imh-{tool} .imh-tool__progress")


def course_box(page, title: str):
    return page.get_by_role("checkbox", name=title, exact=True)


# --- the course checklist -----------------------------------------------------------------


def test_checklist_has_every_course_and_module_in_recommended_order(visit):
    v = visit()
    v.goto("credential/")
    boxes = v.page.locator(".imh-checklist input[type=checkbox]")
    expect(boxes).to_have_count(len(COURSES) + MODULE_COUNT)
    names = [v.page.locator(f"label[for='{boxes.nth(i).get_attribute('id')}']").inner_text()
             for i in range(boxes.count())]
    # Each box's accessible name is its course title, or its course and module title.
    expected = []
    for title, modules in COURSES:
        expected.append(title)
        expected += [f"Module {n}: {module}" for n, module in enumerate(modules, 1)]
    names = [re.sub(r"\s+", " ", n).strip() for n in names]
    assert len(names) == len(expected)
    for name, want in zip(names, expected):
        assert name == want or (want.startswith("Module ") and name.endswith(", " + want)), (name, want)
    for title in COURSE_TITLES:
        expect(course_box(v.page, title)).to_be_visible()
    with_modules = [c for c in courses_in_order() if c.modules]
    if with_modules:
        course = with_modules[-1]
        expect(v.page.get_by_role("checkbox", name=module_name(course, len(course.modules)))).to_be_visible()
    expect(progress(v.page, "checklist")).to_have_text(re.compile(rf"\b0 of {len(COURSES)} courses\b.*\b0 of {MODULE_COUNT} modules"))


def test_tick_survives_reload_and_a_second_profile_starts_empty(visit):
    v = visit()
    v.goto("credential/")
    box = course_box(v.page, COURSE_TITLES[0])
    expect(box).not_to_be_checked()
    box.check()
    expect(progress(v.page, "checklist")).to_contain_text(f"1 of {len(COURSES)} courses")
    v.page.reload()
    expect(course_box(v.page, COURSE_TITLES[0])).to_be_checked()
    expect(progress(v.page, "checklist")).to_contain_text(f"1 of {len(COURSES)} courses")
    # The live region is announced politely to screen readers.
    assert progress(v.page, "checklist").get_attribute("aria-live") == "polite"

    other = visit()
    other.goto("credential/")
    expect(course_box(other.page, COURSE_TITLES[0])).not_to_be_checked()
    expect(progress(other.page, "checklist")).to_contain_text(f"0 of {len(COURSES)} courses")
    assert v.foreign == [] and other.foreign == []


def test_export_then_import_restores_and_clear_asks_first(visit, tmp_path):
    v = visit(accept_downloads=True)
    v.goto("credential/")
    page = v.page
    first, second = (page.get_by_role("checkbox", name=module_name(MODULAR, n)) for n in (1, 2))
    first.check()
    second.check()
    expect(progress(page, "checklist")).to_contain_text(f"0 of {len(COURSES)} courses and 2 of {MODULE_COUNT} modules")

    with page.expect_download() as info:
        page.get_by_role("button", name="Export to a file").click()
    download = info.value
    assert download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert [entry["label"] for entry in data["ticked"]] == [module_name(MODULAR, 1), module_name(MODULAR, 2)]

    # Clearing asks first: "Cancel" keeps the ticks, "OK" clears them.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear all ticks").click()
    expect(second).to_be_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all ticks").click()
    expect(second).not_to_be_checked()
    expect(progress(page, "checklist")).to_contain_text(f"0 of {len(COURSES)} courses and 0 of {MODULE_COUNT} modules")
    page.reload()
    expect(second).not_to_be_checked()

    page.locator(".imh-checklist [data-imh-file]").set_input_files(saved)
    expect(first).to_be_checked()
    expect(second).to_be_checked()
    expect(page.locator(".imh-checklist .imh-tool__message")).to_contain_text("Imported 2 ticks")

    # The same file restores the ticks in another browser profile.
    other = visit()
    other.goto("credential/")
    other.page.locator(".imh-checklist [data-imh-file]").set_input_files(saved)
    again = other.page.get_by_role("checkbox", name=module_name(MODULAR, 2))
    expect(again).to_be_checked()
    other.page.reload()
    expect(again).to_be_checked()

    # A file that is not this checklist's progress changes nothing and says why.
    other.page.locator(".imh-checklist [data-imh-file]").set_input_files(
        files=[{"name": "notes.json", "mimeType": "application/json", "buffer": b'{"hello": 1}'}])
    expect(other.page.locator(".imh-checklist .imh-tool__message")).to_contain_text("not a progress file")
    expect(again).to_be_checked()
    assert v.foreign == [] and other.foreign == []


# --- the leadership hours tracker -----------------------------------------------------------


def test_tracker_lists_the_months_and_totals_update(visit):
    v = visit()
    v.goto("leadership/")
    page = v.page
    rows = page.locator(".imh-tracker tbody tr")
    expect(rows).to_have_count(MONTHS)
    for month, title in enumerate(TOPICS, 1):
        header = rows.nth(month - 1).get_by_role("rowheader")
        expect(header).to_contain_text(f"Month {month}")
        expect(header).to_contain_text(title)
    expect(page.locator(".imh-tracker input[type=checkbox]")).to_have_count(2 * MONTHS)
    expect(progress(page, "tracker")).to_contain_text(f"0 of {TRAINING_H * MONTHS} hours of training")

    page.get_by_role("checkbox", name=f"Month 1, training: {TRAINING_H} h").check()
    page.get_by_role("checkbox", name=f"Month 1, group reflective supervision: {SUPERVISION_H} h").check()
    page.get_by_role("checkbox", name=f"Month 2, training: {TRAINING_H} h").check()
    expect(progress(page, "tracker")).to_contain_text(f"{2 * TRAINING_H} of {TRAINING_H * MONTHS} hours of training")
    expect(progress(page, "tracker")).to_contain_text(f"{SUPERVISION_H} of {SUPERVISION_H * MONTHS} hours of group reflective supervision")
    expect(page.locator('.imh-tracker [data-imh-total="training"]')).to_have_text(f"{2 * TRAINING_H} of {TRAINING_H * MONTHS} h")
    expect(page.locator('.imh-tracker [data-imh-total="supervision"]')).to_have_text(f"{SUPERVISION_H} of {SUPERVISION_H * MONTHS} h")

    page.reload()
    page.get_by_role("checkbox", name=f"Month 2, training: {TRAINING_H} h").uncheck()
    expect(page.locator('.imh-tracker [data-imh-total="training"]')).to_have_text(f"{TRAINING_H} of {TRAINING_H * MONTHS} h")
    expect(page.get_by_role("checkbox", name=f"Month 1, group reflective supervision: {SUPERVISION_H} h")).to_be_checked()
    assert v.foreign == []


# --- instant navigation and no JavaScript ---------------------------------------------------


def serve_sitemap_for_this_host(v) -> None:
    """Material's instant navigation follows only links listed in sitemap.xml, whose addresses
    are the published site's (site_url); rewrite them to the test server's, as on the real host."""
    published = re.compile(r"<loc>https?://[^/<]+(/[^<]*)?</loc>")

    def fulfil(route):
        response = route.fetch()
        locs = published.findall(response.text())
        prefix = min(locs, key=len) if locs else "/"
        body = published.sub(lambda m: "<loc>" + v.base + (m.group(1) or "/")[len(prefix):] + "</loc>", response.text())
        route.fulfill(response=response, body=body)

    v.context.route("**/sitemap.xml", fulfil)


def test_tools_work_after_instant_navigation(visit):
    v = visit(viewport=DESKTOP)
    serve_sitemap_for_this_host(v)
    page = v.page
    # The theme navigates instantly only to addresses in its sitemap, which it fetches on load: a
    # click before it arrives (a busy machine) is an ordinary page load.
    with page.expect_response("**/sitemap.xml"):
        v.goto("")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-tabs").get_by_role("link", name="Online credential").click()
    page.wait_for_url("**/credential/")
    assert page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"
    course_box(page, COURSE_TITLES[-1]).check()
    expect(progress(page, "checklist")).to_contain_text(f"1 of {len(COURSES)} courses")

    page.locator(".md-tabs").get_by_role("link", name="Leadership certificate").click()
    page.wait_for_url("**/leadership/")
    assert page.evaluate("() => window.__sameDocument === true")
    page.get_by_role("checkbox", name=f"Month 3, training: {TRAINING_H} h").check()
    expect(page.locator('.imh-tracker [data-imh-total="training"]')).to_have_text(f"{TRAINING_H} of {TRAINING_H * MONTHS} h")

    page.go_back()
    page.wait_for_url("**/credential/")
    expect(course_box(page, COURSE_TITLES[-1])).to_be_checked()
    expect(page.locator(".imh-checklist input[type=checkbox]")).to_have_count(len(COURSES) + MODULE_COUNT)


def test_without_javascript_the_tools_are_plain_lists(visit):
    v = visit(java_script_enabled=False)
    v.goto("credential/")
    page = v.page
    checklist = page.locator(".imh-checklist")
    expect(checklist.locator("input[type=checkbox]")).to_have_count(0)
    for title in COURSE_TITLES:
        expect(checklist.get_by_text(title, exact=True)).to_be_visible()
    expect(checklist.locator(".imh-tool__actions")).to_be_hidden()
    expect(checklist.locator(".imh-tool__progress")).to_be_hidden()
    expect(checklist.get_by_text("Turn on JavaScript")).to_be_visible()

    v.goto("leadership/")
    expect(page.locator(".imh-tracker input[type=checkbox]")).to_have_count(0)
    expect(page.locator('.imh-tracker [data-imh-total="training"]')).to_have_text(f"{TRAINING_H * MONTHS} h")

    v.goto("topics/")
    expect(page.locator(".imh-calendar")).to_be_hidden()
    expect(page.get_by_text("The calendar file is made in your browser")).to_be_visible()


# --- the calendar file --------------------------------------------------------------------


def add_months(year: int, month: int, n: int) -> dt.date:
    index = year * 12 + (month - 1) + n
    return dt.date(index // 12, index % 12 + 1, 1)


def download_calendar(page, tmp_path, start: str) -> tuple[bytes, list]:
    page.get_by_label("Month your collaborative starts").select_option(start)
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"Download the calendar file")).click()
    download = info.value
    assert download.suggested_filename.endswith(f"{start}.ics")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    raw = path.read_bytes()
    # RFC 5545 form: CRLF line ends only, lines folded at 75 octets.
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    return raw, Calendar.from_ical(raw).walk("VEVENT")


def nth_weekday(year: int, month: int, week: int, weekday: int) -> dt.date:
    """The `week`th (-1: last) `weekday` (Monday 0) of a month."""
    if week > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))
    last = add_months(year, month, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def test_calendar_file_has_one_reminder_day_a_month_when_no_day_is_known(visit, tmp_path):
    """The certificate's page gives no meeting days: without the reader's day, each session is
    one all-day date on the first of its month, titled and described as a reminder to move."""
    v = visit(accept_downloads=True)
    v.goto("topics/")
    page = v.page
    values = page.get_by_label("Month your collaborative starts").locator("option").evaluate_all(
        "options => options.map(o => o.value)")
    start = values[len(values) // 2 + 3]
    expect(page.get_by_label("Day of the week")).to_be_disabled()  # until a week is chosen
    raw, events = download_calendar(page, tmp_path, start)
    assert len(events) == MONTHS
    year, month = map(int, start.split("-"))
    uids = set()
    for i, (event, title) in enumerate(zip(events, TOPICS)):
        assert str(event["SUMMARY"]).endswith(f"month {i + 1}: {title} (date to be set)")
        first = event.decoded("DTSTART")
        assert isinstance(first, dt.date) and not isinstance(first, dt.datetime), "an all-day entry"
        assert first == add_months(year, month, i)
        assert event.decoded("DTEND") == first + dt.timedelta(days=1), "one day, not the whole month"
        assert "reminder on the first of the month" in str(event["DESCRIPTION"])
        assert event.decoded("DTSTAMP")
        uids.add(str(event["UID"]))
        response = page.request.get(str(event["URL"]))
        assert response.ok and title in response.text()
    assert len(uids) == MONTHS
    expect(page.locator(".imh-calendar .imh-tool__message")).to_contain_text(f"{MONTHS} one-day entries")
    assert v.foreign == []


@pytest.mark.parametrize(("week", "weekday"), [("Third", "Thursday"), ("Last", "Friday"), ("First", "Sunday")])
def test_calendar_file_puts_each_session_on_the_groups_own_day(visit, tmp_path, week, weekday):
    """With the day the group has given (say, the third Thursday), every session falls on that
    weekday of its month, as one all-day date, and the same start month gives the same entries
    (UIDs), so importing again moves the reminders instead of adding more."""
    v = visit(accept_downloads=True)
    v.goto("topics/")
    page = v.page
    start = page.get_by_label("Month your collaborative starts").input_value()
    _, reminders = download_calendar(page, tmp_path, start)
    page.get_by_label("Week of the month").select_option(label=week)
    page.get_by_label("Day of the week").select_option(label=weekday)
    _, events = download_calendar(page, tmp_path, start)
    number = {"First": 1, "Second": 2, "Third": 3, "Fourth": 4, "Last": -1}[week]
    day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].index(weekday)
    year, month = map(int, start.split("-"))
    assert len(events) == MONTHS
    for i, (event, title) in enumerate(zip(events, TOPICS)):
        month_start = add_months(year, month, i)
        expected = nth_weekday(month_start.year, month_start.month, number, day)
        assert event.decoded("DTSTART") == expected, (title, event.decoded("DTSTART"), expected)
        assert event.decoded("DTEND") == expected + dt.timedelta(days=1)
        assert str(event["SUMMARY"]).endswith(f"month {i + 1}: {title}")
        assert f"the {week.lower()} {weekday} of each month" in str(event["DESCRIPTION"])
    assert [str(e["UID"]) for e in events] == [str(e["UID"]) for e in reminders]
    expect(page.locator(".imh-calendar .imh-tool__message")).to_contain_text(f"the {week.lower()} {weekday} of each month")


# --- the Endorsement categories side by side ---------------------------------------------------


def test_endorsement_table_has_every_category_side_by_side(visit):
    v = visit(viewport=DESKTOP)
    v.goto("endorsement/")
    page = v.page
    table = page.get_by_role("table", name=re.compile("categories side by side"))
    expect(table).to_have_count(1)
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Category", "Focus", "Typical degree and work experience", "Specialized in-service training",
         re.compile("Reflective supervision/consultation"), "Exam"])
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(CATEGORIES))
    for row, (number, name, abbreviation, exam) in zip([rows.nth(i) for i in range(len(CATEGORIES))], CATEGORIES):
        header = row.get_by_role("rowheader")
        expect(header).to_contain_text(f"Category {number}")
        expect(header).to_contain_text(f"{name} ({abbreviation})")
        expect(row.get_by_role("cell").last).to_have_text(exam)
    for i, category in enumerate(ENDORSEMENT.categories):
        expect(rows.nth(i).get_by_role("cell").nth(2)).to_contain_text(f"{category.training_hours} hours")
        if category.reflective_supervision:
            expect(rows.nth(i)).to_contain_text(category.reflective_supervision)
    for i, designation in DESIGNATIONS:
        expect(rows.nth(i)).to_contain_text(designation)

    article = page.locator("article")
    for phrase in [*ENDORSEMENT.every_category, *EARLY_CHILDHOOD, *CALIFORNIA, *DOMAINS]:
        expect(article).to_contain_text(phrase)
    expect(article.get_by_text(re.compile(r"^As of \d{1,2} \w+ 20\d\d\.")).first).to_be_visible()
    cited = set(ENDORSEMENT.categories_sources) | set(ENDORSEMENT.early_childhood.sources)
    cited |= {s for separate in ENDORSEMENT.separate for s in separate.sources}
    for host in sorted({urlsplit(str(s.url)).netloc for s in data().sources if s.id in cited}):
        assert article.locator(f"a[href*='{host}']").count() >= 1, f"no source link to {host}"
    assert v.foreign == []


def test_on_a_phone_the_categories_are_labelled_rows_that_are_still_a_table(visit):
    """At 375 px each category is a block with every value under its column's name, and screen
    readers still get a table: its caption, column headers, one row header per category."""
    v = visit()
    v.goto("endorsement/")
    page = v.page
    table = page.get_by_role("table", name=re.compile("categories side by side"))
    expect(table.get_by_role("rowheader")).to_have_count(len(CATEGORIES))
    expect(table.get_by_role("columnheader")).to_have_count(6)
    expect(table.get_by_role("cell")).to_have_count(5 * len(CATEGORIES))
    rows = table.locator("tbody tr")
    widths = rows.evaluate_all("rows => rows.map(r => [r.getBoundingClientRect().width, getComputedStyle(r).display])")
    assert all(display == "block" and width <= 375 for width, display in widths), widths
    label = table.locator("tbody td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.startswith('"Focus"'), label


# --- abbreviations from the glossary ----------------------------------------------------------


def _running_text(article):
    """The text nodes of a page's running text (paragraphs, list items, table cells), outside
    links, code, existing <abbr>, form controls (an <option> holds text only) and the checklist's
    box labels."""
    for element in article.find_all(["p", "li", "td", "th"]):
        for node in element.find_all(string=True):
            if not node.find_parent(["a", "code", "pre", "abbr", "label", "option", "select", "button", "textarea"]) \
                    and not node.find_parent(class_="imh-check"):
                yield str(node)


def test_glossary_terms_are_explained_wherever_the_text_uses_them(site):
    """Every glossary term with an `expansion` (data/glossary.yaml) is an <abbr> whose title is
    that expansion, wherever running text uses it, on prose and generated pages alike; terms
    such as IMH-E® and RIOS™ match whole (the old bug: "IMH" explained inside "IMH-E®"); a term
    without an expansion (a plain word, not a short form) never becomes an <abbr>."""
    from macros.pages.abbreviations import abbreviation_pattern

    expansions = {term.term: term.expansion for term in data().glossary if term.expansion}
    pattern = abbreviation_pattern(expansions)
    explained = 0
    for url in site.pages():
        html = site.html(url)
        assert not re.search(r"</abbr>-\w", html), f"/{url}: a hyphenated term was split into two"
        article = site.article(url)
        if article is None:
            continue
        for abbr in article.select("abbr"):
            term = abbr.get_text()
            assert term in expansions, f"/{url}: <abbr> around {term!r}, which is not a glossary term with an expansion"
            assert abbr.get("title") == expansions[term], f"/{url}: {term} explained as {abbr.get('title')!r}"
            explained += 1
        if pattern is not None:
            left = sorted({m.group(0) for text in _running_text(article) for m in pattern.finditer(text)})
            assert not left, f"/{url}: the glossary terms {left} are used but not explained (no <abbr>)"
    assert explained or pattern is None or not any(
        pattern.search(" ".join(_running_text(site.article(u)))) for u in site.pages() if site.article(u)), \
        "terms are used but never explained"


def _an_abbreviation(site) -> tuple[str, str, str]:
    """(page, term, expansion) of the first <abbr> in the site's pages, or skip if none is used."""
    for url in site.pages():
        article = site.article(url)
        abbr = article.select_one("abbr[title]") if article is not None else None
        if abbr is not None:
            return url, abbr.get_text(), abbr["title"]
    pytest.skip("no page uses a glossary term with an expansion")


def test_abbreviation_explained_on_keyboard_focus(site, visit):
    url, term, expansion = _an_abbreviation(site)
    v = visit(viewport=DESKTOP)
    v.goto(url)
    page = v.page
    first = page.locator("article abbr", has_text=term).first
    expect(first).to_have_attribute("tabindex", "0")
    page.keyboard.press("Tab")
    first.focus()
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_contain_text(expansion)
    # Only the first use of each term takes focus: the page does not fill with tab stops.
    texts = page.locator("article abbr[tabindex='0']").all_inner_texts()
    assert len(texts) == len(set(texts))


# --- themes as tags ---------------------------------------------------------------------------


def test_course_and_topic_tags_link_to_their_theme_on_the_theme_index(site):
    themes = site.soup("themes/")
    assert "site's own" in themes.get_text()
    checked = 0
    for url in (f"courses/{a_course(themes=True).id}/", f"topics/{a_topic(themes=True).id}/"):
        tags = site.soup(url).select("nav.md-tags a.md-tag")
        assert tags, f"/{url} shows no theme tags"
        for tag in tags:
            target, _, anchor = tag["href"].partition("#")
            assert target.rstrip("/").endswith("themes"), tag["href"]
            heading = themes.find(id=anchor)
            assert heading is not None, f"/{url}: tag {tag.get_text()} links to a missing anchor #{anchor}"
            assert tag.get_text(strip=True) in heading.get_text()
            listed = [a["href"].rstrip("/").split("/")[-1] for a in heading.find_next("ul").select("a")]
            assert url.rstrip("/").split("/")[-1] in listed, f"{url} is not listed under {anchor}"
            checked += 1
    assert checked >= 2


# --- print ------------------------------------------------------------------------------------


def print_pages() -> list[str]:
    """The pages printed: home, the credential (its ticks), the Endorsement table, a course and a topic."""
    return ["", "credential/", "endorsement/", f"courses/{courses_in_order()[0].id}/", f"topics/{a_topic().id}/"]


def test_print_hides_the_chrome_and_keeps_the_ticks(visit):
    v = visit(viewport=DESKTOP)
    page = v.page
    v.goto("credential/")
    course_box(page, COURSE_TITLES[0]).check()
    page.emulate_media(media="print")
    for url in print_pages():
        v.goto(url)
        for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
            expect(page.locator(chrome).first).to_be_hidden()
        expect(page.locator("article h1")).to_be_visible()
        if url == "credential/":
            expect(course_box(page, COURSE_TITLES[0])).to_be_visible()
            expect(course_box(page, COURSE_TITLES[0])).to_be_checked()
            expect(course_box(page, COURSE_TITLES[-1])).to_be_visible()
            expect(page.locator(".imh-checklist .imh-tool__actions")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".md-header")).to_be_visible()


# --- saved progress is never lost without the reader's say ---------------------------------

STORE_KEY = "imh-pathways:progress:credential-courses"


def progress_file(ticked) -> list[dict]:
    body = {"format": "imh-pathways-progress", "version": 1, "tool": "credential-courses", "title": "x", "ticked": ticked}
    return [{"name": "progress.json", "mimeType": "application/json", "buffer": json.dumps(body).encode()}]


def first_course_id(page) -> str:
    return page.locator(".imh-checklist [data-imh-kind=course]").first.get_attribute("data-imh-item")


def test_an_import_matching_nothing_changes_nothing(visit):
    v = visit()
    v.goto("credential/")
    page = v.page
    course_box(page, COURSE_TITLES[0]).check()
    saved = page.evaluate(f"() => localStorage.getItem('{STORE_KEY}')")
    page.locator(".imh-checklist [data-imh-file]").set_input_files(files=progress_file(
        [{"id": "course:no-such-course"}, "constructor", "__proto__"]))
    expect(page.locator(".imh-checklist .imh-tool__message")).to_contain_text("Nothing imported")
    expect(page.locator(".imh-checklist .imh-tool__message")).to_contain_text("Your ticks are unchanged")
    expect(course_box(page, COURSE_TITLES[0])).to_be_checked()
    assert page.evaluate(f"() => localStorage.getItem('{STORE_KEY}')") == saved


def test_import_counts_only_the_ticks_it_applies(visit):
    v = visit()
    v.goto("credential/")
    page = v.page
    known = first_course_id(page)
    junk = ["constructor", "__proto__", "toString", "hasOwnProperty", {"id": "__proto__"}, None, 7] + [known] * 1000
    page.locator(".imh-checklist [data-imh-file]").set_input_files(files=progress_file(junk))
    message = page.locator(".imh-checklist .imh-tool__message")
    expect(message).to_contain_text("Imported 1 tick from progress.json.")
    expect(message).to_contain_text("1006 entries in the file did not match an item here")
    expect(course_box(page, COURSE_TITLES[0])).to_be_checked()
    expect(progress(page, "checklist")).to_contain_text(f"1 of {len(COURSES)} courses")


def test_an_import_that_would_untick_asks_first(visit):
    v = visit()
    v.goto("credential/")
    page = v.page
    module = page.get_by_role("checkbox", name=module_name(MODULAR, 1))
    module.check()
    other = next(c for c in sorted(data().courses, key=lambda c: c.order) if c.id != MODULAR.id)  # not ticked now
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator(".imh-checklist [data-imh-file]").set_input_files(files=progress_file([{"id": f"course:{other.id}"}]))
    expect(page.locator(".imh-checklist .imh-tool__message")).to_contain_text("Import cancelled: your ticks are unchanged.")
    assert asked and "unticks 1 item" in asked[0] and MODULAR.modules[0].title in asked[0]
    expect(module).to_be_checked()
    expect(course_box(page, other.title)).not_to_be_checked()

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".imh-checklist [data-imh-file]").set_input_files(files=progress_file([{"id": f"course:{other.id}"}]))
    expect(page.locator(".imh-checklist .imh-tool__message")).to_contain_text("Imported 1 tick")
    expect(course_box(page, other.title)).to_be_checked()
    expect(module).not_to_be_checked()


def test_a_course_and_its_modules_tick_together(visit):
    """Ticking every module ticks the course; a course with some modules ticked shows as half
    done; ticking the course ticks its modules; unticking it asks before it unticks them."""
    v = visit()
    v.goto("credential/")
    page = v.page
    course = course_box(page, MODULAR.title)
    modules = [page.get_by_role("checkbox", name=module_name(MODULAR, n)) for n in range(1, len(MODULAR.modules) + 1)]
    for module in modules[:-1]:
        module.check()
    expect(course).not_to_be_checked()
    expect(course).to_have_js_property("indeterminate", True)  # announced as "mixed"
    modules[-1].check()
    expect(course).to_be_checked()
    expect(course).to_have_js_property("indeterminate", False)
    expect(page.locator(".imh-checklist .imh-tool__message")).to_contain_text("so the course is ticked too")
    expect(progress(page, "checklist")).to_contain_text(f"1 of {len(COURSES)} courses and {len(modules)} of {MODULE_COUNT} modules")

    # One module unticked: the course is no longer done, the other modules stay ticked.
    modules[0].uncheck()
    expect(course).not_to_be_checked()
    for module in modules[1:]:
        expect(module).to_be_checked()

    # Ticking the course ticks the module left.
    course.check()
    for module in modules:
        expect(module).to_be_checked()

    # Unticking the course asks first: "Cancel" keeps everything ticked, "OK" unticks its modules.
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    course.click()
    expect(course).to_be_checked()
    assert asked and f"{len(modules)} ticked modules" in asked[0]
    for module in modules:
        expect(module).to_be_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    course.click()
    expect(course).not_to_be_checked()
    for module in modules:
        expect(module).not_to_be_checked()

    # What was saved is what is shown.
    page.reload()
    expect(course).not_to_be_checked()
    expect(modules[0]).not_to_be_checked()


def test_progress_saved_before_courses_followed_their_modules_loses_nothing(visit):
    """Ticks saved by the earlier checklist, where a course and its modules were separate, show
    with every tick kept: a ticked course shows its modules ticked, a course whose modules were
    all ticked shows ticked, and nothing is taken out of the saved ticks."""
    courses = [c for c in sorted(data().courses, key=lambda c: c.order) if c.modules]
    ticked_course, done_modules = courses[0], courses[-1]
    saved = [f"course:{ticked_course.id}"] + [f"module:{done_modules.id}:{m.number}" for m in done_modules.modules]
    if ticked_course is done_modules:  # one course with modules: the second case is the first module alone
        saved = [f"course:{ticked_course.id}"]
    v = visit()
    v.context.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); "
        f"localStorage.setItem('{STORE_KEY}', JSON.stringify({{version: 1, ticked: {json.dumps(saved)}}})); }}")
    v.goto("credential/")
    page = v.page
    expect(course_box(page, ticked_course.title)).to_be_checked()
    for n in range(1, len(ticked_course.modules) + 1):
        expect(page.get_by_role("checkbox", name=module_name(ticked_course, n))).to_be_checked()
    expect(course_box(page, done_modules.title)).to_be_checked()
    stored = json.loads(page.evaluate(f"() => localStorage.getItem('{STORE_KEY}')"))["ticked"]
    assert set(saved) <= set(stored), "a saved tick was dropped"


def test_a_saved_module_tick_follows_its_module_and_nothing_saved_is_dropped(visit):
    """A module's tick is saved with its course, its number and its title's words. A tick saved when
    the module had another number (staff moved it, or added one above it) stays with that module,
    and the module now at its old number stays unticked; a saved tick for an item the page no
    longer shows (a course retired, a module renamed) is kept when the reader ticks something else."""
    v = visit()
    v.goto("credential/")
    page = v.page
    ids = page.locator(f".imh-checklist [data-imh-item^='module:{MODULAR.id}:']").evaluate_all(
        "els => els.map((el) => el.getAttribute('data-imh-item'))")
    first, second = ids[0], ids[1]
    moved = re.sub(rf"^(module:{re.escape(MODULAR.id)}):2:", r"\1:1:", second)  # module 2's tick, saved when it was module 1
    assert moved != second
    gone = ["course:a-retired-course", f"module:{MODULAR.id}:1:a-title-since-changed"]
    page.evaluate(f"() => localStorage.setItem('{STORE_KEY}', JSON.stringify({{version: 1, ticked: {json.dumps([moved, *gone])}}}))")
    page.reload()
    one, two = (page.get_by_role("checkbox", name=module_name(MODULAR, n)) for n in (1, 2))
    expect(two).to_be_checked()
    expect(one).not_to_be_checked()
    expect(progress(page, "checklist")).to_contain_text(f"0 of {len(COURSES)} courses and 1 of {MODULE_COUNT} modules")
    one.check()  # saved again
    stored = json.loads(page.evaluate(f"() => localStorage.getItem('{STORE_KEY}')"))["ticked"]
    assert sorted(stored) == sorted([first, second, *gone]), stored


def test_when_saving_fails_earlier_progress_stays_shown_with_a_note(visit):
    v = visit()
    v.goto("credential/")
    course_box(v.page, COURSE_TITLES[0]).check()
    # The storage is now full: every write throws, reading still works.
    v.context.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    errors = []
    v.page.on("pageerror", lambda error: errors.append(str(error)))
    v.page.reload()
    expect(course_box(v.page, COURSE_TITLES[0])).to_be_checked()
    expect(progress(v.page, "checklist")).to_contain_text(f"1 of {len(COURSES)} courses")
    course_box(v.page, COURSE_TITLES[-1]).check()
    expect(v.page.locator(".imh-checklist .imh-tool__privacy")).to_contain_text("This browser did not save the change")
    assert errors == []


def test_blocked_storage_never_throws_and_the_tools_still_work(visit):
    v = visit()
    v.context.add_init_script(
        "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });"
        "Object.defineProperty(window, 'sessionStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });")
    errors = []
    v.page.on("pageerror", lambda error: errors.append(str(error)))
    v.goto("credential/")
    page = v.page
    expect(page.locator(".imh-checklist .imh-tool__privacy")).to_contain_text("not letting the page keep your ticks")
    course_box(page, COURSE_TITLES[0]).check()
    expect(progress(page, "checklist")).to_contain_text(f"1 of {len(COURSES)} courses")
    page.locator(".md-header").get_by_role("button").first.is_visible()
    assert errors == [], errors
