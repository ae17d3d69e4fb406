"""The theme index lists tagged pages in the site's own order.

Material's tags plugin sorts each theme's pages by title as text, which would put
"Month 11" before "Month 2". Course and topic pages are titled in the navigation with their
place ("2. SED Part 1", "Month 6: Attachment…"), so a natural sort (numbers compared as
numbers) lists courses in recommended order, then topics by month.
"""

from __future__ import annotations

import re

from material.plugins.tags.plugin import TagsPlugin


def natural_title(mapping) -> list:
    """Sort key: the page's title with each run of digits compared as a number."""
    parts = re.split(r"(\d+)", str(mapping.item.title or "").casefold())
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts]


def sort_tag_listings(config) -> None:
    """Make Material's tags plugin list each theme's pages by `natural_title`."""
    for plugin in config.plugins.values():
        if isinstance(plugin, TagsPlugin):
            plugin.config.listings_sort_by = natural_title
