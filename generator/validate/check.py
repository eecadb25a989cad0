"""Checking content: every record against its model, the vocabularies, the register and each other.

`check_content` never stops at the first problem: it collects every diagnostic, for every
file, so an editor fixes a pull request in one round. The result also carries the records
that passed (with vocabulary values made canonical), which is what the catalogue is built
from: the site and `check` see exactly the same data.
"""

from __future__ import annotations

import calendar
import dataclasses
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.model import records as models
from generator.core.dutch import euro
from generator.validate.body import PageLink, RenderedBody, render_body
from generator.core.diagnostics import Diagnostic, Severity, error, explain_model_error, has_errors, unknown_key_suggestion, warning
from generator.load.files import (BODY_KEY, KeyPath, LoadedFile, dotted as _dotted, is_inside, load_file, load_yaml_file,
                   special_file_problem)
from generator.model.records import ID_PATTERN, ProjectRecord, RecordBase
from generator.core.paths import SITE_PAGES, page_path
from generator.model.organisations import Actor, Directory, OrganisationSpec
from generator.model.register import Register
from generator.core.reserved import id_problem
from generator.core.text import closest, slugify, suggestion_text
from generator.model.vocab import Vocabularies

KINDS = ("projects", "schemes")


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
    rendered: RenderedBody | None = None
    """The body as sanitised HTML with its headings; the only form of the body the site publishes."""


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
    support_paths: frozenset[str] = frozenset()
    """Shown paths of the support files (vocabularies, register, ...): their problems affect every record."""
    record_paths: list[str] = field(default_factory=list)
    """Shown paths of every record file that was read, whether it passed or not."""

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
        if not path.exists() and not path.is_symlink():
            diagnostics.append(error(shown, 1, 1, "", f"bestand ontbreekt: {name} hoort in de contentmap"))
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
            diagnostics.append(error(shown, 1, 1, "", f"register kan niet gelezen worden: {exc}; maak het opnieuw met "
                                     "tools/make_register.py"))
        else:
            org_data, org_positions, org_shown = read("organisaties.yaml")
            directory, problems = Directory.build(register, org_data or {})
            _place(diagnostics, org_shown, org_positions,
                   problems + _governed_problems(vocabularies, "organisaties", org_data))

    data, positions, shown = read("bronnen.yaml")
    specs, problems = models.validated_entries(data, "bronnen", models.Source)
    _place(diagnostics, shown, positions, problems)
    sources = {spec.id: Source(spec.id, spec.titel, spec.uitgever or "", spec.jaar, spec.bestand) for _, spec in specs}
    return vocabularies, directory, sources


def _fields_of_kinds() -> dict[str, dict[str, bool]]:
    """Every field path that `velden` in vocabulaires.yaml may name, per kind (records and organisations)."""
    return {**{kind: models.field_paths(model) for kind, model in models.RECORD_MODELS.items()},
            "organisaties": models.field_paths(OrganisationSpec)}


def _governed_problems(vocabularies: Vocabularies, key: str, data: Any) -> list[tuple[tuple, str]]:
    """Values in a support file (organisaties.yaml) that a vocabulary governs but does not know."""
    entries = data.get(key) if isinstance(data, dict) else None
    problems = []
    for kind, dotted, vocabulary in vocabularies.governed_fields():
        for index, entry in enumerate(entries if kind == key and isinstance(entries, list) else []):
            problems += [((key, index, *key_path), vocabulary.explain_unknown(value))
                         for key_path, value in _values_at(entry, dotted.split("."))
                         if isinstance(value, str) and vocabulary.resolve(value) is None]
    return problems


# ---------------------------------------------------------------- discovery

_OUTSIDE_FILE = ("bestand is een link naar een plek buiten {0}; niet gelezen. Zet het record zelf in de map "
                 "in plaats van een link")
_OUTSIDE_FOLDER = "map is een link naar een plek buiten {0}; niet gelezen. Zet de records zelf in de map"


