"""Problems found in content, and the three ways they are printed.

Every check in the project reports through :class:`Diagnostic` so that an editor sees
all problems at once, sorted, in one predictable shape (`path:line:col: severity: key:
message`), and so that CI can turn the same list into pull-request annotations.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import Enum


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
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {key}{self.message}"

    def format_github(self) -> str:
        """A GitHub workflow command; the message is escaped as the runner requires."""
        kind = "error" if self.severity is Severity.ERROR else "warning"
        text = (f"{self.key}: " if self.key else "") + self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{kind} file={path},line={self.line},col={self.col}::{text}"

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
        return json.dumps([d.as_dict() for d in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.format_github() for d in ordered)
    return "\n".join(d.format_text() for d in ordered)


class UserError(Exception):
    """A problem the user can fix (bad arguments, missing folder): one line, exit 2, no traceback."""
