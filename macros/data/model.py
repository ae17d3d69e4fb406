"""The content model: what every YAML file in `data/` may hold.

Each field's `description` is the help editors see (in their editor through the JSON
Schema in `schemas/`, and on the "Editing this site" page), so it is written for program
staff, not for programmers. Models forbid unknown fields so a typo such as `titel` is
reported instead of silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from . import markdown
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

# --- shared field types ---------------------------------------------------------------

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=60),
    Field(
        description=(
            "A short, permanent name for this record: lower-case letters, digits and "
            "hyphens, e.g. `rios-1`. It becomes part of web addresses and is how other "
            "records refer to this one, so do not change it once published."
        )
    ),
]

_PLACEHOLDER = re.compile(r"\b(lorem ipsum|todo|tbd|tbc|fixme|xxx|coming soon)\b", re.I)


def _no_placeholder(value: str) -> str:
    """Unfinished text must never reach readers."""
    match = _PLACEHOLDER.search(value)
    if match:
        raise ValueError(f"placeholder text '{match.group(0)}' — write the real text before publishing")
    return value


def _plain_line(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("must be a single line — remove the line break")
    return value


# Longest plain values, about four times the longest written so far. Each Markdown mark in plain
# text is escaped, and Python-Markdown's work grows with the square of the escapes in one piece
# of text: the limits keep a page's build to a fraction of a second (bench/NOTES.md, "Markdown fields").
MAX_TEXT = 3000
MAX_LINE = 500
MAX_TERM = 60  # a glossary term: every page's text is matched against all of them

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_no_placeholder),
]
"""Plain text: shown exactly as typed (no Markdown, no HTML)."""


def _line(max_length: int):
    # One set of constraints (a field's own `max_length` would not override the type's).
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
                     AfterValidator(_no_placeholder), AfterValidator(_plain_line)]


Line = _line(MAX_LINE)
"""Plain text on one line, such as a title."""

Summary = _line(160)
"""One sentence for cards, search results and link previews."""

def _markdown(*features: str):
    """A Markdown field allowing `features` (macros/data/markdown.py): rendered here once to prove it
    renders within the limits, with only allowed links; its help lists what it allows."""
    for feature in features:
        assert feature in markdown.FEATURES, feature

    def allowed(value: str) -> markdown.MarkdownText:
        return markdown.check(value, features)

    def schema(field_schema: dict) -> None:
        field_schema["contentMediaType"] = "text/markdown"
        field_schema["markdownFeatures"] = list(features)
        field_schema["description"] = " ".join(filter(None, [field_schema.get("description"), markdown.describe(features)]))

    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1),
        AfterValidator(_no_placeholder),
        AfterValidator(allowed),
        # Marks the field in the JSON Schema, so the editors' help says what it allows.
        Field(json_schema_extra=schema),
    ]


Markdown = _markdown("emphasis", "links", "lists")
"""Longer text that may use Markdown: paragraphs, *italic*, **bold**, links, lists."""

LinkedText = _markdown("emphasis", "links")
"""A short passage that may hold links and emphasis, but no lists (a note beside other text)."""


def _sensible_day(value: dt.date) -> dt.date:
    """A day a fact could have been checked on: not before 1990, not after 2100."""
    if not dt.date(1990, 1, 1) <= value <= dt.date(2100, 12, 31):
        raise ValueError(f"{value.isoformat()} is not a sensible date here — write the real day, as YYYY-MM-DD")
    return value


Day = Annotated[dt.date, Field(strict=False), AfterValidator(_sensible_day)]
"""A calendar day, YYYY-MM-DD (quoted or not), between 1990 and 2100."""

Ref = Annotated[
    str,
    Field(description="The `id` of another record (see the file it lives in)."),
]


# --- evidence: where a source states each fact (for staff; never published) -------------

# Fields that hold no fact of their own, so they take no evidence: ids, citations, the site's own
# theme mapping, review dates, and the evidence itself.
NOT_FACTS = frozenset({"id", "evidence", "themes", "source", "sources", "not_a_license_source",
                       "categories_sources", "correction", "review"})
MAX_KEY_WORDS = 8


def fact_fields(model: type[BaseModel]) -> list[str]:
    """The fields of `model` that state facts: the names its `evidence` may use, in field order."""
    return [name for name in model.model_fields if name not in NOT_FACTS]


def _evidence_schema(schema: dict, model: type[BaseModel]) -> None:
    """In the JSON Schema (and so in the web editor's form), `evidence` lists one optional entry per
    fact field of the record, named after it, instead of allowing any name."""
    prop = schema.get("properties", {}).get("evidence")
    if prop is None:
        return
    ref = prop.get("additionalProperties", {}).get("$ref", "#/$defs/Evidence")
    schema["properties"]["evidence"] = {
        "type": "object",
        "description": prop.get("description", ""),
        "properties": {name: {"$ref": ref, "description": f"Where a source states `{name}`."} for name in fact_fields(model)},
        "additionalProperties": False,
    }


class Record(BaseModel):
    """Base for every record: strict about field names, tolerant of nothing."""

    # strict: a YAML true/yes is never a number, nor 1 a true/false value (dates are lax: `Day`).
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True,
                              json_schema_extra=_evidence_schema)


def _compared_by_now(value: dt.date) -> dt.date:
    """A comparison that has happened: not after today."""
    if value > dt.date.today():
        raise ValueError(f"{value.isoformat()} is after today — write the day you compared the fact with the source, as YYYY-MM-DD")
    return value


def _few_words(value: str) -> str:
    """Key words fix a fact's strength; they are not a copy of the source."""
    count = len(value.split())
    if count > MAX_KEY_WORDS:
        raise ValueError(f"has {count} words — keep at most {MAX_KEY_WORDS}: only the source's words that fix the "
                         "fact's strength or value, e.g. 'strongly recommend'")
    return value


class Evidence(Record):
    """Where a source states one fact: which source, where on its page, when someone compared them, and
    the source's own key words. For staff checking the site: never shown on pages, in api/, in llms.txt
    or to search engines."""

    source: Ref = Field(description="`id` of the source in `data/sources.yaml` whose page states the fact.")
    locator: Line = Field(
        description="Where on that page the fact is: its heading or section, and the item, e.g. "
        "`Program requirements, item 2`.")
    checked: Annotated[Day, AfterValidator(_compared_by_now)] = Field(
        description="The day you compared the fact with the source page, as YYYY-MM-DD (compare again, and change "
        "it, whenever the fact changes).")
    key_words: Annotated[Line, AfterValidator(_few_words)] | None = Field(
        default=None,
        description=f"The source's own words, at most {MAX_KEY_WORDS}, that fix the fact's strength or value, e.g. "
        "`strongly recommend` or `Application submission cost: $15`. Give them for facts readers act on: fees, hours, "
        "ages, counts, requirements, recommendations and names.")


Evidences = Annotated[dict[str, Evidence], Field(
    default_factory=dict,
    description="Where the sources state this record's facts, for staff (never published): one entry per field, "
    "named after the field, e.g. `fee:`. Whenever you change a field, compare it with the source page again and "
    "update its entry here, with that day's date.")]
"""A record's evidence: field name -> where a source states it (validate.py checks the names)."""


def _number_by_place(items: list[Record], attribute: str) -> None:
    """Number the records of a list by their place in it (1 for the first): an editor who adds or
    moves one never renumbers the rest. Read through a property of the same name without the `_`."""
    for number, item in enumerate(items, 1):
        setattr(item, attribute, number)


# --- sources, organisations, glossary, themes, corrections -----------------------------


class Source(Record):
    """A document the site's facts come from."""

    id: Id
    title: Line = Field(description="The source's own title, as on the page.")
    publisher: Line = Field(description="Who publishes it, e.g. `University of Minnesota, CEED`.")
    url: HttpUrl = Field(description="The web address of the source (https://…).")
    checked: Day = Field(description="The day someone last checked the facts against the source, as YYYY-MM-DD.")
    kind: Literal["seed", "reference"] = Field(
        description="`seed` for the four documents the site was first written from; `reference` for any other source cited."
    )
    authority: Line = Field(
        description="How much weight the source carries, in a few words, e.g. `the issuing association`."
    )
    used_for: Line = Field(description="What the site takes from it, e.g. `course list and module titles`.")


class Organization(Record):
    """A professional body, provider or initiative readers may meet."""

    id: Id
    name: Line = Field(description="Full name, e.g. `World Association for Infant Mental Health`.")
    abbreviation: Line | None = Field(default=None, description="Short form, if the field uses one, e.g. `WAIMH`.")
    url: HttpUrl = Field(description="The organisation's home page (https://…).")
    summary: Text = Field(description="One or two sentences on what it does and why a reader would care.")
    roles: list[Literal["membership", "endorsement", "training", "conference", "funder", "registry", "research"]] = Field(
        min_length=1, description="What readers go to it for (one or more of the listed words)."
    )
    source: Ref = Field(description="`id` of the source (in `data/sources.yaml`) for these facts.")
    evidence: Evidences


class Term(Record):
    """An abbreviation or term readers will meet. An abbreviation (one with an `expansion`) is also
    explained on hover and focus wherever a page uses it."""

    id: Id
    term: _line(MAX_TERM) = Field(description="The abbreviation or term exactly as written on pages, e.g. `RIOS™` or `co-regulation`.")
    expansion: Line | None = Field(default=None, description="For an abbreviation, what it stands for, spelled out (e.g. "
                                   "`infant mental health` for `IMH`). Leave it out for a term that is not a short form.")
    definition: Text = Field(description="One or two plain sentences explaining it.")
    source: Ref | None = Field(default=None, description="`id` of a source in `data/sources.yaml`, if the definition comes from one.")
    evidence: Evidences


class Theme(Record):
    """A subject that runs through courses, modules, monthly topics and training.

    The mapping of items to themes is the site's own editorial judgement, not an
    official crosswalk, and the site labels it so.
    """

    id: Id
    name: Line = Field(description="The theme's name, e.g. `Attachment and relationships`.")
    summary: Text = Field(description="One sentence on what the theme takes in.")


class Correction(Record):
    """A place where a source document is wrong or dated, and what the site says instead."""

    id: Id
    title: Line = Field(description="A short heading for the note, e.g. `Endorsement is not a certification`.")
    source_says: Text = Field(description="What the source document says, in a few words.")
    accurate: LinkedText = Field(description="What is accurate, politely worded.")
    sources: list[Ref] = Field(min_length=1, description="`id`s of the sources (in `data/sources.yaml`) that back the correction.")
    evidence: Evidences


# --- the career pathway ---------------------------------------------------------------


class PathwayStep(Record):
    """One step on the road to the role (a degree, a credential…); its number is its place in the list of steps."""

    id: Id
    title: Line = Field(description="The step's name, e.g. `Bachelor's degree`, without a number (the site numbers the steps in the order listed).")
    summary: Text = Field(description="What the step is and why it matters.")
    fields_of_study: list[Line] = Field(default_factory=list, description="Fields of study that lead here, if any.")
    examples: list[Line] = Field(default_factory=list, description="Named examples (programs, credentials), if any.")
    themes: list[Ref] = Field(default_factory=list, description="`id`s of themes in `data/themes.yaml` this step touches.")
    evidence: Evidences
    _order: int = PrivateAttr(default=0)

    @property
    def order(self) -> int:
        """1 for the first step, 2 for the next…: from the list, never typed."""
        return self._order


class Pathway(Record):
    """The career pathway page (`data/pathway.yaml`)."""

    role_title: Line = Field(description="The role's name, e.g. `Infant Mental Health Specialist`.")
    role_summary: Text = Field(description="What the role is, in two or three sentences.")
    role_tasks: list[Line] = Field(min_length=1, description="What the work involves, one item per line.")
    quick_look: Text = Field(description="The short overview shown at the top of the pathway page.")
    education: list[PathwayStep] = Field(
        min_length=1, description="The educational steps, in order: the first is step 1, the next step 2…"
    )
    experience_summary: Text = Field(description="Why practical experience matters and when to get it.")
    experience_settings: list[Line] = Field(min_length=1, description="Settings for internships or volunteering.")
    experience_roles: list[Line] = Field(min_length=1, description="Roles that build direct experience after graduating.")
    continuing_summary: Text = Field(description="Why continuing education matters.")
    continuing_events: list[Line] = Field(min_length=1, description="Kinds of learning events, and named ones.")
    specializations: list[Line] = Field(min_length=1, description="Areas of specialisation that build expertise.")
    networking_summary: Text = Field(description="What professional organisations offer.")
    networking_organizations: list[Ref] = Field(min_length=1, description="`id`s of organisations in `data/organizations.yaml`.")
    source: Ref = Field(description="`id` of the source document in `data/sources.yaml`.")
    evidence: Evidences

    @model_validator(mode="after")
    def _number_steps(self) -> Pathway:
        _number_by_place(self.education, "_order")
        return self


# --- the online credential and its courses ---------------------------------------------


class Requirement(Record):
    """One requirement of a credential or certificate; its number is its place in the list of requirements."""

    id: Id
    title: Line = Field(description="A short name for the requirement, without a number (the site numbers requirements in the order listed).")
    text: Text = Field(description="The requirement in full, in plain words.")
    details: list[Line] = Field(default_factory=list, description="Extra facts (cost, how to pay…), one per line.")
    evidence: Evidences
    _number: int = PrivateAttr(default=0)

    @property
    def number(self) -> int:
        """1 for the first requirement, 2 for the next…: from the list, never typed."""
        return self._number


class Review(Record):
    """When a page that states requirements was last checked, and how often it must be."""

    reviewed: Day = Field(description="The day the requirements were last checked against the source, as YYYY-MM-DD.")
    every_months: int = Field(default=12, ge=1, le=36, description="How many months until the next check is due.")


class Credential(Record):
    """The online infant mental health credential (`data/credential.yaml`)."""

    name: Line = Field(description="What the site calls the credential.")
    provider: Ref = Field(description="`id` of the provider in `data/organizations.yaml`.")
    summary: Text = Field(description="One or two sentences shown at the top of the page and in search results.")
    url: HttpUrl = Field(description="The provider's page for the credential.")
    requirements: list[Requirement] = Field(
        min_length=1, description="What a candidate must do, in order: the first is requirement 1, the next requirement 2…"
    )
    courses: list[Ref] = Field(
        min_length=1,
        description="The recommended order of the courses: the `id` of each course in `data/courses/*.yaml`, one per line, "
        "the course to take first at the top. A course's number on the site is its place in this list, so to add or move "
        "a course, add or move its line.",
    )
    fee: Line = Field(description="The application fee as the source states it, e.g. `$15`.")
    earlier_courses: Text = Field(description="The rule for courses completed before January 2018.")
    order_advice: Text = Field(description="What the provider says about taking the courses in order.")
    stand_alone: Text = Field(description="That the courses can be taken without pursuing the credential.")
    review: Review
    source: Ref = Field(description="`id` of the source in `data/sources.yaml`.")
    evidence: Evidences

    @model_validator(mode="after")
    def _number_requirements(self) -> Credential:
        _number_by_place(self.requirements, "_number")
        return self


class Module(Record):
    """A module of a course; its number is its place in the course's list of modules."""

    title: Line = Field(description="The module's title, without the `Module N:` prefix (the site numbers modules in the order listed).")
    themes: list[Ref] = Field(default_factory=list, description="`id`s of themes in `data/themes.yaml` (the site's own mapping).")
    _number: int = PrivateAttr(default=0)

    @property
    def number(self) -> int:
        """1 for the course's first module, 2 for the next…: from the list, never typed."""
        return self._number


class Course(Record):
    """One course (`data/courses/<id>.yaml`); adding a file adds its page, card and search entry."""

    id: Id
    title: Line = Field(description="The course title, exactly as the provider writes it.")
    short_title: Line = Field(description="A short name for menus and cards, e.g. `SED Part 1`.")
    summary: Summary = Field(description="One sentence for cards, search results and link previews (at most 160 characters).")
    description: Markdown = Field(description="What the course covers, in the site's own plain words (never the provider's text: the course page links `url` for the official description).")
    provider: Ref = Field(description="`id` of the provider in `data/organizations.yaml`.")
    format: Literal["online", "in person", "hybrid"] = Field(description="How the course is delivered.")
    length: Line | None = Field(
        default=None,
        description="How long the course runs, only if the provider's page says, e.g. `3 weeks`. Leave it out "
        "otherwise: the course's page then says plainly that the provider's page does not say.")
    length_weeks: int | None = Field(default=None, ge=1, le=520, description="The same length as a whole number of weeks, if known.")
    cost: Line | None = Field(
        default=None,
        description="The course fee as the provider states it, e.g. `$250`. Leave it out when no source states it: the "
        "course's page then says plainly that the provider's page does not say (never the credential's application fee).")
    url: HttpUrl = Field(
        description="The provider's page that lists the course with its official description (for the credential's courses, "
        "CEED's program requirements page).")
    course_page: HttpUrl | None = Field(
        default=None,
        description="The course's own page on the provider's site, where it gives dates, fees and how to register, if it has "
        "one. Leave it out when none can be found: the course's page then says so and points to the provider.")
    stand_alone: bool = Field(description="`true` if the course can be taken without pursuing the credential.")
    advice: Text | None = Field(default=None, description="Advice from the provider about when to take it, if any.")
    modules: list[Module] = Field(
        default_factory=list, description="The modules in order, if the source lists them: the first is Module 1, the next Module 2…"
    )
    themes: list[Ref] = Field(default_factory=list, description="`id`s of themes for the course as a whole (the site's own mapping).")
    review: Review
    source: Ref = Field(description="`id` of the source in `data/sources.yaml`.")
    evidence: Evidences
    _order: int = PrivateAttr(default=0)

    @property
    def order(self) -> int:
        """The course's place in the recommended order (`courses:` in data/credential.yaml), from 1."""
        return self._order

    @model_validator(mode="after")
    def _number_modules(self) -> Course:
        _number_by_place(self.modules, "_number")
        return self


# --- the Virginia leadership certificate and its monthly topics ------------------------


class Collaborative(Record):
    """The learning collaborative behind the leadership certificate: one training topic a month."""

    name: Line = Field(description="The collaborative's official name, as the certificate page gives it (readers need it to find and enrol in it).")
    title: Line = Field(description="The collaborative's title, e.g. `Broadening Our Lens: Incorporating Infant Mental Health Theory and Practice`.")
    short_title: Line = Field(description="A short name, e.g. `Broadening Our Lens`.")
    months: int = Field(ge=1, le=12, description="How many months it runs.")
    training_hours_per_month: int = Field(ge=1, le=200, description="Hours of infant mental health training each month.")
    supervision_hours_per_month: int = Field(ge=1, le=200, description="Hours of group reflective supervision each month.")
    training_funding: Text = Field(description="Who pays for the training.")
    supervision_payment: Text = Field(description="Who pays for the reflective supervision, and to whom.")
    supervision_fee: Text = Field(
        description="What the sources say about how much the group reflective supervision costs and how the fee is set; "
        "say plainly what they leave out.")
    supervision_format: Text = Field(description="How each month's group reflective supervision runs.")
    evidence: Evidences


Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$", max_length=120),
    Field(description="An e-mail address exactly as the source gives it, e.g. `info@example.org`."),
]
"""An e-mail address, shown to readers as a link that opens their mail app."""


