"""Claims about the world in a project record: its status, who reuses it, and who to contact.

These are the facts a reader acts on (one who reads "afgerond" calls to ask for the results), so
each one names the source that says it: a status needs `status_bron` (where the vocabulary says
so), reuse needs `hergebruik_bron`, and every source line points at a source the record lists.
Contacts are personal data: at most a few per record, and confirmed details go stale.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from pydantic import TypeAdapter, ValidationError

from generator.core.dates import PartialDate
from generator.core.diagnostics import Diagnostic, error, warning
from generator.core.messages import Message, message
from generator.load.files import KeyPath, LoadedFile, dotted
from generator.model.records import CONFIRMATION_YEARS, MAX_CONTACTS, FullDate
from generator.model.vocab import Vocabularies
from generator.validate.freshness import years_later


_FULL_DATE = TypeAdapter(FullDate)


def claim_diagnostics(loaded: LoadedFile, vocabularies: Vocabularies, today: dt.date) -> list[Diagnostic]:
    """Every problem with the status, reuse and contact claims of one project's raw front matter."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    found: list[Diagnostic] = []

    def report(key_path: KeyPath, text: Message, make: Callable = error) -> None:
        line, col = loaded.position(key_path)
        found.append(make(loaded.path, line, col, dotted(key_path), text))

    listed = {name for name in _items(data.get("bronnen")) if isinstance(name, str)}
    for key_path, line in _source_lines(data):
        name = line.get("bron")
        if isinstance(name, str) and name not in listed:
            report(key_path + ("bron",), message("KB-E161", bron=name))
    _check_status(data, vocabularies, report)
    if _items(data.get("hergebruikt_door")) and not _items(data.get("hergebruik_bron")):
        report(("hergebruikt_door",), message("KB-E163"))
    if isinstance(data.get("themas"), list) and data["themas"] and data.get("geen_thema"):
        report(("geen_thema",), message("KB-E165"))
    _check_contacts(data, today, report)
    return found


def _items(value: Any) -> list:
    if isinstance(value, dict):
        return [value]
    return value if isinstance(value, list) else []


def _source_lines(data: dict) -> list[tuple[KeyPath, dict]]:
    """(key path, mapping) of every part that names a source: status, reuse and contacts."""
    lines: list[tuple[KeyPath, dict]] = []
    if isinstance(data.get("status_bron"), dict):
        lines.append((("status_bron",), data["status_bron"]))
    reuse = data.get("hergebruik_bron")
    if isinstance(reuse, list):
        lines += [(("hergebruik_bron", i), item) for i, item in enumerate(reuse) if isinstance(item, dict)]
    if isinstance(data.get("hergebruik_aantal"), dict):
        lines.append((("hergebruik_aantal",), data["hergebruik_aantal"]))
    lines += [(("contact", i), item) for i, item in enumerate(_items(data.get("contact")))
              if isinstance(item, dict) and item.get("bron") is not None]
    return lines


def _check_status(data: dict, vocabularies: Vocabularies, report: Callable) -> None:
    vocabulary = vocabularies.for_field("projects", "status")
    status = data.get("status")
    term = vocabulary.resolve(status) if vocabulary and isinstance(status, str) else None
    if term is None:
        return  # an unknown status is reported by the vocabulary check
    line = data.get("status_bron")
    if term.bron_nodig and line is None:
        report(("status",), message("KB-E160", status=term.id))
        return
    if not term.einde_bereikt or not isinstance(line, dict) or not isinstance(data.get("periode"), dict):
        return
    said_on = PartialDate.parse(line.get("datum"))
    ends = PartialDate.parse(data["periode"].get("einde"))
    if said_on and ends and ends.last_day > said_on.last_day:  # the end may lie after the source: not yet over
        report(("status",), message("KB-E162", status=term.id, datum=str(line.get("datum")),
                                    einde=str(data["periode"].get("einde"))))


def _check_contacts(data: dict, today: dt.date, report: Callable) -> None:
    people = _items(data.get("contact"))
    if len(people) > MAX_CONTACTS:
        report(("contact", MAX_CONTACTS), message("KB-E164", aantal=len(people), maximum=MAX_CONTACTS))
    for index, person in enumerate(people):
        if not isinstance(person, dict):
            continue
        confirmed = _date(person.get("bevestigd_op"))
        if confirmed and years_later(confirmed, CONFIRMATION_YEARS) < today:
            report(("contact", index, "bevestigd_op"),
                   message("KB-W101", naam=str(person.get("naam", "")), datum=confirmed.isoformat(),
                           jaren=CONFIRMATION_YEARS), warning)


def _date(value: Any) -> dt.date | None:
    """A full date as the model reads it, or None when it is not one (the model reports that)."""
    try:
        return _FULL_DATE.validate_python(value)
    except ValidationError:
        return None
