"""`make bench` keeps working in the browser: its Chromium figures, measured on the session's built site.

Not a timed test: the figures are not judged here, only that each was measured (the search, the
relevance set and the wall). The build steps are tested in tests/test_bench.py; `--measure` runs
only the browser half, so this needs no build of its own.
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, require_chromium


def test_bench_measures_search_and_wall_in_chromium(built_site):
    require_chromium()
    result = subprocess.run([sys.executable, "benchmarks/bench.py", "--measure", str(built_site), "--runs", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    table = result.stdout
    for row, value in [
        ("eerste resultaten na eerste toets", r"[\d.]+ ms"),
        ("idem, met een thema aangevinkt", r"[\d.]+ ms"),
        ("overdracht eerste zoekopdracht", r"[\d.]+ KB"),
        ("resultaten voor een heel woord", r"[\d.]+ ms"),
        ("zoekvragen: verwacht record in de top drie", r"\d+ van \d+"),
        ("muur: grootste pagina", r"[\d.]+ KB \(muur/"),
        ("muur: eerste weergave (FCP", r"[\d.]+ ms"),
        ("muur: eerste kaarten getekend", r"[\d.]+ ms"),
    ]:
        assert re.search(rf"^{re.escape(row)}.*?\s{value}", table, re.MULTILINE), (row, table)
    # The first search fetched an index chunk.
    assert re.search(r"Eerste zoekopdracht haalt: .*\.pf_index", table), table
