"""The web editor's configuration (Sveltia CMS at /admin/), generated from the content model.

    python -m macros.editors.cms           check that docs/admin/config.yml is current (exit 1 if not)
    python -m macros.editors.cms --write   write it (`make cms-config`)

Nothing here is written by hand per field: every collection, field, label, help text, required
flag, pattern, choice and reference comes from `macros/data/model.py` through the same JSON Schemas
as `schemas/` (macros/editors/schema.py), so a change to the model changes the form. One collection per
data file or folder; a file holding a bare YAML list is one list field with `root: true`.
The build (macros/editors/admin.py) writes the same configuration for the repository it is built for.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, get_args
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel

from ..data import model as content_model
from ..data.read import LAYOUT
from ..data.model import Site
from .schema import _models, data_files, schema_for, schema_name
from ..data.validate import collections, kind_of, model_in, reference_target

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "docs" / "admin" / "config.yml"
# The repository and address the committed file is written for (mkdocs.yml's defaults);
# a fork's build writes its own (macros/editors/admin.py).
DEFAULT_REPO_URL = "https://github.com/imh-pathways/imh-pathways"
DEFAULT_SITE_URL = "https://imh-pathways.github.io/imh-pathways/"
# The GitHub Actions check every pull request runs (.github/workflows/site.yml): the editor
# shows its state on each change waiting for review.
CHECK_NAME = "Check, build and test"

# How records are listed in the editor: the first of these fields a record has.
# The editor's toolbar buttons for each Markdown feature a field allows.
MARKDOWN_BUTTONS = {"emphasis": ["bold", "italic"], "links": ["link"], "lists": ["bulleted-list", "numbered-list"]}
_SUMMARY_FIELDS = ("title", "place", "name", "term", "question", "role_title")
_ACRONYMS = {"id": "ID", "url": "Web address", "rsc": "RSC", "rios": "RIOS", "imh": "IMH", "us": "U.S."}


def label(name: str) -> str:
    """'short_title' -> 'Short title', 'url' -> 'Web address'."""
    words = [_ACRONYMS.get(w, w) for w in name.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _is_line(model: type[BaseModel] | None, name: str) -> bool:
    """A one-line text field (model.Line) rather than longer plain text (model.Text)."""
    if model is None or name not in model.model_fields:
        return False
    info = model.model_fields[name]
    return any(getattr(m, "func", None) is content_model._plain_line for m in info.metadata) or _has_line(info.annotation)


def _has_line(annotation: Any) -> bool:
    """Whether `Line` is inside a type such as `Line | None`."""
    if any(getattr(m, "func", None) is content_model._plain_line for m in getattr(annotation, "__metadata__", ())):
        return True
    return any(_has_line(arg) for arg in get_args(annotation))


def _summary(model: type[BaseModel]) -> str | None:
    for name in _SUMMARY_FIELDS:
        if name in model.model_fields:
            return "{{fields.%s}}" % name
    return None


def _relation(target: str, multiple: bool) -> dict[str, Any]:
    """A pick-list of the records of `target` (a folder of files, or a file holding a list)."""
    target_model = collections()[target]
    shown = next((f for f in _SUMMARY_FIELDS if f in target_model.model_fields), "id")
    if "*" in LAYOUT[target]:
        out = {"widget": "relation", "collection": target, "value_field": "id",
               "search_fields": sorted({"id", shown}), "display_fields": [shown]}
    else:
        out = {"widget": "relation", "collection": target, "file": target, "value_field": f"{target}.*.id",
               "search_fields": sorted({f"{target}.*.id", f"{target}.*.{shown}"}), "display_fields": [f"{target}.*.{shown}"]}
    if multiple:
        out["multiple"] = True
    return out


def _unwrap(prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A property without its `| None`, and whether it may be left empty."""
    if "anyOf" in prop:
        options = [p for p in prop["anyOf"] if p.get("type") != "null"]
        inner = {**options[0], **{k: v for k, v in prop.items() if k not in ("anyOf", "default")}}
        return inner, len(options) < len(prop["anyOf"])
    return prop, False


