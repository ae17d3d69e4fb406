"""Which pages the data adds to the site: one per course and one per monthly topic.

A generated page is only front matter; the plugin gives it the content of the macro a prose page
would call (`course_page`, `topic_page`), so there is one rendering path. Long collections get
nested navigation groups (`nav_entries`) so every page's navigation stays small.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..data.index import SiteIndex
from .render import html_text

NAV_GROUP = 12  # most entries one level of the navigation shows (a phone screen, 12 months)


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
    def record_id(self) -> str:
        return self.key.split("/", 1)[1]

    @property
    def kind(self) -> str:
        """The collection's folder: "courses" or "topics"."""
        return self.key.split("/", 1)[0]

    @property
    def meta(self) -> dict:
        return {"title": self.title, "description": self.description, "tags": self.tags, "render_macros": False}

    def source(self) -> str:
        """The page's file: front matter only (JSON is YAML, read back by MkDocs)."""
        return f"---\n{json.dumps(self.meta, ensure_ascii=False)}\n---\n"


def generated_pages(index: SiteIndex) -> list[GeneratedPage]:
    """Courses in recommended order, then topics by month (this is also the nav order)."""
    names = {theme.id: theme.name for theme in index.site.themes}
    pages = []
    for course in index.courses:
        pages.append(GeneratedPage(
            f"courses/{course.id}", course.title, f"{course.order}. {course.short_title}", course.summary,
            [names[t] for t in index.course_theme_ids(course)], course.order, "Courses",
        ))
    for topic in index.topics:
        pages.append(GeneratedPage(
            f"topics/{topic.id}", topic.title, f"Month {topic.month}: {topic.title}", topic.summary,
            [names[t] for t in topic.themes], topic.month, "Months",
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


def expand_nav(nav, pages: list[GeneratedPage]):
    """Replace an entry such as `courses/*` with one entry per generated page, in order."""
    if nav is None:
        return None
    expanded = []
    for item in nav:
        if isinstance(item, str) and item.endswith("/*"):
            folder = item[:-2]
            expanded += nav_entries([p for p in pages if p.src_uri.startswith(folder + "/")])
        elif isinstance(item, dict):
            expanded.append({k: expand_nav(v, pages) if isinstance(v, list) else v for k, v in item.items()})
        else:
            expanded.append(item)
    return expanded
