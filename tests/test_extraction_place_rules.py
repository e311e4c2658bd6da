"""kgraph.extraction.rules.places: where a place lies, and the check of the relation
model's places against the gazetteer's countries."""

from __future__ import annotations

import pytest

from kgraph.extraction import extract_doc
from kgraph.extraction.mentions.entities import DocEntities
from kgraph.extraction.rules.places import plausible_places
from kgraph.types import Article, Entity, Mention, Span, Statement

_TYPES = {"Peru": "Country", "New Zealand": "Country", "Leeds": "City", "Lima": "City", "Zorbton": "City",
          "Acme": "Organization"}


def _ents() -> DocEntities:
    entities = {name.lower(): Entity(name.lower(), name, kind) for name, kind in _TYPES.items()}
    return DocEntities(doc=None, mentions=[], entities=entities, by_token=[], dates={})


def _statement(subject: str, predicate: str, obj: str) -> Statement:
    def mention(name):
        return Mention(Span(0, len(name), name), name.lower(), _TYPES[name])
    return Statement(mention(subject), predicate, mention(obj), predicate, "t", Span(0, 1, "x"), confidence=0.6)


def _kept(paired, stated=()) -> set[tuple[str, str, str]]:
    return {(s.subject.span.text, s.predicate, s.object.span.text) for s in plausible_places(paired, stated, _ents())}


def test_a_known_town_is_put_in_no_country_it_does_not_lie_in():
    paired = [_statement("Leeds", "locatedIn", "Peru"), _statement("Lima", "locatedIn", "Peru")]
    assert _kept(paired) == {("Lima", "locatedIn", "Peru")}


def test_an_unknown_town_lies_where_the_rules_or_the_model_put_it_in_a_known_town():
    stated = [_statement("Zorbton", "locatedIn", "Leeds")]
    assert _kept([_statement("Zorbton", "locatedIn", "New Zealand")], stated) == set()
    # the model's own statement of the town gives the country too
    paired = [_statement("Zorbton", "locatedIn", "Leeds"), _statement("Zorbton", "locatedIn", "New Zealand")]
    assert _kept(paired) == {("Zorbton", "locatedIn", "Leeds")}


def test_an_unknown_town_may_lie_in_any_country():
    assert _kept([_statement("Zorbton", "locatedIn", "Peru")]) == {("Zorbton", "locatedIn", "Peru")}


@pytest.mark.parametrize(("base", "kept"), [("Leeds", False), ("Lima", True)])
def test_an_organisation_the_rules_base_in_a_town_is_based_in_no_other_country(base, kept):
    stated = [_statement("Acme", "basedIn", base)]
    assert bool(_kept([_statement("Acme", "basedIn", "Peru")], stated)) is kept
    assert _kept([_statement("Acme", "basedIn", "Peru")]) == {("Acme", "basedIn", "Peru")}  # nothing known


def _facts(nlp, text) -> set[tuple[str, str, str]]:
    result = extract_doc(nlp(text), Article(id="t", text=text), with_propositions=False)
    return {(s.subject.key, s.predicate, s.object.key) for s in result.statements if s.object is not None}


@pytest.mark.model
def test_a_place_in_apposition_to_a_place_lies_in_it(nlp):
    assert ("santa-rosa", "locatedIn", "peru") in _facts(nlp, "The plant in Santa Rosa, Peru, closed.")


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("Acme owns plants in three Peruvian cities - Lima, Cusco and Arequipa.",
     {("lima", "peru"), ("cusco", "peru"), ("arequipa", "peru")}),
    ("There are also two plants in Chile, in the cities of Valparaiso and Antofagasta.",
     {("valparaiso", "chile"), ("antofagasta", "chile")}),
    ("Ada Bell was born in the Bolivian city of Sucre.", {("sucre", "bolivia")}),
    ("Trading will stay in Munich's state of Bavaria.", {("munich", "bavaria")}),
    ("Cy Ames moved to Oldham in Lancashire.", {("oldham", "lancashire")}),
    ("Those who died were Cy Ames, 43, of Zorbton, Leeds; and Di Roe, 50, of Cusco, Peru.",
     {("zorbton", "leeds"), ("cusco", "peru")}),
])
def test_where_a_place_lies_from_how_places_are_written_together(nlp, text, expected):
    found = {(s, o) for s, p, o in _facts(nlp, text) if p == "locatedIn"}
    assert expected <= found, found


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Delegates came from Lima, Leeds and Oslo.",  # a list
    "Zorbia play Wales in Cardiff on Sunday.",  # a known region lies in no town
    "The Zorbia Cup in Leeds starts in May.",  # no town: an event the tagger calls a place
])
def test_places_written_together_that_do_not_lie_in_each_other(nlp, text):
    assert not [f for f in _facts(nlp, text) if f[1] == "locatedIn"]


@pytest.mark.model
@pytest.mark.parametrize(("text", "subject", "based"), [
    ("Zentex Corp, Peru's second-largest card provider, was sold.", "zentex-corp", True),
    ("Ada Bell, Peru's best-known singer, was sold.", "ada-bell", False),  # a person is based nowhere
])
def test_an_organisation_ranked_among_a_places_is_based_there(nlp, text, subject, based):
    assert ((subject, "basedIn", "peru") in _facts(nlp, text)) is based


@pytest.mark.model
@pytest.mark.parametrize(("text", "fact"), [
    ("Ada Bell died at her home in Lima on Friday.", ("ada-bell", "livesIn", "lima")),
    ("Bo Li's Leeds home was raided.", ("bo-li", "livesIn", "leeds")),
])
def test_a_persons_home_in_a_place_is_where_the_person_lives(nlp, text, fact):
    assert fact in _facts(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(("text", "based"), [
    ("There were 80 staff at Zentex headquarters in Leeds last year.", True),
    ("There were 80 staff at Zentex in Leeds last year.", False),  # a branch as often as a seat
])
def test_an_organisations_headquarters_in_a_town(nlp, text, based):
    assert (("zentex", "basedIn", "leeds") in _facts(nlp, text)) is based


@pytest.mark.model
def test_a_subsidiary_named_with_its_town_is_based_there(nlp):
    assert ("zentex", "basedIn", "london") in _facts(nlp, "Acme bought the London subsidiary Zentex last year.")


def test_a_country_written_after_a_place_is_where_the_place_is_not_a_nationality():
    def mention(name, start):
        return Mention(Span(start, start + len(name), name), name.lower(), _TYPES[name])

    def statement(subject, predicate, obj):
        return Statement(mention(*subject), predicate, mention(*obj), predicate, "t", Span(0, 1, "x"), confidence=0.6)

    # "Ada Bell, of Lima, Peru, ... a Peru passport": the first "Peru" (at 18) places Lima
    _TYPES["Ada Bell"] = "Person"
    try:
        stated = [statement(("Lima", 12), "locatedIn", ("Peru", 18))]
        paired = [statement(("Ada Bell", 0), "citizenOf", ("Peru", 18)),
                  statement(("Ada Bell", 0), "citizenOf", ("Peru", 40))]
        kept = plausible_places(paired, stated, _ents())
    finally:
        del _TYPES["Ada Bell"]
    assert [s.object.span.start for s in kept] == [40]
