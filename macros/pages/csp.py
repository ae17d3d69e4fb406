"""The Content-Security-Policy of every page, as a `<meta http-equiv>` (GitHub Pages sends no headers).

Scripts come only from the site itself; of inline scripts, only the theme's run: the `<script>`
elements of the templates in `partials/javascripts/` (Material's, and the site's own in
overrides/), rendered once per build and allowed by their SHA-256. So an event handler, a
`javascript:` link or a script that reached a page from the data or docs/ would not run, and the
build refuses a page holding an inline script that is not one of those (`unknown_scripts`).

Pagefind compiles WebAssembly (`'wasm-unsafe-eval'`: WebAssembly only, never JavaScript's eval).
Styles: only the site's stylesheets (no `style` attribute or `<style>` from a page applies); images
also from `data:` (the theme's icons in its CSS). A policy in a meta element cannot carry
`frame-ancestors`, `report-uri` or `sandbox`; the policy applies from the element on, so it comes
first in `<head>` (overrides/main.html).
"""

from __future__ import annotations

import base64
import hashlib
import re

from jinja2 import Environment

SCRIPTS = "partials/javascripts/"  # the templates whose inline scripts run

# One element: its attributes and its text, up to the end tag as an HTML parser finds it; or a comment,
# ended as a browser ends one (`<!-->`, `--!>`), whose text is not a script however it reads.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>|<!--(?:-?>|.*?(?:--!?>|$))", re.I | re.S)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
# Types a browser runs as script (any other `type`, such as JSON-LD, is data).
_RUN = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script `html` holds that a browser would run."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.groups()
        if attrs is None:  # a comment
            continue
        kind = _TYPE.search(attrs)
        if not _SRC.search(attrs) and (kind.group(1).lower() if kind else "") in _RUN:
            found.append(body)
    return found


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def theme_scripts(env: Environment, context: dict) -> list[str]:
    """The inline scripts of the theme's script partials, rendered as the pages render them."""
    names = sorted(env.list_templates(filter_func=lambda name: name.startswith(SCRIPTS) and name.endswith(".html")))
    scripts: list[str] = []
    for name in names:
        for script in inline_scripts(env.get_template(name).render(**context)):
            if script not in scripts:
                scripts.append(script)
    return scripts


def policy(scripts: list[str]) -> str:
    """The policy, allowing `scripts` inline."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *(sha256(s) for s in scripts)],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    text = "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())
    assert not set(text) & set('"<>&'), text  # printed in an attribute as it is (partials/csp.html)
    return text


def unknown_scripts(html: str, allowed: set[str]) -> list[str]:
    """Inline scripts in a written page that the policy does not allow (their first characters)."""
    return [re.sub(r"\s+", " ", script)[:80] for script in inline_scripts(html) if script not in allowed]
