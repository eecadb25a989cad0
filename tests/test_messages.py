"""The message catalogue (generator/core/messages.yaml) against the code that uses it and the page that shows it.

- every code the generator uses is in the catalogue, every code in the catalogue is used;
- every call `message("KB-…", …)` passes exactly the template's placeholders;
- the example of each code, put in a record (or support file) and checked, produces that code,
  unless the catalogue says why it cannot (`handmatig`);
- the page bijdragen/meldingen.md lists every code.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from generator.core import messages
from generator.core.messages import catalogue, message, placeholders
from generator.features.meldingen import meldingen
from generator.validate.check import check_content
from generator.validate.discovery import SUPPORT_FILES

GENERATOR = ROOT / "generator"
CONTENT = ROOT / "content"
CODE_LITERAL = re.compile(r"""["'](KB-[EW]\d{3})["']""")

BASE_PROJECT = """schema_versie: 1
titel: "Voorbeeld"
soort: project
korte_beschrijving: "Een voorbeeld."
status: onbekend
bronnen: [ao-fonds-subsidie-2019]
laatst_beoordeeld: 2026-11-23"""
BASE_SCHEME = """schema_versie: 1
titel: "Voorbeeldregeling"
soort: subsidieregeling
korte_beschrijving: "Een voorbeeld."
uitvoerder: VNG
bronnen: [ao-fonds-subsidie-2019]
laatst_beoordeeld: 2026-11-23"""
BODY = "## Vraagstuk\n\nEen gewone alinea.\n"
LIST_KEYS = {"organisaties.yaml": "organisaties", "bronnen.yaml": "bronnen"}


def codes_in_source(folder: Path = GENERATOR) -> dict[str, list[str]]:
    """Every code literal in the generator's Python, with the files that name it."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for code in CODE_LITERAL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(path.relative_to(folder).as_posix())
    return found


def unused_codes(source: dict[str, list[str]]) -> list[str]:
    return sorted(code for code, entry in catalogue().items() if not entry.vervallen and code not in source)


def undocumented_codes(source: dict[str, list[str]]) -> list[str]:
    live = {code for code, entry in catalogue().items() if not entry.vervallen}
    return sorted(f"{code} ({', '.join(files)})" for code, files in source.items() if code not in live)


def placeholder_mismatches(folder: Path = GENERATOR) -> list[str]:
    """Calls message("KB-…", name=…) whose keywords differ from the template's placeholders."""
    wrong = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "message" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                continue
            code = node.args[0].value
            given = {keyword.arg for keyword in node.keywords}
            wanted = set(catalogue()[code].placeholders) if code in catalogue() else {"?"}
            if given != wanted:
                wrong.append(f"{path.relative_to(folder)}:{node.lineno}: {code} kreeg {sorted(given)}, "
                             f"verwacht {sorted(wanted)}")
    return wrong


# --------------------------------------------------------------------------- codes used ⇔ codes documented


def test_every_code_in_the_catalogue_is_used_and_every_used_code_is_documented() -> None:
    source = codes_in_source()
    assert unused_codes(source) == []
    assert undocumented_codes(source) == []


def test_the_usage_gates_fail_on_a_broken_input(tmp_path: Path) -> None:
    """An unused code and an undocumented code are both caught (shown once on a made-up source tree)."""
    source = codes_in_source()
    dropped = next(iter(source))
    assert unused_codes({k: v for k, v in source.items() if k != dropped}) == [dropped]
    (tmp_path / "nieuw.py").write_text('message("KB-E999")\n', encoding="utf-8")
    assert undocumented_codes({**source, **codes_in_source(tmp_path)}) == ["KB-E999 (nieuw.py)"]


def test_every_call_passes_exactly_the_placeholders_of_its_template(tmp_path: Path) -> None:
    assert placeholder_mismatches() == []
    (tmp_path / "fout.py").write_text('message("KB-E201", waarde="x")\n', encoding="utf-8")
    assert len(placeholder_mismatches(tmp_path)) == 1


def test_message_refuses_missing_or_extra_placeholders() -> None:
    assert message("KB-E029", veld="titel") == "'titel' staat twee keer in dezelfde groep; houd er één over"
    assert message("KB-E029", veld="titel").code == "KB-E029"
    with pytest.raises(TypeError):
        message("KB-E029")
    with pytest.raises(TypeError):
        message("KB-E029", veld="titel", extra=1)
    with pytest.raises(KeyError):
        message("KB-E999")


def test_every_entry_is_complete_and_codes_are_well_formed() -> None:
    entries = catalogue()
    assert len(entries) > 100
    for code, entry in entries.items():
        assert messages.CODE.match(code)
        assert entry.titel and entry.melding and entry.oplossing and entry.voorbeeld, code
        assert entry.plek in {"front matter", "tekst", "bestand", "bestandsnaam", "regeling",
                              *SUPPORT_FILES}, (code, entry.plek)
    assert list(entries) == sorted(entries, key=lambda c: (c[4], c[3], c)), "codes per gebied, op volgorde"


def test_a_broken_catalogue_fails_to_load(tmp_path: Path, monkeypatch) -> None:
    broken = tmp_path / "messages.yaml"
    broken.write_text("meldingen:\n  KB-E001:\n    titel: Zonder melding\n", encoding="utf-8")
    monkeypatch.setattr(messages, "CATALOGUE", broken)
    messages.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match="ontbreekt"):
            messages.catalogue()
    finally:
        monkeypatch.undo()
        messages.catalogue.cache_clear()


