"""The GitHub files: workflows, issue forms, pull-request template and the pre-commit hook.

Workflows and issue forms are validated against SchemaStore's schemas (tests/data/schemastore/,
copied from the check-jsonschema 0.39.0 wheel on PyPI, which vendors them; Apache-2.0, see LICENSE
there). Every `run:` and hook names only make targets of the Makefile, scripts in the repository
and `kennisbank` subcommands; the pull request's check script runs here as it runs there.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import DATA, ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
SCHEMAS = DATA / "schemastore"


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true; GitHub reads it as 'on'
        data["on"] = data.pop(True)
    return data


def test_the_files_exist():
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "pages.yml"}
    assert {p.name for p in FORMS} == {"nieuw-praktijkvoorbeeld.yml", "wij-hergebruiken-dit.yml", "fout-melden.yml"}
    assert (GITHUB / "pull_request_template.md").is_file()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(path):
    schema = json.loads((SCHEMAS / "github-workflows.json").read_text(encoding="utf-8"))
    jsonschema.validate(load(path), schema)


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_issue_form_matches_githubs_schema(path):
    schema = json.loads((SCHEMAS / "github-issue-forms.json").read_text(encoding="utf-8"))
    jsonschema.validate(load(path), schema)


def test_schema_rejects_a_broken_workflow():
    schema = json.loads((SCHEMAS / "github-workflows.json").read_text(encoding="utf-8"))
    broken = load(GITHUB / "workflows" / "pages.yml")
    broken["jobs"]["bouwen"]["runs-on"] = None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_pinned_least_privilege_and_grouped(path):
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"]
    for step in steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"actions/[\w-]+@(v\d+|[0-9a-f]{40})", step["uses"]), step["uses"]
    for job in workflow["jobs"].values():
        assert "timeout-minutes" in job
        assert set(job.get("permissions", {})) <= {"pages", "id-token"}
    assert "secrets." not in path.read_text(encoding="utf-8")


def test_pull_request_workflow_does_what_the_issue_asks():
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    assert list(workflow["on"]) == ["pull_request"]
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "sh tools/ci-check.sh" in runs and "make test" in runs and "make site" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps(workflow))
    script = (ROOT / "tools" / "ci-check.sh").read_text(encoding="utf-8")
    assert "check content --format github" in script and "GITHUB_STEP_SUMMARY" in script


def test_pages_workflow_uses_the_official_actions():
    workflow = load(GITHUB / "workflows" / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    used = [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used
    assert workflow["jobs"]["publiceren"]["permissions"] == {"pages": "write", "id-token": "write"}


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^(\w+)\s*:?=\s*(.*?)\s*$", text, re.MULTILINE))
    targets = set()
    for target in re.findall(r"^([^\s:#=]+(?:\s+[^\s:#=]+)*)\s*:(?!=)", text, re.MULTILINE):
        for name in target.split():
            for _ in range(3):
                name = re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), m.group(0)), name)
            targets.add(name)
    return targets - {".PHONY"}


def kennisbank_commands() -> set[str]:
    from generator.cli import _parser

    return set(next(a for a in _parser()._actions if a.dest == "command").choices)


def assert_command_exists(line: str) -> None:
    words = shlex.split(line)
    if not words:
        return
    if words[0] == "make":
        assert set(words[1:]) <= make_targets(), line
    elif words[0] == "sh":
        assert (ROOT / words[1]).is_file(), line
    elif words[0].endswith("kennisbank"):
        assert words[1] in kennisbank_commands(), line
    else:
        raise AssertionError(f"onbekend commando in de workflow: {line}")


def test_every_command_exists():
    assert ".venv/.installed" in make_targets() and "test" in make_targets()
    lines = [line for path in WORKFLOWS for step in steps(load(path)) for line in step.get("run", "").splitlines()]
    hooks = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))["repos"][0]["hooks"]
    lines += [hook["entry"] for hook in hooks]
    script = (ROOT / "tools" / "ci-check.sh").read_text(encoding="utf-8")
    lines += [line.strip().replace('"$KENNISBANK"', "kennisbank") for line in script.splitlines()
              if line.strip().startswith('"$KENNISBANK"')]
    assert len(lines) >= 8
    for line in lines:
        assert_command_exists(line)


def kennisbank() -> str:
    return str(Path(sys.executable).parent / "kennisbank")


def test_the_pull_request_check_runs_as_in_the_workflow(tmp_path):
    summary = tmp_path / "summary.md"
    env = dict(os.environ, GITHUB_STEP_SUMMARY=str(summary), KENNISBANK=kennisbank(), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(["sh", "tools/ci-check.sh"], cwd=ROOT, env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout
    assert "## Controle van de records" in summary.read_text(encoding="utf-8")
    assert "0 fout(en)" in summary.read_text(encoding="utf-8")


def test_the_check_script_fails_and_annotates_on_broken_content(tmp_path):
    for name in ("content",):
        subprocess.run(["cp", "-r", str(ROOT / name), str(tmp_path / name)], check=True)
    (tmp_path / "content" / "projects" / "kapot.md").write_text("---\nschema_versie: 1\n---\n", encoding="utf-8")
    (tmp_path / "tools").mkdir()
    subprocess.run(["cp", str(ROOT / "tools" / "ci-check.sh"), str(tmp_path / "tools")], check=True)
    summary = tmp_path / "summary.md"
    env = dict(os.environ, GITHUB_STEP_SUMMARY=str(summary), KENNISBANK=kennisbank(), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(["sh", "tools/ci-check.sh"], cwd=tmp_path, env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=300)
    assert result.returncode == 1
    assert "::error file=" in result.stdout
    assert "kapot.md" in summary.read_text(encoding="utf-8")


def test_pre_commit_hook_checks_a_changed_record():
    hooks = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))["repos"][0]["hooks"]
    record = "content/projects/leiden-ontwikkelpool.md"
    hook = next(h for h in hooks if re.search(h["files"], record))
    command = shlex.split(hook["entry"])
    command[0] = kennisbank()
    result = subprocess.run([*command, record], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not any(re.search(h["files"], "content/vocabulaires.yaml") for h in hooks if h is hook)
    assert any(re.search(h["files"], "content/vocabulaires.yaml") for h in hooks)


def test_templates_are_dutch():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "Controlelijst van de redacteur" in text and "INVULLEN" in text
