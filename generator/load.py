"""Reading content files: bytes to text, text to front matter and body, YAML to data.

Only reading, no judgement about the record: every failure here becomes a diagnostic
with the file, line and column, so that `check` can go on to the next file. YAML is read
with ruamel.yaml because it keeps the line and column of every key, which is what lets an
editor jump to the problem from a pull-request annotation.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .diagnostics import Diagnostic, error

MAX_FILE_BYTES = 1_000_000
MAX_YAML_NODES = 20_000
"""Front matter larger than this after alias expansion is refused ("billion laughs")."""

KeyPath = tuple[str | int, ...]


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


def read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text with a BOM removed and CRLF folded to LF, or the reason it can't be read."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [error(shown, 1, 1, "", f"bestand is {size:,} bytes; het maximum is 1 MB. "
                            "Zet grote bijlagen elders en verwijs ernaar met een link.".replace(",", "."))]
    raw = path.read_bytes()
    if not raw.strip():
        return None, [error(shown, 1, 1, "", "bestand is leeg; een record begint met front matter tussen twee regels '---'")]
    if b"\x00" in raw:
        return None, [error(shown, 1, 1, "", "bestand is binair (bevat NUL-bytes); alleen tekstbestanden in UTF-8 horen hier")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(shown, line, col, "", "bestand is geen geldige UTF-8; sla het op als UTF-8 "
                            "(in de meeste editors: 'Opslaan als' > codering UTF-8)")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split_front_matter(text: str, shown: str) -> tuple[str | None, str, int, list[Diagnostic]]:
    """(front matter, body, first line of body, problems). Front matter sits between '---' lines."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, text, 1, [error(shown, 1, 1, "", "front matter ontbreekt: begin het bestand met een regel "
                                     "'---', daarna de velden, en sluit af met nog een regel '---'")]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1:])
            return yaml_text, body, index + 2, []
    return None, "", len(lines), [error(shown, 1, 1, "", "front matter is niet afgesloten: voeg na de velden "
                                        "een regel '---' toe")]


def _expanded_size(node: Any, memo: dict[int, int], active: set[int]) -> int:
    """Number of nodes after expanding aliases, computed on the shared graph (so it is fast)."""
    if not isinstance(node, (dict, list)):
        return 1
    key = id(node)
    if key in memo:
        return memo[key]
    if key in active:
        raise RecursionError("recursive alias")
    active.add(key)
    children = node.values() if isinstance(node, dict) else node
    total = 1
    for child in children:
        total += _expanded_size(child, memo, active)
        if total > MAX_YAML_NODES:
            break
    active.discard(key)
    memo[key] = total
    return total


def _plain(node: Any, path: KeyPath, offset: int, positions: dict[KeyPath, tuple[int, int]]) -> Any:
    """Copy ruamel's round-trip tree into plain Python, recording positions (1-based) on the way."""
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key, value in node.items():
            name = str(key)
            try:
                line, col = node.lc.key(key)
                positions[path + (name,)] = (line + offset, col + 1)
            except (KeyError, TypeError):
                pass
            out[name] = _plain(value, path + (name,), offset, positions)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            try:
                line, col = node.lc.item(index)
                positions[path + (index,)] = (line + offset, col + 1)
            except (KeyError, TypeError):
                pass
            items.append(_plain(value, path + (index,), offset, positions))
        return items
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return node
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    if isinstance(node, str):
        return str(node)
    return node


def parse_yaml(yaml_text: str, shown: str, first_line: int) -> tuple[Any, dict, list[Diagnostic]]:
    """Parse YAML that starts at `first_line` of the file into plain data and key positions."""
    offset = first_line - 1
    for number, line in enumerate(yaml_text.split("\n"), start=first_line):
        if "\t" in line:
            return None, {}, [error(shown, number, line.index("\t") + 1, "",
                                    "tab gevonden in de front matter; YAML gebruikt spaties om in te springen")]
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(yaml_text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else ""
        return None, {}, [error(shown, mark.line + 1 + offset, mark.column + 1, key,
                                "dit veld staat twee keer in de front matter; houd er één over")]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        col = (mark.column + 1) if mark else 1
        problem = (exc.problem or exc.context or "ongeldige YAML").strip()
        return None, {}, [error(shown, line, col, "", f"ongeldige YAML: {problem}. Controleer inspringing, "
                                "dubbele punten en aanhalingstekens op deze regel")]
    except (YAMLError, ValueError) as exc:
        return None, {}, [error(shown, first_line, 1, "", f"ongeldige YAML: {exc}")]
    try:
        size = _expanded_size(tree, {}, set())
    except RecursionError:
        return None, {}, [error(shown, first_line, 1, "", "de front matter verwijst naar zichzelf (recursieve alias); "
                                "schrijf de waarden uit zonder '&' en '*'")]
    if size > MAX_YAML_NODES:
        return None, {}, [error(shown, first_line, 1, "", f"de front matter wordt na het uitvouwen van aliassen ('*') "
                                f"groter dan {MAX_YAML_NODES} waarden; schrijf de waarden uit zonder '&' en '*'")]
    positions: dict[KeyPath, tuple[int, int]] = {(): (first_line - 1, 1)}
    return _plain(tree, (), offset, positions), positions, []


def load_file(path: Path, shown: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Read and split one Markdown file with YAML front matter."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    yaml_text, body, body_line, problems = split_front_matter(text, shown)
    if yaml_text is None:
        return None, problems
    data, positions, problems = parse_yaml(yaml_text, shown, first_line=2)
    if problems:
        return LoadedFile(shown, None, body, body_line), problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return LoadedFile(shown, None, body, body_line), [
            error(shown, 2, 1, "", "de front matter moet uit velden bestaan ('sleutel: waarde'), niet uit een lijst of losse tekst")]
    return LoadedFile(shown, data, body, body_line, positions), []


def load_yaml_file(path: Path, shown: str) -> tuple[Any, dict, list[Diagnostic]]:
    """Read a plain YAML data file (vocabularies, register) with the same checks as front matter."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, {}, problems
    return parse_yaml(text, shown, first_line=1)


def is_inside(path: Path, root: Path) -> bool:
    """True when `path`, with every link resolved, lies under `root`."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
        return True
    except ValueError:
        return False
