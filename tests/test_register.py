"""The municipality register as an editor meets it: names resolve, old names explain themselves.

Everything except the tests of tools/make_register.py reads the committed content/gemeenten.yaml,
so the tests check what the generator actually uses, not the CSVs it was made from. The script
runs on a small sample of the CBS reference files in tests/data/reference/ (see its README);
with the full reference data in ../shared/reference it must also reproduce the committed file.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import DATA, SHARED
from generator.model.register import FormerMunicipality, Municipality, Province, Register, Resolution

REPO = Path(__file__).resolve().parent.parent
REGISTER_FILE = REPO / "content" / "gemeenten.yaml"
REFERENCE = SHARED / "reference"
"""The full CBS reference data, when ../shared is next to the checkout."""
SAMPLE = DATA / "reference"
"""A few municipalities, mergers and provinces from the same files, committed."""
REFERENCE_FILES = ("gemeenten.csv", "herindelingen.csv", "gemeenten_historie_nlextract.csv")


@pytest.fixture(scope="module")
def register() -> Register:
    return Register.load(REGISTER_FILE)


# --------------------------------------------------------------------------- contents


def test_counts_match_cbs(register: Register) -> None:
    assert len(register.municipalities) == 342
    assert len(register.provinces) == 12
    assert len(register.former) == 84


def test_municipalities_per_province_match_the_reference(register: Register) -> None:
    expected = {"Noord-Brabant": 56, "Gelderland": 51, "Zuid-Holland": 50, "Noord-Holland": 44,
                "Limburg": 31, "Utrecht": 26, "Overijssel": 25, "Fryslân": 18, "Zeeland": 13,
                "Drenthe": 12, "Groningen": 10, "Flevoland": 6}
    assert {p.naam: len(register.in_province(p.naam)) for p in register.provinces} == expected


def test_friesland_is_written_fryslan_and_old_spelling_still_works(register: Register) -> None:
    fryslan = Province(naam="Fryslân", slug="fryslan")
    assert fryslan in register.provinces
    assert "Friesland" not in {p.naam for p in register.provinces}
    assert register.resolve_province("Friesland") == fryslan
    assert register.resolve_province("fryslan") == fryslan
    assert register.resolve_province("Provincie Fryslân") == fryslan
    assert register.resolve_province("Frankrijk") is None
    assert len(register.in_province("Friesland")) == 18


def test_unknown_province_is_an_error(register: Register) -> None:
    with pytest.raises(KeyError, match="onbekende provincie"):
        register.in_province("Brabant-Noord-Oost")


@pytest.mark.parametrize(("code", "naam", "provincie"), [
    ("GM1970", "Noardeast-Fryslân", "Fryslân"),
    ("GM1948", "Meierijstad", "Noord-Brabant"),
    ("GM1960", "West Betuwe", "Gelderland"),
    ("GM0502", "Capelle aan den IJssel", "Zuid-Holland"),
    ("GM1900", "Súdwest-Fryslân", "Fryslân"),
    ("GM0796", "'s-Hertogenbosch", "Noord-Brabant"),
    ("GM0893", "Bergen (L.)", "Limburg"),
    ("GM0373", "Bergen (NH.)", "Noord-Holland"),
    ("GM0363", "Amsterdam", "Noord-Holland"),
])
def test_spot_checks_from_the_reference(register: Register, code: str, naam: str, provincie: str) -> None:
    municipality = register.by_code(code)
    assert (municipality.naam, municipality.provincie) == (naam, provincie)


def test_unknown_code_raises_key_error(register: Register) -> None:
    with pytest.raises(KeyError):
        register.by_code("GM9999")
    with pytest.raises(KeyError):
        register.by_code("GM0236")  # Geldermalsen: dissolved, so not current


def test_lists_are_sorted(register: Register) -> None:
    codes = [m.code for m in register.municipalities]
    assert codes == sorted(codes)
    former_codes = [f.code for f in register.former]
    assert former_codes == sorted(former_codes)
    assert [p.naam for p in register.provinces][:4] == ["Drenthe", "Flevoland", "Fryslân", "Gelderland"]


# --------------------------------------------------------------------------- slugs


def test_slugs_are_unique_and_url_safe(register: Register) -> None:
    slugs = [m.slug for m in register.municipalities]
    assert len(set(slugs)) == 342
    assert all(slug and slug == slug.lower() and " " not in slug for slug in slugs)


@pytest.mark.parametrize(("code", "slug"), [
    ("GM0373", "bergen-nh"),
    ("GM0893", "bergen-l"),
    ("GM0518", "s-gravenhage"),
    ("GM0796", "s-hertogenbosch"),
    ("GM1900", "sudwest-fryslan"),
    ("GM0820", "nuenen-gerwen-en-nederwetten"),
])
def test_slugs_are_stable(register: Register, code: str, slug: str) -> None:
    assert register.by_code(code).slug == slug
    assert register.by_slug(slug) == register.by_code(code)


def test_unknown_slug_is_none(register: Register) -> None:
    assert register.by_slug("geldermalsen") is None


# --------------------------------------------------------------------------- resolving current names


@pytest.mark.parametrize(("typed", "code"), [
    ("gemeente súdwest fryslan", "GM1900"),
    ("Súdwest-Fryslân", "GM1900"),
    ("GEMEENTE 's-Hertogenbosch", "GM0796"),
    ("s Hertogenbosch", "GM0796"),
    ("Den Haag", "GM0518"),
    ("gemeente Den Haag", "GM0518"),
    ("Den Bosch", "GM0796"),
    ("'s-Gravenhage", "GM0518"),
    ("Bergen (NH.)", "GM0373"),
    ("Bergen NH", "GM0373"),
    ("Bergen (NH)", "GM0373"),
    ("bergen nh.", "GM0373"),
    ("Bergen (L.)", "GM0893"),
    ("Bergen L", "GM0893"),
    ("Bergen Noord-Holland", "GM0373"),
    ("Hengelo", "GM0164"),  # only one current Hengelo, so the disambiguator may be left out
    ("  amsterdam  ", "GM0363"),
    ("GM0363", "GM0363"),
    ("gm0363", "GM0363"),
    ("Nuenen, Gerwen en Nederwetten", "GM0820"),
    ("Bergen op Zoom", "GM0748"),
])
def test_current_names_resolve_without_messages(register: Register, typed: str, code: str) -> None:
    resolution = register.resolve(typed)
    assert resolution.municipality == register.by_code(code)
    assert resolution.warning is None
    assert resolution.error is None


def test_bare_bergen_is_ambiguous_and_names_both(register: Register) -> None:
    resolution = register.resolve("Bergen")
    assert resolution.municipality is None
    assert resolution.warning is None
    assert resolution.error is not None
    assert "niet eenduidig" in resolution.error
    assert "'Bergen (L.)'" in resolution.error
    assert "'Bergen (NH.)'" in resolution.error


# --------------------------------------------------------------------------- dissolved municipalities


def test_merged_name_resolves_to_successor_with_warning(register: Register) -> None:
    resolution = register.resolve("Geldermalsen")
    assert resolution.municipality == register.by_code("GM1960")
    assert resolution.error is None
    assert resolution.warning == ("'Geldermalsen' is per 1 januari 2019 opgegaan in 'West Betuwe'; "
                                  "gebruik 'West Betuwe'")


@pytest.mark.parametrize(("typed", "code"), [
    ("Veghel", "GM1948"),
    ("Dongeradeel", "GM1970"),
    ("Kollumerland en Nieuwkruisland", "GM1970"),
    ("Weesp", "GM0363"),
    ("Haren", "GM0014"),
    ("gemeente Beemster", "GM0439"),
    ("GM0236", "GM1960"),
])
def test_other_dissolved_names_find_their_successor(register: Register, typed: str, code: str) -> None:
    resolution = register.resolve(typed)
    assert resolution.municipality == register.by_code(code)
    assert resolution.warning and f"gebruik '{register.by_code(code).naam}'" in resolution.warning


def test_chain_is_followed_to_the_current_municipality(register: Register) -> None:
    # Millingen aan de Rijn went into Groesbeek (GM0241) in 2015, which became Berg en Dal in 2016.
    millingen = next(f for f in register.former if f.naam == "Millingen aan de Rijn")
    assert millingen.opvolgers == ("GM1945",)
    resolution = register.resolve("Millingen aan de Rijn")
    assert resolution.municipality == register.by_code("GM1945")
    assert resolution.warning is not None
    assert "'Groesbeek'" in resolution.warning and "gebruik 'Berg en Dal'" in resolution.warning


def test_the_yaml_keeps_the_direct_successor_of_a_chain() -> None:
    data = YAML(typ="safe").load(REGISTER_FILE.read_text(encoding="utf-8"))
    by_code = {entry["code"]: entry for entry in data["opgeheven"]}
    assert by_code["GM0265"]["opvolgers"] == ["GM0241"]
    assert by_code["GM0241"]["opvolgers"] == ["GM1945"]


def test_rename_is_reported_as_a_new_name(register: Register) -> None:
    resolution = register.resolve("De Friese Meren")
    assert resolution.municipality == register.by_code("GM1940")
    assert resolution.warning == ("'De Friese Meren' heet sinds 1 juli 2015 'De Fryske Marren'; "
                                  "gebruik 'De Fryske Marren'")


@pytest.mark.parametrize(("typed", "successors"), [
    ("Haaren", ["Oisterwijk", "Vught", "Boxtel", "Tilburg"]),
    ("Littenseradiel", ["Súdwest-Fryslân", "Leeuwarden", "Waadhoeke"]),
    ("Winsum", ["Het Hogeland", "Westerkwartier"]),
    ("Maasdonk", ["'s-Hertogenbosch", "Oss"]),
])
def test_split_municipality_is_an_error_listing_successors(register: Register, typed: str,
                                                           successors: list[str]) -> None:
    resolution = register.resolve(typed)
    assert resolution.municipality is None
    assert resolution.warning is None
    assert resolution.error is not None
    assert "verdeeld over" in resolution.error
    for name in successors:
        assert f"'{name}'" in resolution.error


def test_split_successors_are_ordered_by_share(register: Register) -> None:
    haaren = next(f for f in register.former if f.naam == "Haaren")
    assert haaren == FormerMunicipality(code="GM0788", naam="Haaren", einddatum=dt.date(2021, 1, 1),
                                        opvolgers=("GM0824", "GM0865", "GM0757", "GM0855"))


def test_all_former_successors_are_current(register: Register) -> None:
    current = {m.code for m in register.municipalities}
    assert all(f.opvolgers and set(f.opvolgers) <= current for f in register.former)
    assert all(f.einddatum >= dt.date(2015, 1, 1) for f in register.former)


def test_former_names_of_a_merger(register: Register) -> None:
    assert [f.naam for f in register.former_names_of("GM1960")] == ["Geldermalsen", "Lingewaal", "Neerijnen"]
    assert [f.naam for f in register.former_names_of("GM1945")] == [
        "Millingen aan de Rijn", "Ubbergen", "Groesbeek"]
    assert "Haaren" in [f.naam for f in register.former_names_of("GM0865")]  # Vught got part of Haaren
    assert register.former_names_of("GM0503") == ()  # Delft: no herindeling since 2015


# --------------------------------------------------------------------------- unknown names


def test_unknown_name_suggests_the_frisian_name(register: Register) -> None:
    resolution = register.resolve("Noordoost-Friesland")
    assert resolution.municipality is None
    assert resolution.error is not None
    assert resolution.error.startswith("onbekende gemeente 'Noordoost-Friesland' (bedoelde u 'Noardeast-Fryslân'")
    assert resolution.error.endswith("?)")


def test_suggestions_include_former_names(register: Register) -> None:
    resolution = register.resolve("Geldermalssen")
    assert resolution.error is not None and "'Geldermalsen' (nu West Betuwe)" in resolution.error


def test_suggestions_are_at_most_three(register: Register) -> None:
    resolution = register.resolve("Berg")  # close to many names: Bergen (L.), Bergeijk, Ubbergen, ...
    assert resolution.error is not None
    offered = resolution.error.split("bedoelde u ", 1)[1].removesuffix("?)")
    assert len(offered.replace(" of ", ", ").split(", ")) == 3


def test_nonsense_gives_error_without_suggestion(register: Register) -> None:
    resolution = register.resolve("Xyzzy")
    assert resolution == Resolution(None, None, "onbekende gemeente 'Xyzzy'", unknown=True)


def test_empty_name_is_an_error(register: Register) -> None:
    assert register.resolve("  ").error == "geen gemeente opgegeven"


# --------------------------------------------------------------------------- rules on small data


def _small(former_name: str) -> dict:
    return {
        "provincies": [{"naam": "Fryslân", "synoniemen": ["Friesland"]}, {"naam": "Utrecht"}],
        "gemeenten": [
            {"code": "GM0001", "naam": "Haaren", "provincie": "Utrecht"},
            {"code": "GM0002", "naam": "Nieuwstad", "provincie": "Fryslân"},
        ],
        "opgeheven": [
            {"code": "GM0009", "naam": former_name, "einddatum": "2019-01-01", "opvolgers": ["GM0002"]},
        ],
    }


def test_current_name_wins_over_a_former_one() -> None:
    register = Register.from_data(_small("Haaren"))
    resolution = register.resolve("Haaren")
    assert resolution.municipality == Municipality("GM0001", "Haaren", "Utrecht", "haaren")
    assert resolution.warning is None and resolution.error is None


def test_string_dates_are_accepted() -> None:
    register = Register.from_data(_small("Oudstad"))
    assert register.former[0].einddatum == dt.date(2019, 1, 1)
    assert register.resolve("Oudstad").municipality == register.by_code("GM0002")


def test_duplicate_slug_is_refused() -> None:
    data = _small("Oudstad")
    data["gemeenten"].append({"code": "GM0003", "naam": "Nieuw-Stad", "provincie": "Utrecht"})
    data["gemeenten"][1]["naam"] = "Nieuw Stad"
    with pytest.raises(ValueError, match="slug"):
        Register.from_data(data)


def test_unknown_successor_is_refused() -> None:
    data = _small("Oudstad")
    data["opgeheven"][0]["opvolgers"] = ["GM0404"]
    with pytest.raises(ValueError, match="GM0404"):
        Register.from_data(data)


# --------------------------------------------------------------------------- the generated file


def test_file_says_it_is_generated_and_cites_the_source() -> None:
    text = REGISTER_FILE.read_text(encoding="utf-8")
    head = text.split("\nprovincies:")[0]
    assert all(line.startswith("#") or not line for line in head.splitlines())
    for fact in ("tools/make_register.py", "Gemeentelijke indeling op 1 januari 2025", "NLExtract",
                 "2a97e2feb5039f050af1cc09e651e4c2c72724b1", "2026", "Fryslân", "Friesland"):
        assert fact in head


def make_register(reference: Path, output: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "tools" / "make_register.py"), str(reference),
                           "--output", str(output)], check=True, capture_output=True, text=True)


def test_make_register_on_the_sample_gives_the_entries_of_the_committed_file(tmp_path: Path) -> None:
    """The script on the committed sample: every entry it writes is the committed file's entry."""
    output = tmp_path / "gemeenten.yaml"
    make_register(SAMPLE, output)
    sample = YAML(typ="safe").load(output.read_text(encoding="utf-8"))
    committed = YAML(typ="safe").load(REGISTER_FILE.read_text(encoding="utf-8"))
    assert (len(sample["gemeenten"]), len(sample["provincies"]), len(sample["opgeheven"])) == (15, 6, 13)
    for section in ("gemeenten", "opgeheven"):
        by_code = {entry["code"]: entry for entry in committed[section]}
        assert [by_code.get(entry["code"]) for entry in sample[section]] == sample[section], section
    assert all(province in committed["provincies"] for province in sample["provincies"])
    small = Register.load(output)
    assert small.resolve_province("Friesland") == Province(naam="Fryslân", slug="fryslan")
    chain = small.resolve("Millingen aan de Rijn")
    assert chain.municipality == small.by_code("GM1945") and "'Groesbeek'" in (chain.warning or "")
    assert small.resolve("Den Haag").municipality == small.by_code("GM0518")
    split = small.resolve("Haaren")
    assert split.municipality is None and "verdeeld over" in (split.error or "")


