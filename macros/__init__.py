"""Macros for mkdocs-macros-plugin: the only way data reaches a page.

`define_env` takes the validated, indexed site from the build's plugin (macros/plugin.py) and
registers one macro per component; each renders one partial of `macros/pages/templates/`. Prose pages
call them only where data goes, e.g. `{{ requirements("credential") }}`.

The package's folders, by job (each says what it owns): `data/` (read, check, index),
`pages/` (macros, templates, generated pages), `outputs/` (what machines read), `editors/`
(check, schemas, web editor). The imports below are made when mkdocs-macros calls in, so
`python -m macros.editors.check` and the other editors' commands load only what they use.
"""

from __future__ import annotations


def on_pre_page_macros(env):
    """A mistake in a prose page's macros stops the build with one `docs/page.md:LINE:COL` line
    per problem, never a traceback (macros/editors/docs_check.py)."""
    from .editors.docs_check import before_render

    before_render(env)


def define_env(env):
    from .editors.macros import register as register_editors
    from .outputs.macros import register as register_outputs
    from .pages.context import MacroContext
    from .pages.facts import register as register_facts
    from .pages.macros import register_lists, register_pages, register_reference
    from .pages.planning import register as register_planning
    from .plugin import find

    components = MacroContext(env, find(env.conf["plugins"]))
    for register in (register_pages, register_reference, register_lists, register_planning,
                     register_editors, register_outputs):
        register(env, components)
    register_facts(env, components.site, components.renderer)  # counts, fee and other facts for pages and templates
