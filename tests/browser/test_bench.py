"""`make bench` keeps working: a small run prints every figure the README quotes.

Not a timed test: the figures themselves are not judged here, only that each step ran and
measured something (the search rows need Chromium, so this is a browser test).
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, require_chromium


def test_small_bench_prints_every_figure(tmp_path):
    require_chromium()
    out = tmp_path / "bench"
    result = subprocess.run([sys.executable, "benchmarks/bench.py", "--records", "40", "--runs", "1", "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    table = result.stdout
    assert re.search(r"Kennisbank-benchmark: 40 records", table)
    for row, value in [
        ("check", r"\d+\.\d\d s"),
        ("verhouding ons/standaard", r"\d+\.\d\d×"),
        ("eerste resultaten na eerste toets", r"\d+ ms"),
        ("idem, met thema", r"\d+ ms"),
        ("overdracht eerste zoekopdracht", r"\d+ KB"),
        ("grootste pagina", r"\d+ KB"),
        ("muur: grootste pagina", r"\d+ KB"),
        ("muur: eerste weergave (FCP", r"\d+ ms"),
        ("muur: eerste", r"\d+ ms"),
    ]:
        assert re.search(rf"^{re.escape(row)}.*?\s{value}\s", table, re.MULTILINE), (row, table)
    # The first search fetched an index chunk; the work folder is removed afterwards.
    assert re.search(r"Eerste zoekopdracht haalt: .*\.pf_index", table), table
    assert not out.exists()
