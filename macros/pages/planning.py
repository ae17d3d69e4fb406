"""Macros for the reader's planning tools and the Endorsement comparison.

The tools (course checklist, hours tracker, calendar file) are rendered here as plain HTML
lists and tables from the data, so a reader without JavaScript still gets the content;
`overrides/assets/javascripts/tick-tools.js` and `calendar.js` add the checkboxes, progress, export and import,
keeping everything in the reader's own browser. Registered by `define_env`.
"""

from __future__ import annotations


def renewing_with_supervision(endorsement) -> list[str]:
    """Categories (or designations) whose yearly renewal asks for RSC hours too, by name."""
    names = []
    for category in endorsement.categories:
        if category.renewal_supervision:
            names.append(f"{category.name} ({category.abbreviation})")
        names += [f"{category.name} – {d.name} ({d.abbreviation or category.abbreviation})"
                  for d in category.designations if d.renewal_supervision]
    return names


def register(env, components) -> None:
    """Add the planning and Endorsement macros to mkdocs-macros' `env` (the data is read when one runs)."""
    show = components.show

    @env.macro
    def course_checklist() -> str:
        """Every course and module of the credential, in recommended order, to tick off."""
        return components.show_html("course_checklist.md.j2")

    @env.macro
    def hours_tracker() -> str:
        """The collaborative's months, each with its training and supervision hours to tick off."""
        collaborative, months = components.site.leadership.collaborative, len(components.index.topics)
        return show(
            "hours_tracker.md.j2", collaborative=collaborative,
            training_target=collaborative.training_hours_per_month * months,
            supervision_target=collaborative.supervision_hours_per_month * months,
        )

    @env.macro
    def session_calendar() -> str:
        """A form that makes a calendar file (.ics) of the monthly sessions in the reader's browser."""
        sessions = [{"month": t.month, "title": t.title, "path": components.url(f"topics/{t.id}.md")}
                    for t in components.index.topics]
        return show("session_calendar.md.j2", collaborative=components.site.leadership.collaborative, sessions=sessions)

    @env.macro
    def endorsement(part: str) -> str:
        """One part of the Endorsement page: categories, common, early_childhood, separate, guidelines."""
        endorsement = components.site.endorsement
        return show(f"endorsement_{part}.md.j2", endorsement=endorsement, renewing=renewing_with_supervision(endorsement))
