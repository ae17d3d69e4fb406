"""Every everyday edit of "Editing this site" (docs/editing.md), made as an editor makes it, passes
every check and every test on the first try: the test of the tests.

One copy of the project gets every recipe of the guide, applied exactly as the guide says (the
YAML and lines the guide shows are the ones used here; `test_the_guide_shows_each_recipe` fails
if the two drift apart): the fee changed with its evidence, a module added, a course added first
and another last, one renamed, one retired, a monthly topic renamed and another replaced by
deleting its file and adding a new one, a question, a source and its citation, an association
of the Alliance, an organization,
a glossary term (a plain one, with no expansion), a page with its line in `nav:`, a typo fixed,
requirements and pathway steps moved, a page marked reviewed, and `tests/required.yaml` updated
where the guide says to. Which course to rename or retire, which month's topic to replace, are
picked from the data as an editor picks them; an id the guide's example names that the data no
longer has is swapped for one it has (`adapt`), as an editor copying the example would. Besides
the recipes, two more facts change as an editor changes them (the monthly hours; the number of
courses follows from the recipes), and every old value must be gone from the built site. Then
edits of other kinds a staff trial made, each following the guide or its field reference: two
months trade their topics, a module moved, a question removed, a course given a fee, a format
and a page of its own, a theme added, a page offered in search, a review interval changed.

The copy must pass `make check` and `make build`, then the tests. Which tests, and why that is
the verdict of the whole suite on the copy:

- Every test file that takes what it expects from today's content (it imports tests/required.py
  or copies the project: `project.follows_content`) runs on the copy, against the copy's build,
  in one pytest process (`IMH_BUILT_SITE`; this file excepted, which is the one running).
- No other file reads the content: tests/conftest.py fails any of their tests that opens data/,
  a page of docs/ or tests/required.yaml of its project, or runs the checker on it. They test the
  code on the frozen content of tests/fixture/ (the same on the copy, so the same verdict), or
  judge the built pages by rules that hold for any content (accessibility, layout, HTML, links,
  reading grade), comparing them with nothing typed from today's content. Running those on the
  copy would judge the pages the edits changed by the same rules: they could fail there only if
  the site rendered a correct edit badly, which the assertions below look for on each page an
  edit changes, not if a test assumed today's content, which is what this test is for.

So the cost is one more check, one build and the content-following files (no browser survey of
every page, no fuzzer, no hostile build): it runs on one test worker beside the others.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import plone_tree_of
from project import ROOT, copy_project, follows_content, make, quiet_env
from required import courses_in_order, data, topics_by_month
from search_docs import decode_fragment, read_index

GUIDE = ROOT / "docs" / "editing.md"
CONTRACT = Path("tests") / "required.yaml"

# --- the recipes, as the guide gives them -------------------------------------------------

NEW_FEE = "fee: $20"
FEE_EVIDENCE = """\
evidence:
  fee:
    source: seed-credential
    locator: Program requirements, item 2
    checked: 2026-12-07
    key_words: 'Application submission cost: $20'
"""

NEW_MODULE = """\
  - title: Bringing It All Together
    themes:
      - development
"""

NEW_COURSE = """\
id: infant-observation
title: Observing Infants and Toddlers in Their Relationships
short_title: Infant Observation
summary: How to watch, describe and reflect on what babies and toddlers show in their relationships.
description: A short online course on observing infants and toddlers with their caregivers, and on describing what you see before you interpret it.
provider: ceed
format: online
url: https://ceed.umn.edu/sesed-credential/program-requirements/
stand_alone: true
modules:
  - title: Watching Before Interpreting
  - title: Describing What You See
themes:
  - observation-assessment
review:
  reviewed: 2026-11-22
source: seed-credential
"""
NEW_COURSE_LINE = "  - infant-observation\n"
NEW_COURSE_ORDER = """\
courses:
  - intro-imh
  - sed-part-1
  - infant-observation
  - sed-part-2
"""
# The same recipe again, every value changed as step 1 says: the course added last.
LAST_COURSE = (NEW_COURSE.replace("infant-observation", "family-stories")
               .replace("Observing Infants and Toddlers in Their Relationships", "Listening to Family Stories")
               .replace("short_title: Infant Observation", "short_title: Family Stories")
               .replace("How to watch, describe and reflect on what babies and toddlers show in their relationships.",
                        "How to listen to what parents tell about their own childhood and their baby.")
               .replace("Watching Before Interpreting", "Why Family Stories Matter")
               .replace("Describing What You See", "Listening Without Judging"))

RENAMED_COURSE = """\
title: "Introduction to Infant Mental Health: The Basics"
short_title: IMH Basics
"""
NEW_COURSE_TITLE = "Introduction to Infant Mental Health: The Basics"

NEW_TOPIC_TITLE = "Development That Takes Its Own Path"
RENAMED_MONTH, REPLACED_MONTH = 6, 7  # months, not content (every month up to SHORTENED_TO stays)

NEW_TOPIC = """\
id: growing-differently
month: 7
title: Children Who Grow Differently
summary: Children who grow differently or more slowly than most, and how adults can support them.
about: Some children grow differently or more slowly than most. This month looks at how the adults around them can notice it early and support the child and the family.
themes:
  - development
source: seed-leadership
"""
NEW_TOPIC_FILE = "07-growing-differently.yaml"

NEW_QUESTION = """\
- id: why-reflect
  question: Why does training ask you to reflect on your work?
  answer: "The training article names reflective practice as one of four strategies of effective training: thinking back on your work with babies and families deepens your understanding and builds empathy."
  source: seed-training
"""

NEW_SOURCE = """\
- id: waimh-position-paper
  title: WAIMH Position Paper on the Rights of Infants
  publisher: World Association for Infant Mental Health
  url: https://waimh.org/page/position_paper
  checked: 2026-11-22
  kind: reference
  authority: the international association of the field
  used_for: what the rights of infants are, in the association's words
"""
CITE_SOURCE = '{{ source_note("waimh-position-paper") }}'

NEW_ASSOCIATION_SOURCE = """\
- id: lakeland-aimh-endorsement
  title: Endorsement
  publisher: Lakeland Association for Infant Mental Health (LAIMH)
  url: https://lakeland-aimh.example.org/endorsement
  checked: 2026-12-07
  kind: reference
  authority: the association's own page
  used_for: its name, that it offers the Endorsement, and how to apply
