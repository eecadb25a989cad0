"""Rules between records: references resolve, what a scheme (and the programme above it) asks of
its records, scheme limits, and links from one body to another page of the site.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from pydantic import TypeAdapter, ValidationError

from generator.core.diagnostics import Diagnostic, Severity, error, warning
from generator.core.dutch import euro
from generator.core.messages import Message, message
from generator.core.paths import SITE_PAGES
from generator.core.text import closest, suggestion_text
from generator.load.files import BODY_KEY, KeyPath, dotted as _dotted
from generator.model import records as models
from generator.model.content import Content, Record, added_in_order, inherit, lineage, parent_lookup
from generator.model.records import ProjectRecord
from generator.validate.records import Checked, months_between, valid_part


@dataclass
class _Rules:
    """What a scheme asks of its records, read from whatever part of the scheme is valid."""

    extra: dict[str, str] | None
    required: list[str]
    max_months: int | None
    minimum: Decimal | None
    maximum: Decimal | None


def _rules(data: dict) -> _Rules:
    fields = valid_part(models.RecordFields, data.get("record_velden", {}))
    eligibility = valid_part(models.Eligibility, data.get("geschiktheid"))
    subsidy = valid_part(models.Subsidy, data.get("subsidie"))
    return _Rules(fields.extra if fields else None, fields.verplicht if fields else [],
                  eligibility.max_looptijd_maanden if eligibility else None,
                  subsidy.minimum if subsidy else None, subsidy.maximum if subsidy else None)


def cross_check(content: Content, checked: list[Checked], diagnostics: list[Diagnostic]) -> None:
    """Rules between records: references resolve, per-scheme fields, scheme limits."""
    def place(item: Checked, key_path: KeyPath, severity: Severity, text: Message) -> None:
        line, col = item.loaded.position(key_path) if item.loaded else (1, 1)
        make = error if severity is Severity.ERROR else warning
        diagnostics.append(make(item.path, line, col, _dotted(key_path), text))

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
            place(item, ("onderdeel_van",), Severity.ERROR,
                  message("KB-E501", regeling=parent, suggestie=suggestion_text(closest(parent, scheme_ids))))
        elif isinstance(parent, str) and (cycle := _parent_cycle(scheme_id, schemes)):
            place(item, ("onderdeel_van",), Severity.ERROR, message("KB-E502", kring=" -> ".join(cycle)))
        for key in ("voorganger", "opvolger"):
            linked = data.get(key)
            if isinstance(linked, str) and linked not in scheme_ids:
                place(item, (key,), Severity.ERROR,
                      message("KB-E501", regeling=linked, suggestie=suggestion_text(closest(linked, scheme_ids))))
        vocab_id = data.get("themas_woordenlijst")
        if isinstance(vocab_id, str) and content.vocabularies.get(vocab_id) is None:
            place(item, ("themas_woordenlijst",), Severity.ERROR,
                  message("KB-E503", woordenlijst=vocab_id, suggestie=suggestion_text(closest(vocab_id, vocab_ids))))
        fields = valid_part(models.RecordFields, data.get("record_velden"))
        if fields is None:
            continue
        for index, name in enumerate(fields.verplicht):
            if name not in ProjectRecord.model_fields:
                place(item, ("record_velden", "verplicht", index), Severity.ERROR, message(
                    "KB-E504", veld=name, suggestie=suggestion_text(closest(name, list(ProjectRecord.model_fields)))))
        for name, extra_vocab in fields.extra.items():
            if name not in per_scheme:
                place(item, ("record_velden", "extra", name), Severity.ERROR,
                      message("KB-E505", veld=name, mogelijk=", ".join(sorted(per_scheme))))
            if content.vocabularies.get(extra_vocab) is None:
                place(item, ("record_velden", "extra", name), Severity.ERROR, message(
                    "KB-E503", woordenlijst=extra_vocab, suggestie=suggestion_text(closest(extra_vocab, vocab_ids))))

    for item in checked:
        if item.kind != "projects" or item.data is None:
            continue
        data = item.data
        regeling = data.get("regeling")
        if not isinstance(regeling, str):
            regeling = None
        if regeling is not None and regeling not in scheme_ids:
            place(item, ("regeling",), Severity.ERROR,
                  message("KB-E501", regeling=regeling, suggestie=suggestion_text(closest(regeling, scheme_ids))))
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
                place(item, (name,), Severity.ERROR, message("KB-E506", waar=where, wel_bij=hint))
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
                place(item, (name,), Severity.ERROR, message("KB-E507", regeling=regeling, veld=name))
        _scheme_limits(item, regeling, scheme_rules, place)


def check_page_links(content: Content, checked: list[Checked], record_pages: set[str],
                      diagnostics: list[Diagnostic]) -> None:
    """A body's link to another page of the site must find it: MkDocs would otherwise fail on the generated page."""
    known = record_pages | set(SITE_PAGES) | listing_pages(content, checked)
    for item in checked:
        for link in item.page_links:
            if link.target not in known:
                diagnostics.append(error(item.path, link.line, link.col, BODY_KEY,
                                         message("KB-E416", link=link.written)))


