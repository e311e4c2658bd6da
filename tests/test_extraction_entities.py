"""Entity mentions: cleaning, typing through the ontology and the gazetteer, merging."""

from __future__ import annotations

import pytest

from kgraph.extraction.mentions.entities import doc_entities, is_headline
from kgraph.extraction.rules.lexicon import load_lexicon
from kgraph.extraction.mentions.places import load_gazetteer


def entities_of(nlp, text):
    lexicon = load_lexicon()
    return doc_entities(nlp(text), titles=lexicon.title_words, org_nouns=lexicon.organisation_nouns)


@pytest.mark.parametrize(
    ("name", "kind", "canonical"),
    [
        ("Peru", "country", "Peru"),
        ("the UK", "country", "United Kingdom"),
        ("U.S.", "country", "United States"),
        ("Türkiye", "country", "Turkey"),
        ("Bavaria", "region", "Bavaria"),
        ("Middle East", "region", "Middle East"),
        ("Springfield", None, None),
    ],
)
def test_gazetteer_kinds_and_names(name, kind, canonical):
    gazetteer = load_gazetteer()
    assert gazetteer.kind(name) == kind
    assert gazetteer.name(name) == canonical


@pytest.mark.parametrize(("word", "country"), [("Kenyan", "Kenya"), ("Chilean", "Chile"), ("Norwegian", "Norway"),
                                               ("Dutch", "Netherlands"), ("Spreewaldian", None)])
def test_gazetteer_demonyms(word, country):
    assert load_gazetteer().demonym(word) == country


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Okafor's Bold Gamble: Landmark Trip To Norway Signals Shift", True),
        ("Maria Okafor flew to Norway on Monday.", False),
        ("Share this", False),
    ],
)
def test_is_headline(line, expected):
    assert is_headline(line) is expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surface", "label", "ontology_type"),
    [
        ("The Acme Group announced a merger with Globex on Friday.", "Acme Group", "Acme Group", "Organization"),
        ("Daniel Mwangi's plan was approved by the board.", "Daniel Mwangi", "Daniel Mwangi", "Person"),
        ("Maria Okafor flew to Peru last week.", "Peru", "Peru", "Country"),
        ("Maria Okafor flew to Nairobi last week.", "Nairobi", "Nairobi", "City"),
        ("Rebels attacked the Kivu region on Sunday.", "Kivu", "Kivu", "Place"),
        ("Farmers in Bavaria protested on Monday.", "Bavaria", "Bavaria", "Place"),
        ("Kenyan officials met the delegation.", "Kenyan", "Kenya", "Country"),
        # tagged GPE, but "company" in apposition says what it is
        ("The Chilean mining company Codelco closed a smelter.", "Codelco", "Codelco", "Organization"),
    ],
)
def test_mentions_are_cleaned_and_typed(nlp, text, surface, label, ontology_type):
    ents = entities_of(nlp, text)
    found = {(m.surface, m.type) for m in ents.mentions}
    assert (surface, ontology_type) in found
    assert any(e.label == label and e.type == ontology_type for e in ents.entities.values())


@pytest.mark.model
def test_no_mention_keeps_a_determiner_or_possessive(nlp):
    ents = entities_of(nlp, "The Acme Group's chief said the Globex Corporation's offer was low.")
    for m in ents.mentions:
        assert not m.surface.lower().startswith("the ")
        assert not m.surface.endswith(("'s", "’s"))


@pytest.mark.model
def test_dates_are_literals_not_entities(nlp):
    ents = entities_of(nlp, "Maria Okafor visited Peru in March 2021.")
    assert not [e for e in ents.entities.values() if "2021" in e.label or "March" in e.label]
    token = next(t for t in ents.doc if t.text == "2021")
    assert ents.date_text(token) == "March 2021"
    assert ents.mention_at(token) is None


@pytest.mark.model
def test_adjective_groups_are_not_entities(nlp):
    ents = entities_of(nlp, "Maria Okafor criticised Western sanctions on Peru.")
    assert "Western" not in {m.surface for m in ents.mentions}


