"""`make site` tells where it is: one line per stage in CI logs, nothing when piped, and `--timings`
gives `make bench` the same figures (issue #18). And what the build adds to every page on the way
out: the security policy (engines/passthrough.py)."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_generator

STAGES = ["controleren", "renderen", "mkdocs", "nabewerken", "wisselen"]


@pytest.fixture(scope="module")
def ci_build(tmp_path_factory):
    """The repository's site built as CI builds it (CI=true), with --timings."""
    work = tmp_path_factory.mktemp("stappen")
    result = run_generator("build", "--site-dir", str(work / "site"), "--no-search",
                           "--timings", str(work / "stappen.json"), env={"CI": "true"})
    assert result.returncode == 0, result.stderr
    return result, work / "site", json.loads((work / "stappen.json").read_text(encoding="utf-8"))


def test_ci_log_has_one_line_per_stage_and_timings_match(ci_build):
    result, site, data = ci_build
    lines = [line for line in result.stderr.splitlines() if line.startswith("· ")]
    records = len(list((ROOT / "content" / "projects").glob("*.md"))) + len(list((ROOT / "content" / "schemes").glob("*.md")))
    assert lines[0].startswith(f"· content controleren: {records} records (") and lines[0].endswith(" s)")
    assert len(lines) == len(STAGES) + 1 and lines[-1].startswith("· klaar in "), lines
    assert [stage["stap"] for stage in data["stappen"]] == STAGES
    assert data["stappen"][0]["aantal"] == records
    pages = sum(1 for _ in site.rglob("index.html"))
    assert 0 < data["stappen"][2]["aantal"] <= pages
    assert sum(stage["seconden"] for stage in data["stappen"]) <= data["seconden"]


def test_every_built_page_carries_the_security_policy_once(ci_build):
    """The policy is added as MkDocs writes each page, 404.html included."""
    _, site, _ = ci_build
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100 and (site / "404.html") in pages
    without = [p.relative_to(site).as_posix() for p in pages
               if p.read_text(encoding="utf-8").count('<meta http-equiv="Content-Security-Policy"') != 1]
    assert not without, without[:10]


def test_piped_output_stays_quiet(tmp_path):
    result = run_generator("build", "--site-dir", str(tmp_path / "site"), "--no-search", env={"CI": ""})
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("· ")], result.stderr


def test_a_timings_file_that_cannot_be_written_stops_before_building(tmp_path):
    """A wrong --timings path is a usage error up front, not an internal error after a whole build."""
    for wrong in (tmp_path / "bestaat-niet" / "stappen.json", tmp_path):
        result = run_generator("build", "--site-dir", str(tmp_path / "site"), "--no-search", "--timings", str(wrong))
        assert result.returncode == 2, result.stderr
        assert f"{wrong}: --timings wil een bestand in een bestaande map" in result.stderr
        assert "interne fout" not in result.stderr and not (tmp_path / "site").exists()