def _widget(prop: dict[str, Any], defs: dict[str, Any], owner: type[BaseModel] | None, name: str) -> dict[str, Any]:
    """The widget and its options for one JSON Schema property."""
    target = reference_target(owner, name) if owner is not None else None
    if "$ref" in prop:
        return {"widget": "object", **_fields_of(prop["$ref"].rsplit("/", 1)[-1], defs)}
    if prop.get("type") == "object" and prop.get("properties"):
        # `evidence`: one optional entry per field of the record, each ticked on ("Add …") when given,
        # folded away so the record's own fields come first.
        return {"widget": "object", "collapsed": True, **_fields(prop, defs, owner)}
    if "enum" in prop:
        return {"widget": "select", "options": list(prop["enum"])}
    kind = prop.get("type")
    if kind == "array":
        items = prop.get("items", {})
        least = {"min": prop["minItems"]} if prop.get("minItems") else {}
        if target is not None:
            return {**_relation(target, multiple=True), **least}
        if "enum" in items:
            return {"widget": "select", "options": list(items["enum"]), "multiple": True, **least}
        if "$ref" in items:
            ref = items["$ref"].rsplit("/", 1)[-1]
            sub = _models().get(ref)
            out = {"widget": "list", "label_singular": kind_of(sub).capitalize(), **least, **_fields_of(ref, defs)}
            summary = _summary(sub) if sub is not None else None
            return {**out, "summary": summary} if summary else out
        item = _widget(items, defs, None, "item")
        if item["widget"] == "text" and _is_line(owner, name):
            item["widget"] = "string"  # list[Line]: one line per item
        return {"widget": "list", **least, "field": {"name": "item", "label": label(name), **item}}
    if target is not None:
        return _relation(target, multiple=False)
    if kind == "integer":
        out: dict[str, Any] = {"widget": "number", "value_type": "int"}
        for key in ("minimum", "maximum"):
            if key in prop:
                out[key[:3]] = prop[key]
        return out
    if kind == "boolean":
        return {"widget": "boolean"}
    if prop.get("format") == "date":
        return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    if prop.get("format") == "uri":
        return {"widget": "string", "type": "url",
                "pattern": ["^https?://\\S+$", "Write a web address starting with https://"]}
    if prop.get("contentMediaType") == "text/markdown":
        # The toolbar offers only what the field allows (macros/data/markdown.py); no images or code blocks.
        features = prop.get("markdownFeatures", [])
        buttons = [button for feature, names in MARKDOWN_BUTTONS.items() if feature in features for button in names]
        return {"widget": "markdown", "modes": ["raw", "rich_text"], "buttons": buttons, "editor_components": []}
    out = {"widget": "string" if _is_line(owner, name) or "pattern" in prop else "text"}
    for key in ("minLength", "maxLength"):
        if prop.get(key, 1) > 1:
            out[key.lower()] = prop[key]
    if "pattern" in prop:
        example = "lower-case letters, digits and hyphens, e.g. `rios-1`" if prop.get("minLength") == 2 else f"the form `{prop['pattern']}`"
        out["pattern"] = [prop["pattern"], f"Write {example}"]
    return out


def _field(name: str, prop: dict[str, Any], required: bool, defs: dict[str, Any], owner: type[BaseModel] | None) -> dict[str, Any]:
    inner, nullable = _unwrap(prop)
    help_text = prop.get("description") or inner.get("description")
    if help_text is None and "$ref" in inner:
        help_text = defs[inner["$ref"].rsplit("/", 1)[-1]].get("description")
    out: dict[str, Any] = {"name": name, "label": label(name)}
    out.update(_widget(inner, defs, owner, name))
    if help_text:
        out["hint"] = " ".join(help_text.split())
    if not required or nullable:
        out["required"] = False
    default = prop.get("default")
    if default not in (None, [], {}) and out["widget"] in ("number", "boolean", "string", "text", "select"):
        out["default"] = default
    return out


def _fields_of(ref: str, defs: dict[str, Any]) -> dict[str, Any]:
    return _fields(defs[ref], defs, _models().get(ref))


def _fields(schema: dict[str, Any], defs: dict[str, Any], owner: type[BaseModel] | None) -> dict[str, Any]:
    required = set(schema.get("required", []))
    return {"fields": [_field(name, prop, name in required, defs, owner)
                       for name, prop in schema.get("properties", {}).items()]}


