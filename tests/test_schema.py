"""`python -m generator schema`: the JSON Schema editors' IDEs use, made from the same models as `check`.

The `jsonschema` package is not a dependency, so the structure is checked here directly, and a
small walker (`$ref`, `anyOf`/`oneOf`, `type`, `properties`, `additionalProperties`, `required`,
`items`, `const`, `enum`) reads every record in content/ and the valid fixtures through the schema.
Front matter is read with the generator's own loader, so values have the types an editor's YAML
gives them (YAML 1.2: an unquoted 2019-11-01 is text).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from conftest import ROOT
from generator.load.files import load_file

CONTENT = ROOT / "content"
VALID = ROOT / "tests" / "data" / "valid"
KIND_DEFS = {"projects": "ProjectRecord", "schemes": "SchemeRecord"}


@pytest.fixture(scope="module")
def schema() -> dict:
    result = subprocess.run([sys.executable, "-m", "generator", "schema"], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def records(folder: Path) -> Iterator[tuple[str, Path]]:
    for kind in KIND_DEFS:
        for path in sorted((folder / kind).rglob("*.md")):
            yield kind, path


def front_matter(path: Path) -> dict:
    loaded, problems = load_file(path, path.name)
    assert not problems and loaded is not None and loaded.data is not None, problems
    return loaded.data


CONTENT_RECORDS = list(records(CONTENT))
ALL_RECORDS = CONTENT_RECORDS + list(records(VALID))


def _id(item: tuple[str, Path]) -> str:
    return item[1].relative_to(ROOT).as_posix()


# --------------------------------------------------------------------------- a small reader of the schema


def resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/$defs/"), ref
        node = schema["$defs"][ref.removeprefix("#/$defs/")]
    return node


def alternatives(schema: dict, node: dict) -> list[dict]:
    """The plain schemas a value may match: `$ref`, `anyOf` and `oneOf` unfolded."""
    node = resolve(schema, node)
    options = node.get("anyOf") or node.get("oneOf")
    if options:
        return [plain for option in options for plain in alternatives(schema, option)]
    return [node]


def unknown_keys(schema: dict, node: dict, value: Any, where: str = "") -> list[str]:
    """Keys in `value` that the schema does not know, as dotted paths (the check that must pass)."""
    found: list[str] = []
    objects = [n for n in alternatives(schema, node) if "properties" in n or n.get("type") == "object"]
    arrays = [n for n in alternatives(schema, node) if n.get("type") == "array"]
    if isinstance(value, dict) and objects:
        for key, item in value.items():
            homes = [n for n in objects if key in n.get("properties", {})]
            if homes:
                found += unknown_keys(schema, homes[0]["properties"][key], item, f"{where}.{key}".lstrip("."))
            elif not any(isinstance(n.get("additionalProperties"), dict) for n in objects):
                found.append(f"{where}.{key}".lstrip("."))
    elif isinstance(value, list) and arrays:
        for index, item in enumerate(value):
            found += unknown_keys(schema, arrays[0].get("items", {}), item, f"{where}[{index}]")
    return found


_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list, "object": dict,
          "null": type(None)}


def type_errors(schema: dict, node: dict, value: Any, where: str = "") -> list[str]:
    """Where `value` matches none of the types the schema allows (what an IDE would underline)."""
    options = alternatives(schema, node)
    fitting = []
    for option in options:
        kinds = option.get("type")
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if "const" in option and value != option["const"]:
            continue
        if "enum" in option and value not in option["enum"]:
            continue
        if kinds and not any(isinstance(value, _TYPES[k]) and not (k in ("integer", "number") and isinstance(value, bool))
                             for k in kinds):
            continue
        fitting.append(option)
    if not fitting:
        return [f"{where or '(record)'}: {value!r}"]
    option = fitting[0]
    errors: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in option.get("properties", {}):
                errors += type_errors(schema, option["properties"][key], item, f"{where}.{key}".lstrip("."))
            elif isinstance(option.get("additionalProperties"), dict):
                errors += type_errors(schema, option["additionalProperties"], item, f"{where}.{key}".lstrip("."))
        for key in option.get("required", []):
            if key not in value:
                errors.append(f"{where}.{key}: ontbreekt".lstrip("."))
    elif isinstance(value, list) and "items" in option:
        for index, item in enumerate(value):
            errors += type_errors(schema, option["items"], item, f"{where}[{index}]")
    return errors


# --------------------------------------------------------------------------- structure


def test_schema_is_json_schema_2020_12(schema: dict) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert isinstance(schema.get("title"), str) and schema["title"]
    refs = {option["$ref"] for option in schema["oneOf"]}
    assert refs == {"#/$defs/ProjectRecord", "#/$defs/SchemeRecord"}


def test_both_record_kinds_are_defined(schema: dict) -> None:
    assert {"ProjectRecord", "SchemeRecord"} <= set(schema["$defs"])


def test_every_reference_points_at_a_definition(schema: dict) -> None:
    def refs(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(schema):
        assert ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in schema["$defs"], ref


def test_every_object_forbids_unknown_keys(schema: dict) -> None:
    """An IDE must underline `titl:` just as `check` refuses it."""
    for name, definition in schema["$defs"].items():
        assert definition.get("type") == "object", name
        assert definition.get("additionalProperties") is False, name


@pytest.mark.parametrize(("kind", "required"), [
    ("ProjectRecord", {"schema_versie", "titel", "korte_beschrijving", "bronnen", "laatst_beoordeeld", "soort",
                       "status"}),
    ("SchemeRecord", {"schema_versie", "titel", "korte_beschrijving", "bronnen", "laatst_beoordeeld", "soort",
                      "uitvoerder"}),
])
def test_required_fields(schema: dict, kind: str, required: set[str]) -> None:
    assert set(schema["$defs"][kind]["required"]) == required


def test_field_rules_are_in_the_schema(schema: dict) -> None:
    project = schema["$defs"]["ProjectRecord"]["properties"]
    assert project["korte_beschrijving"]["maxLength"] == 160
    assert project["schema_versie"]["const"] == 1
    assert project["laatst_beoordeeld"]["format"] == "date"
    assert project["pilot_thema"]["per_regeling"] is True
    assert project["gemeentedelers_categorie"]["per_regeling"] is True
    assert resolve(schema, alternatives(schema, project["periode"])[0])["properties"].keys() >= {"start", "einde"}


def test_every_field_has_a_description_for_the_editor(schema: dict) -> None:
    for kind in KIND_DEFS.values():
        for name, prop in schema["$defs"][kind]["properties"].items():
            if name in ("periode", "subsidie", "geschiktheid", "uurloon_voorbeeld", "record_velden", "links",
                        "contact", "begroting", "reserves", "tijdlijn", "termijnen", "documenten", "uurloontabel",
                        "criteria", "partners", "projectnummer", "onderdeel_van"):
                continue  # groups and self-explanatory fields: their parts carry the descriptions
            assert prop.get("description"), f"{kind}.{name}"


def test_schema_output_is_deterministic() -> None:
    runs = [subprocess.run([sys.executable, "-m", "generator", "schema"], cwd=ROOT, capture_output=True,
                           timeout=60).stdout for _ in range(2)]
    assert runs[0] == runs[1]


# --------------------------------------------------------------------------- the content against the schema


def test_content_has_records_of_both_kinds() -> None:
    kinds = {kind for kind, _ in CONTENT_RECORDS}
    assert kinds == set(KIND_DEFS)


@pytest.mark.parametrize("item", ALL_RECORDS, ids=_id)
def test_every_front_matter_key_is_in_the_schema(schema: dict, item: tuple[str, Path]) -> None:
    kind, path = item
    definition = {"$ref": f"#/$defs/{KIND_DEFS[kind]}"}
    assert unknown_keys(schema, definition, front_matter(path)) == []


def test_every_key_used_in_content_is_a_schema_property(schema: dict) -> None:
    """The same, summed up: the set of top-level keys in content/ lies within the schema's properties."""
    for kind, definition in KIND_DEFS.items():
        used = {key for k, path in CONTENT_RECORDS if k == kind for key in front_matter(path)}
        assert used <= set(schema["$defs"][definition]["properties"]), kind


def test_every_value_has_a_type_the_schema_allows(schema: dict) -> None:
    problems = {_id(item): type_errors(schema, {"$ref": f"#/$defs/{KIND_DEFS[item[0]]}"}, front_matter(item[1]))
                for item in ALL_RECORDS}
    assert {path: found for path, found in problems.items() if found} == {}


def test_the_type_walker_finds_a_wrong_type(schema: dict) -> None:
    """The walker above is only worth something if it can fail: a list where text belongs is caught."""
    record = front_matter(VALID / "projects" / "minimaal.md")
    assert type_errors(schema, {"$ref": "#/$defs/ProjectRecord"}, record) == []
    assert type_errors(schema, {"$ref": "#/$defs/ProjectRecord"}, {**record, "titel": ["a"]}) == ["titel: ['a']"]
    assert unknown_keys(schema, {"$ref": "#/$defs/ProjectRecord"}, {**record, "contact": [{"emial": "x"}]}) == [
        "contact[0].emial"]
