"""Read `data/` into plain Python values, remembering where every value came from.

PyYAML is used at the node level (compose, not load) so that every value keeps its file,
line and column: validation can then point an editor at the exact line to fix. Mistakes
YAML itself lets through are reported here, at their line: duplicate keys (PyYAML would
silently keep the last), tags (`!python/…`), anchors and aliases (`&name`, `*name`), dates
that do not exist. A file that cannot be read at all is reported once, and validation
leaves it out instead of reporting what it is missing.

Hostile input ends in a message, never a crash: only files `macros.data.files` accepts are
opened (regular, inside the project, at most 1 MB), nesting is measured before composing
(libyaml's composer recurses in C and crashes on `[[[[…` fifty thousand deep), and line
numbers count lines as an editor does (YAML also breaks lines at U+0085, U+2028, U+2029).
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import files
from .problems import Problem, shorten
from .lines import Lines
from .yaml_errors import yaml_problem

# Which file(s) feed which part of the Site model. A glob means one record per file.
LAYOUT: dict[str, str] = {
    "sources": "sources.yaml",
    "organizations": "organizations.yaml",
    "glossary": "glossary.yaml",
    "themes": "themes.yaml",
    "corrections": "corrections.yaml",
    "pathway": "pathway.yaml",
    "credential": "credential.yaml",
    "courses": "courses/*.yaml",
    "leadership": "leadership.yaml",
    "topics": "topics/*.yaml",
    "training": "training.yaml",
    "faq": "faq.yaml",
    "endorsement": "endorsement.yaml",
    "start": "start.yaml",
    "associations": "associations.yaml",
}

Path_ = tuple[str | int, ...]

# Deeper than any data file needs (the deepest, data/endorsement.yaml, has 5 levels), and
# shallow enough that composing and validating never near Python's recursion limit.
MAX_DEPTH = 50
# Values in one file: the largest data file holds about 200; a file over this is refused
# before it is composed, so checking it, and the report, stay within seconds.
MAX_VALUES = 10_000

# Tags YAML gives plain values by itself; anything else (`!custom`, `!!python/…`) is refused.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}

# Control characters no text of the site needs (C0 but tab and line break, DEL, C1): a terminal
# or a page would act on them or hide them. YAML refuses most of them typed raw, but lets them in
# through the codes of double-quoted text (`\e`, `\x1b`, `\u0007`…) and as U+0085 (a line break to YAML).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In double-quoted text: one code (its letter or number), or a raw control character.
_CODE_OR_CONTROL = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|[\x00-\x08\x0b-\x1f\x7f-\x9f]", re.S)
_YAML_CODES = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", "N": "\x85"}
_CONTROL_NAMES = {0x00: "null", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
                  0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x85: "next line"}


def control_code(char: str) -> str:
    """How a message names a control character: 'U+001B, escape'."""
    name = _CONTROL_NAMES.get(ord(char))
    return f"U+{ord(char):04X}" + (f", {name}" if name else "")


def _item_folded_in(node: yaml.ScalarNode, file: str, lines: Lines) -> Problem | None:
    """A list item indented further than the item above it: YAML reads it as more text of that
    item (`- sed-part-1 - sed-part-2`). Reported at the line that went too far, not as a value
    nobody typed."""
    first, last = lines.at_index(node.start_mark.index)[0], lines.at_index(node.end_mark.index)[0]
    if node.style not in (None, "") or first == last:
        return None
    above = lines.line(first)
    dash = len(above) - len(above.lstrip())
    if not above.lstrip().startswith("- "):
        return None
    for number in range(first + 1, last + 1):
        text = lines.line(number)
        if text.lstrip().startswith("- "):
            return Problem(file, number, len(text) - len(text.lstrip()) + 1,
                           f"this list item is indented further than the item on line {first}, so YAML reads it as more text of that item",
                           f"start it at column {dash + 1}, like the '- ' on line {first}: every item of a list starts at the same column")
    return None


def _control_in_value(node: yaml.ScalarNode, file: str, field: str, lines: Lines) -> Problem | None:
    """The first control character of a text value, as a problem at the code (or raw character)
    that made it; None if there is none. The character itself is never shown, only its number."""
    found = _CONTROL.search(node.value)
    if found is None:
        return None
    char = found.group(0)
    source = lines.text[node.start_mark.index: node.end_mark.index]
    at, typed = 0, ""
    for match in _CODE_OR_CONTROL.finditer(source):
        code = match.group(1)
        if code is None:
            made = match.group(0)
        elif node.style != '"':
            continue
        elif code[0] in "xuU":
            made = chr(int(code[1:], 16)) if int(code[1:], 16) <= 0x10FFFF else ""
        else:
            made = _YAML_CODES.get(code, "")
        if made == char:
            at, typed = match.start(), match.group(0) if code is not None else ""
            break
    where = lines.at_index(node.start_mark.index + at)
    field = shorten(field, 40)
    if typed:
        return Problem(file, *where, f"'{typed}' writes an invisible control character ({control_code(char)}) into '{field}'",
                       "delete the code: no text on the site needs a control character (inside double quotes, a backslash "
                       "starts a code; write '\\\\' for a backslash)")
    return Problem(file, *where, f"an invisible control character ({control_code(char)}) in '{field}'",
                   "delete it and retype the text around it: it usually comes in with text pasted from another program")


@dataclass
class Document:
    """One parsed YAML file: its value and the position of every value and key in it."""

    file: str  # relative to the project root, e.g. "data/courses/rios-1.yaml"
    value: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    texts: dict[Path_, str] = field(default_factory=dict)  # each plain value exactly as typed
    broken: set[Path_] = field(default_factory=set)  # values already reported by the loader

    def position(self, path: Path_, prefer_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest known part of `path`."""
        for cut in range(len(path), -1, -1):
            head = tuple(path[:cut])
            if prefer_key and cut == len(path) and head in self.keys:
                return self.keys[head]
            if head in self.values:
                return self.values[head]
        return (1, 1)


