"""Validate loaded data once: the pydantic model, then the rules that span records.

Every problem is collected (not only the first) and translated into plain words with a
file, line and column, so an editor never sees a Python traceback.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .load import Loaded, load_data
from .model import Site
from .problems import Problem

_KIND = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
         list: "a list", dict: "a group of fields", dt.date: "a date"}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true/false)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _model_at(loc: tuple, model: type[BaseModel] = Site) -> type[BaseModel] | None:
    """The pydantic model that owns the last part of `loc` (to suggest field names)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = info.annotation
        # unwrap Optional[...] and list[...]
        for _ in range(3):
            origin = get_origin(current)
            if origin is None:
                break
            args = [a for a in get_args(current) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            current = models[0] if models else (args[0] if args else current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _translate(error: dict, loaded: Loaded) -> Problem:
    """One pydantic error → one plain-words problem at the right line."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = str(next((p for p in reversed(loc) if isinstance(p, str)), "value"))
    value = error.get("input")
    ctx = error.get("ctx") or {}

    if kind == "extra_forbidden":
        owner = _model_at(loc)
        known = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        fix = f"did you mean '{close[0]}'?" if close else (
            f"remove it, or use one of: {', '.join(known)}" if known else "remove it")
        file, line, col = loaded.locate(loc, prefer_key=True)
        return Problem(file, line, col, f"unknown field '{name}'", fix)

    file, line, col = loaded.locate(loc)
    if kind == "missing":
        return Problem(file, line, col, f"missing required field '{name}'",
                       f"add a line '{name}: …' to this record")
    if kind in ("string_too_short", "too_short") and (value in ("", None) or value == []):
        what = "list" if isinstance(value, list) else "text"
        return Problem(file, line, col, f"'{name}' is empty",
                       f"fill in the {what}" + (" (at least one item, each on a line starting with '- ')" if what == "list" else ""))
    if kind == "string_type":
        return Problem(file, line, col, f"'{name}' should be text, but is {_describe(value)}",
                       "write it as text on the same line; put it in double quotes if it starts with a symbol or looks like a number")
    if kind == "list_type":
        return Problem(file, line, col, f"'{name}' should be a list, but is {_describe(value)}",
                       "put each item on its own line, indented, starting with '- '")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return Problem(file, line, col, f"'{name}' should be a whole number, but is {_describe(value)}",
                       "write digits only, e.g. 3")
    if kind in ("bool_parsing", "bool_type"):
        return Problem(file, line, col, f"'{name}' should be true or false, but is {_describe(value)}",
                       "write true or false")
    if kind.startswith("date"):
        return Problem(file, line, col, f"'{name}' should be a date, but is {_describe(value)}",
                       "write it as YYYY-MM-DD, e.g. 2026-11-22")
    if kind.startswith("url"):
        return Problem(file, line, col, f"'{name}' is not a web address: {_describe(value)}",
                       "write the full address starting with https://")
    if kind == "literal_error":
        return Problem(file, line, col, f"'{name}' cannot be {_describe(value)}",
                       f"use one of: {ctx.get('expected', '')}")
    if kind in ("model_type", "dict_type"):
        return Problem(file, line, col, f"'{name}' should be a group of fields, but is {_describe(value)}",
                       "indent the fields under it, one 'name: value' per line")
    if kind == "string_pattern_mismatch" and name == "id":
        return Problem(file, line, col, f"the id {_describe(value)} is not allowed",
                       "use lower-case letters, digits and single hyphens only, e.g. rios-1")
    if kind == "string_too_long":
        return Problem(file, line, col, f"'{name}' is too long ({len(str(value))} characters)",
                       f"shorten it to at most {ctx.get('max_length')} characters")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limits = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in ctx.items())
        return Problem(file, line, col, f"'{name}' is {_describe(value)}, out of range", f"it must be {limits}")
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        what, _, fix = message.partition(" — ")
        return Problem(file, line, col, f"'{name}': {what}", fix or "correct the value")
    return Problem(file, line, col, f"'{name}': {error['msg']}", "correct the value as described")


def _ids(items: Iterable[Any]) -> set[str]:
    return {item.id for item in items}


def _cross_checks(site: Site, loaded: Loaded) -> list[Problem]:
    """Rules no single record can check: unique ids, references, numbering."""
    problems: list[Problem] = []

    def at(loc: tuple, message: str, fix: str) -> None:
        problems.append(Problem(*loaded.locate(loc), message, fix))

    collections = {
        "sources": site.sources, "organizations": site.organizations, "glossary": site.glossary,
        "themes": site.themes, "corrections": site.corrections, "courses": site.courses,
        "topics": site.topics, "faq": site.faq,
    }
    for key, items in collections.items():
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                first = loaded.locate((key, seen[item.id], "id"))
                at((key, i, "id"), f"duplicate id '{item.id}' (also used at {first[0]}:{first[1]})",
                   "give each record its own id")
            else:
                seen[item.id] = i

    known = {
        "source": _ids(site.sources), "organization": _ids(site.organizations),
        "theme": _ids(site.themes), "correction": _ids(site.corrections),
    }
    files = {"source": "data/sources.yaml", "organization": "data/organizations.yaml",
             "theme": "data/themes.yaml", "correction": "data/corrections.yaml"}

    def ref(loc: tuple, value: str | None, kind: str) -> None:
        if value is not None and value not in known[kind]:
            close = difflib.get_close_matches(value, sorted(known[kind]), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"use an id listed in {files[kind]}, or add the {kind} there"
            at(loc, f"no {kind} has the id '{value}'", hint)

    def refs(loc: tuple, values: list[str], kind: str) -> None:
        for i, value in enumerate(values):
            ref(loc + (i,), value, kind)

    for i, org in enumerate(site.organizations):
        ref(("organizations", i, "source"), org.source, "source")
    for i, term in enumerate(site.glossary):
        ref(("glossary", i, "source"), term.source, "source")
    for i, corr in enumerate(site.corrections):
        refs(("corrections", i, "sources"), corr.sources, "source")
    ref(("pathway", "source"), site.pathway.source, "source")
    refs(("pathway", "networking_organizations"), site.pathway.networking_organizations, "organization")
    for i, step in enumerate(site.pathway.education):
        refs(("pathway", "education", i, "themes"), step.themes, "theme")
    ref(("credential", "provider"), site.credential.provider, "organization")
    ref(("credential", "source"), site.credential.source, "source")
    for i, course in enumerate(site.courses):
        ref(("courses", i, "provider"), course.provider, "organization")
        ref(("courses", i, "source"), course.source, "source")
        refs(("courses", i, "themes"), course.themes, "theme")
        for j, module in enumerate(course.modules):
            refs(("courses", i, "modules", j, "themes"), module.themes, "theme")
            if module.number != j + 1:
                at(("courses", i, "modules", j, "number"),
                   f"module number {module.number} is out of sequence (expected {j + 1})",
                   "number the modules 1, 2, 3… in the order listed, with no gaps or repeats")
    leadership = site.leadership
    ref(("leadership", "issuer"), leadership.issuer, "organization")
    ref(("leadership", "initiative"), leadership.initiative, "organization")
    ref(("leadership", "source"), leadership.source, "source")
    ref(("leadership", "rios", "source"), leadership.rios.source, "source")
    ref(("training", "source"), site.training.source, "source")
    for part in ("importance", "components", "benefits", "opportunities", "strategies"):
        for i, point in enumerate(getattr(site.training, part)):
            refs(("training", part, i, "themes"), point.themes, "theme")
    for i, question in enumerate(site.faq):
        ref(("faq", i, "source"), question.source, "source")
        ref(("faq", i, "correction"), question.correction, "correction")

    orders: dict[int, int] = {}
    for i, course in enumerate(site.courses):
        if course.order in orders:
            other = site.courses[orders[course.order]]
            at(("courses", i, "order"), f"order {course.order} is also used by '{other.id}'",
               "give each course its own place in the recommended order")
        orders[course.order] = i
    months: dict[int, int] = {}
    for i, topic in enumerate(site.topics):
        refs(("topics", i, "themes"), topic.themes, "theme")
        ref(("topics", i, "source"), topic.source, "source")
        if topic.month in months:
            other = site.topics[months[topic.month]]
            at(("topics", i, "month"), f"month {topic.month} is also used by '{other.id}'",
               "give each topic its own month from 1 to 12")
        months[topic.month] = i
    return problems


def review_warnings(site: Site, loaded: Loaded, today: dt.date | None = None) -> list[Problem]:
    """Pages whose requirements are overdue for a check (a warning, not an error)."""
    today = today or dt.date.today()
    items = [(("credential", "review", "reviewed"), site.credential.review, site.credential.name),
             (("leadership", "review", "reviewed"), site.leadership.review, site.leadership.name)]
    items += [(("courses", i, "review", "reviewed"), c.review, c.title) for i, c in enumerate(site.courses)]
    warnings = []
    for loc, review, name in items:
        due = next_review(review)
        if due < today:
            warnings.append(Problem(*loaded.locate(loc), f"the review of '{name}' was due on {due.isoformat()}",
                                    "check the facts against the source, then set 'reviewed' to today's date",
                                    level="warning"))
    return warnings


def next_review(review) -> dt.date:
    """`reviewed` plus `every_months`, clamped to the end of a shorter month."""
    month0 = review.reviewed.month - 1 + review.every_months
    year, month = review.reviewed.year + month0 // 12, month0 % 12 + 1
    for day in (review.reviewed.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def validate(loaded: Loaded) -> tuple[Site | None, list[Problem]]:
    """The model first, then cross-record rules; returns the site only if there is no error."""
    problems = list(loaded.problems)
    if problems:
        # Files that failed to parse are missing from `raw`; report those first, alone,
        # rather than a cascade of "missing field" errors they cause.
        return None, problems
    try:
        site = Site.model_validate(loaded.raw)
    except ValidationError as error:
        return None, [_translate(e, loaded) for e in error.errors(include_url=False)]
    problems = _cross_checks(site, loaded)
    return (None if problems else site), problems


def check(root: Path) -> tuple[Site | None, list[Problem]]:
    """Load and validate everything under `root/data`."""
    return validate(load_data(root))
