"""MkDocs hooks: validate data before anything is written, and add one page per record.

Listed under `hooks:` in mkdocs.yml. Only the public MkDocs 1.6 event API is used
(`on_config`, `on_files`, `on_page_markdown`) with `File.generated`, so the data layer
can move to another MkDocs-compatible builder with little change.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urljoin

import yaml
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros import blocks  # noqa: E402
from macros.pages import GeneratedPage, generated_pages, nav_entries  # noqa: E402
from macros.render import html_text, template_cache  # noqa: E402
from macros.site import DataError, data_files, get_site  # noqa: E402
from macros.abbreviations import GlossaryAbbr, glossary_titles  # noqa: E402

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: a tenth of the time of PyYAML's own
_generated: dict[str, tuple[GeneratedPage, str]] = {}  # src_uri -> the page, and the data file behind it


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(100)  # before every plugin: nothing runs, and site/ is not cleaned, on bad data
def on_config(config):
    blocks.reset()
    try:
        site = get_site(_root(config))
    except DataError as error:
        raise Abort(str(error)) from None
    pages = generated_pages(site)
    config.nav = _expand_nav(config.nav, pages)
    # Abbreviations from the glossary are explained on hover and focus on every page
    # (GlossaryAbbr also matches terms ending in ® or ™; see macros/abbreviations.py).
    config.markdown_extensions.append(GlossaryAbbr(glossary=glossary_titles(site)))
    return config


def _expand_nav(nav, pages):
    """Replace an entry such as `courses/*` with one entry per generated page, in order.

    A long collection comes back nested in numbered groups (see `nav_entries`) so that every
    page's rendered navigation stays small and the build grows linearly with the catalogue.
    """
    if nav is None:
        return None
    expanded = []
    for item in nav:
        if isinstance(item, str) and item.endswith("/*"):
            folder = item[:-2]
            expanded += nav_entries([p for p in pages if p.src_uri.startswith(folder + "/")])
        elif isinstance(item, dict):
            expanded.append({k: _expand_nav(v, pages) if isinstance(v, list) else v for k, v in item.items()})
        else:
            expanded.append(item)
    return expanded


def on_files(files: Files, config) -> Files:
    site = get_site(_root(config))
    behind = data_files(_root(config))
    _generated.clear()
    for page in generated_pages(site):
        front = yaml.dump(page.meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        files.append(File.generated(config, page.src_uri, content=f"---\n{front}---\n"))
        _generated[page.src_uri] = (page, behind[page.key])
    return files


def on_page_markdown(markdown: str, page, config, files):
    """A generated page gets its content from its macro (macros/pages.py), and its edit button
    opens the YAML file behind it.

    Runs after the macros plugin, which has made this the page its macros link from (and leaves
    the page alone: `render_macros: false`), and before the tags plugin reads the page.
    """
    if page.file.src_uri not in _generated:
        return markdown
    generated, data_file = _generated[page.file.src_uri]
    if config.repo_url and config.edit_uri:
        page.edit_url = urljoin(urljoin(config.repo_url, config.edit_uri), "../" + data_file)
    return generated.render()


def on_page_content(html: str, page, config, files):
    """Put the searchable components written wholly in HTML in their places (macros/blocks.py);
    misplaced ones are reported once all are placed, in `on_page_context`."""
    return blocks.place(html, page.file.src_uri, searchable=True)


def on_env(env, config, files):
    """The theme's templates are compiled once and kept between builds (see `template_cache`)."""
    env.bytecode_cache = template_cache()
    return env


@event_priority(-100)  # last: other hooks and plugins (search above all) read the page first
def on_page_context(context, page, config, nav):
    """Put the components written wholly in HTML in their places (see macros/blocks.py), and
    escape the front-matter title and description, which the theme writes into the page as HTML.

    Material puts `page.meta.title` and `page.meta.description` into <title>, the header
    and <meta name="description"> without escaping; on generated pages they come straight
    from data, so a title holding `<script>` or a quote must arrive as text.
    """
    try:
        page.content = blocks.place(page.content, page.file.src_uri)
    except blocks.PlacementError as error:
        raise Abort(str(error)) from None
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html_text(page.meta[key])
    return context
