"""What a card on the wall says about a record, as plain data: one card per record.

Pure: the catalogue in, dicts out. The wall page, its data file (muur.json, which the browser
filters, groups and sorts) and the poster view all draw the same cards, so a card says the same
thing on screen and on paper. The reuse count is the number of organisations the record names in
`hergebruikt_door` (the catalogue's `Record.reusers`): a count only where a source said so.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.catalog.catalog import Catalog, reuse_count
from generator.catalog.facets import PROVINCES, SCHEMES, THEMES
from generator.core.dates import PartialDate
from generator.core.paths import project_path
from generator.model.content import Record

NO_THEME = "Zonder thema"
SEVERAL_PROVINCES = "Meer provincies"
NO_PROVINCE = "Zonder provincie"
NO_SCHEME = "Zonder regeling"

# Theme colours for the band on each card, by position in the vocabulary. Colour never stands alone: every
# band carries the theme's name. Picked from the Okabe-Ito set (distinct for colour-blind readers), each
# dark enough for white text (>= 4.5:1), and they differ in lightness so a grayscale print still tells
# neighbouring themes apart.
THEME_COLOURS = ("#005a8c", "#8a4b00", "#006b4f", "#9c2a6b", "#3d3d8f", "#6b5a00", "#4d4d4d", "#7a1f1f")


@dataclass(frozen=True)
class Group:
    key: str
    naam: str
    colour: str


def theme_groups(catalog: Catalog) -> list[Group]:
    """One group per theme in vocabulary order, then the group of records without a theme."""
    facet = catalog.facets.get(THEMES)
    values = facet.values if facet else ()
    groups = [Group(v.slug, v.naam, THEME_COLOURS[i % len(THEME_COLOURS)]) for i, v in enumerate(values)]
    return groups + [Group("", NO_THEME, "#595959")]


def primary_theme(catalog: Catalog, record: Record) -> str:
    """The slug of the record's first theme as its editor listed it ('' without one): one card, one group."""
    facet = catalog.facets.get(THEMES)
    if facet is None:
        return ""
    mine = {v.slug for v in facet.for_record(record.id)}
    listed = [t for t in getattr(record.model, "themas", []) if t in mine]
    return listed[0] if listed else (sorted(mine)[0] if mine else "")


def start(record: Record) -> PartialDate | None:
    period = getattr(record.model, "periode", None)
    return PartialDate.parse(period.start or period.einde) if period else None


def province_group(catalog: Catalog, record: Record) -> str:
    """Where the builders work: one province, 'Meer provincies' or 'Zonder provincie'."""
    provinces = sorted({m.provincie for m in catalog.municipalities_of(record)})
    if not provinces:
        provinces = sorted({m.provincie for m in catalog.municipalities_of(record, reuse=True)})
    return provinces[0] if len(provinces) == 1 else (SEVERAL_PROVINCES if provinces else NO_PROVINCE)


def reuse(record: Record) -> tuple[int, str | None]:
    """How many organisations reuse the record (catalog.reuse_count), and the source's own words
    when the number comes from a source that names no reusers; (0, None) when none is known."""
    count = reuse_count(record)
    counted = getattr(record.model, "hergebruik_aantal", None)
    if counted is not None and counted.aantal > len(record.reusers):
        return count, counted.zoals_gepubliceerd
    return count, None


def card(catalog: Catalog, record: Record) -> dict:
    """Everything a wall card shows, and the keys it is grouped and sorted by."""
    model = record.model
    scheme = catalog.schemes.get(getattr(model, "regeling", None) or "")
    date = start(record)
    municipalities = [m.naam for m in catalog.municipalities_of(record)]
    organisations = [a.naam for a in record.builders]
    return {
        "id": record.id,
        "path": project_path(record.id),
        "titel": model.titel,
        "wie": organisations,
        "gemeenten": [name for name in municipalities if name not in organisations],
        "thema": primary_theme(catalog, record),
        "regeling": scheme.model.titel if scheme else "",
        "jaar": date.year if date else None,
        "datum": date.first_day.isoformat() if date else "",
        "tekst": model.korte_beschrijving,
        "hergebruik": reuse(record)[0],
        "hergebruik_tekst": reuse(record)[1],
        "provincie": province_group(catalog, record),
    }


def wall_cards(catalog: Catalog) -> list[dict]:
    """Every record's card in the wall's default order: by theme (vocabulary order), then title."""
    order = {group.key: index for index, group in enumerate(theme_groups(catalog))}
    cards = [card(catalog, record) for record in catalog.sorted_projects()]
    return sorted(cards, key=lambda c: order.get(c["thema"], len(order)))  # stable: titles stay in order


def facet_filters(catalog: Catalog) -> list[dict]:
    """The search page's facets (the catalogue's, keyed by `search_key`), with each record's values.

    [{sleutel, label, waarden: [name], kaarten: {record id: [value index]}}], only values that occur.
    """
    out = []
    for facet in catalog.facets.values():
        values = [v for v in facet.values if v.record_ids]
        if not values:
            continue
        per_record: dict[str, list[int]] = {}
        for index, value in enumerate(values):
            for record_id in value.record_ids:
                per_record.setdefault(record_id, []).append(index)
        out.append({"sleutel": facet.search_key, "label": facet.enkelvoud, "id": facet.id,
                    "waarden": [v.naam for v in values], "kaarten": per_record})
    return out


def scheme_names(catalog: Catalog) -> list[str]:
    facet = catalog.facets.get(SCHEMES)
    return [v.naam for v in facet.values] if facet else []


def province_names(catalog: Catalog) -> list[str]:
    facet = catalog.facets.get(PROVINCES)
    return [v.naam for v in facet.values] if facet else []
