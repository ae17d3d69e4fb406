"""The validated site indexed once per build: lookups by id, the ordered collections, theme coverage.

Shared by the macros, the generated pages and the structured data, so every part of the build
sees the same order and the same records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .model import Association, Course, Site, Topic

TRAINING_PARTS = ("importance", "components", "benefits", "opportunities", "strategies")


def data_at(site: Site, path: str):
    """One value of the data by its dotted path, e.g. `training.intro` or `endorsement.categories`
    (pages name them so; `make check` reports a path that does not exist, see macros/pages/prose/macro_calls.py)."""
    value = site
    for part in path.split("."):
        value = getattr(value, part)
    return value


@dataclass(frozen=True)
class AssociationRow:
    """An association as pages and machines show it: its record, with its name, short name and
    website from `data/organizations.yaml` when the record names an organization."""

    record: Association
    name: str
    short_name: str | None
    website: str

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def label(self) -> str:
        """'Alabama: First 5 Alabama': the place and what the association is called for short."""
        return f"{self.record.place}: {self.short_name or self.name}"


@dataclass
class SiteIndex:
    site: Site
    # Which YAML file each generated page comes from, e.g. 'courses/rios-1' -> 'data/courses/rios-1.yaml'.
    data_files: dict[str, str] = field(default_factory=dict)

    @cached_property
    def sources(self):
        return {source.id: source for source in self.site.sources}

    @cached_property
    def orgs(self):
        return {org.id: org for org in self.site.organizations}

    @cached_property
    def themes(self):
        return {theme.id: theme for theme in self.site.themes}

    @cached_property
    def corrections(self):
        return {correction.id: correction for correction in self.site.corrections}

    @cached_property
    def glossary(self) -> dict[str, str]:
        """Each term as written on pages -> what it stands for (the tooltip text)."""
        return {term.term: term.expansion for term in self.site.glossary}

    @cached_property
    def courses(self) -> list[Course]:
        """Courses in the recommended order."""
        return sorted(self.site.courses, key=lambda course: course.order)

    @cached_property
    def topics(self) -> list[Topic]:
        """Monthly topics by month."""
        return sorted(self.site.topics, key=lambda topic: topic.month)

    @cached_property
    def associations(self) -> list[AssociationRow]:
        """The associations by state (A to Z), then those abroad by country and place."""
        rows = []
        for a in self.site.associations.associations:
            org = self.orgs.get(a.organization) if a.organization else None
            rows.append(AssociationRow(
                record=a,
                name=org.name if org else str(a.name),
                short_name=(org.abbreviation if org else a.short_name) or None,
                website=str(org.url if org else a.website),
            ))
        return sorted(rows, key=lambda r: (r.record.abroad, r.record.country.casefold(), r.record.place.casefold(), r.name.casefold()))

    @cached_property
    def course_position(self) -> dict[str, int]:
        # By id: list.index would compare whole records, N² with a long catalogue.
        return {course.id: i for i, course in enumerate(self.courses)}

    @cached_property
    def topic_position(self) -> dict[str, int]:
        return {topic.id: i for i, topic in enumerate(self.topics)}

    @cached_property
    def course_pages(self) -> dict[str, Course]:
        """The course behind each generated page, by its path without `.md`."""
        return {f"courses/{course.id}": course for course in self.courses}

    @cached_property
    def topic_pages(self) -> dict[str, Topic]:
        return {f"topics/{topic.id}": topic for topic in self.topics}

    def course(self, course_id: str) -> Course:
        return self.courses[self.course_position[course_id]]

    def topic(self, topic_id: str) -> Topic:
        return self.topics[self.topic_position[topic_id]]

    def neighbours(self, items: list, position: int) -> tuple:
        """(the record before, the record after) in an ordered collection, or None at either end."""
        return (items[position - 1] if position else None,
                items[position + 1] if position + 1 < len(items) else None)

    @cached_property
    def modules(self) -> list[tuple]:
        """Every (course, module) in the recommended order."""
        return [(course, module) for course in self.courses for module in course.modules]

    @cached_property
    def modules_of_theme(self) -> dict[str, list[int]]:
        """Theme id -> positions in `modules`: a topic's related modules merge a few short lists."""
        found: dict[str, list[int]] = {}
        for position, (_, module) in enumerate(self.modules):
            for theme in module.themes:
                found.setdefault(theme, []).append(position)
        return found

    def related_modules(self, topic: Topic) -> list[tuple]:
        positions = sorted({p for theme in topic.themes for p in self.modules_of_theme.get(theme, [])})
        return [self.modules[p] for p in positions]

    def course_theme_ids(self, course: Course) -> list[str]:
        """The course's own themes, then its modules', each once."""
        return list(dict.fromkeys(course.themes + [t for m in course.modules for t in m.themes]))

    def theme_coverage(self) -> dict[str, list[tuple[str, list[tuple[str, str]]]]]:
        """Theme id -> [(kind, [(label, page#anchor)])]: modules, training points and pathway steps.

        Course and topic pages carry their themes as tags (the tags plugin lists them)."""
        coverage = {}
        for theme in self.themes:
            groups = [
                ("Course modules", [(f"{course.short_title}, module {module.number}: {module.title}",
                                     f"courses/{course.id}.md#module-{module.number}")
                                    for course, module in self.modules if theme in module.themes]),
                ("Training", [(point.title, f"training.md#{point.id}")
                              for part in TRAINING_PARTS
                              for point in getattr(self.site.training, part) if theme in point.themes]),
                ("Pathway steps", [(step.title, f"pathway.md#{step.id}")
                                   for step in self.site.pathway.education if theme in step.themes]),
            ]
            coverage[theme] = [(kind, entries) for kind, entries in groups if entries]
        return coverage
