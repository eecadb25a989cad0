"""`check` reads many files on every core (core/parallel.py); what it reports must not depend on that.

Above a few hundred files the per-file part (reading, parsing, rendering the body) runs in worker
processes, forked only from a single-threaded process. This builds such a folder, with broken
records among the good ones, checks it in a fresh process (as `make check` runs; the test process
has a browser's and a server's threads, so it would stay serial) and compares every diagnostic
and every record with the same check done one file after another.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import DATA, ROOT
from generator.core import parallel
from generator.validate.check import check_content

SPREAD_CHECK = """
import json, sys
from pathlib import Path
from generator.core import parallel
from generator.validate.check import check_content
pools = []
real_pool = parallel.ProcessPoolExecutor
parallel.ProcessPoolExecutor = lambda *a, **k: pools.append(1) or real_pool(*a, **k)
parallel.os.cpu_count = lambda: 2  # spread even on a one-core runner
content = check_content(Path(sys.argv[1]))
print(json.dumps({"pools": len(pools), "diagnostics": [d.format_text() for d in content.diagnostics],
                  "projects": list(content.projects),
                  "html": {i: r.rendered.html for i, r in content.projects.items()}}))
"""


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

    result = subprocess.run([sys.executable, "-c", SPREAD_CHECK, str(content)], capture_output=True, text=True,
                            encoding="utf-8", cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    spread = json.loads(result.stdout)
    monkeypatch.setattr(parallel, "SPREAD_FROM", 10**9)
    serial = check_content(content)

    assert spread["pools"], "the files were read by worker processes"
    assert spread["diagnostics"] == [d.format_text() for d in serial.diagnostics]
    assert sum(d.severity.value == "error" for d in serial.diagnostics) >= len(broken)
    assert spread["projects"] == list(serial.projects)
    assert spread["html"] == {i: r.rendered.html for i, r in serial.projects.items()}
