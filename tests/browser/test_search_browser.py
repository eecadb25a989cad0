"""Search and facets on /zoeken/, in real Chromium against the site built from the real content.

What a civil servant relies on: a word finds the record (also in another Dutch word form), a
ticked filter shows exactly the records the catalogue has for it, the counts beside the values
are the counts of the listings, a copied link or the back button brings back the same search,
everything works from the keyboard and is announced, and axe-core finds no WCAG 2.1 A/AA
violation. Expected records and counts come from the catalogue, never from literals, so the
tests keep holding while editors add records. The page and the index without a browser are
tests/test_search.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import parse_qs, urlencode, urlparse

import pytest

from conftest import run_axe, screenshot, serve

ROOT_SELECTOR = "[data-kb-search]"
# Search keys whose counts must equal the catalogue's. `soort` is checked on its own below.
COUNTED_KEYS = ("thema", "domein", "gemeente", "provincie", "regeling", "jaar", "status")


@pytest.fixture(scope="module")
def facets_by_key(catalog):
    return {facet.search_key: facet for facet in catalog.facets.values()}


# ------------------------------------------------------------------ helpers

def rendered(page) -> int:
    return int(page.get_attribute(ROOT_SELECTOR, "data-kb-rendered") or 0)


def settle(page, before: int) -> None:
    """Wait until a search started after `before` renders and none is running."""
    page.wait_for_function(
        """n => { const r = document.querySelector('[data-kb-search]');
                  return Number(r.dataset.kbRendered || 0) > n && r.dataset.kbBusy === 'false'; }""",
        arg=before)


def open_search(page, site_url: str, query: str = "") -> None:
    page.goto(f"{site_url}/zoeken/{query}")
    settle(page, 0)


def result_paths(page) -> list[str]:
    """Paths of all results, after paging through 'Toon meer resultaten'."""
    more = page.locator("[data-kb-more]")
    while more.is_visible():
        count = page.locator(".kb-result").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.kb-result').length > n", arg=count)
    return [urlparse(href).path for href in page.eval_on_selector_all(
        ".kb-result__title a", "links => links.map(a => a.href)")]


def facet_counts(page, key: str) -> dict[str, int]:
    """{value: count} of every value in a filter group, shown or folded away."""
    rows = page.eval_on_selector_all(
        f'[data-kb-facet="{key}"] .kb-facet__value',
        "items => items.map(li => [li.querySelector('.kb-facet__name').textContent,"
        " li.querySelector('.kb-facet__count').textContent])")
    return {name: int(count.strip("()")) for name, count in rows}


def shown_values(page, key: str) -> list[str]:
    return page.eval_on_selector_all(
        f'[data-kb-facet="{key}"] .kb-facet__value:not([hidden]) .kb-facet__name', "els => els.map(e => e.textContent)")


def checked(page) -> dict[str, list[str]]:
    boxes = page.eval_on_selector_all(f"{ROOT_SELECTOR} input[type=checkbox]:checked", "els => els.map(e => [e.name, e.value])")
    out: dict[str, list[str]] = {}
    for key, value in boxes:
        out.setdefault(key, []).append(value)
    return {key: sorted(values) for key, values in out.items()}


def checkbox(page, key: str, value: str):
    """The box of one value, found by its label as a screen reader would: "Naam (3)"."""
    name = re.compile("^" + re.escape(value) + r" \(\d+\)$")
    return page.locator(f'[data-kb-facet="{key}"]').get_by_role("checkbox", name=name)


def tick(page, key: str, value: str) -> None:
    before = rendered(page)
    box = checkbox(page, key, value)
    toggle = page.locator(f'[data-kb-facet="{key}"] .kb-facet__toggle')
    if not box.is_visible() and toggle.is_visible():
        toggle.click()
    box.check()
    settle(page, before)


def type_query(page, text: str) -> None:
    before = rendered(page)
    page.locator("#kb-q").fill(text)
    settle(page, before)


def record_path(record_id: str) -> str:
    return f"/projecten/{record_id}/"


def expected_counts(catalog, facets_by_key, key: str, within: set[str] | None) -> dict[str, int]:
    """Catalogue counts of a facet, restricted to the records in `within` when given."""
    counts = {}
    for value in facets_by_key[key].values:
        ids = set(value.record_ids) if within is None else set(value.record_ids) & within
        if ids:
            counts[value.naam] = len(ids)
    return counts


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {name: count for name, count in counts.items() if count}


def biggest_value(facets_by_key, key: str):
    return max(facets_by_key[key].values, key=lambda v: (v.count, v.naam))


# ------------------------------------------------------------------ full text

@pytest.mark.parametrize("query, record_id, first", [
    ("Ontwikkelpool", "leiden-ontwikkelpool", True),
    ("talentontwikkeling", "goes-talent-in-actie", False),
    # Dutch stemming: these forms occur nowhere in the records and are no prefix of a word there;
    # the records say "werkvloer" and "burgemeester".
    ("werkvloeren", "rotterdam-inclusieve-werkvloer", True),
    ("burgemeesters", "goes-talent-in-actie", False),  # U-reka names burgemeester too
    # Organisations and municipalities are searchable too.
    ("Dommelvallei", "dienst-dommelvallei-div-naar-idv", True),
    # A municipality that merged away still finds the work of its successor.
    ("Geldermalsen", "west-betuwe-kerngericht-werken", True),
    # And a municipality covered by a fusion organisation finds the organisation's work.
    ("Nuenen", "dienst-dommelvallei-div-naar-idv", True),
])
def test_query_finds_the_record(page, site_url, catalog, query, record_id, first):
    assert record_id in catalog.projects, f"testrecord {record_id} bestaat niet meer"
    open_search(page, site_url, f"?q={query}")
    paths = result_paths(page)
    assert record_path(record_id) in paths, f"{query!r} vindt {record_id} niet: {paths}"
    if first:
        assert paths[0] == record_path(record_id)
    assert page.input_value("#kb-q") == query


def test_typed_query_updates_results_url_and_announcement(page, site_url, catalog):
    record = catalog.projects["leiden-ontwikkelpool"]
    open_search(page, site_url)
    type_query(page, "Ontwikkelpool")
    assert result_paths(page)[0] == record_path(record.id)
    assert parse_qs(urlparse(page.url).query) == {"q": ["Ontwikkelpool"]}
    page.wait_for_function("() => /gevonden/.test(document.querySelector('[data-kb-status]').textContent)")
    first = page.locator(".kb-result").first
    assert first.locator(".kb-result__title a").inner_text() == record.model.titel
    assert first.locator(".kb-result__text").inner_text() == record.model.korte_beschrijving
    meta = first.locator(".kb-result__meta").inner_text()
    assert "Leiden" in meta and "2019" in meta
    screenshot(page, "zoeken-zoekterm")


def test_a_hit_in_the_text_shows_where(page, site_url):
    open_search(page, site_url, "?q=burgemeesters")
    first = page.locator(".kb-result").first
    marks = first.locator(".kb-result__excerpt mark").all_inner_texts()
    assert marks and all(mark.lower().startswith("burgemeester") for mark in marks), marks


# ------------------------------------------------------------------ facets and counts

def test_before_typing_filters_and_catalogue_counts_are_visible(page, site_url, catalog, facets_by_key):
    open_search(page, site_url)
    for key in COUNTED_KEYS:
        assert page.locator(f'[data-kb-facet="{key}"] legend').is_visible()
        assert facet_counts(page, key) == expected_counts(catalog, facets_by_key, key, None), key
    # Values are sorted by count, then by name.
    shown = shown_values(page, "domein")
    counts = facet_counts(page, "domein")
    assert shown == sorted(shown, key=lambda name: (-counts[name], name.casefold()))
    # Browsing without a query lists every record and scheme.
    assert sorted(result_paths(page)) == sorted(
        [record_path(r) for r in catalog.projects] + [f"/regelingen/{s}/" for s in catalog.schemes])
    status = page.inner_text("[data-kb-status]")
    assert status.startswith(f"{len(catalog.projects)} praktijkvoorbeelden")
    screenshot(page, "zoeken-start")


def test_theme_filter_shows_exactly_the_catalogue_records(page, site_url, catalog, facets_by_key):
    theme = biggest_value(facets_by_key, "thema")
    members = set(theme.record_ids)
    open_search(page, site_url)
    tick(page, "thema", theme.naam)
    assert sorted(result_paths(page)) == sorted(record_path(r) for r in members)
    assert checked(page) == {"thema": [theme.naam]}
    assert parse_qs(urlparse(page.url).query) == {"thema": [theme.naam]}
    expect_status(page, len(members))
    # Other groups count within the theme; the theme's own group keeps counting as if it were
    # not ticked (OR within a group), so the ticked value shows its own number, never (0).
    for key in COUNTED_KEYS:
        within = None if key == "thema" else members
        assert nonzero(facet_counts(page, key)) == expected_counts(catalog, facets_by_key, key, within), key
    assert facet_counts(page, "thema")[theme.naam] == len(members)
    screenshot(page, "zoeken-thema")


def test_or_within_a_group_and_across_groups(page, site_url, catalog, facets_by_key):
    themes = sorted((v for v in facets_by_key["thema"].values if v.record_ids), key=lambda v: -v.count)[:2]
    union = set(themes[0].record_ids) | set(themes[1].record_ids)
    open_search(page, site_url)
    for theme in themes:
        tick(page, "thema", theme.naam)
    assert sorted(result_paths(page)) == sorted(record_path(r) for r in union)
    # A domain that occurs within the union narrows it (AND across groups).
    domains = facets_by_key["domein"].values
    domain = max(domains, key=lambda v: (len(set(v.record_ids) & union), v.naam))
    both = union & set(domain.record_ids)
    assert both, "the content has no domain within the two biggest themes"
    tick(page, "domein", domain.naam)
    assert sorted(result_paths(page)) == sorted(record_path(r) for r in both)
    query = parse_qs(urlparse(page.url).query)
    assert sorted(query["thema"]) == sorted(t.naam for t in themes) and query["domein"] == [domain.naam]
    # The theme group now counts within the domain.
    within_domain = set(domain.record_ids)
    assert nonzero(facet_counts(page, "thema")) == expected_counts(catalog, facets_by_key, "thema", within_domain)


@pytest.mark.parametrize("query, finds_schemes", [("burgemeesters", False), ("subsidie", True)])
def test_counts_and_summary_follow_a_typed_query(page, site_url, catalog, facets_by_key, query, finds_schemes):
    """With only a query, the list comes from the quick index and the counts from the filter index:
    both must describe the same records."""
    open_search(page, site_url)
    type_query(page, query)
    paths = result_paths(page)
    found = {p.split("/")[2] for p in paths if p.startswith("/projecten/")}
    schemes = [p for p in paths if p.startswith("/regelingen/")]
    assert found, f"{query!r} vindt geen praktijkvoorbeelden"
    assert bool(schemes) == finds_schemes, schemes
    for key in COUNTED_KEYS:
        assert nonzero(facet_counts(page, key)) == expected_counts(catalog, facets_by_key, key, found), key
    expect_status(page, len(found), schemes=len(schemes))
    assert page.inner_text("[data-kb-count]") == page.inner_text("[data-kb-status]")


def test_schemes_are_a_kind_of_their_own(page, site_url, catalog):
    open_search(page, site_url, "?soort=Regeling")
    assert sorted(result_paths(page)) == sorted(f"/regelingen/{s}/" for s in catalog.schemes)
    expect_status(page, 0, schemes=len(catalog.schemes))


def test_kind_counts_match_catalogue(page, site_url, catalog):
    kinds = catalog.content.vocabularies.for_field("projects", "soort")
    expected = Counter(kinds.term(r.model.soort).naam for r in catalog.projects.values())
    open_search(page, site_url)
    counts = facet_counts(page, "soort")
    assert {name: counts.get(name) for name in expected} == dict(expected)


def test_long_group_folds_and_unfolds(page, site_url, facets_by_key):
    municipalities = [v for v in facets_by_key["gemeente"].values if v.record_ids]
    if len(municipalities) <= 10:
        pytest.skip("te weinig gemeenten om in te klappen")
    open_search(page, site_url)
    toggle = page.locator('[data-kb-facet="gemeente"] .kb-facet__toggle')
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.inner_text() == f"Toon alle {len(municipalities)}"
    assert len(shown_values(page, "gemeente")) < len(municipalities)
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert len(shown_values(page, "gemeente")) == len(municipalities)
    assert page.evaluate("document.activeElement.classList.contains('kb-facet__toggle')")


# ------------------------------------------------------------------ the URL is the state

def test_copied_link_reproduces_the_search(browser, page, site_url, facets_by_key):
    province = biggest_value(facets_by_key, "provincie")
    open_search(page, site_url)
    type_query(page, "gemeente")
    tick(page, "provincie", province.naam)
    municipality = shown_values(page, "gemeente")[0]  # the one with most results left
    tick(page, "gemeente", municipality)
    copied = page.url
    results, boxes = result_paths(page), checked(page)
    assert results
    status = page.inner_text("[data-kb-status]")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    try:
        fresh = context.new_page()
        fresh.goto(copied)
        settle(fresh, 0)
        assert fresh.input_value("#kb-q") == "gemeente"
        assert checked(fresh) == boxes == {"gemeente": [municipality], "provincie": [province.naam]}
        assert result_paths(fresh) == results
        fresh.wait_for_function("s => document.querySelector('[data-kb-status]').textContent === s", arg=status)
    finally:
        context.close()


def test_back_and_forward_restore_each_step(page, site_url, facets_by_key):
    first, second = sorted((v for v in facets_by_key["status"].values if v.record_ids), key=lambda v: -v.count)[:2]
    open_search(page, site_url)
    everything = result_paths(page)
    tick(page, "status", first.naam)
    only_first = result_paths(page)
    tick(page, "status", second.naam)
    assert checked(page) == {"status": sorted([first.naam, second.naam])}

    def step(move) -> None:
        before = rendered(page)
        move()
        settle(page, before)

    step(page.go_back)
    assert checked(page) == {"status": [first.naam]}
    assert result_paths(page) == only_first
    step(page.go_back)
    assert checked(page) == {} and urlparse(page.url).query == ""
    assert result_paths(page) == everything
    step(page.go_forward)
    assert checked(page) == {"status": [first.naam]}
    assert parse_qs(urlparse(page.url).query) == {"status": [first.naam]}


def test_typing_is_one_history_step(page, site_url):
    open_search(page, site_url)
    for text in ("t", "ta", "tal", "talent"):
        type_query(page, text)
    assert parse_qs(urlparse(page.url).query) == {"q": ["talent"]}
    before = rendered(page)
    page.go_back()
    settle(page, before)
    assert urlparse(page.url).query == "" and page.input_value("#kb-q") == ""


# ------------------------------------------------------------------ keyboard, announcements, accessibility

def test_keyboard_only(page, site_url, facets_by_key):
    open_search(page, site_url)
    page.locator("body").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-kb-facet] input[type=checkbox]')"):
            break
    else:
        pytest.fail("met Tab is geen filtervakje te bereiken")
    focus = page.evaluate("""() => { const el = document.activeElement, s = getComputedStyle(el);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
                key: el.name, value: el.value, visible: el.matches(':focus-visible')}; }""")
    assert focus["visible"] and focus["style"] != "none" and focus["width"] >= 2, focus
    screenshot(page, "zoeken-toetsenbord-focus")
    value = next(v for v in facets_by_key[focus["key"]].values if v.naam == focus["value"])
    before = rendered(page)
    page.keyboard.press("Space")
    settle(page, before)
    assert checked(page) == {focus["key"]: [focus["value"]]}
    assert sorted(result_paths(page)) == sorted(record_path(r) for r in value.record_ids)
    assert parse_qs(urlparse(page.url).query) == {focus["key"]: [focus["value"]]}
    # Focus stayed on the box that was ticked.
    assert page.evaluate("[document.activeElement.name, document.activeElement.value]") == [focus["key"], focus["value"]]
    expect_status(page, value.count)


def expect_status(page, projects: int, schemes: int = 0) -> None:
    parts = []
    if projects:
        parts.append(f"{projects} praktijkvoorbeeld{'en' if projects != 1 else ''}")
    if schemes:
        parts.append(f"{schemes} regeling{'en' if schemes != 1 else ''}")
    text = f"{' en '.join(parts)} gevonden" if parts else "Geen resultaten gevonden"
    page.wait_for_function("t => document.querySelector('[data-kb-status]').textContent.startsWith(t)", arg=text)


def test_result_count_is_announced_politely(page, site_url, catalog):
    open_search(page, site_url)
    status = page.locator("[data-kb-status]")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    type_query(page, "Ontwikkelpool")
    # On screen at once; announced once typing pauses, so a screen reader is not interrupted per key.
    assert page.inner_text("[data-kb-count]") == "1 praktijkvoorbeeld gevonden"
    assert page.get_attribute("[data-kb-count]", "aria-hidden") == "true"
    expect_status(page, 1)
    type_query(page, "zzzzqqqq")
    expect_status(page, 0)
    assert page.locator(".kb-result").count() == 0


def test_values_are_text_never_markup(page, site_url):
    hostile = '<img src=x onerror="window.kbHacked=1">&amp;'
    open_search(page, site_url, "?" + urlencode({"gemeente": hostile}))
    assert page.locator(f"{ROOT_SELECTOR} img").count() == 0
    assert page.evaluate("window.kbHacked") is None
    names = shown_values(page, "gemeente")
    assert hostile in names, names
    expect_status(page, 0)
    # A value with an ampersand from the index reads as the name, not as an entity.
    regelingen = facet_counts(page, "regeling")
    assert all("&amp;" not in name for name in regelingen)


@pytest.mark.parametrize("name, state", [
    ("leeg", ""), ("filters", "?q=talent&gemeente=Goes&gemeente=Leiden"),
    ("geen-resultaten", "?q=talent&thema=Flexibele+cultuur&gemeente=Goes"), ("uitgeklapt", None)])
def test_axe_finds_no_wcag_violations(page, site_url, axe_source, name, state):
    open_search(page, site_url, state or "")
    if state is None:
        page.locator('[data-kb-facet="gemeente"] .kb-facet__toggle').click()
    violations = run_axe(page, axe_source)
    screenshot(page, f"zoeken-axe-{name}")
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)


def test_small_screen(browser, site_url, axe_source):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    try:
        phone = context.new_page()
        open_search(phone, site_url, "?q=talent")
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "horizontaal scrollen"
        assert run_axe(phone, axe_source) == []
        screenshot(phone, "zoeken-telefoon")
    finally:
        context.close()


def test_without_javascript_the_page_links_to_the_listings(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        plain = context.new_page()
        plain.goto(f"{site_url}/zoeken/")
        message = plain.locator("[data-kb-search-message]")
        assert message.is_visible() and "Zoeken werkt met JavaScript" in message.inner_text()
        for name in ("thema", "gemeente", "provincie", "regeling"):
            assert message.get_by_role("link", name=name, exact=True).is_visible()
        assert not plain.locator(ROOT_SELECTOR).is_visible()
        screenshot(plain, "zoeken-zonder-javascript")
    finally:
        context.close()


def test_more_results_keep_keyboard_users_in_place(page, site_url, catalog):
    open_search(page, site_url)
    total = len(catalog.projects) + len(catalog.schemes)
    more = page.locator("[data-kb-more]")
    if not more.is_visible():
        pytest.skip("te weinig records voor een tweede portie")
    shown = page.locator(".kb-result").count()
    assert more.inner_text() == f"Toon meer resultaten ({shown} van {total} getoond)"
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("n => document.querySelectorAll('.kb-result').length > n", arg=shown)
    # Focus lands on the first new result, not back at the top of the page.
    focused = page.evaluate("document.activeElement.closest('.kb-result') && "
                            "[...document.querySelectorAll('.kb-result')].indexOf(document.activeElement.closest('.kb-result'))")
    assert focused == shown


def test_clearing_filters_returns_everything_and_keeps_focus_near(page, site_url, facets_by_key):
    theme = biggest_value(facets_by_key, "thema")
    open_search(page, site_url, "?" + urlencode({"thema": theme.naam}))
    assert checked(page) == {"thema": [theme.naam]}
    before = rendered(page)
    page.get_by_role("button", name="Wis alle filters").click()
    settle(page, before)
    assert checked(page) == {} and urlparse(page.url).query == ""
    assert page.evaluate("document.activeElement.id") == "kb-filters-title"
    assert not page.get_by_role("button", name="Wis alle filters").is_visible()


def test_the_home_page_form_is_the_same_search(page, site_url):
    page.goto(site_url + "/")
    page.fill("#kb-home-q", "Ontwikkelpool")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q=Ontwikkelpool$"))
    settle(page, 0)
    assert result_paths(page)[0] == record_path("leiden-ontwikkelpool")


def test_with_javascript_the_fallback_message_is_gone(page, site_url):
    open_search(page, site_url)
    assert not page.locator("[data-kb-search-fallback]").is_visible()
    assert page.locator("input[type=search]").count() == 1


# ------------------------------------------------------------------ cost of the first search

def test_first_search_transfers_little(page, site_url):
    open_search(page, site_url)
    sizes: list[tuple[str, int]] = []

    def finished(request) -> None:
        if "/pagefind/" in request.url:
            sizes.append((request.url, request.sizes()["responseBodySize"]))

    page.on("requestfinished", finished)
    type_query(page, "w")
    page.wait_for_timeout(200)  # late fragment requests
    page.remove_listener("requestfinished", finished)
    total = sum(size for _, size in sizes)
    assert sizes, "de eerste zoekopdracht haalde niets op"
    assert total < 300_000, f"eerste zoekopdracht haalt {total} bytes op: {sizes}"


# ------------------------------------------------------------------ what people type: the relevance set

def relevance_set() -> list[dict]:
    from conftest import DATA
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((DATA / "zoekvragen.yaml").read_text(encoding="utf-8"))["vragen"]


def expected_path(record_id: str) -> str:
    return f"/{record_id}/" if "/" in record_id else record_path(record_id)


def shown_paths(page) -> list[str]:
    return [urlparse(href).path for href in page.eval_on_selector_all(
        ".kb-result__title a", "links => links.map(a => a.href)")]


@pytest.mark.parametrize("case", relevance_set(), ids=lambda case: case["vraag"])
def test_relevance_set(page, site_url, catalog, case):
    """tests/data/zoekvragen.yaml: the record people mean comes first, or in the top three."""
    for record_id in [case.get("eerste")] + case.get("top3", []):
        if record_id and "/" not in record_id:
            assert record_id in catalog.projects, f"testrecord {record_id} bestaat niet meer"
    open_search(page, site_url, "?" + urlencode({"q": case["vraag"]}))
    paths = shown_paths(page)
    if case.get("eerste"):
        assert paths and paths[0] == expected_path(case["eerste"]), f"{case['vraag']!r}: {paths[:5]}"
    for record_id in case.get("top3", []):
        assert expected_path(record_id) in paths[:3], f"{case['vraag']!r}: {paths[:5]}"
    if case.get("alleen_gemeente"):
        concerned = {record.id for record in catalog.projects.values()
                     if case["alleen_gemeente"] in {m.naam for reuse in (False, True)
                                                    for m in catalog.municipalities_of(record, reuse=reuse)}}
        assert paths and all(path in {record_path(i) for i in concerned} for path in paths), (case["vraag"], paths)
    if case.get("geen"):
        assert paths == [], f"{case['vraag']!r} hoort niets te vinden: {paths}"
    if case.get("uitleg"):
        assert case["uitleg"] in page.inner_text("[data-kb-search]")


def test_a_name_offers_its_filter_in_one_click(page, site_url, facets_by_key):
    leiden = next(v for v in facets_by_key["gemeente"].values if v.naam == "Leiden")
    open_search(page, site_url, "?q=talentontwikkeling+Leiden")
    assert page.title().startswith("Zoeken: talentontwikkeling Leiden — ")
    link = page.get_by_role("link", name=f"Filter op gemeente Leiden ({leiden.count})")
    before = rendered(page)
    link.click()
    settle(page, before)
    assert checked(page) == {"gemeente": ["Leiden"]}
    assert parse_qs(urlparse(page.url).query) == {"q": ["talentontwikkeling"], "gemeente": ["Leiden"]}
    assert page.input_value("#kb-q") == "talentontwikkeling"


def test_a_scheme_name_puts_its_page_first_and_offers_its_records(page, site_url, catalog, facets_by_key):
    """A query that is a scheme's name: that scheme's page first, the others after it (the relevance set
    checks the order for the series and its editions), and its records in one click."""
    edition = catalog.schemes["gemeentedelers-2021"]
    value = next(v for v in facets_by_key["regeling"].values if v.slug == edition.id)
    open_search(page, site_url, "?q=gemeentedelers+2021")
    names = page.inner_text("[data-kb-names]")
    assert f"Herkend: regeling {edition.model.titel}. De pagina van de regeling staat bovenaan." in names, names
    before = rendered(page)
    page.get_by_role("link", name=f"Filter op regeling {edition.model.titel} ({value.count})").click()
    settle(page, before)
    assert checked(page) == {"regeling": [edition.model.titel]} and page.input_value("#kb-q") == ""
    assert sorted(result_paths(page)) == sorted(record_path(i) for i in value.record_ids)
    # Sorted by date, the list keeps its order: a scheme page (no date) is not pulled to the top.
    open_search(page, site_url, "?q=GemeenteDelers&sorteer=nieuw")
    assert shown_paths(page)[0].startswith("/projecten/")
    assert "staat bovenaan" not in page.inner_text("[data-kb-names]")


def test_a_synonym_is_shown_as_typed_with_the_official_name(page, site_url):
    """'den haag' is the CBS's 's-Gravenhage: the reader sees the name they typed, the register's after it."""
    open_search(page, site_url, "?q=den+haag")
    names = page.inner_text("[data-kb-names]")
    assert "gemeente Den Haag ('s-Gravenhage)" in names, names


