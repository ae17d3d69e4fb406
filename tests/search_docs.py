"""The site's search index (Pagefind's, under site/pagefind/) read back as search entries.

Pagefind stores one fragment per page: gzip-compressed JSON (after a "pagefind_dcd"
signature) holding the page's indexed text, its title and the headings with their word
positions. `read_index` turns them into the entries a reader's search can return, one for
each page (its title and the text up to its first section) and one for each section with
an id (its heading and text), so tests can say what search can find and where.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def decode_fragment(path: Path) -> dict:
    """One page's fragment: its URL, indexed text, metadata (title, tags) and headings."""
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIGNATURE), f"{path.name} is not a Pagefind fragment"
    return json.loads(raw[len(SIGNATURE):].decode("utf-8"))


def fragments(site: Path) -> list[dict]:
    """Every page fragment of the index, decoded, in a stable order."""
    found = [decode_fragment(p) for p in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    return sorted(found, key=lambda f: f["url"])


def read_index(site: Path) -> dict:
    """{"docs": [{"location", "title", "text"}, …]}: a page's location is its URL without the
    leading slash ("" for the home page), a section's has "#<heading id>" after it."""
    docs = []
    for page in fragments(site):
        words = page["content"].split()
        location = page["url"].lstrip("/")
        sections = [a for a in page["anchors"] if a["element"] != "h1" and a["element"].startswith("h")]
        ends = [a["location"] for a in sections] + [len(words)]
        docs.append({"location": location, "title": page["meta"].get("title", ""),
                     "tags": page["meta"].get("tags", ""), "text": " ".join(words[:ends[0]])})
        for anchor, end in zip(sections, ends[1:]):
            docs.append({"location": f"{location}#{anchor['id']}", "title": anchor["text"],
                         "text": " ".join(words[anchor["location"]:end])})
    return {"docs": docs}
