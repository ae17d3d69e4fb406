"""Validate loaded data once: the pydantic model, then the rules that span records.

Every problem is collected (not only the first) and translated into plain words with a
file, line and column, so an editor never sees a Python traceback. A file that could not
be read is reported once by the loader; the rest of the data is still checked, and
nothing is reported that only follows from the unreadable file (the fields it would have
given, references to the records it holds).

The rules across records read the raw values, guided by the model, so they run even when
some record has a mistake of its own: one `make check` lists every problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, HttpUrl, ValidationError

from .load import LAYOUT, Loaded
from .model import Course, Module, Site
from .problems import Problem

# --- reading the model ------------------------------------------------------------------

# What editors call a record of each model, for messages ("this course", "the source 'x'").
KIND = {
    "Source": "source", "Organization": "organization", "Term": "glossary term", "Theme": "theme",
    "Correction": "correction note", "PathwayStep": "pathway step", "Requirement": "requirement",
    "Module": "module", "Course": "course", "Topic": "monthly topic", "Point": "point",
    "Question": "question", "Review": "review", "Collaborative": "collaborative", "Rios": "RIOS section",
    "EndorsementCategory": "category", "Designation": "designation",
}

# Fields that hold the `id` of a record elsewhere (their description starts with "`id`"), and
# the collection of `Site` they point into. A reference field not named here is resolved from
# the `data/<file>.yaml` its description names; tests/test_validation.py checks every one resolves.
REFERENCE_FIELDS = {
    "source": "sources", "sources": "sources", "not_a_license_source": "sources", "categories_sources": "sources",
    "provider": "organizations", "issuer": "organizations", "initiative": "organizations",
    "organization": "organizations", "owner": "organizations", "networking_organizations": "organizations",
    "themes": "themes", "correction": "corrections",
}


def kind_of(model: type[BaseModel] | None) -> str:
    if model is None:
        return "record"
    return KIND.get(model.__name__, re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower())


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The record model inside a field's type: Course in `list[Course]` or `Course | None`."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return model_in(get_args(annotation)[0])
    if origin in (list, Union, types.UnionType):
        for arg in get_args(annotation):
            found = model_in(arg)
            if found is not None:
                return found
        return None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def is_list(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin is Annotated:
        return is_list(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return any(is_list(a) for a in get_args(annotation) if a is not type(None))
    return origin is list


@functools.cache
def collections() -> dict[str, type[BaseModel]]:
    """Top-level lists of records with an `id`: 'sources' -> Source, 'courses' -> Course…"""
    found = {}
    for name, info in Site.model_fields.items():
        model = model_in(info.annotation)
        if model is not None and is_list(info.annotation) and "id" in model.model_fields:
            found[name] = model
    return found


def reference_target(model: type[BaseModel], name: str) -> str | None:
    """The collection a field's ids point into, or None if the field is not a reference."""
    info = model.model_fields.get(name)
    if info is None or not (info.description or "").startswith("`id`"):
        return None
    if name in REFERENCE_FIELDS:
        return REFERENCE_FIELDS[name]
    for target, pattern in LAYOUT.items():
        if f"`data/{pattern}`" in info.description and target in collections():
            return target
    return None


def _model_at(loc: tuple, model: type[BaseModel] = Site) -> type[BaseModel] | None:
    """The model that owns the last part of `loc` (to name the record and suggest field names)."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        current = model_in(current.model_fields[part].annotation)
    return current


def _records(model: type[BaseModel], value: Any, loc: tuple) -> Iterator[tuple[type[BaseModel], dict, tuple]]:
    """Every record in the raw data, with its model and location, following the model's fields."""
    if not isinstance(value, dict):
        return
    yield model, value, loc
    for name, info in model.model_fields.items():
        sub = model_in(info.annotation)
        if sub is None or name not in value:
            continue
        child = value[name]
        if isinstance(child, list):
            for i, item in enumerate(child):
                yield from _records(sub, item, loc + (name, i))
        else:
            yield from _records(sub, child, loc + (name,))


# --- pydantic errors in plain words -----------------------------------------------------


