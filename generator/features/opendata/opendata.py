"""Open data: /data/projecten.json and .csv, /schema/, /data/catalogus.jsonld, /feed.xml and the page /data/.

One entry per practice, made once (`project_entries`) and written three ways: JSON (the full
entry), CSV (one row per practice, flattened for Dutch Excel) and Atom (the 50 most recently
reviewed). Everything comes from the catalogue; dates come from `laatst_beoordeeld`, never from
the clock, so the files are byte-for-byte the same on every build of the same content.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.core.paths import page_path, project_path, url_of
from generator.features import FeatureContext
from generator.features.opendata import dcat
from generator.features.opendata.schema import OPEN_DATA_VERSION, RECORD_PROPERTIES, projecten_schema
from generator.model.content import Record
from generator.model.records import json_schema as record_json_schema
from generator.render.settings import SiteSettings

FOLDER = Path(__file__).parent

JSON_PATH = "data/projecten.json"
CSV_PATH = "data/projecten.csv"
DCAT_PATH = "data/catalogus.jsonld"
PAGE_PATH = "data/index.md"
FEED_PATH = "feed.xml"
SCHEMA_PATH = "schema/projecten.schema.json"
RECORD_SCHEMA_PATH = "schema/record.schema.json"

TITLE = "Kennisbank gemeentelijke praktijkvoorbeelden"
FEED_SIZE = 50
LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is read as a formula by Excel or LibreOffice (OWASP, CSV injection)."""

FEED_NAMESPACE = uuid.UUID("0b5e7a52-6a4e-5d3f-9d53-4b6e1f0c2a11")
"""Fixed namespace for the feed's urn:uuid ids: an entry keeps its id when the site moves to another address."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ------------------------------------------------------------------ addresses

def site_base(settings: SiteSettings) -> str | None:
    """The site's address with one trailing slash, or None when the build does not know it."""
    return settings.site_url.rstrip("/") + "/" if settings.site_url else None


def site_link(settings: SiteSettings, site_path: str, relative_to: str = "") -> str:
    """Address of a site path ('projecten/x/', 'data/projecten.json'): absolute with site_url, else relative.

    Relative links are relative to the folder `relative_to` (the folder of the file they appear in).
    """
    base = site_base(settings)
    if base:
        return base + site_path
    path, hash_mark, fragment = site_path.partition("#")
    link = posixpath.relpath(path or ".", relative_to or ".")
    if path.endswith("/") or not path:
        link = "./" if link == "." else link + "/"
    return link + hash_mark + fragment


# ------------------------------------------------------------------ entries

@dataclass(frozen=True)
class Names:
    """Names of vocabulary values, by the project field they fill: names['themas']['werken-in-netwerken']."""

    by_field: dict[str, dict[str, str]]

    def term(self, field: str, term_id: str | None) -> dict[str, str] | None:
        if term_id is None:
            return None
        return {"id": term_id, "naam": self.by_field.get(field, {}).get(term_id, term_id)}


def vocabulary_names(catalog: Catalog) -> Names:
    vocabularies = catalog.content.vocabularies
    by_field = {path: {term.id: term.naam for term in vocabulary.terms}
                for kind, path, vocabulary in vocabularies.governed_fields() if kind == "projects"}
    return Names(by_field)


def _municipality(m) -> dict[str, str]:
    return {"code": m.code, "naam": m.naam, "provincie": m.provincie}


def _actor(actor) -> dict:
    return {"naam": actor.naam, "soort": actor.soort, "gemeentecodes": [m.code for m in actor.municipalities]}


