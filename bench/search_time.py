"""How long a phone waits for search results, and what a page costs before anyone searches.

Chromium (Debian's, through Playwright) opens a page with the CPU slowed 4x and a slow 4G
connection, as Lighthouse's mobile profile does (DevTools throttling: 562.5 ms round trip,
1.47 Mbit/s down). Once the page has loaded, the reader taps the search button and types a
query at once, a key every 150 ms. Measured in the page: from the first keystroke to the
first result shown (and from the tap, since loading starts there and the time between tap and
first key is Playwright's, about 0.5 s here), and from the last keystroke to the results for
the whole query. Also the
bytes the page transferred before the search was opened (nothing of the search may be in
them) and the bytes the search fetched (the titles file, Pagefind's code, index chunks and
page fragments), as tests/serve.py sends them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from urllib.parse import unquote, urlsplit

from tests.serve import Server, transfer_size

CHROMIUM = "/usr/bin/chromium"
SEARCH_FILES = ("/pagefind/", "/search/")  # what the search fetches (search.js)
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8,
           "uploadThroughput": 675 * 0.9 * 1024 / 8}
KEY_DELAY_MS = 150

# Records, in page time, the tap on the search button, the first and last keystroke (as the
# browser received them), the first result shown and when the list shows the whole query's results (search.js sets data-query once it has rendered them).
PROBE = """query => {
  const probe = window.__imhProbe = {};
  const list = document.querySelector('.md-search-result__list');
  // A key's time is when the browser received it (event.timeStamp), not when the page got round
  // to it: a page busy at that moment must not shorten the wait it causes.
  document.addEventListener('pointerdown', event => { probe.tap = probe.tap || event.timeStamp; }, true);
  document.addEventListener('keydown', event => {
    if (!probe.firstKey) probe.firstKey = event.timeStamp;
    probe.lastKey = event.timeStamp;
  }, true);
  new MutationObserver(() => {
    const now = performance.now();
    if (!probe.firstResult && list.querySelector('.md-search-result__item')) probe.firstResult = now;
    if (!probe.final && list.dataset.query === query) probe.final = now;
  }).observe(list, {childList: true, subtree: true, attributes: true});
}"""


def first_result(site: Path, page: str = "", query: str = "attachment", timeout_ms: int = 120_000) -> dict:
    """Milliseconds (page time) and bytes for one search on `page` of the built `site`."""
    from playwright.sync_api import sync_playwright

    with Server(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                          is_mobile=True, has_touch=True)
            tab = context.new_page()
            cdp = context.new_cdp_session(tab)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            fetched: dict[str, int] = {}
            urls: dict[str, str] = {}
            cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
            cdp.on("Network.loadingFinished",
                   lambda e: fetched.__setitem__(urls.get(e["requestId"], "?"), int(e["encodedDataLength"])))
            # Every request, the search worker's too (CDP's page session misses those).
            requested: list[str] = []
            context.on("request", lambda r: requested.append(r.url))
            tab.goto(url + page, wait_until="load", timeout=timeout_ms)
            tab.wait_for_load_state("networkidle", timeout=timeout_ms)
            loaded = tab.evaluate("performance.now()")
            page_bytes = sum(fetched.values())
            early = sorted(u for u in urls.values() if any(part in u for part in SEARCH_FILES + ("search_index",)))
            tab.evaluate(PROBE, query)
            tab.locator("label.md-header__button[for='__search']").click()
            box = tab.locator("input.md-search__input")
            box.press_sequentially(query, delay=KEY_DELAY_MS)
            tab.wait_for_function("q => window.__imhProbe.final", arg=query, timeout=timeout_ms, polling=50)
            t = tab.evaluate("window.__imhProbe")
            tab.wait_for_load_state("networkidle", timeout=timeout_ms)
            # What the search fetched, as the server sends it (tests/serve.py: gzip for text).
            search = {urlsplit(u).path for u in requested if any(part in u for part in SEARCH_FILES)}
            search_bytes = sum(transfer_size(site / unquote(p).lstrip("/")) for p in search)
            return {
                "load_ms": loaded, "page_bytes": page_bytes, "search_before_opening": early,
                "first_result_ms": t["firstResult"] - t["firstKey"], "tap_to_result_ms": t["firstResult"] - t["tap"], "final_ms": t["final"] - t["lastKey"],
                "typing_ms": t["lastKey"] - t["firstKey"], "search_bytes": search_bytes,
                "search_requests": len(search),
            }
        finally:
            browser.close()


if __name__ == "__main__":
    print(first_result(Path(sys.argv[1]), *sys.argv[2:4]))
