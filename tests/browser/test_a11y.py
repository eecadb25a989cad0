"""Accessibility gates in Chromium (issue 17): axe-core with WCAG 2.2 A/AA and best practices on every
page kind at 1280 and 375 px and on pages in use, the keyboard (menu, skip link, focus visible and not
under the sticky header), reflow at 320 px, link contrast in every state, headings and landmarks.

One page of each kind, not every page: pages of a kind share one template. The checks that read the
pages themselves are plain functions, so the last tests can show each of them failing on a page that
was broken on purpose (the menu, tables and labels as they were before this issue).
The statement /toegankelijkheid/ names these tests (features/toegankelijkheid/verklaring.yaml).
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import ARTIFACTS, inject_axe, serve

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDE, PHONE, NARROW = 1280, 375, 320
SHOTS = ARTIFACTS / "a11y"


def page_kinds(catalog) -> dict[str, str]:
    """{kind: path}: one page of every kind the site has."""
    def first(facet_id: str, with_records: bool = True) -> str | None:
        values = [v for v in catalog.facets[facet_id].values if bool(v.record_ids) == with_records]
        return values[0].slug if values else None

    kinds = {
        "start": "/", "praktijkvoorbeeld": "/projecten/west-betuwe-kerngericht-werken/",
        "alle-praktijkvoorbeelden": "/projecten/", "themas": "/themas/", "thema": f"/themas/{first('themas')}/",
        "gemeenten": "/gemeenten/", "gemeente": "/gemeenten/west-betuwe/", "provincies": "/provincies/",
        "regelingen": "/regelingen/", "regeling": "/regelingen/impulsregeling/", "rekenhulp": "/rekenhulp/",
        "zoeken": "/zoeken/", "open-data": "/data/", "over": "/over/", "toegankelijkheid": "/toegankelijkheid/",
        "niet-gevonden": "/404.html", "toevoegen": "/bijdragen/toevoegen/", "status": "/status/afgerond/",
        "gids": "/bijdragen/", "muur": "/muur/", "kaart": "/kaart/",
    }
    empty = first("provincies", with_records=False)
    if empty:
        kinds["provincie-zonder-voorbeelden"] = f"/provincies/{empty}/"
    return kinds


@pytest.fixture(scope="module")
def kinds(catalog) -> dict[str, str]:
    return page_kinds(catalog)


@pytest.fixture(scope="module")
def tabs(browser):
    """One context per width for the whole module: {width: page}."""
    contexts = {width: browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
                for width in (WIDE, PHONE, NARROW)}
    yield {width: context.new_page() for width, context in contexts.items()}
    for context in contexts.values():
        context.close()


def open_page(tab, url: str) -> None:
    """Open a page and wait until its scripts are done: tables wrapped, the search's first render."""
    tab.goto(url)
    tab.wait_for_load_state("load")
    tab.wait_for_function("() => { const s = document.querySelector('[data-kb-search]');"
                          " return !s || (Number(s.dataset.kbRendered || 0) > 0 && s.dataset.kbBusy === 'false'); }")
    tab.wait_for_function("() => !document.querySelector('.md-content table:not(.kb-scroll table)')"
                          " || document.querySelector('.kb-scroll')")


def axe(tab, axe_source: str) -> list[dict]:
    inject_axe(tab, axe_source)
    return tab.evaluate("""async tags => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return result.violations.map(v => ({id: v.id, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""", AXE_TAGS)


