"""The site's MkDocs plugin (`imh` in mkdocs.yml): it owns the build's state from data to pages.

One instance per build holds the validated data (`index`), the docs/ gate (`gate`), the generated
pages, page URLs and dates, headlines and the deferred HTML components; the macros (`define_env`)
read them from it. Every check on data/ and docs/ runs inside the build and is reported before
anything is written; `make check` is this same build with `check_only` set, stopped there
(macros/editors/check.py). Only the public MkDocs 1.6 plugin API is used, so ProperDocs builds the
site too (`make properdocs`).
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit  # quote: a file's path as a URL, the theme prints edit links unescaped

from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .editors import admin, preview
from .outputs import llms, plone, publish
from .pages import csp
from .pages.abbreviations import GlossaryAbbr
from .pages.blocks import Blocks, PlacementError
from .data.index import SiteIndex
from .pages.generated import GeneratedPage, expand_nav, generated_pages
from .pages.permalinks import PermalinkNamesExtension
from .pages.tables import AlignClassesExtension
from .pages.render import html_text, template_cache
from .outputs.search_index import SearchIndexError, build_index
from .outputs.search_titles import page_titles, write_titles
from .pages.search_settings import SearchSettingsError, search_settings
from .data.load import DataError, load_checked
from .data.problems import CheckFinished, report
from .outputs.structured import ENTITY_NAMES, Entities, Urls, page_graph, script_json
from .pages.prose.gate import DocsGate
from .pages.prose.macro_calls import Known

log = logging.getLogger("mkdocs.plugins.imh")


class SiteConfig(Config):
    # Set by `make check` (macros/editors/check.py), not in mkdocs.yml: every check runs, then the
    # build stops before anything is written, raising CheckFinished with the problems found.
    check_only = config_options.Type(bool, default=False)
    # Where the build also writes the Plone content tree (`make plone` sets it through mkdocs.yml's
    # IMH_PLONE_EXPORT); empty: no tree. Relative to the project's folder.
    plone_export = config_options.Type(str, default="")


class SitePlugin(BasePlugin[SiteConfig]):
    """Validates `data/` before anything is written, adds one page per course and topic, and
    publishes what machines read (JSON-LD, api/*.json, robots.txt, llms.txt, sitemap dates)."""

    def __init__(self) -> None:
        self.index: SiteIndex | None = None
        self.generated: dict[str, GeneratedPage] = {}  # src_uri -> generated page
        self.page_renderers: dict = {}  # collection ("courses", "topics") -> macro(record id) -> Markdown
        self.blocks = Blocks()
        self.files: Files | None = None
        self.urls: Urls | None = None
        self.entities: Entities | None = None
        self.dates: dict[str, str] = {}  # src_uri -> YYYY-MM-DD of the last commit behind the page
        self.headlines: dict[str, str] = {}  # src_uri -> the page's h1 as plain text
        self.described: dict[str, tuple[str, str]] = {}  # src_uri -> (title, description), unescaped
        self.titles: dict[str, list] = {}  # src_uri -> the page's title and headings for search
        self.search: dict = {}  # src_uri -> SearchSettings, from the page's `search:` front matter
        self.plone_pages: dict[str, plone.BuiltPage] = {}  # src_uri -> the page for the Plone tree (make plone)
        self.nav = None
        self.serving = False  # under `mkdocs serve`, where this instance lasts from build to build
        self.problems: list = []  # data/'s problems and warnings in this build (docs/'s are the gate's)
        self.shown: list = []  # the errors the preview shows on every page (`make serve` never stops)
        self.macros: dict = {}  # name -> the site's macro, as define_env registered it (macros/pages/context.py)
        self.phrases: set[str] = set()  # the macros among them that write a phrase (`MacroRegistry.phrase`)
        self.gate: DocsGate | None = None
        self.scripts: set[str] = set()  # the inline scripts the Content-Security-Policy allows (macros/pages/csp.py)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    # --- configuration and files ---------------------------------------------------------

    @event_priority(100)  # before every plugin: nothing runs, and site/ is not cleaned, on bad data
    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        index, self.problems = load_checked(self.root)
        if index is not None or not self.serving:
            self.index = index  # the preview goes on with the last good data, if it has some
        if self.index is None and not self.config.check_only:
            report(self.problems, sys.stderr)
            raise Abort(str(DataError(self.problems)))
        _check_macros_options(config)
        docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        self.macros, self.phrases = {}, set()  # filled by define_env, which mkdocs-macros runs next
        site = self.index.site if self.index is not None else None
        self.gate = DocsGate(docs, Known(self.macros, site, self.phrases), self.root, ENTITY_NAMES, config.theme.dirs)
        self.blocks, self.headlines, self.described, self.titles, self.shown = Blocks(), {}, {}, {}, []
        self.search = {}
        self.plone_pages = {}
        self.generated = {page.src_uri: page for page in generated_pages(self.index)} if self.index is not None else {}
        config.nav = expand_nav(config.nav, list(self.generated.values()))
        # Glossary terms explained on hover and focus on every page; "¶" links named after their heading.
        glossary = self.index.glossary if self.index is not None else {}
        config.markdown_extensions.append(GlossaryAbbr(glossary=glossary))
        config.markdown_extensions.append(PermalinkNamesExtension())
        config.markdown_extensions.append(AlignClassesExtension())  # no style attributes (CSP)
        # The theme's storage scope fixed at the site's root path (the same keys as before: each page's
        # `base_url` pointed there), so its inline script is one text on every page, one CSP hash.
        config.extra.setdefault("scope", urlsplit(config.site_url or "/").path or "/")
        if not self.config.check_only:
            admin.check_installed(config)  # the web editor's packages (macros/editors/admin.py)
        return config

    def on_pre_build(self, config):
        """Every symbolic link in docs/ is a problem; one to a folder stops the build here, before
        MkDocs walks into it (a link to docs/ itself would be walked again and again)."""
        if self.gate.find_symlinks(Path(config.docs_dir)):
            self._finish(stop=True)

    def on_files(self, files: Files, config) -> Files:
        """Each file of docs/ through the gate: a page is read as the gate returns it (itself, or an
        inert stand-in), any other file that is not a picture is left out; then the generated pages."""
        docs_dir = Path(config.docs_dir)
        self.gate.use_markdown(config.markdown_extensions, config.mdx_configs)
        for file in list(files):
            if file.generated_by is not None or file.src_dir != config.docs_dir or not file.inclusion.is_in_serve():
                continue  # the theme's files, and hidden ones MkDocs leaves out
            keep = self.gate.keeps(docs_dir, file.src_uri)
            if file.is_documentation_page():
                file.content_string = self.gate.page(file.src_uri, file.content_bytes if keep else None)
            elif not keep:
                files.remove(file)
        for file in admin.editor_files(config, with_configuration=not self.config.check_only):  # /admin/
            files.append(file)
        if self.index is None:  # `make check` while data/ has errors: no page uses the data
            self.files = files
            return files
        for page in self.generated.values():
            files.append(File.generated(config, page.src_uri, content=page.source()))
        self.files = files
        self.urls = Urls.of(config, files)
        self.entities = Entities(self.index, self.urls, config.site_name, config.site_description or "")
        for path, content in sorted(publish.machine_files(self.index, self.urls, config.site_name).items()):
            files.append(File.generated(config, path, content=content))
        if not self.config.check_only:
            self.dates = publish.page_dates(self.root, config.docs_dir, files, self.index.data_files)
        return files

    def on_nav(self, nav, config, files):
        """A page of docs/ that `nav:` leaves out is a problem, with the line to add to mkdocs.yml; so
        is a line of `nav:` naming a page docs/ does not have, at that line."""
        self.nav = nav
        if config.nav is not None:
            config_text = Path(config.config_file_path).read_text(encoding="utf-8")
            in_nav = {page.file.src_uri for page in nav.pages}
            pages = [file.src_uri for file in files.documentation_pages()]
            left_out = [file.src_uri for file in files.documentation_pages()
                        if file.generated_by is None and file.inclusion.is_in_nav() and file.src_uri not in in_nav]
            self.gate.check_nav(left_out, config_text, pages)
        return nav

    def on_env(self, env, config, files):
        """Every page has rendered and nothing is written yet: the links are judged, and every
        problem of data/ and docs/ reported; any error stops the build here (the preview shows it
        instead). Then: compiled theme templates kept between builds, the `jsonld` filter for
        metadata.html, the Content-Security-Policy (partials/csp.html), but not under `serve` (its
        live reload is an inline script)."""
        self.gate.check_links()
        if self.config.check_only:
            self._check_anchors(files, config)
        self._finish(stop=False)
        env.bytecode_cache = template_cache()
        env.filters["jsonld"] = lambda value: Markup(script_json(value))
        env.globals["imh_csp"] = ""
        if not self.serving:
            features = config.theme.get("features") or []
            scripts = csp.theme_scripts(env, {"config": config, "features": features, "base_url": config.extra["scope"]})
            self.scripts = set(scripts)
            env.globals["imh_csp"] = csp.policy(scripts)
        return env

    def _check_anchors(self, files, config) -> None:
        """What MkDocs itself checks only once pages are written: links to #anchors, those in a macro's
        text too (its warnings are `make check`'s problems). Not from or to a page not built (a
        stand-in): its sections are not what the page will have."""
        inert = {src for src, ids in self.gate.anchors.items() if ids is None}
        for file in files.documentation_pages():
            page = file.page
            if page is None or file.src_uri in inert or any(to.src_uri in inert for to in page.links_to_anchors or {}):
                continue
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)

    def _finish(self, stop: bool) -> None:
        """Every problem of data/ and docs/ so far: handed to `make check` (which stops here), or
        printed, stopping the build if one is an error (the preview shows them on every page instead);
        `stop`: the build cannot go on in any case."""
        problems = self.problems + self.gate.problems
        if self.config.check_only:
            raise CheckFinished(problems, self.index)
        report(problems, sys.stderr)
        errors = [problem for problem in problems if problem.level == "error"]
        if errors and (stop or not self.serving):
            files_with = len({problem.file for problem in errors})
            raise Abort(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files_with} "
                        f"file{'s' if files_with != 1 else ''} (listed above). Nothing was built; the last good site is unchanged.")
        self.shown = errors

    # --- pages ------------------------------------------------------------------------------

    def on_pre_page(self, page, config, files):
        if page.file.src_uri in self.dates:
            page.update_date = self.dates[page.file.src_uri]  # sitemap.xml's <lastmod>
        return page

    def on_page_markdown(self, markdown: str, page, config, files):
        """A generated page's content comes from its macro; every page's edit button opens the
        file its facts live in. Runs after the macros plugin and before the tags plugin (-50)."""
        self._set_edit_urls(page, config)
        generated = self.generated.get(page.file.src_uri)
        if generated is None:
            return markdown
        return self.page_renderers[generated.kind](generated.record_id)

    def _set_edit_urls(self, page, config) -> None:
        """Complete `…/edit/main/PATH` addresses: the data file behind the page where there is one
        (`data_file:` in front matter, or the generated page's YAML), the prose file as `source_edit_url`."""
        base = edit_base(config, self.root)
        if base is None:
            return
        generated = self.generated.get(page.file.src_uri)
        page.source_edit_url = None
        if generated is not None:
            page.edit_url = f"{base}{quote(self.index.data_files[generated.key])}"
            return
        docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        page.source_edit_url = f"{base}{quote(f'{docs}/{page.file.src_uri}')}"
        data_file = page.meta.get("data_file")  # the gate made sure it names a file of data/
        page.edit_url = f"{base}{quote(data_file)}" if data_file else page.source_edit_url

    def on_page_content(self, html: str, page, config, files):
        """Searchable HTML components go in before search reads the page; the h1 and the page's ids
        (its sections, for the links check) are noted."""
        src = page.file.src_uri
        title = publish.headline(html)
        if title:
            self.headlines[src] = title
        html = self.blocks.place(html, src, searchable=True)
        self.gate.rendered(src, html + "".join(self.blocks.pending(html)))
        if self.blocks.misplaced(html):
            self.gate.misplaced_block(src)
        return html

    @event_priority(-100)  # last: other plugins (search above all) read the page first
    def on_page_context(self, context, page, config, nav):
        """The remaining HTML components placed; title and description escaped (the theme prints
        them unescaped, and on generated pages they are data); link previews and JSON-LD."""
        try:
            page.content = self.blocks.place(page.content, page.file.src_uri)
        except PlacementError as error:
            raise Abort(str(error)) from None
        src = page.file.src_uri
        title = page.meta.get("title") or self.headlines.get(src) or page.title or config.site_name
        description = re.sub(r"\s+", " ", str(page.meta.get("description") or config.site_description or "")).strip()
        self.described[src] = (title, description)
        if self.config.plone_export:
            self.plone_pages[src] = plone.BuiltPage(
                src=src, url=self.urls.page_urls[src], title=title,
                description=re.sub(r"\s+", " ", str(page.meta.get("description") or "")).strip(),
                html=page.content, subjects=tuple(page.meta.get("tags") or ()), modified=self.dates.get(src),
                exported=page.meta.get("plone", True) is not False)
        self.titles[src] = page_titles(page, self.headlines.get(src) or title)
        try:
            self.search[src] = context["imh_search"] = search_settings(page.meta)
        except SearchSettingsError as error:
            raise Abort(f"docs/{src}: {error}") from None
        context["imh_meta"] = {"title": title, "description": description, "url": self.urls.page(src),
                               "type": "website" if page.is_homepage else "article"}
        context["imh_jsonld"] = [page_graph(
            self.entities, src, self._entity_names(page), title=title, description=description,
            crumbs=publish.crumbs(page, nav, self.urls, title), modified=self.dates.get(src) or page.update_date)]
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = html_text(page.meta[key])
        return context

    def _entity_names(self, page) -> list[str]:
        """What the page is about, as its front matter's `structured_data:` names it."""
        names = page.meta.get("structured_data") or []
        unknown = [name for name in names if name not in ENTITY_NAMES]
        if unknown:
            raise Abort(f"docs/{page.file.src_uri}: 'structured_data' lists {', '.join(map(repr, unknown))} — "
                        f"use some of: {', '.join(ENTITY_NAMES)}")
        return names

    def on_post_page(self, output: str, page, config):
        self._only_theme_scripts(output, f"{Path(config.docs_dir).name}/{page.file.src_uri}")
        return preview.with_banner(output, self.shown) if self.shown else output

    def on_post_template(self, output_content: str, template_name: str, config):
        if template_name.endswith(".html"):
            self._only_theme_scripts(output_content, template_name)
        return output_content

    def _only_theme_scripts(self, html: str, where: str) -> None:
        """A page holds no inline script but the theme's: the policy would block any other, and one
        that got there from data or docs/ must not be published."""
        unknown = csp.unknown_scripts(html, self.scripts) if not self.serving else []
        if unknown:
            raise Abort(f"{where}: the page holds an inline script that is not one of the theme's "
                        f"(partials/javascripts/), which the Content-Security-Policy would block: {unknown[0]!r} — "
                        "remove it; a script of the site's own goes in overrides/assets/javascripts/ (extra_javascript in mkdocs.yml)")

    def on_post_build(self, config):
        """llms.txt at the site root (every page, generated ones included, from the navigation), and /admin/."""
        text = llms.llms_txt(config, self.nav, self.index, self.urls, self.described)
        Path(config.site_dir, "llms.txt").write_text(text, encoding="utf-8")
        admin.write_editor(config)  # /admin/: Sveltia CMS and its configuration
        self._index_for_search(config)
        if self.config.plone_export:
            self._write_plone_tree(config)

    def _write_plone_tree(self, config) -> None:
        """The reader pages as a plone.exportimport content tree (macros/outputs/plone.py), outside site/."""
        folder = self.root / self.config.plone_export
        description = re.sub(r"\s+", " ", config.site_description or "").strip()
        try:
            root = plone.tree_of(self.nav.items, self.plone_pages, config.site_name, description)
            count = plone.write_tree(folder, root, self.urls.site_url, config.theme.get("language") or "en")
        except plone.PloneExportError as error:
            raise Abort(f"Plone export: {error}") from None
        log.info(f"Plone content tree: {count} items in {folder}")

    def _index_for_search(self, config) -> None:
        """Pagefind's index of the written pages (macros/outputs/search_index.py), last, so it matches them."""
        try:
            report = build_index(Path(config.site_dir))
        except SearchIndexError as error:
            raise Abort(f"Search index: {error}") from None
        log.info(f"Search index: {report.pages} pages, {report.files} files, "
                 f"{report.bytes / 1024:.0f} KiB in {report.seconds:.2f} s")
        # Navigation order first (it breaks ties between equal title matches), then any other page.
        in_nav = [page.file.src_uri for page in self.nav.pages] if self.nav else []
        order = in_nav + sorted(set(self.titles) - set(in_nav))
        listed = [src for src in order if src in self.titles]
        write_titles(Path(config.site_dir), [self.titles[src] for src in listed], [self.search[src] for src in listed],
                     [self.described[src][1] for src in listed])


def _check_macros_options(config) -> None:
    """The gate reads pages with Jinja's own syntax, as mkdocs-macros does unless mkdocs.yml sets its
    j2_ options (delimiters, extensions); set, the two would read a page differently."""
    macros = config.plugins.get("macros")
    changed = [key for key, value in (macros.config.items() if macros is not None else ()) if key.startswith("j2_") and value]
    if changed:
        raise Abort(f"mkdocs.yml: the macros plugin's {', '.join(changed)} would make pages read differently from how the "
                    "site checks them (macros/pages/prose/) — remove the option")


def edit_base(config, root: Path) -> str | None:
    """`https://github.com/OWNER/REPO/edit/main/`: the edit address of the project's root folder.

    `edit_uri` names the docs folder (`edit/main/docs/`); that folder is taken off its end."""
    if not config.repo_url or not config.edit_uri:
        return None
    edit = config.edit_uri.strip("/")
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    if edit.endswith("/" + docs):
        edit = edit[: -len(docs) - 1]
    return f"{config.repo_url.rstrip('/')}/{edit}/"


def find(plugins) -> SitePlugin:
    """The build's SitePlugin among MkDocs' plugins (for the macros module)."""
    for plugin in plugins.values():
        if isinstance(plugin, SitePlugin):
            return plugin
    raise LookupError("the `imh` plugin is not in mkdocs.yml's plugins")

