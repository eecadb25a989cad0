"""Controlled vocabularies, read from content/vocabulaires.yaml.

A vocabulary knows its terms and resolves what an editor typed (an id, a name or a
synonym, in any case or accent) to one canonical id, or explains what is allowed.
Which fields a vocabulary governs is part of the data (`velden`), so adding a field or a
value is a change to content, not to code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .diagnostics import explain_model_error
from .text import closest, fold, suggestion_text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Term(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    naam: str = Field(min_length=1)
    nummer: int | None = None
    omschrijving: str | None = None
    synoniemen: list[str] = Field(default_factory=list)


class VocabularySpec(_Strict):
    naam: str
    enkelvoud: str
    velden: list[str] = Field(default_factory=list)
    pad: str | None = Field(None, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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

    def explain_unknown(self, value: str) -> str:
        """Dutch message for a value outside the vocabulary, with the closest allowed values."""
        names = [t.id for t in self.spec.waarden] + [t.naam for t in self.spec.waarden]
        suggestions = []
        for candidate in closest(value, names + [s for t in self.spec.waarden for s in t.synoniemen]):
            term = self.resolve(candidate)
            if term and term.id not in suggestions:
                suggestions.append(term.id)
        allowed = ", ".join(t.id for t in self.spec.waarden)
        hint = suggestion_text(suggestions)
        return f"'{value}' staat niet in de woordenlijst '{self.id}'{hint}; toegestaan: {allowed}"


@dataclass(frozen=True)
class Vocabularies:
    by_id: dict[str, Vocabulary]

    @classmethod
    def from_data(cls, data: object) -> tuple["Vocabularies", list[tuple[tuple, str]]]:
        """Build from parsed YAML; problems come back as (key path, message) for the caller to place."""
        problems: list[tuple[tuple, str]] = []
        vocabularies: dict[str, Vocabulary] = {}
        if not isinstance(data, dict):
            return cls({}), [((), "het bestand moet woordenlijsten bevatten: 'id: {naam: …, waarden: […]}'")]
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
