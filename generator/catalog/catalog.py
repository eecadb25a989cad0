"""The catalogue: checked content turned into plain data the pages are made from.

No I/O and no engine: records by id, facets (value -> record ids) and related records.
Facets are built from data: every vocabulary that governs a project field, plus the
built-in dimensions a record always has (municipality, province, scheme, year). The same
facets feed the static listing pages and the search filters, so both show the same counts.
"""

from __future__ import annotations

import functools
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from generator.model.records import ProjectRecord, SchemeRecord
from generator.model.register import Municipality
from generator.core.dates import PartialDate
from generator.core.text import fold
from generator.model.content import Content, Record, lineage, parent_lookup


@dataclass(frozen=True)
class FacetValue:
    slug: str
    naam: str
    record_ids: tuple[str, ...]
    omschrijving: str | None = None
    sort_key: tuple = ()

    @property
    def count(self) -> int:
        return len(self.record_ids)


@dataclass(frozen=True, eq=False)
class Facet:
    """One way to slice the records: a URL segment (`pad`) and the values that occur."""

    id: str
    naam: str
    enkelvoud: str
    pad: str | None
    values: tuple[FacetValue, ...]
    search_key: str

    def value(self, slug: str) -> FacetValue | None:
        return self._by_slug.get(slug)

    def for_record(self, record_id: str) -> list[FacetValue]:
        return self._by_record.get(record_id, [])

    @functools.cached_property
    def _by_slug(self) -> dict[str, FacetValue]:
        return {v.slug: v for v in self.values}

    @functools.cached_property
    def _by_record(self) -> dict[str, list[FacetValue]]:
        """Built once: every page asks which values a record has, and there may be thousands of both."""
        index: dict[str, list[FacetValue]] = defaultdict(list)
        for value in self.values:
            for record_id in value.record_ids:
                index[record_id].append(value)
        return dict(index)


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
        weights = {"gemeenten": 3, "themas": 2, "domeinen": 1}
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


def _years(model: ProjectRecord) -> list[int]:
    period = model.periode
    first = PartialDate.parse(period.start or period.einde) if period else None
    last = PartialDate.parse(period.einde or period.start) if period else None
    return list(range(first.year, last.year + 1)) if first and last else []


def build_catalog(content: Content) -> Catalog:
    catalog = Catalog(content, dict(content.projects), dict(content.schemes))
    facets: dict[str, Facet] = {}

    for vocabulary in content.vocabularies.by_id.values():
        fields = [path for kind, path, v in content.vocabularies.governed_fields() if v is vocabulary and kind == "projects"]
        if not fields:
            continue
        ids: dict[str, list[str]] = defaultdict(list)
        for record in content.projects.values():
            for name in fields:
                value = getattr(record.model, name, None)
                for term_id in value if isinstance(value, list) else ([value] if value else []):
                    ids[term_id].append(record.id)
        values = tuple(FacetValue(t.id, t.naam, tuple(sorted(ids.get(t.id, []))), t.omschrijving, (t.nummer or 0, index))
                       for index, t in enumerate(vocabulary.terms))
        facet_id = vocabulary.spec.pad or vocabulary.id
        facets[facet_id] = Facet(facet_id, vocabulary.spec.naam, vocabulary.spec.enkelvoud, vocabulary.spec.pad,
                                 values, search_key=vocabulary.spec.enkelvoud.lower())

    by_code: dict[str, list[str]] = defaultdict(list)
    by_province: dict[str, list[str]] = defaultdict(list)
    by_year: dict[int, list[str]] = defaultdict(list)
    by_scheme: dict[str, list[str]] = defaultdict(list)
    municipalities: dict[str, Municipality] = {}

    parent_of = parent_lookup(content.schemes, lambda scheme: scheme.model.onderdeel_van)

    for record in content.projects.values():
        model: ProjectRecord = record.model  # type: ignore[assignment]
        covered = {m.code: m for actor in (*record.builders, *record.reusers) for m in actor.municipalities}
        municipalities.update(covered)
        for code in covered:
            by_code[code].append(record.id)
        for province in sorted({m.provincie for m in covered.values()}):
            by_province[province].append(record.id)
        for year in _years(model):
            by_year[year].append(record.id)
        if model.regeling in content.schemes:
            for scheme_id in lineage(model.regeling, parent_of):
                by_scheme[scheme_id].append(record.id)

    register = content.register
    facets["gemeenten"] = Facet("gemeenten", "Gemeenten", "Gemeente", "gemeenten", tuple(
        FacetValue(m.slug, m.naam, tuple(sorted(by_code[m.code])), m.provincie, (fold(m.naam),))
        for m in sorted(municipalities.values(), key=lambda m: fold(m.naam))), search_key="gemeente")
    provinces = register.provinces if register else ()
    facets["provincies"] = Facet("provincies", "Provincies", "Provincie", "provincies", tuple(
        FacetValue(p.slug, p.naam, tuple(sorted(by_province.get(p.naam, []))), None, (fold(p.naam),))
        for p in provinces), search_key="provincie")
    facets["regelingen"] = Facet("regelingen", "Regelingen", "Regeling", "regelingen", tuple(
        FacetValue(s.id, s.model.titel, tuple(sorted(by_scheme.get(s.id, []))), s.model.korte_beschrijving, (fold(s.model.titel),))
        for s in sorted(content.schemes.values(), key=lambda s: fold(s.model.titel))), search_key="regeling")
    facets["jaren"] = Facet("jaren", "Jaren", "Jaar", None, tuple(
        FacetValue(str(year), str(year), tuple(sorted(ids)), None, (year,)) for year, ids in sorted(by_year.items())),
        search_key="jaar")
    catalog.facets = facets
    return catalog
