"""Shared fixtures: the real site built once per session, served on loopback, and Chromium.

Browser tests use Debian's Chromium through Playwright (browser downloads are not
possible here). In CI (CI=true) a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"

TODAY = "2026-12-01"
"""The date `check` takes as today in every test and every command a test starts (core/clock.py):
expected warnings about stale contacts and old reviews must not change as the years pass."""
os.environ["KENNISBANK_VANDAAG"] = TODAY
SHARED = Path(os.environ.get("KENNISBANK_SHARED") or ROOT.parent / "shared")
"""The project's shared material next to the checkout (../shared), or the folder KENNISBANK_SHARED names.

Only an override: what the tests need is committed under tests/data/. Set KENNISBANK_SHARED to a
folder that does not exist to run the suite as a fresh clone without ../shared does."""
ARTIFACTS = ROOT / "test-artifacts"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def run_generator(*args: str, cwd: Path = ROOT, check: bool = False, env: dict | None = None,
                  timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run `python -m generator …` as a user would, capturing output (UTF-8: the messages are Dutch)."""
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", check=check, env=full_env, timeout=timeout)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's own content built with search, exactly as `make site` does it."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_generator("build", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A folder on an ephemeral loopback port, quietly; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site on an ephemeral loopback port, for the whole session."""
    with serve(built_site) as url:
        yield url


def require_chromium() -> str:
    """Chromium's path; a missing browser fails in CI and skips elsewhere."""
    path = chromium_path()
    if path is None:
        if IN_CI:
            pytest.fail("Chromium ontbreekt in CI: installeer het Debian-pakket 'chromium' (make browser)")
        pytest.skip("Chromium ontbreekt (installeer het Debian-pakket 'chromium')")
    return path


@pytest.fixture(scope="session")
def browser():
    path = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        pytest.fail("node_modules/axe-core ontbreekt: draai 'make test' (npm ci) eerst")
    return path.read_text(encoding="utf-8")


def inject_axe(page, axe_source: str) -> None:
    """axe-core into the page through the debugging protocol; a <script> would be refused by the site's CSP."""
    page.evaluate(axe_source + "\n;0")


WCAG_21 = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
WCAG_22 = (*WCAG_21, "wcag22aa")


def run_axe(page, axe_source: str, tags: tuple[str, ...] = WCAG_21) -> list[dict]:
    """axe-core's violations of the rules with these tags on the current page (WCAG 2.1 A/AA by default)."""
    inject_axe(page, axe_source)
    return page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""", list(tags))


@pytest.fixture(scope="session")
def catalog():
    """The catalogue of the repository's own content: what the site should show."""
    from generator.catalog.catalog import build_catalog
    from generator.validate.check import check_content

    return build_catalog(check_content(ROOT / "content"))


# ------------------------------------------------------------------ the calculator core in Node

BRIDGE = ROOT / "tests" / "js" / "call-core.mjs"


VECTORS_COPY = DATA / "calculator-vectors.json"
"""A copy of ../shared/testdata/calculator-vectors.json, so the calculator tests run in a fresh clone."""


def vectors_path() -> Path:
    """The calculator's contract: the file named by CALCULATOR_VECTORS, else the shared vectors when
    ../shared is there, else the committed copy in tests/data/."""
    if os.environ.get("CALCULATOR_VECTORS"):
        return Path(os.environ["CALCULATOR_VECTORS"])
    shared = SHARED / "testdata" / "calculator-vectors.json"
    return shared if shared.is_file() else VECTORS_COPY


def node_executable() -> str:
    found = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
    if found is None:
        message = "Node.js ontbreekt; de rekenkern draait in Node"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def _revive(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$bigint"}:
            return int(value["$bigint"])
        return {k: _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    return value


def call_core(calls: list[tuple[str, list[Any]]], core: Path | None = None) -> list[dict[str, Any]]:
    """Call core functions in one Node process; each result is {'value': ...} or {'error': {...}}."""
    payload = json.dumps({"calls": [{"fn": fn, "args": args} for fn, args in calls]})
    command = [node_executable(), str(BRIDGE)] + ([str(core)] if core else [])
    done = subprocess.run(command, input=payload, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    # Strict parsing: NaN or Infinity in the output would be a bug, not a value.
    results = json.loads(done.stdout, parse_constant=lambda name: pytest.fail(f"{name} in uitvoer van de kern"))
    assert len(results) == len(calls)
    return [_revive(r) for r in results]


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/pages from the current output")
