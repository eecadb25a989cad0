"""The editor guide: the page /bijdragen/ and, from the same text, CONTRIBUTING.md in the repository.

It says how to add or change a record in GitHub's web editor and locally, and lists every field of
every file an editor writes (with its meaning, the kind of value and an example taken from the
content itself), every vocabulary with its values, and every `check` message with its fix. All of
that is generated from the models, the vocabularies and the message catalogue, so the guide cannot
forget a field the code knows; a test holds CONTRIBUTING.md to this output.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup
from pydantic import BaseModel

from generator.core.messages import catalogue
from generator.core.paths import url_of
from generator.features import FeatureContext
from generator.model import records as models
from generator.model.content import Content
from generator.model.organisations import OrganisationSpec
from generator.model.vocab import Vocabularies

FOLDER = Path(__file__).parent
PAGE = "bijdragen/index.md"
EXAMPLE_WIDTH = 48
"""An example longer than this is cut with '…': it shows the form of a value, not a whole text."""


@dataclass(frozen=True)
class FieldRow:
    """One line of a field table: `veld` as editors write it ('contact[].naam')."""

    veld: str
    verplicht: bool
    betekenis: str
    soort: str
    voorbeeld: str


def _schema_type(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    """The kind of value a JSON Schema node asks for, in Dutch words for editors."""
    if "$ref" in schema:
        return "groep velden (zie hieronder)"
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if options:
        if len(options) == 1:
            return _schema_type(options[0], defs)
        kinds = dict.fromkeys(_schema_type(o, defs) for o in options)
        if schema.get("description") and any(o.get("pattern") for o in options):
            return schema["description"]  # a date or an amount: its own description says how to write it
        return " of ".join(kinds)
    if "enum" in schema or "const" in schema:
        values = schema.get("enum") or [schema["const"]]
        return "een van: " + ", ".join(str(v) for v in values)
    kind = schema.get("type")
    if kind == "array":
        return "lijst van " + _schema_type(schema.get("items", {}), defs)
    if kind == "string" and schema.get("format") == "date":
        return "datum (JJJJ-MM-DD)"
    return {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "true of false",
            "object": "namen met tekst"}.get(kind, "tekst")


def _nested_ref(schema: dict[str, Any]) -> tuple[str | None, bool]:
    """The definition a field refers to (directly, optionally, or as list items), and whether it is a list."""
    for option in [schema, *schema.get("anyOf", [])]:
        if "$ref" in option:
            return option["$ref"].rsplit("/", 1)[-1], False
        if option.get("type") == "array" and "$ref" in option.get("items", {}):
            return option["items"]["$ref"].rsplit("/", 1)[-1], True
    return None, False


def _walk(schema: dict[str, Any], defs: dict[str, Any], prefix: str, required_here: bool) -> Iterator[tuple[str, bool, dict]]:
    """(dotted field, required, schema node) for every field, groups first and their fields after them."""
    required = set(schema.get("required", []))
    for name, node in schema.get("properties", {}).items():
        dotted = f"{prefix}{name}"
        yield dotted, required_here and name in required, node
        ref, is_list = _nested_ref(node)
        if ref:
            yield from _walk(defs[ref], defs, f"{dotted}[]." if is_list else f"{dotted}.", True)


def _value_at(value: Any, parts: list[str]) -> Any:
    """The first value found along a dotted path ('contact[].naam'), through lists."""
    for part in parts:
        if isinstance(value, list):
            value = value[0] if value else None
        if not isinstance(value, dict):
            return None
        value = value.get(part.removesuffix("[]"))
    if isinstance(value, list) and value and isinstance(value[0], (dict, list)):
        return None
    return value


def _shown(name: str, value: Any) -> str:
    """`name: value` as it would stand in YAML, on one line, cut to a readable length."""
    if value is None or value == [] or value == {} or isinstance(value, dict):
        return ""
    text = yaml.safe_dump({name: value}, allow_unicode=True, default_flow_style=True, width=10_000).strip()
    text = text.removeprefix("{").removesuffix("}")
    return text if len(text) <= EXAMPLE_WIDTH else text[:EXAMPLE_WIDTH - 1].rstrip() + "…"


def field_rows(model: type[BaseModel], examples: list[dict[str, Any]]) -> list[FieldRow]:
    """Every field of `model`, with the first example found in `examples` (plain data of real records)."""
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    rows = []
    for dotted, required, node in _walk(schema, defs, "", True):
        parts = dotted.split(".")
        example = next((shown for data in examples
                        if (shown := _shown(parts[-1].removesuffix("[]"), _value_at(data, parts)))), "")
        rows.append(FieldRow(dotted, required, " ".join((node.get("description") or "").split()),
                             _schema_type(node, defs), example))
    return rows


def _plain(records: dict) -> list[dict[str, Any]]:
    """The records as plain data in id order, the examples' source."""
    return [records[key].model.model_dump(mode="json", exclude_defaults=True) for key in sorted(records)]


