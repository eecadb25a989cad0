#!/usr/bin/env python3
"""Build content/gemeenten.yaml, the municipality register, from the CBS reference files.

The register is generated rather than typed because 342 municipalities and 84 dissolved
ones are too many to keep right by hand, and because the source can then be cited and the
result reproduced: running this script again on the same reference folder must give the
committed file byte for byte (a test checks that). Output is therefore deterministic:
sorted, no timestamps, a fixed layout.

Usage:  .venv/bin/python tools/make_register.py [REFERENCE_DIR] [--output FILE]

REFERENCE_DIR defaults to ../shared/reference relative to the repository root and must
hold gemeenten.csv, herindelingen.csv and gemeenten_historie_nlextract.csv (the last one
is only used to cross-check the other two). See the README in that folder.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT.parent / "shared" / "reference"
DEFAULT_OUTPUT = REPO_ROOT / "content" / "gemeenten.yaml"

HISTORY_START = dt.date(2015, 1, 1)
"""Dissolutions from this date on are listed; herindelingen.csv covers exactly this range."""

# Provenance as documented in the reference README; repeated in the YAML header so the
# generated file cites its source on its own.
NLEXTRACT_SNAPSHOT = "3bb151ef596c8f9800719f6dffa524f22866f544"
NLEXTRACT_LAST_CHANGE = "2a97e2feb5039f050af1cc09e651e4c2c72724b1"
GRENSWIJZIGEN_COMMIT = "62ddad82a92013de2ed5f4d9b8491d4cce6b62e0"

PROVINCE_SPELLING = {"Friesland": "Fryslân"}
"""Source spelling -> the spelling we use (CBS writes Fryslân now); the old one stays a synonym."""

MUNICIPALITY_SYNONYMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "GM0518": ("'s-Gravenhage", ("Den Haag",)),
    "GM0796": ("'s-Hertogenbosch", ("Den Bosch",)),
    "GM0820": ("Nuenen, Gerwen en Nederwetten", ("Nuenen",)),
}
"""code -> (expected CBS name, everyday names). Kept short on purpose: only names in common
use that share no words with the CBS name. The expected name guards against a code that
was reused for another municipality in a future reference set."""

DUTCH_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
                "augustus", "september", "oktober", "november", "december")


class SourceError(Exception):
    """The reference files are not what this script expects; the message is for the user."""


# --------------------------------------------------------------------------- reading


def read_csv(path: Path, delimiter: str, expected: list[str]) -> list[dict[str, str]]:
    """Rows of a CSV as dicts, after checking the header so a changed export fails loudly."""
    if not path.is_file():
        raise SourceError(f"bestand ontbreekt: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        if reader.fieldnames != expected:
            raise SourceError(f"{path.name}: onverwachte kolommen {reader.fieldnames}; verwacht {expected}")
        return list(reader)


def province_name(source_name: str) -> str:
    """Our spelling of a province as the source writes it."""
    return PROVINCE_SPELLING.get(source_name, source_name)


def fold_key(text: str) -> str:
    """Sort key that ignores accents and case, so 'Fryslân' sorts between Flevoland and Gelderland."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --------------------------------------------------------------------------- building


