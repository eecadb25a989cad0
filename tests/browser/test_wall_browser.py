"""The portfolio wall (/muur/) and its poster view in real Chromium (issue 14).

One card per record, with and without JavaScript; a filter narrows the wall to the catalogue's own
records and the URL brings that state back; the poster view at A3 and A0 prints QR codes that
decode (zxing-cpp, on screenshots of the printed view) to each record's absolute address; the PDF
posters have one cover plus one page per sheet of cards, at the format's paper size; axe finds no
WCAG 2.2 A/AA violation on the wall and the print view.
"""

from __future__ import annotations

import base64
import math
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import ROOT, WCAG_22, run_axe, screenshot

from generator.features.muur.muur import FORMATS

SITE_URL = "https://kennisbank.example.nl/"
"""site_url in mkdocs.yml, which the session's build uses: the QR codes must point there."""

PAPER_MM = {"a3-liggend": (420, 297), "a3-staand": (297, 420), "a0-liggend": (1189, 841), "a0-staand": (841, 1189)}


def axe(page, axe_source: str) -> list[dict]:
    """WCAG 2.2 A/AA violations on the current page."""
    return run_axe(page, axe_source, WCAG_22)


def open_wall(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-kb-wall-ready]", state="attached")


def card_ids(page) -> list[str]:
    return page.eval_on_selector_all(".kb-wall .kb-wallcard", "cards => cards.map(c => c.dataset.id)")


def checkbox(page, value: str):
    """The filter checkbox of a value; its accessible name is the value and its count."""
    return page.get_by_role("checkbox", name=re.compile("^" + re.escape(value) + r" \(\d+\)$"))


def a_theme_that_narrows(catalog):
    total = len(catalog.projects)
    return next(v for v in catalog.facets["themas"].values if 0 < v.count < total)


def test_wall_shows_one_card_per_record_with_and_without_javascript(browser, page, site_url, catalog):
    open_wall(page, site_url + "/muur/")
    ids = card_ids(page)
    assert sorted(ids) == sorted(catalog.projects), "één kaart per praktijkvoorbeeld"
    assert page.locator("[data-kb-wall-status]").inner_text() == f"{len(ids)} praktijkvoorbeelden"
    first = page.locator(".kb-wallcard").first
    assert first.locator(".kb-wallcard__band").inner_text().strip(), "de themabalk heeft een tekstlabel"
    screenshot(page, "muur/muur-1280")

    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    bare = context.new_page()
    bare.goto(site_url + "/muur/")
    assert sorted(card_ids(bare)) == sorted(catalog.projects), "zonder JavaScript staan alle kaarten er ook"
    headings = bare.locator(".kb-wall__grouptitle").all_inner_texts()
    themes = [v.naam for v in catalog.facets["themas"].values if v.count]
    assert [h for h in headings if any(h.startswith(t) for t in themes)], "gegroepeerd per thema"
    assert bare.locator("[data-kb-wall-tools]").is_hidden(), "geen knoppen die zonder JavaScript niets doen"
    screenshot(bare, "muur/muur-375-zonder-js")
    context.close()