def test_a_name_in_quotes_is_a_word(page, site_url):
    """"leiden" in quotes is the word (also the verb), not the place: more than Leiden's own record."""
    open_search(page, site_url, "?" + urlencode({"q": '"leiden"'}))
    paths = shown_paths(page)
    assert len(paths) > 1 and record_path("leiden-ontwikkelpool") in paths
    assert not page.locator("[data-kb-names]").is_visible()


def test_budget_tables_and_labels_are_not_searched(page, site_url):
    """West Betuwe's budget table ("Financiële consequenties A", "Formatiebudget …", column "Bedrag") is not
    searched, nor are the key facts' labels; excerpts are sentences, not cells or labels run together."""
    for query in ("Formatiebudget", "Bedrag", "Amsterdam"):
        open_search(page, site_url, "?" + urlencode({"q": query}))
        assert record_path("west-betuwe-kerngericht-werken") not in shown_paths(page), query
    open_search(page, site_url, "?q=talentontwikkeling")
    excerpts = " ".join(page.locator(".kb-result__excerpt").all_inner_texts())
    assert excerpts and "OmschrijvingPeriode" not in excerpts and "Thema innovatieagenda" not in excerpts, excerpts


@pytest.mark.parametrize("sort, key", [("nieuw", "datum"), ("titel", "titel")])
def test_sorting_is_in_the_address_and_orders_the_list(page, site_url, catalog, sort, key):
    open_search(page, site_url, "?q=talent")
    relevance = result_paths(page)
    before = rendered(page)
    page.select_option("#kb-sort", sort)
    settle(page, before)
    assert parse_qs(urlparse(page.url).query) == {"q": ["talent"], "sorteer": [sort]}
    paths = result_paths(page)
    assert sorted(paths) == sorted(relevance)
    ids = [p.split("/")[2] for p in paths if p.startswith("/projecten/")]
    if key == "titel":
        titles = [catalog.projects[i].model.titel.casefold() for i in ids]
        assert titles == sorted(titles)
    else:
        def start(record_id):
            period = catalog.projects[record_id].model.periode
            return (period.start or period.einde or "0000") if period else "0000"
        assert [start(i) for i in ids] == sorted((start(i) for i in ids), reverse=True)
    # A copied link keeps the order; the back button returns to relevance.
    before = rendered(page)
    page.go_back()
    settle(page, before)
    assert page.input_value("#kb-sort") == "" and result_paths(page) == relevance


