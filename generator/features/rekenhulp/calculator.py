"""The rekenhulp page: scheme records in, the calculator's data and page source out.

This module is the ONE place where the Dutch scheme fields (``subsidie.aandeel_intern``,
``geschiktheid.max_looptijd_maanden``, ...) become the shape the calculator core speaks
(``internal_share``, ``external_share``, ``minimum``, ``maximum`` as in the test vectors,
``../shared/testdata/calculator-vectors.json`` next to the checkout, copied to
``tests/data/calculator-vectors.json``). The view never reads a record directly, so a
scheme added as a content file shows up in the calculator without a code change.

Pure functions, no I/O except reading the packaged assets and template; same records in,
same bytes out.

API
---
``calculator_schemes(schemes)``
    Schemes with all four calculation parameters, in the calculator shape plus display data.
``eligibility_data(schemes, organisation_types)``
    Everything "Welke regeling past?" needs: every scheme with ``geschiktheid`` or
    ``subsidie.maximum``, the organisation types to offer, and which questions to ask.
``render_calculator_page(env, schemes, organisation_types, examples=None)``
    The Markdown source of ``/rekenhulp/`` (write it to ``rekenhulp/index.md``).

``files(context)``
    The feature contract (generator.features): {"rekenhulp/index.md": page} from the context's
    catalogue, its template environment and the ``organisatietypen`` vocabulary.

``schemes`` is a mapping {id: SchemeRecord}, an iterable of (id, SchemeRecord) pairs, or an
iterable of objects with an ``id`` attribute (the object itself, or its ``record``
attribute, is then read as the scheme). A validated ``Record`` wrapper (with ``.model``) is
unwrapped. Records are read by attribute, so anything shaped like
``generator.model.records.SchemeRecord`` works.

``organisation_types`` is the ``organisatietypen`` vocabulary: a mapping {id: naam} or an
iterable of entries with ``id`` and ``naam`` (dicts or objects), in the order to show.

Template context (keys of ``calculator_context``, all the template uses):
    schemes           list[dict]  calculator_schemes() output, for the static parts
    eligibility       dict        eligibility_data() output, for the questions
    examples          list[dict]  worked examples whose scheme is in the calculator
    schemes_json      Markup      the same three, as JSON safe inside <script> (no <, >, &)
    eligibility_json  Markup
    examples_json     Markup
    script_js         Markup      the SCRIPT_FILES of assets/, in order, a blank line apart
    stylesheet        str         address of assets/rekenhulp.css from the page (a <link>: a <style>
                                  element may not stand in the body)
    euro              callable    Decimal or "0.00" string -> "€ 11.562,60", for static text

How the JavaScript gets into the page: the template puts script_js, the core and then the
view's files in the order of ``SCRIPT_FILES``, into ONE inline ``<script type="module">``.
Chromium refuses ``<script type="module" src>`` and ``import`` over file://, and the page must
work from a saved copy; an inline module may keep the core's ``export`` statements, and the
view files have no ``import`` line: they call the core's functions, and each other's, by name
in the shared module scope. Nothing is stripped or rewritten.

Longer than 400 lines because the page's data shapes (schemes, eligibility, examples) are one
contract with the view's scripts: kept in one file, a change to a shape and to the page that
carries it to the browser is one reviewable diff. The browser's side is split into small files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.core.dutch import deadline_text, euro
from generator.features import ASSET_FOLDER, FeatureContext, assets
from generator.model.records import Eligibility
from generator.model.content import inherit, lineage, parent_lookup

PACKAGE_DIR = Path(__file__).resolve().parent
ASSET_DIR = PACKAGE_DIR / "assets"
TEMPLATE_DIR = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "rekenhulp.md.j2"
CORE_FILE = "rekenhulp-core.mjs"
CHECK_FILE = "rekenhulp-check.mjs"
STATUS_FILE = PACKAGE_DIR.parents[1] / "render" / "templates" / "regeling-status.js"
"""Open, not yet open or closed on the day viewed: the scheme pages' script, so both agree."""
VIEW_FILES = (
    "rekenhulp-dom.js",       # small DOM helpers
    "rekenhulp-messages.js",  # validation messages, the checker and the error summary
    "rekenhulp-answers.js",   # form state: what the user typed, as the core's input
    "rekenhulp-lines.js",     # the calculator's cost lines and the hourly-rate table
    "rekenhulp-render.js",    # verdicts, scheme hints, the calculation table and outcome
    "rekenhulp-url.js",       # the state in the URL
    "rekenhulp-main.js",      # wiring; its last line starts the view
)
SCRIPT_FILES = (STATUS_FILE.name, CORE_FILE, CHECK_FILE, *VIEW_FILES)
"""The page's one module script, in order: the status script, the core and the check (the pure
part, which Node runs as one module too), then the view."""
CSS_FILE = "rekenhulp.css"
STYLESHEET = f"../{ASSET_FOLDER}/{CSS_FILE}"
"""The page's styles, relative to rekenhulp/ (a saved copy keeps a linked stylesheet, unlike a module script)."""
EXAMPLES_FILE = "rekenvoorbeelden.json"

