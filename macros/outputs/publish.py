"""What the plugin publishes besides pages: data for machines, page dates from git, headlines and crumbs.

Plain functions of their inputs; the plugin (macros/plugin.py) keeps what they return for the build.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

from mkdocs.structure.files import Files

from ..data.index import SiteIndex
from .structured import API_DIR, Catalog, Urls, course_json_path, file_json, iso_date

# Besides its own file, what a page is made from: every page shows glossary abbreviations and
# renders through the templates; a prose page may call a macro for any data file.
SHARED_INPUTS = ("data/glossary.yaml", "macros/pages/templates/")
PROSE_INPUTS = ("data/",)


def machine_files(index: SiteIndex, urls: Urls, site_name: str) -> dict[str, str]:
    """`api/catalog.json`, one `api/courses/<id>.json` per course, `api/associations.json` and `robots.txt`, by path."""
    catalog = Catalog(index, urls, site_name)
    files = {f"{API_DIR}/catalog.json": file_json(catalog.catalog())}
    for course in index.courses:
        files[course_json_path(course)] = file_json(catalog.course(course))
    files[f"{API_DIR}/associations.json"] = file_json(catalog.associations())
    files["robots.txt"] = (
        f"# {site_name}: every page may be crawled and indexed.\n"
        "User-agent: *\nDisallow:\n\n"
        f"Sitemap: {urls.file('sitemap.xml')}\n"
    )
    return files

# --- page dates from git -----------------------------------------------------------------


def _history(root: Path) -> tuple[int, dict[str, int]] | None:
    """(HEAD's commit time, {path: time of the last commit that changed it}), or None without git."""
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=%x00%ct", "--name-only", "--no-renames", "HEAD"],
            cwd=root, capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    head, latest, when = None, {}, None
    for line in out.splitlines():
        if line.startswith("\0"):
            when = int(line[1:])
            head = head if head is not None else when
        elif line and when is not None:
            latest[line] = max(latest.get(line, 0), when)
    return (head, latest) if head is not None else None


def page_dates(root: Path, docs_dir: str, files: Files, data_files: dict[str, str]) -> dict[str, str]:
    """src_uri -> YYYY-MM-DD of the last commit that changed what the page is built from,
    so sitemap dates are the same whenever a commit is built (empty without git)."""
    history = _history(root)
    if history is None:
        return {}  # MkDocs' own date (today, or SOURCE_DATE_EPOCH) stays
    head, latest = history

    docs = Path(docs_dir).resolve().relative_to(root).as_posix()
    folders: dict[str, int | None] = {}

    def newest(i: str) -> int | None:
        """Last change to a file, or to anything in a folder (`x/`); each folder is scanned once,
        so the dates cost pages + history, not pages × history, with a long catalogue."""
        if not i.endswith("/"):
            return latest.get(i)
        if i not in folders:
            folders[i] = max((t for path, t in latest.items() if path.startswith(i)), default=None)
        return folders[i]

    dates = {}
    for file in files.documentation_pages():
        src = file.src_uri
        key = src[:-3]
        inputs = SHARED_INPUTS + ((data_files[key],) if key in data_files else (f"{docs}/{src}",) + PROSE_INPUTS)
        times = [t for t in map(newest, inputs) if t is not None]
        # Nothing committed yet (a new page): the commit being built is the best date there is.
        dates[src] = iso_date(max(times) if times else head)
    return dates


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def headline(html: str) -> str | None:
    """A page's h1 as plain text (without its permalink), the title previews and crumbs use."""
    match = _H1.search(html)
    if not match:
        return None
    text = re.sub(r"<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", "", match.group(1), flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\s+", " ", text).strip()


def crumbs(page, nav, urls: Urls, title: str) -> list[tuple[str, str]]:
    """Home, then each section that has a page of its own, then the page."""
    home = nav.homepage.title if nav and nav.homepage and nav.homepage.title else "Home"
    trail = [(home, urls.site_url)]
    if page.is_homepage:
        return trail
    for section in reversed(page.ancestors):
        index = next((c for c in section.children if getattr(c, "is_index", False) and c.is_page), None)
        if index is not None and index is not page:
            trail.append((section.title, urls.page(index.file.src_uri)))
    trail.append((title, urls.page(page.file.src_uri)))
    return trail
