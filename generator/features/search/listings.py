"""The list of all practices in another order, without JavaScript: /zoeken/nieuwste-eerst/ and
/zoeken/meest-hergebruikt/, the static counterparts of the search page's `sorteer=nieuw` and
`sorteer=hergebruik`. The overview /projecten/ itself is the title order (A–Z); its template
(generator/render/templates/listing.md.j2) links the three orders and marks the current one.

Same template, same pages of 50 and same cards as /projecten/ (the renderer's `listing`), with the
same keys the search page sorts on (overrides/main.html and record.md.j2: `datum`, `hergebruik`),
ties in title order. Only the first SORTED_PAGES pages are made: the front of a sorted list is what
people read, every page is build time (issue 18), and the whole catalogue stays browsable in title
order and sortable on the search page; the last page says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.catalog.catalog import Catalog, reuse_count
from generator.features import FeatureContext
from generator.model.content import Record
from generator.render.renderer import PAGE_SIZE, Renderer

SORTED_PAGES = 4  # pages of 50 per order: the newest / most reused 200 records


@dataclass(frozen=True)
class Order:
    key: str  # the search page's `sorteer` value
    slug: str  # the page's name under zoeken/
    label: str  # as in the "Sorteren:" links and the page title


ORDERS = (Order("nieuw", "nieuwste-eerst", "nieuwste eerst"), Order("hergebruik", "meest-hergebruikt", "meest hergebruikt"))


def start(record: Record) -> str:
    """The search page's `datum` key: start of the period, else its end; '' without either (last)."""
    period = getattr(record.model, "periode", None)
    return str((period.start or period.einde) or "") if period else ""


def ordered(catalog: Catalog, key: str) -> list[Record]:
    """All records in the order `key`, ties in title order (the sort is stable)."""
    by_title = catalog.sorted_projects()
    if key == "nieuw":
        return sorted(by_title, key=start, reverse=True)
    return sorted(by_title, key=reuse_count, reverse=True)


def page_path(order: Order, number: int) -> str:
    return f"zoeken/{order.slug}.md" if number == 1 else f"zoeken/{order.slug}/pagina-{number}.md"


def files(context: FeatureContext) -> dict[str, str]:
    catalog = context.catalog
    renderer = Renderer(catalog, context.settings)
    pages: dict[str, str] = {}
    for order in ORDERS:
        records = ordered(catalog, order.key)
        shown = records[:SORTED_PAGES * PAGE_SIZE]
        pages.update(renderer.listing(page_path(order, 1), shown, lambda n, o=order: page_path(o, n),
                                      f"Alle praktijkvoorbeelden, {order.label}",
                                      {"sort": order.key, "all_total": len(records)}))
    return pages
