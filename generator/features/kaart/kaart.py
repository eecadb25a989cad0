"""The map: /kaart/gemeenten.svg marks every municipality with records, /kaart/ has it with a sortable table.

The shapes are the project's own derived copy of the CBS/PDOK boundaries (data/gemeenten.json, made
by derive.py, which says how and cites the source and licence). A municipality with records is one
mark: its shape, filled by how many records it has (the municipality facet's count: built or reused
there, former municipalities already resolved to their successor by the register), wrapped in one
link to its page, with a dot when it reuses records. Five shades of one blue that differ in
lightness, so the map also reads in grayscale; the legend and every link's label carry the numbers.

The SVG is a static file, not inline in every page: pages show it as an <img> (the macro map_figure in
generator/render/templates/_figuren.j2: home, municipality index, /kaart/) with a table or list as its
alternative; kaart.js swaps in the SVG itself so the marks
become links for a mouse, and sorts the table. Keyboard users have the table's links, so the map's
links stay out of the tab order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import escape

from generator.catalog.catalog import Catalog
from generator.catalog.facets import MUNICIPALITIES
from generator.features import FeatureContext, assets

FOLDER = Path(__file__).parent
SHAPES = FOLDER / "data" / "gemeenten.json"
SVG = "kaart/gemeenten.svg"
PAGE = "kaart/index.md"
ASSETS = ("kaart.js", "kaart.css")
CREDIT = "© CBS / PDOK (CBS Gebiedsindelingen), vereenvoudigd door cartomap/nl"
SHADES = ("#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")
"""Light to dark, each a clear step in lightness (L* about 78, 68, 52, 35, 20), all well apart from EMPTY (96)."""
EMPTY = "#f2f2f2"
SPREAD = {1: (3,), 2: (1, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}
"""Which shades n classes use: spread over the ramp, so two classes never get two near-identical blues."""


@dataclass(frozen=True)
class Reach:
    code: str
    naam: str
    slug: str
    provincie: str
    ontwikkeld: int
    hergebruikt: int
    totaal: int


@lru_cache(maxsize=1)
def shapes() -> dict:
    return json.loads(SHAPES.read_text(encoding="utf-8"))


def reach(catalog: Catalog) -> list[Reach]:
    """Per municipality with records: records built there, reused there, and in all (the facet's count)."""
    built: dict[str, int] = {}
    reused: dict[str, int] = {}
    for record in catalog.projects.values():
        for m in catalog.municipalities_of(record):
            built[m.code] = built.get(m.code, 0) + 1
        for m in catalog.municipalities_of(record, reuse=True):
            reused[m.code] = reused.get(m.code, 0) + 1
    register = catalog.content.register
    facet = catalog.facets.get(MUNICIPALITIES)
    out = []
    for value in facet.values if facet else ():
        municipality = register.by_slug(value.slug) if register else None
        if municipality is None or not value.count:
            continue
        out.append(Reach(municipality.code, value.naam, value.slug, municipality.provincie,
                         built.get(municipality.code, 0), reused.get(municipality.code, 0), value.count))
    return sorted(out, key=lambda r: (-r.totaal, r.naam))


def classes(counts: list[int]) -> list[tuple[int, int]]:
    """Up to five (low, high) ranges of record counts, doubling in width: 1, 2-3, 4-7, ... up to the highest."""
    highest = max(counts, default=0)
    ranges, low = [], 1
    while low <= highest and len(ranges) < len(SHADES):
        high = low * 2 - 1 if len(ranges) < len(SHADES) - 1 else highest
        ranges.append((low, min(high, highest)))
        low = high + 1
    return ranges


def shades(ranges: list[tuple[int, int]]) -> list[str]:
    return [SHADES[i] for i in SPREAD.get(len(ranges), ())]


def shade(count: int, ranges: list[tuple[int, int]]) -> str:
    return next(shades(ranges)[i] for i, (low, high) in enumerate(ranges) if low <= count <= high)


def records_text(count: int) -> str:
    return f"{count} praktijkvoorbeeld{'en' if count != 1 else ''}"


def label(r: Reach) -> str:
    return f"{r.naam}: {records_text(r.totaal)} ({r.ontwikkeld} ontwikkeld, {r.hergebruikt} hergebruikt)"


def ring_path(ring: list[int]) -> str:
    """'M x y l dx dy …z' from a flat [x, y, x, y, …] ring: relative steps keep the file small."""
    parts = [f"M{ring[0]} {ring[1]}l"]
    for i in range(2, len(ring), 2):
        parts.append(f"{ring[i] - ring[i - 2]} {ring[i + 1] - ring[i - 1]}")
    return " ".join(parts) + "z"


def map_svg(rows: list[Reach]) -> str:
    """The whole map as one SVG document; links are relative to the SVG's own place (kaart/)."""
    data = shapes()
    municipalities = data["gemeenten"]
    width = max(x for s in municipalities.values() for r in s["ringen"] for x in r[0::2]) + 10
    height = max(y for s in municipalities.values() for r in s["ringen"] for y in r[1::2]) + 10
    ranges = classes([r.totaal for r in rows])
    marked = {r.code: r for r in rows}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 280}" class="kb-map__svg" '
           f'role="img" aria-labelledby="kb-map-title">',
           f'<title id="kb-map-title">Kaart van Nederland: {len(rows)} gemeenten met praktijkvoorbeelden</title>',
           "<style>path{stroke:#fff;stroke-width:3;stroke-linejoin:round}.kb-empty path{stroke:#b0b0b0}a:hover path{stroke:#000;"
           "stroke-width:10}.kb-dot{fill:#fff;stroke:#000;stroke-width:6}text{font:72px sans-serif;fill:#1b1b1b}</style>",
           f'<g fill="{EMPTY}" class="kb-empty">']
    for code, shape in municipalities.items():
        if code not in marked:
            out.append(f'<path d="{" ".join(ring_path(r) for r in shape["ringen"])}"/>')
    out.append("</g><g>")
    for r in sorted(rows, key=lambda r: r.code):
        shape = municipalities.get(r.code)
        if shape is None:
            continue
        dot = ""
        if r.hergebruikt:
            x, y = shape["midden"]
            dot = f'<circle class="kb-dot" cx="{x}" cy="{y}" r="{14 + 4 * min(r.hergebruikt, 6)}"/>'
        out.append(f'<a href="../gemeenten/{escape(r.slug)}/" aria-label="{escape(label(r))}" data-code="{r.code}">'
                   f'<title>{escape(label(r))}</title><path fill="{shade(r.totaal, ranges)}" '
                   f'd="{" ".join(ring_path(ring) for ring in shape["ringen"])}"/>{dot}</a>')
    out.append("</g>")
    y = height + 20
    out.append(f'<g class="kb-map__legend"><text x="20" y="{y + 60}">Praktijkvoorbeelden:</text>')
    for i, ((low, high), colour) in enumerate(zip(ranges, shades(ranges))):
        x = 760 + i * 380
        text = str(low) if low == high else f"{low}–{high}"
        out.append(f'<rect x="{x}" y="{y}" width="110" height="80" fill="{colour}" stroke="#1b1b1b" stroke-width="3"/>'
                   f'<text x="{x + 130}" y="{y + 62}">{text}</text>')
    out.append(f'<circle class="kb-dot" cx="60" cy="{y + 150}" r="30"/><text x="110" y="{y + 175}">'
               f'hergebruikt er praktijkvoorbeelden</text>')
    out.append(f'<text x="20" y="{y + 240}" style="font-size:44px">{escape(CREDIT)}</text></g></svg>')
    return "\n".join(out) + "\n"


def files(context: FeatureContext) -> dict[str, str | bytes]:
    rows = reach(context.catalog)
    env = context.templates(FOLDER)
    page = env.get_template("kaart.md.j2").render(here=PAGE, rows=rows)
    return {SVG: map_svg(rows), PAGE: page, **assets(FOLDER, ASSETS)}