@pytest.mark.model
def test_person_name_forms_merge_into_one_entity(nlp):
    text = ("Daniel Mwangi arrived in Lima on Monday. Mwangi met the mayor. "
            "Mwangi's speech was short. President Daniel Mwangi left on Tuesday.")
    ents = entities_of(nlp, text)
    people = [e for e in ents.entities.values() if e.type == "Person"]
    assert [(e.key, e.label) for e in people] == [("daniel-mwangi", "Daniel Mwangi")]
    assert "Mwangi" in people[0].aliases
    assert {m.key for m in ents.mentions if m.type == "Person"} == {"daniel-mwangi"}


@pytest.mark.model
def test_names_merge_without_diacritics(nlp):
    ents = entities_of(nlp, "José Martínez joined the board. Martinez's role was new.")
    entity = ents.entities["jose-martinez"]
    assert entity.label == "José Martínez"
    assert "Martinez" in entity.aliases


@pytest.mark.model
@pytest.mark.parametrize("text", ["The Kenyan minister spoke.", "The Kenyan minister spoke in Kenya."])
def test_a_nationality_adjective_is_a_name_of_its_country(nlp, text):
    # the article writes the country so: the adjective is one of its labels
    entity = entities_of(nlp, text).entities["kenya"]
    assert entity.label == "Kenya" and "Kenyan" in entity.aliases


@pytest.mark.model
def test_headline_fragments_are_cut_to_body_names(nlp):
    text = ("Okafor's Bold Gamble: Landmark Trip To Norway Signals Shift\n\n"
            "Maria Okafor flew to Norway on Monday, officials said.")
    ents = entities_of(nlp, text)
    headline_end = text.index("\n")
    for m in ents.mentions:
        assert ":" not in m.surface and "Gamble" not in m.surface and "Signals" not in m.surface
        if m.start_char < headline_end:
            assert m.key in {"maria-okafor", "norway"}


def test_a_surname_tagged_as_an_organisation_joins_its_person():
    """Hand-built Doc: the tagger calls the second "Lovelace" an ORG."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Ada", "Lovelace", "spoke", ".", "Lovelace", "left", "."]
    doc = Doc(Vocab(), words=words, ents=["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O", "O"])
    ents = doc_entities(doc)
    assert [(m.surface, m.key, m.type) for m in ents.mentions] == [
        ("Ada Lovelace", "ada-lovelace", "Person"),
        ("Lovelace", "ada-lovelace", "Person"),
    ]
    assert list(ents.entities) == ["ada-lovelace"]


def test_a_surname_the_tagger_missed_is_still_a_mention():
    """Hand-built Doc: only the first "Lovelace" carries an entity label."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Ada", "Lovelace", "spoke", ".", "Lovelace", "left", "for", "Acme", ".", "Acme", "won", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O"]
    ents_found = doc_entities(Doc(Vocab(), words=words, pos=pos, ents=ents))
    assert [(m.surface, m.start, m.key) for m in ents_found.mentions] == [
        ("Ada Lovelace", 0, "ada-lovelace"),
        ("Lovelace", 4, "ada-lovelace"),
        ("Acme", 7, "acme"),
        ("Acme", 9, "acme"),
    ]


def test_a_surname_two_people_share_is_left_alone():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Ada", "Lovelace", "met", "Bo", "Lovelace", ".", "Lovelace", "left", "."]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"]
    found = doc_entities(Doc(Vocab(), words=words, pos=pos, ents=ents))
    assert [m.start for m in found.mentions] == [0, 3]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "named", "not_named"),
    [
        ("Shadow Home Secretary Tomas Berg said the plan was wrong.", {"Tomas Berg": "Person"}, {"Shadow Home"}),
        ("Lib Dem leader Tomas Berg visited Leeds.", {"Lib Dem": "Organization", "Tomas Berg": "Person"}, set()),
    ],
)
def test_titles_are_not_names_and_parties_are_organisations(nlp, text, named, not_named):
    lexicon = load_lexicon()
    ents = doc_entities(nlp(text), titles=lexicon.title_words, org_nouns=lexicon.organisation_nouns,
                        title_phrases=lexicon.title_phrases, member_words=frozenset(lexicon.member_words))
    found = {e.label: e.type for e in ents.entities.values()}
    assert {k: found.get(k) for k in named} == named
    assert not not_named & set(found)


