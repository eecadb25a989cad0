"""Personal data on a built site, in real Chromium: a contact's e-mail address is on its page, never in search.

The golden records hold contacts confirmed at their last review, so their addresses are shown as
links; the search index must still not find them (contact blocks are data-pagefind-ignore), and the
names file of the search feature holds no address. A word from the same record's summary is found,
which shows the search itself works: the gate fails when contact blocks are indexed.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest

from conftest import run_generator, screenshot, serve

ADDRESS = "a.voorbeeld@example.nl"
"""The confirmed contact's address in tests/golden/content/projects/volledig-record.md."""


@pytest.fixture(scope="module")
def searchable_site(tmp_path_factory) -> Path:
    from test_site import make_project

    tmp = tmp_path_factory.mktemp("privacy")
    project = make_project(tmp)
    site = tmp / "site"
    result = run_generator("build", "--content", str(project / "content"), "--config", str(project / "mkdocs.yml"),
                           "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def search(page, url: str, query: str) -> list[str]:
    """The result titles for `query` on /zoeken/, after the search has rendered."""
    page.goto(f"{url}/zoeken/?" + urlencode({"q": query}))
    page.wait_for_function("""() => { const r = document.querySelector('[data-kb-search]');
                                      return Number(r.dataset.kbRendered || 0) > 0 && r.dataset.kbBusy === 'false'; }""")
    return page.locator(".kb-result__title").all_inner_texts()


def test_a_shown_address_is_not_found_by_search(page, searchable_site):
    record = (searchable_site / "projecten" / "volledig-record" / "index.html").read_text(encoding="utf-8")
    assert f'href="mailto:{ADDRESS}"' in record, "the confirmed address is on the page"
    with serve(searchable_site) as url:
        assert search(page, url, "veld") == ["Samen leren in de regio"], "a word of the summary finds the record"
        assert search(page, url, ADDRESS) == []
        # Pagefind splits an address into words; another page may hold one of them, the contact's record not.
        for query in ("voorbeeld@example.nl", "example.nl", "x@example.nl"):
            assert "Samen leren in de regio" not in search(page, url, query), query
            assert not any(title.startswith("R&D") for title in search(page, url, query)), query
        screenshot(page, "zoeken-e-mailadres")


def test_the_names_file_of_search_holds_no_address(searchable_site):
    found = list(searchable_site.rglob("zoeknamen*.json"))
    assert found, f"geen zoeknamen.json in {searchable_site}"
    for path in found:
        text = path.read_text(encoding="utf-8")
        assert json.loads(text) and "@" not in text, path
