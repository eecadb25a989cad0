"""Dutch wording of dates, periods, deadlines and amounts: one place for every page and message.

Editors and civil servants read "13 december 2019" and "€ 11.562,60", never ISO dates or
dots as decimal separators; the register's warnings, the validator's messages, the pages and
the calculator all say it the same way because they all call this module.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from generator.core.dates import PartialDate

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def date_text(value: str | int | dt.date | None) -> str:
    """'2018-11' -> 'november 2018'; '2019-06-13' or a date -> '13 juni 2019'; '2017' -> '2017'."""
    date = PartialDate.parse(value)
    if date is None:
        return "" if value in (None, "") else str(value)
    if date.month is None:
        return str(date.year)
    month = MONTHS[date.month - 1]
    return f"{month} {date.year}" if date.day is None else f"{date.day} {month} {date.year}"


def period_text(period: Any) -> str:
    """'november 2018 – januari 2020', 'vanaf 2018', 'tot 1 november 2019', or '' without dates."""
    start, end = getattr(period, "start", None), getattr(period, "einde", None)
    if start and end:
        return f"{date_text(start)} – {date_text(end)}"
    if start:
        return f"vanaf {date_text(start)}"
    return f"tot {date_text(end)}" if end else ""


def deadline_text(deadline: Any) -> str:
    """'Aanvragen: van 2 januari 2019 tot en met 13 december 2019, vóór 16:00 uur'."""
    def field(name: str) -> Any:
        return deadline.get(name) if isinstance(deadline, dict) else getattr(deadline, name, None)

    start, end, time = date_text(field("van")), date_text(field("tot")), field("tijd")
    if start and end:
        when = f"van {start} tot en met {end}"
    elif end:
        when = f"uiterlijk {end}"
    elif start:
        when = f"vanaf {start}"
    else:
        when = ""
    if time:
        when = f"{when}, vóór {time} uur" if when else f"vóór {time} uur"
    description = field("omschrijving") or ""
    return f"{description}: {when}" if description and when else when or description


def euro(amount: Any) -> str:
    """€ 1.234,56 for a Decimal, an int or a "1234.56" string."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    whole, _, cents = f"{abs(value):,.2f}".partition(".")
    return f"€ {'-' if value < 0 else ''}{whole.replace(',', '.')},{cents}"