def listing_pages(content: Content, checked: list[Checked]) -> set[str]:
    """The overview pages the renderer makes: per vocabulary term, per province, per municipality with records."""
    pages = {f"{v.spec.pad}/{page}.md" for v in content.vocabularies.with_pages()
             for page in ("index", *(term.id for term in v.terms))}
    register = content.register
    pages |= {f"provincies/{province.slug}.md" for province in (register.provinces if register else ())}
    pages |= {f"gemeenten/{municipality.slug}.md" for item in checked if item.record is not None
              for actor in (*item.record.builders, *item.record.reusers) for municipality in actor.municipalities}
    return pages


_JOINED = {
    "extra": lambda farther, nearer: None if farther is None or nearer is None else {**farther, **nearer},
    "required": added_in_order,
}
"""How a part adds to its programme: per-scheme fields merge (None, unreadable, stays None); required fields add up."""


def _inherited(scheme_id: str, own: dict[str, _Rules], schemes: dict[str, Checked]) -> _Rules:
    """A scheme's rules with what its programmes ('onderdeel_van', up the chain) ask of every record.

    A part of a programme may add fields, vocabularies and limits, or set a limit of its own;
    it cannot drop a field the programme requires (model/content.inherit).
    """
    chain = lineage(scheme_id, _parent_of(schemes))
    merged = inherit([dataclasses.asdict(own[ancestor]) if ancestor in own else None for ancestor in chain], _JOINED)
    return _Rules(**merged) if merged is not None else _Rules({}, [], None, None, None)


def _parent_of(schemes: dict[str, Checked]) -> Callable[[str], str | None]:
    return parent_lookup(schemes, lambda item: item.data.get("onderdeel_van") if item.data is not None else None)


def _parent_cycle(scheme_id: str, schemes: dict[str, Checked]) -> list[str]:
    """The chain of 'onderdeel_van' from `scheme_id` back to itself, or [] when there is no loop."""
    parent_of = _parent_of(schemes)
    chain = lineage(scheme_id, parent_of)
    return chain + [scheme_id] if parent_of(chain[-1]) == scheme_id else []


def _replace_model(record: Record, update: dict) -> Record:
    return dataclasses.replace(record, model=record.model.model_copy(update=update))


_MONEY = TypeAdapter(models.Money)


def _scheme_limits(item: Checked, regeling: str, rules: _Rules, place) -> None:
    """Limits of the scheme, as warnings: a record may describe a project that was allowed an exception."""
    data = item.data
    period = valid_part(models.Period, data.get("periode"))
    if rules.max_months and period and period.start and period.einde:
        months = months_between(period.start, period.einde)
        if months is not None and months > rules.max_months:
            place(item, ("periode",), Severity.WARNING,
                  message("KB-W501", maanden=months, maximum=rules.max_months, regeling=regeling))
    try:
        contribution = _MONEY.validate_python(data["bijdrage"]) if data.get("bijdrage") is not None else None
    except ValidationError:
        contribution = None
    if contribution is None:
        return
    if rules.maximum is not None and contribution > rules.maximum:
        place(item, ("bijdrage",), Severity.WARNING,
              message("KB-W502", bijdrage=euro(contribution), maximum=euro(rules.maximum), regeling=regeling))
    if rules.minimum is not None and contribution < rules.minimum:
        place(item, ("bijdrage",), Severity.WARNING,
              message("KB-W503", bijdrage=euro(contribution), minimum=euro(rules.minimum), regeling=regeling))
