"""Search: the /zoeken/ page and the Pagefind index over the built HTML.

Two halves, joined only by the HTML:

- `files(context)` renders the search page and hands over its script and styles. It lists the facets (the same catalogue facets as
  the static listings, keyed by `Facet.search_key`, the key record pages put in their
  `data-pagefind-filter` markup) and links to those listings for visitors without JavaScript.
  The values and counts come from the index at run time, so the page stays small and the
  counts can follow the query and the ticked filters (assets/zoeken.js beside this module).
- `index_site(site_dir)` runs Pagefind on a built site. Only pages wrapped in
  `data-pagefind-body` (records and schemes, see overrides/main.html) are indexed; words are
  stemmed as Dutch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.core.diagnostics import on_terminal
from generator.features import FeatureContext, assets
from generator.render.renderer import facet_path

FOLDER = Path(__file__).parent
ASSETS = ("zoeken.js", "zoeken.css")

SEARCH_PAGE = "zoeken/index.md"

# Facets on the search page, in this order; facets the catalogue has beyond these follow.
FACET_ORDER = ("thema", "domein", "gemeente", "provincie", "regeling", "jaar", "status", "soort")
# The static listings offered when search cannot run, in this order (catalogue facet ids).
BROWSE_ORDER = ("themas", "domeinen", "gemeenten", "provincies", "regelingen", "status")

# Inside an indexed page, but not words of that record: hidden filter markup, headings every record
# has, lists of other records (related, cards on a scheme page), page navigation and edit links.
EXCLUDE_SELECTORS = (".kb-filters", "#kerngegevens", "#verwant", ".kb-related", ".kb-cards", ".kb-pager", ".kb-edit",
                     ".kb-breadcrumb", ".md-content__button")
LANGUAGE = "nl"


def search_facets(catalog: Catalog) -> list[dict[str, str]]:
    """[{key, label}] for the filter groups: one per search key, ordered as FACET_ORDER."""
    labels: dict[str, str] = {}
    for facet in catalog.facets.values():
        labels.setdefault(facet.search_key, facet.enkelvoud)
    labels.setdefault("soort", "Soort")  # schemes carry soort "Regeling" (overrides/main.html), projects or not
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
    return {here: page, **assets(FOLDER, ASSETS)}


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
