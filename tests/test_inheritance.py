"""One rule for inheritance along 'onderdeel_van' (model/content.py), used by the rekenhulp and the catalogue."""

from generator.model.content import inherit, lineage, parent_lookup


def test_nearest_value_that_is_not_empty_wins():
    part = {"max_looptijd_maanden": None, "aanvragers": [], "fase": "achteraf"}
    programme = {"max_looptijd_maanden": 7, "aanvragers": ["gemeente"], "fase": "vooraf"}
    assert inherit([part, programme]) == {"max_looptijd_maanden": 7, "aanvragers": ["gemeente"], "fase": "achteraf"}
    assert inherit([None, programme]) == programme
    assert inherit([None, None]) is None


def test_combined_fields_join_farther_and_nearer():
    union = {"verplicht": lambda farther, nearer: farther + [n for n in nearer if n not in farther]}
    merged = inherit([{"verplicht": ["themas", "domein"]}, {"verplicht": ["domein", "periode"]}], union)
    assert merged == {"verplicht": ["domein", "periode", "themas"]}


def test_lineage_over_any_mapping_stops_at_a_loop_and_an_unknown_parent():
    schemes = {"a": {"onderdeel_van": "b"}, "b": {"onderdeel_van": "c"}, "c": {"onderdeel_van": "a"},
               "d": {"onderdeel_van": "bestaat-niet"}}
    parent_of = parent_lookup(schemes, lambda scheme: scheme.get("onderdeel_van"))
    assert lineage("a", parent_of) == ["a", "b", "c"]
    assert lineage("d", parent_of) == ["d"]