class Contact(Record):
    """An address a source gives for readers' questions."""

    name: Line = Field(description="Who answers, e.g. `VAIMH`.")
    email: Email = Field(description="The e-mail address exactly as the source gives it.")
    about: Line = Field(description="What the source says to write about, in a few words, e.g. `questions about the Endorsement`.")
    source: Ref = Field(description="`id` of the source (in `data/sources.yaml`) whose page gives the address.")
    evidence: Evidences


class Rios(Record):
    """The Reflective Interaction Observation Scale (RIOS™) framework."""

    summary: Text = Field(description="What the RIOS is and who developed it.")
    collaborative_tasks: list[Line] = Field(min_length=1, description="The published collaborative tasks, in order.")
    essential_elements: list[Line] = Field(min_length=1, description="The published essential elements.")
    virginia_wording: Text = Field(description="How the Virginia page words the elements, for comparison.")
    reflection_skill_areas: list[Line] = Field(min_length=1, description="Reflection skill areas the supervision addresses.")
    source: Ref = Field(description="`id` of the source for the published model.")
    evidence: Evidences


class Leadership(Record):
    """The Virginia Infant Mental Health Leadership Certificate (`data/leadership.yaml`)."""

    name: Line = Field(description="The certificate's name.")
    issuer: Ref = Field(description="`id` of the issuing organisation.")
    initiative: Ref = Field(description="`id` of the initiative that funds the training.")
    summary: Text = Field(description="One or two sentences for the top of the page and search results.")
    purpose: Text = Field(description="What earning the certificate shows.")
    url: HttpUrl = Field(description="The issuer's page for the certificate.")
    criteria_url: HttpUrl = Field(description="The published certification criteria document.")
    requirements: list[Requirement] = Field(
        min_length=1, description="What a participant must do, in order: the first is requirement 1, the next requirement 2…"
    )
    collaborative: Collaborative
    rios: Rios
    registry: Text = Field(description="What the certification registry is.")
    joining: Text = Field(
        description="How to sign up for the learning collaborative and the certificate, and whom to ask, as far as the "
        "sources say; say plainly what they leave out.")
    contact: Contact | None = Field(default=None, description="An address a source gives for questions, if any.")
    review: Review
    source: Ref = Field(description="`id` of the source in `data/sources.yaml`.")
    evidence: Evidences

    @model_validator(mode="after")
    def _number_requirements(self) -> Leadership:
        _number_by_place(self.requirements, "_number")
        return self


