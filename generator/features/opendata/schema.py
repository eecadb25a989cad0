"""The JSON Schema of /data/projecten.json: the published open-data format, written down once.

The descriptions are Dutch because the data page (/data/) shows them to readers; the page lists
exactly the fields this schema has, and a test validates the built JSON against it.
"""

from __future__ import annotations

OPEN_DATA_VERSION = 1
"""Version of the open-data format (not of the record format); raised when a field changes meaning or goes."""

_TERM = {
    "type": "object",
    "description": "Een waarde uit een woordenlijst: de id en de naam zoals de site hem toont.",
    "properties": {"id": {"type": "string"}, "naam": {"type": "string"}},
    "required": ["id", "naam"],
    "additionalProperties": False,
}

_MUNICIPALITY = {
    "type": "object",
    "description": "Een huidige gemeente uit het CBS-gemeenteregister.",
    "properties": {
        "code": {"type": "string", "pattern": r"^GM\d{4}$", "description": "CBS-gemeentecode, zoals GM0392."},
        "naam": {"type": "string", "description": "Huidige naam volgens het CBS."},
        "provincie": {"type": "string"},
    },
    "required": ["code", "naam", "provincie"],
    "additionalProperties": False,
}

_ACTOR = {
    "type": "object",
    "description": "Een gemeente of organisatie zoals de redactie hem noemt, met de gemeenten waarvoor hij staat.",
    "properties": {
        "naam": {"type": "string", "description": "Huidige naam (een opgeheven gemeente wordt haar opvolger)."},
        "soort": {"type": "string", "description": "'gemeente' of een organisatietype, zoals 'ambtelijke-fusieorganisatie'."},
        "gemeentecodes": {"type": "array", "items": {"type": "string", "pattern": r"^GM\d{4}$"},
                          "description": "CBS-codes van de gemeenten waarvoor deze organisatie werkt."},
    },
    "required": ["naam", "soort", "gemeentecodes"],
    "additionalProperties": False,
}

_NULLABLE_TEXT = {"type": ["string", "null"]}
_PARTIAL_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_SOURCE_LINE_PROPERTIES = {"bron": {"type": "string"}, "datum": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                           "zin": {"type": "string", "description": "De zin uit de bron, letterlijk."}}
_SOURCE_LINE = {"type": "object", "properties": _SOURCE_LINE_PROPERTIES, "required": ["bron", "datum", "zin"],
                "additionalProperties": False}

