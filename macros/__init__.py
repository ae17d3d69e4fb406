"""Macros for mkdocs-macros-plugin: the only way data reaches a page.

`define_env` takes the validated, indexed site from the build's plugin (macros/plugin.py) and
registers one macro per component; each renders one partial of `macros/pages/templates/`. Prose pages
call them only where data goes, e.g. `{{ requirements("credential") }}`: the plugin's gate
(macros/pages/prose/) lets a page call these macros, with literal values, and nothing else.

The package's folders, by job (each says what it owns): `data/` (read, check, index),
`pages/` (macros, templates, generated pages, the docs/ gate), `outputs/` (what machines read),
`editors/` (check, schemas, web editor). The imports below are made when mkdocs-macros calls in, so
`python -m macros.editors.schema` and the other editors' commands load only what they use.
"""

from __future__ import annotations


def define_env(env):
    from .editors.macros import register as register_editors
    from .outputs.macros import register as register_outputs
    from .pages.context import MacroContext, MacroRegistry
    from .pages.facts import register as register_facts
    from .pages.macros import register_lists, register_pages, register_reference
    from .pages.planning import register as register_planning
    from .plugin import find

    plugin = find(env.conf["plugins"])
    components, registry = MacroContext(env, plugin), MacroRegistry(env, plugin)
    for register in (register_pages, register_reference, register_lists, register_planning,
                     register_editors, register_outputs):
        register(registry, components)
    register_facts(registry, components.site, components.renderer)  # counts, fee and other facts for pages and templates
