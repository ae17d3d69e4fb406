"""Shared fixtures: one strict build of the site per test session, and its pages parsed.

`make test` runs the suite on two workers (pytest-xdist, whole files per worker): they share
the one build of the site; each has its own browser and server.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]


def build_site(dest: Path, root: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `root` into `dest`, as CI and `make build` do."""
    return subprocess.run(
        # Not --quiet: MkDocs 1.6 then drops warnings before --strict counts them, and builds anyway.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(dest)],
        cwd=root, capture_output=True, text=True, env={**os.environ, **(env or {})},
    )


def plone_tree_of(dest: Path) -> Path:
    """Where a build into `dest` also writes the Plone content tree (`make plone`'s IMH_PLONE_EXPORT)."""
    return dest.with_name(dest.name + ".plone")


def plone_env(dest: Path) -> dict:
    return {"IMH_PLONE_EXPORT": str(plone_tree_of(dest))}


class BuiltSite:
    """The built site on disk, with helpers to read pages as a reader's browser gets them."""

    def __init__(self, path: Path):
        self.path = path
        self.plone_tree = plone_tree_of(path)  # the same build's Plone content tree (tests/test_plone_*.py)

    def file(self, url: str) -> Path:
        """`courses/rios-1/` -> site/courses/rios-1/index.html."""
        rel = url.strip("/")
        target = self.path / rel
        return target / "index.html" if not rel.endswith((".html", ".json", ".xml", ".txt", ".ics")) else target

    @lru_cache(maxsize=None)  # noqa: B019 (one BuiltSite per build, kept for the session)
    def html(self, url: str) -> str:
        return self.file(url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(url), "html.parser")

    def article(self, url: str) -> BeautifulSoup:
        """The page's main content, without header, navigation and footer."""
        return self.soup(url).select_one("article.md-content__inner")

    def pages(self) -> list[str]:
        """Every reader's HTML page's URL, e.g. '', 'pathway/', 'courses/rios-1/' (not the web editor, admin/)."""
        urls = []
        for f in sorted(self.path.rglob("index.html")):
            rel = f.parent.relative_to(self.path).as_posix()
            if rel == "admin":
                continue
            urls.append("" if rel == "." else rel + "/")
        return urls

    @property
    def search_index(self) -> dict:
        """The site's search entries (Pagefind's index read back, see search_docs.py)."""
        from search_docs import read_index

        return read_index(self.path)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    if os.environ.get("IMH_BUILT_SITE"):  # a site built beforehand, by `make build` (tests/test_scenarios.py)
        return BuiltSite(Path(os.environ["IMH_BUILT_SITE"]))
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        dest = tmp_path_factory.mktemp("site")
        result = build_site(dest, env=plone_env(dest))
        assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
        return BuiltSite(dest)
    # Workers of one run: the first builds into the run's shared temporary folder, the others
    # wait for it and read the same pages (no test writes into the built site).
    shared = tmp_path_factory.getbasetemp().parent
    dest, done = shared / "site", shared / "site.built"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            result = build_site(dest, env=plone_env(dest))
            assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
            done.touch()
    return BuiltSite(dest)


# --- a real browser ---------------------------------------------------------------------

import re  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

from serve import Server  # noqa: E402  (tests/serve.py: the one GitHub-Pages-like server, bench's too)

FULL_CHROMIUM = "/usr/bin/chromium"  # Debian's full browser: the web editor's test (tests/test_cms.py)
# Debian's headless shell, which the Makefile installs (`make test TEST_BROWSER=/usr/bin/chromium` runs the
# browser tests in the full browser instead); where the system has no such package, its full Chromium.
WANTED = os.environ.get("TEST_BROWSER", "/usr/bin/chromium-headless-shell")
CHROMIUM = WANTED if Path(WANTED).exists() or not Path(FULL_CHROMIUM).exists() else FULL_CHROMIUM
DEAD_PORT = 9  # the discard port: nothing listens on it here


