"""What checked content is: sources, records that passed, the whole content folder, and the
chain of programmes above a scheme. The types the catalogue, the renderer and the features read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar


from generator.core.diagnostics import Diagnostic
from generator.model.organisations import Actor, Directory
from generator.model.records import RecordBase
from generator.model.register import Register
from generator.model.vocab import Vocabularies

if TYPE_CHECKING:  # a type only: the model does not depend on validation
    from generator.validate.body import RenderedBody


KINDS = ("projects", "schemes")


@dataclass(frozen=True)
class Source:
    id: str
    titel: str
    uitgever: str
    jaar: int | None
    bestand: str | None
    url: str | None = None
    gepubliceerd: str | None = None
    geraadpleegd: str | None = None


@dataclass(frozen=True)
class Record:
    """A record that passed validation: its canonical model, actors and where it came from."""

    kind: str
    id: str
    path: str
    model: RecordBase
    body: str
    body_line: int
    builders: tuple[Actor, ...] = ()
    reusers: tuple[Actor, ...] = ()
    rendered: RenderedBody | None = None
    """The body as sanitised HTML with its headings; the only form of the body the site publishes."""


@dataclass
class Content:
    """Everything read from one content folder, plus the problems found."""

    root: Path
    vocabularies: Vocabularies
    directory: Directory | None
    sources: dict[str, Source]
    projects: dict[str, Record] = field(default_factory=dict)
    schemes: dict[str, Record] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    support_paths: frozenset[str] = frozenset()
    """Shown paths of the support files (vocabularies, register, ...): their problems affect every record."""
    record_paths: list[str] = field(default_factory=list)
    """Shown paths of every record file that was read, whether it passed or not."""

    @property
    def register(self) -> Register | None:
        return self.directory.register if self.directory else None


def lineage(scheme_id: str, parent_of: Callable[[str], str | None]) -> list[str]:
    """The scheme and the programmes above it ('onderdeel_van'), nearest first.

    Stops at an unknown id or where the chain would repeat itself, so a loop in the data
    (reported by the validator) never hangs whoever follows the chain.
    """
    chain: list[str] = []
    current: str | None = scheme_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parent_of(current)
    return chain


Scheme = TypeVar("Scheme")
EMPTY = (None, [], "", {})


def parent_lookup(schemes: Mapping[str, Scheme], parent_id: Callable[[Scheme], Any]) -> Callable[[str], str | None]:
    """`parent_of` for `lineage`, over any mapping of schemes: the programme a scheme is part of, if known."""
    def parent_of(scheme_id: str) -> str | None:
        value = parent_id(schemes[scheme_id]) if scheme_id in schemes else None
        return value if isinstance(value, str) and value in schemes else None
    return parent_of


def added_in_order(farther: list, nearer: list) -> list:
    """A join for `inherit`: the farther scheme's items, then the nearer's that are new (required fields)."""
    return farther + [item for item in nearer if item not in farther]


def inherit(values_nearest_first: list[Mapping[str, Any] | None],
            combine: Mapping[str, Callable[[Any, Any], Any]] | None = None) -> dict[str, Any] | None:
    """What a scheme asks, with what the programmes above it ask: one rule for every kind of inheritance.

    `values_nearest_first` follows `lineage`. Per field, the nearest value that is not empty wins;
    a field in `combine` instead joins the farther and the nearer value with its function (a
    part adds required fields to its programme's). None when no scheme in the chain says anything.
    """
    combine = combine or {}
    merged: dict[str, Any] | None = None
    for values in reversed([v for v in values_nearest_first if v is not None]):
        merged = merged if merged is not None else {}
        for key, value in values.items():
            if key in combine and key in merged:
                merged[key] = combine[key](merged[key], value)
            elif key not in merged or value not in EMPTY:
                merged[key] = value
    return merged