class Topic(Record):
    """One monthly training topic (`data/topics/<month>-<id>.yaml`)."""

    id: Id
    month: int = Field(ge=1, le=12, description="Which month of the collaborative (1 to 12).")
    title: Line = Field(description="The topic exactly as the source lists it.")
    summary: Summary = Field(description="One sentence for cards, search results and link previews (at most 160 characters).")
    about: Markdown = Field(description="A short orientation to the month; say plainly what the source does and does not give.")
    themes: list[Ref] = Field(default_factory=list, description="`id`s of themes (the site's own mapping).")
    source: Ref = Field(description="`id` of the source in `data/sources.yaml`.")
    evidence: Evidences


# --- general training (002) and the FAQ ------------------------------------------------


class Point(Record):
    """A titled point in a list (a component, a benefit, a strategy…)."""

    id: Id
    title: Line = Field(description="The point's name.")
    text: Text = Field(description="One or two sentences about it.")
    themes: list[Ref] = Field(default_factory=list, description="`id`s of themes (the site's own mapping).")
    evidence: Evidences


class Training(Record):
    """Background on infant mental health training (`data/training.yaml`)."""

    summary: Text = Field(description="One or two sentences for the top of the page and search results.")
    intro: Text = Field(description="Why the early years and training matter.")
    understanding: Text = Field(description="What infant mental health takes in.")
    importance: list[Point] = Field(min_length=1, description="Why training matters.")
    components: list[Point] = Field(min_length=1, description="Key components of training.")
    benefits: list[Point] = Field(min_length=1, description="Benefits of training.")
    opportunities: list[Point] = Field(min_length=1, description="Kinds of training opportunity.")
    strategies: list[Point] = Field(min_length=1, description="Strategies for effective training.")
    source: Ref = Field(description="`id` of the source in `data/sources.yaml`.")
    evidence: Evidences


