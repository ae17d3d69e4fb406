"""Data for machines: schema.org JSON-LD for every page, and the JSON catalogue for partner sites.

Everything here is built from the validated model (`Site`) as plain Python dicts, never written
by hand and never assembled from strings, so search engines and partner sites see exactly the
facts readers see. Two serialisers finish the job: `script_json` for a `<script>` element in a
page (a value holding `</script>` or `<!--` cannot break out of it) and `file_json` for a file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from html.parser import HTMLParser
from typing import Any

from ..data.index import SiteIndex
from ..data.markdown import MarkdownText, converter
from ..data.model import Course, Review, Topic
from ..data.validate import next_review

SCHEMA = "https://schema.org"
CATALOG_VERSION = 1
API_DIR = "api"
COURSE_MODE = {"online": "online", "in person": "onsite", "hybrid": "blended"}


# --- addresses ----------------------------------------------------------------------------


class Urls:
    """Absolute addresses on the published site, from the URL MkDocs gives each page's file."""

    def __init__(self, site_url: str, page_urls: dict[str, str]):
        self.site_url = site_url  # ends in '/', as MkDocs ensures
        self.page_urls = page_urls  # src_uri -> File.url, e.g. 'courses/rios-1.md' -> 'courses/rios-1/'

    @classmethod
    def of(cls, config, files) -> "Urls":
        # MkDocs writes the home page's URL as "./"; on the site it is the site's own address.
        return cls(config.site_url or "/", {file.src_uri: "" if file.url in (".", "./") else file.url
                                            for file in files.documentation_pages()})

    def page(self, src_uri: str, fragment: str = "") -> str:
        """'courses/rios-1.md' -> 'https://…/courses/rios-1/'."""
        return self.site_url + self.page_urls[src_uri] + (f"#{fragment}" if fragment else "")

    def file(self, path: str) -> str:
        return self.site_url + path

    def course(self, course: Course) -> str:
        return self.page(f"courses/{course.id}.md")

    def topic(self, topic: Topic) -> str:
        return self.page(f"topics/{topic.id}.md")


def course_json_path(course: Course) -> str:
    return f"{API_DIR}/courses/{course.id}.json"


# --- values -------------------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


@functools.lru_cache(maxsize=4096)  # a description reaches a page's JSON-LD and the JSON catalogue
def _plain(text: str, features: frozenset[str]) -> str:
    parser = _Text()
    parser.feed(converter(features).convert(text).html)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def plain(markdown_text: MarkdownText) -> str:
    """A Markdown field as one line of plain text: what a reader reads on the page (the same
    converter, macros/data/markdown.py), without the markup."""
    return _plain(str(markdown_text), markdown_text.features)


def weeks(n: int | None) -> str | None:
    """ISO 8601 duration: 3 -> 'P3W'."""
    return f"P{n}W" if n else None


def _money(text: str | None) -> tuple[str, str] | None:
    """'$15' or '$1,200.00' -> ('15', 'USD'); anything else is not a price a machine should read."""
    match = re.fullmatch(r"\$\s?(\d{1,3}(?:,\d{3})*|\d+)(\.\d{2})?", (text or "").strip())
    if not match:
        return None
    return match.group(1).replace(",", "") + (match.group(2) or ""), "USD"


def _review(review: Review) -> dict[str, str]:
    return {"reviewed": review.reviewed.isoformat(), "next_review_due": next_review(review).isoformat()}


def _clean(node: dict[str, Any]) -> dict[str, Any]:
    """Drop properties the data does not have (no empty strings, lists or nulls in the output)."""
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}


# --- schema.org nodes ---------------------------------------------------------------------