def build_municipalities(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The current municipalities, sorted by code, with our province spelling and synonyms."""
    result = []
    seen: set[str] = set()
    for row in rows:
        code, name, province = row["code"].strip(), row["name"].strip(), row["province"].strip()
        if not re.fullmatch(r"GM\d{4}", code):
            raise SourceError(f"gemeenten.csv: ongeldige code {code!r}")
        if code in seen:
            raise SourceError(f"gemeenten.csv: code {code} komt twee keer voor")
        seen.add(code)
        entry: dict[str, Any] = {"code": code, "naam": name, "provincie": province_name(province)}
        result.append(entry)
    by_code = {entry["code"]: entry for entry in result}
    for code, (expected_name, synonyms) in MUNICIPALITY_SYNONYMS.items():
        entry = by_code.get(code)
        if entry is None or entry["naam"] != expected_name:
            raise SourceError(f"synoniemen voor {code} verwachten {expected_name!r}, "
                              f"maar de bron heeft {entry['naam'] if entry else 'geen gemeente'} onder die code")
        entry["synoniemen"] = list(synonyms)
    return sorted(result, key=lambda entry: entry["code"])


def build_provinces(source_rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The provinces that occur in the source, sorted by name, with the source spelling as synonym."""
    renamed_from = {ours: source for source, ours in PROVINCE_SPELLING.items()}
    names = {province_name(row["province"].strip()) for row in source_rows}
    result = []
    for name in sorted(names, key=fold_key):
        entry: dict[str, Any] = {"naam": name}
        if name in renamed_from:
            entry["synoniemen"] = [renamed_from[name]]
        result.append(entry)
    return result


def _share(row: dict[str, str]) -> float | None:
    value = row["share_addresses"].strip()
    return float(value) if value else None


def order_successors(rows: list[dict[str, str]]) -> list[str]:
    """Successor codes of one dissolved municipality: by share of addresses, largest first.

    Rows without a share (2015/2016, where no address matrix exists) keep the source order,
    because guessing an order would look like data we do not have.
    """
    if all(_share(row) is not None for row in rows):
        rows = sorted(rows, key=lambda row: -(_share(row) or 0.0))
    codes: list[str] = []
    for row in rows:
        if row["new_code"] not in codes:
            codes.append(row["new_code"])
    return codes


def build_dissolved(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """One entry per dissolved municipality (herindelingen.csv has one row per successor)."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        grouped.setdefault(row["old_code"].strip(), []).append(row)
    result = []
    for code, group in grouped.items():
        names = {row["old_name"] for row in group}
        dates = {row["date"] for row in group}
        if len(names) != 1 or len(dates) != 1:
            raise SourceError(f"herindelingen.csv: {code} heeft meerdere namen of datums: {names} {dates}")
        end = dt.date.fromisoformat(dates.pop())
        if end < HISTORY_START:
            raise SourceError(f"herindelingen.csv: {code} eindigt op {end}, voor {HISTORY_START}")
        entry: dict[str, Any] = {
            "code": code,
            "naam": names.pop(),
            "einddatum": end,
            "opvolgers": order_successors(group),
        }
        kinds = {row["type"] for row in group}
        if kinds == {"naamswijziging"}:
            if len(entry["opvolgers"]) != 1:
                raise SourceError(f"herindelingen.csv: naamswijziging {code} heeft meer dan één opvolger")
            entry["naamswijziging"] = True
        result.append(entry)
    return sorted(result, key=lambda entry: entry["code"])


def check_chains(current: list[dict[str, Any]], dissolved: list[dict[str, Any]]) -> None:
    """Every successor is current or itself dissolved later, so every chain ends in a current code."""
    current_codes = {entry["code"] for entry in current}
    dissolved_by_code = {entry["code"]: entry for entry in dissolved}
    overlap = current_codes & set(dissolved_by_code)
    if overlap:
        raise SourceError(f"codes zijn zowel huidig als opgeheven: {sorted(overlap)}")
    for entry in dissolved:
        for successor in entry["opvolgers"]:
            if successor in current_codes:
                continue
            later = dissolved_by_code.get(successor)
            if later is None:
                raise SourceError(f"{entry['code']} {entry['naam']}: opvolger {successor} is onbekend")
            if later["einddatum"] <= entry["einddatum"]:
                raise SourceError(f"{entry['code']} {entry['naam']}: opvolger {successor} "
                                  f"was op {entry['einddatum']} al opgeheven")


def check_against_history(history: list[dict[str, str]], current: list[dict[str, Any]],
                          dissolved: list[dict[str, Any]]) -> None:
    """Cross-check with NLExtract's own history export, so a mismatch between the files is caught."""
    open_ended = {f"GM{row['gemeentecode']}": row for row in history if not row["einddatum"]}
    ended = {f"GM{row['gemeentecode']}": row for row in history
             if row["einddatum"] and dt.date.fromisoformat(row["einddatum"]) >= HISTORY_START}
    if set(open_ended) != {entry["code"] for entry in current}:
        raise SourceError("gemeenten.csv en de historie verschillen in de huidige gemeenten")
    for entry in current:
        row = open_ended[entry["code"]]
        if row["gemeentenaam"] != entry["naam"] or province_name(row["provincienaam"]) != entry["provincie"]:
            raise SourceError(f"{entry['code']}: naam of provincie verschilt van de historie")
    if set(ended) != {entry["code"] for entry in dissolved}:
        raise SourceError("herindelingen.csv en de historie verschillen in de opgeheven gemeenten")
    for entry in dissolved:
        row = ended[entry["code"]]
        if row["gemeentenaam"] != entry["naam"] or row["einddatum"] != entry["einddatum"].isoformat():
            raise SourceError(f"{entry['code']}: naam of einddatum verschilt van de historie")


def build_register(reference: Path) -> dict[str, Any]:
    """The register as plain data, checked; the shape of content/gemeenten.yaml."""
    current_rows = read_csv(reference / "gemeenten.csv", ",", ["code", "name", "province"])
    change_rows = read_csv(reference / "herindelingen.csv", ",",
                           ["old_code", "old_name", "new_code", "new_name", "year", "date", "type",
                            "share_addresses", "note", "source"])
    history_rows = read_csv(reference / "gemeenten_historie_nlextract.csv", ";",
                            ["provinciecode", "provincienaam", "gemeentecode", "gemeentenaam",
                             "begindatum", "einddatum"])
    current = build_municipalities(current_rows)
    dissolved = build_dissolved(change_rows)
    check_chains(current, dissolved)
    check_against_history(history_rows, current, dissolved)
    return {"provincies": build_provinces(current_rows), "gemeenten": current, "opgeheven": dissolved}


# --------------------------------------------------------------------------- writing

_PLAIN_SAFE = re.compile(r"[^\W\d_][\w .()-]*[\w.)]|[^\W\d_]")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: Any) -> str:
    """A YAML scalar: plain when that is unambiguous in block and flow context, else double-quoted.

    Double quotes use JSON escaping, which is valid YAML; names with quotes or commas
    ("'s-Gravenhage", "Nuenen, Gerwen en Nederwetten") therefore come out quoted.
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN_SAFE.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(values: list[Any]) -> str:
    return "[" + ", ".join(scalar(value) for value in values) + "]"


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"


def header(register: dict[str, Any]) -> list[str]:
    """The comment block that cites the sources and says how the file is made."""
    dissolved = register["opgeheven"]
    first = min(entry["einddatum"] for entry in dissolved)
    last = max(entry["einddatum"] for entry in dissolved)
    return [
        "# Gemeenteregister: de Nederlandse gemeenten waartegen de generator gemeentenamen controleert.",
        "#",
        "# GEGENEREERD door tools/make_register.py. Niet met de hand bewerken: pas het script of de",
        "# brongegevens aan en draai opnieuw:",
        "#   .venv/bin/python tools/make_register.py ../shared/reference",
        "#",
        "# Bronnen (zie ook shared/reference/README.md):",
        "# - gemeenten: CBS \"Gemeentelijke indeling op 1 januari 2025\" via NLExtract",
        "#   (github.com/nlextract/NLExtract, bag/db/data/gemeentelijke-indeling.xml, <indeling jaar=\"2025\">;",
        f"#   laatst gewijzigd in commit {NLEXTRACT_LAST_CHANGE},",
        f"#   gelezen op snapshot {NLEXTRACT_SNAPSHOT}). {len(register['gemeenten'])} gemeenten.",
        "#   Deze lijst geldt ook voor 2026: per 1 januari 2026 is geen herindeling gevonden",
        "#   (cartomap/nl gemeente_2026 heeft dezelfde 342 gemeenten; gedeeltelijk gecontroleerd).",
        "# - provincies: zoals in de bron, behalve dat de bron \"Friesland\" schrijft; wij schrijven",
        "#   \"Fryslân\", de spelling die het CBS nu gebruikt. \"Friesland\" blijft een synoniem.",
        f"# - opgeheven: elke gemeente die op of na 1 januari 2015 is opgeheven ({len(dissolved)},",
        f"#   {dutch_date(first)} t/m {dutch_date(last)}); codes, namen en datums uit hetzelfde NLExtract-bestand.",
        "#   Opvolgers per CBS (herindelingen): 2017-2023 uit de CBS-adresbestanden (pc6huisnr) zoals",
        f"#   verwerkt in github.com/reidhin/grenswijzigen@{GRENSWIJZIGEN_COMMIT};",
        "#   2015-2016 uit Kamerstukken en Staatsblad. Grenscorrecties tussen blijvende gemeenten",
        "#   en bestemmingen met minder dan 5% van de adressen zijn niet opgenomen.",
        "#",
        "# Velden:",
        "# - opvolgers: de codes op de einddatum. Bij een splitsing de ontvangende gemeenten naar",
        "#   aandeel adressen, grootste eerst (Maasdonk 2015: geen aandelen bekend, volgorde van de bron).",
        "#   Is een opvolger later zelf opgeheven (bijv. GM0241 Groesbeek), dan staat die ook onder",
        "#   opgeheven; generator/register.py volgt de keten tot een huidige gemeente.",
        "# - naamswijziging: true als de gemeente alleen een nieuwe naam en CBS-code kreeg, zonder",
        "#   samenvoeging (De Friese Meren 2015, Groesbeek 2016); meldingen zeggen dan 'heet sinds'.",
        "# - synoniemen: gangbare andere namen die ook worden herkend (geen CBS-gegeven; kort gehouden).",
        "",
    ]


def render_yaml(register: dict[str, Any]) -> str:
    """The register as YAML text in our fixed layout."""
    lines = header(register)
    lines.append("provincies:")
    for entry in register["provincies"]:
        lines.append(f"  - naam: {scalar(entry['naam'])}")
        if entry.get("synoniemen"):
            lines.append(f"    synoniemen: {flow_list(entry['synoniemen'])}")
    lines.append("")
    lines.append(f"# De {len(register['gemeenten'])} huidige gemeenten, op code.")
    lines.append("gemeenten:")
    for entry in register["gemeenten"]:
        lines.append(f"  - code: {scalar(entry['code'])}")
        lines.append(f"    naam: {scalar(entry['naam'])}")
        lines.append(f"    provincie: {scalar(entry['provincie'])}")
        if entry.get("synoniemen"):
            lines.append(f"    synoniemen: {flow_list(entry['synoniemen'])}")
    lines.append("")
    lines.append(f"# De {len(register['opgeheven'])} sinds 1 januari 2015 opgeheven gemeenten, op code.")
    lines.append("opgeheven:")
    for entry in register["opgeheven"]:
        lines.append(f"  - code: {scalar(entry['code'])}")
        lines.append(f"    naam: {scalar(entry['naam'])}")
        lines.append(f"    einddatum: {scalar(entry['einddatum'])}")
        lines.append(f"    opvolgers: {flow_list(entry['opvolgers'])}")
        if entry.get("naamswijziging"):
            lines.append("    naamswijziging: true")
    return "\n".join(lines) + "\n"


def check_round_trip(text: str, register: dict[str, Any]) -> None:
    """Parse the text back; our hand-made layout must mean exactly the data we built."""
    parsed = YAML(typ="safe").load(StringIO(text))
    if parsed != register:
        raise SourceError("interne fout: de geschreven YAML leest niet terug als dezelfde gegevens")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak content/gemeenten.yaml uit de CBS-referentiebestanden.")
    parser.add_argument("reference", nargs="?", type=Path, default=DEFAULT_REFERENCE,
                        help=f"map met gemeenten.csv en herindelingen.csv (standaard {DEFAULT_REFERENCE})")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"uitvoerbestand (standaard {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    try:
        register = build_register(args.reference)
        text = render_yaml(register)
        check_round_trip(text, register)
    except SourceError as exc:
        print(f"make_register: {exc}", file=sys.stderr)
        return 1
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"{args.output}: {len(register['gemeenten'])} gemeenten, {len(register['provincies'])} provincies, "
          f"{len(register['opgeheven'])} opgeheven")
    return 0


if __name__ == "__main__":
    sys.exit(main())