def _describe(value: Any, typed: str | None = None) -> str:
    """A value as the editor typed it, for a message."""
    if typed is not None and typed != "":
        return f"'{typed[:40]}…'" if len(typed) > 40 else f"'{typed}'"
    if value is None or value == "":
        return "empty"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _record_name(loc: tuple, loaded: Loaded) -> str:
    """'the course 'rios-1'' or 'this module' for the record at `loc`."""
    model = _model_at(loc + ("_",))
    kind = kind_of(model)
    record = loaded.raw
    for part in loc:
        try:
            record = record[part]
        except (KeyError, IndexError, TypeError):
            record = None
            break
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return f"the {kind} '{record['id']}'"
    if isinstance(record, dict) and isinstance(record.get("number"), (int, str)) and not isinstance(record.get("number"), bool):
        return f"{kind} {record['number']}"
    if model is Module and loc and isinstance(loc[-1], int):
        return f"module {loc[-1] + 1}"  # modules are numbered by their place in the list
    return f"this {kind}"


def _help(loc: tuple) -> str:
    """The field's description from the model (the editors' help), as a short hint."""
    owner = _model_at(loc)
    info = owner.model_fields.get(str(loc[-1])) if owner is not None else None
    text = (info.description or "").strip().rstrip(".") if info is not None else ""
    if text[:2].istitle():  # "The day…" reads as "(the day…)"; "RIOS…" stays as it is
        text = text[0].lower() + text[1:]
    return f" ({text})" if text else ""


def _whole_file(loc: tuple) -> str | None:
    """'data/pathway.yaml' if `loc` is a whole file, else None."""
    if len(loc) == 1 and "*" not in LAYOUT.get(str(loc[0]), "*"):
        return f"data/{LAYOUT[str(loc[0])]}"
    if len(loc) == 2 and isinstance(loc[1], int) and "*" in LAYOUT.get(str(loc[0]), ""):
        return "this file"
    return None


# Fields the site works out for itself: an editor who types one (as older files did) is told where it comes from.
_DERIVED = {
    (Course, "order"): "delete this line: a course's place in the recommended order is its line under 'courses:' in data/credential.yaml",
    (Module, "number"): "delete this line: modules are numbered in the order they are listed (the first is Module 1)",
}