class Entities:
    """Builds the schema.org nodes of the site from the data; `page_graph` says which a page carries."""

    def __init__(self, index: SiteIndex, urls: Urls, site_name: str, site_description: str):
        self.index = index
        self.site = index.site
        self.urls = urls
        self.site_name = site_name
        self.site_description = site_description
        self.courses = index.courses
        self.topics = index.topics
        self.website_id = urls.site_url + "#website"

    # entities ---------------------------------------------------------------------------

    def organization(self, org_id: str) -> dict:
        org = self.index.orgs[org_id]
        return _clean({
            "@type": "Organization",
            "@id": self.urls.page("organizations.md", org.id),
            "name": org.name,
            "alternateName": org.abbreviation,
            "url": str(org.url),
        })

    def website(self) -> dict:
        return {
            "@type": "WebSite",
            "@id": self.website_id,
            "name": self.site_name,
            "description": self.site_description,
            "url": self.urls.site_url,
            "inLanguage": "en",
            # The theme opens its search with the words of `?q=` (used by the 404 page too).
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": self.urls.site_url + "?q={search_term_string}"},
                "query-input": "required name=search_term_string",
            },
        }

    def course_ref(self, course: Course) -> dict:
        return {"@type": "Course", "@id": self.urls.course(course) + "#course", "name": course.title,
                "url": self.urls.course(course)}

    def course(self, course: Course) -> dict:
        instance = _clean({
            "@type": "CourseInstance",
            "courseMode": COURSE_MODE[course.format],
            "url": str(course.url),
            "inLanguage": "en",
        })
        price = _money(course.cost)
        return _clean({
            "@type": "Course",
            "@id": self.urls.course(course) + "#course",
            "name": course.title,
            "alternateName": course.short_title if course.short_title != course.title else None,
            "description": plain(course.description),
            "abstract": course.summary,
            "url": self.urls.course(course),
            "sameAs": str(course.url),
            "inLanguage": "en",
            "provider": self.organization(course.provider),
            # How long the course runs (3 weeks), not the hours of study it asks (`courseWorkload`).
            "timeRequired": weeks(course.length_weeks),
            "hasCourseInstance": [instance],
            # No `coursePrerequisites`: the provider only recommends an order (the catalogue's ItemList
            # carries it), and each course can be taken on its own.
            "syllabusSections": [
                {"@type": "Syllabus", "name": f"Module {m.number}: {m.title}", "position": m.number}
                for m in course.modules
            ],
            "offers": ({"@type": "Offer", "price": price[0], "priceCurrency": price[1], "category": "Paid",
                        "url": str(course.url)} if price else None),
            "isAccessibleForFree": False if price else None,
        })

    def course_list(self) -> dict:
        return {
            "@type": "ItemList",
            "@id": self.urls.page("courses/index.md") + "#courses",
            "name": "Online courses of the credential, in the recommended order",
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "numberOfItems": len(self.courses),
            "itemListElement": [
                {"@type": "ListItem", "position": n, "url": self.urls.course(c), "name": c.title}
                for n, c in enumerate(self.courses, 1)
            ],
        }

    def credential(self) -> dict:
        c = self.site.credential
        price = _money(c.fee)
        return _clean({
            "@type": "EducationalOccupationalCredential",
            "@id": self.urls.page("credential/index.md") + "#credential",
            "name": c.name,
            "description": c.summary,
            "url": self.urls.page("credential/index.md"),
            "sameAs": str(c.url),
            "credentialCategory": "certificate",
            "recognizedBy": self.organization(c.provider),
            "offers": ({"@type": "Offer", "price": price[0], "priceCurrency": price[1],
                        "name": "Credential Completion Form (application fee)", "url": str(c.url)} if price else None),
            "hasPart": [self.course_ref(course) for course in self.courses],
            # What the provider says a candidate must do, as the page states it.
            "competencyRequired": [f"{r.title}. {r.text}" for r in c.requirements],
        })

    def endorsement(self) -> dict:
        """The Infant Mental Health Endorsement with its categories (`data/endorsement.yaml`)."""
        endorsement = self.site.endorsement
        url = self.urls.page("endorsement.md")
        separate = {s.organization for s in endorsement.separate}
        offered_by = [o.id for o in self.site.organizations if "endorsement" in o.roles and o.id not in separate]
        return _clean({
            "@type": "EducationalOccupationalCredential",
            "@id": url + "#endorsement",
            "name": endorsement.name,
            "alternateName": endorsement.short_name,
            "description": f"{endorsement.about} {endorsement.not_a_license}",
            "url": url,
            "credentialCategory": "endorsement",
            "recognizedBy": [self.organization(o) for o in offered_by],
            "hasPart": [self.endorsement_category(c, url) for c in endorsement.categories],
        })

    def endorsement_category(self, c, url: str) -> dict:
        supervision = c.reflective_supervision or "; ".join(
            f"{d.name}: {d.reflective_supervision}" for d in c.designations)
        return _clean({
            "@type": "EducationalOccupationalCredential",
            "@id": f"{url}#endorsement-{c.id}",
            "name": f"{c.name} ({c.abbreviation})",
            "credentialCategory": "endorsement",
            "description": (f"Category {c.number}, focus: {c.focus}. Degree and work: {c.degree_and_work}. "
                            f"Specialized in-service training: at least {c.training_hours} hours. "
                            f"Reflective supervision/consultation: {supervision}. Exam: {'yes' if c.exam else 'no'}."),
        })

    def leadership(self) -> dict:
        le = self.site.leadership
        return _clean({
            "@type": "EducationalOccupationalCredential",
            "@id": self.urls.page("leadership/index.md") + "#certificate",
            "name": le.name,
            "description": le.summary,
            "abstract": le.purpose,
            "url": self.urls.page("leadership/index.md"),
            "sameAs": [str(le.url), str(le.criteria_url)],
            "credentialCategory": "certificate",
            "recognizedBy": self.organization(le.issuer),
            # The certificate's requirements, as the page states them (title and text).
            "competencyRequired": [f"{r.title}. {r.text}" for r in le.requirements],
        })

    def topic(self, topic: Topic) -> dict:
        co = self.site.leadership.collaborative
        return {
            "@type": "Course",
            "@id": self.urls.topic(topic) + "#topic",
            "name": f"Month {topic.month}: {topic.title}",
            "description": topic.summary,
            "url": self.urls.topic(topic),
            "inLanguage": "en",
            # The initiative pays for the training (the certificate page); it is not said to run it.
            "funder": self.organization(self.site.leadership.initiative),
            "position": topic.month,
            # The month's training on this topic; the group supervision is a separate part of the month.
            "timeRequired": f"PT{co.training_hours_per_month}H",
        }

    def program(self) -> dict:
        le = self.site.leadership
        co = le.collaborative
        # No `programPrerequisites`: the requirements (role, Endorsement) are the certificate's, and the
        # page does not say they must be met before joining the collaborative (see `competencyRequired`).
        return _clean({
            "@type": "EducationalOccupationalProgram",
            "@id": self.urls.page("leadership/index.md") + "#collaborative",
            "name": co.name,
            "alternateName": [co.title, co.short_title],
            "description": (f"{co.months} months, each with {co.training_hours_per_month} hours of infant mental health "
                            f"training and {co.supervision_hours_per_month} hours of group reflective supervision. "
                            f"{co.training_funding} {co.supervision_payment}"),
            "url": self.urls.page("topics/index.md"),
            # No `provider`: the certificate page names the funder of the training (the initiative), not who runs it.
            "timeToComplete": f"P{co.months}M",
            "termDuration": "P1M",
            "termsPerYear": co.months if co.months <= 12 else None,
            "occupationalCredentialAwarded": {"@id": self.urls.page("leadership/index.md") + "#certificate",
                                              "@type": "EducationalOccupationalCredential", "name": le.name},
            "hasCourse": [self.topic(t) for t in self.topics],
        })

    def faq(self) -> dict:
        return {
            "@type": "FAQPage",
            "@id": self.urls.page("faq.md"),
            "url": self.urls.page("faq.md"),
            "mainEntity": [
                {"@type": "Question", "@id": self.urls.page("faq.md", q.id), "name": q.question,
                 "acceptedAnswer": {"@type": "Answer", "text": plain(q.answer), "url": self.urls.page("faq.md", q.id)}}
                for q in self.site.faq
            ],
        }

    def occupation(self) -> dict:
        p = self.site.pathway
        return _clean({
            "@type": "Occupation",
            "@id": self.urls.page("pathway.md") + "#occupation",
            "name": p.role_title,
            "description": p.role_summary,
            "url": self.urls.page("pathway.md"),
            "responsibilities": list(p.role_tasks),
            # As the page says it, strength included ("many positions require…"): one text, not a list of
            # credentials a machine would read as all required. The Endorsement is one example, not a qualification.
            "educationRequirements": " ".join(
                f"{step.title}: {step.summary}" + (f" Fields of study: {', '.join(step.fields_of_study)}." if step.fields_of_study else "")
                for step in p.education),
            "experienceRequirements": p.experience_summary,
        })

    def associations(self) -> dict:
        """The associations of the Alliance, by state: one `Organization` each (`data/associations.yaml`)."""
        url = self.urls.page("associations.md")
        alliance = self.organization(self.site.associations.alliance.organization)
        rows = self.index.associations
        return {
            "@type": "ItemList",
            "@id": url + "#associations",
            "name": f"Associations of the {alliance['name']}, by state",
            "url": url,
            "numberOfItems": len(rows),
            "itemListElement": [{"@type": "ListItem", "position": n, "item": self.association(row, url, alliance)}
                                for n, row in enumerate(rows, 1)],
        }

    def association(self, row, url: str, alliance: dict) -> dict:
        """One association as its section of the page describes it: name, website, where, and the Alliance."""
        a = row.record
        node = self.organization(a.organization) if a.organization else {
            "@type": "Organization", "@id": f"{url}#{a.id}", "name": row.name, "alternateName": row.short_name, "url": row.website}
        places = [{"@type": "Country" if a.abroad and a.place == a.country else "State", "name": a.place}]
        places += [{"@type": "Place", "name": other} for other in a.also_serves]
        return _clean({**node, "areaServed": places, "memberOf": alliance})

    def glossary(self) -> dict:
        return {
            "@type": "DefinedTermSet",
            "@id": self.urls.page("glossary.md") + "#terms",
            "name": "Glossary of infant mental health abbreviations",
            "url": self.urls.page("glossary.md"),
            "hasDefinedTerm": [
                {"@type": "DefinedTerm", "@id": self.urls.page("glossary.md", t.id), "name": t.term,
                 "alternateName": t.expansion, "description": t.definition, "termCode": t.id}
                for t in self.site.glossary
            ],
        }

    # The names pages may list under `structured_data:` in their front matter, and what each gives.
    def named(self, name: str) -> dict:
        builders = {
            "website": self.website, "occupation": self.occupation, "credential": self.credential,
            "course_list": self.course_list, "leadership": self.leadership, "program": self.program,
            "faq": self.faq, "glossary": self.glossary, "endorsement": self.endorsement,
            "associations": self.associations,
        }
        return builders[name]()

    def review(self, name: str) -> Review | None:
        """The review date of what an entity describes, where the data keeps one."""
        reviews = {"credential": self.site.credential.review, "leadership": self.site.leadership.review,
                   "endorsement": self.site.endorsement.review, "associations": self.site.associations.review}
        return reviews.get(name)


