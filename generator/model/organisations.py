"""Organisations behind practices: municipalities from the CBS register and the others.

Editors name who built or reused a practice by name. A name resolves first to a
non-municipal organisation (content/organisaties.yaml: a fusion organisation, a
foundation, the fund itself), else to a municipality through the register. Either way we
know which municipalities it covers, so that a practice by Dienst Dommelvallei shows up
under Son en Breugel, Nuenen and Geldrop-Mierlo.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field

from generator.core.messages import Message, message
from generator.model.base import Id, Strict
from generator.model.records import validated_entries
from generator.model.register import Municipality, Register
from generator.core.text import closest, fold, suggestion_text


class OrganisationSpec(Strict):
    id: Id
    naam: str = Field(min_length=1)
    soort: str
    synoniemen: list[str] = Field(default_factory=list)
    gemeenten: list[str] = Field(default_factory=list)
    provincie: str | None = None
    bronnen: list[Id] = Field(default_factory=list, description=(
        "Id's uit content/bronnen.yaml waar soort en gemeenten vandaan komen: ook dit zijn feiten met een bron."))


@dataclass(frozen=True)
class Actor:
    """Someone named in a record: an organisation or a municipality, with the municipalities it covers."""

    slug: str
    naam: str
    soort: str
    municipalities: tuple[Municipality, ...]

    @property
    def is_municipality(self) -> bool:
        return self.soort == "gemeente"


@dataclass(frozen=True)
class Resolved:
    actor: Actor | None
    warning: Message | None = None
    error: Message | None = None


@dataclass(frozen=True)
class Directory:
    register: Register
    organisations: tuple[Actor, ...]
    _names: dict[str, Actor]

    @classmethod
    def build(cls, register: Register, data: object) -> tuple["Directory", list[tuple[tuple, str]]]:
        """From parsed organisaties.yaml; problems come back as (key path, message)."""
        actors: list[Actor] = []
        names: dict[str, Actor] = {}
        specs, problems = validated_entries(data, "organisaties", OrganisationSpec)
        for index, spec in specs:
            covered: list[Municipality] = []
            for position, name in enumerate(spec.gemeenten):
                found = register.resolve(name)
                if found.municipality is None:
                    problems.append((("organisaties", index, "gemeenten", position), found.error))
                else:
                    covered.append(found.municipality)
            if spec.provincie:
                province = register.resolve_province(spec.provincie)
                if province is None:
                    known = [p.naam for p in register.provinces]
                    problems.append((("organisaties", index, "provincie"), message(
                        "KB-E307", provincie=spec.provincie, suggestie=suggestion_text(closest(spec.provincie, known)),
                        toegestaan=", ".join(known))))
                else:
                    covered.extend(register.in_province(province.naam))
            actor = Actor(spec.id, spec.naam, spec.soort, tuple(sorted(set(covered), key=lambda m: m.code)))
            actors.append(actor)
            for name in (spec.id, spec.naam, *spec.synoniemen):
                names[fold(name)] = actor
        return cls(register, tuple(actors), names), problems

    def name_keys(self, actor: Actor) -> list[str]:
        """The folded names (name and synonyms) that resolve to this organisation, sorted."""
        return sorted(key for key, found in self._names.items() if found is actor)

    def resolve(self, name: str, until: str | None = None) -> Resolved:
        """An organisation (by id, name or synonym) or a municipality, or a Dutch explanation.

        `until` (YYYY-MM-DD) is the last day the record speaks of. A municipality that was dissolved
        after that day is the right name for it: it resolves to its successor without a warning and
        keeps its historical name ("Uden (nu Maashorst)"). Only a name that was already gone then
        is a mistake worth a warning.
        """
        organisation = self._names.get(fold(name))
        if organisation is not None:
            return Resolved(organisation)
        found = self.register.resolve(name)
        if found.municipality is not None:
            m = found.municipality
            former = found.former
            if former is not None and until is not None and until < former.einddatum.isoformat():
                return Resolved(Actor(m.slug, f"{former.naam} (nu {m.naam})", "gemeente", (m,)))
            return Resolved(Actor(m.slug, m.naam, "gemeente", (m,)), warning=found.warning)
        if found.error and not found.unknown:
            return Resolved(None, error=found.error)  # the register knows the name: ambiguous or split
        return Resolved(None, error=message("KB-E301", naam=" ".join(str(name).split()),
                                            suggestie=self.register.suggest(name, [a.naam for a in self.organisations])))