def test_filter_narrows_the_wall_and_the_url_restores_it(browser, page, site_url, catalog):
    theme = a_theme_that_narrows(catalog)
    open_wall(page, site_url + "/muur/")
    page.locator("summary", has_text="Thema").click()
    checkbox(page, theme.naam).check()
    page.wait_for_function("n => document.querySelectorAll('.kb-wall .kb-wallcard').length === n", arg=theme.count)
    assert sorted(card_ids(page)) == sorted(theme.record_ids)
    status = page.locator("[data-kb-wall-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"{theme.count} van {len(catalog.projects)} praktijkvoorbeelden"
    page.select_option("[data-kb-wall-sort]", "nieuw")
    page.select_option("[data-kb-wall-group]", "provincie")
    query = parse_qs(urlparse(page.url).query)
    assert query == {"thema": [theme.naam], "sorteer": ["nieuw"], "groep": ["provincie"]}

    again = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    open_wall(again, page.url)
    assert sorted(card_ids(again)) == sorted(theme.record_ids), "de URL zet dezelfde filters terug"
    assert checkbox(again, theme.naam).is_checked()
    assert again.locator("[data-kb-wall-group]").input_value() == "provincie"
    assert again.locator("[data-kb-wall-sort]").input_value() == "nieuw"
    screenshot(again, "muur/muur-375-gefilterd")
    again.context.close()

    page.go_back()
    page.go_back()
    page.go_back()
    page.wait_for_function("n => document.querySelectorAll('.kb-wall .kb-wallcard').length === n",
                           arg=len(catalog.projects))


def test_wall_works_by_keyboard(page, site_url, catalog):
    theme = a_theme_that_narrows(catalog)
    open_wall(page, site_url + "/muur/")
    summary = page.locator("summary", has_text="Thema")
    summary.focus()
    page.keyboard.press("Enter")
    box = checkbox(page, theme.naam)
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_function("n => document.querySelectorAll('.kb-wall .kb-wallcard').length === n", arg=theme.count)
    page.locator("[data-kb-wall-clear]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("n => document.querySelectorAll('.kb-wall .kb-wallcard').length === n",
                           arg=len(catalog.projects))
    assert page.evaluate("document.activeElement.matches('[data-kb-wall-group]')"), "focus blijft op de knoppen"


def test_most_reused_sort_puts_reused_records_first(page, site_url, catalog):
    open_wall(page, site_url + "/muur/?sorteer=hergebruik&groep=geen")
    def reuse(record_id: str) -> int:
        record = catalog.projects[record_id]
        counted = getattr(record.model, "hergebruik_aantal", None)
        return max(len(record.reusers), counted.aantal if counted else 0)

    counts = [reuse(i) for i in card_ids(page)]
    assert counts == sorted(counts, reverse=True)
    if counts[0]:
        first = page.locator(".kb-wallcard__reuse").first.inner_text()
        assert first.startswith("Hergebruikt door"), first


def test_wall_and_print_view_pass_axe(page, site_url, axe_source):
    failures = {}
    open_wall(page, site_url + "/muur/?thema=Werken+in+netwerken")
    failures["muur"] = axe(page, axe_source)
    page.goto(site_url + "/muur/poster/")
    page.wait_for_selector("[data-kb-poster-ready]", state="attached")
    failures["poster"] = axe(page, axe_source)
    screenshot(page, "muur/poster-1280")
    page.emulate_media(media="print")
    failures["poster-print"] = axe(page, axe_source)
    page.goto(site_url + "/muur/hergebruik/")
    failures["hergebruik"] = axe(page, axe_source)
    assert {k: v for k, v in failures.items() if v} == {}


def gray_pixels(decoder_page, png: bytes) -> tuple[bytes, int, int]:
    """A PNG as 8-bit gray pixels, decoded by the browser (no imaging library needed)."""
    data = decoder_page.evaluate("""async (b64) => {
        const img = new Image();
        img.src = 'data:image/png;base64,' + b64;
        await img.decode();
        const canvas = new OffscreenCanvas(img.width, img.height);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const rgba = ctx.getImageData(0, 0, img.width, img.height).data;
        const gray = new Uint8Array(rgba.length / 4);
        for (let i = 0; i < gray.length; i++) gray[i] = (rgba[4*i] * 299 + rgba[4*i+1] * 587 + rgba[4*i+2] * 114) / 1000;
        let text = '';
        for (let i = 0; i < gray.length; i += 0x8000) text += String.fromCharCode(...gray.subarray(i, i + 0x8000));
        return [btoa(text), img.width, img.height];
    }""", base64.b64encode(png).decode("ascii"))
    return base64.b64decode(data[0]), data[1], data[2]


@pytest.mark.parametrize("formaat", ["a3-liggend", "a0-staand"])
def test_print_view_qr_codes_decode_to_each_records_address(browser, site_url, catalog, formaat):
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp ontbreekt (requirements.lock)")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{site_url}/muur/poster/?formaat={formaat}")
    page.wait_for_selector("[data-kb-poster-ready]", state="attached")
    columns, rows = FORMATS[formaat][1:]
    per_sheet = page.locator(".kb-sheet:not(.kb-sheet--cover)").evaluate_all("s => s.map(x => x.querySelectorAll('.kb-pcard').length)")
    full, rest = divmod(len(catalog.projects), columns * rows)
    assert per_sheet == [columns * rows] * full + ([rest] if rest else []), "vellen van kolommen x rijen kaarten"
    screenshot(page, f"muur/poster-print-{formaat}")
    decoder = context.new_page()
    decoded: dict[str, str] = {}
    for sheet in page.locator(".kb-sheet:not(.kb-sheet--cover)").all():
        pixels, width, height = gray_pixels(decoder, sheet.screenshot())
        found = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (height, width)),
                                       formats=zxingcpp.BarcodeFormat.QRCode)
        ids = sheet.locator(".kb-pcard").evaluate_all("cards => cards.map(c => c.dataset.id)")
        assert len(found) == len(ids), f"{formaat}: {len(found)} van {len(ids)} QR-codes leesbaar op een vel"
        for code in found:
            decoded[code.text.rstrip("/").rsplit("/", 1)[-1]] = code.text
    assert decoded == {rid: f"{SITE_URL}projecten/{rid}/" for rid in catalog.projects}
    context.close()


def test_wall_pdf_has_a_cover_and_one_page_per_sheet_at_paper_size(built_site, catalog, tmp_path):
    pypdf = pytest.importorskip("pypdf", reason="pypdf ontbreekt (requirements.lock)")
    planned = subprocess.run(["make", "-n", "wall-pdf"], cwd=ROOT, capture_output=True, text=True)
    assert "generator.features.muur.pdf" in planned.stdout, "make wall-pdf drukt af met deze module"
    result = subprocess.run([sys.executable, "-m", "generator.features.muur.pdf", "--site-dir", str(built_site),
                             "--out", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    cards = len(catalog.projects)
    for key, (_label, columns, rows) in FORMATS.items():
        reader = pypdf.PdfReader(tmp_path / f"muur-{key}.pdf")
        assert len(reader.pages) == 1 + math.ceil(cards / (columns * rows)), key
        for sheet in reader.pages:
            size = (round(float(sheet.mediabox.width) / 72 * 25.4), round(float(sheet.mediabox.height) / 72 * 25.4))
            assert size == PAPER_MM[key], key
