"""The theme index lists tagged pages in the site's own order.

Material's tags plugin sorts each theme's pages by title as text, which would put
"Month 11" before "Month 2". Course and topic pages are titled in the navigation with their
place ("2. SED Part 1", "Month 6: Attachment…"), so a natural sort (numbers compared as
numbers) lists courses in recommended order, then topics by month. mkdocs.yml names it as the
tags plugin's `listings_sort_by`.
"""

from __future__ import annotations

import re


def natural_title(mapping) -> list:
    """Sort key: the page's title with each run of digits compared as a number."""
    parts = re.split(r"(\d+)", str(mapping.item.title or "").casefold())
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts]

