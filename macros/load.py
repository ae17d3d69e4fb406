"""Read `data/` into plain Python values, remembering where every value came from.

PyYAML is used at the node level (compose, not load) so that every value keeps its file,
line and column: validation can then point an editor at the exact line to fix. Duplicate
keys, which PyYAML would silently collapse, are reported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

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
}

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One parsed YAML file: its value and the position of every value and key in it."""

    file: str  # relative to the project root, e.g. "data/courses/rios-1.yaml"
    value: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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

    def locate(self, loc: Path_, prefer_key: bool = False) -> tuple[str, int, int]:
        """Turn a model location such as ('courses', 2, 'modules', 0, 'title') into file:line:col."""
        if not loc:
            return ("data", 1, 1)
        top, rest = loc[0], tuple(loc[1:])
        doc = self.documents.get(str(top))
        if isinstance(doc, list):
            if rest and isinstance(rest[0], int) and rest[0] < len(doc):
                doc, rest = doc[rest[0]], rest[1:]
            else:
                return (f"data/{LAYOUT[str(top)].split('/')[0]}/", 1, 1)
        if doc is None:
            return ("data", 1, 1)
        line, col = doc.position(rest, prefer_key=prefer_key)
        return (doc.file, line, col)


class _Composer(yaml.SafeLoader):
    """SafeLoader used only to compose nodes and resolve scalars (dates, ints, bools)."""


# libyaml parses about seven times faster (it matters with hundreds of course files); its error
# messages are terser, so a file it rejects is parsed again by _Composer for the message.
_FastComposer = getattr(yaml, "CSafeLoader", _Composer)


def _build(node: yaml.Node, path: Path_, doc: Document, loader: _Composer, problems: list[Problem]) -> Any:
    doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first = doc.keys[path + (key,)]
                problems.append(
                    Problem(
                        doc.file, key_pos[0], key_pos[1],
                        f"duplicate field '{key}' (already given on line {first[0]})",
                        "keep one of the two and delete the other",
                    )
                )
                continue
            doc.keys[path + (key,)] = key_pos
            result[key] = _build(value_node, path + (key,), doc, loader, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, loader, problems) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _yaml_problem(file: str, error: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad_line[: max(col, 1)] or "'\\t'" in problem:
        col = bad_line.index("\t") + 1 if "\t" in bad_line else col
        return Problem(file, line, col, "a tab character is used for indenting",
                       "indent with spaces only (two spaces per level)")
    if "mapping values are not allowed" in problem:
        return Problem(file, line, col, "a colon ':' in text that is not in quotes",
                       "put the whole text in double quotes, e.g. title: \"Part 1: Basics\"")
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return Problem(file, line, col, f"the YAML layout is broken here ({problem})",
                       "check the indentation matches the lines around it and that every field has 'name: value'")
    if "found undefined alias" in problem or "found character" in problem:
        return Problem(file, line, col, f"a character YAML cannot read here ({problem})",
                       "put the text in double quotes")
    return Problem(file, line, col, f"the YAML cannot be read ({problem})",
                   "compare this line with a working file; check quotes and indentation")


def read_document(path: Path, root: Path, problems: list[Problem]) -> Document | None:
    """Parse one YAML file; on any problem, record it and return None."""
    rel = path.relative_to(root).as_posix()
    doc = Document(rel)
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(rel, 1, 1, f"the file cannot be read ({error.strerror})", "check the file exists and is a normal file"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.append(Problem(rel, line, col, "the file is not saved as UTF-8 text",
                                "save it as UTF-8 (in most editors: Save with encoding → UTF-8), or retype the character"))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        loader = _FastComposer(text)
        node = loader.get_single_node()
    except yaml.YAMLError:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as error:
            problems.append(_yaml_problem(rel, error, text))
            return None
    finally:
        loader.dispose()
    if node is None:
        problems.append(Problem(rel, 1, 1, "the file is empty", "restore its content from the history, or delete the file if the record should go"))
        return None
    before = len(problems)
    doc.value = _build(node, (), doc, loader, problems)
    return doc if len(problems) == before else None


def load_data(root: Path) -> Loaded:
    """Read every file named in LAYOUT below `root/data`."""
    data_dir = root / "data"
    problems: list[Problem] = []
    raw: dict[str, Any] = {}
    documents: dict[str, Document | list[Document]] = {}
    for key, pattern in LAYOUT.items():
        if "*" in pattern:
            folder = pattern.split("/")[0]
            paths = sorted((data_dir / folder).glob(pattern.split("/")[1]))
            docs = [d for d in (read_document(p, root, problems) for p in paths) if d is not None]
            if not paths:
                problems.append(Problem(f"data/{folder}/", 1, 1, f"no {folder} found",
                                        f"add at least one file such as data/{pattern.replace('*', 'example')}"))
            documents[key] = docs
            raw[key] = [d.value for d in docs]
            continue
        path = data_dir / pattern
        if not path.is_file():
            problems.append(Problem(f"data/{pattern}", 1, 1, "the file is missing",
                                    "restore it from the repository history (it is required)"))
            continue
        doc = read_document(path, root, problems)
        if doc is not None:
            documents[key] = doc
            raw[key] = doc.value
    return Loaded(raw, documents, problems)
