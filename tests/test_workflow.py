"""The GitHub workflow: valid, pinned, least privilege, checks pull requests and deploys main; and
`make check`'s problems as annotations GitHub pins to their line. Nothing here reads the site's
content (the annotation is made on the frozen data of tests/fixture/)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT
from project import check_in_process, fixture_data

VENV_BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
SHA_PIN = re.compile(r"^\s*-?\s*uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+\.\d+\.\d+\s*$")


def workflow() -> dict:
    assert WORKFLOWS, "no workflow in .github/workflows/"
    main = ROOT / ".github" / "workflows" / "site.yml"
    return yaml.safe_load(main.read_text(encoding="utf-8"))


def test_workflows_match_the_github_workflow_schema():
    result = subprocess.run(
        [str(VENV_BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_at_medium_or_above():
    result = subprocess.run(
        [str(VENV_BIN / "zizmor"), "--offline", "--format", "json", "--min-severity", "medium", *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )
    findings = json.loads(result.stdout or "null")
    assert findings == [], json.dumps(findings, indent=1)[:4000]


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*-?\s*uses:", line):
                assert SHA_PIN.match(line), f"{path.name}:{number}: not pinned as `owner/action@<40-hex sha> # vX.Y.Z`: {line.strip()}"


def test_least_privilege_and_no_persisted_credentials():
    wf = workflow()
    assert wf["permissions"] == {}, "top-level permissions must be empty; grant per job"
    for name, job in wf["jobs"].items():
        assert "permissions" in job, f"job {name} must say which permissions it needs"
        writes = {k for k, v in job["permissions"].items() if v == "write"}
        assert writes <= {"pages", "id-token"}, f"job {name} asks to write {writes}"
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
                assert step["with"]["fetch-depth"] == 0, "page dates come from git: fetch the whole history"
    assert wf["jobs"]["build"]["permissions"]["contents"] == "read"
    assert "write" not in wf["jobs"]["build"]["permissions"].values()
    deploy = wf["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_pull_requests_check_build_test_and_upload_and_main_deploys():
    wf = workflow()
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = wf["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    order = [next(i for i, r in enumerate(runs) if r.startswith(cmd)) for cmd in ("make check", "make build", "make test")]
    assert order == sorted(order), "check, then build, then test"
    uses = {s.get("uses", "").split("@")[0]: s for s in steps}
    artifact = uses["actions/upload-artifact"]
    assert artifact["if"] == "github.event_name == 'pull_request'" and artifact["with"]["path"].rstrip("/") == "site"
    pages = uses["actions/upload-pages-artifact"]
    assert pages["if"] == "github.event_name != 'pull_request'" and pages["with"]["path"].rstrip("/") == "site"
    assert "actions/configure-pages" in uses and uses["actions/configure-pages"]["id"] == "pages"
    env_step = next(s for s in steps if "SITE_URL=" in s.get("run", ""))
    assert env_step["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert "REPO_URL=" in env_step["run"]
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_data_errors_become_annotations_on_the_line(tmp_path):
    """`make check` in Actions prints each data problem as a workflow command GitHub pins to the line."""
    fixture_data(tmp_path)
    course = tmp_path / "data" / "courses" / "rios-1.yaml"
    lines = course.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("format:"))
    lines[number - 1] = "format: by carrier pigeon"
    course.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_in_process(tmp_path, github=True)
    returncode, output = result.returncode, result.stdout + result.stderr
    assert returncode == 1
    assert f"::error file=data/courses/rios-1.yaml,line={number}," in output, output