def vocabulary_tables(vocabularies: Vocabularies) -> list[dict[str, Any]]:
    """Per vocabulary: its id, name, the fields that use it and its values."""
    return [{"id": vocab_id, "naam": vocabulary.spec.naam, "velden": vocabulary.spec.velden,
             "waarden": vocabulary.spec.waarden}
            for vocab_id, vocabulary in vocabularies.by_id.items()]


def guide(content: Content, link: Callable[[str], str], render: Callable[..., str], with_examples: bool = True) -> str:
    """The guide as Markdown. `link('bijdragen/toevoegen.md')` makes an address for where the text is
    read (relative on the site, absolute in CONTRIBUTING.md); `render` fills the template.

    CONTRIBUTING.md leaves out the examples: they come from the records, and a committed file that
    changed with every record edit would only be noise in pull requests."""
    return render(
        link=link,
        with_examples=with_examples,
        projects=field_rows(models.ProjectRecord, _plain(content.projects) if with_examples else []),
        schemes=field_rows(models.SchemeRecord, _plain(content.schemes) if with_examples else []),
        sources=field_rows(models.Source, [s.__dict__ for s in content.sources.values()] if with_examples else []),
        organisations=field_rows(OrganisationSpec, [{"id": a.slug, "naam": a.naam, "soort": a.soort}
                                                     for a in content.directory.organisations]
                                 if content.directory and with_examples else []),
        vocabularies=vocabulary_tables(content.vocabularies),
        messages=[entry for entry in catalogue().values() if not entry.vervallen],
    )


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#!"})


def md(text: Any) -> Markup:
    """Text from data (a vocabulary's description, an example from a record) as literal text inside
    Markdown and a table cell: &, < and > as entities (quotes stay, a heading's id is made from them), Markdown's own characters and pipes backslash-escaped,
    on one line. Vocabulary text is written by editors; it must not become a link or markup."""
    one_line = " ".join(str(text).split())
    return Markup(one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").translate(_MARKDOWN_SPECIAL))


def site_page(context: FeatureContext) -> dict[str, str]:
    """The guide on the site; its Markdown links name the .md files, so MkDocs checks and converts them."""
    env = context.templates(FOLDER)
    env.filters["md"] = md
    template = env.get_template("gids.md.j2")
    return {PAGE: guide(context.catalog.content, lambda there: posixpath.relpath(there, posixpath.dirname(PAGE)), template.render)}


def contributing(context: FeatureContext) -> str:
    """CONTRIBUTING.md: the same guide, links absolute to the published site."""
    env = context.templates(FOLDER)
    env.filters["md"] = md
    base = (context.settings.site_url or "").rstrip("/") + "/"
    return guide(context.catalog.content, lambda there: base + url_of(there), env.get_template("gids.md.j2").render,
                 with_examples=False)


def guide_gaps(markdown: str, vocabularies: Vocabularies) -> list[str]:
    """What the guide fails to name: record and scheme fields (as `field_paths` of the models finds
    them, a walker independent of this module's), vocabulary values and message codes. Empty when
    complete; the test of the guide and of CONTRIBUTING.md asks this."""
    named = {veld.replace("[]", "") for veld in re.findall(r"<code>([^<]+)</code>", markdown.replace("\\", ""))}
    gaps = [f"veld {kind}.{path}" for kind, model in models.RECORD_MODELS.items()
            for path in models.field_paths(model) if path not in named]
    gaps += [f"waarde {vocab_id}: {term.id}" for vocab_id, vocabulary in vocabularies.by_id.items()
             for term in vocabulary.spec.waarden if term.id not in named]
    gaps += [f"melding {code}" for code, entry in catalogue().items()
             if not entry.vervallen and f"| {code} |" not in markdown]
    return gaps
