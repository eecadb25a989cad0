"""Checking content: every record against its model, the vocabularies, the register and each other.

`check_content` never stops at the first problem: it collects every diagnostic, for every
file, so an editor fixes a pull request in one round. The result also carries the records
that passed (with vocabulary values made canonical), which is what the catalogue is built
from: the site and `check` see exactly the same data.
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, get_args, get_origin

from pydantic import BaseModel, ValidationError

from . import models
from .diagnostics import Diagnostic, Severity, error, warning
from .load import KeyPath, LoadedFile, is_inside, load_file, load_yaml_file
from .models import ID_PATTERN, ProjectRecord, RecordBase, SchemeRecord
from .organisations import Actor, Directory
from .register import Register
from .text import closest, slugify, suggestion_text
from .vocab import Vocabularies

KINDS = ("projects", "schemes")
BODY_KEY = "tekst"


@dataclass(frozen=True)
class Source:
    id: str
    titel: str
    uitgever: str
    jaar: int | None
    bestand: str | None


@dataclass(frozen=True)
class Record:
    """A record that passed validation: its canonical model, actors and where it came from."""

    kind: str
    id: str
    path: str
    model: RecordBase
    body: str
    body_line: int
    builders: tuple[Actor, ...] = ()
    reusers: tuple[Actor, ...] = ()


@dataclass
class Content:
    """Everything read from one content folder, plus the problems found."""

    root: Path
    vocabularies: Vocabularies
    directory: Directory | None
    sources: dict[str, Source]
    projects: dict[str, Record] = field(default_factory=dict)
    schemes: dict[str, Record] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def register(self) -> Register | None:
        return self.directory.register if self.directory else None


# ---------------------------------------------------------------- support data

def _place(diagnostics: list[Diagnostic], shown: str, positions: dict, problems: list[tuple[tuple, str]]) -> None:
    for key_path, message in problems:
        line, col = _position(positions, key_path)
        diagnostics.append(error(shown, line, col, _dotted(key_path), message))


def _position(positions: dict, key_path: KeyPath) -> tuple[int, int]:
    path = tuple(key_path)
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return positions.get((), (1, 1)) if positions.get((), (0, 0))[0] > 0 else (1, 1)


def _dotted(key_path: KeyPath) -> str:
    out = ""
    for part in key_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(path: Path) -> str:
    """Paths in messages are relative to the working folder when possible, with forward slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


def load_support(root: Path, diagnostics: list[Diagnostic]) -> tuple[Vocabularies, Directory | None, dict[str, Source]]:
    """Vocabularies, register, organisations and sources; each problem is placed in its own file."""
    def read(name: str) -> tuple[Any, dict, str]:
        path = root / name
        shown = _shown(path)
        if not path.is_file():
            diagnostics.append(error(shown, 1, 1, "", f"bestand ontbreekt: {name} hoort in de contentmap"))
            return None, {}, shown
        data, positions, problems = load_yaml_file(path, shown)
        diagnostics.extend(problems)
        return data, positions, shown

    data, positions, shown = read("vocabulaires.yaml")
    vocabularies, problems = Vocabularies.from_data(data if data is not None else {})
    _place(diagnostics, shown, positions, problems)

    directory = None
    data, positions, shown = read("gemeenten.yaml")
    if data is not None:
        try:
            register = Register.from_data(data)
        except (KeyError, TypeError, ValueError) as exc:
            diagnostics.append(error(shown, 1, 1, "", f"register kan niet gelezen worden: {exc}"))
        else:
            org_data, org_positions, org_shown = read("organisaties.yaml")
            directory, problems = Directory.build(register, org_data or {})
            _place(diagnostics, org_shown, org_positions, problems)

    sources: dict[str, Source] = {}
    data, positions, shown = read("bronnen.yaml")
    for index, entry in enumerate((data or {}).get("bronnen", []) if isinstance(data, dict) else []):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("titel"):
            _place(diagnostics, shown, positions, [(("bronnen", index), "een bron heeft minstens 'id' en 'titel'")])
            continue
        sources[str(entry["id"])] = Source(str(entry["id"]), str(entry["titel"]), str(entry.get("uitgever", "")),
                                           entry.get("jaar"), entry.get("bestand"))
    return vocabularies, directory, sources


