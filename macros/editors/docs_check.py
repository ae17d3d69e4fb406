"""Check the prose pages in `docs/` as `data/` is checked: every mistake one line at its place.

    docs/page.md:LINE:COL: what is wrong — how to fix it

Lines count as the editor's file shows them, front matter included (the macros plugin numbers
lines from the end of the front matter). Checked: the front matter (YAML an editor can break,
and keys the theme does not know), every `{{ … }}` and `{% … %}` (Jinja syntax, unknown macro
or variable names with "did you mean", arguments a macro does not take, ids and part names that
do not exist), and every Markdown link (http:// addresses, pages and #anchors that do not exist).

Two entry points: `check_docs(root, site)` for `make check` (renders every page once to learn
its anchors), and `before_render(env)`, which the macros plugin runs before it renders a page,
so a mistake the build would meet is reported the same way, never as a Python traceback.
"""

from __future__ import annotations

import difflib
import inspect
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import jinja2
import jinja2.meta
import jinja2.nodes as nodes
import yaml

from ..data.read import _yaml_problem
from ..data.problems import Problem
from ..outputs.search_titles import SearchSettingsError, search_settings

# MkDocs' own front-matter pattern (mkdocs.utils.meta.YAML_RE): what it takes, this checks.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
# Front-matter keys MkDocs, Material and the macros plugin read; any other is most likely a typo.
FRONT_KEYS = ("title", "description", "hide", "tags", "render_macros", "search", "status", "subtitle", "template", "icon", "comments",
              "data_file", "structured_data", "plone")  # the imh plugin's: edit button target, JSON-LD entities, Plone export
# Names the macros plugin and Jinja provide on every page, besides the project's macros.
BUILTIN_NAMES = {"config", "environment", "plugin", "git", "page", "navigation", "files", "extra", "context",
                 "macros_info", "now", "fix_url", "render_file", "cycler", "dict", "joiner", "lipsum", "namespace", "range"}
