"""`check` reads many files on every core (core/parallel.py); what it reports must not depend on that.

Above a few hundred files the per-file part (reading, parsing, rendering the body) runs in worker
processes. This builds such a folder, with broken records among the good ones, and compares
every diagnostic and every record with the same check done one file after another.
"""

from __future__ import annotations

import shutil

from conftest import DATA, ROOT
from generator.core import parallel
from generator.validate.check import check_content


def test_parallel_check_finds_exactly_what_a_serial_check_finds(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    originals = sorted((content / "projects").glob("*.md"))
    for number in range(parallel.SPREAD_FROM):
        source = originals[number % len(originals)]
        (content / "projects" / f"kopie-{number:04d}-{source.name}").write_text(source.read_text(encoding="utf-8"),
                                                                               encoding="utf-8")
    broken = sorted((DATA / "invalid").rglob("*.md"))[:25]
    for number, source in enumerate(broken):
        shutil.copy(source, content / "projects" / f"kapot-{number:02d}-{source.name}")

    pools = []
    real_pool = parallel.ProcessPoolExecutor
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", lambda *a, **k: pools.append(1) or real_pool(*a, **k))
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)  # spread even on a one-core runner
    spread = check_content(content)
    assert pools, "the files were read by worker processes"
    monkeypatch.setattr(parallel, "SPREAD_FROM", 10**9)
    serial = check_content(content)

    assert [d.format_text() for d in spread.diagnostics] == [d.format_text() for d in serial.diagnostics]
    assert sum(d.severity.value == "error" for d in serial.diagnostics) >= len(broken)
    assert list(spread.projects) == list(serial.projects)
    assert all(spread.projects[i].rendered == serial.projects[i].rendered for i in serial.projects)
