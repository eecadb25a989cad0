"""Nothing lost without a word, nothing that hangs or crashes `check`: cases that need a real folder.

Each test builds what it needs at run time in a copy of content/ (FIFOs, unreadable folders and
changed support files cannot be committed as fixtures) and shows that the gate fails on bad input.
Fixtures that can be committed live in tests/data/invalid/ (see tests/data/README.md).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from generator import validate
from generator.diagnostics import Diagnostic, Severity

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
    started = time.perf_counter()
    result = run_generator("check", "--format", "json", "--content", str(content), str(content), timeout=60)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1, result.stderr
    found = [d for d in json.loads(result.stdout) if d["path"].endswith("projects/pijp.md")]
    assert [(d["line"], d["col"], d["severity"]) for d in found] == [(1, 1, "error")]
    assert "FIFO" in found[0]["message"] and "niet geopend" in found[0]["message"]
    assert elapsed < 5, f"{elapsed:.1f} s"  # about 0.7 s on an idle machine; a FIFO that is opened hangs forever


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
