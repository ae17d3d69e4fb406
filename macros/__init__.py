"""Macros for mkdocs-macros-plugin: the only way data reaches a page.

`define_env` gets the validated site (loaded once, see `site.py`) and registers one macro
per component. Each macro renders one partial from `macros/templates/`; prose pages call
them only where data goes, e.g. `{{ requirements("credential") }}`.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from .blocks import defer
from .docs_check import before_render
from .facts import register as register_facts
from .pages import RENDER, generated_pages
from .planning import page_url, register as register_planning
from .render import Renderer
from .site import get_site
from .validate import next_review


def on_pre_page_macros(env):
    """A mistake in a prose page's macros stops the build with one `docs/page.md:LINE:COL` line
    per problem, never a traceback (macros/docs_check.py)."""
    before_render(env)


def define_env(env):
    site = get_site(Path(env.project_dir))
    glossary = {term.term: term.expansion for term in site.glossary}
    renderer = Renderer(abbreviations=glossary)

    def here() -> str:
        page = env.page
        return page.file.src_uri if page is not None else "index.md"

    def rel(target: str) -> Markup:
        """A link from the page being rendered to another page's Markdown source (for Markdown
        links, which MkDocs checks and rewrites). Targets are the site's own paths, built from
        validated ids, so they need no escaping."""
        return Markup(posixpath.relpath(target, posixpath.dirname(here()) or "."))

    directory_urls = bool(env.conf.get("use_directory_urls", True))

    def href(target: str) -> Markup:
        """The browser's link from the page being rendered to another page, e.g. `courses/x.md#module-2`
        -> `../courses/x/#module-2`: for components written in HTML, which MkDocs leaves as they are."""
        path, _, fragment = target.partition("#")
        here_url = page_url(here(), directory_urls)
        url = get_relative_url(page_url(path, directory_urls) or ".", here_url or ".")
        url = url + "/" if url.endswith(".") else url  # the home page, as MkDocs writes it: `../`
        return Markup(escape(url + ("#" + fragment if fragment else "")))

    sources = {s.id: s for s in site.sources}
    orgs = {o.id: o for o in site.organizations}
    themes = {t.id: t for t in site.themes}
    corrections = {c.id: c for c in site.corrections}
    courses = sorted(site.courses, key=lambda c: c.order)
    topics = sorted(site.topics, key=lambda t: t.month)
    # `{% filter html_block %}…{% endfilter %}`: part of a template written wholly in HTML.
    # `searchable=True`: placed before Material's search reads the page (macros/blocks.py).
    renderer.env.filters["html_block"] = lambda html, searchable=False: defer(Markup(html), searchable)
    renderer.env.globals.update(
        site=site, sources=sources, orgs=orgs, themes=themes, corrections=corrections,
        courses=courses, topics=topics, rel=rel, href=href, next_review=next_review,
    )

    register_facts(env, site, renderer)  # counts, fee and other facts for pages and templates

    def show(template: str, **context) -> str:
        return renderer.render(template, **context)

    def show_html(template: str, **context) -> str:
        """A component written wholly in HTML: placed in the page after Markdown (macros/blocks.py)."""
        return defer(Markup(renderer.render(template, **context)))

    # The reader's planning tools and the Endorsement comparison (macros/planning.py).
    register_planning(env, show, show_html, site, courses, topics)

    def lookup(items, key, kind):
        for item in items:
            if item.id == key:
                return item
        raise KeyError(f"no {kind} with id '{key}' (used on page {here()})")

    # Place in the recommended order by id (list.index would compare whole records: N² with many courses).
    course_at = {c.id: i for i, c in enumerate(courses)}

    @env.macro
    def course_page(course_id: str) -> str:
        """The whole content of one course's page."""
        course = lookup(courses, course_id, "course")
        i = course_at[course.id]
        return show("course_page.md.j2", course=course,
                    previous=courses[i - 1] if i else None,
                    following=courses[i + 1] if i + 1 < len(courses) else None)

    # Every course module in the recommended order, and where each theme's modules are in it:
    # a topic page's related modules are then a merge of a few short lists, not a scan of the catalogue.
    all_modules = [(course, module) for course in courses for module in course.modules]
    modules_of_theme: dict[str, list[int]] = {}
    for position, (_, module) in enumerate(all_modules):
        for theme in module.themes:
            modules_of_theme.setdefault(theme, []).append(position)

    @env.macro
    def topic_page(topic_id: str) -> str:
        """The whole content of one monthly topic's page."""
        topic = lookup(topics, topic_id, "topic")
        i = topics.index(topic)
        related = sorted({p for theme in topic.themes for p in modules_of_theme.get(theme, [])})
        return show("topic_page.md.j2", topic=topic, related=[all_modules[p] for p in related],
                    previous=topics[i - 1] if i else None,
                    following=topics[i + 1] if i + 1 < len(topics) else None)

    # Generated pages call these directly (macros/pages.py), not through a template per page.
    RENDER.update(courses=course_page, topics=topic_page)

    @env.macro
    def course_cards() -> str:
        """Every course as a card, in recommended order."""
        return show_html("course_cards.md.j2")

    @env.macro
    def course_sequence() -> str:
        """The courses as a numbered list with their modules."""
        return show_html("course_sequence.md.j2")

    @env.macro
    def topic_schedule() -> str:
        """The 12 monthly topics as a table."""
        return show("topic_schedule.md.j2")

    @env.macro
    def requirements(which: str) -> str:
        """The numbered requirements of `credential` or `leadership`."""
        return show("requirements.md.j2", items=getattr(site, which).requirements)

    @env.macro
    def reviewed(which: str) -> str:
        """Last reviewed / next review due for a page that states requirements."""
        return show("reviewed.md.j2", review=getattr(site, which).review)

    @env.macro
    def correction(correction_id: str) -> str:
        """A polite note where a source document is wrong or dated."""
        return show("correction.md.j2", item=corrections[correction_id])

    @env.macro
    def source_note(*source_ids: str) -> str:
        """Where a page's facts come from, with the date they were checked."""
        return show("source_note.md.j2", items=[sources[s] for s in source_ids])

    @env.macro
    def pathway(part: str) -> str:
        """One section of the career pathway: role, education, experience, continuing, networking."""
        return show(f"pathway_{part}.md.j2", p=site.pathway)

    @env.macro
    def leadership(part: str) -> str:
        """One section of the leadership certificate: collaborative, supervision, rios."""
        return show(f"leadership_{part}.md.j2", l=site.leadership)

    @env.macro
    def credential(part: str) -> str:
        """One section of the online credential: rules."""
        return show(f"credential_{part}.md.j2", c=site.credential)

    @env.macro
    def points(part: str) -> str:
        """A titled list from training.yaml: importance, components, benefits, opportunities, strategies."""
        return show("points.md.j2", items=getattr(site.training, part))

    @env.macro
    def faq() -> str:
        """Every question, each its own heading (and so its own search result)."""
        return show("faq.md.j2")

    @env.macro
    def organizations() -> str:
        return show("organizations.md.j2")

    @env.macro
    def glossary_list() -> str:
        return show("glossary.md.j2")

    @env.macro
    def source_list() -> str:
        return show("sources.md.j2")

    @env.macro
    def correction_list() -> str:
        return show("corrections.md.j2")

    @env.macro
    def theme_index() -> str:
        """Each theme with the modules, topics, training points and pathway steps mapped to it."""
        coverage: dict[str, list] = {t.id: [] for t in site.themes}
        for theme in coverage:
            # Course and topic pages carry their themes as tags; the tags plugin lists them
            # under each theme (see theme_index.md.j2), so they are not repeated here.
            groups = [
                ("Course modules", [(f"{c.short_title}, module {m.number}: {m.title}", f"courses/{c.id}.md#module-{m.number}")
                                    for c in courses for m in c.modules if theme in m.themes]),
                ("Training", [(p.title, f"training.md#{p.id}")
                              for part in ("importance", "components", "benefits", "opportunities", "strategies")
                              for p in getattr(site.training, part) if theme in p.themes]),
                ("Pathway steps", [(s.title, f"pathway.md#{s.id}") for s in site.pathway.education if theme in s.themes]),
            ]
            coverage[theme] = [(kind, entries) for kind, entries in groups if entries]
        tagged = {tag for page in generated_pages(site) for tag in page.tags}
        return show("theme_index.md.j2", coverage=coverage, tagged=tagged)

    @env.macro
    def field_reference() -> str:
        """Every data file's fields and their help, from the JSON Schemas (docs/editing.md)."""
        from .schema import reference

        return show("field_reference.md.j2", files=reference())

    @env.macro
    def count(collection: str) -> int:
        """How many records a collection holds, e.g. `count("courses")`."""
        return len(getattr(site, collection))

    @env.macro
    def api_example() -> str:
        """The first course's file in the JSON catalogue, exactly as partner sites get it (docs/api.md)."""
        from .structured import Catalog, Urls, file_json

        urls = Urls(env.conf["site_url"] or "/", env.conf["use_directory_urls"])
        text = file_json(Catalog(site, urls, env.conf["site_name"]).course(courses[0]))
        fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", text)), default=0))
        return f"{fence}json\n{text}{fence}"

    @env.macro
    def data_text(path: str) -> str:
        """One plain-text field, e.g. `training.intro`, escaped for Markdown."""
        value = site
        for part in path.split("."):
            value = getattr(value, part)
        return str(renderer.env.finalize(value))
