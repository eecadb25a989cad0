"""`make site` tells where it is: one line per stage in CI logs, nothing when piped, and `--timings`
gives `make bench` the same figures (issue #18)."""

from __future__ import annotations

import json

from conftest import ROOT, run_generator

STAGES = ["controleren", "renderen", "mkdocs", "nabewerken", "wisselen"]


def test_ci_log_has_one_line_per_stage_and_timings_match(tmp_path):
    timings = tmp_path / "stappen.json"
    result = run_generator("build", "--site-dir", str(tmp_path / "site"), "--no-search", "--timings", str(timings),
                           env={"CI": "true"})
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("· ")]
    records = len(list((ROOT / "content" / "projects").glob("*.md"))) + len(list((ROOT / "content" / "schemes").glob("*.md")))
    assert lines[0].startswith(f"· content controleren: {records} records (") and lines[0].endswith(" s)")
    assert len(lines) == len(STAGES) + 1 and lines[-1].startswith("· klaar in "), lines
    data = json.loads(timings.read_text(encoding="utf-8"))
    assert [stage["stap"] for stage in data["stappen"]] == STAGES
    assert data["stappen"][0]["aantal"] == records
    pages = sum(1 for _ in (tmp_path / "site").rglob("index.html"))
    assert 0 < data["stappen"][2]["aantal"] <= pages
    assert sum(stage["seconden"] for stage in data["stappen"]) <= data["seconden"]


def test_every_built_page_carries_the_security_policy_once(tmp_path):
    """The policy is added as MkDocs writes each page (engines/passthrough.py), 404.html included."""
    site = tmp_path / "site"
    assert run_generator("build", "--site-dir", str(site), "--no-search").returncode == 0
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100 and (site / "404.html") in pages
    without = [p.relative_to(site).as_posix() for p in pages
               if p.read_text(encoding="utf-8").count('<meta http-equiv="Content-Security-Policy"') != 1]
    assert not without, without[:10]


def test_piped_output_stays_quiet(tmp_path):
    result = run_generator("build", "--site-dir", str(tmp_path / "site"), "--no-search", env={"CI": ""})
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("· ")], result.stderr
