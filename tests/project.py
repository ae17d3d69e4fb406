"""A scratch copy of the project, for tests that change data or build where they may break things.

The copy holds everything but the generated and installed folders; its `.venv` is a link to
the virtual environment running the tests, so `make check` and `make build` work in it as in
a clean clone (where `.venv` is inside the project) without installing anything.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.prefix)
SKIP = {".venv", "node_modules", "site", ".site-new", ".git", ".pytest_cache", ".cache", "__pycache__", "work",
        ".venv-plone", ".plone-site", ".plone-new"}


def copy_project(dest: Path) -> Path:
    """Copy the project into `dest` (which must not exist) and return it."""
    shutil.copytree(ROOT, dest, ignore=lambda folder, names: [n for n in names if n in SKIP], symlinks=True)
    (dest / ".venv").symlink_to(VENV, target_is_directory=True)
    if (ROOT / "node_modules").is_dir():  # the build copies the web editor from it (macros/editors/admin.py)
        (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest


# What `make check` reads besides data/ (it is the build in check mode, macros/editors/check.py):
# the site's configuration, its pages, its theme overrides and the macros module mkdocs-macros loads.
SITE_FILES = ("mkdocs.yml", "docs", "overrides", "macros")


def with_site_files(dest: Path) -> Path:
    """`dest` (a folder holding a data/ to check) given the site's other files `make check` reads."""
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def quiet_env(**extra: str) -> dict[str, str]:
    """The environment for a command whose output the test reads (no GitHub annotations unless asked)."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "MAKEFLAGS", "MFLAGS")}
    env.update(NO_MKDOCS_2_WARNING="1", **extra)
    return env


def make(root: Path, target: str, **env: str) -> subprocess.CompletedProcess:
    """`make <target>` in `root`, as an editor runs it; set-up steps are taken as done."""
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "node_modules/.installed", target],
                          cwd=root, capture_output=True, text=True, env=quiet_env(**env), timeout=300)


def check_in_process(root: Path, seconds: int = 180, github: bool = False) -> subprocess.CompletedProcess:
    """What `make check` runs (`python -m macros.editors.check`), inside the test process: the same
    function, the same output streams (standard output strict UTF-8, standard error with
    backslash escapes, both read back as `make(…, text=True)` reads them) and GitHub
    annotations only if `github`, without starting Python for each case. Exit status as the
    checker's (make turns 1 into 2); a hang raises TimeoutError (`seconds` is wall time: a guard
    against a hang on a busy host, not a speed target). tests/test_validation.py
    proves that `make check` prints the same."""
    from macros.editors import check

    def hang(signum, frame):
        raise TimeoutError(f"make check did not finish in {seconds} s")

    streams = {name: io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors, write_through=True)
               for name, errors in (("stdout", "strict"), ("stderr", "backslashreplace"))}
    saved = {name: getattr(sys, name) for name in streams}
    actions = os.environ.pop("GITHUB_ACTIONS", None)
    if github:
        os.environ["GITHUB_ACTIONS"] = "true"
    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        for name, stream in streams.items():
            setattr(sys, name, stream)
        status = check.run([str(root)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        for name, stream in saved.items():
            setattr(sys, name, stream)
        os.environ.pop("GITHUB_ACTIONS", None)
        if actions is not None:
            os.environ["GITHUB_ACTIONS"] = actions
    text = {name: io.TextIOWrapper(io.BytesIO(stream.buffer.getvalue()), encoding="utf-8").read()
            for name, stream in streams.items()}
    return subprocess.CompletedProcess(["python", "-m", "macros.editors.check", str(root)], status, text["stdout"], text["stderr"])


def set_field(path: Path, key: str, value: str, indent: str = "", after: str | None = None) -> None:
    """Replace `key: …` (and any lines continuing it) in a YAML file with `key: "value"`, or add it.

    `indent` is the key's indentation; `after` is text that comes before the key in the file
    (e.g. "- id: culture"), to pick one record of a list.
    """
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    pattern = re.compile(rf"^{indent}{re.escape(key)}:.*(?:\n(?:{indent}  .*|[ \t]*(?=\n)))*", re.M)
    match = pattern.search(text, start)
    line = f"{indent}{key}: {json.dumps(value, ensure_ascii=False)}"
    if match is None:  # a field the file leaves out: add it at the end (top level only)
        assert not indent and not after, f"{key!r} not found in {path}"
        text = text.rstrip("\n") + "\n" + line + "\n"
    else:
        text = text[: match.start()] + line + text[match.end():]
    path.write_text(text, encoding="utf-8")