class Question(Record):
    """One frequently asked question."""

    id: Id
    question: Line = Field(description="The question, ending with a question mark.")
    answer: Markdown = Field(description="The answer.")
    source: Ref = Field(description="`id` of the source in `data/sources.yaml`.")
    correction: Ref | None = Field(default=None, description="`id` of a note in `data/corrections.yaml` shown with the answer, if any.")
    evidence: Evidences


# --- the Endorsement (IMH-E®), compared side by side (`data/endorsement.yaml`) ---------


class Designation(Record):
    """One kind within a category, e.g. Category IV's Clinical, Policy and Research/Faculty."""

    name: Line = Field(description="The designation's name, e.g. `Clinical`.")
    abbreviation: Line | None = Field(default=None, description="Its short form, if it has one, e.g. `IMHM-C`.")
    reflective_supervision: Line = Field(
        description="Reflective supervision/consultation (RSC) it asks for, e.g. `at least 50 hours` or `recommended`."
    )
    extra_training: Line | None = Field(
        default=None, description="Training it asks for beyond the category's hours, if any, e.g. `also at least 15 hours on RSC`."
    )
    renewal_supervision: bool = Field(description="`true` if the yearly renewal asks for RSC hours as well as training hours.")


class EndorsementCategory(Record):
    """One Endorsement category: one row of the side-by-side table."""

    id: Id
    number: Annotated[str, StringConstraints(pattern=r"^[IVX]+$")] = Field(
        description="The category's number in Roman numerals, as the associations write it: `I`, `II`, `III`, `IV`."
    )
    name: Line = Field(description="The category's name, e.g. `Infant Family Associate`.")
    abbreviation: Line = Field(description="Its short form, e.g. `IFA` (also add it to `data/glossary.yaml`).")
    focus: Line = Field(description="The kind of work it recognizes, e.g. `promotion`.")
    degree_and_work: Line = Field(description="The typical degree and work experience, in a few words.")
    training_hours: int = Field(ge=0, le=10000, description="Hours of specialized in-service training asked for (at least this many).")
    reflective_supervision: Line | None = Field(
        default=None,
        description="Reflective supervision/consultation (RSC) asked for, e.g. `at least 24 hours over 1–2 years` or `optional`. "
        "Leave out only when the category has designations, which then say it.",
    )
    exam: bool = Field(description="`true` if the category includes an exam.")
    renewal_supervision: bool = Field(
        default=False,
        description="`true` if the yearly renewal asks for RSC hours as well as training hours (for a category with designations, set it on each designation).",
    )
    designations: list[Designation] = Field(default_factory=list, description="The category's designations, if it has any.")
    early_childhood: Line | None = Field(
        default=None, description="The parallel category of the Early Childhood Mental Health Endorsement (ECMH-E®), if there is one."
    )
    evidence: Evidences


