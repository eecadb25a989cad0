"""One record file at a time: its model, vocabularies, organisations, sources, body, sums and dates.

Every check runs on the raw front matter as far as it can, so that one broken field never hides
the problems in another: an editor sees everything in one round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from generator.core import clock
from generator.core.diagnostics import Diagnostic, error, explain_model_error, has_errors, unknown_key_suggestion, warning
from generator.core.dates import PartialDate
from generator.core.dutch import euro
from generator.core.messages import Message, message
from generator.core.paths import page_path
from generator.core.reserved import id_problem
from generator.core.text import closest, slugify, suggestion_text
from generator.load.files import BODY_KEY, KeyPath, LoadedFile, dotted as _dotted, load_file
from generator.model import records as models
from generator.model.content import Record, Source
from generator.model.organisations import Actor, Directory
from generator.model.base import ID_PATTERN
from generator.model.records import RecordBase
from generator.model.vocab import Vocabularies
from generator.validate.body import PageLink, RenderedBody, render_body
from generator.validate.claims import claim_diagnostics
from generator.validate.discovery import shown_path
from generator.validate.freshness import review_diagnostics
from generator.validate.placeholders import is_placeholder, placeholder_diagnostics


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

def _published_field(kind: str, name: str) -> str | None:
    """The field where a source's own word goes when it fits no vocabulary term ('themas' ->
    'thema_zoals_gepubliceerd'), if the record kind has one."""
    fields = models.RECORD_MODELS[kind].model_fields
    for stem in (name, name.removesuffix("s")):
        if f"{stem}_zoals_gepubliceerd" in fields:
            return f"{stem}_zoals_gepubliceerd"
    return None


def values_at(data: Any, parts: list[str], prefix: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
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
            yield from values_at(item, parts, prefix + (index,))
    elif isinstance(data, dict) and parts[0] in data:
        yield from values_at(data[parts[0]], parts[1:], prefix + (parts[0],))


def _last_day_spoken_of(period: Any) -> str | None:
    """The last day of a record's period (YYYY-MM-DD), when it has a valid end or start."""
    if not isinstance(period, dict):
        return None
    date = PartialDate.parse(period.get("einde")) or PartialDate.parse(period.get("start"))
    return date.last_day.isoformat() if date else None


def months_between(start: str, end: str) -> int | None:
    """Whole months from start to end inclusive, when both are at least month-precise."""
    first, last = PartialDate.parse(start), PartialDate.parse(end)
    return first.months_until(last) if first and last else None


def starts_after_end(start: str, end: str) -> bool:
    """True when a (valid) start lies wholly after a (valid) end: 2020-03 after 2020."""
    first, last = PartialDate.parse(start), PartialDate.parse(end)
    return bool(first and last and first.first_day > last.last_day)


# ---------------------------------------------------------------- one record

@dataclass
class Checked:
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


def valid_part(model: type[BaseModel], value: Any) -> Any:
    """`value` as `model`, or None when it is absent or invalid (its problems are reported elsewhere)."""
    if value is None:
        return None
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def list_items(value: Any) -> list:
    return value if isinstance(value, list) else []


@dataclass(frozen=True)
class ReadFile:
    """One record file read on its own: split, parsed, its body rendered and sanitised, and the
    problems found so far. Needs nothing but the file, so many can be read at once (check.py)."""

    path: Path
    kind: str
    stem: str
    shown: str
    loaded: LoadedFile | None
    rendered: RenderedBody | None
    problems: tuple[Diagnostic, ...]


def read_record_file(path_and_kind: tuple[Path, str]) -> ReadFile:
    path, kind = path_and_kind
    shown = shown_path(path)
    stem = path.stem
    own: list[Diagnostic] = []
    if not ID_PATTERN.match(stem) or path.suffix != ".md":
        suggestion = (slugify(stem) or "record") + ".md"
        own.append(error(shown, 1, 1, "", message("KB-E203", naam=path.name, suggestie=suggestion)))
    taken = id_problem(stem, "bestandsnaam")
    if taken:
        own.append(error(shown, 1, 1, "", taken))
    loaded, problems = load_file(path, shown)
    own += problems
    rendered = None
    if loaded is not None:
        rendered, body_problems = check_body(loaded.body, loaded.body_line, shown, page_path(kind, stem))
        own += body_problems
        own += placeholder_diagnostics(loaded)
    return ReadFile(path, kind, stem, shown, loaded, rendered, tuple(own))


