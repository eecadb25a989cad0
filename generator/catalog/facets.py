"""Facets: the ways to slice the records, one small builder per kind.

A facet is a URL segment (`pad`), a name, and the values that occur, each with its records. The
kinds: every vocabulary that governs a project field (themes, domains, status, ...), and the
dimensions every record has: municipality, province, scheme (with the programmes above it) and
year. Each builder reads the content once, on its own; `build_facets` puts them together in
the order pages and search show them. The ids of the built-in facets are named here, once.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.core.dates import PartialDate
from generator.core.text import fold, slugify
from generator.model.content import Content, Record, lineage, parent_lookup
from generator.model.records import ProjectRecord
from generator.model.register import Municipality

MUNICIPALITIES, PROVINCES, SCHEMES, YEARS = "gemeenten", "provincies", "regelingen", "jaren"
REUSERS = "hergebruik"
"""Who reuses a record, apart from who built it: a search and wall filter only (no listing pages)."""
THEMES, DOMAINS, STATUSES = "themas", "domeinen", "status"
"""Built-in facets, and the vocabulary facets (their `pad` in content/vocabulaires.yaml) the site treats specially."""


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


def _indexed(records: Iterable[Record], keys: Callable[[Record], Iterable]) -> dict:
    """key -> ids of the records that have it, each id once per key, in record order."""
    index: dict = defaultdict(list)
    for record in records:
        for key in dict.fromkeys(keys(record)):
            index[key].append(record.id)
    return index


def vocabulary_facets(content: Content) -> dict[str, Facet]:
    """One facet per vocabulary that governs a project field, with every term, used or not."""
    facets = {}
    for vocabulary in content.vocabularies.by_id.values():
        fields = [path for kind, path, v in content.vocabularies.governed_fields() if v is vocabulary and kind == "projects"]
        if not fields:
            continue

        def terms(record: Record, fields=fields) -> list[str]:
            values = [getattr(record.model, name, None) for name in fields]
            return [t for value in values for t in (value if isinstance(value, list) else [value] if value else [])]

        ids = _indexed(content.projects.values(), terms)
        values = tuple(FacetValue(t.id, t.naam, tuple(sorted(ids.get(t.id, []))), t.omschrijving, (t.nummer or 0, index))
                       for index, t in enumerate(vocabulary.terms))
        facet_id = vocabulary.spec.pad or vocabulary.id
        facets[facet_id] = Facet(facet_id, vocabulary.spec.naam, vocabulary.spec.enkelvoud, vocabulary.spec.pad,
                                 values, search_key=vocabulary.spec.enkelvoud.lower())
    return facets


def _covered(record: Record) -> dict[str, Municipality]:
    """The municipalities a record's builders and reusers work for, by CBS code."""
    return {m.code: m for actor in (*record.builders, *record.reusers) for m in actor.municipalities}


def municipality_facet(content: Content) -> Facet:
    """Only municipalities with records: 342 empty values would be noise (the index lists the rest)."""
    municipalities = {code: m for record in content.projects.values() for code, m in _covered(record).items()}
    by_code = _indexed(content.projects.values(), lambda record: _covered(record))
    return Facet(MUNICIPALITIES, "Gemeenten", "Gemeente", MUNICIPALITIES, tuple(
        FacetValue(m.slug, m.naam, tuple(sorted(by_code[m.code])), m.provincie, (fold(m.naam),))
        for m in sorted(municipalities.values(), key=lambda m: fold(m.naam))), search_key="gemeente")


def province_facet(content: Content) -> Facet:
    """Every province, with or without records."""
    by_province = _indexed(content.projects.values(),
                           lambda record: sorted({m.provincie for m in _covered(record).values()}))
    provinces = content.register.provinces if content.register else ()
    return Facet(PROVINCES, "Provincies", "Provincie", PROVINCES, tuple(
        FacetValue(p.slug, p.naam, tuple(sorted(by_province.get(p.naam, []))), None, (fold(p.naam),))
        for p in provinces), search_key="provincie")


def scheme_facet(content: Content) -> Facet:
    """A record counts for its scheme and for every programme above it ('onderdeel_van')."""
    parent_of = parent_lookup(content.schemes, lambda scheme: scheme.model.onderdeel_van)

    def schemes(record: Record) -> list[str]:
        regeling = record.model.regeling  # type: ignore[attr-defined]
        return lineage(regeling, parent_of) if regeling in content.schemes else []

    by_scheme = _indexed(content.projects.values(), schemes)
    return Facet(SCHEMES, "Regelingen", "Regeling", SCHEMES, tuple(
        FacetValue(s.id, s.model.titel, tuple(sorted(by_scheme.get(s.id, []))), s.model.korte_beschrijving,
                   (fold(s.model.titel),))
        for s in sorted(content.schemes.values(), key=lambda s: fold(s.model.titel))), search_key="regeling")


def _years(model: ProjectRecord) -> list[int]:
    period = model.periode
    first = PartialDate.parse(period.start or period.einde) if period else None
    last = PartialDate.parse(period.einde or period.start) if period else None
    return list(range(first.year, last.year + 1)) if first and last else []


def year_facet(content: Content) -> Facet:
    """Every year a record's period touches; no pages, only search filters."""
    by_year = _indexed(content.projects.values(), lambda record: _years(record.model))
    return Facet(YEARS, "Jaren", "Jaar", None, tuple(
        FacetValue(str(year), str(year), tuple(sorted(ids)), None, (year,)) for year, ids in sorted(by_year.items())),
        search_key="jaar")


def reuse_facet(content: Content) -> Facet:
    """The municipalities and organisations that reuse records (`hergebruikt_door`), so a reader can
    tell "Houten reuses this" from "Houten built this"; the municipality facet holds both."""
    by_reuser = _indexed(content.projects.values(), lambda record: [actor.naam for actor in record.reusers])
    return Facet(REUSERS, "Hergebruikt door", "Hergebruikt door", None, tuple(
        FacetValue(slugify(name), name, tuple(sorted(ids)), None, (fold(name),))
        for name, ids in sorted(by_reuser.items(), key=lambda item: fold(item[0]))), search_key="hergebruikt")


def build_facets(content: Content) -> dict[str, Facet]:
    """Every facet, vocabularies first, in the order pages and search show them."""
    facets = vocabulary_facets(content)
    for facet in (municipality_facet(content), province_facet(content), scheme_facet(content), year_facet(content),
                  reuse_facet(content)):
        facets[facet.id] = facet
    return facets
