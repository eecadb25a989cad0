"""The catalogue: checked content turned into plain data the pages are made from.

No I/O and no engine: records by id, facets (value -> record ids) and related records.
Facets are built from data: every vocabulary that governs a project field, plus the
built-in dimensions a record always has (municipality, province, scheme, year). The same
facets feed the static listing pages and the search filters, so both show the same counts.
"""

from __future__ import annotations

import functools
import heapq
from collections import Counter
from dataclasses import dataclass, field

from generator.model.records import ProjectRecord, SchemeRecord
from generator.model.register import Municipality
from generator.core.text import fold
from generator.catalog.facets import MUNICIPALITIES, THEMES, DOMAINS, Facet, FacetValue, build_facets
from generator.model.content import Content, Record


@dataclass
class Catalog:
    content: Content
    projects: dict[str, Record]
    schemes: dict[str, Record]
    facets: dict[str, Facet] = field(default_factory=dict)

    def project(self, record_id: str) -> ProjectRecord:
        return self.projects[record_id].model  # type: ignore[return-value]

    def scheme(self, scheme_id: str) -> SchemeRecord:
        return self.schemes[scheme_id].model  # type: ignore[return-value]

    def sorted_projects(self, ids=None) -> list[Record]:
        chosen = self.projects if ids is None else ids
        rank = self._title_rank
        return [self.projects[i] for i in sorted(chosen, key=rank.__getitem__)]

    def data_date(self) -> str:
        """When the data last changed: the newest `laatst_beoordeeld` of any record or scheme
        (YYYY-MM-DD, '' without records). A date from the content, so builds stay reproducible."""
        dates = [r.model.laatst_beoordeeld for r in (*self.projects.values(), *self.schemes.values())]
        return max(dates).isoformat() if dates else ""

    def newest(self, count: int) -> list[Record]:
        """Most recent first, by the start (or end) of the period; records without a period last."""
        def key(record: Record):
            period = record.model.periode  # type: ignore[attr-defined]
            date = (period.start or period.einde) if period else None
            return (date or "0000", record.id)
        return sorted(self.projects.values(), key=key, reverse=True)[:count]

    def municipalities_of(self, record: Record, reuse: bool = False) -> list[Municipality]:
        actors = record.reusers if reuse else record.builders
        return sorted({m for actor in actors for m in actor.municipalities}, key=lambda m: m.naam)

    def related(self, record_id: str, limit: int = 5) -> list[tuple[Record, list[str]]]:
        """Records sharing a municipality, theme or domain, most in common first, with the reasons.

        Counting runs in C (Counter.update over each shared value's records), because a theme
        can hold a large share of all records; reasons are worked out for the winners only.
        """
        weights = {MUNICIPALITIES: 3, THEMES: 2, DOMAINS: 1}
        counts: Counter[str] = Counter()
        mine: dict[str, list[FacetValue]] = {}
        for facet_id, weight in weights.items():
            facet = self.facets.get(facet_id)
            if facet is None:
                continue
            mine[facet_id] = facet.for_record(record_id)
            for value in mine[facet_id]:
                for _ in range(weight):
                    counts.update(value.record_ids)
        counts.pop(record_id, None)
        rank = self._title_rank
        best = heapq.nsmallest(limit, counts, key=lambda other: (-counts[other], rank[other]))
        related = []
        for other in best:
            reasons = []
            for facet_id, values in mine.items():
                theirs = self.facets[facet_id].for_record(other)
                names = [v.naam for v in values if v in theirs]
                if names:
                    reasons.append(f"{self.facets[facet_id].enkelvoud.lower()}: {', '.join(names)}")
            related.append((self.projects[other], reasons))
        return related

    @functools.cached_property
    def _title_rank(self) -> dict[str, int]:
        """Position of each record in title order: the tie-breaker wherever records are listed."""
        ordered = sorted(self.projects.values(), key=lambda r: (fold(r.model.titel), r.id))
        return {record.id: index for index, record in enumerate(ordered)}

    def child_schemes(self, scheme_id: str) -> list[Record]:
        return [s for s in self.schemes.values() if s.model.onderdeel_van == scheme_id]  # type: ignore[attr-defined]


def build_catalog(content: Content) -> Catalog:
    catalog = Catalog(content, dict(content.projects), dict(content.schemes))
    catalog.facets = build_facets(content)
    return catalog
