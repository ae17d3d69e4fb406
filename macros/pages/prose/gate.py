"""docs/ in one build: each file judged before anything renders, each page's links once all have rendered.

The plugin (macros/plugin.py) gives MkDocs, for each page, the text `page()` returns: the page as
written when it passes, or an inert stand-in when it does not (nothing of it runs or renders);
a file that is not a page or a picture, or any link, is left out of the site. Every problem is
kept here; the plugin reports them before anything is written, the same way for `make check`,
`make build` and the preview of `make serve`.

A page passes, in order: its size and nesting (limits.py), its front matter (source.py), its
Jinja (macro_calls.py: the site's macros with literal values, nothing else), the HTML and
addresses it writes (markup.py, links.py), and what Markdown makes of it (`MarkdownProbe`).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import markdown

from ...data.lines import Lines
from ...data.problems import Problem
from .files import file_problem, symlinks
from .limits import control_characters, over_limits
from .links import check_links, ids, link_problems
from .macro_calls import Call, Known, MacroGate
from .markup import blank_code, judge_rendered, scan_attribute_lists, scan_html
from .nav import meant_page, misspelt_in_nav, missing_from_nav, nav_entries, not_a_page
from .source import PageSource, meta_line, normalise, read_source

# Nothing of the page reaches its stand-in, not even its file name (which could hold Jinja or HTML).
INERT = ("---\ntitle: This page is not built\nrender_macros: false\n---\n\n"
         "# This page is not built\n\n"
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


class MarkdownProbe:
    """The site's own Markdown (its extensions, as mkdocs.yml and the plugin set them) run on a
    page's text, to judge what it makes: every raw HTML block and every element and attribute."""

    def __init__(self, extensions, configs):
        self.markdown = markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs or {}))

    def judge(self, page: PageSource) -> list[Problem]:
        converter = self.markdown.reset()
        try:
            rendered = converter.convert(page.prose_for_markdown)
        except RecursionError:
            return [page.at(1, 1, "the page nests lists, quotes, emphasis or HTML too deeply for Markdown",
                            "nest fewer things inside one another (docs/editing.md lists the limits)")]
        # Raw HTML the page wrote itself is held to the allow-list tag by tag; what an extension wrote
        # (highlighted code, say) is judged with everything else Markdown made.
        written = [block for block in map(str, converter.htmlStash.rawHtmlBlocks) if block.strip() in page.prose_for_markdown]
        found = judge_rendered(rendered, written)
        lines = page.body.lower().split("\n")
        problems = []
        for needle, message, fix in found:
            line = next((n for n, text in enumerate(lines, 1) if needle and needle.lower() in text), 1)
            problems.append(page.at(line, 1, message, fix))
        return problems