# Links written with a macro, to a mail program or to a page elsewhere: not files of this site.
_EXTERNAL = re.compile(r"^(?:https://|mailto:|tel:|\{\{|\{%)", re.I)
_LINK = re.compile(r"(?<!\\)!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_ID = re.compile(r"""\bid=["']([^"']+)["']""")
_TEMPLATES = Path(__file__).parents[1] / "pages" / "templates"


@dataclass
class Page:
    """One Markdown file of docs/, split as MkDocs splits it."""

    file: str  # "docs/faq.md"
    src_uri: str  # "faq.md"
    text: str
    meta: dict = field(default_factory=dict)
    body: str = ""
    offset: int = 0  # lines before the body (the front matter and the blank lines after it)

    def at(self, body_line: int, col: int, message: str, fix: str) -> Problem:
        """A problem at a line of the body, numbered as the editor's file shows it."""
        return Problem(self.file, body_line + self.offset, max(col, 1), message, fix)


def _search_problem(meta: dict) -> SearchSettingsError | None:
    """What is wrong with the page's `search:` settings, as the build would stop on it."""
    try:
        search_settings(meta)
    except SearchSettingsError as error:
        return error
    return None


def read_page(path: Path, root: Path, problems: list[Problem]) -> Page:
    """The page with its front matter parsed, as MkDocs does; a problem in it is reported."""
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    page = Page(rel, path.relative_to(root / "docs").as_posix(), text, body=text)
    match = FRONT_MATTER.match(text)
    if match is None:
        if text.startswith("---"):
            problems.append(Problem(rel, 1, 1, "the front matter that starts on line 1 with '---' is never closed",
                                    "end it with a line holding only '---', before the page's text"))
        return page
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        # The data's own plain-words YAML messages, moved down by the opening '---' line.
        said = _yaml_problem(rel, error, match.group(1))
        problems.append(Problem(rel, said.line + 1, said.column, f"the front matter cannot be read: {said.message}",
                                f"{said.fix} (until then the page would show its front matter as text)"))
        return page
    if not isinstance(meta, dict):
        problems.append(Problem(rel, 2, 1, "the front matter should hold 'name: value' lines",
                                "write e.g. 'description: One sentence about the page.' between the two '---' lines"))
        return page
    rest = text[match.end():]
    page.meta, page.body = meta, rest.lstrip("\n")
    page.offset = text[: len(text) - len(page.body)].count("\n")
    lines = match.group(1).splitlines()
    for key, value in meta.items():
        line = next((n + 2 for n, text_line in enumerate(lines) if text_line.startswith(f"{key}:")), 2)
        if key not in FRONT_KEYS:
            close = difflib.get_close_matches(str(key), FRONT_KEYS, n=1, cutoff=0.6)
            problems.append(Problem(rel, line, 1, f"the front matter has an unknown field '{key}', which the site ignores",
                                    f"did you mean '{close[0]}'?" if close else f"use only {', '.join(FRONT_KEYS[:3])}…, or delete the line",
                                    level="warning"))
        elif key in ("title", "description") and not (isinstance(value, str) and value.strip()):
            problems.append(Problem(rel, line, len(key) + 3, f"the front matter's '{key}' should be text on one line",
                                    f"write it as '{key}: …', in double quotes if it holds ': '"))
        elif key == "search" and (said := _search_problem(meta)):
            problems.append(Problem(rel, line, 1, f"the front matter's {said.message}", said.fix))
        elif key == "plone" and not isinstance(value, bool):
            problems.append(Problem(rel, line, len(key) + 3, "the front matter's 'plone' should be false or true",
                                    "write 'plone: false' to keep the page out of the Plone copy, or delete the line"))
    return page


def read_pages(root: Path, problems: list[Problem]) -> list[Page]:
    docs = root / "docs"
    pages = []
    for path in sorted(docs.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(docs).parts):
            continue
        try:
            pages.append(read_page(path, root, problems))
        except UnicodeDecodeError as error:
            before = path.read_bytes()[: error.start]
            problems.append(Problem(path.relative_to(root).as_posix(), before.count(b"\n") + 1, 1,
                                    "this character is not UTF-8 text (the file was saved in another encoding)",
                                    "save the file as UTF-8 (in most editors: Save with encoding → UTF-8), or retype the character"))
        except OSError as error:
            problems.append(Problem(path.relative_to(root).as_posix(), 1, 1, f"the file cannot be read ({error.strerror})",
                                    "check it is a normal file; restore it from the history if needed"))
    return pages


def _guarded(page: Page, check: Callable[[], list[Problem]]) -> list[Problem]:
    """A check of one page; a fault of the checker itself becomes one line naming the page."""
    try:
        return check()
    except Exception as error:  # noqa: BLE001 (an editor never sees a traceback)
        return [Problem(page.file, 1, 1, f"this page could not be checked ({type(error).__name__}: {error})",
                        "this is a fault in the site's checker, not necessarily in your edit: please report it")]


# --- macros ------------------------------------------------------------------------------


@dataclass
class Known:
    """What a page may use: macros (name -> function), other names, filters, and the data."""

    macros: dict[str, Callable]
    names: set[str]
    filters: set[str]
    site: Any


class _Env:
    """Enough of mkdocs-macros' `env` for `define_env` to register the project's macros."""

    def __init__(self, root: Path, conf: dict):
        self.project_dir = str(root)
        self.conf = conf
        self.page = None
        self.macros: dict[str, Callable] = {}
        self.filters: dict[str, Callable] = {}
        self.variables: dict[str, Any] = {}

    def macro(self, function: Callable, name: str = "") -> Callable:
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function: Callable, name: str = "") -> Callable:
        self.filters[name or function.__name__] = function
        return function


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml with its `!ENV` tags read as their default value."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) and node.value else None))


def site_config(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag) or {}


def project_macros(root: Path, site: Any) -> tuple[Known, _Env]:
    """The project's macros as `define_env` registers them for the build."""
    from .. import define_env
    from ..data.index import SiteIndex
    from ..plugin import SitePlugin

    config = site_config(root)
    from ..pages.generated import generated_pages
    from ..outputs.structured import Urls

    plugin = SitePlugin()  # the macros read the data from the build's plugin (macros/plugin.py)
    plugin.index = SiteIndex(site)
    if site is not None:
        plugin.generated = {page.src_uri: page for page in generated_pages(plugin.index)}
    docs = [path.relative_to(root / "docs").as_posix() for path in (root / "docs").rglob("*.md")]
    plugin.urls = Urls.for_sources(config.get("site_url") or "/", docs + list(plugin.generated),
                                   config.get("use_directory_urls", True))
    conf = {"use_directory_urls": config.get("use_directory_urls", True), "site_url": config.get("site_url") or "/",
            "site_name": config.get("site_name", ""), "markdown_extensions": config.get("markdown_extensions", []),
            "plugins": {"imh": plugin}}
    env = _Env(root, conf)
    define_env(env)
    extra = config.get("extra") or {}
    names = set(env.variables) | set(extra) | BUILTIN_NAMES
    filters = set(env.filters) | set(jinja2.Environment().filters) | {"pretty", "relative_url"}
    return Known(env.macros, names, filters, site), env


