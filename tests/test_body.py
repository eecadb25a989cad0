"""Record bodies as the site publishes them: rendered once, sanitised to an allowlist, and every
removal reported by `check` (the exact diagnostics of the hostile corpus are in
tests/data/invalid/projects/aanval-*.md and their `.expected` files, run by test_check.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from generator.core import paths
from generator.validate import schemes
from generator.validate.body import DENSE_FROM, RESERVED_IDS, render_body
from generator.validate.sanitise import sanitise
from generator.load.files import load_file
from generator.site import generate

INVALID = ROOT / "tests" / "data" / "invalid" / "projects"
HOSTILE = sorted(INVALID.glob("aanval-*.md")) + [INVALID / f"tekst-{name}.md" for name in (
    "script", "iframe", "data-url", "javascript-link", "javascript-verstopt", "on-attribuut", "on-attribuut-slash",
    "link-naar-onbekende-pagina")]
PAGE = "projecten/voorbeeld.md"
INERT_ELEMENTS = {"p", "a", "img", "h2", "h3", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong",
                  "br", "hr", "table", "thead", "tbody", "tr", "th", "td", "details", "summary"}


class ActiveParts(HTMLParser):
    """Everything in published HTML that could run, load, track or restyle: written apart from body.py on purpose."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in INERT_ELEMENTS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in ("style", "ping", "target", "srcset") or name.startswith("data-"):
                self.found.append(f"{tag}[{name}]")
            elif name == "id" and (tag not in ("h2", "h3") or value.startswith("_")):
                self.found.append(f"{tag}[id={value}]")
            elif name in ("href", "src") and not re.match(r"https://|mailto:|(?![a-z][a-z0-9+.-]*:|//)", value):
                self.found.append(f"{tag}[{name}={value}]")
            elif name == "src" and value.startswith("https:"):
                self.found.append(f"{tag}[{name}={value}]")


def active_parts(html: str) -> list[str]:
    parser = ActiveParts()
    parser.feed(html)
    parser.close()
    return parser.found


def body_of(path: Path) -> tuple[str, int]:
    loaded, _ = load_file(path, path.name)
    assert loaded is not None
    return loaded.body, loaded.body_line


def test_the_gate_is_what_stops_an_unsafe_body():
    unsafe = 'Tekst.\n\n<img src="x" onerror="alert(1)">\n\n[klik](javascript:alert(2))\n'
    open_gate = render_body(unsafe, 1, PAGE, gate=False)
    assert open_gate.problems == ()
    assert active_parts(open_gate.html) == ["img[onerror]", "a[href=javascript:alert(2)]"]
    closed = render_body(unsafe, 1, PAGE)
    assert [(p.line, p.col) for p in closed.problems] == [(3, 14), (5, 8)]
    assert active_parts(closed.html) == []


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_body_is_refused_and_what_would_be_published_is_inert(path):
    body, line = body_of(path)
    rendered = render_body(body, line, PAGE)
    if path.stem != "tekst-link-naar-onbekende-pagina":  # a missing page is found across records, not here
        assert rendered.problems, "check laat deze tekst door"
    assert active_parts(rendered.html) == [], rendered.html
    assert sanitise(rendered.html, frozenset(h.id for h in rendered.headings)) == rendered.html


def test_every_record_of_the_content_is_published_unchanged_by_the_sanitiser():
    generated = generate(ROOT / "content")
    assert generated.ok
    records = [*generated.catalog.projects.values(), *generated.catalog.schemes.values()]
    assert len(records) > 20
    for record in records:
        html = record.rendered.html
        assert record.rendered.problems == ()
        assert sanitise(html, frozenset(h.id for h in record.rendered.headings)) == html, record.id
        assert [f'<h{h.level} id="{h.id}">' in html for h in record.rendered.headings].count(False) == 0


