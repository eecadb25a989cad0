"""The built site in real Chromium: what a civil servant sees on each kind of page.

Screenshots land in test-artifacts/ for a human to look at. axe-core runs in test_a11y.py (WCAG 2.2
A/AA and best practices, every page kind at two widths), so not again here.
"""

from __future__ import annotations

from conftest import screenshot, serve


def first_value_with_records(catalog, facet_id: str) -> str:
    return next(v.slug for v in catalog.facets[facet_id].values if v.record_ids)


def page_kinds(catalog) -> list[tuple[str, str, str]]:
    """(name, path, text that must be visible)."""
    record = catalog.projects["west-betuwe-kerngericht-werken"]
    theme = first_value_with_records(catalog, "themas")
    domain = first_value_with_records(catalog, "domeinen")
    province = first_value_with_records(catalog, "provincies")
    return [
        ("home", "/", "Eén keer ontwikkelen, meervoudig gebruik"),
        ("record", f"/projecten/{record.id}/", record.model.titel),
        ("projecten", "/projecten/", "Alle praktijkvoorbeelden"),
        ("themas", "/themas/", "Thema's van de innovatieagenda"),
        ("thema", f"/themas/{theme}/", catalog.facets["themas"].value(theme).naam),
        ("domeinen", "/domeinen/", "Domeinen"),
        ("domein", f"/domeinen/{domain}/", catalog.facets["domeinen"].value(domain).naam),
        ("gemeenten", "/gemeenten/", "Voormalige gemeenten"),
        ("gemeente", "/gemeenten/west-betuwe/", "West Betuwe"),
        ("provincies", "/provincies/", "Provincies"),
        ("provincie", f"/provincies/{province}/", catalog.facets["provincies"].value(province).naam),
        ("regelingen", "/regelingen/", "Regelingen"),
        ("regeling", "/regelingen/impulsregeling/", "Impulsregeling"),
        ("status", "/status/afgerond/", "Afgerond"),
        ("over", "/over/", "portfoliomuur"),
        ("404", "/404.html", "Pagina niet gevonden"),
    ]


def test_every_page_kind_shows_its_content_and_asks_no_other_server(page, site_url, catalog):
    outside = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(site_url) else None)
    for name, path, text in page_kinds(catalog):
        response = page.goto(site_url + path)
        assert response is not None and response.ok, path
        assert page.locator("html").get_attribute("lang") == "nl"
        body = page.inner_text("main")
        assert text.lower() in body.lower(), f"{path}: '{text}' niet zichtbaar"
        screenshot(page, f"pagina-{name}")
    assert outside == [], "de site hoort geen verzoeken naar andere servers te doen"


def test_record_page_answers_who_what_when_and_whom_to_call(page, site_url):
    page.goto(site_url + "/projecten/west-betuwe-kerngericht-werken/")
    facts = page.locator(".kb-facts")
    assert facts.get_by_text("Ontwikkeld door").is_visible()
    assert facts.get_by_role("link", name="West Betuwe").is_visible()
    assert facts.get_by_role("link", name="Gelderland").is_visible()
    budget = page.locator("table.kb-table").first
    assert "€ 730.000,00" in budget.inner_text()
    assert page.get_by_role("heading", name="Verwante praktijkvoorbeelden").is_visible()
    page.get_by_role("link", name="West Betuwe").first.click()
    assert page.url.endswith("/gemeenten/west-betuwe/")
    assert "Geldermalsen" in page.inner_text("main"), "voormalige gemeenten horen bij hun opvolger"


def test_fusion_organisation_record_is_listed_under_each_municipality(page, site_url, catalog):
    record = next(r for r in catalog.projects.values() if any(a.slug == "dienst-dommelvallei" for a in r.builders))
    for slug in ("son-en-breugel", "geldrop-mierlo", "nuenen-gerwen-en-nederwetten"):
        page.goto(f"{site_url}/gemeenten/{slug}/")
        assert page.get_by_role("link", name=record.model.titel).is_visible(), slug


def test_merged_municipality_name_leads_to_successor(page, site_url):
    page.goto(site_url + "/gemeenten/")
    item = page.locator("li", has_text="Geldermalsen (2019)")
    item.get_by_role("link", name="West Betuwe").click()
    assert page.url.endswith("/gemeenten/west-betuwe/")


def test_listing_counts_match_the_catalogue(page, site_url, catalog):
    page.goto(site_url + "/themas/")
    for value in catalog.facets["themas"].values:
        entry = page.locator("li", has=page.get_by_role("link", name=value.naam, exact=True))
        assert entry.locator(".kb-badge").inner_text() == str(value.count), value.naam


def test_listings_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "/themas/")
    tab.get_by_role("link", name="Werken in netwerken").click()
    assert tab.locator(".kb-card").count() >= 1
    tab.locator(".kb-card a").first.click()
    assert tab.locator(".kb-facts").is_visible()
    context.close()


def test_hostile_title_shows_literally_and_runs_nothing(browser, tmp_path):
    from test_site import build, make_project

    project = make_project(tmp_path)
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        context = browser.new_context()
        tab = context.new_page()
        dialogs = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(f"{url}/projecten/vijandige-titel/")
        tab.wait_for_timeout(300)
        assert tab.locator("h1").inner_text() == "R&D <img src=x onerror=alert(1)> {{ 7*7 }}"
        assert tab.title().startswith("R&D <img src=x onerror=alert(1)> {{ 7*7 }}")
        assert "<script>alert('x')</script>" in tab.locator(".kb-lead").inner_text()
        assert tab.locator(".kb-facts").get_by_text('"><svg onload=alert(2)>').is_visible()
        assert dialogs == []
        record_regions = ".kb-record-head, .kb-facts, .kb-filters"
        injected = tab.locator(record_regions).locator("img, svg, script, iframe")
        assert injected.count() == 0
        screenshot(tab, "vijandige-titel")
        context.close()
