"""Which pages the data adds to the site: one per course and one per monthly topic.

A generated page is only front matter plus one macro call; its content is rendered by the
same macros and templates as the prose pages, so there is one rendering path.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Site


@dataclass(frozen=True)
class GeneratedPage:
    key: str  # e.g. "courses/rios-1"
    title: str  # the page's h1 and <title>
    nav_title: str  # shorter, for the navigation on a phone
    description: str
    tags: list[str]
    body: str

    @property
    def src_uri(self) -> str:
        return f"{self.key}.md"

    @property
    def meta(self) -> dict:
        return {"title": self.title, "description": self.description, "tags": self.tags}


def generated_pages(site: Site) -> list[GeneratedPage]:
    """Courses in recommended order, then topics by month (this is also the nav order)."""
    themes = {theme.id: theme.name for theme in site.themes}
    pages = []
    for course in sorted(site.courses, key=lambda c: c.order):
        ids = list(dict.fromkeys(course.themes + [t for m in course.modules for t in m.themes]))
        pages.append(GeneratedPage(
            f"courses/{course.id}", course.title, f"{course.order}. {course.short_title}", course.summary, [themes[t] for t in ids],
            f'{{{{ course_page("{course.id}") }}}}',
        ))
    for topic in sorted(site.topics, key=lambda t: t.month):
        pages.append(GeneratedPage(
            f"topics/{topic.id}", topic.title, f"Month {topic.month}: {topic.title}", topic.summary, [themes[t] for t in topic.themes],
            f'{{{{ topic_page("{topic.id}") }}}}',
        ))
    return pages
