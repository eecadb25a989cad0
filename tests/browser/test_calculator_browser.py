"""The /rekenhulp/ page in Chromium, opened from a file:// URL the way a copy saved for offline use opens.

Used the way a civil servant would: the Foutenfestival by keyboard, a typo in an amount, a shared
link, the eligibility questions, print, and axe-core on every state. The page is rendered as in
tests/test_calculator_page.py, which checks its Markdown without a browser.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from conftest import ARTIFACTS, ROOT, inject_axe, screenshot
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
    styles = folder.parent / "assets" / "kennisbank"
    styles.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "generator" / "features" / "rekenhulp" / "assets" / "rekenhulp.css", styles)
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
    expect(line(page, "Externe kostenpost 1").get_by_role("group", name="Projectgerelateerd?").get_by_label("Nee")).to_be_checked()

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
    expect(line(page, "Externe kostenpost 1").get_by_role("group", name="Projectgerelateerd?").get_by_label("Nee")).to_be_checked()
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
    medewerkers = page.locator("fieldset.rh-line legend", has_text=re.compile(r"^Medewerker \d+$")).count()
    page.get_by_role("button", name="Medewerker toevoegen").click()
    expect(page.locator("#rh-c-status")).to_have_text(f"Medewerker {medewerkers + 1} is toegevoegd.")
    expect(line(page, f"Medewerker {medewerkers + 1}").get_by_role("button")).to_have_text(
        f"Verwijder medewerker {medewerkers + 1}")
    assert_clean(page)


def test_eligibility_names_the_fitting_scheme_and_each_failed_condition(page, page_url):
    from playwright.sync_api import expect

    page.clock.set_fixed_time(dt.datetime(2019, 6, 10, 10, 0))  # inside the 2019 window
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
    expect(fitting).to_contain_text("Aanvraagperiode: van 2 januari 2019 tot en met 13 december 2019, vóór 16:00 uur")
    expect(fitting).to_contain_text("Open: aanvragen kan tot en met 13 december 2019, vóór 16.00 uur.")
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


# --------------------------------------------------------------------------------------
# Time: a scheme is open, not yet open or closed on the day the page is viewed (issue 12)
# --------------------------------------------------------------------------------------

def answer_a_fitting_impuls_project(page) -> None:
    """Answers that meet every condition of the 2019 Impulsregeling: a finished 6-month project."""
    page.get_by_label("Nieuw voor onze gemeente; andere gemeenten doen het al").check()
    page.get_by_label("Het project is afgerond").check()
    page.get_by_label("Hoeveel maanden duurt het project?").fill("6")
    page.get_by_label("Hoeveel deelnemers heeft een training of workshop?").fill("12")
    page.get_by_label("Wat voor organisatie vraagt aan?").select_option("gemeente")
    page.locator("fieldset[data-rh-rechtspositie='CAR-UWO']").get_by_label("Ja").check()
    page.get_by_role("group", name="Vraagt u aan als samenwerkingsverband?").get_by_label("Nee").check()
    page.get_by_label("Gevraagde cofinanciering in euro").fill("100.000")


@pytest.mark.parametrize("when", [dt.datetime(2019, 12, 13, 16, 0), dt.datetime(2024, 4, 1, 0, 0),
                                  dt.datetime(2026, 12, 1, 9, 0)], ids=["13-12-2019-16u", "april-2024", "2026"])
def test_after_the_windows_no_closed_scheme_is_past(page, page_url, when):
    """Issue 12 item 1: after 13 December 2019 (16.00) the 2019 schemes, and after March 2024 the
    Pilots, are 'gesloten', never 'past' or 'past misschien', whatever the answers."""
    from playwright.sync_api import expect

    page.clock.set_fixed_time(when)
    page.goto(page_url)
    answer_a_fitting_impuls_project(page)
    summary = page.locator("#rh-check-summary")
    expect(summary).to_contain_text("Gesloten:")
    text = summary.inner_text()
    assert "Past bij uw antwoorden" not in text and "Past misschien" not in text, text
    for closed in ("Impulsregeling", "Innovatieve Projectenregeling"):
        assert closed in text.split("Gesloten:")[1], (closed, text)
    # The Pilots 2024: not yet open on 13 December 2019, closed after March 2024; never fitting.
    assert "Pilots Uitvoeringskracht 2024" in text.split("Nog niet open:" if when.year < 2024 else "Gesloten:")[1], text
    verdicts = page.locator("#rh-check-result")
    expect(verdicts.locator(".rh-verdict--past, .rh-verdict--onbekend")).to_have_count(0)
    impuls = verdicts.locator(".rh-verdict--gesloten", has=page.locator("h4", has_text="Impulsregeling"))
    expect(impuls).to_contain_text("Gesloten sinds 13 december 2019, 16.00 uur.")
    expect(impuls).to_contain_text("Volgens de regels van 2019: uw antwoorden passen bij deze voorwaarden.")
    if when.year >= 2024:
        pilots = verdicts.locator(".rh-verdict--gesloten", has=page.locator("h4", has_text="Pilots"))
        expect(pilots).to_contain_text("Gesloten sinds 1 april 2024.")

    # The calculator still computes, labelled as the rules of that time.
    impuls.get_by_role("button", name="Bereken volgens de regels van 2019: Impulsregeling").click()
    line(page, "Externe kostenpost 1").get_by_label("Bedrag ex btw").fill("15.000")
    expect(page.locator("#rh-c-regeling-hint")).to_contain_text("Gesloten sinds 13 december 2019, 16.00 uur.")
    expect(outcome(page)).to_contain_text("Subsidie volgens de regels van 2019: € 5.000,00")
    assert_clean(page)


def test_inside_a_window_the_helper_answers_past(page, page_url):
    """With the clock inside a window the same answers fit: the 2019 Impulsregeling in June 2019,
    the Pilots in February 2024 (a regio may apply; 'een andere soort organisatie' may not)."""
    from playwright.sync_api import expect

    page.clock.set_fixed_time(dt.datetime(2019, 6, 10, 10, 0))
    page.goto(page_url)
    answer_a_fitting_impuls_project(page)
    expect(page.locator("#rh-check-summary")).to_contain_text("Past bij uw antwoorden: Impulsregeling.")
    expect(page.locator("#rh-check-summary")).to_contain_text("Nog niet open: Pilots Uitvoeringskracht 2024.")

    page.clock.set_fixed_time(dt.datetime(2024, 2, 15, 10, 0))
    page.goto(page_url)
    page.get_by_label("Wat voor organisatie vraagt aan?").select_option("regio")
    page.get_by_label("Gevraagde cofinanciering in euro").fill("100.000")
    expect(page.locator("#rh-check-summary")).to_contain_text("Past bij uw antwoorden: Pilots Uitvoeringskracht 2024.")
    page.get_by_label("Wat voor organisatie vraagt aan?").select_option("anders")
    expect(page.locator("#rh-check-summary")).to_contain_text("Past niet: ")
    expect(page.locator("#rh-check-result")).to_contain_text("Alleen deze organisaties mogen aanvragen: gemeente, regio, samenwerkingsverband")
    assert_clean(page)


def test_innovatief_accepts_a_project_that_just_started(page, page_url):
    """Source 001: apply within 4 weeks of the internal assignment or signed quote, so a project
    that started last week fits; one whose assignment was 29 days ago does not."""
    from playwright.sync_api import expect

    page.clock.set_fixed_time(dt.datetime(2019, 6, 10, 10, 0))
    page.goto(page_url)
    page.get_by_label("Nieuw voor de hele sector; nog geen gemeente doet het").check()
    page.get_by_label("Het project loopt al").check()
    verdict = page.locator(".rh-verdict", has=page.locator("h4", has_text="Innovatieve Projectenregeling"))
    expect(verdict).to_contain_text("Eis: u vraagt aan binnen 4 weken na de interne opdracht")
    expect(verdict).not_to_contain_text("Deze regeling is voor projecten die nog moeten starten")
    page.get_by_label("Wanneer is de interne opdracht gegeven of de offerte getekend?").fill("2019-05-20")
    expect(verdict).not_to_contain_text("interne opdracht")
    expect(verdict).not_to_contain_text("Waarom niet")
    page.get_by_label("Wanneer is de interne opdracht gegeven of de offerte getekend?").fill("2019-05-12")
    expect(verdict).to_contain_text("die was 29 dagen geleden")
    expect(verdict).to_have_class(re.compile("rh-verdict--past-niet"))
    assert_clean(page)


def test_a_second_projectleider_next_to_external_costs_is_an_input_error(page, page_url):
    from playwright.sync_api import expect

    page.goto(page_url)
    line(page, "Externe kostenpost 1").get_by_label("Bedrag ex btw").fill("1.500")
    first = line(page, "Medewerker 1")
    first.get_by_label("Uren").fill("10")
    first.get_by_label("Uurloon in euro").fill("40")
    page.get_by_role("button", name="Medewerker toevoegen").click()
    second = line(page, "Medewerker 2")
    second.get_by_label("Rol").select_option("projectleider")
    second.get_by_label("Uren").fill("10")
    second.get_by_label("Uurloon in euro").fill("40")
    expect(outcome(page)).to_contain_text("U voert 2 projectleiders op.")
    expect(outcome(page)).not_to_contain_text("€")
    page.keyboard.press("Tab")
    second.get_by_label("Rol").focus()
    second.get_by_label("Rol").select_option("projectleider")
    expect(page.locator(f"#{second.get_by_label('Rol').get_attribute('id')}-error")).to_contain_text("is al de projectleider")

    # A cost that is not for developing staff switches nothing off: both people count again.
    related = line(page, "Externe kostenpost 1")
    related.get_by_role("group", name="Voor de ontwikkeling van medewerkers of organisatie?").get_by_label("Nee").check()
    expect(outcome(page)).to_contain_text("Geen subsidie")
    expect(page.locator("#rh-c-tabel")).to_contain_text("alleen kosten voor de ontwikkeling van medewerkers of organisatie tellen")
    assert_clean(page)


def test_the_page_lists_its_assumptions(page, page_url):
    from playwright.sync_api import expect

    page.goto(page_url)
    assumptions = page.locator("#rh-aannames li")
    expect(assumptions.first).to_contain_text("De bron noemt geen afronding")
    assert assumptions.count() >= 6


# --------------------------------------------------------------------------------------
# Scheme pages of the built site: status from the dates, each fact once (issue 12)
# --------------------------------------------------------------------------------------

def article_text(page) -> str:
    return page.locator("article").inner_text()


@pytest.mark.parametrize(("when", "expected"), [
    (dt.datetime(2023, 12, 31, 23, 59), "Nog niet open: aanvragen kan vanaf januari 2024."),
    (dt.datetime(2024, 2, 15, 10, 0), "Open: aanvragen kan tot en met maart 2024."),
    (dt.datetime(2026, 12, 1, 9, 0), "Gesloten sinds 1 april 2024."),
], ids=["voor", "tijdens", "na"])
def test_scheme_page_says_open_or_closed_on_the_day_viewed(browser, site_url, when, expected):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    tab = context.new_page()
    problems = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.clock.set_fixed_time(when)
    tab.goto(f"{site_url}/regelingen/pilots-uitvoeringskracht-2024/")
    expect(tab.locator(".kb-status")).to_have_text(expected)
    tab.goto(f"{site_url}/regelingen/")  # the index says it per scheme too
    pilots = tab.locator("li", has=tab.get_by_role("link", name="Pilots Uitvoeringskracht 2024", exact=True))
    expect(pilots.locator(".kb-status")).to_have_text(expected)
    assert problems == []
    context.close()


def test_a_contest_is_open_for_entries(browser, site_url):
    from playwright.sync_api import expect

    context = browser.new_context(locale="nl-NL")
    tab = context.new_page()
    tab.clock.set_fixed_time(dt.datetime(2025, 2, 1, 12, 0))
    tab.goto(f"{site_url}/regelingen/gemeentedelers-2025/")
    expect(tab.locator(".kb-status")).to_have_text("Open: inzenden kan tot en met 1 maart 2025, vóór 18.00 uur.")
    context.close()


def test_scheme_pages_without_javascript_show_the_dates_and_read_once(browser, site_url):
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    tab = context.new_page()
    tab.goto(f"{site_url}/regelingen/pilots-uitvoeringskracht-2024/")
    text = article_text(tab)
    assert "van januari 2024 tot en met maart 2024" in text
    expect(tab.locator(".kb-status")).to_be_hidden()  # no stale verdict baked into the build
    assert tab.get_by_role("heading", name="Planning").count() == 1
    assert tab.locator("article h2").first.inner_text() == "Kerngegevens"
    # Text after the last list has a heading of its own: the body never runs on under "Planning".
    assert tab.get_by_role("heading", name="Over de regeling").count() == 1

    tab.goto(f"{site_url}/regelingen/gemeentedelers/")
    assert article_text(tab).count("12 december 2022") == 1

    tab.goto(f"{site_url}/regelingen/ao-fonds-subsidie/")
    text = article_text(tab)
    assert text.count("fusieorganisatie") == 1 and text.count("13 december 2019") == 1
    expect(tab.get_by_role("heading", name="Wie mag aanvragen")).to_have_count(1)

    tab.goto(f"{site_url}/over/")
    steps = tab.locator("ol", has=tab.locator("li", has_text="Maak een bestand aan")).locator(":scope > li")
    expect(steps).to_have_count(5)
    context.close()
