"""What every macro needs: the indexed data, the template renderer and links from the page being rendered;
and `MacroRegistry`, through which `define_env` registers them.

Registering a macro reads no data: while data/ has errors (`make check` goes on to check docs/),
the macros are registered all the same, so pages are judged against the same names.
"""

from __future__ import annotations

import functools
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
        self.index = plugin.index  # None while data/ has errors: the macros are then never called
        self.site = plugin.index.site if plugin.index is not None else None
        self.renderer = Renderer(self.index.glossary if self.index is not None else {},
                                 defer=plugin.blocks.defer, page_url=self.page_url)
        index = self.index
        if index is None:
            return
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


class MacroRegistry:
    """mkdocs-macros' `env` as the register functions use it (`@env.macro`, `env.conf`).

    Each macro is recorded on the plugin (`plugin.macros`: the only names a page may call, see
    macros/pages/prose/) and handed to mkdocs-macros guarded: a macro that fails while a page
    renders becomes a problem at the page's line (`plugin.gate`) and shows nothing, so mkdocs-macros
    never meets an exception. The function itself is returned, unguarded, for the site's own use.

    mkdocs-macros has no public way to hand a failed render back to the build: `on_error_fail`
    prints its own report with a traceback and calls exit(100); without it the error text becomes
    the page. The option the site would need is an error hook (say `on_error: raise`, raising a
    PluginError that names the page). This guard is the one place that works around it."""

    def __init__(self, env, plugin):
        self._env = env
        self._plugin = plugin

    def __getattr__(self, name: str):
        return getattr(self._env, name)

    def macro(self, function, name: str = ""):
        name = name or function.__name__
        self._plugin.macros[name] = function
        self._env.macro(self._guarded(name, function), name)
        return function

    def phrase(self, function):
        """A macro that writes a phrase (a count, a fee, a name, a field's text), not a section: a page
        may change its letters with a filter (`| capitalize`); on a section a filter would change the
        site's own markup too (its links, ids and classes)."""
        self._plugin.phrases.add(function.__name__)
        return self.macro(function)

    def _guarded(self, name: str, function):
        env, plugin = self._env, self._plugin

        @functools.wraps(function)
        def guarded(*args, **kwargs):
            src_uri = env.page.file.src_uri
            number = plugin.gate.macro_starts(src_uri)
            try:
                return function(*args, **kwargs)
            except TimeoutError:
                raise  # a time limit from outside (a test's), not the page's mistake
            except Exception as error:  # noqa: BLE001 (reported at its line by the gate)
                plugin.gate.macro_failed(src_uri, number, name, error)
                return ""

        return guarded
