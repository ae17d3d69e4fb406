"""What a file of docs/ may hold, judged before anything of it renders (the gate).

`files.py`: pages and pictures only, no symbolic links; `limits.py`: size and nesting; `source.py`:
the page split as MkDocs splits it, its front matter; `macro_calls.py`: the site's own macros with
literal values and no other Jinja; `markup.py`: the HTML, attribute lists and addresses a page may
write; `links.py`: links, judged again once every page has rendered; `nav.py`: a page missing from
`nav:`; `gate.py` runs them for the plugin (macros/plugin.py), so `make check`, `make build` and
`make serve` use the same checks. Imports only `data/` and `pages/`.
"""
