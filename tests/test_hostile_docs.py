"""docs/ is content, not code: a page or file a stranger's pull request puts in docs/ runs nothing
but the site's own macros, reads nothing outside the repository, and cannot stall or crash the build.

One copy of the project gets a page per payload (each in the navigation, so only the payload is
reported), files that are not pages or pictures, and symbolic links out of the repository. What
`make check` runs reports each at its line and finishes in bounded time; `make build` of the same
copy prints the same problems and writes nothing; `make serve`'s preview shows every such page
inert, and in Chromium nothing on it runs. A shell command planted in a page (body or front
matter) never runs in any of the three: it would leave a file behind.
"""

from __future__ import annotations

import re
import resource
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from project import check_in_process, docs_gate, fixture_project, make, quiet_env

# (name, the page's text after its heading, text on the line reported, words of the message)
PAYLOADS = [
    ("shell-in-body", "{{ lipsum.__globals__.os.popen('touch CANARY').read() }}", "lipsum", "'lipsum…' reaches into a value"),
    ("config", "{{ config.plugins }}", "config.plugins", "'config.plugins' reaches into a value"),
    ("environment", "{{ environment }}", "environment", "there is no macro 'environment'"),
    ("os-environ", "{{ self._TemplateReference__context.environ }}", "self._", "reaches into a value"),
    ("include", '{% include "linked.md" %}', "include", "{% include %} is not allowed in a page"),
    ("set", "{% set x = 7 * 7 %}{{ x }}", "set x", "{% set %} is not allowed in a page"),
    ("operator", '{{ count("courses") * 1000000 }}', "count", "'*' is not allowed in a page"),
    ("python-filter", '{{ "x" | attr("__class__") }}', "attr", "the filter '| attr' is not allowed in a page"),
    ("script", "<script>alert('S')</script>", "<script>", "<script> is not allowed in a page"),
    ("img-onerror", "<img src=x onerror=alert('I')>", "<img", "'onerror' runs a script"),
    ("svg-onload", "<svg onload=alert('V')></svg>", "<svg", "<svg> is not allowed in a page"),
    ("iframe", '<iframe src="https://example.org/"></iframe>', "<iframe", "<iframe> is not allowed in a page"),
    ("object", '<object data="x.swf"></object>', "<object", "<object> is not allowed in a page"),
    ("embed", '<embed src="x.swf">', "<embed", "<embed> is not allowed in a page"),
    ("form", '<form action="https://example.org/"><p>Your token</p></form>', "<form", "<form> is not allowed in a page"),
    ("style-element", "<style>body { display: none }</style>", "<style>", "<style> is not allowed in a page"),
    ("style-attribute", '<p style="position:fixed;inset:0">x</p>', "style=", "may not have the attribute 'style'"),
    ("details-ontoggle", "<details open ontoggle=alert('T')><summary>x</summary></details>", "ontoggle", "'ontoggle' runs a script"),
    ("a-javascript", '<a href="javascript:alert(\'A\')">x</a>', "javascript", "goes to an address a page may not link to"),
    ("a-entity-tab", '<a href="jav&#x09;ascript:alert(\'A\')">x</a>', "jav&#x09;", "goes to an address a page may not link to"),
    ("md-javascript", "[x](javascript:alert('M'))", "javascript", "goes to an address a page may not link to"),
    ("md-entity", "[x](&#106;avascript:alert('M'))", "&#106;", "goes to an address a page may not link to"),
    ("reference-javascript", "[x][r]\n\n[r]: javascript:alert('R')", "[r]:", "goes to an address a page may not link to"),
    ("data-image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "data:", "is not a file of this site"),
    ("remote-image", "![x](https://example.org/pixel.png)", "example.org", "is not a file of this site"),
    ("attribute-list", "A paragraph.\n{: onclick=\"alert('L')\" }", "onclick", "'onclick' runs a script"),
    ("inline-attribute-list", "[x](https://example.org/){ onmouseover=alert('L') }", "onmouseover", "'onmouseover' runs a script"),
    ("clobbered-id", '<div id="__config">{}</div>', "__config", "is not an id of lower-case letters"),
    ("clobbered-heading", "## __config", "__config", "is not an id of lower-case letters"),
    ("theme-class", '<div class="md-dialog">x</div>', "md-dialog", "the class 'md-dialog' is not one a page may use"),
    ("theme-attribute", '<div data-md-component="announce">x</div>', "data-md", "may not have the attribute 'data-md-component'"),
    ("escaped-backtick", "\\`<script>alert('B')</script>`", "<script>", "<script> is not allowed in a page"),
    ("macro-in-code", '`{{ data_text("training.intro") }}`', "data_text", "a macro inside code"),
    ("macro-in-address", '[x]({{ data_text("training.intro") }})', "data_text", "a macro cannot write a link's address"),
    ("control-character", "Red \x1b[31mtext", "Red", "an invisible control character (code 0x1b)"),
    ("unclosed-brackets", "![" * 30_000, "![", "is never closed"),  # took 174 s in make check before
    ("nested-emphasis", "*a " * 1500 + "b*" * 1500, "*a", "more than 5,000"),  # a RecursionError before
    ("nested-quotes", ">" * 2000 + " x", ">>>", "quotes are nested 2000 deep"),
    ("nested-html", "<div>" * 100 + "x", "<div>", "nested more than 20 deep"),
    ("many-abbreviations", "".join(f"*[T{i}]: term {i}\n\n" for i in range(200)), "*[T20]", "more than 20 abbreviations"),
    # Found by the mutation fuzzer (tests/test_mutations_docs.py): a literal between {{ }} wrote text no check
    # read, a '-' or a line break inside the braces joined lines after the checks, a comment a browser ends
    # at '<!-->', an admonition's type as the theme's class, operators nested past Python's recursion limit.
    ("literal-html", "{{ \"<img src=x onerror=alert('Q')>\" }}", "{{ \"<img", "'onerror' runs a script"),
    ("literal-link", "{{ \"[x](javascript:alert('Q'))\" }}", "javascript", "goes to an address a page may not link to"),
    ("literal-control", '{{ "\\x1b[2J" }}', "x1b", "an invisible control character (code 0x1b)"),
    ("whitespace-control", "[x]\n{{- \"\" -}}\n(javascript:alert('W'))", "{{-", "joins this line to the text around it"),
    ("comment-over-lines", "[x](java{#\n#}script:alert('C'))", "java{#", "runs over several lines"),
    ("empty-comment", "<!--><img src=x onerror=alert('E')>-->", "<!-->", "'onerror' runs a script"),
    ("theme-class-admonition", '!!! md-dialog "Sign in again"\n    Your session has ended.', "md-dialog",
     "the class 'md-dialog' is the theme's or the site's own"),
    ("deep-operators", "{{ " + "- " * 2000 + "1 }}", "{{ - -", "nested too deeply to read"),
    ("deep-brackets", '{{ points(' + "(" * 50 + '"components"' + ")" * 50 + ") }}", "points(", "brackets are nested more than 10 deep"),
    # A filter on a macro that writes a section changed the site's own markup (ids, links); a listing took any template.
    ("filter-on-section", '{{ points("components") | upper }}', "points", "writes a whole section"),
    ("listing-template", '{{ faq("field_reference") }}', "faq", "faq() cannot be called like this"),
]
# Front matter is read before the page and printed by the theme; mkdocs-macros would render a Jinja title.
FRONT_MATTER = [
    ("shell-in-title", "title: \"{{ lipsum.__globals__.os.popen('touch CANARY').read() }}\"", "title:", "holds {{ … }}"),
    ("html-in-description", "description: \"<img src=x onerror=alert('D')>\"", "description:", "holds HTML"),
    ("yaml-alias", "description: &a x\ntitle: *a", "&a", "uses a YAML anchor or alias"),
    # The theme prints these settings as they are: in the navigation, a class, a <meta> (found by the fuzzer).
    ("html-in-subtitle", "subtitle: \"<img src=x onerror=alert('S')>\"", "subtitle:", "holds '<', '>' or '\"'"),
    ("status-attribute", "status: 'new\" onmouseover=\"alert(1)'", "status:", "holds '<', '>' or '\"'"),
    ("author-refresh", "author: 'x\" http-equiv=\"refresh\" content=\"0;url=https://example.org/'", "author:", "holds '<', '>' or '\"'"),
    ("binary-subtitle", "subtitle: !!binary PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg==", "subtitle:", "is not text, a number or a list"),
    ("control-in-title", 'title: "\\x1b[2J"', "title:", "holds an invisible control character (code 0x1b)"),
    # mkdocs-macros hands every setting to Jinja by its name (a crash, or a macro replaced); the theme
    # includes the icon's file and renders the template named (base.html and redirect.html have no policy).
    ("key-not-a-word", "null: x", "---", "has a field named None, which is not a word"),
    ("macro-name-key", "fee: 5", "fee:", "has the name of a macro"),
    ("unknown-icon", "icon: material/no-such-icon", "icon:", "is not an icon of the theme"),
    ("redirect-template", "template: redirect.html\nlocation: https://example.org/", "template:", "is not a template for the site's pages"),
    # The theme's tags plugin and templates stop the build on other shapes; the plugin reads the list item by item.
    ("tags-not-a-list", "tags: x", "tags:", "should be a list of words"),
    ("hide-not-a-list", "hide: 5", "hide:", "should be a list of words"),
    ("structured-data-not-a-list", "structured_data: website", "structured_data:", "'structured_data' should be a list"),
]
# Files that are not pages or pictures, and links out of the repository.
FILES = {"docs/page.html": "<script>alert('H')</script>", "docs/assets/logo.svg": "<svg onload=alert('G')></svg>",
         "docs/assets/photo.png": "<html><script>alert('P')</script>", "docs/assets/app.js": "alert('J')"}
LINKS = {"docs/passwd.txt": "/etc/passwd", "docs/linked.md": "faq.md"}
# File names: a page's name becomes its address, its edit link and (without a heading) its title,
# which mkdocs-macros would render as Jinja and the theme prints as HTML.
NAMES = {"docs/{{ lipsum.__globals__.os.popen('touch CANARY').read() }}.md": "A page with no heading.\n",
         "docs/<img src=x onerror=alert('N')>.md": "A page with no heading.\n"}
MESSAGE = re.compile(r"^(docs/[^:\n]+):(\d+):(\d+): (?!warning: )(.+)$", re.M)
CANARY = "hostile-docs-canary"


def page_name(name: str) -> str:
    return f"docs/hostile/{name}.md"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = fixture_project(tmp_path_factory.mktemp("hostile-docs") / "project")
    canary = root / CANARY
    (root / "docs" / "hostile").mkdir()
    nav = []
    for name, body, *_ in PAYLOADS:
        (root / page_name(name)).write_text(f"# Payload {name}\n\n{body.replace('CANARY', str(canary))}\n", encoding="utf-8")
        nav.append(f"      - hostile/{name}.md")
    for name, front, *_ in FRONT_MATTER:
        (root / page_name(name)).write_text(f"---\n{front.replace('CANARY', str(canary))}\n---\n\n# Payload {name}\n",
                                            encoding="utf-8")
        nav.append(f"      - hostile/{name}.md")
    for path, text in FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    for path, target in LINKS.items():
        (root / path).symlink_to(target if target.startswith("/") else root / "docs" / target)
    for path, text in NAMES.items():
        (root / path.replace("CANARY", CANARY)).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      - Editing online: editing-online.md\n"
    assert anchor in text, "the test adds its pages after this nav line"
    config.write_text(text.replace(anchor, anchor + "\n".join(nav + ["      - linked.md"]) + "\n"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def checked(hostile) -> tuple[subprocess.CompletedProcess, float]:
    """What `make check` runs, in-process, and the CPU seconds it took."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    result = check_in_process(hostile, seconds=600)  # a hang guard only: the CPU time is what is bounded
    after = resource.getrusage(resource.RUSAGE_SELF)
    return result, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def line_of(root: Path, file: str, text: str) -> int:
    """The first line holding `text`, the page's own heading ("# Payload …") aside."""
    lines = (root / file).read_text(encoding="utf-8").split("\n")
    found = [n for n, line in enumerate(lines, 1) if text in line and not line.startswith("# Payload")]
    assert found, f"{file}: {text!r} is not in the page"
    return found[0]


def reported(output: str) -> list[tuple[str, int, int, str]]:
    return [(f, int(n), int(c), m) for f, n, c, m in MESSAGE.findall(output)]


@pytest.mark.parametrize("payload", PAYLOADS + FRONT_MATTER, ids=[p[0] for p in PAYLOADS + FRONT_MATTER])
def test_each_payload_is_refused_at_its_line(hostile, checked, payload):
    result, _ = checked
    name, _, at, says = payload
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-3000:]
    file = page_name(name)
    line = line_of(hostile, file, at)
    messages = [m for f, n, _, m in reported(output) if f == file and n == line]
    assert any(says in m for m in messages), f"expected {file}:{line}: {says}\nreported for the file: " + \
        "\n".join(f"{n}: {m}" for f, n, _, m in reported(output) if f == file)
    assert all(" — " in m for m in messages), "every message says how to fix it"


def test_files_that_are_not_pages_or_pictures_and_links_out_are_refused(checked):
    result, _ = checked
    files: dict[str, str] = {}
    for f, n, _, m in reported(result.stderr):
        files[f] = files.get(f, "") + m if n == 1 else files.get(f, "")
    for path in FILES:
        assert path in files and ("holds only pages" in files[path] or "is not a PNG picture" in files[path]), (path, files.get(path))
    for path in LINKS:
        assert path in files and "a link to another file or folder" in files[path], (path, files.get(path))
    for path in NAMES:
        path = path.replace("CANARY", CANARY)
        assert path in files and "this name holds characters a file of docs/ may not use" in files[path], (path, files.get(path))


def test_only_the_payloads_are_reported_and_the_check_is_quick(hostile, checked):
    """No false alarm on the site's own pages, and no input stalls the check: the 60 KB of '!['
    that took 174 s, nested emphasis that crashed with a RecursionError, 200 nested elements…
    (the whole check with all of them stays within a few seconds of CPU; normally about one)."""
    result, cpu = checked
    files = {f for f, *_ in reported(result.stderr)}
    expected = ({page_name(p[0]) for p in PAYLOADS + FRONT_MATTER} | set(FILES) | set(LINKS)
                | {path.replace("CANARY", CANARY) for path in NAMES})
    assert files == expected, f"unexpected: {files - expected}; missing: {expected - files}"
    assert cpu < 15, f"make check used {cpu:.1f} s of CPU on the hostile pages"


def test_nothing_planted_ran(hostile, checked):
    for folder in (hostile, Path.cwd()):  # a command in a file's name would run where the check runs
        assert not (folder / CANARY).exists(), "a shell command in a page ran during make check"


def test_the_build_refuses_the_same_and_writes_nothing(hostile, checked):
    result, _ = checked
    last_good = hostile / "site"
    last_good.mkdir(exist_ok=True)
    (last_good / "index.html").write_text("the last good site", encoding="utf-8")
    build = make(hostile, "build")
    output = build.stdout + build.stderr
    assert build.returncode != 0 and "Traceback" not in output, output[-3000:]
    assert sorted(reported(output)) == sorted(reported(result.stderr)), "the build and make check report the same"
    assert "Nothing was built" in output
    assert (last_good / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert not any((hostile / ".site-new").rglob("*")), "the build wrote something"
    assert not (hostile / CANARY).exists(), "a shell command in a page ran during make build"
    assert "root:" not in output, "a file from outside the repository was read"


def test_the_gate_alone_judges_each_page_as_the_build_does(hostile, checked):
    """`docs_gate` (tests/project.py), the gate without a whole build for tests that judge many
    pages, finds on each payload page exactly what `make check` found there."""
    result, _ = checked
    gate = docs_gate(hostile)
    for name, *_ in PAYLOADS + FRONT_MATTER:
        file = page_name(name)
        before = len(gate.problems)
        text = gate.page(file.removeprefix("docs/"), (hostile / file).read_bytes())
        assert "This page is not built until" in text, f"{name}: the gate let the page through"
        alone = sorted((p.file, p.line, p.column, f"{p.message} — {p.fix}") for p in gate.problems[before:] if p.level == "error")
        assert alone == sorted(r for r in reported(result.stderr) if r[0] == file), name


def test_a_link_to_a_folder_stops_the_check_at_once(tmp_path):
    """docs/loop -> docs would make MkDocs walk the same folder again and again (and two such
    links, 2^40 folders): the check and the build stop before MkDocs walks docs/."""
    root = fixture_project(tmp_path / "project")
    (root / "docs" / "loop").symlink_to(root / "docs", target_is_directory=True)
    (root / "docs" / "loop2").symlink_to(root / "docs", target_is_directory=True)
    result = check_in_process(root, seconds=120)
    assert result.returncode == 1, result.stderr
    assert {f for f, *_ in reported(result.stderr)} == {"docs/loop", "docs/loop2"}, result.stderr
    build = make(root, "build")
    assert build.returncode != 0 and "docs/loop:1:1: this is a link to another file or folder" in build.stdout + build.stderr
    shutil.rmtree(root / ".site-new", ignore_errors=True)


def test_a_recursion_error_in_markdown_is_a_message_at_the_page():
    """Should a page within every limit still make Markdown recurse too deep (here an extension
    stands in for it), the page gets one message and the build goes on to report it."""
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    from macros.pages.prose.gate import MarkdownProbe
    from macros.pages.prose.source import PageSource

    class Deep(Treeprocessor):
        def run(self, root, depth=0):
            return self.run(root, depth + 1)

    class DeepExtension(Extension):
        def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
            md.treeprocessors.register(Deep(md), "deep", 1)

    page = PageSource("docs/x.md", "x.md", "# x\n", body="# x\n")
    page.prose_for_markdown = page.body
    problems = MarkdownProbe(["abbr", DeepExtension()], {}).judge(page)
    assert [str(p) for p in problems] == ["docs/x.md:1:1: the page nests lists, quotes, emphasis or HTML too deeply for "
                                          "Markdown — nest fewer things inside one another (docs/editing.md lists the limits)"]


# --- the preview, in a real browser -----------------------------------------------------------

TRIPWIRE = "window.__ran = []; window.alert = (message) => window.__ran.push(String(message));"


@pytest.mark.browser
def test_the_preview_shows_refused_pages_inert_and_nothing_runs(hostile, browser):
    """A staff member previewing a stranger's pull request with `make serve` opens every page: each
    refused page is an inert stand-in under the problem banner, no script or handler runs, the
    shell command never runs, and nothing of the build's configuration is printed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"],
                              cwd=hostile, env=quiet_env(SITE_URL=base), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TRIPWIRE)
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(base + "hostile/script/", timeout=15) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "the preview never answered"
            time.sleep(1)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for name, *_ in PAYLOADS + FRONT_MATTER:
            page.goto(f"{base}hostile/{name}/")
            page.wait_for_load_state("load")
            text = page.locator("article").inner_text()
            assert "This page is not built until the problems found in it are fixed" in text, (name, text[:300])
            assert page.locator(".imh-preview-problem").count() == 1, f"{name}: the problem banner is missing"
            planted = page.evaluate("""() => [...document.querySelectorAll('article *')]
              .filter(e => ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'STYLE'].includes(e.tagName)
                           || [...e.attributes].some(a => a.name.startsWith('on') || a.name === 'style'))
              .map(e => e.outerHTML.slice(0, 120))""")
            assert planted == [], (name, planted)
            for leaked in ("MacrosPlugin", "PluginCollection", "site_dir", "PATH="):
                assert leaked not in page.content().replace("imh-preview-problem", ""), f"{name}: {leaked} printed"
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.__ran") == [] and dialogs == [], (page.evaluate("() => window.__ran"), dialogs)
        for path in FILES:  # never published, not even in the preview
            missing = page.goto(base + path.removeprefix("docs/"))
            assert missing is None or missing.status == 404, path
        passwd = page.goto(base + "passwd.txt")
        assert passwd is None or passwd.status == 404
        for path in NAMES:  # a page whose name is refused: a stand-in, titled by the site, not by the name
            page.goto(base + urllib.parse.quote(path.replace("CANARY", CANARY).removeprefix("docs/").removesuffix(".md")) + "/")
            assert page.title().startswith("This page is not built"), page.title()
        assert not (hostile / CANARY).exists(), "a shell command in a page ran during make serve"
    finally:
        context.close()
        server.terminate()
        server.communicate(timeout=30)
