"""The two YAML paths agree: libyaml for ordinary front matter, ruamel.yaml for everything else."""

from __future__ import annotations

import pytest

from conftest import ROOT
from generator.load import fast_yaml, files as load, shape, yaml_data

def yaml_part(path):
    text, problems = load.read_text(path, str(path))
    if text is None:
        return None, 1
    if path.suffix == ".yaml":
        return text, 1
    yaml_text, _, _, problems = load.split_front_matter(text, str(path))
    return yaml_text, 2


def has_yaml(path) -> bool:
    """Fixtures that fail before any YAML is read (binary, no front matter, tabs) have nothing to compare."""
    yaml_text = yaml_part(path)[0]
    return yaml_text is not None and "\t" not in yaml_text


FILES = [path for path in sorted([*ROOT.glob("content/**/*.md"), *ROOT.glob("content/*.yaml"),
                                  *ROOT.glob("tests/data/**/*.md"), *ROOT.glob("tests/golden/content/**/*.md")])
         if has_yaml(path)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_and_careful_paths_agree(path):
    yaml_text, first_line = yaml_part(path)
    limit = shape.MAX_DATA_NODES if path.suffix == ".yaml" else shape.MAX_YAML_NODES
    careful = yaml_data._careful_parse(yaml_text, str(path), first_line, limit)
    fast = fast_yaml.fast_parse(yaml_text, first_line, limit)
    if careful[2]:
        assert fast is None, "een probleem hoort via het zorgvuldige pad gemeld te worden"
    elif fast is None:
        # Only unusual YAML (anchors, aliases, tags, merge keys) may leave the fast path, by design.
        assert any(mark in yaml_text for mark in ("&", "*", "!", "<<")), "gewone YAML hoort het snelle pad te nemen"
    else:
        assert fast[0] == careful[0]
        assert fast[1] == careful[1]


def test_ordinary_records_take_the_fast_path():
    records = sorted(ROOT.glob("content/projects/*.md"))
    fast = [p for p in records if fast_yaml.fast_parse(yaml_part(p)[0], 2, shape.MAX_YAML_NODES) is not None]
    assert fast == records


def test_yaml_12_scalars_as_ruamel_reads_them():
    text = "\n".join(["a: yes", "b: on", "c: true", "d: 0755", "e: 0o17", "f: 1.5", "g: ~", "h: 2019-02-30",
                      "i: '12'", "k: .5", "l: 2018", "m: A&O fonds", "n: 'Het *beste* idee!'", ""])
    careful = yaml_data._careful_parse(text, "x", 1, 100)[0]
    fast = fast_yaml.fast_parse(text, 1, 100)
    assert fast is not None
    assert fast[0] == careful
    assert fast[0]["a"] == "yes" and fast[0]["b"] == "on" and fast[0]["c"] is True and fast[0]["h"] == "2019-02-30"


def test_anchors_and_tags_take_the_careful_path():
    for text in ("a: &x 1\nb: *x\n", "a: !!str 12\n", "<<: {a: 1}\n"):
        assert fast_yaml.fast_parse(text, 1, 100) is None, text
