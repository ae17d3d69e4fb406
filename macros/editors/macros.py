"""The macros of the editors' pages (docs/editing.md): what staff read about the data files."""

from __future__ import annotations

from .schema import reference


def register(env, components) -> None:
    show = components.show

    @env.macro
    def field_reference() -> str:
        """Every data file's fields and their help, from the JSON Schemas (docs/editing.md)."""
        return show("field_reference.md.j2", files=reference())
