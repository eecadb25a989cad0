"""The support files (vocabularies, register, organisations, sources), each problem placed in its own file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


from generator.core.diagnostics import Diagnostic, error
from generator.core.messages import Message, message
from generator.load.files import KeyPath, dotted as _dotted, load_yaml_file
from generator.model import records as models
from generator.model.content import Source
from generator.model.organisations import Directory, OrganisationSpec
from generator.model.register import Register
from generator.model.vocab import Vocabularies
from generator.validate.discovery import shown_path
from generator.validate.records import values_at


def _place(diagnostics: list[Diagnostic], shown: str, positions: dict, problems: list[tuple[tuple, Message]]) -> None:
    for key_path, text in problems:
        line, col = _position(positions, key_path)
        diagnostics.append(error(shown, line, col, _dotted(key_path), text))


def _position(positions: dict, key_path: KeyPath) -> tuple[int, int]:
    path = tuple(key_path)
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return positions.get((), (1, 1)) if positions.get((), (0, 0))[0] > 0 else (1, 1)


def load_support(root: Path, diagnostics: list[Diagnostic]) -> tuple[Vocabularies, Directory | None, dict[str, Source]]:
    """Vocabularies, register, organisations and sources; each problem is placed in its own file."""
    def read(name: str) -> tuple[Any, dict, str]:
        path = root / name
        shown = shown_path(path)
        if not path.exists() and not path.is_symlink():
            diagnostics.append(error(shown, 1, 1, "", message("KB-E601", naam=name)))
            return None, {}, shown
        data, positions, problems = load_yaml_file(path, shown)
        diagnostics.extend(problems)
        return data, positions, shown

    data, positions, shown = read("vocabulaires.yaml")
    vocabularies, problems = Vocabularies.from_data(data if data is not None else {})
    _place(diagnostics, shown, positions, problems + vocabularies.site_problems(_fields_of_kinds()))

    directory = None
    data, positions, shown = read("gemeenten.yaml")
    if data is not None:
        try:
            register = Register.from_data(data)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            diagnostics.append(error(shown, 1, 1, "", message("KB-E602", fout=exc)))
        else:
            org_data, org_positions, org_shown = read("organisaties.yaml")
            directory, problems = Directory.build(register, org_data or {})
            _place(diagnostics, org_shown, org_positions,
                   problems + _governed_problems(vocabularies, "organisaties", org_data))

    data, positions, shown = read("bronnen.yaml")
    specs, problems = models.validated_entries(data, "bronnen", models.Source)
    _place(diagnostics, shown, positions, problems)
    sources = {spec.id: Source(spec.id, spec.titel, spec.uitgever or "", spec.jaar, spec.bestand, spec.url,
                              spec.gepubliceerd, spec.geraadpleegd and spec.geraadpleegd.isoformat()) for _, spec in specs}
    return vocabularies, directory, sources


def _fields_of_kinds() -> dict[str, dict[str, bool]]:
    """Every field path that `velden` in vocabulaires.yaml may name, per kind (records and organisations)."""
    return {**{kind: models.field_paths(model) for kind, model in models.RECORD_MODELS.items()},
            "organisaties": models.field_paths(OrganisationSpec)}


def _governed_problems(vocabularies: Vocabularies, key: str, data: Any) -> list[tuple[tuple, Message]]:
    """Values in a support file (organisaties.yaml) that a vocabulary governs but does not know."""
    entries = data.get(key) if isinstance(data, dict) else None
    problems = []
    for kind, dotted, vocabulary in vocabularies.governed_fields():
        for index, entry in enumerate(entries if kind == key and isinstance(entries, list) else []):
            problems += [((key, index, *key_path), vocabulary.explain_unknown(value))
                         for key_path, value in values_at(entry, dotted.split("."))
                         if isinstance(value, str) and vocabulary.resolve(value) is None]
    return problems
