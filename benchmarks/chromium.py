"""The browser half of `make bench`: the first search, the relevance set and the wall, in headless Chromium.

- the search page (/zoeken/): time from the first keystroke to the first result list on screen
  (`data-kb-listed`), also with a theme ticked, and the bytes that first search fetches from
  pagefind/ (index chunks, fragments; the wasm, entry and filters load with the page and are
  counted apart); each run in a fresh browser context, so with a cold cache;
- the relevance set (tests/data/zoekvragen.yaml) typed into one open search page;
- the portfolio wall (/muur/): first contentful paint and the time until muur.js drew its first cards.

The browser and the static server are the ones the tests use (tests/conftest.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402  (the browser and server the tests use)

WORD = "samenwerking"  # a whole word typed at once, for comparison (no budget)


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
            page.on("requestfinished", lambda r: sizes.append((phase["name"], r.url, max(0, r.sizes()["responseBodySize"]))))
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


def browser_figures(site: Path, runs: int, theme: str) -> dict:
    """Every browser figure of the table, measured on one built site with its search index."""
    search = measure_search(site, "t", runs=runs)
    ticked = measure_search(site, "t", runs=runs, address="?" + urlencode({"thema": theme}))
    relevance = measure_relevance(site)
    wall = measure_wall(site, runs=runs)
    wall_pages = sorted(((f.stat().st_size, f.relative_to(site).as_posix()) for f in (site / "muur").glob("**/index.html")
                         if "poster" not in f.parts and "hergebruik" not in f.parts), reverse=True)
    return {"search": search, "ticked": ticked, "theme": theme, "relevance": relevance, "wall": wall,
            "wall_pages": wall_pages, "wall_json": (site / "muur" / "muur.json").stat().st_size}
