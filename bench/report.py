"""bench/RESULTS.md from the measurements (bench/results.json) and the template bench/report.md.j2.

Python only derives figures from the measured ones (medians, per-course costs, targets met);
every sentence of the report lives in the template, so the analysis can change without
re-measuring: `python -m bench.run --report-only bench/results.json`.
"""

from __future__ import annotations

import copy
import statistics
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

BENCH = Path(__file__).resolve().parent
KIB, MIB = 1024, 1024 * 1024
WEIGHT_KINDS = ["HTML", "CSS", "JS", "fonts", "images", "search index", "other"]
# Handlers that belong to a named column of the data-layer table; the rest are "other".
NAMED = ("imh ", "macros ", "material/search ", "data ", "markdown to HTML", "page templates")
SEARCH_TARGET_MS = {1: 1000, 100: 1500}  # issue 16: first keystroke → first result
SEARCH_FLAT = 0.05  # a page transfers the same bytes at x100 as at x1, within 5 %


def kib(n: float) -> str:
    return f"{n / KIB:.1f} KiB"


def size(n: float) -> str:
    return f"{n / MIB:.2f} MiB" if n >= MIB else kib(n)


def _builds(sizes: list[dict]) -> dict:
    """Medians per size, and the cost of each added course between neighbouring sizes."""
    for s in sizes:
        s["median"], s["median_cpu"] = statistics.median(s["wall_s"]), statistics.median(s["cpu_s"])
    slopes = [{"a": a, "b": b,
               "wall": (b["median"] - a["median"]) / (b["courses"] - a["courses"]),
               "cpu": (b["median_cpu"] - a["median_cpu"]) / (b["courses"] - a["courses"]),
               # each size's least disturbed run: other work on a shared machine only ever adds time
               "least": (min(b["cpu_s"]) - min(a["cpu_s"])) / (b["courses"] - a["courses"])}
              for a, b in zip(sizes, sizes[1:])]
    derived = {"slopes": slopes, "big": next((s for s in sizes if s["factor"] == 100), None)}
    if len(slopes) >= 2:
        a, b = sizes[-3], sizes[-2]
        spread = max(max(x["cpu_s"]) - min(x["cpu_s"]) for x in (a, b))
        derived["spread_ms"] = spread / (b["courses"] - a["courses"]) * 500  # ± half the spread, in ms
    for s in sizes:
        chunks, fragments = s["facts"]["chunks"], s["facts"]["fragments"]
        s["chunk_median"] = statistics.median(chunks) if chunks else 0
        s["fragment_median"] = statistics.median(fragments) if fragments else 0
    return derived


def _data_layer(rows: list[dict]) -> dict:
    """The in-process split of each build into the table's columns."""
    for row in rows:
        events = row["events"]

        def part(*prefixes: str, events: dict = events) -> float:
            return sum(v for k, v in events.items() if k.startswith(prefixes))

        others = {k: v for k, v in events.items() if not k.startswith(NAMED)}
        row.update(hooks=part("imh "), macros=part("macros "), search=part("material/search "),
                   markdown=events.get("markdown to HTML", 0.0), templates=events.get("page templates", 0.0),
                   other=sum(others.values()), top_others=sorted(others.items(), key=lambda kv: -kv[1])[:4])
        row["layer"] = row["hooks"] + row["macros"]
        row["rest"] = (row["build_cpu_s"] - row["layer"] - row["markdown"] - row["templates"] - row["search"]
                       - row["other"])
    derived = {}
    if len(rows) >= 3:
        a, b, c = rows[-3:]
        derived["per_course"] = {"a": a, "b": b, "c": c,
                                 "low": (b["build_cpu_s"] - a["build_cpu_s"]) / (b["courses"] - a["courses"]),
                                 "high": (c["build_cpu_s"] - b["build_cpu_s"]) / (c["courses"] - b["courses"])}
    return derived


def _search(rows: list[dict]) -> dict:
    timed = {r["factor"]: r["time"] for r in rows if r.get("time")}
    targets = [{"factor": f, "ms": timed[f]["first_result_ms"], "limit": limit}
               for f, limit in SEARCH_TARGET_MS.items() if f in timed]
    flat = None
    if 1 in timed and 100 in timed:
        small, big = timed[1]["page_bytes"], timed[100]["page_bytes"]
        flat = {"small": small, "big": big, "change": (big - small) / small, "limit": SEARCH_FLAT}
    return {"targets": targets, "flat": flat}


def context(results: dict) -> dict:
    """The template's variables: the measurements as saved, plus what is derived from them."""
    results = copy.deepcopy(results)  # rendering twice from one dict gives the same report
    readers = results.get("readers")
    if readers:
        for page in readers["pages"]:
            page["total_bytes"] = sum(page["weights_bytes"].values())
        readers["missed"] = [(page["label"], category, value) for page in readers["pages"]
                             for category, value in page["scores"].items()
                             if value < (98 if category == "performance" else 100)]
        readers["blocking_foreign"] = [u for u in readers["blocking"] if not u.startswith(readers["origin"])]
        readers["blocking_paths"] = [urlsplit(u).path for u in readers["blocking"]]
    builds = results.get("builds")
    if builds:
        builds.update(_builds(builds["sizes"]))
        builds["search"].update(_search(builds["search"]["rows"]))
        builds["data_layer_derived"] = _data_layer(builds["data_layer"])
    return {**results, "weight_kinds": WEIGHT_KINDS}


def render(results: dict, notes: str | None = None, template: Path = BENCH / "report.md.j2") -> str:
    """The Markdown report; `notes` (bench/NOTES.md) is appended as written by hand."""
    # Markdown, not HTML (nothing here reaches a browser as is); an unknown figure fails loudly.
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(template.parent), autoescape=False,
                                     trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                                     extensions=["jinja2.ext.do"], undefined=jinja2.StrictUndefined)
    environment.filters.update(kib=kib, size=size, f1=lambda x: f"{x:.1f}", f2=lambda x: f"{x:.2f}",
                               ms_s=lambda ms: f"{ms / 1000:.2f}",
                               ms=lambda seconds: f"{seconds * 1000:.1f} ms",
                               verdict=lambda ok: "met" if ok else "MISSED",
                               median=statistics.median)
    text = environment.get_template(template.name).render(**context(results), notes=(notes or "").rstrip())
    return text.rstrip() + "\n"
