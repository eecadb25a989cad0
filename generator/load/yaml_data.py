"""YAML to plain data with the line and column of every key, and a Dutch message for every problem.

Two paths, one judgement: ordinary front matter goes through libyaml (fast_yaml.py, C speed);
anything it cannot take plainly (anchors, tags, duplicate keys, errors) goes through ruamel.yaml
here, which checks the graph before building values and explains each problem in Dutch.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from generator.core.diagnostics import Diagnostic, error
from generator.core.messages import Message, message
from generator.load.fast_yaml import fast_parse
from generator.load.shape import MAX_DATA_NODES, MAX_YAML_DEPTH, MAX_YAML_NODES, VALUE, KeyPath

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
                if not isinstance(value, (CommentedMap, CommentedSeq)):
                    line, col = node.lc.value(key)
                    positions[path + (name, VALUE)] = (line + 1 + offset, col + 1)
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


def parse_yaml(yaml_text: str, shown: str, first_line: int,
               max_nodes: int = MAX_YAML_NODES) -> tuple[Any, dict, list[Diagnostic]]:
    """Parse YAML that starts at `first_line` of the file into plain data and key positions."""
    for number, line in enumerate(yaml_text.split("\n"), start=first_line):
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            return None, {}, [error(shown, number, line.index("\t") + 1, "", message("KB-E028"))]
    fast = fast_parse(yaml_text, first_line, max_nodes)
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
