"""Reading content files: bytes to text, text to front matter and body, YAML to data.

Only reading, no judgement about the record: every failure here becomes a diagnostic
with the file, line and column, so that `check` can go on to the next file. YAML is read
with ruamel.yaml because it keeps the line and column of every key, which is what lets an
editor jump to the problem from a pull-request annotation.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from generator.core.diagnostics import Diagnostic, error
from generator.core.messages import Message, message

MAX_FILE_BYTES = 1_000_000
MAX_FRONT_MATTER_CHARS = 100_000
"""Front matter of a record stays far below this; larger is refused before the (slow) YAML parser runs."""
MAX_YAML_NODES = 20_000
"""Front matter larger than this after alias expansion is refused ("billion laughs")."""
MAX_DATA_NODES = 500_000
"""The same bound for the support files (register, vocabularies), which are much larger."""
MAX_YAML_DEPTH = 50
"""No field nests this deep; deeper front matter is refused before Python's recursion limit."""

KeyPath = tuple[str | int, ...]
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


def dotted(key_path: KeyPath) -> str:
    """A key path as editors write it: ('contact', 0, 'email') -> 'contact[0].email'."""
    out = ""
    for part in key_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _key_at(positions: dict[KeyPath, tuple[int, int]], line: int, col: int) -> KeyPath:
    """The key whose text holds this place: the last key that starts at or before it."""
    before = [(place, path) for path, place in positions.items() if path and place <= (line, col)]
    return max(before, key=lambda item: (item[0], len(item[1])))[1] if before else ()


def _parse_checking_characters(yaml_text: str, shown: str, first_line: int,
                               max_nodes: int) -> tuple[Any, dict, list[Diagnostic]]:
    """parse_yaml, after reporting forbidden characters at their key; they are parsed as U+FFFD so every
    other problem in the file is found as well."""
    hits = forbidden_characters(yaml_text, first_line)
    if not hits:
        return parse_yaml(yaml_text, shown, first_line, max_nodes)
    data, positions, problems = parse_yaml(_FORBIDDEN_CHARACTER.sub("\ufffd", yaml_text), shown, first_line, max_nodes)
    return data, positions, problems + [error(shown, line, col, dotted(_key_at(positions, line, col)), text)
                                        for line, col, text in hits]


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


class _FrontMatterProblem(Exception):
    """A problem found in the composed YAML graph, before any value is built."""

    def __init__(self, mark: Any, text: Message):
        super().__init__(text)
        self.mark = mark
        self.message = text


_CORE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                       ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge"))


class _GraphState:
    """What `_check_graph` learns on its way: the expanded size per node, and whether aliases occur."""

    def __init__(self, limit: int):
        self.limit = limit
        self.memo: dict[int, int] = {}
        self.active: set[int] = set()
        self.aliases = False