@pytest.mark.parametrize(
    ("words", "pos", "ents", "surfaces"),
    [
        # a pronoun the tagger labelled a person is no name (coref resolves it)
        (["Her", "coach", "Bo", "Li", "left", "."], ["PRON", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"],
         ["B-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"], ["Bo Li"]),
        # a name cut short inside a list loses its dangling conjunction
        (["Ada", "Bell", "of", "Nevis", "and", "won", "."],
         ["PROPN", "PROPN", "ADP", "PROPN", "CCONJ", "VERB", "PUNCT"],
         ["B-PERSON", "I-PERSON", "O", "B-GPE", "I-GPE", "O", "O"], ["Ada Bell", "Nevis"]),
        # a time the tagger took for a place has no letters: no name
        (["Bo", "won", "in", "7:39.89", "."], ["PROPN", "VERB", "ADP", "NUM", "PUNCT"],
         ["B-PERSON", "O", "O", "B-GPE", "O"], ["Bo"]),
    ],
)
def test_pronouns_dangling_conjunctions_and_numbers_are_no_names(words, pos, ents, surfaces):
    from spacy.lang.en import English
    from spacy.tokens import Doc

    # English's vocabulary (no model) gives the tokens their lowercase forms
    found = doc_entities(Doc(English().vocab, words=words, pos=pos, ents=ents))
    assert [m.surface for m in found.mentions] == surfaces


def test_a_name_ending_with_a_persons_surname_is_a_person():
    """Hand-built Doc: the tagger calls "Ada Quill" an organisation, "Quill" a person."""
    from spacy.lang.en import English
    from spacy.tokens import Doc

    words = ["Ada", "Quill", "won", ".", "Quill", "smiled", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    ents = ["B-ORG", "I-ORG", "O", "O", "B-PERSON", "O", "O"]
    found = doc_entities(Doc(English().vocab, words=words, pos=pos, ents=ents))
    assert [(e.label, e.type) for e in found.entities.values()] == [("Ada Quill", "Person")]

# --------------------------------------------------------------- types from libraries and context
# Hand-built parses (tests/clause_parses.py): the tagger's labels are given, the rules decide.

def _types(spec, ents, **words):
    from clause_parses import parse

    lexicon = load_lexicon()
    found = doc_entities(parse(spec, ents), titles=lexicon.title_words, org_nouns=lexicon.organisation_nouns,
                         member_words=frozenset(lexicon.member_words), **words)
    return {e.label: e.type for e in found.entities.values()}, found


@pytest.mark.parametrize(("in_article", "expected"), [(True, "Organization"), (False, "Person")])
def test_a_one_word_person_never_introduced_is_an_organisation(in_article, expected):
    # in an article news introduces people by full name; a sentence on its own introduces no one
    from clause_parses import article

    spec = "Vellmark/NNP/nsubj/1 said/VBD/ROOT/1 profits/NNS/nsubj/3 rose/VBD/ccomp/1 ././punct/1"
    types, _ = _types(article(spec) if in_article else spec, ((0, 1, "PERSON"),))
    assert types == {"Vellmark": expected}


@pytest.mark.parametrize("spec", [
    "Mr/NNP/compound/1 Vellmark/NNP/nsubj/2 said/VBD/ROOT/2 ././punct/2",
    "his/PRP$/poss/1 brother/NN/compound/2 Vellmark/NNP/nsubj/3 said/VBD/ROOT/3 ././punct/3",
])
def test_a_one_word_person_with_a_title_or_kin_word_stays_a_person(spec):
    start = spec.split().index(next(w for w in spec.split() if w.startswith("Vellmark")))
    types, _ = _types(spec, ((start, start + 1, "PERSON"),))
    assert types == {"Vellmark": "Person"}


@pytest.mark.parametrize(("pronoun", "expected"), [("she", "Person"), ("it", "Organization")])
def test_a_one_word_subject_a_personal_pronoun_follows_is_a_person(pronoun, expected):
    from clause_parses import article

    types, _ = _types(article(f"Vellmark/NNP/nsubj/1 said/VBD/ROOT/1 {pronoun}/PRP/nsubj/3 left/VBD/ccomp/1 ././punct/1"),
                      ((0, 1, "PERSON"),))
    assert types == {"Vellmark": expected}


def test_a_big_citys_name_of_several_words_tagged_as_a_persons_is_the_city():
    types, _ = _types("Sao/NNP/compound/1 Paulo/NNP/nsubj/2 grew/VBD/ROOT/2 ././punct/2", ((0, 2, "PERSON"),))
    assert types == {"Sao Paulo": "City"}


def test_a_title_before_a_name_tagged_as_a_firm_makes_a_person():
    types, _ = _types("Chancellor/NNP/compound/2 Ada/NNP/compound/2 Vell/NNP/nsubj/3 said/VBD/ROOT/3 ././punct/3",
                      ((1, 3, "ORG"),))
    assert types == {"Ada Vell": "Person"}


def test_names_listed_after_a_noun_for_towns_are_cities():
    types, _ = _types("plants/NNS/ROOT/0 in/IN/prep/0 the/DT/det/3 cities/NNS/pobj/1/city of/IN/prep/3 "
                      "Zorbgrad/NNP/pobj/4 and/CC/cc/5 Vellmark/NNP/conj/5 ././punct/0",
                      ((5, 6, "PERSON"), (7, 8, "ORG")))
    assert types == {"Zorbgrad": "City", "Vellmark": "City"}


def test_a_known_city_the_tagger_missed_is_found_after_in():
    types, found = _types("Zorbco/NNP/nsubj/1 opened/VBD/ROOT/1 plants/NNS/dobj/1 in/IN/prep/1 "
                          "Gothenburg/NNP/pobj/3 ././punct/1", ((0, 1, "ORG"),))
    assert types["Gothenburg"] == "City"
    assert next(e for e in found.entities.values() if e.label == "Gothenburg").links  # one city of that name: linked


@pytest.mark.parametrize(("spec", "expected"), [
    ("Shares/NNS/nsubj/3 of/IN/prep/0 Zorbgrad/NNP/pobj/1 fell/VBD/ROOT/3 ././punct/3", "Organization"),
    ("They/PRP/nsubj/1 flew/VBD/ROOT/1 to/IN/prep/1 Zorbgrad/NNP/pobj/2 ././punct/1", "City"),
    # a noun for towns before it or in apposition
    ("the/DT/det/1 town/NN/nsubj/4 of/IN/prep/1 Zorbgrad/NNP/pobj/2 grew/VBD/ROOT/4 ././punct/4", "City"),
    ("Quakes/NNS/nsubj/1 hit/VBD/ROOT/1 Zorbgrad/NNP/dobj/1 ,/,/punct/2 a/DT/det/6 big/JJ/amod/6 "
     "city/NN/appos/2 ././punct/1", "City"),
])
def test_a_place_name_no_gazetteer_knows_needs_words_that_make_it_a_place(spec, expected):
    start = spec.split().index(next(w for w in spec.split() if w.startswith("Zorbgrad/")))
    types, _ = _types(spec, ((start, start + 1, "GPE"),))
    assert types == {"Zorbgrad": expected}


@pytest.mark.parametrize(("before", "expected"), [("north-east", "City"), ("most", "Organization")])
def test_a_known_town_a_direction_points_from_is_a_city(before, expected):
    # "It lies 20 miles north-east of Tampere ." with the town tagged a firm's name
    types, _ = _types(f"It/PRP/nsubj/1 lies/VBZ/ROOT/1 20/CD/nummod/3 miles/NNS/npadvmod/4 {before}/RB/advmod/1 "
                      "of/IN/prep/4 Tampere/NNP/pobj/5 ././punct/1", ((6, 7, "ORG"),))
    assert types == {"Tampere": expected}


@pytest.mark.parametrize(("words", "expected"), [(("Ada", "R.", "Vellmans"), "Person"), (("Ada", "Vellmans"), "Organization")])
def test_a_name_with_a_middle_initial_is_a_persons_though_tagged_plural(words, expected):
    # the tagger calls some surnames plurals, and a plural name is a body's ("Zorbian Lords")
    spec = " ".join(f"{w}/NNPS/compound/{len(words) - 1}" for w in words[:-1]) + \
        f" {words[-1]}/NNPS/nsubj/{len(words)} spoke/VBD/ROOT/{len(words)} ././punct/{len(words)}"
    types, _ = _types(spec, ((0, len(words), "PERSON"),))
    assert types == {" ".join(words): expected}


@pytest.mark.parametrize("label", ["PERSON", "GPE"])
def test_a_name_that_ends_in_a_bodys_noun_is_an_organisation(label):
    types, _ = _types("Vellmark/NNP/compound/1 College/NNP/nsubj/2 opened/VBD/ROOT/2 ././punct/2", ((0, 2, label),))
    assert types == {"Vellmark College": "Organization"}


def test_newswire_markup_and_legal_forms():
    """Reuters-style "<Zorbco Corp>": no bracket in the name; the legal form makes an
    organisation whatever the tagger says, and the short name joins it."""
    types, found = _types("Shares/NNS/nsubj/6 of/IN/prep/0 </,/punct/4 Zorbco/NNP/compound/4 Corp/NNP/pobj/1 "
                          ">/,/punct/4 rose/VBD/ROOT/6 ;/:/punct/6 Zorbco/NNP/nsubj/9 said/VBD/conj/6 ././punct/6",
                          ((2, 6, "PERSON"), (8, 9, "ORG")))
    assert types == {"Zorbco Corp": "Organization"}
    assert not any("<" in m.surface or ">" in m.surface for m in found.mentions)


def test_a_town_and_its_country_tagged_as_one_name_are_two_places():
    types, found = _types("from/IN/ROOT/0 Vellmark/NNP/pobj/0 ,/,/punct/1 New/NNP/compound/4 Zealand/NNP/appos/1 "
                          "././punct/0", ((1, 5, "ORG"),))
    assert types == {"Vellmark": "City", "New Zealand": "Country"}
    assert next(e for e in found.entities.values() if e.label == "New Zealand").code == "NZ"


def test_two_names_tagged_as_one_with_a_comma_are_two():
    types, _ = _types("include/VBP/ROOT/0 Zorbco/NNP/dobj/0 ,/,/punct/1 Quarrex/NNP/conj/1 ././punct/0",
                      ((1, 4, "ORG"),))
    assert types == {"Zorbco": "Organization", "Quarrex": "Organization"}


@pytest.mark.parametrize(("spec", "ents", "label"), [
    # a party named by its members: an organisation, not a group of people
    ("the/DT/det/1 Greens/NNPS/nsubj/2 won/VBD/ROOT/2 ././punct/2", ((1, 2, "NORP"),), "Greens"),
    # a PERSON name with an article of its own, or a plural, is no person's
    ("the/DT/det/2 Vellmark/NNP/compound/2 Gazette/NNP/nsubj/3 reported/VBD/ROOT/3 ././punct/3",
     ((1, 3, "PERSON"),), "Vellmark Gazette"),
])
def test_parties_and_names_with_an_article_are_organisations(spec, ents, label):
    types, _ = _types(spec, ents)
    assert types == {label: "Organization"}


def test_a_country_is_linked_to_geonames_and_iso_3166():
    from kgraph.extraction.mentions.places import geonames_iri

    _, found = _types("They/PRP/nsubj/1 flew/VBD/ROOT/1 to/IN/prep/1 Peru/NNP/pobj/2 ././punct/1", ((3, 4, "GPE"),))
    [peru] = found.entities.values()
    assert (peru.type, peru.code) == ("Country", "PE")
    assert peru.links == (geonames_iri(load_gazetteer().place("Peru").geonames),)


def test_a_place_name_the_tagger_cut_in_two_is_one_name():
    from clause_parses import parse

    # "Ada Bell lives in Zorb Town , Leeds ." with "Zorb" and "Town" tagged as two places
    doc = parse("Ada/NNP/compound/1 Bell/NNP/nsubj/2 lives/VBZ/ROOT/2 in/IN/prep/2 Zorb/NNP/compound/5 "
                "Town/NNP/pobj/3 ,/,/punct/5 Leeds/NNP/appos/5 ././punct/2",
                ((0, 2, "PERSON"), (4, 5, "GPE"), (5, 6, "GPE"), (7, 8, "GPE")))
    assert [m.text for m in doc_entities(doc).mentions] == ["Ada Bell", "Zorb Town", "Leeds"]
    # two places side by side that the parse does not join stay two
    doc = parse("Lima/NNP/nsubj/2 Leeds/NNP/appos/0 met/VBD/ROOT/2 ././punct/2",
                ((0, 1, "GPE"), (1, 2, "GPE")))
    assert [m.text for m in doc_entities(doc).mentions] == ["Lima", "Leeds"]


def test_an_honorific_opens_only_a_persons_name():
    # "They met at Mr Zorbin 's home ." with "Mr Zorbin 's" tagged a building
    types, _ = _types("They/PRP/nsubj/1 met/VBD/ROOT/1/meet at/IN/prep/1 Mr/NNP/compound/4 Zorbin/NNP/poss/6 "
                      "'s/POS/case/4 home/NN/pobj/2 ././punct/1", ((3, 6, "FAC"),))
    assert types == {"Zorbin": "Person"}


@pytest.mark.parametrize(("tag", "expected"), [("NNP", "Organization"), ("NNPS", "Group")])
def test_a_group_name_a_place_owns_is_a_firms(tag, expected):
    # "Peru 's Zorbev bought Quarr ." with "Zorbev" tagged a nationality or group
    types, _ = _types(f"Peru/NNP/poss/2 's/POS/case/0 Zorbev/{tag}/nsubj/3 bought/VBD/ROOT/3/buy "
                      "Quarr/NNP/dobj/3 ././punct/3", ((0, 1, "GPE"), (2, 3, "NORP")))
    assert types["Zorbev"] == expected


@pytest.mark.parametrize(("spec", "expected"), [
    # an age in commas, or a person's title in apposition: a person, whatever the tagger made of the word
    ("Quell/NN/nsubj/5 ,/,/punct/0 53/CD/appos/0 ,/,/punct/0 has/VBZ/aux/5 retired/VBN/ROOT/5 ././punct/5", "Person"),
    ("Quell/UH/nsubj/6 ,/,/punct/0 a/DT/det/4 senior/JJ/amod/4 official/NN/appos/0 ,/,/punct/0 "
     "left/VBD/ROOT/6 ././punct/6", "Person"),
    # nothing says so: no name
    ("Quell/NN/nsubj/4 ,/,/punct/0 the/DT/det/3 plan/NN/appos/0 failed/VBD/ROOT/4 ././punct/4", None),
])
def test_a_name_the_tagger_missed_is_a_person_by_its_age_or_title(spec, expected):
    types, _ = _types(spec, ())
    assert types == ({"Quell": expected} if expected else {})


@pytest.mark.parametrize(("spec", "label", "expected"), [
    # a noun for towns or regions before the name, or the name said to be one
    ("he/PRP/nsubj/1 works/VBZ/ROOT/1 for/IN/prep/1 the/DT/det/4 city/NN/pobj/2 of/IN/prep/4 "
     "Zorbgrad/NNP/pobj/5 ././punct/1", "ORG", "City"),
    ("they/PRP/nsubj/1 live/VBP/ROOT/1 in/IN/prep/1 the/DT/det/4 province/NN/pobj/2 of/IN/prep/4 "
     "Zorbgrad/NNP/pobj/5 ././punct/1", "ORG", "Place"),
    ("Zorbgrad/NNP/nsubj/1 is/VBZ/ROOT/1/be a/DT/det/3 town/NN/attr/1 ././punct/1", "ORG", "City"),
    ("Zorbgrad/NNP/nsubj/1 is/VBZ/ROOT/1/be a/DT/det/3 town/NN/attr/1 ././punct/1", "GPE", "City"),
    # a firm's name otherwise
    ("Zorbgrad/NNP/nsubj/1 is/VBZ/ROOT/1/be a/DT/det/3 success/NN/attr/1 ././punct/1", "ORG", "Organization"),
])
def test_a_name_a_noun_for_places_describes_is_a_place(spec, label, expected):
    start = spec.split().index(next(w for w in spec.split() if w.startswith("Zorbgrad/")))
    types, _ = _types(spec, ((start, start + 1, label),))
    assert types == {"Zorbgrad": expected}


@pytest.mark.parametrize(("words", "label", "expected"), [
    (("Zorbia", "Remembrance", "Day"), "ORG", "Event"),
    (("Quarr", "Film", "Festival"), "GPE", "Event"),
    (("Ada", "Day"), "PERSON", "Person"),  # a surname, not an event
    (("Zorbia", "Remembrance", "Day"), "PERSON", "Event"),
])
def test_a_name_that_ends_in_an_events_noun_is_an_event(words, label, expected):
    # "Reports : Zorbia Remembrance Day began ." (a name that opens the text may be a dateline's)
    n = len(words)
    spec = "Reports/NNS/ROOT/0 :/:/punct/0 " + " ".join(f"{w}/NNP/compound/{n + 1}" for w in words[:-1]) \
        + f" {words[-1]}/NNP/nsubj/{n + 2} began/VBD/ROOT/{n + 2} ././punct/{n + 2}"
    types, _ = _types(spec, ((2, 2 + n, label),))
    assert types == {" ".join(words): expected}


@pytest.mark.parametrize(("first", "second", "found"), [
    ("Group", "Zorbco", True), ("Zorbco", "Holdings", True), ("Zorbco", "Ministry", False)])
def test_the_other_word_of_a_groups_name_names_the_group(first, second, found):
    """Hand-built Doc: "Group Zorbco sued . Zorbco won ." with only the first name tagged;
    "Zorbco Ministry" is no group, so "Zorbco" alone is not its name."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = [first, second, "sued", ".", "Zorbco", "won", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    ents = ["B-ORG", "I-ORG", "O", "O", "O", "O", "O"]
    mentions = doc_entities(Doc(Vocab(), words=words, pos=pos, ents=ents)).mentions
    key = mentions[0].key
    assert ((4, key) in {(m.start, m.key) for m in mentions}) == found


@pytest.mark.parametrize(("label", "noun", "expected"), [
    ("PRODUCT", "winemaker", "Organization"), ("WORK_OF_ART", "newspaper", "Organization"),
    ("PRODUCT", "success", "Work")])
def test_a_kind_of_organisation_in_apposition_makes_a_product_name_a_firm(label, noun, expected):
    from clause_parses import parse

    from kgraph.extraction.rules.lexicon import load_lexicon

    # "Zorbco , the biggest winemaker , grew ."
    doc = parse(f"Zorbco/NNP/nsubj/6 ,/,/punct/0 the/DT/det/4 biggest/JJ/amod/4 {noun}/NN/appos/0 ,/,/punct/0 "
                "grew/VBD/ROOT/6/grow ././punct/6", ents=((0, 1, label),))
    lexicon = load_lexicon()
    mentions = doc_entities(doc, titles=lexicon.title_words, org_nouns=lexicon.organisation_nouns).mentions
    assert [(m.surface, m.type) for m in mentions] == [("Zorbco", expected)]
