"""Macros for the reader's planning tools and the Endorsement comparison.

The tools (course checklist, hours tracker, calendar file) are rendered here as plain HTML
lists and tables from the data, so a reader without JavaScript still gets the content;
`overrides/assets/javascripts/tools.js` adds the checkboxes, progress, export and import,
keeping everything in the reader's own browser. Registered by `define_env`.
"""

from __future__ import annotations

from .model import Site


def page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL (relative to the site root) MkDocs gives the page built from `src_uri`."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def renewing_with_supervision(endorsement) -> list[str]:
    """Categories (or designations) whose yearly renewal asks for RSC hours too, by name."""
    names = []
    for cat in endorsement.categories:
        if cat.renewal_supervision:
            names.append(f"{cat.name} ({cat.abbreviation})")
        names += [f"{cat.name} – {d.name} ({d.abbreviation or cat.abbreviation})" for d in cat.designations if d.renewal_supervision]
    return names


def register(env, show, show_html, site: Site, courses, topics) -> None:
    """Add the planning and Endorsement macros to mkdocs-macros' `env`."""
    collaborative = site.leadership.collaborative
    directory_urls = bool(env.conf.get("use_directory_urls", True))

    @env.macro
    def course_checklist() -> str:
        """Every course and module of the credential, in recommended order, to tick off."""
        return show_html("course_checklist.md.j2")

    @env.macro
    def hours_tracker() -> str:
        """The collaborative's months, each with its training and supervision hours to tick off."""
        return show(
            "hours_tracker.md.j2", c=collaborative,
            training_target=collaborative.training_hours_per_month * len(topics),
            supervision_target=collaborative.supervision_hours_per_month * len(topics),
        )

    @env.macro
    def session_calendar() -> str:
        """A form that makes a calendar file (.ics) of the monthly sessions in the reader's browser."""
        sessions = [
            {"month": t.month, "title": t.title, "path": page_url(f"topics/{t.id}.md", directory_urls)}
            for t in topics
        ]
        return show("session_calendar.md.j2", c=collaborative, sessions=sessions)

    @env.macro
    def endorsement(part: str) -> str:
        """One part of the Endorsement page: categories, common, early_childhood, separate, guidelines."""
        return show(f"endorsement_{part}.md.j2", e=site.endorsement, renewing=renewing_with_supervision(site.endorsement))
