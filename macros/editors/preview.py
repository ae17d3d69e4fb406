"""`make serve` keeps showing the last good site while data/ or a page has a problem, and says what it is.

The plugin keeps the last data that passed its checks; while a later edit fails them, pages are
built from the good data and every page opens with a banner listing the problems (file:line),
as the terminal does. A build never fails under `serve`, so no request waits for one.
"""

from __future__ import annotations

from markupsafe import Markup

from ..data.problems import Problem

BANNER = Markup(
    '<div class="imh-preview-problem" role="alert" style="background:#b00020;color:#fff;padding:1em;'
    'font:1rem/1.4 system-ui,sans-serif;position:relative;z-index:10">'
    "<strong>This preview has {count} problem{plural}: pages keep the last good data until "
    "{them} fixed. Fix and save; the page reloads.</strong><ul>{items}</ul></div>")


def banner(problems: list[Problem]) -> str:
    errors = [problem for problem in problems if problem.level == "error"]
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(str(problem)) for problem in errors)
    return str(BANNER.format(count=len(errors), plural="" if len(errors) == 1 else "s",
                             them="it is" if len(errors) == 1 else "they are", items=items))


def with_banner(html: str, problems: list[Problem]) -> str:
    """The page with the banner at the start of its <body>."""
    start = html.find("<body")
    end = html.find(">", start) + 1 if start >= 0 else 0
    return html[:end] + banner(problems) + html[end:]


