"""`make wall-pdf`: the poster view of a built site printed to PDF by headless Chromium.

    python -m generator.features.muur.pdf --site-dir build/wall-site --out build/posters [--per thema|provincie]

One PDF per format (A3 and A0, landscape and portrait): a cover sheet, then one page per sheet of
cards, so a PDF has 1 + ceil(cards / cards per sheet) pages. `--per thema` or `--per provincie`
makes one PDF per theme or province and format instead. The page sizes come from the poster's CSS
(@page per format), so what Chromium prints is what the browser's own print dialog would.
Needs Playwright and a Chromium (as the browser tests do); the site needs `site_url` for QR codes.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import sys
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

from generator.features.muur.muur import DATA, FORMATS

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "zonder"


def posters(site_dir: Path, per: str | None) -> list[tuple[str, dict[str, str]]]:
    """(file name, poster query) for every PDF to print."""
    cards = json.loads((site_dir / DATA).read_text(encoding="utf-8"))["kaarten"]
    jobs = []
    for key in FORMATS:
        if per is None:
            jobs.append((f"muur-{key}.pdf", {"formaat": key}))
        elif per == "thema":
            for theme in dict.fromkeys(card["th"] for card in cards):
                if theme:
                    jobs.append((f"muur-{key}-thema-{theme}.pdf", {"formaat": key, "thema": theme}))
        else:
            for province in sorted(set(card["p"] for card in cards)):
                jobs.append((f"muur-{key}-provincie-{slug(province)}.pdf", {"formaat": key, "provincie": province}))
    return jobs


def print_posters(site_dir: Path, out: Path, per: str | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    path = chromium()
    if path is None:
        raise SystemExit("muur-pdf: Chromium ontbreekt (installeer het Debian-pakket 'chromium', make browser)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with served(site_dir) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name, query in posters(site_dir, per):
            page.goto(f"{url}/muur/poster/?{urlencode(query)}")
            page.wait_for_selector("[data-kb-poster-ready]", state="attached", timeout=120_000)
            target = out / name
            page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
            sheets = page.get_attribute("[data-kb-poster]", "data-kb-poster-sheets")
            print(f"{target}: {sheets} pagina's", file=sys.stderr)
            written.append(target)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="muur-pdf", description="De portfoliomuur als PDF-posters (A3 en A0).")
    parser.add_argument("--site-dir", type=Path, required=True, help="een gebouwde site (python -m generator build)")
    parser.add_argument("--out", type=Path, default=Path("build/posters"), help="map voor de PDF's")
    parser.add_argument("--per", choices=("thema", "provincie"), help="één poster per thema of per provincie")
    args = parser.parse_args(argv)
    if not (args.site_dir / DATA).is_file():
        print(f"muur-pdf: {args.site_dir} is geen gebouwde site met een muur ({DATA} ontbreekt)", file=sys.stderr)
        return 2
    print_posters(args.site_dir, args.out, args.per)
    return 0


if __name__ == "__main__":
    sys.exit(main())
