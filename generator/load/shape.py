"""What a YAML document may be, and how a place in it is named: the limits and key paths every reader shares."""

from __future__ import annotations

MAX_YAML_NODES = 20_000
"""Front matter larger than this after alias expansion is refused ("billion laughs")."""
MAX_DATA_NODES = 500_000
"""The same bound for the support files (register, vocabularies), which are much larger."""
MAX_YAML_DEPTH = 50
"""No field nests this deep; deeper front matter is refused before Python's recursion limit."""

KeyPath = tuple[str | int, ...]

VALUE = -1
"""Appended to a key's path, it names where the key's scalar value starts (no index is negative), so
an error about a value ('status: klaar') can point at the value rather than at the key."""


def dotted(key_path: KeyPath) -> str:
    """A key path as editors write it: ('contact', 0, 'email') -> 'contact[0].email'."""
    out = ""
    for part in key_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