def collection(key: str) -> dict[str, Any]:
    """One collection of the editor: a folder (one entry per file) or one file."""
    schema = schema_for(key)
    defs = schema.get("$defs", {})
    annotation = Site.model_fields[key].annotation
    model = model_in(annotation)
    pattern = LAYOUT[key]
    what = kind_of(model)
    description = " ".join((model.__doc__ or "").split())
    if "*" in pattern:
        folder = data_files(key).rsplit("/", 1)[0]
        out: dict[str, Any] = {
            "name": key, "label": label(key), "label_singular": what.capitalize(), "description": description,
            "folder": folder, "extension": "yaml", "format": "yaml", "identifier_field": "id",
        }
        # New files are named after their id only where the site asks for exactly that.
        if key == "courses":
            out.update(create=True, slug="{{id}}")
        else:
            out.update(create=False, delete=False)
        summary = _summary(model)
        if summary:
            out["summary"] = summary
        sortable = [f for f in ("order", "month", "title") if f in model.model_fields]
        if sortable:
            out["sortable_fields"] = sortable
        return {**out, **_fields(schema, defs, model)}
    file_ = {"name": key, "label": label(key), "file": data_files(key), "format": "yaml"}
    if schema.get("type") == "array":
        item = schema["items"]["$ref"].rsplit("/", 1)[-1]
        root = {"name": key, "label": label(key), "label_singular": what.capitalize(), "widget": "list", "root": True,
                "hint": description, **_fields_of(item, defs)}
        summary = _summary(model)
        if summary:
            root["summary"] = summary
        file_["fields"] = [root]
    else:
        file_.update(_fields(schema, defs, model))
    return {"name": key, "label": label(key), "description": description, "files": [file_]}


def repository(repo_url: str) -> str:
    """'https://github.com/owner/name' -> 'owner/name'."""
    path = urlsplit(repo_url).path.strip("/")
    return re.sub(r"\.git$", "", path)


def config(repo_url: str = DEFAULT_REPO_URL, site_url: str = DEFAULT_SITE_URL) -> dict[str, Any]:
    """The whole configuration for a site published at `site_url` from `repo_url`."""
    return {
        "backend": {
            "name": "github",
            "repo": repository(repo_url),
            "branch": "main",
            # Shown with each change waiting for review: the state of the pull request's checks.
            "preview_context": CHECK_NAME,
            "commit_messages": {
                "create": "Add {{collection}} '{{slug}}' (web editor)",
                "update": "Edit {{collection}} '{{slug}}' (web editor)",
                "delete": "Delete {{collection}} '{{slug}}' (web editor)",
            },
        },
        # Every change is a pull request: the same checks as any other, before it is published.
        "publish_mode": "editorial_workflow",
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": "docs/assets/images",
        "public_folder": "/assets/images",
        # Files come out as the reformatted data/ files are written, so a one-field change is one line.
        "output": {"omit_empty_optional_fields": True, "yaml": {"indent_size": 2, "indent_sequences": True, "quote": "none"}},
        "collections": [collection(key) for key in LAYOUT],
    }


HEADER = ("# The web editor's configuration (Sveltia CMS at /admin/), generated from macros/data/model.py\n"
          "# by macros/editors/cms.py: do not edit by hand; run `make cms-config` after changing the model.\n")


def render(value: dict[str, Any] | None = None) -> str:
    return HEADER + yaml.safe_dump(value or config(), sort_keys=False, allow_unicode=True, width=10_000)


# --- the schema hint for text editors ---------------------------------------------------
# The web editor drops YAML comments, so data files no longer name their schema in a first-line
# comment: VS Code's YAML extension (and editors that read the same setting) learns it here.
VSCODE = ROOT / ".vscode" / "settings.json"


def vscode_settings() -> str:
    schemas = {f"./schemas/{schema_name(key)}.schema.json": data_files(key) for key in LAYOUT}
    return json.dumps({"yaml.schemas": schemas}, indent=2) + "\n"


def generated() -> dict[Path, str]:
    """Every file this module writes, and what it should hold."""
    return {CONFIG: render(), VSCODE: vscode_settings()}


def stale() -> list[str]:
    return [str(path.relative_to(ROOT)) for path, text in generated().items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text]


def main(argv: list[str]) -> int:
    changed = stale()
    if "--write" in argv:
        for path, text in generated().items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print("Wrote " + ", ".join(changed) + "." if changed else "The web editor's configuration is current.")
        return 0
    if changed:
        print("Out of date: " + ", ".join(changed) + " — run `make cms-config` and commit the result.", file=sys.stderr)
        return 1
    print("The web editor's configuration is current.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
