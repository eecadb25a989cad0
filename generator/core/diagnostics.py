"""Problems found in content, and the three ways they are printed.

Every check in the project reports through :class:`Diagnostic` so that an editor sees
all problems at once, sorted, in one predictable shape (`path:line:col: severity: key:
message`), and so that CI can turn the same list into pull-request annotations.
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

    def format_text(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return printable(f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {key}{self.message}")

    def format_github(self) -> str:
        """A GitHub workflow command, escaped as the runner requires (and printable, like the text)."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        text = github_data((f"{self.key}: " if self.key else "") + self.message)
        return f"::{kind} file={github_property(self.path)},line={self.line},col={self.col}::{text}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def error(path: str, line: int, col: int, key: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, Severity.ERROR, key, message)


def warning(path: str, line: int, col: int, key: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, Severity.WARNING, key, message)


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

_QUOTE_HINT = "; zet de waarde tussen aanhalingstekens als het tekst is"
_GROUP = "moet een groep velden zijn: ingesprongen regels 'veldnaam: waarde' onder deze regel"
_MESSAGES = {
    "string_type": "moet tekst zijn" + _QUOTE_HINT,
    "int_type": "moet een geheel getal zijn, zonder aanhalingstekens, zoals 2019",
    "int_parsing": "moet een geheel getal zijn, zonder aanhalingstekens, zoals 2019",
    "int_from_float": "moet een geheel getal zijn, zonder decimalen",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "list_type": "moet een lijst zijn: zet elke waarde op een eigen regel die begint met '- ', of schrijf [a, b]",
    "dict_type": _GROUP,
    "model_type": _GROUP,
    "model_attributes_type": _GROUP,
    "date_type": "moet een datum zijn in de vorm JJJJ-MM-DD, zoals 2026-11-23",
    "date_from_datetime_parsing": "moet een datum zijn in de vorm JJJJ-MM-DD, zoals 2026-11-23",
    "date_from_datetime_inexact": "moet een datum zijn in de vorm JJJJ-MM-DD, zonder tijd",
    "date_parsing": "moet een datum zijn in de vorm JJJJ-MM-DD, zoals 2026-11-23",
    "decimal_type": "moet een bedrag zijn, zoals 730000 of \"33.30\"",
    "dict_attributes_type": _GROUP,
    "too_long": "heeft te veel waarden",
    "decimal_parsing": "moet een bedrag zijn, zoals 730000 of \"33.30\"",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "string_sub_type": "moet tekst zijn" + _QUOTE_HINT,
}


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


def explain_model_error(model: type[BaseModel], err: dict) -> str:
    """A Dutch message that says what is wrong and how to fix it, for one pydantic error."""
    kind = err["type"]
    loc = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "extra_forbidden":
        suggestion = unknown_key_suggestion(model, loc)
        if suggestion:
            return f"onbekend veld '{loc[-1]}' (bedoelde u '{suggestion}'?); pas de veldnaam aan"
        names = _field_names(model, loc[:-1])
        return f"onbekend veld '{loc[-1]}'; toegestaan zijn: {', '.join(names)}"
    if kind == "missing":
        return f"verplicht veld ontbreekt; voeg '{loc[-1]}: …' toe"
    if value is None and kind.endswith("_type"):
        return "heeft geen waarde; vul er een in"
    if kind == "string_type" and loc and loc[-1] == "tijd":
        return "moet een tijd tussen aanhalingstekens zijn, zoals \"16:00\""
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"moet tekst zijn, maar YAML leest {value} als getal; zet de waarde tussen aanhalingstekens"
    if kind == "string_too_long":
        return (f"is {len(str(value or ''))} tekens; hoogstens {ctx.get('max_length')} toegestaan. "
                "Kort de tekst in; uitleg hoort in de tekst onder de front matter")
    if kind == "string_too_short":
        return "mag niet leeg zijn; vul een waarde in of haal het veld weg"
    if kind == "too_short":
        count = ctx.get("min_length")
        return "mag niet leeg zijn; noem minstens één waarde" if count == 1 else f"moet minstens {count} waarden hebben"
    if kind == "literal_error":
        return f"'{value}' is niet toegestaan; kies uit: {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "email":
            return f"'{value}' is geen geldig e-mailadres; schrijf het als naam@domein.nl, zonder spaties"
        if loc and loc[-1] == "id":
            return (f"'{value}' is geen geldige id: gebruik kleine letters, cijfers en streepjes, zoals "
                    f"'{slugify(str(value)) or 'mijn-id'}'")
        if loc and loc[-1] == "tijd":
            return f"'{value}' is geen tijd; schrijf uren en minuten als \"16:00\""
        return f"'{value}' heeft niet de juiste vorm ({ctx.get('pattern')})"
    if kind == "greater_than_equal":
        return f"moet minstens {ctx.get('ge')} zijn"
    if kind == "less_than_equal":
        return f"mag hoogstens {ctx.get('le')} zijn"
    if kind == "value_error":
        if loc and loc[-1] == "url":
            return (f"'{value}' is geen volledig webadres; begin met https:// (of mailto: voor e-mail), "
                    "zonder spaties")
        return str(err["msg"]).removeprefix("Value error, ")
    return _MESSAGES.get(kind, f"ongeldige waarde ({err['msg']})")


def on_terminal() -> bool:
    """Progress and tool output go to a person at a terminal; CI logs and pipes stay quiet."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("1", "true")


class UserError(Exception):
    """A problem the user can fix (bad arguments, missing folder): one line, exit 2, no traceback."""