# ---------------------------------------------------------------- discovery

def discover(root: Path, diagnostics: list[Diagnostic]) -> Iterator[tuple[Path, str]]:
    """(file, kind) for every record file under root/projects and root/schemes, subfolders included.

    Links that lead outside the content folder are reported and never read.
    """
    for kind in KINDS:
        base = root / kind
        if not base.is_dir():
            continue
        yield from _walk(base, kind, root, diagnostics)


def _walk(base: Path, kind: str, root: Path, diagnostics: list[Diagnostic]) -> Iterator[tuple[Path, str]]:
    for folder, subfolders, files in os.walk(base):
        subfolders.sort()
        for name in list(subfolders):
            link = Path(folder) / name
            if link.is_symlink() and not is_inside(link, root):
                diagnostics.append(error(_shown(link), 1, 1, "", "map is een link naar een plek buiten content/; niet gelezen"))
                subfolders.remove(name)
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() and not is_inside(path, root):
                diagnostics.append(error(_shown(path), 1, 1, "", "bestand is een link naar een plek buiten content/; "
                                         "niet gelezen. Zet het record zelf in de map"))
                continue
            if name.startswith("."):
                continue
            if path.suffix.lower() != ".md":
                diagnostics.append(warning(_shown(path), 1, 1, "", "alleen .md-bestanden zijn records; dit bestand wordt overgeslagen"))
                continue
            yield path, kind


def kind_of(path: Path) -> str:
    """Kind of a record file outside the content folder (test fixtures): the nearest folder named after a kind."""
    for parent in path.parents:
        if parent.name in KINDS:
            return parent.name
    return "projects"


# ---------------------------------------------------------------- model errors

_MESSAGES = {
    "missing": "verplicht veld ontbreekt",
    "string_type": "moet tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "list_type": "moet een lijst zijn: zet elke waarde op een eigen regel die begint met '- ', of schrijf [a, b]",
    "dict_type": "moet een groep velden zijn (ingesprongen 'sleutel: waarde'-regels)",
    "model_type": "moet een groep velden zijn (ingesprongen 'sleutel: waarde'-regels)",
    "model_attributes_type": "moet een groep velden zijn (ingesprongen 'sleutel: waarde'-regels)",
    "date_type": "moet een datum zijn in de vorm JJJJ-MM-DD",
    "date_from_datetime_parsing": "moet een datum zijn in de vorm JJJJ-MM-DD",
    "date_parsing": "moet een datum zijn in de vorm JJJJ-MM-DD",
    "decimal_type": "moet een bedrag zijn, zoals 730000 of \"33.30\"",
}


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed at `loc` inside `model` (for 'did you mean' on unknown keys)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        current = _inner_model(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None if get_origin(annotation) is not None or annotation is None else annotation


def explain_model_error(model: type[BaseModel], err: dict) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        names = _field_names(model, loc[:-1])
        return f"onbekend veld{suggestion_text(closest(str(loc[-1]), names, limit=1))}; toegestaan: {', '.join(names)}"
    if kind == "missing":
        return f"verplicht veld ontbreekt; voeg '{loc[-1]}: …' toe"
    if kind == "string_too_long":
        return f"is {len(str(err.get('input', '')))} tekens; hoogstens {ctx.get('max_length')} toegestaan"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length')} waarde(n) hebben"
    if kind == "literal_error":
        return f"moet een van deze waarden zijn: {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "email":
            return f"'{err.get('input')}' is geen geldig e-mailadres"
        return f"'{err.get('input')}' heeft niet de juiste vorm ({ctx.get('pattern')})"
    if kind == "greater_than_equal":
        return f"moet minstens {ctx.get('ge')} zijn"
    if kind == "less_than_equal":
        return f"mag hoogstens {ctx.get('le')} zijn"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return _MESSAGES.get(kind, err["msg"])


# ---------------------------------------------------------------- body

_DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|form)\b", re.IGNORECASE)
_EVENT_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-zA-Z]+)\s*=", re.DOTALL)
_DANGEROUS_URL = re.compile(r"(?:\]\(\s*<?|<|(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?)\s*"
                            r"((?:javascript|vbscript|data)\s*:)", re.IGNORECASE)


