"""Nothing lost without a word, nothing that hangs or crashes `check`: cases that need a real folder.

Each test builds what it needs at run time in a copy of content/ (FIFOs, unreadable folders and
changed support files cannot be committed as fixtures) and shows that the gate fails on bad input.
Fixtures that can be committed live in tests/data/invalid/ (see tests/data/README.md).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from generator.validate import check as validate
from generator.core.diagnostics import Diagnostic, Severity

CONTENT = ROOT / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the repository's content folder."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def check(root: Path, *extra: Path) -> list[Diagnostic]:
    return validate.check_content(root, list(extra)).diagnostics


def errors_in(diagnostics: list[Diagnostic], name: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR and Path(d.path).name == name]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} staat niet in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- special files

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="os.mkfifo bestaat hier niet")


@needs_fifo
def test_check_with_a_fifo_in_content_returns_at_once_naming_it(content: Path) -> None:
    os.mkfifo(content / "projects" / "pijp.md")
    # A FIFO that is opened blocks forever: the timeout is the hang guard (an idle machine needs ~0.7 s;
    # speed is not judged in tests).
    result = run_generator("check", "--format", "json", "--content", str(content), str(content), timeout=60)
    assert result.returncode == 1, result.stderr
    found = [d for d in json.loads(result.stdout) if d["path"].endswith("projects/pijp.md")]
    assert [(d["line"], d["col"], d["severity"]) for d in found] == [(1, 1, "error")]
    assert "FIFO" in found[0]["message"] and "niet geopend" in found[0]["message"]


@needs_fifo
def test_special_files_anywhere_in_content_are_errors(content: Path) -> None:
    os.mkfifo(content / "projects" / "notities")           # not .md: still never opened, and an error
    (content / "schemes" / "sub").mkdir()
    os.mkfifo(content / "schemes" / "sub" / "regeling.md")  # in a subfolder
    os.mkfifo(content / "rommel")                           # beside the support files
    diagnostics = check(content)
    for name in ("notities", "regeling.md", "rommel"):
        assert len(errors_in(diagnostics, name)) == 1, name


@needs_fifo
def test_a_support_file_that_is_a_fifo_is_refused_not_opened(content: Path) -> None:
    (content / "bronnen.yaml").unlink()
    os.mkfifo(content / "bronnen.yaml")
    found = errors_in(check(content), "bronnen.yaml")
    assert found and "FIFO" in found[0].message


@needs_fifo
def test_a_fifo_named_on_the_command_line_is_refused(tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    os.mkfifo(projects / "pijp.md")
    for named in (projects / "pijp.md", tmp_path):
        found = errors_in(check(CONTENT, named), "pijp.md")
        assert len(found) == 1 and "FIFO" in found[0].message, named


def test_a_socket_is_refused(tmp_path: Path) -> None:
    socket = pytest.importorskip("socket")
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("geen Unix-sockets hier")
    copy = tmp_path / "c"  # a socket path must stay short
    shutil.copytree(CONTENT, copy)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(copy / "projects" / "s.md"))
        found = errors_in(check(copy), "s.md")
    finally:
        server.close()
    assert len(found) == 1 and "socket" in found[0].message


# --------------------------------------------------------------------------- nothing skipped silently


def test_a_hidden_record_is_an_error_not_skipped(content: Path) -> None:
    shutil.copy(content / "projects" / "signalen.md", content / "projects" / ".verborgen.md")
    found = errors_in(check(content), ".verborgen.md")
    assert len(found) == 1
    assert "verborgen" in found[0].message and "'verborgen.md'" in found[0].message


def test_other_hidden_files_stay_quiet(content: Path) -> None:
    (content / "projects" / ".gitkeep").write_text("", encoding="utf-8")
    assert not [d for d in check(content) if ".gitkeep" in d.path]


def test_an_unreadable_subfolder_is_an_error(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """We may run as root, where permissions do not stop reading: make listing the folder fail instead."""
    locked = content / "projects" / "gesloten"
    locked.mkdir()
    shutil.copy(content / "projects" / "signalen.md", locked / "nog-een-record.md")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = errors_in(check(content), "gesloten")
    assert len(found) == 1
    assert "kan niet gelezen worden" in found[0].message and "niet gecontroleerd" in found[0].message


def test_records_in_subfolders_are_still_read(content: Path) -> None:
    (content / "projects" / "map").mkdir()
    shutil.move(content / "projects" / "signalen.md", content / "projects" / "map" / "signalen.md")
    result = validate.check_content(content)
    assert "signalen" in result.projects


# --------------------------------------------------------------------------- reserved names


def support_errors(diagnostics: list[Diagnostic], name: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.col, d.key, d.message) for d in errors_in(diagnostics, name)]


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize("pad", ["projecten", "regelingen", "gemeenten", "zoeken", "assets", "pagefind"])
def test_a_vocabulary_folder_may_not_take_a_folder_of_the_site(content: Path, pad: str) -> None:
    vocabularies = content / "vocabulaires.yaml"
    replace_in(vocabularies, "  pad: themas\n", f"  pad: {pad}\n")
    found = support_errors(check(content), "vocabulaires.yaml")
    assert [(line, col, key) for line, col, key, _ in found] == [(line_of(vocabularies, f"pad: {pad}"), 3, "innovatieagenda-themas.pad")]
    assert f"'{pad}' is al" in found[0][3]


def test_a_vocabulary_folder_that_clashes_is_a_check_error_not_a_crash(content: Path) -> None:
    """`pad: projecten` used to crash the build; now the site is simply not generated, with the error."""
    from generator.site import generate

    replace_in(content / "vocabulaires.yaml", "  pad: themas\n", "  pad: projecten\n")
    site = generate(content)
    assert site.catalog is None
    assert support_errors(site.diagnostics, "vocabulaires.yaml")


@pytest.mark.parametrize("term", ["index", "pagina-2"])
def test_a_value_id_that_is_a_page_name_is_refused_where_values_get_pages(content: Path, term: str) -> None:
    vocabularies = content / "vocabulaires.yaml"
    replace_in(vocabularies, "    - id: flexibele-organisatiestructuur\n", f"    - id: {term}\n")
    found = support_errors(check(content), "vocabulaires.yaml")
    assert [(line, key) for line, _, key, _ in found] == [(line_of(vocabularies, f"- id: {term}"), "innovatieagenda-themas.waarden[1].id")]
    assert "gereserveerd" in found[0][3]


def test_a_value_id_index_is_fine_without_pages(content: Path) -> None:
    replace_in(content / "vocabulaires.yaml", "    - id: instroom\n", "    - id: index\n")  # pilot-themas: no pad
    assert not support_errors(check(content), "vocabulaires.yaml")


def test_a_value_id_twice_is_refused(content: Path) -> None:
    replace_in(content / "vocabulaires.yaml", "    - id: flexibele-organisatiestructuur\n", "    - id: werken-in-netwerken\n")
    found = support_errors(check(content), "vocabulaires.yaml")
    assert len(found) == 1 and "staat al bij waarde 1" in found[0][3]


def test_two_vocabularies_may_not_share_a_folder(content: Path) -> None:
    replace_in(content / "vocabulaires.yaml", "  pad: domeinen\n", "  pad: themas\n")
    found = support_errors(check(content), "vocabulaires.yaml")
    assert [key for _, _, key, _ in found] == ["domeinen.pad"]
    assert "woordenlijst 'innovatieagenda-themas'" in found[0][3]


def test_reserved_names_cover_every_folder_the_generator_makes() -> None:
    """The data file is the one list; it must know every top-level name a rendered site and docs/ use."""
    from generator.core import reserved
    from generator.catalog.catalog import build_catalog
    from generator.render.renderer import Renderer, SiteSettings, asset_files
    from generator.site import feature_files

    catalog = build_catalog(validate.check_content(CONTENT))
    renderer = Renderer(catalog, SiteSettings())
    pages = {**renderer.all_pages(), **feature_files(renderer), **asset_files()}
    vocabulary_folders = {v.spec.pad for v in catalog.content.vocabularies.with_pages()}
    used = {page.split("/")[0].removesuffix(".md") for page in pages} - vocabulary_folders
    used |= {page.stem for page in (ROOT / "docs").glob("*.md")}
    assert used <= set(reserved.site_folders()), used - set(reserved.site_folders())
    listing_pages = {page.rsplit("/", 1)[-1].removesuffix(".md") for page in pages if page.startswith("projecten/")
                     and page.removesuffix(".md").rsplit("/", 1)[-1] not in catalog.projects}
    assert all(reserved.page_name_use(name) for name in listing_pages), listing_pages


# --------------------------------------------------------------------------- vocabulary fields


def test_a_misspelt_field_in_velden_is_an_error_with_a_suggestion(content: Path) -> None:
    vocabularies = content / "vocabulaires.yaml"
    replace_in(vocabularies, "velden: [projects.themas]", "velden: [projects.themaas]")
    found = support_errors(check(content), "vocabulaires.yaml")
    assert [(line, col, key) for line, col, key, _ in found] == [(line_of(vocabularies, "projects.themaas"), 12,
                                                                  "innovatieagenda-themas.velden[0]")]
    assert "'themaas' is geen veld van projects" in found[0][3]
    assert "(bedoelde u 'projects.themas'" in found[0][3]


@pytest.mark.parametrize("velden, key, expected", [
    ("project.themas", "innovatieagenda-themas.velden[1]", "begint niet met een soort (bedoelde u 'projects.themas'"),
    ("projects.periode.start", "innovatieagenda-themas.velden[1]", "geen tekstveld"),
    ("schemes.geschiktheid.aanvragerz", "innovatieagenda-themas.velden[1]",
     "bedoelde u 'schemes.geschiktheid.aanvragers'"),
    ("projects.domein", "domeinen.velden[0]", "staat al bij woordenlijst 'innovatieagenda-themas'"),
])
def test_every_field_in_velden_is_a_text_field_of_a_kind_governed_once(content: Path, velden: str, key: str,
                                                                       expected: str) -> None:
    replace_in(content / "vocabulaires.yaml", "velden: [projects.themas]", f"velden: [projects.themas, {velden}]")
    found = support_errors(check(content), "vocabulaires.yaml")
    assert [k for _, _, k, _ in found] == [key], found
    assert expected in found[0][3]


def test_nested_and_organisation_fields_in_velden_are_accepted() -> None:
    assert not support_errors(check(CONTENT), "vocabulaires.yaml")  # schemes.geschiktheid.aanvragers, organisaties.soort


# --------------------------------------------------------------------------- organisaties.yaml and bronnen.yaml


@pytest.mark.parametrize("old, new, key, expected", [
    ("    soort: stichting\n", "    soort: stichtingg\n", "organisaties[2].soort", "bedoelde u 'stichting'"),
    ("    soort: stichting\n", "    soort: stichting\n    website: x\n", "organisaties[2].website", "onbekend veld"),
    ("  - id: buch\n", "  - id: dienst-dommelvallei\n", "organisaties[1].id", "staat al bij item 1"),
    ("    provincie: Fryslân\n", "    provincie: Frysland\n", "organisaties[2].provincie", "bedoelde u 'Fryslân'"),
    ("    synoniemen: [De BUCH, Werkorganisatie BUCH]\n", "    synoniemen: 5\n", "organisaties[1].synoniemen",
     "lijst"),
    ("organisaties:\n", "organisatie: []\norganisaties:\n", "organisatie", "alleen 'organisaties' hoort hier"),
])
def test_organisations_are_checked_against_their_model(content: Path, old: str, new: str, key: str,
                                                       expected: str) -> None:
    replace_in(content / "organisaties.yaml", old, new)
    found = support_errors(check(content), "organisaties.yaml")
    assert [k for _, _, k, _ in found] == [key], found
    assert expected in found[0][3]
    assert found[0][0] > 1


def test_organisations_that_are_not_a_list_do_not_crash(content: Path) -> None:
    (content / "organisaties.yaml").write_text("organisaties: 5\n", encoding="utf-8")
    found = support_errors(check(content), "organisaties.yaml")
    assert [(line, col, key) for line, col, key, _ in found] == [(1, 1, "organisaties")]
    assert "moet een lijst zijn" in found[0][3]


@pytest.mark.parametrize("old, new, key, expected", [
    ("    jaar: 2019\n", "    jaar: negentien\n", "bronnen[0].jaar", "geheel getal"),
    ("    jaar: 2019\n", "    jaar: 2019\n    auteur: x\n", "bronnen[0].auteur", "onbekend veld"),
    ("  - id: vng-pilots-uitvoeringskracht-2024\n", "  - id: ao-fonds-subsidie-2019\n", "bronnen[1].id",
     "staat al bij item 1"),
    ("  - id: vng-pilots-uitvoeringskracht-2024\n", "  - id: VNG pilots\n", "bronnen[1].id", "geen geldige id"),
])
def test_sources_are_checked_against_their_model(content: Path, old: str, new: str, key: str, expected: str) -> None:
    replace_in(content / "bronnen.yaml", old, new)
    found = support_errors(check(content), "bronnen.yaml")
    assert [k for _, _, k, _ in found] == [key], found
    assert expected in found[0][3]