def discover(root: Path, diagnostics: list[Diagnostic]) -> Iterator[tuple[Path, str]]:
    """(file, kind) for every record file under root/projects and root/schemes, subfolders included.

    Links that lead outside the content folder are reported and never read; so are special files
    (FIFO, device, socket) beside the support files, which nothing may open.
    """
    try:
        names = sorted(os.listdir(root))
    except OSError as exc:
        names = []
        diagnostics.append(_unreadable_folder(exc))
    for name in names:
        special = None if name in SUPPORT_FILES or (root / name).is_dir() else _special_file(root / name)
        if special is not None:
            diagnostics.append(special)
    for kind in KINDS:
        base = root / kind
        if not base.is_dir():
            continue
        for path in _walk(base, lambda _: root, "content/", diagnostics, content=True):
            yield path, kind


_SKIPPED_FOLDERS = ("node_modules", "site", "__pycache__")
_HIDDEN_RECORD = ("de naam begint met een punt, dus het bestand is verborgen en wordt niet gecontroleerd of "
                  "gepubliceerd; haal de punt weg ('{0}') of haal het bestand uit de map")


def _unreadable_folder(exc: OSError) -> Diagnostic:
    """os.walk could not list a folder: its records would be left out without a word."""
    shown = _shown(Path(exc.filename)) if exc.filename else "content"
    return error(shown, 1, 1, "", f"map kan niet gelezen worden ({exc.strerror or exc}); de records erin worden "
                 "niet gecontroleerd en niet gepubliceerd. Maak de map leesbaar of haal haar weg")


