"""YAML syntax errors in plain words, at the line where an editor can fix them.

PyYAML names an error by its parser state ("mapping values are not allowed here"); the
table `SYNTAX` turns each kind into what an editor did and how to fix it. Each entry looks
at one `_Syntax` (the error, its positions as an editor counts lines, the line's text) and
gives a problem, or None to let a later, more general entry speak.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from .lines import Lines
from .problems import Problem


@dataclass
class _Syntax:
    file: str
    problem: str  # PyYAML's words for what is wrong
    context: str  # and for what it was reading
    problem_at: tuple[int, int]
    context_at: tuple[int, int]
    lines: Lines

    @property
    def bad(self) -> str:
        return self.lines.line(self.problem_at[0])

    def at(self, message: str, fix: str, where: tuple[int, int] | None = None) -> Problem:
        return Problem(self.file, *(where or self.problem_at), message, fix)

    def indent_at(self, line: int) -> tuple[int, int]:
        text = self.lines.line(line)
        return (line, len(text) - len(text.lstrip()) + 1)


def _tab_indent(e: _Syntax) -> Problem | None:
    """A tab in the indentation of the line, or of the line the error started on."""
    for line, _ in (e.problem_at, e.context_at):
        text = e.lines.line(line)
        if "\t" in re.match(r"[ \t]*", text).group(0):
            return e.at("a tab character is used for indenting",
                        "indent with spaces only (two spaces per level); most editors have a setting to insert spaces for the Tab key",
                        (line, text.index("\t") + 1))
    return None


def _tab_value(e: _Syntax) -> Problem | None:
    return e.at("a tab character where YAML expects a value", "replace the tab with a space") if "'\\t'" in e.problem else None


def _control_character(e: _Syntax) -> Problem | None:
    if "control characters are not allowed" in e.problem or "special characters are not allowed" in e.problem:
        return e.at("an invisible control character that YAML does not allow",
                    "delete it; it usually comes in when text is pasted from another program")
    return None


def _colon_in_text(e: _Syntax) -> Problem | None:
    if "mapping values are not allowed" not in e.problem:
        return None
    line, col = e.problem_at
    bad, stripped = e.bad, e.bad.lstrip()
    if stripped.startswith("- ") and line > 1:
        above = next((n for n in range(line - 1, 0, -1) if e.lines.line(n).strip()), line - 1)
        return e.at(f"this list item follows line {above}, whose field already has a value, so it belongs to no field",
                    "a list goes on the lines below its own field name, e.g. 'modules:' on a line of its own; "
                    "if lines were swapped or a field name deleted, put it back above the '- ' lines", e.indent_at(line))
    first_colon = bad.find(": ") if ": " in bad else bad.find(":")
    if first_colon >= col - 1 and stripped and not stripped.startswith("- "):
        return e.at("this line is indented further than the field above it",
                    "line it up with the other fields of its group (the same number of spaces at the start); "
                    "if it continues the text above, remove the ':' or put the whole text in double quotes", e.indent_at(line))
    return e.at("a colon followed by a space (': ') inside text that is not in quotes",
                "put the whole text in double quotes, e.g. title: \"Part 1: Basics\"")


def _missing_colon(e: _Syntax) -> Problem | None:
    if "could not find expected ':'" not in e.problem:
        return None
    block = re.fullmatch(r"\s*([A-Za-z_][\w-]*)[ \t]+([|>][-+]?)\s*", e.lines.line(e.context_at[0]))
    if block:
        return e.at(f"'{block.group(1)}' has no ':' after it",
                    f"write it as '{block.group(1)}: {block.group(2)}' (the text below it stays as it is)", e.context_at)
    return e.at("this line has no ':' after a field name",
                "write it as 'name: value'; if it continues the text of the field above, indent it like that text", e.context_at)


def _unclosed_quote(e: _Syntax) -> Problem | None:
    if "quoted scalar" not in e.context:
        return None
    if "unknown escape character" in e.problem:
        return e.at("a backslash '\\' inside double quotes starts a special code YAML does not know",
                    "write two backslashes ('\\\\'), or use single quotes around the text instead of double quotes")
    line, col = e.context_at
    quote = e.lines.line(line)[col - 1: col] or '"'
    return e.at(f"the quote {quote} that opens this text is never closed",
                f"add the closing {quote} at the end of the text; a {quote} inside the text must be written "
                + ("as \\\"" if quote == '"' else "twice ('')"), e.context_at)


def _text_after_block_sign(e: _Syntax) -> Problem | None:
    return e.at("text on the same line as '|' or '>'",
                "start the text on the next line, indented by two more spaces than the field name") if "block scalar" in e.context else None


def _unclosed_bracket(e: _Syntax) -> Problem | None:
    if "flow sequence" not in e.context and "flow mapping" not in e.context:
        return None
    opener = "[" if "sequence" in e.context else "{"
    return e.at(f"'{opener}' here starts a YAML {'list' if opener == '[' else 'group'} that is never closed",
                "if the brackets are part of the text, put the whole text in double quotes", e.context_at)


def _item_beside_field(e: _Syntax) -> Problem | None:
    if "sequence entries are not allowed" not in e.problem:
        return None
    return e.at("a list item ('- ') on the same line as its field name",
                "put each item on its own line below the field name, indented, starting with '- '")


def _second_document(e: _Syntax) -> Problem | None:
    if "expected a single document" in e.context or "document separator" in e.problem or "<document start>" in e.problem:
        return e.at("a second document starts here ('---' or a line starting with '%')",
                    "delete the '---' line: a file holds one record, or one list of records; put text starting with '%' in double quotes")
    return None


def _anchor_or_alias(e: _Syntax) -> Problem | None:
    if "alias" in e.context or "anchor" in e.context or "undefined alias" in e.problem:
        return e.at("text starting with '*' or '&', which YAML reads as an alias or anchor",
                    "put the whole text in double quotes", e.context_at)
    return None


def _bad_first_character(e: _Syntax) -> Problem | None:
    if "cannot start any token" not in e.problem:
        return None
    char = e.bad[e.problem_at[1] - 1: e.problem_at[1]] or "?"
    return e.at(f"text cannot start with '{char}' unless it is in quotes", "put the whole text in double quotes")


def _misaligned(e: _Syntax) -> Problem | None:
    if "expected <block end>" not in e.problem and "expected the node content" not in e.problem:
        return None
    before = e.bad[: e.problem_at[1] - 1].rstrip()
    if "'<scalar>'" in e.problem and before[-1:] in ("\"", "'"):
        return e.at("more text after the closing quote",
                    "put all the text inside the quotes; inside double quotes write \\\" for a quote, "
                    "inside single quotes write '' for an apostrophe")
    if "'<scalar>'" in e.problem and before[-1:] in ("]", "}"):
        return e.at("text starting with '[' or '{' is read by YAML as a list or group", "put the whole text in double quotes")
    start, column, is_list = meant_group(e.lines, e.problem_at[0]) or (e.context_at[0], None, False)
    if is_list:
        return e.at("this line is not lined up with the lines around it",
                    f"start it at column {column}, like the first item of its list on line {start}: "
                    "every item of a list starts with '- ' at the same column", e.indent_at(e.problem_at[0]))
    where = f"the group starts on line {start}" + (f", its fields at column {column}" if column else "")
    return e.at("this line is not lined up with the lines around it",
                f"start it with the same number of spaces as the other fields of its group ({where}); "
                "list items start with '- ' at the same indent")


def _shape(text: str) -> tuple[int, bool, bool] | None:
    """(indent, is a list item, holds a field name) of a line, or None for a blank or comment line."""
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    item = stripped == "-" or stripped.startswith("- ")
    body = stripped[1:].lstrip() if item else stripped
    return len(text) - len(text.lstrip(" ")), item, bool(re.match(r"[^\s:#'\"\[{][^:]*:(\s|$)", body))


def meant_group(lines: Lines, number: int) -> tuple[int, int, bool] | None:
    """The list or group of fields a misaligned line most likely belongs to, as (its first line,
    the column its items or fields start at, whether it is a list): of those above it, the one
    whose column is nearest the line's own (the nearest one on a tie). YAML's own guess is the
    group it was reading, often the whole file ("line 1") when the line is indented too little."""
    shape = _shape(lines.line(number))
    if shape is None:
        return None
    indent, item, _ = shape
    best: tuple[int, int, int] | None = None  # (distance, line, column)
    for k in range(number - 1, 0, -1):
        found = _shape(lines.line(k))
        if found is None:
            continue
        at, is_item, keyed = found
        if item:
            column = at if is_item else None  # a list item lines up with list items
        else:
            column = (at + 2 if is_item else at) if keyed else None  # a field with fields (after a '- ')
        if column is not None and (best is None or abs(column - indent) < best[0]):
            best = (abs(column - indent), k, column)
        if at == 0 and not is_item:
            break  # a field of the file's top level: the lines above belong to other fields
    if best is None:
        return None
    _, k, column = best
    start = k
    for j in range(k - 1, 0, -1):  # up to the first item of the list, or the first field of the group
        found = _shape(lines.line(j))
        if found is None:
            continue
        at, is_item, keyed = found
        if item and is_item and at == column:
            start = j
        elif not item and keyed and (at == column or (is_item and at + 2 == column)):
            start = j
            if is_item:
                break  # the list item that opens this group
        elif at < column or (item and at == column):
            break
    return start, column + 1, item


# In order: the first entry that gives a problem is used.
SYNTAX: list[Callable[[_Syntax], Problem | None]] = [
    _tab_indent, _tab_value, _control_character, _colon_in_text, _missing_colon, _unclosed_quote,
    _text_after_block_sign, _unclosed_bracket, _item_beside_field, _second_document, _anchor_or_alias,
    _bad_first_character, _misaligned,
]


def yaml_problem(file: str, error: yaml.YAMLError, lines: Lines) -> Problem:
    """One YAML syntax error in plain words, at the line where the editor can fix it."""
    if isinstance(error, yaml.reader.ReaderError):
        return Problem(file, *lines.at_index(error.position),
                       f"an invisible control character (code {error.character:#06x}) that YAML does not allow",
                       "delete it (it usually comes in with text pasted from another program): retype the text around it")
    problem_mark, context_mark = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    problem_at = lines.mark(problem_mark)
    e = _Syntax(file, str(getattr(error, "problem", None) or error), str(getattr(error, "context", None) or ""),
                problem_at, lines.mark(context_mark) if context_mark else problem_at, lines)
    for translation in SYNTAX:
        found = translation(e)
        if found is not None:
            return found
    return e.at(f"YAML cannot read this line ({e.problem})",
                "compare it with a working file: check the quotes, the ': ' after each field name, and the indentation")