@dataclass
class Loaded:
    """All of `data/`: the raw values for the model and a map back to the documents."""

    raw: dict[str, Any]
    # For each top-level key: either one Document, or (for globbed folders) a list of them.
    documents: dict[str, Document | list[Document]]
    problems: list[Problem]
    # Top-level keys with a file that is missing or could not be read (already reported):
    # validation does not report what they lack, nor references to the records they hold.
    unreadable: set[str] = field(default_factory=set)
    root: Path | None = None  # the project folder (links from data to pages of docs/ are checked there)

    def document(self, loc: Path_) -> tuple[Document | None, Path_]:
        """The document a model location such as ('courses', 2, 'title') lives in, and the rest of the path."""
        if not loc:
            return None, ()
        doc = self.documents.get(str(loc[0]))
        rest = tuple(loc[1:])
        if isinstance(doc, list):
            if rest and isinstance(rest[0], int) and rest[0] < len(doc):
                return doc[rest[0]], rest[1:]
            return None, rest
        return doc, rest

    def locate(self, loc: Path_, prefer_key: bool = False) -> tuple[str, int, int]:
        """Turn a model location such as ('courses', 2, 'modules', 0, 'title') into file:line:col."""
        if not loc:
            return ("data/", 1, 1)
        doc, rest = self.document(loc)
        if doc is None:
            pattern = LAYOUT.get(str(loc[0]), "")
            return (f"data/{pattern.split('/')[0]}/" if "*" in pattern else f"data/{pattern}", 1, 1)
        line, col = doc.position(rest, prefer_key=prefer_key)
        return (doc.file, line, col)

    def is_broken(self, loc: Path_) -> bool:
        """True if the value at `loc` (or a value holding it) was already reported by the loader."""
        doc, rest = self.document(loc)
        return doc is not None and any(rest[:cut] in doc.broken for cut in range(len(rest) + 1))

    def typed(self, loc: Path_) -> str | None:
        """The value at `loc` exactly as the editor typed it, if it is a plain value."""
        doc, rest = self.document(loc)
        return doc.texts.get(rest) if doc is not None else None


# --- parsing ------------------------------------------------------------------------------


