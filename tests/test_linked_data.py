"""What machines read besides the text: schema.org JSON-LD on record and scheme pages, and sitemap
dates that come from the content (a record's review date), never from the day of the build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.render.linked_data import script_block
from test_site import build, golden_pages, make_project

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str | bytes]:
    return golden_pages(make_project(tmp_path_factory.mktemp("ld")))


def _blocks(page: str) -> list[dict]:
    return [json.loads(found) for found in LD_JSON.findall(page)]


def test_record_page_describes_the_practice_for_search_engines(files) -> None:
    [data] = _blocks(files["projecten/volledig-record.md"])
    assert data["@type"] == "CreativeWork" and data["inLanguage"] == "nl"
    assert data["dateModified"] == "2026-11-23"
    assert data["creator"] and all(c["@type"] == "Organization" and c["name"] for c in data["creator"])
    assert data["spatialCoverage"] and data["isBasedOn"][0]["name"]


def test_scheme_page_is_a_grant_with_its_funder(files) -> None:
    [data] = _blocks(files["regelingen/proefregeling.md"])
    assert data["@type"] == "MonetaryGrant" and data["funder"]["name"]


def test_a_hostile_title_stays_inside_the_json(files) -> None:
    page = files["projecten/vijandige-titel.md"]
    [data] = _blocks(page)
    assert data["name"] == "R&D <img src=x onerror=alert(1)> {{ 7*7 }}"
    block = LD_JSON.search(page).group(1)
    assert "<" not in block and ">" not in block


def test_script_block_cannot_be_closed_from_inside() -> None:
    """The gate: without the escapes, this title would end the script element early."""
    block = script_block({"name": "</script><script>alert(1)</script>"})
    assert block.count("</script>") == 1 and block.rstrip().endswith("</script>")
    assert json.loads(LD_JSON.search(block).group(1))["name"] == "</script><script>alert(1)</script>"


def test_sitemap_dates_are_review_dates_not_the_build_date(tmp_path) -> None:
    project = make_project(tmp_path)
    record = project / "content" / "projects" / "minimaal-record.md"
    record.write_text(record.read_text(encoding="utf-8").replace("laatst_beoordeeld: 2026-11-23",
                                                                 "laatst_beoordeeld: 2025-03-14"), encoding="utf-8")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap))
    own = [date for loc, date in dates.items() if loc.endswith("/projecten/minimaal-record/")]
    assert own == ["2025-03-14"]
    others = {date for loc, date in dates.items() if not loc.endswith("/projecten/minimaal-record/")}
    assert others == {"2026-11-23"}, "andere pagina's horen de nieuwste beoordelingsdatum te dragen"
