"""Controlled vocabularies, read from content/vocabulaires.yaml.

A vocabulary knows its terms and resolves what an editor typed (an id, a name or a
synonym, in any case or accent) to one canonical id, or explains what is allowed.
Which fields a vocabulary governs is part of the data (`velden`), so adding a field or a
value is a change to content, not to code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pydantic import Field, ValidationError

from generator.core import reserved
from generator.core.diagnostics import explain_model_error
from generator.core.messages import Message, message
from generator.core.text import closest, fold, suggestion_text
from generator.model.base import Id, Strict

Problems = list[tuple[tuple, Message]]


class Term(Strict):
    id: Id
    naam: str = Field(min_length=1)
    nummer: int | None = None
    omschrijving: str | None = None
    synoniemen: list[str] = Field(default_factory=list)
    bron_nodig: bool = Field(False, description="Statussen: een record met deze waarde noemt in status_bron wie het zegt.")
    einde_bereikt: bool = Field(False, description=(
        "Statussen: deze waarde zegt dat het werk voorbij is, dus niet vóór het einde van de looptijd."))


class VocabularySpec(Strict):
    naam: str
    enkelvoud: str
    velden: list[str] = Field(default_factory=list)
    pad: Id | None = None
    bron: str | None = None
    waarden: list[Term] = Field(min_length=1)


@dataclass(frozen=True)
class Vocabulary:
    id: str
    spec: VocabularySpec

    @property
    def terms(self) -> list[Term]:
        return list(self.spec.waarden)

    def term(self, term_id: str) -> Term:
        for term in self.spec.waarden:
            if term.id == term_id:
                return term
        raise KeyError(term_id)

    @cached_property
    def _by_folded_name(self) -> dict[str, Term]:
        """Every folded id, name and synonym to its term; the first term to claim a form keeps it."""
        forms: dict[str, Term] = {}
        for term in self.spec.waarden:
            for form in (term.id, term.naam, *term.synoniemen):
                forms.setdefault(fold(form), term)
        return forms

    def resolve(self, value: str) -> Term | None:
        return self._by_folded_name.get(fold(value))

    def explain_unknown(self, value: str, published_field: str | None = None) -> Message:
        """Dutch message for a value outside the vocabulary, with the closest allowed values.

        A value that is one word of a longer term ('digitalisering') suggests that term too; and
        where the field has a `…_zoals_gepubliceerd` companion, the message names it, because a
        source's own word that fits no term belongs there rather than forced into the list.
        """
        names = [t.id for t in self.spec.waarden] + [t.naam for t in self.spec.waarden]
        suggestions = []
        for candidate in closest(value, names + [s for t in self.spec.waarden for s in t.synoniemen]):
            term = self.resolve(candidate)
            if term and term.id not in suggestions:
                suggestions.append(term.id)
        words = set(fold(value).split())
        for term in self.spec.waarden:
            forms = (term.id.replace("-", " "), fold(term.naam), *map(fold, term.synoniemen))
            if words and term.id not in suggestions and any(words <= set(form.split()) for form in forms):
                suggestions.append(term.id)
        allowed = ", ".join(t.id for t in self.spec.waarden)
        hint = suggestion_text(suggestions[:3])
        if published_field:
            return message("KB-E207", waarde=value, woordenlijst=self.id, suggestie=hint, toegestaan=allowed,
                           veld=published_field)
        return message("KB-E201", waarde=value, woordenlijst=self.id, suggestie=hint, toegestaan=allowed)


@dataclass(frozen=True)
class Vocabularies:
    by_id: dict[str, Vocabulary]

    @classmethod
    def from_data(cls, data: object) -> tuple["Vocabularies", Problems]:
        """Build from parsed YAML; problems come back as (key path, message) for the caller to place."""
        problems: Problems = []
        vocabularies: dict[str, Vocabulary] = {}
        if not isinstance(data, dict):
            return cls({}), [((), message("KB-E603"))]
        for vocab_id, spec in data.items():
            try:
                vocabularies[vocab_id] = Vocabulary(vocab_id, VocabularySpec.model_validate(spec))
            except ValidationError as exc:
                for err in exc.errors():
                    problems.append(((vocab_id, *err["loc"]), explain_model_error(VocabularySpec, err)))
        return cls(vocabularies), problems

    def for_field(self, kind: str, field_path: str) -> Vocabulary | None:
        """The vocabulary governing `kind.field_path` (e.g. 'projects', 'themas'), if any."""
        wanted = f"{kind}.{field_path}"
        for vocabulary in self.by_id.values():
            if wanted in vocabulary.spec.velden:
                return vocabulary
        return None

    def governed_fields(self) -> list[tuple[str, str, Vocabulary]]:
        """Every (kind, dotted field path, vocabulary) the data declares."""
        out = []
        for vocabulary in self.by_id.values():
            for dotted in vocabulary.spec.velden:
                kind, _, path = dotted.partition(".")
                out.append((kind, path, vocabulary))
        return out

    def get(self, vocab_id: str) -> Vocabulary | None:
        return self.by_id.get(vocab_id)

    def with_pages(self) -> list[Vocabulary]:
        """Vocabularies that get a listing page per value (they declare a URL segment)."""
        return [v for v in self.by_id.values() if v.spec.pad]

    def site_problems(self, fields_of: dict[str, dict[str, bool]]) -> Problems:
        """What the vocabularies ask of the rest of the site: real fields, free folders, free page names.

        `fields_of` maps a kind ('projects') to its dotted field paths and whether each holds text.
        """
        problems: Problems = []
        governed: dict[str, str] = {}
        folders: dict[str, str] = {}
        for vocabulary in self.by_id.values():
            problems += velden_problems(vocabulary, fields_of, governed)
            problems += pad_problems(vocabulary, folders)
            problems += value_id_problems(vocabulary)
        return problems


def velden_problems(vocabulary: Vocabulary, fields_of: dict[str, dict[str, bool]], governed: dict[str, str]) -> Problems:
    """Every entry of `velden` names a text field of a kind, once over all vocabularies (`governed` remembers)."""
    problems: Problems = []
    every = [f"{kind}.{path}" for kind, paths in fields_of.items() for path in paths]
    for index, dotted in enumerate(vocabulary.spec.velden):
        kind, _, path = dotted.partition(".")
        where = (vocabulary.id, "velden", index)
        hint = suggestion_text(closest(dotted, every))
        if kind not in fields_of:
            problems.append((where, message("KB-E604", veld=dotted, suggestie=hint, soorten=", ".join(fields_of))))
        elif path not in fields_of[kind]:
            problems.append((where, message("KB-E605", veld=path, soort=kind, suggestie=hint)))
        elif not fields_of[kind][path]:
            problems.append((where, message("KB-E606", veld=dotted)))
        elif dotted in governed:
            problems.append((where, message("KB-E607", veld=dotted, woordenlijst=governed[dotted])))
        else:
            governed[dotted] = vocabulary.id
    return problems


def pad_problems(vocabulary: Vocabulary, folders: dict[str, str]) -> Problems:
    """A vocabulary's folder (`pad`) is free: not the site's own and not another vocabulary's (`folders` remembers)."""
    pad = vocabulary.spec.pad
    if not pad:
        return []
    problem = reserved.folder_problem(pad)
    if problem is None and pad in folders:
        problem = message("KB-E608", pad=pad, woordenlijst=folders[pad])
    folders.setdefault(pad, vocabulary.id)
    return [((vocabulary.id, "pad"), problem)] if problem else []


def value_id_problems(vocabulary: Vocabulary) -> Problems:
    """Value ids are unique; with a `pad` every value gets a page there, so no id may be one the site uses."""
    problems: Problems = []
    first: dict[str, int] = {}
    for index, term in enumerate(vocabulary.spec.waarden):
        where = (vocabulary.id, "waarden", index, "id")
        taken = reserved.id_problem(term.id, "id") if vocabulary.spec.pad else None
        if term.id in first:
            problems.append((where, message("KB-E609", id=term.id, eerder=first[term.id] + 1)))
        elif taken:
            problems.append((where, taken))
        first.setdefault(term.id, index)
    return problems
