"""Which pages the data adds to the site: one per course and one per monthly topic.

A generated page is only front matter; its content is rendered by the same macro a prose page
would call (`course_page`, `topic_page`), through the same templates, so there is one rendering
path. The hook calls the macro directly (`RENDER`, filled by `define_env`), and the front matter
turns the macros plugin off for the page: compiling a one-line Jinja template for every page
cost more than the call (bench/NOTES.md).

Every generated page also gets a navigation entry (`nav_entries`). Material writes the open
part of the navigation into every page, so a flat list of N courses would put N links in each
of N pages and the build would grow with N². Long collections are therefore nested in numbered
groups of at most NAV_GROUP entries ("Courses 13–24"); with `navigation.prune` a page carries
only the groups on its own path, a few dozen links whatever the size of the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import Site
from .render import html_text

NAV_GROUP = 12  # most entries one level of the navigation shows (a phone screen, 12 months)

# Collection ("courses", "topics") -> the macro that renders one record's page from its id.
RENDER: dict[str, Callable[[str], str]] = {}


@dataclass(frozen=True)
class GeneratedPage:
    key: str  # e.g. "courses/rios-1"
    title: str  # the page's h1 and <title>
    nav_title: str  # shorter, for the navigation on a phone
    description: str
    tags: list[str]
    number: int = 0  # place in its collection (course order, topic month), used in group labels
    collection: str = ""  # plural name for group labels, e.g. "Courses"

    @property
    def src_uri(self) -> str:
        return f"{self.key}.md"

    @property
    def meta(self) -> dict:
        return {"title": self.title, "description": self.description, "tags": self.tags, "render_macros": False}

    def render(self) -> str:
        """The page's Markdown, from the macro for its collection."""
        collection, record_id = self.key.split("/", 1)
        return RENDER[collection](record_id)


def generated_pages(site: Site) -> list[GeneratedPage]:
    """Courses in recommended order, then topics by month (this is also the nav order)."""
    themes = {theme.id: theme.name for theme in site.themes}
    pages = []
    for course in sorted(site.courses, key=lambda c: c.order):
        ids = list(dict.fromkeys(course.themes + [t for m in course.modules for t in m.themes]))
        pages.append(GeneratedPage(
            f"courses/{course.id}", course.title, f"{course.order}. {course.short_title}", course.summary, [themes[t] for t in ids],
            course.order, "Courses",
        ))
    for topic in sorted(site.topics, key=lambda t: t.month):
        pages.append(GeneratedPage(
            f"topics/{topic.id}", topic.title, f"Month {topic.month}: {topic.title}", topic.summary, [themes[t] for t in topic.themes],
            topic.month, "Months",
        ))
    return pages


def nav_entries(pages: list[GeneratedPage]) -> list[dict]:
    """MkDocs nav entries for one collection, in order: flat up to NAV_GROUP, else nested groups.

    Groups hold NAV_GROUP, NAV_GROUP², … pages, so no level lists more than NAV_GROUP entries
    and a page's open path holds about NAV_GROUP × depth links (depth grows with log N).
    """
    if len(pages) <= NAV_GROUP:
        # Navigation titles are HTML to MkDocs and the theme: data text is escaped to show as typed.
        return [{str(html_text(page.nav_title)): page.src_uri} for page in pages]
    size = NAV_GROUP
    while size * NAV_GROUP < len(pages):
        size *= NAV_GROUP
    groups = [pages[i:i + size] for i in range(0, len(pages), size)]
    return [{f"{group[0].collection} {group[0].number}–{group[-1].number}": nav_entries(group)} for group in groups]
