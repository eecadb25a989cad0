"""The record format: the one place that says which fields a record has and of what type.

The validator checks front matter against these models and `python -m generator schema`
prints their JSON Schema, so the format is written down once. Field names are Dutch (the
editors' language); the descriptions are what editors see in their IDE, through that schema.

Vocabulary values (themes, domains, statuses, ...) are plain strings here: which words
are allowed is data in `content/vocabulaires.yaml`, checked in `validate`.

Longer than 400 lines because every field's Dutch description stands next to its type, and a
record kind reads best as one class from top to bottom; the shared pieces are in base.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, ValidationError, WithJsonSchema

from generator.core.diagnostics import explain_model_error
from generator.core.messages import Message, message
from generator.core.dates import PATTERN as PARTIAL_DATE
from generator.model.base import Id, Strict

SCHEMA_VERSION = 1

FIRST_YEAR, LAST_YEAR = 1900, 2100
"""Every date in a record lies in these years; outside them it is a typing error (0219, 9999)."""
MAX_AMOUNT = Decimal("10000000000")
"""Every amount is below ten billion euro (a municipal budget stays far below), so sums stay exact."""
MAX_CONTACTS = 3
"""A record names at most three people: enough to find the work, no staff list (data minimisation)."""
CONFIRMATION_YEARS = 2
"""Contact details confirmed longer ago than this are stale: `check` warns, an editor confirms again or removes them."""


def _year_in_range(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(message("KB-E131", jaar=year, van=FIRST_YEAR, tot=LAST_YEAR))


def _partial_date_before(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _partial_date_after(value: str) -> str:
    match = PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(message("KB-E132"))
    year, month, day = match.groups()
    _year_in_range(int(year))
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(message("KB-E133", maand=month))
    if day is not None and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        raise ValueError(message("KB-E134", dag=day, maand=f"{year}-{month}"))
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date_before),
    AfterValidator(_partial_date_after),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
                              {"type": "string", "pattern": PARTIAL_DATE.pattern}],
                    "description": "Datum, zo precies als bekend: 2018, 2018-11 of 2018-11-01."}),
]


def _full_date_before(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(message("KB-E135")) from None
    return value


def _full_date_after(value: dt.date) -> dt.date:
    _year_in_range(value.year)
    return value


FullDate = Annotated[dt.date, BeforeValidator(_full_date_before), AfterValidator(_full_date_after)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


def _money_before(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(message("KB-E136"))
    if isinstance(value, (int, float)):
        value = str(value)
    if isinstance(value, str):
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(message("KB-E137")) from None
        if not amount.is_finite():
            raise ValueError(message("KB-E138"))
        if amount < 0:
            raise ValueError(message("KB-E139"))
        if amount >= MAX_AMOUNT:
            raise ValueError(message("KB-E140"))
        if amount.as_tuple().exponent < -2:
            raise ValueError(message("KB-E141"))
        return amount
    return value


Money = Annotated[
    Decimal,
    BeforeValidator(_money_before),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "exclusiveMaximum": int(MAX_AMOUNT)},
                              {"type": "string", "pattern": r"^\d{1,10}(\.\d{1,2})?$"}],
                    "description": "Bedrag in euro, punt als decimaalteken: 730000 of \"33.30\"."}),
]


def _fraction_before(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", value):
        numerator, denominator = (int(part) for part in value.split("/"))
        if denominator and 0 < numerator <= denominator:
            return value.replace(" ", "")
    raise ValueError(message("KB-E142"))


Share = Annotated[str, BeforeValidator(_fraction_before),
                  Field(description="Breuk tussen aanhalingstekens, zoals \"1/3\".")]


def _text_list_before(value: Any) -> Any:
    """A single string where a list is expected is read as a list of one: editors write it so."""
    return [value] if isinstance(value, str) else value


TextList = Annotated[list[str], BeforeValidator(_text_list_before),
                     WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})]


def _url_after(value: str) -> str:
    if value.lower().startswith("http://"):
        raise ValueError(message("KB-E143", waarde=value, veilig=f"https://{value[len('http://'):]}"))
    if not re.match(r"^(https://|mailto:)[^\s]+$", value):
        raise ValueError(message("KB-E144"))
    return value


Url = Annotated[str, AfterValidator(_url_after),
                WithJsonSchema({"type": "string", "pattern": r"^(https://|mailto:)\S+$"})]


class Period(Strict):
    start: PartialDate | None = Field(None, description="Begin, zo precies als bekend (2018, 2018-11, 2018-11-01).")
    einde: PartialDate | None = Field(None, description="Einde; laat weg als het project nog loopt of het einde onbekend is.")
    zoals_gepubliceerd: str | None = Field(None, description="De looptijd letterlijk zoals de bron hem noemt.")


class Contact(Strict):
    naam: str = Field(min_length=1, description="Naam zoals gepubliceerd.")
    rol: str | None = Field(None, description="Functie of rol, bijvoorbeeld 'projectleider' of 'Binnenstadslab'.")
    organisatie: str | None = Field(None, description="Organisatie van de contactpersoon, als die afwijkt van de uitvoerder.")
    email: str | None = Field(None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="E-mailadres zoals gepubliceerd.")
    telefoon: TextList = Field(default_factory=list, description="Telefoonnummer(s) zoals gepubliceerd.")


class ProjectContact(Contact):
    """A contact of a practice: personal data, so it says where it comes from and whether it still holds.

    E-mail and phone are only published as links when an editor confirmed them at the record's
    last review (`bevestigd_op` on or after `laatst_beoordeeld`); otherwise the page shows name,
    role and organisation with the date of the source. Scheme contacts are organisations'
    mailboxes and keep the plain `Contact`.
    """

    bron: Id | None = Field(None, description="Bron waaruit de gegevens komen (id uit content/bronnen.yaml, ook in `bronnen`).")
    bron_datum: PartialDate = Field(description="Datum van die bron, zo precies als bekend: de pagina toont hem bij de naam.")
    bevestigd_op: FullDate | None = Field(None, description=(
        "Datum waarop de redactie de gegevens bij de persoon of organisatie bevestigde (JJJJ-MM-DD). "
        "E-mail en telefoon verschijnen alleen als dit op of na laatst_beoordeeld ligt."))


class SourceLine(Strict):
    """Where a claim (a status, reuse) comes from: the source, its date and the sentence that says it."""

    bron: Id = Field(description="Id uit content/bronnen.yaml; de bron staat ook in `bronnen` van het record.")
    datum: PartialDate = Field(description="Datum van de bron (publicatie of laatste wijziging), zo precies als bekend.")
    zin: str = Field(min_length=1, max_length=600, description="De zin uit de bron die het zegt, letterlijk overgenomen.")


class ReuseCount(SourceLine):
    """A number of reusers where the source names no names ('meer dan 20 gemeenten')."""

    aantal: int = Field(ge=1, le=1000, description="Het aantal dat de bron noemt; bij 'meer dan 20' is dat 20.")
    zoals_gepubliceerd: str = Field(min_length=1, max_length=200, description="Het aantal in de woorden van de bron.")


class Link(Strict):
    titel: str = Field(min_length=1, description="Zichtbare tekst van de link.")
    url: Url = Field(description="Volledig adres (https://…).")


class BudgetLine(Strict):
    omschrijving: str = Field(min_length=1)
    bedrag: Money
    jaar: PartialDate | None = Field(None, description="Jaar of periode waarop de regel slaat.")


class Budget(Strict):
    naam: str = Field(min_length=1, description="Naam van de begroting, bijvoorbeeld 'Financiële consequenties A'.")
    totaal: Money = Field(description="Het totaal zoals de bron het noemt; de regels moeten hierop uitkomen.")
    dekking: str | None = Field(None, description="Hoe de begroting wordt gedekt.")
    regels: list[BudgetLine] = Field(min_length=1)


class Reserve(Strict):
    naam: str = Field(min_length=1)
    doel: str | None = None
    beschikbaar: Money
    onttrekking: Money
    resteert: Money = Field(description="Wat overblijft; moet gelijk zijn aan beschikbaar min onttrekking.")
    resteert_zoals_gepubliceerd: str | None = Field(None, description="Het restant in de woorden van de bron ('ruim 1,4 miljoen').")


class Milestone(Strict):
    datum: PartialDate
    omschrijving: str = Field(min_length=1)


class Award(Strict):
    wedstrijd: str = Field(min_length=1, description="Bijvoorbeeld 'GemeenteDelers'.")
    jaar: Year | None = None
    resultaat: str | None = Field(None, description="Bijvoorbeeld 'winnaar', 'finalist' of 'inzending'; alleen wat de bron zegt.")
    categorie: str | None = None


class RecordBase(Strict):
    """Fields shared by projects and schemes."""

    schema_versie: Literal[1] = Field(description="Versie van het recordformaat; nu 1.")
    titel: str = Field(min_length=1, max_length=200, description="Titel zoals gepubliceerd.")
    korte_beschrijving: str = Field(min_length=1, max_length=160,
                                    description="Eén zin, hoogstens 160 tekens, voor lijsten en zoekresultaten.")
    bronnen: list[str] = Field(min_length=1, description="Id's uit content/bronnen.yaml: waar de feiten vandaan komen.")
    links: list[Link] = Field(default_factory=list)
    laatst_beoordeeld: FullDate = Field(description="Datum waarop een redacteur het record het laatst nakeek (JJJJ-MM-DD).")


class ProjectRecord(RecordBase):
    """A practice, plan or competition entry: one file in content/projects/."""

    soort: str = Field(description="Soort record, uit de woordenlijst 'soorten' (project, gemeentelijk-plan, inzending).")
    regeling: str | None = Field(None, description="Bestandsnaam (zonder .md) van de regeling in content/schemes/.")
    organisaties: list[str] = Field(default_factory=list, description=(
        "Wie het ontwikkelde: gemeentenamen (zoals CBS ze schrijft) of organisaties uit content/organisaties.yaml."))
    hergebruikt_door: list[str] = Field(default_factory=list, description=(
        "Gemeenten of organisaties die het sindsdien hergebruiken; los van wie het bouwde. Vraagt hergebruik_bron."))
    hergebruik_bron: list[SourceLine] = Field(
        default_factory=list, description="Waar staat dat zij het hergebruiken: bron, datum en zin (verplicht bij hergebruikt_door).")
    hergebruik_aantal: ReuseCount | None = Field(None, description=(
        "Als de bron alleen een aantal noemt ('meer dan 20 gemeenten'): dat aantal met bron, datum en zin."))
    themas: list[str] = Field(default_factory=list, description="Thema's van de innovatieagenda (woordenlijst).")
    geen_thema: str | None = Field(None, min_length=1, max_length=300, description=(
        "Past geen thema van de innovatieagenda, zeg dan hier waarom (in plaats van `themas`)."))
    thema_zoals_gepubliceerd: str | None = Field(None, description="Het thema letterlijk zoals de bron het noemt.")
    domein: str | None = Field(None, description="Beleidsdomein (woordenlijst 'domeinen').")
    domein_zoals_gepubliceerd: str | None = Field(None, description="Het domein letterlijk zoals de bron het noemt.")
    beleidsthemas: TextList = Field(default_factory=list, description="Beleidsthema's zoals de bron ze noemt (vrije tekst).")
    periode: Period | None = None
    status: str = Field(description="Status (woordenlijst 'statussen').")
    status_bron: SourceLine | None = Field(None, description=(
        "Waar de status vandaan komt: bron, datum van de bron en de zin die het zegt. Verplicht bij elke status "
        "behalve 'onbekend'."))
    contact: list[ProjectContact] = Field(default_factory=list, description="Hoogstens drie contactpersonen.")
    projectnummer: str | None = None
    bijlagen: TextList = Field(default_factory=list, description="Titels van bijlagen zoals gepubliceerd.")
    bijdrage: Money | None = Field(None, description="Toegekende bijdrage uit de regeling, in euro.")
    begroting: list[Budget] = Field(default_factory=list)
    reserves: list[Reserve] = Field(default_factory=list)
    tijdlijn: list[Milestone] = Field(default_factory=list)
    prijzen: list[Award] = Field(default_factory=list, description="Prijzen en rondes, bijvoorbeeld GemeenteDelers.")
    gemeentedelers_categorie: str | None = Field(None, json_schema_extra={"per_regeling": True},
                                                 description="Alleen bij regelingen die dit veld noemen.")
    pilot_thema: str | None = Field(None, json_schema_extra={"per_regeling": True},
                                    description="Alleen bij regelingen die dit veld noemen.")


class Subsidy(Strict):
    aandeel_intern: Share | None = Field(None, description="Deel van de interne kosten dat telt, zoals \"1/2\".")
    aandeel_extern: Share | None = Field(None, description="Deel van de externe kosten dat telt, zoals \"1/3\".")
    minimum: Money | None = None
    maximum: Money | None = None
    niet_te_berekenen: str | None = Field(None, min_length=1, description=(
        "Waarom de rekenhulp deze regeling niet berekent: welke rekenregel de bron niet geeft."))


class HourlyRate(Strict):
    jaar: Year
    schaal: str = Field(min_length=1)
    periodiek: int = Field(ge=0)
    uurloon: Money


class Eligibility(Strict):
    nieuw_voor: Literal["gemeente", "sector"] | None = Field(None, description="Voor wie het project nieuw moet zijn.")
    projectfase: Literal["afgerond", "nog-te-starten"] | None = Field(None, description="Wanneer je aanvraagt.")
    max_looptijd_maanden: int | None = Field(None, ge=1)
    min_deelnemers_per_training: int | None = Field(None, ge=1)
    min_andere_gemeenten: int | None = Field(None, ge=1)
    aanvragers: list[str] = Field(default_factory=list, description="Organisatietypen (woordenlijst) die mogen aanvragen.")
    rechtspositie: str | None = Field(None, description="Rechtspositieregeling die de aanvrager moet toepassen.")
    min_aandeel_gemeenten_procent: int | None = Field(None, ge=0, le=100,
                                                      description="Minimaal aandeel gemeenten in een samenwerkingsverband.")
    aanvragen_binnen: str | None = Field(None, description="Termijn voor de aanvraag, in woorden.")
    weken_na_opdracht: int | None = Field(None, ge=1, description=(
        "Aanvragen binnen zoveel weken na de interne opdracht of de ondertekening van de offerte."))


class Deadline(Strict):
    omschrijving: str = Field(min_length=1)
    van: PartialDate | None = None
    tot: PartialDate | None = None
    tijd: str | None = Field(None, pattern=r"^\d{2}:\d{2}$", description="Uur waarvoor het moet, zoals \"16:00\".")


class ApplicationWindow(Strict):
    """One period in which applications or entries are accepted; pages compute open or closed from it."""

    van: PartialDate | None = Field(None, description="Eerste dag waarop aanvragen kan; een maand of jaar betekent de eerste dag daarvan.")
    tot: PartialDate | None = Field(None, description="Laatste dag (tot en met); een maand of jaar betekent de laatste dag daarvan.")
    tijd: str | None = Field(None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
                             description="Uur op de laatste dag waarvoor het binnen moet zijn, zoals \"16:00\".")
    zoals_gepubliceerd: str | None = Field(None, description="De periode in de woorden van de bron.")


class Documents(Strict):
    fase: str = Field(min_length=1, description="Bijvoorbeeld 'bij aanvraag' of 'bij declaratie'.")
    stukken: list[str] = Field(min_length=1)


class RecordFields(Strict):
    verplicht: list[str] = Field(default_factory=list, description="Velden die records van deze regeling moeten hebben.")
    extra: dict[str, str] = Field(default_factory=dict, description=(
        "Extra velden voor records van deze regeling, met de woordenlijst die hun waarden bepaalt."))


class SchemeRecord(RecordBase):
    """A subsidy scheme, programme or competition: one file in content/schemes/."""

    soort: str = Field(description="Soort regeling (woordenlijst 'regelingsoorten').")
    uitvoerder: str = Field(min_length=1, description="Wie de regeling uitvoert.")
    partners: TextList = Field(default_factory=list)
    jaar: Year | None = Field(None, description="Jaar waarvoor deze regels gelden.")
    onderdeel_van: str | None = Field(None, description="Bestandsnaam van de overkoepelende regeling.")
    themas_woordenlijst: str | None = Field(None, description="Woordenlijst met de thema's of categorieën van deze regeling.")
    subsidie: Subsidy | None = None
    uurloontabel: list[HourlyRate] = Field(default_factory=list, description=(
        "Uurlonen per schaal en periodiek; alleen invullen met een gepubliceerde tabel."))
    uurloon_voorbeeld: HourlyRate | None = Field(None, description="Het ene uurloon dat de bron noemt, als voorbeeld.")
    geschiktheid: Eligibility | None = None
    aanvraagperiodes: list[ApplicationWindow] = Field(default_factory=list, description=(
        "Wanneer aanvragen of inzenden kon of kan; de pagina toont daaruit of de regeling open of gesloten is."))
    voorganger: str | None = Field(None, description="Bestandsnaam van de regeling die aan deze voorafging.")
    opvolger: str | None = Field(None, description="Bestandsnaam van de regeling die deze opvolgde.")
    opvolging_toelichting: str | None = Field(None, description=(
        "Wat de bron over de opvolging zegt, of dat de bron er niets over zegt."))
    termijnen: list[Deadline] = Field(default_factory=list)
    documenten: list[Documents] = Field(default_factory=list)
    criteria: TextList = Field(default_factory=list, description="Selectie- of beoordelingscriteria.")
    tijdlijn: list[Milestone] = Field(default_factory=list)
    contact: list[Contact] = Field(default_factory=list)
    record_velden: RecordFields = Field(default_factory=RecordFields)


RECORD_MODELS: dict[str, type[RecordBase]] = {"projects": ProjectRecord, "schemes": SchemeRecord}


def per_scheme_fields() -> set[str]:
    """Project fields that only a scheme that names them may use (marked in the model)."""
    return {name for name, info in ProjectRecord.model_fields.items()
            if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("per_regeling")}


def _leaf_types(annotation: Any) -> set[Any]:
    """The types a field finally holds, through Optional, lists and unions: list[str] | None -> {str}."""
    if get_origin(annotation) in (list, tuple, set, Union) or type(annotation).__name__ == "UnionType":
        return set().union(*(_leaf_types(arg) for arg in get_args(annotation) if arg is not type(None)))
    return {annotation}


def field_paths(model: type[BaseModel], prefix: str = "") -> dict[str, bool]:
    """Every dotted field path of a model, through nested groups and lists, with whether it holds text.

    'geschiktheid.aanvragers' for a scheme; what `velden` in vocabulaires.yaml may name.
    """
    paths: dict[str, bool] = {}
    for name, info in model.model_fields.items():
        leaves = _leaf_types(info.annotation)
        nested = [leaf for leaf in leaves if isinstance(leaf, type) and issubclass(leaf, BaseModel)]
        if nested:
            for inner in nested:
                paths.update(field_paths(inner, f"{prefix}{name}."))
        else:
            paths[f"{prefix}{name}"] = leaves == {str}
    return paths


# ---------------------------------------------------------------- support files


class Source(Strict):
    """One document in content/bronnen.yaml."""

    id: Id
    titel: str = Field(min_length=1)
    uitgever: str | None = None
    jaar: Year | None = None
    bestand: str | None = Field(None, min_length=1)
    url: Url | None = Field(None, description="Adres van een openbare pagina; de site linkt ernaar.")
    gepubliceerd: PartialDate | None = Field(None, description="Publicatiedatum zoals de pagina hem noemt, zo precies als bekend.")
    geraadpleegd: FullDate | None = Field(None, description="Datum waarop een redacteur de pagina las (JJJJ-MM-DD).")


def validated_entries(data: Any, key: str, model: type[BaseModel]) -> tuple[list[tuple[int, Any]], list[tuple[tuple, Message]]]:
    """The valid entries of a support file that holds one list under `key`, with their index.

    Problems come back as (key path, message): a file that is not `key: [...]`, an unknown
    top-level key, an entry that fails `model`, and an id used twice.
    """
    if data is None:
        return [], []
    if not isinstance(data, dict):
        return [], [((), message("KB-E610", sleutel=key))]
    problems: list[tuple[tuple, Message]] = [((name,), message("KB-E611", veld=name, sleutel=key))
                                             for name in data if name != key]
    entries = data.get(key)
    if entries is None:
        return [], problems
    if not isinstance(entries, list):
        return [], problems + [((key,), message("KB-E612", sleutel=key))]
    found: list[tuple[int, Any]] = []
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        try:
            spec = model.model_validate(entry)
        except ValidationError as exc:
            problems += [((key, index, *e["loc"]), explain_model_error(model, e)) for e in exc.errors()]
            continue
        if spec.id in first:
            problems.append(((key, index, "id"), message("KB-E613", id=spec.id, eerder=first[spec.id] + 1)))
            continue
        first[spec.id] = index
        found.append((index, spec))
    return found, problems


def json_schema() -> dict:
    """JSON Schema (2020-12) of both record kinds, for editors' IDEs and the published site."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Kennisbank gemeentelijke praktijkvoorbeelden: recordformaat",
        "oneOf": [{"$ref": "#/$defs/ProjectRecord"}, {"$ref": "#/$defs/SchemeRecord"}],
        "$defs": _collect_defs(),
    }


def _collect_defs() -> dict:
    defs: dict = {}
    for model in (ProjectRecord, SchemeRecord):
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[model.__name__] = schema
    return dict(sorted(defs.items()))
