"""Search: the /zoeken/ page and the Pagefind index over the built HTML.

Two halves, joined only by the HTML:

- `files(context)` renders the search page and hands over its script and styles, the header form's
  styles, the overview of all practices newest first and most reused first (listings.py, for
  visitors without JavaScript), and `zoeknamen.json`: every name the page recognises in a query
  (municipalities, current and former, provinces, organisations, and scheme names), folded as
  `check` folds them, with how many records each has (see `name_data`). It lists the facets (the same catalogue facets as
  the static listings, keyed by `Facet.search_key`, the key record pages put in their
  `data-pagefind-filter` markup) and links to those listings for visitors without JavaScript.
  The values and counts come from the index at run time, so the page stays small and the
  counts can follow the query and the ticked filters (assets/zoeken.js beside this module).
- `index_site(site_dir)` runs Pagefind on a built site. Only pages wrapped in
  `data-pagefind-body` (records and schemes, see overrides/main.html) are indexed; words are
  stemmed as Dutch.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator.catalog.facets import DOMAINS, MUNICIPALITIES, PROVINCES, SCHEMES, STATUSES, THEMES
from generator.catalog.catalog import Catalog
from generator.core.diagnostics import on_terminal
from generator.core.paths import scheme_path
from generator.core.text import fold
from generator.features import ASSET_FOLDER, FeatureContext, assets
from generator.features.search import listings
from generator.render.renderer import facet_path

FOLDER = Path(__file__).parent
ASSETS = ("zoeken.js", "zoeknamen.js", "zoeken.css", "zoekkop.css")
NAMES_ASSET = "zoeknamen.json"

SEARCH_PAGE = "zoeken/index.md"

# Facets on the search page, in this order; facets the catalogue has beyond these follow.
FACET_ORDER = ("thema", "domein", "gemeente", "provincie", "organisatie", "hergebruikt", "regeling", "jaar", "status",
               "soort")
# Organisations that are not a municipality (content/organisaties.yaml) are a filter of the search page
# only: record pages carry it (generator/render/templates/record.md.j2), the catalogue has no listing of them.
ORGANISATION_KEY = "organisatie"
# The static listings offered when search cannot run, in this order (catalogue facet ids).
BROWSE_ORDER = (THEMES, DOMAINS, MUNICIPALITIES, PROVINCES, SCHEMES, STATUSES)

# Inside an indexed page, but not words of that record: hidden filter markup, headings every record
# has, lists of other records (related, cards on a scheme page), page navigation and edit links.
# The key facts are not indexed as they stand (labels and values run together in an excerpt); the words
# that matter in them (who, where, theme, domain, scheme) are indexed once more, weighted, in the record's
# head (record.md.j2). Budget tables, contacts and source lists carry data-pagefind-ignore themselves.
EXCLUDE_SELECTORS = (".kb-filters", ".kb-facts", "#verwant", ".kb-related", ".kb-cards", ".kb-pager", ".kb-edit",
                     ".kb-breadcrumb", ".md-content__button")
LANGUAGE = "nl"


def search_facets(catalog: Catalog) -> list[dict[str, str]]:
    """[{key, label}] for the filter groups: one per search key, ordered as FACET_ORDER."""
    labels: dict[str, str] = {}
    for facet in catalog.facets.values():
        labels.setdefault(facet.search_key, facet.enkelvoud)
    labels.setdefault("soort", "Soort")  # schemes carry soort "Regeling" (overrides/main.html), projects or not
    if organisation_counts(catalog):
        labels.setdefault(ORGANISATION_KEY, "Organisatie")
    ordered = [key for key in FACET_ORDER if key in labels] + sorted(key for key in labels if key not in FACET_ORDER)
    return [{"key": key, "label": labels[key]} for key in ordered]


def files(context: FeatureContext) -> dict[str, str | bytes]:
    """The search page, its script and its styles."""
    here = SEARCH_PAGE
    catalog = context.catalog
    facets = catalog.facets
    browse = [(facets[fid].enkelvoud.lower(), facet_path(facets[fid]))
              for fid in BROWSE_ORDER if fid in facets and facets[fid].pad]
    page = context.templates(FOLDER).get_template("search.md.j2").render(
        here=here, search_facets=search_facets(catalog), browse=browse, project_count=len(catalog.projects))
    names = json.dumps(name_data(catalog), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {here: page, f"{ASSET_FOLDER}/{NAMES_ASSET}": names, **assets(FOLDER, ASSETS), **listings.files(context)}


# ------------------------------------------------------------------ names in a query

# Words before a name that say what it is ("gemeente Leiden", "provincie Utrecht"). An organisation is
# also found without the generic first word of its name ("Dommelvallei" for "Dienst Dommelvallei").
KIND_WORDS = {"gemeente": "gemeente", "provincie": "provincie"}
GENERIC_FIRST_WORDS = ("dienst", "werkorganisatie", "stichting", "de")


def organisation_counts(catalog: Catalog) -> dict[str, int]:
    """{organisation name: records it built or reused}, for organisations that are not a municipality."""
    counts: dict[str, int] = {}
    for record in catalog.projects.values():
        names = {actor.naam for actor in (*record.builders, *record.reusers) if not actor.is_municipality}
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return counts


def name_data(catalog: Catalog) -> dict:
    """The names the search page recognises in a query, from the register and the organisations file.

    `entiteiten`: [kind, name, records, province] per municipality, province and organisation, where
    kind is also the search filter key and name its value (a municipality without records is listed
    too, so the page can say so). `namen`: folded name -> [[entity index], or [index, former name]]:
    a folded key (core.text.fold, as `check` folds) can stand for a municipality and a province at once
    ("utrecht"). Keys are the register's own: current names, CBS synonyms ("den haag"), a name without
    its disambiguator when that is unique ("bergen" is not), names of municipalities dissolved since
    2015 (to their one successor), province names and synonyms, organisation names and synonyms.
    """
    content = catalog.content
    register = content.register
    facets = catalog.facets
    per_municipality = {v.naam: v.count for v in facets[MUNICIPALITIES].values} if MUNICIPALITIES in facets else {}
    per_province = {v.naam: v.count for v in facets[PROVINCES].values} if PROVINCES in facets else {}
    entities: list[list] = []
    index: dict[tuple[str, str], int] = {}
    names: dict[str, list[list]] = {}

    def entity(kind: str, name: str, count: int, province: str = "", page: str = "") -> int:
        if (kind, name) not in index:
            index[(kind, name)] = len(entities)
            entities.append([kind, name, count, province, page] if page else [kind, name, count, province])
        return index[(kind, name)]

    def add(key: str, number: int, former: str | None = None) -> None:
        if not key or key.isdigit() or re.fullmatch(r"gm\d+", key):
            return  # codes are for editors, not for people searching
        entry = [number, former] if former else [number]
        found = names.setdefault(key, [])
        if all(existing[0] != number for existing in found):
            found.append(entry)

    if register is not None:
        # The register's own lookup keys (register.py builds them with fold): the same names check accepts.
        for key, municipality in register.municipality_keys():
            add(key, entity("gemeente", municipality.naam, per_municipality.get(municipality.naam, 0),
                            municipality.provincie))
        for key, former in register.former_keys():
            if len(former.opvolgers) == 1 and key == fold(former.naam):
                m = register.by_code(former.opvolgers[0])
                add(key, entity("gemeente", m.naam, per_municipality.get(m.naam, 0), m.provincie), former.naam)
        for key, province in register.province_keys():
            add(key, entity("provincie", province.naam, per_province.get(province.naam, 0)))
    organisations = organisation_counts(catalog)
    if content.directory is not None:
        for actor in content.directory.organisations:
            spec_names = content.directory.name_keys(actor)
            number = entity(ORGANISATION_KEY, actor.naam, organisations.get(actor.naam, 0))
            for key in spec_names:
                add(key, number)
                first, _, rest = key.partition(" ")
                if first in GENERIC_FIRST_WORDS and rest:
                    add(rest, number)
    return {"entiteiten": entities, "namen": names, "soortwoorden": KIND_WORDS,
            "regelingen": scheme_names(catalog, entity)}


# A year or a bracketed part of a scheme's title ("GemeenteDelers 2021", "Stimuleringsregeling (2021–2022)"):
# what tells editions apart, left out for the scheme's short name.
EDITION = re.compile(r"\([^)]*\)|\b(?:19|20)\d\d\b")


def scheme_names(catalog: Catalog, entity) -> dict[str, int]:
    """{folded scheme name: entity index}: a query that is a scheme's name puts that scheme's page first.

    Each scheme is found by its title and by its address ("gemeentedelers-2021" read as words). The
    short name, without year or bracketed part, belongs to the scheme whose address it is (the series'
    page at /regelingen/gemeentedelers/ for "GemeenteDelers", not one of its yearly editions), else to
    the one scheme it shortens; a short name that several schemes share and none has as its address
    is left out. A full name always wins over a short one. Entities are [kind, title, records, "", page]:
    `regeling` is the search filter key and the title its value, as for the names above.
    """
    facet = catalog.facets.get(SCHEMES)
    counts = {value.slug: value.count for value in facet.values} if facet else {}
    full: dict[str, int] = {}
    short: dict[str, set[int]] = {}
    for scheme in sorted(catalog.schemes.values(), key=lambda s: s.id):
        number = entity("regeling", scheme.model.titel, counts.get(scheme.id, 0), "",
                        scheme_path(scheme.id).removesuffix(".md") + "/")
        for key in (fold(scheme.model.titel), fold(scheme.id)):
            full.setdefault(key, number)
        short.setdefault(fold(EDITION.sub(" ", scheme.model.titel)), set()).add(number)
    keys = dict(full)
    for key, numbers in short.items():
        if key and key not in keys and len(numbers) == 1:
            keys[key] = next(iter(numbers))
    return {key: keys[key] for key in sorted(keys) if key}


# ------------------------------------------------------------------ index

def pagefind_binary() -> str | None:
    """Pagefind's binary: PAGEFIND_BIN, the npm platform package in this checkout, or PATH.

    From npm, not PyPI: PyPI's newest Pagefind is 1.5.2, while 1.6.0 answers a one-letter query
    on 5,000 pages about 40 % faster (see the README). package.json names the Linux binary
    packages directly (optional, one per CPU) rather than the `pagefind` wrapper, whose lock
    file would also need the macOS and Windows packages, which the registries here do not have.
    """
    modules = Path(__file__).resolve().parents[3] / "node_modules" / "@pagefind"
    candidates = [os.environ.get("PAGEFIND_BIN"),
                  *(str(path) for path in sorted(modules.glob("*/bin/pagefind_extended"))),
                  shutil.which("pagefind_extended"), shutil.which("pagefind")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def pagefind_command(site_dir: Path, quiet: bool, binary: str = "pagefind") -> list[str]:
    command = [binary, "--site", str(site_dir), "--force-language", LANGUAGE]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command + (["--quiet"] if quiet else [])


def index_site(site_dir: Path) -> bool:
    """Write the Pagefind index into site_dir/pagefind/. False, with a message on stderr, on failure."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        print(f"zoekindex: {site_dir} is geen gebouwde site (index.html ontbreekt)", file=sys.stderr)
        return False
    binary = pagefind_binary()
    if binary is None:
        print("zoekindex: Pagefind ontbreekt; installeer de vastgelegde versie met 'npm ci' (make site doet dat) "
              "of bouw zonder zoekfunctie met --no-search", file=sys.stderr)
        return False
    loud = on_terminal()
    try:
        result = subprocess.run(pagefind_command(site_dir, quiet=not loud, binary=binary), text=True,
                                capture_output=not loud)
    except OSError as exc:
        print(f"zoekindex: Pagefind kon niet starten ({exc})", file=sys.stderr)
        return False
    output = "" if loud else (result.stdout or "") + (result.stderr or "")
    if result.returncode != 0:
        print(f"zoekindex: Pagefind stopte met code {result.returncode}", file=sys.stderr)
        if output.strip():
            print(output.rstrip(), file=sys.stderr)
        return False
    if not (site_dir / "pagefind" / "pagefind.js").is_file():
        print("zoekindex: Pagefind meldde geen fout maar schreef geen pagefind/pagefind.js", file=sys.stderr)
        if output.strip():
            print(output.rstrip(), file=sys.stderr)
        return False
    return True
