"""The macros of the partner sites' page (docs/api.md): the JSON catalogue shown as partners get it."""

from __future__ import annotations

import re

from .structured import Catalog, course_json_path, file_json


def register(env, components) -> None:
    index = components.index

    @env.macro
    def api_example() -> str:
        """The first course's file in the JSON catalogue, exactly as partner sites get it (docs/api.md)."""
        catalog = Catalog(index, components.plugin.urls, env.conf["site_name"])
        text = file_json(catalog.course(index.courses[0]))
        fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", text)), default=0))
        return f"{fence}json\n{text}{fence}"

    @env.macro
    def api_course_link() -> str:
        """A link to the first course's file in the JSON catalogue (docs/api.md), whichever course that is."""
        path = course_json_path(index.courses[0])
        return f"[`{path}`]({path})"
