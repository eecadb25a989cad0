"""The search page and its Pagefind index, without a browser (the page in Chromium: tests/browser/test_search_browser.py).

The page names every facet and links the listings, so it is useful without JavaScript; the index
holds exactly the records and schemes; a missing or wrong Pagefind is reported, not a traceback.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

from conftest import ROOT
from generator.core.text import fold
from generator.features.search import search
from generator.render.renderer import Renderer, SiteSettings
from generator.site import feature_files


def test_search_page_names_every_facet_and_links_listings(catalog):
    page = feature_files(Renderer(catalog, SiteSettings()))[search.SEARCH_PAGE]
    keys = re.findall(r'data-kb-facet="([^"]+)"', page)
    assert keys[:10] == ["thema", "domein", "gemeente", "provincie", "organisatie", "hergebruikt", "regeling", "jaar",
                         "status", "soort"]
    assert page.count("<fieldset") == page.count("<legend>") == len(keys)
    assert 'role="status"' in page and 'aria-live="polite"' in page
    assert '<label for="kb-q">' in page and 'id="kb-q"' in page
    # The static message names the listings, so the page is useful without JavaScript.
    for target in ("../themas/", "../domeinen/", "../gemeenten/", "../provincies/", "../regelingen/", "../projecten/"):
        assert f'href="{target}"' in page
    assert "<noscript" not in page
    assert '<script type="module" src="../assets/kennisbank/zoeken.js">' in page


def test_index_holds_exactly_the_records_and_schemes(built_site, catalog):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["nl"], "Dutch stemming: the whole site is indexed as nl"
    assert entry["languages"]["nl"]["page_count"] == len(catalog.projects) + len(catalog.schemes)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    listing = (built_site / "projecten" / "index.html").read_text(encoding="utf-8")
    record = (built_site / "projecten" / next(iter(catalog.projects)) / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in home and "data-pagefind-body" not in listing
    assert "data-pagefind-body" in record
    assert 'lang="nl"' in home
    assert 'class="md-search"' not in home, "Material's own search must stay off: one search box on the site"


def test_index_site_reports_a_folder_that_is_not_a_site(tmp_path, capsys):
    assert search.index_site(tmp_path) is False
    assert "geen gebouwde site" in capsys.readouterr().err


def test_index_site_says_how_to_install_a_missing_pagefind(built_site, monkeypatch, capsys):
    monkeypatch.setattr(search, "pagefind_binary", lambda: None)
    assert search.index_site(built_site) is False
    assert "npm ci" in capsys.readouterr().err


def test_pagefind_is_the_pinned_npm_version():
    binary = search.pagefind_binary()
    assert binary is not None
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.split()[-1]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    platform_package = Path(binary).parents[1].name  # node_modules/@pagefind/<platform>/bin/pagefind_extended
    assert version == lock["packages"][f"node_modules/@pagefind/{platform_package}"]["version"]


def test_names_asset_comes_from_the_register_and_organisations(catalog):
    """zoeknamen.json: the names the page recognises, folded as check folds them, with record counts."""
    files = feature_files(Renderer(catalog, SiteSettings()))
    data = json.loads(files["assets/kennisbank/" + search.NAMES_ASSET])
    entities, names = data["entiteiten"], data["namen"]

    def lookup(key):
        return [(entities[entry[0]][0], entities[entry[0]][1], entry[1] if len(entry) > 1 else None) for entry in names[key]]

    register = catalog.content.register
    assert len({e[1] for e in entities if e[0] == "gemeente"}) == len(register.municipalities)
    leiden = next(v for v in catalog.facets["gemeenten"].values if v.naam == "Leiden")
    assert ["gemeente", "Leiden", leiden.count] == entities[names["leiden"][0][0]][:3]
    assert lookup("den haag") == [("gemeente", "'s-Gravenhage", None)]  # a CBS synonym
    assert lookup("geldermalsen") == [("gemeente", "West Betuwe", "Geldermalsen")]  # dissolved, to its successor
    assert {kind for kind, _, _ in lookup("utrecht")} == {"gemeente", "provincie"}
    assert lookup("dommelvallei") == lookup("dienst dommelvallei") == [("organisatie", "Dienst Dommelvallei", None)]
    assert "bergen" not in names, "ambiguous without its disambiguator"
    assert not any(key.startswith("gm") and key[2:].isdigit() for key in names), "codes are no search words"
    amsterdam = entities[names["amsterdam"][0][0]]
    in_amsterdam = next((v.count for v in catalog.facets["gemeenten"].values if v.naam == "Amsterdam"), 0)
    assert amsterdam[:3] == ["gemeente", "Amsterdam", in_amsterdam] and amsterdam[3] == "Noord-Holland"
    assert len(files["assets/kennisbank/" + search.NAMES_ASSET].encode()) < 40_000, "a small asset"


def test_record_pages_weigh_facts_and_leave_tables_and_contacts_out(built_site):
    page = (built_site / "projecten" / "west-betuwe-kerngericht-werken" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<table class="kb-table" data-pagefind-ignore>\s*<caption>Financi', page)
    assert 'data-pagefind-weight="5">West Betuwe, Geldermalsen' in page
    assert 'class="kb-lead" data-pagefind-weight="5"' in page
    assert re.search(r'data-pagefind-sort="datum">\d{4}', page) and 'data-pagefind-sort="hergebruik">0' in page
    assert ".kb-facts" in search.EXCLUDE_SELECTORS


def test_scheme_names_lead_to_the_scheme_they_name(catalog):
    """A scheme is found by its title, its address, and its name without year; the series' page
    (/regelingen/gemeentedelers/) owns the bare name its yearly editions share."""
    files = feature_files(Renderer(catalog, SiteSettings()))
    data = json.loads(files["assets/kennisbank/" + search.NAMES_ASSET])
    entities, schemes = data["entiteiten"], data["regelingen"]

    def page(key):
        return entities[schemes[key]][4]

    assert page("gemeentedelers") == "regelingen/gemeentedelers/"
    assert page("gemeentedelers 2021") == "regelingen/gemeentedelers-2021/"
    assert page("stimuleringsregeling") == "regelingen/stimuleringsregeling-2021/"  # "Stimuleringsregeling (2021–2022)"
    assert page("stimuleringsregelingplus") == "regelingen/stimuleringsregeling-plus-2021/"
    assert page("pilots uitvoeringskracht") == "regelingen/pilots-uitvoeringskracht-2024/"
    for scheme in catalog.schemes.values():
        entity = entities[schemes[fold(scheme.model.titel)]]
        assert entity[:2] == ["regeling", scheme.model.titel]
        assert entity[2] == next(v.count for v in catalog.facets["regelingen"].values if v.slug == scheme.id)


def test_a_short_scheme_name_that_several_share_names_none():
    """Editions without a series page: "Prijs" is none of them, so the query stays plain text."""
    schemes = {i: SimpleNamespace(id=i, model=SimpleNamespace(titel=t))
               for i, t in (("prijs-2021", "Prijs 2021"), ("prijs-2022", "Prijs 2022"), ("fonds", "Fonds (2020–2021)"))}
    catalog = SimpleNamespace(schemes=schemes, facets={})
    entities: list = []

    def entity(kind, name, count, province="", page=""):
        entities.append([kind, name, count, province, page])
        return len(entities) - 1

    keys = search.scheme_names(catalog, entity)
    assert "prijs" not in keys and entities[keys["prijs 2022"]][4] == "regelingen/prijs-2022/"
    assert entities[keys["fonds"]][1] == "Fonds (2020–2021)"
