"""Sorting without JavaScript: the overview of all practices in title order (/projecten/), newest first and
most reused first (/zoeken/nieuwste-eerst/, /zoeken/meest-hergebruikt/, generator/features/search/listings.py),
each with "Sorteren" links that mark the current order. Expected orders come from the records' own periods and
reuse, never from literals. In Chromium, by keyboard and without JavaScript: tests/browser/test_search_browser.py.
"""

from __future__ import annotations

import re

import pytest

from generator.core.paths import relative
from generator.core.text import fold
from generator.features.search import listings
from generator.render.renderer import PAGE_SIZE, Renderer, SiteSettings
from generator.site import feature_files

CARD = re.compile(r'class="kb-card__title"><a href="([^"]+)"')
SORT_NAV = re.compile(r'<nav class="kb-sortlinks"[^>]*>(.*?)</nav>', re.S)
SORT_LINK = re.compile(r'<li><a href="([^"]+)"( aria-current="(page|true)")?>([^<]+)</a></li>')
ORDERS = {"titel": "projecten/index.md", "nieuw": "zoeken/nieuwste-eerst.md", "hergebruik": "zoeken/meest-hergebruikt.md"}
LABELS = {"titel": "titel (A–Z)", "nieuw": "nieuwste eerst", "hergebruik": "meest hergebruikt"}


@pytest.fixture(scope="module")
def pages(catalog) -> dict[str, str]:
    renderer = Renderer(catalog, SiteSettings())
    return {**renderer.all_pages(), **feature_files(renderer)}


def listed(pages: dict[str, str], first: str) -> list[str]:
    """Record ids on a listing and its continuation pages, in the order shown."""
    folder = first.removesuffix("/index.md").removesuffix(".md")
    ids, number, here = [], 1, first
    while here in pages:
        ids += [href.rstrip("/").rsplit("/", 1)[-1] for href in CARD.findall(pages[here])]
        number += 1
        here = f"{folder}/pagina-{number}.md"
    return ids


def start(catalog, record_id: str) -> str:
    period = catalog.projects[record_id].model.periode
    return str((period.start or period.einde) or "") if period else ""


def reused(catalog, record_id: str) -> int:
    record = catalog.projects[record_id]
    counted = record.model.hergebruik_aantal
    return max(len(record.reusers), counted.aantal if counted else 0)


def title(catalog, record_id: str) -> str:
    return fold(catalog.projects[record_id].model.titel)


def test_newest_first_lists_every_record_by_its_start(pages, catalog):
    ids = listed(pages, ORDERS["nieuw"])
    assert sorted(ids) == sorted(catalog.projects)
    starts = [start(catalog, i) for i in ids]
    assert starts[0] == max(start(catalog, i) for i in catalog.projects) and starts[0]
    assert starts == sorted(starts, reverse=True), "nieuwste eerst, zonder periode achteraan"
    for a, b in zip(ids, ids[1:]):  # the same start: title order, as in the overview
        if start(catalog, a) == start(catalog, b):
            assert title(catalog, a) <= title(catalog, b), (a, b)


def test_most_reused_first(pages, catalog):
    ids = listed(pages, ORDERS["hergebruik"])
    assert sorted(ids) == sorted(catalog.projects)
    counts = [reused(catalog, i) for i in ids]
    assert counts[0] == max(counts) > 0 and counts == sorted(counts, reverse=True)
    unused = [i for i in ids if reused(catalog, i) == 0]
    assert unused == sorted(unused, key=lambda i: title(catalog, i))


def test_every_listing_page_links_the_three_orders_and_marks_its_own(pages):
    """On every page of every order: three plain links to existing pages; the current order carries
    aria-current, "page" on its first page (the link is this page), "true" on a continuation page."""
    checked = 0
    for key, first in ORDERS.items():
        folder = first.removesuffix("/index.md").removesuffix(".md")
        for here in [first] + sorted(p for p in pages if p.startswith(f"{folder}/pagina-")):
            nav = SORT_NAV.search(pages[here])
            assert nav, f"{here}: geen Sorteren-links"
            links = SORT_LINK.findall(nav.group(1))
            assert [label for *_, label in links] == list(LABELS.values()), here
            for (href, _, current, label), (order, target) in zip(links, ORDERS.items()):
                assert href == relative(here, target), (here, href)
                assert current == ("" if order != key else "page" if here == first else "true"), (here, label)
            checked += 1
    assert checked >= 3


def test_the_search_page_has_the_same_orders_and_links_them_without_javascript(pages):
    """The static orders are the search page's own `sorteer` values (zoeken.js SORTS); its message for
    visitors without JavaScript links them."""
    search = pages["zoeken/index.md"]
    options = re.findall(r'<option value="([^"]*)">([^<]+)</option>', search)
    assert {value for value, _ in options} >= {"nieuw", "hergebruik", "titel"}
    assert {order.key for order in listings.ORDERS} == {"nieuw", "hergebruik"}
    message = re.search(r"<p data-kb-search-message>(.*?)</p>", search, re.S).group(1)
    for order in ("nieuw", "hergebruik"):
        assert f'href="{relative("zoeken/index.md", ORDERS[order])}">{LABELS[order]}</a>' in message


def test_only_the_first_pages_of_a_long_order_are_made(catalog, monkeypatch):
    """Page count is build time (issue 18): an order stops after SORTED_PAGES pages and says where the rest is."""
    monkeypatch.setattr(listings, "SORTED_PAGES", 1)
    made = feature_files(Renderer(catalog, SiteSettings()))
    total = len(catalog.projects)
    assert total > PAGE_SIZE, "de echte content heeft meer dan één pagina nodig voor deze test"
    assert "zoeken/nieuwste-eerst/pagina-2.md" not in made
    page = made["zoeken/nieuwste-eerst.md"]
    assert len(CARD.findall(page)) == PAGE_SIZE
    assert f"De eerste {PAGE_SIZE} van {total} praktijkvoorbeelden" in page
    assert 'href="../../projecten/">overzicht op titel</a>' in page
