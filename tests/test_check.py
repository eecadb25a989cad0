"""`python -m generator check` as editors and CI meet it: run for real, one fixture at a time.

Fixtures live in tests/data/ (see tests/data/README.md):

- `invalid/projects/*.md` and `invalid/schemes/*.md`: one broken record each, with its exact
  expected diagnostics in a sidecar `<name>.expected`, one per line:
  `line:col: severity CODE: key :: message substring` (CODE from generator/core/messages.yaml,
  key empty for file-level problems, the substring optional). Checked both ways: every fixture has an expectation, every expectation
  a fixture, and the diagnostics must match exactly (no missing, no extra).
- `valid/**.md`: records that must come through without a single diagnostic.

Fixtures outside content/ are checked against content/ (vocabularies, register, schemes and the
ids of its records) and get their kind from the nearest folder named projects/ or schemes/.
Links are made at run time in a temporary folder (a committed symlink becomes a text file on
a checkout without symlink support, and would then test something else).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_generator

DATA = ROOT / "tests" / "data"
INVALID = DATA / "invalid"
VALID = DATA / "valid"
CONTENT = ROOT / "content"

TEXT_LINE = re.compile(r"^(?P<path>[^:]+(?::[^:\d][^:]*)*):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) "
                       r"(?P<code>KB-[EW]\d{3}): (?P<rest>.+)$")
GITHUB_LINE = re.compile(r"^::(?P<severity>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
                         r"title=(?P<code>KB-[EW]\d{3})::(?P<message>.+)$")
EXPECTED_LINE = re.compile(r"^(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) (?P<code>KB-[EW]\d{3}):"
                           r"(?: (?P<key>\S+))?$")


def run_check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m generator check …` as a user runs it, from the repository root."""
    return run_generator("check", *args, cwd=cwd, timeout=120)


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def fixture_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md"))


def expectation_file(fixture: Path) -> Path:
    return fixture.with_name(fixture.stem + ".expected")


def read_expectation(path: Path) -> list[dict]:
    """The expected diagnostics of one fixture, in file order."""
    expected = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        head, _, substring = raw.partition(" :: ")
        match = EXPECTED_LINE.match(head.rstrip())
        assert match, f"{relative(path)}:{number}: verwacht 'regel:kolom: error|warning KB-…: sleutel :: tekst', kreeg {raw!r}"
        expected.append({"line": int(match["line"]), "col": int(match["col"]), "severity": match["severity"],
                         "code": match["code"],
                         "key": match["key"] or "", "substring": substring.strip()})
    return expected


def check_json(path: Path, *extra: str) -> tuple[subprocess.CompletedProcess, list[dict]]:
    result = run_check("--format", "json", *extra, relative(path) if path.is_relative_to(ROOT) else str(path))
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(result.stdout or "[]")


def _id(path: Path, base: Path) -> str:
    return path.relative_to(base).with_suffix("").as_posix()


INVALID_FIXTURES = fixture_files(INVALID)
VALID_FIXTURES = fixture_files(VALID)


# --------------------------------------------------------------------------- the fixture set itself


def test_fixture_set_is_big_enough() -> None:
    assert len(INVALID_FIXTURES) >= 35
    assert len(VALID_FIXTURES) >= 5
    assert len(fixture_files(INVALID / "schemes")) >= 2


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    fixtures = {expectation_file(p) for p in INVALID_FIXTURES}
    sidecars = set(INVALID.rglob("*.expected"))
    assert sorted(map(relative, fixtures - sidecars)) == [], "fixtures zonder .expected"
    assert sorted(map(relative, sidecars - fixtures)) == [], ".expected zonder fixture"
    assert not list(VALID.rglob("*.expected")), "valid/ verwacht nul meldingen; een .expected hoort daar niet"


def test_every_expectation_names_at_least_one_diagnostic() -> None:
    for fixture in INVALID_FIXTURES:
        assert read_expectation(expectation_file(fixture)), f"{relative(fixture)}: lege verwachting"


# --------------------------------------------------------------------------- per fixture


@pytest.fixture(scope="module")
def invalid_folder() -> tuple[subprocess.CompletedProcess, list[dict]]:
    """`check --format json` of the whole invalid fixture folder, run once for every test that reads it."""
    return check_json(INVALID)