ENTITY_NAMES = ("website", "occupation", "credential", "course_list", "leadership", "program", "faq",
                "glossary", "endorsement", "associations")


def page_graph(entities: Entities, src_uri: str, names: list[str], *, title: str, description: str,
               crumbs: list[tuple[str, str]], modified: str | None) -> dict:
    """The JSON-LD of one page: the page itself, its breadcrumb trail and what it is about
    (a generated page's course or topic, else the entities its front matter names)."""
    index = entities.index
    stem = src_uri[:-3]
    if stem in index.course_pages:
        course = index.course_pages[stem]
        about, review = [entities.course(course)], course.review
    elif stem in index.topic_pages:
        about, review = [entities.topic(index.topic_pages[stem])], None
    else:
        about = [entities.named(name) for name in names]
        review = entities.review(names[0]) if names else None
    url = entities.urls.page(src_uri)
    breadcrumb = {
        "@type": "BreadcrumbList",
        "@id": url + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": link}
            for n, (name, link) in enumerate(crumbs, 1)
        ],
    }
    faq = next((e for e in about if e["@type"] == "FAQPage"), None)
    page = faq if faq is not None else {"@type": "WebPage", "@id": url}
    page.update(_clean({
        "url": url,
        "name": title,
        "description": description,
        "inLanguage": "en",
        "isPartOf": {"@id": entities.website_id},
        "breadcrumb": {"@id": breadcrumb["@id"]},
        "dateModified": modified,
        "lastReviewed": review.reviewed.isoformat() if review else None,
        "mainEntity": page.get("mainEntity") or ({"@id": about[0]["@id"]} if about and "@id" in about[0] else None),
    }))
    others = [e for e in about if e is not faq]
    if src_uri != "index.md":
        others.insert(0, {"@type": "WebSite", "@id": entities.website_id, "name": entities.site_name,
                          "url": entities.urls.site_url})
    return {"@context": SCHEMA, "@graph": [page, breadcrumb, *others]}