def _signature(name: str, function: Callable) -> str:
    """How a call is written, e.g. `source_note("source_id", …)`."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return f"{name}(…)"
    written = [f'"{p.name.removesuffix("s") if p.kind is p.VAR_POSITIONAL else p.name}"' + (", …" if p.kind is p.VAR_POSITIONAL else "")
               for p in parameters if p.kind is not p.VAR_KEYWORD]
    return f"{name}({', '.join(written)})"


def _choices(known: Known, macro: str, parameter: str) -> list[str] | None:
    """The values a macro's argument may take, from the data and the templates (None: any)."""
    site = known.site
    if site is None:
        return None
    collection = {"course_id": "courses", "topic_id": "topics", "correction_id": "corrections", "source_ids": "sources"}.get(parameter)
    if collection:
        return [record.id for record in getattr(site, collection)]
    if parameter == "part":
        if macro == "points":
            return [name for name, value in site.training if isinstance(value, list)]
        return sorted(p.name[len(macro) + 1: -len(".md.j2")] for p in _TEMPLATES.glob(f"{macro}_*.md.j2"))
    if parameter == "which":
        wanted = "requirements" if macro == "requirements" else "review"
        return [name for name, value in site if hasattr(value, wanted)]
    if parameter == "collection":
        return [name for name, value in site if isinstance(value, list)]
    return None


def _data_path_problem(site: Any, path: str) -> tuple[str, str] | None:
    """What is wrong with a dotted path into the data such as `training.intro`, if anything."""
    value = site
    walked = []
    for part in path.split("."):
        fields = list(type(value).model_fields) if hasattr(type(value), "model_fields") else []
        if part not in fields:
            close = difflib.get_close_matches(part, fields, n=1, cutoff=0.6)
            where = ".".join(walked) or "the data"
            return (f"'{path}' does not exist: {where} has no '{part}'",
                    f"did you mean '{'.'.join(walked + [close[0]])}'?" if close else
                    f"use one of: {', '.join(fields[:8])}{'…' if len(fields) > 8 else ''}")
        value = getattr(value, part)
        walked.append(part)
    return None


def _column(line: str, needle: str) -> int:
    return line.find(needle) + 1 if needle in line else 1


def check_macros(page: Page, known: Known) -> list[Problem]:
    """Jinja syntax, names, arguments and ids in one page's `{{ … }}` and `{% … %}`."""
    if page.meta.get("render_macros") is False or not any(s in page.body for s in ("{{", "{%", "{#")):
        return []
    lines = page.body.splitlines()

    def line_of(n: int) -> str:
        return lines[n - 1] if 0 < n <= len(lines) else ""

    env = jinja2.Environment()
    env.filters.update({name: (lambda value, *a, **k: value) for name in known.filters})
    try:
        tree = env.parse(page.body)
    except jinja2.TemplateSyntaxError as error:
        return [page.at(error.lineno, 1, f"the macro line cannot be read ({error.message})",
                        "check the braces: a macro is written {{ name(\"argument\") }}, with straight double quotes "
                        "around each argument; to show braces as text, put the line inside {% raw %} … {% endraw %}")]
    problems: list[Problem] = []
    for node in tree.find_all(nodes.Filter):
        if node.name not in known.filters:
            close = difflib.get_close_matches(node.name, sorted(known.filters), n=1, cutoff=0.6)
            problems.append(page.at(node.lineno, _column(line_of(node.lineno), node.name), f"there is no filter '{node.name}'",
                                    f"did you mean '{close[0]}'?" if close else "remove '| " + node.name + "'"))
    undeclared = jinja2.meta.find_undeclared_variables(tree)
    allowed = set(known.macros) | known.names | set(page.meta)
    reported: set[tuple[str, int]] = set()
    for node in tree.find_all(nodes.Name):
        if node.ctx != "load" or node.name not in undeclared or node.name in allowed or (node.name, node.lineno) in reported:
            continue
        reported.add((node.name, node.lineno))
        close = difflib.get_close_matches(node.name, sorted(known.macros), n=1, cutoff=0.6)
        problems.append(page.at(node.lineno, _column(line_of(node.lineno), node.name), f"there is no macro '{node.name}'",
                                f"did you mean '{close[0]}'?" if close else
                                "check the spelling against the list of macros in docs/editing.md, or remove the {{ … }}"))
    for node in tree.find_all(nodes.Call):
        if not isinstance(node.node, nodes.Name) or node.node.name not in known.macros or node.dyn_args or node.dyn_kwargs:
            continue
        name, function = node.node.name, known.macros[node.node.name]
        line, col = node.lineno, _column(line_of(node.lineno), node.node.name)
        constant = object()
        args = [arg.value if isinstance(arg, nodes.Const) else constant for arg in node.args]
        kwargs = {kw.key: kw.value.value if isinstance(kw.value, nodes.Const) else constant for kw in node.kwargs}
        try:
            bound = inspect.signature(function).bind(*args, **kwargs)
        except TypeError as error:
            problems.append(page.at(line, col, f"{name}() cannot be called like this ({error})",
                                    f"write it as {{{{ {_signature(name, function)} }}}}"))
            continue
        except ValueError:
            continue
        for parameter, value in bound.arguments.items():
            values = value if isinstance(value, tuple) else (value,)
            for item in values:
                if item is constant:
                    continue
                if name == "data_text" and parameter == "path" and known.site is not None:
                    wrong = _data_path_problem(known.site, str(item))
                    if wrong:
                        problems.append(page.at(line, _column(line_of(line), str(item)), *wrong))
                    continue
                options = _choices(known, name, parameter)
                if options is None or item in options:
                    continue
                close = difflib.get_close_matches(str(item), options, n=1, cutoff=0.6)
                fix = (f"did you mean '{close[0]}'?" if close else
                       f"use one of: {', '.join(options[:8])}{'…' if len(options) > 8 else ''}")
                problems.append(page.at(line, _column(line_of(line), f'"{item}"') or col,
                                        f"{name}() has no {parameter.replace('_ids', '').replace('_id', '').replace('_', ' ')} '{item}'", fix))
    return problems


