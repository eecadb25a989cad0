"""The build's stages, timed: what a person at a terminal sees, what CI logs, what `--timings` writes.

A 5,000-record build takes long enough that someone waiting wants to know where it is. On a
terminal each stage is announced when it starts and summed up when it ends; in CI (CI=true) only
the summary line, one per stage, so logs stay short; piped elsewhere, nothing. `make bench` reads
the same figures from the JSON that `--timings` writes, so the bench and the log cannot disagree.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from generator.core.diagnostics import in_ci


@dataclass
class Stage:
    name: str
    seconds: float = 0.0
    count: int | None = None


@dataclass
class StageLog:
    """Collects stage times; `mode` is "terminal", "ci" or "quiet" (see `for_stream`)."""

    mode: str = "quiet"
    stream: TextIO = sys.stderr
    stages: list[Stage] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    @classmethod
    def for_stream(cls, stream: TextIO = sys.stderr) -> "StageLog":
        if in_ci():
            return cls("ci", stream)
        return cls("terminal" if stream.isatty() else "quiet", stream)

    @contextmanager
    def stage(self, name: str, label: str, unit: str = "") -> Iterator[Stage]:
        """Time one stage; the caller may set `.count` (of `unit`: records, files) for the summary line."""
        current = Stage(name)
        if self.mode == "terminal":
            self._say(f"· {label} …")
        began = time.perf_counter()
        try:
            yield current
        finally:
            current.seconds = time.perf_counter() - began
            self.stages.append(current)
        if self.mode != "quiet":
            counted = f": {_number(current.count)} {unit}" if current.count is not None else ""
            self._say(f"· {label}{counted} {_seconds(current.seconds)}")

    def total(self) -> float:
        return time.perf_counter() - self.started

    def write_json(self, path: Path) -> None:
        data = {"seconden": round(self.total(), 3),
                "stappen": [{"stap": s.name, "seconden": round(s.seconds, 3), "aantal": s.count} for s in self.stages]}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    def _say(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _seconds(value: float) -> str:
    return f"({seconds(value)})"


def seconds(value: float) -> str:
    """Seconds the Dutch way: 2,1 s."""
    return f"{value:.1f} s".replace(".", ",")