"""

NEW_ASSOCIATION = """\
  - id: lakeland
    place: Lakeland
    name: Lakeland Association for Infant Mental Health
    short_name: LAIMH
    website: https://lakeland-aimh.example.org/
    alliance: Its page says it is a member of the Alliance.
    offers_endorsement: true
    credentials:
      - IMH-E®
    applying:
      membership: Become a member of LAIMH before you register.
      system: EASy, the online Endorsement Application System
      evidence:
        membership:
          source: lakeland-aimh-endorsement
          locator: How to apply, step 1
          checked: 2026-12-07
          key_words: Become a member
    sources:
      - lakeland-aimh-endorsement
    evidence:
      name:
        source: lakeland-aimh-endorsement
        locator: About us
        checked: 2026-12-07
      alliance:
        source: lakeland-aimh-endorsement
        locator: About us
        checked: 2026-12-07
        key_words: a member of the Alliance
      offers_endorsement:
        source: lakeland-aimh-endorsement
        locator: Endorsement
        checked: 2026-12-07
"""

NEW_ORGANIZATION = """\
- id: play-strong
  name: Play Strong Institute
  url: https://playstronginstitute.com/
  summary: A company that trains people who work with children and families. It wrote the career guide this site's pathway page first drew on.
  roles:
    - training
  source: seed-pathway
"""

NEW_TERM = """\
- id: co-regulation
  term: co-regulation
  definition: How a calm, caring adult helps a baby settle strong feelings. Over time, the child learns to do more of it alone.
"""

NEW_PAGE_FILE = "first-steps.md"
NEW_PAGE = """\
---
description: First steps for someone new to infant mental health work, and which pages of this site to read first.
---

# First steps

New to infant mental health? Read these pages first, in this order:

1. [The career pathway](pathway.md): the role, the degrees and the Endorsement.
2. [The online credential](credential/index.md): courses you can take online.
3. [The leadership certificate](leadership/index.md): a year-long group for leaders.
"""
NAV_LINE = "  - First steps: first-steps.md\n"

REVIEWED = """\
review:
  reviewed: 2026-12-07
"""
REVIEW_DAY = "2026-12-07"

TYPO_FIX = "Typo fixed on this line."

NEW_THEME = """\
- id: play
  name: Play
  summary: How play between young children and the adults who care for them builds their relationship and their learning.
"""

OFFER_PAGE = """\
search:
  suggest: true
"""

MOVED_MONTHS = 8, 9  # months, not content: two months trade their topics (the guide's example)
SHORTENED_TO = 10  # the collaborative shortened to ten months, after every month the other recipes edit
REVIEW_MONTHS = 6  # a page checked every six months
OWN_COST, OWN_FORMAT, OWN_PAGE = "$250", "hybrid", "https://ceed.umn.edu/sesed-credential/"

NUMBERED_BY_PLACE = "Requirements and pathway steps are numbered the same way, by their place in their list"
# What the guide says, word for word, about the contract (tests/required.yaml).
CONTRACT_RULES = ["rename** a course, a module or a monthly topic", "retire** a course or remove a module",
                  "replace** a monthly topic", "move** a course or a module"]

# A fact that is not a recipe, changed as an editor changes it: the monthly hours.
HOURS = ("training_hours_per_month", "supervision_hours_per_month")

# --- applying them ----------------------------------------------------------------------


def _ids(kind: str) -> list[str]:
    site = data()
    return [r.id for r in {"source": site.sources, "provider": site.organizations, "themes": site.themes}[kind]]


def adapt(snippet: str) -> str:
    """The guide's example with any id the data no longer has (a source, a provider, a theme)
    swapped for one it has, as an editor copying the example would; unchanged otherwise."""
    out, in_themes = [], False
    for line in snippet.splitlines(keepends=True):
        key = re.match(r"^\s*(?:- )?(\w+):\s*(\S.*)?$", line)
        if key and key.group(1) in ("source", "provider") and key.group(2) and key.group(2) not in _ids(key.group(1)):
            line = line.replace(key.group(2), _ids(key.group(1))[0])
        item = re.match(r"^(\s*- )([a-z0-9-]+)\s*$", line)
        if in_themes and item and item.group(2) not in _ids("themes"):
            line = f"{item.group(1)}{_ids('themes')[0]}\n"
        in_themes = bool(key and key.group(1) == "themes") or (in_themes and bool(item))
        out.append(line)
    return "".join(out)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _append(path: Path, snippet: str) -> None:
    """At the end of a list file, with a blank line before it."""
    _write(path, _read(path).rstrip("\n") + "\n\n" + snippet)


def _record_file(root: Path, folder: str, record_id: str) -> Path:
    return next(p for p in (root / "data" / folder).glob("*.yaml") if re.search(rf"^id: {re.escape(record_id)}$", _read(p), re.M))


def _order_lines(text: str) -> tuple[int, int]:
    """Where the lines of the recommended order (under `courses:`) start and end in data/credential.yaml."""
    order = re.search(r"^courses:\n((?:  - .*\n)+)", text, re.M)
    return order.start(1), order.end(1)


def _set_block_entry(text: str, block: str, key: str, entry: str) -> str:
    """`block:`'s entry `key:` (two spaces in) replaced by `entry`, added at the block's end, or the
    block added at the end of the file, as an editor updating an evidence entry does."""
    found = re.search(rf"^{block}:\n((?:  .*\n|\n)*)", text, re.M)
    if found is None:
        return text.rstrip("\n") + "\n" + f"{block}:\n" + entry
    body = found.group(1)
    old = re.search(rf"^  {re.escape(key)}:\n(?:    .*\n)*", body, re.M)
    body = body[: old.start()] + entry + body[old.end():] if old else body.rstrip("\n") + "\n" + entry
    return text[: found.start(1)] + body + text[found.end(1):]


def _contract_title_line(lines: list[str], title: str) -> int:
    hits = [i for i, line in enumerate(lines)
            if re.fullmatch(r"\s*-( title:)? (.*)", line.rstrip("\n")) and _unquote(line.split("- ", 1)[1].removeprefix("title: ")) == title]
    assert len(hits) == 1, f"tests/required.yaml lists {title!r} {len(hits)} times"
    return hits[0]


def _unquote(value: str) -> str:
    return yaml.safe_load(value.strip()) if value.strip() else ""


def _contract_replace(root: Path, old: str, new: str) -> None:
    """The guide: replace the old title with the new one on its line (in double quotes)."""
    path = root / CONTRACT
    lines = _read(path).splitlines(keepends=True)
    i = _contract_title_line(lines, old)
    prefix = lines[i].split("- ", 1)[0] + "- " + ("title: " if "- title: " in lines[i] else "")
    lines[i] = prefix + json.dumps(new, ensure_ascii=False) + "\n"
    _write(path, "".join(lines))


def change_fee(root: Path) -> None:
    path = root / "data" / "credential.yaml"
    text = re.sub(r"^fee: .*$", NEW_FEE, _read(path), count=1, flags=re.M)
    entry = adapt(FEE_EVIDENCE).split("\n", 1)[1]  # the entry under `evidence:`
    _write(path, _set_block_entry(text, "evidence", "fee", entry))


def add_module(root: Path) -> None:
    # At the end of the first course that has modules, lined up with the others.
    path = _record_file(root, "courses", a_course_with_modules().id)
    text = _read(path)
    modules = re.search(r"^modules:\n(?:  .*\n|\n)*", text, re.M)
    _write(path, text[: modules.end()] + adapt(NEW_MODULE) + text[modules.end():])


def add_courses(root: Path) -> None:
    """The guide's course added first in the order, and the same recipe again added last."""
    credential = root / "data" / "credential.yaml"
    for snippet, first in ((NEW_COURSE, True), (LAST_COURSE, False)):
        course_id = re.search(r"^id: (.+)$", snippet, re.M).group(1)
        _write(root / "data" / "courses" / f"{course_id}.yaml", adapt(snippet))
        text = _read(credential)
        start, end = _order_lines(text)
        at = start if first else end
        _write(credential, text[:at] + f"  - {course_id}\n" + text[at:])


