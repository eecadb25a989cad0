"""Rendering: a pure function from the catalogue to pages, `{relative path: Markdown}`.

Pages are Markdown that any Material-compatible engine builds. Every value that comes
from front matter lands inside raw HTML blocks, escaped by Jinja's autoescape, so it can
neither run as HTML nor be read as Markdown or template syntax; only the record body,
checked by the validator, is passed through as Markdown. Links between generated pages
are relative, so the site works under any base path.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.validate.body import outline
from generator.catalog.facets import DOMAINS, MUNICIPALITIES, PROVINCES, SCHEMES, STATUSES, THEMES
from generator.catalog.catalog import Catalog, reuse_count
from generator.catalog.facets import Facet, FacetValue
from generator.core.dutch import date_text, deadline_text, euro, period_text
from generator.core.paths import project_path, relative, scheme_path
from generator.render import linked_data
from generator.render.settings import SiteSettings
from generator.model.content import Record

PAGE_SIZE = 50




def share_text(share: str | None) -> str:
    if not share:
        return ""
    fraction = Fraction(share)
    percent = fraction * 100
    shown = f"{percent.numerator // percent.denominator}" if percent.denominator == 1 else f"{float(percent):.1f}".replace(".", ",")
    return f"{share} ({shown} %)"


def facet_path(facet: Facet, slug: str | None = None, page: int = 1) -> str:
    if slug is None:
        return f"{facet.pad}/index.md"
    return f"{facet.pad}/{slug}.md" if page == 1 else f"{facet.pad}/{slug}/pagina-{page}.md"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        autoescape=True,  # every template, including .md.j2: values are HTML-escaped unless marked safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        dutch_date=date_text,
        deadline=deadline_text,
        euro=euro,
        share=share_text,
        yaml_string=lambda text: Markup(json.dumps(str(escape(text)), ensure_ascii=False)),
        windows_json=lambda windows: escape(json.dumps([{"van": w.van, "tot": w.tot, "tijd": w.tijd} for w in windows],
                                                       ensure_ascii=False, separators=(",", ":"))),
        outline_json=lambda rendered: Markup(json.dumps(_escaped_outline(outline(rendered.headings)),
                                                        ensure_ascii=False)),
    )
    return env


def _escaped_outline(items: list[dict]) -> list[dict]:
    """Front matter strings stay HTML-escaped, as `yaml_string` leaves them (see overrides/partials/toc.html)."""
    return [{**item, "titel": str(escape(item["titel"])), "onder": _escaped_outline(item["onder"])} for item in items]


def _pages(items: list, size: int = PAGE_SIZE) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


class Renderer:
    """Holds the catalogue and the template environment for one render."""

    def __init__(self, catalog: Catalog, settings: SiteSettings):
        self.catalog = catalog
        self.settings = settings
        self.env = _environment()
        self.env.globals.update(link=self.link, facets=catalog.facets, settings=settings)

    def link(self, here: str, there: str) -> str:
        return relative(here, there)

    def render(self, template: str, here: str, **context) -> str:
        return self.env.get_template(template).render(here=here, **context)

    # -------------------------------------------------------------- record helpers

    def card(self, record: Record) -> dict:
        """What a listing shows of a record."""
        model = record.model
        themes = self.catalog.facets.get(THEMES)
        return {
            "path": project_path(record.id),
            "titel": model.titel,
            "korte_beschrijving": model.korte_beschrijving,
            "organisaties": [a.naam for a in record.builders],
            "periode": period_text(model.periode),
            "themas": [v.naam for v in themes.for_record(record.id)] if themes else [],
        }

    def edit_url(self, record: Record, folder: str) -> str | None:
        if not self.settings.repo_url:
            return None
        return (f"{self.settings.repo_url.rstrip('/')}/edit/{self.settings.edit_branch}/"
                f"{self.settings.content_path}/{folder}/{record.path.rsplit('/', 1)[-1]}")

    # -------------------------------------------------------------- pages

    def record_page(self, record: Record) -> str:
        here = project_path(record.id)
        catalog = self.catalog
        model = record.model
        facet_links = {}
        for facet_id in (THEMES, DOMAINS, STATUSES, SCHEMES):
            facet = catalog.facets.get(facet_id)
            if facet and facet.pad:
                facet_links[facet_id] = [(v.naam, facet_path(facet, v.slug)) for v in facet.for_record(record.id)
                                         if facet_id != SCHEMES or v.slug == model.regeling]
        municipalities = catalog.municipalities_of(record)
        reused = catalog.municipalities_of(record, reuse=True)
        provinces = sorted({m.provincie for m in (*municipalities, *reused)})
        province_facet = catalog.facets[PROVINCES]
        sources = [catalog.content.sources[s] for s in model.bronnen if s in catalog.content.sources]
        register = catalog.content.register
        covered = sorted({m.naam for m in (*municipalities, *reused)})
        former = sorted({f.naam for m in (*municipalities, *reused) for f in register.former_names_of(m.code)}
                        if register else set())
        return self.render(
            "record.md.j2", here, search_words=covered + former,
            record=record, model=model, facet_links=facet_links,
            builders=[self._actor_view(a, here) for a in record.builders],
            reusers=[self._actor_view(a, here) for a in record.reusers],
            provinces=[(p, facet_path(province_facet, v.slug)) for p in provinces
                       for v in province_facet.values if v.naam == p],
            sources=sources, related=[(self.card(r), reasons) for r, reasons in catalog.related(record.id)],
            edit_url=self.edit_url(record, "projects"), filters=self.search_filters(record),
            period_text=period_text(model.periode), reuse_count=reuse_count(record),
        )

    def _actor_view(self, actor, here: str) -> dict:
        facet = self.catalog.facets[MUNICIPALITIES]
        return {
            "naam": actor.naam,
            "is_gemeente": actor.is_municipality,
            "gemeenten": [(m.naam, facet_path(facet, m.slug)) for m in actor.municipalities],
        }

    def search_filters(self, record: Record) -> list[tuple[str, str]]:
        """(filter key, value) pairs for the search index, from the same facets as the listings."""
        pairs = []
        for facet in self.catalog.facets.values():
            pairs += [(facet.search_key, v.naam) for v in facet.for_record(record.id)]
        return pairs

    def listing(self, here_base: str, records: list[Record], page_path, title: str, intro_context: dict,
                template: str = "listing.md.j2") -> dict[str, str]:
        """A paginated list of records; `page_path(n)` names page n."""
        chunks = _pages(records)
        pages = {}
        for number, chunk in enumerate(chunks, start=1):
            here = page_path(number)
            nav = [(n, page_path(n)) for n in range(1, len(chunks) + 1)] if len(chunks) > 1 else []
            pages[here] = self.render(template, here, title=title, cards=[self.card(r) for r in chunk], total=len(records),
                                      page=number, page_count=len(chunks), page_links=nav,
                                      first=(number - 1) * PAGE_SIZE + 1, **intro_context)
        return pages

    def facet_pages(self, facet: Facet) -> dict[str, str]:
        pages: dict[str, str] = {}
        index = facet_path(facet)
        pages[index] = self.render("facet_index.md.j2", index, facet=facet, groups=self._facet_groups(facet),
                                   former=self._former_names() if facet.id == MUNICIPALITIES else [])
        for value in facet.values:
            if facet.id == MUNICIPALITIES and not value.record_ids:
                continue
            records = self.catalog.sorted_projects(value.record_ids)
            pages.update(self.listing(
                index, records, lambda n, v=value: facet_path(facet, v.slug, n), value.naam,
                {"facet": facet, "value": value, "extra": self._value_extra(facet, value)}, template="facet_value.md.j2"))
        return pages

    def _facet_groups(self, facet: Facet) -> list[tuple[str | None, list[FacetValue]]]:
        if facet.id != MUNICIPALITIES:
            values = sorted(facet.values, key=lambda v: v.sort_key)
            return [(None, values)]
        groups: dict[str, list[FacetValue]] = {}
        for value in facet.values:
            groups.setdefault(value.omschrijving or "", []).append(value)
        return sorted(groups.items())

    def _former_names(self) -> list[dict]:
        """Dissolved municipalities whose successor has records: so an old name still finds its page."""
        register = self.catalog.content.register
        facet = self.catalog.facets[MUNICIPALITIES]
        out = []
        for former in register.former if register else ():
            targets = [register.by_code(code) for code in former.opvolgers]
            pages = [(m.naam, facet_path(facet, m.slug)) for m in targets if facet.value(m.slug)]
            if pages:
                out.append({"naam": former.naam, "jaar": former.einddatum.year, "opvolgers": pages})
        return sorted(out, key=lambda f: f["naam"])

    def _value_extra(self, facet: Facet, value: FacetValue) -> dict:
        if facet.id != MUNICIPALITIES:
            return {}
        register = self.catalog.content.register
        municipality = register.by_slug(value.slug) if register else None
        if municipality is None:
            return {}
        province_facet = self.catalog.facets[PROVINCES]
        province = next((v for v in province_facet.values if v.naam == municipality.provincie), None)
        return {
            "code": municipality.code,
            "provincie": (municipality.provincie, facet_path(province_facet, province.slug)) if province else None,
            "voorheen": [f.naam for f in register.former_names_of(municipality.code)],
            "hergebruikt": [(record.model.titel, project_path(record.id))
                            for record in self.catalog.sorted_projects(value.record_ids)
                            if municipality.code not in {m.code for m in self.catalog.municipalities_of(record)}],
        }

    def scheme_page(self, scheme: Record) -> dict[str, str]:
        facet = self.catalog.facets[SCHEMES]
        value = facet.value(scheme.id)
        records = self.catalog.sorted_projects(value.record_ids if value else ())
        model = scheme.model
        vocabularies = self.catalog.content.vocabularies
        applicants = vocabularies.get("organisatietypen")
        themes = vocabularies.get(model.themas_woordenlijst) if model.themas_woordenlijst else None
        context = {
            "scheme": scheme, "model": model,
            "parent": self.catalog.schemes.get(model.onderdeel_van) if model.onderdeel_van else None,
            "children": self.catalog.child_schemes(scheme.id),
            "applicants": [(applicants.term(a).naam, applicants.term(a).omschrijving)
                           if applicants and applicants.resolve(a) else (a, None)
                           for a in (model.geschiktheid.aanvragers if model.geschiktheid else [])],
            "predecessor": self.catalog.schemes.get(model.voorganger) if model.voorganger else None,
            "successor": self.catalog.schemes.get(model.opvolger) if model.opvolger else None,
            "theme_terms": themes.terms if themes else [],
            "edit_url": self.edit_url(scheme, "schemes"),
            "sources": [self.catalog.content.sources[s] for s in model.bronnen if s in self.catalog.content.sources],
            "scheme_path": scheme_path,
        }
        return self.listing(scheme_path(scheme.id), records,
                            lambda n: scheme_path(scheme.id) if n == 1 else f"regelingen/{scheme.id}/pagina-{n}.md",
                            model.titel, context, template="scheme.md.j2")

    def schemes_index(self) -> str:
        here = "regelingen/index.md"
        facet = self.catalog.facets[SCHEMES]
        top = [s for s in self.catalog.schemes.values() if not s.model.onderdeel_van]
        return self.render("schemes_index.md.j2", here, top=sorted(top, key=lambda s: s.model.titel),
                           children=self.catalog.child_schemes, count=lambda s: facet.value(s.id).count,
                           scheme_path=scheme_path)

    def home(self) -> str:
        catalog = self.catalog
        municipalities = catalog.facets[MUNICIPALITIES]
        return self.render(
            "home.md.j2", "index.md", catalog=catalog,
            project_count=len(catalog.projects), scheme_count=len(catalog.schemes),
            municipality_count=sum(1 for v in municipalities.values if v.record_ids),
            newest=[self.card(r) for r in catalog.newest(6)],
        )

    def all_pages(self) -> dict[str, str]:
        """Every generated page. Deterministic: same catalogue, same dict, same bytes."""
        catalog = self.catalog
        pages = {"index.md": self.home()}
        pages.update(self.listing("projecten/index.md", catalog.sorted_projects(),
                                  lambda n: "projecten/index.md" if n == 1 else f"projecten/pagina-{n}.md",
                                  "Alle praktijkvoorbeelden", {}))
        for record in catalog.projects.values():
            pages[project_path(record.id)] = self.record_page(record)
        for facet in catalog.facets.values():
            if facet.pad and facet.id != SCHEMES:
                pages.update(self.facet_pages(facet))
        pages["regelingen/index.md"] = self.schemes_index()
        for scheme in catalog.schemes.values():
            pages.update(self.scheme_page(scheme))
        self._add_page_facts(pages)
        return dict(sorted(pages.items()))

    def _add_page_facts(self, pages: dict[str, str]) -> None:
        """Change dates and schema.org data on record and scheme pages (render/linked_data.py)."""
        catalog, site_url = self.catalog, self.settings.site_url
        themes = catalog.facets.get(THEMES)
        for record in catalog.projects.values():
            here = project_path(record.id)
            data = linked_data.record_data(
                record, [m.naam for m in catalog.municipalities_of(record)],
                [v.naam for v in themes.for_record(record.id)] if themes else [],
                self._sources(record), site_url)
            pages[here] = linked_data.with_page_facts(pages[here], record.model.laatst_beoordeeld.isoformat(), data)
        for scheme in catalog.schemes.values():
            here = scheme_path(scheme.id)
            data = linked_data.scheme_data(scheme, self._sources(scheme), site_url)
            pages[here] = linked_data.with_page_facts(pages[here], scheme.model.laatst_beoordeeld.isoformat(), data)

    def _sources(self, record: Record) -> list:
        sources = self.catalog.content.sources
        return [sources[s] for s in record.model.bronnen if s in sources]


def asset_files() -> dict[str, bytes]:
    """Static assets the pages refer to, as {site path: bytes}."""
    root = Path(__file__).parent / "assets"
    out = {}
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if item.is_file():
            out[f"assets/kennisbank/{item.name}"] = item.read_bytes()
    return out
