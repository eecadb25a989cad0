"""Derive the map's shapes from the CBS/PDOK boundaries: run once by hand, the result is committed.

    python -m generator.features.kaart.derive ../shared/reference/gemeenten_2025_rd.geojson

Source: `gemeenten_2025_rd.geojson` in the project's shared reference folder, a copy of cartomap/nl's
`rd/gemeente_2025.geojson`: the CBS/PDOK layer `gemeente_gegeneraliseerd` 2025, in RD New
(EPSG:28992), integer metres. Licence: CBS/PDOK open data; CBS asks for the credit "© CBS" on a map
(shown under every map: "© CBS / PDOK (CBS Gebiedsindelingen), vereenvoudigd door cartomap/nl").

What this keeps, in data/gemeenten.json: per CBS code the rings of the municipality, simplified
further (Douglas-Peucker, TOLERANCE metres) and rounded to GRID metres, as integer grid
coordinates with y pointing down (SVG's way), and the centroid of its largest ring. No map library,
no projection at build time: RD is already a flat metric grid, so the SVG draws it as it is.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOLERANCE = 300
GRID = 100
OUT = Path(__file__).parent / "data" / "gemeenten.json"
TOP = 620_000  # north edge in RD metres, above the northernmost coordinate (619,172)
LEFT = 13_000  # west edge, left of the westernmost (13,565)


def simplify(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """Douglas-Peucker on an open polyline, iteratively (rings have up to a few hundred points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs(dy * (x - x1) - dx * (y - y1)) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep) if kept]


def ring_area(ring: list[tuple[int, int]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def centroid(ring: list[tuple[int, int]]) -> tuple[int, int]:
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not area:
        return ring[0]
    return round(cx / (3 * area)), round(cy / (3 * area))


def derive(geojson: dict) -> dict:
    out = {}
    for feature in sorted(geojson["features"], key=lambda f: f["properties"]["statcode"]):
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = []
        for polygon in polygons:
            outer = [(x, y) for x, y in polygon[0]]
            simplified = simplify(outer[:-1] if outer[0] == outer[-1] else outer, TOLERANCE)
            grid = [(round((x - LEFT) / GRID), round((TOP - y) / GRID)) for x, y in simplified]
            grid = [p for i, p in enumerate(grid) if i == 0 or p != grid[i - 1]]
            if len(grid) >= 3:
                rings.append(grid)
        if not rings:
            continue
        largest = max(rings, key=ring_area)
        out[feature["properties"]["statcode"]] = {
            "naam": feature["properties"]["statnaam"],
            "midden": list(centroid(largest)),
            "ringen": [[c for point in ring for c in point] for ring in rings],
        }
    return out


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else Path(__file__).resolve().parents[4] / "shared" / "reference" / "gemeenten_2025_rd.geojson"
    shapes = derive(json.loads(source.read_text(encoding="utf-8")))
    OUT.write_text(json.dumps({"bron": "CBS/PDOK gemeente_gegeneraliseerd 2025 (RD New), via cartomap/nl",
                               "raster_m": GRID, "tolerantie_m": TOLERANCE, "links_m": LEFT, "boven_m": TOP,
                               "gemeenten": shapes}, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{len(shapes)} gemeenten, {sum(len(r) // 2 for s in shapes.values() for r in s['ringen'])} punten -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