# --- the catalogue for partner sites ---------------------------------------------------------


class Catalog:
    """`api/catalog.json` and `api/courses/<id>.json`: the credentials, courses and topics as data."""

    def __init__(self, index: SiteIndex, urls: Urls, site_name: str):
        self.index = index
        self.site = index.site
        self.urls = urls
        self.site_name = site_name
        self.courses = index.courses
        self.topics = index.topics

    def _org(self, org_id: str) -> dict:
        o = self.index.orgs[org_id]
        return {"id": o.id, "name": o.name, "abbreviation": o.abbreviation, "url": str(o.url)}

    def _source(self, source_id: str) -> dict:
        s = self.index.sources[source_id]
        return {"id": s.id, "title": s.title, "publisher": s.publisher, "url": str(s.url), "checked": s.checked.isoformat()}

    def _themes(self, ids: list[str]) -> list[dict]:
        return [{"id": t, "name": self.index.themes[t].name} for t in ids]

    def _requirements(self, items) -> list[dict]:
        return [{"number": r.number, "title": r.title, "text": r.text, "details": list(r.details)} for r in items]

    def course_summary(self, course: Course) -> dict:
        i = self.index.course_position[course.id]
        return {
            "id": course.id,
            "order": course.order,
            "title": course.title,
            "short_title": course.short_title,
            "summary": course.summary,
            "provider": self._org(course.provider),
            "format": course.format,
            "length": course.length,
            "duration": weeks(course.length_weeks),
            "cost": course.cost,
            "stand_alone": course.stand_alone,
            "recommended_after": self.courses[i - 1].id if i else None,
            "module_count": len(course.modules),
            "provider_url": str(course.url),
            "course_page": str(course.course_page) if course.course_page else None,
            "page": self.urls.course(course),
            "data": self.urls.file(course_json_path(course)),
            "review": _review(course.review),
        }

    def course(self, course: Course) -> dict:
        """Everything about one course (`api/courses/<id>.json`)."""
        return {
            "catalog_version": CATALOG_VERSION,
            **self.course_summary(course),
            "description": course.description,
            "description_text": plain(course.description),
            "advice": course.advice,
            "modules": [{"number": m.number, "title": m.title, "themes": self._themes(m.themes)}
                        for m in course.modules],
            "themes": self._themes(course.themes),
            "source": self._source(course.source),
            "catalog": self.urls.file(f"{API_DIR}/catalog.json"),
        }

    def endorsement(self) -> dict:
        """The Endorsement categories side by side."""
        e = self.site.endorsement
        return {"endorsement": {
            "name": e.name,
            "short_name": e.short_name,
            "summary": e.summary,
            "not_a_license": e.not_a_license,
            "varies_by_state": e.varies_by_state,
            "every_category": list(e.every_category),
            "categories": [{
                "id": c.id,
                "number": c.number,
                "name": c.name,
                "abbreviation": c.abbreviation,
                "focus": c.focus,
                "degree_and_work": c.degree_and_work,
                "training_hours": c.training_hours,
                "reflective_supervision": c.reflective_supervision,
                "exam": c.exam,
                "renewal_supervision": c.renewal_supervision,
                "designations": [{"name": d.name, "reflective_supervision": d.reflective_supervision,
                                  "extra_training": d.extra_training, "renewal_supervision": d.renewal_supervision}
                                 for d in c.designations],
                "early_childhood": c.early_childhood,
            } for c in e.categories],
            "as_of": e.categories_as_of.isoformat(),
            "sources": [self._source(s) for s in e.categories_sources],
            "page": self.urls.page("endorsement.md"),
            "review": _review(e.review),
        }}

    def associations(self) -> dict:
        """`api/associations.json`: the associations of the Alliance by state, as the page lists them."""
        data = self.site.associations
        page = self.urls.page("associations.md")
        rows = self.index.associations
        return {
            "catalog_version": CATALOG_VERSION,
            "page": page,
            "alliance": {
                "organization": self._org(data.alliance.organization),
                "associations": data.alliance.associations,
                "us_states": data.alliance.us_states,
                "countries": list(data.alliance.countries),
                "sources": [self._source(s) for s in data.alliance.sources],
            },
            "listed": len(rows),
            "associations": [self._association(row, page) for row in rows],
            "review": _review(data.review),
            "catalog": self.urls.file(f"{API_DIR}/catalog.json"),
        }

    def _association(self, row, page: str) -> dict:
        a = row.record
        ap = a.applying
        return {
            "id": a.id,
            "place": a.place,
            "country": a.country,
            "also_serves": list(a.also_serves),
            "name": row.name,
            "short_name": row.short_name,
            "website": row.website,
            "page": f"{page}#{a.id}",
            "alliance": a.alliance,
            "offers_endorsement": a.offers_endorsement,
            "endorsement_name": a.endorsement_name,
            "credentials": list(a.credentials),
            "applying": None if ap is None else {
                "membership": ap.membership, "system": ap.system, "cohorts": ap.cohorts, "exam": ap.exam,
                "steps": list(ap.steps), "fees": [{"item": f.item, "amount": f.amount} for f in ap.fees],
                "fees_date": ap.fees_date},
            "notes": [n.text for n in a.notes],
            "sources": [self._source(s) for s in a.sources],
        }

    def catalog(self) -> dict:
        c = self.site.credential
        le = self.site.leadership
        co = le.collaborative
        return {
            "catalog_version": CATALOG_VERSION,
            "site": {"name": self.site_name, "url": self.urls.site_url, "documentation": self.urls.page("api.md")},
            "associations": self.urls.file(f"{API_DIR}/associations.json"),
            "credential": {
                "name": c.name,
                "summary": c.summary,
                "provider": self._org(c.provider),
                "fee": c.fee,
                "requirements": self._requirements(c.requirements),
                "order_advice": c.order_advice,
                "provider_url": str(c.url),
                "page": self.urls.page("credential/index.md"),
                "courses": [course.id for course in self.courses],
                "review": _review(c.review),
                "source": self._source(c.source),
            },
            "courses": [self.course_summary(course) for course in self.courses],
            **self.endorsement(),
            "leadership_certificate": {
                "name": le.name,
                "summary": le.summary,
                "issuer": self._org(le.issuer),
                "initiative": self._org(le.initiative),
                "requirements": self._requirements(le.requirements),
                "provider_url": str(le.url),
                "criteria_url": str(le.criteria_url),
                "page": self.urls.page("leadership/index.md"),
                "review": _review(le.review),
                "source": self._source(le.source),
                "collaborative": {
                    "name": co.name,
                    "title": co.title,
                    "short_title": co.short_title,
                    "months": co.months,
                    "duration": f"P{co.months}M",
                    "training_hours_per_month": co.training_hours_per_month,
                    "supervision_hours_per_month": co.supervision_hours_per_month,
                    "topics": [{"month": t.month, "id": t.id, "title": t.title, "summary": t.summary,
                                "page": self.urls.topic(t)} for t in self.topics],
                },
            },
        }


# --- serialising ----------------------------------------------------------------------------

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` as \\u escapes, so no
    value can close the element or open a comment; the result is still the same JSON."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)


def file_json(value: Any) -> str:
    """JSON for a file partners download: readable, UTF-8, keys in a stable order, final newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def iso_date(timestamp: int) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).date().isoformat()
