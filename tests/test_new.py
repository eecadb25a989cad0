"""`kennisbank new`: a skeleton for every scheme that `check` accepts apart from the INVULLEN marker,
never overwriting, and file names made from hard titles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from generator.render import skeleton
from generator.render.skeleton import record_id
from generator.validate import placeholders

SCHEMES = ["ao-fonds-subsidie", "impulsregeling", "innovatieve-projectenregeling", "gemeentedelers-2022",
           "pilots-uitvoeringskracht-2024"]
"""One scheme of each shape for the command-line round trip (each costs four runs of the generator);
test_web_editor_skeletons_… checks the skeleton of every scheme in one run."""
ORGANISATION = {"ao-fonds-subsidie": ["Leiden"], "impulsregeling": ["Gemeente 's-Hertogenbosch"],
                "innovatieve-projectenregeling": ["Súdwest-Fryslân", "Tilburg", "Utrecht"]}


@pytest.fixture()
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


@pytest.mark.parametrize("scheme", SCHEMES)
def test_skeleton_for_every_scheme_passes_check_except_the_marker(content, scheme):
    args = ["new", "--content", str(content), "--regeling", scheme, "--titel", f"Nieuw voorbeeld voor {scheme}"]
    for name in ORGANISATION.get(scheme, ["Leiden"]):
        args += ["--organisatie", name]
    made = run_generator(*args, timeout=120)
    assert made.returncode == 0, made.stderr
    created = [p for p in (content / "projects").glob("*.md") if not (ROOT / "content" / "projects" / p.name).exists()]
    assert len(created) == 1
    assert f"kennisbank check {content / 'projects' / created[0].name}" in made.stdout
    result = run_generator("check", "--format", "json", str(created[0]), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    codes = {d["code"] for d in json.loads(result.stdout or "[]")}
    assert codes == {"KB-W401"}, result.stdout
    strict = run_generator("check", "--strict", str(created[0]), timeout=120)
    assert strict.returncode == 1  # the marker keeps it out of a strict check until the text is written
    text = created[0].read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    assert all("#" in line for line in front.splitlines()), "elke regel van de front matter heeft een toelichting"
    filled = text.replace("INVULLEN: ", "Geschreven tekst: ")
    created[0].write_text(filled, encoding="utf-8")
    assert run_generator("check", "--strict", str(created[0]), timeout=120).returncode == 0


def test_new_never_overwrites(content):
    existing = content / "projects" / "leiden-ontwikkelpool.md"
    before = existing.read_bytes()
    args = ["new", "--content", str(content), "--regeling", "ao-fonds-subsidie", "--titel", "Ontwikkelpool",
            "--organisatie", "Leiden"]
    clash = run_generator(*args, timeout=120)  # the title makes the name of an existing record
    assert clash.returncode == 2
    assert f"{existing} bestaat al en wordt niet overschreven" in clash.stderr
    assert existing.read_bytes() == before
    fresh = [*args[:-3], "Nieuwe pool", "--organisatie", "Leiden"]
    assert run_generator(*fresh, timeout=120).returncode == 0
    made = content / "projects" / "leiden-nieuwe-pool.md"
    made.write_text("eigen tekst", encoding="utf-8")
    assert run_generator(*fresh, timeout=120).returncode == 2
    assert made.read_text(encoding="utf-8") == "eigen tekst"


def test_new_refuses_unknown_names_before_writing(content):
    before = sorted((content / "projects").iterdir())
    unknown = run_generator("new", "--content", str(content), "--regeling", "ao-fonds-subsidie", "--titel", "X",
                            "--organisatie", "Amsterdm", timeout=120)
    assert unknown.returncode == 2 and "Amsterdm" in unknown.stderr
    scheme = run_generator("new", "--content", str(content), "--regeling", "impuls", "--titel", "X", timeout=120)
    assert scheme.returncode == 2 and "impulsregeling" in scheme.stderr
    missing = run_generator("new", "--content", str(content), "--regeling", "ao-fonds-subsidie", "--titel", "X",
                            timeout=120)
    assert missing.returncode == 2 and "--organisatie" in missing.stderr
    reserved = run_generator("new", "--content", str(content), "--regeling", "gemeentedelers", "--titel", "Pagina 2",
                             timeout=120)
    assert reserved.returncode == 2 and "--id" in reserved.stderr
    assert sorted((content / "projects").iterdir()) == before


@pytest.mark.parametrize(("title", "organisations", "expected"), [
    ("Gemeente 's-Hertogenbosch: Één loket!", ["s-hertogenbosch"], "s-hertogenbosch-een-loket"),
    ("Gemeente 's-Hertogenbosch: Één loket!", [], "s-hertogenbosch-een-loket"),
    ("Één loket", ["utrecht"], "utrecht-een-loket"),
    ("Súdwest-Fryslân & Noardeast-Fryslân: samen \"NEXT\"", ["sudwest-fryslan"], "sudwest-fryslan-noardeast-fryslan-samen-next"),
    ("  De gemeente   Den Haag (2024) — 100% digitaal?  ", [], "de-den-haag-2024-100-digitaal"),
    ("Ĳsselstein: café’s «open»", [], "ijsselstein-cafe-s-open"),
    ("!!!", [], ""),
    ("Een heel lange titel " * 10, [], "een-heel-lange-titel-een-heel-lange-titel-een-heel-lange"),
])
def test_file_names_from_hard_titles(title, organisations, expected):
    made = record_id(title, organisations)
    assert made == expected
    assert len(made) <= skeleton.MAX_ID_LENGTH


def test_one_marker():
    assert skeleton.MARKER == placeholders.MARKER


def test_web_editor_skeletons_without_an_organisation_only_ask_for_text(tmp_path):
    """The 'Praktijkvoorbeeld toevoegen' links open these in GitHub; an editor who has not yet named an
    organisation sees 'INVULLEN' (KB-W401), not 'organisaties verplicht' or 'unknown organisation'."""
    from generator.validate.check import check_content

    content = check_content(ROOT / "content")
    folder = tmp_path / "projects"
    folder.mkdir()
    for scheme_id in content.schemes:
        (folder / f"nieuw-{scheme_id}.md").write_text(skeleton.skeleton(content, scheme_id, "Nieuw praktijkvoorbeeld"),
                                                       encoding="utf-8")
    diagnostics = check_content(ROOT / "content", [folder]).diagnostics
    mine = [d for d in diagnostics if Path(d.path).parent.resolve() == folder.resolve()]
    assert {d.code for d in mine} == {"KB-W401"}, [(d.path, d.code, d.key) for d in mine if d.code != "KB-W401"]
    assert {Path(d.path).stem for d in mine if d.key == "organisaties[0]"} == {f"nieuw-{s}" for s in content.schemes}
