"""Running one step of `make bench`: its wall time and the peak memory of its whole process tree, and
what the built site weighs.

A build is several processes: our Python, the `mkdocs build` it starts and the Pagefind binary
that one starts. Peak memory is therefore the resident set size (RSS) summed over the command and
all its descendants, sampled from /proc every 50 ms by a thread while the command runs. Summed RSS
counts pages shared between processes (libraries) once per process, so it errs high, never low;
a process that lives shorter than one sampling interval can be missed.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

INTERVAL = 0.05
PAGE = os.sysconf("SC_PAGE_SIZE")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


class StepFailed(Exception):
    """A measured command exited non-zero; the message carries the tail of its output."""


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    stdout: str = ""
    stderr: str = ""
    stages: dict[str, float] = field(default_factory=dict)


CHILDREN_FILES = os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
"""Whether the kernel lists each thread's children (CONFIG_PROC_CHILDREN): then a sample reads only the
tree, a few files, instead of every process on the machine."""


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                found += [int(child) for child in handle.read().split()]
    except (OSError, ValueError):
        pass  # it ended while we looked
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _parents() -> dict[int, int]:
    """{pid: parent pid} of every process /proc shows now (when the kernel has no children files)."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
            # The command name is in brackets and may hold spaces; the parent is the second field after it.
            found[int(entry.name)] = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return found


def tree_rss(root: int) -> int:
    """RSS in bytes of `root` and all its descendants."""
    if CHILDREN_FILES:
        children = _children
    else:
        table: dict[int, list[int]] = {}
        for pid, parent in _parents().items():
            table.setdefault(parent, []).append(pid)
        children = lambda pid: table.get(pid, [])  # noqa: E731
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss(pid)
        todo.extend(children(pid))
    return total


class PeakSampler(threading.Thread):
    """Samples tree_rss(pid) every INTERVAL seconds until stop(); `.peak` is the largest sum seen."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak = pid, 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stopped.wait(INTERVAL)

    def stop(self) -> int:
        self._stopped.set()
        self.join()
        return self.peak


def run_measured(command: list[str], what: str, cwd: Path, env: dict | None = None) -> Run:
    """Run `command` to the end, timed, with its process tree's peak RSS; StepFailed if it fails.

    Output goes to temporary files, not pipes, so a chatty command never blocks on a full pipe.
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=out, stderr=err, text=True)
        sampler = PeakSampler(process.pid)
        sampler.start()
        code = process.wait()
        seconds = time.perf_counter() - started
        peak = sampler.stop()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if code != 0:
        raise StepFailed(f"{what} mislukte (code {code}):\n{stdout[-3000:]}{stderr[-3000:]}")
    return Run(seconds, peak, stdout, stderr)


@dataclass
class SiteSize:
    pages: int
    total_bytes: int
    largest: tuple[str, int]
    over: list[tuple[str, int]]
    """Pages over the page budget, largest first."""


def site_size(site: Path, budget_bytes: int) -> SiteSize:
    """The HTML pages of a built site: how many, how much together, the largest, and those over budget."""
    sizes = sorted(((f.stat().st_size, f.relative_to(site).as_posix()) for f in site.rglob("*.html")), reverse=True)
    return SiteSize(pages=len(sizes), total_bytes=sum(size for size, _ in sizes),
                    largest=(sizes[0][1], sizes[0][0]) if sizes else ("", 0),
                    over=[(path, size) for size, path in sizes if size > budget_bytes])


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
