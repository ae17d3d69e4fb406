"""What machines read, from the same checked data as the pages: JSON-LD and the JSON catalogue
(`structured.py`), `robots.txt`, the catalogue files and page dates (`publish.py`), `llms.txt`,
and the search files (`search_index.py`, `search_titles.py`). Imports only `data/` and `pages/`.
"""
