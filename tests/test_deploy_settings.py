"""Settings for a real deployment: a warning while mkdocs.yml still has the placeholders, and the
"Praktijkvoorbeeld toevoegen" links to GitHub's new-file page, pre-filled with the skeleton."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from generator.features.bijdragen.bijdragen import PAGE, files, new_file_url
from generator.features import FeatureContext
from generator.render.settings import SiteSettings, placeholder_warnings


def test_placeholders_warn_and_real_settings_do_not():
    shipped = SiteSettings(repo_url="https://github.com/kennisbank-gemeenten/kennisbank",
                           site_url="https://kennisbank.example.nl/")
    assert len(placeholder_warnings(shipped)) == 2
    assert all("mkdocs.yml" in text for text in placeholder_warnings(shipped))
    real = SiteSettings(repo_url="https://github.com/vng/kennisbank", site_url="https://kennisbank.vng.nl/")
    assert placeholder_warnings(real) == []


def test_new_file_url_round_trips_the_skeleton():
    value = "---\ntitel: \"R&D: één & twee?\"\n---\n## Vraagstuk\n\nINVULLEN #1 100%\n"
    url = new_file_url("https://github.com/vng/kennisbank/", "main", "content", "nieuw.md", value)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/vng/kennisbank/new/main/content/projects")
    assert parse_qs(parts.query) == {"filename": ["nieuw.md"], "value": [value]}


def test_add_page_links_every_scheme_from_the_repository_setting(catalog):
    from generator.render.renderer import Renderer

    renderer = Renderer(catalog, SiteSettings(repo_url="https://github.com/vng/kennisbank"))
    page = files(FeatureContext(catalog, renderer.settings, renderer.env))[PAGE]
    links = [line for line in page.splitlines() if line.startswith("<li><a href=")]
    assert len(links) == len(catalog.schemes)
    assert all("https://github.com/vng/kennisbank/new/main/content/projects?filename=" in line for line in links)
    assert "regeling%3A%20impulsregeling" in page
    without = files(FeatureContext(catalog, SiteSettings(), renderer.env))[PAGE]
    assert "<li>" not in without and "kennisbank new" in without