def _translate(error: dict, loaded: Loaded, suggestions: dict[tuple, str]) -> Problem | None:
    """One pydantic error -> one plain-words problem at the right line (None: already said)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = str(next((p for p in reversed(loc) if isinstance(p, str)), "value"))
    value = error.get("input")
    ctx = error.get("ctx") or {}
    typed = loaded.typed(loc)

    if kind == "extra_forbidden":
        file, line, col = loaded.locate(loc, prefer_key=True)
        owner = _model_at(loc)
        close = suggestions.get(loc)
        if (owner, name) in _DERIVED:
            fix = _DERIVED[(owner, name)]
        elif close:
            fix = f"did you mean '{close}'?"
        elif owner is not None:
            fix = f"remove it, or use one of the fields a {kind_of(owner)} has: {', '.join(owner.model_fields)}"
        else:
            fix = "remove it"
        return Problem(file, line, col, f"unknown field '{name}'", fix)

    file, line, col = loaded.locate(loc)
    whole = _whole_file(loc)
    if whole and kind in ("model_type", "dict_type", "model_attributes_type"):
        return Problem(file, line, col, f"{whole} should hold fields, one 'name: value' per line, but holds {_describe(value)}",
                       "compare it with a working file of the same kind")
    if whole and kind == "list_type":
        item = kind_of(model_in(Site.model_fields[str(loc[0])].annotation))
        return Problem(file, line, col, f"{whole} should be a list of {item}s, but holds {_describe(value)}",
                       f"start each {item} with '- ' at the beginning of a line, its other fields indented below it")
    if kind == "missing":
        parent = loc[:-1]
        holder = "this file" if _whole_file(parent) and _whole_file(parent) != "this file" else _record_name(parent, loaded)
        return Problem(file, line, col, f"{holder} has no '{name}'", f"add a line '{name}: …'{_help(loc)}")
    empty = value is None or (isinstance(value, str) and not value.strip()) or value == []
    if empty and kind in ("string_type", "string_too_short", "too_short", "list_type", "int_type", "bool_type",
                          "date_type", "url_type", "model_type", "dict_type", "literal_error", "float_type"):
        info = _field(loc)
        if kind in ("too_short", "list_type") or is_list(getattr(info, "annotation", None)):
            optional = info is not None and not info.is_required()
            return Problem(file, line, col, f"'{name}' has no items",
                           "add the items below it, each on its own line starting with '- '"
                           + (f", or delete the line '{name}:' if there are none" if optional and kind != "too_short" else "")
                           + _help(loc))
        return Problem(file, line, col, f"'{name}' is empty", f"fill it in{_help(loc)}")
    if kind == "string_type":
        if isinstance(value, (dict, list)):
            return Problem(file, line, col, f"'{name}' should be text, but YAML reads a {'list' if isinstance(value, list) else 'group of fields'} here",
                           "if the text starts with '[' or '{' or contains ': ', put the whole text in double quotes")
        return Problem(file, line, col, f"'{name}' should be text, but YAML reads {_describe(value, typed)} as a "
                       + ("date" if isinstance(value, dt.date) else "true/false value" if isinstance(value, bool) else "number"),
                       f"put it in double quotes, e.g. {name}: \"{typed if typed is not None else value}\"")
    if kind == "list_type":
        return Problem(file, line, col, f"'{name}' should be a list, but is {_describe(value, typed)}",
                       "put each item on its own line below it, indented, starting with '- '")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return Problem(file, line, col, f"'{name}' should be a whole number, but is {_describe(value, typed)}",
                       "write digits only, e.g. 3")
    if kind in ("bool_parsing", "bool_type"):
        return Problem(file, line, col, f"'{name}' should be true or false, but is {_describe(value, typed)}",
                       "write true or false")
    if kind.startswith("date"):
        shaped = bool(re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", str(typed if typed is not None else value)))
        what = "is not a day on the calendar" if shaped else "is not a date"
        return Problem(file, line, col, f"'{name}' {what}: {_describe(value, typed)}",
                       "write it as YYYY-MM-DD with a month from 01 to 12 and a day that exists in that month, e.g. 2026-11-22")
    if kind.startswith("url"):
        return Problem(file, line, col, f"'{name}' is not a web address: {_describe(value, typed)}",
                       "write the full address, starting with https://")
    if kind == "literal_error":
        options = [o.strip(" '") for o in re.split(r",| or ", str(ctx.get("expected", ""))) if o.strip(" '")]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return Problem(file, line, col, f"'{name}' cannot be {_describe(value, typed)}",
                       f"{hint}use one of: {', '.join(repr(o) for o in options)}")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        item = isinstance(loc[-1], int)
        what = f"each item of '{name}'" if item else f"'{name}'"
        return Problem(file, line, col, f"{what} should be a group of fields, but is {_describe(value, typed)}",
                       "write the fields below it, indented, one 'name: value' per line"
                       + (" (the first after '- ')" if item else ""))
    if kind == "string_pattern_mismatch" and name == "id":
        return Problem(file, line, col, f"the id {_describe(value, typed)} is not allowed",
                       "use lower-case letters, digits and single hyphens only, e.g. rios-1")
    if kind == "string_pattern_mismatch":
        return Problem(file, line, col, f"'{name}' is {_describe(value, typed)}, which is not in the expected form",
                       f"check the help for '{name}'{_help(loc)}")
    if kind == "string_too_short" and name == "id":
        return Problem(file, line, col, f"the id {_describe(value, typed)} is too short", "use at least 2 characters, e.g. rios-1")
    if kind == "string_too_long":
        return Problem(file, line, col, f"'{name}' is too long ({len(str(value))} characters)",
                       f"shorten it to at most {ctx.get('max_length')} characters")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limits = {"greater_than_equal": "at least", "less_than_equal": "at most",
                  "greater_than": "more than", "less_than": "less than"}
        bound = next(iter(ctx.values()), "")
        lo = getattr(_field(loc), "metadata", [])
        low = next((getattr(m, "ge", None) for m in lo if getattr(m, "ge", None) is not None), None)
        high = next((getattr(m, "le", None) for m in lo if getattr(m, "le", None) is not None), None)
        allowed = f"a whole number from {low} to {high}" if low is not None and high is not None else f"{limits[kind]} {bound}"
        return Problem(file, line, col, f"'{name}' is {_describe(value, typed)}, outside the allowed range", f"it must be {allowed}")
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        what, _, fix = message.partition(" — ")
        return Problem(file, line, col, f"'{name}': {what}", fix or "correct the value")
    return Problem(file, line, col, f"'{name}': {error['msg']}", "correct the value as described in docs/editing.md")


def _field(loc: tuple):
    owner = _model_at(loc)
    name = next((p for p in reversed(loc) if isinstance(p, str)), None)
    return owner.model_fields.get(name) if owner is not None and name else None


def _suggestions(errors: list[dict]) -> dict[tuple, str]:
    """For each unknown field, the field it was probably meant to be (preferring one that is missing)."""
    missing: dict[tuple, list[str]] = {}
    for e in errors:
        if e["type"] == "missing":
            missing.setdefault(tuple(e["loc"][:-1]), []).append(str(e["loc"][-1]))
    found = {}
    for e in errors:
        if e["type"] != "extra_forbidden":
            continue
        loc = tuple(e["loc"])
        name = str(loc[-1])
        owner = _model_at(loc)
        close = difflib.get_close_matches(name, missing.get(loc[:-1], []), n=1, cutoff=0.5)
        if not close and owner is not None:
            close = difflib.get_close_matches(name, list(owner.model_fields), n=1, cutoff=0.6)
        if close:
            found[loc] = close[0]
    return found


def _model_problems(loaded: Loaded) -> tuple[Site | None, list[Problem]]:
    try:
        return Site.model_validate(loaded.raw), []
    except ValidationError as error:
        errors = error.errors(include_url=False)
    suggestions = _suggestions(errors)
    meant = {(loc[:-1], name) for loc, name in suggestions.items()}
    problems = []
    for e in errors:
        loc = tuple(e["loc"])
        if loc and str(loc[0]) in loaded.unreadable and (len(loc) == 1 or "*" not in LAYOUT.get(str(loc[0]), "")):
            continue  # the file is missing or unreadable: already reported
        if loaded.is_broken(loc):
            continue
        if e["type"] == "missing" and (loc[:-1], str(loc[-1])) in meant:
            continue  # "unknown field 'titel' — did you mean 'title'?" says it
        problem = _translate(e, loaded, suggestions)
        if problem is not None:
            problems.append(problem)
    return None, problems


# --- rules across records ----------------------------------------------------------------


def _cross_checks(loaded: Loaded, earlier: list[Problem]) -> list[Problem]:
    """Rules no single record can check: unique ids, references, numbering.

    `earlier` holds the problems already found, so no file-name warning is given for a file
    whose id or month is itself wrong.
    """
    problems: list[Problem] = []

    def at(loc: tuple, message: str, fix: str, level: str = "error") -> None:
        problems.append(Problem(*loaded.locate(loc), message, fix, level=level))

    def where(loc: tuple, here: tuple) -> str:
        file, line, _ = loaded.locate(loc)
        return f"line {line}" if file == loaded.locate(here)[0] else f"{file} line {line}"

    records = list(_records(Site, loaded.raw, ()))

    # Unique ids: records of a file share a page (their ids are its anchors), and records
    # of a folder share its web addresses.
    seen: dict[tuple[str, str], list[tuple]] = {}
    for model, record, loc in records:
        rid = record.get("id")
        if loc and isinstance(rid, str) and "id" in model.model_fields:
            seen.setdefault((str(loc[0]), rid), []).append((model, loc + ("id",)))
    for (_, rid), uses in seen.items():
        for n, (model, loc) in enumerate(uses):
            others = [where(other, loc) for m, (_, other) in enumerate(uses) if m != n]
            same_file = all(loaded.locate(other)[0] == loaded.locate(loc)[0] for _, other in uses)
            if n == 0 and same_file:
                continue  # within one file, the later copy is the one to change
            at(loc, f"the id '{rid}' is also used at {' and '.join(others)}", f"give each {kind_of(model)} its own id")

    # References to ids that do not exist.
    known: dict[str, list[str]] = {}
    for name in collections():
        items = loaded.raw.get(name)
        if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
            continue  # a record whose id cannot be read may be the one referred to: say nothing
        known[name] = [i["id"] for i in items]
    for model, record, loc in records:
        for name, value in record.items():
            target = reference_target(model, name) if isinstance(name, str) else None
            if target is None or target in loaded.unreadable or target not in known:
                continue
            values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for i, ref in values:
                if not isinstance(ref, str) or ref in known[target]:
                    continue
                ref_loc = loc + (name,) + ((i,) if i is not None else ())
                if loaded.is_broken(ref_loc):
                    continue
                what = kind_of(collections()[target])
                close = difflib.get_close_matches(ref, known[target], n=1, cutoff=0.6)
                if close:
                    fix = f"did you mean '{close[0]}'?"
                else:
                    ids = list(dict.fromkeys(known[target]))
                    examples = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
                    fix = f"use an id from data/{LAYOUT[target]} ({examples}), or add the {what} there first"
                at(ref_loc, f"no {what} has the id '{ref}'", fix)

    # Numbers in a list: 1, 2, 3… in the order listed (modules, requirements, pathway steps).
    for model, record, loc in records[1:]:  # not the Site itself: its folders have no order of their own
        for name, info in model.model_fields.items():
            sub = model_in(info.annotation)
            items = record.get(name)
            if sub is None or not isinstance(items, list):
                continue
            field = next((f for f in ("number", "order") if sub.model_fields.get(f) and sub.model_fields[f].annotation is int), None)
            if field is None:
                continue
            numbered = [(loc + (name, i, field), item[field]) for i, item in enumerate(items)
                        if isinstance(item, dict) and type(item.get(field)) is int]
            problems.extend(_sequence(numbered, kind_of(sub), field, loaded))

    problems.extend(_course_order(loaded))
    problems.extend(_https_only(records, loaded))

    # Numbers across the files of a folder: the topics' months.
    for name, field in (("topics", "month"),):
        if name not in collections():
            continue
        model = collections()[name]
        items = loaded.raw.get(name) or []
        numbered = [((name, i, field), item[field]) for i, item in enumerate(items)
                    if isinstance(item, dict) and type(item.get(field)) is int]
        uses: dict[int, list[tuple]] = {}
        for loc, number in numbered:
            uses.setdefault(number, []).append(loc)
        first = {number: locs[0] for number, locs in uses.items()}
        for number, locs in uses.items():
            for loc in locs if len(locs) > 1 else []:
                others = " and ".join(where(other, loc) for other in locs if other != loc)
                at(loc, f"{field} {number} is also used by {others}", f"give each {kind_of(model)} its own {field}")
        if name in loaded.unreadable or not first:
            continue  # a file that could not be read may hold the missing number
        if name == "topics":
            months = (loaded.raw.get("leadership") or {}).get("collaborative", {})
            months = months.get("months") if isinstance(months, dict) else None
            valid = all(1 <= n <= 12 for n in first) and len(numbered) == len(items)
            if type(months) is int and "leadership" not in loaded.unreadable and valid:
                for month in range(1, months + 1):
                    if month not in first:
                        at(("leadership", "collaborative", "months"),
                           f"the collaborative runs {months} months, but no monthly topic has month {month}",
                           f"add a file data/topics/{month:02d}-<id>.yaml for month {month}, or correct the month of the topic meant for it")
            continue
        missing = [n for n in range(1, max(first) + 1) if n not in first]
        if missing:
            after = min(n for n in first if n > missing[0])
            gap = ", ".join(str(n) for n in missing[:-1]) + (" or " if len(missing) > 1 else "") + str(missing[-1])
            at(first[after], f"{field} {after} comes after a gap: no {kind_of(model)} has {field} {gap}",
               f"number the {kind_of(model)}s 1, 2, 3… with no gaps (renumber them, or restore the missing one)")

    # File names that say which record they hold (a warning: the site works either way),
    # for files with no error (a wrong id or month is reported as an error, not as a name).
    with_errors = {p.file for p in problems + earlier if p.level == "error"}
    for name, stem in (("courses", "{id}"), ("topics", "{month:02d}-{id}")):
        docs = loaded.documents.get(name)
        if not isinstance(docs, list):
            continue
        for i, doc in enumerate(docs):
            value = doc.value if isinstance(doc.value, dict) else {}
            if not isinstance(value.get("id"), str) or (name == "topics" and type(value.get("month")) is not int):
                continue
            expected = stem.format(id=value["id"], month=value.get("month", 0)) + ".yaml"
            if Path(doc.file).name != expected and doc.file not in with_errors:
                at((name, i, "id"), f"the file name does not match the id '{value['id']}'",
                   f"rename the file to {expected} so it is easy to find", level="warning")
    return problems


_INSECURE_LINK = re.compile(r"\]\(\s*<?(http://[^)\s>]*)|<(http://[^>\s]*)>")


def _https_only(records: list, loaded: Loaded) -> list[Problem]:
    """Web addresses, and links in Markdown fields, use https:// (readers' browsers warn on or
    block plain http://, and the pages it serves can be changed on the way)."""
    problems: list[Problem] = []
    for model, record, loc in records:
        for name, info in model.model_fields.items():
            value = record.get(name)
            if not isinstance(value, str) or loaded.is_broken(loc + (name,)):
                continue
            if HttpUrl in (info.annotation, *get_args(info.annotation)) and value.strip().lower().startswith("http://"):
                problems.append(Problem(*loaded.locate(loc + (name,)), f"'{name}' starts with http://, which is not a secure address",
                                        "write the address with https:// instead (open it in a browser to check it works)"))
            elif (info.json_schema_extra or {}).get("contentMediaType") == "text/markdown":
                for match in _INSECURE_LINK.finditer(value):
                    address = match.group(1) or match.group(2)
                    problems.append(Problem(*loaded.locate(loc + (name,)), f"the link to {address} in '{name}' uses http://, which is not secure",
                                            "write the address with https:// instead (open it in a browser to check it works)"))
    return problems


