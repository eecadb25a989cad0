#!/usr/bin/env python3
"""`make bench`: how the generator and the search hold up at 5,000 records.

Steps, each timed, on a synthetic corpus (seeded, so every run builds the same records) that
uses the real register, vocabularies, sources and schemes:

1. `python -m generator check` on the corpus;
2. our build: `python -m generator build --no-search` (check and render once, then MkDocs on the
   written pages);
3. the floor: the same pages exported with `python -m generator export` and built by stock
   `python -m mkdocs build`; the ratio ours/stock is what our plugin and checks cost;
4. the Pagefind index of our build, then headless Chromium on /zoeken/: time from the first
   keystroke to the first result list on screen (`data-kb-listed`), also with a theme ticked, and
   the bytes that first search fetches from pagefind/
   (index chunks, fragments; the wasm, entry and filters load with the page and are shown apart);
5. the largest HTML page;
6. the portfolio wall (/muur/, issue 14): the size of its largest static page and of muur.json, and
   in Chromium the time from navigation to the first cards drawn by muur.js (first contentful paint
   and the script's ready mark), cold cache.

It prints a table with the budgets (shared/design/ROADMAP.md) and PASS/OVER. A benchmark, not a
test: it exits 0 whatever the figures, and non-zero only when a step itself fails.

    .venv/bin/python benchmarks/bench.py [--records 5000] [--seed 20261123] [--out bench-out] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from generator.features.search.search import index_site  # noqa: E402
from generator.model.content import Content  # noqa: E402
from generator.validate.check import check_content  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402  (the browser and server the tests use)

BUDGET_CHECK_S_PER_5000 = 3.0
BUDGET_BUILD_RATIO = 1.6
BUDGET_FIRST_RESULT_MS = 300
BUDGET_FIRST_SEARCH_KB = 300
BUDGET_LARGEST_PAGE_KB = 100
MARKER = ".kennisbank-bench"
WORD = "samenwerking"  # a whole word typed at once, for comparison (no budget)


# ------------------------------------------------------------------ synthetic corpus

SUBJECTS = ["talent", "leiderschap", "dienstverlening", "participatie", "informatie", "wijk", "netwerk", "vakmanschap",
            "inwoner", "ondernemer", "jeugd", "zorg", "werk", "inkomen", "omgeving", "wonen", "mobiliteit", "klimaat",
            "energie", "veiligheid", "data", "archief", "belasting", "subsidie", "vergunning", "loopbaan", "team",
            "cultuur", "samenwerking", "innovatie", "gezondheid", "onderwijs", "armoede", "schuld", "integriteit",
            "communicatie", "ruimte", "natuur", "sport", "verkeer"]
THINGS = ["gesprek", "profiel", "training", "programma", "aanpak", "plan", "pilot", "lab", "pool", "team", "netwerk",
          "agenda", "wijzer", "loket", "portaal", "dialoog", "academie", "coach", "model", "scan", "spoor", "tafel",
          "route", "kaart", "monitor", "werkplaats", "festival", "campagne", "regeling", "beleid"]
ADJECTIVES = ["nieuwe", "slimme", "gezamenlijke", "wijkgerichte", "digitale", "duurzame", "inclusieve", "lerende",
              "flexibele", "regionale", "open", "moedige", "praktische", "brede", "kleine", "heldere"]
GROUPS = ["medewerkers", "leidinggevenden", "inwoners", "ondernemers", "jongeren", "ouderen", "teams", "ambtenaren",
          "raadsleden", "wijkteams", "vrijwilligers", "partners", "scholen", "zorgaanbieders", "werkgevers"]
VERBS = ["ontwikkelden", "onderzochten", "bouwden", "testten", "verbeterden", "deelden", "vernieuwden", "ontwierpen",
         "organiseerden", "begeleidden", "verbonden", "versterkten", "evalueerden", "startten"]
RESULTS = ["meer plezier in het werk", "kortere wachttijden", "minder verzuim", "betere besluiten", "meer vertrouwen",
           "snellere afhandeling", "nieuwe samenwerkingen", "lagere kosten", "tevreden inwoners", "een gedeelde taal",
           "meer doorstroom", "een sterker netwerk", "bruikbare lessen", "een herbruikbare werkwijze"]
LINKS = ["Daarna", "Vervolgens", "Ondertussen", "Tegelijk", "Bovendien", "Ook", "Uiteindelijk", "Eerst"]
FIRST_NAMES = ["Anna", "Bram", "Carla", "Dirk", "Eva", "Fatima", "Gert", "Hanneke", "Ilse", "Joost", "Karim", "Lotte",
               "Mohamed", "Noor", "Oscar", "Priya", "Ruud", "Sanne", "Tom", "Yvonne"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
              "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "Kaya"]


ONSETS = ["b", "br", "d", "dr", "g", "gr", "h", "k", "kl", "kr", "l", "m", "n", "p", "pl", "r", "s", "sl", "sp", "st",
          "sch", "t", "tr", "v", "w", "z", "zw"]
VOWELS = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "oe", "ui", "ij", "eu", "ou"]
CODAS = ["", "", "k", "l", "m", "n", "r", "s", "t", "nd", "ng", "rk", "st", "cht", "ft"]
ENDINGS = ["", "", "en", "ing", "heid", "lijk", "er", "tje", "ering", "schap"]


def lexicon(rng: random.Random, size: int = 6000) -> list[str]:
    """Made-up Dutch-looking words: a long tail of rare words, as real text has."""
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.choice([2, 2, 3])
        words.add("".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
                  + rng.choice(ENDINGS))
    return sorted(words)


def _rare(rng: random.Random, words: list[str]) -> str:
    return words[int(len(words) * rng.random() ** 3)]  # skewed: a few words often, most seldom


def _compound(rng: random.Random) -> str:
    word = rng.choice(SUBJECTS) + rng.choice(THINGS)
    return word + rng.choice(["", "", "en", "s"]) if not word.endswith("s") else word


def _sentence(rng: random.Random, place: str, words: list[str]) -> str:
    forms = [
        lambda: f"Daarbij ging het om {_rare(rng, words)} en {_rare(rng, words)}, zoals de {rng.choice(GROUPS)} het noemen.",
        lambda: f"Het {_rare(rng, words)} van {place} bleek {rng.choice(ADJECTIVES)} {_rare(rng, words)} te vragen.",
        lambda: f"{rng.choice(LINKS)} {rng.choice(VERBS)} de {rng.choice(GROUPS)} in {place} een {rng.choice(ADJECTIVES)} "
                f"{_compound(rng)} voor {rng.choice(GROUPS)}.",
        lambda: f"Het {_compound(rng)} leverde volgens de gemeente {rng.choice(RESULTS)} op.",
        lambda: f"De {rng.choice(GROUPS)} werkten samen met {rng.choice(GROUPS)} aan {rng.choice(ADJECTIVES)} "
                f"{_compound(rng)} en {_compound(rng)}.",
        lambda: f"{place} koos voor een {rng.choice(ADJECTIVES)} aanpak met {rng.choice(GROUPS)}, omdat het oude "
                f"{_compound(rng)} niet meer paste.",
        lambda: f"Wie dit wil hergebruiken, begint met het {_compound(rng)} en vraagt de {rng.choice(GROUPS)} om mee te doen.",
        lambda: f"In {rng.randint(2, 12)} bijeenkomsten {rng.choice(VERBS)} zij het {_compound(rng)} stap voor stap.",
    ]
    return rng.choice(forms)()


def _paragraph(rng: random.Random, place: str, sentences: int, words: list[str]) -> str:
    return " ".join(_sentence(rng, place, words) for _ in range(sentences))


def _yaml_list(items) -> str:
    return "[" + ", ".join(_quote(item) for item in items) + "]"


def _quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def synthesise(content: Path, count: int, seed: int, base: Content) -> None:
    """Write `count` valid project records into content/projects/, spread over the real data (`base`)."""
    vocab = base.vocabularies
    themes = [t.id for t in vocab.for_field("projects", "themas").terms]
    domains = [t.id for t in vocab.for_field("projects", "domein").terms]
    status_terms = vocab.for_field("projects", "status").terms
    statuses = [t.id for t in status_terms]
    needs_source = {t.id for t in status_terms if t.bron_nodig}
    kinds = [t.id for t in vocab.for_field("projects", "soort").terms]
    municipalities = [m.naam for m in base.register.municipalities]
    sources = list(base.sources)
    schemes = {}
    for scheme_id, scheme in base.schemes.items():
        rules = scheme.model.record_velden
        extra = {name: [t.id for t in vocab.get(vocab_id).terms] for name, vocab_id in rules.extra.items()}
        schemes[scheme_id] = (extra, scheme.model.geschiktheid)
    scheme_ids = sorted(schemes) + [None]

    rng = random.Random(seed)
    words = lexicon(rng)
    folder = content / "projects"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        place = rng.choice(municipalities)
        partners = rng.sample(municipalities, rng.choice([0, 0, 0, 1, 2]))
        partners = [p for p in partners if p != place]
        reusers = [m for m in rng.sample(municipalities, rng.choice([0, 0, 1, 2, 3])) if m != place and m not in partners]
        subject = rng.choice(SUBJECTS)
        title = f"{rng.choice(ADJECTIVES).capitalize()} {_compound(rng)} {place} {number}"
        short = f"{place} {rng.choice(VERBS)} met {rng.choice(GROUPS)} een {rng.choice(ADJECTIVES)} {subject}aanpak."[:160]
        start = rng.randint(2012, 2025)
        end = start + rng.choice([0, 0, 1, 1, 2, 3])
        scheme_id = rng.choice(scheme_ids)
        lines = ["---", "schema_versie: 1", f"titel: {_quote(title)}", f"soort: {rng.choice(kinds)}",
                 f"korte_beschrijving: {_quote(short)}", f"organisaties: {_yaml_list([place, *partners])}"]
        if scheme_id:
            lines.append(f"regeling: {scheme_id}")
            extra, rules = schemes[scheme_id]
            for name, values in sorted(extra.items()):
                lines.append(f"{name}: {rng.choice(values)}")
            if rules and rules.max_looptijd_maanden:
                end = start  # stay within the scheme's duration
        if reusers:
            lines.append(f"hergebruikt_door: {_yaml_list(reusers)}")
        chosen_themes = rng.sample(themes, rng.choice([0, 1, 1, 2]))
        if chosen_themes:
            lines.append(f"themas: {_yaml_list(chosen_themes)}")
        status, source = rng.choice(statuses), rng.choice(sources)
        lines += [f"domein: {rng.choice(domains)}",
                  f"periode: {{start: {start}, einde: {end}}}" if rng.random() < 0.8 else f"periode: {{start: {start}}}",
                  f"status: {status}"]
        if status in needs_source:  # a status says who says it; the synthetic source dates from after the end
            lines.append(f"status_bron: {{bron: {source}, datum: {end + 1}, zin: \"Synthetische bron.\"}}")
        if reusers:  # reuse, too, says where it comes from
            lines.append(f"hergebruik_bron: [{{bron: {source}, datum: {end + 1}, zin: \"Synthetische bron.\"}}]")
        lines += ["contact:",
                  f"  - naam: {_quote(rng.choice(FIRST_NAMES) + ' ' + rng.choice(LAST_NAMES))}",
                  "    rol: projectleider",
                  f"    bron_datum: {start}",
                  f"bronnen: [{source}]",
                  f"laatst_beoordeeld: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
                  "---"]
        body = []
        for heading, sentences in (("Vraagstuk", 4), ("Aanpak", 7), ("Resultaat", 5), ("Wat kunt u hergebruiken?", 3)):
            body += [f"## {heading}", "", _paragraph(rng, place, sentences, words), ""]
        (folder / f"synthetisch-{number:05d}.md").write_text("\n".join(lines + [""] + body), encoding="utf-8")


def prepare(work: Path, count: int, seed: int, base: Content) -> tuple[Path, Path]:
    """A content folder (the real content plus synthetic projects) and a mkdocs.yml beside it."""
    if work.exists():
        if any(work.iterdir()) and not (work / MARKER).exists():
            raise SystemExit(f"{work}: map is niet leeg en is geen eerdere benchmark-map; kies een andere met --out")
        shutil.rmtree(work)
    content = work / "content"
    content.mkdir(parents=True)
    (work / MARKER).write_text("werkmap van benchmarks/bench.py\n", encoding="utf-8")
    for item in (ROOT / "content").glob("*.yaml"):
        shutil.copy2(item, content / item.name)
    shutil.copytree(ROOT / "content" / "schemes", content / "schemes")
    # The real records too: scheme pages link to some of them, and they are what people search for.
    shutil.copytree(ROOT / "content" / "projects", content / "projects")
    synthesise(content, count, seed, base)
    yaml = YAML()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "kennisbank" in entry:
            entry["kennisbank"]["content"] = "content"  # resolved against this file's folder by the plugin
    with (work / "mkdocs.yml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    return content, work / "mkdocs.yml"


# ------------------------------------------------------------------ running and measuring

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def timed(command: list[str], what: str, cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{what} mislukte (code {result.returncode}):\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return seconds


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def largest_page(site: Path) -> tuple[str, int]:
    pages = [(f.stat().st_size, f) for f in site.rglob("*.html")]
    size, path = max(pages)
    return path.relative_to(site).as_posix(), size


def chromium() -> str:
    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium ontbreekt: installeer het Debian-pakket 'chromium' (make browser)")
    return path


MEASURE_SCRIPT = """() => {
    const root = document.querySelector('[data-kb-search]');
    const input = document.querySelector('#kb-q');
    window.__kbBench = {};
    input.addEventListener('keydown', () => { if (!window.__kbBench.down) window.__kbBench.down = performance.now(); },
                           {capture: true});
    new MutationObserver(() => {
        const b = window.__kbBench;
        if (b.down && !b.done) b.done = performance.now();
    }).observe(root, {attributes: true, attributeFilter: ['data-kb-listed']});
}"""


def measure_search(site: Path, first_key: str, runs: int = 3, address: str = "") -> dict:
    """First-keystroke latency and bytes, each run in a fresh browser context (cold cache).

    `address` is a query string to open the page with, such as a ticked theme (the list then comes
    from the index that counts, see zoeken.js).
    """
    from playwright.sync_api import sync_playwright

    out: dict = {"latency_ms": [], "first_bytes": [], "ready_bytes": [], "ready_ms": [], "word_ms": []}
    with serve(site) as base, sync_playwright() as playwright:
        url = f"{base}/zoeken/{address}"
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            phase = {"name": "load"}
            sizes: list[tuple[str, str, int]] = []
            page.on("requestfinished", lambda r: sizes.append((phase["name"], r.url, r.sizes()["responseBodySize"])))
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_function("() => Number(document.querySelector('[data-kb-search]').dataset.kbRendered) >= 1",
                                   timeout=60_000)
            out["ready_ms"].append((time.perf_counter() - started) * 1000)
            page.evaluate(MEASURE_SCRIPT)
            page.focus("#kb-q")
            phase["name"] = "first"
            page.keyboard.press(first_key)
            page.wait_for_function("() => window.__kbBench.done", timeout=60_000)
            out["latency_ms"].append(page.evaluate("window.__kbBench.done - window.__kbBench.down"))
            page.wait_for_function("() => document.querySelector('[data-kb-search]').dataset.kbBusy === 'false'",
                                   timeout=60_000)
            phase["name"] = "word"
            page.evaluate("""word => { const input = document.querySelector('#kb-q');
                window.__kbBench.done = 0; window.__kbBench.down = performance.now(); input.value = word;
                input.dispatchEvent(new Event('input', {bubbles: true})); }""", WORD)
            page.wait_for_function("() => window.__kbBench.done", timeout=60_000)
            out["word_ms"].append(page.evaluate("window.__kbBench.done - window.__kbBench.down"))
            out["ready_bytes"].append(sum(s for p, u, s in sizes if p == "load" and "/pagefind/" in u))
            out["first_bytes"].append(sum(s for p, u, s in sizes if p == "first" and "/pagefind/" in u))
            out.setdefault("first_files", [(u.rsplit("/", 1)[-1], s) for p, u, s in sizes
                                           if p == "first" and "/pagefind/" in u])
            out.setdefault("ready_files", [(u.rsplit("/", 1)[-1], s) for p, u, s in sizes
                                           if p == "load" and "/pagefind/" in u])
            context.close()
        browser.close()
    return out


def measure_wall(site: Path, runs: int = 3) -> dict:
    """/muur/ in fresh contexts: first contentful paint and the time until muur.js has drawn its first cards."""
    from playwright.sync_api import sync_playwright

    out: dict = {"fcp_ms": [], "ready_ms": [], "cards": 0}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{base}/muur/")
            page.wait_for_selector("[data-kb-wall-ready]", state="attached", timeout=60_000)
            out["ready_ms"].append(page.evaluate("performance.now()"))
            out["fcp_ms"].append(page.evaluate(
                "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime"))
            out["cards"] = page.locator(".kb-wallcard").count()
            out["shown"] = int(page.get_attribute("[data-kb-wall-page]", "data-kb-wall-shown") or 0)
            context.close()
        browser.close()
    return out


RELEVANCE_SCRIPT = """async query => {
    const root = document.querySelector('[data-kb-search]');
    const input = document.querySelector('#kb-q');
    const listed = Number(root.dataset.kbListed || 0);
    const started = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    while (Number(root.dataset.kbListed || 0) <= listed) await new Promise(r => setTimeout(r, 2));
    const ms = performance.now() - started;
    const paths = [...document.querySelectorAll('.kb-result__title a')].map(a => new URL(a.href).pathname);
    return {ms, paths, text: root.innerText};
}"""


def measure_relevance(site: Path) -> list[dict]:
    """The relevance set (tests/data/zoekvragen.yaml) typed into one open search page: per query the time
    to the first result list, and whether the expected record is first / in the top three. On this site
    synthetic records share the real municipalities, so "first" often means "among that place's records"."""
    from playwright.sync_api import sync_playwright
    cases = YAML(typ="safe").load((ROOT / "tests" / "data" / "zoekvragen.yaml").read_text(encoding="utf-8"))["vragen"]
    out = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{base}/zoeken/")
        page.wait_for_function("() => Number(document.querySelector('[data-kb-search]').dataset.kbRendered) >= 1",
                               timeout=60_000)
        for case in cases:
            found = page.evaluate(RELEVANCE_SCRIPT, case["vraag"])
            def path(record_id: str) -> str:
                return f"/{record_id}/" if "/" in record_id else f"/projecten/{record_id}/"
            wanted = [case["eerste"]] if case.get("eerste") else case.get("top3", [])
            hit = all(path(r) in found["paths"][:3] for r in wanted) if wanted else True
            if case.get("geen"):
                hit = hit and not any(p.startswith("/projecten/") and "synthetisch" not in p for p in found["paths"])
            if case.get("uitleg"):
                hit = hit and case["uitleg"] in found["text"]
            first = bool(case.get("eerste")) and found["paths"][:1] == [path(case["eerste"])]
            out.append({"vraag": case["vraag"], "ms": found["ms"], "top3": hit, "eerste": first,
                        "results": len(found["paths"])})
        browser.close()
    return out


# ------------------------------------------------------------------ report

def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def verdict(value: float, budget: float) -> str:
    return "PASS" if value <= budget else "OVER"


def kb(size: float) -> str:
    return f"{size / 1024:,.0f} KB".replace(",", ".")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out", help="werkmap (wordt leeggemaakt)")
    parser.add_argument("--keep", action="store_true", help="laat de werkmap staan")
    parser.add_argument("--runs", type=int, default=3, help="metingen in de browser (koude cache)")
    parser.add_argument("--measure", type=Path, metavar="SITE",
                        help="alleen de zoekmeting, op een al gebouwde site met zoekindex")
    args = parser.parse_args(argv)
    if args.measure:
        search = measure_search(args.measure.resolve(), "t", runs=args.runs)
        print(f"eerste toets: {', '.join(f'{v:.0f}' for v in search['latency_ms'])} ms; heel woord: "
              f"{', '.join(f'{v:.0f}' for v in search['word_ms'])} ms; "
              f"bytes: {', '.join(kb(v) for v in search['first_bytes'])}; bij laden {kb(max(search['ready_bytes']))}")
        relevance = measure_relevance(args.measure.resolve())
        print(f"zoekvragen: top drie {sum(c['top3'] for c in relevance)} van {len(relevance)}; tijd mediaan "
              f"{median([c['ms'] for c in relevance]):.0f} ms, max {max(c['ms'] for c in relevance):.0f} ms")
        return 0
    work = args.out.resolve()
    python = sys.executable
    total_started = time.perf_counter()

    def step(message: str) -> None:
        print(f"· {message} ({time.perf_counter() - total_started:.0f} s)", file=sys.stderr, flush=True)

    step(f"{args.records} synthetische records maken in {work}")
    started = time.perf_counter()
    base = check_content(ROOT / "content")  # the real content the corpus is spread over
    content, config = prepare(work, args.records, args.seed, base)
    synth_s = time.perf_counter() - started

    step("check")
    check_s = timed([python, "-m", "generator", "check", str(content)], "check")

    step("bouwen met onze generator (zonder zoekindex)")
    site = work / "site"
    ours_s = timed([python, "-m", "generator", "build", "--config", str(config), "--content", str(content),
                    "--site-dir", str(site), "--no-search"], "build")

    step("dezelfde pagina's exporteren en met standaard-MkDocs bouwen")
    export = work / "export"
    export_s = timed([python, "-m", "generator", "export", str(export), "--content", str(content),
                      "--config", str(config)], "export")
    stock_s = timed([python, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(export / "mkdocs.yml"),
                     "-d", str(work / "stock-site")], "stock mkdocs build", cwd=export)

    step("zoekindex met Pagefind")
    started = time.perf_counter()
    if not index_site(site):
        raise SystemExit("Pagefind mislukte")
    index_s = time.perf_counter() - started

    step("eerste zoekopdracht meten in Chromium")
    search = measure_search(site, "t", runs=args.runs)
    theme = base.vocabularies.for_field("projects", "themas").terms[0].naam
    ticked = measure_search(site, "t", runs=args.runs, address="?" + urlencode({"thema": theme}))

    step("zoekvragen (tests/data/zoekvragen.yaml) in Chromium")
    relevance = measure_relevance(site)
    step("portfoliomuur in Chromium")
    wall = measure_wall(site, runs=args.runs)
    wall_pages = sorted(((f.stat().st_size, f.relative_to(site).as_posix()) for f in (site / "muur").glob("**/index.html")
                         if "poster" not in f.parts and "hergebruik" not in f.parts), reverse=True)
    wall_size, wall_path = wall_pages[0]
    page_path, page_size = largest_page(site)
    html_pages = sum(1 for _ in site.rglob("*.html"))
    check_budget = BUDGET_CHECK_S_PER_5000 * max(args.records, 5000) / 5000
    ratio = ours_s / stock_s
    latency = median(search["latency_ms"])
    first_bytes = max(search["first_bytes"])
    total_s = time.perf_counter() - total_started

    rows = [
        ("check", f"{check_s:.2f} s", f"≤ {check_budget:.1f} s", verdict(check_s, check_budget)),
        ("bouw, onze generator", f"{ours_s:.1f} s", "", ""),
        ("bouw, standaard-MkDocs (zelfde pagina's)", f"{stock_s:.1f} s", "", ""),
        ("verhouding ons/standaard", f"{ratio:.2f}×", f"≤ {BUDGET_BUILD_RATIO}×", verdict(ratio, BUDGET_BUILD_RATIO)),
        ("zoekindex (Pagefind)", f"{index_s:.1f} s", "", ""),
        ("eerste resultaten na eerste toets (mediaan)", f"{latency:.0f} ms", f"≤ {BUDGET_FIRST_RESULT_MS} ms",
         verdict(latency, BUDGET_FIRST_RESULT_MS)),
        (f"idem, met thema '{theme}' aangevinkt", f"{median(ticked['latency_ms']):.0f} ms",
         f"≤ {BUDGET_FIRST_RESULT_MS} ms", verdict(median(ticked["latency_ms"]), BUDGET_FIRST_RESULT_MS)),
        ("overdracht eerste zoekopdracht (max)", kb(first_bytes), f"≤ {BUDGET_FIRST_SEARCH_KB} KB",
         verdict(first_bytes / 1024, BUDGET_FIRST_SEARCH_KB)),
        (f"resultaten voor een heel woord ({WORD}, mediaan)", f"{median(search['word_ms']):.0f} ms", "", ""),
        ("zoekpagina klaar: pagefind-bestanden (max)", kb(max(search["ready_bytes"])), "", ""),
        ("grootste pagina", f"{kb(page_size)} ({page_path})", f"≤ {BUDGET_LARGEST_PAGE_KB} KB",
         verdict(page_size / 1024, BUDGET_LARGEST_PAGE_KB)),
        (f"muur: grootste pagina ({len(wall_pages)} pagina's)", f"{kb(wall_size)} ({wall_path})",
         f"≤ {BUDGET_LARGEST_PAGE_KB} KB", verdict(wall_size / 1024, BUDGET_LARGEST_PAGE_KB)),
        ("muur: muur.json (gzip-loos)", kb((site / "muur" / "muur.json").stat().st_size), "", ""),
        ("muur: eerste weergave (FCP, mediaan)", f"{median(wall['fcp_ms']):.0f} ms", "", ""),
        (f"muur: eerste {wall['cards']} van {wall['shown']} kaarten getekend (mediaan)",
         f"{median(wall['ready_ms']):.0f} ms", "", ""),
    ]
    width = [max(len(row[i]) for row in rows) for i in range(4)]
    print(f"\nKennisbank-benchmark: {args.records} records (seed {args.seed}), {html_pages} HTML-pagina's, "
          f"zoekindex {kb(folder_size(site / 'pagefind'))}")
    print("  ".join(h.ljust(w) for h, w in zip(("meting", "waarde", "budget", "oordeel"), width)))
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, width)))
    print(f"\nEerste toets: {', '.join(f'{v:.0f}' for v in search['latency_ms'])} ms (met thema: "
          f"{', '.join(f'{v:.0f}' for v in ticked['latency_ms'])} ms); bytes "
          f"{', '.join(kb(v) for v in search['first_bytes'])} over {args.runs} runs met koude cache.")
    times = [case["ms"] for case in relevance]
    print(f"Zoekvragen ({len(relevance)}): verwacht record in de top drie bij "
          f"{sum(c['top3'] for c in relevance)}, als eerste bij {sum(c['eerste'] for c in relevance)} "
          f"(van {sum(1 for c in relevance if c['eerste'] or c['top3'])}); tijd tot de lijst mediaan "
          f"{median(times):.0f} ms, max {max(times):.0f} ms ({max(relevance, key=lambda c: c['ms'])['vraag']}).")
    for case in relevance:
        print(f"  {case['ms']:6.0f} ms  {'top3' if case['top3'] else 'MIS '}  {case['results']:5d}  {case['vraag']}")
    print("Eerste zoekopdracht haalt: " + ", ".join(f"{name} {kb(size)}" for name, size in search["first_files"]))
    print("Bij het laden: " + ", ".join(f"{name} {kb(size)}" for name, size in search["ready_files"]))
    print(f"Verder: synthetiseren {synth_s:.1f} s, export {export_s:.1f} s, pagina klaar "
          f"{min(search['ready_ms']):.0f} ms; totale looptijd {total_s:.0f} s.")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
