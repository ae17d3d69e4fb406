"""Titles for search's first answer: every page's title and section headings, in one small file.

Pagefind's full-text answer needs its code, its index and one fragment per result, each a round
trip on a phone. The reader's usual search is a title (a course, a module, a monthly topic), so
search.js also fetches `search/titles.json` when the search opens and answers title matches from
it at once; Pagefind's results follow and fill in excerpts. The file is only fetched on search.

Format (compact JSON, the same bytes for the same pages):
    {"pages": [[url, title, [[heading id, heading text], …]], …]}
`url` is relative to the site's root ("" for home); pages are in navigation order, which
breaks ties between equally good matches.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

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


def write_titles(site_dir: Path, entries: list[list]) -> Path:
    path = Path(site_dir, OUTPUT)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"pages": entries}, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return path