def project_entry(catalog: Catalog, record: Record, names: Names, settings: SiteSettings) -> dict:
    """One practice as published in projecten.json: resolved municipalities, named terms, sources, page URL."""
    model = record.model
    scheme = None
    if model.regeling and model.regeling in catalog.schemes:  # type: ignore[attr-defined]
        scheme = {"id": model.regeling, "titel": catalog.schemes[model.regeling].model.titel,  # type: ignore[attr-defined]
                  "url": site_link(settings, url_of(page_path("schemes", model.regeling)))}  # type: ignore[attr-defined]
    period = model.periode  # type: ignore[attr-defined]
    sources = catalog.content.sources
    entry = {
        "id": record.id,
        "titel": model.titel,
        "korte_beschrijving": model.korte_beschrijving,
        "soort": names.term("soort", model.soort),  # type: ignore[attr-defined]
        "regeling": scheme,
        "organisaties": [_actor(actor) for actor in record.builders],
        "gemeenten": [_municipality(m) for m in catalog.municipalities_of(record)],
        "hergebruikt_door": [_actor(actor) for actor in record.reusers],
        "hergebruik_gemeenten": [_municipality(m) for m in catalog.municipalities_of(record, reuse=True)],
        "hergebruik_bron": [line.model_dump(mode="json") for line in model.hergebruik_bron],  # type: ignore[attr-defined]
        "hergebruik_aantal": model.hergebruik_aantal and model.hergebruik_aantal.model_dump(mode="json"),  # type: ignore[attr-defined]
        "themas": [names.term("themas", theme) for theme in model.themas],  # type: ignore[attr-defined]
        "thema_zoals_gepubliceerd": model.thema_zoals_gepubliceerd,  # type: ignore[attr-defined]
        "domein": names.term("domein", model.domein),  # type: ignore[attr-defined]
        "status": names.term("status", model.status),  # type: ignore[attr-defined]
        "status_bron": model.status_bron and model.status_bron.model_dump(mode="json"),  # type: ignore[attr-defined]
        "periode": None if period is None else {"start": period.start, "einde": period.einde,
                                                "zoals_gepubliceerd": period.zoals_gepubliceerd},
        "bronnen": [{"id": sid, "titel": sources[sid].titel, "uitgever": sources[sid].uitgever or None,
                     "jaar": sources[sid].jaar} for sid in model.bronnen if sid in sources],
        "links": [{"titel": link.titel, "url": link.url} for link in model.links],
        "laatst_beoordeeld": model.laatst_beoordeeld.isoformat(),
        "url": site_link(settings, url_of(project_path(record.id))),
    }
    assert set(entry) == set(RECORD_PROPERTIES), set(entry) ^ set(RECORD_PROPERTIES)
    return entry


def project_entries(catalog: Catalog, settings: SiteSettings) -> list[dict]:
    """Every practice, sorted by id."""
    names = vocabulary_names(catalog)
    return [project_entry(catalog, catalog.projects[rid], names, settings) for rid in sorted(catalog.projects)]


def newest_review(entries: list[dict]) -> str | None:
    return max((e["laatst_beoordeeld"] for e in entries), default=None)


def projecten_json(entries: list[dict], settings: SiteSettings) -> str:
    document = {
        "schema_versie": OPEN_DATA_VERSION,
        "titel": f"{TITLE}: praktijkvoorbeelden",
        "licentie": dcat.LICENSE,
        "bijgewerkt": newest_review(entries),
        "site": site_base(settings),
        "aantal": len(entries),
        "projecten": entries,
    }
    return dumps(document)


