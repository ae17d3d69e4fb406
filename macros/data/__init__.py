"""The data: every file in `data/` read, checked and indexed, once per build.

`read.py` reads the YAML keeping each value's file and line (with `lines.py`, `files.py` and
`yaml_errors.py`); `model.py` is the content model and the editors' help; `validate.py` applies it
and the rules across records; `index.py` gives the build lookups and orders; `load.py` runs the
three. `problems.py` is the one shape of every message to an editor. Imports no other folder.
"""
