"""The `{{ … }}` and `{% … %}` of one page: only the site's own macros, called with literal values.

`Known` is what a page may call, as the build has it: the macros `define_env` registered (recorded
on the plugin, macros/pages/context.py) and the validated data their arguments name.
"""

from __future__ import annotations

import difflib
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
import jinja2.nodes as nodes

from ...data.problems import Problem
from .source import PageSource

_TEMPLATES = Path(__file__).parents[1] / "templates"


@dataclass
class Known:
    """What a page may call: the site's own macros (name -> function), and the data they read."""

    macros: dict[str, Callable]
    site: Any = None  # the validated data, or None while data/ has errors (then ids are not judged)


@dataclass(frozen=True)
class Call:
    """One macro call of a page, in the order Jinja runs them."""

    name: str
    line: int  # in the editor's file
    col: int


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


_SYNTAX_FIX = ("check the braces: a macro is written {{ name(\"argument\") }}, with straight double quotes "
               "around each argument; to show braces as text, put them inside {% raw %} … {% endraw %}")
_ONLY_CALLS = "pages may only call the site's own macros, with values in quotes, e.g. {{ fee() }} or {{ faq() }}"


# How a statement node is written in a page.
_STATEMENTS = {"Assign": "set", "AssignBlock": "set", "FilterBlock": "filter", "CallBlock": "call", "Scope": "with",
               "With": "with", "ExprStmt": "do", "FromImport": "from … import", "OverlayScope": "with"}


class _NotAllowedError(Exception):
    """An expression a page may not hold: the node where it goes wrong, and the words for it."""

    def __init__(self, node: nodes.Node, message: str, fix: str = _ONLY_CALLS):
        self.node, self.message, self.fix = node, message, fix


def _root(node: nodes.Node) -> nodes.Name | None:
    """The name an expression starts from: `lipsum` in `lipsum.__globals__.os.popen("id")`."""
    while isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Filter)):
        node = node.node
    return node if isinstance(node, nodes.Name) else None


def _written(node: nodes.Node) -> str:
    """A short name for what an expression does, for a message."""
    if isinstance(node, nodes.Name):
        return f"'{node.name}'"
    if isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Call)):
        root = _root(node)
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            return f"'{node.node.name}.{node.attr}'"
        return f"'{root.name}…'" if root is not None else "this expression"
    return {"Add": "'+'", "Sub": "'-'", "Mul": "'*'", "Div": "'/'", "FloorDiv": "'//'", "Mod": "'%'", "Pow": "'**'",
            "Concat": "'~'", "Compare": "a comparison", "CondExpr": "an 'if'", "And": "'and'", "Or": "'or'",
            "Not": "'not'", "List": "a list", "Dict": "a dict", "Tuple": "a tuple"}.get(type(node).__name__, "this expression")