# --- links -------------------------------------------------------------------------------


def _prose_lines(body: str):
    """(line number, line) of the body outside fenced code, with code spans blanked out."""
    fence = None
    for number, line in enumerate(body.splitlines(), 1):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1) == fence:
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def check_links(page: Page, anchors: dict[str, set[str]]) -> list[Problem]:
    """Links to http:// addresses, to pages that do not exist and to #anchors not on the page."""
    problems = []
    folder = posixpath.dirname(page.src_uri)
    for number, line in _prose_lines(page.body):
        for match in _LINK.finditer(line):
            target = match.group(1)
            col = match.start(1) + 1
            if target.lower().startswith("http://"):
                problems.append(page.at(number, col, f"the link to {target} uses http://, which is not secure",
                                        "write the address with https:// instead (open it in a browser to check it works)"))
                continue
            if not target or _EXTERNAL.match(target) or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue
            path, _, anchor = target.partition("#")
            dest = posixpath.normpath(posixpath.join(folder, path)) if path else page.src_uri
            if path.endswith("/"):
                dest = posixpath.join(dest, "index.md")
            if dest not in anchors:
                if path.endswith(".md") or path.endswith("/") or "." not in posixpath.basename(path):
                    pages = sorted(anchors)
                    close = difflib.get_close_matches(dest, pages, n=1, cutoff=0.6)
                    suggestion = posixpath.relpath(close[0], folder or ".") if close else None
                    problems.append(page.at(number, col, f"the link goes to '{path}', which is not a page of this site",
                                            f"did you mean '{suggestion}'?" if suggestion else
                                            "link to the page's .md file, written from this page's folder (e.g. faq.md or ../faq.md)"))
                continue
            if anchor and anchors[dest] is not None and anchor not in anchors[dest]:
                close = difflib.get_close_matches(anchor, sorted(anchors[dest]), n=1, cutoff=0.6)
                problems.append(page.at(number, col + len(path), f"the page {dest} has no section '#{anchor}'",
                                        f"did you mean '#{close[0]}'?" if close else
                                        "link to a heading that exists on that page (its '¶' link shows the address)"))
    return problems