REUSED_RECORD = """---
schema_versie: 1
titel: {titel}
soort: project
korte_beschrijving: Een praktijk die anderen overnamen.
organisaties: [Leiden]
hergebruikt_door: [{reusers}]{reuse_source}
status: onbekend
bronnen: [ao-fonds-subsidie-2019]
laatst_beoordeeld: 2026-11-23
---
Tekst over hergebruik.
"""


@pytest.fixture(scope="module")
def reuse_site(tmp_path_factory):
    """A small site (with its search index) whose records are reused by 2, 1 and 0 organisations, so the
    order is known whatever the repository's own records say about reuse; the last one's text has markup
    in it as text, for the excerpts."""
    from conftest import run_generator
    from test_site import make_project

    tmp = tmp_path_factory.mktemp("hergebruik")
    project = make_project(tmp)
    for name, reusers in (("twee-keer-hergebruikt", "Delft, Breda"), ("een-keer-hergebruikt", "Goes"),
                          ("nooit-hergebruikt", "")):
        source = ('\nhergebruik_bron: [{bron: ao-fonds-subsidie-2019, datum: 2019-11, zin: "Hergebruikt."}]'
                  if reusers else "")
        text = REUSED_RECORD.format(titel=name.replace("-", " ").capitalize(), reusers=reusers, reuse_source=source)
        if not reusers:
            text += NASTY_EXCERPT
        (project / "content" / "projects" / f"{name}.md").write_text(text, encoding="utf-8")
    site = tmp / "site"
    result = run_generator("build", "--content", str(project / "content"), "--config", str(project / "mkdocs.yml"),
                           "--site-dir", str(site), cwd=project, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(site) as url:
        yield url


NASTY_EXCERPT = ("\nEerst een alinea die lang genoeg is om het uittreksel bij het gezochte woord te laten beginnen, niet bij "
                 "de titel of de korte beschrijving van het record, want die staan al in het resultaat zelf.\n\n"
                 "Het zoekwoordx `<img src=x onerror=\"window.kbHacked=1\">` 3 < 4 & 5 > 2.\n")


def test_an_excerpt_shows_markup_in_the_text_as_text(page, reuse_site):
    """Pagefind's excerpt is HTML (&lt; for "<", <mark> around hits); zoeken.js turns it into text and marks only."""
    open_search(page, reuse_site, "?q=zoekwoordx")
    excerpt = page.locator(".kb-result__excerpt")
    assert excerpt.count() == 1
    text = excerpt.inner_text()
    assert '<img src=x onerror="window.kbHacked=1">' in text and "3 < 4 & 5 > 2" in text, text
    assert "0kbrecord" not in text, "the word every page carries for the search page is no text of the record"
    assert excerpt.locator("mark").all_inner_texts() == ["zoekwoordx"]
    assert page.locator(f"{ROOT_SELECTOR} img").count() == 0 and page.evaluate("window.kbHacked") is None


def test_most_reused_first(page, reuse_site):
    open_search(page, reuse_site, "?q=hergebruik&sorteer=hergebruik")
    names = [path.rstrip("/").split("/")[-1] for path in result_paths(page)]
    assert names[:3] == ["twee-keer-hergebruikt", "een-keer-hergebruikt", "nooit-hergebruikt"]


def test_header_form_on_every_page_searches_without_javascript(browser, site_url):
    for javascript in (False, True):
        context = browser.new_context(java_script_enabled=javascript, locale="nl-NL")
        try:
            tab = context.new_page()
            tab.goto(f"{site_url}/projecten/goes-talent-in-actie/")
            field = tab.get_by_role("searchbox", name="Zoek in de kennisbank")
            field.fill("Geldermalsen")
            field.press("Enter")
            tab.wait_for_url(re.compile(r"/zoeken/\?q=Geldermalsen$"))
            if javascript:
                settle(tab, 0)
                assert shown_paths(tab)[0] == record_path("west-betuwe-kerngericht-werken")
                assert "(nu West Betuwe)" in tab.inner_text("[data-kb-search]")
            else:
                assert tab.locator("[data-kb-search-message]").is_visible()
            # The site menu is there on the search page (a drawer on a small screen).
            assert tab.locator("nav.md-nav--primary a[href$='gemeenten/']").count() >= 1
        finally:
            context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_header_and_names_are_accessible(browser, site_url, axe_source, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}/projecten/leiden-ontwikkelpool/")
        assert tab.get_by_role("searchbox", name="Zoek in de kennisbank").is_visible()
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "horizontaal scrollen"
        assert run_axe(tab, axe_source) == []
        screenshot(tab, f"kop-zoekveld-{width}")
        for query in ("Geldermalsen", "Amsterdam"):
            open_search(tab, site_url, "?q=" + query)
            fits_and_passes_axe(tab, axe_source, f"zoeken-naam-{query.lower()}-{width}")
    finally:
        context.close()


def fits_and_passes_axe(tab, axe_source, name: str) -> None:
    """No horizontal scrolling and no axe violation; a screenshot (test-artifacts/) to look at."""
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "horizontaal scrollen"
    violations = run_axe(tab, axe_source)
    screenshot(tab, name)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("crafted", ["?sorteer=constructor", "?sorteer=__proto__&q=leiden"])
def test_a_crafted_sort_in_the_address_falls_back_to_relevance(page, site_url, crafted):
    """'constructor' is a property of every JavaScript object: it once broke the search ('Zoeken lukte niet')."""
    open_search(page, site_url, crafted)
    assert "lukte niet" not in page.inner_text("[data-kb-search]")
    assert page.locator(".kb-result").count() >= 1
    assert page.input_value("#kb-sort") == ""


@pytest.mark.parametrize("width", [1280, 375])
def test_sorting_the_overview_by_keyboard_without_javascript(browser, site_url, catalog, axe_source, width):
    """/projecten/ (title order) links its other orders as plain links: Tab to "nieuwste eerst", Enter, and the
    newest record is first, that link marked as the current order. axe (which needs JavaScript to run) then
    checks both pages in a browser with JavaScript."""
    def start(record) -> str:
        period = record.model.periode
        return str((period.start or period.einde) or "") if period else ""

    newest = max(start(record) for record in catalog.projects.values())
    for javascript in (False, True):
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900},
                                      locale="nl-NL")
        try:
            tab = context.new_page()
            tab.goto(f"{site_url}/projecten/")
            current = tab.locator(".kb-sortlinks a[aria-current]")
            assert current.count() == 1 and current.inner_text() == "titel (A–Z)"
            if javascript:
                fits_and_passes_axe(tab, axe_source, f"projecten-titel-{width}")
                tab.goto(f"{site_url}/zoeken/nieuwste-eerst/")
                fits_and_passes_axe(tab, axe_source, f"projecten-nieuwste-eerst-{width}")
                continue
            for _ in range(60):
                tab.keyboard.press("Tab")
                if tab.evaluate("document.activeElement.textContent") == "nieuwste eerst":
                    break
            else:
                pytest.fail("'nieuwste eerst' is met Tab niet te bereiken")
            tab.keyboard.press("Enter")
            tab.wait_for_url(re.compile(r"/zoeken/nieuwste-eerst/$"))
            first = tab.locator(".kb-card__title a").first.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
            assert start(catalog.projects[first]) == newest, first
            current = tab.locator(".kb-sortlinks a[aria-current='page']")
            assert current.count() == 1 and current.inner_text() == "nieuwste eerst"
        finally:
            context.close()
