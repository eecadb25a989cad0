"""One rule for inheritance along 'onderdeel_van' and one reading of partial dates (model/content.py, core/dates.py)."""

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


def test_one_partial_date_for_every_reader():
    import datetime as dt

    from generator.core.dates import PartialDate
    from generator.core.dutch import date_text

    assert PartialDate.parse("2018") == PartialDate(2018) and PartialDate.parse(2018) == PartialDate(2018)
    assert PartialDate.parse("2024-02").last_day == dt.date(2024, 2, 29)
    assert PartialDate.parse("2019-11-01").first_day == dt.date(2019, 11, 1)
    assert [PartialDate.parse(v) for v in ("2019-13", "2019-02-30", "19", "", None, True)] == [None] * 6
    assert PartialDate.parse("2018-11").months_until(PartialDate.parse("2019-05-31")) == 7
    assert PartialDate.parse("2018").months_until(PartialDate.parse("2019-05")) is None
    assert [date_text(v) for v in ("2017", "2018-11", "2019-06-13", dt.date(2019, 6, 13))] == [
        "2017", "november 2018", "13 juni 2019", "13 juni 2019"]
