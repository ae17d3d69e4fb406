"""The everyday edits of "Editing this site" (docs/editing.md), made as an editor makes them.

Each recipe is applied to a copy of the project exactly as the guide says (the YAML and lines
the guide shows are the ones used here: `test_the_guide_shows_each_recipe` fails if the guide
and the test drift apart). The copy must pass `make check`, `make build` and the content tests
(tests/test_content.py, run on the copy's built site), and each change must show where it
belongs. The recipes touch different records, so they are made together in one copy: one
check, one build and one content run instead of one each keeps `make test` within its time on two
cores (`IMH_SCENARIOS=each` runs each recipe in a copy of its own, two at a time).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from project import ROOT, copy_project, make, quiet_env
from search_docs import read_index

GUIDE = ROOT / "docs" / "editing.md"

# --- the recipes, as the guide gives them -------------------------------------------------

NEW_FEE = 'fee: "$20"'

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

NEW_TOPIC_TITLE = "Development That Takes Its Own Path"

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

TYPO_FIX = "Typo fixed on this line."

NUMBERED_BY_PLACE = "Requirements and pathway steps are numbered the same way, by their place in their list"


def _first_prose_line(text: str) -> str:
    """The first line of ordinary prose in a page (not front matter, a heading, a macro or a list)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    for line in body.splitlines():
        if line.strip() and not line.startswith(("#", "{", "-", "*", "|", ">", " ", "!", "<", "`")) and re.match(r"[A-Z]", line):
            return line
    raise AssertionError("no prose line found")


def change_fee(root: Path) -> None:
    path = root / "data" / "credential.yaml"
    text = path.read_text(encoding="utf-8")
    old = re.search(r"^fee: .*$", text, re.M).group(0)
    path.write_text(text.replace(old, NEW_FEE), encoding="utf-8")


def add_module(root: Path) -> None:
    # At the end of the course's `modules:` list, lined up with the others.
    path = root / "data" / "courses" / "sed-part-1.yaml"
    text = path.read_text(encoding="utf-8")
    modules = re.search(r"^modules:\n(?:  .*\n|\n)*", text, re.M)
    path.write_text(text[: modules.end()] + NEW_MODULE + text[modules.end():], encoding="utf-8")


def add_course(root: Path) -> None:
    (root / "data" / "courses" / "infant-observation.yaml").write_text(NEW_COURSE, encoding="utf-8")
    path = root / "data" / "credential.yaml"
    text = path.read_text(encoding="utf-8")
    order = re.search(r"^courses:\n((?:  - .*\n)+)", text, re.M)
    lines = order.group(1).splitlines(keepends=True)
    lines.insert(2, NEW_COURSE_LINE)  # third in the recommended order
    path.write_text(text[: order.start(1)] + "".join(lines) + text[order.end(1):], encoding="utf-8")


def rename_topic(root: Path) -> None:
    path = root / "data" / "topics" / "07-atypical-development.yaml"
    text = path.read_text(encoding="utf-8")
    old = re.search(r"^title: (.*)$", text, re.M)
    path.write_text(text.replace(old.group(0), f"title: {NEW_TOPIC_TITLE}"), encoding="utf-8")
    # …and the contract, on purpose, in the same change.
    contract = root / "tests" / "required.yaml"
    old_title = old.group(1).strip('"')
    lines = contract.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.strip() in (f"- {old_title}", f'- "{old_title}"')]
    assert len(hits) == 1, "the contract lists the topic once"
    lines[hits[0]] = f"  - {NEW_TOPIC_TITLE}\n"
    contract.write_text("".join(lines), encoding="utf-8")


def add_question(root: Path) -> None:
    path = root / "data" / "faq.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + NEW_QUESTION, encoding="utf-8")


def add_source(root: Path) -> None:
    path = root / "data" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + NEW_SOURCE, encoding="utf-8")
    page = root / "docs" / "organizations.md"
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + CITE_SOURCE + "\n", encoding="utf-8")


def add_association(root: Path) -> None:
    sources = root / "data" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + NEW_ASSOCIATION_SOURCE, encoding="utf-8")
    # At the end of the list under `associations:` (the site sorts it), lined up with the others.
    path = root / "data" / "associations.yaml"
    text = path.read_text(encoding="utf-8")
    listed = re.search(r"^associations:\n(?:  .*\n|\n)*", text, re.M)
    path.write_text(text[: listed.end()] + NEW_ASSOCIATION + text[listed.end():], encoding="utf-8")


def fix_typo(root: Path) -> None:
    page = root / "docs" / "organizations.md"
    text = page.read_text(encoding="utf-8")
    line = _first_prose_line(text)
    page.write_text(text.replace(line, line.rstrip() + " " + TYPO_FIX, 1), encoding="utf-8")


