"""The built site has no broken internal link or anchor (lychee) and no HTML error (the Nu HTML
Checker), except the theme's `autocomplete` on its checkbox toggles.

Each checker runs once over every page. Each run also includes a small page with a known
fault, so a checker that silently stopped checking would fail these tests too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from test_publish import site_url

LYCHEE = Path(sys.executable).parent / "lychee"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_files(site) -> list[Path]:
    return sorted(site.path.rglob("*.html"))


def served_root(site, tmp_path: Path) -> Path:
    """A folder laid out like the web server: the site under site_url's path (e.g. /imh-pathways/),
    so root-relative links (the 404 page's) resolve as they do on GitHub Pages."""
    prefix = urlsplit(site_url()).path.strip("/")
    if not prefix:
        return site.path
    root = tmp_path / "www"
    (root / prefix).parent.mkdir(parents=True, exist_ok=True)
    (root / prefix).symlink_to(site.path, target_is_directory=True)
    return root


def lychee(files: list[Path], root: Path, base: str, target: Path) -> dict:
    """lychee, offline, checking fragments; the site's own absolute URLs (canonical links and
    the like) are mapped onto the built files so they are checked too."""
    result = subprocess.run(
        [str(LYCHEE), "--offline", "--include-fragments", "--no-progress", "--format", "json",
         "--root-dir", str(root), "--index-files", "index.html",
         "--remap", f"^{base.replace('.', '[.]')}(.*)$ file://{target}/$1",
         *map(str, files)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode in (0, 2), f"lychee failed to run:\n{result.stderr}"
    return json.loads(result.stdout)


def failures(report: dict) -> list[str]:
    return [f"{Path(page).relative_to(Path(page).anchor)}: {e['url']} ({e['status'].get('text', '')})"
            for page, errors in report.get("error_map", {}).items() for e in errors]


def test_no_broken_internal_links_or_anchors(site, tmp_path):
    report = lychee(html_files(site), served_root(site, tmp_path), site_url(), site.path)
    assert report["total"] > 500, "lychee found suspiciously few links"
    assert report["remaps"] > 0, "the site's own absolute addresses were not checked"
    broken = failures(report)
    assert not broken, f"{len(broken)} broken links or anchors:\n" + "\n".join(broken[:60])


def test_lychee_reports_a_broken_anchor_and_a_missing_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<!doctype html><title>a</title><h1 id="here">A</h1>', encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<!doctype html><title>t</title><a href="a/#here">ok</a> <a href="a/#nowhere">bad anchor</a> '
                    '<a href="b/">missing</a>', encoding="utf-8")
    broken = failures(lychee([page], tmp_path, "https://example.invalid/", tmp_path))
    assert any("#nowhere" in b for b in broken) and any("/b" in b for b in broken), broken
    assert not any("#here" in b for b in broken), broken


def allowed(message: dict) -> bool:
    """The theme's own `autocomplete="off"` on its checkbox toggles (drawer, search, navigation)."""
    return "autocomplete" in message["message"] and 'type="checkbox"' in message.get("extract", "")


@pytest.fixture(scope="module")
def vnu_report(site, tmp_path_factory) -> dict:
    faulty = tmp_path_factory.mktemp("vnu") / "faulty.html"
    faulty.write_text('<!doctype html><html lang="en"><head><title>x</title></head>'
                      '<body><p><div>a block in a paragraph</div></p></body></html>', encoding="utf-8")
    result = subprocess.run(
        # C1 compilation only: the run is short, so this halves the checker's CPU time.
        ["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, html_files(site)), str(faulty)],
        capture_output=True, text=True, timeout=240,
    )
    report = json.loads(result.stderr or result.stdout)
    for m in report["messages"]:
        m["path"] = urlsplit(m.get("url", "")).path  # vnu writes file:/tmp/…, not file:///tmp/…
    report["faulty"] = str(faulty)
    return report


def test_nu_html_checker_finds_no_errors(site, vnu_report):
    errors = [m for m in vnu_report["messages"]
              if m["path"] != vnu_report["faulty"] and m["type"] == "error" and not allowed(m)]
    shown = [f"{Path(m['path']).relative_to(site.path)}:{m.get('lastLine')}: {m['message']}"
             f" | {m.get('extract', '').strip()[:120]}" for m in errors]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(shown[:40])


def test_nu_html_checker_checked_every_page(vnu_report):
    faulty = [m for m in vnu_report["messages"] if m["path"] == vnu_report["faulty"]]
    assert any("p" in m["message"] for m in faulty), "the checker missed a known error: is it running?"
    fatal = [m for m in vnu_report["messages"] if m["type"] == "non-document-error"]
    assert not fatal, fatal
