"""A new record's first version: the front matter a scheme asks for, one Dutch comment per line,
and INVULLEN wherever the editor still has to write (validate/placeholders.py warns about it).

Used by `kennisbank new` (generator/cli_new.py) and by the "Praktijkvoorbeeld toevoegen" link
(features/bijdragen), which opens GitHub's new-file page with this text filled in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from generator.core.reserved import id_problem
from generator.core.text import fold
from generator.model.base import ID_PATTERN
from generator.model.content import Content, added_in_order, inherit, lineage, parent_lookup

MARKER = "INVULLEN"
"""The word `check` warns about (KB-W401); the same constant as validate/placeholders.MARKER (a test keeps them equal)."""
MAX_ID_LENGTH = 60

BODY = f"""
## Vraagstuk

{MARKER}: welk probleem wilde de gemeente oplossen, en voor wie?

## Aanpak

{MARKER}: wat deed de gemeente, met wie en met welke middelen?

## Resultaat

{MARKER}: wat leverde het op? Noem alleen wat de bron zegt.

## Wat kunt u hergebruiken?

{MARKER}: wat kan een andere gemeente overnemen (aanpak, documenten, software)?

## Meer weten?

{MARKER}: bij wie kan een collega terecht?
"""


@dataclass(frozen=True)
class SchemeAsks:
    """What a scheme, with the programmes above it, asks of a new record."""

    required: tuple[str, ...]
    extra: dict[str, str]
    themes_vocabulary: str | None
    sources: tuple[str, ...]


def scheme_asks(content: Content, scheme_id: str) -> SchemeAsks:
    """Required fields add up along `onderdeel_van`, extra fields merge, the nearest themes and sources win."""
    chain = lineage(scheme_id, parent_lookup(content.schemes, lambda scheme: scheme.model.onderdeel_van))
    asks = inherit([{"required": list(model.record_velden.verplicht), "extra": dict(model.record_velden.extra),
                     "themes": model.themas_woordenlijst, "sources": list(model.bronnen)}
                    for model in (content.schemes[s].model for s in chain if s in content.schemes)],
                   {"required": added_in_order, "extra": lambda farther, nearer: {**farther, **nearer}}) or {}
    return SchemeAsks(tuple(asks.get("required", ())), asks.get("extra", {}), asks.get("themes"),
                      tuple(asks.get("sources", ())))


def record_id(title: str, organisation_slugs: Sequence[str] = ()) -> str:
    """A file name from the title: folded (accents, punctuation), without the word 'gemeente', at most
    60 characters cut between words, led by the first organisation when the title does not name it.

    "Gemeente 's-Hertogenbosch: Één loket!" -> "s-hertogenbosch-een-loket". '' when nothing is left.
    """
    words = [word for word in fold(title).split() if word not in ("gemeente", "gem")]
    slug = "-".join(words)
    if organisation_slugs:
        first = organisation_slugs[0]
        if f"-{first}-" not in f"-{slug}-":
            slug = f"{first}-{slug}" if slug else first
    while len(slug) > MAX_ID_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:MAX_ID_LENGTH].strip("-")


def id_trouble(record_id_: str) -> str | None:
    """Why `record_id_` cannot be a record's file name, in Dutch, or None."""
    if not ID_PATTERN.match(record_id_):
        return f"'{record_id_}' is geen geldige bestandsnaam (kleine letters, cijfers en streepjes)"
    reserved = id_problem(record_id_, "bestandsnaam")
    return str(reserved) if reserved else None


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _choices(content: Content, vocab_id: str | None) -> str:
    vocabulary = content.vocabularies.get(vocab_id) if vocab_id else None
    return ", ".join(term.id for term in vocabulary.terms) if vocabulary else ""


def skeleton(content: Content, scheme_id: str, title: str, organisations: Sequence[str] = (),
             sources: Sequence[str] = (), today: dt.date | None = None) -> str:
    """The text of content/projects/<id>.md for a new record under `scheme_id`."""
    asks = scheme_asks(content, scheme_id)
    today = today or dt.date.today()
    source_note = ("id's uit content/bronnen.yaml" if sources else
                   "de bron van de regeling; zet hier de bron van dit project als die er is (id uit content/bronnen.yaml)")
    sources = tuple(sources) or asks.sources
    statuses = _choices(content, "statussen")
    kinds = _choices(content, "soorten")
    lines = [
        "---",
        "# Gemaakt met `kennisbank new`. Vervang elke INVULLEN (ook in de tekst) en controleer met `kennisbank check`.",
        "schema_versie: 1  # versie van het recordformaat; laat staan",
        f"titel: {_quoted(title)}  # titel zoals gepubliceerd",
        f"soort: project  # kies uit: {kinds}",
        f"korte_beschrijving: \"{MARKER}: één zin, hoogstens 160 tekens\"  # voor lijsten en zoekresultaten",
        f"regeling: {scheme_id}  # de regeling in content/schemes/{scheme_id}.md",
        f"organisaties: [{', '.join(_quoted(name) for name in organisations) or _quoted(MARKER + ': gemeente of organisatie')}]"
        "  # wie het ontwikkelde: gemeenten (naam zoals het CBS hem schrijft) of organisaties uit content/organisaties.yaml",
        "hergebruikt_door: []  # gemeenten of organisaties die het sindsdien hergebruiken",
    ]
    themes = _choices(content, asks.themes_vocabulary or "innovatieagenda-themas")
    lines.append(f"themas: []  # thema's, kies uit: {themes}; past er geen, zet de tekst van de bron in thema_zoals_gepubliceerd")
    lines.append(f"domein:  # beleidsdomein, kies uit: {_choices(content, 'domeinen')}")
    for name, vocab_id in sorted(asks.extra.items()):
        lines.append(f"{name}:  # {'verplicht bij' if name in asks.required else 'alleen bij'} deze regeling; kies uit: "
                     f"{_choices(content, vocab_id)}")
    written = {"organisaties", "themas", "domein", "soort", "titel", "korte_beschrijving", "regeling", *asks.extra}
    for name in asks.required:
        if name not in written:
            lines.append(f"{name}:  # {MARKER}: verplicht bij deze regeling (zie `kennisbank schema`)")
    lines += [
        "periode:  # looptijd, zo precies als bekend, bijvoorbeeld {start: 2024-03, einde: 2025}",
        f"status: onbekend  # kies uit: {statuses}; bij elke status behalve onbekend ook status_bron",
        "# status_bron: {bron: <id>, datum: <datum van de bron>, zin: \"<de zin uit de bron, letterlijk>\"}",
        "contact: []  # hoogstens 3; bijvoorbeeld - naam: Eva de Vries, rol: projectleider, bron_datum: 2024-03",
        f"bronnen: [{', '.join(sources)}]  # {source_note}",
        f"laatst_beoordeeld: {today.isoformat()}  # datum waarop u het record nakeek (JJJJ-MM-DD)",
        "---",
    ]
    return "\n".join(lines) + "\n" + BODY
