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
from generator.catalog.facets import MUNICIPALITIES, THEMES, DOMAINS, Facet, build_facets
from generator.model.content import Content, Record


PLACE_WEIGHT = 3
PROFILE_WEIGHTS = {THEMES: 2, DOMAINS: 1}
"""How much a shared municipality, theme or domain counts towards 'related' (per shared value)."""


def reuse_count(record: Record) -> int:
    """How many organisations reuse the record: the named reusers (`Record.reusers`), or the number
    a source gives without names (`hergebruik_aantal`, "meer dan 20 gemeenten") when that is more.
    The one count behind the record page's sort key, the wall and the sorted listings."""
    counted = getattr(record.model, "hergebruik_aantal", None)
    return max(len(record.reusers), counted.aantal if counted is not None else 0)


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
        """Records sharing a municipality, theme or domain, most in common first (a shared
        municipality weighs 3, a theme 2, the domain 1; ties in title order), with the reasons.

        Not a count over every record (which made the site's build grow with the square of its
        size): the records of the record's own municipalities are counted directly (about one in
        120 of all records each, at 5,000); for themes and domain only a candidate's combination
        of values matters, and those combinations are few (see _profiles), so the best candidates
        that share no municipality come from walking the profiles, best first, in title order.
        """
        rank = self._title_rank
        place = self.facets.get(MUNICIPALITIES)
        local: Counter[str] = Counter()
        for value in place.for_record(record_id) if place else ():
            local.update(value.record_ids)
        local.pop(record_id, None)
        profile_of, scores, ranked = self._profiles
        mine = profile_of[record_id]
        in_common = scores(mine)
        scored = {other: PLACE_WEIGHT * shared + in_common[profile_of[other]] for other, shared in local.items()}
        for score, members in ranked(mine):
            if len(scored) - len(local) >= limit:
                break
            for other in heapq.merge(*members, key=rank.__getitem__):
                if other != record_id and other not in scored:
                    scored[other] = score
                    if len(scored) - len(local) >= limit:
                        break
        best = sorted(scored, key=lambda other: (-scored[other], rank[other]))[:limit]
        return [(self.projects[other], self._reasons(record_id, other)) for other in best]

    def _reasons(self, record_id: str, other: str) -> list[str]:
        reasons = []
        for facet_id in (MUNICIPALITIES, THEMES, DOMAINS):
            facet = self.facets.get(facet_id)
            if facet is None:
                continue
            theirs = facet.for_record(other)
            names = [v.naam for v in facet.for_record(record_id) if v in theirs]
            if names:
                reasons.append(f"{facet.enkelvoud.lower()}: {', '.join(names)}")
        return reasons

    @functools.cached_property
    def _profiles(self):
        """A record's profile is its set of themes and its set of domains. Returns: each record's
        profile; per profile, the score of every profile against it; and per profile the records
        of the others grouped by score, best first, each group in title order (score 0, nothing in
        common, left out). The last two are worked out once per profile, when first asked for."""
        facets = [self.facets.get(facet_id) for facet_id in PROFILE_WEIGHTS]
        profile_of = {record_id: tuple(frozenset(v.slug for v in facet.for_record(record_id)) if facet else frozenset()
                                       for facet in facets)
                      for record_id in self.projects}
        members: dict[tuple, list[str]] = {}
        for record_id in sorted(self.projects, key=self._title_rank.__getitem__):
            members.setdefault(profile_of[record_id], []).append(record_id)

        weights = tuple(PROFILE_WEIGHTS.values())

        @functools.cache
        def scores(profile: tuple) -> dict[tuple, int]:
            return {other: sum(w * len(a & b) for w, a, b in zip(weights, profile, other)) for other in members}

        @functools.cache
        def ranked(profile: tuple) -> list[tuple[int, list[list[str]]]]:
            by_score: dict[int, list[list[str]]] = {}
            for other, score in scores(profile).items():
                if score:
                    by_score.setdefault(score, []).append(members[other])
            return sorted(by_score.items(), key=lambda item: -item[0])

        return profile_of, scores, ranked

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
