"""What every macro needs: the indexed data, the template renderer and links from the page being rendered."""

from __future__ import annotations

import html
import posixpath

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from ..data.validate import next_review
from .render import Renderer


class MacroContext:
    """Renders one partial of `macros/pages/templates/` for the page mkdocs-macros is rendering."""

    def __init__(self, env, plugin):
        """`plugin` is the build's `imh` plugin (macros/plugin.py), which holds the data and the build's state."""
        self.env = env
        self.plugin = plugin
        self.index = plugin.index
        self.site = plugin.index.site
        self.renderer = Renderer(self.index.glossary, defer=plugin.blocks.defer, page_url=self.page_url)
        index = self.index
        self.renderer.env.globals.update(
            site=self.site, sources=index.sources, orgs=index.orgs, themes=index.themes,
            corrections=index.corrections, courses=index.courses, topics=index.topics,
            rel=self.rel, href=self.href, next_review=next_review,
        )

    def here(self) -> str:
        page = self.env.page
        return page.file.src_uri if page is not None else "index.md"

    def url(self, src_uri: str) -> str:
        """The page's URL relative to the site root, as MkDocs gives it ('' for the home page)."""
        return self.plugin.urls.page_urls[src_uri]

    def rel(self, target: str) -> Markup:
        """A link from the page being rendered to another page's Markdown source (for Markdown
        links, which MkDocs checks and rewrites). Targets are the site's own paths, built from
        validated ids, so they need no escaping."""
        return Markup(posixpath.relpath(target, posixpath.dirname(self.here()) or "."))

    def href(self, target: str) -> Markup:
        """The browser's link from the page being rendered to another page, e.g. `courses/x.md#module-2`
        -> `../courses/x/#module-2`: for components written in HTML, which MkDocs leaves as they are."""
        path, _, fragment = target.partition("#")
        url = get_relative_url(self.url(path) or ".", self.url(self.here()) or ".")
        url = url + "/" if url.endswith(".") else url  # the home page, as MkDocs writes it: `../`
        return Markup(escape(url + ("#" + fragment if fragment else "")))

    def page_url(self, target: str) -> str | None:
        """`href` unescaped, or None for a page the site does not have (links from data, checked by
        the validation; see macros/data/validate.py `_site_links`)."""
        if target.partition("#")[0] not in self.plugin.urls.page_urls:
            return None
        return html.unescape(str(self.href(target)))

    def show(self, template: str, **context) -> str:
        return self.renderer.render(template, **context)

    def show_html(self, template: str, **context) -> str:
        """A component written wholly in HTML: placed in the page after Markdown (macros/pages/blocks.py)."""
        return self.plugin.blocks.defer(Markup(self.renderer.render(template, **context)))
