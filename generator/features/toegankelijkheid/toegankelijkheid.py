"""The accessibility statement (/toegankelijkheid/), after the Dutch model statement: status, what is
tested and how, known problems with dates, how to report a problem, and its date.

Its content is data (verklaring.yaml). The automatic checks it names are the gates in `make test`;
tests/test_a11y_statement.py fails when a named test does not exist, so the page cannot claim a
check the project does not run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.features import FeatureContext

FOLDER = Path(__file__).parent
DATA = FOLDER / "verklaring.yaml"
PAGE = "toegankelijkheid.md"


def statement() -> dict[str, Any]:
    """verklaring.yaml as plain data (dates as ISO strings, as the page's date filter takes them)."""
    data = YAML(typ="safe").load(DATA.read_text(encoding="utf-8"))
    return _plain(data)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def files(context: FeatureContext) -> dict[str, str | bytes]:
    template = context.templates(FOLDER).get_template("toegankelijkheid.md.j2")
    return {PAGE: template.render(here=PAGE, data=statement(), repo_url=context.settings.repo_url,
                                  site_name="Kennisbank gemeentelijke praktijkvoorbeelden")}