RECORD_PROPERTIES: dict[str, dict] = {
    "id": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$",
           "description": "Vaste id van het praktijkvoorbeeld: de bestandsnaam zonder .md."},
    "titel": {"type": "string", "description": "Titel zoals gepubliceerd."},
    "korte_beschrijving": {"type": "string", "description": "Eén zin over het praktijkvoorbeeld."},
    "soort": {**_TERM, "description": "Soort record (woordenlijst 'soorten')."},
    "regeling": {"anyOf": [{"type": "null"}, {
        "type": "object",
        "properties": {"id": {"type": "string"}, "titel": {"type": "string"}, "url": {"type": "string"}},
        "required": ["id", "titel", "url"], "additionalProperties": False}],
        "description": "De regeling of het programma waaruit het voorbeeld komt, met de pagina van de regeling."},
    "organisaties": {"type": "array", "items": _ACTOR, "description": "Wie het ontwikkelde."},
    "gemeenten": {"type": "array", "items": _MUNICIPALITY,
                  "description": "Alle gemeenten achter de ontwikkelaars, ook via een samenwerkingsorganisatie."},
    "hergebruikt_door": {"type": "array", "items": _ACTOR, "description": "Wie het sindsdien hergebruikt."},
    "hergebruik_gemeenten": {"type": "array", "items": _MUNICIPALITY,
                             "description": "Alle gemeenten achter de hergebruikers."},
    "hergebruik_bron": {"type": "array", "items": _SOURCE_LINE,
                        "description": "Waar het hergebruik vandaan komt: bron, datum en de zin die het zegt."},
    "hergebruik_aantal": {"anyOf": [{"type": "null"}, {
        "type": "object",
        "properties": {**_SOURCE_LINE_PROPERTIES, "aantal": {"type": "integer", "minimum": 1},
                       "zoals_gepubliceerd": {"type": "string"}},
        "required": ["bron", "datum", "zin", "aantal", "zoals_gepubliceerd"], "additionalProperties": False}],
        "description": "Een aantal hergebruikers waar de bron geen namen noemt ('meer dan 20 gemeenten'), met zijn bron."},
    "themas": {"type": "array", "items": _TERM, "description": "Thema's van de innovatieagenda."},
    "thema_zoals_gepubliceerd": {**_NULLABLE_TEXT,
                                 "description": "Het thema letterlijk zoals de bron het noemt, als het niet op de woordenlijst past."},
    "domein": {"anyOf": [{"type": "null"}, _TERM], "description": "Beleidsdomein (woordenlijst 'domeinen')."},
    "status": {**_TERM, "description": "Status (woordenlijst 'statussen')."},
    "status_bron": {"anyOf": [{"type": "null"}, _SOURCE_LINE],
                    "description": "Waar de status vandaan komt; leeg bij status 'onbekend'."},
    "periode": {"anyOf": [{"type": "null"}, {
        "type": "object",
        "properties": {"start": _PARTIAL_DATE, "einde": _PARTIAL_DATE, "zoals_gepubliceerd": _NULLABLE_TEXT},
        "required": ["start", "einde", "zoals_gepubliceerd"], "additionalProperties": False}],
        "description": "Looptijd; datums zo precies als bekend (2018, 2018-11 of 2018-11-01)."},
    "bronnen": {"type": "array", "minItems": 1, "items": {
        "type": "object",
        "properties": {"id": {"type": "string"}, "titel": {"type": "string"}, "uitgever": _NULLABLE_TEXT,
                       "jaar": {"type": ["integer", "null"]}},
        "required": ["id", "titel", "uitgever", "jaar"], "additionalProperties": False},
        "description": "De gepubliceerde documenten waar de feiten vandaan komen."},
    "links": {"type": "array", "items": {
        "type": "object", "properties": {"titel": {"type": "string"}, "url": {"type": "string"}},
        "required": ["titel", "url"], "additionalProperties": False},
        "description": "Links naar meer informatie."},
    "laatst_beoordeeld": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                          "description": "Datum waarop een redacteur het record het laatst nakeek."},
    "url": {"type": "string", "description": (
        "De pagina van het praktijkvoorbeeld; volledig adres als de site haar adres kent (site_url), "
        "anders relatief aan de hoofdmap van de site.")},
}


def projecten_schema(schema_url: str | None) -> dict:
    """JSON Schema (2020-12) of projecten.json; `$id` is where it is published, when that is known."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Kennisbank gemeentelijke praktijkvoorbeelden: open data (projecten.json)",
        "type": "object",
        "properties": {
            "schema_versie": {"const": OPEN_DATA_VERSION, "description": "Versie van dit formaat."},
            "titel": {"type": "string"},
            "licentie": {"type": "string", "description": "Licentie van de gegevens (een URL)."},
            "bijgewerkt": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$",
                           "description": "De nieuwste 'laatst_beoordeeld' van alle records."},
            "site": {"type": ["string", "null"], "description": "Adres van de site, als dat bij het bouwen bekend was."},
            "aantal": {"type": "integer", "minimum": 0, "description": "Aantal praktijkvoorbeelden."},
            "projecten": {"type": "array", "items": {"$ref": "#/$defs/Project"},
                          "description": "Alle praktijkvoorbeelden, op id gesorteerd."},
        },
        "required": ["schema_versie", "titel", "licentie", "bijgewerkt", "site", "aantal", "projecten"],
        "additionalProperties": False,
        "$defs": {"Project": {
            "type": "object",
            "properties": RECORD_PROPERTIES,
            "required": sorted(RECORD_PROPERTIES),
            "additionalProperties": False,
        }},
    }
    if schema_url:
        schema = {"$id": schema_url, **schema}
    return schema
