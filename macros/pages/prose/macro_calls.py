"""The `{{ … }}` and `{% … %}` of one page: only the site's own macros, called with literal values.

`Known` is what a page may call, as the build has it: the macros `define_env` registered (recorded
on the plugin, macros/pages/context.py) and the validated data their arguments name.
"""

from __future__ import annotations

import difflib
import inspect
import re
from dataclasses import dataclass, field
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
    phrases: set[str] = field(default_factory=set)  # the macros a filter may follow (they write a phrase, not a section)


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


_JOINS = ("the '-' inside {{- … -}}, {%- … -%} or {#- … -#} joins this line to the text around it",
          "write the braces without the '-': {{ … }}, {% … %}, {# … #}")
_SPANS = ("a {{ … }}, {% … %} or {# … #} that runs over several lines",
          "write it on one line (a long macro call may be a long line)")
_BEGIN, _END = ("variable_begin", "block_begin", "comment_begin"), ("variable_end", "block_end", "comment_end")
MAX_BRACKETS = 10  # brackets inside one another in one {{ … }}: a macro call needs one pair

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
    `{{ "literal" }}`, `{# comments #}` and `{% raw %} … {% endraw %}`, each on one line and without
    the `-` that joins lines. Anything else (attribute access, subscripts, operators, other names,
    other `{% %}`) is refused before anything renders, so rendering a page that passes runs nothing
    but the site's macros, which cannot fail (macros/pages/context.py turns a failure into a problem
    at its line). A literal is judged as the text it writes (`prose`), like the rest of the page."""

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
            problems, longest = self._layout(page)
            if problems:
                return problems
            tree = self.env.parse(page.body)
        except jinja2.TemplateSyntaxError as error:
            return [page.at(error.lineno, 1, f"the macro line cannot be read ({error.message})", _SYNTAX_FIX)]
        except RecursionError:  # operators nested thousands deep (`{{ - - - … 1 }}`): no bracket to count
            return [page.at(longest, self._column(longest, "{"), "a {{ … }} or {% … %} is nested too deeply to read",
                            _ONLY_CALLS)]
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

    def _layout(self, page: PageSource) -> tuple[list[Problem], int]:
        """What the lexer alone shows: a `-` that joins lines, a construct over several lines, brackets
        nested too deep; and the line of the longest construct (where an expression too deep to parse is). The gate reads the page line by line as written (`prose`), so every `{{ … }}`,
        `{% … %}` and `{# … #}` must leave the lines around it as they are."""
        problems: list[Problem] = []
        begun, depth, tokens, most = 1, 0, 0, (0, 1)
        for lineno, kind, value in self.env.lex(page.body):
            if kind in _BEGIN:
                begun, depth, tokens = lineno, 0, 0
            if kind in _BEGIN or kind in _END or kind in ("raw_begin", "raw_end"):
                if re.search(r"\{[{%#]-|-[}%#]\}", value):
                    problems.append(page.at(lineno, self._column(lineno, value.strip()[:3]), *_JOINS))
                elif "\n" in value.strip() or (kind in _END and lineno != begun):
                    problems.append(page.at(begun, self._column(begun, "{"), *_SPANS))
                continue
            if kind == "data":
                continue
            if kind == "operator" and value in "([{)]}":
                depth += 1 if value in "([{" else -1
            tokens += 1
            most = max(most, (tokens, begun))
            if depth > MAX_BRACKETS:
                problems.append(page.at(lineno, self._column(lineno, "{"), f"brackets are nested more than {MAX_BRACKETS} deep here",
                                        _ONLY_CALLS))
                break
        return problems[:10], most[1]

    def literal(self, written: str) -> str | None:
        """The text a `{{ … }}` writes if it is a literal (with text filters after it), else None."""
        node = self.env.parse(written).body[0].nodes[0]
        while isinstance(node, nodes.Filter):
            node = node.node
        return self.env.from_string(written).render() if isinstance(node, nodes.Const) else None

    def prose(self, page: PageSource) -> str:
        """The body as Markdown will read it: each macro call a placeholder word, each literal the text
        it writes, comments and `{% raw %}` tags gone (their text kept), every line where it is in the
        editor's file (`check` refused anything that would move a line)."""
        from .markup import PLACEHOLDER

        if not page.renders_macros or not any(s in page.body for s in ("{{", "{%", "{#")):
            return page.body
        out: list[str] = []
        line, expression = 1, None

        def emit(text: str) -> None:
            nonlocal line
            out.append(text)
            line += text.count("\n")

        for lineno, kind, value in self.env.lex(page.body):
            if lineno > line and expression is None:
                emit("\n" * (lineno - line))  # line breaks a `-` took away
            if kind == "variable_begin":
                expression = [value]
            elif expression is not None:
                expression.append(value)
                if kind == "variable_end":
                    written = "".join(expression)
                    text = self.literal(written)
                    width = max(len(PLACEHOLDER), len(written.split("\n")[0]))
                    emit(text if text is not None else PLACEHOLDER + "O" * (width - len(PLACEHOLDER)) + "\n" * written.count("\n"))
                    expression = None
            elif kind == "data":
                emit(value)
            else:
                emit("\n" * value.count("\n"))
        return "".join(out)

    def _column(self, line: int, needle: str) -> int:
        text = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
        return text.find(needle) + 1 if needle in text else 1

    def _expression(self, page: PageSource, node: nodes.Node, calls: list[Call]) -> list[Problem]:
        """One `{{ … }}`: a literal, or a macro call with literal arguments and allowed filters after it."""
        if isinstance(node, nodes.Const):
            if isinstance(node.value, str) and re.search(r"[\n\r\x85\u2028\u2029]", node.value):
                raise _NotAllowedError(node, "a quoted value between {{ }} holds a line break",
                                       "write the text itself in the page, without {{ }}")
            return []
        if isinstance(node, nodes.Filter):
            if node.name not in self.FILTERS:
                raise _NotAllowedError(node, f"the filter '| {node.name}' is not allowed in a page",
                               f"use only {', '.join('| ' + f for f in self.FILTERS)}, or remove '| {node.name}'")
            if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
                raise _NotAllowedError(node, f"the filter '| {node.name}' takes nothing in brackets", f"write it as '| {node.name}'")
            inner = node.node
            while isinstance(inner, nodes.Filter):
                inner = inner.node
            if isinstance(inner, nodes.Call) and isinstance(inner.node, nodes.Name) and inner.node.name in self.known.macros \
                    and inner.node.name not in self.known.phrases:
                raise _NotAllowedError(inner.node, f"{inner.node.name}() writes a whole section, whose letters '| {node.name}' would change "
                                       "(its links and headings too)", f"remove '| {node.name}'")
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
