"""Text an editor still has to write: `kennisbank new` marks it with INVULLEN, and `check` warns until it is gone.

A warning, not an error: a fresh skeleton passes `check`, so an editor can build and preview it,
but every spot that still says INVULLEN is listed with its line, and `--strict` (CI for content
that is about to be published) refuses it.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from generator.core.diagnostics import Diagnostic, warning
from generator.core.messages import message
from generator.load.files import BODY_KEY, KeyPath, LoadedFile, dotted

MARKER = "INVULLEN"
_MARKER = re.compile(rf"\b{MARKER}\b")


def is_placeholder(text: str) -> bool:
    """True for text that still holds the marker: the editor has not written it yet."""
    return bool(_MARKER.search(text))


def _strings(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _strings(inner, (*path, index))


def placeholder_diagnostics(loaded: LoadedFile) -> list[Diagnostic]:
    """One warning per front-matter value and per body line that still holds the marker."""
    found: list[Diagnostic] = []
    for key_path, text in _strings(loaded.data or {}):
        if _MARKER.search(text):
            line, col = loaded.position(key_path)
            found.append(warning(loaded.path, line, col, dotted(key_path), message("KB-W401", marker=MARKER)))
    for offset, text in enumerate(loaded.body.splitlines()):
        match = _MARKER.search(text)
        if match:
            found.append(warning(loaded.path, loaded.body_line + offset, match.start() + 1, BODY_KEY,
                                 message("KB-W401", marker=MARKER)))
    return found
