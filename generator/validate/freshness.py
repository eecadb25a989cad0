"""Freshness: a record that no editor has looked at for more than two years is flagged.

Facts about projects age (a status, a contact, a link); the record page shows its review date, the
feed and the open data carry it, and `check` warns here so editors know what to look at first. It is
a warning, not an error: an old record is still worth showing. `today` is passed in, so tests fix
the date and the warning has no time bomb.
"""

from __future__ import annotations

import datetime as dt

from generator.core.diagnostics import Diagnostic, warning
from generator.core.messages import message
from generator.load.files import LoadedFile

REVIEW_YEARS = 2
"""A record older than this since `laatst_beoordeeld` gets the warning (issue 13: 'more than two years')."""


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_diagnostics(loaded: LoadedFile, reviewed: dt.date, today: dt.date) -> list[Diagnostic]:
    """A warning at `laatst_beoordeeld` when that date is more than REVIEW_YEARS before `today`."""
    if years_later(reviewed, REVIEW_YEARS) >= today:
        return []
    line, col = loaded.value_position(("laatst_beoordeeld",))
    return [warning(loaded.path, line, col, "laatst_beoordeeld",
                    message("KB-W102", datum=reviewed.isoformat(), jaren=REVIEW_YEARS))]
