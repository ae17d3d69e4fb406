"""Markdown extension: every heading's "¶" link gets a name that makes sense out of context.

The `toc` extension adds a permalink "¶" to each heading. A screen reader listing a page's
links would announce each one as "pilcrow". This names each link after its heading
("Link to section: Modules"), so the list of links reads as a list of sections.
The site's plugin (macros/plugin.py) adds the extension to every page's Markdown.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import unescape
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _names(tokens: list[dict], into: dict[str, str]) -> dict[str, str]:
    """Heading id -> plain-text heading, from the toc extension's nested tokens."""
    for token in tokens:
        into[token["id"]] = html.unescape(token["name"])
        _names(token.get("children", []), into)
    return into


class PermalinkNames(Treeprocessor):
    """Runs after `toc` (priority 5) has added ids and permalinks."""

    def run(self, root: etree.Element) -> None:
        names = _names(getattr(self.md, "toc_tokens", []), {})
        for heading in root.iter():
            if heading.tag not in HEADINGS:
                continue
            for link in heading.findall("a"):
                if "headerlink" in link.get("class", "").split():
                    # Ids still hold escaped characters here (`pymdownx.escapeall`); toc's tokens do not.
                    name = names.get(unescape(heading.get("id", "")), "").strip()
                    if name:
                        link.set("aria-label", f"Link to section: {name}")


class PermalinkNamesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(PermalinkNames(md), "imh_permalink_names", 4)

