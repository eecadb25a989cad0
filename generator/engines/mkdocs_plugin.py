"""Thin MkDocs plugin: hands the generated pages to MkDocs and watches content/ in `serve`.

All work happens in `generator.site`; this class only translates between that and MkDocs'
events, so that moving to another engine means writing another adapter, not another site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.engines.build import DOCUMENTS_KEY, documents
from generator.engines.passthrough import FinishedPages
from generator.core.diagnostics import render as render_diagnostics
from generator.render.linked_data import CHANGED_KEY
from generator.render.settings import SiteSettings
from generator.features.search.search import index_site
from generator.site import GeneratedSite, generate


class KennisbankConfig(Config):
    """The plugin's options; their defaults live in SiteSettings (render/settings.py), nowhere else."""

    content = c.Optional(c.Type(str))
    repository = c.Optional(c.Type(str))
    edit_branch = c.Optional(c.Type(str))


class KennisbankPlugin(FinishedPages, BasePlugin[KennisbankConfig]):
    """Generates the site's files for MkDocs; finished HTML and the security policy as in `make
    site` (FinishedPages, engines/passthrough.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.generated: GeneratedSite | None = None
        self.content_root: Path | None = None
        self.data_date = ""

    def on_config(self, config):
        base = Path(config.config_file_path).parent
        settings = SiteSettings.from_options(dict(self.config), config.site_url)
        self.content_root = (base / settings.content_path).resolve()
        self.generated = generate(self.content_root, settings)
        if not self.generated.ok:
            raise PluginError("de content bevat fouten; de site is niet gebouwd:\n"
                              + render_diagnostics(self.generated.diagnostics, "text"))
        self.data_date = self.generated.catalog.data_date()
        config.extra[DOCUMENTS_KEY] = documents(Path(config.docs_dir))
        return config

    def on_files(self, files: Files, config) -> Files:
        assert self.generated is not None
        for path, data in self.generated.files.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=data))
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """The sitemap's lastmod: the page's own change date (a record's laatst_beoordeeld), else the
        date the data last changed, never the build date, so that a rebuild gives the same bytes."""
        page.update_date = str(page.meta.get(CHANGED_KEY) or self.data_date)
        return super().on_page_markdown(markdown, page, config, files)

    def on_post_build(self, config) -> None:
        """The search index, so that search works in `mkdocs serve` and `mkdocs build` alike."""
        if not index_site(Path(config.site_dir)):
            raise PluginError("de zoekindex kon niet worden gemaakt")

    def on_serve(self, server, config, builder):
        if self.content_root is not None:
            server.watch(str(self.content_root))
        return server