def _course_order(loaded: Loaded) -> list[Problem]:
    """The recommended order (`courses:` in data/credential.yaml) names every course file once,
    and only those: a course left out, an id with no file, a repeat, each at its line."""
    problems: list[Problem] = []
    credential = loaded.raw.get("credential")
    order = credential.get("courses") if isinstance(credential, dict) else None
    if "credential" in loaded.unreadable or not isinstance(order, list):
        return problems  # unreadable, or missing or not a list: already reported
    items = loaded.raw.get("courses") or []
    ids = [c.get("id") if isinstance(c, dict) else None for c in items]
    where = {course_id: i for i, course_id in enumerate(ids) if isinstance(course_id, str)}
    first: dict[str, int] = {}
    for j, course_id in enumerate(order):
        loc = ("credential", "courses", j)
        if not isinstance(course_id, str) or loaded.is_broken(loc):
            continue
        if course_id in first:
            line = loaded.locate(("credential", "courses", first[course_id]))[1]
            problems.append(Problem(*loaded.locate(loc), f"the course '{course_id}' is listed twice in the recommended order (first on line {line})",
                                    "delete the line where it does not belong: each course has one place in the order"))
            continue
        first[course_id] = j
        if course_id in where or "courses" in loaded.unreadable or len(where) < len(ids):
            # (a course file that cannot be read, or two files with one id, may be the one meant: said already)
            continue
        close = difflib.get_close_matches(course_id, list(where), n=1, cutoff=0.6)
        fix = (f"did you mean '{close[0]}'?" if close else
               f"add the course's file data/courses/{course_id}.yaml with 'id: {course_id}', or delete this line")
        problems.append(Problem(*loaded.locate(loc), f"no course has the id '{course_id}' (no file data/courses/{course_id}.yaml)", fix))
    for i, course_id in enumerate(ids):
        if isinstance(course_id, str) and course_id not in first and not loaded.is_broken(("courses", i, "id")):
            problems.append(Problem(*loaded.locate(("courses", i, "id")),
                                    f"the course '{course_id}' is not in the recommended order",
                                    f"add a line '  - {course_id}' under 'courses:' in data/credential.yaml, where it comes in the order"))
    return problems


