"""A page per former municipality (dissolved since 2015, from the register): /gemeenten/geldermalsen/
says where Geldermalsen went and links to its successor's page, so an old link or a typed address
is no 404. With exactly one successor that has a page, a meta refresh (no script, so no CSP hash)
sends browsers and link checkers straight on; people whose browser ignores it read the link.

A former name whose slug is a current municipality's is left to that municipality's page; a name
used twice (reused after an earlier merger) gets the page of its latest use, as the register
resolves it.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from markupsafe import escape

from generator.catalog.facets import MUNICIPALITIES
from generator.core.dutch import date_text
from generator.core.paths import relative
from generator.core.text import slugify
from generator.features import FeatureContext


def files(context: FeatureContext) -> dict[str, str | bytes]:
    register = context.catalog.content.register
    facet = context.catalog.facets.get(MUNICIPALITIES)
    if register is None or facet is None or not facet.pad:
        return {}
    latest = {}
    for former in sorted(register.former, key=lambda f: f.einddatum):
        slug = slugify(former.naam)
        if register.by_slug(slug) is None:
            latest[slug] = former
    pages = {}
    for slug, former in sorted(latest.items()):
        here = f"{facet.pad}/{slug}.md"
        successors = []
        for code in former.opvolgers:
            municipality = register.by_code(code)
            value = facet.value(municipality.slug)
            target = f"{facet.pad}/{municipality.slug}.md" if value is not None and value.record_ids else None
            successors.append((municipality.naam, relative(here, target) if target else None))
        pages[here] = _page(former.naam, date_text(former.einddatum), successors,
                            relative(here, f"{facet.pad}/index.md"), relative(here, "zoeken/index.md"))
    return pages


def _page(name: str, since: str, successors: list[tuple[str, str | None]], index: str, search: str) -> str:
    """The Markdown page: values escaped as the renderer escapes them (render/renderer.py, yaml_string)."""
    with_page = [link for _, link in successors if link]
    refresh = with_page[0] if len(successors) == 1 and len(with_page) == 1 else None
    names = [str(escape(n)) for n, _ in successors]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    lines = ["---", f"title: {json.dumps(str(escape(name + ' (voormalige gemeente)')), ensure_ascii=False)}"]
    if refresh:
        lines.append(f"kb_doorverwijzing: {json.dumps(refresh)}")
    lines += ["---", "", f"<h1>{escape(name)}</h1>", "",
              f'<p class="kb-lead">{escape(name)} is geen gemeente meer. Sinds {since} valt het gebied onder '
              f'de gemeente{"n" if len(names) > 1 else ""} {joined} (CBS-gemeenteregister).</p>', ""]
    items = []
    for successor, link in successors:
        if link:
            items.append(f'<li><a href="{link}">Praktijkvoorbeelden van {escape(successor)}</a></li>')
        else:
            items.append(f"<li>Van {escape(successor)} staan nog geen praktijkvoorbeelden in de kennisbank.</li>")
    items.append(f'<li><a href="{index}">Alle gemeenten</a></li>')
    items.append(f'<li><a href="{search}?q={quote(name)}">Zoeken op {escape(name)}</a></li>')
    lines += ['<ul>', *items, '</ul>', ""]
    return "\n".join(lines)
