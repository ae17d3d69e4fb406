"""The Python code passes the linter the project pins (ruff, rules in pyproject.toml): no unused or
undefined names, no blind `except Exception` without a reason, no loop variable caught late."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from project import ROOT

RUFF = Path(sys.executable).with_name("ruff")


def test_python_code_passes_the_linter():
    result = subprocess.run([str(RUFF), "check", "--no-cache", "--output-format", "concise", "macros", "tests", "bench"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"ruff found problems (fix them, or say why in a `# noqa: CODE (reason)`):\n{result.stdout}{result.stderr}"
