"""Reading content files: bytes to text, text to front matter and body, YAML to data.

Only reading, no judgement about the record: every failure here becomes a diagnostic
with the file, line and column, so that `check` can go on to the next file. YAML is read
with ruamel.yaml because it keeps the line and column of every key, which is what lets an
editor jump to the problem from a pull-request annotation.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from generator.core.diagnostics import Diagnostic, error
from generator.core.messages import Message, message
from generator.load.shape import MAX_DATA_NODES, MAX_YAML_NODES, VALUE, KeyPath, dotted
from generator.load.yaml_data import parse_yaml

MAX_FILE_BYTES = 1_000_000
MAX_FRONT_MATTER_CHARS = 100_000
"""Front matter of a record stays far below this; larger is refused before the (slow) YAML parser runs."""
BODY_KEY = "tekst"
"""The key of problems in the text below the front matter (the body has no key of its own)."""


@dataclass
class LoadedFile:
    """A content file split into its parts; `data` is None when the front matter failed."""

    path: str
    data: dict[str, Any] | None
    body: str
    body_line: int
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, key_path: KeyPath) -> tuple[int, int]:
        """The line and column of a key, or of its nearest parent we know, else line 1."""
        path = tuple(key_path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def value_position(self, key_path: KeyPath) -> tuple[int, int]:
        """Where the value of a key starts, for errors about the value; the key's place if unknown."""
        return self.positions.get(tuple(key_path) + (VALUE,)) or self.position(key_path)


_SPECIAL_KINDS = ((stat.S_ISFIFO, "een FIFO (named pipe)"), (stat.S_ISSOCK, "een socket"),
                  (stat.S_ISCHR, "een apparaatbestand"), (stat.S_ISBLK, "een apparaatbestand"), (stat.S_ISDIR, "een map"))


def special_file_problem(mode: int, shown: str) -> Diagnostic | None:
    """An error for anything that is not a regular file (FIFO, device, socket, folder): reading it could hang."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "geen gewoon bestand")
    return error(shown, 1, 1, "", message("KB-E001", soort=kind))


def _read_regular(path: Path, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a regular file; anything else is refused before it is opened (a FIFO would block forever).

    Opened without blocking and checked again on the open descriptor, so a file swapped for a FIFO
    between the two looks cannot hang the check either.
    """
    problem = special_file_problem(path.stat().st_mode, shown)
    if problem is not None:
        return None, [problem]
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        problem = special_file_problem(info.st_mode, shown)
        if problem is not None:
            return None, [problem]
        if info.st_size > MAX_FILE_BYTES:
            return None, [error(shown, 1, 1, "", message("KB-E002", bytes=f"{info.st_size:,}".replace(",", ".")))]
        return handle.read(MAX_FILE_BYTES + 1), []


def read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text with a BOM removed and CRLF folded to LF, or the reason it can't be read."""
    try:
        raw, problems = _read_regular(path, shown)
    except OSError as exc:
        return None, [error(shown, 1, 1, "", message("KB-E003", fout=exc.strerror or exc))]
    if raw is None:
        return None, problems
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [error(shown, 1, 1, "", message("KB-E004"))]
    if b"\x00" in raw:
        return None, [error(shown, 1, 1, "", message("KB-E005"))]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        return None, [error(shown, 1, 1, "", message("KB-E006"))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[start: exc.start].decode("utf-8", errors="replace")) + 1
        return None, [error(shown, line, col, "", message("KB-E007", byte=f"0x{raw[exc.start]:02X}"))]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


_NON_CHARACTERS = "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(17))
_FORBIDDEN_CHARACTER = re.compile(f"[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\uFDD0-\\uFDEF{_NON_CHARACTERS}]")
"""Control characters (C0 except tab and newline, DEL, C1) and Unicode non-characters: invisible or
meaningless in text, they break search and page rendering, and usually arrive by copy and paste."""


def forbidden_characters(text: str, first_line: int) -> list[tuple[int, int, Message]]:
    """(line, column, message) for every control character or non-character; `text` starts at `first_line`."""
    found = []
    for match in _FORBIDDEN_CHARACTER.finditer(text):
        start = match.start()
        line = first_line + text.count("\n", 0, start)
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        code = ord(match.group())
        what = ("onzichtbaar stuurteken" if code <= 0x9F else "Unicode-non-character (geen teken)")
        found.append((line, col, message("KB-E008", soort=what, teken=f"U+{code:04X}")))
    return found