def test_the_sample_is_copied_from_the_reference_rows() -> None:
    """Each row of the sample is a row of the CBS reference files, header included, in the same order."""
    if not REFERENCE.is_dir():
        pytest.skip(f"{REFERENCE} ontbreekt; de steekproef in tests/data/reference wordt zonder vergelijking gebruikt")
    for name in REFERENCE_FILES:
        full = (REFERENCE / name).read_text(encoding="utf-8").splitlines()
        rows = (SAMPLE / name).read_text(encoding="utf-8").splitlines()
        assert rows[0] == full[0], name
        assert [row for row in full if row in set(rows[1:])] == rows[1:], name


def test_make_register_reproduces_the_committed_file(tmp_path: Path) -> None:
    if not REFERENCE.is_dir():
        pytest.skip(f"{REFERENCE} ontbreekt; zonder de volledige CBS-gegevens draait het script alleen op de "
                    "steekproef in tests/data/reference")
    output = tmp_path / "gemeenten.yaml"
    make_register(REFERENCE, output)
    assert output.read_bytes() == REGISTER_FILE.read_bytes()


def test_a_typo_is_answered_with_current_municipalities_before_dissolved_ones(register: Register) -> None:
    """'Amsterdm' once suggested Beemster, which no longer exists; an editor should be sent to a
    current name, and to a dissolved one only as a last resort with its successor beside it."""
    typo = register.resolve("Amsterdm").error
    assert typo is not None and "(bedoelde u 'Amsterdam'," in typo
    assert "'Beemster' (nu Purmerend)?)" in typo
    only_former = register.resolve("Geldermalsn").error
    assert only_former is not None and "'Geldermalsen' (nu West Betuwe)" in only_former
