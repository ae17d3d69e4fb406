"""Abbreviations from `data/glossary.yaml`, explained on hover and focus on every page.

Terms match with boundaries that treat `®`, `™` and `-` as part of a term (so `IMH-E®` and `RIOS™`
match, and `IMH` does not match inside them), after backslash escapes are restored (data text is
escaped). One `Glossary` does the matching for page Markdown (`GlossaryAbbr`, which also reads a
page's own `*[X]: …` lines), for Markdown fields of the data (macros/data/markdown.py calls
`Glossary.wrap`) and for HTML components (`GlossaryHtml`).

The work is linear in the text, however many terms there are: one regex shaped as a trie of the
terms (a position is tried against the letters that can follow, not against every term), the
tree walked without recursion and each element's children rebuilt once, and definitions read
line by line (bench/NOTES.md, "Markdown fields").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Iterator

from markdown.blockprocessors import BlockProcessor
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup, escape

MAX_TERM = 60  # characters: a longer `*[…]:` line is not a definition, and stays on the page as typed

# Python-Markdown's placeholders for stashed HTML (`\x02…\x03`): never matched into.
_PLACEHOLDER = re.compile("\x02[^\x02\x03]*\x03")


def _trie(terms: Iterable[str]) -> str:
    """The terms as one regex: shared beginnings written once, longer terms tried first."""
    root: dict = {}
    for term in terms:
        node = root
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}
    # Built from the leaves up, without recursion (a term is at most MAX_TERM characters deep).
    order, stack = [], [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(child for char, child in node.items() if char)
    regex: dict[int, str] = {}
    for node in reversed(order):
        branches = []
        for char, child in sorted((c, n) for c, n in node.items() if c):
            branches.append(re.escape(char) + regex[id(child)])
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")" if branches else ""
        regex[id(node)] = f"(?:{body})?" if "" in node and body else body
    return regex[id(root)]


def abbreviation_pattern(terms: Iterable[str]) -> re.Pattern | None:
    """One regex for every term: the longest that fits, not inside a longer word or hyphenated term."""
    terms = {t for t in terms if t and len(t) <= MAX_TERM}
    if not terms:
        return None
    # Not after a letter, digit or hyphen; not before a letter or digit, nor before a hyphen
    # that starts another word ("IMH" must not match the start of "IMH-E").
    return re.compile(r"(?<![\w-])" + _trie(terms) + r"(?![\w]|-\w)")


def _between_placeholders(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    if "\x02" in text:
        for match in _PLACEHOLDER.finditer(text):
            yield start, match.start()
            start = match.end()
    yield start, len(text)


class Glossary:
    """Terms and their titles, found in text and wrapped in <abbr>."""

    def __init__(self, titles: dict[str, str]):
        self.titles = titles
        self.pattern = abbreviation_pattern(titles)

    def pieces(self, text: str) -> Iterator[tuple[str, bool]]:
        """`text` cut into (piece, is_a_term), in order; nothing inside a placeholder is a term."""
        last = 0
        if self.pattern is not None:
            for start, end in _between_placeholders(text):
                for match in self.pattern.finditer(text, start, end):
                    if match.group(0) not in self.titles:  # a term longer than MAX_TERM was left out
                        continue
                    yield text[last:match.start()], False
                    yield match.group(0), True
                    last = match.end()
        yield text[last:], False

    def _split(self, text: str) -> tuple[str, list[etree.Element]]:
        """The text before the first term, and an <abbr> for each term with the text after it as tail."""
        head, abbrs = "", []
        for piece, is_term in self.pieces(text):
            if is_term:
                abbr = etree.Element("abbr", {"title": self.titles[piece]})
                abbr.text = AtomicString(piece)
                abbr.tail = ""
                abbrs.append(abbr)
            elif abbrs:
                abbrs[-1].tail += piece
            else:
                head = piece
        return head, abbrs

    def wrap(self, root: etree.Element) -> None:
        """Every term in the text of `root` and below wrapped in <abbr title="…">."""
        if self.pattern is None:
            return
        stack = [root]
        while stack:
            el = stack.pop()
            children = list(el)
            stack.extend(children)
            rebuilt: list[etree.Element] = []
            changed = False
            if el.text and not isinstance(el.text, AtomicString):
                el.text, abbrs = self._split(el.text)
                rebuilt += abbrs
                changed = bool(abbrs)
            for child in children:
                rebuilt.append(child)
                if child.tail and not isinstance(child.tail, AtomicString):
                    child.tail, abbrs = self._split(child.tail)
                    rebuilt += abbrs
                    changed = changed or bool(abbrs)
            if changed:
                el[:] = rebuilt

    def html(self, value) -> Markup:
        """Plain text as HTML, its terms in <abbr>."""
        text = "" if value is None else str(value)
        out = []
        for piece, is_term in self.pieces(text):
            out.append(Markup('<abbr title="{}">{}</abbr>').format(self.titles[piece], piece) if is_term else escape(piece))
        return Markup("").join(out)


class _Treeprocessor(Treeprocessor):
    """The glossary's and the page's own terms, wrapped in the page's tree."""

    def __init__(self, md, extension: "GlossaryAbbr"):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        self.extension.matcher().wrap(root)
        return None


