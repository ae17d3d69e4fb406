"""MkDocs hook: once the site is built, index its pages for the site's search.

Listed under `hooks:` in mkdocs.yml. `on_post_build` runs after every page is written to
the build's folder (under `make build`, the scratch folder swapped in only when the whole
build succeeds), so the index always matches the pages beside it. The work is in
macros/search_index.py.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros.search_index import SearchIndexError, build_index  # noqa: E402

log = logging.getLogger("mkdocs.hooks.search")


def on_post_build(config) -> None:
    try:
        report = build_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise Abort(f"Search index: {error}") from None
    log.info(f"Search index: {report.pages} pages, {report.files} files, "
             f"{report.bytes / 1024:.0f} KiB in {report.seconds:.2f} s")