def _special_file(path: Path) -> Diagnostic | None:
    """An error for a FIFO, device or socket (never opened); None for a regular file or a broken link."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # a broken link: reading it reports the problem
    return special_file_problem(mode, _shown(path))


def _walk(base: Path, boundary_of: Callable[[Path], Path], where: str, diagnostics: list[Diagnostic],
          content: bool) -> Iterator[Path]:
    """Markdown files under `base`, sorted; links that lead outside their boundary are reported, not followed.

    In the content folder every other file is worth a warning; elsewhere (fixture folders, which
    hold expectations next to the records) other files, hidden folders and build output are ignored.
    """
    for folder, subfolders, files in os.walk(base, onerror=lambda exc: diagnostics.append(_unreadable_folder(exc))):
        subfolders.sort()
        for name in list(subfolders):
            link = Path(folder) / name
            if not content and (name.startswith(".") or name in _SKIPPED_FOLDERS):
                subfolders.remove(name)
            elif link.is_symlink() and not is_inside(link, boundary_of(link)):
                diagnostics.append(error(_shown(link), 1, 1, "", _OUTSIDE_FOLDER.format(where)))
                subfolders.remove(name)
        for name in sorted(files):
            path = Path(folder) / name
            special = _special_file(path)
            if special is not None:
                diagnostics.append(special)
                continue
            if name.startswith("."):
                if content and path.suffix.lower() == ".md":
                    diagnostics.append(error(_shown(path), 1, 1, "", _HIDDEN_RECORD.format(name.lstrip("."))))
                continue
            if path.suffix.lower() != ".md":
                if content:
                    diagnostics.append(warning(_shown(path), 1, 1, "", "alleen .md-bestanden zijn records; dit "
                                               "bestand wordt overgeslagen"))
                continue
            if path.is_symlink() and not is_inside(path, boundary_of(path)):
                diagnostics.append(error(_shown(path), 1, 1, "", _OUTSIDE_FILE.format(where)))
                continue
            yield path


def _kind_folder(path: Path) -> Path | None:
    """The nearest folder above a record file that is named after a kind (projects/, schemes/)."""
    return next((parent for parent in Path(os.path.abspath(path)).parents if parent.name in KINDS), None)


def kind_of(path: Path) -> str:
    """Kind of a record file outside the content folder (test fixtures): the nearest folder named after a kind."""
    folder = _kind_folder(path)
    return folder.name if folder else "projects"


def _boundary(path: Path) -> Path:
    """For a record outside the content folder: the folder that holds its projects/ or schemes/ folder.

    That is what content/ is for the records inside it: a link in a fixture folder may point
    anywhere in that fixture folder, and nowhere else. Without such a folder: the file's own folder.
    """
    folder = _kind_folder(path)
    return folder.parent if folder else Path(os.path.abspath(path)).parent


def expand_paths(paths: list[Path], root: Path, diagnostics: list[Diagnostic]) -> list[tuple[Path, str]]:
    """(file, kind) for the record files named on the command line that lie outside the content folder.

    The content folder itself is always checked whole, so paths inside it add nothing here. Files
    found in a named folder have had their links checked by _walk; a named file is checked here.
    """
    found: list[tuple[Path, str]] = []
    for path in paths:
        if is_inside(path.parent, root) or (path.is_dir() and is_inside(path, root)):
            continue
        if path.is_dir():
            files = list(_walk(path, _boundary, "de map met records", diagnostics, content=False))
        elif path.is_symlink() and not is_inside(path, _boundary(path)):
            diagnostics.append(error(_shown(path), 1, 1, "", _OUTSIDE_FILE.format("de map met records")))
            continue
        else:
            files = [path]
        found.extend((file, kind_of(file)) for file in files if not is_inside(file, root))
    return found


# ---------------------------------------------------------------- model errors

def model_diagnostics(model: type[BaseModel], exc: ValidationError, loaded: LoadedFile) -> list[Diagnostic]:
    """Diagnostics for a failed model, placed on their keys.

    A misspelt key ('titl') makes the field it meant ('titel') missing as well; that is one
    problem, so the 'missing' error is left out when an unknown key in the same group suggests it.
    """
    errors = exc.errors()
    suggested = {(tuple(e["loc"][:-1]), unknown_key_suggestion(model, tuple(e["loc"])))
                 for e in errors if e["type"] == "extra_forbidden"}
    found = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and (loc[:-1], loc[-1]) in suggested:
            continue
        line, col = loaded.position(loc)
        found.append(error(loaded.path, line, col, _dotted(loc), explain_model_error(model, err)))
    return found


# ---------------------------------------------------------------- body

def check_body(body: str, body_line: int, shown: str, page: str) -> tuple[RenderedBody, list[Diagnostic]]:
    """The body rendered and sanitised (body.py), and whatever the sanitiser would have to remove, as errors."""
    rendered = render_body(body, body_line, page)
    return rendered, [error(shown, p.line, p.col, BODY_KEY, p.message) for p in rendered.problems]


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


def _last_day_spoken_of(period: Any) -> str | None:
    """The last day of a record's period (YYYY-MM-DD), when it has a valid end or start."""
    if not isinstance(period, dict):
        return None
    for key in ("einde", "start"):
        value = period.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            try:
                year, month, day = _date_bounds(value)[1]
                return f"{year:04d}-{month:02d}-{day:02d}"
            except (ValueError, IndexError, calendar.IllegalMonthError):
                return None
    return None


def _months(start: str, end: str) -> int | None:
    """Whole months from start to end inclusive, when both are at least month-precise."""
    if len(start) < 7 or len(end) < 7:
        return None
    (y1, m1, _), (y2, m2, _) = _date_bounds(start)[0], _date_bounds(end)[1]
    return (y2 - y1) * 12 + (m2 - m1) + 1


# ---------------------------------------------------------------- one record

@dataclass
class _Checked:
    """One record file after its own checks: what the cross-record rules need, passed or not."""

    kind: str
    id: str
    path: str
    loaded: LoadedFile | None
    record: Record | None
    page_links: tuple[PageLink, ...] = ()

    @property
    def data(self) -> dict | None:
        return self.loaded.data if self.loaded is not None else None


def _part(model: type[BaseModel], value: Any) -> Any:
    """`value` as `model`, or None when it is absent or invalid (its problems are reported elsewhere)."""
    if value is None:
        return None
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def _items(value: Any) -> list:
    return value if isinstance(value, list) else []


