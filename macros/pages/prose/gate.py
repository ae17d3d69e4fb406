"""docs/ in one build: each page judged before anything renders, its links once every page has rendered.

The plugin (macros/plugin.py) gives MkDocs, for each page, the text `page()` returns: the page as
written when it passes, or an inert stand-in when it does not (nothing of it runs or renders).
Every problem is kept on the gate; the plugin reports them before anything is written, the same
way for `make check`, `make build` and the preview of `make serve`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from ...data.problems import Problem
from ..render import text as plain
from .links import check_links, ids
from .macro_calls import Call, Known, MacroGate
from .nav import missing_from_nav, nav_entries
from .source import PageSource, normalise, read_source

INERT = ("---\nrender_macros: false\nsearch:\n  exclude: true\n---\n\n# {name}\n\n"
         "This page is not built until the problems found in it are fixed (they are listed at the top).\n")


def _guarded(file: str, check) -> list[Problem]:
    """A check of one page; a fault of the checker itself becomes one line naming the page."""
    try:
        return check()
    except TimeoutError:
        raise  # a time limit from outside (a test's), not a fault of the checker
    except Exception as error:  # noqa: BLE001 (an editor never sees a traceback)
        return [Problem(file, 1, 1, f"this page could not be checked ({type(error).__name__}: {error})",
                        "this is a fault in the site's checker, not necessarily in your edit: please report it")]


class DocsGate:
    """The prose pages of one build: what each may hold, and what it links to."""

    def __init__(self, docs: str, known: Known, root: Path, entity_names=()):
        self.docs = docs  # the docs folder as written from the project's root, e.g. "docs"
        self.root = root
        self.entity_names = tuple(entity_names)  # what `structured_data:` may name (macros/outputs/structured.py)
        self.macros = MacroGate(known)
        self.renders = known.site is not None  # no page is rendered without the data (`make check` goes on)
        self.problems: list[Problem] = []
        self.sources: dict[str, PageSource] = {}  # src_uri -> a page that passed, as read
        self.calls: dict[str, list[Call]] = {}  # src_uri -> its macro calls, in the order they run
        self.anchors: dict[str, set[str] | None] = {}  # src_uri -> the ids of the page as rendered
        self.titles: dict[str, str] = {}  # src_uri -> the page's title as written (front matter, or its "# " line)
        self._ran: dict[str, int] = {}  # src_uri -> macro calls run so far

    def page(self, src_uri: str, raw: bytes) -> str:
        """The text MkDocs is to read for the page at `src_uri`, whose file holds `raw`."""
        file = f"{self.docs}/{src_uri}"
        try:
            text = normalise(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            self.problems.append(Problem(file, raw[: error.start].count(b"\n") + 1, 1,
                                         "this character is not UTF-8 text (the file was saved in another encoding)",
                                         "save the file as UTF-8 (in most editors: Save with encoding → UTF-8), or retype the character"))
            return self.inert(src_uri)
        problems: list[Problem] = []
        calls: list[Call] = []

        def judge() -> list[Problem]:
            page = read_source(file, src_uri, text, problems)
            self.sources[src_uri] = page
            return self._front_matter(page) + self.macros.check(page, calls)

        problems += _guarded(file, judge)
        self.problems += problems
        if any(problem.level == "error" for problem in problems):
            self.sources.pop(src_uri, None)
            return self.inert(src_uri)
        self.calls[src_uri] = calls
        self.titles[src_uri] = _title(self.sources[src_uri])  # only a page that passed: its title is offered for nav:
        return text if self.renders else self.inert(src_uri)

    def _front_matter(self, page: PageSource) -> list[Problem]:
        """The imh plugin's own front-matter fields: the edit button's data file, the JSON-LD entities."""
        problems = []
        data_file = page.meta.get("data_file")
        if data_file is not None and not (isinstance(data_file, str) and data_file.startswith("data/")
                                          and ".." not in data_file.split("/") and (self.root / data_file).is_file()):
            problems.append(Problem(page.file, _meta_line(page, "data_file"), 1,
                                    f"'data_file: {data_file}' names no file of data/",
                                    "write the path from the project's folder, e.g. data/faq.yaml"))
        names = page.meta.get("structured_data") or []
        unknown = [name for name in (names if isinstance(names, list) else [names]) if name not in self.entity_names]
        if unknown:
            problems.append(Problem(page.file, _meta_line(page, "structured_data"), 1,
                                    f"'structured_data' lists {', '.join(map(repr, unknown))}",
                                    f"use some of: {', '.join(self.entity_names)}"))
        return problems

    def check_nav(self, left_out: list[str], config_text: str) -> None:
        """Pages of docs/ that `nav:` in mkdocs.yml leaves out: each with the line to add."""
        entries = nav_entries(config_text)
        for src_uri in sorted(left_out):
            title = self.titles.get(src_uri) or posixpath.splitext(posixpath.basename(src_uri))[0].replace("-", " ").capitalize()
            self.problems.append(missing_from_nav(f"{self.docs}/{src_uri}", src_uri, title, entries))

    def misplaced_block(self, src_uri: str) -> None:
        """A macro that writes a whole HTML block sat inside a paragraph, list or table."""
        calls = self.calls.get(src_uri) or [Call("", 1, 1)]
        self.problems.append(Problem(f"{self.docs}/{src_uri}", calls[0].line, calls[0].col,
                                     "a macro that writes a whole HTML block is inside a paragraph, list or table",
                                     "put each macro call on a line of its own, with a blank line before and after"))

    def inert(self, src_uri: str) -> str:
        """A stand-in for a page that cannot be built: its name, and nothing of what it holds."""
        self.anchors[src_uri] = None  # links to its sections are not judged
        return INERT.format(name=plain(src_uri))

    def rendered(self, src_uri: str, html: str) -> None:
        """A page's HTML as the build rendered it (components written in HTML included)."""
        if self.anchors.get(src_uri, ()) is not None:
            self.anchors[src_uri] = ids(html)

    # --- macros that fail while a page renders ----------------------------------------------

    def macro_starts(self, src_uri: str) -> int:
        """The number of this call among the page's macro calls (calls run in the order written)."""
        number = self._ran.get(src_uri, 0)
        self._ran[src_uri] = number + 1
        return number

    def macro_failed(self, src_uri: str, number: int, name: str, error: Exception) -> None:
        calls = self.calls.get(src_uri, [])
        at = calls[number] if number < len(calls) and calls[number].name == name else Call(name, 1, 1)
        self.problems.append(Problem(f"{self.docs}/{src_uri}", at.line, at.col,
                                     f"{name}() failed on this line ({type(error).__name__}: {error})",
                                     "compare the line with the macros listed in the editing guide, or undo the last change to it"))

    # --- once every page has rendered ------------------------------------------------------

    def check_links(self) -> None:
        """Every link of every page that passed, against the pages and sections the build made."""
        for _, page in sorted(self.sources.items()):
            self.problems += _guarded(page.file, lambda page=page: check_links(page, self.anchors))


def _meta_line(page: PageSource, key: str) -> int:
    """The line of a front-matter field in the editor's file."""
    head = page.text.split("\n")[: page.offset]
    return next((n + 1 for n, line in enumerate(head) if line.startswith(f"{key}:")), 1)


def _title(page: PageSource) -> str:
    """The title the page gives itself: `title:` in its front matter, else its first "# " heading."""
    title = page.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    heading = re.search(r"^#[ \t]+(.+?)[ \t]*(?:\{[^}]*\})?[ \t#]*$", page.body, re.M)
    return heading.group(1).strip() if heading else ""
