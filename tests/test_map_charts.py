"""The map and the charts without a browser: the committed shapes cover the register, one mark per
municipality with records (linked, counted as the municipality facet counts), and bar charts that say
the catalogue's numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from generator.catalog.facets import MUNICIPALITIES
from generator.features import FeatureContext
from generator.features.grafieken import grafieken
from generator.features.kaart import kaart
from generator.render.renderer import Renderer
from generator.render.settings import SiteSettings

SVG = "{http://www.w3.org/2000/svg}"


def feature_files(feature, catalog) -> dict:
    renderer = Renderer(catalog, SiteSettings())
    return feature.files(FeatureContext(catalog, renderer.settings, renderer.env))


def test_committed_shapes_cover_every_current_municipality(catalog):
    """The shapes are CBS 2025; the register is too: every current municipality can be drawn."""
    codes = set(kaart.shapes()["gemeenten"])
    assert codes == {m.code for m in catalog.content.register.municipalities}


def test_one_linked_mark_per_municipality_with_records(catalog):
    files = feature_files(kaart, catalog)
    root = ET.fromstring(files[kaart.SVG])
    marks = root.findall(f".//{SVG}a")
    facet = catalog.facets[MUNICIPALITIES]
    with_records = {v.slug: v.count for v in facet.values if v.count}
    linked = {}
    for mark in marks:
        slug = re.fullmatch(r"\.\./gemeenten/([^/]+)/", mark.get("href")).group(1)
        count = int(re.search(r": (\d+) praktijkvoorbeeld", mark.get("aria-label")).group(1))
        assert mark.find(f"{SVG}path") is not None
        linked[slug] = count
    assert linked == with_records
    drawn = len(root.findall(f".//{SVG}path"))
    assert drawn == len(kaart.shapes()["gemeenten"]), "elke gemeente één vorm (ook zonder praktijkvoorbeelden)"
    page = files[kaart.PAGE]
    rows = re.findall(r'<tr data-code="(GM\d{4})"><th scope="row"><a href="\.\./gemeenten/([^/]+)/">[^<]+</a></th>'
                      r"<td>[^<]+</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td></tr>", page)
    assert {slug: int(total) for _code, slug, _built, _reused, total in rows} == with_records


def test_former_municipalities_count_for_their_successor(catalog):
    register = catalog.content.register
    rows = kaart.reach(catalog)
    current = {m.code for m in register.municipalities}
    assert all(r.code in current for r in rows)
    record = catalog.projects["uden-rolwisseling-netwerk-van-voorzieningen"]  # names Uden, now Maashorst
    successor = catalog.municipalities_of(record)[0]
    assert successor.naam == "Maashorst"
    assert any(r.code == successor.code and r.ontwikkeld >= 1 for r in rows)


def test_shades_step_in_lightness_and_classes_cover_every_count():
    assert kaart.classes([1, 2, 3, 9]) == [(1, 1), (2, 3), (4, 7), (8, 9)]
    assert kaart.classes([40]) == [(1, 1), (2, 3), (4, 7), (8, 15), (16, 40)]
    ranges = kaart.classes([1, 3])
    assert len(set(kaart.shades(ranges))) == 2

    def lightness(colour: str) -> float:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    values = [lightness(c) for c in (kaart.EMPTY, *kaart.SHADES)]
    assert all(a - b > 12 for a, b in zip(values, values[1:])), "elke tint duidelijk donkerder (ook in grijs)"


def test_charts_show_the_catalogue_counts(catalog):
    files = feature_files(grafieken, catalog)
    for facet_id in grafieken.CHARTS:
        root = ET.fromstring(files[grafieken.chart_path(facet_id)])
        texts = [t.text for t in root.findall(f"{SVG}text")]
        values = sorted(catalog.facets[facet_id].values, key=lambda v: v.sort_key)
        assert len(root.findall(f"{SVG}rect")) == len(values)
        bars_text = texts[2:] if "(" in grafieken.CHARTS[facet_id] else texts[1:]
        shown = list(zip(bars_text[0::2], bars_text[1::2]))
        assert shown == [(grafieken.shorten(v.naam), str(v.count)) for v in values], facet_id
