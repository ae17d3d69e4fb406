"""`make bench`, search: a search on a simulated phone at each catalogue size.

Called by bench/run.py once every size is built; the figures go to bench/results.json and the
report's search section (bench/report.md.j2, targets in bench/report.py). The index's own size
per catalogue size comes from run.py's site facts.
"""

from __future__ import annotations

import os

from bench import search_time


def _topic_page(site) -> str:
    """The first monthly topic page: the same page, of the same size, at every catalogue size."""
    first = sorted(p.parent.name for p in (site / "topics").glob("*/index.html"))[0]
    return f"topics/{first}/"


def search_measurements(sizes, runs: int = 3) -> dict:
    """First keystroke → first result at each size, `runs` times (the row's figures are the median
    run's, by first result), with the load average when it was measured."""
    rows = []
    for s in sizes:
        page = _topic_page(s.project / "site")
        row = {"factor": s.factor, "page": page, "load": " ".join(f"{x:.1f}" for x in os.getloadavg())}
        try:
            timed = sorted((search_time.first_result(s.project / "site", page) for _ in range(max(runs, 1))),
                           key=lambda t: t["first_result_ms"])
            row["time"] = timed[len(timed) // 2]
            row["first_result_runs"] = [t["first_result_ms"] for t in timed]
        except Exception as error:  # noqa: BLE001 (a browser problem must not lose the build figures)
            row["error"] = str(error).splitlines()[0][:80]
        rows.append(row)
    return {"key_delay_ms": search_time.KEY_DELAY_MS, "rows": rows}
