"""No absolute path of one machine in the repository: not in code, comments, data or docs.

Such a path works only where it was written (a home folder, a build machine's checkout, a
temporary folder) and tells a reader of a fresh clone nothing. Name a place relative to the
checkout instead: `../shared/testdata/calculator-vectors.json`, `tests/data/…`.
System programs (`/usr/bin/chromium`, `/proc`) are not machine paths and stay allowed.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

MACHINE_PATH = re.compile(
    r"(?<![\w.:/~-])/(?:work|root|tmp|home|Users|mnt|var/folders)/"  # POSIX; not the path part of a URL
    r"|\b[A-Za-z]:\\(?:Users|Documents and Settings)\\",                # Windows
)
ALLOWED: dict[str, str] = {}
"""path -> why it may name a machine path. Empty: no file needs one today."""

SKIPPED_FOLDERS = {".git", ".venv", "node_modules", "site", "test-artifacts", "bench-out", "__pycache__",
                   ".pytest_cache"}


def repository_files() -> list[Path]:
    """The files git tracks; outside a git checkout every file below the root but generated folders."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return [p for p in ROOT.rglob("*") if p.is_file() and not SKIPPED_FOLDERS & set(p.relative_to(ROOT).parts)]
    return [ROOT / name for name in listed.decode("utf-8").split("\0") if name and (ROOT / name).is_file()]


def machine_paths(text: str) -> list[tuple[int, str]]:
    return [(text.count("\n", 0, match.start()) + 1, match.group())
            for match in MACHINE_PATH.finditer(text)]


# The first slash of each machine path below is written \x2f, so this file holds none itself.
@pytest.mark.parametrize(("text", "found"), [
    ("see \x2fwork/shared/testdata/calculator-vectors.json", ["\x2fwork/"]),
    ('REFERENCE = Path("\x2froot/shared/reference")', ["\x2froot/"]),
    ("written to \x2ftmp/kb/site", ["\x2ftmp/"]),
    ("C:\\Users\\eva\\kennisbank", ["C:\\Users\\"]),
    ("see ../shared/testdata/calculator-vectors.json", []),
    ("https://example.org/tmp/file and https://example.org/home/", []),
    ('shutil.which("chromium") or "/usr/bin/chromium"; Path("/proc")', []),
])
def test_the_pattern_finds_machine_paths_and_nothing_else(text, found):
    assert [path for _, path in machine_paths(text)] == found


def test_no_tracked_file_names_a_machine_path():
    files = repository_files()
    assert len(files) > 100, "the repository's files were not found"
    problems = []
    for path in files:
        name = path.relative_to(ROOT).as_posix()
        if name in ALLOWED:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        problems += [f"{name}:{line}: {found}" for line, found in machine_paths(text)]
    assert problems == [], "absolute paths of one machine; name them relative to the checkout:\n" + "\n".join(problems)
