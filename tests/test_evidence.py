"""Evidence beside every fact (`evidence:` in data/): it is for staff, so it never reaches readers
or machines, and a fact changed together with its evidence passes every check.

Everything compared here is read from data/ (through the model), so a correct edit there never
fails these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from pydantic import BaseModel

from conftest import build_site
from project import ROOT, check_in_process, copy_project

from macros.data.load import get_site
from macros.data.model import Evidence

STAFF_ONLY_KEYS = {"evidence", "locator", "key_words"}
MARKER = "Zqxevidencemarker"  # a word no page would hold
PUBLISHED = (".html", ".json", ".txt", ".xml")
STAFF_PAGES = {"admin", "editing", "editing-online"}


def evidence_in(value, path: tuple = ()) -> Iterator[tuple[tuple, Evidence]]:
    """Every evidence entry in the validated data, with the path of the field it backs."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name == "evidence":
                yield from ((path + (field,), entry) for field, entry in item.items())
            else:
                yield from evidence_in(item, path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from evidence_in(item, path + (i,))


def published_files(site_path: Path) -> list[Path]:
    """What readers and machines get: pages, api/, llms.txt, the sitemap, the titles file. The web
    editor (admin/) and the editing guides are for staff: they explain the field with examples."""
    return [p for p in site_path.rglob("*") if p.is_file() and p.suffix in PUBLISHED
            and p.relative_to(site_path).parts[0] not in STAFF_PAGES]


def marked(value):
    """The same data with the marker at the start of every evidence locator."""
    if isinstance(value, dict):
        out = {k: marked(v) for k, v in value.items()}
        for entry in (out.get("evidence") or {}).values() if isinstance(out.get("evidence"), dict) else ():
            if isinstance(entry, dict) and "locator" in entry:
                entry["locator"] = f"{MARKER} {entry['locator']}"
        return out
    if isinstance(value, list):
        return [marked(v) for v in value]
    return value


def json_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in json_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in json_keys(v)}
    return set()


def test_machine_data_carries_no_evidence(site):
    """api/*.json and every page's JSON-LD hold no evidence field (the model's staff-only names)."""
    assert list(evidence_in(get_site(ROOT))), "data/ records evidence beside its facts"
    for path in published_files(site.path):
        text = path.read_text(encoding="utf-8", errors="replace")
        documents = [text] if path.suffix == ".json" else re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
        for document in documents:
            try:
                parsed = json.loads(document)
            except json.JSONDecodeError as error:
                raise AssertionError(f"{path.relative_to(site.path)}: not JSON ({error}): {document[:120]!r}") from None
            keys = json_keys(parsed) & STAFF_ONLY_KEYS
            assert not keys, f"{path.relative_to(site.path)}: machine data carries {sorted(keys)}"


def test_a_fact_changed_with_its_evidence_passes_every_check(tmp_path):
    """An editor changes the fee and, beside it, where the source states the new fee, with today's date.
    The check passes, the site shows the new fee, and the evidence (a marked locator and key words)
    appears in nothing readers or machines get."""
    root = copy_project(tmp_path / "project")
    path = root / "data" / "credential.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    new_fee = "$" + str(int(re.sub(r"\D", "", data["fee"]) or 0) + 5)
    data["fee"] = new_fee
    data.setdefault("evidence", {})["fee"] = {
        "source": data["source"], "locator": "Program requirements, item 2",
        "checked": dt.date.today().isoformat(), "key_words": f"{MARKER} cost: {new_fee}",
    }
    path.write_text(yaml.safe_dump(marked(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    for other in (root / "data").rglob("*.yaml"):  # every other evidence entry is marked too
        if other != path:
            other.write_text(yaml.safe_dump(marked(yaml.safe_load(other.read_text(encoding="utf-8"))),
                                            allow_unicode=True, sort_keys=False), encoding="utf-8")
    planted = sum((p.read_text(encoding="utf-8").count(MARKER)) for p in (root / "data").rglob("*.yaml"))
    assert planted >= len(list(evidence_in(get_site(ROOT)))), "every evidence entry carries the marker"
    result = check_in_process(root)
    assert result.returncode == 0, result.stdout + result.stderr

    dest = tmp_path / "site"
    built = build_site(dest, root)
    assert built.returncode == 0, built.stdout + built.stderr
    catalog = json.loads((dest / "api" / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["credential"]["fee"] == new_fee
    leaked = [p.relative_to(dest).as_posix() for p in published_files(dest)
              if MARKER in p.read_text(encoding="utf-8", errors="replace")]
    assert not leaked, f"evidence meant for staff reached {leaked[:5]}"