def _key_at(positions: dict[KeyPath, tuple[int, int]], line: int, col: int) -> KeyPath:
    """The key whose text holds this place: the last key that starts at or before it."""
    before = [(place, path) for path, place in positions.items()
              if path and path[-1] != VALUE and place <= (line, col)]
    return max(before, key=lambda item: (item[0], len(item[1])))[1] if before else ()


def _parse_checking_characters(yaml_text: str, shown: str, first_line: int,
                               max_nodes: int) -> tuple[Any, dict, list[Diagnostic]]:
    """parse_yaml, after reporting forbidden characters at their key; they are parsed as U+FFFD so every
    other problem in the file is found as well."""
    hits = forbidden_characters(yaml_text, first_line)
    if not hits:
        data, positions, problems = parse_yaml(yaml_text, shown, first_line, max_nodes)
    else:
        data, positions, problems = parse_yaml(_FORBIDDEN_CHARACTER.sub("\ufffd", yaml_text), shown, first_line,
                                               max_nodes)
        problems = problems + [error(shown, line, col, dotted(_key_at(positions, line, col)), text)
                               for line, col, text in hits]
    if "\\" in yaml_text:  # an escape in a quoted string ("\u001b") makes the character only when parsed
        problems = problems + _escaped_characters(data, positions, shown)
    return data, positions, problems


def _escaped_characters(data: Any, positions: dict[KeyPath, tuple[int, int]], shown: str,
                        path: KeyPath = ()) -> list[Diagnostic]:
    """Forbidden characters that a YAML escape put into a value, reported at the value's key."""
    if isinstance(data, dict):
        return [d for key, value in data.items() for d in _escaped_characters(value, positions, shown, (*path, key))]
    if isinstance(data, list):
        return [d for index, value in enumerate(data) for d in _escaped_characters(value, positions, shown, (*path, index))]
    found = forbidden_characters(data, 1) if isinstance(data, str) else []
    if not found:
        return []
    line, col = positions.get(path, positions.get((), (1, 1)))
    return [error(shown, line, col, dotted(path), found[0][2])]


def split_front_matter(text: str, shown: str) -> tuple[str | None, str, int, list[Diagnostic]]:
    """(front matter, body, first line of body, problems). Front matter sits between '---' lines."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        first = next((i for i, line in enumerate(lines) if line.strip()), 0)
        if first and lines[first].rstrip() == "---":
            return None, text, 1, [error(shown, 1, 1, "", message("KB-E009", aantal=first))]
        return None, text, 1, [error(shown, 1, 1, "", message("KB-E010"))]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1:])
            return yaml_text, body, index + 2, []
    return None, "", len(lines), [error(shown, 1, 1, "", message("KB-E011"))]


def load_file(path: Path, shown: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Read and split one Markdown file with YAML front matter."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    yaml_text, body, body_line, problems = split_front_matter(text, shown)
    if yaml_text is None:
        return None, problems
    loaded, problems = _load_front_matter(yaml_text, body, body_line, shown)
    return loaded, problems + [error(shown, line, col, BODY_KEY, text)
                               for line, col, text in forbidden_characters(body, body_line)]


def _load_front_matter(yaml_text: str, body: str, body_line: int, shown: str) -> tuple[LoadedFile, list[Diagnostic]]:
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return LoadedFile(shown, None, body, body_line), [
            error(shown, 1, 1, "", message("KB-E032", tekens=f"{len(yaml_text):,}".replace(",", "."),
                                           maximum=f"{MAX_FRONT_MATTER_CHARS:,}".replace(",", ".")))]
    data, positions, problems = _parse_checking_characters(yaml_text, shown, 2, MAX_YAML_NODES)
    if data is None and problems:
        return LoadedFile(shown, None, body, body_line), problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return LoadedFile(shown, None, body, body_line), problems + [
            error(shown, 2, 1, "", message("KB-E033"))]
    return LoadedFile(shown, data, body, body_line, positions), problems


def load_yaml_file(path: Path, shown: str) -> tuple[Any, dict, list[Diagnostic]]:
    """Read a plain YAML data file (vocabularies, register) with the same checks as front matter."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, {}, problems
    return _parse_checking_characters(text, shown, 1, MAX_DATA_NODES)


def is_inside(path: Path, root: Path) -> bool:
    """True when `path`, with every link resolved, lies under `root`."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
        return True
    except ValueError:
        return False
