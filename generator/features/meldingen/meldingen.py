"""Meldingen: the page "Meldingen van de controle", every code of the message catalogue with its
meaning, a wrong example and what to do, so an editor who meets KB-E201 in a pull request can
look it up (core/messages.yaml is the one source; this page only shows it).
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

from generator.core.diagnostics import printable
from generator.core.messages import AREAS, Entry, catalogue
from generator.features import FeatureContext

FOLDER = Path(__file__).parent
PAGE = "bijdragen/meldingen.md"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def shown_template(entry: Entry) -> Markup:
    """The message template as HTML: the text escaped, each {placeholder} as <var>placeholder</var>."""
    text = entry.melding.replace("{{", "\0").replace("}}", "\1")
    parts = _PLACEHOLDER.split(text)
    out = Markup()
    for index, part in enumerate(parts):
        part = part.replace("\0", "{").replace("\1", "}")
        out += Markup("<var>{}</var>").format(part) if index % 2 else escape(part)
    return out


def shown_example(entry: Entry) -> Markup:
    """The example for inside <pre><code>: escaped, invisible characters as escapes (\\t, \\x07), and line
    breaks as &#10; so a blank line in an example cannot end the page's HTML block."""
    return Markup("&#10;").join(escape(printable(line)) for line in entry.voorbeeld.split("\n"))


def groups() -> list[dict]:
    """[{area, entries}] in code order, retired codes left out."""
    by_area: dict[str, list[Entry]] = {}
    for entry in catalogue().values():
        if not entry.vervallen:
            by_area.setdefault(entry.code[4], []).append(entry)
    return [{"id": f"gebied-{digit}", "area": AREAS[digit], "entries": by_area[digit]}
            for digit in sorted(by_area)]


def files(context: FeatureContext) -> dict[str, str | bytes]:
    """The one page, rendered with the site's environment (autoescape on)."""
    env = context.templates(FOLDER)
    listed = groups()
    page = env.get_template("meldingen.md.j2").render(
        here=PAGE, groups=listed, shown_template=shown_template, shown_example=shown_example,
        count=sum(len(group["entries"]) for group in listed))
    return {PAGE: page}