# --------------------------------------------------------------------------- examples produce their code


def _merged(base: str, snippet: str) -> str:
    """`base` front matter with the snippet's top-level keys replaced by the snippet."""
    keys = set(re.findall(r"^([A-Za-z_][\w-]*):", snippet, re.MULTILINE))
    kept, skipping = [], False
    for line in base.split("\n"):
        if re.match(r"^[A-Za-z_]", line):
            skipping = line.split(":")[0] in keys
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n" + snippet


def example_file(entry: messages.Entry) -> tuple[str, str]:
    """(path under the fixture folder, text) that puts the example of `entry` in a record."""
    name = entry.code.lower()
    if entry.plek == "bestand":
        return f"projects/{name}.md", entry.voorbeeld + "\n"
    if entry.plek == "bestandsnaam":
        return f"projects/{entry.voorbeeld}", f"---\n{BASE_PROJECT}\n---\n{BODY}"
    if entry.plek == "tekst":
        return f"projects/{name}.md", f"---\n{BASE_PROJECT}\n---\n{BODY}\n{entry.voorbeeld}\n"
    if entry.plek == "regeling":
        return f"schemes/{name}.md", f"---\n{_merged(BASE_SCHEME, entry.voorbeeld)}\n---\n{BODY}"
    return f"projects/{name}.md", f"---\n{_merged(BASE_PROJECT, entry.voorbeeld)}\n---\n{BODY}"


CHECKABLE = [entry for entry in catalogue().values() if not entry.handmatig and not entry.vervallen]
RECORD_EXAMPLES = [entry for entry in CHECKABLE if entry.plek not in SUPPORT_FILES]
SUPPORT_EXAMPLES = [entry for entry in CHECKABLE if entry.plek in SUPPORT_FILES]


@pytest.fixture(scope="module")
def record_example_codes(tmp_path_factory) -> dict[str, set[str]]:
    """Codes reported per example, all record examples checked in one run against content/."""
    folder = tmp_path_factory.mktemp("voorbeelden")
    paths = {}
    for entry in RECORD_EXAMPLES:
        relative, text = example_file(entry)
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths[entry.code] = path
    diagnostics = check_content(CONTENT, [folder]).diagnostics
    reported: dict[str, set[str]] = {}
    for code, path in paths.items():
        shown = {d.code for d in diagnostics if Path(d.path).resolve() == path.resolve()}
        reported[code] = shown
    return reported


@pytest.mark.parametrize("code", [entry.code for entry in RECORD_EXAMPLES])
def test_record_example_produces_its_code(code: str, record_example_codes) -> None:
    assert code in record_example_codes[code], (catalogue()[code].voorbeeld, record_example_codes[code])


def support_example_codes(entry: messages.Entry, root: Path) -> set[str]:
    """Codes reported in the support file after the example is added to a copy of it."""
    root.mkdir()
    for name in SUPPORT_FILES:
        shutil.copy(CONTENT / name, root / name)
    snippet = entry.voorbeeld
    key = LIST_KEYS.get(entry.plek)
    if key and snippet.startswith(f"{key}:\n"):
        snippet = snippet.split("\n", 1)[1]
    with (root / entry.plek).open("a", encoding="utf-8") as handle:
        handle.write("\n" + snippet + "\n")
    diagnostics = check_content(root).diagnostics
    return {d.code for d in diagnostics if Path(d.path).name == entry.plek}


@pytest.mark.parametrize("code", [entry.code for entry in SUPPORT_EXAMPLES])
def test_support_file_example_produces_its_code(code: str, tmp_path: Path) -> None:
    found = support_example_codes(catalogue()[code], tmp_path / "content")
    assert code in found, (catalogue()[code].voorbeeld, found)


def test_the_example_gate_fails_on_a_wrong_example(tmp_path: Path) -> None:
    """An example that does not produce its code is caught: KB-E201's code with a valid status."""
    entry = catalogue()["KB-E201"]
    wrong = messages.Entry(**{**entry.__dict__, "voorbeeld": "status: afgerond"})
    relative, text = example_file(wrong)
    (tmp_path / "projects").mkdir()
    (tmp_path / relative).write_text(text, encoding="utf-8")
    assert "KB-E201" not in {d.code for d in check_content(CONTENT, [tmp_path]).diagnostics}


def test_only_a_few_examples_are_not_checked() -> None:
    manual = [entry.code for entry in catalogue().values() if entry.handmatig]
    assert len(manual) <= len(catalogue()) // 3, manual


# --------------------------------------------------------------------------- the page


def page_codes(page: str) -> set[str]:
    return set(re.findall(r'<h3 id="(kb-[ew]\d{3})">', page))


def test_the_page_lists_every_code_with_example_and_fix() -> None:
    page = _page()
    wanted = {code.lower() for code, entry in catalogue().items() if not entry.vervallen}
    assert page_codes(page) == wanted
    assert page.count("<dt>Wat u doet</dt>") == len(wanted)
    assert page.count("<pre><code>") == len(wanted)
    assert "<var>waarde</var>" in page  # placeholders shown as such
    assert "\x07" not in page and "&lt;iframe" in page  # examples escaped, invisible characters shown
    broken = page.replace('<h3 id="kb-e201">', "<h3>")
    assert page_codes(broken) != wanted


def _page() -> str:
    import jinja2

    from generator.features import FeatureContext

    environment = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader({}))
    context = FeatureContext(None, None, environment)  # the page needs neither catalogue nor settings
    return meldingen.files(context)[meldingen.PAGE]