@pytest.fixture(scope="module")
def folder_diagnostics(invalid_folder) -> dict[str, list[dict]]:
    """One `check` run per fixture folder (a process per file would take minutes), grouped by file.

    Checking a folder must give each file exactly the diagnostics it gets alone; the exit code per
    file is covered by the exit-code tests below.
    """
    grouped: dict[str, list[dict]] = {}
    for _, diagnostics in (invalid_folder, check_json(VALID, "--strict")):
        for diagnostic in diagnostics:
            grouped.setdefault(diagnostic["path"], []).append(diagnostic)
    return grouped


@pytest.mark.parametrize("fixture", INVALID_FIXTURES, ids=lambda p: _id(p, INVALID))
def test_invalid_fixture_reports_exactly_what_is_expected(fixture: Path, folder_diagnostics) -> None:
    expected = read_expectation(expectation_file(fixture))
    shown = relative(fixture)
    diagnostics = folder_diagnostics.get(shown, [])
    actual = [(d["line"], d["col"], d["severity"], d["code"], d["key"]) for d in diagnostics]
    wanted = [(e["line"], e["col"], e["severity"], e["code"], e["key"]) for e in expected]
    assert sorted(actual) == sorted(wanted), "\n" + "\n".join(
        f"{d['line']}:{d['col']}: {d['severity']} {d['code']}: {d['key']} :: {d['message']}" for d in diagnostics)
    for want in expected:
        if not want["substring"]:
            continue
        messages = [d["message"] for d in diagnostics
                    if (d["line"], d["col"], d["severity"], d["key"]) == (want["line"], want["col"], want["severity"], want["key"])]
        assert any(want["substring"] in message for message in messages), (want, messages)


def test_fixture_alone_reports_the_same_as_in_its_folder(folder_diagnostics) -> None:
    """Spot check that a file's diagnostics do not depend on its neighbours."""
    for name in ("projects/onbekend-thema.md", "projects/dubbel/leiden-ontwikkelpool.md", "schemes/minimum-boven-maximum.md"):
        fixture = INVALID / name
        assert fixture.is_file(), f"{relative(fixture)} ontbreekt; kies een ander bestand voor deze steekproef"
        result, alone = check_json(fixture)
        assert alone == folder_diagnostics[relative(fixture)]
        assert result.returncode == 1


@pytest.mark.parametrize("fixture", VALID_FIXTURES, ids=lambda p: _id(p, VALID))
def test_valid_fixture_has_no_diagnostics(fixture: Path, folder_diagnostics) -> None:
    assert folder_diagnostics.get(relative(fixture), []) == []


def test_messages_are_dutch_and_say_what_to_do(invalid_folder) -> None:
    """No English parser or pydantic text reaches an editor."""
    _, diagnostics = invalid_folder
    english = re.compile(r"\b(found|expected|while|Input should|Field required|Value error|is not|could not)\b")
    for diagnostic in diagnostics:
        assert not english.search(diagnostic["message"]), diagnostic


# --------------------------------------------------------------------------- all problems at once, sorted


def test_a_file_with_three_problems_reports_three() -> None:
    _, diagnostics = check_json(INVALID / "projects" / "drie-problemen.md")
    assert len(diagnostics) == 3
    assert {d["key"] for d in diagnostics} == {"status", "regeling", "themas"}


def test_whole_fixture_folder_reports_every_fixture_in_one_run(invalid_folder) -> None:
    result, diagnostics = invalid_folder
    assert result.returncode == 1
    reported = {d["path"] for d in diagnostics}
    assert reported == {relative(p) for p in INVALID_FIXTURES}
    expected_count = sum(len(read_expectation(expectation_file(p))) for p in INVALID_FIXTURES)
    assert len(diagnostics) == expected_count


def test_output_is_sorted_by_file_line_and_column(invalid_folder) -> None:
    _, diagnostics = invalid_folder
    keys = [(d["path"], d["line"], d["col"], d["severity"], d["key"], d["message"]) for d in diagnostics]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


# --------------------------------------------------------------------------- formats


def test_text_format_is_one_compiler_style_line_per_problem() -> None:
    fixture = INVALID / "projects" / "drie-problemen.md"
    result = run_check(relative(fixture))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    for line in lines:
        match = TEXT_LINE.match(line)
        assert match, line
        assert match["path"] == relative(fixture)
        key, sep, message = match["rest"].partition(": ")
        assert sep and key and message
    assert lines[0].startswith(f"{relative(fixture)}:7:9: error KB-E201: status: 'klaar' staat niet in de woordenlijst")
    assert result.stderr.strip() == "3 fout(en), 0 waarschuwing(en); 0 van 1 record(s) zonder fouten."


