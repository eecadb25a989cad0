"""A site built from legitimate but nasty content, in real Chromium: nothing executes, the text shows literally.

And the Content-Security-Policy as the second line of defence: a script that got into a built
page anyway (as if the sanitiser had failed) does not run under the policy, and does run
without it, so the test proves the policy is what stops it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import screenshot, serve

NASTY_TITLE = "R&D \u200f<b>vet</b>\u200f & \"quotes\" {{ 7*7 }} {% raw %}"
NASTY_BODY = """\
## Kop met `<script>` en & en "aanhalingstekens"

Tekst met {{ 7*7 }}, {% if x %}, een &amp; die als & verschijnt, en `<img src=x onerror=alert(1)>` als code.

Arabisch en Hebreeuws: \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627, met een \u200f-teken.

```
<script>alert('code')</script>
```

| Kolom <1> | Bedrag |
|---|--:|
| a \\| b | 10 |

Zie [het andere record](minimaal-record.md).
"""

RECORD = """\
---
schema_versie: 1
titel: {title}
soort: project
korte_beschrijving: "Een beschrijving met <script>alert('x')</script> en {{{{ 1+1 }}}}."
organisaties: [Leiden]
status: onbekend
bronnen: [ao-fonds-subsidie-2019]
laatst_beoordeeld: 2026-11-23
---
{body}"""


@pytest.fixture(scope="module")
def nasty_site(tmp_path_factory) -> Path:
    from test_site import build, make_project

    tmp = tmp_path_factory.mktemp("nasty")
    project = make_project(tmp)
    record = RECORD.format(title='"' + NASTY_TITLE.replace('"', '\\"') + '"', body=NASTY_BODY)
    (project / "content" / "projects" / "nare-tekens.md").write_text(record, encoding="utf-8")
    site = tmp / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def open_page(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    tab = context.new_page()
    events = {"dialogs": [], "violations": [], "errors": []}
    tab.on("dialog", lambda dialog: (events["dialogs"].append(dialog.message), dialog.dismiss()))
    tab.on("console", lambda message: events["violations"].append(message.text)
           if "Content Security Policy" in message.text else None)
    tab.on("pageerror", lambda error: events["errors"].append(str(error)))
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    return context, tab, events


def test_nasty_text_shows_literally_and_nothing_runs(browser, nasty_site):
    with serve(nasty_site) as url:
        context, tab, events = open_page(browser, f"{url}/projecten/nare-tekens/")
        assert tab.locator("h1").inner_text() == NASTY_TITLE
        assert "<script>alert('x')</script> en {{ 1+1 }}" in tab.locator(".kb-lead").inner_text()
        body = tab.locator(".kb-tekst")
        assert body.locator("h2").inner_text() == 'Kop met <script> en & en "aanhalingstekens"'
        assert "Tekst met {{ 7*7 }}, {% if x %}, een & die als & verschijnt" in body.inner_text()
        assert body.locator("code").first.inner_text() == "<script>"
        assert body.locator("pre").inner_text().strip() == "<script>alert('code')</script>"
        assert body.locator("th").first.inner_text() == "Kolom <1>"
        assert body.locator("td").first.inner_text() == "a | b"
        assert body.locator("td").nth(1).evaluate("cell => getComputedStyle(cell).textAlign") == "right"
        assert body.get_by_role("link", name="het andere record").get_attribute("href") == "../minimaal-record/"
        toc = tab.locator("nav.md-nav--secondary")
        assert toc.get_by_role("link").first.get_attribute("href") == "#kop-met-script-en-en-aanhalingstekens"
        # The one script is our schema.org data block (render/linked_data.py): JSON, never run.
        assert tab.locator(".md-content").locator("script:not([type=\"application/ld+json\"]), iframe, img, svg, object").count() == 0
        assert tab.locator(".md-content script[type=\"application/ld+json\"]").count() == 1
        assert events == {"dialogs": [], "violations": [], "errors": []}
        screenshot(tab, "nare-tekens")
        body.get_by_role("link", name="het andere record").click()
        tab.wait_for_url(re.compile(r"/projecten/minimaal-record/$"))
        context.close()


def test_every_page_kind_runs_under_the_policy_without_a_violation(browser, nasty_site):
    pages = ["", "projecten/", "projecten/nare-tekens/", "themas/", "gemeenten/", "regelingen/", "rekenhulp/",
             "zoeken/", "over/", "404.html"]
    with serve(nasty_site) as url:
        for path in pages:
            context, tab, events = open_page(browser, f"{url}/{path}")
            meta = tab.locator('meta[http-equiv="Content-Security-Policy"]')
            assert meta.count() == 1, path
            assert "script-src 'self'" in meta.get_attribute("content")
            assert events == {"dialogs": [], "violations": [], "errors": []}, path
            context.close()


@pytest.mark.parametrize("with_policy", [True, False], ids=["met-csp", "zonder-csp"])
def test_the_policy_stops_a_script_that_got_into_a_page(browser, nasty_site, tmp_path, with_policy):
    site = tmp_path / "site"
    page = site / "projecten" / "nare-tekens" / "index.html"
    page.parent.mkdir(parents=True)
    html = (nasty_site / "projecten" / "nare-tekens" / "index.html").read_text(encoding="utf-8")
    if not with_policy:
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    injected = ('<img src="x" onerror="document.title=\'gekaapt\'">'
                '<script>document.documentElement.dataset.gekaapt = "ja"</script>')
    page.write_text(html.replace('<div class="kb-tekst">', '<div class="kb-tekst">' + injected), encoding="utf-8")
    with serve(site) as url:
        context, tab, events = open_page(browser, f"{url}/projecten/nare-tekens/")
        hijacked = tab.title() == "gekaapt" or tab.evaluate("document.documentElement.dataset.gekaapt") == "ja"
        assert hijacked is not with_policy
        assert bool(events["violations"]) is with_policy
        context.close()
