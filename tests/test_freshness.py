"""A record not reviewed for more than two years gets a warning; the date is injected, never the clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT
from generator.core import clock
from generator.validate.check import check_content

RECORD = """---
schema_versie: 1
titel: "Voorbeeld"
soort: project
korte_beschrijving: "Een voorbeeld."
status: onbekend
bronnen: [ao-fonds-subsidie-2019]
laatst_beoordeeld: {reviewed}
---
## Vraagstuk

Een gewone alinea.
"""


def _codes(tmp_path: Path, reviewed: str, today: dt.date) -> list[tuple[int, int, str]]:
    folder = tmp_path / "projects"
    folder.mkdir(exist_ok=True)
    path = folder / "voorbeeld.md"
    path.write_text(RECORD.format(reviewed=reviewed), encoding="utf-8")
    diagnostics = check_content(ROOT / "content", [folder], today=today).diagnostics
    return [(d.line, d.col, d.code) for d in diagnostics if Path(d.path).resolve() == path.resolve()]


@pytest.mark.parametrize(("reviewed", "today", "warned"), [
    ("2024-11-30", dt.date(2026, 11, 30), False),  # exactly two years: still fresh
    ("2024-11-30", dt.date(2026, 12, 1), True),    # one day more
    ("2024-02-29", dt.date(2026, 2, 28), False),   # a leap day counts to 28 February
    ("2024-02-29", dt.date(2026, 3, 1), True),
])
def test_review_older_than_two_years_is_warned_at_the_date(tmp_path, reviewed, today, warned) -> None:
    found = _codes(tmp_path, reviewed, today)
    assert ((8, 20, "KB-W102") in found) is warned, found


def test_the_test_suite_fixes_today() -> None:
    """Without the override every fixture would gain warnings once its review date is two years old."""
    assert clock.today() == dt.date(2026, 12, 1)
