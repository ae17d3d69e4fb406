"""A page of docs/ left out of `nav:` in mkdocs.yml, reported with the exact line to add and where;
a line of `nav:` naming a page that is not in docs/ (deleted or renamed), at that line.

Readers reach a page through the navigation; MkDocs only warns about either, and the strict
build then stops without saying which line of mkdocs.yml to change or how. The line offered is written like its
neighbours: the same indentation as the last entry of the page's folder (or, for a new folder,
of the top level), `- Title: path`.
"""

from __future__ import annotations

import difflib
import json
import posixpath
import re
from dataclasses import dataclass

import yaml

from ...data.problems import Problem


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml read for its layout alone: `!ENV` and `!!python/name:` tags are taken as they are."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Entry:
    """One page line of `nav:`: the page, its line in mkdocs.yml and the column of its dash."""

    path: str
    line: int
    dash: int
    text: str


def nav_entries(config_text: str) -> list[Entry]:
    """Every page of `nav:` (a path, or `courses/*`), in order, with where it is written."""
    try:
        root = yaml.compose(config_text, Loader=_AnyTag)
    except yaml.YAMLError:
        return []
    nav = next((value for key, value in getattr(root, "value", []) if getattr(key, "value", None) == "nav"), None)
    lines = config_text.split("\n")
    entries: list[Entry] = []

    def walk(node) -> None:
        for item in getattr(node, "value", []) if isinstance(node, yaml.SequenceNode) else []:
            if isinstance(item, yaml.ScalarNode):
                target, at = item, item.start_mark
            elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                key, value = item.value[0]
                if isinstance(value, yaml.SequenceNode):
                    walk(value)
                    continue
                target, at = value, key.start_mark
            else:
                continue
            line = lines[at.line] if at.line < len(lines) else ""
            dash = line.rfind("-", 0, at.column)
            entries.append(Entry(str(target.value), at.line + 1, max(dash, 0), line.strip()))

    walk(nav)
    return entries


def _yaml_text(title: str) -> str:
    """A title as a YAML key: plain when it is safe so, else in double quotes."""
    return title if re.fullmatch(r"[A-Za-z0-9][^:#{}\[\],&*!|>'\"%@`]*", title) and not title.endswith(" ") else json.dumps(title, ensure_ascii=False)


def missing_from_nav(file: str, src_uri: str, title: str, entries: list[Entry]) -> Problem:
    """The problem for one page left out of `nav:`, with the line to add and where to add it."""
    folder = posixpath.dirname(src_uri)
    siblings = [e for e in entries if posixpath.dirname(e.path) == folder]
    dash = siblings[-1].dash if siblings else min((e.dash for e in entries), default=2)
    added = f"{' ' * dash}- {_yaml_text(title)}: {src_uri}"
    if siblings:
        where = f"after line {siblings[-1].line} (`{siblings[-1].text}`)"
    elif entries:
        where = f"in the part of nav: it belongs to (nav: ends at line {entries[-1].line})"
    else:
        where = "under nav:"
    return Problem(file, 1, 1, "this page is not in the site's navigation, so readers cannot reach it",
                   f"add this line to mkdocs.yml {where}, with its leading spaces: `{added}`")


def meant_page(entry: Entry, pages: list[str]) -> str | None:
    """The page of docs/ a line of `nav:` naming no page most likely meant (a misspelt name), if any."""
    near = difflib.get_close_matches(entry.path, pages, n=1, cutoff=0.6)
    return near[0] if near else None


def not_a_page(entry: Entry, meant: str | None) -> Problem:
    """The problem for one line of `nav:` naming a page that is not in docs/."""
    rename = f"correct the file name: did you mean '{meant}'?" if meant else "correct the file name, written from docs/"
    return Problem("mkdocs.yml", entry.line, entry.dash + 1,
                   f"the menu (nav:) lists '{entry.path}', which is not a page in docs/",
                   f"delete this line if the page was removed, or {rename}")


def misspelt_in_nav(file: str, entry: Entry) -> Problem:
    """The problem for a page left out of `nav:` because the line meant for it names another file."""
    return Problem(file, 1, 1, "this page is not in the site's navigation, so readers cannot reach it",
                   f"line {entry.line} of mkdocs.yml (`{entry.text}`) is most likely meant for it: correct the file name there")
