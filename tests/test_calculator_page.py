"""The /rekenhulp/ page: generator.features.rekenhulp.calculator + rekenhulp.md.j2 + the inlined assets.

The first half checks the rendered Markdown without a browser: the embedded JSON is exactly
what calculator_schemes/eligibility_data produce, the script is the core then the view's
files, verbatim and in order, and survives Python-Markdown. The second half (marked `browser`)
opens the page from a file:// URL in Chromium, the way a copy saved for offline use opens, and
uses it the way a civil servant would: the Foutenfestival by keyboard, a typo in an amount, a
shared link, the eligibility questions, print.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import markdown
import pytest

from generator.core.dutch import date_text, deadline_text, euro

from conftest import ARTIFACTS, ROOT, call_core, inject_axe, node_executable, screenshot, vectors_path

from generator.features.rekenhulp import calculator
from generator.features.rekenhulp.calculator import (
    calculator_schemes,
    eligibility_data,
    load_examples,
    render_calculator_page,
)
from generator.model.records import SchemeRecord

CORE = calculator.ASSET_DIR / calculator.CORE_FILE
VIEW = [calculator.ASSET_DIR / name for name in calculator.VIEW_FILES]
MAX_JS_LINES = 800

AANVRAGERS = ["gemeente", "ambtelijke-fusieorganisatie", "shared-service-centrum",
              "verplichte-gemeenschappelijke-regeling", "detacheringsorganisatie", "uitvoeringsorganisatie"]
ORGANISATIETYPEN = {
    "gemeente": "Gemeente",
    "ambtelijke-fusieorganisatie": "Ambtelijke fusieorganisatie",
    "shared-service-centrum": "Gemeentelijk shared service centrum",
    "verplichte-gemeenschappelijke-regeling": "Verplichte gemeenschappelijke regeling",
    "detacheringsorganisatie": "Organisatie van gedetacheerd gemeentepersoneel",
    "uitvoeringsorganisatie": "Uitvoeringsorganisatie van wettelijke gemeentelijke taken",
    "stichting": "Stichting",
    "fonds": "Fonds",
    "vereniging": "Vereniging",
}

# What the sources say beyond the calculation parameters (which come from the vectors file).
SCHEME_DETAILS: dict[str, dict[str, Any]] = {
    "impulsregeling": {
        "titel": "Impulsregeling",
        "geschiktheid": {"nieuw_voor": "gemeente", "projectfase": "afgerond", "max_looptijd_maanden": 7,
                         "min_deelnemers_per_training": 8, "aanvragers": AANVRAGERS, "rechtspositie": "CAR-UWO",
                         "min_aandeel_gemeenten_procent": 75,
                         "aanvragen_binnen": "binnen 8 weken na beëindiging van het project"},
        "termijnen": [{"omschrijving": "Aanvragen", "van": "2019-01-02", "tot": "2019-12-13", "tijd": "16:00"}],
        "documenten": [{"fase": "bij aanvraag", "stukken": ["Offertes van de externe partijen", "Facturen externen",
                                                            "Tijdregistratie van interne medewerkers",
                                                            "Salarisstroken van interne medewerkers"]}],
    },
    "innovatieve-projectenregeling": {
        "titel": "Innovatieve Projectenregeling",
        "geschiktheid": {"nieuw_voor": "sector", "projectfase": "nog-te-starten", "max_looptijd_maanden": 14,
                         "min_andere_gemeenten": 2, "aanvragers": AANVRAGERS, "rechtspositie": "CAR-UWO",
                         "min_aandeel_gemeenten_procent": 75,
                         "aanvragen_binnen": "binnen 4 weken na de interne opdracht of de ondertekening van de offerte"},
        "termijnen": [{"omschrijving": "Aanvragen", "van": "2019-01-02", "tot": "2019-12-13", "tijd": "16:00"}],
        "documenten": [{"fase": "bij aanvraag", "stukken": ["Offertes van de externe partijen", "Ureninschatting"]},
                       {"fase": "bij declaratie", "stukken": ["Facturen externen"]}],
    },
}


def vectors() -> dict[str, Any]:
    return json.loads(vectors_path().read_text(encoding="utf-8"))


def record(titel: str, **fields: Any) -> SchemeRecord:
    base = {
        "schema_versie": 1, "titel": titel, "korte_beschrijving": f"{titel}: subsidie voor de ontwikkeling van medewerkers.",
        "bronnen": ["ao-fonds-subsidie-2019"], "laatst_beoordeeld": "2026-11-23", "soort": "subsidieregeling",
        "uitvoerder": "A&O fonds Gemeenten",
    }
    return SchemeRecord(**{**base, **fields})


def build_schemes() -> dict[str, SchemeRecord]:
    """SchemeRecords: calculation parameters from the vectors file, the rest from the sources."""
    schemes: dict[str, SchemeRecord] = {}
    for scheme_id, params in vectors()["schemes"].items():
        details = SCHEME_DETAILS.get(scheme_id, {"titel": scheme_id})
        schemes[scheme_id] = record(
            details["titel"],
            subsidie={"aandeel_intern": params["internal_share"], "aandeel_extern": params["external_share"],
                      "minimum": params["minimum"], "maximum": params["maximum"]},
            uurloon_voorbeeld={"jaar": 2018, "schaal": "10", "periodiek": 6, "uurloon": "33.30"},
            **{k: v for k, v in details.items() if k != "titel"},
        )
    schemes["pilots-uitvoeringskracht-2024"] = record(
        "Pilots Uitvoeringskracht 2024", uitvoerder="VNG", subsidie={"maximum": "250000"},
        geschiktheid={"aanvragers": ["gemeente"]},
        termijnen=[{"omschrijving": "Aanmelden", "van": "2024-01", "tot": "2024-03"}])
    schemes["gemeentedelers"] = record("GemeenteDelers", uitvoerder="VNG")
    return schemes


def render(env: jinja2.Environment | None = None, schemes: Any = None, examples: Any = None) -> str:
    return render_calculator_page(env or jinja2.Environment(), build_schemes() if schemes is None else schemes,
                                  ORGANISATIETYPEN, examples)


def embedded_json(page: str, element_id: str) -> Any:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def module_script(page: str) -> str:
    match = re.search(r'^<script type="module">\n(.*?)\n</script>$', page, re.S | re.M)
    assert match
    return match.group(1)


def assets_script() -> str:
    return "\n\n".join(path.read_text(encoding="utf-8").rstrip("\n") for path in [CORE, *VIEW])


# --------------------------------------------------------------------------------------
# The mapping
# --------------------------------------------------------------------------------------

def test_calculator_schemes_maps_dutch_fields_to_the_contract_shape():
    schemes = build_schemes()
    out = calculator_schemes(schemes)
    params = vectors()["schemes"]
    assert [s["id"] for s in out] == sorted(params)  # pilots and gemeentedelers lack shares
    for entry in out:
        for key in ("internal_share", "external_share", "minimum", "maximum"):
            assert entry[key] == params[entry["id"]][key]
    impuls = next((s for s in out if s["id"] == "impulsregeling"), None)
    if impuls is not None:
        assert impuls["titel"] == "Impulsregeling"
        assert impuls["max_looptijd_maanden"] == 7
        assert impuls["uurloontabel"] == []
        assert impuls["uurloon_voorbeeld"] == {"jaar": 2018, "schaal": "10", "periodiek": 6, "uurloon": "33.30"}
        assert impuls["termijnen"][0]["tekst"] == "Aanvragen: van 2 januari 2019 tot en met 13 december 2019, vóór 16:00 uur"
        assert impuls["geschiktheid"]["aanvragers"] == AANVRAGERS
    json.dumps(out)  # JSON-serialisable


def test_money_and_tables_are_normalised():
    scheme = record("X", subsidie={"aandeel_intern": "1/2", "aandeel_extern": "1/3", "minimum": 500, "maximum": "1E+4"},
                    uurloontabel=[{"jaar": 2019, "schaal": "10A", "periodiek": 1, "uurloon": "34.1"},
                                  {"jaar": 2019, "schaal": "9", "periodiek": 2, "uurloon": 30},
                                  {"jaar": 2018, "schaal": "10", "periodiek": 0, "uurloon": "29.00"}])
    [entry] = calculator_schemes([("x", scheme)])
    assert (entry["minimum"], entry["maximum"]) == ("500.00", "10000.00")
    assert [(r["jaar"], r["schaal"], r["uurloon"]) for r in entry["uurloontabel"]] == [
        (2018, "10", "29.00"), (2019, "9", "30.00"), (2019, "10A", "34.10")]


def test_eligibility_data_covers_every_scheme_with_conditions_or_a_maximum():
    data = eligibility_data(build_schemes(), ORGANISATIETYPEN)
    ids = [r["id"] for r in data["regelingen"]]
    assert "gemeentedelers" not in ids
    pilots = next(r for r in data["regelingen"] if r["id"] == "pilots-uitvoeringskracht-2024")
    assert pilots["maximum"] == "250000.00" and pilots["in_rekenhulp"] is False
    assert data["vragen"]["gevraagd_bedrag"] == [{"id": "pilots-uitvoeringskracht-2024", "titel": "Pilots Uitvoeringskracht 2024",
                                                  "waarde": "250000.00", "tekst": "€ 250.000,00"}]
    # Only the types some scheme accepts, in vocabulary order; the page adds "anders".
    assert [t["id"] for t in data["organisatietypen"]] == AANVRAGERS
    assert data["organisatietypen"][2] == {"id": "shared-service-centrum", "naam": "Gemeentelijk shared service centrum"}


def test_parts_inherit_the_programme_conditions_and_the_programme_is_left_out():
    programme = record("A&O fonds subsidie", geschiktheid={"aanvragers": ["gemeente"], "rechtspositie": "CAR-UWO",
                                                           "min_aandeel_gemeenten_procent": 75})
    part = record("Deel", onderdeel_van="programma",
                  subsidie={"aandeel_intern": "1/2", "aandeel_extern": "1/3", "minimum": "1", "maximum": "2"},
                  geschiktheid={"max_looptijd_maanden": 7, "rechtspositie": "Eigen regeling"})
    data = eligibility_data({"programma": programme, "deel": part}, ORGANISATIETYPEN)
    assert [r["id"] for r in data["regelingen"]] == ["deel"]
    inherited = data["regelingen"][0]["geschiktheid"]
    assert inherited["aanvragers"] == ["gemeente"] and inherited["min_aandeel_gemeenten_procent"] == 75
    assert inherited["rechtspositie"] == "Eigen regeling"  # the part's own condition wins
    assert calculator_schemes({"programma": programme, "deel": part})[0]["geschiktheid"] == inherited


def test_input_forms_give_the_same_result():
    schemes = build_schemes()
    pairs = list(schemes.items())[::-1]

    class Entry:
        def __init__(self, scheme_id: str, rec: SchemeRecord) -> None:
            self.id, self.record = scheme_id, rec

    entries = [Entry(i, r) for i, r in pairs]
    vocabulary_list = [{"id": k, "naam": v, "omschrijving": "..."} for k, v in ORGANISATIETYPEN.items()]
    assert calculator_schemes(schemes) == calculator_schemes(pairs) == calculator_schemes(entries)
    assert eligibility_data(schemes, ORGANISATIETYPEN) == eligibility_data(entries, vocabulary_list)
    with pytest.raises(ValueError, match="dubbele"):
        calculator_schemes(pairs + pairs[:1])


# --------------------------------------------------------------------------------------
# The rendered page
# --------------------------------------------------------------------------------------

def test_embedded_json_equals_the_mapping():
    schemes = build_schemes()
    page = render(schemes=schemes)
    assert embedded_json(page, "rh-data-regelingen") == calculator_schemes(schemes)
    assert embedded_json(page, "rh-data-geschiktheid") == eligibility_data(schemes, ORGANISATIETYPEN)
    assert embedded_json(page, "rh-data-voorbeelden") == [e for e in load_examples()
                                                          if e["input"]["scheme"] in vectors()["schemes"]]


def test_script_is_core_then_view_verbatim_in_one_module():
    page = render()
    assert len(re.findall(r'^<script type="module">$', page, re.M)) == 1
    assert len(re.findall(r"<script\b", page.replace(module_script(page), ""))) == 4  # 3 JSON + 1 module
    assert module_script(page) == assets_script()
    assert "<script type=\"module\" src" not in page
    for path in VIEW:
        assert not re.search(r"^\s*(import|export)\b", path.read_text(encoding="utf-8"), re.M), path.name


def test_every_view_file_is_inlined_once_and_says_its_job():
    on_disk = sorted(path.name for path in calculator.ASSET_DIR.glob("*.js"))
    assert sorted(calculator.VIEW_FILES) == on_disk  # a new file is listed, a listed file exists
    assert len(set(calculator.SCRIPT_FILES)) == len(calculator.SCRIPT_FILES)
    assert calculator.SCRIPT_FILES[0] == calculator.CORE_FILE and calculator.VIEW_FILES[-1] == "rekenhulp-main.js"
    for path in VIEW:
        header = path.read_text(encoding="utf-8").split("*/", 1)[0]
        assert header.startswith("/**\n * Rekenhulp view, part "), path.name
    assert VIEW[-1].read_text(encoding="utf-8").rstrip().endswith("\nstartRekenhulp();")
    assert sum("startRekenhulp();" in path.read_text(encoding="utf-8") for path in VIEW) == 1


def test_no_javascript_file_is_over_800_lines():
    """Issue 11: small files to read; a file past the limit is a sign to split it by job."""
    package = ROOT / "generator"
    sizes = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
             for pattern in ("*.js", "*.mjs") for path in package.rglob(pattern)}
    assert CORE.relative_to(ROOT).as_posix() in sizes and len(sizes) > len(VIEW)
    assert {name: lines for name, lines in sizes.items() if lines > MAX_JS_LINES} == {}


def test_page_structure_for_markdown():
    page = render()
    assert page.startswith("# Rekenhulp subsidie\n")
    assert 'markdown="1"' not in page
    lines = page.split("\n")
    for number, line in enumerate(lines):
        # Every HTML block opens at column 0 after a blank line, so Markdown leaves it alone.
        if re.match(r"<(div|form|script|style|p|table)\b", line) and number and not lines[number - 1].startswith("<"):
            assert lines[number - 1] == "", f"regel {number + 1}: {line[:40]}"
    for heading in ("## Welke regeling past?", "## Subsidie berekenen", "## Rekenregels per regeling"):
        assert f"\n\n{heading}\n\n" in page
    assert "Vul het rekenvoorbeeld Foutenfestival in" in page or "impulsregeling" not in vectors()["schemes"]


def test_same_page_whatever_environment_the_caller_has():
    reference = render(jinja2.Environment())
    loader_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "generator" / "render" / "templates")),
                                    autoescape=jinja2.select_autoescape(["html"]))
    other_loader = jinja2.Environment(loader=jinja2.DictLoader({"other.j2": "x"}), trim_blocks=False)
    like_the_site = jinja2.Environment(loader=jinja2.PackageLoader("generator.render", "templates"), autoescape=True,
                                       undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                       keep_trailing_newline=True)
    assert render(like_the_site) == reference
    assert render(like_the_site, examples=[{"input": load_examples()[0]["input"]}]).count("Vul het rekenvoorbeeld") == 1
    assert render(loader_env) == reference
    assert render(other_loader) == reference
    assert render(jinja2.Environment()) == reference  # deterministic


def test_hostile_record_text_is_escaped():
    schemes = build_schemes()
    scheme_id = sorted(vectors()["schemes"])[0]
    schemes[scheme_id] = schemes[scheme_id].model_copy(update={"titel": "Regeling </script><script>alert(1)</script> & <b>"})
    page = render(schemes=schemes)
    assert "<script>alert(1)" not in page
    assert "<b>" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in page  # option text, table
    assert "\\u003c/script\\u003e" in page  # JSON
    assert embedded_json(page, "rh-data-regelingen")[0]["titel"].startswith("Regeling </script>")


def test_assets_that_could_end_the_script_are_refused(tmp_path, monkeypatch):
    (tmp_path / calculator.CORE_FILE).write_text("const a = '</script>';\n", encoding="utf-8")
    for name in (*calculator.VIEW_FILES, calculator.CSS_FILE, calculator.EXAMPLES_FILE):
        shutil.copy(calculator.ASSET_DIR / name, tmp_path / name)
    monkeypatch.setattr(calculator, "ASSET_DIR", tmp_path)
    with pytest.raises(ValueError, match="script"):
        render()
    shutil.copy(CORE, tmp_path / calculator.CORE_FILE)
    (tmp_path / calculator.VIEW_FILES[-1]).write_text("const b = '<!-- x';\n", encoding="utf-8")
    with pytest.raises(ValueError, match=calculator.VIEW_FILES[-1]):
        render()


def test_no_schemes_renders_a_message_instead_of_the_form():
    page = render_calculator_page(jinja2.Environment(), {}, ORGANISATIETYPEN)
    assert 'id="rh-calc"' not in page
    assert "Er zijn nog geen regelingen met rekenregels." in page


def markdown_extensions() -> list[str]:
    """What a Material site typically enables, limited to what is installed here."""
    wanted = ["toc", "tables", "attr_list", "md_in_html", "admonition", "def_list", "footnotes",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.inlinehilite", "pymdownx.smartsymbols"]
    available = []
    for name in wanted:
        try:
            markdown.Markdown(extensions=[name])
            available.append(name)
        except ImportError:
            continue
    return available


def to_html(page: str) -> str:
    return markdown.markdown(page, extensions=markdown_extensions())


def test_markdown_keeps_script_data_and_forms_intact():
    schemes = build_schemes()
    page = render(schemes=schemes)
    html = to_html(page)
    assert module_script(html) == assets_script()
    assert embedded_json(html, "rh-data-regelingen") == calculator_schemes(schemes)
    assert embedded_json(html, "rh-data-geschiktheid") == eligibility_data(schemes, ORGANISATIETYPEN)
    assert '<form class="rh rh-form" id="rh-check"' in html and '<form class="rh rh-form" id="rh-calc"' in html
    assert '<h2 id="welke-regeling-past">Welke regeling past?</h2>' in html
    assert "<p><div" not in html and "<p><form" not in html and "<p><script" not in html


def test_inlined_module_parses_as_one_module(tmp_path):
    """The view shares the core's module scope: a clashing name would be a SyntaxError here."""
    module = tmp_path / "rekenhulp-inline.mjs"
    module.write_text(module_script(render()), encoding="utf-8")
    done = subprocess.run([node_executable(), "--check", str(module)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_shipped_examples_give_the_published_totals():
    examples = load_examples()
    params = vectors()["schemes"]
    calls = [("calculate", [params[e["input"]["scheme"]], e["input"]]) for e in examples if e["input"]["scheme"] in params]
    if not calls:
        pytest.skip("geen voorbeeld voor de regelingen in dit vectorbestand")
    results = call_core(calls)
    expected = [e["verwacht_totaal"] for e in examples if e["input"]["scheme"] in params]
    assert [r["value"]["total"] for r in results] == expected


def test_static_rules_table_uses_dutch_money():
    page = render()
    for scheme_id, params in vectors()["schemes"].items():
        assert euro(Decimal(params["maximum"])) in page
    assert euro(Decimal("15000")) == "€ 15.000,00"
    assert euro(Decimal("1234567.5")) == "€ 1.234.567,50"


def test_dates_in_words():
    assert date_text("2024-01") == "januari 2024"
    assert date_text("2019-12-13") == "13 december 2019"
    assert deadline_text({"omschrijving": "Aanmelden", "van": "2024-01", "tot": "2024-03"}) == \
        "Aanmelden: van januari 2024 tot en met maart 2024"
    assert deadline_text({"omschrijving": "Declareren", "tot": "2020-02-01"}) == "Declareren: uiterlijk 1 februari 2020"


# --------------------------------------------------------------------------------------
# In Chromium, from a file:// URL
# --------------------------------------------------------------------------------------

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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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