_CENT = Decimal("0.01")


# --------------------------------------------------------------------------------------
# Reading records
# --------------------------------------------------------------------------------------

def _pairs(schemes: Any) -> list[tuple[str, Any]]:
    """(id, record) pairs sorted by id, whatever container the caller has."""
    if isinstance(schemes, Mapping):
        pairs = list(schemes.items())
    else:
        pairs = []
        for item in schemes:
            if isinstance(item, tuple) and len(item) == 2:
                pairs.append((str(item[0]), item[1]))
            elif hasattr(item, "id"):
                pairs.append((str(item.id), getattr(item, "record", item)))
            else:
                raise TypeError("regeling zonder id: geef (id, SchemeRecord)-paren of een mapping id -> record")
    pairs = [(scheme_id, getattr(rec, "model", rec)) for scheme_id, rec in pairs]
    ids = [scheme_id for scheme_id, _ in pairs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"dubbele regeling-id's: {', '.join(duplicates)}")
    return sorted(pairs, key=lambda pair: pair[0])


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def money(value: Any) -> str | None:
    """A Money value as the calculator writes amounts: Decimal('15000') -> '15000.00'."""
    if value is None:
        return None
    amount = Decimal(str(value)).quantize(_CENT)
    return f"{amount:f}"


def _schaal_key(schaal: str) -> tuple[int, str]:
    match = re.match(r"(\d+)(.*)", schaal)
    return (int(match.group(1)), match.group(2)) if match else (10**6, schaal)


def _rate(entry: Any) -> dict[str, Any]:
    return {
        "jaar": int(_get(entry, "jaar")),
        "schaal": str(_get(entry, "schaal")),
        "periodiek": int(_get(entry, "periodiek")),
        "uurloon": money(_get(entry, "uurloon")),
    }


# The conditions a scheme can set, in the order of the record format (models.Eligibility).
_ELIGIBILITY_FIELDS = tuple(Eligibility.model_fields)


def _eligibility(record: Any) -> dict[str, Any] | None:
    g = _get(record, "geschiktheid")
    if g is None:
        return None
    conditions = {name: _get(g, name) for name in _ELIGIBILITY_FIELDS}
    conditions["aanvragers"] = list(conditions["aanvragers"] or [])
    return conditions


def _effective_eligibility(scheme_id: str, records: dict[str, Any]) -> dict[str, Any] | None:
    """A scheme's conditions, completed with those of the programme it is part of.

    Editors write a condition once on the programme (``onderdeel_van``) or repeat it on the
    part; a condition the part sets itself wins (model/content.inherit). Cycles are ignored.
    """
    chain = lineage(scheme_id, parent_lookup(records, lambda record: _get(record, "onderdeel_van")))
    return inherit([_eligibility(records[ancestor]) for ancestor in chain])