class _Composer(yaml.SafeLoader):
    """SafeLoader that composes nodes, resolves plain values, and flags anchors and aliases.

    Aliases are replaced by an empty value (so a recursive alias cannot loop), and both are
    reported: staff never need them, and `&` or `*` at the start of text is a common slip.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self.flagged: dict[int, tuple[str, str, yaml.Mark]] = {}
        self._placeholders: list[yaml.Node] = []

    def compose_node(self, parent, index):  # PyYAML's API
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            node = yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
            self._placeholders.append(node)  # keep it alive so its id() stays unique
            self.flagged[id(node)] = ("*", event.anchor, event.start_mark)
            return node
        node = super().compose_node(parent, index)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.flagged[id(node)] = ("&", anchor, event.start_mark)
            self.anchors.pop(anchor, None)  # aliases are never resolved, so a repeated anchor is no error
        return node


# libyaml parses about seven times faster (it matters with hundreds of course files); its error
# messages are terser, so a file it rejects is parsed again by _Composer for the message. It does
# not report anchors and aliases, so a file that may hold one (`&x` or `*x` at the start of a
# value) is parsed by _Composer from the start.
_FastComposer = getattr(yaml, "CSafeLoader", _Composer)
# An anchor or alias can only start a node: at the start of a line (after indentation), after
# `key: `, `- ` or `? `, or after `[`, `{` or `,` in a flow collection. Mid-line Markdown such
# as `with **bold** text` is not one, and no longer sends the file through the slower path.
_MAY_HOLD_ANCHOR = re.compile(r"(?:^[ \t]*|[:?-][ \t]+|[\[{,][ \t]*)[&*][^\s\[\]{},]", re.M)


def _holds_anchor(text: str) -> bool:
    """Whether the file really holds an anchor or alias. The regex is only a quick pre-check:
    Markdown such as `**bold**` matches it too, and libyaml's scanner tells exactly, in C."""
    if not _MAY_HOLD_ANCHOR.search(text):
        return False
    try:
        return any(isinstance(token, (yaml.AnchorToken, yaml.AliasToken)) for token in yaml.scan(text, Loader=_FastComposer))
    except yaml.YAMLError:
        return True  # _Composer reads it and reports the problem


def _mark(mark: yaml.Mark | None, lines: Lines | None = None) -> tuple[int, int]:
    if lines is not None:
        return lines.mark(mark)
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def too_deep(text: str, loader: Any) -> tuple[str, yaml.Mark] | None:
    """('deep', where) if the nesting goes deeper than MAX_DEPTH, ('many', where) past MAX_VALUES
    values, else None; linear, never recursive, and it stops at the first excess.

    Quick bounds first (C-speed counts): depth is at most the flow brackets, plus two levels
    per column of indentation, plus `- `/`? ` entries on one line; every value comes with a
    mark. Only a file over them is walked event by event (libyaml's parser keeps its
    own stack, in memory; composing is what recurses).
    """
    flow = text.count("[") + text.count("{")
    shallow = flow <= 30 and not re.search(r"^[ \t]{41}", text, re.M) and not re.search(r"(?:[-?][ \t]+){20}", text)
    # Each value comes with a mark: a key and its value with a ':' (or an explicit '?', or a ','
    # or '{' in a flow mapping), a list item with a '-' (or a '[' or ',' in a flow list).
    marks = 2 * (text.count(":") + text.count("?") + text.count(",") + text.count("{")) + text.count("-") + text.count("[") + 1
    if shallow and marks <= MAX_VALUES:
        return None
    depth = values = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return "deep", event.start_mark
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
                continue
            elif not isinstance(event, yaml.ScalarEvent):
                continue
            values += 1
            if values > MAX_VALUES:
                return "many", event.start_mark
    except yaml.YAMLError:
        return None  # composing reports the syntax error, at its line
    return None


def _build(node: yaml.Node, path: Path_, doc: Document, loader: Any, problems: list[Problem]) -> Any:
    _mark = loader.lines.mark  # noqa: N806 (positions as an editor counts lines)
    doc.values[path] = _mark(node.start_mark)
    flag = getattr(loader, "flagged", {}).get(id(node))
    if flag is not None:
        sign, name, mark = flag
        what = "an alias" if sign == "*" else "an anchor"
        problems.append(Problem(
            doc.file, *_mark(mark),
            f"'{sign}{shorten(name, 40)}' at the start of a value is read by YAML as {what}, which this site's data does not use",
            f"put the whole text in double quotes, e.g. \"{sign}{shorten(name, 40)} …\", or write the value out in full"))
        doc.broken.add(path)
        if sign == "*":
            return None
    if node.tag not in _PLAIN_TAGS:
        tag = shorten(node.tag.replace("tag:yaml.org,2002:", "!!"), 40)
        problems.append(Problem(
            doc.file, *_mark(node.start_mark),
            f"'{tag}' is a YAML tag, which this site's data does not use",
            f"delete '{tag}'; if the text really starts with '!', put the whole text in double quotes"))
        doc.broken.add(path)
        if isinstance(node, yaml.ScalarNode):
            doc.texts[path] = node.value
            return node.value
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_pos = _mark(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or id(key_node) in getattr(loader, "flagged", {}):
                problems.append(Problem(
                    doc.file, *key_pos, "a field name YAML cannot read here (it starts with '[', '{', '&', '*' or '?')",
                    "write the field name as a plain word followed by ': ', e.g. title: …; "
                    "if this line is text, put the whole text in double quotes"))
                doc.broken.add(path)
                continue
            key = key_node.value
            if key in result:
                first = doc.keys[path + (key,)]
                problems.append(Problem(
                    doc.file, *key_pos,
                    f"the field '{shorten(str(key), 40)}' is given twice (first on line {first[0]}); YAML would silently use only one of them",
                    "keep the one you mean and delete the other"))
                continue
            doc.keys[path + (key,)] = key_pos
            result[key] = _build(value_node, path + (key,), doc, loader, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, loader, problems) for i, item in enumerate(node.value)]
    doc.texts[path] = node.value
    folded = _item_folded_in(node, doc.file, loader.lines) if path and isinstance(path[-1], int) else None
    if folded is not None:
        problems.append(folded)
        doc.broken.add(path)
        return node.value
    if loader.may_hold_control and isinstance(node.value, str):
        field = next((str(part) for part in reversed(path) if isinstance(part, str)), "this value")
        control = _control_in_value(node, doc.file, field, loader.lines)
        if control is not None:  # reported besides anything else wrong with the value (which shows it as codes)
            problems.append(control)
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        # e.g. 2026-13-45 looks like a date but is not one: keep the text, and let
        # validation say what the field expects.
        return node.value


