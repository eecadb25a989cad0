"""What machines read from a page besides its text: schema.org JSON-LD and the date a page last changed.

Search engines and harvesters read a record page as a `CreativeWork` (a described practice, by the
organisations that built it, about the municipalities it covers, based on its sources) and a scheme
page as a `MonetaryGrant` (funded by who runs it). The change date is the record's
`laatst_beoordeeld`; pages that list many records take the newest of those, so the sitemap's
`lastmod` says when the data changed and the build stays byte-for-byte the same for the same content.

Both go into the page's Markdown (front matter `kb_gewijzigd`, a `<script type="application/ld+json">`
block at the end), so the Zensical export carries them as well.
"""

from __future__ import annotations

import json
from typing import Any

from generator.core.paths import project_path, scheme_path, url_of
from generator.model.content import Record, Source

CHANGED_KEY = "kb_gewijzigd"
"""Front-matter key with the page's change date (YYYY-MM-DD); engines/mkdocs_plugin reads it."""


def _absolute(site_url: str | None, path: str) -> str | None:
    return site_url.rstrip("/") + "/" + url_of(path) if site_url else None


def _source_refs(sources: list[Source]) -> list[dict[str, Any]]:
    refs = []
    for source in sources:
        ref: dict[str, Any] = {"@type": "CreativeWork", "name": source.titel}
        if source.url:
            ref["url"] = source.url
        if source.uitgever:
            ref["publisher"] = {"@type": "Organization", "name": source.uitgever}
        refs.append(ref)
    return refs


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def _described(kind: str, record: Record, path: str, sources: list[Source], site_url: str | None,
               **specific: Any) -> dict[str, Any]:
    """What every page's schema.org says: its kind, name, summary, address, language, date, sources."""
    model = record.model
    return _drop_empty({
        "@context": "https://schema.org",
        "@type": kind,
        "name": model.titel,
        "description": model.korte_beschrijving,
        "url": _absolute(site_url, path),
        "inLanguage": "nl",
        "dateModified": model.laatst_beoordeeld.isoformat(),
        "isBasedOn": _source_refs(sources),
        **specific,
    })


def record_data(record: Record, municipalities: list[str], themes: list[str], sources: list[Source],
                site_url: str | None) -> dict[str, Any]:
    """schema.org for a practice record: by its builders, about its municipalities and themes."""
    return _described(
        "CreativeWork", record, project_path(record.id), sources, site_url,
        creator=[{"@type": "Organization", "name": actor.naam} for actor in record.builders],
        spatialCoverage=[{"@type": "AdministrativeArea", "name": name} for name in municipalities],
        about=themes)


def scheme_data(scheme: Record, sources: list[Source], site_url: str | None) -> dict[str, Any]:
    """schema.org for a scheme: a grant, funded by who runs it."""
    return _described("MonetaryGrant", scheme, scheme_path(scheme.id), sources, site_url,
                      funder={"@type": "Organization", "name": scheme.model.uitvoerder})


def script_block(data: dict[str, Any]) -> str:
    """A JSON-LD block that no value can end early: <, > and & as JSON escapes, so a title with
    '</script>' stays inside the string."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'\n<script type="application/ld+json">{text}</script>\n'


def with_page_facts(page: str, changed: str, data: dict[str, Any] | None = None) -> str:
    """The page with its change date in the front matter and, when given, a JSON-LD block at the end."""
    if page.startswith("---\n"):
        page = f"---\n{CHANGED_KEY}: '{changed}'\n" + page[len("---\n"):]
    else:
        page = f"---\n{CHANGED_KEY}: '{changed}'\n---\n\n" + page
    return page + script_block(data) if data else page
