"""The macros prose pages call: one per component, each rendering one partial of `templates/`.

Registered by `define_env` (macros/__init__.py) on the mkdocs-macros environment; each reads the
validated data through the `MacroContext` of the build.
"""

from __future__ import annotations

import re

from ..data.index import data_at
from .context import MacroContext


def register_pages(env, components: MacroContext) -> None:
    """Course and topic pages, and the lists of courses and topics."""
    index, show, show_html = components.index, components.show, components.show_html

    @env.macro
    def course_page(course_id: str) -> str:
        """The whole content of one course's page."""
        previous, following = index.neighbours(index.courses, index.course_position[course_id])
        return show("course_page.md.j2", course=index.course(course_id), previous=previous, following=following)

    @env.macro
    def topic_page(topic_id: str) -> str:
        """The whole content of one monthly topic's page."""
        topic = index.topic(topic_id)
        previous, following = index.neighbours(index.topics, index.topic_position[topic_id])
        return show("topic_page.md.j2", topic=topic, related=index.related_modules(topic),
                    previous=previous, following=following)

    # The plugin gives each generated page its macro's Markdown (macros/pages/generated.py).
    components.plugin.page_renderers.update(courses=course_page, topics=topic_page)

    @env.macro
    def course_cards() -> str:
        """Every course as a card, in recommended order."""
        return show_html("course_cards.md.j2")

    @env.macro
    def course_sequence() -> str:
        """The courses as a numbered list with their modules."""
        return show_html("course_sequence.md.j2")

    @env.macro
    def topic_schedule() -> str:
        """The 12 monthly topics as a table."""
        return show("topic_schedule.md.j2")

    @env.macro
    def theme_index() -> str:
        """Each theme with the modules, training points and pathway steps mapped to it
        (course and topic pages are listed by the tags plugin, from their tags)."""
        tagged = {tag for page in components.plugin.generated.values() for tag in page.tags}
        return show("theme_index.md.j2", coverage=index.theme_coverage(), tagged=tagged)


def citation_labels(sources) -> dict[str, str]:
    """A short name to cite each source by, for pages that cite many: the publisher's short form
    (`VAIMH` in `Virginia Association for Infant Mental Health (VAIMH)`) or its name, with the
    page's title added where two of the sources would read the same (one name, one address)."""
    def short(publisher: str) -> str:
        found = re.search(r"\(([A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*)\)", publisher)
        return found.group(1) if found else re.split(r" \(|, ", publisher)[0]

    labels = {s.id: short(s.publisher) for s in sources}
    repeated = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    return {s.id: f"{labels[s.id]}: {s.title}" if labels[s.id] in repeated else labels[s.id] for s in sources}


def register_reference(env, components: MacroContext) -> None:
    """One section of a prose page each: requirements, reviews, sources, pathway, certificates."""
    index, site, show = components.index, components.site, components.show

    @env.macro
    def requirements(which: str) -> str:
        """The numbered requirements of `credential` or `leadership`."""
        return show("requirements.md.j2", items=getattr(site, which).requirements)

    @env.macro
    def reviewed(which: str) -> str:
        """Last reviewed / next review due for a page that states requirements."""
        return show("reviewed.md.j2", review=getattr(site, which).review)

    @env.macro
    def correction(correction_id: str) -> str:
        """A polite note where a source document is wrong or dated."""
        return show("correction.md.j2", item=index.corrections[correction_id])

    @env.macro
    def source_note(*source_ids: str) -> str:
        """Where a page's facts come from, with the date they were checked."""
        return show("source_note.md.j2", items=[index.sources[s] for s in source_ids])

    @env.macro
    def pathway(part: str) -> str:
        """One section of the career pathway: role, education, experience, continuing, networking."""
        return show(f"pathway_{part}.md.j2", pathway=site.pathway)

    @env.macro
    def leadership(part: str) -> str:
        """One section of the leadership certificate: collaborative, supervision, rios."""
        return show(f"leadership_{part}.md.j2", leadership=site.leadership)

    @env.macro
    def credential(part: str) -> str:
        """One section of the online credential: rules."""
        return show(f"credential_{part}.md.j2", credential=site.credential)

    @env.macro
    def start(part: str) -> str:
        """One part of "Where do I start?": `general` (what holds for everyone), `by_stage` or `by_job`."""
        # The association finder is linked once its page is part of the site.
        associations = "associations.md" in components.plugin.urls.page_urls
        cited = [said.source for said in site.start.general]
        cited += [said.source for route in site.start.routes for said in route.statements]
        return show(f"start_{part}.md.j2", start=site.start, associations=associations,
                    categories={c.id: c for c in site.endorsement.categories},
                    cite=citation_labels([index.sources[i] for i in dict.fromkeys(cited)]))

    @env.macro
    def points(part: str) -> str:
        """A titled list from training.yaml: importance, components, benefits, opportunities, strategies."""
        return show("points.md.j2", items=getattr(site.training, part))

    @env.macro
    def associations(part: str) -> str:
        """One part of "Find your association": count, table, details (data/associations.yaml)."""
        return show(f"associations_{part}.md.j2", rows=index.associations, alliance=site.associations.alliance)



def register_lists(env, components: MacroContext) -> None:
    """Whole lists of records, counts and single fields."""
    site, show = components.site, components.show

    def listing(template: str):
        def show_list() -> str:  # no argument: a page cannot name another template
            return show(f"{template}.md.j2")
        return show_list

    for name, template in (("faq", "faq"), ("organizations", "organizations"), ("glossary_list", "glossary"),
                           ("source_list", "sources"), ("correction_list", "corrections")):
        env.macro(listing(template), name)  # each from its own template

    @env.phrase
    def count(collection: str) -> int:
        """How many records a collection holds, e.g. `count("courses")`."""
        return len(getattr(site, collection))

    @env.phrase
    def data_text(path: str) -> str:
        """One plain-text field, e.g. `training.intro`, escaped for Markdown."""
        return str(components.renderer.env.finalize(data_at(site, path)))