def check_body(body: str, body_line: int, shown: str) -> list[Diagnostic]:
    """Formatting is fine; active content is not: it would run in every visitor's browser."""
    found = []
    for pattern, message in (
        (_DANGEROUS_TAG, "<{0}> is niet toegestaan in de tekst; gebruik Markdown-opmaak"),
        (_EVENT_ATTRIBUTE, "HTML-attribuut '{0}=' is niet toegestaan in de tekst (het voert code uit)"),
        (_DANGEROUS_URL, "links met '{0}' zijn niet toegestaan; gebruik een https://-adres"),
    ):
        for match in pattern.finditer(body):
            start = match.start(1)
            line = body.count("\n", 0, start)
            col = start - (body.rfind("\n", 0, start) + 1) + 1
            word = re.sub(r"\s+", "", match.group(1)).lower()
            found.append(error(shown, body_line + line, col, BODY_KEY, message.format(word)))
    return found


# ---------------------------------------------------------------- values

def _values_at(data: Any, parts: list[str], prefix: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """(key path, value) for a dotted field path, stepping through lists."""
    if not parts:
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield prefix + (index,), item
        elif data is not None:
            yield prefix, data
        return
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield from _values_at(item, parts, prefix + (index,))
    elif isinstance(data, dict) and parts[0] in data:
        yield from _values_at(data[parts[0]], parts[1:], prefix + (parts[0],))


def _date_bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return (year, 1, 1), (year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        return (year, month, 1), (year, month, calendar.monthrange(year, month)[1])
    return (year, month, parts[2]), (year, month, parts[2])


def _months(start: str, end: str) -> int | None:
    """Whole months from start to end inclusive, when both are at least month-precise."""
    if len(start) < 7 or len(end) < 7:
        return None
    (y1, m1, _), (y2, m2, _) = _date_bounds(start)[0], _date_bounds(end)[1]
    return (y2 - y1) * 12 + (m2 - m1) + 1


def euro(amount: Decimal) -> str:
    """€ 1.234,56 — Dutch notation for messages and pages."""
    whole, _, cents = f"{amount:,.2f}".partition(".")
    return f"€ {whole.replace(',', '.')},{cents}"


# ---------------------------------------------------------------- one record

@dataclass
class _Checked:
    record: Record | None
    loaded: LoadedFile | None


class RecordChecker:
    """Checks one file at a time against the shared vocabularies, directory and sources."""

    def __init__(self, vocabularies: Vocabularies, directory: Directory | None, sources: dict[str, Source]):
        self.vocabularies = vocabularies
        self.directory = directory
        self.sources = sources

    def check(self, path: Path, kind: str, diagnostics: list[Diagnostic]) -> _Checked:
        shown = _shown(path)
        stem = path.stem
        if not ID_PATTERN.match(stem) or path.suffix != ".md":
            suggestion = (slugify(stem) or "record") + ".md"
            diagnostics.append(error(shown, 1, 1, "", f"bestandsnaam '{path.name}' is geen geldige id: gebruik kleine "
                                     f"letters, cijfers en streepjes, zoals '{suggestion}'"))
        loaded, problems = load_file(path, shown)
        diagnostics.extend(problems)
        if loaded is None or loaded.data is None:
            if loaded is not None:
                diagnostics.extend(check_body(loaded.body, loaded.body_line, shown))
            return _Checked(None, loaded)
        diagnostics.extend(check_body(loaded.body, loaded.body_line, shown))
        model_class = models.RECORD_MODELS[kind]
        before = len(diagnostics)
        try:
            model = model_class.model_validate(loaded.data)
        except ValidationError as exc:
            for err in exc.errors():
                key_path = tuple(err["loc"])
                line, col = loaded.position(key_path)
                diagnostics.append(error(shown, line, col, _dotted(key_path), explain_model_error(model_class, err)))
            model = None
        canonical = self._check_vocabularies(kind, loaded, diagnostics)
        builders = self._actors(loaded, "organisaties", diagnostics) if kind == "projects" else ()
        reusers = self._actors(loaded, "hergebruikt_door", diagnostics) if kind == "projects" else ()
        self._check_sources(loaded, diagnostics)
        if model is None or len(diagnostics) > before and any(
                d.severity is Severity.ERROR and d.path == shown for d in diagnostics[before:]):
            return _Checked(None, loaded)
        self._check_amounts_and_dates(model, loaded, diagnostics)
        model = model.model_copy(update=canonical)
        record = Record(kind, stem, shown, model, loaded.body, loaded.body_line, builders, reusers)
        return _Checked(record, loaded)

    def _check_vocabularies(self, kind: str, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> dict:
        """Checks every governed field; returns top-level fields rewritten to canonical ids."""
        canonical: dict[str, Any] = {}
        for governed_kind, dotted, vocabulary in self.vocabularies.governed_fields():
            if governed_kind != kind:
                continue
            parts = dotted.split(".")
            for key_path, value in _values_at(loaded.data, parts):
                if not isinstance(value, str):
                    continue
                term = vocabulary.resolve(value)
                if term is None:
                    line, col = loaded.position(key_path)
                    diagnostics.append(error(loaded.path, line, col, _dotted(key_path), vocabulary.explain_unknown(value)))
                elif len(parts) == 1:
                    if isinstance(loaded.data.get(dotted), list):
                        canonical.setdefault(dotted, list(loaded.data[dotted]))[key_path[-1]] = term.id
                    else:
                        canonical[dotted] = term.id
        for name in (canonical.get("themas"), ):
            if isinstance(name, list) and len(set(name)) != len(name):
                line, col = loaded.position(("themas",))
                diagnostics.append(error(loaded.path, line, col, "themas", "een thema staat er twee keer in; noem het één keer"))
        return canonical

    def _actors(self, loaded: LoadedFile, key: str, diagnostics: list[Diagnostic]) -> tuple[Actor, ...]:
        names = loaded.data.get(key)
        if not isinstance(names, list) or self.directory is None:
            return ()
        actors: list[Actor] = []
        for index, name in enumerate(names):
            if not isinstance(name, str):
                continue
            found = self.directory.resolve(name)
            line, col = loaded.position((key, index))
            if found.actor is None:
                diagnostics.append(error(loaded.path, line, col, f"{key}[{index}]", found.error or name))
                continue
            if found.warning:
                diagnostics.append(warning(loaded.path, line, col, f"{key}[{index}]", found.warning))
            if found.actor in actors:
                diagnostics.append(error(loaded.path, line, col, f"{key}[{index}]", f"'{name}' staat er twee keer in"))
                continue
            actors.append(found.actor)
        return tuple(actors)

    def _check_sources(self, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> None:
        names = loaded.data.get("bronnen")
        if not isinstance(names, list):
            return
        for index, name in enumerate(names):
            if isinstance(name, str) and name not in self.sources:
                line, col = loaded.position(("bronnen", index))
                hint = suggestion_text(closest(name, list(self.sources)))
                diagnostics.append(error(loaded.path, line, col, f"bronnen[{index}]",
                                         f"onbekende bron '{name}'{hint}; bronnen staan in content/bronnen.yaml"))

    def _check_amounts_and_dates(self, model: RecordBase, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> None:
        def report(key_path: KeyPath, message: str) -> None:
            line, col = loaded.position(key_path)
            diagnostics.append(error(loaded.path, line, col, _dotted(key_path), message))

        period = getattr(model, "periode", None)
        if period and period.start and period.einde and _date_bounds(period.start)[0] > _date_bounds(period.einde)[1]:
            report(("periode", "einde"), f"einde {period.einde} ligt vóór start {period.start}")
        for index, budget in enumerate(getattr(model, "begroting", [])):
            total = sum((line.bedrag for line in budget.regels), Decimal(0))
            if total != budget.totaal:
                report(("begroting", index, "totaal"), f"de regels tellen op tot {euro(total)}, maar het totaal is "
                       f"{euro(budget.totaal)}; pas een regel of het totaal aan")
        for index, reserve in enumerate(getattr(model, "reserves", [])):
            if reserve.onttrekking > reserve.beschikbaar:
                report(("reserves", index, "onttrekking"), f"onttrekking {euro(reserve.onttrekking)} is groter dan "
                       f"beschikbaar {euro(reserve.beschikbaar)}")
            elif reserve.beschikbaar - reserve.onttrekking != reserve.resteert:
                report(("reserves", index, "resteert"), f"beschikbaar min onttrekking is "
                       f"{euro(reserve.beschikbaar - reserve.onttrekking)}, maar resteert zegt {euro(reserve.resteert)}")
        subsidy = getattr(model, "subsidie", None)
        if subsidy and subsidy.minimum is not None and subsidy.maximum is not None and subsidy.minimum > subsidy.maximum:
            report(("subsidie", "minimum"), f"minimum {euro(subsidy.minimum)} is hoger dan maximum {euro(subsidy.maximum)}")
        for index, deadline in enumerate(getattr(model, "termijnen", [])):
            if deadline.van and deadline.tot and _date_bounds(deadline.van)[0] > _date_bounds(deadline.tot)[1]:
                report(("termijnen", index, "tot"), f"tot {deadline.tot} ligt vóór van {deadline.van}")


# ---------------------------------------------------------------- cross-record rules

def _cross_check(content: Content, loaded: dict[str, LoadedFile], diagnostics: list[Diagnostic]) -> None:
    def place(record: Record, key_path: KeyPath, severity: Severity, message: str) -> None:
        file = loaded.get(record.path)
        line, col = file.position(key_path) if file else (1, 1)
        make = error if severity is Severity.ERROR else warning
        diagnostics.append(make(record.path, line, col, _dotted(key_path), message))

    schemes = content.schemes
    for scheme in schemes.values():
        model: SchemeRecord = scheme.model  # type: ignore[assignment]
        if model.onderdeel_van and model.onderdeel_van not in schemes:
            place(scheme, ("onderdeel_van",), Severity.ERROR, f"onbekende regeling '{model.onderdeel_van}'"
                  f"{suggestion_text(closest(model.onderdeel_van, list(schemes)))}")
        if model.themas_woordenlijst and content.vocabularies.get(model.themas_woordenlijst) is None:
            place(scheme, ("themas_woordenlijst",), Severity.ERROR, f"onbekende woordenlijst '{model.themas_woordenlijst}'")
        for index, name in enumerate(model.record_velden.verplicht):
            if name not in ProjectRecord.model_fields:
                place(scheme, ("record_velden", "verplicht", index), Severity.ERROR, f"'{name}' is geen veld van een "
                      f"project{suggestion_text(closest(name, list(ProjectRecord.model_fields)))}")
        for name, vocab_id in model.record_velden.extra.items():
            if name not in models.per_scheme_fields():
                place(scheme, ("record_velden", "extra", name), Severity.ERROR, f"'{name}' is geen veld dat per regeling "
                      f"kan gelden; mogelijk: {', '.join(sorted(models.per_scheme_fields()))}")
            if content.vocabularies.get(vocab_id) is None:
                place(scheme, ("record_velden", "extra", name), Severity.ERROR, f"onbekende woordenlijst '{vocab_id}'")

    per_scheme = models.per_scheme_fields()
    for project in list(content.projects.values()):
        model: ProjectRecord = project.model  # type: ignore[no-redef]
        scheme = schemes.get(model.regeling) if model.regeling else None
        if model.regeling and scheme is None:
            place(project, ("regeling",), Severity.ERROR, f"onbekende regeling '{model.regeling}'"
                  f"{suggestion_text(closest(model.regeling, list(schemes)))}; regelingen staan in content/schemes/")
            continue
        rules = scheme.model if scheme else None
        allowed_extra = rules.record_velden.extra if rules else {}
        for name in per_scheme:
            value = getattr(model, name)
            if value is None:
                continue
            if name not in allowed_extra:
                where = f"regeling '{model.regeling}'" if model.regeling else "een record zonder regeling"
                place(project, (name,), Severity.ERROR, f"dit veld hoort niet bij {where}")
                continue
            vocabulary = content.vocabularies.get(allowed_extra[name])
            term = vocabulary.resolve(value) if vocabulary else None
            if vocabulary and term is None:
                place(project, (name,), Severity.ERROR, vocabulary.explain_unknown(value))
            elif term is not None and term.id != value:
                content.projects[project.id] = project = _replace_model(project, {name: term.id})
        for name in (rules.record_velden.verplicht if rules else []):
            if getattr(model, name, None) in (None, [], ""):
                place(project, (), Severity.ERROR, f"{name}: verplicht voor records van regeling '{model.regeling}'")
        if rules:
            _scheme_limits(project, rules, place)


def _replace_model(record: Record, update: dict) -> Record:
    return Record(record.kind, record.id, record.path, record.model.model_copy(update=update), record.body,
                  record.body_line, record.builders, record.reusers)


def _scheme_limits(project: Record, scheme: SchemeRecord, place) -> None:
    """Limits of the scheme, as warnings: a record may describe a project that was allowed an exception."""
    model: ProjectRecord = project.model  # type: ignore[assignment]
    limit = scheme.geschiktheid.max_looptijd_maanden if scheme.geschiktheid else None
    if limit and model.periode and model.periode.start and model.periode.einde:
        months = _months(model.periode.start, model.periode.einde)
        if months is not None and months > limit:
            place(project, ("periode",), Severity.WARNING, f"looptijd van {months} maanden is langer dan de "
                  f"{limit} maanden van regeling '{model.regeling}'")
    subsidy = scheme.subsidie
    if model.bijdrage is not None and subsidy:
        if subsidy.maximum is not None and model.bijdrage > subsidy.maximum:
            place(project, ("bijdrage",), Severity.WARNING, f"bijdrage {euro(model.bijdrage)} is hoger dan het maximum "
                  f"van {euro(subsidy.maximum)} van regeling '{model.regeling}'")
        if subsidy.minimum is not None and model.bijdrage < subsidy.minimum:
            place(project, ("bijdrage",), Severity.WARNING, f"bijdrage {euro(model.bijdrage)} is lager dan het minimum "
                  f"van {euro(subsidy.minimum)} van regeling '{model.regeling}'")


# ---------------------------------------------------------------- entry point

def find_content_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds vocabulaires.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents) if start.is_dir() else start.parents:
        if (folder / "vocabulaires.yaml").is_file():
            return folder
    return None


def check_content(root: Path, extra_files: list[Path] | None = None) -> Content:
    """Load and check a whole content folder, plus record files that live elsewhere (test fixtures)."""
    diagnostics: list[Diagnostic] = []
    vocabularies, directory, sources = load_support(root, diagnostics)
    content = Content(root, vocabularies, directory, sources, diagnostics=diagnostics)
    checker = RecordChecker(vocabularies, directory, sources)
    files = list(discover(root, diagnostics))
    seen = {os.path.realpath(p) for p, _ in files}
    files += [(p, kind_of(p)) for p in extra_files or [] if os.path.realpath(p) not in seen]
    first_place: dict[tuple[str, str], str] = {}
    loaded: dict[str, LoadedFile] = {}
    for path, kind in files:
        result = checker.check(path, kind, diagnostics)
        if result.loaded is not None:
            loaded[result.loaded.path] = result.loaded
        key = (kind, path.stem)
        if key in first_place:
            diagnostics.append(error(_shown(path), 1, 1, "", f"id '{path.stem}' bestaat al in {first_place[key]}; "
                                     "elke bestandsnaam moet uniek zijn, ook in submappen"))
            continue
        first_place[key] = _shown(path)
        if result.record is not None:
            target = content.projects if kind == "projects" else content.schemes
            target[result.record.id] = result.record
    _cross_check(content, loaded, diagnostics)
    content.projects = dict(sorted(content.projects.items()))
    content.schemes = dict(sorted(content.schemes.items()))
    return content