def test_text_format_without_key_has_no_empty_key() -> None:
    result = run_check(relative(INVALID / "projects" / "leeg.md"))
    assert result.stdout.splitlines() == [
        "tests/data/invalid/projects/leeg.md:1:1: error KB-E006: bestand is leeg; een record begint met front matter "
        "tussen twee regels '---'"]


def test_json_format_fields() -> None:
    _, diagnostics = check_json(INVALID / "projects" / "onbekende-status.md")
    assert len(diagnostics) == 1
    diagnostic = diagnostics[0]
    assert list(diagnostic) == ["path", "line", "col", "severity", "code", "key", "message"]
    assert diagnostic["code"] == "KB-E201"
    assert diagnostic["path"] == "tests/data/invalid/projects/onbekende-status.md"
    assert (diagnostic["line"], diagnostic["col"], diagnostic["severity"], diagnostic["key"]) == (7, 9, "error", "status")


def test_github_format_is_a_workflow_command_per_problem() -> None:
    fixture = INVALID / "projects" / "drie-problemen.md"
    result = run_check("--format", "github", relative(fixture))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    for line in lines:
        match = GITHUB_LINE.match(line)
        assert match, line
        assert match["file"] == relative(fixture)
    assert lines[0].startswith(f"::error file={relative(fixture)},line=7,col=9,title=KB-E201::status: 'klaar' staat niet")
    assert result.stderr == ""


def test_github_format_marks_warnings_and_escapes_properties() -> None:
    result = run_check("--format", "github", relative(INVALID / "projects" / "gemeente-opgeheven.md"))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "::warning file=tests/data/invalid/projects/gemeente-opgeheven.md,line=6,col=16,title=KB-W301::"
        "organisaties[0]: "
        "'Geldermalsen' is per 1 januari 2019 opgegaan in 'West Betuwe'; gebruik 'West Betuwe'"]


def test_github_format_escapes_commas_and_colons_in_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "a,b:c" / "projects"
    folder.mkdir(parents=True)
    (folder / "leeg.md").write_bytes(b"")
    result = run_check("--format", "github", str(folder / "leeg.md"))
    assert result.returncode == 1
    assert "a%2Cb%3Ac" in result.stdout
    assert result.stdout.count("::error ") == 1


# --------------------------------------------------------------------------- exit codes


def test_exit_0_on_warnings_only_and_1_with_strict() -> None:
    fixture = relative(INVALID / "projects" / "looptijd-boven-maximum.md")
    assert run_check(fixture).returncode == 0
    strict = run_check("--strict", fixture)
    assert strict.returncode == 1
    assert "waarschuwing" in strict.stderr


def test_exit_1_on_errors() -> None:
    assert run_check(relative(INVALID / "projects" / "onbekend-thema.md")).returncode == 1


