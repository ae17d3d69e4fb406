"""ProperDocs, the maintained fork of MkDocs 1.6, builds the same site: every file equal to the
MkDocs build apart from the generator tag. Run by `make properdocs` (and its CI job)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.portable

PROPERDOCS = Path(sys.executable).parent / "properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): GENERATOR.sub(b"", path.read_bytes())
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site(site, tmp_path):
    dest = tmp_path / "properdocs"
    result = subprocess.run([str(PROPERDOCS), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(dest)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, f"ProperDocs build failed:\n{result.stdout}\n{result.stderr}"
    assert b"ProperDocs" in (dest / "index.html").read_bytes(), "the build did not run on ProperDocs"
    mkdocs, properdocs = files(site.path), files(dest)
    assert sorted(mkdocs) == sorted(properdocs), f"files differ: {set(mkdocs) ^ set(properdocs)}"
    differ = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert not differ, f"ProperDocs wrote these differently: {differ[:10]}"