def _deadlines(record: Any) -> list[dict[str, Any]]:
    return [
        {
            "omschrijving": _get(d, "omschrijving"),
            "van": _get(d, "van"),
            "tot": _get(d, "tot"),
            "tijd": _get(d, "tijd"),
            "tekst": deadline_text(d),
        }
        for d in _get(record, "termijnen", []) or []
    ]


def _windows(scheme_id: str, records: dict[str, Any]) -> list[dict[str, Any]]:
    """The application windows of a scheme, or of the nearest programme above it that has some."""
    for ancestor in lineage(scheme_id, parent_lookup(records, lambda record: _get(record, "onderdeel_van"))):
        own = _get(records[ancestor], "aanvraagperiodes", []) or []
        if own:
            return [{"van": _get(w, "van"), "tot": _get(w, "tot"), "tijd": _get(w, "tijd"),
                     "tekst": deadline_text(w)} for w in own]
    return []


def _documents(record: Any) -> list[dict[str, Any]]:
    return [{"fase": _get(d, "fase"), "stukken": list(_get(d, "stukken", []))}
            for d in _get(record, "documenten", []) or []]


def _has_calculation(record: Any) -> bool:
    subsidy = _get(record, "subsidie")
    return all(_get(subsidy, name) is not None
               for name in ("aandeel_intern", "aandeel_extern", "minimum", "maximum"))


def _common(scheme_id: str, record: Any) -> dict[str, Any]:
    return {
        "id": scheme_id,
        "titel": _get(record, "titel"),
        "korte_beschrijving": _get(record, "korte_beschrijving"),
        "uitvoerder": _get(record, "uitvoerder"),
    }


# --------------------------------------------------------------------------------------
# The two data sets the page embeds
# --------------------------------------------------------------------------------------

def calculator_schemes(schemes: Any) -> list[dict[str, Any]]:
    """Schemes the calculator can compute, sorted by id.

    A scheme qualifies when its ``subsidie`` has ``aandeel_intern``, ``aandeel_extern``,
    ``minimum`` and ``maximum``. Each entry has the calculator keys ``internal_share``,
    ``external_share``, ``minimum``, ``maximum`` (money as "0.00" strings) and display data:
    id, titel, korte_beschrijving, uitvoerder, max_looptijd_maanden, uurloontabel (sorted),
    uurloon_voorbeeld, geschiktheid, termijnen (with a Dutch ``tekst``), documenten.
    """
    pairs = _pairs(schemes)
    records = dict(pairs)
    out = []
    for scheme_id, record in pairs:
        if not _has_calculation(record):
            continue
        subsidy = _get(record, "subsidie")
        geschiktheid = _effective_eligibility(scheme_id, records)
        table = sorted((_rate(r) for r in _get(record, "uurloontabel", []) or []),
                       key=lambda r: (r["jaar"], _schaal_key(r["schaal"]), r["periodiek"]))
        example = _get(record, "uurloon_voorbeeld")
        out.append({
            **_common(scheme_id, record),
            "internal_share": str(_get(subsidy, "aandeel_intern")).replace(" ", ""),
            "external_share": str(_get(subsidy, "aandeel_extern")).replace(" ", ""),
            "minimum": money(_get(subsidy, "minimum")),
            "maximum": money(_get(subsidy, "maximum")),
            "max_looptijd_maanden": geschiktheid["max_looptijd_maanden"] if geschiktheid else None,
            "uurloontabel": table,
            "uurloon_voorbeeld": _rate(example) if example is not None else None,
            "geschiktheid": geschiktheid,
            "termijnen": _deadlines(record),
            "aanvraagperiodes": _windows(scheme_id, records),
            "jaar": _get(record, "jaar"),
            "documenten": _documents(record),
        })
    return out


def _organisation_entries(organisation_types: Any) -> list[dict[str, str]]:
    if organisation_types is None:
        return []
    if isinstance(organisation_types, Mapping):
        return [{"id": str(k), "naam": str(v)} for k, v in organisation_types.items()]
    return [{"id": str(_get(t, "id")), "naam": str(_get(t, "naam"))} for t in organisation_types]


