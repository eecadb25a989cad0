#!/usr/bin/env python3
"""`make bench`: our build against the floor a user would pick instead, at 1,000, 5,000 and 10,000 records.

Per size N, on a synthetic corpus (benchmarks/corpus.py: seeded, over the real content), each step
several times, interleaved (run 1 of every step, then run 2…), so a slow spell of a shared machine
hits all steps alike:

1. `python -m generator check` on the corpus;
2. `make site`: `python -m generator build` with the search index, its stages (check, render,
   MkDocs, post-processing, Pagefind, swap) from its `--timings` JSON;
3. the floor: stock mkdocs-material with its built-in search, the same record bodies as plain
   pages, an explicit nav of only the home page (corpus.write_floor);
4. for reference, stock `mkdocs build --strict` on our own pages (`python -m generator export`).

Each step's wall time and the peak RSS of its whole process tree (benchmarks/measure.py); the
site's pages, their size, the largest and those over 100 KB. At 5,000 records (or the largest N
measured) the search and the wall in Chromium (benchmarks/chromium.py); at 1,000 (or the smallest)
how long `make serve` takes to show a saved record (benchmarks/serving.py). Then the tables
(benchmarks/tables.py), budgets judged at 5,000 records; `--write-readme` puts them into
benchmarks/README.md and the README. A benchmark, not a test: it exits 0 whatever the figures, and
non-zero only when a step itself fails.

    .venv/bin/python benchmarks/bench.py [--quick] [--records 1000,5000,10000] [--runs 3] [--write-readme]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from corpus import prepare, write_floor  # noqa: E402
from measure import ENV, Run, StepFailed, run_measured, site_size  # noqa: E402
from report import BUDGET_N, number, print_sections, seconds, mb, machine, machine_line, write_readmes  # noqa: E402
from tables import (BUDGET_PAGE_KB, Measured, browser_section, growth_section, memory_section,  # noqa: E402
                    serve_section, size_section, summary_section, time_section)

from generator.features.search.search import pagefind_binary  # noqa: E402
from generator.validate.check import check_content  # noqa: E402

DEFAULT_RECORDS = [1000, 5000, 10000]
QUICK_RECORDS = [200]
MARKER = ".kennisbank-bench"
SERVE_RECORD = "synthetisch-00001"


class Progress:
    """One line per finished step, with the total time so far; on a terminal also the step that is running."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.terminal = sys.stderr.isatty()

    def _clock(self) -> str:
        elapsed = int(time.perf_counter() - self.started)
        return f"{elapsed // 60}:{elapsed % 60:02d}"

    def begin(self, text: str) -> None:
        if self.terminal:
            print(f"\r\x1b[2K· {text} …", end="", file=sys.stderr, flush=True)

    def done(self, text: str) -> None:
        clear = "\r\x1b[2K" if self.terminal else ""
        print(f"{clear}· {text} [{self._clock()}]", file=sys.stderr, flush=True)


def _records(text: str) -> list[int]:
    try:
        values = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen lijst van aantallen: {text!r}") from None
    if not values or values[0] < 1:
        raise argparse.ArgumentTypeError("aantallen moeten 1 of meer zijn")
    return values


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=_records, help="aantallen synthetische records, met komma's "
                        "(standaard 1000,5000,10000; met --quick 200)")
    parser.add_argument("--quick", action="store_true", help="snel: 200 records, 1 run")
    parser.add_argument("--runs", type=int, help="runs per stap (standaard 3, met --quick 1)")
    parser.add_argument("--big-runs", type=int, default=1, help="runs van make site en de export-bouw boven "
                        f"{number(BUDGET_N)} records (standaard 1: die zijn duur)")
    parser.add_argument("--serve-edits", type=int, help="bewerkingen bij de make-serve-meting (standaard 3, met --quick 1)")
    parser.add_argument("--no-browser", action="store_true", help="sla de metingen in Chromium over")
    parser.add_argument("--no-serve", action="store_true", help="sla de make-serve-meting over")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out", help="werkmap (wordt leeggemaakt)")
    parser.add_argument("--keep", action="store_true", help="laat de werkmap staan")
    parser.add_argument("--write-readme", action="store_true",
                        help="schrijf de tabellen in benchmarks/README.md en de budgetten in README.md")
    parser.add_argument("--readme-root", type=Path, default=ROOT, help=argparse.SUPPRESS)  # for the test
    parser.add_argument("--measure", type=Path, metavar="SITE",
                        help="alleen de metingen in Chromium, op een al gebouwde site met zoekindex")
    args = parser.parse_args(argv)
    args.records = args.records or (QUICK_RECORDS if args.quick else DEFAULT_RECORDS)
    args.runs = args.runs or (1 if args.quick else 3)
    args.serve_edits = args.serve_edits or (1 if args.quick else 3)
    return args