def rename_course(root: Path) -> None:
    course = renamed_course()
    path = root / "data" / "courses" / f"{course.id}.yaml"
    text = _read(path)
    for line in RENAMED_COURSE.splitlines():
        key = line.split(":", 1)[0]
        text = re.sub(rf"^{key}: .*$", line.replace("\\", "\\\\"), text, count=1, flags=re.M)
    if re.search(r"^evidence:\n(?:  .*\n)*  title:\n", text, re.M):  # step 2: re-checked, re-dated
        entry = re.search(r"^  title:\n((?:    .*\n)*)", text[text.index("\nevidence:"):], re.M).group(0)
        new = re.sub(r"^    checked: .*$", f"    checked: {REVIEW_DAY}", entry, flags=re.M)
        new = re.sub(r"^    key_words: .*$", f"    key_words: {NEW_COURSE_TITLE.split(':')[0]}", new, flags=re.M)
        text = text.replace(entry, new)
    _write(path, text)
    _contract_replace(root, course.title, NEW_COURSE_TITLE)


def retire_course(root: Path) -> None:
    course = retired_course()
    (root / "data" / "courses" / f"{course.id}.yaml").unlink()
    credential = root / "data" / "credential.yaml"
    _write(credential, re.sub(rf"^  - {re.escape(course.id)}\n", "", _read(credential), count=1, flags=re.M))
    path = root / CONTRACT
    lines = _read(path).splitlines(keepends=True)
    try:
        i = _contract_title_line(lines, course.title)
    except AssertionError:
        return  # not in the contract: nothing to delete there
    end = i + 1
    while end < len(lines) and lines[end].startswith("    "):  # its `modules:` and module lines
        end += 1
    _write(path, "".join(lines[:i] + lines[end:]))


def rename_topic(root: Path) -> None:
    topic = topic_of(RENAMED_MONTH)
    path = _record_file(root, "topics", topic.id)
    _write(path, re.sub(r"^title: .*$", f"title: {NEW_TOPIC_TITLE}", _read(path), count=1, flags=re.M))
    _contract_replace(root, topic.title, NEW_TOPIC_TITLE)


def replace_topic(root: Path) -> None:
    old = topic_of(REPLACED_MONTH)
    _record_file(root, "topics", old.id).unlink()
    _write(root / "data" / "topics" / NEW_TOPIC_FILE, adapt(NEW_TOPIC))
    _contract_replace(root, old.title, yaml.safe_load(NEW_TOPIC)["title"])


def add_question(root: Path) -> None:
    _append(root / "data" / "faq.yaml", adapt(NEW_QUESTION))


def citing_page(root: Path) -> Path:
    """A prose page to cite the new source on and fix a typo in: the organizations page, or another."""
    page = root / "docs" / "organizations.md"
    return page if page.is_file() else sorted(p for p in (root / "docs").glob("*.md") if not p.stem.startswith("editing"))[0]


def add_source(root: Path) -> None:
    _append(root / "data" / "sources.yaml", NEW_SOURCE)
    page = citing_page(root)
    _write(page, _read(page).rstrip("\n") + "\n\n" + CITE_SOURCE + "\n")


def add_association(root: Path) -> None:
    _append(root / "data" / "sources.yaml", NEW_ASSOCIATION_SOURCE)
    # At the end of the list under `associations:` (the site sorts it), lined up with the others.
    path = root / "data" / "associations.yaml"
    text = _read(path)
    listed = re.search(r"^associations:\n(?:  .*\n|\n)*", text, re.M)
    _write(path, text[: listed.end()] + NEW_ASSOCIATION + text[listed.end():])


def add_organization(root: Path) -> None:
    _append(root / "data" / "organizations.yaml", adapt(NEW_ORGANIZATION))


def add_term(root: Path) -> None:
    _append(root / "data" / "glossary.yaml", NEW_TERM)


def add_page(root: Path) -> None:
    _write(root / "docs" / NEW_PAGE_FILE, NEW_PAGE)
    config = root / "mkdocs.yml"
    text = _read(config)
    home = re.search(r"^nav:\n  - .*\n", text, re.M)  # "after the home page"
    _write(config, text[: home.end()] + NAV_LINE + text[home.end():])


