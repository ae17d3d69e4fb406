"""`make serve`: the preview answers at the README's address and, while data/ has a problem,
keeps showing the last good site with a banner naming file:line — no request ever hangs."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request

from project import ROOT, copy_project, quiet_env


def test_make_serve_uses_the_readme_address():
    recipe = re.search(r"^serve:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert "SITE_URL=http://127.0.0.1:8000/" in recipe and "-a 127.0.0.1:8000" in recipe
    assert "http://127.0.0.1:8000" in (ROOT / "README.md").read_text(encoding="utf-8")


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=15) as response:  # a hung request fails the test
        return response.read().decode("utf-8")


def wait_for(url: str, condition, limit: float = 120) -> str:
    deadline = time.monotonic() + limit
    while True:
        try:
            text = get(url)
            if condition(text):
                return text
        except OSError:
            text = ""
        assert time.monotonic() < deadline, f"{url} never showed what was expected; last answer: {text[:300]}"
        time.sleep(1)


def test_a_data_problem_keeps_the_last_good_preview_and_shows_the_problem(tmp_path):
    root = copy_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              env=quiet_env(SITE_URL=base), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    course = root / "data" / "courses" / "rios-1.yaml"
    good = course.read_text(encoding="utf-8")
    try:
        page = wait_for(base + "courses/rios-1/", lambda text: "RIOS" in text)
        assert "imh-preview-problem" not in page
        assert "\nlength_weeks: 3\n" in good
        course.write_text(good.replace("\nlength_weeks: 3\n", "\nlength_weeks: three\n"), encoding="utf-8")
        line = good.split("\nlength_weeks:")[0].count("\n") + 2
        page = wait_for(base + "courses/rios-1/", lambda text: "imh-preview-problem" in text)
        assert f"data/courses/rios-1.yaml:{line}:15: &#39;length_weeks&#39; should be a whole number" in page
        assert "RIOS" in page, "the last good page is no longer shown"
        course.write_text(good, encoding="utf-8")
        wait_for(base + "courses/rios-1/", lambda text: "imh-preview-problem" not in text)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[1]
    assert f"data/courses/rios-1.yaml:{line}:15: 'length_weeks' should be a whole number" in output
