"""The fast path for ordinary front matter: libyaml (C) builds plain values with key positions.

It gives up (returns None) on anything that is not plain: anchors, aliases, tags, merge keys or an
error. The careful path in yaml.py then reads the text again and is the one that judges it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml as libyaml

from generator.load.shape import MAX_YAML_DEPTH, VALUE, KeyPath

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
            if isinstance(value_node, libyaml.ScalarNode):
                positions[path + (name, VALUE)] = (value_node.start_mark.line + 1 + offset,
                                                   value_node.start_mark.column + 1)
            out[name] = _fast_plain(value_node, path + (name,), offset, positions, budget, depth + 1)
        return out
    raise _NotPlain


def fast_parse(yaml_text: str, first_line: int, max_nodes: int) -> tuple[Any, dict] | None:
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