class EarlyChildhoodEndorsement(Record):
    """The early childhood Endorsement (ECMH-E®), whose categories parallel the infant ones."""

    name: Line = Field(description="Its full name.")
    abbreviation: Line = Field(description="Its short form, e.g. `ECMH-E®`.")
    ages: Line = Field(description="Who it is for, e.g. `children aged 3 up to 6 and their families`.")
    summary: Text = Field(description="One or two sentences on how it relates to the infant Endorsement.")
    as_of: Day = Field(description="The day these facts were last checked against the sources, as YYYY-MM-DD.")
    sources: list[Ref] = Field(min_length=1, description="`id`s of the sources (in `data/sources.yaml`) for these facts.")
    evidence: Evidences


class SeparateEndorsement(Record):
    """An endorsement run outside the Alliance system, such as California's."""

    where: Line = Field(description="Where it applies, e.g. `California`.")
    organization: Ref = Field(description="`id` of the organization that runs it (in `data/organizations.yaml`).")
    summary: Text = Field(description="One or two sentences on what it is and how it differs.")
    categories: list[Line] = Field(min_length=1, description="Its categories, one per line, in the organization's order.")
    as_of: Day = Field(description="The day these facts were last checked against the sources, as YYYY-MM-DD.")
    sources: list[Ref] = Field(min_length=1, description="`id`s of the sources (in `data/sources.yaml`) for these facts.")
    evidence: Evidences