class MacroGate:
    """The Jinja a page may hold, and its macro calls judged against the site's macros and data.

    Allowed: `{{ macro("literal", …) }}` with the site's own macros (a few text filters after it),
    `{{ "literal" }}`, `{# comments #}` and `{% raw %} … {% endraw %}`. Anything else (attribute
    access, subscripts, operators, other names, other `{% %}`) is refused before anything renders,
    so rendering a page that passes runs nothing but the site's macros, which cannot fail
    (macros/pages/context.py turns a failure into a problem at its line)."""

    FILTERS = ("capitalize", "lower", "upper", "title")  # text only: none reaches Python objects

    def __init__(self, known: Known):
        self.known = known
        self.env = jinja2.Environment()  # the syntax mkdocs-macros reads (mkdocs.yml sets none of its j2_ options)

    def check(self, page: PageSource, calls: list[Call]) -> list[Problem]:
        """Every problem of one page's Jinja; the page's macro calls go to `calls`, in the order they run."""
        if not page.renders_macros or not any(s in page.body for s in ("{{", "{%", "{#")):
            return []
        self._lines = page.body.split("\n")
        try:
            tree = self.env.parse(page.body)
        except jinja2.TemplateSyntaxError as error:
            return [page.at(error.lineno, 1, f"the macro line cannot be read ({error.message})", _SYNTAX_FIX)]
        problems: list[Problem] = []
        for statement in tree.body:
            if not isinstance(statement, nodes.Output):
                tag = _STATEMENTS.get(type(statement).__name__, type(statement).__name__.lower())
                problems.append(page.at(statement.lineno, self._column(statement.lineno, "{%"),
                                        f"{{% {tag} %}} is not allowed in a page",
                                        "a page may use {% raw %} … {% endraw %} only (to show braces as text); "
                                        "anything else belongs in the data or the site's templates"))
                continue
            for node in statement.nodes:
                if isinstance(node, nodes.TemplateData):
                    continue
                try:
                    problems += self._expression(page, node, calls)
                except _NotAllowedError as refused:
                    line = getattr(refused.node, "lineno", None) or node.lineno
                    root = _root(refused.node)
                    needle = root.name if root is not None else "{{"
                    problems.append(page.at(line, self._column(line, needle), refused.message, refused.fix))
        return problems

    def _column(self, line: int, needle: str) -> int:
        text = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
        return text.find(needle) + 1 if needle in text else 1

    def _expression(self, page: PageSource, node: nodes.Node, calls: list[Call]) -> list[Problem]:
        """One `{{ … }}`: a literal, or a macro call with literal arguments and allowed filters after it."""
        if isinstance(node, nodes.Const):
            return []
        if isinstance(node, nodes.Filter):
            if node.name not in self.FILTERS:
                raise _NotAllowedError(node, f"the filter '| {node.name}' is not allowed in a page",
                               f"use only {', '.join('| ' + f for f in self.FILTERS)}, or remove '| {node.name}'")
            if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
                raise _NotAllowedError(node, f"the filter '| {node.name}' takes nothing in brackets", f"write it as '| {node.name}'")
            return self._expression(page, node.node, calls)
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
            return self._call(page, node, calls)
        if isinstance(node, nodes.Name):
            if node.name in self.known.macros:
                raise _NotAllowedError(node, f"the macro '{node.name}' is named but not called",
                               f"write it with brackets: {{{{ {_signature(node.name, self.known.macros[node.name])} }}}}")
            raise _NotAllowedError(node, *self._unknown(node.name))
        if isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Call)):
            raise _NotAllowedError(node, f"{_written(node)} reaches into a value: it is not allowed in a page")
        raise _NotAllowedError(node, f"{_written(node)} is not allowed in a page")

    def _unknown(self, name: str) -> tuple[str, str]:
        close = difflib.get_close_matches(name, sorted(self.known.macros), n=1, cutoff=0.6)
        return (f"there is no macro '{name}'",
                f"did you mean '{close[0]}'?" if close else
                "check the spelling against the list of macros in docs/editing.md, or remove the {{ … }}")

    def _call(self, page: PageSource, node: nodes.Call, calls: list[Call]) -> list[Problem]:
        name = node.node.name
        if name not in self.known.macros:
            raise _NotAllowedError(node.node, *self._unknown(name))
        for value in [*node.args, *(kw.value for kw in node.kwargs)]:
            if not (isinstance(value, nodes.Const) and isinstance(value.value, (str, int, float, bool, type(None)))):
                raise _NotAllowedError(value, f"{name}() may only be given values in quotes or plain numbers, "
                                      f"not {_written(value)}", f"write it as {{{{ {_signature(name, self.known.macros[name])} }}}}")
        if node.dyn_args or node.dyn_kwargs:
            raise _NotAllowedError(node, f"{name}() may only be given values in quotes or plain numbers")
        line, col = node.lineno, self._column(node.lineno, name)
        calls.append(Call(name, line + page.offset, col))
        function = self.known.macros[name]
        try:
            bound = inspect.signature(function).bind(*(a.value for a in node.args), **{kw.key: kw.value.value for kw in node.kwargs})
        except TypeError as error:
            return [page.at(line, col, f"{name}() cannot be called like this ({error})",
                            f"write it as {{{{ {_signature(name, function)} }}}}")]
        except ValueError:
            return []
        problems = []
        for parameter, value in bound.arguments.items():
            for item in value if isinstance(value, tuple) else (value,):
                if name == "data_text" and parameter == "path" and self.known.site is not None:
                    wrong = _data_path_problem(self.known.site, str(item))
                    if wrong:
                        problems.append(page.at(line, self._column(line, str(item)), *wrong))
                    continue
                options = _choices(self.known, name, parameter)
                if options is None or item in options:
                    continue
                close = difflib.get_close_matches(str(item), options, n=1, cutoff=0.6)
                fix = (f"did you mean '{close[0]}'?" if close else
                       f"use one of: {', '.join(options[:8])}{'…' if len(options) > 8 else ''}")
                what = parameter.replace("_ids", "").replace("_id", "").replace("_", " ")
                problems.append(page.at(line, self._column(line, f'"{item}"') or col, f"{name}() has no {what} '{item}'", fix))
        return problems
