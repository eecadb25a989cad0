"""The /rekenhulp/ page in Chromium, opened from a file:// URL the way a copy saved for offline use opens.

Used the way a civil servant would: the Foutenfestival by keyboard, a typo in an amount, a shared
link, the eligibility questions, print, and axe-core on every state. The page is rendered as in
tests/test_calculator_page.py, which checks its Markdown without a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ARTIFACTS, inject_axe, screenshot
from test_calculator_page import build_schemes, render, to_html, vectors


def write_page(folder: Path, page_markdown: str) -> str:
    """The rendered page as a standalone HTML file, the way a saved copy looks; returns its URL."""
    html = to_html(page_markdown)
    folder.mkdir(parents=True)
    document = (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Rekenhulp subsidie</title>\n"
        "<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:62rem;margin:0 auto;padding:1rem}</style>\n"
        f'</head>\n<body>\n<main class="md-content">\n{html}\n</main>\n</body>\n</html>\n'
    )
    (folder / "index.html").write_text(document, encoding="utf-8")
    return (folder / "index.html").as_uri()


@pytest.fixture(scope="module")
def page_url(tmp_path_factory) -> str:
    return write_page(tmp_path_factory.mktemp("site") / "rekenhulp", render())


@pytest.fixture
def page(browser):
    """A fresh page that records every request and every script error."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="nl-NL")
    opened = context.new_page()
    opened.requests = []
    opened.problems = []
    context.on("request", lambda request: opened.requests.append(request.url))
    opened.on("pageerror", lambda error: opened.problems.append(f"pageerror: {error}"))
    opened.on("console", lambda message: opened.problems.append(f"console.{message.type}: {message.text}")
              if message.type in ("error", "warning") else None)
    yield opened
    context.close()


def assert_clean(page) -> None:
    assert page.problems == []
    assert [url for url in page.requests if not url.startswith("file://")] == []
    assert "NaN" not in page.inner_text("body")
    assert "undefined" not in page.inner_text("body")


def line(page, legend: str):
    return page.locator("fieldset.rh-line", has=page.locator("legend", has_text=re.compile(f"^{legend}$")))


def outcome(page):
    return page.locator("#rh-c-uitkomst")


def test_foutenfestival_by_keyboard_and_shared_link(page, page_url):
    if "impulsregeling" not in vectors()["schemes"]:
        pytest.skip("het Foutenfestival hoort bij de Impulsregeling")
    from playwright.sync_api import expect

    page.goto(page_url)
    page.get_by_label("Regeling", exact=True).select_option("impulsregeling")

    # External line 1 by keyboard only: description, Tab, amount, Tab to the radios, arrow to "Nee".
    line(page, "Externe kostenpost 1").get_by_label("Omschrijving").focus()
    page.keyboard.type("Uitzendorganisatie: project generatiemanagement")
    page.keyboard.press("Tab")
    page.keyboard.type("10.000,00")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    expect(line(page, "Externe kostenpost 1").get_by_label("Nee")).to_be_checked()

    # Two more lines through the add button, pressed with Enter; focus lands in the new line.
    for description, amount in (("Uitzendorganisatie: project Foutenfestival", "15000"), ("Trainingsbureau", "€ 7.500")):
        page.get_by_role("button", name="Externe kostenpost toevoegen").focus()
        page.keyboard.press("Enter")
        page.keyboard.type(description)
        page.keyboard.press("Tab")
        page.keyboard.type(amount)

    person = line(page, "Medewerker 1")
    expect(person.get_by_label("Rol")).to_have_value("projectleider")
    person.get_by_label("Uren").fill("244")
    person.get_by_label("Uurloon in euro").fill("33,30")
    for number in (2, 3):
        page.get_by_role("button", name="Medewerker toevoegen").focus()
        page.keyboard.press("Enter")
        added = line(page, f"Medewerker {number}")
        expect(added.get_by_label("Rol")).to_be_focused()
        expect(added.get_by_label("Rol")).to_have_value("overig")
        added.get_by_label("Uren").fill("24")
        added.get_by_label("Uurloon in euro").fill("40,00")

    expect(outcome(page)).to_contain_text("€ 11.562,60")
    table = page.locator("#rh-c-tabel")
    expect(table.locator("caption")).to_contain_text("Impulsregeling")
    expect(table.locator("tfoot")).to_contain_text("€ 11.562,60")
    expect(table).to_contain_text("1/3 van € 15.000,00 (externe kosten, projectgerelateerd)")
    expect(table).to_contain_text("telt niet mee: bij externe kosten telt intern alleen de projectleider")
    expect(page.locator("#rh-c-uitkomst[aria-live='polite']")).to_have_count(1)

    # The state is in the URL; opening that URL afresh shows the same inputs and total.
    page.wait_for_function("() => location.search.includes('i3_uurloon')")
    shared = page.url
    assert shared.startswith("file://") and "regeling=impulsregeling" in shared
    screenshot(page, "rekenhulp")
    assert_clean(page)

    page.goto("about:blank")
    page.goto(shared)
    expect(outcome(page)).to_contain_text("€ 11.562,60")
    expect(line(page, "Externe kostenpost 1").get_by_label("Nee")).to_be_checked()
    expect(line(page, "Externe kostenpost 3").get_by_label("Bedrag ex btw")).to_have_value("€ 7.500")
    expect(line(page, "Medewerker 1").get_by_label("Uurloon in euro")).to_have_value("33,30")
    page.reload()
    expect(outcome(page)).to_contain_text("€ 11.562,60")
    assert_clean(page)


