"""Abbreviations from `data/glossary.yaml`, explained on hover and focus on every page.

`GlossaryAbbr` is Python-Markdown's `abbr` with boundaries that treat `®`, `™` and `-` as part of
a term (so `IMH-E®` and `RIOS™` match, and `IMH` does not match inside them), run after backslash
escapes are restored (data text is escaped). `GlossaryHtml` does the same for HTML components.
"""

from __future__ import annotations

import re

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markupsafe import Markup, escape


def abbreviation_pattern(terms) -> re.Pattern | None:
    """One regex for every term: longest first, not inside a longer word or hyphenated term."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    # Not after a letter, digit or hyphen; not before a letter or digit, nor before a hyphen
    # that starts another word ("IMH" must not match the start of "IMH-E").
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, terms)) + r")(?![\w]|-\w)")


class _Treeprocessor(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs:
            return None
        # Terms defined on a page with `*[X]: …` may be added during parsing, so build here.
        self.RE = abbreviation_pattern(self.abbrs)
        self.iter_element(root)
        return None


class GlossaryAbbr(AbbrExtension):
    """`abbr` with the site's glossary and boundaries that work for IMH-E® and RIOS™."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        super().extendMarkdown(md)
        # Priority -1: after `unescape` (0), so escaped punctuation in data text is plain again.
        md.treeprocessors.register(_Treeprocessor(md, self.abbrs), "abbr", -1)


class GlossaryHtml:
    """Plain text as HTML with glossary terms wrapped in <abbr>, for components written in HTML."""

    def __init__(self, titles: dict[str, str]):
        self.titles = titles
        self.pattern = abbreviation_pattern(titles)

    def __call__(self, value) -> Markup:
        text = "" if value is None else str(value)
        if self.pattern is None:
            return Markup(escape(text))
        out, last = [], 0
        for match in self.pattern.finditer(text):
            out.append(escape(text[last:match.start()]))
            out.append(Markup('<abbr title="{}">{}</abbr>').format(self.titles[match.group(0)], match.group(0)))
            last = match.end()
        out.append(escape(text[last:]))
        return Markup("").join(out)
