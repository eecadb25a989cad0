"""Dates as records give them: as precise as the source is (2018, 2018-11 or 2018-11-01).

One parser for every place that reads such a date: the model's validation, the validator's date
order and duration checks, the catalogue's years and the Dutch text on the pages.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate | None:
        """The date in `value` (text, a year as a number, or a date), or None when it is not a real date."""
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        match = PATTERN.match(value) if isinstance(value, str) else None
        if match is None:
            return None
        year, month, day = (int(part) if part else None for part in match.groups())
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return cls(year, month, day)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def months_until(self, end: PartialDate) -> int | None:
        """Whole months from this date to `end`, both included, when both name a month."""
        if self.month is None or end.month is None:
            return None
        return (end.year - self.year) * 12 + (end.month - self.month) + 1