def test_bad_amount_shows_a_field_error_and_the_summary(page, page_url):
    from playwright.sync_api import expect

    page.goto(page_url)
    amount = line(page, "Externe kostenpost 1").get_by_label("Bedrag ex btw")
    amount.fill("abc")
    page.keyboard.press("Tab")
    error = page.locator(f"#{amount.get_attribute('id')}-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("moet een getal zijn, bijvoorbeeld 1.234,56")
    expect(amount).to_have_attribute("aria-invalid", "true")
    assert error.get_attribute("id") in amount.get_attribute("aria-describedby").split()
    expect(outcome(page)).to_contain_text("Nog geen uitkomst")
    assert "NaN" not in page.inner_text("body")

    # Submitting with Enter shows "Er is een probleem" with a link that moves focus to the field.
    amount.focus()
    page.keyboard.press("Enter")
    summary = page.locator("#rh-calc-errors")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Er is een probleem")
    summary.get_by_role("link").first.click()
    expect(amount).to_be_focused()

    # Fixing the value removes the error and the summary.
    amount.fill("1.500,00")
    expect(error).to_be_hidden()
    expect(summary).to_be_hidden()
    expect(amount).not_to_have_attribute("aria-invalid", "true")

    # Garbage in a shared link shows the error on arrival, still without NaN.
    page.goto(page_url + "?regeling=impulsregeling&e1_bedrag=1%2C2%2C3&e1_proj=ja&i1_rol=projectleider&i1_uren=zeven&i1_uurloon=33%2C30")
    expect(page.locator(".rh-error:visible")).to_have_count(2)
    expect(outcome(page)).to_contain_text("Nog geen uitkomst")
    assert_clean(page)


def test_bad_hours_get_examples_in_hours(page, page_url):
    """Hours and amounts share their messages, but the examples must fit what was typed."""
    from playwright.sync_api import expect

    page.goto(page_url)
    hours = line(page, "Medewerker 1").get_by_label("Uren")
    error = page.locator(f"#{hours.get_attribute('id')}-error")
    for typed, message in [("zeven", "Het aantal uren van medewerker 1 moet een getal zijn, bijvoorbeeld 24 of 7,5"),
                           ("7,555", "Het aantal uren van medewerker 1: gebruik hoogstens twee cijfers achter de "
                                     "komma, bijvoorbeeld 7,5")]:
        hours.fill(typed)
        page.keyboard.press("Tab")
        expect(error).to_have_text(f"Fout: {message}")


def test_example_button_print_view_and_focus(page, page_url):
    from playwright.sync_api import expect

    page.goto(page_url)
    button = page.get_by_role("button", name=re.compile("^Vul het rekenvoorbeeld"))
    if button.count() == 0:
        pytest.skip("geen rekenvoorbeeld voor deze regelingen")
    button.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(outcome(page)).to_contain_text("€ 11.562,60")
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
    expect(page.get_by_role("button", name="Medewerker toevoegen")).to_be_hidden()
    expect(page.locator("#rh-c-tabel")).to_be_visible()
    expect(line(page, "Medewerker 1").get_by_label("Uren")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#rh-calc").screenshot(path=str(ARTIFACTS / "rekenhulp-print.png"))
    page.emulate_media(media="screen")

    # Removing a line by keyboard moves focus to the next line and updates the outcome.
    line(page, "Externe kostenpost 2").get_by_role("button", name="Verwijder externe kostenpost 2").focus()
    page.keyboard.press("Enter")
    expect(page.locator("fieldset.rh-line legend", has_text="Externe kostenpost")).to_have_count(2)
    expect(line(page, "Externe kostenpost 2").get_by_label("Omschrijving")).to_be_focused()
    expect(outcome(page)).to_contain_text("€ 6.562,60")
    expect(page.locator("#rh-c-status")).to_have_text("Externe kostenpost 2 is verwijderd.")
    medewerkers = page.locator("fieldset.rh-line legend", has_text="Medewerker").count()
    page.get_by_role("button", name="Medewerker toevoegen").click()
    expect(page.locator("#rh-c-status")).to_have_text(f"Medewerker {medewerkers + 1} is toegevoegd.")
    expect(line(page, f"Medewerker {medewerkers + 1}").get_by_role("button")).to_have_text(
        f"Verwijder medewerker {medewerkers + 1}")
    assert_clean(page)


def test_eligibility_names_the_fitting_scheme_and_each_failed_condition(page, page_url):
    from playwright.sync_api import expect

    page.goto(page_url)
    page.get_by_label("Nieuw voor onze gemeente; andere gemeenten doen het al").check()
    page.get_by_label("Het project is afgerond").check()
    page.get_by_label("Hoeveel maanden duurt het project?").fill("9")
    page.get_by_label("Wat voor organisatie vraagt aan?").select_option("gemeente")
    page.get_by_label("Gevraagde cofinanciering in euro").fill("300.000")
    result = page.locator("#rh-check-result")
    expect(result).to_contain_text("Het project mag hoogstens 7 maanden duren; u vulde 9 maanden in.")
    expect(result).to_contain_text("De bijdrage is hoogstens € 250.000,00; u vroeg € 300.000,00.")
    expect(page.locator("#rh-check-summary[aria-live='polite']")).to_contain_text("Past niet")

    page.get_by_label("Hoeveel maanden duurt het project?").fill("6")
    page.get_by_label("Hoeveel deelnemers heeft een training of workshop?").fill("12")
    page.locator("fieldset[data-rh-rechtspositie='CAR-UWO']").get_by_label("Ja").check()
    page.get_by_role("group", name="Vraagt u aan als samenwerkingsverband?").get_by_label("Nee").check()
    expect(page.locator("#rh-check-summary")).to_contain_text("Past bij uw antwoorden: Impulsregeling.")
    fitting = page.locator(".rh-verdict--past")
    expect(fitting).to_contain_text("Aanvragen: van 2 januari 2019 tot en met 13 december 2019, vóór 16:00 uur")
    expect(fitting).to_contain_text("Offertes van de externe partijen")

    # "Bereken de subsidie" takes the scheme to the calculator.
    fitting.get_by_role("button", name="Bereken de subsidie voor Impulsregeling").click()
    expect(page.get_by_label("Regeling", exact=True)).to_be_focused()

    # A whole number is required for months; the message sits at the field.
    months = page.get_by_label("Hoeveel maanden duurt het project?")
    months.fill("6,5")
    page.keyboard.press("Tab")
    expect(page.locator("#rh-v-looptijd-error")).to_contain_text("moet een heel getal zijn")

    page.wait_for_function("() => location.search.includes('v_org=gemeente')")
    page.goto(page.url)
    expect(page.get_by_label("Wat voor organisatie vraagt aan?")).to_have_value("gemeente")
    expect(page.get_by_label("Het project is afgerond")).to_be_checked()
    assert_clean(page)


def test_rate_table_fills_the_hourly_rate(page, tmp_path):
    """Where a scheme publishes an uurloontabel, jaar/schaal/periodiek fill the rate field."""
    from playwright.sync_api import expect

    schemes = build_schemes()
    scheme_id = sorted(vectors()["schemes"])[0]
    table = [{"jaar": 2018, "schaal": "10", "periodiek": 6, "uurloon": "33.30"},
             {"jaar": 2018, "schaal": "11", "periodiek": 11, "uurloon": "40.00"},
             {"jaar": 2019, "schaal": "10", "periodiek": 6, "uurloon": "34.00"}]
    schemes[scheme_id] = schemes[scheme_id].model_copy(update={"uurloontabel": [
        schemes[scheme_id].uurloon_voorbeeld.model_copy(update=row) for row in table]})
    url = write_page(tmp_path / "rekenhulp", render(schemes=schemes))
    page.goto(url)
    page.get_by_label("Regeling", exact=True).select_option(scheme_id)
    person = line(page, "Medewerker 1")
    person.get_by_label("Uren").fill("10")
    person.get_by_label("Jaar van de startmaand").select_option("2018")
    person.get_by_label("Schaal").select_option("11")
    person.get_by_label("Periodiek").select_option("11")
    expect(person.get_by_label("Uurloon in euro")).to_have_value("40,00")
    person.get_by_label("Jaar van de startmaand").select_option("2019")
    expect(person.get_by_label("Jaar van de startmaand")).to_be_focused()
    person.get_by_label("Schaal").select_option("10")
    person.get_by_label("Periodiek").select_option("6")
    expect(person.get_by_label("Uurloon in euro")).to_have_value("34,00")
    expect(page.locator("#rh-c-uurloon-hint")).to_contain_text("Kies de schaal en periodiek in de startmaand")
    page.wait_for_function("() => location.search.includes('i1_jaar=2019')")
    page.goto(page.url)
    expect(line(page, "Medewerker 1").get_by_label("Schaal")).to_have_value("10")
    expect(line(page, "Medewerker 1").get_by_label("Uurloon in euro")).to_have_value("34,00")
    assert_clean(page)


def test_axe_finds_no_violations_in_the_rekenhulp(page, page_url, axe_source):
    """axe-core (package.json) on every state a user can reach: errors, summary, outcomes."""
    from playwright.sync_api import expect

    page.goto(page_url)
    example = page.get_by_role("button", name=re.compile("^Vul het rekenvoorbeeld"))
    if example.count():
        example.click()
    page.get_by_label("Nieuw voor onze gemeente; andere gemeenten doen het al").check()
    page.get_by_label("Hoeveel maanden duurt het project?").fill("99")
    amount = line(page, "Externe kostenpost 1").get_by_label("Bedrag ex btw")
    amount.fill("abc")
    page.keyboard.press("Enter")
    expect(page.locator("#rh-calc-errors")).to_be_visible()
    page.get_by_role("button", name="Bekijk welke regeling past").click()
    inject_axe(page, axe_source)
    violations = page.evaluate("""async () => {
        const result = await axe.run({include: [["#rh-app"], ["#rh-check"], ["#rh-calc"], ["#rh-rekenregels"]]},
            {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
             rules: {"page-has-heading-one": {enabled: false}, "landmark-one-main": {enabled: false},
                     "region": {enabled: false}}});
        return result.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
    }""")
    assert violations == []
