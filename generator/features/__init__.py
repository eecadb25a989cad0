"""Features: one folder each (search/, rekenhulp/; room for opendata/, wall/, map/, charts/), with
the feature's Python, templates and browser assets side by side.

The contract is one function per feature, `files(context) -> {site path: text | bytes}`: Markdown
pages for the engine to build, and files it copies as they are. A feature gets a read-only
`FeatureContext` and its own folder, nothing else; `generator.site` composes the features in
order, and no feature imports another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.catalog.catalog import Catalog
from generator.render.settings import SiteSettings

ASSET_FOLDER = "assets/kennisbank"


@dataclass(frozen=True)
class FeatureContext:
    catalog: Catalog
    settings: SiteSettings
    environment: jinja2.Environment
    """The site's template environment: its filters, `link(here, there)` and the shared macros."""

    def templates(self, feature_folder: Path) -> jinja2.Environment:
        """The site's environment, finding the feature's own templates (in its `templates/`) first."""
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(feature_folder / "templates")),
                                      self.environment.loader])
        return self.environment.overlay(loader=loader)


def assets(feature_folder: Path, names: Iterable[str]) -> dict[str, bytes]:
    """A feature's files for the browser, in the site's one asset folder."""
    return {f"{ASSET_FOLDER}/{name}": (feature_folder / "assets" / name).read_bytes() for name in names}
