"""`make check`: every check the build runs on data/ and docs/, with nothing written.

    python -m macros.editors.check [PROJECT_ROOT]

It is the build itself: MkDocs with the site's plugin (macros/plugin.py) in check mode, which runs
every check, stops before anything is written and hands back the problems. They are printed as
`file:line:column: what is wrong — how to fix it`, and in GitHub Actions also as annotations.
A warning MkDocs itself gives (the strict build would stop on it) is reported as a problem too.

Exit status 0 when all is well (warnings, such as an overdue review, do not fail), 1 when there is
any error, 2 if the checker itself failed. Never a traceback.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml

from ..data.lines import Lines
from ..data.problems import CheckFinished, Problem, report
from ..data.yaml_errors import yaml_problem

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice, printed when the theme loads


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml read for its syntax alone: `!ENV` and `!!python/name:` tags are taken as they are."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config_problem(config_file: Path) -> Problem | None:
    """A YAML mistake in mkdocs.yml (a nav line indented wrongly, say) at its line, in plain words."""
    text = config_file.read_text(encoding="utf-8")
    try:
        yaml.load(text, Loader=_AnyTag)
    except yaml.YAMLError as error:
        return yaml_problem(config_file.name, error, Lines(text))
    return None


@contextmanager
def _mkdocs_warnings():
    """What MkDocs and the other plugins warn about while the check runs (each an error for the strict build)."""
    said: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = said.append
    logger = logging.getLogger("mkdocs")
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield said
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _as_problems(said: list[logging.LogRecord], found: list[Problem], root: Path, docs: str) -> list[Problem]:
    """MkDocs' own warnings as problems, at the page they name; one a page already has an error for
    is left out (it is most likely the same mistake, which that error names better)."""
    named = {problem.file for problem in found if problem.level == "error"}
    problems = []
    for record in said:
        message = re.sub(r"\s+", " ", record.getMessage()).strip()
        # "Doc file 'a.md' contains a link 'b.md', …" is a problem of a.md only, not of the page it links to.
        writer = re.match(r"Doc file '([^'\s]+\.md)'", message)
        pages = ([writer.group(1)] if writer else re.findall(r"'([^'\s]+\.md)'", message)) or \
            re.findall(r"(?:^|\s)- (\S+\.md)\b", record.getMessage())
        files = [f"{docs}/{page}" for page in pages if (root / docs / page).is_file()] or ["mkdocs.yml"]
        for file in files:
            if file not in named:
                problems.append(Problem(file, 1, 1, f"the build would stop here: {message}",
                                        "fix what it names (the build treats every warning as an error)"))
    return problems


def check(root: Path):
    """Every problem in data/ and docs/, found by the build in check mode, and the validated data (or None)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    config_file = root / "mkdocs.yml"
    broken = _config_problem(config_file)
    if broken is not None:
        return [broken], None
    with tempfile.TemporaryDirectory(prefix="imh-check-") as scratch, _mkdocs_warnings() as said:
        try:
            config = load_config(str(config_file), site_dir=os.path.join(scratch, "site"))
        except ConfigurationError as error:
            return [Problem("mkdocs.yml", 1, 1, f"mkdocs.yml cannot be used: {error}",
                            "compare it with the last version that worked (its history on GitHub)")], None
        config.plugins["imh"].config.check_only = True  # the build stops before writing (macros/plugin.py)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except CheckFinished as finished:
            problems, index = finished.problems, finished.index
        except Abort as error:
            problems, index = [Problem("mkdocs.yml", 1, 1, f"the build stopped: {error}",
                                       "fix what it names, then run `make check` again")], None
        else:
            raise RuntimeError("the build did not stop in check mode")
        finally:
            config.plugins.on_shutdown()
        docs = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
    return problems + _as_problems(said, problems, root, docs), index


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    if not (root / "data").is_dir():
        print(f"{root / 'data'}: no data folder here — run `make check` in the project folder", file=sys.stderr)
        return 1
    problems, index = check(root)
    report(problems, sys.stderr)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        files = len({p.file for p in errors})
        print(f"\n{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} file{'s' if files != 1 else ''}. "
              "Fix each one at the file and line shown, then run `make check` again "
              "(docs/editing.md explains every field).", file=sys.stderr)
        return 1
    site = index.site
    modules = sum(len(c.modules) for c in site.courses)
    print(f"data/ is valid: {len(site.courses)} courses, {modules} modules, {len(site.topics)} monthly topics.")
    return 0


def run(argv: list[str]) -> int:
    """`main`, with any fault of the checker itself reported in one line, not a traceback."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 (the editor must never see a traceback)
        if os.environ.get("IMH_DEBUG"):
            raise
        print(f"make check stopped: {type(error).__name__}: {error} — this is a fault in the site's code, "
              "not in your edit: please report it (set IMH_DEBUG=1 to see the details)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
