"""The figures of `make bench` as tables: aligned text for the terminal and CI logs, Markdown for the READMEs.

A table is a `Section`: a title, a header and rows of cells, built once from the results and
rendered twice, so the printed table and the README never disagree. Numbers are written the Dutch
way (2,1 s; 1.024 KB). Budgets are judged at 5,000 records (issue #18); at other sizes the
budget column is shown for orientation and the verdict stays empty.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

BUDGET_N = 5000
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


@dataclass
class Section:
    title: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ numbers, the Dutch way

def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def seconds(value: float) -> str:
    return f"{number(value, 2 if value < 10 else 1)} s"


def spread(values: list[float]) -> str:
    """Median, and [min–max] when there was more than one run."""
    if len(values) == 1:
        return seconds(values[0])
    low, high = min(values), max(values)
    return f"{seconds(median(values))} [{number(low, 2 if low < 10 else 1)}–{number(high, 2 if high < 10 else 1)}]"


def kb(size: float) -> str:
    return f"{number(size / 1024)} KB"


def mb(size: float) -> str:
    return f"{number(size / 2**20)} MB"


def ratio(value: float) -> str:
    return f"{number(value, 2)}×"


def verdict(value: float, budget: float) -> str:
    return "PASS" if value <= budget else "OVER"


# ------------------------------------------------------------------ the machine

def _first_line(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "onbekend"
    return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr).strip() else "onbekend"


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "onbekend"


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or "onbekend"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else platform.processor() or "onbekend"


def machine(pagefind: str | None, browser: str | None) -> dict[str, str]:
    """What the figures depend on: cores, CPU, memory and the versions of the tools timed."""
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), "0") if Path("/proc/meminfo").exists() else "0"
    return {
        "datum": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "kernen": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
        "cpu": cpu_model(),
        "geheugen": f"{number(int(memory) / 2**20, 1)} GB",
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "material": _version("mkdocs-material"),
        "pagefind": _first_line([pagefind, "--version"]) if pagefind else "ontbreekt",
        "chromium": _first_line([browser, "--version"]) if browser else "Chromium niet gebruikt",
    }


def machine_line(info: dict[str, str], load: tuple[str, str]) -> str:
    return (f"{info['datum']}; {info['kernen']} kernen ({info['cpu']}), {info['geheugen']} geheugen; "
            f"Python {info['python']}, MkDocs {info['mkdocs']}, mkdocs-material {info['material']}, "
            f"{info['pagefind']}, {info['chromium']}; belasting (1 min) bij begin {load[0]}, bij eind {load[1]}")


# ------------------------------------------------------------------ rendering

def as_text(section: Section) -> str:
    rows = [section.header, *section.rows]
    width = [max(len(row[i]) for row in rows) for i in range(len(section.header))]
    lines = [section.title, "  ".join(cell.ljust(w) for cell, w in zip(section.header, width)).rstrip()]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, width)).rstrip() for row in section.rows]
    lines += section.notes
    return "\n".join(lines)


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|")


def as_markdown(section: Section) -> str:
    lines = [f"### {section.title}", "", "| " + " | ".join(section.header) + " |",
             "|" + "---|" * len(section.header)]
    lines += ["| " + " | ".join(_escape(cell) for cell in row) + " |" for row in section.rows]
    if section.notes:
        lines += [""] + [f"{note}  " if i < len(section.notes) - 1 else note for i, note in enumerate(section.notes)]
    return "\n".join(lines)


def between_markers(text: str, block: str, where: Path) -> str:
    """`text` with what stands between BEGIN and END replaced by `block`."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{where}: markeringen {BEGIN} … {END} ontbreken")
    return text[:start + len(BEGIN)] + "\n" + block.strip() + "\n" + text[end:]


def write_readmes(bench_readme: Path, main_readme: Path, header: str, sections: list[Section],
                  summary: Section) -> None:
    """The full tables into benchmarks/README.md, the budget summary into the README's 'Snelheid' section."""
    full = header + "\n\n" + "\n\n".join(as_markdown(s) for s in sections)
    bench_readme.write_text(between_markers(bench_readme.read_text(encoding="utf-8"), full, bench_readme),
                            encoding="utf-8")
    short = header + "\n\n" + as_markdown(summary).split("\n", 2)[2]
    main_readme.write_text(between_markers(main_readme.read_text(encoding="utf-8"), short, main_readme),
                           encoding="utf-8")


def print_sections(sections: list[Section], stream=sys.stdout) -> None:
    print("\n\n".join(as_text(s) for s in sections), file=stream)