def eligibility_data(schemes: Any, organisation_types: Any) -> dict[str, Any]:
    """Data for "Welke regeling past?".

    ``regelingen``: every scheme with ``geschiktheid`` or ``subsidie.maximum`` (sorted by id):
    id, titel, korte_beschrijving, uitvoerder, in_rekenhulp (the calculator can compute it),
    maximum ("0.00" or None), geschiktheid, termijnen, documenten. A programme that other
    schemes name in ``onderdeel_van`` is left out: one applies to its parts, and the parts
    inherit every condition of the programme that they do not set themselves.
    ``organisatietypen``: the types some scheme lists under ``aanvragers``, in vocabulary order
    (ids no vocabulary entry names are kept, named by their id); all types when no scheme
    lists any. The page adds "anders".
    ``vragen``: per question, the schemes that ask it, so the page asks only what some scheme
    needs and hints show each scheme's limit.
    """
    pairs = _pairs(schemes)
    records = dict(pairs)
    programmes = {_get(r, "onderdeel_van") for _, r in pairs} & set(records)
    regelingen = []
    for scheme_id, record in pairs:
        if scheme_id in programmes:
            continue  # one applies to its parts, which inherit its conditions
        geschiktheid = _effective_eligibility(scheme_id, records)
        maximum = money(_get(_get(record, "subsidie"), "maximum"))
        if geschiktheid is None and maximum is None:
            continue
        regelingen.append({
            **_common(scheme_id, record),
            "in_rekenhulp": _has_calculation(record),
            "maximum": maximum,
            "geschiktheid": geschiktheid,
            "termijnen": _deadlines(record),
            "aanvraagperiodes": _windows(scheme_id, records),
            "jaar": _get(record, "jaar"),
            "documenten": _documents(record),
        })

    def asking(key: str) -> list[dict[str, Any]]:
        return [{"id": r["id"], "titel": r["titel"], "waarde": r["geschiktheid"][key]}
                for r in regelingen if r["geschiktheid"] and r["geschiktheid"][key] not in (None, [], "")]

    vocabulary = _organisation_entries(organisation_types)
    wanted = {a for r in regelingen if r["geschiktheid"] for a in r["geschiktheid"]["aanvragers"]}
    known = {t["id"] for t in vocabulary}
    if wanted:
        types = [t for t in vocabulary if t["id"] in wanted]
        types += [{"id": i, "naam": i} for i in sorted(wanted - known)]
    else:
        types = vocabulary

    rechtsposities = sorted({r["geschiktheid"]["rechtspositie"] for r in regelingen
                             if r["geschiktheid"] and r["geschiktheid"]["rechtspositie"]})
    return {
        "regelingen": regelingen,
        "organisatietypen": types,
        "vragen": {
            "nieuw_voor": asking("nieuw_voor"),
            "projectfase": asking("projectfase"),
            "looptijd_maanden": asking("max_looptijd_maanden"),
            "deelnemers_per_training": asking("min_deelnemers_per_training"),
            "andere_gemeenten": asking("min_andere_gemeenten"),
            "opdracht_datum": asking("weken_na_opdracht"),
            "organisatie": asking("aanvragers"),
            "rechtsposities": [{"naam": name, "regelingen": [r["titel"] for r in regelingen
                                if r["geschiktheid"] and r["geschiktheid"]["rechtspositie"] == name]}
                               for name in rechtsposities],
            "aandeel_gemeenten_procent": asking("min_aandeel_gemeenten_procent"),
            # Calculator schemes are capped by the calculation; the others are checked on the
            # amount asked for (e.g. the Pilots' co-financing of at most subsidie.maximum).
            "gevraagd_bedrag": [{"id": r["id"], "titel": r["titel"], "waarde": r["maximum"],
                                 "tekst": euro(r["maximum"])}
                                for r in regelingen if r["maximum"] is not None and not r["in_rekenhulp"]],
        },
    }


def _examples_file() -> dict[str, Any]:
    return json.loads((ASSET_DIR / EXAMPLES_FILE).read_text(encoding="utf-8"))


