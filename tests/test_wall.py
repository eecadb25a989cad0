"""The wall's files without a browser: one card per record on the static pages, paging within the page
budget, QR codes only with an absolute site address, and the reuse listing in the order of its counts."""

from __future__ import annotations

import json
import re

import pytest

from generator.core.paths import project_path, url_of
from generator.features import FeatureContext
from generator.features.muur import muur
from generator.render.renderer import Renderer
from generator.render.settings import SiteSettings


def wall_files(catalog, **settings) -> dict:
    renderer = Renderer(catalog, SiteSettings(**settings))
    return muur.files(FeatureContext(catalog, renderer.settings, renderer.env))


def cards_on(page: str) -> list[str]:
    return re.findall(r'<li class="kb-wallcard"[^>]*data-id="([^"]+)"', page)


def test_every_record_is_one_card_across_the_static_pages(catalog, monkeypatch):
    monkeypatch.setattr(muur, "PAGE_SIZE", 10)
    files = wall_files(catalog)
    pages = sorted(path for path in files if re.fullmatch(r"muur/(index|pagina-\d+)\.md", path))
    assert len(pages) == -(-len(catalog.projects) // 10)
    ids = [card for path in pages for card in cards_on(files[path])]
    assert sorted(ids) == sorted(catalog.projects)
    assert 'href="../muur/pagina-2/"' in files["muur/index.md"] or 'href="pagina-2/"' in files["muur/index.md"]
    assert "muur.js" in files["muur/index.md"] and "muur.js" not in files["muur/pagina-2.md"]


def test_wall_data_holds_every_card_and_the_search_facets(catalog):
    data = json.loads(wall_files(catalog)["muur/muur.json"])
    assert sorted(row["id"] for row in data["kaarten"]) == sorted(catalog.projects)
    for record_id in catalog.projects:  # muurdata.js pagePath() builds the link from the id alone
        assert url_of(project_path(record_id)) == f"projecten/{record_id}/"
    keys = [facet["sleutel"] for facet in data["facetten"]]
    assert keys == [f.search_key for f in catalog.facets.values() if any(v.record_ids for v in f.values)]
    for row in data["kaarten"]:
        record = catalog.projects[row["id"]]
        counted = getattr(record.model, "hergebruik_aantal", None)
        assert row["h"] == max(len(record.reusers), counted.aantal if counted else 0)
        for facet, chosen in zip(data["facetten"], row["f"]):
            names = {facet["waarden"][i] for i in chosen}
            source = next(f for f in catalog.facets.values() if f.search_key == facet["sleutel"])
            assert names == {v.naam for v in source.for_record(row["id"])}


def test_qr_codes_need_an_absolute_site_address(catalog):
    without = wall_files(catalog)
    assert not [path for path in without if path.startswith("muur/qr/")]
    assert "zonder <code>site_url</code>" in without["muur/poster/index.md"]
    with_url = wall_files(catalog, site_url="https://voorbeeld.nl/kb/")
    codes = sorted(path for path in with_url if path.startswith("muur/qr/"))
    assert codes == sorted(f"muur/qr/{rid}.svg" for rid in catalog.projects)
    assert with_url[codes[0]].startswith(b"<svg")


REUSED_RECORD = """---
schema_versie: 1
titel: {titel}
soort: project
korte_beschrijving: Een praktijk die anderen overnamen.
organisaties: [Leiden]
hergebruikt_door: [{reusers}]
{bron}status: onbekend
bronnen: [ao-fonds-subsidie-2019]
laatst_beoordeeld: 2026-11-23
---
Tekst over hergebruik.
"""


REUSE_SOURCE = """hergebruik_bron:
  - bron: ao-fonds-subsidie-2019
    datum: 2019
    zin: Een zin die het hergebruik noemt.
"""


@pytest.fixture(scope="module")
def reuse_catalog(tmp_path_factory):
    """Records reused by 1, 2 and 0 organisations, so the order is known whatever the real records say."""
    from test_site import make_project

    from generator.catalog.catalog import build_catalog
    from generator.model.records import ProjectRecord
    from generator.validate.check import check_content

    project = make_project(tmp_path_factory.mktemp("hergebruik"), records=None)
    (project / "content" / "projects").mkdir()
    for name, reusers in (("een-keer", "Goes"), ("twee-keer", "Delft, Breda"), ("nooit", "")):
        bron = REUSE_SOURCE if reusers and "hergebruik_bron" in ProjectRecord.model_fields else ""
        text = REUSED_RECORD.format(titel=name.replace("-", " ").capitalize(), reusers=reusers, bron=bron)
        (project / "content" / "projects" / f"{name}.md").write_text(text, encoding="utf-8")
    content = check_content(project / "content")
    assert not [d for d in content.diagnostics if d.severity == "error"], content.diagnostics
    return build_catalog(content)


def test_reuse_listing_is_ordered_by_count_and_invites_reports(reuse_catalog):
    page = wall_files(reuse_catalog, repo_url="https://github.com/org/repo")["muur/hergebruik/index.md"]
    assert "https://github.com/org/repo/issues/new?template=wij-hergebruiken-dit.yml" in page
    listed = re.findall(r'<li><a href="../../projecten/([^/]+)/">[^<]*</a>: hergebruikt door (\d+) organisatie', page)
    assert listed == [("twee-keer", "2"), ("een-keer", "1")]
    assert "Van de andere 1 van de 3 praktijkvoorbeelden is geen hergebruik bekend" in page


def test_reuse_listing_stays_short_and_points_to_the_whole_wall(reuse_catalog, monkeypatch):
    """However many records are reused, the page lists the most reused few (the page budget of
    100 KB held at 5,000 records) and links to the wall sorted by reuse, which shows them all."""
    from generator.features.muur import muur
    monkeypatch.setattr(muur, "REUSE_LIST_SIZE", 1)
    page = wall_files(reuse_catalog)["muur/hergebruik/index.md"]
    listed = re.findall(r'<li><a href="../../projecten/([^/]+)/">', page)
    assert listed == ["twee-keer"]
    assert "De 1 meest hergebruikte van de 2 praktijkvoorbeelden met bekend hergebruik." in page
    assert '<a href="../?sorteer=hergebruik&amp;groep=geen">Alle 2 op de portfoliomuur' in page


def test_reuse_listing_says_plainly_when_no_reuse_is_known(tmp_path):
    """A kennisbank whose records name no reuse yet says so instead of showing an empty list."""
    from test_site import make_project

    from generator.catalog.catalog import build_catalog
    from generator.validate.check import check_content

    project = make_project(tmp_path, records=None)
    (project / "content" / "projects").mkdir()
    for name in ("eerste", "tweede"):
        text = REUSED_RECORD.format(titel=name.capitalize(), reusers="", bron="")
        (project / "content" / "projects" / f"{name}.md").write_text(text, encoding="utf-8")
    page = wall_files(build_catalog(check_content(project / "content")))["muur/hergebruik/index.md"]
    assert "Van de 2 praktijkvoorbeelden is nog geen hergebruik bekend" in page
    assert "Laat het de redactie weten" in page, "zonder repository: geen kapotte formulierlink"


def test_a_poster_per_theme_or_province_is_one_option_away(catalog, tmp_path):
    from generator.features.muur import pdf

    files = wall_files(catalog)
    (tmp_path / "muur").mkdir()
    (tmp_path / muur.DATA).write_text(files[muur.DATA], encoding="utf-8")
    cards = json.loads(files[muur.DATA])["kaarten"]
    assert [name for name, _ in pdf.posters(tmp_path, None)] == [f"muur-{key}.pdf" for key in muur.FORMATS]
    themes = {c["th"] for c in cards if c["th"]}
    per_theme = pdf.posters(tmp_path, "thema")
    assert len(per_theme) == len(themes) * len(muur.FORMATS)
    assert {query["thema"] for _, query in per_theme} == themes
    per_province = pdf.posters(tmp_path, "provincie")
    assert {query["provincie"] for _, query in per_province} == {c["p"] for c in cards}
    assert all(name.endswith(".pdf") and "/" not in name for name, _ in per_province)


def test_many_qr_codes_made_in_parallel_are_the_same_codes_in_the_same_order():
    """A large wall spreads its codes over the cores (qr.qr_svgs, in a fresh single-threaded process,
    as `make site` runs); each code must still be its own record's."""
    import json
    import subprocess
    import sys
    from generator.core.parallel import SPREAD_FROM
    from generator.features.muur.qr import qr_svg
    addresses = [f"https://kennisbank.example.nl/projecten/record-{number}/" for number in range(SPREAD_FROM + 10)]
    script = ("import json, sys\nfrom generator.core import parallel\nfrom generator.features.muur.qr import qr_svgs\n"
              "pools = []\nreal = parallel.ProcessPoolExecutor\n"
              "parallel.ProcessPoolExecutor = lambda *a, **k: pools.append(1) or real(*a, **k)\n"
              "parallel.os.cpu_count = lambda: 2\n"
              "codes = qr_svgs(json.load(sys.stdin))\n"
              "print(json.dumps({'pools': len(pools), 'codes': [c.decode() for c in codes]}))")
    result = subprocess.run([sys.executable, "-c", script], input=json.dumps(addresses), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    spread = json.loads(result.stdout)
    assert spread["pools"], "the codes were made by worker processes"
    assert spread["codes"] == [qr_svg(address).decode() for address in addresses]
