"""Every page carries a Content-Security-Policy that blocks what markup from the data could plant.

The policy is a `<meta http-equiv>` first in `<head>` (GitHub Pages sends no headers), the same on
every page: scripts from the site only, the theme's inline scripts by hash, WebAssembly for search,
no inline handlers, plugins, frames or other `<base>`. The built pages are read for it; then, in
Chromium, every page loads, search runs and instant navigation moves between pages with no
violation, and a page served with a handler, a script and a `javascript:` link planted in its
markup (as if they had got through) runs none of them and reports each as a violation.
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from macros.pages.csp import inline_scripts
from test_tools import DESKTOP, serve_sitemap_for_this_host

REQUIRED = {"default-src": {"'self'"}, "script-src": {"'self'", "'wasm-unsafe-eval'"}, "object-src": {"'none'"},
            "base-uri": {"'self'"}, "style-src": {"'self'"}, "form-action": {"'self'"}, "frame-src": {"'none'"}}


def directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def policy_of(html: str) -> str:
    meta = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, "no Content-Security-Policy"
    return meta["content"]


def pages(site) -> list[str]:
    return site.pages() + ["404.html"]


def test_every_page_has_the_same_strict_policy_first_in_its_head(site):
    policies = set()
    for url in pages(site):
        html = site.html(url)
        policy = policy_of(html)
        policies.add(policy)
        found = directives(policy)
        for name, values in REQUIRED.items():
            assert values <= set(found.get(name, [])), f"/{url}: {name} {found.get(name)}"
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", "*", "data:", "https:"} \
            & set(found["script-src"]), f"/{url}: {found['script-src']}"
        head = html[html.index("<head>"):html.index("</head>")]
        first = re.search(r"<(script|meta|title|link|style|base)\b[^>]*>", head)
        assert "Content-Security-Policy" in first.group(0), f"/{url}: the policy comes after {first.group(0)[:80]}"
        # Browsers look for the character encoding in the first 1,024 bytes.
        assert html.encode("utf-8").find(b'<meta charset="utf-8">') < 1024, f"/{url}: the charset comes too late"
    assert len(policies) == 1, "one policy on every page (instant navigation keeps the first page's)"


def test_every_inline_script_on_every_page_is_allowed_by_its_hash(site):
    allowed = set(directives(policy_of(site.html("")))["script-src"])
    seen = set()
    for url in pages(site):
        for script in inline_scripts(site.html(url)):
            digest = "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
            assert digest in allowed, f"/{url}: an inline script the policy blocks: {script[:100]!r}"
            seen.add(script)
    assert len(seen) >= 4, "the theme's scripts (storage, palette, content) and the site's own"
    assert not [url for url in pages(site) if re.search(r"<[^>]+\son[a-z]+\s*=", site.html(url))], \
        "no page relies on an inline event handler"
    assert not [url for url in pages(site) if re.search(r"""\sstyle\s*=\s*["']""", site.html(url))], \
        "no page relies on a style attribute"


def test_a_build_refuses_a_page_with_an_inline_script_of_its_own(tmp_path):
    """Markup that reached a page with a script (from docs/ or data) stops the build, at the page."""
    from conftest import build_site
    from project import fixture_project, quiet_env

    root = fixture_project(tmp_path / "project")
    overrides = root / "overrides" / "partials" / "copyright.html"
    overrides.write_text(overrides.read_text(encoding="utf-8") + "<script>window.planted = 1</script>\n", encoding="utf-8")
    result = build_site(tmp_path / "out", root=root, env=quiet_env())
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "holds an inline script that is not one of the theme's" in output and "window.planted = 1" in output
    assert not (tmp_path / "out" / "index.html").exists() or "window.planted" not in (tmp_path / "out" / "index.html").read_text()


def test_a_script_inside_a_comment_is_not_one_and_a_comment_ends_as_a_browser_ends_it():
    """A page may hold a comment (the docs/ gate lets one through) that mentions a script: a browser runs
    none of it, so the build must not refuse the page for it (the mutation fuzzer's find); but `<!-->` is
    a whole comment to a browser, so a script after it is live and counted."""
    html = "<!-- old: <script>alert(1)</script> --><p>x</p><!--><script>live()</script>--><!-- a --!><script>z()</script>"
    assert inline_scripts(html) == ["live()", "z()"]


