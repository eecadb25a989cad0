"""The page "Praktijkvoorbeeld toevoegen" (bijdragen/toevoegen.md): per scheme a link that opens
GitHub's new-file page in content/projects/ with the skeleton of `kennisbank new` filled in, so an
editor without a local install starts from a record that passes `check`. The links come from the
`repository` setting; without one the page says how to start locally.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from markupsafe import Markup

from generator.features import FeatureContext
from generator.features.bijdragen import gids
from generator.render.skeleton import skeleton

PAGE = "bijdragen/toevoegen.md"
TITLE = "Nieuw praktijkvoorbeeld"


def new_file_url(repo_url: str, branch: str, content_path: str, filename: str, value: str) -> str:
    """GitHub's new-file page for `filename` in <content>/projects, pre-filled with `value` (URL-encoded)."""
    base = repo_url.rstrip("/")
    query = urlencode({"filename": filename, "value": value}, quote_via=quote)
    return f"{base}/new/{quote(branch)}/{quote(content_path)}/projects?{query}"


def files(context: FeatureContext) -> dict[str, str | bytes]:
    settings = context.settings
    content = context.catalog.content
    lines = ["# Praktijkvoorbeeld toevoegen", "",
             "Kies de regeling waaruit het project betaald is of waarin het meedeed. GitHub opent dan een nieuw "
             "bestand in `content/projects/` met alle velden die die regeling vraagt, elk met een korte uitleg. "
             "Geef het bestand een naam (kleine letters en streepjes), vervang elke INVULLEN door uw tekst en "
             "kies *Propose changes*: de controle in de pull request meldt wat nog ontbreekt.", ""]
    if settings.repo_url:
        items = []
        for scheme_id, record in sorted(content.schemes.items()):
            value = skeleton(content, scheme_id, TITLE)
            url = new_file_url(settings.repo_url, settings.edit_branch, settings.content_path,
                               "nieuw-praktijkvoorbeeld.md", value)
            items.append(Markup('<li><a href="{}">{}</a></li>').format(url, record.model.titel))
        lines += ['<ul class="kb-toevoegen">', *[str(item) for item in items], "</ul>", ""]
    lines += ["Liever op uw eigen computer? `kennisbank new` maakt hetzelfde bestand en vraagt naar titel, "
              "regeling en gemeente. Weet u niet hoe? Meld het praktijkvoorbeeld dan met het formulier "
              "*Nieuw praktijkvoorbeeld* bij de issues van de repository; een redacteur maakt het record.", ""]
    return {PAGE: "\n".join(lines), **gids.site_page(context)}
