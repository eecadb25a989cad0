"""The dataset described in DCAT-AP-DONL 2 (data.overheid.nl's profile of DCAT-AP 2.1), as JSON-LD.

JSON-LD rather than RDF/XML: it is one of the RDF serialisations DCAT-AP allows, any RDF tool
reads it, and a person can read it too. The context is inline (no fetch from elsewhere) and
every IRI-valued property is written as {"@id": …}, so the triples do not depend on a remote
context. Mandatory in DONL for a dataset: title, description, identifier, publisher,
creator, contact point, licence, language, theme (from the OWMS Taxonomie Beleidsagenda),
status and at least one distribution with access URL, format and licence.

Without `site_url` the addresses are relative to /data/, where this file lives; a harvester
needs absolute ones, so a deploy build sets site_url (the data page says so).
"""

from __future__ import annotations

from collections.abc import Callable

from generator.render.settings import SiteSettings

LICENSE = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
"""CC0 1.0, written as in DONL's licence value list (and its own examples)."""
LICENSE_PAGE = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"

PUBLISHER_NAME = "Redactie Kennisbank gemeentelijke praktijkvoorbeelden"
"""Who publishes the data. Before data.overheid.nl harvests it, the publishing organisation's
OWMS identifier (its value list of organisations) belongs here as well; see the data page."""

THEMES = ("http://standaarden.overheid.nl/owms/terms/Bestuur",
          "http://publications.europa.eu/resource/authority/data-theme/GOVE")
"""OWMS Taxonomie Beleidsagenda 'Bestuur' (DONL) and the EU data theme 'Government and public sector' (DCAT-AP)."""
LANGUAGE = "http://publications.europa.eu/resource/authority/language/NLD"
STATUS = "http://data.overheid.nl/status/beschikbaar"
ACCESS_RIGHTS = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
"""The values data.overheid.nl's own harvester schema (ckanext-dcatapdonl) takes as 'available' and
'public': dataset_status from the value list Overheid:DatasetStatus, access rights from the EU list."""
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/IRREG"
"""The data changes whenever a pull request with a record change is merged: irregularly."""

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

DISTRIBUTIONS = (
    ("json", "data/projecten.json", "Praktijkvoorbeelden (JSON)",
     "Alle praktijkvoorbeelden met gemeenten (CBS-codes), thema's, domein, regeling, periode, status, bronnen en "
     "hergebruik; het formaat staat in schema/projecten.schema.json.",
     "application/json", "JSON", "schema/projecten.schema.json"),
    ("csv", "data/projecten.csv", "Praktijkvoorbeelden (CSV)",
     "Eén regel per praktijkvoorbeeld; UTF-8 met BOM en puntkomma als scheidingsteken, zodat Excel het direct opent.",
     "text/csv", "CSV", None),
    ("atom", "feed.xml", "Nieuwe en bijgewerkte praktijkvoorbeelden (Atom)",
     "De 50 laatst beoordeelde praktijkvoorbeelden, nieuwste eerst.",
     "application/atom+xml", "ATOM", None),
)


def _nl(text: str) -> dict:
    return {"@value": text, "@language": "nl"}


def _iri(value: str) -> dict:
    return {"@id": value}


def _date(value: str) -> dict:
    return {"@value": value, "@type": "xsd:date"}


def description(settings: SiteSettings, entries: list[dict], modified: str | None,
                here: Callable[[str], str]) -> dict:
    """The catalogue, the dataset and its distributions as one JSON-LD document (deterministic).

    `modified` is the newest review date of the records; `here` turns a site path into the address
    written in this file (absolute, or relative to /data/).
    """
    publisher = {"@type": "foaf:Agent", "foaf:name": PUBLISHER_NAME}
    contact = {"@type": "vcard:Organization", "vcard:fn": PUBLISHER_NAME,
               "vcard:hasURL": _iri(settings.repo_url.rstrip("/") + "/issues" if settings.repo_url else here("data/"))}
    keywords = sorted({term["naam"] for e in entries for term in (*e["themas"], e["domein"]) if term})
    dated = {"dct:modified": _date(modified)} if modified else {}

    distributions = []
    for key, path, title, text, media_type, file_type, schema in DISTRIBUTIONS:
        distribution = {
            "@id": here(f"data/catalogus.jsonld#distributie-{key}"),
            "@type": "dcat:Distribution",
            "dct:title": _nl(title),
            "dct:description": _nl(text),
            "dcat:accessURL": _iri(here(path)),
            "dcat:downloadURL": _iri(here(path)),
            "dcat:mediaType": _iri(f"https://www.iana.org/assignments/media-types/{media_type}"),
            "dct:format": _iri(f"http://publications.europa.eu/resource/authority/file-type/{file_type}"),
            "dct:license": _iri(LICENSE),
            "dct:language": _iri(LANGUAGE),
            **dated,
        }
        if schema:
            distribution["dct:conformsTo"] = _iri(here(schema))
        distributions.append(distribution)

    dataset_id = here("data/catalogus.jsonld#projecten")
    dataset = {
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:identifier": dataset_id,
        "dct:title": _nl("Praktijkvoorbeelden van gemeenten"),
        "dct:description": _nl(
            f"{len(entries)} praktijkvoorbeelden van Nederlandse gemeenten om te hergebruiken: projecten, plannen en "
            "inzendingen, met de gemeenten (CBS-codes) die ze ontwikkelden of hergebruiken, thema's van de "
            "innovatieagenda van het A&O fonds Gemeenten, beleidsdomein, regeling, looptijd, status en bronnen."),
        "dct:publisher": publisher,
        "dct:creator": publisher,
        "dcat:contactPoint": contact,
        "dct:license": _iri(LICENSE),
        "dct:accessRights": _iri(ACCESS_RIGHTS),
        "dct:language": _iri(LANGUAGE),
        "dcat:theme": [_iri(theme) for theme in THEMES],
        "dcat:keyword": [_nl(word) for word in keywords],
        "adms:status": _iri(STATUS),
        "dct:accrualPeriodicity": _iri(FREQUENCY),
        "dcat:landingPage": _iri(here("data/")),
        "dct:conformsTo": _iri(here("schema/projecten.schema.json")),
        "dcat:distribution": [_iri(d["@id"]) for d in distributions],
        **dated,
    }
    catalogue = {
        "@id": here("data/catalogus.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": _nl("Kennisbank gemeentelijke praktijkvoorbeelden"),
        "dct:description": _nl("Open data van de kennisbank gemeentelijke praktijkvoorbeelden."),
        "dct:publisher": publisher,
        "dct:license": _iri(LICENSE),
        "dct:language": _iri(LANGUAGE),
        "foaf:homepage": _iri(here("")),
        "dcat:dataset": [_iri(dataset_id)],
        **dated,
    }
    return {"@context": CONTEXT, "@graph": [catalogue, dataset, *distributions]}
