"""Context cues that overrule the tagger's entity label, datelines, and the
gazetteer's state abbreviations (kgraph.extraction.mentions.cues)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.lang.en import English

from kgraph.extraction import extract_doc
from kgraph.extraction.mentions.entities import doc_entities
from kgraph.extraction.rules.lexicon import load_lexicon
from kgraph.extraction.mentions.places import load_gazetteer
from kgraph.types import Article

from clause_parses import article, parse


def mentions_of(words, ents):
    """(surface, type) of the mentions of a hand-built Doc with entity labels ``ents``."""
    lexicon = load_lexicon()
    found = doc_entities(Doc(English().vocab, words=words, ents=ents), titles=lexicon.title_words,
                         org_nouns=lexicon.organisation_nouns)
    return [(m.surface, m.type) for m in found.mentions]


@pytest.mark.parametrize(("abbreviation", "state"), [
    ("Nev.", "Nevada"), ("Mass.", "Massachusetts"), ("N.M.", "New Mexico"), ("Calif", "California"),
    ("W.Va.", "West Virginia"),
])
def test_state_abbreviations_are_regions(abbreviation, state):
    gazetteer = load_gazetteer()
    assert gazetteer.kind(abbreviation) == "region"
    assert gazetteer.name(abbreviation) == state


@pytest.mark.parametrize(("words", "ents", "expected"), [
    # a town the tagger took for a firm or a person, placed by its region or country
    (["Quarrton", ",", "Nevada", ",", "flooded"], ["B-ORG", "O", "B-GPE", "O", "O"],
     [("Quarrton", "City"), ("Nevada", "Place")]),
    (["Vell", "Harbour", ",", "Peru", "."], ["B-PERSON", "I-PERSON", "O", "B-GPE", "O"],
     [("Vell Harbour", "City"), ("Peru", "Country")]),
    # an organisation noun in the name keeps it a firm
    (["Quarrton", "Bank", ",", "Nevada", "."], ["B-ORG", "I-ORG", "O", "B-GPE", "O"],
     [("Quarrton Bank", "Organization"), ("Nevada", "Place")]),
    # a place that goes on, or starts a list, says nothing of the name before it
    (["Quarrco", ",", "Nevada", "'s", "biggest", "firm"], ["B-ORG", "O", "B-GPE", "O", "O", "O"],
     [("Quarrco", "Organization"), ("Nevada", "Place")]),
    (["Ada", "Bell", ",", "Nevada", "economist"], ["B-PERSON", "I-PERSON", "O", "B-GPE", "O"],
     [("Ada Bell", "Person"), ("Nevada", "Place")]),
    (["Quarrco", ",", "Peru", ",", "Chile", "signed", "."], ["B-ORG", "O", "B-GPE", "O", "B-GPE", "O", "O"],
     [("Quarrco", "Organization"), ("Peru", "Country"), ("Chile", "Country")]),
    # a long name is an institution's
    (["Quarr", "Tamsin", "Research", "Laboratory", ",", "Nevada", "."], ["B-ORG"] * 1 + ["I-ORG"] * 3 + ["O", "B-GPE", "O"],
     [("Quarr Tamsin Research Laboratory", "Organization"), ("Nevada", "Place")]),
    # "Miss" before a name is a title, not Mississippi
    (["Quarrton", ",", "Miss", "Lee", "said"], ["B-ORG", "O", "O", "O", "O"], [("Quarrton", "Organization")]),
    # an age in commas makes a person
    (["Ada", "Quell", ",", "47", ",", "left"], ["B-ORG", "I-ORG", "O", "O", "O", "O"], [("Ada Quell", "Person")]),
    (["Ada", "Quell", ",", "470", ",", "left"], ["B-ORG", "I-ORG", "O", "O", "O", "O"],
     [("Ada Quell", "Organization")]),
    # a name ending with a place noun is a place, whatever the tagger says
    (["Quarr", "District", "flooded"], ["B-PERSON", "I-PERSON", "O"], [("Quarr District", "Place")]),
    (["Tamsin", "Plateau", "burned"], ["B-ORG", "I-ORG", "O"], [("Tamsin Plateau", "Place")]),
    (["University", "of", "the", "Tamsin", "Islands", "opened"], ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"],
     [("University of the Tamsin Islands", "Organization")]),
    (["District", "officials", "met"], ["B-ORG", "O", "O"], [("District", "Organization")]),
    # a dateline names its town and place even when the tagger saw neither
    (["ZORBTON", ",", "Nevada", "(", "Wirecast", ")"], ["O"] * 6,
     [("ZORBTON", "City"), ("Nevada", "Place"), ("Wirecast", "Organization")]),
    (["Zorbton", ",", "Nevada", ",", "May", "2", "(", "Wirecast", ")", "--", "Floods", "hit"],
     ["O"] * 4 + ["B-DATE", "I-DATE"] + ["O"] * 6,
     [("Zorbton", "City"), ("Nevada", "Place"), ("Wirecast", "Organization")]),
    (["ZORBTON", "(", "Wire", "Cast", ")"], ["O"] * 5, [("ZORBTON", "City"), ("Wire Cast", "Organization")]),
    # a name in Title Case and brackets inside a sentence is no dateline
    (["Zorbton", "(", "Wirecast", ")", "is", "dry"], ["O"] * 6, []),
    (["NEW", "QUARR", ",", "South", "Africa", "--", "Miners", "struck"], ["O"] * 8,
     [("NEW QUARR", "City"), ("South Africa", "Country")]),
    # capitals without a known place after them are no dateline
    (["ZORBTON", ",", "Quarrland", "is", "dry"], ["O"] * 5, []),
    (["A", ",", "Nevada", "is", "dry"], ["O"] * 5, []),
    # a name with a note in brackets: no place or date, or a place in the brackets
    (["Ada", "Bellow", "(", "Wirecast", ")"], ["O"] * 5, []),
    (["ADA", "BELLOW", "(", "Nevada", ")"], ["O"] * 5, []),
    # four words in capitals are a title, not a town
    (["TOO", "FAST", "TOO", "FURIOUS", "(", "QUARRSOFT", ")"], ["O"] * 7, []),
])
def test_cues_type_names(words, ents, expected):
    assert mentions_of(words, ents) == expected


@pytest.mark.parametrize(("lines_before", "found"), [(2, True), (3, False)])
def test_a_dateline_opens_the_story(lines_before, found):
    """Only the first three lines may hold a dateline (title, byline, dateline)."""
    words = [w for i in range(lines_before) for w in (f"Line{i}", "\n")] + ["ZORBTON", ",", "Nevada", "--", "Rain"]
    spaces = [False] * (2 * lines_before) + [True, True, True, True, False]
    mentions = doc_entities(Doc(English().vocab, words=words, spaces=spaces)).mentions
    assert [(m.surface, m.type) for m in mentions] == ([("ZORBTON", "City"), ("Nevada", "Place")] if found else [])


@pytest.mark.parametrize(("words", "heads", "deps", "tags", "ents", "expected"), [
    # "Quell , a director , left": a singular title in apposition describes a person
    (["Quell", ",", "a", "director", ",", "left"], [5, 0, 3, 0, 0, 5],
     ["nsubj", "punct", "det", "appos", "punct", "ROOT"], ["NNP", ",", "DT", "NN", ",", "VBD"],
     ["B-ORG", "O", "O", "O", "O", "O"], [("Quell", "Person")]),
    (["Quell", ",", "the", "directors", ",", "left"], [5, 0, 3, 0, 0, 5],
     ["nsubj", "punct", "det", "appos", "punct", "ROOT"], ["NNP", ",", "DT", "NNS", ",", "VBD"],
     ["B-ORG", "O", "O", "O", "O", "O"], [("Quell", "Organization")]),
    # "its adviser , Quarr Capital , quit": firms advise too
    (["its", "adviser", ",", "Quarr", "Capital", ",", "quit"], [1, 6, 1, 4, 1, 1, 6],
     ["poss", "nsubj", "punct", "compound", "appos", "punct", "ROOT"], ["PRP$", "NN", ",", "NNP", "NNP", ",", "VBD"],
     ["O", "O", "O", "B-ORG", "I-ORG", "O", "O"], [("Quarr Capital", "Organization")]),
])
def test_a_title_in_apposition_makes_a_person(words, heads, deps, tags, ents, expected):
    lexicon = load_lexicon()
    lemmas = [w.lower()[:-1] if tag == "NNS" else w.lower() for w, tag in zip(words, tags)]
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps, tags=tags, lemmas=lemmas, ents=ents)
    found = doc_entities(doc, titles=lexicon.title_words, org_nouns=lexicon.organisation_nouns)
    assert [(m.surface, m.type) for m in found.mentions] == expected


def test_a_dateline_town_is_one_entity_with_its_later_mentions():
    words = ["ZORBTON", ",", "Nevada", "--", "Floods", "hit", "Zorbton", "."]
    found = doc_entities(Doc(English().vocab, words=words, ents=["O"] * 6 + ["B-GPE", "O"]))
    assert [(m.surface, m.key) for m in found.mentions] == [
        ("ZORBTON", "zorbton"), ("Nevada", "nevada"), ("Zorbton", "zorbton")]


def statements_of(nlp, text):
    result = extract_doc(nlp(text), Article(id="t", text=text))
    types = {e.key: e.type for e in result.entities}
    return {(s.subject.span.text, s.predicate, s.object.span.text) for s in result.statements
            if s.object is not None}, types


@pytest.mark.model
@pytest.mark.parametrize(("text", "person", "fact"), [
    ("Quillon Varga , 52 , of Marlowe , Nev. , was injured Friday when a truck overturned .",
     "quillon-varga", ("Quillon Varga", "livesIn", "Marlowe")),
    ("Pellham , a director of the Tamsin Institute , died Monday at his home .",
     "pellham", ("Pellham", "worksFor", "Tamsin Institute")),
])
def test_a_person_the_tagger_called_an_organisation_gets_a_persons_relations(nlp, text, person, fact):
    found, types = statements_of(nlp, text)
    assert types[person] == "Person"
    assert fact in found


@pytest.mark.model
def test_a_dateline_places_its_town(nlp):
    found, types = statements_of(nlp, "ORVANTE , South Africa ( Wirecast ) -- Miners struck on Monday .")
    assert types["orvante"] == "City"
    assert ("ORVANTE", "locatedIn", "South Africa") in found


@pytest.mark.model
def test_a_persons_title_beside_an_organisation_noun_keeps_the_person(nlp):
    """The parse hangs both "president" and "group" on the name: the title wins."""
    found, types = statements_of(nlp, "` ` We will stay , ' ' said Orla Brennic , president of the Tamsin Weavers "
                                      "Association , a non-profit group that helps new weavers settle in the city .")
    assert types["orla-brennic"] == "Person"
    assert ("Orla Brennic", "leaderOf", "Tamsin Weavers Association") in found


@pytest.mark.parametrize(("body", "kept"), [([], True), (["Rain", "fell", "all", "week", "."], False)])
def test_a_text_of_headlines_alone_keeps_its_names(body, kept):
    """A headline's names are checked against the body; with no body they stay as tagged."""
    words = ["Zorbton", "Wirecast", "Radio", "Network", "Reports", "Floods"] + (["\n", *body] if body else [])
    spaces = [True] * 5 + [False] + ([False] + [True] * len(body) if body else [])
    ents = ["B-GPE", "B-ORG", "I-ORG", "I-ORG"] + ["O"] * (len(words) - 4)
    mentions = [(m.surface, m.type) for m in doc_entities(Doc(English().vocab, words=words, spaces=spaces, ents=ents)).mentions]
    assert mentions == ([("Zorbton", "City"), ("Wirecast Radio Network", "Organization")] if kept else [])


