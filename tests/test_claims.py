"""Status, reuse and contact claims in `check` (generator/validate/claims.py), with an injected today.

The two-year rule for confirmed contact details depends on the date, so the check takes `today`;
these tests pass it, which keeps them true on any day they run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import ROOT
from generator.validate.check import check_content

CONTENT = ROOT / "content"
RECORD = """---
schema_versie: 1
titel: "Voorbeeld"
soort: project
korte_beschrijving: "Een voorbeeld."
{fields}
bronnen: [ao-fonds-subsidie-2019]
laatst_beoordeeld: 2026-11-23
---
## Vraagstuk

Tekst.
"""
CONFIRMED = """status: onbekend
contact:
  - naam: A. Voorbeeld
    bron_datum: 2019-11
    email: a@example.nl
    bevestigd_op: 2026-11-23"""


def codes(tmp_path: Path, fields: str, today: dt.date = dt.date(2026, 12, 1)) -> list[tuple[str, str]]:
    path = tmp_path / "projects" / "voorbeeld.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(RECORD.format(fields=fields), encoding="utf-8")
    found = check_content(CONTENT, [path], today=today).diagnostics
    return [(d.code, d.key) for d in found if Path(d.path).resolve() == path.resolve()]


def test_confirmed_contact_warns_only_after_two_years(tmp_path: Path) -> None:
    assert codes(tmp_path, CONFIRMED, today=dt.date(2028, 11, 23)) == []
    later = codes(tmp_path, CONFIRMED, today=dt.date(2028, 11, 24))
    assert [c for c in later if c[0] != "KB-W102"] == [("KB-W101", "contact[0].bevestigd_op")]  # W102: the review too


def test_afgerond_needs_a_source_dated_after_the_end(tmp_path: Path) -> None:
    line = 'status_bron: {bron: ao-fonds-subsidie-2019, datum: 2019-11, zin: "Looptijd: november 2018 tot januari 2020"}'
    period = "periode: {start: 2018-11, einde: 2020-01}"
    assert codes(tmp_path, f"status: afgerond\n{line}\n{period}") == [("KB-E162", "status")]
    assert codes(tmp_path, f"status: lopend\n{line}\n{period}") == []
    assert codes(tmp_path, f"status: afgerond\n{period}") == [("KB-E160", "status")]


def test_reuse_and_sources_and_contacts(tmp_path: Path) -> None:
    assert codes(tmp_path, "status: onbekend\nhergebruikt_door: [Leiden]") == [("KB-E163", "hergebruikt_door")]
    count = ('status: onbekend\nhergebruik_aantal: {aantal: 20, zoals_gepubliceerd: "meer dan 20 gemeenten", '
             'bron: vng-uitvoeringscongres-2023, datum: 2023, zin: "Meer dan 20 gemeenten."}')
    assert codes(tmp_path, count) == [("KB-E161", "hergebruik_aantal.bron")]
    people = "\n".join(f"  - {{naam: Persoon {n}, bron_datum: 2019}}" for n in range(4))
    assert codes(tmp_path, f"status: onbekend\ncontact:\n{people}") == [("KB-E164", "contact[3]")]
    assert codes(tmp_path, "status: onbekend\ncontact:\n  - {naam: Persoon}") == [("KB-E103", "contact[0].bron_datum")]
