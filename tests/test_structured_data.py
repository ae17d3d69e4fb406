"""Structured data: every JSON-LD block on every page parses and carries the right schema.org
types and fields; the JSON catalogue for partner sites is complete, in order, and documented.

Expected values are read from data/ through the project's loader (tests/required.py), so a
correct content edit never fails these tests."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path


from conftest import ROOT
from required import CATALOGUE as COURSES, QUESTIONS as FAQ, SCHEDULE as TOPICS, data
from test_publish import site_url

SCHEMA = "https://schema.org"


@lru_cache(maxsize=None)
def _blocks(path: str) -> tuple:
    html = Path(path).read_text(encoding="utf-8")
    return tuple(re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S))


def blocks(site, url: str) -> list[str]:
    return list(_blocks(str(site.file(url))))


def nodes(site, url: str) -> list[dict]:
    """Every top-level node of every JSON-LD block on a page (parsed once; do not modify)."""
    return _nodes(str(site.file(url)), url)


@lru_cache(maxsize=None)
def _nodes(path: str, url: str) -> list[dict]:
    found = []
    for text in _blocks(path):
        data = json.loads(text)
        assert data["@context"] == SCHEMA, f"{url}: @context is {data.get('@context')!r}"
        found += data["@graph"] if "@graph" in data else [data]
    return found


def all_nodes(site) -> dict[str, list[dict]]:
    return {url: nodes(site, url) for url in site.pages()}


def of_type(site, kind: str) -> list[tuple[str, dict]]:
    return [(url, n) for url, ns in all_nodes(site).items() for n in ns if n.get("@type") == kind]


def walk(value):
    """Every dict inside a JSON value, depth first."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


def page_exists(site, url: str) -> bool:
    base = site_url()
    assert url.startswith(base), url
    rel = url[len(base):].split("#")[0]
    target = site.path / rel
    return (target / "index.html").is_file() if rel.endswith("/") or rel == "" else target.is_file()


# --- every page -------------------------------------------------------------------------------


def test_every_page_has_json_ld_that_parses_and_cannot_break_its_script_element(site):
    for url in site.pages():
        texts = blocks(site, url)
        assert texts, f"{url}: no JSON-LD"
        for text in texts:
            assert "<" not in text and ">" not in text, f"{url}: unescaped < or > inside JSON-LD"
            json.loads(text)


def test_script_json_escapes_what_could_end_the_element():
    from macros.outputs.structured import script_json

    value = {"name": "</script><script>alert(1)</script> <!-- & \u2028"}
    text = script_json(value)
    assert "</" not in text and "<!--" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_every_page_has_one_breadcrumb_trail_from_home_to_itself(site):
    base = site_url()
    for url in site.pages():
        crumbs = [n for n in nodes(site, url) if n["@type"] == "BreadcrumbList"]
        assert len(crumbs) == 1, f"{url}: {len(crumbs)} BreadcrumbList"
        items = crumbs[0]["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == base and items[-1]["item"] == base + url, url
        assert all(i["@type"] == "ListItem" and i["name"].strip() for i in items)
        assert all(page_exists(site, i["item"]) for i in items), f"{url}: breadcrumb to a missing page"
        if url.startswith("courses/") and url != "courses/":
            assert base + "credential/" in [i["item"] for i in items], "course pages sit under the credential"


def test_every_page_describes_itself_as_part_of_the_website(site):
    base = site_url()
    for url in site.pages():
        ns = nodes(site, url)
        page = next(n for n in ns if n["@id"] == base + url)
        assert page["@type"] in ("WebPage", "FAQPage")
        assert page["url"] == base + url and page["name"] and page["description"]
        assert page["isPartOf"] == {"@id": base + "#website"}
        assert page["breadcrumb"] == {"@id": base + url + "#breadcrumb"}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page["dateModified"])
    home = nodes(site, "")
    website = next(n for n in home if n["@type"] == "WebSite")
    assert website["url"] == base and website["name"]
    assert website["potentialAction"]["target"]["urlTemplate"] == base + "?q={search_term_string}"


def test_every_reference_points_at_a_node_the_site_defines(site):
    defined = {n["@id"] for ns in all_nodes(site).values() for node in ns for n in walk(node)
               if "@id" in n and len(n) > 2}
    for url, ns in all_nodes(site).items():
        for n in walk(ns):
            if set(n) == {"@id"}:
                assert n["@id"] in defined, f"{url}: reference to {n['@id']} which no page defines"


def test_every_address_on_this_site_exists(site):
    base = site_url()
    for url, ns in all_nodes(site).items():
        for n in walk(ns):
            for key in ("url", "item"):
                value = n.get(key)
                if isinstance(value, str) and value.startswith(base):
                    assert page_exists(site, value), f"{url}: {key} {value} is not a page of the site"


# --- the entities ----------------------------------------------------------------------------


