"""The message catalogue: every diagnostic an editor can meet, by stable code, in messages.yaml.

A check never writes its Dutch text inline; it asks for a code with named values:

    message("KB-E201", waarde="klaar", woordenlijst="statussen", suggestie="", toegestaan="…")

The catalogue is data (`messages.yaml`): per code a short title, the template, what the editor
should do and a small wrong example. The same data makes the page "Meldingen van de controle"
(features/meldingen) and is tested both ways: every code in the file is used in generator/,
every code used exists, and the examples produce their code.

Codes are stable. KB-E### is an error, KB-W### a warning; the hundreds say the area (see the
head of messages.yaml). A code is never renumbered or reused: a retired code stays in the file
with `vervallen: true`.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).with_name("messages.yaml")
CODE = re.compile(r"^KB-[EW]\d{3}$")
AREAS = {
    "0": "Bestand en YAML",
    "1": "Velden en hun waarden",
    "2": "Woordenlijsten en namen",
    "3": "Gemeenten en organisaties",
    "4": "De tekst onder de front matter",
    "5": "Regelingen en verwijzingen tussen records",
    "6": "Hulpbestanden (woordenlijsten, organisaties, bronnen, register)",
    "7": "Bestanden en mappen vinden",
}
"""The area of a code is its first digit: KB-E201 is about vocabularies and names."""


class Message(str):
    """A formatted message that knows its code. A str, so code that only reads text is unchanged.

    Any string operation (concatenation, slicing) gives a plain str without a code; a diagnostic
    refuses that (see diagnostics.error), so a message cannot lose its code on the way.
    """

    code: str

    def __new__(cls, text: str, code: str) -> "Message":
        made = super().__new__(cls, text)
        made.code = code
        return made

    def __reduce__(self):  # pickle/copy keep the code
        return (Message, (str(self), self.code))


@dataclass(frozen=True)
class Entry:
    """One code of the catalogue, as messages.yaml writes it."""

    code: str
    titel: str
    melding: str
    oplossing: str
    voorbeeld: str
    plek: str
    """Where the example goes: 'front matter', 'tekst', 'bestand' (a whole project file), 'regeling'
    (front matter of a scheme) or a support file name (vocabulaires.yaml, organisaties.yaml, …)."""
    handmatig: str | None
    """Why the example cannot be checked automatically (a FIFO, a UTF-16 file), or None."""
    vervallen: bool

    @property
    def severity(self) -> str:
        return "error" if self.code.startswith("KB-E") else "warning"

    @property
    def area(self) -> str:
        return AREAS[self.code[4]]

    @property
    def placeholders(self) -> frozenset[str]:
        return placeholders(self.melding)


def placeholders(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


_FIELDS = {"titel", "melding", "oplossing", "voorbeeld", "plek", "handmatig", "vervallen"}
_REQUIRED = ("titel", "melding", "oplossing", "voorbeeld")


@lru_cache(maxsize=None)
def catalogue() -> dict[str, Entry]:
    """Every code, in order; a malformed catalogue is a programming error and fails loudly."""
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    entries: dict[str, Entry] = {}
    for code, fields in data["meldingen"].items():
        if not CODE.match(code):
            raise ValueError(f"messages.yaml: '{code}' is geen code als KB-E012")
        unknown = set(fields) - _FIELDS
        missing = [name for name in _REQUIRED if not str(fields.get(name) or "").strip()]
        if unknown or missing:
            raise ValueError(f"messages.yaml: {code}: onbekend {sorted(unknown)}, ontbreekt {missing}")
        if code[4] not in AREAS:
            raise ValueError(f"messages.yaml: {code}: geen gebied voor {code[4]}xx")
        entries[code] = Entry(code, str(fields["titel"]).strip(), " ".join(str(fields["melding"]).split()),
                              " ".join(str(fields["oplossing"]).split()), str(fields["voorbeeld"]).rstrip("\n"),
                              str(fields.get("plek") or "front matter"), fields.get("handmatig"),
                              bool(fields.get("vervallen")))
    return entries


def message(code: str, **values: Any) -> Message:
    """The Dutch text of `code` with its placeholders filled; every placeholder, and only those, must be given."""
    entry = catalogue()[code]
    if entry.vervallen:
        raise ValueError(f"{code} is vervallen en mag niet meer gebruikt worden")
    given = set(values)
    if given != entry.placeholders:
        raise TypeError(f"{code}: verwacht {sorted(entry.placeholders)}, kreeg {sorted(given)}")
    return Message(entry.melding.format(**values), code)