def _markdown(root: Path):
    """A Markdown converter with the site's extensions, to learn the anchors a page gets."""
    import markdown

    extensions, configs = [], {}
    for item in site_config(root).get("markdown_extensions") or []:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        extensions.append(name)
        if config:
            configs[name] = config
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def page_anchors(root: Path, pages: list[Page], env: _Env, known: Known) -> dict[str, set[str] | None]:
    """Every page of the site (prose and generated) and the anchors it will have.

    Each page is rendered as the build renders it; a page that cannot be rendered (its problems
    are reported by `check_macros`) gets None, and links to its anchors are not judged.
    """
    from ..pages.blocks import PlacementError

    plugin = env.conf["plugins"]["imh"]  # the build's state: HTML components, generated pages
    converter = _markdown(root)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    jinja.globals.update(known.macros)

    def ids(markdown_text: str, name: str) -> set[str] | None:
        converter.reset()
        html = converter.convert(markdown_text)
        try:
            html = plugin.blocks.place(plugin.blocks.place(html, name, searchable=True), name)
        except PlacementError:
            pass
        return set(_ID.findall(html))

    found: dict[str, set[str] | None] = {}
    for page in pages:
        env.page = SimpleNamespace(file=SimpleNamespace(src_uri=page.src_uri, src_path=page.src_uri), meta=page.meta)
        try:
            body = page.body
            if page.meta.get("render_macros") is not False and "{" in body:
                body = jinja.from_string(body).render(**{k: v for k, v in page.meta.items() if isinstance(k, str)})
            found[page.src_uri] = ids(body, page.src_uri)
        except Exception:  # noqa: BLE001 (its mistake is reported at its line by check_macros)
            found[page.src_uri] = None
    if known.site is not None:
        for generated in plugin.generated.values():
            env.page = SimpleNamespace(file=SimpleNamespace(src_uri=generated.src_uri, src_path=generated.src_uri), meta={})
            try:
                markdown_text = plugin.page_renderers[generated.kind](generated.record_id)
                found[generated.src_uri] = ids(markdown_text, generated.src_uri)
            except Exception:  # noqa: BLE001
                found[generated.src_uri] = None
    env.page = None
    return found


# --- the two entry points ---------------------------------------------------------------


def check_docs(root: Path, site: Any) -> list[Problem]:
    """Every problem in docs/*.md (`make check`). `site` is the validated data, or None if it
    has errors: then names, syntax, front matter and links to pages are still checked."""
    problems: list[Problem] = []
    if not (root / "docs").is_dir() or not (root / "mkdocs.yml").is_file():
        return problems  # a copy with the data alone (the data checks' tests): nothing to check
    pages = read_pages(root, problems)
    if site is None:
        known = Known({}, BUILTIN_NAMES, set(jinja2.Environment().filters), None)
        for page in pages:
            problems += [p for p in _guarded(page, lambda page=page: check_macros(page, known)) if "there is no macro" not in p.message]
        return problems
    known, env = project_macros(root, site)
    for page in pages:
        problems += _guarded(page, lambda page=page: check_macros(page, known))
    anchors = page_anchors(root, pages, env, known)
    for page in pages:
        problems += _guarded(page, lambda page=page: check_links(page, anchors))
    return problems


def _reporting_template(page: Page, plugin) -> type:
    """A Jinja template class whose render failure (one the checks above cannot foresee, such as
    `{{ count("courses") + "y" }}`) stops `make build` with one `docs/page.md:LINE:COL` line, never
    a traceback; under `make serve` the macros plugin shows it in the page instead."""
    import sys
    import traceback

    import jinja2

    from ..data.problems import report

    class ReportingTemplate(jinja2.Template):
        def render(self, *args, **kwargs):
            try:
                return super().render(*args, **kwargs)
            except Exception as error:
                if plugin.serving:
                    raise
                lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
                problem = page.at(lines[-1] if lines else 1, 1, f"a macro on this line failed ({type(error).__name__}: {error})",
                                  "compare the line with the macros listed in the editing guide, or undo the last change to it")
                report([problem], sys.stderr)
                raise SystemExit(1) from None  # the macros plugin catches every Exception and prints a traceback

    return ReportingTemplate


def before_render(env) -> None:
    """Run by the macros plugin before it renders a prose page: a mistake in the page's macros
    stops the build with its `docs/page.md:LINE:COL` message instead of a Python traceback."""
    from mkdocs.exceptions import Abort

    from ..plugin import find
    from ..data.problems import report

    page = env.page
    if page is None or page.meta.get("render_macros") is False or getattr(page.file, "generated_by", None):
        return
    path = Path(page.file.abs_src_path or "")
    if not path.is_file():
        return
    root = Path(env.project_dir)
    problems: list[Problem] = []
    parsed = read_page(path, root, problems)
    plugin = find(env.conf["plugins"])  # the build's validated data (macros/plugin.py)
    env.env.template_class = _reporting_template(parsed, plugin)
    known = Known(dict(env.macros), set(env.variables) | BUILTIN_NAMES, set(env.filters) | set(env.env.filters),
                  plugin.index.site)
    problems += check_macros(parsed, known)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        import sys

        report(errors, sys.stderr)
        if plugin.serving:  # `make serve` shows the problem on its pages instead of stopping (macros/editors/preview.py)
            plugin.problems = plugin.problems + errors
            return
        raise Abort(f"{parsed.file}: {len(errors)} problem{'s' if len(errors) != 1 else ''} in the page (listed above). "
                    "Nothing was built; the last good site is unchanged.")
