"""The wall: /muur/ shows every record as a card, grouped by theme; /muur/poster/ lays them out for print.

Without JavaScript /muur/ is complete: every card is in the HTML, grouped by theme, in pages of
`PAGE_SIZE` cards once there are more (so the page stays within the page budget at 5,000 records).
With JavaScript, muur.js reads muur.json (the same cards, plus each record's facet values from the
catalogue, the facets search filters on) and regroups (theme, scheme, province), sorts, filters
with the state in the URL, and renders in batches as the visitor scrolls.

The poster view draws the same cards on A3 or A0 sheets, each with a QR code (qr.py) to the record's
page; `python -m generator.features.muur.pdf` prints the sheets to PDF with headless Chromium.
/muur/hergebruik/ lists the records by how many organisations reuse them.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.core.paths import project_path
from generator.features import FeatureContext, assets
from generator.features.muur.cards import (facet_filters, theme_groups, wall_cards)
from generator.features.muur.qr import qr_svgs, record_url

FOLDER = Path(__file__).parent
ASSETS = ("muur.js", "muurdata.js", "muur.css", "poster.js", "poster.css")
WALL = "muur/index.md"
POSTER = "muur/poster/index.md"
REUSE = "muur/hergebruik/index.md"
REUSE_LIST_SIZE = 100
"""The reuse page lists the most reused this many; the wall, sorted by reuse, shows all (a page stays
under 100 KB however many records there are)."""
DATA = "muur/muur.json"
QR_FOLDER = "muur/qr"
PAGE_SIZE = 80
"""Cards per static page: about 55 kB of cards plus the theme's chrome, within the 100 kB page budget (make bench)."""

FORMATS = {
    # key (also the named @page in poster.css): (label, columns, rows)
    "a3-liggend": ("A3 liggend", 4, 3),
    "a3-staand": ("A3 staand", 3, 4),
    "a0-liggend": ("A0 liggend", 6, 4),
    "a0-staand": ("A0 staand", 4, 6),
}
"""Poster formats: cards per sheet is columns x rows; the sheet's size is in poster.css (@page)."""

REUSE_FORM = "wij-hergebruiken-dit.yml"


def wall_page_path(number: int) -> str:
    return WALL if number == 1 else f"muur/pagina-{number}.md"


def data_date(catalog: Catalog) -> str:
    """Date of the data: the newest `laatst_beoordeeld` of the records (never the clock)."""
    dates = [str(r.model.laatst_beoordeeld) for r in catalog.projects.values()]
    return max(dates) if dates else ""


def grouped(cards: list[dict], groups) -> list[dict]:
    """[{group, cards}] in group order, groups without cards left out."""
    by_key: dict[str, list[dict]] = {}
    for card in cards:
        by_key.setdefault(card["thema"], []).append(card)
    return [{"group": g, "cards": by_key[g.key]} for g in groups if g.key in by_key]


def wall_data(catalog: Catalog, cards: list[dict], groups, site_url: str | None) -> dict:
    """muur.json: cards as short rows (5,000 of them), themes, and the facets to filter on.

    A card's page is `projecten/<id>/` (core.paths), so the rows carry the id only; `ht` (the source's
    words for a bare reuse number) only where there are such words.
    """
    filters = facet_filters(catalog)
    rows = []
    for card in cards:
        row = {
            "id": card["id"], "t": card["titel"], "w": card["wie"],
            "g": card["gemeenten"], "th": card["thema"], "r": card["regeling"], "j": card["jaar"],
            "d": card["datum"], "x": card["tekst"], "h": card["hergebruik"], "p": card["provincie"],
            "f": [f["kaarten"].get(card["id"], []) for f in filters],
        }
        if card["hergebruik_tekst"]:
            row["ht"] = card["hergebruik_tekst"]
        rows.append(row)
    return {
        "themas": [{"sleutel": g.key, "naam": g.naam, "kleur": g.colour} for g in groups],
        "facetten": [{"sleutel": f["sleutel"], "label": f["label"], "waarden": f["waarden"]} for f in filters],
        "kaarten": rows,
        "qr": bool(site_url),
    }


def reuse_form(context: FeatureContext) -> str | None:
    repo = context.settings.repo_url
    return f"{repo.rstrip('/')}/issues/new?template={REUSE_FORM}" if repo else None


def files(context: FeatureContext) -> dict[str, str | bytes]:
    catalog = context.catalog
    env = context.templates(FOLDER)
    site_url = context.settings.site_url
    groups = theme_groups(catalog)
    cards = wall_cards(catalog)
    colours = {g.key: g for g in groups}
    out: dict[str, str | bytes] = {}
    chunks = [cards[i:i + PAGE_SIZE] for i in range(0, len(cards), PAGE_SIZE)] or [[]]
    pages = [(n, wall_page_path(n)) for n in range(1, len(chunks) + 1)] if len(chunks) > 1 else []
    for number, chunk in enumerate(chunks, start=1):
        here = wall_page_path(number)
        out[here] = env.get_template("muur.md.j2").render(
            here=here, sections=grouped(chunk, groups), colours=colours, total=len(cards), page=number,
            page_count=len(chunks), page_links=pages, first=(number - 1) * PAGE_SIZE + 1,
            last=(number - 1) * PAGE_SIZE + len(chunk))
    out[POSTER] = env.get_template("poster.md.j2").render(
        here=POSTER, groups=groups, formats=FORMATS, total=len(cards), date=data_date(catalog),
        site_url=site_url)
    reused = sorted((c for c in cards if c["hergebruik"]), key=lambda c: -c["hergebruik"])  # stable: title order
    out[REUSE] = env.get_template("hergebruik.md.j2").render(
        here=REUSE, reused=reused[:REUSE_LIST_SIZE], reused_count=len(reused), unknown=len(cards) - len(reused),
        total=len(cards), form=reuse_form(context))
    out[DATA] = json.dumps(wall_data(catalog, cards, groups, site_url), ensure_ascii=False,
                           separators=(",", ":"))
    if site_url:
        codes = qr_svgs([record_url(site_url, project_path(card["id"])) for card in cards])
        out.update((f"{QR_FOLDER}/{card['id']}.svg", code) for card, code in zip(cards, codes))
    out.update(assets(FOLDER, ASSETS))
    return out
