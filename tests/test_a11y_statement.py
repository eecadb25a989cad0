"""The accessibility statement (/toegankelijkheid/) tells the truth about its tests, and every page links it.

The statement's list of automatic checks is data (generator/features/toegankelijkheid/verklaring.yaml);
each check names the tests that run it. A named test that does not exist, or a gate without a
check on the page, fails here: the page can only promise what `make test` does.
"""

from __future__ import annotations

import ast
import re
from html import unescape

from conftest import ROOT
from generator.features.toegankelijkheid.toegankelijkheid import statement


def functions_in(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def named_tests() -> list[str]:
    return [test for check in statement()["automatisch"] for test in check["tests"]]


def test_every_test_the_statement_names_exists():
    missing = []
    for test in named_tests():
        path, _, name = test.partition("::")
        if not (ROOT / path).is_file() or name not in functions_in(path):
            missing.append(test)
    assert missing == []


def test_every_gate_of_issue_17_is_on_the_statement():
    """The other way round: each accessibility gate module has at least one test the statement names."""
    named = {test.partition("::")[0] for test in named_tests()}
    gates = {"tests/browser/test_a11y.py", "tests/test_a11y_html.py", "tests/test_a11y_links.py"}
    assert gates <= named, gates - named
    browser_gates = {name for name in functions_in("tests/browser/test_a11y.py")
                     if not name.startswith("test_the_gates_fail") and not name.startswith("test_former")}
    listed = {test.partition("::")[2] for test in named_tests() if test.startswith("tests/browser/test_a11y.py")}
    assert browser_gates == listed


def test_the_statement_page_shows_status_checks_problems_contact_and_date(built_site):
    html = (built_site / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    text = re.sub(r"\s+", " ", text)
    data = statement()
    assert f"Status {data['status']['code']}: {data['status']['naam']}" in text
    for check in data["automatisch"] + data["handmatig"]:
        assert check["naam"] in text, check["naam"]
    for problem in data["problemen"]:
        assert problem["criterium"] in text
    assert 'id="contact"' in html and "/issues/new" in html
    assert "Deze verklaring is opgesteld op" in text


def test_every_page_links_the_statement_in_its_footer(built_site):
    without = []
    for page in sorted(built_site.rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        footer = page.read_text(encoding="utf-8").rsplit('<footer class="md-footer">', 1)
        link = r'href="\./"' if page.parent.name == "toegankelijkheid" else r'href="[^"]*toegankelijkheid/"'
        if len(footer) < 2 or not re.search(link + r">Toegankelijkheidsverklaring<", footer[1]):
            without.append(str(page.relative_to(built_site)))
    assert without == []
