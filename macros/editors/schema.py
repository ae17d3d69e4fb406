"""JSON Schemas for the data files, generated from the pydantic models, and the editors' field reference.

    python -m macros.editors.schema           check that schemas/*.schema.json are current (exit 1 if not)
    python -m macros.editors.schema --write   write them (`make schemas`)

.vscode/settings.json (`yaml.schemas`, written by macros/editors/cms.py) names each data file's schema,
so an editor such as VS Code (with the YAML extension) completes field names, flags unknown
ones and shows each field's help as you type. The help is the `description` of each field
in `macros/data/model.py`; the "Editing this site" page lists the same help through
`reference()`, so the page, the schemas and the validation never disagree.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from ..data.read import LAYOUT
from ..data.model import Site
from ..data.validate import collections, is_list, kind_of, model_in, reference_target

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(key: str) -> str:
    """'courses' -> 'course' (one file per course), 'sources' -> 'sources' (one file, a list)."""
    pattern = LAYOUT[key]
    if "*" in pattern:
        folder = pattern.split("/")[0]
        return folder[:-1] if folder.endswith("s") else folder
    return pattern.rsplit(".", 1)[0]


def data_files(key: str) -> str:
    """'courses' -> 'data/courses/*.yaml'."""
    return f"data/{LAYOUT[key]}"


def schema_for(key: str) -> dict[str, Any]:
    """The JSON Schema of one data file (or of each file of a folder)."""
    annotation = Site.model_fields[key].annotation
    model = model_in(annotation)
    per_file = "*" in LAYOUT[key]
    if per_file or not is_list(annotation):
        body = model.model_json_schema()
        title = f"{data_files(key)}: one {kind_of(model)}" if per_file else data_files(key)
    else:
        body = TypeAdapter(annotation).json_schema()
        title = f"{data_files(key)}: a list of {kind_of(model)}s"
        body["description"] = f"A list; each item starting with '- ' is one {kind_of(model)}. " + (model.__doc__ or "").strip()
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in body.items() if k != "title"}}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def expected() -> dict[str, str]:
    """File name -> content of every schema the models define."""
    return {f"{schema_name(key)}.schema.json": render(schema_for(key)) for key in LAYOUT}


def stale(folder: Path = SCHEMAS) -> list[str]:
    """Schema files that are missing, out of date, or left over from a removed data file."""
    want = expected()
    found = {p.name for p in folder.glob("*.schema.json")} if folder.is_dir() else set()
    out = [name for name, text in want.items()
           if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
    return sorted(out + sorted(found - set(want)))


def write(folder: Path = SCHEMAS) -> list[str]:
    folder.mkdir(exist_ok=True)
    want = expected()
    changed = stale(folder)
    for name in changed:
        path = folder / name
        if name in want:
            path.write_text(want[name], encoding="utf-8")
        else:
            path.unlink()
    return changed


# --- the field reference on "Editing this site" -----------------------------------------


@dataclass
class FieldHelp:
    name: str
    required: bool
    kind: str  # what to write, in plain words
    help: str  # the model's description (may hold `code` in backticks)
    link: str | None = None  # anchor of the group of fields it holds


@dataclass
class ModelHelp:
    anchor: str
    title: str
    help: str
    fields: list[FieldHelp] = field(default_factory=list)


@dataclass
class FileHelp:
    anchor: str
    files: str  # e.g. data/courses/*.yaml
    schema: str  # e.g. course.schema.json
    shape: str  # "one course per file", "a list of sources"…
    models: list[ModelHelp] = field(default_factory=list)


def _words(prop: dict[str, Any], defs: dict[str, Any]) -> tuple[str, str | None]:
    """What a schema property asks for, in plain words, and the anchor of its group of fields."""
    if "anyOf" in prop:
        options = [p for p in prop["anyOf"] if p.get("type") != "null"]
        return _words(options[0], defs) if options else ("nothing", None)
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"a group of fields ({defs[name].get('title', name)})", _anchor(name)
    kind = prop.get("type")
    if kind == "object" and prop.get("properties"):  # `evidence`: one entry per field it backs
        refs = {p["$ref"].rsplit("/", 1)[-1] for p in prop["properties"].values() if "$ref" in p}
        name = next(iter(refs), None)
        entry = f", each a group of fields ({defs[name].get('title', name)})" if name else ""
        return f"entries named after this record's fields ({', '.join(f'`{n}`' for n in prop['properties'])}){entry}", \
            _anchor(name) if name else None
    if "enum" in prop or "const" in prop:
        values = prop.get("enum", [prop.get("const")])
        return "one of: " + ", ".join(f"`{v}`" for v in values), None
    if kind == "array":
        inner, link = _words(prop.get("items", {}), defs)
        least = f", at least {prop['minItems']}" if prop.get("minItems") else ""
        return f"a list{least}, each item on its own line starting with `- `; each item: {inner}", link
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        if low is not None and high is not None:
            return f"a whole number from {low} to {high}", None
        return ("a whole number" + (f", at least {low}" if low is not None else "")), None
    if kind == "boolean":
        return "`true` or `false`", None
    if kind == "string":
        if prop.get("format") == "date":
            return "a date, written YYYY-MM-DD", None
        if prop.get("format") == "uri":
            return "a web address starting with `https://`", None
        if "pattern" in prop and prop.get("minLength") == 2:
            return "an id: lower-case letters, digits and hyphens", None
        if prop.get("contentMediaType") == "text/markdown":
            return "text; some Markdown allowed (see the help)", None
        if "maxLength" in prop:
            return f"text, at most {prop['maxLength']} characters", None
        if "pattern" in prop:
            return "text in a set form (see the help)", None
        return "text", None
    return "a value", None


def _anchor(name: str) -> str:
    return "fields-" + "".join("-" + c.lower() if c.isupper() else c for c in name).lstrip("-")


def _models(model: type[BaseModel] = Site, found: dict[str, type[BaseModel]] | None = None) -> dict[str, type[BaseModel]]:
    """Every model reachable from `model`, by name (the names the schemas' $defs use)."""
    found = {} if found is None else found
    for info in model.model_fields.values():
        sub = model_in(info.annotation)
        if sub is not None and sub.__name__ not in found:
            found[sub.__name__] = sub
            _models(sub, found)
    return found


def _reference_words(model: type[BaseModel] | None, name: str, prop: dict[str, Any]) -> str | None:
    """'the id of a source in data/sources.yaml' for a field that refers to other records."""
    target = reference_target(model, name) if model is not None else None
    if target is None:
        return None
    what, where = kind_of(collections()[target]), f"`data/{LAYOUT[target]}`"
    if prop.get("type") == "array":
        least = f", at least {prop['minItems']}" if prop.get("minItems") else ""
        return f"a list of ids of {what}s in {where}{least}, each on its own line starting with `- `"
    return f"the id of {'an' if what[0] in 'aeiou' else 'a'} {what} in {where}"


def _model_help(name: str, schema: dict[str, Any], defs: dict[str, Any]) -> ModelHelp:
    required = set(schema.get("required", []))
    model = _models().get(name)
    fields = []
    for prop_name, prop in schema.get("properties", {}).items():
        kind, link = _words(prop, defs)
        kind = _reference_words(model, prop_name, prop.get("anyOf", [prop])[0] if "anyOf" in prop else prop) or kind
        fields.append(FieldHelp(prop_name, prop_name in required, kind, prop.get("description", ""), link))
    return ModelHelp(_anchor(name), schema.get("title", name), schema.get("description", ""), fields)


def reference() -> list[FileHelp]:
    """Every data file, its record and the groups of fields inside it, from the schemas."""
    out = []
    documented: set[str] = set()
    for key in LAYOUT:
        schema = schema_for(key)
        defs = schema.get("$defs", {})
        model = model_in(Site.model_fields[key].annotation)
        per_file = "*" in LAYOUT[key]
        is_list = schema.get("type") == "array"
        root = defs[model.__name__] if is_list else schema
        shape = (f"One {kind_of(model)} per file" if per_file
                 else f"A list of {kind_of(model)}s, each starting with `- `" if is_list else "One group of fields")
        help_file = FileHelp("file-" + schema_name(key), data_files(key), f"{schema_name(key)}.schema.json", shape)
        pending = [(model.__name__, root)]
        while pending:
            name, body = pending.pop(0)
            if name in documented:
                continue
            documented.add(name)
            help_file.models.append(_model_help(name, body, defs))
            for prop in body.get("properties", {}).values():
                for ref in _refs(prop):
                    if ref not in documented:
                        pending.append((ref, defs[ref]))
        out.append(help_file)
    return out


def _refs(prop: Any) -> list[str]:
    if isinstance(prop, dict):
        found = [prop["$ref"].rsplit("/", 1)[-1]] if "$ref" in prop else []
        for value in prop.values():
            found += _refs(value)
        return found
    if isinstance(prop, list):
        return [r for item in prop for r in _refs(item)]
    return []


def main(argv: list[str]) -> int:
    if "--write" in argv:
        changed = write()
        print("schemas/ is current." if not changed else "Wrote " + ", ".join(f"schemas/{n}" for n in changed) + ".")
        return 0
    changed = stale()
    if changed:
        print("Out of date: " + ", ".join(f"schemas/{n}" for n in changed) + " — run `make schemas` and commit the result.",
              file=sys.stderr)
        return 1
    print("schemas/ is current.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
