"""How long a phone waits for the first search result, on a built site.

Chromium (Debian's, through Playwright) opens the home page with the CPU slowed 4x and a slow
4G connection, as Lighthouse's mobile profile does (DevTools throttling: 562.5 ms round trip,
1.47 Mbit/s down), opens the search as soon as the page has loaded and types a query key by key.
Material's search worker downloads the whole index when the page opens and indexes it before it
answers, so the time to the first result grows with the index.
"""

from __future__ import annotations

import sys
from pathlib import Path

from serve import Server

CHROMIUM = "/usr/bin/chromium"
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8,
           "uploadThroughput": 675 * 0.9 * 1024 / 8}


def first_result(site: Path, query: str = "attachment", timeout_ms: int = 120_000) -> dict:
    """Milliseconds from navigation start to: load, search opened, search ready (index fetched and
    indexed), query typed, first result shown; and the bytes the search fetched (transferred)."""
    from playwright.sync_api import sync_playwright

    with Server(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                          is_mobile=True, has_touch=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            fetched: dict[str, int] = {}
            urls: dict[str, str] = {}
            cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
            cdp.on("Network.loadingFinished",
                   lambda e: fetched.__setitem__(urls.get(e["requestId"], "?"), int(e["encodedDataLength"])))
            page.goto(url, wait_until="load", timeout=timeout_ms)
            loaded = page.evaluate("performance.now()")
            page.locator("label.md-header__button[for='__search']").click()
            page.wait_for_function("() => document.getElementById('__search').checked")
            opened = page.evaluate("performance.now()")
            # The theme says "Initializing search" until its worker has the index built.
            ready = page.wait_for_function(
                "() => { const m = document.querySelector('.md-search-result__meta');"
                "  return m && !/Initializing/i.test(m.textContent) && performance.now(); }",
                timeout=timeout_ms, polling=50).json_value()
            page.locator("input.md-search__input").press_sequentially(query, delay=80)
            typed = page.evaluate("performance.now()")
            page.wait_for_selector(".md-search-result__list > .md-search-result__item", timeout=timeout_ms)
            shown = page.evaluate("performance.now()")
            search_bytes = sum(n for u, n in fetched.items() if "search" in u)
            return {"load_ms": loaded, "opened_ms": opened, "ready_ms": ready, "typed_ms": typed,
                    "first_result_ms": shown, "search_bytes": search_bytes}
        finally:
            browser.close()


if __name__ == "__main__":
    print(first_result(Path(sys.argv[1]), *(sys.argv[2:3] or [])))