def _move_item(path: Path, item_id: str, before_id: str) -> None:
    """Move a list item's lines (its `- id:` line to just before the next item) above another item, as the guide says."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {item_id}")
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(indent + " ")), len(lines))
    block, rest = lines[start:end], lines[:start] + lines[end:]
    to = next(i for i, line in enumerate(rest) if line.strip() == f"- id: {before_id}")
    path.write_text("".join(rest[:to] + block + rest[to:]), encoding="utf-8")


def move_items(root: Path) -> None:
    # The credential's last requirement and the pathway's second step, each moved to the top: no other edit.
    _move_item(root / "data" / "credential.yaml", "review", "complete-courses")
    _move_item(root / "data" / "pathway.yaml", "masters-degree", "bachelors-degree")


RECIPES = {
    "change-the-fee": change_fee,
    "add-a-module": add_module,
    "add-a-course": add_course,
    "rename-a-topic": rename_topic,
    "add-a-question": add_question,
    "add-a-source": add_source,
    "add-an-association": add_association,
    "fix-a-typo": fix_typo,
    "move-a-requirement-and-a-step": move_items,
}

# --- running them ------------------------------------------------------------------------


@dataclass
class Outcome:
    root: Path
    steps: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)

    def soup(self, url: str) -> BeautifulSoup:
        path = self.root / "site" / url / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def text(self, url: str) -> str:
        return " ".join(self.soup(url).select_one("article").get_text(" ").split())

    def headings(self, url: str) -> list[str]:
        return [" ".join(h.get_text().replace("¶", "").split()) for h in self.soup(url).select("article h1, article h2, article h3")]

    def search_titles(self) -> list[str]:
        return [d["title"] for d in read_index(self.root / "site")["docs"]]

    def api(self, name: str) -> dict:
        return json.loads((self.root / "site" / "api" / name).read_text(encoding="utf-8"))


def run_recipes(names: list[str], root: Path) -> Outcome:
    copy_project(root)
    for name in names:
        RECIPES[name](root)
    outcome = Outcome(root)
    outcome.steps["check"] = make(root, "check")
    if outcome.steps["check"].returncode == 0:
        outcome.steps["build"] = make(root, "build")
    if outcome.steps.get("build") and outcome.steps["build"].returncode == 0:
        outcome.steps["content tests"] = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/test_content.py", "-q", "-x", "-p", "no:cacheprovider"],
            cwd=root, capture_output=True, text=True, timeout=600,
            env=quiet_env(IMH_BUILT_SITE=str(root / "site"), PYTHONDONTWRITEBYTECODE="1"))
    return outcome


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    base = tmp_path_factory.mktemp("scenarios")
    if os.environ.get("IMH_SCENARIOS") == "each":
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = {name: pool.submit(run_recipes, [name], base / name) for name in RECIPES}
            return {name: future.result() for name, future in futures.items()}
    together = run_recipes(list(RECIPES), base / "all-recipes")
    return {name: together for name in RECIPES}


@pytest.mark.parametrize("name", list(RECIPES))
def test_recipe_passes_every_check(outcomes, name):
    outcome = outcomes[name]
    for step in ("check", "build", "content tests"):
        assert step in outcome.steps, f"{name}: stopped before {step}"
        result = outcome.steps[step]
        assert result.returncode == 0, f"{name}: {step} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        assert "Traceback" not in result.stdout + result.stderr


def test_new_fee_shows_on_the_credential_page_and_in_the_catalogue(outcomes):
    o = outcomes["change-the-fee"]
    assert "$20" in o.text("credential/")
    assert o.api("catalog.json")["credential"]["fee"] == "$20"


def test_new_module_is_numbered_after_the_others(outcomes):
    o = outcomes["add-a-module"]
    assert "Module 6: Bringing It All Together" in o.headings("courses/sed-part-1/")
    assert "Module 6: Bringing It All Together" in o.search_titles()
    assert "Bringing It All Together" in o.text("credential/")  # the checklist


def test_course_added_at_position_three_takes_its_place_everywhere(outcomes):
    o = outcomes["add-a-course"]
    title = "Observing Infants and Toddlers in Their Relationships"
    assert o.headings("courses/infant-observation/")[0] == title
    assert "Module 2: Describing What You See" in o.headings("courses/infant-observation/")
    nav = [" ".join(a.get_text().split()) for a in o.soup("courses/").select("nav.md-nav--primary a")]
    numbered = [label for label in nav if re.match(r"\d+\. ", label)]
    assert numbered[2] == "3. Infant Observation" and len(numbered) == 6, numbered
    cards = [" ".join(li.get_text(" ").split()) for li in o.soup("courses/").select(".grid.cards > ol > li")]
    assert title in cards[2]
    courses = o.api("catalog.json")["courses"]
    assert [c["id"] for c in courses][2] == "infant-observation" and courses[2]["order"] == 3
    assert courses[3]["order"] == 4 and courses[3]["recommended_after"] == "infant-observation"
    before = o.soup("courses/infant-observation/").select_one("a.md-footer__link--prev")["href"]
    assert "sed-part-1" in before


def test_renamed_topic_shows_its_new_title(outcomes):
    o = outcomes["rename-a-topic"]
    assert NEW_TOPIC_TITLE in o.headings("topics/atypical-development/")
    rows = o.soup("topics/").select("article table tbody tr")
    assert " ".join(rows[6].select("td")[1].get_text().split()) == NEW_TOPIC_TITLE
    assert NEW_TOPIC_TITLE in o.search_titles()


def test_new_question_is_a_heading_and_a_search_result(outcomes):
    o = outcomes["add-a-question"]
    question = "Why does training ask you to reflect on your work?"
    assert question in o.headings("faq/") and question in o.search_titles()
    assert "deepens your understanding and builds empathy" in o.text("faq/")


def test_new_source_is_listed_and_cited(outcomes):
    o = outcomes["add-a-source"]
    assert "WAIMH Position Paper on the Rights of Infants" in o.text("sources/")
    assert o.soup("organizations/").select_one('article a[href="https://waimh.org/page/position_paper"]') is not None


def test_new_association_takes_its_place_by_state(outcomes):
    o = outcomes["add-an-association"]
    rows = o.soup("associations/").select("[data-imh-finder] tbody tr")
    places = [" ".join(tr.select_one("th a").get_text().split()) for tr in rows]
    assert "Lakeland" in places
    us = [p for p, tr in zip(places, rows) if tr["data-imh-association"] not in ("ireland", "australia")]
    assert us == sorted(us, key=str.casefold), us
    row = rows[places.index("Lakeland")]
    assert row.select("td")[0].select_one("a")["href"] == "https://lakeland-aimh.example.org/"
    assert "Lakeland: LAIMH" in o.headings("associations/")
    assert f"This page lists {len(rows)} associations" in o.text("associations/")
    listed = o.api("associations.json")
    assert listed["listed"] == len(rows) and "lakeland" in [a["id"] for a in listed["associations"]]


def test_typo_fix_shows_on_the_page(outcomes):
    assert TYPO_FIX in outcomes["fix-a-typo"].text("organizations/")


def _list_lines(text: str, key: str) -> list[str]:
    """The lines of a top-level list in a data file (other recipes edit other parts of the same file)."""
    return re.search(rf"^{key}:\n((?:  .*\n)+)", text, re.M).group(1).splitlines()


def test_moved_requirement_and_step_take_their_numbers_from_their_place(outcomes):
    o = outcomes["move-a-requirement-and-a-step"]
    for name, key in (("credential.yaml", "requirements"), ("pathway.yaml", "education")):  # the same lines, moved
        moved, original = (_list_lines((folder / "data" / name).read_text(encoding="utf-8"), key) for folder in (o.root, ROOT))
        assert moved != original and sorted(moved) == sorted(original), name
    requirements = o.api("catalog.json")["credential"]["requirements"]
    assert [(r["number"], r["title"]) for r in requirements] == [
        (1, "Application review"), (2, "Complete the required online courses"), (3, "Submit the Credential Completion Form")]
    items = [" ".join(li.get_text(" ").split()) for li in o.soup("credential/").select("article ol:not([class]) > li")]
    assert items[0].startswith("Application review.") and items[1].startswith("Complete the required online courses."), items
    steps = [h for h in o.headings("pathway/") if re.match(r"\d\. ", h)]
    assert steps == ["1. Master's degree", "2. Bachelor's degree", "3. Certification, licensure or Endorsement"], steps


def test_the_guide_shows_each_recipe():
    """The guide gives the editor what these tests do: the same YAML and lines, word for word."""
    guide = GUIDE.read_text(encoding="utf-8")
    for snippet in (NEW_FEE, NEW_MODULE, NEW_COURSE, NEW_COURSE_LINE, NEW_QUESTION, NEW_SOURCE, NEW_ASSOCIATION_SOURCE, NEW_ASSOCIATION,
                    CITE_SOURCE, f"title: {NEW_TOPIC_TITLE}", "tests/required.yaml", NUMBERED_BY_PLACE):
        # As written, or indented under a numbered step of the recipe.
        shown = snippet.strip() in guide or textwrap.indent(snippet, "    ").strip() in guide
        assert shown, f"docs/editing.md no longer shows:\n{snippet}"
