"""The map and charts in real Chromium: on the home page, the municipality index and /kaart/.

One mark per municipality with records, each a link to that municipality's page (which exists); the
table beside the map holds the same numbers and sorts; the charts load; axe (WCAG 2.2 A/AA) finds
nothing; screenshots at 1280 and 375 px land in test-artifacts/kaart/.
"""

from __future__ import annotations

import re

from conftest import WCAG_22, run_axe, screenshot

from generator.catalog.facets import MUNICIPALITIES



def axe(page, axe_source: str) -> list[dict]:
    """WCAG 2.2 A/AA violations on the current page."""
    return run_axe(page, axe_source, WCAG_22)


def open_with_map(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-kb-map-ready]", state="attached")


def marks(page) -> dict[str, int]:
    """{municipality page URL: records} from the live map's links."""
    found = page.eval_on_selector_all(".kb-map svg a", "links => links.map(a => [a.href.baseVal ?? a.getAttribute('href'), a.getAttribute('aria-label')])")
    return {href: int(re.search(r": (\d+) praktijkvoorbeeld", label).group(1)) for href, label in found}


def test_home_map_marks_each_municipality_with_records_and_links_to_its_page(page, site_url, catalog):
    open_with_map(page, site_url + "/")
    facet = catalog.facets[MUNICIPALITIES]
    expected = {f"{site_url}/gemeenten/{v.slug}/": v.count for v in facet.values if v.count}
    assert marks(page) == expected
    table = page.eval_on_selector_all(".kb-map-table tbody tr", """rows => rows.map(r =>
        [r.querySelector('a').href, Number(r.cells[r.cells.length - 1].textContent)])""")
    assert dict(table) == expected, "de tabel naast de kaart heeft dezelfde aantallen"
    for url in expected:
        assert page.request.get(url).ok, url
    assert page.locator(".kb-map svg a").first.get_attribute("tabindex") == "-1", "toetsenbord: via de tabel"
    page.locator(".kb-map svg a").first.click()
    page.wait_for_url(re.compile(r"/gemeenten/[^/]+/$"))


def test_map_table_sorts_by_a_column(page, site_url):
    open_with_map(page, site_url + "/kaart/")
    page.get_by_role("button", name="Gemeente").click()
    names = page.locator(".kb-map-table tbody th").all_inner_texts()
    assert names == sorted(names, key=str.casefold)
    assert page.locator("th", has=page.get_by_role("button", name="Gemeente")).get_attribute("aria-sort") == "ascending"
    page.get_by_role("button", name="Totaal").click()
    totals = [int(t) for t in page.locator(".kb-map-table tbody td:last-child").all_inner_texts()]
    assert totals == sorted(totals, reverse=True)


def test_map_and_charts_pass_axe_and_are_looked_at(browser, site_url, axe_source):
    failures = {}
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in (("home", "/"), ("kaart", "/kaart/"), ("gemeenten", "/gemeenten/"), ("themas", "/themas/"),
                           ("regelingen", "/regelingen/")):
            open_with_map(page, site_url + path) if name in ("home", "kaart", "gemeenten") else page.goto(site_url + path)
            page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
            screenshot(page, f"kaart/{name}-{width}")
            if width == 1280:
                failures[path] = axe(page, axe_source)
        context.close()
    assert {k: v for k, v in failures.items() if v} == {}


def test_without_javascript_the_map_is_an_image_with_its_table(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/")
    image = page.locator(".kb-map img")
    assert "kaart/gemeenten.svg" in image.get_attribute("src")
    assert "dezelfde aantallen" in image.get_attribute("alt")
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert page.locator(".kb-map-table tbody tr").count() > 0
    charts = page.locator(".kb-chart img")
    assert charts.count() == 5
    context.close()
