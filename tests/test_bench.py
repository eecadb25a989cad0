"""`make bench` keeps working: a tiny run prints every row of its tables and writes them into the READMEs.

Not timed tests: no figure a run measures is judged here (speed lives in `make bench`), only that
each step ran and measured something. The budgets' verdicts are checked on figures made up for
the purpose, and the memory probe on a child process of known size. The browser rows are
tested in tests/browser/test_bench.py on the session's built site.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import IN_CI, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import Run, SiteSize, run_measured  # noqa: E402
from report import BEGIN, END  # noqa: E402
from tables import (Measured, growth_section, memory_section, serve_section, size_section,  # noqa: E402
                    summary_section, time_section)

SECONDS = r"\d+(\.\d{3})*,\d+ s"
STAGES = ["controleren", "renderen", "MkDocs", "nabewerken", "zoekindex (Pagefind)", "wisselen"]


def require_pagefind() -> None:
    from generator.features.search.search import pagefind_binary

    if pagefind_binary() is None:
        if IN_CI:
            pytest.fail("Pagefind ontbreekt in CI: npm ci installeert het")
        pytest.skip("Pagefind ontbreekt (npm ci installeert het); make bench bouwt met zoekindex")


def table(output: str, title: str) -> dict[str, list[str]]:
    """{row label: cells} of the printed table whose title starts with `title`."""
    block = next((b for b in output.split("\n\n") if b.startswith(title)), None)
    assert block is not None, f"tabel '{title}' ontbreekt:\n{output}"
    rows = {}
    for line in block.splitlines()[2:]:
        cells = re.split(r"\s{2,}", line.strip())
        rows[cells[0]] = cells[1:]
    return rows


def test_tiny_bench_prints_every_row_and_writes_the_readmes(tmp_path):
    require_pagefind()
    readmes = tmp_path / "readme"
    (readmes / "benchmarks").mkdir(parents=True)
    for name in ("README.md", "benchmarks/README.md"):
        shutil.copy2(ROOT / name, readmes / name)
    before = {name: (readmes / name).read_text(encoding="utf-8") for name in ("README.md", "benchmarks/README.md")}
    out = tmp_path / "bench"
    result = subprocess.run([sys.executable, "benchmarks/bench.py", "--quick", "--records", "20", "--runs", "1",
                             "--no-browser", "--out", str(out), "--write-readme", "--readme-root", str(readmes)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    output = result.stdout
    assert "Kennisbank-benchmark: 20 records" in output
    # Progress: one line per step on stderr, with its time.
    for step in ("check", "site", "floor", "reference"):
        assert re.search(rf"^· 20 records: {step}, run 1/1: [\d.]+ [\w']+, {SECONDS}, piek \d+ MB", result.stderr,
                         re.MULTILINE), (step, result.stderr)

    times = table(output, "Tijden")
    for label in ["`check`", "`make site` (met zoekindex)", *(f"waarvan {s}" for s in STAGES),
                  "vloer: mkdocs-material met search, zelfde teksten", "ter vergelijking: standaard-MkDocs op onze export"]:
        assert re.fullmatch(SECONDS, times[label][0]), (label, times[label])
    for label in ("`make site` / vloer", "MkDocs-stap / vloer"):
        assert re.fullmatch(r"\d+,\d\d×", times[label][0]), (label, times[label])
    assert times["runs: check / make site / vloer / export"][0] == "1/1/1/1"

    memory = table(output, "Geheugen")
    assert len(memory) == 4 and all(re.fullmatch(r"[\d.]+ MB", cells[0]) for cells in memory.values()), memory
    size = table(output, "Omvang")
    assert int(size["records (synthetisch + echt)"][0]) > 20
    assert int(size["HTML-pagina's"][0].replace(".", "")) > int(size["records (synthetisch + echt)"][0])
    assert re.fullmatch(r"[\d.]+ KB \(.+\.html\)", size["grootste pagina"][0]), size
    assert len(table(output, "Groei")) == 7  # one size measured: every row there, saying n.v.t.
    assert all(cells[0] == "overgeslagen" for cells in table(output, "Zoeken en muur").values())
    serve = table(output, "make serve (20 records)")
    assert re.fullmatch(SECONDS, serve["opstarten tot de eerste pagina"][0])
    assert re.fullmatch(SECONDS, serve["record opgeslagen tot de pagina het toont (mediaan van 1)"][0]), serve
    assert not out.exists()

    for name, text in before.items():
        after = (readmes / name).read_text(encoding="utf-8")
        assert after.split(BEGIN)[0] == text.split(BEGIN)[0] and after.split(END)[1] == text.split(END)[1], name
        assert "Kennisbank-benchmark: 20 records" in after.split(BEGIN)[1].split(END)[0], name
    assert "### Tijden" in (readmes / "benchmarks/README.md").read_text(encoding="utf-8")


def test_peak_memory_counts_the_whole_process_tree(tmp_path):
    child = "b = b'x' * 300_000_000; import time; time.sleep(1)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    run = run_measured([sys.executable, "-c", parent], "geheugenproef", tmp_path)
    assert run.peak_bytes >= 300_000_000  # the child's bytes, though the command started is the parent


def measured(n: int, site: float, floor: float, peak: int = 500 * 2**20, largest: int = 90 * 1024) -> Measured:
    run = Run(seconds=site, peak_bytes=peak, stages={"renderen": site / 4, "mkdocs": site / 2, "zoekindex": site / 8})
    return Measured(n=n, records=n + 55, runs={"check": [Run(1.0, 50 * 2**20)] * 3, "site": [run],
                                                "floor": [Run(floor, 200 * 2**20)], "reference": [Run(site, 300 * 2**20)]},
                    size=SiteSize(pages=n, total_bytes=n * 40_000, largest=("rekenhulp/index.html", largest),
                                  over=[("rekenhulp/index.html", largest)] if largest > 100 * 1024 else []))


def verdicts(section) -> dict[str, str]:
    return {row[0].strip(): row[-1] for row in section.rows if row[-1]}


def test_budgets_pass_within_and_fail_over():
    good = [measured(5000, site=18.0, floor=10.0), measured(10000, site=36.0, floor=20.0)]
    assert verdicts(time_section(good, True))["`make site` / vloer"] == "PASS (doel niet)"
    assert set(verdicts(growth_section(good)).values()) == {"PASS"}
    assert verdicts(memory_section(good)) == {"`make site` (met zoekindex)": "PASS"}
    assert set(verdicts(size_section(good)).values()) == {"PASS"}

    bad = [measured(5000, site=25.0, floor=10.0, peak=1100 * 2**20, largest=112 * 1024),
           measured(10000, site=60.0, floor=20.0)]
    assert verdicts(time_section(bad, True))["`make site` / vloer"] == "OVER"
    assert verdicts(growth_section(bad))["`make site` (met zoekindex)"] == "OVER"  # 60 / 25 = 2.4 > 2.1
    assert verdicts(memory_section(bad)) == {"`make site` (met zoekindex)": "OVER"}
    assert verdicts(size_section(bad)) == {"grootste pagina": "OVER", "pagina's boven 100 KB": "OVER"}
    assert "rekenhulp/index.html 112 KB" in size_section(bad).notes[0]
    assert verdicts(serve_section({"start_s": 9.0, "edits_s": [2.0, 4.0, 5.0]}, 1000)) == {
        "record opgeslagen tot de pagina het toont (mediaan van 3)": "OVER"}
    summary = summary_section(bad, None, None, None, None, True)
    assert [row[0] for row in summary.rows if row[-1] == "OVER"][:2] == ["`make site` / vloer", "`make site` (met zoekindex)"]