def _first_prose_line(text: str) -> str:
    """The first line of ordinary prose in a page (not front matter, a heading, a macro or a list)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    for line in body.splitlines():
        if line.strip() and not line.startswith(("#", "{", "-", "*", "|", ">", " ", "!", "<", "`")) and re.match(r"[A-Z]", line):
            return line
    raise AssertionError("no prose line found")


def fix_typo(root: Path) -> None:
    page = citing_page(root)
    text = _read(page)
    line = _first_prose_line(text)
    _write(page, text.replace(line, line.rstrip() + " " + TYPO_FIX, 1))


def _move_item(path: Path, item_id: str, before_id: str) -> None:
    """Move a list item's lines (its `- id:` line to just before the next item) above another item, as the guide says."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {item_id}")
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(indent + " ")), len(lines))
    block, rest = lines[start:end], lines[:start] + lines[end:]
    to = next(i for i, line in enumerate(rest) if line.strip() == f"- id: {before_id}")
    path.write_text("".join(rest[:to] + block + rest[to:]), encoding="utf-8")


def moved_items() -> dict[str, tuple[str, str]]:
    """What is moved: the credential's last requirement and the pathway's second step, each to the top."""
    site = data()
    requirements, steps = site.credential.requirements, site.pathway.education
    return {"credential.yaml": (requirements[-1].id, requirements[0].id), "pathway.yaml": (steps[1].id, steps[0].id)}


def move_items(root: Path) -> None:
    for name, (item, before) in moved_items().items():
        _move_item(root / "data" / name, item, before)


def mark_reviewed(root: Path) -> None:
    """The credential's page: its review date, its source's `checked`, its evidence dates."""
    path = root / "data" / "credential.yaml"
    text = _read(path)
    entry = REVIEWED.split("\n", 1)[1]  # `  reviewed: …` under `review:`
    text = re.sub(r"^(review:\n(?:  .*\n)*?)  reviewed: .*\n", lambda m: m.group(1) + entry, text, count=1, flags=re.M)
    evidence = text.find("\nevidence:\n")
    if evidence >= 0:
        text = text[:evidence] + re.sub(r"^    checked: .*$", f"    checked: {REVIEW_DAY}", text[evidence:], flags=re.M)
    _write(path, text)
    sources = root / "data" / "sources.yaml"
    source = data().credential.source
    _write(sources, re.sub(rf"(^- id: {re.escape(source)}\n(?:  .*\n)*?  checked: ).*$", rf"\g<1>{REVIEW_DAY}",
                           _read(sources), count=1, flags=re.M))


def change_hours(root: Path) -> None:
    path = root / "data" / "leadership.yaml"
    text = _read(path)
    for name in HOURS:
        text = re.sub(rf"^(\s+{name}:) (\d+)$", lambda m: f"{m.group(1)} {new_hours(int(m.group(2)))}", text, count=1, flags=re.M)
    _write(path, text)


def move_topics(root: Path) -> None:
    """Two months trade their topics: each file's `month:` and the month its name starts with, and
    the two titles' lines of tests/required.yaml."""
    first, second = (topic_of(month) for month in MOVED_MONTHS)
    for topic, month in ((first, second.month), (second, first.month)):
        path = _record_file(root, "topics", topic.id)
        text = re.sub(r"^month: \d+$", f"month: {month}", _read(path), count=1, flags=re.M)
        path.unlink()
        _write(path.with_name(f"{month:02d}-{topic.id}.yaml"), text)
    path = root / CONTRACT
    lines = _read(path).splitlines(keepends=True)
    a, b = (_contract_title_line(lines, topic.title) for topic in (first, second))
    lines[a], lines[b] = lines[b], lines[a]
    _write(path, "".join(lines))


def _module_blocks(text: str) -> tuple[int, list[str]]:
    """Where a course file's modules start, and each module's lines (its `- title:` line and those under it)."""
    modules = re.search(r"^modules:\n((?:  .*\n|\n)*)", text, re.M)
    return modules.start(1), re.findall(r"^  - .*\n(?:    .*\n|\n)*", modules.group(1), re.M)


def move_module(root: Path) -> None:
    """The second module of a course moved above the first (all its lines), and its line in tests/required.yaml."""
    course = moved_modules_course()
    path = _record_file(root, "courses", course.id)
    text = _read(path)
    start, blocks = _module_blocks(text)
    first, second = blocks[0], blocks[1]
    assert text[start:].startswith(first + second)
    _write(path, text[:start] + second + first + text[start + len(first + second):])
    path = root / CONTRACT
    lines = _read(path).splitlines(keepends=True)
    titles = [m.title for m in course.modules[:2]]
    at = [i for i, line in enumerate(lines) if line.strip().startswith("- ") and _unquote(line.strip()[2:]) in titles]
    if len(at) == 2 and at[1] == at[0] + 1:  # the course's modules are in the contract
        lines[at[0]], lines[at[1]] = lines[at[1]], lines[at[0]]
        _write(path, "".join(lines))


def remove_question(root: Path) -> None:
    """A question no page links to, deleted from its `- id:` line to just before the next."""
    question = removed_question()
    path = root / "data" / "faq.yaml"
    _write(path, re.sub(rf"^- id: {re.escape(question.id)}\n(?:[ \t].*\n|\n)*", "", _read(path), count=1, flags=re.M))


def own_cost_format_and_page(root: Path) -> None:
    """A course given a fee of its own (with its evidence), another format and a page of its own:
    fields the field reference lists, that today's courses may not use."""
    course = costed_course()
    path = _record_file(root, "courses", course.id)
    text = _read(path)
    text = re.sub(r"^format: .*$", f"format: {OWN_FORMAT}", text, count=1, flags=re.M)
    for key, value in (("cost", OWN_COST), ("course_page", OWN_PAGE)):
        if re.search(rf"^{key}: ", text, re.M):
            text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
        else:
            text = re.sub(r"^(url: .*\n)", rf"\g<1>{key}: {value}\n", text, count=1, flags=re.M)
    entry = f"  cost:\n    source: {course.source}\n    locator: Coursework\n    checked: {REVIEW_DAY}\n    key_words: {OWN_COST}\n"
    _write(path, _set_block_entry(text, "evidence", "cost", entry))