class CompetencyGuidelines(Record):
    """The Competency Guidelines® behind the Endorsement: named and linked, never reproduced."""

    name: Line = Field(description="Their name, e.g. `Competency Guidelines®`.")
    owner: Ref = Field(description="`id` of the organization that holds the copyright (in `data/organizations.yaml`).")
    url: HttpUrl = Field(description="The page where readers can find the Guidelines.")
    domains: list[Line] = Field(min_length=1, description="The names of the domains only, in order. Never copy the competency statements.")
    note: Text = Field(description="Why the site names the domains and does not reproduce the Guidelines.")
    source: Ref = Field(description="`id` of the source (in `data/sources.yaml`).")
    evidence: Evidences


class Endorsement(Record):
    """The Infant Mental Health Endorsement compared side by side (`data/endorsement.yaml`)."""

    name: Line = Field(description="The Endorsement's full name.")
    short_name: Line = Field(description="The name used in headings, e.g. `Infant Mental Health Endorsement (IMH-E®)`.")
    summary: Text = Field(description="One or two sentences for the top of the page and search results.")
    about: Text = Field(description="Who created it, who offers it, and for which ages.")
    not_a_license: Text = Field(description="The plain reminder that Endorsement is not a license (nor a certificate).")
    not_a_license_source: Ref = Field(description="`id` of the source (in `data/sources.yaml`) for that reminder.")
    varies_by_state: Text = Field(description="The plain reminder that requirements vary by state association.")
    not_a_ladder: Text = Field(description="Why the categories are not a ladder.")
    every_category: list[Line] = Field(min_length=1, description="What every category asks for, one item per line.")
    renewal: Text = Field(description="How the yearly renewal works, in general (the site adds which categories need RSC hours).")
    categories: list[EndorsementCategory] = Field(min_length=1, description="The categories, in order: one row each in the table.")
    categories_as_of: Day = Field(description="The day the category requirements were last checked, as YYYY-MM-DD.")
    categories_sources: list[Ref] = Field(min_length=1, description="`id`s of the sources for the category requirements.")
    early_childhood: EarlyChildhoodEndorsement
    separate: list[SeparateEndorsement] = Field(
        default_factory=list, description="Endorsements run outside the Alliance system (California's), each with its categories."
    )
    competency_guidelines: CompetencyGuidelines
    review: Review
    evidence: Evidences