def _yaml_problem(file: str, error: yaml.YAMLError, text: str) -> Problem:
    """A YAML syntax error in plain words, for text that is not a data file (front matter: macros/pages/prose/source.py)."""
    return yaml_problem(file, error, Lines(text))


def read_document(path: Path, root: Path, problems: list[Problem], one_of_many: bool = False) -> Document | None:
    """Parse one YAML file; problems are recorded, and None returned if it cannot be read at all.

    `one_of_many`: the file is one record of a folder (a course, a topic), which may be deleted.
    """
    rel = path.relative_to(root).as_posix()
    text = _read_text(path, rel, problems)
    if text is None:
        return None
    lines = Lines(text)
    # A file with U+0085/U+2028/U+2029 goes through the Python composer, whose marks give
    # the character index that editor lines are counted from.
    fast = _FastComposer is not _Composer and not lines.odd and not _holds_anchor(text)
    excess = too_deep(text, _FastComposer)
    if excess is not None:
        kind, where = excess
        problems.append(Problem(rel, *lines.mark(where), f"the data here is nested more than {MAX_DEPTH} levels deep",
                                "no data file needs that many: look for a run of '[', '{' or '- ' (often pasted by mistake) "
                                "and compare the file with a working one of the same kind") if kind == "deep" else
                        Problem(rel, *lines.mark(where), f"the file holds more than {MAX_VALUES:,} values; no data file needs that many",
                                "look for text pasted many times over, or a list repeated by mistake, and remove it"))
        return None
    doc = Document(rel)
    loader: Any = None
    try:
        try:
            loader = (_FastComposer if fast else _Composer)(text)
            node = loader.get_single_node()
        except yaml.YAMLError:
            if not fast:
                raise
            if loader is not None:
                loader.dispose()
            loader = _Composer(text)  # the same error, with the details for a plain message
            node = loader.get_single_node()
        if node is None:
            problems.append(Problem(rel, 1, 1, "the file is empty",
                                    "restore its content from the repository history"
                                    + (", or delete the file if the record should go" if one_of_many else "")))
            return None
        loader.lines = lines
        # A value can hold a control character only if the file does, raw or as a code after a
        # backslash: a file with neither (nearly every one) skips the search in each value.
        loader.may_hold_control = "\\" in text or _CONTROL.search(text) is not None
        doc.value = _build(node, (), doc, loader, problems)
    except yaml.YAMLError as error:
        problems.append(yaml_problem(rel, error, lines))
        return None
    except RecursionError:
        problems.append(Problem(rel, 1, 1, "the file is nested too deeply to read",
                                "compare it with a working file of the same kind and remove the extra levels"))
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def _read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    """The file's text (a byte-order mark dropped), or None after reporting why it cannot be read."""
    try:
        data = files.read_bytes(path)
    except OSError as error:
        problems.append(Problem(rel, 1, 1, f"the file cannot be read ({error.strerror})",
                                "check it is a normal file; restore it from the history if needed"))
        return None
    if len(data) > files.MAX_BYTES:
        problems.append(Problem(rel, 1, 1, "the file is larger than 1 MB, the most a data file may hold",
                                "split it, or remove what does not belong (pasted text, an image, a copied document)"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = len(re.findall(rb"\r\n|\r|\n", before)) + 1
        col = len(re.split(rb"\r\n|\r|\n", before)[-1].decode("utf-8", errors="replace")) + 1
        problems.append(Problem(rel, line, col, "this character is not UTF-8 text (the file was saved in another encoding)",
                                "save the file as UTF-8 (in most editors: Save with encoding → UTF-8), or retype the character"))
        return None
    return text[1:] if text.startswith("\ufeff") else text


def _unused_files(data_dir: Path, root: Path) -> list[Problem]:
    """Files in data/ the site does not read: a misnamed file (`.yml`, a typo), or one skipped on purpose.

    Walked without following links into folders; each name is looked at, never opened.
    """
    problems = []
    expected_top = {p for p in LAYOUT.values() if "*" not in p}
    folders = {p.split("/")[0]: p.split("/")[1] for p in LAYOUT.values() if "*" in p}
    for folder_path, subfolders, names in os.walk(data_dir):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder_path) / name
            rel_data = path.relative_to(data_dir).as_posix()
            if files.is_leftover(name) or (path.is_symlink() and not path.exists()):
                problems.append(files.inspect(path, root))
                continue
            if any(part.startswith(".") for part in path.relative_to(data_dir).parts):
                continue
            rel = path.relative_to(root).as_posix()
            folder = rel_data.split("/")[0] if "/" in rel_data else None
            if folder in folders and path.match(folders[folder]) and path.parent.name == folder:
                continue
            if folder is None and rel_data in expected_top:
                continue
            if path.suffix in (".yml", ".YAML", ".Yaml") and folder in folders:
                problems.append(Problem(rel, 1, 1, f"this file is not read: files in data/{folder}/ must end in '.yaml'",
                                        f"rename it to {path.stem}.yaml"))
            elif path.suffix in (".yaml", ".yml"):
                problems.append(Problem(rel, 1, 1, "this file is not read by the site",
                                        "check its name and folder against the list in docs/editing.md (e.g. a course goes in data/courses/)",
                                        level="warning"))
    return problems


def _folder_documents(folder: Path, glob: str, root: Path, problems: list[Problem]) -> tuple[list[Document], bool]:
    """The documents of a folder of records, and whether every file in it could be read.

    Hidden files, editors' leftovers and links to nothing are not records (`_unused_files`
    notes the last two); anything else that cannot be read is reported and counts as unread.
    """
    docs, complete, found = [], True, False
    for path in sorted(folder.glob(glob)):
        if path.name.startswith(".") or files.is_leftover(path.name) or (path.is_symlink() and not path.exists()):
            continue
        found = True
        refused = files.inspect(path, root)
        doc = None
        if refused is not None:
            problems.append(refused)
        else:
            doc = read_document(path, root, problems, one_of_many=True)
        if doc is None:
            complete = False
        else:
            docs.append(doc)
    return docs, complete and found


def load_data(root: Path) -> Loaded:
    """Read every file named in LAYOUT below `root/data`."""
    data_dir = root / "data"
    problems: list[Problem] = []
    raw: dict[str, Any] = {}
    documents: dict[str, Document | list[Document]] = {}
    unreadable: set[str] = set()
    for key, pattern in LAYOUT.items():
        if "*" in pattern:
            folder, glob = pattern.split("/")
            docs, complete = _folder_documents(data_dir / folder, glob, root, problems)
            if not complete:
                unreadable.add(key)
            if not docs and complete is False and not any(p.file.startswith(f"data/{folder}/") for p in problems):
                problems.append(Problem(f"data/{folder}/", 1, 1, f"no {folder} found",
                                        f"add at least one file such as data/{pattern.replace('*', 'example')}"))
            documents[key] = docs
            raw[key] = [d.value for d in docs]
            continue
        path = data_dir / pattern
        if not path.is_symlink() and not path.exists():
            problems.append(Problem(f"data/{pattern}", 1, 1, "the file is missing",
                                    "restore it from the repository history (the site needs it)"))
            unreadable.add(key)
            continue
        refused = files.inspect(path, root)
        doc = None if refused else read_document(path, root, problems)
        if refused:
            problems.append(dataclasses.replace(refused, level="error"))  # a required file: never skipped
        if doc is None:
            unreadable.add(key)
            continue
        documents[key] = doc
        raw[key] = doc.value
    if data_dir.is_dir():
        problems += _unused_files(data_dir, root)
    return Loaded(raw, documents, problems, unreadable, root)
