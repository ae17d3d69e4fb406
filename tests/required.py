"""What the tests expect, from two places and never typed into a test.

- The contract, `tests/required.yaml`: the courses, modules and monthly topics the site must
  always show, typed from the sources and changed only on purpose (`COURSES`, `TOPICS`). These
  may be fewer than the data holds: an added course needs no change to the contract.
- The data, read with the project's own loader (`data()`): everything else a test compares,
  such as the fee, the questions, the hours and how many courses there are, so that a correct
  edit of any fact in data/ never fails a test. `CATALOGUE` and `SCHEDULE` are the courses and
  topics exactly as the data holds them, in the site's order.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = Path(__file__).with_name("required.yaml")

_contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))

# (course title, [module titles]) in the recommended order; topic titles from month 1.
COURSES: list[tuple[str, list[str]]] = [(c["title"], list(c.get("modules") or [])) for c in _contract["courses"]]
TOPICS: list[str] = list(_contract["topics"])

# Said by every failure of the contract, so an intended change knows where to go.
IF_INTENDED = "if this change is intended, update tests/required.yaml in the same pull request"


@functools.cache
def data():
    """The validated content of data/, as the build reads it."""
    from macros.data.read import load_data
    from macros.data.validate import validate

    site, problems = validate(load_data(ROOT))
    assert site is not None, "data/ has errors (run `make check`):\n" + "\n".join(map(str, problems))
    return site


def _catalogue() -> list[tuple[str, list[str]]]:
    return [(c.title, [m.title for m in c.modules]) for c in sorted(data().courses, key=lambda c: c.order)]


# Exactly what the data holds, in the site's order (the contract above is a part of it).
CATALOGUE: list[tuple[str, list[str]]] = _catalogue()
SCHEDULE: list[str] = [t.title for t in sorted(data().topics, key=lambda t: t.month)]
QUESTIONS: list[str] = [q.question for q in data().faq]


def raw_data(name: str):
    """A file of data/ as YAML reads it, before the model (e.g. "associations.yaml"): for tests that
    work out what to expect from the data as the editor typed it, not through the site's code."""
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


def courses_in_order() -> list:
    """The course records in the recommended order."""
    return sorted(data().courses, key=lambda c: c.order)


def topics_by_month() -> list:
    """The monthly topic records, month 1 first."""
    return sorted(data().topics, key=lambda t: t.month)


def a_course(modules: int = 0, themes: bool = False):
    """A test's example course, picked from the data, never by its id: the first in the
    recommended order with at least `modules` modules (and themes, if asked). Skips the test,
    saying why, if no course has them (a correct edit may leave none)."""
    import pytest

    found = next((c for c in courses_in_order() if len(c.modules) >= modules and (c.themes or not themes)), None)
    if found is None:
        pytest.skip(f"no course in data/courses/ has {modules} modules{' and themes' if themes else ''}")
    return found


def a_word() -> str:
    """A word readers search for that the site holds: the longest word of the first monthly
    topic's title, in lower case (read from the data, so it is always there)."""
    import re

    return max(re.findall(r"[^\W\d_]+", SCHEDULE[0]), key=len).lower()


def a_topic(themes: bool = False):
    """A test's example monthly topic: the first by month (with themes, if asked)."""
    import pytest

    found = next((t for t in topics_by_month() if t.themes or not themes), None)
    if found is None:
        pytest.skip("no monthly topic has themes")
    return found

# Scraped page furniture from the source pages, which must never appear as content.
FURNITURE = [
    "Start Now", "View graphic version", "Play Therapy Certificate", "Skip to sidebar",
    "Check out our other stand-alone online courses", "TEDxOStateU",
]