def _sequence(numbered: list[tuple[tuple, int]], kind: str, field: str, loaded: Loaded) -> list[Problem]:
    """Problems in numbers that should run 1, 2, 3… in the order listed."""
    problems = []
    fix = f"number the {kind}s 1, 2, 3… in the order they are listed, with no gaps or repeats"
    first: dict[int, tuple] = {}
    expected = 1
    for loc, number in numbered:
        file, line, col = loaded.locate(loc)
        if number in first:
            problems.append(Problem(file, line, col, f"{kind} {field} {number} is used twice (first on line {loaded.locate(first[number])[1]})", fix))
        elif number > expected:
            missing = f"{expected}" if number == expected + 1 else f"{expected} to {number - 1}"
            said = f"the first {kind} should be {field} 1, not {number}" if expected == 1 else f"{kind} {field} {number} skips {missing}"
            problems.append(Problem(file, line, col, said, fix))
        elif number < expected:
            problems.append(Problem(file, line, col, f"{kind} {field} {number} is listed after {kind} {expected - 1}", fix))
        first.setdefault(number, loc)
        expected = max(expected, number + 1)
    return problems


def _record_checks(site: Site, loaded: Loaded) -> list[Problem]:
    """Rules on a valid site that the generic rules above do not cover."""
    return _endorsement_checks(site, loaded) if getattr(site, "endorsement", None) is not None else []


