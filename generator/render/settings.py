"""Where the site is published, defined once: the defaults here are the only defaults.

The MkDocs plugin, `make site` (which reads the plugin's options from mkdocs.yml) and the tests
all make their settings through `SiteSettings.from_options`, so an option means the same thing
on every path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

OPTION_NAMES = {"repository": "repo_url", "edit_branch": "edit_branch", "content": "content_path"}
"""Plugin option in mkdocs.yml -> field of SiteSettings."""


@dataclass(frozen=True)
class SiteSettings:
    """What the pages need to know about where they are published."""

    repo_url: str | None = None
    edit_branch: str = "main"
    content_path: str = "content"
    site_url: str | None = None

    @classmethod
    def from_options(cls, options: Mapping[str, Any], site_url: str | None = None) -> SiteSettings:
        """Settings from the plugin's options; an option that is absent or None keeps its default."""
        known = {field.name for field in fields(cls)}
        values = {OPTION_NAMES[name]: value for name, value in options.items()
                  if name in OPTION_NAMES and value is not None and OPTION_NAMES[name] in known}
        return cls(**values, site_url=site_url or None)


PLACEHOLDER_SITE = "kennisbank.example.nl"
PLACEHOLDER_REPOSITORY = "github.com/kennisbank-gemeenten/kennisbank"
"""What mkdocs.yml ships with; a real deployment sets its own (README, "Publiceren")."""


def placeholder_warnings(settings: SiteSettings) -> list[str]:
    """Dutch warnings for each setting that still has the placeholder; [] for a real deployment."""
    found = []
    if not settings.site_url or PLACEHOLDER_SITE in settings.site_url:
        found.append(f"site_url in mkdocs.yml is nog '{settings.site_url or ''}'; canonieke links, sitemap, feed en "
                     "open data wijzen dan naar een site die niet bestaat. Zet site_url op het echte adres.")
    if not settings.repo_url or PLACEHOLDER_REPOSITORY in settings.repo_url:
        found.append(f"repository in mkdocs.yml (plugin kennisbank) is nog '{settings.repo_url or ''}'; de links "
                     "'Bewerken' en 'Praktijkvoorbeeld toevoegen' wijzen dan naar een repository die niet bestaat.")
    return found
