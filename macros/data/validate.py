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

import calendar
import datetime as dt
import difflib
import functools
import re
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, HttpUrl, ValidationError

from .read import LAYOUT, Loaded
from .markdown import MarkdownText
from .model import Course, Module, PathwayStep, Requirement, Site, fact_fields
from .problems import Problem, shorten

# --- reading the model ------------------------------------------------------------------

# What editors call a record of each model, for messages ("this course", "the source 'x'").
KIND = {
    "Source": "source", "Organization": "organization", "Term": "glossary term", "Theme": "theme",
    "Correction": "correction note", "PathwayStep": "pathway step", "Requirement": "requirement",
    "Module": "module", "Course": "course", "Topic": "monthly topic", "Point": "point",
    "Question": "question", "Review": "review", "Collaborative": "collaborative", "Rios": "RIOS section",
    "EndorsementCategory": "category", "Designation": "designation", "Evidence": "evidence entry",
    "Route": "situation", "Statement": "statement",
    "Association": "association", "AssociationEndorsement": "endorsement section", "AssociationNote": "note",
    "Applying": "applying section", "Fee": "fee", "AllianceCount": "Alliance count",
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
    """The record model inside a field's type: Course in `list[Course]` or `Course | None`,
    Evidence in `dict[str, Evidence]`."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return model_in(get_args(annotation)[0])
    if origin in (list, dict, Union, types.UnionType):
        for arg in get_args(annotation):
            found = model_in(arg)
            if found is not None:
                return found
        return None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def is_mapping(annotation: Any) -> bool:
    """A field whose value maps names to records, such as `evidence` (field name -> Evidence)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return is_mapping(get_args(annotation)[0])
    return origin is dict


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
    key_next = False  # the part after a mapping field (`evidence`) is a key, not a field
    for part in loc[:-1]:
        if isinstance(part, int) or key_next:
            key_next = False
            continue
        if current is None or part not in current.model_fields:
            return None
        key_next = is_mapping(current.model_fields[part].annotation)
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
        elif is_mapping(info.annotation) and isinstance(child, dict):
            for key, item in child.items():
                yield from _records(sub, item, loc + (name, key))
        else:
            yield from _records(sub, child, loc + (name,))


# --- pydantic errors in plain words -----------------------------------------------------


def _describe(value: Any, typed: str | None = None) -> str:
    """A value as the editor typed it, for a message."""
    if typed is not None and typed != "":
        return f"'{shorten(typed, 40)}'"
    if value is None or value == "":
        return "empty"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"'{shorten(str(value), 40)}'"


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
        return f"the {kind} '{shorten(record['id'], 40)}'"
    if model in _NUMBERED_BY_PLACE and loc and isinstance(loc[-1], int):
        return f"{kind} {loc[-1] + 1}"  # the number the site gives it: its place in the list
    if len(loc) >= 2 and loc[-2] == "evidence" and isinstance(loc[-1], str):
        return f"the evidence entry for '{shorten(loc[-1], 40)}'"
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


@dataclass
class _Error:
    """One pydantic error, with what every translation needs: where it is and what was typed."""

    loc: tuple
    kind: str
    name: str  # the field, e.g. 'title' (the last name in `loc`)
    value: Any
    ctx: dict
    msg: str
    typed: str | None
    loaded: Loaded
    suggestions: dict[tuple, str]

    @classmethod
    def of(cls, error: dict, loaded: Loaded, suggestions: dict[tuple, str]) -> "_Error":
        loc = tuple(error["loc"])
        return cls(loc, error["type"], str(next((p for p in reversed(loc) if isinstance(p, str)), "value")),
                   error.get("input"), error.get("ctx") or {}, error["msg"], loaded.typed(loc), loaded, suggestions)

    @property
    def shown(self) -> str:
        return _describe(self.value, self.typed)

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip()) or self.value == []

    def at(self, message: str, fix: str, prefer_key: bool = False) -> Problem:
        return Problem(*self.loaded.locate(self.loc, prefer_key=prefer_key), message, fix)


# Fields the site works out for itself: an editor who types one (as older files did) is told where it comes from.
_DERIVED = {
    (Course, "order"): "delete this line: a course's place in the recommended order is its line under 'courses:' in data/credential.yaml",
    (Module, "number"): "delete this line: modules are numbered in the order they are listed (the first is Module 1)",
    (Requirement, "number"): "delete this line: the site numbers requirements by their place in the list (the first is "
                             "requirement 1), so to move one, move its lines",
    (PathwayStep, "order"): "delete this line: the site numbers pathway steps by their place in the list (the first is "
                            "step 1), so to move one, move its lines",
}
# Records numbered by their place in a list (model.py's `_number_by_place`), named so in messages.
_NUMBERED_BY_PLACE = {Module, Requirement, PathwayStep}


