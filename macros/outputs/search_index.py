"""Site search: Pagefind's index of the built pages, written into the site after MkDocs builds it.

Pagefind (the `pagefind` and `pagefind_bin` packages from PyPI, pinned; no download at build
time) reads every built page and writes `pagefind/` into the site: a small entry file, the
search code, and the index split into chunks and one fragment per page, which a browser
fetches only when a reader searches (overrides/assets/javascripts/search.js and its modules in search/).

What is indexed, and how it ranks:
- only each page's article (not the header, navigation, table of contents or footer), so
  the navigation's list of every course does not make every page match every course;
- not the components that repeat the catalogue (`data-search-exclude`) nor the planning tools
  (`.imh-tool`), see macros/pages/blocks.py, so each course and module is found on its own page;
- headings rank above running text (Pagefind's weights by heading level) and each heading
  with an id becomes a section of its page's result; theme tags are page metadata
  (`data-pagefind-meta="tags"` in overrides/partials/tags.html) weighted in search/results.js.
The output is the same, byte for byte, for the same built pages (tests/test_reproducible.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

OUTPUT = "pagefind"
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = [
    # What the theme's search never saw either (macros/pages/blocks.py places these after it ran):
    "[data-search-exclude]",   # listings that repeat the catalogue (sequence, cards, theme lists)
    ".imh-tool",               # the planning tools (course checklist, hours tracker, calendar)
    ".headerlink",             # the "¶" after each heading
    ".md-content__button",     # the edit button
    ".md-source-file",         # page dates
]
# Pagefind's ready-made interfaces, which the site does not use: it keeps the theme's own.
UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
          "wasm.unknown.pagefind"]  # every page is indexed as English (force_language)
TIMEOUT = 300  # seconds: the whole site takes about one


class SearchIndexError(RuntimeError):
    """The index could not be written; the message says why and what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int       # pages in the index
    files: int       # files written under pagefind/
    bytes: int       # their total size on disk
    seconds: float   # time taken to index and write


def build_index(site_dir: Path) -> IndexReport:
    """Index every page of the built site in `site_dir` into `site_dir/pagefind/`."""
    site_dir = Path(site_dir).resolve()
    output = site_dir / OUTPUT
    started = time.perf_counter()
    shutil.rmtree(output, ignore_errors=True)
    _run_pagefind(site_dir, output)
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    files = [p for p in output.rglob("*") if p.is_file()]
    pages = len(list((output / "fragment").glob("*.pf_fragment")))  # one fragment per indexed page
    if pages == 0:
        raise SearchIndexError(f"Pagefind indexed no page in {site_dir}: no page has an <article "
                               f'class="md-content__inner"> ({ROOT_SELECTOR!r} in macros/outputs/search_index.py)')
    return IndexReport(pages=pages, files=len(files), bytes=sum(p.stat().st_size for p in files),
                       seconds=time.perf_counter() - started)


def _run_pagefind(site_dir: Path, output: Path) -> None:
    """Pagefind's command, which exits only once every file is written (its service mode, stopped
    as soon as it answers, left files empty now and then). It runs in an empty folder with no
    PAGEFIND_ variables, so no pagefind.yml or environment of the repository changes what it does."""
    arguments = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
                 "--root-selector", ROOT_SELECTOR, "--force-language", "en",
                 "--glob", "**/index.html", "--silent"]  # pages only (folder/index.html): not 404.html
    for selector in EXCLUDE_SELECTORS:
        arguments += ["--exclude-selectors", selector]
    env = {key: value for key, value in os.environ.items() if not key.upper().startswith("PAGEFIND")}
    with tempfile.TemporaryDirectory(prefix="imh-pagefind-") as empty:
        try:
            result = subprocess.run(arguments, cwd=empty, env=env, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SearchIndexError(f"Pagefind did not finish indexing {site_dir} in {TIMEOUT} s") from None
    if result.returncode != 0:
        missing = "No module named pagefind" in result.stderr or "binary" in result.stderr.lower()
        hint = ("run `make setup`, which installs the pinned pagefind[bin] from requirements.lock" if missing
                else "its message is above")
        raise SearchIndexError(f"Pagefind could not index the site ({result.stderr.strip()[-500:]}): {hint}")