def site_prefix(site: BuiltSite) -> str:
    """The path of site_url, e.g. "/imh-pathways/", read from the built sitemap."""
    sitemap = site.path / "sitemap.xml"
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.is_file() else []
    return urlsplit(locs[0]).path if locs else "/"


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1 (a free port) as GitHub Pages serves it; yields its
    base URL ending in '/'."""
    with Server(site.path, prefix=site_prefix(site)) as url:
        yield url


# Every address but the test server's own (loopback skips the proxy) goes to a proxy that is not
# there: a request to another host fails at once and never leaves.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic", f"--proxy-server=http://127.0.0.1:{DEAD_PORT}"]


@pytest.fixture(scope="session")
def playwright_session():
    """Playwright, started once a session (it cannot be started twice in one thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


def launch(playwright_session, path: str):
    """A headless Debian Chromium (never a downloaded build) at `path`."""
    if not Path(path).exists():
        pytest.fail(f"{path} is missing: run `make test`, which installs Debian's chromium-headless-shell and chromium")
    return playwright_session.chromium.launch(executable_path=path, args=LAUNCH_ARGS)


@pytest.fixture(scope="session")
def browser(playwright_session):
    """One headless Debian Chromium for the whole session: by default chromium-headless-shell, the
    Chromium Playwright's own headless mode runs."""
    browser = launch(playwright_session, CHROMIUM)
    yield browser
    browser.close()


class Visit:
    """A browser context that records every request, so tests can prove nothing leaves the site."""

    def __init__(self, context, base: str):
        self.context = context
        self.base = base
        self.requests: list[str] = []
        self.foreign: list[str] = []
        host = urlsplit(base).netloc

        def seen(request):
            url = request.url
            self.requests.append(url)
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != host:
                self.foreign.append(url)

        # Recorded, not intercepted: routing every request would turn off the browser's cache, so
        # each page would load and compile the theme's scripts again. The browser cannot reach
        # another host anyway (`browser`: its only proxy answers nothing).
        context.on("request", seen)
        self.page = context.new_page()

    def goto(self, url: str = "", **kwargs):
        return self.page.goto(self.base + url.lstrip("/"), **kwargs)


@pytest.fixture
def visit(browser, server, request):
    """`visit()` -> a fresh browser profile (phone-sized unless `viewport=` is given)."""
    contexts = []

    def make(viewport=None, java_script_enabled=True, color_scheme="light", **kwargs) -> Visit:
        context = browser.new_context(
            viewport=viewport or {"width": 375, "height": 667},
            java_script_enabled=java_script_enabled, color_scheme=color_scheme, **kwargs,
        )
        contexts.append(context)
        return Visit(context, server)

    yield make
    for context in contexts:
        context.close()


# The longest files first, longest to shortest (each file's CPU, bench/NOTES.md): workers take
# whole files in this order (`make test`), so the run ends on short files instead of one worker
# finishing a long one while the other waits.
FIRST = ("test_scenarios.py", "test_mutations.py", "test_browser_phone.py", "test_validation.py", "test_tools.py",
         "test_browser_search.py", "test_hostile_docs.py", "test_hostile.py", "test_browser_accessibility.py",
         "test_plone_import.py", "test_broken_input.py", "test_mutations_docs.py", "test_cms.py", "test_docs_check.py",
         "test_hostile_csp.py")


def pytest_collection_modifyitems(items):
    rank = {name: n for n, name in enumerate(FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(FIRST)))  # stable: the rest keep their order


def pytest_terminal_summary(terminalreporter):
    """Figures a test records as its "summary" (the reading grades), printed after the run: a
    worker's own output never reaches the terminal."""
    for report in terminalreporter.getreports("passed"):
        for name, value in report.user_properties:
            if name == "summary":
                terminalreporter.write_sep("-", report.nodeid.split("::")[-1])
                terminalreporter.write_line(value)


# --- a test reads today's content only if its file says so -----------------------------------
# tests/test_scenarios.py runs again, on a copy of the project with everyday edits made, every
# test file that takes what it expects from today's content (project.follows_content: it
# imports tests/required.py or copies the project). That is only the same as running the whole
# suite there if no other file reads the content: this guard fails any test of another file that
# opens data/, a page of docs/, mkdocs.yml or tests/required.yaml of this project, or starts a
# program on them (building the site under test excepted: its pages are what every test judges).

from project import follows_content, is_live_content  # noqa: E402

_FOLLOWS: dict[str, bool] = {}
_READS = pytest.StashKey[dict]()


class _Guard:
    reads: list[str] | None = None  # while a guarded phase runs: what it read of today's content
    busy = False


def _audit(event: str, args: tuple) -> None:
    if _Guard.reads is None or _Guard.busy or event not in ("open", "subprocess.Popen"):
        return
    _Guard.busy = True
    try:
        if event == "open":
            path = args[0]
            if isinstance(path, (str, bytes, os.PathLike)) and is_live_content(os.fsdecode(path)) and not _through_required():
                _Guard.reads.append(os.fsdecode(path))
        else:
            argv = [os.fsdecode(a) for a in (args[1] if isinstance(args[1], (list, tuple)) else [args[1]])
                    if isinstance(a, (str, bytes, os.PathLike))]
            builds = "build" in argv and any(Path(a).name in ("mkdocs", "properdocs") or a == "mkdocs" for a in argv)
            named = [a for a in argv if os.path.isabs(a) and is_live_content(a)]
            # `make check` or the checker, run on this project (a root given, or the folder it runs in).
            checks = any("macros.editors.check" in a for a in argv) or argv[-1:] == ["check"]
            cwd = os.path.abspath(os.fsdecode(args[2])) if args[2] is not None else os.getcwd()
            target = next((a for a in reversed(argv) if os.path.isabs(a) and os.path.isdir(a)), cwd)
            if (named and not builds) or (checks and os.path.abspath(target) == str(ROOT)):
                _Guard.reads.append("program: " + " ".join(argv)[:200])
    finally:
        _Guard.busy = False


sys.addaudithook(_audit)

_REQUIRED = str(Path(__file__).with_name("required.py"))


def _through_required() -> bool:
    """Whether tests/required.py is reading: loading it once for a file that imports it can happen
    while another file is collected (test_plone_import imports test_plone_export)."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename == _REQUIRED:
            return True
        frame = frame.f_back
    return False


def _guarded(item) -> bool:
    path = str(item.path)
    if path not in _FOLLOWS:
        _FOLLOWS[path] = follows_content(Path(path))
    return not _FOLLOWS[path]


def _watch(item, when: str):
    if not _guarded(item):
        yield
        return
    _Guard.reads = []
    try:
        yield
    finally:
        item.stash.setdefault(_READS, {})[when] = _Guard.reads
        _Guard.reads = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    yield from _watch(item, "setup")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    yield from _watch(item, "call")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield from _watch(item, "teardown")


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """A test file's own import (module-level code) is held to the same rule as its tests."""
    if not isinstance(collector, pytest.Module) or not _guarded(collector):
        yield
        return
    _Guard.reads = []
    try:
        outcome = yield
    finally:
        reads, _Guard.reads = _Guard.reads, None
    report = outcome.get_result()
    if reads and report.outcome != "failed":
        report.outcome = "failed"
        report.longrepr = _refusal(collector.nodeid, reads)


def _refusal(nodeid: str, reads: list[str]) -> str:
    shown = sorted({r.replace(str(ROOT) + os.sep, "") for r in reads})
    return (f"{nodeid} read today's content ({', '.join(shown[:5])}), but its file takes nothing from it, so "
            "tests/test_scenarios.py would not run it again after everyday edits. Read what it expects through "
            "tests/required.py (the file then runs on the edited copy), or use the frozen content of tests/fixture/ "
            "(tests/project.py: fixture_data, fixture_project).")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    reads = item.stash.get(_READS, {}).get(call.when)
    if reads and report.outcome != "failed":
        report.outcome = "failed"
        report.longrepr = _refusal(item.nodeid, reads)
