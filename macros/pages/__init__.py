"""Pages from the data: the macros prose pages call, the pages generated per course and topic, and
the Markdown extensions every page gets.

`render.py` turns records into Markdown through the autoescaped partials in `templates/`;
`context.py` is what every macro needs; `macros.py`, `facts.py` and `planning.py` register the
macros; `generated.py` adds a page per course and topic; `blocks.py` places HTML components after
Markdown; `search_settings.py` reads what a page's front matter tells the site's search. Imports only `data/`.
"""
