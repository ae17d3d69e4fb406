"""Markdown extension: a table column's alignment as a class, not a `style` attribute.

Python-Markdown's `tables` writes `style="text-align: right;"` on an aligned column's cells; the
site's Content-Security-Policy applies no `style` attribute (macros/pages/csp.py), so the cells
get `class="imh-align-right"` instead, styled in site.css. The plugin adds it to every page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")


class AlignClasses(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for cell in root.iter():
            if cell.tag in ("th", "td") and cell.get("style") is not None:
                match = _ALIGN.match(cell.get("style"))
                if match:
                    del cell.attrib["style"]
                    cell.set("class", " ".join(filter(None, [cell.get("class"), f"imh-align-{match.group(1)}"])))


class AlignClassesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(AlignClasses(md), "imh_align_classes", 4)
