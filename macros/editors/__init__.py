"""The editors' tools: `make check` (`check.py`: the build in check mode), the JSON Schemas
and field reference (`schema.py`), the web editor's form and files (`cms.py`, `admin.py`) and the
preview's problem banner (`preview.py`). Imports `data/`, `pages/` and `outputs/`.
"""
