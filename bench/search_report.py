"""`make bench`, search: the Pagefind index at each catalogue size, and a search on a simulated phone.

Called by bench/run.py once every size is built. The targets (issue 16): from the first
keystroke to the first result under 1 s at x1 and under 1.5 s at x100; a page transfers the
same bytes at x100 as at x1 (within 5 %), since nothing of the search loads with it.
"""

from __future__ import annotations

import os
import statistics

import search_time

TARGET_MS = {1: 1000, 100: 1500}
FLAT = 0.05


def _kib(n: float) -> str:
    return f"{n / 1024:.1f} KiB"


def _size(n: float) -> str:
    return f"{n / 1024 / 1024:.2f} MiB" if n >= 1024 * 1024 else _kib(n)


def _topic_page(site) -> str:
    """The first monthly topic page: the same page, of the same size, at every catalogue size."""
    first = sorted(p.parent.name for p in (site / "topics").glob("*/index.html"))[0]
    return f"topics/{first}/"


def search_report(report, sizes) -> None:
    report("### Search (Pagefind)")
    report()
    report("Pagefind indexes each built page's article after the build (macros/search_index.py, from the build's "
           "post-build hook) into `pagefind/`: index chunks by word, one fragment per page, the search code and its "
           "WebAssembly. A browser fetches none of it until the reader opens the search, then only the chunks and "
           "fragments a query needs. Indexing time is a second run over the built site, which writes the same files.")
    report()
    rows = []
    for s in sizes:
        f = s.facts
        chunks, fragments = f["chunks"], f["fragments"]
        rows.append([f"x{s.factor}", f["pages"], _size(f["index_bytes"]), f["index_files"],
                     f"{len(chunks)} (median {_kib(statistics.median(chunks))}, largest {_kib(max(chunks))})",
                     f"{len(fragments)} (median {_kib(statistics.median(fragments))})", f"{f['index_s']:.2f} s"])
    report.table(["Size", "Pages", "pagefind/ on disk", "Files", "Index chunks", "Page fragments", "Indexing time"], rows)

    report("On a simulated phone (Chromium with the CPU slowed 4x and a slow 4G connection, as Lighthouse's mobile "
           "profile; bench/search_time.py): a monthly topic page opens (the same page at every size), then the reader "
           f"taps the search button and types `attachment` at once, a key every {search_time.KEY_DELAY_MS} ms. Times in "
           "page time; bytes as bench/serve.py sends them (gzip for text).")
    report()
    rows = []
    for s in sizes:
        page = _topic_page(s.project / "site")
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        try:
            t = search_time.first_result(s.project / "site", page)
        except Exception as error:  # a browser problem must not lose the build figures
            rows.append([f"x{s.factor}", f"failed: {str(error).splitlines()[0][:80]}", "", "", "", "", load])
            continue
        s.facts["search_time"] = t
        rows.append([f"x{s.factor}", f"/{page}: {_kib(t['page_bytes'])}",
                     ", ".join(t["search_before_opening"]) or "none",
                     f"**{t['first_result_ms'] / 1000:.2f} s**", f"{t['final_ms'] / 1000:.2f} s",
                     f"{_kib(t['search_bytes'])} in {t['search_requests']} files", load])
    report.table(["Size", "Page transferred before searching", "Search files fetched before opening",
                  "First keystroke → first result", "Last keystroke → its results", "Fetched by the search",
                  "Load average (1, 5, 15 min)"], rows)

    timed = {s.factor: s.facts["search_time"] for s in sizes if "search_time" in s.facts}
    for factor, limit in TARGET_MS.items():
        if factor in timed:
            ms = timed[factor]["first_result_ms"]
            report(f"- x{factor}: first result {ms / 1000:.2f} s after the first keystroke (target under "
                   f"{limit / 1000:.1f} s: {'met' if ms < limit else 'MISSED'}).")
    if 1 in timed and 100 in timed:
        small, big = timed[1]["page_bytes"], timed[100]["page_bytes"]
        change = (big - small) / small
        report(f"- The page transfers {_kib(big)} at x100 and {_kib(small)} at x1 ({change:+.1%}; target within "
               f"±{FLAT:.0%}: {'met' if abs(change) <= FLAT else 'MISSED'}).")
    report()
