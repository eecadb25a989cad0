"""The tables of `make bench`, built from the measurements: times, memory, size, growth, browser, serve.

Every row of every table is always there, so a reader (and tests/test_bench.py) finds the same
rows in every run; a figure that was not measured says so ("overgeslagen", "n.v.t.") instead of
leaving its row out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from measure import Run, SiteSize
from report import BUDGET_N, Section, kb, mb, median, number, ratio, seconds, spread, verdict

BUDGET_CHECK_S = 1.5
BUDGET_RATIO, GOAL_RATIO = 2.0, 1.5
BUDGET_GROWTH = 2.1
"""time(10,000) / time(5,000): at most 5 % worse than linear. For other pairs of sizes: 1.05 × the size ratio."""
BUDGET_MEMORY = 2**30
BUDGET_PAGE_KB = 100
BUDGET_FIRST_RESULT_MS = 300
BUDGET_FIRST_SEARCH_KB = 300
BUDGET_SERVE_S = 3.0
SERVE_N = 1000
SKIPPED = "overgeslagen"

STEPS = {"check": "`check`", "site": "`make site` (met zoekindex)",
         "floor": "vloer: mkdocs-material met search, zelfde teksten",
         "reference": "ter vergelijking: standaard-MkDocs op onze export"}
STAGES = {"controleren": "controleren", "renderen": "renderen", "mkdocs": "MkDocs", "nabewerken": "nabewerken",
          "zoekindex": "zoekindex (Pagefind)", "wisselen": "wisselen"}


@dataclass
class Measured:
    """Everything measured at one size N."""

    n: int
    records: int
    runs: dict[str, list[Run]] = field(default_factory=dict)
    size: SiteSize | None = None
    synth_s: float = 0.0
    export_s: float = 0.0

    def times(self, step: str) -> list[float]:
        return [run.seconds for run in self.runs.get(step, [])]

    def stage_times(self, stage: str) -> list[float]:
        return [run.stages[stage] for run in self.runs.get("site", []) if stage in run.stages]

    def peak(self, step: str) -> int | None:
        return max((run.peak_bytes for run in self.runs.get(step, [])), default=None)


def _judged(results: list[Measured], label: str, cells: list[str], budget: str, value_at_budget) -> list[str]:
    """A row with the verdict at BUDGET_N records, if that size was measured."""
    at = next((m for m in results if m.n == BUDGET_N), None)
    judged = value_at_budget(at) if at is not None else ""
    return [label, *cells, budget, judged or ""]


def time_section(results: list[Measured], timings: bool) -> Section:
    header = ["meting", *(f"{number(m.n)} records" for m in results), f"budget (bij {number(BUDGET_N)})", "oordeel"]

    def cells(values) -> list[str]:
        return [spread(v) if v else SKIPPED for v in values]

    check = _judged(results, STEPS["check"], cells(m.times("check") for m in results), f"≤ {number(BUDGET_CHECK_S, 1)} s",
                    lambda m: verdict(median(m.times("check")), BUDGET_CHECK_S))
    rows = [check, [STEPS["site"], *cells(m.times("site") for m in results), "", ""]]
    for stage, label in STAGES.items():
        values = [m.stage_times(stage) for m in results]
        rows.append([f"  waarvan {label}", *([spread(v) if v else "n.v.t." for v in values] if timings
                                              else ["n.v.t. (build zonder --timings)"] * len(results)), "", ""])
    rows.append([STEPS["floor"], *cells(m.times("floor") for m in results), "", ""])

    def over_floor(m: Measured, step_times) -> float | None:
        mine, floor = step_times(m), m.times("floor")
        return median(mine) / median(floor) if mine and floor else None

    site_ratio = [over_floor(m, lambda m: m.times("site")) for m in results]
    rows.append(_judged(results, "`make site` / vloer", [ratio(r) if r else "n.v.t." for r in site_ratio],
                        f"≤ {ratio(BUDGET_RATIO)} (doel {ratio(GOAL_RATIO)})", _ratio_verdict))
    mkdocs_ratio = [over_floor(m, lambda m: m.stage_times("mkdocs")) for m in results]
    rows.append(["  MkDocs-stap / vloer", *[ratio(r) if r else "n.v.t." for r in mkdocs_ratio], "", ""])
    rows.append([STEPS["reference"], *cells(m.times("reference") for m in results), "", ""])
    rows.append(["synthetiseren / exporteren (1 keer)",
                 *[f"{seconds(m.synth_s)} / {seconds(m.export_s)}" for m in results], "", ""])
    rows.append(["runs: check / make site / vloer / export",
                 *["/".join(str(len(m.runs.get(s, []))) for s in STEPS) for m in results], "", ""])
    return Section("Tijden: mediaan [min–max] van de runs", header, rows,
                   ["`make site` is `python -m generator build` met zoekindex; de stappen komen uit zijn --timings."])


def _ratio_verdict(m: Measured) -> str:
    if not m.times("site") or not m.times("floor"):
        return ""
    value = median(m.times("site")) / median(m.times("floor"))
    if value > BUDGET_RATIO:
        return "OVER"
    return "PASS (doel ook)" if value <= GOAL_RATIO else "PASS (doel niet)"


def memory_section(results: list[Measured]) -> Section:
    header = ["piekgeheugen", *(f"{number(m.n)} records" for m in results), f"budget (bij {number(BUDGET_N)})", "oordeel"]
    rows = []
    for step, label in STEPS.items():
        peaks = [m.peak(step) for m in results]
        cells = [mb(p) if p else SKIPPED for p in peaks]
        if step == "site":
            rows.append(_judged(results, label, cells, f"≤ {mb(BUDGET_MEMORY)}",
                                lambda m: verdict(m.peak("site") or 0, BUDGET_MEMORY) if m.peak("site") else ""))
        else:
            rows.append([label, *cells, "", ""])
    return Section("Geheugen: RSS van de hele procesboom (elke 50 ms), hoogste van de runs", header, rows)


def size_section(results: list[Measured]) -> Section:
    header = ["omvang (site van make site)", *(f"{number(m.n)} records" for m in results),
              f"budget (bij {number(BUDGET_N)})", "oordeel"]
    sizes = [m.size for m in results]
    budget = BUDGET_PAGE_KB * 1024
    rows = [
        ["records (synthetisch + echt)", *[number(m.records) for m in results], "", ""],
        ["HTML-pagina's", *[number(s.pages) if s else SKIPPED for s in sizes], "", ""],
        ["samen", *[mb(s.total_bytes) if s else SKIPPED for s in sizes], "", ""],
        _judged(results, "grootste pagina", [f"{kb(s.largest[1])} ({s.largest[0]})" if s else SKIPPED for s in sizes],
                f"≤ {BUDGET_PAGE_KB} KB", lambda m: verdict(m.size.largest[1], budget) if m.size else ""),
        _judged(results, f"pagina's boven {BUDGET_PAGE_KB} KB", [number(len(s.over)) if s else SKIPPED for s in sizes],
                "0", lambda m: verdict(len(m.size.over), 0) if m.size else ""),
    ]
    notes = []
    for m in results:
        if m.size and m.size.over:
            listed = ", ".join(f"{path} {kb(size)}" for path, size in m.size.over[:25])
            more = f" en nog {len(m.size.over) - 25}" if len(m.size.over) > 25 else ""
            notes.append(f"Boven {BUDGET_PAGE_KB} KB bij {number(m.n)} records: {listed}{more}.")
    return Section("Omvang", header, rows, notes)


def growth_section(results: list[Measured]) -> Section:
    """The two largest sizes: none of our steps may grow faster than linearly (5 % slack).

    Judged from 5,000 to 10,000 records, and only our own steps: the floor and the reference are
    stock MkDocs, shown for comparison. Other pairs of sizes get 1.05 × their ratio, for orientation.
    """
    ours = {"check", "site", "renderen", "mkdocs", "zoekindex"}
    series = [(step, label, lambda m, s=step: m.times(s)) for step, label in STEPS.items()]
    series += [(s, f"  {STAGES[s]}", lambda m, s=s: m.stage_times(s)) for s in ("renderen", "mkdocs", "zoekindex")]
    if len(results) < 2:
        rows = [[label, "n.v.t.", "n.v.t.", "n.v.t. (één grootte gemeten)", "", ""] for _, label, _ in series]
        return Section("Groei", ["groei", "kleiner", "groter", "verhouding", "budget", "oordeel"], rows)
    small, large = results[-2], results[-1]
    judged = (small.n, large.n) == (BUDGET_N, 2 * BUDGET_N)
    limit = BUDGET_GROWTH if judged else 1.05 * large.n / small.n
    rows = []
    for step, label, values in series:
        a, b = values(small), values(large)
        growth = median(b) / median(a) if a and b else None
        rows.append([label, seconds(median(a)) if a else "n.v.t.", seconds(median(b)) if b else "n.v.t.",
                     ratio(growth) if growth else "n.v.t.", f"≤ {ratio(limit)}" if step in ours else "",
                     verdict(growth, limit) if judged and growth and step in ours else ""])
    header = ["groei", f"{number(small.n)} records", f"{number(large.n)} records", "verhouding", "budget", "oordeel"]
    return Section(f"Groei van {number(small.n)} naar {number(large.n)} records (medianen)", header, rows)


def browser_section(figures: dict | None, n: int | None) -> Section:
    header = ["in Chromium", "waarde", f"budget (bij {number(BUDGET_N)})", "oordeel"]
    labels = ["eerste resultaten na eerste toets (mediaan)", "idem, met een thema aangevinkt",
              "overdracht eerste zoekopdracht (max)", "resultaten voor een heel woord (mediaan)",
              "zoekpagina klaar: pagefind-bestanden (max)", "zoekvragen: verwacht record in de top drie",
              "muur: grootste pagina", "muur: muur.json", "muur: eerste weergave (FCP, mediaan)",
              "muur: eerste kaarten getekend (mediaan)"]
    if figures is None:
        return Section("Zoeken en muur in Chromium", header, [[label, SKIPPED, "", ""] for label in labels])
    search, ticked, wall, relevance = figures["search"], figures["ticked"], figures["wall"], figures["relevance"]

    def judged(value: float, budget: float) -> str:  # at the budgets' size only
        return verdict(value, budget) if n == BUDGET_N else ""

    latency, ticked_latency = median(search["latency_ms"]), median(ticked["latency_ms"])
    first = max(search["first_bytes"])
    wall_size, wall_path = figures["wall_pages"][0]
    rows = [
        [labels[0], f"{number(latency)} ms", f"≤ {BUDGET_FIRST_RESULT_MS} ms", judged(latency, BUDGET_FIRST_RESULT_MS)],
        [f"{labels[1]} ({figures['theme']})", f"{number(ticked_latency)} ms", f"≤ {BUDGET_FIRST_RESULT_MS} ms",
         judged(ticked_latency, BUDGET_FIRST_RESULT_MS)],
        [labels[2], kb(first), f"≤ {BUDGET_FIRST_SEARCH_KB} KB", judged(first / 1024, BUDGET_FIRST_SEARCH_KB)],
        [labels[3], f"{number(median(search['word_ms']))} ms", "", ""],
        [labels[4], kb(max(search["ready_bytes"])), "", ""],
        [labels[5], f"{sum(c['top3'] for c in relevance)} van {len(relevance)}", "", ""],
        [labels[6], f"{kb(wall_size)} ({wall_path})", f"≤ {BUDGET_PAGE_KB} KB", judged(wall_size / 1024, BUDGET_PAGE_KB)],
        [labels[7], kb(figures["wall_json"]), "", ""],
        [labels[8], f"{number(median(wall['fcp_ms']))} ms", "", ""],
        [f"{labels[9][:-1]}; {wall['cards']} van {wall['shown']})", f"{number(median(wall['ready_ms']))} ms", "", ""],
    ]
    times = [case["ms"] for case in relevance]
    slowest = max(relevance, key=lambda c: c["ms"])
    notes = [
        f"Eerste toets per run: {', '.join(number(v) for v in search['latency_ms'])} ms (met thema: "
        f"{', '.join(number(v) for v in ticked['latency_ms'])} ms), koude cache.",
        f"Zoekvragen ({len(relevance)}): als eerste bij {sum(c['eerste'] for c in relevance)}; tijd tot de lijst "
        f"mediaan {number(median(times))} ms, max {number(max(times))} ms ({slowest['vraag']}).",
        "Eerste zoekopdracht haalt: " + ", ".join(f"{name} {kb(size)}" for name, size in search["first_files"]) + ".",
    ]
    where = f" ({number(n)} records)" if n else ""
    return Section(f"Zoeken en muur in Chromium{where}", header, rows, notes)


def serve_section(figures: dict | None, n: int | None) -> Section:
    header = ["make serve", "waarde", "budget", "oordeel"]
    if figures is None:
        return Section("make serve", header, [["opstarten tot de eerste pagina", SKIPPED, "", ""],
                                              ["record opgeslagen tot de pagina het toont", SKIPPED, "", ""]])
    edits = figures["edits_s"]
    value = median(edits)
    where = f" ({number(n)} records)" if n else ""
    return Section(f"make serve{where}", header, [
        ["opstarten tot de eerste pagina", seconds(figures["start_s"]), "", ""],
        [f"record opgeslagen tot de pagina het toont (mediaan van {len(edits)})",
         spread(edits), f"≤ {number(BUDGET_SERVE_S, 1)} s (bij {number(SERVE_N)})",
         verdict(value, BUDGET_SERVE_S) if n == SERVE_N else ""],
    ])


def summary_section(results: list[Measured], browser: dict | None, browser_n: int | None, serve: dict | None,
                    serve_n: int | None, timings: bool) -> Section:
    """The judged rows alone (the budgets), for the README: at 5,000 records, the growth, the browser, serve."""
    sizes = [m.n for m in results]
    rows = []
    if BUDGET_N in sizes:
        column = 1 + sizes.index(BUDGET_N)
        for section in (time_section(results, timings), memory_section(results), size_section(results)):
            rows += [[row[0].strip(), row[column], row[-2], row[-1]] for row in section.rows if row[-1]]
    growth = growth_section(results)
    rows += [[f"groei: {row[0].strip()}", row[3], row[4], row[5]] for row in growth.rows if row[5]]
    for section in (browser_section(browser, browser_n), serve_section(serve, serve_n)):
        rows += [row for row in section.rows if row[-1]]
    return Section(f"Budgetten (bij {number(BUDGET_N)} records, groei, browser, make serve)",
                   ["meting", "waarde", "budget", "oordeel"], rows)