def test_markdown_shapes_come_out_as_expected():
    body = ("## Aanpak\n\nMet **vet**, *schuin*, `code` en [een bron](https://example.org \"titel\").\n\n"
            "| Post | Bedrag |\n|:--|--:|\n| Training | 1.000 |\n\n"
            "Naar [Signalen](../projecten/signalen.md#resultaat), de [rekenhulp](../rekenhulp/index.md) "
            "en [mail](mailto:info@example.nl).\n\n## Aanpak\n\n### Verwant\n\n```\n<script>alert(1)</script>\n```\n")
    rendered = render_body(body, 11, PAGE)
    assert rendered.problems == ()
    html = rendered.html
    assert '<th class="kb-links">Post</th>' in html and '<td class="kb-rechts">1.000</td>' in html
    assert '<a href="../signalen/#resultaat">Signalen</a>' in html
    assert '<a href="../../rekenhulp/">rekenhulp</a>' in html
    assert '<a href="mailto:info@example.nl">mail</a>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert [(h.level, h.id) for h in rendered.headings] == [(2, "aanpak"), (2, "aanpak-2"), (3, "verwant-2")]
    assert [(link.target, link.line) for link in rendered.links] == [
        ("projecten/signalen.md", 19), ("rekenhulp/index.md", 19)]


def test_heading_ids_never_take_a_name_the_page_or_theme_uses():
    rendered = render_body("## __config\n\n## Kerngegevens\n\n## \u202e\n", 1, PAGE)
    ids = [h.id for h in rendered.headings]
    assert ids == ["config", "kerngegevens-2", "kop"]
    assert not any(i.startswith("_") for i in ids)


def test_reserved_ids_cover_every_id_the_record_and_scheme_templates_give():
    templates = [ROOT / "generator" / "render" / "templates" / name for name in ("record.md.j2", "scheme.md.j2", "_macros.j2")]
    used = {m for t in templates for m in re.findall(r'\bid="([a-z0-9-]+)"', t.read_text(encoding="utf-8"))}
    assert used, "geen id's gevonden: klopt het patroon nog?"
    assert used <= RESERVED_IDS, used - RESERVED_IDS


@pytest.mark.parametrize("unit, reason", [
    ("[", "opmaaktekens"), ("![[", "opmaaktekens"), ("[a](", "opmaaktekens"), ("*a", "opmaaktekens"),
    ("a_", "opmaaktekens"), ("`a", "opmaaktekens"), ("<a ", "opmaaktekens"), ("~~a", "opmaaktekens"),
    ("\\[", "opmaaktekens"), ("x\n\n", "korte regels"), ("a  \n", "korte regels"), ("|a|\n|-|\n", "korte regels"),
    ("## a\n", "korte regels")])
def test_a_body_that_would_render_slowly_is_refused_before_it_is_parsed(unit, reason):
    body = unit * (40_000 // len(unit))
    rendered = render_body(body, 11, PAGE)
    assert len(rendered.problems) == 1
    assert rendered.problems[0].line == 11 and reason in rendered.problems[0].message
    assert rendered.html == ""


def test_many_equal_headings_get_numbered_ids():
    rendered = render_body("## Stap\n\nWat er in deze stap gebeurde, in een gewone alinea.\n\n" * 1_000, 1, PAGE)
    ids = [h.id for h in rendered.headings]
    assert ids[:3] == ["stap", "stap-2", "stap-3"] and ids[-1] == "stap-1000" and len(set(ids)) == 1_000


def test_long_ordinary_prose_with_links_is_accepted():
    paragraph = ("De gemeente werkte samen met [de regio](https://example.org) aan **betere** dienstverlening; "
                 "medewerkers leerden van elkaar en van inwoners. ")
    body = "\n\n".join([paragraph * 3] * 120)
    assert len(body) > 20 * DENSE_FROM
    rendered = render_body(body, 11, PAGE)
    assert rendered.problems == ()
    assert rendered.html.count("<p>") == 120


def test_site_pages_that_records_may_link_to_exist():
    generated = generate(ROOT / "content")
    published = set(generated.files) | {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert set(paths.SITE_PAGES) <= published, set(paths.SITE_PAGES) - published
    records = [schemes.Checked(r.kind, r.id, r.path, None, r) for r in generated.content.projects.values()]
    listings = schemes.listing_pages(generated.content, records)
    assert {"themas/index.md", "provincies/zuid-holland.md", "gemeenten/leiden.md"} <= listings
    assert listings <= published, listings - published
