"""One fact, one place: change a fact in data/ and its old value is gone from the whole site.

In one copy of the project, five facts change as an editor changes them: the fee, a course
title, the number of courses (a course is added), a monthly topic's title and the monthly
hours. After `make build`, the old value must appear nowhere in what readers and machines
get: pages, link previews, JSON-LD, the search index, api/, the sitemap. A failure lists the
built files that still hold the old value and the places in the project that type it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from project import copy_project, make, set_field
from search_docs import decode_fragment
from test_scenarios import add_course


@dataclass(frozen=True)
class Fact:
    name: str
    old: str  # a regular expression for the old value, in its context
    pages: str = ""  # only files under this folder of the site ("" for all)
    # A page whose same words are other records' facts (an association's own $15 fee), with its api/ file.
    others: str = ""


FACTS = [
    Fact("fee", r"\$15\b", others="associations"),
    Fact("course title", r"Using the RIOS™ Framework for Reflective Supervision"),
    Fact("number of courses", r"(?i)\b(?:five|5)(?:\s+(?:required|online|short))*\s+courses\b|\bcourses?\s+\d+\s+of\s+(?:five|5)\b"),
    Fact("topic title", r"(?i)Atypical Development, Delays and Challenging Behaviors"),
    Fact("hours", r"(?i)\b(?:2|two|24|twenty-four)\s*(?:hours?|h)\b", "leadership"),
]
# Where a typed copy of a fact can hide in the project.
SOURCES = ["docs", "macros/templates", "overrides", "data", "mkdocs.yml"]


def change_facts(root: Path) -> None:
    set_field(root / "data" / "credential.yaml", "fee", "$20")
    set_field(root / "data" / "courses" / "rios-1.yaml", "title", "RIOS™ 1: Reflective Supervision with the RIOS™ (short course)")
    add_course(root)  # a sixth course, third in the order (the recipe of docs/editing.md)
    set_field(root / "data" / "topics" / "07-atypical-development.yaml", "title", "Development That Takes Its Own Path")
    set_field(root / "data" / "leadership.yaml", "training_hours_per_month", "3", indent="  ")
    set_field(root / "data" / "leadership.yaml", "supervision_hours_per_month", "3", indent="  ")
    # Numbers stay numbers in YAML (set_field writes text in quotes).
    path = root / "data" / "leadership.yaml"
    path.write_text(re.sub(r'(_hours_per_month): "3"', r"\1: 3", path.read_text(encoding="utf-8")), encoding="utf-8")
    # The contract changes with the rename, on purpose.
    contract = root / "tests" / "required.yaml"
    contract.write_text(contract.read_text(encoding="utf-8")
                        .replace('"RIOS™ 1: Using the RIOS™ Framework for Reflective Supervision (short course)"',
                                 '"RIOS™ 1: Reflective Supervision with the RIOS™ (short course)"')
                        .replace("  - Atypical Development, Delays and Challenging Behaviors", "  - Development That Takes Its Own Path"),
                        encoding="utf-8")


def readable(path: Path) -> str:
    """A built file's text as a reader or a machine gets it (entities and JSON escapes decoded)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    text = html.unescape(text)
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def typed_in(root: Path, pattern: re.Pattern) -> list[str]:
    """file:line of every place in the project that types the value."""
    places = []
    for source in SOURCES:
        base = root / source
        for path in sorted([base] if base.is_file() else base.rglob("*")):
            if not path.is_file() or path.suffix not in (".md", ".yaml", ".yml", ".j2", ".html", ".js", ".css"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                if pattern.search(line):
                    places.append(f"{path.relative_to(root).as_posix()}:{number}")
    return places


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("facts") / "project")
    change_facts(root)
    result = make(root, "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


@pytest.mark.parametrize("fact", FACTS, ids=[f.name for f in FACTS])
def test_old_value_is_gone_from_the_built_site(changed, fact):
    pattern = re.compile(fact.old)
    site = changed / "site"
    left = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or path.suffix not in (".html", ".json", ".xml", ".txt", ".ics", ".pf_fragment"):
            continue
        if rel.startswith("editing/"):
            continue  # the editors' guide shows example values (`fee: "$20"`), not the site's facts
        if fact.others and (rel.startswith(fact.others + "/") or rel == f"api/{fact.others}.json"):
            continue
        if fact.pages and not (rel.startswith(fact.pages + "/") or rel.startswith("topics/") or rel == "api/catalog.json"):
            continue
        if path.suffix == ".pf_fragment":  # a page's search entry, as the page: not the editors' guide's
            fragment = decode_fragment(path)
            if fragment["url"].startswith("/editing/") or (fact.others and f"/{fact.others}/" in fragment["url"]):
                continue
            text = json.dumps(fragment, ensure_ascii=False)
        else:
            text = readable(path)
        if fact.pages and rel == "api/catalog.json":  # only the part about the certificate (the Endorsement also counts hours)
            text = json.dumps(json.loads(text)["leadership_certificate"], ensure_ascii=False)
        found = sorted(set(m.group(0) for m in pattern.finditer(text)))
        if found:
            left.append(f"{rel}: {', '.join(found)}")
    assert not left, (
        f"after changing the {fact.name} in data/, the old value is still on the site:\n  " + "\n  ".join(left)
        + "\nplaces in the project that still type it:\n  " + "\n  ".join(typed_in(changed, pattern) or ["(none)"]))