def _check_graph(node: Node, state: _GraphState, depth: int = 0) -> int:
    """Number of values after expanding aliases, computed on the shared node graph (so it is fast).

    Aliases point at the same node object, so a "billion laughs" document is a small graph with a
    huge expansion; memoising per node makes this linear in the size of the text. A node that is
    its own ancestor is a recursive alias. Explicit tags ('!foo', '!!python/…') are refused: a
    record holds text, numbers, lists and groups of fields, nothing else.
    """
    tag = str(node.tag) if node.tag is not None else ""
    if tag and tag not in _CORE_TAGS:
        raise _FrontMatterProblem(node.start_mark, message("KB-E012", tag=tag.replace("tag:yaml.org,2002:", "!!")))
    if isinstance(node, ScalarNode):
        return 1
    key = id(node)
    if key in state.memo:
        state.aliases = True
        return state.memo[key]
    if key in state.active:
        raise _FrontMatterProblem(node.start_mark, message("KB-E013"))
    if depth > MAX_YAML_DEPTH:
        raise _FrontMatterProblem(node.start_mark, message("KB-E014", niveaus=MAX_YAML_DEPTH))
    state.active.add(key)
    if isinstance(node, MappingNode):
        children = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _FrontMatterProblem(key_node.start_mark, message("KB-E015"))
            children += [key_node, value_node]
    else:
        children = list(node.value)
    total = 1
    for child in children:
        total += _check_graph(child, state, depth + 1)
        if total > state.limit:
            raise _FrontMatterProblem(node.start_mark, message("KB-E016" if state.aliases else "KB-E017",
                                                               aantal=state.limit))
    state.active.discard(key)
    state.memo[key] = total
    return total


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor that checks the node graph first and leaves dates as text.

    Dates stay text so that the models judge them (with a Dutch message on the right line):
    YAML itself would turn 2019-02-30 into an English exception without a usable position.
    """

    node_limit = MAX_YAML_NODES

    def construct_document(self, node: Any) -> Any:
        _check_graph(node, _GraphState(self.node_limit))
        return super().construct_document(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: str(node.value))


class _DataConstructor(_Constructor):
    node_limit = MAX_DATA_NODES


_CONSTRUCTORS = {MAX_YAML_NODES: _Constructor, MAX_DATA_NODES: _DataConstructor}


_VALUE_START = re.compile(r"^\s*(?:-\s+)*(?:[^\s#'\"][^:#]*:\s+)?(?:-\s+)*(?=[\"'])")


def _unclosed_quote(line: str) -> int | None:
    """Column (0-based) of a quote that opens a value on this line and is not closed on it."""
    match = _VALUE_START.match(line)
    if not match:
        return None
    start = match.end()
    quote = line[start]
    index = start + 1
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and line[index + 1: index + 2] == "'":
                index += 2
                continue
            return None
        index += 1
    return start


_NEXT_FIELD = re.compile(r"^\s*(?:-\s|[\w-]+:(?:\s|$))")


class _Mark:
    def __init__(self, line: int, column: int):
        self.line, self.column = line, column


def _yaml_message(exc: MarkedYAMLError, yaml_text: str = "") -> tuple[Any, Message]:
    """The mark to report and a Dutch explanation for ruamel's (English) parse errors."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    # A quote left open runs on to the next quote, lines further: the parser complains there,
    # but the mistake is on the first line whose quote is never closed.
    last = mark.line if mark is not None else 0
    lines = yaml_text.split("\n")
    for number, line in enumerate(lines[: last + 1]):
        column = _unclosed_quote(line)
        if column is None:
            continue
        following = next((lines[i] for i in range(number + 1, len(lines)) if lines[i].strip()), "")
        indent = len(line) - len(line.lstrip())
        if len(following) - len(following.lstrip()) <= indent and _NEXT_FIELD.match(following):
            return _Mark(number, column), message("KB-E018")
    if "'\\t'" in problem:
        return mark, message("KB-E019")
    if "quoted scalar" in context:
        return exc.context_mark or mark, message("KB-E020")
    if problem.startswith("found undefined alias"):
        name = problem.split("'")[1] if "'" in problem else ""
        return mark, message("KB-E021", naam=name)
    if problem.startswith("mapping values are not allowed"):
        return mark, message("KB-E022")
    if "that cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else "?"
        return mark, message("KB-E023", teken=char)
    if problem.startswith(("expected ',' or ']'", "expected ',' or '}'")):
        bracket = "[ en ]" if "]" in problem else "{ en }"
        return exc.context_mark or mark, message("KB-E024", haakjes=bracket)
    if problem.startswith("expected <block end>") and "<scalar>" in problem:
        return mark, message("KB-E025")
    if problem.startswith("expected <block end>") or "could not find expected ':'" in problem:
        return mark, message("KB-E026")
    return mark, message("KB-E027", fout=problem or context or "onbekende fout")


def _plain(node: Any, path: KeyPath, offset: int, positions: dict[KeyPath, tuple[int, int]]) -> Any:
    """Copy ruamel's round-trip tree into plain Python, recording positions (1-based) on the way."""
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key, value in node.items():
            name = str(key)
            try:
                line, col = node.lc.key(key)
                positions[path + (name,)] = (line + 1 + offset, col + 1)
            except (KeyError, TypeError):
                pass
            out[name] = _plain(value, path + (name,), offset, positions)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            try:
                line, col = node.lc.item(index)
                positions[path + (index,)] = (line + 1 + offset, col + 1)
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


_FAST_LOADER = getattr(libyaml, "CSafeLoader", None)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


class _NotPlain(Exception):
    """The fast path met something it leaves to ruamel (which gives the careful, Dutch diagnosis)."""


def _scalar(node: Any) -> Any:
    """A scalar as YAML 1.2's core schema reads it (ruamel's default); dates stay text, as on the careful path."""
    text = node.value
    if node.style:  # quoted or block; plain is None (pure Python) or '' (libyaml)
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text)
    if text in (".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN"):
        raise _NotPlain
    return text