def _endorsement_checks(site: Site, loaded: Loaded) -> list[Problem]:
    """data/endorsement.yaml: unique categories, abbreviations the glossary explains."""
    problems: list[Problem] = []

    def at(loc: tuple, message: str, fix: str) -> None:
        problems.append(Problem(*loaded.locate(("endorsement",) + loc), message, fix))

    e = site.endorsement
    terms = {term.term for term in site.glossary}
    seen: dict[str, dict[str, int]] = {"number": {}, "abbreviation": {}}
    for i, category in enumerate(e.categories):
        for field, first in seen.items():
            value = getattr(category, field)
            if value in first:
                at(("categories", i, field), f"{field} '{value}' is also used by category {first[value] + 1}",
                   "give each category its own " + field)
            else:
                first[value] = i
        if category.abbreviation not in terms:
            at(("categories", i, "abbreviation"), f"'{category.abbreviation}' is not in the glossary",
               "add it to data/glossary.yaml so readers see it explained on hover")
        if not category.designations and category.reflective_supervision is None:
            at(("categories", i), f"category {category.number} does not say what reflective supervision/consultation it asks for",
               "add a line 'reflective_supervision: …' (write 'optional' if it is optional)")
        names: dict[str, int] = {}
        for j, designation in enumerate(category.designations):
            if designation.name in names:
                at(("categories", i, "designations", j, "name"), f"designation '{designation.name}' is listed twice",
                   "keep one of the two")
            names[designation.name] = j
    return problems