def add_theme(root: Path) -> None:
    """The guide's theme, and its id under `themes:` of the first month's topic."""
    _append(root / "data" / "themes.yaml", NEW_THEME)
    theme = yaml.safe_load(NEW_THEME)[0]["id"]
    path = _record_file(root, "topics", topic_of(1).id)
    text = _read(path)
    if re.search(r"^themes:\n", text, re.M):
        text = re.sub(r"^themes:\n", f"themes:\n  - {theme}\n", text, count=1, flags=re.M)
    else:
        text = re.sub(r"^source: ", f"themes:\n  - {theme}\nsource: ", text, count=1, flags=re.M)
    _write(path, text)


def offer_page(root: Path) -> None:
    """The new page offered when a search finds little: `search:` between its two `---` lines."""
    page = root / "docs" / NEW_PAGE_FILE
    text = _read(page)
    _write(page, text.replace("\n---\n", "\n" + OFFER_PAGE + "---\n", 1))


def shorten_collaborative(root: Path) -> None:
    """The collaborative runs SHORTENED_TO months: `months:` and the words of data/leadership.yaml that
    give its length, the files of the months that are gone, and their lines of tests/required.yaml."""
    months = data().leadership.collaborative.months
    if months <= SHORTENED_TO:
        return  # already as short: nothing to remove (its test skips)
    path = root / "data" / "leadership.yaml"
    text = re.sub(r"^(  months: )\d+$", rf"\g<1>{SHORTENED_TO}", _read(path), count=1, flags=re.M)
    _write(path, re.sub(rf"\b{months}(?=[- ]months?\b)", str(SHORTENED_TO), text))
    contract = root / CONTRACT
    for topic in topics_by_month():
        if topic.month > SHORTENED_TO:
            _record_file(root, "topics", topic.id).unlink()
            lines = _read(contract).splitlines(keepends=True)
            del lines[_contract_title_line(lines, topic.title)]
            _write(contract, "".join(lines))


def change_interval(root: Path) -> None:
    """The credential's page checked every six months (`every_months:` under `review:`)."""
    path = root / "data" / "credential.yaml"
    text = _read(path)
    if re.search(r"^review:\n(?:  .*\n)*?  every_months: ", text, re.M):
        text = re.sub(r"^(review:\n(?:  .*\n)*?  every_months: )\d+", rf"\g<1>{REVIEW_MONTHS}", text, count=1, flags=re.M)
    else:
        text = re.sub(r"^review:\n", f"review:\n  every_months: {REVIEW_MONTHS}\n", text, count=1, flags=re.M)
    _write(path, text)


RECIPES = {
    "change-the-fee": change_fee,
    "add-a-module": add_module,
    "add-a-course-first-and-last": add_courses,
    "rename-a-course": rename_course,
    "retire-a-course": retire_course,
    "rename-a-topic": rename_topic,
    "replace-a-topic": replace_topic,
    "add-a-question": add_question,
    "add-a-source": add_source,
    "add-an-association": add_association,
    "add-an-organization": add_organization,
    "add-a-glossary-term": add_term,
    "add-a-page": add_page,
    "fix-a-typo": fix_typo,
    "move-a-requirement-and-a-step": move_items,
    "mark-a-page-reviewed": mark_reviewed,
    "change-the-hours": change_hours,  # not a recipe: a fact changed as an editor changes it
    # Edits of other kinds, each as the guide or its field reference says (the staff trial of issue 21).
    "move-a-topic-to-another-month": move_topics,
    "move-a-module": move_module,
    "remove-a-question": remove_question,
    "a-course-fee-format-and-page-of-its-own": own_cost_format_and_page,
    "add-a-theme": add_theme,
    "offer-a-page-in-search": offer_page,
    "change-a-review-interval": change_interval,
    "shorten-the-collaborative": shorten_collaborative,
}

# --- what the edits act on, picked from today's data -----------------------------------------


def a_course_with_modules():
    return next(c for c in courses_in_order() if c.modules)


def renamed_course():
    """The course to rename: the first in the recommended order."""
    return courses_in_order()[0]


def retired_course():
    """The course to retire: the last in the recommended order (another than the one renamed)."""
    return courses_in_order()[-1]


def topic_of(month: int):
    return next(t for t in topics_by_month() if t.month == month)


def moved_modules_course():
    """A course with two modules or more that no other recipe renames or retires."""
    return next(c for c in courses_in_order() if len(c.modules) >= 2 and c.id not in (renamed_course().id, retired_course().id))


def costed_course():
    """The course given a fee, a format and a page of its own: the second in the order (not renamed, not retired)."""
    return next(c for c in courses_in_order() if c.id not in (renamed_course().id, retired_course().id))


def removed_question():
    """The first question that no page of docs/ links to (a page that does must change its link first)."""
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    return next(q for q in data().faq if f"faq.md#{q.id}" not in pages)


def new_hours(old: int) -> int:
    return old + 1


# --- running them ------------------------------------------------------------------------


@dataclass
class Outcome:
    root: Path
    steps: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup((self.root / "site" / url / "index.html").read_text(encoding="utf-8"), "html.parser")

    def exists(self, url: str) -> bool:
        return (self.root / "site" / url / "index.html").is_file()

    def text(self, url: str) -> str:
        return " ".join(self.soup(url).select_one("article").get_text(" ").split())

    def headings(self, url: str) -> list[str]:
        return [" ".join(h.get_text().replace("¶", "").split()) for h in self.soup(url).select("article h1, article h2, article h3")]

    def search_titles(self) -> list[str]:
        return [d["title"] for d in read_index(self.root / "site")["docs"]]

    def api(self, name: str) -> dict:
        return json.loads((self.root / "site" / "api" / name).read_text(encoding="utf-8"))

    def numbered_nav(self) -> list[str]:
        nav = [" ".join(a.get_text().split()) for a in self.soup("courses/").select("nav.md-nav--primary a")]
        return [label for label in nav if re.match(r"\d+\. ", label)]