def dumps(data) -> str:
    """Deterministic JSON: sorted keys, UTF-8 text, two-space indent, one final newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# ------------------------------------------------------------------ CSV

def _names(items: list[dict | None], key: str = "naam") -> str:
    return LIST_SEPARATOR.join(item[key] for item in items if item)


def _source_text(source: dict) -> str:
    detail = ", ".join(str(part) for part in (source["uitgever"], source["jaar"]) if part)
    return f"{source['titel']} ({detail})" if detail else source["titel"]


CSV_COLUMNS: tuple[tuple[str, str, Callable[[dict], str]], ...] = (
    ("id", "vaste id van het praktijkvoorbeeld", lambda e: e["id"]),
    ("titel", "titel zoals gepubliceerd", lambda e: e["titel"]),
    ("korte_beschrijving", "één zin over het voorbeeld", lambda e: e["korte_beschrijving"]),
    ("soort", "soort record", lambda e: e["soort"]["naam"]),
    ("regeling", "id van de regeling", lambda e: e["regeling"]["id"] if e["regeling"] else ""),
    ("regeling_titel", "titel van de regeling", lambda e: e["regeling"]["titel"] if e["regeling"] else ""),
    ("organisaties", "wie het ontwikkelde", lambda e: _names(e["organisaties"])),
    ("gemeenten", "huidige namen van de gemeenten achter de ontwikkelaars", lambda e: _names(e["gemeenten"])),
    ("gemeentecodes", "hun CBS-codes, in dezelfde volgorde", lambda e: _names(e["gemeenten"], "code")),
    ("provincies", "hun provincies, elk één keer",
     lambda e: LIST_SEPARATOR.join(sorted({m["provincie"] for m in e["gemeenten"]}))),
    ("hergebruikt_door", "wie het hergebruikt", lambda e: _names(e["hergebruikt_door"])),
    ("hergebruik_gemeenten", "huidige namen van de gemeenten die het hergebruiken",
     lambda e: _names(e["hergebruik_gemeenten"])),
    ("hergebruik_gemeentecodes", "hun CBS-codes", lambda e: _names(e["hergebruik_gemeenten"], "code")),
    ("hergebruik_aantal", "aantal hergebruikers waar de bron alleen een aantal noemt",
     lambda e: str(e["hergebruik_aantal"]["aantal"]) if e["hergebruik_aantal"] else ""),
    ("themas", "thema's van de innovatieagenda", lambda e: _names(e["themas"])),
    ("thema_zoals_gepubliceerd", "het thema zoals de bron het noemt", lambda e: e["thema_zoals_gepubliceerd"] or ""),
    ("domein", "beleidsdomein", lambda e: e["domein"]["naam"] if e["domein"] else ""),
    ("status", "status", lambda e: e["status"]["naam"]),
    ("periode_start", "begin (JJJJ, JJJJ-MM of JJJJ-MM-DD)", lambda e: (e["periode"] or {}).get("start") or ""),
    ("periode_einde", "einde, leeg als het loopt of onbekend is", lambda e: (e["periode"] or {}).get("einde") or ""),
    ("bronnen", "bronnen met uitgever en jaar", lambda e: LIST_SEPARATOR.join(_source_text(s) for s in e["bronnen"])),
    ("laatst_beoordeeld", "datum waarop de redactie het record nakeek", lambda e: e["laatst_beoordeeld"]),
    ("url", "de pagina van het voorbeeld", lambda e: e["url"]),
)


def safe_cell(text: str) -> str:
    """A cell that a spreadsheet shows as text: a leading = + - @ tab or CR gets a ' before it (OWASP)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def projecten_csv(entries: list[dict]) -> bytes:
    """One row per practice; UTF-8 with BOM and ';' so Dutch Excel opens it with accents and columns intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in CSV_COLUMNS])
    for entry in entries:
        writer.writerow([safe_cell(value(entry)) for _, _, value in CSV_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


# ------------------------------------------------------------------ Atom

def xml_text(text: str | None) -> str:
    """Text without the control characters XML 1.0 cannot hold (Jinja escapes the rest)."""
    return _NOT_XML.sub("", text or "")


def feed_entries(entries: list[dict]) -> list[dict]:
    """The FEED_SIZE most recently reviewed practices, newest first (ties by id)."""
    ordered = sorted(entries, key=lambda e: e["id"])
    ordered.sort(key=lambda e: e["laatst_beoordeeld"], reverse=True)
    return [{
        "id": f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'projecten/' + e['id'])}",
        "title": xml_text(e["titel"]),
        "summary": xml_text(e["korte_beschrijving"]),
        "updated": f"{e['laatst_beoordeeld']}T00:00:00Z",
        "url": e["url"],
        "categories": [{"term": t["id"], "label": xml_text(t["naam"])}
                       for t in [*e["themas"], e["domein"], e["status"]] if t],
    } for e in ordered[:FEED_SIZE]]


def atom_feed(context: FeatureContext, entries: list[dict]) -> str:
    settings = context.settings
    newest = newest_review(entries)
    return context.templates(FOLDER).get_template("feed.xml.j2").render(
        feed_id=f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, 'feed')}",
        title=f"{TITLE}: nieuw en bijgewerkt",
        updated=f"{newest or '1970-01-01'}T00:00:00Z",
        self_url=site_link(settings, FEED_PATH),
        home_url=site_link(settings, ""),
        author=dcat.PUBLISHER_NAME,
        absolute=site_base(settings) is not None,
        entries=feed_entries(entries))


# ------------------------------------------------------------------ files

def files(context: FeatureContext) -> dict[str, str | bytes]:
    """The open-data files and the page that explains them."""
    settings = context.settings
    entries = project_entries(context.catalog, settings)
    schema_url = site_link(settings, SCHEMA_PATH) if site_base(settings) else None
    page = context.templates(FOLDER).get_template("data.md.j2").render(
        here=PAGE_PATH, count=len(entries), updated=newest_review(entries), csv_columns=CSV_COLUMNS,
        json_fields=[(name, spec.get("description", "")) for name, spec in RECORD_PROPERTIES.items()],
        separator=LIST_SEPARATOR, license_url=dcat.LICENSE_PAGE, feed_size=FEED_SIZE,
        absolute=site_base(settings) is not None, version=OPEN_DATA_VERSION)
    return {
        JSON_PATH: projecten_json(entries, settings),
        CSV_PATH: projecten_csv(entries),
        SCHEMA_PATH: dumps(projecten_schema(schema_url)),
        RECORD_SCHEMA_PATH: dumps(record_json_schema()),
        DCAT_PATH: dumps(dcat.description(settings, entries, newest_review(entries),
                                          lambda path: site_link(settings, path, relative_to="data"))),
        FEED_PATH: atom_feed(context, entries),
        PAGE_PATH: page,
    }
