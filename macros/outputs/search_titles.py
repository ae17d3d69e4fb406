"""Titles for search's first answer: every page's title and section headings, in one small file.

Pagefind's full-text answer needs its code, its index and one fragment per result, each a round
trip on a phone. The reader's usual search is a title (a course, a module, a monthly topic), so
search.js also fetches `search/titles.json` when the search opens, and search/titles.js answers title
matches from it at once; Pagefind's results follow and fill in excerpts. The file is only fetched on search.

It also carries what a page's front matter tells the search (`search:`, read by
macros/pages/search_settings.py): whom the page is for (`audience:`; the search lists the readers' pages first,
or, opened on a page for another audience, the pages for other audiences) and the pages it offers
when a search finds little (`suggest: true`). Pagefind's index marks the pages not for readers with
one filter value, `audience: other` (overrides/partials/search-page.html): Pagefind writes a filter
with several values in a different order on every run, and the build must be reproducible.

Format (compact JSON, the same bytes for the same pages):
    {"pages": [[url, title, [[heading id, heading text], …]], …],
     "default_audience": "readers", "audiences": {audience: [url, …], …},
     "suggest": [[url, title, description], …]}
`url` is relative to the site's root ("" for home); pages are in navigation order, which
breaks ties between equally good matches. `audiences` lists the pages of every audience but
the default; `suggest` is in navigation order.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..pages.search_settings import READERS, SearchSettings

OUTPUT = "search/titles.json"
LEVELS = (2, 3)  # section headings answered by title (a module is an h3 on its course page)
def _headings(toc) -> list[list[str]]:
    found = []
    for item in toc:
        if item.level in LEVELS and item.id:
            found.append([item.id, html.unescape(item.title)])
        found.extend(_headings(item.children))
    return found


def page_titles(page, title: str) -> list:
    """One page's entry: its URL, its title (the h1 a reader sees) and its section headings."""
    return [page.url, title, _headings(page.toc)]


def write_titles(site_dir: Path, entries: list[list], settings: list[SearchSettings],
                 descriptions: list[str]) -> Path:
    """The titles file for `entries` (page_titles, in navigation order), each with its page's
    search settings and description at the same place in `settings` and `descriptions`."""
    audiences: dict[str, list[str]] = {}
    for entry, setting in zip(entries, settings):
        if setting.audience != READERS:
            audiences.setdefault(setting.audience, []).append(entry[0])
    suggest = [[entry[0], entry[1], description]
               for entry, setting, description in zip(entries, settings, descriptions) if setting.suggest]
    path = Path(site_dir, OUTPUT)
    path.parent.mkdir(parents=True, exist_ok=True)
    content = {"pages": entries, "default_audience": READERS, "audiences": dict(sorted(audiences.items())),
               "suggest": suggest}
    path.write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path