class RecordChecker:
    """Checks one file at a time against the shared vocabularies, directory and sources.

    Every check runs on the raw front matter as far as it can, so that one broken field
    never hides the problems in another: an editor sees everything in one round.
    """

    def __init__(self, vocabularies: Vocabularies, directory: Directory | None, sources: dict[str, Source]):
        self.vocabularies = vocabularies
        self.directory = directory
        self.sources = sources

    def check(self, path: Path, kind: str, diagnostics: list[Diagnostic]) -> _Checked:
        shown = _shown(path)
        stem = path.stem
        own: list[Diagnostic] = []
        if not ID_PATTERN.match(stem) or path.suffix != ".md":
            suggestion = (slugify(stem) or "record") + ".md"
            own.append(error(shown, 1, 1, "", f"bestandsnaam '{path.name}' is geen geldige id: gebruik kleine "
                             f"letters, cijfers en streepjes, zoals '{suggestion}'"))
        taken = id_problem(stem, "bestandsnaam")
        if taken:
            own.append(error(shown, 1, 1, "", taken))
        loaded, problems = load_file(path, shown)
        own += problems
        rendered = None
        if loaded is not None:
            rendered, body_problems = check_body(loaded.body, loaded.body_line, shown, page_path(kind, stem))
            own += body_problems
        if loaded is None or loaded.data is None:
            diagnostics.extend(own)
            return _Checked(kind, stem, shown, loaded, None)
        model_class = models.RECORD_MODELS[kind]
        model: RecordBase | None
        try:
            model = model_class.model_validate(loaded.data)
        except ValidationError as exc:
            own += model_diagnostics(model_class, exc, loaded)
            model = None
        canonical = self._check_vocabularies(kind, loaded, own)
        builders = self._actors(loaded, "organisaties", own) if kind == "projects" else ()
        reusers = self._actors(loaded, "hergebruikt_door", own) if kind == "projects" else ()
        self._check_sources(loaded, own)
        self._check_amounts_and_dates(kind, loaded, own)
        diagnostics.extend(own)
        if model is None or has_errors(own):
            return _Checked(kind, stem, shown, loaded, None)
        record = Record(kind, stem, shown, model.model_copy(update=canonical), loaded.body, loaded.body_line,
                        builders, reusers, rendered)
        return _Checked(kind, stem, shown, loaded, record, rendered.links if rendered else ())

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
        themes = canonical.get("themas")
        if isinstance(themes, list) and len(set(themes)) != len(themes):
            line, col = loaded.position(("themas",))
            diagnostics.append(error(loaded.path, line, col, "themas", "een thema staat er twee keer in; noem het één keer"))
        return canonical

    def _actors(self, loaded: LoadedFile, key: str, diagnostics: list[Diagnostic]) -> tuple[Actor, ...]:
        names = loaded.data.get(key)
        if not isinstance(names, list) or self.directory is None:
            return ()
        actors: list[Actor] = []
        until = _last_day_spoken_of(loaded.data.get("periode"))
        for index, name in enumerate(names):
            if not isinstance(name, str):
                continue
            found = self.directory.resolve(name, until)
            line, col = loaded.position((key, index))
            if found.actor is None:
                diagnostics.append(error(loaded.path, line, col, f"{key}[{index}]", found.error or name))
                continue
            if found.warning:
                diagnostics.append(warning(loaded.path, line, col, f"{key}[{index}]", found.warning))
            if found.actor in actors:
                diagnostics.append(error(loaded.path, line, col, f"{key}[{index}]",
                                         f"'{name}' staat er twee keer in; noem elke organisatie één keer"))
                continue
            actors.append(found.actor)
        return tuple(actors)

    def _check_sources(self, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> None:
        for index, name in enumerate(_items(loaded.data.get("bronnen"))):
            if isinstance(name, str) and name not in self.sources:
                line, col = loaded.position(("bronnen", index))
                hint = suggestion_text(closest(name, list(self.sources)))
                diagnostics.append(error(loaded.path, line, col, f"bronnen[{index}]",
                                         f"onbekende bron '{name}'{hint}; een bron moet eerst in content/bronnen.yaml "
                                         "staan, met id en titel"))

    def _check_amounts_and_dates(self, kind: str, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> None:
        """Sums and date order, on every part that is valid by itself (whatever else is wrong)."""
        data = loaded.data

        def report(key_path: KeyPath, message: str) -> None:
            line, col = loaded.position(key_path)
            diagnostics.append(error(loaded.path, line, col, _dotted(key_path), message))

        if kind == "projects":
            period = _part(models.Period, data.get("periode"))
            if period and period.start and period.einde and _date_bounds(period.start)[0] > _date_bounds(period.einde)[1]:
                report(("periode", "einde"), f"einde {period.einde} ligt vóór start {period.start}; "
                       "draai ze om of verbeter een van beide")
            for index, raw in enumerate(_items(data.get("begroting"))):
                budget = _part(models.Budget, raw)
                if budget is None:
                    continue
                total = sum((line.bedrag for line in budget.regels), Decimal(0))
                if total != budget.totaal:
                    report(("begroting", index, "totaal"), f"de regels tellen op tot {euro(total)}, maar het totaal "
                           f"is {euro(budget.totaal)}; pas een regel of het totaal aan")
            for index, raw in enumerate(_items(data.get("reserves"))):
                reserve = _part(models.Reserve, raw)
                if reserve is None:
                    continue
                if reserve.onttrekking > reserve.beschikbaar:
                    report(("reserves", index, "onttrekking"), f"onttrekking {euro(reserve.onttrekking)} is groter "
                           f"dan beschikbaar {euro(reserve.beschikbaar)}; controleer beide bedragen")
                elif reserve.beschikbaar - reserve.onttrekking != reserve.resteert:
                    report(("reserves", index, "resteert"), f"beschikbaar min onttrekking is "
                           f"{euro(reserve.beschikbaar - reserve.onttrekking)}, maar resteert zegt "
                           f"{euro(reserve.resteert)}; het restant in woorden hoort in resteert_zoals_gepubliceerd")
        else:
            subsidy = _part(models.Subsidy, data.get("subsidie"))
            if subsidy and subsidy.minimum is not None and subsidy.maximum is not None and subsidy.minimum > subsidy.maximum:
                report(("subsidie", "minimum"), f"minimum {euro(subsidy.minimum)} is hoger dan maximum "
                       f"{euro(subsidy.maximum)}; draai ze om of verbeter een van beide")
            for index, raw in enumerate(_items(data.get("termijnen"))):
                deadline = _part(models.Deadline, raw)
                if deadline and deadline.van and deadline.tot and \
                        _date_bounds(deadline.van)[0] > _date_bounds(deadline.tot)[1]:
                    report(("termijnen", index, "tot"), f"tot {deadline.tot} ligt vóór van {deadline.van}; "
                           "draai ze om of verbeter een van beide")


# ---------------------------------------------------------------- cross-record rules

@dataclass
class _Rules:
    """What a scheme asks of its records, read from whatever part of the scheme is valid."""

    extra: dict[str, str] | None
    required: list[str]
    max_months: int | None
    minimum: Decimal | None
    maximum: Decimal | None


def _rules(data: dict) -> _Rules:
    fields = _part(models.RecordFields, data.get("record_velden", {}))
    eligibility = _part(models.Eligibility, data.get("geschiktheid"))
    subsidy = _part(models.Subsidy, data.get("subsidie"))
    return _Rules(fields.extra if fields else None, fields.verplicht if fields else [],
                  eligibility.max_looptijd_maanden if eligibility else None,
                  subsidy.minimum if subsidy else None, subsidy.maximum if subsidy else None)


def _cross_check(content: Content, checked: list[_Checked], diagnostics: list[Diagnostic]) -> None:
    """Rules between records: references resolve, per-scheme fields, scheme limits."""
    def place(item: _Checked, key_path: KeyPath, severity: Severity, message: str) -> None:
        line, col = item.loaded.position(key_path) if item.loaded else (1, 1)
        make = error if severity is Severity.ERROR else warning
        diagnostics.append(make(item.path, line, col, _dotted(key_path), message))

    scheme_ids = sorted({item.id for item in checked if item.kind == "schemes"})
    schemes = {item.id: item for item in checked if item.kind == "schemes" and item.data is not None}
    own_rules = {scheme_id: _rules(item.data) for scheme_id, item in schemes.items()}
    rules = {scheme_id: _inherited(scheme_id, own_rules, schemes) for scheme_id in own_rules}
    per_scheme = models.per_scheme_fields()
    vocab_ids = list(content.vocabularies.by_id)

    for scheme_id, item in schemes.items():
        data = item.data
        parent = data.get("onderdeel_van")
        if isinstance(parent, str) and parent not in scheme_ids:
            place(item, ("onderdeel_van",), Severity.ERROR, f"onbekende regeling '{parent}'"
                  f"{suggestion_text(closest(parent, scheme_ids))}; regelingen staan in content/schemes/")
        elif isinstance(parent, str) and (cycle := _parent_cycle(scheme_id, schemes)):
            place(item, ("onderdeel_van",), Severity.ERROR, "regelingen zijn via 'onderdeel_van' in een kring aan "
                  f"elkaar gekoppeld ({' -> '.join(cycle)}); haal één verwijzing weg")
        vocab_id = data.get("themas_woordenlijst")
        if isinstance(vocab_id, str) and content.vocabularies.get(vocab_id) is None:
            place(item, ("themas_woordenlijst",), Severity.ERROR, f"onbekende woordenlijst '{vocab_id}'"
                  f"{suggestion_text(closest(vocab_id, vocab_ids))}; woordenlijsten staan in content/vocabulaires.yaml")
        fields = _part(models.RecordFields, data.get("record_velden"))
        if fields is None:
            continue
        for index, name in enumerate(fields.verplicht):
            if name not in ProjectRecord.model_fields:
                place(item, ("record_velden", "verplicht", index), Severity.ERROR, f"'{name}' is geen veld van een "
                      f"project{suggestion_text(closest(name, list(ProjectRecord.model_fields)))}")
        for name, extra_vocab in fields.extra.items():
            if name not in per_scheme:
                place(item, ("record_velden", "extra", name), Severity.ERROR, f"'{name}' is geen veld dat per "
                      f"regeling kan gelden; mogelijk: {', '.join(sorted(per_scheme))}")
            if content.vocabularies.get(extra_vocab) is None:
                place(item, ("record_velden", "extra", name), Severity.ERROR, f"onbekende woordenlijst '{extra_vocab}'"
                      f"{suggestion_text(closest(extra_vocab, vocab_ids))}")

    for item in checked:
        if item.kind != "projects" or item.data is None:
            continue
        data = item.data
        regeling = data.get("regeling")
        if not isinstance(regeling, str):
            regeling = None
        if regeling is not None and regeling not in scheme_ids:
            place(item, ("regeling",), Severity.ERROR, f"onbekende regeling '{regeling}'"
                  f"{suggestion_text(closest(regeling, scheme_ids))}; regelingen staan in content/schemes/")
            continue
        if regeling is not None and regeling not in rules:
            continue  # the scheme itself could not be read; its own diagnostics say why
        scheme_rules = rules.get(regeling) if regeling else None
        allowed = scheme_rules.extra if scheme_rules else {}
        for name in sorted(per_scheme):
            value = data.get(name)
            if value is None or allowed is None:
                continue
            if name not in allowed:
                owners = [f"'{s}'" for s, r in rules.items() if r.extra and name in r.extra]
                where = f"regeling '{regeling}'" if regeling else "een record zonder regeling"
                hint = f" (wel bij {' en '.join(owners)})" if owners else ""
                place(item, (name,), Severity.ERROR, f"dit veld hoort niet bij {where}{hint}; haal het weg of "
                      "kies de regeling die het noemt")
                continue
            vocabulary = content.vocabularies.get(allowed[name])
            term = vocabulary.resolve(value) if vocabulary and isinstance(value, str) else None
            if vocabulary and isinstance(value, str) and term is None:
                place(item, (name,), Severity.ERROR, vocabulary.explain_unknown(value))
            elif term is not None and term.id != value and item.record is not None:
                item.record = _replace_model(item.record, {name: term.id})
        if scheme_rules is None:
            continue
        for name in scheme_rules.required:
            if data.get(name) in (None, [], ""):
                place(item, (name,), Severity.ERROR, f"verplicht voor records van regeling '{regeling}'; "
                      f"voeg '{name}: …' toe")
        _scheme_limits(item, regeling, scheme_rules, place)


def _check_page_links(content: Content, checked: list[_Checked], record_pages: set[str],
                      diagnostics: list[Diagnostic]) -> None:
    """A body's link to another page of the site must find it: MkDocs would otherwise fail on the generated page."""
    known = record_pages | set(SITE_PAGES) | _listing_pages(content, checked)
    for item in checked:
        for link in item.page_links:
            if link.target not in known:
                diagnostics.append(error(item.path, link.line, link.col, BODY_KEY, f"de link naar '{link.written}' "
                                         "leidt naar geen pagina van de site; controleer de naam: naar een "
                                         "praktijkvoorbeeld linkt u met ../projecten/<id>.md, naar een regeling met "
                                         "../regelingen/<id>.md"))


def _listing_pages(content: Content, checked: list[_Checked]) -> set[str]:
    """The overview pages the renderer makes: per vocabulary term, per province, per municipality with records."""
    pages = {f"{v.spec.pad}/{page}.md" for v in content.vocabularies.with_pages()
             for page in ("index", *(term.id for term in v.terms))}
    register = content.register
    pages |= {f"provincies/{province.slug}.md" for province in (register.provinces if register else ())}
    pages |= {f"gemeenten/{municipality.slug}.md" for item in checked if item.record is not None
              for actor in (*item.record.builders, *item.record.reusers) for municipality in actor.municipalities}
    return pages


def _inherited(scheme_id: str, own: dict[str, _Rules], schemes: dict[str, _Checked]) -> _Rules:
    """A scheme's rules with what its programmes ('onderdeel_van', up the chain) ask of every record.

    A part of a programme may add fields, vocabularies and limits, or set a limit of its own;
    it cannot drop a field the programme requires.
    """
    chain = [ancestor for ancestor in lineage(scheme_id, _parent_of(schemes)) if ancestor in own]
    merged = _Rules({}, [], None, None, None)
    for ancestor in reversed(chain):
        rules = own[ancestor]
        merged = _Rules(
            None if rules.extra is None or merged.extra is None else {**merged.extra, **rules.extra},
            merged.required + [name for name in rules.required if name not in merged.required],
            rules.max_months if rules.max_months is not None else merged.max_months,
            rules.minimum if rules.minimum is not None else merged.minimum,
            rules.maximum if rules.maximum is not None else merged.maximum,
        )
    return merged


def lineage(scheme_id: str, parent_of: Callable[[str], str | None]) -> list[str]:
    """The scheme and the programmes above it ('onderdeel_van'), nearest first.

    Stops at an unknown id or where the chain would repeat itself, so a loop in the data
    (reported by the validator) never hangs whoever follows the chain.
    """
    chain: list[str] = []
    current: str | None = scheme_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parent_of(current)
    return chain


def _parent_of(schemes: dict[str, _Checked]) -> Callable[[str], str | None]:
    def parent(scheme_id: str) -> str | None:
        item = schemes.get(scheme_id)
        value = item.data.get("onderdeel_van") if item is not None else None
        return value if isinstance(value, str) and value in schemes else None
    return parent


def _parent_cycle(scheme_id: str, schemes: dict[str, _Checked]) -> list[str]:
    """The chain of 'onderdeel_van' from `scheme_id` back to itself, or [] when there is no loop."""
    parent_of = _parent_of(schemes)
    chain = lineage(scheme_id, parent_of)
    return chain + [scheme_id] if parent_of(chain[-1]) == scheme_id else []


def _replace_model(record: Record, update: dict) -> Record:
    return dataclasses.replace(record, model=record.model.model_copy(update=update))


_MONEY = TypeAdapter(models.Money)


def _scheme_limits(item: _Checked, regeling: str, rules: _Rules, place) -> None:
    """Limits of the scheme, as warnings: a record may describe a project that was allowed an exception."""
    data = item.data
    period = _part(models.Period, data.get("periode"))
    if rules.max_months and period and period.start and period.einde:
        months = _months(period.start, period.einde)
        if months is not None and months > rules.max_months:
            place(item, ("periode",), Severity.WARNING, f"looptijd van {months} maanden is langer dan de "
                  f"{rules.max_months} maanden van regeling '{regeling}'; controleer start en einde "
                  "(laat staan als de bron het zo noemt)")
    try:
        contribution = _MONEY.validate_python(data["bijdrage"]) if data.get("bijdrage") is not None else None
    except ValidationError:
        contribution = None
    if contribution is None:
        return
    if rules.maximum is not None and contribution > rules.maximum:
        place(item, ("bijdrage",), Severity.WARNING, f"bijdrage {euro(contribution)} is hoger dan het maximum "
              f"van {euro(rules.maximum)} van regeling '{regeling}'; controleer het bedrag")
    if rules.minimum is not None and contribution < rules.minimum:
        place(item, ("bijdrage",), Severity.WARNING, f"bijdrage {euro(contribution)} is lager dan het minimum "
              f"van {euro(rules.minimum)} van regeling '{regeling}'; controleer het bedrag")


# ---------------------------------------------------------------- entry point

SUPPORT_FILES = ("vocabulaires.yaml", "gemeenten.yaml", "organisaties.yaml", "bronnen.yaml")


def find_content_root(start: Path) -> Path | None:
    """The content folder for `start`: the nearest folder at or above it that holds vocabulaires.yaml,
    or a folder named content/ with one beside such a folder (a fixture in tests/ finds the repository's)."""
    start = start.resolve()
    for folder in (start, *start.parents) if start.is_dir() else start.parents:
        if (folder / "vocabulaires.yaml").is_file():
            return folder
        if (folder / "content" / "vocabulaires.yaml").is_file():
            return folder / "content"
    return None


def check_content(root: Path, extra_paths: list[Path] | None = None) -> Content:
    """Load and check a whole content folder, plus record files or folders elsewhere (test fixtures).

    Records outside the folder are checked against it: its vocabularies, register, schemes
    and the ids of its records.
    """
    diagnostics: list[Diagnostic] = []
    vocabularies, directory, sources = load_support(root, diagnostics)
    support = frozenset(_shown(root / name) for name in SUPPORT_FILES)
    content = Content(root, vocabularies, directory, sources, diagnostics=diagnostics, support_paths=support)
    checker = RecordChecker(vocabularies, directory, sources)
    files = list(discover(root, diagnostics))
    seen = {os.path.realpath(p) for p, _ in files}
    for path, kind in expand_paths(list(extra_paths or []), root, diagnostics):
        if os.path.realpath(path) not in seen:
            seen.add(os.path.realpath(path))
            files.append((path, kind))
    first_place: dict[tuple[str, str], str] = {}
    checked: list[_Checked] = []
    for path, kind in files:
        result = checker.check(path, kind, diagnostics)
        content.record_paths.append(result.path)
        key = (kind, path.stem)
        if key in first_place:
            diagnostics.append(error(result.path, 1, 1, "", f"id '{path.stem}' bestaat al in {first_place[key]}; "
                                     "elke bestandsnaam moet uniek zijn, ook in submappen. Kies een andere naam"))
            continue
        first_place[key] = result.path
        checked.append(result)
    _cross_check(content, checked, diagnostics)
    _check_page_links(content, checked, {page_path(kind, record_id) for kind, record_id in first_place}, diagnostics)
    for result in checked:
        if result.record is not None:
            target = content.projects if result.kind == "projects" else content.schemes
            target[result.record.id] = result.record
    content.projects = dict(sorted(content.projects.items()))
    content.schemes = dict(sorted(content.schemes.items()))
    return content