class DocsGate:
    """The files and pages of docs/ in one build: what each may hold, and what each links to."""

    def __init__(self, docs: str, known: Known, root: Path, entity_names=(), theme_dirs=()):
        self.docs = docs  # the docs folder as written from the project's root, e.g. "docs"
        self.root = root
        self.theme_dirs = [Path(folder) for folder in theme_dirs]  # where the theme's templates and icons are
        self.entity_names = tuple(entity_names)  # what `structured_data:` may name (macros/outputs/structured.py)
        self.macros = MacroGate(known)
        self.probe: MarkdownProbe | None = None  # made once every plugin has added its extensions (`use_markdown`)
        self.renders = known.site is not None  # no page is rendered without the data (`make check` goes on)
        self.problems: list[Problem] = []
        self.linked: set[str] = set()  # src_uris of symbolic links and other files left out (each reported once)
        self.sources: dict[str, PageSource] = {}  # src_uri -> a page that passed, as read
        self.calls: dict[str, list[Call]] = {}  # src_uri -> its macro calls, in the order they run
        self.anchors: dict[str, set[str] | None] = {}  # src_uri -> the ids of the page as rendered
        self.titles: dict[str, str] = {}  # src_uri -> the page's title as written (front matter, or its "# " line)
        self._ran: dict[str, int] = {}  # src_uri -> macro calls run so far

    def use_markdown(self, extensions, configs) -> None:
        """The Markdown extensions the build's pages get (mkdocs.yml's, and the plugin's own)."""
        self.probe = MarkdownProbe(extensions, configs)

    # --- files --------------------------------------------------------------------------------

    def find_symlinks(self, docs_dir: Path) -> bool:
        """Every symbolic link in docs/ is a problem; True if one is a folder's (MkDocs would walk into it)."""
        problems, folder = symlinks(docs_dir, self.docs)
        self.problems += problems
        self.linked = {problem.file.removeprefix(f"{self.docs}/") for problem in problems}
        return folder

    def keeps(self, docs_dir: Path, src_uri: str) -> bool:
        """Whether a file of docs/ may be published (a link, or a file that is neither a page nor a
        picture, is reported and left out)."""
        if src_uri in self.linked or any(src_uri.startswith(link + "/") for link in self.linked):
            return False
        problem = file_problem(docs_dir, src_uri, self.docs)
        if problem is not None:
            self.problems.append(problem)
            self.linked.add(src_uri)  # left out, like a link: no other message about it
            return False
        return True

    # --- pages --------------------------------------------------------------------------------

    def page(self, src_uri: str, raw: bytes | None) -> str:
        """The text MkDocs is to read for the page at `src_uri`, whose file holds `raw` (None: the
        file may not be read, and was reported)."""
        file = f"{self.docs}/{src_uri}"
        if raw is None:
            return self.inert(src_uri)
        try:
            text = normalise(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            self.problems.append(Problem(file, raw[: error.start].count(b"\n") + 1, 1,
                                         "this character is not UTF-8 text (the file was saved in another encoding)",
                                         "save the file as UTF-8 (in most editors: Save with encoding → UTF-8), or retype the character"))
            return self.inert(src_uri)
        problems = _guarded(file, lambda: self._judge(file, src_uri, text))
        self.problems += problems
        if any(problem.level == "error" for problem in problems):
            self.sources.pop(src_uri, None)
            return self.inert(src_uri)
        return text if self.renders else self.inert(src_uri)

    def _judge(self, file: str, src_uri: str, text: str) -> list[Problem]:
        """Every problem of one page, cheapest first; a page over its limits is read no further."""
        bounds = control_characters(text) or over_limits(text)
        if bounds:
            return [Problem(file, b.line, b.col, b.message, b.fix) for b in bounds]
        problems: list[Problem] = []
        page = read_source(file, src_uri, text, problems)
        if any(problem.level == "error" for problem in problems):
            return problems
        calls: list[Call] = []
        problems += self._front_matter(page) + self.macros.check(page, calls)
        if any(problem.level == "error" for problem in problems):
            return problems
        page.prose_for_markdown = self.macros.prose(page)
        if page.prose_for_markdown != page.body:  # the text literals write ({{ "…" }}) is held to the same bounds
            bounds = control_characters(page.prose_for_markdown) or over_limits(page.prose_for_markdown)
            if bounds:
                return problems + [page.at(b.line, b.col, b.message, b.fix) for b in bounds]
        page.prose = blank_code(page.prose_for_markdown)
        where = Lines(page.prose)
        for finding in scan_html(page.prose) + scan_attribute_lists(page.prose):
            problems.append(page.at(*where.at_index(finding.at), finding.message, finding.fix))
        problems += link_problems(page)
        if not any(problem.level == "error" for problem in problems):
            problems += self.probe.judge(page)
        self.sources[src_uri], self.calls[src_uri] = page, calls
        self.titles[src_uri] = _title(page)  # only a page that passed: its title is offered for nav:
        return problems

    def _front_matter(self, page: PageSource) -> list[Problem]:
        """The front-matter fields only the build can judge: the edit button's data file, the JSON-LD
        entities, the icon (the theme includes its file: a missing one stops the build), and names
        mkdocs-macros would mix up with the page's macros (it hands every field to Jinja by name)."""
        problems = []
        for key in page.meta:
            if key == "self" or key in self.macros.known.macros:
                problems.append(Problem(page.file, meta_line(page, key), 1, f"the front matter's '{key}' has the name of a macro",
                                        "delete the line, or rename the field (the site ignores fields it does not know)"))
        icon = page.meta.get("icon")
        if icon is not None and not (isinstance(icon, str) and re.fullmatch(r"[a-z0-9-]{1,40}(?:/[a-z0-9-]{1,60}){1,3}", icon)
                                     and any((folder / ".icons" / f"{icon}.svg").is_file() for folder in self.theme_dirs)):
            problems.append(Problem(page.file, meta_line(page, "icon"), 1, f"'icon: {icon}' is not an icon of the theme",
                                    "write the name of one of the theme's icons, e.g. material/book-open-variant, or delete the line"))
        data_file = page.meta.get("data_file")
        if data_file is not None and not (isinstance(data_file, str) and data_file.startswith("data/")
                                          and ".." not in data_file.split("/") and (self.root / data_file).is_file()):
            problems.append(Problem(page.file, meta_line(page, "data_file"), 1,
                                    f"'data_file: {data_file}' names no file of data/",
                                    "write the path from the project's folder, e.g. data/faq.yaml"))
        names = page.meta.get("structured_data") or []
        unknown = [name for name in (names if isinstance(names, list) else [names]) if name not in self.entity_names]
        if not isinstance(names, list) and not unknown:  # the plugin reads the list item by item
            problems.append(Problem(page.file, meta_line(page, "structured_data"), 1, "'structured_data' should be a list",
                                    f"write it in square brackets: structured_data: [{names}]"))
        elif unknown:
            problems.append(Problem(page.file, meta_line(page, "structured_data"), 1,
                                    f"'structured_data' lists {', '.join(map(repr, unknown))}",
                                    f"use some of: {', '.join(self.entity_names)}"))
        return problems

    def inert(self, src_uri: str) -> str:
        """A stand-in for a page that cannot be built: its name, and nothing of what it holds."""
        self.anchors[src_uri] = None  # links to its sections are not judged
        return INERT

    def rendered(self, src_uri: str, html: str) -> None:
        """A page's HTML as the build rendered it (components written in HTML included)."""
        if self.anchors.get(src_uri, ()) is not None:
            self.anchors[src_uri] = ids(html)

    def check_nav(self, left_out: list[str], config_text: str, pages: list[str]) -> None:
        """Lines of `nav:` in mkdocs.yml that name a page not in docs/ (`pages`), each at its line;
        then the pages `nav:` leaves out, each with the line to add (but a page a misspelt line
        meant: correcting that line is the fix)."""
        entries = nav_entries(config_text)
        meant = {}
        for entry in entries:
            if entry.path.endswith(".md") and "://" not in entry.path and entry.path not in pages:
                near = meant_page(entry, pages)
                meant.setdefault(near, entry)
                self.problems.append(not_a_page(entry, near))
        for src_uri in sorted(set(left_out) - self.linked):
            if src_uri in meant:
                self.problems.append(misspelt_in_nav(f"{self.docs}/{src_uri}", meant[src_uri]))
                continue
            title = self.titles.get(src_uri) or posixpath.splitext(posixpath.basename(src_uri))[0].replace("-", " ").capitalize()
            self.problems.append(missing_from_nav(f"{self.docs}/{src_uri}", src_uri, title, entries))

    def misplaced_block(self, src_uri: str) -> None:
        """A macro that writes a whole HTML block sat inside a paragraph, list or table."""
        calls = self.calls.get(src_uri) or [Call("", 1, 1)]
        self.problems.append(Problem(f"{self.docs}/{src_uri}", calls[0].line, calls[0].col,
                                     "a macro that writes a whole HTML block is inside a paragraph, list or table",
                                     "put each macro call on a line of its own, with a blank line before and after"))

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


def _title(page: PageSource) -> str:
    """The title the page gives itself: `title:` in its front matter, else its first "# " heading."""
    title = page.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    heading = re.search(r"^#[ \t]+(.+?)[ \t]*(?:\{[^}]*\})?[ \t#]*$", page.body, re.M)
    return heading.group(1).strip() if heading else ""