# --- the associations of the Alliance (`data/associations.yaml`) -----------------------


class Fee(Record):
    """One fee, exactly as the association's page states it."""

    item: Line = Field(description="What the fee is for, e.g. `EASy registration, Infant Family Specialist`.")
    amount: Line = Field(description="The amount as the page writes it, with its currency sign, e.g. `$20`.")
    evidence: Evidences


class Applying(Record):
    """What the association's own page says about applying. Leave out anything its page does not say."""

    membership: Text | None = Field(default=None, description="What the page says about joining the association before you apply, in plain words.")
    system: Line | None = Field(default=None, description="The online system you apply through, if the page names it, e.g. `EASy, the online Endorsement Application System`.")
    cohorts: Text | None = Field(default=None, description="If the association takes applicants in groups (cohorts), how that works, in plain words.")
    exam: Text | None = Field(default=None, description="What the page says about the exam, and which categories take it.")
    steps: list[Text] = Field(default_factory=list, description="Anything else the page says about applying (deadlines, advisers, who may apply), one point per item.")
    fees: list[Fee] = Field(default_factory=list, description="The fees the page lists, one per item, each with `item` and `amount`.")
    fees_date: Line | None = Field(default=None, description="When the page says these fees apply, in its own terms, e.g. `as of January 2026`; write `the page gives no date` if it gives none. Needed when `fees` lists any.")
    evidence: Evidences


class AssociationNote(Record):
    """Something a reader needs to know about an association, from one of its sources."""

    text: Text = Field(description="The note, in plain words, e.g. that the association serves two states.")
    evidence: Evidences


class Association(Record):
    """One association of the Alliance: one row of the table on "Find your association"."""

    id: Id
    place: Line = Field(description="The U.S. state, or the country, the association serves, e.g. `New Mexico` or `Ireland`: the row's first column.")
    country: Line = Field(default="United States", description="The country: leave it out for a U.S. state; write it for an association abroad, e.g. `Ireland`.")
    also_serves: list[Line] = Field(default_factory=list, description="Other states or places it serves, if its page says so, e.g. `District of Columbia`.")
    organization: Ref | None = Field(default=None, description="`id` of the association in `data/organizations.yaml`, if it is already there: its name, short name and website then come from that record, so leave `name`, `short_name` and `website` out.")
    name: Line | None = Field(default=None, description="The association's full name, as its page writes it (leave out if `organization` is given).")
    short_name: Line | None = Field(default=None, description="The short name or abbreviation it uses, e.g. `FAIMH`, if it has one (leave out if `organization` is given).")
    website: HttpUrl | None = Field(default=None, description="The association's own website (https://…), where readers go next (leave out if `organization` is given).")
    alliance: Text = Field(description="How a page shows that it belongs to the Alliance, or offers its Endorsement under license, in plain words, e.g. `Its page says it has been a state member of the Alliance since 2010.` An association no page confirms is not listed.")
    offers_endorsement: bool = Field(description="`true` if one of its pages says it offers the Endorsement; `false` if no page found says so (which does not mean it does not).")
    endorsement_name: Line | None = Field(default=None, description="The name its page gives its Endorsement, if it has one of its own, e.g. `Florida Infant Mental Health Endorsement (FIMH-E®)`.")
    credentials: list[Line] = Field(default_factory=list, description="Which Endorsements its page says it offers, e.g. `IMH-E®` (infant) and `ECMH-E®` (early childhood).")
    applying: Applying | None = Field(default=None, description="What its page says about applying; leave out if the page says nothing about it.")
    notes: list[AssociationNote] = Field(default_factory=list, description="Notes a reader needs, each with its evidence, e.g. that it serves two states.")
    sources: list[Ref] = Field(min_length=1, description="`id`s of the sources (in `data/sources.yaml`): every page its facts come from, including those its `evidence` names.")
    evidence: Evidences

    @property
    def abroad(self) -> bool:
        """True for an association outside the United States (listed after the states)."""
        return self.country != "United States"


