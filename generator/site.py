"""The whole generated tree for one content folder: pages, assets and data files.

This is what both the MkDocs adapter and `export` write, so the two cannot drift apart.
Pure apart from reading the content folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog.catalog import Catalog, build_catalog
from generator.core.diagnostics import Diagnostic, has_errors
from generator.features import FeatureContext
from generator.features.bijdragen import bijdragen, gids
from generator.features.grafieken import grafieken
from generator.features.kaart import kaart
from generator.features.meldingen import meldingen
from generator.features.muur import muur
from generator.features.opendata import opendata
from generator.features.rekenhulp import calculator
from generator.features.search import search
from generator.features.toegankelijkheid import toegankelijkheid
from generator.features.voormalig import voormalig
from generator.render.renderer import Renderer, asset_files
from generator.render.settings import SiteSettings
from generator.model.content import Content
from generator.validate.check import check_content

FEATURES = (search.files, calculator.files, meldingen.files, opendata.files, bijdragen.files,
            muur.files, kaart.files, grafieken.files, toegankelijkheid.files, voormalig.files)
"""Every feature's `files(context)`, in the order their files are added (generator/features)."""


@dataclass
class GeneratedSite:
    content: Content
    catalog: Catalog | None
    files: dict[str, str | bytes] = field(default_factory=dict)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.content.diagnostics

    @property
    def ok(self) -> bool:
        return self.catalog is not None


def generate(content_root: Path, settings: SiteSettings | None = None) -> GeneratedSite:
    """Check the content and, when it has no errors, render every generated file."""
    return render_site(check_content(content_root), settings)


def render_site(content: Content, settings: SiteSettings | None = None) -> GeneratedSite:
    """Every generated file of checked content; nothing when the check found errors."""
    if has_errors(content.diagnostics):
        return GeneratedSite(content, None)
    catalog = build_catalog(content)
    renderer = Renderer(catalog, settings or SiteSettings())
    files: dict[str, str | bytes] = dict(renderer.all_pages())
    files.update(asset_files())
    files.update(feature_files(renderer))
    return GeneratedSite(content, catalog, dict(sorted(files.items())))


def contributing_guide(content_root: Path, settings: SiteSettings) -> str | None:
    """CONTRIBUTING.md: the editor guide of features/bijdragen with absolute links, or None when the
    content has errors (the guide's tables come from the checked content)."""
    content = check_content(content_root)
    if has_errors(content.diagnostics):
        return None
    renderer = Renderer(build_catalog(content), settings)
    return gids.contributing(FeatureContext(renderer.catalog, renderer.settings, renderer.env))


def feature_files(renderer: Renderer) -> dict[str, str | bytes]:
    """Every feature's files, from the renderer's catalogue, settings and template environment."""
    context = FeatureContext(renderer.catalog, renderer.settings, renderer.env)
    files: dict[str, str | bytes] = {}
    for feature in FEATURES:
        files.update(feature(context))
    return files
