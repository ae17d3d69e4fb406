"""The files of docs/: pages (Markdown) and pictures (raster images), each a plain file of the repository.

Anything else a browser would run or show as a page of the site (an .html or .svg file, a script)
is refused, and so is every symbolic link, wherever it points: a link could publish a file from
outside the repository (docs/x.txt -> /etc/passwd), or make MkDocs walk the same folder forever.
A picture must start like the kind of file its name says, so no page hides behind an image's name.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ...data.problems import Problem
from .limits import PAGE_BYTES

# Pictures a page may show, and how each kind of file starts.
PICTURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
            ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".avif": (b"",)}
PICTURE_BYTES = 5_000_000
_SECOND = {".webp": (8, b"WEBP"), ".avif": (4, b"ftypavif")}  # where a second signature stands, and what it is
# A file's or folder's name becomes a page's address, its edit link and (without a heading) its title,
# which the theme prints as HTML and mkdocs-macros would render as Jinja: plain names only.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def symlinks(docs_dir: Path, docs: str) -> tuple[list[Problem], bool]:
    """Every symbolic link in docs/ (dot-folders included), and whether one of them is a folder's."""
    problems, folder = [], False
    for current, dirnames, filenames in os.walk(docs_dir, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(current, name)
            if path.is_symlink():
                folder = folder or path.is_dir()
                rel = path.relative_to(docs_dir).as_posix()
                problems.append(Problem(f"{docs}/{rel}", 1, 1, "this is a link to another file or folder, which docs/ may not hold "
                                        "(it could publish a file from outside the site)",
                                        "put the file itself here, or delete the link"))
    return problems, folder


def file_problem(docs_dir: Path, src_uri: str, docs: str) -> Problem | None:
    """What is wrong with one file of docs/ (not a link: `symlinks` reports those), if anything."""
    path = docs_dir / src_uri
    file = f"{docs}/{src_uri}"
    if not all(_NAME.fullmatch(part) for part in src_uri.split("/")):
        return Problem(file, 1, 1, "this name holds characters a file of docs/ may not use",
                       "rename it with letters, digits, '-', '_' and '.' only (e.g. working-with-families.md)")
    try:
        info = path.lstat()
    except OSError as error:
        return Problem(file, 1, 1, f"the file cannot be read ({error.strerror})", "check it is a normal file; restore it from the history if needed")
    if not stat.S_ISREG(info.st_mode):
        return Problem(file, 1, 1, "this is not a plain file", "delete it: docs/ holds pages and pictures only")
    suffix = path.suffix.lower()
    if suffix == ".md":
        if info.st_size > PAGE_BYTES:
            return Problem(file, 1, 1, f"the page is {info.st_size:,} bytes, more than {PAGE_BYTES:,}",
                           "split it into several pages (a page that long is hard to read on a phone anyway)")
        return None
    if suffix not in PICTURES:
        return Problem(file, 1, 1, f"docs/ holds only pages (.md) and pictures ({', '.join(PICTURES)}); this file is neither",
                       "move it out of docs/ (a page of the site is a .md file; other files would be published as they are)")
    if info.st_size > PICTURE_BYTES:
        return Problem(file, 1, 1, f"the picture is {info.st_size:,} bytes, more than {PICTURE_BYTES:,}",
                       "save it smaller (e.g. 1600 pixels wide): readers on phones download it")
    with open(path, "rb") as handle:
        head = handle.read(16)
    second = _SECOND.get(suffix)
    if not head.startswith(PICTURES[suffix]) or (second and head[second[0]: second[0] + len(second[1])] != second[1]):
        return Problem(file, 1, 1, f"the file is named {suffix} but is not a {suffix[1:].upper()} picture",
                       "save the picture again in that format, or give the file the name of its real format")
    return None
