"""Charts: horizontal bar charts as static SVG files, made at build time from the catalogue's facets.

One chart per facet in CHARTS (records per theme, domain, year, scheme, province), written to
assets/kennisbank/grafieken/<facet>.svg and shown as an <img> (templates/_figuren.j2 in the
renderer's templates, which the home page and the overviews share). The same counts are in the
page as text: a table under each chart on the home page, the list of values on an overview. No chart
library: a bar chart is a few rectangles, and a template-free writer keeps the file small and exact.
One dark colour for every bar, a value at the end of each bar and a light grid: readable in
grayscale and in print.
"""

from __future__ import annotations

from markupsafe import escape

from generator.catalog.catalog import Catalog
from generator.catalog.facets import DOMAINS, PROVINCES, SCHEMES, THEMES, YEARS
from pathlib import Path

from generator.features import ASSET_FOLDER, FeatureContext, assets

CHARTS = {
    THEMES: "Praktijkvoorbeelden per thema (thema's van de innovatieagenda)",
    DOMAINS: "Praktijkvoorbeelden per domein",
    YEARS: "Praktijkvoorbeelden per jaar (lopend in dat jaar)",
    SCHEMES: "Praktijkvoorbeelden per regeling (programma's tellen hun onderdelen mee)",
    PROVINCES: "Praktijkvoorbeelden per provincie",
}
FOLDER = Path(__file__).parent
BAR = "#1f3f66"
ROW, BAR_WIDTH, FONT = 42, 300, 14
"""Each label stands above its bar, so a chart is 360 units wide and stays legible on a 360 px phone."""


def chart_path(facet_id: str) -> str:
    return f"{ASSET_FOLDER}/grafieken/{facet_id}.svg"


def bars(catalog: Catalog, facet_id: str) -> list[tuple[str, int]]:
    """(label, records) in the facet's own order (vocabulary order, years ascending, names A-Z)."""
    facet = catalog.facets.get(facet_id)
    if facet is None:
        return []
    return [(v.naam, v.count) for v in sorted(facet.values, key=lambda v: v.sort_key)]


def shorten(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(title: str, rows: list[tuple[str, int]]) -> str:
    """A horizontal bar chart: each label above its bar, scaled to the largest count, the count after the bar."""
    highest = max((count for _, count in rows), default=0) or 1
    heading, _, note = title.partition(" (")  # a remark in brackets goes on a line of its own
    top = 36 + (18 if note else 0)
    width = BAR_WIDTH + 60
    height = top + ROW * len(rows) + 6
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-labelledby="t">',
           f'<title id="t">{escape(title)}</title>',
           f'<style>text{{font:{FONT}px sans-serif;fill:#1b1b1b}}.n{{font-weight:700}}</style>',
           f'<text x="0" y="18" class="n">{escape(heading)}</text>']
    if note:
        out.append(f'<text x="0" y="36">({escape(note)}</text>')
    for step in range(0, 5):
        x = BAR_WIDTH * step / 4
        out.append(f'<line x1="{x:.0f}" y1="{top - 6}" x2="{x:.0f}" y2="{height - 4}" stroke="#d0d0d0"/>')
    for index, (label, count) in enumerate(rows):
        y = top + index * ROW
        length = BAR_WIDTH * count / highest
        out.append(f'<text x="0" y="{y + 13}">{escape(shorten(label))}</text>'
                   f'<rect x="0" y="{y + 18}" width="{length:.1f}" height="{ROW - 24}" fill="{BAR}"/>'
                   f'<text x="{length + 6:.1f}" y="{y + 32}" class="n">{count}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def files(context: FeatureContext) -> dict[str, str | bytes]:
    charts = {chart_path(facet_id): bar_chart(title, bars(context.catalog, facet_id))
              for facet_id, title in CHARTS.items() if facet_id in context.catalog.facets}
    return {**charts, **assets(FOLDER, ("grafieken.css",))}
