"""The editor guide (/bijdragen/ and CONTRIBUTING.md): complete against the models, vocabularies and
message catalogue, safe with hostile vocabulary text, and CONTRIBUTING.md up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from generator.features.bijdragen.gids import guide_gaps, md
from generator.site import GeneratedSite, generate

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = ".venv/bin/python -m generator gids > CONTRIBUTING.md"


@pytest.fixture(scope="module")
def site() -> GeneratedSite:
    generated = generate(ROOT / "content")
    assert generated.ok, generated.diagnostics
    return generated


def test_the_guide_page_names_every_field_value_and_message(site: GeneratedSite) -> None:
    page = site.files["bijdragen/index.md"]
    assert guide_gaps(page, site.content.vocabularies) == []
    assert "<code>status_bron.zin</code>" in page.replace("\\", "") or "<code>status</code>" in page


def test_a_guide_missing_a_field_or_message_is_caught(site: GeneratedSite) -> None:
    """The gate can fail: the same page with one field row and one message row taken out."""
    page = site.files["bijdragen/index.md"]
    broken = "\n".join(line for line in page.splitlines()
                       if not line.startswith("| <code>contact\\[\\].naam</code>") and not line.startswith("| KB-E201 |"))
    gaps = guide_gaps(broken, site.content.vocabularies)
    assert "veld projects.contact.naam" in gaps and "melding KB-E201" in gaps


def test_the_guide_shows_examples_from_real_records(site: GeneratedSite) -> None:
    page = site.files["bijdragen/index.md"]
    row = next(line for line in page.splitlines() if line.startswith("| <code>titel</code>"))
    titles = {record.model.titel for record in site.content.projects.values()}
    assert any(str(md(title))[:20] in row for title in titles), row


def test_contributing_md_is_the_generated_guide() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "gids"], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    committed = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert committed == result.stdout, f"CONTRIBUTING.md is verouderd; maak hem opnieuw met: {REGENERATE}"
    assert "](https://" in committed and "](../" not in committed


@pytest.mark.parametrize("hostile", ["[klik hier](javascript:alert(1))", "<img src=x onerror=alert(1)>",
                                     "**vet** | kolom erbij", "`code` en _nadruk_"])
def test_vocabulary_text_stays_text_in_a_table_cell(hostile: str) -> None:
    """Vocabulary names and descriptions are written by editors; in the guide they are literal text."""
    html = markdown.markdown(f"| a | b |\n|---|---|\n| {md(hostile)} | x |", extensions=["tables"])
    assert "<a " not in html and "<img" not in html and "<strong>" not in html and "<em>" not in html
    assert html.count("<td>") == 2