def shot(tab, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


# ------------------------------------------------------------------ checks on the open page

FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    const header = document.querySelector('.md-header');
    const headerBottom = header ? header.getBoundingClientRect().bottom : 0;
    const inHeader = header ? header.contains(el) : false;
    const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 8), 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 8), 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
    let hidden = false;
    for (let n = el; n; n = n.parentElement) {
        const cs = getComputedStyle(n);
        if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) hidden = true;
    }
    return {name: (el.tagName + ' ' + (el.getAttribute('aria-label') || el.textContent || el.name || '')).trim().slice(0, 60),
            ring, hidden, width: r.width, height: r.height,
            onScreen: r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
            covered: !inHeader && r.top < headerBottom - 1,
            hitOther: !!top && !(el === top || el.contains(top) || top.contains(el) || (el.labels && [...el.labels].some(l => l.contains(top))))};
}"""


def tab_walk(tab, stops: int = 80, backwards: bool = False) -> list[str]:
    """Tab (or Shift+Tab) through the page; every stop must be visible, ringed and not under the header."""
    problems = []
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(stops):
        tab.keyboard.press(key)
        # Let the browser finish scrolling the focused element into view (and Material react to the
        # scroll) before measuring: two animation frames.
        tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        state = tab.evaluate(FOCUS_STATE)
        if state is None:
            break
        where = repr(state["name"])
        if state["hidden"] or state["width"] == 0 or state["height"] == 0 or not state["onScreen"]:
            problems.append(f"onzichtbare stop {where}")
        elif not state["ring"]:
            problems.append(f"geen zichtbare focus {where}")
        elif state["covered"] or state["hitOther"]:
            problems.append(f"onder de kop of bedekt {where}")
        visits = tab.evaluate("() => { const e = document.activeElement; e.dataset.kbSeen = (e.dataset.kbSeen | 0) + 1;"
                              " return Number(e.dataset.kbSeen); }")
        if visits > 1:  # round the page once
            break
    return problems


def cut_off(tab) -> list[str]:
    """Elements wider than the viewport, and tables clipped without a scrolling region of their own."""
    return tab.evaluate("""() => {
        const out = [], width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width + 1) out.push('pagina ' + document.documentElement.scrollWidth + 'px');
        const scrolls = el => { for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
            const s = getComputedStyle(n).overflowX;
            if ((s === 'auto' || s === 'scroll') && n.getBoundingClientRect().right <= width + 1) return n; } return null; };
        for (const el of document.querySelectorAll('.md-content *')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.right <= width + 1 || scrolls(el)) continue;
            out.push(el.tagName.toLowerCase() + '.' + el.className + ' tot ' + Math.round(r.right) + 'px');
        }
        for (const table of document.querySelectorAll('.md-content table')) {
            const region = scrolls(table);
            if (table.getBoundingClientRect().right <= width + 1) continue;
            if (!region) { out.push('tabel afgesneden: ' + (table.caption ? table.caption.textContent : '')); continue; }
            if (region.getAttribute('role') !== 'region' || region.tabIndex !== 0 || !region.getAttribute('aria-label'))
                out.push('brede tabel zonder benoemd, focusbaar schuifgebied: ' + (table.caption ? table.caption.textContent : ''));
        }
        return [...new Set(out)].slice(0, 12);
    }""")


def heading_gaps(tab) -> list[str]:
    return tab.evaluate("""() => {
        const out = [], levels = [...document.querySelectorAll('.md-content :is(h1,h2,h3,h4,h5,h6)')]
            .filter(h => h.getClientRects().length).map(h => Number(h.tagName[1]));
        if (levels.filter(l => l === 1).length !== 1) out.push('aantal h1: ' + levels.filter(l => l === 1).length);
        if (levels[0] !== 1) out.push('eerste kop is h' + levels[0]);
        levels.forEach((l, i) => { if (i && l > levels[i - 1] + 1) out.push('h' + levels[i - 1] + ' -> h' + l); });
        return out;
    }""")


ENGLISH_NAMES = re.compile(r"\b(header|footer|navigation|table of contents|skip|menu|search|main)\b", re.I)


def landmark_problems(tab) -> list[str]:
    return tab.evaluate("""re => {
        const out = [], english = new RegExp(re, 'i');
        for (const el of document.querySelectorAll('nav, header, footer, aside, section[aria-label], [role=region], form[role=search], [role=navigation]')) {
            const label = el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') &&
                document.getElementById(el.getAttribute('aria-labelledby'))?.textContent.trim()) || '';
            if (english.test(label)) out.push('Engelse naam: ' + label);
            if (el.tagName === 'NAV' && !el.querySelector('a, button, input')) out.push('lege nav: ' + label);
        }
        for (const el of document.querySelectorAll('span[aria-label]:not([role])')) out.push('aria-label op span: ' + el.outerHTML.slice(0, 60));
        return out;
    }""", ENGLISH_NAMES.pattern)


def contrast(foreground: str, background: str = "rgb(255, 255, 255)") -> float:
    def luminance(rgb: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# ------------------------------------------------------------------ the gates

@pytest.mark.parametrize("width", [WIDE, PHONE])
def test_axe_on_every_page_kind_wide_and_narrow(tabs, site_url, kinds, axe_source, width):
    tab = tabs[width]
    failures = {}
    for name, path in kinds.items():
        open_page(tab, site_url + path)
        shot(tab, f"{name}-{width}")
        violations = axe(tab, axe_source)
        if violations:
            failures[path] = violations
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_axe_on_pages_in_use(tabs, site_url, axe_source):
    from playwright.sync_api import expect

    failures = {}
    wide, phone = tabs[WIDE], tabs[PHONE]
    open_page(wide, site_url + "/zoeken/?q=talent&gemeente=Goes&gemeente=Leiden")
    wide.wait_for_function("() => document.querySelector('[data-kb-search]').dataset.kbBusy === 'false'")
    failures["zoeken getypt en gefilterd"] = axe(wide, axe_source)
    shot(wide, "in-gebruik-zoeken-1280")

    open_page(wide, site_url + "/rekenhulp/")
    calculator = wide.locator("#rh-calc")
    amount = calculator.get_by_label("Bedrag ex btw").first
    amount.fill("abc")
    amount.press("Enter")
    expect(wide.locator("#rh-calc-errors")).to_be_visible()
    failures["rekenhulp met fouten"] = axe(wide, axe_source)
    shot(wide, "in-gebruik-rekenhulp-fouten-1280")
    open_page(wide, site_url + "/rekenhulp/")
    wide.get_by_role("button", name=re.compile("Vul het rekenvoorbeeld")).first.click()
    expect(wide.locator("#rh-c-uitkomst")).to_contain_text("€")
    failures["rekenhulp met uitkomst"] = axe(wide, axe_source)
    shot(wide, "in-gebruik-rekenhulp-uitkomst-1280")

    open_page(phone, site_url + "/themas/")
    phone.get_by_role("button", name="Menu", exact=True).click()
    expect(phone.locator(".md-sidebar--primary")).to_be_in_viewport()
    failures["menu open op 375 px"] = axe(phone, axe_source)
    shot(phone, "in-gebruik-menu-open-375")
    phone.keyboard.press("Escape")
    failures = {name: found for name, found in failures.items() if found}
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_menu_opens_and_closes_by_keyboard_on_a_phone(tabs, site_url):
    from playwright.sync_api import expect

    tab = tabs[PHONE]
    open_page(tab, site_url + "/themas/")
    button = tab.get_by_role("button", name="Menu", exact=True)
    tab.locator("body").focus()
    for stop in range(1, 6):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('.kb-menu-button')"):
            break
    else:
        pytest.fail("de menuknop is niet met Tab te bereiken")
    assert stop <= 3, f"menuknop pas na {stop} Tabs"
    expect(button).to_have_attribute("aria-expanded", "false")
    # The closed drawer is out of the tab order: the next stops are in view, not off-screen links.
    assert tab.locator(".md-sidebar--primary a").first.evaluate("a => a.closest('[inert]') !== null")
    tab.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    drawer = tab.locator(".md-sidebar--primary")
    expect(drawer).to_be_in_viewport()
    expect(tab.get_by_role("button", name="Menu sluiten")).to_be_focused()
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    focused = tab.evaluate(FOCUS_STATE)
    assert focused["onScreen"] and focused["ring"] and tab.evaluate(
        "document.activeElement.closest('.md-sidebar--primary') !== null"), focused
    tab.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    # Enter on a menu link goes there.
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    target = tab.evaluate("document.activeElement.href")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert target and tab.url == target, (target, tab.url)


@pytest.mark.parametrize("width", [WIDE, PHONE])
@pytest.mark.parametrize("path", ["/zoeken/", "/rekenhulp/", "/projecten/west-betuwe-kerngericht-werken/", "/themas/"])
def test_every_tab_stop_is_visible_and_not_under_the_header(tabs, site_url, width, path):
    tab = tabs[width]
    open_page(tab, site_url + path)
    tab.locator("body").focus()
    forward = tab_walk(tab)
    tab.evaluate("document.querySelectorAll('[data-kb-seen]').forEach(e => delete e.dataset.kbSeen)")
    backward = tab_walk(tab, backwards=True)
    assert forward == [] and backward == [], {"Tab": forward, "Shift+Tab": backward}


def test_search_filters_and_calculator_work_by_keyboard(tabs, site_url):
    from playwright.sync_api import expect

    tab = tabs[PHONE]
    open_page(tab, site_url + "/zoeken/")
    tab.locator("body").focus()

    def tab_to(selector: str, limit: int = 40) -> int:
        for stop in range(1, limit + 1):
            tab.keyboard.press("Tab")
            if tab.evaluate("s => document.activeElement.matches(s)", selector):
                return stop
        pytest.fail(f"{selector} niet bereikt met {limit} Tabs")

    assert tab_to("#kb-q") <= 6
    tab.keyboard.type("talent")
    tab.wait_for_function("() => document.querySelector('[data-kb-search]').dataset.kbBusy === 'false'"
                          " && document.querySelectorAll('.kb-result').length > 0")
    tab_to(".kb-search__filtertoggle")  # on a phone the filters are folded away
    tab.keyboard.press("Enter")
    tab_to("[data-kb-facet] input[type=checkbox]")
    tab.keyboard.press("Space")
    assert tab.evaluate("document.activeElement.checked")
    tab.wait_for_function("() => location.search.includes('q=talent') && location.search.split('&').length > 1")

    open_page(tab, site_url + "/rekenhulp/")
    tab.locator("body").focus()
    tab_to("[data-rh-example]", 60)
    tab.keyboard.press("Enter")
    expect(tab.locator("#rh-c-uitkomst")).to_contain_text("€")

    # An error summary's link brings the field with its label into view, below the sticky header.
    open_page(tab, site_url + "/rekenhulp/")
    amount = tab.locator("#rh-calc").get_by_label("Bedrag ex btw").first
    amount.fill("abc")
    amount.press("Enter")
    summary_link = tab.locator("#rh-calc-errors a").first
    summary_link.focus()
    tab.keyboard.press("Enter")
    expect(amount).to_be_focused()
    tab.wait_for_timeout(100)
    label_top = amount.evaluate("""input => {
        const label = input.closest('fieldset')?.querySelector('legend') || input.labels[0];
        return label.getBoundingClientRect().top - document.querySelector('.md-header').getBoundingClientRect().bottom; }""")
    assert label_top >= 0, f"label {-label_top}px onder de kop"


def test_skip_link_is_first_and_leads_to_the_title(tabs, site_url, kinds):
    tab = tabs[WIDE]
    problems = {}
    for name, path in kinds.items():
        open_page(tab, site_url + path)
        tab.locator("body").focus()
        tab.keyboard.press("Tab")
        first = tab.evaluate("() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href'),"
                             " document.querySelectorAll('a[href=\"#inhoud\"]').length]")
        state = tab.evaluate(FOCUS_STATE)
        tab.keyboard.press("Enter")
        landed = tab.evaluate("""() => { const t = document.activeElement, h1 = t.querySelector('h1');
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            const top = h1 ? h1.getBoundingClientRect().top : -1;
            return [t.id, !!h1 && top >= header - 1 && top < innerHeight]; }""")
        if first != ["Naar de inhoud", "#inhoud", 1] or not state["onScreen"] or not state["ring"] or landed != ["inhoud", True]:
            problems[path] = {"eerste stop": first, "zichtbaar": state, "na Enter": landed}
    assert problems == {}, problems


def test_nothing_is_cut_off_at_320_px(tabs, site_url, kinds):
    from playwright.sync_api import expect

    tab = tabs[NARROW]
    problems = {}
    for name, path in kinds.items():
        open_page(tab, site_url + path)
        found = cut_off(tab)
        if found:
            problems[path] = found
    open_page(tab, site_url + "/rekenhulp/")
    tab.get_by_role("button", name=re.compile("Vul het rekenvoorbeeld")).first.click()
    expect(tab.locator("#rh-c-uitkomst")).to_contain_text("€")
    tab.wait_for_timeout(100)
    if found := cut_off(tab):
        problems["rekenhulp met uitkomst"] = found
    shot(tab, "rekenhulp-uitkomst-320")
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def settled(tab, locator) -> None:
    """Wait until the element's CSS transitions have ended: Material fades link colours, and a colour
    measured halfway is neither the one at rest nor the one on hover."""
    tab.wait_for_function("el => el.getAnimations().length === 0", arg=locator.element_handle())


def test_link_colours_keep_contrast_in_every_state(tabs, site_url):
    tab = tabs[WIDE]
    open_page(tab, site_url + "/over/")
    link = tab.locator(".md-content p a").first
    colours = {"rust": link.evaluate("a => getComputedStyle(a).color")}
    link.hover()
    settled(tab, link)
    colours["aanwijzen"] = link.evaluate("a => getComputedStyle(a).color")
    tab.mouse.move(0, 0)
    link.focus()
    settled(tab, link)
    colours["focus"] = link.evaluate("a => getComputedStyle(a).color")
    ratios = {state: round(contrast(colour), 2) for state, colour in colours.items()}
    assert all(ratio >= 4.5 for ratio in ratios.values()), ratios


OWNED_ELSEWHERE: dict[str, str] = {}
"""Known problems on one page each ({path: start of the problem}); empty now that every count uses
`m.badge(count)` from _macros.j2. An entry must name its page and its one problem."""


def test_headings_have_no_gaps_and_landmarks_are_dutch(tabs, site_url, kinds):
    tab = tabs[WIDE]
    problems = {}
    for name, path in kinds.items():
        open_page(tab, site_url + path)
        found = [p for p in heading_gaps(tab) + landmark_problems(tab)
                 if not (path in OWNED_ELSEWHERE and p.startswith(OWNED_ELSEWHERE[path]))]
        if found:
            problems[path] = found
    assert problems == {}, problems


def test_former_municipality_leads_to_its_successor(tabs, site_url):
    tab = tabs[WIDE]
    tab.goto(site_url + "/gemeenten/geldermalsen/")
    tab.wait_for_url("**/gemeenten/west-betuwe/")
    assert tab.locator("h1").inner_text() == "West Betuwe"
    # The page itself, fetched rather than shown (its meta refresh moves on): a link for people too.
    html = tab.request.get(site_url + "/gemeenten/geldermalsen/").text()
    assert 'href="../west-betuwe/"' in html and "1 januari 2019" in html and "<h1>Geldermalsen</h1>" in html


# ------------------------------------------------------------------ each gate fails on a broken page

@pytest.fixture(scope="module")
def broken_site(built_site, tmp_path_factory):
    """A copy of the built site whose /over/ page is broken on purpose, the way the site was before
    issue 17: no kennisbank.js (so no keyboard menu, no table regions), a wide table, a field
    without a label, a heading jump, an English landmark name and a link colour of 4.25:1."""
    site = tmp_path_factory.mktemp("kapot") / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind", "projecten", "data"))
    page = site / "over" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<script src="[^"]*kennisbank\.js"></script>', "", html)
    html = html.replace('<article class="md-content__inner md-typeset" id="inhoud" tabindex="-1">',
                        '<article class="md-content__inner md-typeset">')
    html = html.replace('aria-label="Sitekop"', 'aria-label="Header"')
    broken = ('<h3>Sprong</h3><input type="text" name="x">'
              '<table class="kb-table"><caption>Breed</caption><tr>' + "<td>kolom-met-veel-tekst</td>" * 12 + "</tr></table>"
              '<style>.md-typeset a:hover, .md-typeset a:focus { color: #526cfe !important; }</style>')
    html = html.replace("</h1>", "</h1>" + broken, 1)
    page.write_text(html, encoding="utf-8")
    with serve(site) as url:
        yield url


def test_the_gates_fail_on_a_broken_page(tabs, broken_site, axe_source):
    wide, phone, narrow = tabs[WIDE], tabs[PHONE], tabs[NARROW]
    url = broken_site + "/over/"
    wide.goto(url)
    assert {"label", "heading-order"} <= {v["id"] for v in axe(wide, axe_source)}
    assert any("h1 -> h3" in p for p in heading_gaps(wide))
    assert any("Header" in p for p in landmark_problems(wide))
    link = wide.locator(".md-content p a").first
    link.hover()
    settled(wide, link)
    assert contrast(link.evaluate("a => getComputedStyle(a).color")) < 4.5
    narrow.goto(url)
    assert any("tabel" in p or "table" in p for p in cut_off(narrow)), cut_off(narrow)
    phone.goto(url)
    phone.locator("body").focus()
    assert any("onzichtbare stop" in p for p in tab_walk(phone, stops=20)), "verborgen menulinks horen op te vallen"
    wide.goto(url)
    wide.locator("body").focus()
    wide.keyboard.press("Tab")
    wide.keyboard.press("Enter")
    assert wide.evaluate("document.activeElement.id") != "inhoud"
