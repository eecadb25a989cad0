"""'Verwante praktijkvoorbeelden': the fast way of choosing them (catalog.related) picks exactly what
counting every other record would pick, on the real catalogue."""

from __future__ import annotations

from collections import Counter

from generator.catalog.catalog import PLACE_WEIGHT, PROFILE_WEIGHTS
from generator.catalog.facets import MUNICIPALITIES


def counted_the_slow_way(catalog, record_id: str, limit: int = 5) -> list[str]:
    counts: Counter[str] = Counter()
    for facet_id, weight in {MUNICIPALITIES: PLACE_WEIGHT, **PROFILE_WEIGHTS}.items():
        facet = catalog.facets.get(facet_id)
        for value in facet.for_record(record_id) if facet else ():
            for other in value.record_ids:
                counts[other] += weight
    counts.pop(record_id, None)
    rank = catalog._title_rank
    return sorted(counts, key=lambda other: (-counts[other], rank[other]))[:limit]


def test_related_records_are_the_ones_with_most_in_common(catalog):
    assert len(catalog.projects) > 20
    for record_id in catalog.projects:
        assert [r.id for r, _ in catalog.related(record_id)] == counted_the_slow_way(catalog, record_id), record_id


def test_reasons_name_what_is_shared(catalog):
    for record_id in catalog.projects:
        for other, reasons in catalog.related(record_id):
            assert reasons, (record_id, other.id)
            mine = {v.naam for f in catalog.facets.values() for v in f.for_record(record_id)}
            for reason in reasons:
                assert set(reason.split(": ", 1)[1].split(", ")) <= mine