class AllianceCount(Record):
    """How many associations the Alliance itself counts, from its own pages."""

    organization: Ref = Field(description="`id` of the Alliance in `data/organizations.yaml`.")
    associations: int = Field(ge=1, le=500, description="How many member associations the Alliance's page counts, worldwide.")
    us_states: int = Field(ge=0, le=60, description="How many of them are in U.S. states, as its page says.")
    countries: list[Line] = Field(default_factory=list, description="The other countries its page names, one per item, e.g. `Ireland`.")
    sources: list[Ref] = Field(min_length=1, description="`id`s of the Alliance's pages (in `data/sources.yaml`) that state these counts.")
    evidence: Evidences


class Associations(Record):
    """The associations of the Alliance, by state (`data/associations.yaml`)."""

    alliance: AllianceCount
    associations: list[Association] = Field(min_length=1, description="One item per association a page confirms belongs to the Alliance, in any order: the site lists them by state.")
    review: Review


# --- "Where do I start?": readers' situations routed to the Endorsement (`data/start.yaml`) ---


class Statement(Record):
    """One thing one source says about a reader's situation, in the site's own words."""

    text: Text = Field(
        description="What the source says, in the site's own plain words, naming who says it, e.g. `Texas's association "
        "lists home visitors among its examples for Category I and for Category II.` Keep the source's strength: "
        "`examples`, `typically`, `many`, `recommends` stay as they are.")
    source: Ref = Field(description="`id` of the source (in `data/sources.yaml`) whose page says it.")
    evidence: Evidences


class Route(Record):
    """One situation on the "Where do I start?" page: the Endorsement categories the sources link to
    it, what they say, and the site's own suggestion for a next step."""

    id: Id
    situation: Line = Field(
        description="The reader's situation, as they would put it, e.g. `I have a bachelor's degree and little or no "
        "work with babies yet`.")
    categories: list[Id] = Field(
        default_factory=list,
        description="The Endorsement categories the statements name, by their id in `data/endorsement.yaml` (`ifa`, "
        "`ifs`, `imhs`, `imhm`), in the order to show them; leave out when the statements name none.")
    statements: list[Statement] = Field(
        min_length=1, description="What the sources say about this situation: one statement per source and point.")
    next_step: Text = Field(
        description="The site's own suggestion for what to do next, in one or two sentences; the page labels it as the "
        "site's suggestion. Never make a step required that the sources only recommend.")
    evidence: Evidences


class Start(Record):
    """The "Where do I start?" guide (`data/start.yaml`): situations by where readers are and by job."""

    summary: Text = Field(description="One or two sentences for the top of the page and search results.")
    general: list[Statement] = Field(
        default_factory=list, description="Points that hold whatever the reader's situation, each from one source.")
    by_stage: list[Route] = Field(
        min_length=1,
        description="Situations by where the reader is now (studying, a degree, a license, years of work with "
        "families), in the order shown.")
    by_job: list[Route] = Field(
        min_length=1, description="Situations by the reader's job (home visitor, child care director, therapist…), "
        "in the order shown.")
    review: Review
    evidence: Evidences

    @property
    def routes(self) -> list[Route]:
        """Every situation, by stage first, then by job."""
        return [*self.by_stage, *self.by_job]


# --- the whole site ---------------------------------------------------------------------


class Site(Record):
    """Everything in `data/`, validated together."""

    sources: list[Source]
    organizations: list[Organization]
    glossary: list[Term]
    themes: list[Theme]
    corrections: list[Correction]
    pathway: Pathway
    credential: Credential
    courses: list[Course]
    leadership: Leadership
    topics: list[Topic]
    training: Training
    faq: list[Question]
    endorsement: Endorsement
    associations: Associations
    start: Start

    @model_validator(mode="after")
    def _place_courses(self) -> Site:
        """Each course's `order` from its line in the credential's list (validate.py reports a
        course missing from the list, an unknown id and a repeat, each at its line)."""
        place: dict[str, int] = {}
        for course_id in self.credential.courses:
            place.setdefault(course_id, len(place) + 1)
        for course in self.courses:
            course._order = place.get(course.id, 0)
        return self
