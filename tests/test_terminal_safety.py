"""Text from content never drives the reader's terminal or forges output lines.

File names, keys and quoted values reach `check`'s text, JSON and GitHub output. A file name
with ESC [31m would colour the terminal, U+202E would reverse what follows, and CR or LF would
start a line that looks like another diagnostic (or, in CI, another workflow command).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, run_generator
from generator.core.diagnostics import Diagnostic, Severity, printable, render

HOSTILE = "a\x1b[31mb\u202ec\rd\ne\x7f\x9b\u2028f"
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def unsafe_characters(output: str) -> list[str]:
    """Characters a terminal could act on; a line break only counts where it does not end a line."""
    return [repr(c) for c in output.replace("\n", "") if unicodedata.category(c) in UNSAFE_CATEGORIES]


def hostile_diagnostic() -> Diagnostic:
    return Diagnostic(f"content/projects/{HOSTILE}, 100%:x.md", 2, 3, Severity.ERROR, f"k{HOSTILE}",
                      f"'{HOSTILE}' 100% fout", "KB-E201")


def test_printable_escapes_controls_bidi_and_separators_but_keeps_text():
    assert printable(HOSTILE) == "a\\x1b[31mb\\u202ec\\rd\\ne\\x7f\\x9b\\u2028f"
    assert printable("één € 1.000\u00a0euro, Súdwest-Fryslân") == "één € 1.000\u00a0euro, Súdwest-Fryslân"
    assert printable("a\udcffb\U0010fffe") == "a\\udcffb\\U0010fffe"  # undecodable file name, non-character


def test_text_output_is_one_line_per_diagnostic_and_shows_escapes():
    line = render([hostile_diagnostic()], "text")
    assert "\n" not in line and not unsafe_characters(line)
    assert line.startswith("content/projects/a\\x1b[31mb\\u202ec\\rd\\ne")


def test_json_output_is_printable_and_still_gives_the_original_text_back():
    diagnostic = hostile_diagnostic()
    output = render([diagnostic], "json")
    assert not unsafe_characters(output)
    assert "\\u202e" in output and "\\u001b" in output
    assert json.loads(output) == [diagnostic.as_dict()]


def test_github_output_follows_the_workflow_command_escaping():
    command = render([hostile_diagnostic()], "github")
    assert "\n" not in command and "\r" not in command and not unsafe_characters(command)
    properties, message = command.removeprefix("::error ").split("::", 1)
    file = properties.split(",line=")[0].removeprefix("file=")
    assert file == "content/projects/a\\x1b[31mb\\u202ec\\rd\\ne\\x7f\\x9b\\u2028f%2C 100%25%3Ax.md"
    assert properties.endswith(",line=2,col=3,title=KB-E201")
    assert message.endswith("100%25 fout") and "%0A" not in message  # LF was already shown as \n


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_of_a_hostile_file_name_and_key(tmp_path, fmt):
    folder = tmp_path / "projects"
    folder.mkdir()
    record = (ROOT / "tests" / "data" / "valid" / "projects" / "minimaal.md").read_text(encoding="utf-8")
    name = "boos\x1b[31m\u202eRED\r\nnep.md:1:1: error KB-E001: x.md"
    (folder / name).write_text(record, encoding="utf-8")
    (folder / "sleutel.md").write_text(record.replace("\n---\n", '\n"s\\e[31m\\u202ex": 1\n---\n', 1),
                                       encoding="utf-8")
    result = run_generator("check", "--content", str(ROOT / "content"), "--format", fmt, str(folder), timeout=120)
    assert result.returncode == 1, result.stderr
    assert not unsafe_characters(result.stdout) and not unsafe_characters(result.stderr)
    if fmt == "json":
        found = json.loads(result.stdout)
        assert {Path(d["path"]).name for d in found} >= {name}
        assert any(d["key"] == "s\x1b[31m\u202ex" for d in found)
    else:
        assert "boos\\x1b[31m\\u202eRED\\r\\nnep.md" in result.stdout
        assert "s\\x1b[31m\\u202ex" in result.stdout
        lines = result.stdout.splitlines()
        assert len(lines) == 2 and all("projects/" in line for line in lines), "a forged or split line"