def content_test_files(root: Path) -> list[str]:
    """The test files of the copy that take what they expect from its content (see the docstring)."""
    return sorted(p.relative_to(root).as_posix() for p in (root / "tests").glob("test_*.py")
                  if follows_content(p) and p.name != Path(__file__).name)


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Outcome:
    root = copy_project(tmp_path_factory.mktemp("everyday") / "project")
    for recipe in RECIPES.values():
        recipe(root)
    outcome = Outcome(root)
    outcome.steps["check"] = make(root, "check")
    if outcome.steps["check"].returncode == 0:  # the build also writes the Plone content tree, as the session's does
        outcome.steps["build"] = make(root, "build", IMH_PLONE_EXPORT=str(plone_tree_of(root / "site")))
    if outcome.steps.get("build") and outcome.steps["build"].returncode == 0:
        outcome.steps["tests"] = subprocess.run(
            [sys.executable, "-m", "pytest", *content_test_files(root), "-q", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadfile"],
            cwd=root, capture_output=True, text=True, timeout=1200,
            env={k: v for k, v in quiet_env(IMH_BUILT_SITE=str(root / "site"), PYTHONDONTWRITEBYTECODE="1").items()
                 if not k.startswith("PYTEST_")})
    return outcome


def test_every_everyday_edit_passes_check_build_and_the_tests_on_the_first_try(edited):
    for step in ("check", "build", "tests"):
        assert step in edited.steps, f"stopped before {step}"
        result = edited.steps[step]
        assert result.returncode == 0, f"{step} failed after the everyday edits:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
        assert "Traceback" not in result.stdout + result.stderr or step == "tests"
    ran = re.search(r"(\d+) passed", edited.steps["tests"].stdout)
    assert ran and int(ran.group(1)) > 100, edited.steps["tests"].stdout[-2000:]


def test_the_content_following_files_are_the_ones_that_import_the_content():
    files = content_test_files(ROOT)
    for name in ("tests/test_content.py", "tests/test_tools.py", "tests/test_browser_search.py", "tests/test_publish.py"):
        assert name in files, f"{name} reads the content but would not run on the edited copy"
    assert "tests/test_mutations.py" not in files and "tests/test_hostile.py" not in files, "the fixture's tests need no second run"


# --- each change, where it belongs -------------------------------------------------------------


def test_new_fee_shows_on_the_credential_page_and_in_the_catalogue(edited):
    assert "$20" in edited.text("credential/")
    assert edited.api("catalog.json")["credential"]["fee"] == "$20"


def test_new_module_is_numbered_after_the_others(edited):
    course = a_course_with_modules()
    heading = f"Module {len(course.modules) + 1}: Bringing It All Together"
    assert heading in edited.headings(f"courses/{course.id}/")
    assert heading in edited.search_titles()
    assert "Bringing It All Together" in edited.text("credential/")  # the checklist


def test_courses_added_first_and_last_take_their_places_everywhere(edited):
    expected = len(courses_in_order()) + 2 - 1  # two added, one retired
    numbered = edited.numbered_nav()
    assert len(numbered) == expected and numbered[0] == "1. Infant Observation", numbered
    assert numbered[-1] == f"{expected}. Family Stories", numbered
    title = "Observing Infants and Toddlers in Their Relationships"
    assert edited.headings("courses/infant-observation/")[0] == title
    assert "Module 2: Describing What You See" in edited.headings("courses/infant-observation/")
    cards = [" ".join(li.get_text(" ").split()) for li in edited.soup("courses/").select(".grid.cards > ol > li")]
    assert title in cards[0] and "Listening to Family Stories" in cards[-1]
    courses = edited.api("catalog.json")["courses"]
    assert [c["id"] for c in courses][0] == "infant-observation" and courses[0]["order"] == 1
    assert courses[1]["order"] == 2 and courses[1]["recommended_after"] == "infant-observation"
    assert courses[-1]["id"] == "family-stories" and courses[-1]["order"] == expected
    after = edited.soup("courses/infant-observation/").select_one("a.md-footer__link--next")["href"]
    assert renamed_course().id in after  # the course that was first now comes second


def test_renamed_course_shows_its_new_title_at_its_old_address(edited):
    course = renamed_course()
    assert edited.headings(f"courses/{course.id}/")[0] == NEW_COURSE_TITLE
    assert NEW_COURSE_TITLE in edited.search_titles()
    assert any(label.endswith(". IMH Basics") for label in edited.numbered_nav())


def test_retired_course_is_gone_everywhere(edited):
    course = retired_course()
    assert not edited.exists(f"courses/{course.id}/")
    assert not (edited.root / "site" / "api" / "courses" / f"{course.id}.json").exists()
    assert course.id not in [c["id"] for c in edited.api("catalog.json")["courses"]]
    assert course.title not in edited.text("credential/") and course.title not in edited.search_titles()


def test_renamed_topic_shows_its_new_title(edited):
    topic = topic_of(RENAMED_MONTH)
    assert NEW_TOPIC_TITLE in edited.headings(f"topics/{topic.id}/")
    rows = edited.soup("topics/").select("article table tbody tr")
    assert " ".join(rows[RENAMED_MONTH - 1].select("td")[1].get_text().split()) == NEW_TOPIC_TITLE
    assert NEW_TOPIC_TITLE in edited.search_titles()


def test_replaced_topic_has_a_new_page_in_its_month(edited):
    old, new = topic_of(REPLACED_MONTH), yaml.safe_load(NEW_TOPIC)
    assert not edited.exists(f"topics/{old.id}/")
    assert edited.headings(f"topics/{new['id']}/")[0] == new["title"]
    rows = edited.soup("topics/").select("article table tbody tr")
    assert len(rows) == min(data().leadership.collaborative.months, SHORTENED_TO)  # one a month
    assert " ".join(rows[REPLACED_MONTH - 1].select("td")[1].get_text().split()) == new["title"]
    assert new["title"] in edited.search_titles()


def test_new_question_is_a_heading_and_a_search_result(edited):
    question = "Why does training ask you to reflect on your work?"
    assert question in edited.headings("faq/") and question in edited.search_titles()
    assert "deepens your understanding and builds empathy" in edited.text("faq/")


def test_new_source_is_listed_and_cited(edited):
    assert "WAIMH Position Paper on the Rights of Infants" in edited.text("sources/")
    cited = citing_page(edited.root).relative_to(edited.root / "docs").with_suffix("").as_posix() + "/"
    assert edited.soup(cited).select_one('article a[href="https://waimh.org/page/position_paper"]') is not None


def test_new_association_takes_its_place_by_state(edited):
    rows = edited.soup("associations/").select("[data-imh-finder] tbody tr")
    places = [" ".join(tr.select_one("th a").get_text().split()) for tr in rows]
    assert "Lakeland" in places
    abroad = {a.id for a in data().associations.associations if a.abroad}  # listed after the states
    us = [p for p, tr in zip(places, rows) if tr["data-imh-association"] not in abroad]
    assert us == sorted(us, key=str.casefold), us
    row = rows[places.index("Lakeland")]
    assert row.select("td")[0].select_one("a")["href"] == "https://lakeland-aimh.example.org/"
    assert "Lakeland: LAIMH" in edited.headings("associations/")
    assert f"This page lists {len(rows)} associations" in edited.text("associations/")
    listed = edited.api("associations.json")
    assert listed["listed"] == len(rows) and "lakeland" in [a["id"] for a in listed["associations"]]


def test_new_organization_is_a_heading_and_a_search_result(edited):
    assert "Play Strong Institute" in " | ".join(edited.headings("organizations/"))
    assert any("Play Strong Institute" in t for t in edited.search_titles())


def test_plain_glossary_term_is_explained_on_the_glossary_page_only(edited):
    """A term with no expansion: a heading and its definition, never an <abbr> (with no title to show)."""
    assert "co-regulation" in edited.headings("glossary/")
    assert "How a calm, caring adult helps a baby settle strong feelings" in edited.text("glossary/")
    for path in (edited.root / "site").rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not [a for a in soup.find_all("abbr") if not a.get("title") or a.get_text() == "co-regulation"], path


def test_new_page_is_built_in_the_menu_and_searchable(edited):
    assert edited.headings("first-steps/")[0] == "First steps"
    menu = [" ".join(a.get_text().split()) for a in edited.soup("").select("nav.md-nav--primary a")]
    assert "First steps" in menu
    assert "First steps" in edited.search_titles()
    assert edited.soup("first-steps/").find("meta", attrs={"name": "description"})["content"].startswith("First steps for")


def test_typo_fix_shows_on_the_page(edited):
    page = citing_page(edited.root).relative_to(edited.root / "docs").with_suffix("").as_posix() + "/"
    assert TYPO_FIX in edited.text(page)


def _list_lines(text: str, key: str) -> list[str]:
    """The lines of a top-level list in a data file (other recipes edit other parts of the same file)."""
    return re.search(rf"^{key}:\n((?:  .*\n)+)", text, re.M).group(1).splitlines()


def test_moved_requirement_and_step_take_their_numbers_from_their_place(edited):
    for name, key in (("credential.yaml", "requirements"), ("pathway.yaml", "education")):  # the same lines, moved
        moved, original = (_list_lines((folder / "data" / name).read_text(encoding="utf-8"), key) for folder in (edited.root, ROOT))
        assert moved != original and sorted(moved) == sorted(original), name
    site = data()
    requirements = list(site.credential.requirements)
    requirements.insert(0, requirements.pop())  # the last moved to the top
    published = edited.api("catalog.json")["credential"]["requirements"]
    assert [(r["number"], r["title"]) for r in published] == [(n, r.title) for n, r in enumerate(requirements, 1)]
    items = [" ".join(li.get_text(" ").split()) for li in edited.soup("credential/").select("article ol:not([class]) > li")]
    assert items[0].startswith(requirements[0].title + ".") and items[1].startswith(requirements[1].title + "."), items
    steps = list(site.pathway.education)
    steps.insert(0, steps.pop(1))  # the second moved to the top
    shown = [h for h in edited.headings("pathway/") if re.match(r"\d+\. ", h)]
    assert shown == [f"{n}. {s.title}" for n, s in enumerate(steps, 1)], shown


def test_page_marked_reviewed_shows_the_new_dates(edited):
    times = [t["datetime"] for t in edited.soup("credential/").select("article .imh-reviewed time")]
    assert times and times[0] == REVIEW_DAY, times
    assert REVIEW_DAY in edited.text("sources/")


def test_topics_that_trade_months_keep_their_pages_and_take_their_new_places(edited):
    first, second = (topic_of(month) for month in MOVED_MONTHS)
    rows = [" ".join(tr.select("td")[1].get_text().split()) for tr in edited.soup("topics/").select("article table tbody tr")]
    assert [rows[m - 1] for m in MOVED_MONTHS] == [second.title, first.title], rows
    for topic, month in ((first, second.month), (second, first.month)):
        assert f"month {month} of" in edited.text(f"topics/{topic.id}/"), topic.id
    assert not list((edited.root / "data" / "topics").glob(f"{first.month:02d}-{first.id}.yaml"))


def test_moved_module_takes_its_number_from_its_place(edited):
    course = moved_modules_course()
    headings = edited.headings(f"courses/{course.id}/")
    assert f"Module 1: {course.modules[1].title}" in headings and f"Module 2: {course.modules[0].title}" in headings, headings


def test_removed_question_is_gone(edited):
    question = removed_question().question
    assert question not in edited.headings("faq/") and question not in edited.search_titles()
    assert question not in (edited.root / "site" / "faq" / "index.html").read_text(encoding="utf-8")


def test_a_course_fee_format_and_page_of_its_own_show_on_its_page(edited):
    course = costed_course()
    glance = " ".join(edited.soup(f"courses/{course.id}/").select_one(".admonition.abstract").get_text(" ").split())
    assert f"Course fee: {OWN_COST}" in glance and f"Format: {OWN_FORMAT.capitalize()}" in glance, glance
    assert edited.soup(f"courses/{course.id}/").select_one(f'.admonition.abstract a[href="{OWN_PAGE}"]') is not None
    published = edited.api(f"courses/{course.id}.json")
    assert (published["cost"], published["format"], published["course_page"]) == (OWN_COST, OWN_FORMAT, OWN_PAGE)


def test_new_theme_lists_what_has_it(edited):
    assert "Play" in edited.headings("themes/")
    assert topic_of(1).title in edited.text("themes/")


def test_offered_page_is_suggested_when_a_search_finds_little(edited):
    suggested = [url for url, *_ in json.loads((edited.root / "site" / "search" / "titles.json").read_text(encoding="utf-8"))["suggest"]]
    assert Path(NEW_PAGE_FILE).stem + "/" in suggested, suggested


def test_shortened_collaborative_lists_only_its_months(edited):
    months = data().leadership.collaborative.months
    if months <= SHORTENED_TO:
        pytest.skip(f"the collaborative already runs {months} months")
    rows = edited.soup("topics/").select("article table tbody tr")
    assert len(rows) == SHORTENED_TO
    assert f"runs for {SHORTENED_TO} months" in edited.text("leadership/")
    for topic in topics_by_month()[SHORTENED_TO:]:
        assert not edited.exists(f"topics/{topic.id}/")


def test_review_interval_sets_the_next_review(edited):
    reviewed = dt.date.fromisoformat(REVIEW_DAY)
    month = reviewed.month - 1 + REVIEW_MONTHS
    due = reviewed.replace(year=reviewed.year + month // 12, month=month % 12 + 1)  # the 7th exists in every month
    times = [t["datetime"] for t in edited.soup("credential/").select("article .imh-reviewed time")]
    assert times == [REVIEW_DAY, due.isoformat()], times


# --- one fact, one place: the old values are gone from everything built ----------------------


NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
           "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]


def _number(n: int) -> str:
    """A count as the site may write it: digits, or the word."""
    return f"(?:{n}|{NUMBERS[n]})" if n < len(NUMBERS) else str(n)


def old_facts() -> dict[str, tuple[str, str]]:
    """name -> (a regular expression for the old value, the part of the site to look in: "" for all).
    A new value that holds the old one (a title made longer) is not a match: `NEW_VALUES`; nor are
    the same words as other records' facts (`OTHERS`)."""
    site = data()
    collaborative = site.leadership.collaborative
    hours = {getattr(collaborative, name) for name in HOURS}
    hours |= {h * collaborative.months for h in hours}
    count = _number(len(site.courses))
    facts = {
        "fee": (re.escape(site.credential.fee) + r"(?!\d)", ""),
        "renamed course's title": (re.escape(renamed_course().title), ""),
        "number of courses": (rf"(?i)\b{count}(?:\s+(?:required|online|short))*\s+courses\b|\bcourses?\s+\d+\s+of\s+{count}\b", ""),
        "renamed topic's title": ("(?i)" + re.escape(topic_of(RENAMED_MONTH).title), ""),
        "replaced topic's title": ("(?i)" + re.escape(topic_of(REPLACED_MONTH).title), ""),
        "hours": (r"(?i)\b(?:" + "|".join(_number(h) for h in sorted(hours)) + r")\s*(?:hours?|h)\b", "leadership"),
    }
    if collaborative.months > SHORTENED_TO:  # the recipe shortened it
        facts["collaborative's length"] = (rf"(?i)\b{_number(collaborative.months)}[- ]month(?:s|ly)?\b", "leadership")
    return facts


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


NEW_VALUES = [NEW_COURSE_TITLE, NEW_TOPIC_TITLE, yaml.safe_load(NEW_TOPIC)["title"]]
# Pages (and their api/ file) whose same words are other records' facts: an association's own fee.
OTHERS = {"fee": "associations"}


@pytest.mark.parametrize("fact", list(old_facts()))
def test_old_value_is_gone_from_the_built_site(edited, fact):
    pattern, pages = old_facts()[fact]
    pattern = re.compile(pattern)
    site = edited.root / "site"
    left = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or path.suffix not in (".html", ".json", ".xml", ".txt", ".ics", ".pf_fragment"):
            continue
        if rel.startswith(("editing/", "admin/")):
            continue  # the editors' guide shows example values (`fee: $20`), not the site's facts
        others = OTHERS.get(fact)
        if others and (rel.startswith(others + "/") or rel == f"api/{others}.json"):
            continue
        if pages and not (rel.startswith(pages + "/") or rel.startswith("topics/") or rel == "api/catalog.json"):
            continue
        if path.suffix == ".pf_fragment":  # a page's search entry, as the page: not the editors' guide's
            fragment = decode_fragment(path)
            if fragment["url"].startswith("/editing/") or (others and f"/{others}/" in fragment["url"]):
                continue
            text = json.dumps(fragment, ensure_ascii=False)
        else:
            text = readable(path)
        if pages and rel == "api/catalog.json":  # only the part about the certificate (the Endorsement also counts hours)
            text = json.dumps(json.loads(text)["leadership_certificate"], ensure_ascii=False)
        for new in NEW_VALUES:
            text = text.replace(new, "")
        found = sorted(set(m.group(0) for m in pattern.finditer(text)))
        if found:
            left.append(f"{rel}: {', '.join(found)}")
    assert not left, f"after changing the {fact} in data/, the old value is still on the site:\n  " + "\n  ".join(left)


# --- the guide shows what this test does --------------------------------------------------


def test_the_guide_shows_each_recipe():
    """The guide gives the editor what these tests do: the same YAML and lines, word for word."""
    guide = GUIDE.read_text(encoding="utf-8")
    for snippet in (NEW_FEE, FEE_EVIDENCE, NEW_MODULE, NEW_COURSE, NEW_COURSE_ORDER, RENAMED_COURSE,
                    f"title: {NEW_TOPIC_TITLE}", NEW_TOPIC, f"data/topics/{NEW_TOPIC_FILE}", NEW_QUESTION, NEW_SOURCE,
                    NEW_ASSOCIATION_SOURCE, NEW_ASSOCIATION, NEW_THEME, OFFER_PAGE,
                    CITE_SOURCE, NEW_ORGANIZATION, NEW_TERM, NEW_PAGE, f"docs/{NEW_PAGE_FILE}", NAV_LINE, REVIEWED,
                    "tests/required.yaml", NUMBERED_BY_PLACE, *CONTRACT_RULES,
                    "{ #move-a-monthly-topic }", "{ #remove-a-record }", "{ #add-a-theme }", "every_months:"):
        # As written, or indented under a numbered step of the recipe.
        shown = snippet.strip() in guide or textwrap.indent(snippet, "    ").strip() in guide
        assert shown, f"docs/editing.md no longer shows:\n{snippet}"
    assert "keeping the double quotes" not in guide, "data/credential.yaml writes the fee without quotes"


def test_the_guides_dates_are_not_in_the_future():
    """The examples' dates are pasted as they are: the check refuses evidence dated after today."""
    assert dt.date.fromisoformat(REVIEW_DAY) <= dt.date.today()