# --- in a browser ---------------------------------------------------------------------------

RECORD = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
window.__ran = []; window.alert = (m) => window.__ran.push(String(m));"""


def violations(page) -> list[str]:
    return page.evaluate("() => window.__violations")


@pytest.mark.browser
def test_every_page_search_and_instant_navigation_run_with_no_violation(visit, site):
    v = visit(viewport=DESKTOP)
    v.context.add_init_script(RECORD)
    console: list[str] = []
    v.page.on("console", lambda message: console.append(message.text))
    for url in pages(site):
        v.goto(url)
        v.page.wait_for_function("() => window.document$ !== undefined")
        assert violations(v.page) == [], f"/{url}: {violations(v.page)}"
    # Search: Pagefind's WebAssembly compiles under 'wasm-unsafe-eval'.
    v.goto("")
    v.page.locator("input.md-search__input").click()
    v.page.locator("input.md-search__input").press_sequentially("reflective supervision")
    v.page.wait_for_selector(".md-search-result__list li article", timeout=15000)
    v.page.wait_for_function("() => !!document.querySelector('.md-search-result__list mark')", timeout=15000)
    assert violations(v.page) == []
    # Instant navigation from the root to pages two levels down and back.
    serve_sitemap_for_this_host(v)
    v.goto("")
    v.page.evaluate("() => { window.__sameDocument = true; }")
    v.page.locator(".md-tabs").get_by_role("link", name="Online credential").click()
    v.page.wait_for_url("**/credential/")
    v.page.locator(".md-content a[href*='courses/']").first.click()
    v.page.wait_for_url("**/courses/**")
    assert v.page.evaluate("() => window.__sameDocument === true"), "expected Material's instant navigation"
    assert violations(v.page) == [] and v.page.evaluate("() => window.__ran") == []
    assert not [m for m in console if "Content Security Policy" in m], console


PLANTED = ("<img src=x onerror=\"alert('onerror')\">"
           "<div id=imh-planted tabindex=0 onfocus=\"alert('onfocus')\" style=\"color: red\">planted</div>"
           "<a id=imh-planted-link href=\"javascript:alert('href')\">planted link</a>"
           "<script>alert('script')</script>")


@pytest.mark.browser
def test_a_handler_planted_in_a_page_is_blocked_and_reported(visit):
    """The markup the data or docs/ could once plant, served inside a real page: nothing runs, and
    the browser reports each as a Content-Security-Policy violation."""
    v = visit(viewport=DESKTOP)
    v.context.add_init_script(RECORD)
    console: list[str] = []
    v.page.on("console", lambda message: console.append(message.text))

    def plant(route):
        response = route.fetch()
        body = response.text().replace("<article class=\"md-content__inner md-typeset\">",
                                       "<article class=\"md-content__inner md-typeset\">" + PLANTED, 1)
        assert PLANTED in body
        route.fulfill(response=response, body=body)

    v.context.route("**/faq/", plant)
    v.goto("faq/")
    page = v.page
    page.wait_for_function("() => window.document$ !== undefined")
    page.locator("#imh-planted").focus()
    page.locator("#imh-planted-link").click()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__ran") == [], "a planted handler or script ran"
    assert page.evaluate("() => getComputedStyle(document.getElementById('imh-planted')).color") != "rgb(255, 0, 0)"
    found = violations(page)
    for directive in ("script-src-attr", "script-src-elem", "style-src-attr"):
        assert any(f.startswith(directive) for f in found), f"no {directive} violation: {found}"
    assert any("Content Security Policy" in m for m in console), console


def test_the_web_editors_guide_says_how_to_keep_its_token_safe(site):
    """The token lives in the browser's storage for the site's origin: the guide asks for the
    narrowest token and says a custom domain gives /admin/ an origin of its own."""
    text = " ".join(site.article("editing-online/").get_text(" ").split())
    for words in ("fine-grained", "never a classic token", "Only select repositories", "this site's repository only",
                  "Custom domain", "same origin", "Content-Security-Policy"):
        assert words in text, f"docs/editing-online.md no longer says {words!r}"