def _fast_plain(node: Any, path: KeyPath, offset: int, positions: dict, budget: list[int], depth: int = 0) -> Any:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_YAML_DEPTH:
        raise _NotPlain
    if isinstance(node, libyaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, libyaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            positions[path + (index,)] = (item.start_mark.line + 1 + offset, item.start_mark.column + 1)
            items.append(_fast_plain(item, path + (index,), offset, positions, budget, depth + 1))
        return items
    if isinstance(node, libyaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, libyaml.ScalarNode):
                raise _NotPlain
            name = str(_scalar(key_node))
            if name in out or name == "<<":
                raise _NotPlain
            positions[path + (name,)] = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            out[name] = _fast_plain(value_node, path + (name,), offset, positions, budget, depth + 1)
        return out
    raise _NotPlain


def _fast_parse(yaml_text: str, first_line: int, max_nodes: int) -> tuple[Any, dict] | None:
    """Plain data and positions through libyaml (C), or None to take the careful path.

    ruamel.yaml in pure Python costs about 3 ms per record; at 5,000 records that dominates a
    build. Ordinary front matter (no anchors, aliases, tags, merge keys or duplicate keys, and
    no parse error) reads the same through libyaml's composer, ten times faster. Everything else,
    and every problem, goes through ruamel, so diagnostics come from one place. A test checks
    that both paths give the same data and positions for every record and fixture.
    """
    if _FAST_LOADER is None:
        return None
    try:
        if any(mark in yaml_text for mark in "&*!"):  # an anchor, alias or tag needs one of these
            for event in libyaml.parse(yaml_text, Loader=_FAST_LOADER):
                if isinstance(event, libyaml.AliasEvent) or getattr(event, "anchor", None) or getattr(event, "tag", None):
                    return None  # anchors, aliases and tags: the careful path judges them
        node = libyaml.compose(yaml_text, Loader=_FAST_LOADER)
        positions: dict[KeyPath, tuple[int, int]] = {(): (max(first_line - 1, 1), 1)}
        data = None if node is None else _fast_plain(node, (), first_line - 1, positions, [max_nodes])
    except (_NotPlain, libyaml.YAMLError, RecursionError, ValueError):
        return None
    return data, positions


def parse_yaml(yaml_text: str, shown: str, first_line: int,
               max_nodes: int = MAX_YAML_NODES) -> tuple[Any, dict, list[Diagnostic]]:
    """Parse YAML that starts at `first_line` of the file into plain data and key positions."""
    for number, line in enumerate(yaml_text.split("\n"), start=first_line):
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            return None, {}, [error(shown, number, line.index("\t") + 1, "", message("KB-E028"))]
    fast = _fast_parse(yaml_text, first_line, max_nodes)
    if fast is not None:
        return fast[0], fast[1], []
    return _careful_parse(yaml_text, shown, first_line, max_nodes)


def _careful_parse(yaml_text: str, shown: str, first_line: int, max_nodes: int) -> tuple[Any, dict, list[Diagnostic]]:
    """ruamel.yaml's round-trip parser: every check, a Dutch message for every problem."""
    offset = first_line - 1

    def at(mark: Any, text: Message, key: str = "") -> tuple[None, dict, list[Diagnostic]]:
        line = (mark.line + 1 + offset) if mark is not None else first_line
        col = (mark.column + 1) if mark is not None else 1
        return None, {}, [error(shown, line, col, key, text)]

    yaml = YAML(typ="rt")
    yaml.Constructor = _CONSTRUCTORS.get(max_nodes) or type("_Limited", (_Constructor,), {"node_limit": max_nodes})
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(yaml_text)
    except _FrontMatterProblem as exc:
        return at(exc.mark, exc.message)
    except DuplicateKeyError as exc:
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else ""
        return at(exc.problem_mark, message("KB-E029", veld=key), key)
    except MarkedYAMLError as exc:
        return at(*_yaml_message(exc, yaml_text))
    except RecursionError:
        return at(None, message("KB-E030"))
    except (YAMLError, ValueError) as exc:
        return at(None, message("KB-E031", fout=exc))
    positions: dict[KeyPath, tuple[int, int]] = {(): (max(first_line - 1, 1), 1)}
    return _plain(tree, (), offset, positions), positions, []


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