# --- review dates -----------------------------------------------------------------------


def review_warnings(site: Site, loaded: Loaded, today: dt.date | None = None) -> list[Problem]:
    """Pages whose requirements are overdue for a check (a warning, not an error)."""
    today = today or dt.date.today()
    items = [(("credential", "review", "reviewed"), site.credential.review, site.credential.name),
             (("leadership", "review", "reviewed"), site.leadership.review, site.leadership.name)]
    items += [(("courses", i, "review", "reviewed"), c.review, c.title) for i, c in enumerate(site.courses)]
    endorsement = getattr(site, "endorsement", None)
    if endorsement is not None:  # the Endorsement page states requirements too
        items.append((("endorsement", "review", "reviewed"), endorsement.review, endorsement.short_name))
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


# --- the one pass -----------------------------------------------------------------------


def validate(loaded: Loaded) -> tuple[Site | None, list[Problem]]:
    """Every problem in the data; the site only if there is no error (warnings allowed)."""
    site, problems = _model_problems(loaded)
    problems = list(loaded.problems) + problems
    problems += _cross_checks(loaded, problems)
    errors = any(p.level == "error" for p in problems)
    if site is not None and not errors:
        problems += _record_checks(site, loaded)
        errors = any(p.level == "error" for p in problems)
    return (None if errors else site), sorted(set(problems))