def fresh_folder(work: Path) -> None:
    if work.exists():
        if any(work.iterdir()) and not (work / MARKER).exists():
            raise SystemExit(f"{work}: map is niet leeg en is geen eerdere benchmark-map; kies een andere met --out")
        shutil.rmtree(work)
    work.mkdir(parents=True)
    (work / MARKER).write_text("werkmap van benchmarks/bench.py\n", encoding="utf-8")


def timings_supported() -> bool:
    """Whether `build` has --timings yet; without it only the whole build is timed."""
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--help"], cwd=ROOT, env=ENV,
                            capture_output=True, text=True)
    return "--timings" in result.stdout


def stage_figures(path: Path) -> tuple[dict[str, float], int | None]:
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    stages = {stage["stap"]: stage["seconden"] for stage in data["stappen"]}
    pages = next((stage["aantal"] for stage in data["stappen"] if stage["stap"] == "mkdocs"), None)
    return stages, pages


def bench_size(n: int, args, base, work: Path, progress: Progress, timings: bool) -> tuple[Measured, Path, Path]:
    """Every step at N records, interleaved; returns the figures, the corpus' content folder and config."""
    python = sys.executable
    label = f"{number(n)} records"
    folder = work / str(n)
    progress.begin(f"{label}: corpus maken")
    started = time.perf_counter()
    content, config = prepare(folder, n, args.seed, base)
    floor_pages = write_floor(content, folder / "floor")
    measured = Measured(n=n, records=floor_pages, synth_s=time.perf_counter() - started)
    progress.done(f"{label}: corpus gemaakt, {number(floor_pages)} projectrecords ({seconds(measured.synth_s)})")
    progress.begin(f"{label}: export voor de referentie")
    export = folder / "export"
    measured.export_s = run_measured([python, "-m", "generator", "export", str(export), "--content", str(content),
                                      "--config", str(config)], "export", ROOT).seconds
    exported = sum(1 for _ in (export / "docs").rglob("*.md"))
    progress.done(f"{label}: export, {number(exported)} pagina's ({seconds(measured.export_s)})")

    site, timings_file = folder / "site", folder / "stappen.json"
    build = [python, "-m", "generator", "build", "--config", str(config), "--content", str(content),
             "--site-dir", str(site)] + (["--timings", str(timings_file)] if timings else [])
    commands = {
        "check": ([python, "-m", "generator", "check", str(content)], ROOT),
        "site": (build, ROOT),
        "floor": ([python, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", str(folder / "floor-site")],
                  folder / "floor"),
        "reference": ([python, "-m", "mkdocs", "build", "--strict", "--clean", "-f", "mkdocs.yml", "-d",
                       str(folder / "stock-site")], export),
    }
    big = n > BUDGET_N
    plan = {"check": args.runs, "site": args.big_runs if big else args.runs, "floor": args.runs,
            "reference": args.big_runs if big else args.runs}
    for number_of_run in range(max(plan.values())):
        for step, (command, cwd) in commands.items():
            if number_of_run >= plan[step]:
                continue
            what = f"{label}: {step}, run {number_of_run + 1}/{plan[step]}"
            progress.begin(what)
            run: Run = run_measured(command, what, cwd)
            detail = {"check": f"{number(floor_pages)} projectrecords", "floor": f"{number(floor_pages + 1)} pagina's",
                      "reference": f"{number(exported)} pagina's", "site": ""}[step]
            if step == "site" and timings:
                run.stages, pages = stage_figures(timings_file)
                detail = f"{number(pages)} pagina's" if pages else ""
            measured.runs.setdefault(step, []).append(run)
            progress.done(f"{what}: {detail + ', ' if detail else ''}{seconds(run.seconds)}, piek {mb(run.peak_bytes)}")
    measured.size = site_size(site, BUDGET_PAGE_KB * 1024)
    return measured, content, config


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    browser_path = None
    if args.measure or not args.no_browser:
        from chromium import browser_figures, chromium  # needs tests/conftest.py and Playwright
        browser_path = chromium()
    base = check_content(ROOT / "content")  # the real content the corpus is spread over
    theme = base.vocabularies.for_field("projects", "themas").terms[0].naam
    if args.measure:
        figures = browser_figures(args.measure.resolve(), args.runs, theme)
        print_sections([browser_section(figures, None)])
        return 0
    if pagefind_binary() is None:
        raise SystemExit("Pagefind ontbreekt: draai make bench (npm ci installeert het)")
    progress = Progress()
    info = machine(pagefind_binary(), browser_path)
    load_start = number(os.getloadavg()[0], 2)
    work = args.out.resolve()
    fresh_folder(work)
    timings = timings_supported()
    if not timings:
        progress.done("build kent --timings nog niet: alleen de hele bouw wordt getimed")
    browser_n = None if args.no_browser else (BUDGET_N if BUDGET_N in args.records else args.records[-1])
    serve_n = None if args.no_serve else (1000 if 1000 in args.records else args.records[0])
    results, browser, serve = [], None, None
    try:
        for n in args.records:
            measured, content, config = bench_size(n, args, base, work, progress, timings)
            results.append(measured)
            if n == browser_n:
                progress.begin(f"{number(n)} records: zoeken, zoekvragen en muur in Chromium")
                browser = browser_figures(work / str(n) / "site", args.runs, theme)
                progress.done(f"{number(n)} records: zoeken, zoekvragen en muur in Chromium")
            if n == serve_n:
                from serving import measure_serve

                progress.begin(f"{number(n)} records: make serve, {args.serve_edits} bewerking(en)")
                serve = measure_serve(config, content / "projects" / f"{SERVE_RECORD}.md",
                                      f"projecten/{SERVE_RECORD}", args.serve_edits, ROOT)
                progress.done(f"{number(n)} records: make serve, opgestart in {seconds(serve['start_s'])}, bewerkingen "
                              + ", ".join(seconds(s) for s in serve["edits_s"]))
            if not args.keep:
                shutil.rmtree(work / str(n), ignore_errors=True)
    except StepFailed as failure:
        raise SystemExit(str(failure)) from None
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    sections = [time_section(results, timings), memory_section(results), size_section(results),
                growth_section(results), browser_section(browser, browser_n), serve_section(serve, serve_n)]
    runs = f"{args.runs} {'run' if args.runs == 1 else 'runs'} per stap" + (
        f", {args.big_runs} voor make site en export-bouw boven {number(BUDGET_N)} records"
        if args.records[-1] > BUDGET_N else "")
    given = list(sys.argv[1:] if argv is None else argv)
    if "--out" in given[:-1]:  # a work folder is one machine's path: the README must not name it
        del given[given.index("--out"):given.index("--out") + 2]
    command = " ".join(["benchmarks/bench.py", *given])
    header = (f"Kennisbank-benchmark: {', '.join(number(n) for n in args.records)} records (seed {args.seed}), {runs}; "
              f"totale looptijd {seconds(time.perf_counter() - progress.started)}; opdracht `{command.strip()}`.\n\n"
              f"Machine: {machine_line(info, (load_start, number(os.getloadavg()[0], 2)))}.")
    print("\n" + header + "\n")
    print_sections(sections)
    if args.write_readme:
        write_readmes(args.readme_root / "benchmarks" / "README.md", args.readme_root / "README.md", header, sections,
                      summary_section(results, browser, browser_n, serve, serve_n, timings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
