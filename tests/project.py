"""A scratch copy of the project, for tests that change data or build where they may break things.

The copy holds everything but the generated and installed folders; its `.venv` is a link to
the virtual environment running the tests, so `make check` and `make build` work in it as in
a clean clone (where `.venv` is inside the project) without installing anything.

Two kinds of copy, for two kinds of test:
- `copy_project`: the project as it is, today's content included. For tests of the real
  content and of the everyday edits, which read what they expect from data/ (tests/required.py).
- `fixture_project` / `fixture_data`: the code as it is, with the frozen content of
  tests/fixture/ (data/, the prose pages, their nav). For tests that break the content on
  purpose (the broken-edit corpus, the fuzzer, hostile text, the validator's messages): their
  anchors ("replace this line of rios-1.yaml") stay put whatever staff change in data/ or docs/.
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
# The frozen content for tests that must not move with today's content (tests/fixture/README.md).
FIXTURE = ROOT / "tests" / "fixture"


# Where today's content lives: what staff edit (data/, the pages of docs/) and the contract they
# update with it (the web editor is macros/editors/web_editor/, not docs/). mkdocs.yml is the site's settings
# (tests read its site_url); staff add a page's line to its `nav:`, which only the new-page
# recipe of tests/test_scenarios.py reads.
LIVE_CONTENT = [ROOT / "data", ROOT / "docs", ROOT / "tests" / "required.yaml"]


def is_live_content(path: str | os.PathLike) -> bool:
    """Whether `path` is (in) today's content of this project (not a copy, not the fixture)."""
    full = Path(os.path.abspath(path))
    within = lambda base: full == base or base in full.parents  # noqa: E731
    return any(within(base) for base in LIVE_CONTENT)


def follows_content(test_file: Path) -> bool:
    """Whether a test file takes what it expects from today's content: it imports tests/required.py
    or copies the project as it is (`copy_project`). These files run again on the edited copy of
    tests/test_scenarios.py; every other file is held by tests/conftest.py to read no content but
    the pages of the site it tests."""
    text = test_file.read_text(encoding="utf-8")
    return bool(re.search(r"^\s*(?:from required import|import required\b)|\bcopy_project\(", text, re.M))


def copy_project(dest: Path, content: bool = True) -> Path:
    """Copy the project into `dest` (which must not exist) and return it; without today's
    data/ and pages of docs/ if not `content`."""
    def ignore(folder: str, names: list[str]) -> list[str]:
        here = Path(folder)
        skipped = [n for n in names if n in SKIP]
        if not content and here == ROOT:
            skipped += [n for n in names if n == "data"]
        if not content and here in (ROOT / "docs", ROOT / "tests"):
            skipped += [n for n in names if is_live_content(here / n)]
        return skipped

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    (dest / ".venv").symlink_to(VENV, target_is_directory=True)
    if (ROOT / "node_modules").is_dir():  # the build copies the web editor from it (macros/editors/admin.py)
        (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    if (ROOT / ".venv-plone").is_dir():  # Plone, for the import test (tests/test_plone_import.py)
        (dest / ".venv-plone").symlink_to(ROOT / ".venv-plone", target_is_directory=True)
    return dest


# What `make check` reads besides data/ (it is the build in check mode, macros/editors/check.py):
# the site's configuration, its pages, its theme overrides and the macros module mkdocs-macros loads.
SITE_FILES = ("mkdocs.yml", "docs", "overrides", "macros")


def _config_with_nav(content: Path) -> str:
    """The project's mkdocs.yml with the `nav:` of `content` (the fixture's tests/fixture/nav.yml)."""
    nav = (content / "nav.yml").read_text(encoding="utf-8")
    nav = nav[re.search(r"^nav:", nav, re.M).start():]  # without the file's own comment
    text, count = re.subn(r"^nav:\n(?:[ \t#].*\n|\n)*", lambda _: nav, (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                          count=1, flags=re.M)
    assert count == 1, "mkdocs.yml has no `nav:` for the fixture's pages to replace"
    return text


def with_site_files(dest: Path) -> Path:
    """`dest` (a folder holding a data/ to check) given the other files `make check` reads: the
    project's code and settings, with the fixture's pages and their nav."""
    for name in SITE_FILES:
        source = ROOT / name
        if name == "mkdocs.yml":
            (dest / name).write_text(_config_with_nav(FIXTURE), encoding="utf-8")
        elif name == "docs":
            shutil.copytree(FIXTURE / "docs", dest / "docs")
        else:
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def fixture_data(dest: Path) -> Path:
    """`dest/data`, a copy of the fixture's data, with what else `make check` reads; returns `dest`."""
    shutil.copytree(FIXTURE / "data", dest / "data")
    return with_site_files(dest)


def fixture_project(dest: Path) -> Path:
    """The project's code with the fixture's content: data/, the pages of docs/ and their `nav:` in
    mkdocs.yml come from tests/fixture/; everything else (macros/, overrides/, the rest of
    mkdocs.yml) is the project's own. Builds and checks as `copy_project` does."""
    root = copy_project(dest, content=False)
    shutil.copytree(FIXTURE / "data", root / "data")
    shutil.copytree(FIXTURE / "docs", root / "docs", dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(_config_with_nav(FIXTURE), encoding="utf-8")
    return root


def json_values(value):
    """YAML values as a JSON Schema sees them (dates as text)."""
    import datetime as dt

    if isinstance(value, dict):
        return {k: json_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_values(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


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


def docs_gate(root: Path):
    """The build's docs/ gate for the project at `root`, ready to judge pages one by one, without a
    whole build: mkdocs.yml loaded and every plugin's `on_config` run (data/ read, the site's
    macros registered), as `make check` does before it reads docs/. `gate.page(src_uri, raw_bytes)`
    returns what MkDocs would read for the page; its problems are added to `gate.problems`.
    For tests that judge many pages (a fuzzer), a few milliseconds a page."""
    import tempfile

    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=tempfile.mkdtemp(prefix="imh-gate-"))
    config.plugins["imh"].config.check_only = True
    config = config.plugins.on_config(config)
    gate = config.plugins["imh"].gate
    gate.use_markdown(config.markdown_extensions, config.mdx_configs)
    return gate


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