# schema.org's words for how a course is delivered, for each `format` a course file may give.
COURSE_MODES = {"online": "online", "in person": "onsite", "hybrid": "blended"}


def test_each_course_is_a_course_with_provider_instance_and_no_prerequisites(site):
    courses = {n["name"]: (url, n) for url, n in of_type(site, "Course") if "hasCourseInstance" in n}
    assert sorted(courses) == sorted(t for t, _ in COURSES)
    for title, modules in COURSES:
        url, course = courses[title]
        assert course["@id"] == site_url() + url + "#course"
        assert course["description"] and len(course["description"]) > 40
        assert course["provider"]["@type"] == "Organization"
        record = next(c for c in data().courses if c.title == title)
        assert course["provider"]["name"] == next(o.name for o in data().organizations if o.id == record.provider)
        instances = course["hasCourseInstance"]
        mode = COURSE_MODES[record.format]  # the course's own format (a hybrid course is "blended")
        assert instances and all(i["@type"] == "CourseInstance" and i["courseMode"] == mode for i in instances), (title, instances)
        # The provider recommends an order and lets each course be taken on its own: machines are told
        # the order (the catalogue's ItemList), never that one course is required before another.
        assert "coursePrerequisites" not in course, f"{title}: the provider only recommends an order"
        assert [s["name"] for s in course.get("syllabusSections", [])] == [
            f"Module {n}: {m}" for n, m in enumerate(modules, 1)]
    for record in data().courses:
        if record.length_weeks:
            course = courses[record.title][1]
            assert course["timeRequired"] == f"P{record.length_weeks}W", f"{record.id} runs for {record.length_weeks} weeks"
            assert "courseWorkload" not in json.dumps(course), "how long it runs is not its workload"


def test_course_catalogue_lists_the_courses_in_order(site):
    lists = [n for n in nodes(site, "courses/") if n["@type"] == "ItemList"]
    assert len(lists) == 1
    assert [i["name"] for i in lists[0]["itemListElement"]] == [t for t, _ in COURSES]
    assert [i["position"] for i in lists[0]["itemListElement"]] == list(range(1, len(COURSES) + 1))


def credentials(site) -> list[dict]:
    return [n for _, n in of_type(site, "EducationalOccupationalCredential")]


def test_the_three_credentials(site):
    found = credentials(site)
    online = [c for c in found if c["@id"].endswith("#credential")]
    assert len(online) == 1
    assert online[0]["credentialCategory"] == "certificate"
    assert online[0]["recognizedBy"]["name"] == next(o.name for o in data().organizations if o.id == data().credential.provider)
    fee = data().credential.fee
    assert online[0]["offers"]["price"] == re.sub(r"[^\d.]", "", fee) and online[0]["offers"]["priceCurrency"] == "USD", fee
    assert [p["name"] for p in online[0]["hasPart"]] == [t for t, _ in COURSES]
    leadership = [c for c in found if c["name"] == data().leadership.name]
    issuer = next(o for o in data().organizations if o.id == data().leadership.issuer)
    assert len(leadership) == 1 and leadership[0]["recognizedBy"]["alternateName"] == issuer.abbreviation
    endorsement = [c for c in found if c["credentialCategory"] == "endorsement" and "Endorsement" in c["name"]]
    assert endorsement, "no Endorsement credential"
    assert any("not a professional license" in c["description"] or "not a license" in c["description"]
               or "not a professional" in c["description"] for c in endorsement)
    for c in found:
        assert c["name"] and c["description"] and c["credentialCategory"], c.get("@id")


def test_the_learning_collaborative_is_a_program_of_its_monthly_topics(site):
    programs = [n for _, n in of_type(site, "EducationalOccupationalProgram")]
    assert programs and all(p == programs[0] for p in programs), "one program, the same wherever it appears"
    program = programs[0]
    collaborative = data().leadership.collaborative
    assert program["name"] == collaborative.name and collaborative.title in program["alternateName"]
    assert "provider" not in program, "the certificate page names who funds the training, not who runs it"
    assert program["timeToComplete"] == f"P{collaborative.months}M"
    assert program["occupationalCredentialAwarded"]["name"] == data().leadership.name
    topics = program["hasCourse"]
    assert [t["name"] for t in topics] == [f"Month {n}: {title}" for n, title in enumerate(TOPICS, 1)]
    assert all(page_exists(site, t["url"]) for t in topics)
    # The role and the Endorsement are the certificate's requirements; the page does not make them
    # conditions for joining the collaborative, so machines are not told they are.
    assert "programPrerequisites" not in program
    certificate = next(c for c in credentials(site) if c["name"] == data().leadership.name)
    assert certificate["competencyRequired"] == [f"{r.title}. {r.text}" for r in data().leadership.requirements]


