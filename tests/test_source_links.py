"""Sources that are public web pages: their address, publication date and reading date.

A reader who wants to check a fact follows the source; so a source with `url` is a link on every
record page that cites it, with the date the page itself gives and the day an editor read it. An
address is an editor's input that lands in an href, so only https (and mailto) pass `check`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT
from generator.render.renderer import SiteSettings
from generator.site import generate
from generator.validate.check import check_content

RECORD = """---
schema_versie: 1
titel: Record met een webbron
soort: project
korte_beschrijving: Kort.
organisaties: [Leiden]
status: onbekend
bronnen: [webpagina]
laatst_beoordeeld: 2026-12-01
---
Tekst.
"""

SOURCE = """bronnen:
  - id: webpagina
    titel: "Een openbare pagina"
    uitgever: VNG
    gepubliceerd: 2022-06-29
    url: {url}
    geraadpleegd: 2026-12-01
"""


def make_content(tmp: Path, url: str) -> Path:
    content = tmp / "content"
    (content / "projects").mkdir(parents=True)
    (content / "schemes").mkdir()
    for name in ("vocabulaires.yaml", "gemeenten.yaml", "organisaties.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    (content / "bronnen.yaml").write_text(SOURCE.format(url=url), encoding="utf-8")
    (content / "projects" / "webbron.md").write_text(RECORD, encoding="utf-8")
    return content


def test_a_web_source_is_a_link_with_its_dates(tmp_path):
    content = make_content(tmp_path, "https://vng.nl/artikelen/voorbeeld?a=1&b=2")
    generated = generate(content, SiteSettings(repo_url="https://github.com/voorbeeld/kennisbank"))
    assert generated.ok, [d.format_text() for d in generated.diagnostics]
    page = generated.files["projecten/webbron.md"]
    assert '<a href="https://vng.nl/artikelen/voorbeeld?a=1&amp;b=2">Een openbare pagina</a>' in page
    assert "(VNG, 2022-06-29; geraadpleegd 2026-12-01)" in page


def test_a_source_address_must_be_https(tmp_path):
    for url in ("http://vng.nl/artikel", "javascript:alert(1)", "vng.nl/artikel"):
        content = make_content(tmp_path / url.replace("/", "_").replace(":", "_"), url)
        problems = [d.format_text() for d in check_content(content).diagnostics]
        assert any("bronnen.yaml" in p and "url" in p for p in problems), (url, problems)


def test_every_web_source_of_the_real_content_has_a_reading_date():
    from ruamel.yaml import YAML
    entries = YAML(typ="safe", pure=True).load((ROOT / "content" / "bronnen.yaml").read_text(encoding="utf-8"))["bronnen"]
    web = [e for e in entries if e.get("url")]
    assert len(web) >= 10, "de kennisbank hoort minstens tien openbare webbronnen te noemen"
    assert [e["id"] for e in web if not e.get("geraadpleegd") or not e.get("uitgever")] == []
