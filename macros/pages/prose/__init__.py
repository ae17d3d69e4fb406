"""What a page of docs/ may hold, judged before anything of it renders (the gate).

`source.py` splits a page as MkDocs does; `macro_calls.py` allows only the site's own macros with
literal values; `links.py` judges links against the pages the build made; `gate.py` runs them on
each page for the plugin (macros/plugin.py), which is how `make check`, `make build` and
`make serve` all use the same checks. Imports only `data/` and `pages/`.
"""
