"""The calculator core (generator/features/rekenhulp/assets/rekenhulp-core.mjs), run in Node.

Every vector of the shared contract (../shared/testdata/calculator-vectors.json, or its copy in
tests/data/ when ../shared is absent) goes through the real .mjs and every field of the
result is compared; set CALCULATOR_VECTORS to run another vectors file. The unit tests pin
what the page relies on: Dutch number input never becomes NaN, formatting is Dutch, each
line is rounded half away from zero and the subtotal is the sum of the rounded lines.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import ROOT, SHARED, VECTORS_COPY, call_core, vectors_path


def bigint(value: int) -> dict[str, str]:
    return {"$bigint": str(value)}


# --------------------------------------------------------------------------------------
# The shared vectors
# --------------------------------------------------------------------------------------

def _load_vectors() -> dict[str, Any] | None:
    path = vectors_path()
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


VECTORS = _load_vectors()
VECTOR_CASES = (VECTORS or {}).get("vectors", [])


def test_vectors_file_is_present_and_not_empty():
    assert VECTORS is not None, f"vectorbestand ontbreekt: {vectors_path()}"
    assert VECTOR_CASES, "vectorbestand bevat geen vectors"


def test_the_committed_copy_equals_the_shared_vectors():
    """tests/data holds a copy so a fresh clone runs these tests; where ../shared exists it must not drift."""
    shared = SHARED / "testdata" / "calculator-vectors.json"
    if not shared.is_file():
        pytest.skip(f"{shared} ontbreekt; de tests gebruiken de kopie {VECTORS_COPY.name} in tests/data")
    assert VECTORS_COPY.read_bytes() == shared.read_bytes(), "kopieer de gedeelde vectors opnieuw naar tests/data"


@pytest.fixture(scope="module")
def vector_results() -> list[dict[str, Any]]:
    if not VECTOR_CASES:
        pytest.skip("geen vectors")
    calls = []
    for case in VECTOR_CASES:
        scheme = VECTORS["schemes"][case["input"]["scheme"]]
        calls.append(("calculate", [scheme, case["input"]]))
        calls.append(("explain", [scheme, case["input"]]))
    results = call_core(calls)
    return [{"calculate": results[i], "explain": results[i + 1]} for i in range(0, len(results), 2)]


@pytest.mark.parametrize("index", range(len(VECTOR_CASES)), ids=[c["name"] for c in VECTOR_CASES])
def test_vector(index, vector_results):
    case = VECTOR_CASES[index]
    expected = case["expected"]
    outcome = vector_results[index]["calculate"]
    assert "error" not in outcome, outcome.get("error")
    actual = outcome["value"]
    # Field by field, for a readable failure; the same keys, so no extra key slips in.
    assert set(actual) == set(expected)
    assert len(actual["lines"]) == len(expected["lines"])
    for number, (got, want) in enumerate(zip(actual["lines"], expected["lines"]), start=1):
        assert got == want, f"regel {number}"
    for key in sorted(set(expected) - {"lines"}):
        assert actual[key] == expected[key], key


@pytest.mark.parametrize("index", range(len(VECTOR_CASES)), ids=[c["name"] for c in VECTOR_CASES])
def test_explain_agrees_with_calculate(index, vector_results):
    calculated = vector_results[index]["calculate"]["value"]
    explained = vector_results[index]["explain"]["value"]
    assert [{k: line[k] for k in ("kind", "counted", "amount")} for line in explained["lines"]] == calculated["lines"]
    for key in ("subtotal", "total", "eligible", "capped"):
        assert explained[key] == calculated[key]
    for line in explained["lines"]:
        assert line["rule"] and line["amount_text"].startswith("€ ")
    assert explained["outcome"]["text"]


def test_foutenfestival_explanations():
    case = next(c for c in VECTOR_CASES if c["expected"]["total"] == "11562.60") if VECTOR_CASES else None
    if case is None:
        pytest.skip("het Foutenfestival staat niet in dit vectorbestand")
    [result] = call_core([("explain", [VECTORS["schemes"][case["input"]["scheme"]], case["input"]])])
    lines = result["value"]["lines"]
    assert lines[0]["rule"] == "telt niet mee: alleen projectgerelateerde externe kosten tellen"
    assert lines[1]["rule"] == "1/3 van € 15.000,00 (externe kosten, projectgerelateerd)"
    assert lines[3]["rule"] == "1/2 van 244 uur × € 33,30 = 1/2 van € 8.125,20 (interne kosten, projectleider)"
    assert lines[4]["rule"] == "telt niet mee: bij externe kosten telt intern alleen de projectleider"
    assert result["value"]["total_text"] == "€ 11.562,60"


def test_outcome_texts_name_the_limits():
    scheme = {"internal_share": "1/2", "external_share": "1/3", "minimum": "500.00", "maximum": "15000.00"}
    low = {"scheme": "x", "external": [{"description": "a", "amount_ex_btw": "1200.00", "project_related": True}], "internal": []}
    high = {"scheme": "x", "external": [{"description": "a", "amount_ex_btw": "90000.00", "project_related": True}], "internal": []}
    below, capped = call_core([("explain", [scheme, low]), ("explain", [scheme, high])])
    assert below["value"]["outcome"] == {
        "code": "onder-minimum",
        "text": "Geen subsidie: het subtotaal van € 400,00 is lager dan het minimum van € 500,00 voor deze regeling.",
    }
    assert capped["value"]["outcome"]["code"] == "begrensd"
    assert "begrensd op het maximum van € 15.000,00" in capped["value"]["outcome"]["text"].lower()


# --------------------------------------------------------------------------------------
# Rounding
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("numerator", "denominator", "expected"), [
    (1, 2, 1), (-1, 2, -1), (5, 2, 3), (-5, 2, -3), (3, 2, 2), (1, 3, 0), (2, 3, 1), (-2, 3, -1),
    (249975, 2000, 125), (0, 7, 0), (7, 1, 7), (1, -2, -1),
])
def test_round_half_away_from_zero(numerator, denominator, expected):
    [result] = call_core([("roundHalfAwayFromZero", [bigint(numerator), bigint(denominator)])])
    assert result["value"] == expected


def test_half_cent_lines_round_up_and_subtotal_sums_rounded_lines():
    """0.005 per line rounds to 0.01; two such lines make 0.02, not round(0.01) = 0.01."""
    scheme = {"internal_share": "1/2", "external_share": "1/2", "minimum": "0.00", "maximum": "100.00"}
    data = {
        "scheme": "x",
        "external": [{"description": "a", "amount_ex_btw": "0.01", "project_related": True},
                     {"description": "b", "amount_ex_btw": "0.01", "project_related": True}],
        "internal": [],
    }
    internal_only = {"scheme": "x", "external": [],
                     "internal": [{"role": "overig", "hours": "1", "hourly_rate": "0.03"}]}
    first, second = call_core([("calculate", [scheme, data]), ("calculate", [scheme, internal_only])])
    assert [line["amount"] for line in first["value"]["lines"]] == ["0.01", "0.01"]
    assert first["value"]["subtotal"] == "0.02"
    assert second["value"]["lines"] == [{"kind": "internal", "counted": True, "amount": "0.02"}]


def test_below_half_cent_rounds_down():
    scheme = {"internal_share": "1/2", "external_share": "1/3", "minimum": "0.00", "maximum": "100.00"}
    data = {"scheme": "x", "external": [{"description": "a", "amount_ex_btw": "0.04", "project_related": True}], "internal": []}
    [result] = call_core([("calculate", [scheme, data])])
    assert result["value"]["lines"][0]["amount"] == "0.01"  # 0.01333... -> 0.01


def test_project_related_zero_amount_keeps_everyone_counting():
    """Only an external amount above zero switches to 'only the projectleider'."""
    scheme = {"internal_share": "1/2", "external_share": "1/3", "minimum": "0.00", "maximum": "100000.00"}
    data = {"scheme": "x",
            "external": [{"description": "a", "amount_ex_btw": "0.00", "project_related": True}],
            "internal": [{"role": "overig", "hours": "10", "hourly_rate": "40.00"}]}
    [result] = call_core([("calculate", [scheme, data])])
    assert result["value"]["lines"][1] == {"kind": "internal", "counted": True, "amount": "200.00"}


def test_contract_violations_raise_instead_of_nan():
    scheme = {"internal_share": "1/2", "external_share": "1/3", "minimum": "500.00", "maximum": "15000.00"}
    bad_amount = {"scheme": "x", "external": [{"description": "a", "amount_ex_btw": "abc", "project_related": True}], "internal": []}
    bad_role = {"scheme": "x", "external": [], "internal": [{"role": "baas", "hours": "1", "hourly_rate": "1.00"}]}
    bad_share = dict(scheme, external_share="0.33")
    results = call_core([
        ("calculate", [scheme, bad_amount]),
        ("calculate", [scheme, bad_role]),
        ("calculate", [bad_share, {"scheme": "x", "external": [], "internal": []}]),
    ])
    for result in results:
        assert result["error"]["name"] == "TypeError"


# --------------------------------------------------------------------------------------
# Parsing and formatting
# --------------------------------------------------------------------------------------

AMOUNTS_OK = {
    "1.234,56": 123456,
    "1234,56": 123456,
    "1234.56": 123456,
    "1234": 123400,
    "€ 1.234,56": 123456,
    "€1234": 123400,
    "1.234,56 €": 123456,
    "€ 500,-": 50000,
    "1 234,56": 123456,
    "1\u00a0234,56": 123456,
    "1,234.56": 123456,
    " 0,5 ": 50,
    "1.234": 123400,
    "1.234.567,8": 123456780,
    "33,30": 3330,
    "0": 0,
    "007": 700,
}

AMOUNTS_BAD = {
    "": "empty",
    "   ": "empty",
    "€": "empty",
    "abc": "format",
    "1,2,3": "format",
    "1.23.4": "format",
    "1e5": "format",
    "NaN": "format",
    "Infinity": "format",
    "12a": "format",
    "1,,2": "format",
    "1.234,5.6": "format",
    "1 23": "format",
    "12,": "format",
    ",5": "format",
    "0x10": "format",
    "+5": "format",
    "12,345": "decimals",
    "1234.567": "decimals",
    "-5": "negative",
    "\u22125,00": "negative",
    "€ -1.000": "negative",
    "9999999999999,00": "too-large",
}


@pytest.fixture(scope="module")
def parsed_amounts() -> dict[str, dict[str, Any]]:
    texts = list(AMOUNTS_OK) + list(AMOUNTS_BAD)
    results = call_core([("parseAmount", [t]) for t in texts])
    return {t: r["value"] for t, r in zip(texts, results)}


@pytest.mark.parametrize(("text", "cents"), AMOUNTS_OK.items(), ids=list(AMOUNTS_OK))
def test_parse_amount_accepts(text, cents, parsed_amounts):
    result = parsed_amounts[text]
    assert result["ok"] is True
    assert result["cents"] == cents
    assert result["value"] == f"{cents // 100}.{cents % 100:02d}"


@pytest.mark.parametrize(("text", "error"), AMOUNTS_BAD.items(), ids=list(AMOUNTS_BAD))
def test_parse_amount_rejects_with_a_code_not_nan(text, error, parsed_amounts):
    assert parsed_amounts[text] == {"ok": False, "error": error}


def test_parse_amount_of_non_strings():
    results = call_core([("parseAmount", [None]), ("parseAmount", [12]), ("parseAmount", [{}])])
    assert [r["value"] for r in results] == [
        {"ok": False, "error": "empty"}, {"ok": False, "error": "format"}, {"ok": False, "error": "format"},
    ]


def test_parse_hours_and_whole_numbers():
    results = call_core([
        ("parseHours", ["7,5"]), ("parseHours", ["244"]), ("parseHours", ["1.250"]),
        ("parseHours", ["7,555"]), ("parseHours", ["abc"]), ("parseHours", ["€ 5"]),
        ("parseWholeNumber", ["7"]), ("parseWholeNumber", ["7,5"]), ("parseWholeNumber", ["1.000"]),
        ("parseWholeNumber", ["-2"]), ("parseWholeNumber", [""]),
    ])
    values = [r["value"] for r in results]
    assert values[0] == {"ok": True, "value": "7.5", "hundredths": 750}
    assert values[1] == {"ok": True, "value": "244", "hundredths": 24400}
    assert values[2]["value"] == "1250"
    assert values[3] == {"ok": False, "error": "decimals"}
    assert values[4] == {"ok": False, "error": "format"}
    assert values[5] == {"ok": False, "error": "format"}  # hours are not money
    assert values[6] == {"ok": True, "value": 7}
    assert values[7] == {"ok": False, "error": "decimals"}
    assert values[8] == {"ok": True, "value": 1000}
    assert values[9] == {"ok": False, "error": "negative"}
    assert values[10] == {"ok": False, "error": "empty"}


@pytest.mark.parametrize(("cents", "text"), [
    (1156260, "€ 11.562,60"), (0, "€ 0,00"), (5, "€ 0,05"), (100, "€ 1,00"), (99999, "€ 999,99"),
    (100000, "€ 1.000,00"), (100000000, "€ 1.000.000,00"), (123456789012345, "€ 1.234.567.890.123,45"),
    (-150, "€ -1,50"),
])
def test_format_euro(cents, text):
    as_bigint, as_number = call_core([("formatEuro", [bigint(cents)]), ("formatEuro", [cents])])
    assert as_bigint["value"] == text
    if abs(cents) < 2**53:
        assert as_number["value"] == text


def test_format_euro_refuses_fractions():
    [result] = call_core([("formatEuro", [1.5])])
    assert result["error"]["name"] == "TypeError"


def test_format_numbers_for_fields():
    results = call_core([("formatNumberNl", ["7.5"]), ("formatNumberNl", ["15000", 2]),
                         ("formatNumberNl", ["33.3", 2]), ("formatContractEuro", ["250000.00"])])
    assert [r["value"] for r in results] == ["7,5", "15.000,00", "33,30", "€ 250.000,00"]


def test_parsed_input_round_trips_through_formatting():
    texts = ["15.000,00", "33,30", "7.500,00", "0,01"]
    parsed = call_core([("parseAmount", [t]) for t in texts])
    formatted = call_core([("formatNumberNl", [p["value"]["value"], 2]) for p in parsed])
    assert [f["value"] for f in formatted] == texts


# --------------------------------------------------------------------------------------
# Eligibility and URL state
# --------------------------------------------------------------------------------------

IMPULS = {
    "id": "impulsregeling", "titel": "Impulsregeling", "in_rekenhulp": True, "maximum": "15000.00",
    "geschiktheid": {
        "nieuw_voor": "gemeente", "projectfase": "afgerond", "max_looptijd_maanden": 7,
        "min_deelnemers_per_training": 8, "min_andere_gemeenten": None, "aanvragers": ["gemeente"],
        "rechtspositie": "CAR-UWO", "min_aandeel_gemeenten_procent": 75, "aanvragen_binnen": None,
    },
}
PILOTS = {"id": "pilots", "titel": "Pilots", "in_rekenhulp": False, "maximum": "250000.00", "geschiktheid": None}
FITS = {
    "nieuw_voor": "sector", "projectfase": "afgerond", "looptijd_maanden": 7, "deelnemers_per_training": 8,
    "andere_gemeenten": None, "organisatie": "gemeente", "rechtspositie": {"CAR-UWO": True},
    "samenwerkingsverband": False, "aandeel_gemeenten_procent": None, "gevraagd_bedrag": None,
}


def test_eligibility_fits_and_says_why_not():
    names = {"gemeente": "Gemeente", "stichting": "Stichting"}
    results = call_core([
        ("checkEligibility", [IMPULS, FITS, names]),
        ("checkEligibility", [IMPULS, {**FITS, "looptijd_maanden": 9, "organisatie": "stichting"}, names]),
        ("checkEligibility", [IMPULS, {**FITS, "samenwerkingsverband": True, "aandeel_gemeenten_procent": 60}, names]),
        ("checkEligibility", [IMPULS, {"rechtspositie": {}}, names]),
    ])
    fits, too_long, low_share, empty = (r["value"] for r in results)
    assert fits["status"] == "past" and not fits["failed"]  # new for the sector is new for the municipality too
    assert too_long["status"] == "past-niet"
    assert [f["vraag"] for f in too_long["failed"]] == ["looptijd_maanden", "organisatie"]
    assert too_long["failed"][0]["tekst"] == "Het project mag hoogstens 7 maanden duren; u vulde 9 maanden in."
    assert "u koos stichting" in too_long["failed"][1]["tekst"]
    assert low_share["failed"][0]["tekst"] == (
        "Een samenwerkingsverband moet voor minstens 75% uit gemeenten bestaan; u vulde 60% in.")
    assert empty["status"] == "onbekend" and not empty["failed"] and len(empty["open"]) == 7


def test_eligibility_checks_the_requested_amount_against_the_maximum():
    results = call_core([
        ("checkEligibility", [PILOTS, {"gevraagd_bedrag": "300000.00"}, {}]),
        ("checkEligibility", [PILOTS, {"gevraagd_bedrag": "250000.00"}, {}]),
        ("checkEligibility", [PILOTS, {}, {}]),
    ])
    too_much, exact, unanswered = (r["value"] for r in results)
    assert too_much["status"] == "past-niet"
    assert too_much["failed"][0]["tekst"] == "De bijdrage is hoogstens € 250.000,00; u vroeg € 300.000,00."
    assert exact["status"] == "past"
    assert unanswered["status"] == "onbekend"


def test_a_scheme_without_checkable_conditions_never_simply_fits():
    bare = {"id": "x", "titel": "X", "in_rekenhulp": True, "maximum": "100.00",
            "geschiktheid": {"aanvragen_binnen": "binnen 8 weken", "aanvragers": []}}
    [result] = call_core([("checkEligibility", [bare, FITS, {}])])
    assert result["value"]["status"] == "onbekend"
    assert "niet toetsen" in result["value"]["open"][0]["tekst"]


def test_state_round_trips_through_the_query_string():
    state = {
        "calc": {
            "scheme": "impulsregeling",
            "external": [{"description": "Bureau & zn; 50% = ok?", "amount": "15.000,00", "project_related": True,
                          "for_development": True},
                         {"description": "", "amount": "abc", "project_related": False, "for_development": False}],
            "internal": [{"role": "projectleider", "hours": "244", "rate": "33,30", "jaar": "", "schaal": "", "periodiek": ""}],
        },
        "check": {"nieuw": "gemeente", "fase": "", "opdracht": "2019-05-20", "looptijd": "7", "deelnemers": "", "gemeenten": "", "org": "gemeente",
                  "sv": "nee", "aandeel": "", "bedrag": "", "rechtspositie": {"CAR-UWO": "ja"}},
    }
    [encoded] = call_core([("encodeState", [state])])
    [decoded] = call_core([("decodeState", ["?" + encoded["value"]])])
    value = decoded["value"]
    assert value["present"] is True
    assert value["calc"]["scheme"] == "impulsregeling"
    assert value["calc"]["external"] == state["calc"]["external"]
    assert value["calc"]["internal"] == state["calc"]["internal"]
    assert value["check"] == state["check"]
    [empty] = call_core([("decodeState", [""])])
    assert empty["value"]["present"] is False and empty["value"]["calc"]["external"] == []


# --------------------------------------------------------------------------------------
# The project's own vectors (assets/rekenvoorbeelden.json): issue 12, items 2-6
# --------------------------------------------------------------------------------------

OWN = json.loads((ROOT / "generator" / "features" / "rekenhulp" / "assets" / "rekenvoorbeelden.json").read_text(encoding="utf-8"))
OWN_CALC = OWN["vectoren"]
OWN_CHECK = OWN["geschiktheid"]


def test_own_vectors_cite_a_source_line_and_cover_every_case():
    """Each vector names the source line it rests on; items 2-6 each have at least one."""
    for case in OWN_CALC + OWN_CHECK:
        assert case["bron"].startswith("bron 00") and "'" in case["bron"], case["naam"]
    names = " ".join(case["naam"] for case in OWN_CALC + OWN_CHECK)
    for needle in ("opdracht", "pilots", "ontwikkeling", "projectleiders", "minimum", "0,01", "gesloten"):
        assert needle in names, needle


@pytest.fixture(scope="module")
def own_calc_results() -> list[dict[str, Any]]:
    schemes = (VECTORS or {}).get("schemes") or pytest.skip("geen gedeelde regelingen")
    calls = []
    for case in OWN_CALC:
        calls.append(("calculate", [schemes[case["input"]["scheme"]], case["input"]]))
        calls.append(("explain", [schemes[case["input"]["scheme"]], case["input"]]))
    results = call_core(calls)
    return [{"calculate": results[i], "explain": results[i + 1]} for i in range(0, len(results), 2)]


@pytest.mark.parametrize("index", range(len(OWN_CALC)), ids=[c["naam"] for c in OWN_CALC])
def test_own_calculation_vector(index, own_calc_results):
    case = OWN_CALC[index]
    outcome = own_calc_results[index]
    if "verwacht_fout" in case:
        assert "error" in outcome["calculate"], "invoerfout verwacht, maar er kwam een bedrag uit"
        assert case["verwacht_fout"] in outcome["calculate"]["error"]["message"]
        return
    assert "error" not in outcome["calculate"], outcome["calculate"].get("error")
    assert outcome["calculate"]["value"] == case["verwacht"]
    notes = " ".join(outcome["explain"]["value"]["notes"])
    if "verwacht_notitie" in case:
        assert case["verwacht_notitie"] in notes
    else:
        assert notes == "", notes


@pytest.fixture(scope="module")
def own_check_results() -> list[dict[str, Any]]:
    return call_core([("checkEligibility", [c["regeling"], c["antwoorden"], {}, c["nu"]]) for c in OWN_CHECK])


@pytest.mark.parametrize("index", range(len(OWN_CHECK)), ids=[c["naam"] for c in OWN_CHECK])
def test_own_eligibility_vector(index, own_check_results):
    case = OWN_CHECK[index]
    result = own_check_results[index]["value"]
    assert (result["status"], result["regels_status"]) == (case["verwacht_status"], case["verwacht_regels_status"])
    for key, value in case.get("verwacht_tijd", {}).items():
        assert result["tijd"][key] == value


def test_a_closed_scheme_is_never_past_whatever_the_answers():
    """Issue 12 item 1: on any day after 13 December 2019 16.00 the 2019 schemes say 'gesloten'."""
    impuls = next(c["regeling"] for c in OWN_CHECK if c["regeling"]["id"] == "impulsregeling")
    days = [{"y": 2019, "m": 12, "d": 14, "minutes": 0}, {"y": 2020, "m": 6, "d": 1, "minutes": 600},
            {"y": 2026, "m": 12, "d": 1, "minutes": 600}]
    answers = {"nieuw_voor": "gemeente", "projectfase": "afgerond", "looptijd_maanden": 6}
    results = call_core([("checkEligibility", [impuls, answers, {}, day]) for day in days])
    assert [r["value"]["status"] for r in results] == ["gesloten"] * 3
    assert all(r["value"]["regels_status"] == "past" for r in results)


def test_the_development_answer_is_a_boolean_or_absent():
    """Absent means yes (the shared vectors never say it); anything else than true/false is refused."""
    scheme = (VECTORS or {}).get("schemes", {}).get("impulsregeling") or pytest.skip("geen impulsregeling")
    line = {"description": "training", "amount_ex_btw": "3000.00", "project_related": True}
    results = call_core([("calculate", [scheme, {"external": [line], "internal": []}]),
                         ("calculate", [scheme, {"external": [{**line, "for_development": True}], "internal": []}]),
                         ("calculate", [scheme, {"external": [{**line, "for_development": "nee"}], "internal": []}])])
    assert results[0]["value"] == results[1]["value"] and results[0]["value"]["total"] == "1000.00"
    assert results[2]["error"]["name"] == "TypeError" and "for_development" in results[2]["error"]["message"]
