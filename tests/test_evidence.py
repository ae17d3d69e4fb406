"""Evidence beside every fact (`evidence:` in data/): it is for staff, so it never reaches readers
or machines, and a fact changed together with its evidence passes every check.

Everything compared here is read from data/ (through the model), so a correct edit there never
fails these tests.
"""

from __future__ import annotations

import datetime as dt
import html
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


def json_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in json_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in json_keys(v)}
    return set()


def test_evidence_never_reaches_readers_or_machines(site):
    entries = list(evidence_in(get_site(ROOT)))
    # Locators name places on source pages ("Coursework, first paragraph"): long enough to be
    # unlikely in the site's own text.
    locators = {entry.locator for _, entry in entries if len(entry.locator) >= 20}
    for path in published_files(site.path):
        text = html.unescape(path.read_text(encoding="utf-8", errors="replace"))
        leaked = sorted(locator for locator in locators if locator in text)
        assert not leaked, f"{path.relative_to(site.path)} shows evidence meant for staff: {leaked[:3]}"
        documents = [text] if path.suffix == ".json" else re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
        for document in documents:
            keys = json_keys(json.loads(document)) & STAFF_ONLY_KEYS
            assert not keys, f"{path.relative_to(site.path)}: machine data carries {sorted(keys)}"


def test_a_fact_changed_with_its_evidence_passes_every_check(tmp_path):
    """An editor changes the fee and, beside it, where the source states the new fee, with today's date."""
    root = copy_project(tmp_path / "project")
    path = root / "data" / "credential.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    new_fee = "$" + str(int(re.sub(r"\D", "", data["fee"]) or 0) + 5)
    data["fee"] = new_fee
    data.setdefault("evidence", {})["fee"] = {
        "source": data["source"], "locator": "Program requirements, item 2 (the form)",
        "checked": dt.date.today().isoformat(), "key_words": f"Application submission cost: {new_fee}",
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = check_in_process(root)
    assert result.returncode == 0, result.stdout + result.stderr

    dest = tmp_path / "site"
    built = build_site(dest, root)
    assert built.returncode == 0, built.stdout + built.stderr
    catalog = json.loads((dest / "api" / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["credential"]["fee"] == new_fee
    assert not any("Program requirements, item 2 (the form)" in p.read_text(encoding="utf-8", errors="replace")
                   for p in published_files(dest))