def _unknown_field(e: _Error) -> Problem:
    owner = _model_at(e.loc)
    close = e.suggestions.get(e.loc)
    if (owner, e.name) in _DERIVED:
        fix = _DERIVED[(owner, e.name)]
    elif close:
        fix = f"did you mean '{close}'?"
    elif owner is not None:
        kind = kind_of(owner)
        fix = f"remove it, or use one of the fields {'an' if kind[0] in 'aeio' else 'a'} {kind} has: {', '.join(owner.model_fields)}"
    else:
        fix = "remove it"
    return e.at(f"unknown field '{shorten(e.name, 40)}'", fix, prefer_key=True)


def _whole_file_not_fields(e: _Error) -> Problem | None:
    whole = _whole_file(e.loc)
    return whole and e.at(f"{whole} should hold fields, one 'name: value' per line, but holds {_describe(e.value)}",
                          "compare it with a working file of the same kind")


def _whole_file_not_list(e: _Error) -> Problem | None:
    whole = _whole_file(e.loc)
    if not whole:
        return None
    item = kind_of(model_in(Site.model_fields[str(e.loc[0])].annotation))
    return e.at(f"{whole} should be a list of {item}s, but holds {_describe(e.value)}",
                f"start each {item} with '- ' at the beginning of a line, its other fields indented below it")


def _missing(e: _Error) -> Problem:
    parent = e.loc[:-1]
    holder = "this file" if _whole_file(parent) and _whole_file(parent) != "this file" else _record_name(parent, e.loaded)
    return e.at(f"{holder} has no '{e.name}'", f"add a line '{e.name}: …'{_help(e.loc)}")


def _empty(e: _Error) -> Problem | None:
    if not e.empty:
        return None
    info = _field(e.loc)
    if e.kind in ("too_short", "list_type") or is_list(getattr(info, "annotation", None)):
        optional = info is not None and not info.is_required()
        return e.at(f"'{e.name}' has no items",
                    "add the items below it, each on its own line starting with '- '"
                    + (f", or delete the line '{e.name}:' if there are none" if optional and e.kind != "too_short" else "")
                    + _help(e.loc))
    return e.at(f"'{e.name}' is empty", f"fill it in{_help(e.loc)}")


def _not_text(e: _Error) -> Problem:
    if isinstance(e.value, (dict, list)):
        return e.at(f"'{e.name}' should be text, but YAML reads a {'list' if isinstance(e.value, list) else 'group of fields'} here",
                    "if the text starts with '[' or '{' or contains ': ', put the whole text in double quotes")
    what = "date" if isinstance(e.value, dt.date) else "true/false value" if isinstance(e.value, bool) else "number"
    return e.at(f"'{e.name}' should be text, but YAML reads {e.shown} as a {what}",
                f"put it in double quotes, e.g. {e.name}: \"{shorten(e.typed if e.typed is not None else str(e.value), 40)}\"")


def _not_list(e: _Error) -> Problem:
    return e.at(f"'{e.name}' should be a list, but is {e.shown}", "put each item on its own line below it, indented, starting with '- '")


def _not_number(e: _Error) -> Problem:
    return e.at(f"'{e.name}' should be a whole number, but is {e.shown}", "write digits only, e.g. 3")


def _not_bool(e: _Error) -> Problem:
    return e.at(f"'{e.name}' should be true or false, but is {e.shown}", "write true or false")