def load_examples() -> list[dict[str, Any]]:
    """The worked examples shipped with the assets (the A&O fonds 'Foutenfestival')."""
    return list(_examples_file()["voorbeelden"])


def load_assumptions() -> list[dict[str, Any]]:
    """The choices the sources do not make, as the page lists them under "Aannames"."""
    return list(_examples_file()["aannames"])


def _example(example: dict[str, Any]) -> dict[str, Any]:
    """An example with the keys the page reads (the template runs under StrictUndefined too)."""
    return {"titel": example.get("titel") or example.get("id", ""), "toelichting": example.get("toelichting", ""),
            **example}


# --------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> Markup:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)


def _inline_source(name: str, closing: str) -> Markup:
    """An asset's text for inlining; refuses text that would end its element early."""
    text = (STATUS_FILE if name == STATUS_FILE.name else ASSET_DIR / name).read_text(encoding="utf-8")
    if re.search(rf"</{closing}|<!--", text, re.IGNORECASE):
        raise ValueError(f"{name} bevat '</{closing}' of '<!--' en kan niet inline in de pagina")
    return Markup(text.rstrip("\n"))


def calculator_context(schemes: Any, organisation_types: Any,
                       examples: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The template context; see the module docstring for the keys."""
    pairs = _pairs(schemes)
    calc = calculator_schemes(pairs)
    eligibility = eligibility_data(pairs, organisation_types)
    ids = {s["id"] for s in calc}
    chosen = [_example(e) for e in (load_examples() if examples is None else examples) if e["input"]["scheme"] in ids]
    return {
        "schemes": calc,
        "eligibility": eligibility,
        "examples": chosen,
        "assumptions": load_assumptions(),
        "not_computed": [{"id": scheme_id, "titel": _get(record, "titel"), "waarom": _get(_get(record, "subsidie"), "niet_te_berekenen")}
                         for scheme_id, record in pairs
                         if _get(record, "subsidie") is not None and not _has_calculation(record)],
        "schemes_json": script_json(calc),
        "eligibility_json": script_json(eligibility),
        "examples_json": script_json(chosen),
        "script_js": Markup("\n\n").join(_inline_source(name, "script") for name in SCRIPT_FILES),
        "stylesheet": STYLESHEET,
        "euro": euro,
    }


def _template(env: jinja2.Environment) -> jinja2.Template:
    """The page template through the caller's environment (its filters and globals), with the
    whitespace and escaping this template is written for, whatever the caller configured."""
    page_env = env.overlay(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    try:
        return page_env.get_template(TEMPLATE_NAME)
    except (jinja2.TemplateNotFound, TypeError):  # no loader, or a loader for other templates
        return page_env.from_string((TEMPLATE_DIR / TEMPLATE_NAME).read_text(encoding="utf-8"))


def render_calculator_page(env: jinja2.Environment, schemes: Any, organisation_types: Any,
                           examples: list[dict[str, Any]] | None = None) -> str:
    """Markdown source of the /rekenhulp/ page, ready to write to ``rekenhulp/index.md``.

    ``examples`` defaults to the shipped worked examples (assets/rekenvoorbeelden.json);
    pass [] for none. Examples whose scheme is not in the calculator are left out.
    """
    return _template(env).render(**calculator_context(schemes, organisation_types, examples))


CALCULATOR_PAGE = "rekenhulp/index.md"
ORGANISATION_VOCABULARY = "organisatietypen"


def files(context: FeatureContext) -> dict[str, str | bytes]:
    """The rekenhulp page from the catalogue, its scripts inside the page (see above), its styles beside it."""
    catalog = context.catalog
    vocabulary = catalog.content.vocabularies.get(ORGANISATION_VOCABULARY)
    organisation_types = vocabulary.terms if vocabulary is not None else []
    page = render_calculator_page(context.templates(PACKAGE_DIR), catalog.schemes, organisation_types)
    return {CALCULATOR_PAGE: page, **assets(PACKAGE_DIR, [CSS_FILE])}
