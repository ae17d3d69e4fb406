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

# Scraped page furniture from the source pages, which must never appear as content.
FURNITURE = [
    "Start Now", "View graphic version", "Play Therapy Certificate", "Skip to sidebar",
    "Check out our other stand-alone online courses", "TEDxOStateU",
]
