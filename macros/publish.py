"""MkDocs hooks for publishing: data for machines, and builds that do not depend on the day.

Listed under `hooks:` in mkdocs.yml, after `macros/hooks.py`. Public MkDocs 1.6 events only:
- `on_files` adds `api/catalog.json`, one `api/courses/<id>.json` per course and `robots.txt`,
  all made from the validated data (`File.generated`, nothing written to docs/);
- `on_pre_page` dates each page by the last commit that changed what it is built from, so the
  sitemap's `lastmod` (and the gzip header of sitemap.xml.gz) is the same whenever a commit is
  built, and says something true;
- `on_page_content` notes each page's h1, the title link previews and breadcrumbs use;
- `on_page_context` gives the page template its JSON-LD and link-preview values, which
  `overrides/partials/metadata.html` prints;
- `on_env` adds the `jsonld` filter (JSON that cannot end its `<script>` element).
"""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

from markupsafe import Markup
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros.site import data_files, get_site  # noqa: E402
from macros.structured import (API_DIR, Catalog, Graph, Urls, course_json_path, file_json,  # noqa: E402
                               iso_date, script_json)

_headlines: dict[str, str] = {}  # src_uri -> the page's h1 as plain text
_modified: dict[str, str] = {}  # src_uri -> YYYY-MM-DD of the last commit behind the page
_graph: list[Graph] = []  # the current build's Graph (made once per build in on_files)

# Besides its own file, what a page is made from: every page shows glossary abbreviations and
# renders through the templates; a prose page may call a macro for any data file.
SHARED_INPUTS = ("data/glossary.yaml", "macros/templates/")
PROSE_INPUTS = ("data/",)


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _urls(config) -> Urls:
    return Urls(config.site_url or "/", config.use_directory_urls)


def on_env(env, config, files):
    env.filters["jsonld"] = lambda value: Markup(script_json(value))
    return env


def on_files(files: Files, config) -> Files:
    root = _root(config)
    site = get_site(root)
    urls = _urls(config)
    pages = frozenset(f.src_uri for f in files.documentation_pages())
    _graph[:] = [Graph(site, urls, config.site_name, config.site_description or "", pages)]
    _headlines.clear()
    catalog = Catalog(site, urls, config.site_name)
    generated = {f"{API_DIR}/catalog.json": file_json(catalog.catalog())}
    for course in site.courses:
        generated[course_json_path(course)] = file_json(catalog.course(course))
    generated["robots.txt"] = (
        f"# {config.site_name}: every page may be crawled and indexed.\n"
        "User-agent: *\nDisallow:\n\n"
        f"Sitemap: {urls.file('sitemap.xml')}\n"
    )
    for path, content in sorted(generated.items()):
        if files.get_file_from_path(path) is None:  # a file an editor put in docs/ wins
            files.append(File.generated(config, path, content=content))
    _modified.clear()
    _modified.update(_page_dates(root, config, files))
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


def _page_dates(root: Path, config, files: Files) -> dict[str, str]:
    history = _history(root)
    if history is None:
        return {}  # MkDocs' own date (today, or SOURCE_DATE_EPOCH) stays
    head, latest = history
    behind = data_files(root)
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
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
        inputs = SHARED_INPUTS + ((behind[key],) if key in behind else (f"{docs}/{src}",) + PROSE_INPUTS)
        times = [t for t in map(newest, inputs) if t is not None]
        # Nothing committed yet (a new page): the commit being built is the best date there is.
        dates[src] = iso_date(max(times) if times else head)
    return dates


def on_pre_page(page, config, files):
    date = _modified.get(page.file.src_uri)
    if date:
        page.update_date = date  # what sitemap.xml prints as <lastmod>
    return page


# --- titles, breadcrumbs, structured data ---------------------------------------------------

_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def on_page_content(html: str, page, config, files):
    match = _H1.search(html)
    if match:
        text = re.sub(r"<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", "", match.group(1), flags=re.S)
        text = unescape(re.sub(r"<[^>]+>", "", text))
        _headlines[page.file.src_uri] = re.sub(r"\s+", " ", text).strip()
    return html


def _crumbs(page, nav, urls: Urls, title: str) -> list[tuple[str, str]]:
    """Home, then each section that has a page of its own, then the page."""
    home = nav.homepage.title if nav and nav.homepage and nav.homepage.title else "Home"
    crumbs = [(home, urls.site_url)]
    if page.is_homepage:
        return crumbs
    for section in reversed(page.ancestors):
        index = next((c for c in section.children if getattr(c, "is_index", False) and c.is_page), None)
        if index is not None and index is not page:
            crumbs.append((section.title, urls.page(index.file.src_uri)))
    crumbs.append((title, urls.page(page.file.src_uri)))
    return crumbs


def on_page_context(context, page, config, nav):
    if not _graph:
        return context
    graph = _graph[0]
    src = page.file.src_uri
    title = (page.meta.get("title") if page.meta else None) or _headlines.get(src) or page.title or config.site_name
    description = (page.meta.get("description") if page.meta else None) or config.site_description or ""
    description = re.sub(r"\s+", " ", str(description)).strip()
    context["imh_meta"] = {
        "title": title,
        "description": description,
        "url": graph.urls.page(src),
        "type": "website" if page.is_homepage else "article",
    }
    context["imh_jsonld"] = [graph.for_page(src, title=title, description=description,
                                            crumbs=_crumbs(page, nav, graph.urls, title),
                                            modified=_modified.get(src) or page.update_date)]
    return context