def _not_date(e: _Error) -> Problem:
    shaped = bool(re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", str(e.typed if e.typed is not None else e.value)))
    what = "is not a day on the calendar" if shaped else "is not a date"
    return e.at(f"'{e.name}' {what}: {e.shown}",
                "write it as YYYY-MM-DD with a month from 01 to 12 and a day that exists in that month, e.g. 2026-11-22")


def _not_url(e: _Error) -> Problem:
    return e.at(f"'{e.name}' is not a web address: {e.shown}", "write the full address, starting with https://")


def _not_an_option(e: _Error) -> Problem:
    options = [o.strip(" '") for o in re.split(r",| or ", str(e.ctx.get("expected", ""))) if o.strip(" '")]
    close = difflib.get_close_matches(shorten(str(e.value), 60), options, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return e.at(f"'{e.name}' cannot be {e.shown}", f"{hint}use one of: {', '.join(repr(o) for o in options)}")


def _not_fields(e: _Error) -> Problem:
    item = isinstance(e.loc[-1], int)
    what = f"each item of '{e.name}'" if item else f"'{e.name}'"
    return e.at(f"{what} should be a group of fields, but is {e.shown}",
                "write the fields below it, indented, one 'name: value' per line" + (" (the first after '- ')" if item else ""))


def _bad_form(e: _Error) -> Problem:
    if e.name == "id":
        return e.at(f"the id {e.shown} is not allowed", "use lower-case letters, digits and single hyphens only, e.g. rios-1")
    return e.at(f"'{e.name}' is {e.shown}, which is not in the expected form", f"check the help for '{e.name}'{_help(e.loc)}")


def _too_short(e: _Error) -> Problem | None:
    return e.at(f"the id {e.shown} is too short", "use at least 2 characters, e.g. rios-1") if e.name == "id" else None


def _too_long(e: _Error) -> Problem:
    return e.at(f"'{e.name}' is too long ({len(str(e.value))} characters)", f"shorten it to at most {e.ctx.get('max_length')} characters")


_LIMIT_WORDS = {"greater_than_equal": "at least", "less_than_equal": "at most", "greater_than": "more than", "less_than": "less than"}


def _out_of_range(e: _Error) -> Problem:
    bound = next(iter(e.ctx.values()), "")
    metadata = getattr(_field(e.loc), "metadata", [])
    low = next((m.ge for m in metadata if getattr(m, "ge", None) is not None), None)
    high = next((m.le for m in metadata if getattr(m, "le", None) is not None), None)
    allowed = f"a whole number from {low} to {high}" if low is not None and high is not None else f"{_LIMIT_WORDS[e.kind]} {bound}"
    return e.at(f"'{e.name}' is {e.shown}, outside the allowed range", f"it must be {allowed}")


def _model_says(e: _Error) -> Problem:
    """A rule of the model in its own words: 'what — fix', `{field}` standing for the field's name."""
    what, _, fix = str(e.ctx.get("error", e.msg)).partition(" — ")
    what = what.replace("{field}", f"'{e.name}'") if "{field}" in what else f"'{e.name}': {what}"
    return e.at(what, fix or "correct the value")


_FIELDS_KINDS = ("model_type", "dict_type", "model_attributes_type")
_EMPTY_KINDS = ("string_type", "string_too_short", "too_short", "list_type", "int_type", "bool_type", "date_type", "url_type",
                "model_type", "dict_type", "literal_error", "float_type")

# pydantic's error kinds (a trailing * matches a prefix) -> the translation; the first that
# gives a problem is used, so the specific rules come before the general ones.
TRANSLATIONS: list[tuple[tuple[str, ...], Callable[[_Error], Problem | None]]] = [
    (("extra_forbidden",), _unknown_field),
    (_FIELDS_KINDS, _whole_file_not_fields),
    (("list_type",), _whole_file_not_list),
    (("missing",), _missing),
    (_EMPTY_KINDS, _empty),
    (("string_type",), _not_text),
    (("list_type",), _not_list),
    (("int_parsing", "int_type", "int_from_float"), _not_number),
    (("bool_parsing", "bool_type"), _not_bool),
    (("date*",), _not_date),
    (("url*",), _not_url),
    (("literal_error",), _not_an_option),
    (_FIELDS_KINDS, _not_fields),
    (("string_pattern_mismatch",), _bad_form),
    (("string_too_short",), _too_short),
    (("string_too_long",), _too_long),
    (tuple(_LIMIT_WORDS), _out_of_range),
    (("value_error",), _model_says),
]


def _translate(error: dict, loaded: Loaded, suggestions: dict[tuple, str]) -> Problem:
    """One pydantic error -> one plain-words problem at the right line."""
    e = _Error.of(error, loaded, suggestions)
    for kinds, translation in TRANSLATIONS:
        if any(e.kind == k or (k.endswith("*") and e.kind.startswith(k[:-1])) for k in kinds):
            problem = translation(e)
            if problem:
                return problem
    return e.at(f"'{e.name}': {e.msg}", "correct the value as described in docs/editing.md")


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
    per_file: dict[str, int] = {}
    for e in errors:
        loc = tuple(e["loc"])
        document = loaded.document(loc)[0]
        key = document.file if document is not None else str(loc[:1])
        per_file[key] = per_file.get(key, 0) + 1
        if per_file[key] > 10 * MAX_PER_FILE:
            continue  # more than can be shown: `_at_most_per_file` says how many more, without each one's words
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
# Each rule reads the raw values (guided by the model), so it runs even when some record has
# a mistake of its own, and its report grows linearly with the data (one line per problem).


@dataclass
class _Records:
    """The raw data, every record in it, and a way to turn a location into a problem."""

    loaded: Loaded
    records: list[tuple[type[BaseModel], dict, tuple]]

    def problem(self, loc: tuple, message: str, fix: str, level: str = "error", prefer_key: bool = False) -> Problem:
        return Problem(*self.loaded.locate(loc, prefer_key=prefer_key), message, fix, level=level)

    def where(self, loc: tuple, here: tuple) -> str:
        """'line 4' in the same file as `here`, else 'data/x.yaml line 4'."""
        file, line, _ = self.loaded.locate(loc)
        return f"line {line}" if file == self.loaded.locate(here)[0] else f"{file} line {line}"


def _also_used(data: _Records, uses: list[tuple], what: str, fix: str, first_too: bool, by: str = "at") -> list[Problem]:
    """A value used more than once: each later use names the first; the first names the second."""
    problems = []
    for n, loc in enumerate(uses):
        if n == 0 and not first_too:
            continue
        other = uses[1] if n == 0 else uses[0]
        more = f" (and {len(uses) - 2} more)" if len(uses) > 2 and n == 0 else ""
        problems.append(data.problem(loc, f"{what} is also used {by} {data.where(other, loc)}{more}", fix))
    return problems


def _unique_ids(data: _Records) -> list[Problem]:
    """Ids are unique per collection: records of a file share a page (ids are its anchors),
    and records of a folder share its web addresses. Within one file the later copy is
    the one to change; across files both are named."""
    seen: dict[tuple[str, str], list[tuple]] = {}
    models: dict[tuple[str, str], type[BaseModel]] = {}
    for model, record, loc in data.records:
        rid = record.get("id")
        if loc and isinstance(rid, str) and "id" in model.model_fields:
            seen.setdefault((str(loc[0]), rid), []).append(loc + ("id",))
            models[(str(loc[0]), rid)] = model
    problems = []
    for key, uses in seen.items():
        if len(uses) > 1:
            first_too = len({data.loaded.locate(loc)[0] for loc in uses[:2]}) > 1
            problems += _also_used(data, uses, f"the id '{shorten(key[1], 40)}'", f"give each {kind_of(models[key])} its own id", first_too)
    return problems


def _known_ids(loaded: Loaded) -> dict[str, dict[str, None]]:
    """Each collection's ids, in order (a dict: fast to look up), if every record's id can be read."""
    known = {}
    for name in collections():
        items = loaded.raw.get(name)
        if isinstance(items, list) and all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
            known[name] = dict.fromkeys(i["id"] for i in items)
    return known  # a record whose id cannot be read may be the one referred to: say nothing


def _references(data: _Records) -> list[Problem]:
    """References point to ids that exist, and a list names each id once."""
    known = _known_ids(data.loaded)
    problems: list[Problem] = []
    for model, record, loc in data.records:
        for name, value in record.items():
            target = reference_target(model, name) if isinstance(name, str) else None
            if target is None or target in data.loaded.unreadable or target not in known:
                continue
            listed: dict[str, tuple] = {}
            for i, ref in (enumerate(value) if isinstance(value, list) else [(None, value)]):
                ref_loc = loc + (name,) + ((i,) if i is not None else ())
                if not isinstance(ref, str) or data.loaded.is_broken(ref_loc):
                    continue
                if ref in listed:
                    problems.append(data.problem(ref_loc, f"'{shorten(ref, 40)}' is listed twice in '{name}' (first at {data.where(listed[ref], ref_loc)})",
                                                 "delete one of the two"))
                    continue
                listed[ref] = ref_loc
                if ref not in known[target]:
                    problems.append(data.problem(ref_loc, f"no {kind_of(collections()[target])} has the id '{shorten(ref, 40)}'",
                                                 _reference_fix(ref, target, known[target], len(problems))))
    return problems


def _reference_fix(ref: str, target: str, ids: dict[str, None], reported: int) -> str:
    """'did you mean …?' (for the first few only: each guess compares with every id), or where the ids are."""
    close = difflib.get_close_matches(ref, list(ids), n=1, cutoff=0.6) if reported < 20 and len(ref) <= 60 else []
    if close:
        return f"did you mean '{close[0]}'?"
    examples = ", ".join(list(ids)[:5]) + (", …" if len(ids) > 5 else "")
    return f"use an id from data/{LAYOUT[target]} ({examples}), or add the {kind_of(collections()[target])} there first"


def _in_range(model: type[BaseModel], field: str, number: int) -> bool:
    """Within the field's limits (a number outside them is reported by the model)."""
    metadata = model.model_fields[field].metadata
    low = next((m.ge for m in metadata if getattr(m, "ge", None) is not None), 1)
    high = next((m.le for m in metadata if getattr(m, "le", None) is not None), 1000)
    return low <= number <= high


def _topic_months(data: _Records) -> list[Problem]:
    """The topics' months: each used once, and every month of the collaborative covered."""
    model = collections().get("topics")
    items = data.loaded.raw.get("topics") or []
    if model is None:
        return []
    numbered = [(("topics", i, "month"), item["month"]) for i, item in enumerate(items)
                if isinstance(item, dict) and type(item.get("month")) is int and _in_range(model, "month", item["month"])]
    uses: dict[int, list[tuple]] = {}
    for loc, number in numbered:
        uses.setdefault(number, []).append(loc)
    problems = []
    for number, locs in uses.items():
        if len(locs) > 1:
            problems += _also_used(data, locs, f"month {number}", f"give each {kind_of(model)} its own month", True, by="by")
    if "topics" in data.loaded.unreadable or not uses:
        return problems  # a file that could not be read may hold the missing month
    return problems + _months_covered(data, uses, complete=len(numbered) == len(items))


def _months_covered(data: _Records, uses: dict[int, list[tuple]], complete: bool) -> list[Problem]:
    """Every month the collaborative runs has a topic, and no topic is for a month after its last."""
    collaborative = (data.loaded.raw.get("leadership") or {}).get("collaborative", {})
    months = collaborative.get("months") if isinstance(collaborative, dict) else None
    if type(months) is not int or not 1 <= months <= 12 or "leadership" in data.loaded.unreadable:
        return []
    after = [data.problem(loc, f"the collaborative runs {months} months (data/leadership.yaml), but this topic is for month {month}",
                          "delete this file if the month is gone, correct its month, or change 'months' in data/leadership.yaml")
             for month, locs in sorted(uses.items()) if month > months for loc in locs]
    if not complete:
        return after
    return after + [data.problem(("leadership", "collaborative", "months"),
                                 f"the collaborative runs {months} months, but no monthly topic has month {month}",
                                 f"add a file data/topics/{month:02d}-<id>.yaml for month {month}, or correct the month of the topic meant for it")
                    for month in range(1, months + 1) if month not in uses]


_LIST_TAIL = re.compile(r"(?:(?:^|\s)- [a-z0-9]+(?:-[a-z0-9]+)*\s*)+$")


def _folded_lists(data: _Records) -> list[Problem]:
    """A list of ids whose field name was deleted is read by YAML as more text of the field
    above it (`… families - attachment - culture`): caught when the ids exist and the record
    lacks the list they belong to."""
    known = _known_ids(data.loaded)
    problems = []
    for model, record, loc in data.records:
        missing = {name: reference_target(model, name) for name in model.model_fields
                   if name not in record and reference_target(model, name) in known and is_list(model.model_fields[name].annotation)}
        if not missing:
            continue
        for name, value in record.items():
            tail = _LIST_TAIL.search(value[-2000:]) if isinstance(value, str) else None  # ids lists are short
            ids = re.findall(r"- ([a-z0-9-]+)", tail.group(0)) if tail else []
            lost = next((field for field, target in missing.items() if ids and all(i in known[target] for i in ids)), None)
            if lost is not None:
                problems.append(data.problem(loc + (name,), f"the text of '{name}' ends with '- {' - '.join(ids)}', "
                                             f"which looks like the list '{lost}' with its '{lost}:' line missing",
                                             f"put a line '{lost}:' above the '- …' lines, at the indent of '{name}:'"))
    return problems


def _file_names(data: _Records, problems: list[Problem]) -> list[Problem]:
    """File names say which record they hold (a warning: the site works either way), for files
    with no error (a wrong id or month is reported as an error, not as a name)."""
    with_errors = {p.file for p in problems if p.level == "error"}
    warnings = []
    for name, stem in (("courses", "{id}"), ("topics", "{month:02d}-{id}")):
        docs = data.loaded.documents.get(name)
        for i, doc in enumerate(docs if isinstance(docs, list) else []):
            value = doc.value if isinstance(doc.value, dict) else {}
            if not isinstance(value.get("id"), str) or (name == "topics" and type(value.get("month")) is not int):
                continue
            expected = stem.format(id=value["id"], month=value.get("month", 0)) + ".yaml"
            if Path(doc.file).name != expected and doc.file not in with_errors:
                warnings.append(data.problem((name, i, "id"), f"the file name does not match the id '{shorten(value['id'], 40)}'",
                                             f"rename the file to {shorten(expected, 80)} so it is easy to find", level="warning"))
    return warnings


def _https_only(data: _Records) -> list[Problem]:
    """Web addresses use https:// (readers' browsers warn on or block plain http://, and the pages
    it serves can be changed on the way). Links inside Markdown fields are checked by the field
    itself (macros/data/markdown.py), with the same words."""
    problems: list[Problem] = []
    for model, record, loc in data.records:
        for name, info in model.model_fields.items():
            value = record.get(name)
            if not isinstance(value, str) or data.loaded.is_broken(loc + (name,)):
                continue
            if HttpUrl in (info.annotation, *get_args(info.annotation)) and value.strip().lower().startswith("http://"):
                problems.append(data.problem(loc + (name,), f"'{name}' starts with http://, which is not a secure address",
                                             "write the address with https:// instead (open it in a browser to check it works)"))
    return problems


def _course_order(data: _Records) -> list[Problem]:
    """The recommended order (`courses:` in data/credential.yaml) names every course file once,
    and only those: a course left out, an id with no file, a repeat, each at its line."""
    loaded = data.loaded
    credential = loaded.raw.get("credential")
    order = credential.get("courses") if isinstance(credential, dict) else None
    if "credential" in loaded.unreadable or not isinstance(order, list):
        return []  # unreadable, or missing or not a list: already reported
    ids = [c.get("id") if isinstance(c, dict) else None for c in loaded.raw.get("courses") or []]
    where = {course_id: i for i, course_id in enumerate(ids) if isinstance(course_id, str)}
    problems, first = [], {}
    for j, course_id in enumerate(order):
        loc = ("credential", "courses", j)
        if not isinstance(course_id, str) or loaded.is_broken(loc):
            continue
        if course_id in first:
            problems.append(data.problem(loc, f"the course '{shorten(course_id, 40)}' is listed twice in the recommended order "
                                         f"(first on line {loaded.locate(('credential', 'courses', first[course_id]))[1]})",
                                         "delete the line where it does not belong: each course has one place in the order"))
            continue
        first[course_id] = j
        if course_id in where or "courses" in loaded.unreadable or len(where) < len(ids):
            continue  # a course file that cannot be read, or two files with one id, may be the one meant: said already
        problems.append(data.problem(loc, f"no course has the id '{shorten(course_id, 40)}' (no file data/courses/{shorten(course_id, 40)}.yaml)",
                                     _missing_course_fix(course_id, where, len(problems))))
    if any(loaded.is_broken(("credential", "courses", j)) for j in range(len(order))):
        return problems  # a line of the order that cannot be read may name the courses it seems to leave out: said already
    for i, course_id in enumerate(ids):
        if isinstance(course_id, str) and course_id not in first and not loaded.is_broken(("courses", i, "id")):
            problems.append(data.problem(("courses", i, "id"), f"the course '{shorten(course_id, 40)}' is not in the recommended order",
                                         f"add a line '  - {shorten(course_id, 40)}' under 'courses:' in data/credential.yaml, "
                                         "where it comes in the order"))
    return problems


def _missing_course_fix(course_id: str, where: dict[str, int], reported: int) -> str:
    close = difflib.get_close_matches(course_id, list(where), n=1, cutoff=0.6) if reported < 20 and len(course_id) <= 60 else []
    return (f"did you mean '{close[0]}'?" if close else
            f"add the course's file data/courses/{shorten(course_id, 40)}.yaml with 'id: {shorten(course_id, 40)}', or delete this line")


def _evidence_names(data: _Records) -> list[Problem]:
    """Each entry of a record's `evidence` is named after a field of that record that states a fact."""
    problems = []
    for model, record, loc in data.records:
        evidence = record.get("evidence") if "evidence" in model.model_fields else None
        if not isinstance(evidence, dict):
            continue
        facts = fact_fields(model)
        for name in evidence:
            if not isinstance(name, str) or name in facts or data.loaded.is_broken(loc + ("evidence", name)):
                continue
            what = kind_of(model)
            if name in model.model_fields:
                message = f"'{shorten(name, 40)}' holds no fact of its own, so it takes no evidence"
                fix = f"delete this entry: evidence is for the fields of this {what} that state facts ({', '.join(facts)})"
            else:
                message = f"the evidence names '{shorten(name, 40)}', which is not a field of this {what}"
                close = difflib.get_close_matches(name, facts, n=1, cutoff=0.6)
                fix = (f"did you mean '{close[0]}'?" if close else
                       f"name the entry after the field it backs: one of {', '.join(facts)}")
            problems.append(data.problem(loc + ("evidence", name), message, fix, prefer_key=True))
    return problems


CROSS_RULES: list[Callable[[_Records], list[Problem]]] = [
    _unique_ids, _references, _course_order, _https_only, _topic_months, _folded_lists, _evidence_names,
]


def _cross_checks(loaded: Loaded, earlier: list[Problem]) -> list[Problem]:
    """Rules no single record can check; then file names, for files with no error so far."""
    data = _Records(loaded, list(_records(Site, loaded.raw, ())))
    problems = [problem for rule in CROSS_RULES for problem in rule(data)]
    return problems + _file_names(data, earlier + problems)


def _record_checks(site: Site, loaded: Loaded) -> list[Problem]:
    """Rules on a valid site that the generic rules above do not cover."""
    return (_endorsement_checks(site, loaded) + _association_checks(site, loaded) + _site_links(site, loaded)
            + _start_checks(site, loaded) + _short_form_warnings(site, loaded))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _short_form_warnings(site: Site, loaded: Loaded) -> list[Problem]:
    """A glossary term that is an organization's or an Endorsement category's short form spells out
    its name (a warning: renamed in one file, the other still says the old name)."""
    named = [(o.abbreviation, o.name, "data/organizations.yaml") for o in site.organizations if o.abbreviation]
    named += [(c.abbreviation, c.name, "data/endorsement.yaml") for c in site.endorsement.categories]
    problems = []
    for i, term in enumerate(site.glossary):
        for short, name, where in named:
            words, full = _words(term.expansion or ""), _words(name)
            if term.term == short and words and not any(full[k:k + len(words)] == words for k in range(len(full))):
                problems.append(Problem(*loaded.locate(("glossary", i, "expansion")),
                                        f"'{shorten(short, 40)}' is spelled out as '{shorten(term.expansion, 80)}', but {where} "
                                        f"names it '{shorten(name, 80)}'",
                                        "make the two agree: change this expansion, or the name there", level="warning"))
    return problems


def _start_checks(site: Site, loaded: Loaded) -> list[Problem]:
    """data/start.yaml: each situation names Endorsement categories that exist, each once."""
    problems: list[Problem] = []
    known = [category.id for category in site.endorsement.categories]
    for group in ("by_stage", "by_job"):
        for i, route in enumerate(getattr(site.start, group)):
            for j, category in enumerate(route.categories):
                if category not in known:
                    problems.append(Problem(*loaded.locate(("start", group, i, "categories", j)),
                                            f"there is no Endorsement category '{category}'",
                                            f"use the id of a category in data/endorsement.yaml ({', '.join(known)})"))
                elif route.categories.index(category) != j:
                    problems.append(Problem(*loaded.locate(("start", group, i, "categories", j)),
                                            f"category '{category}' is listed twice", "keep one of the two"))
    return problems


def _markdown_values(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, MarkdownText]]:
    """Every Markdown field's value in the validated site, with its location."""
    if isinstance(value, MarkdownText):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _markdown_values(getattr(value, name), loc + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _markdown_values(item, loc + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _markdown_values(item, loc + (key,))


def _site_links(site: Site, loaded: Loaded) -> list[Problem]:
    """Links from Markdown fields to this site's pages name a page that exists: a Markdown file of
    docs/, or the page of a course or a monthly topic (courses/<id>.md, topics/<id>.md)."""
    docs = loaded.root / "docs" if loaded.root is not None else None
    if docs is None or not docs.is_dir():
        return []  # data checked on its own (a copy of data/ alone): there are no pages to check against
    generated = {f"courses/{c.id}.md" for c in site.courses} | {f"topics/{t.id}.md" for t in site.topics}
    problems = []
    for loc, value in _markdown_values(site):
        for page in value.pages:
            path = page.partition("#")[0]
            if path in generated or ((docs / path).is_file() and not (docs / path).is_symlink()):
                continue
            problems.append(Problem(*loaded.locate(loc), f"the link to '{shorten(page, 60)}' in '{loc[-1]}' names no page of the site",
                                    "write the page's file as it is named under docs/ (e.g. faq.md or credential/index.md), "
                                    "or courses/<id>.md or topics/<id>.md for a course or a monthly topic"))
    return problems


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


def _association_checks(site: Site, loaded: Loaded) -> list[Problem]:
    """data/associations.yaml: each association's name and website given once (here, or by the
    organization it names); evidence for what lists it (`alliance`), its name, its Endorsement and
    its fees; every page its evidence names among its `sources` (readers see those); dated fees."""
    problems: list[Problem] = []

    def at(loc: tuple, message: str, fix: str) -> None:
        problems.append(Problem(*loaded.locate(("associations", "associations") + loc, prefer_key=True), message, fix))

    def needs(record, loc: tuple, field: str, why: str) -> None:
        if field not in record.evidence:
            at(loc + (field,), f"'{field}' of the association '{site.associations.associations[loc[0]].id}' has no evidence",
               f"add under its 'evidence:' an entry '{field}:' with source, locator and checked ({why})")

    for i, a in enumerate(site.associations.associations):
        if a.organization is not None:
            for name in ("name", "short_name", "website"):
                if getattr(a, name) is not None:
                    at((i, name), f"the association '{a.id}' names the organization '{a.organization}' and also has its own '{name}'",
                       f"delete the line '{name}: …': the name and website come from data/organizations.yaml, so they are typed once")
        else:
            for name in ("name", "website"):
                if getattr(a, name) is None:
                    at((i, "id"), f"the association '{a.id}' has no '{name}'",
                       f"add a line '{name}: …', or 'organization: …' with the id of its record in data/organizations.yaml")
            if a.name is not None:
                needs(a, (i,), "name", "the page that gives its name")
        needs(a, (i,), "alliance", "the page that shows it belongs to the Alliance: an association no page confirms is not listed")
        if a.offers_endorsement:
            needs(a, (i,), "offers_endorsement", "the page that says it offers the Endorsement")
        if a.applying is not None and a.applying.fees:
            if a.applying.fees_date is None:
                at((i, "applying", "fees"), f"the fees of '{a.id}' do not say when the page states them",
                   "add a line 'fees_date: …' under 'applying:' with the date the page gives, or 'the page gives no date'")
            needs(a.applying, (i, "applying"), "fees", "the page that lists the fees")
        listed = set(a.sources)
        for loc, entry in _evidence_entries(a, (i,)):
            if entry.source not in listed:
                at(loc + ("source",), f"the evidence names the source '{entry.source}', which is not in the sources of '{a.id}'",
                   f"add '{entry.source}' to the association's 'sources:' list, so readers see the page too")
    return problems


def _evidence_entries(record, loc: tuple):
    """(location, entry) of every evidence entry in a record and the records it holds."""
    for field, entry in getattr(record, "evidence", {}).items():
        yield loc + ("evidence", field), entry
    for name in type(record).model_fields:
        value = getattr(record, name)
        items = value if isinstance(value, list) else [value]
        for j, item in enumerate(items):
            if isinstance(item, BaseModel) and hasattr(item, "evidence"):
                yield from _evidence_entries(item, loc + ((name, j) if isinstance(value, list) else (name,)))


# --- review dates -----------------------------------------------------------------------


def review_warnings(site: Site, loaded: Loaded, today: dt.date | None = None) -> list[Problem]:
    """Pages whose requirements are overdue for a check (a warning, not an error)."""
    today = today or dt.date.today()
    items = [(("credential", "review", "reviewed"), site.credential.review, site.credential.name),
             (("leadership", "review", "reviewed"), site.leadership.review, site.leadership.name)]
    items += [(("courses", i, "review", "reviewed"), c.review, c.title) for i, c in enumerate(site.courses)]
    items.append((("endorsement", "review", "reviewed"), site.endorsement.review, site.endorsement.short_name))
    items.append((("associations", "review", "reviewed"), site.associations.review, "Find your association"))
    items.append((("start", "review", "reviewed"), site.start.review, "Where do I start?"))
    warnings = []
    for loc, review, name in items:
        due = next_review(review)
        if due < today:
            warnings.append(Problem(*loaded.locate(loc), f"the review of '{name}' was due on {due.isoformat()}",
                                    "check the facts against the source, then set 'reviewed' to today's date",
                                    level="warning"))
    return warnings


def next_review(review) -> dt.date:
    """`reviewed` plus `every_months`, clamped to the end of a shorter month (and to the last day there is)."""
    month0 = review.reviewed.month - 1 + review.every_months
    year, month = review.reviewed.year + month0 // 12, month0 % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, min(review.reviewed.day, calendar.monthrange(year, month)[1]))


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
    return (None if errors else site), _at_most_per_file(sorted(set(problems)))


MAX_PER_FILE = 50  # more than this in one file is one mistake repeated: the rest is summed up in one line


def _at_most_per_file(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PER_FILE problems of each file, then one line saying how many more there are."""
    shown: dict[str, int] = {}
    kept, more = [], {}
    for problem in problems:
        shown[problem.file] = shown.get(problem.file, 0) + 1
        if shown[problem.file] <= MAX_PER_FILE:
            kept.append(problem)
        else:
            more.setdefault(problem.file, problem)
    for file, first in more.items():
        hidden = shown[file] - MAX_PER_FILE
        kept.append(Problem(file, first.line, first.column, f"{hidden} more problem{'s' if hidden != 1 else ''} in this file, "
                            f"from this line on", "fix the ones above first (they are often one mistake repeated), then run the check again",
                            level=first.level))
    return sorted(kept)
