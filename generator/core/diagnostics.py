"""Problems found in content, and the three ways they are printed.

Every check in the project reports through :class:`Diagnostic` so that an editor sees
all problems at once, sorted, in one predictable shape (`path:line:col: severity CODE: key:
message`), and so that CI can turn the same list into pull-request annotations. Every message
comes from the catalogue (core/messages.yaml) and carries its stable code (KB-E012).
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from generator.core.messages import Message, message
from generator.core.text import closest, slugify


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. `key` is a dotted path into the front matter ("" for the file)."""

    path: str
    line: int
    col: int
    severity: Severity
    key: str
    message: str
    code: str
    """The catalogue code (KB-E012); last, so sorting stays by place, severity, key and text."""

    def format_text(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return printable(f"{self.path}:{self.line}:{self.col}: {self.severity.value} {self.code}: {key}{self.message}")

    def format_github(self) -> str:
        """A GitHub workflow command, escaped as the runner requires (and printable, like the text).

        The code is the annotation's title, so the pull request shows it above the message.
        """
        kind = "error" if self.severity is Severity.ERROR else "warning"
        text = github_data((f"{self.key}: " if self.key else "") + self.message)
        return (f"::{kind} file={github_property(self.path)},line={self.line},col={self.col},"
                f"title={github_property(self.code)}::{text}")

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return {name: data[name] for name in ("path", "line", "col", "severity", "code", "key", "message")}


def _diagnostic(path: str, line: int, col: int, key: str, text: Message, severity: Severity) -> Diagnostic:
    if not isinstance(text, Message):
        raise TypeError(f"een melding zonder code: {text!r}; gebruik messages.message('KB-…')")
    wanted = "KB-E" if severity is Severity.ERROR else "KB-W"
    if not text.code.startswith(wanted):
        raise ValueError(f"{text.code} is geen {severity.value}-code")
    return Diagnostic(path, line, col, severity, key, str(text), text.code)


def error(path: str, line: int, col: int, key: str, text: Message) -> Diagnostic:
    """An error; `text` comes from messages.message with a KB-E code."""
    return _diagnostic(path, line, col, key, text, Severity.ERROR)


def warning(path: str, line: int, col: int, key: str, text: Message) -> Diagnostic:
    """A warning; `text` comes from messages.message with a KB-W code."""
    return _diagnostic(path, line, col, key, text, Severity.WARNING)


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, then position, then severity; exact duplicates removed."""
    return sorted(set(diagnostics))


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def render(diagnostics: list[Diagnostic], fmt: str) -> str:
    ordered = sort_diagnostics(diagnostics)
    if fmt == "json":
        return _escaped(json.dumps([d.as_dict() for d in ordered], ensure_ascii=False, indent=2), _json_escape)
    if fmt == "github":
        return "\n".join(d.format_github() for d in ordered)
    return "\n".join(d.format_text() for d in ordered)


# ---------------------------------------------------------------- terminal safety
#
# File names, keys and quoted values come from content. Printed raw, ESC [ … would drive the
# reader's terminal and U+202E would reverse what follows; a newline would forge a diagnostic
# line. So every character that is not printable (controls, format characters such as the bidi
# overrides, line and paragraph separators, surrogates from undecodable file names, private-use
# and unassigned code points) is shown as an escape. Spaces, including no-break spaces, stay.

_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


# Printable ASCII and the Latin letters from U+00AE to U+024F (é, ë, â) are safe; anything else is looked up.
_CANDIDATE = re.compile("[^ -~\u00ae-\u024f]")


def _escaped(text: str, escape: Callable[[str], str]) -> str:
    return _CANDIDATE.sub(lambda m: escape(m[0]) if unicodedata.category(m[0]) in _UNPRINTABLE else m[0], text)


def _python_escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _json_escape(char: str) -> str:
    """A JSON escape, so a reader of the JSON still gets the original text back."""
    if char == "\n":
        return char  # only the indentation's line breaks are raw: json.dumps escapes those in strings
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def printable(text: str) -> str:
    """`text` safe for a terminal: unprintable characters as escapes such as \\x1b and \\u202e."""
    return _escaped(text, _python_escape)


def github_data(text: str) -> str:
    """The message of a GitHub workflow command: printable, then `%`, CR and LF percent-encoded."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (file=…): as data, and `:` and `,` encoded too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# ---------------------------------------------------------------- model errors in Dutch
#
# pydantic's messages are English and speak of "inputs"; editors get these instead: what is
# wrong and how to fix it. Used for records and for the support files (vocabularies, organisations).

_MESSAGES = {
    "string_type": "KB-E120", "string_sub_type": "KB-E120",
    "int_type": "KB-E121", "int_parsing": "KB-E121",
    "int_from_float": "KB-E122",
    "bool_type": "KB-E123", "bool_parsing": "KB-E123",
    "list_type": "KB-E124",
    "dict_type": "KB-E125", "model_type": "KB-E125", "model_attributes_type": "KB-E125",
    "dict_attributes_type": "KB-E125",
    "date_type": "KB-E126", "date_from_datetime_parsing": "KB-E126", "date_parsing": "KB-E126",
    "date_from_datetime_inexact": "KB-E127",
    "decimal_type": "KB-E128", "decimal_parsing": "KB-E128",
    "too_long": "KB-E129",
    "float_type": "KB-E130", "float_parsing": "KB-E130",
}
"""pydantic error types whose Dutch message needs no values: the type's code in the catalogue."""


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names allowed at `loc` inside `model` (for 'did you mean' on unknown keys)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        current = _inner_model(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None if get_origin(annotation) is not None or annotation is None else annotation


def unknown_key_suggestion(model: type[BaseModel], loc: tuple) -> str | None:
    """The allowed field most like the unknown key at `loc`, if any is close."""
    found = closest(str(loc[-1]), _field_names(model, loc[:-1]), limit=1)
    return found[0] if found else None


def explain_model_error(model: type[BaseModel], err: dict) -> Message:
    """A Dutch message that says what is wrong and how to fix it, for one pydantic error."""
    kind = err["type"]
    loc = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    value = err.get("input")
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        suggestion = unknown_key_suggestion(model, loc)
        if suggestion:
            return message("KB-E101", veld=name, suggestie=suggestion)
        return message("KB-E102", veld=name, toegestaan=", ".join(_field_names(model, loc[:-1])))
    if kind == "missing":
        return message("KB-E103", veld=name)
    if value is None and kind.endswith("_type"):
        return message("KB-E104")
    if kind == "string_type" and name == "tijd":
        return message("KB-E105")
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return message("KB-E106", waarde=value)
    if kind == "string_too_long":
        return message("KB-E107", lengte=len(str(value or "")), maximum=ctx.get("max_length"))
    if kind == "string_too_short":
        return message("KB-E108")
    if kind == "too_short":
        count = ctx.get("min_length")
        return message("KB-E109") if count == 1 else message("KB-E110", aantal=count)
    if kind == "literal_error":
        return message("KB-E111", waarde=value, toegestaan=ctx.get("expected"))
    if kind == "string_pattern_mismatch":
        if name == "email":
            return message("KB-E112", waarde=value)
        if name == "id":
            return message("KB-E113", waarde=value, suggestie=slugify(str(value)) or "mijn-id")
        if name == "tijd":
            return message("KB-E114", waarde=value)
        return message("KB-E115", waarde=value, patroon=ctx.get("pattern"))
    if kind == "greater_than_equal":
        return message("KB-E116", minimum=ctx.get("ge"))
    if kind == "less_than_equal":
        return message("KB-E117", maximum=ctx.get("le"))
    if kind == "value_error":
        if name == "url":
            return message("KB-E118", waarde=value)
        raised = ctx.get("error")
        text = raised.args[0] if isinstance(raised, ValueError) and raised.args else None
        if isinstance(text, Message):  # a validator in model/records.py raised a catalogue message
            return text
    if kind in _MESSAGES:
        return message(_MESSAGES[kind])
    return message("KB-E119", fout=err["msg"])


def in_ci() -> bool:
    """Running in continuous integration (CI=true or CI=1), whose logs are read later, not watched."""
    return os.environ.get("CI", "").lower() in ("1", "true")


def on_terminal() -> bool:
    """Progress and tool output go to a person at a terminal; CI logs and pipes stay quiet."""
    return sys.stderr.isatty() and not in_ci()


class UserError(Exception):
    """A problem the user can fix (bad arguments, missing folder): one line, exit 2, no traceback."""