@pytest.mark.parametrize(("spec", "expected"), [
    # a one-word name that visits is a person's, though nothing else says so
    ("Quell/NNP/nsubj/1 visited/VBD/ROOT/1/visit Zorbia/NNP/dobj/1", "Person"),
    # a one-word name that only speaks may be a firm's
    ("Quell/NNP/nsubj/1 said/VBD/ROOT/1/say so/RB/advmod/1", "Organization"),
])
def test_a_lone_name_that_visits_is_a_person(spec, expected):
    lexicon = load_lexicon()
    doc = parse(article(spec), ents=((0, 1, "PERSON"),))
    found = doc_entities(doc, titles=lexicon.title_words, org_nouns=lexicon.organisation_nouns)
    assert [(m.surface, m.type) for m in found.mentions] == [("Quell", expected)]


@pytest.mark.parametrize(("words", "ents", "expected"), [
    # a town in capitals, a date and a dash: the town a firm's name to the tagger, a city here
    (["ZORBTON", ",", "March", "22", "-", "Quarrco", "said", "profits", "rose", "."],
     ["B-ORG", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O"], [("Zorbton", "City"), ("Quarrco", "Organization")]),
    # a town in capitals and a dash alone
    (["ZORBTON", "--", "Floods", "hit", "the", "town", "."], ["O"] * 7, [("Zorbton", "City")]),
    # the agency's dateline with a town the tagger called a person
    (["ZORBTON", "(", "Wirecast", ")", "-", "Ada", "Bell", "said", "."],
     ["B-PERSON", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"],
     [("Zorbton", "City"), ("Wirecast", "Organization"), ("Ada Bell", "Person")]),
    # capitals with neither a dash nor a place are no dateline
    (["ZORBTON", "WEEKLY", "is", "out", "."], ["O"] * 5, []),
])
def test_datelines_with_a_date_or_a_dash_name_their_town_a_city(words, ents, expected):
    found = doc_entities(Doc(English().vocab, words=words, ents=ents))
    assert [(m.text, m.type) for m in found.mentions] == expected
