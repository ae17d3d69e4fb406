"""Shared fixtures: one strict build of the site per test session, and its pages parsed."""

from __future__ import annotations

import json
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
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"), "-d", str(dest)],
        cwd=root, capture_output=True, text=True, env={**os.environ, **(env or {})},
    )


class BuiltSite:
    """The built site on disk, with helpers to read pages as a reader's browser gets them."""

    def __init__(self, path: Path):
        self.path = path

    def file(self, url: str) -> Path:
        """`courses/rios-1/` -> site/courses/rios-1/index.html."""
        rel = url.strip("/")
        target = self.path / rel
        return target / "index.html" if not rel.endswith((".html", ".json", ".xml", ".txt", ".ics")) else target

    @lru_cache(maxsize=None)
    def html(self, url: str) -> str:
        return self.file(url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(url), "html.parser")

    def article(self, url: str) -> BeautifulSoup:
        """The page's main content, without header, navigation and footer."""
        return self.soup(url).select_one("article.md-content__inner")

    def pages(self) -> list[str]:
        """Every HTML page's URL, e.g. '', 'pathway/', 'courses/rios-1/'."""
        urls = []
        for f in sorted(self.path.rglob("index.html")):
            rel = f.parent.relative_to(self.path).as_posix()
            urls.append("" if rel == "." else rel + "/")
        return urls

    @property
    def search_index(self) -> dict:
        return json.loads((self.path / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(dest)
