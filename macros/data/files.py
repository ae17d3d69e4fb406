"""Which files under `data/` may be read: regular files inside the project, of a sane size.

Everything here looks at a file with `lstat`/`stat` only, never by opening it, so a FIFO,
a device or a link to `/dev/zero` can neither block nor flood a check or a build. A link
is followed only when it stays inside the project (its target is never echoed); a link to
nothing and the lock and backup files editors leave beside an open file are skipped with
a note. `make check` and the build ask the same function (`inspect`), so they agree.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .problems import Problem

MAX_BYTES = 1_000_000  # the largest data file today is about 15 kB

# Emacs lock (`.#x.yaml`) and autosave (`#x.yaml#`) files, backups (`x.yaml~`, `x.yaml.bak`,
# `x.yaml.orig`) and Vim swap files (`.x.yaml.swp`, `.swo`…).
_LEFTOVER = re.compile(r"^(?:\.#.*|#.*#|.*~|\..*\.sw[a-p]|.*\.(?:bak|orig|tmp))$")


def is_leftover(name: str) -> bool:
    """True for a lock, autosave, backup or swap file an editor keeps beside the real one."""
    return bool(_LEFTOVER.match(name))


def inspect(path: Path, root: Path) -> Problem | None:
    """None if `path` may be read; else why not (an error, or a note for a file skipped on purpose)."""
    rel = path.relative_to(root).as_posix()
    if is_leftover(path.name):
        return Problem(rel, 1, 1, "skipped: an editor's lock or backup file, not data",
                       "nothing to do (it goes away when the editor closes the file); delete it if no editor has it open",
                       level="note")
    try:
        link = path.is_symlink()
        info = os.stat(path)  # follows a link; never opens the file
    except OSError:
        if link:
            return Problem(rel, 1, 1, "skipped: a link to a file that does not exist",
                           "delete the link, or restore the file it points to", level="note")
        return Problem(rel, 1, 1, "the file cannot be looked at (it vanished, or the folder is not readable)",
                       "check the file is a normal file you can open; restore it from the history if needed")
    if not _inside(path, root):  # the file, or a folder above it, is a link that leaves the project
        return Problem(rel, 1, 1, "this is a link to a file outside the project, which the site never reads",
                       "replace the link with a real file holding the data")
    if stat.S_ISDIR(info.st_mode):
        return Problem(rel, 1, 1, "this is a folder, but a data file is expected here",
                       "rename the folder, or move its files to where docs/editing.md says they go")
    if not stat.S_ISREG(info.st_mode):
        return Problem(rel, 1, 1, "this is not a normal file (a device, pipe or socket), so it is not read",
                       "delete it and put a normal text file here")
    if info.st_size > MAX_BYTES:
        return Problem(rel, 1, 1, f"the file is {info.st_size / 1_000_000:.1f} MB; a data file may hold at most 1 MB",
                       "split it, or remove what does not belong (pasted text, an image, a copied document)")
    return None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a loop of links
        return False


def read_bytes(path: Path) -> bytes:
    """At most MAX_BYTES + 1 bytes of a file `inspect` accepted (it may have grown since)."""
    with open(path, "rb") as stream:
        return stream.read(MAX_BYTES + 1)


def signature(root: Path) -> tuple:
    """Every entry under `data/` with its time and size, from `lstat` (a dangling link or a FIFO is fine).

    The build reads data/ again only when this changes, which keeps `mkdocs serve` live.
    """
    found = []
    for folder, subfolders, names in os.walk(root / "data"):
        subfolders.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
            except OSError:
                continue
            found.append((os.path.relpath(path, root), info.st_mtime_ns, info.st_size, info.st_mode))
    return tuple(found)