def test_faq_page(site):
    faqs = [n for n in nodes(site, "faq/") if n["@type"] == "FAQPage"]
    assert len(faqs) == 1
    questions = faqs[0]["mainEntity"]
    assert [q["name"] for q in questions] == FAQ
    for q in questions:
        assert q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer"
        assert len(q["acceptedAnswer"]["text"]) > 40 and "<" not in q["acceptedAnswer"]["text"]


def test_specialist_role_is_an_occupation(site):
    found = of_type(site, "Occupation")
    assert [url for url, _ in found] == ["pathway/"]
    role = found[0][1]
    assert role["name"] == data().pathway.role_title and role["description"]
    assert role["responsibilities"] and role["educationRequirements"]
    # Told as the page says it, each step's summary with its own strength ("many positions require…"),
    # not a list of credentials a machine would read as all required, nor the Endorsement as a qualification.
    assert isinstance(role["educationRequirements"], str)
    for step in data().pathway.education:
        assert step.summary in role["educationRequirements"], step.id
    assert "qualifications" not in role


def test_reviewed_pages_say_when_they_were_last_reviewed(site):
    from macros.data.load import get_site

    data = get_site(ROOT)
    base = site_url()
    expected = {"credential/": data.credential.review, "leadership/": data.leadership.review,
                "endorsement/": data.endorsement.review}
    expected |= {f"courses/{c.id}/": c.review for c in data.courses}
    for url, review in expected.items():
        page = next(n for n in nodes(site, url) if n["@id"] == base + url)
        assert page["lastReviewed"] == review.reviewed.isoformat(), url


# --- the catalogue -----------------------------------------------------------------------------


def catalog(site) -> dict:
    return json.loads((site.path / "api" / "catalog.json").read_text(encoding="utf-8"))


def test_catalog_holds_every_course_in_order_with_its_own_file(site):
    data = catalog(site)
    assert data["catalog_version"] == 1 and data["site"]["url"] == site_url()
    assert [c["title"] for c in data["courses"]] == [t for t, _ in COURSES]
    assert data["credential"]["courses"] == [c["id"] for c in data["courses"]]
    previous = None
    for summary, (_title, modules) in zip(data["courses"], COURSES):
        assert summary["recommended_after"] == previous
        previous = summary["id"]
        assert summary["data"] == site_url() + f"api/courses/{summary['id']}.json"
        full = json.loads((site.path / "api" / "courses" / f"{summary['id']}.json").read_text(encoding="utf-8"))
        assert {k: full[k] for k in summary} == summary, "a course file repeats its catalogue entry"
        assert [m["title"] for m in full["modules"]] == modules
        assert summary["module_count"] == len(modules)
        assert full["description_text"] and full["source"]["url"].startswith("https://")
    files = sorted(p.stem for p in (site.path / "api" / "courses").glob("*.json"))
    assert files == sorted(c["id"] for c in data["courses"])
    topics = data["leadership_certificate"]["collaborative"]["topics"]
    assert [t["title"] for t in topics] == TOPICS


def api_files(site) -> list[dict]:
    """Every JSON file of api/: the catalogue, each course's file and the associations."""
    return [catalog(site), json.loads((site.path / "api" / "associations.json").read_text(encoding="utf-8"))] + [
        json.loads(p.read_text(encoding="utf-8")) for p in (site.path / "api" / "courses").glob("*.json")]


def test_catalog_addresses_exist(site):
    base = site_url()
    docs = api_files(site)
    for n in walk(docs):
        for key in ("page", "data", "catalog", "documentation"):
            if key in n:
                assert page_exists(site, n[key]), f"{key}: {n[key]} does not exist on the built site"
    assert catalog(site)["site"]["documentation"] == base + "api/"


def keys(value, found=None) -> set[str]:
    found = set() if found is None else found
    for n in walk(value):
        found |= set(n)
    return found


def test_every_catalog_field_is_documented_and_every_documented_field_exists(site):
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", page))
    data = catalog(site)
    published = keys(api_files(site))
    missing = published - documented
    assert not missing, f"fields in the JSON that docs/api.md does not explain: {sorted(missing)}"
    in_tables = set(re.findall(r"^\| `([a-z_]+)` \|", page, re.M))
    if "endorsement" not in data:  # the Endorsement part appears once data/endorsement.yaml exists
        in_tables -= {"endorsement", "short_name", "not_a_license", "varies_by_state", "every_category",
                      "categories", "as_of", "sources", "number", "abbreviation", "focus", "degree_and_work",
                      "training_hours", "reflective_supervision", "exam", "renewal_supervision", "designations",
                      "early_childhood"}
    ghosts = in_tables - published
    assert not ghosts, f"docs/api.md documents fields the JSON does not have: {sorted(ghosts)}"


def test_api_page_shows_a_real_example(site):
    article = site.article("api/")
    code = article.select_one("pre code").get_text()
    example = json.loads(code)
    first = catalog(site)["courses"][0]
    published = json.loads((site.path / "api" / "courses" / f"{first['id']}.json").read_text(encoding="utf-8"))
    assert example == published