def test_exit_0_on_valid_folder() -> None:
    result = run_check("--strict", relative(VALID))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_nonexistent_path_is_a_usage_error_in_one_line() -> None:
    result = run_check("tests/data/bestaat-niet.md")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "bestaat niet" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error_in_one_line() -> None:
    result = run_check("--format", "xml", "content")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_folder_without_content_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("---\n---\n", encoding="utf-8")
    result = run_check("--content", str(tmp_path), str(tmp_path / "x.md"))
    assert result.returncode == 2
    assert "geen contentmap" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_internal_error_is_one_line_asking_to_report_it(tmp_path: Path) -> None:
    """A bug (here: forced by a broken module) must not show a traceback."""
    package = tmp_path / "sitecustomize.py"
    package.write_text("import generator.validate.check as v\n"
                       "def boom(*a, **k):\n    raise RuntimeError('kapot')\n"
                       "v.check_content = boom\n", encoding="utf-8")
    result = run_generator("check", "content", env={"PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "interne fout" in lines[0] and "meld" in lines[0]


# --------------------------------------------------------------------------- no traceback, ever


def test_no_traceback_in_any_output() -> None:
    for args in (["--format", "json", relative(INVALID)], ["--format", "github", relative(INVALID)],
                 [relative(INVALID)], [relative(VALID)], ["content"]):
        result = run_check(*args)
        assert "Traceback" not in result.stdout + result.stderr, args
        assert result.returncode in (0, 1), (args, result.stderr)


# --------------------------------------------------------------------------- hostile input


def test_billion_laughs_is_refused_without_expanding() -> None:
    """An expanded billion laughs would not finish; check_json's timeout (run_check) is the hang guard."""
    fixture = INVALID / "projects" / "billion-laughs.md"
    _, diagnostics = check_json(fixture)
    assert [d["message"] for d in diagnostics if "aliassen" in d["message"]], diagnostics


def test_hostile_title_is_plain_text_not_an_error() -> None:
    _, diagnostics = check_json(VALID / "projects" / "vijandige-titel.md")
    assert diagnostics == []


def _symlink_or_skip(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError) as exc:  # Windows without developer mode
        pytest.skip(f"symbolische links kunnen hier niet gemaakt worden: {exc}")


def test_link_to_a_file_outside_the_fixture_folder_is_refused(tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    _symlink_or_skip(projects / "link-naar-readme.md", ROOT / "README.md")
    result, diagnostics = check_json(projects / "link-naar-readme.md")
    assert [(d["line"], d["col"], d["severity"], d["key"]) for d in diagnostics] == [(1, 1, "error", "")]
    assert "link naar een plek buiten" in diagnostics[0]["message"]
    assert result.returncode == 1
    # the same when the folder is checked
    _, diagnostics = check_json(tmp_path)
    assert [d["message"] for d in diagnostics if "link naar een plek buiten" in d["message"]]


def test_link_inside_the_fixture_folder_is_followed(tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    (projects / "echt").mkdir(parents=True)
    shutil.copy(VALID / "projects" / "minimaal.md", projects / "echt" / "origineel-minimaal.md")
    _symlink_or_skip(projects / "gelinkt-minimaal.md", projects / "echt" / "origineel-minimaal.md")
    _, diagnostics = check_json(projects / "gelinkt-minimaal.md")
    assert diagnostics == []


def _content_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    copy.mkdir()
    for name in ("vocabulaires.yaml", "gemeenten.yaml", "organisaties.yaml", "bronnen.yaml"):
        shutil.copy(CONTENT / name, copy / name)
    shutil.copytree(CONTENT / "schemes", copy / "schemes")
    shutil.copytree(CONTENT / "projects", copy / "projects")  # the scheme pages link to some of them
    shutil.copy(VALID / "projects" / "minimaal.md", copy / "projects" / "minimaal.md")
    return copy


def test_links_in_content_that_lead_outside_are_refused(tmp_path: Path) -> None:
    content = _content_copy(tmp_path)
    outside = tmp_path / "buiten"
    outside.mkdir()
    shutil.copy(VALID / "projects" / "minimaal.md", outside / "buiten-minimaal.md")
    _symlink_or_skip(content / "projects" / "link.md", ROOT / "README.md")
    _symlink_or_skip(content / "projects" / "map", outside)
    result = run_check("--format", "json", "--content", str(content), str(content))
    assert result.returncode == 1, result.stderr
    diagnostics = json.loads(result.stdout)
    by_file = {Path(d["path"]).name: d for d in diagnostics}
    assert set(by_file) == {"link.md", "map"}
    assert "bestand is een link naar een plek buiten content/" in by_file["link.md"]["message"]
    assert "map is een link naar een plek buiten content/" in by_file["map"]["message"]


def test_other_files_in_content_are_a_warning(tmp_path: Path) -> None:
    content = _content_copy(tmp_path)
    (content / "projects" / "notities.txt").write_text("los bestand\n", encoding="utf-8")
    result = run_check("--format", "json", "--content", str(content), str(content))
    assert result.returncode == 0, result.stdout + result.stderr
    diagnostics = json.loads(result.stdout)
    assert [(Path(d["path"]).name, d["severity"]) for d in diagnostics] == [("notities.txt", "warning")]


# --------------------------------------------------------------------------- the repository's own content


def test_fixture_outside_the_repository_uses_content_given_with_option(tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    shutil.copy(INVALID / "projects" / "onbekend-thema.md", projects / "onbekend-thema.md")
    result = run_check("--format", "json", "--content", str(CONTENT), str(projects / "onbekend-thema.md"))
    assert result.returncode == 1
    assert [d["key"] for d in json.loads(result.stdout)] == ["themas[0]"]


def test_a_scheme_fixture_gets_its_kind_from_its_folder() -> None:
    _, diagnostics = check_json(INVALID / "schemes" / "minimum-boven-maximum.md")
    assert [d["key"] for d in diagnostics] == ["subsidie.minimum"]


def test_repository_content_is_clean() -> None:
    """Run last in this file: the content is written alongside the code."""
    result = run_check("content")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    strict = run_check("--strict", "--format", "json", "content")
    errors = [d for d in json.loads(strict.stdout) if d["severity"] == "error"]
    assert errors == []