# `*[TERM]: what it stands for`, on one line (or the title alone on the next): the term holds no
# `]`, backslash or line break, so a search never runs past its line.
_DEFINITION = re.compile(r"^[*]\[([^\]\\\n]{1,%d})\][ ]?:[ ]*(.*)$" % MAX_TERM, re.M)


class _Definitions(BlockProcessor):
    """A page's abbreviation lines, read in one pass over each block (Python-Markdown's own reader
    searches the rest of the block again after each definition)."""

    def __init__(self, parser, abbrs: dict[str, str]):
        super().__init__(parser)
        self.abbrs = abbrs

    def test(self, parent, block) -> bool:
        return "*[" in block

    def run(self, parent, blocks) -> bool:
        block = blocks.pop(0)
        lines = block.split("\n")
        kept: list[list[str]] = [[]]
        found = False
        i = 0
        while i < len(lines):
            match = _DEFINITION.match(lines[i])
            title = match.group(2).strip() if match else ""
            if match and not title and i + 1 < len(lines):  # the title on the next line
                title, i = lines[i + 1].strip(), i + 1
            if match and title:
                found = True
                term = match.group(1).strip()
                if title in ("''", '""'):
                    self.abbrs.pop(term, None)
                else:
                    self.abbrs[term] = title
                kept.append([])
            else:
                kept[-1].append(lines[i])
            i += 1
        if not found:
            blocks.insert(0, block)
            return False
        # What surrounded the definitions goes back as blocks of its own, in order.
        blocks[0:0] = ["\n".join(part) for part in kept if "\n".join(part).strip()]
        return True


class GlossaryAbbr(AbbrExtension):
    """`abbr` with the site's glossary, boundaries that work for IMH-E® and RIOS™, and linear work."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        super().extendMarkdown(md)
        # Priority -1: after `unescape` (0), so escaped punctuation in data text is plain again.
        md.treeprocessors.register(_Treeprocessor(md, self), "abbr", -1)
        # `self.abbrs` is shared: a page's `*[X]: …` lines add to the glossary for that page.
        md.parser.blockprocessors.register(_Definitions(md.parser, self.abbrs), "abbr", 16)

    def matcher(self) -> Glossary:
        """The matcher for the terms the page knows; kept while they stay the same (MkDocs makes a
        converter per page, with this one extension: most pages define no terms of their own)."""
        key = tuple(self.abbrs.items())
        if getattr(self, "_matcher", (None,))[0] != key:
            self._matcher = (key, Glossary(dict(self.abbrs)))
        return self._matcher[1]


class GlossaryHtml:
    """Plain text as HTML with glossary terms wrapped in <abbr>, for components written in HTML."""

    def __init__(self, titles: dict[str, str]):
        self.glossary = Glossary(titles)

    def __call__(self, value) -> Markup:
        return self.glossary.html(value)