class RecordChecker:
    """Checks one file at a time against the shared vocabularies, directory and sources.

    Every check runs on the raw front matter as far as it can, so that one broken field
    never hides the problems in another: an editor sees everything in one round.
    """

    def __init__(self, vocabularies: Vocabularies, directory: Directory | None, sources: dict[str, Source],
                 today: dt.date | None = None):
        self.vocabularies = vocabularies
        self.directory = directory
        self.sources = sources
        self.today = today or clock.today()  # only for warnings: stale contacts, records not reviewed

    def judge(self, read: ReadFile, diagnostics: list[Diagnostic]) -> Checked:
        """Everything about one file that needs the shared data: model, vocabularies, names, sources."""
        kind, stem, shown, loaded, rendered = read.kind, read.stem, read.shown, read.loaded, read.rendered
        own = list(read.problems)
        if loaded is None or loaded.data is None:
            diagnostics.extend(own)
            return Checked(kind, stem, shown, loaded, None)
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
        if kind == "projects":
            own += claim_diagnostics(loaded, self.vocabularies, self.today)
        if model is not None:
            own += review_diagnostics(loaded, model.laatst_beoordeeld, self.today)
        diagnostics.extend(own)
        if model is None or has_errors(own):
            return Checked(kind, stem, shown, loaded, None)
        record = Record(kind, stem, shown, model.model_copy(update=canonical), loaded.body, loaded.body_line,
                        builders, reusers, rendered)
        return Checked(kind, stem, shown, loaded, record, rendered.links if rendered else ())

    def _check_vocabularies(self, kind: str, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> dict:
        """Checks every governed field; returns top-level fields rewritten to canonical ids."""
        canonical: dict[str, Any] = {}
        for governed_kind, dotted, vocabulary in self.vocabularies.governed_fields():
            if governed_kind != kind:
                continue
            parts = dotted.split(".")
            for key_path, value in values_at(loaded.data, parts):
                if not isinstance(value, str):
                    continue
                term = vocabulary.resolve(value)
                if term is None:
                    line, col = loaded.value_position(key_path)
                    diagnostics.append(error(loaded.path, line, col, _dotted(key_path),
                                             vocabulary.explain_unknown(value, _published_field(kind, parts[0]))))
                elif len(parts) == 1:
                    if isinstance(loaded.data.get(dotted), list):
                        canonical.setdefault(dotted, list(loaded.data[dotted]))[key_path[-1]] = term.id
                    else:
                        canonical[dotted] = term.id
        themes = canonical.get("themas")
        if isinstance(themes, list) and len(set(themes)) != len(themes):
            line, col = loaded.position(("themas",))
            diagnostics.append(error(loaded.path, line, col, "themas", message("KB-E202")))
        return canonical

    def _actors(self, loaded: LoadedFile, key: str, diagnostics: list[Diagnostic]) -> tuple[Actor, ...]:
        names = loaded.data.get(key)
        if not isinstance(names, list) or self.directory is None:
            return ()
        actors: list[Actor] = []
        until = _last_day_spoken_of(loaded.data.get("periode"))
        for index, name in enumerate(names):
            if not isinstance(name, str) or is_placeholder(name):
                continue  # a placeholder ('INVULLEN: gemeente …') gets KB-W401, not "unknown organisation"
            found = self.directory.resolve(name, until)
            line, col = loaded.position((key, index))
            if found.actor is None:
                diagnostics.append(error(loaded.path, line, col, f"{key}[{index}]", found.error))
                continue
            if found.warning:
                diagnostics.append(warning(loaded.path, line, col, f"{key}[{index}]", found.warning))
            if found.actor in actors:
                diagnostics.append(error(loaded.path, line, col, f"{key}[{index}]", message("KB-E306", naam=name)))
                continue
            actors.append(found.actor)
        return tuple(actors)

    def _check_sources(self, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> None:
        for index, name in enumerate(list_items(loaded.data.get("bronnen"))):
            if isinstance(name, str) and name not in self.sources:
                line, col = loaded.position(("bronnen", index))
                hint = suggestion_text(closest(name, list(self.sources)))
                diagnostics.append(error(loaded.path, line, col, f"bronnen[{index}]",
                                         message("KB-E509", bron=name, suggestie=hint)))

    def _check_amounts_and_dates(self, kind: str, loaded: LoadedFile, diagnostics: list[Diagnostic]) -> None:
        """Sums and date order, on every part that is valid by itself (whatever else is wrong)."""
        data = loaded.data

        def report(key_path: KeyPath, text: Message) -> None:
            line, col = loaded.position(key_path)
            diagnostics.append(error(loaded.path, line, col, _dotted(key_path), text))

        if kind == "projects":
            period = valid_part(models.Period, data.get("periode"))
            if period and period.start and period.einde and starts_after_end(period.start, period.einde):
                report(("periode", "einde"), message("KB-E150", einde=period.einde, start=period.start))
            for index, raw in enumerate(list_items(data.get("begroting"))):
                budget = valid_part(models.Budget, raw)
                if budget is None:
                    continue
                total = sum((line.bedrag for line in budget.regels), Decimal(0))
                if total != budget.totaal:
                    report(("begroting", index, "totaal"), message("KB-E151", som=euro(total), totaal=euro(budget.totaal)))
            for index, raw in enumerate(list_items(data.get("reserves"))):
                reserve = valid_part(models.Reserve, raw)
                if reserve is None:
                    continue
                if reserve.onttrekking > reserve.beschikbaar:
                    report(("reserves", index, "onttrekking"), message("KB-E152", onttrekking=euro(reserve.onttrekking),
                                                                        beschikbaar=euro(reserve.beschikbaar)))
                elif reserve.beschikbaar - reserve.onttrekking != reserve.resteert:
                    report(("reserves", index, "resteert"), message(
                        "KB-E153", verschil=euro(reserve.beschikbaar - reserve.onttrekking), resteert=euro(reserve.resteert)))
        else:
            subsidy = valid_part(models.Subsidy, data.get("subsidie"))
            if subsidy and subsidy.minimum is not None and subsidy.maximum is not None and subsidy.minimum > subsidy.maximum:
                report(("subsidie", "minimum"), message("KB-E154", minimum=euro(subsidy.minimum),
                                                        maximum=euro(subsidy.maximum)))
            for index, raw in enumerate(list_items(data.get("termijnen"))):
                deadline = valid_part(models.Deadline, raw)
                if deadline and deadline.van and deadline.tot and \
                        starts_after_end(deadline.van, deadline.tot):
                    report(("termijnen", index, "tot"), message("KB-E155", tot=deadline.tot, van=deadline.van))
