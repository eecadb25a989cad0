"""The /rekenhulp/ page: generator.features.rekenhulp.calculator + rekenhulp.md.j2 + the inlined assets.

Without a browser: the embedded JSON is exactly what calculator_schemes/eligibility_data
produce, the script is the core then the view's files, verbatim and in order, and survives
Python-Markdown. The page in Chromium is tests/browser/test_calculator_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal
from typing import Any

import jinja2
import markdown
import pytest

from generator.core.dutch import date_text, deadline_text, euro

from conftest import ROOT, call_core, node_executable, vectors_path

from generator.features.rekenhulp import calculator
from generator.features.rekenhulp.calculator import (
    calculator_schemes,
    eligibility_data,
    load_examples,
    render_calculator_page,
)
from generator.model.records import SchemeRecord

CORE = calculator.ASSET_DIR / calculator.CORE_FILE
PURE = [calculator.STATUS_FILE, CORE, calculator.ASSET_DIR / calculator.CHECK_FILE]
"""The pure part of the module, in page order: the status script, the core, the check."""
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
    "regio": "Regio",
    "samenwerkingsverband": "Samenwerkingsverband",
}
WINDOW_2019 = [{"van": "2019-01-02", "tot": "2019-12-13", "tijd": "16:00"}]

# What the sources say beyond the calculation parameters (which come from the vectors file).
SCHEME_DETAILS: dict[str, dict[str, Any]] = {
    "impulsregeling": {
        "titel": "Impulsregeling",
        "geschiktheid": {"nieuw_voor": "gemeente", "projectfase": "afgerond", "max_looptijd_maanden": 7,
                         "min_deelnemers_per_training": 8, "aanvragers": AANVRAGERS, "rechtspositie": "CAR-UWO",
                         "min_aandeel_gemeenten_procent": 75,
                         "aanvragen_binnen": "binnen 8 weken na beëindiging van het project"},
        "aanvraagperiodes": WINDOW_2019, "jaar": 2019,
        "documenten": [{"fase": "bij aanvraag", "stukken": ["Offertes van de externe partijen", "Facturen externen",
                                                            "Tijdregistratie van interne medewerkers",
                                                            "Salarisstroken van interne medewerkers"]}],
    },
    "innovatieve-projectenregeling": {
        "titel": "Innovatieve Projectenregeling",
        "geschiktheid": {"nieuw_voor": "sector", "projectfase": "nog-te-starten", "max_looptijd_maanden": 14,
                         "min_andere_gemeenten": 2, "aanvragers": AANVRAGERS, "rechtspositie": "CAR-UWO",
                         "min_aandeel_gemeenten_procent": 75,
                         "aanvragen_binnen": "binnen 4 weken na de interne opdracht of de ondertekening van de offerte",
                         "weken_na_opdracht": 4},
        "aanvraagperiodes": WINDOW_2019, "jaar": 2019,
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
        geschiktheid={"aanvragers": ["gemeente", "regio", "samenwerkingsverband"]},
        aanvraagperiodes=[{"van": "2024-01", "tot": "2024-03", "zoals_gepubliceerd": "januari – maart 2024"}])
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
    return "\n\n".join(path.read_text(encoding="utf-8").rstrip("\n") for path in [*PURE, *VIEW])


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
        assert impuls["aanvraagperiodes"][0]["tekst"] == "van 2 januari 2019 tot en met 13 december 2019, vóór 16:00 uur"
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
    assert [t["id"] for t in data["organisatietypen"]] == [*AANVRAGERS, "regio", "samenwerkingsverband"]
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


def test_script_is_status_core_check_then_view_verbatim_in_one_module():
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
    assert calculator.SCRIPT_FILES[:3] == tuple(path.name for path in PURE)
    assert calculator.VIEW_FILES[-1] == "rekenhulp-main.js"
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
    for name in (calculator.CHECK_FILE, *calculator.VIEW_FILES, calculator.CSS_FILE, calculator.EXAMPLES_FILE):
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
