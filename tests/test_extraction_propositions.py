"""Open propositions, one construction per case (sentences of our own): on the
real model (``model``-marked) and on hand-built parses for the phrase rules."""

from __future__ import annotations

import pytest
from clause_parses import parse

from kgraph.extraction.syntax.propositions import propositions


def triples(nlp, text: str) -> list[tuple[str, ...]]:
    return [(p.arg1.text, p.relation, *(a.text for a in p.args)) for p in propositions(nlp(text))]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        # passive voice, preposition in the relation
        ("Marta Quell was born in Tallinn.", ("Marta Quell", "was born in", "Tallinn")),
        # copula with a preposition
        ("The bakery is in Greyport.", ("The bakery", "is in", "Greyport")),
        # apposition
        ("Oskar Brand, the mayor of Dunmore, opened a library.", ("Oskar Brand", "is", "the mayor of Dunmore")),
        ("Oskar Brand, the mayor of Dunmore, opened a library.", ("Oskar Brand", "opened", "a library")),
        # complement clause: the outer and the reported clause
        ("Lina said that the factory would close in May.", ("Lina", "said that", "the factory would close in May")),
        ("Lina said that the factory would close in May.", ("the factory", "would close in", "May")),
        # relative clause: the subject is the noun it modifies, cut out of the outer argument
        ("The museum, which was founded in 1921, houses old maps.", ("The museum", "was founded in", "1921")),
        ("The museum, which was founded in 1921, houses old maps.", ("The museum", "houses", "old maps")),
        ("Tessa met a sailor who had crossed the Delmar Sea.", ("Tessa", "met", "a sailor")),
        ("Tessa met a sailor who had crossed the Delmar Sea.", ("a sailor", "had crossed", "the Delmar Sea")),
        # an infinitival relative restricts its noun and stays in the phrase
        ("Nora was the first pilot to land on the glacier.", ("Nora", "was", "the first pilot to land on the glacier")),
        # conjunction on verbs and on arguments
        ("Pavel bought bread and visited the harbour.", ("Pavel", "visited", "the harbour")),
        ("Selma visited Arden and Veltmoor.", ("Selma", "visited", "Veltmoor")),
        ("Ivo and Lena founded a choir.", ("Lena", "founded", "a choir")),
        ("In May, Selma visited Arden and Veltmoor.", ("Selma", "visited", "In May", "Veltmoor")),
        # possessive and compound nominal relations
        ("Glenmark's chairman Otto Reiss resigned.", ("Otto Reiss", "is chairman of", "Glenmark")),
        ("Greta's brother lives in Vellum.", ("Greta", "has", "brother")),
        ("The Arden-based startup hired twelve engineers.", ("startup", "is based in", "Arden")),
        # titles, places in apposition, two objects
        ("Mayor Hugo Stein opened the bridge.", ("Hugo Stein", "is", "Mayor")),
        ("The orchestra performed in Brightwater, Kentland.", ("Brightwater", "is in", "Kentland")),
        ("Rosa gave Emil a bicycle.", ("Rosa", "gave", "Emil", "a bicycle")),
        # a participle modifier gets its implied "be"
        ("A hall built in 1900 collapsed.", ("A hall", "was built in", "1900")),
        # xcomp chains and participial clauses inherit the subject
        ("Corvin is poised to acquire the brewery.", ("Corvin", "is poised to acquire", "the brewery")),
        ("After leaving the army, Jon moved to Easton.", ("Jon", "leaving", "the army")),
    ],
)
def test_propositions_construction(nlp, text, expected):
    assert expected in triples(nlp, text)


@pytest.mark.model
def test_propositions_split_conjuncts_do_not_repeat_the_other_conjunct(nlp):
    found = triples(nlp, "Selma visited Arden and Veltmoor.")
    assert ("Selma", "visited", "Arden") in found
    assert all("and" not in arg for t in found for arg in t[2:])


@pytest.mark.model
@pytest.mark.parametrize(
    "text, relation, negated, modality",
    [
        ("Tomas did not sign the contract.", "did not sign", True, None),
        ("Nadia refused to endorse the proposal.", "refused to endorse", True, None),
        ("The minister may resign next week.", "may resign", False, "may"),
        ("Corvin is poised to acquire the brewery.", "is poised to acquire", False, "poised to"),
        ("Marta Quell was born in Tallinn.", "was born in", False, None),
        ("Lars has no plans to visit Brindle.", "no plans to visit", True, None),
        ("Kess refrained from backing the plan.", "refrained from backing", True, None),
        ("Mona left without paying the bill.", "left without paying", True, None),
        ("Lena's refusal to sign the treaty angered voters.", "refusal to sign", True, None),
    ],
)
def test_propositions_negation_and_modality(nlp, text, relation, negated, modality):
    (prop,) = [p for p in propositions(nlp(text)) if p.relation == relation]
    assert (prop.negated, prop.modality) == (negated, modality)


@pytest.mark.model
def test_propositions_offsets_point_into_the_text(nlp):
    text = "Yesterday Oskar Brand, the mayor of Dunmore, opened a library in Greyport."
    doc = nlp(text)
    props = list(propositions(doc))
    assert props
    for prop in props:
        for span in (prop.arg1, *prop.args):
            assert text[span.start:span.end] == span.text
        assert text[prop.sentence.start:prop.sentence.end] == prop.sentence.text


@pytest.mark.model
def test_propositions_confidence_ranks_main_verbs_above_nominal_readings(nlp):
    props = {(p.arg1.text, p.relation): p.confidence for p in propositions(nlp("Greta's brother lives in Vellum."))}
    assert props["Greta's brother", "lives in"] > props["Greta", "has"]
    assert all(0 < c < 1 for c in props.values())


@pytest.mark.model
def test_propositions_of_a_span_only_cover_that_sentence(nlp):
    doc = nlp("Rosa gave Emil a bicycle. Selma visited Arden.")
    first = next(doc.sents)
    assert {p.arg1.text for p in propositions(first)} == {"Rosa"}
    assert {p.arg1.text for p in propositions(doc)} == {"Rosa", "Selma"}


@pytest.mark.model
def test_propositions_deterministic(nlp):
    text = "Oskar Brand, the mayor of Dunmore, said that Glenmark's chairman would visit Arden and Veltmoor."
    assert list(propositions(nlp(text))) == list(propositions(nlp(text)))


def hand_triples(spec: str, ents=()) -> list[tuple[str, ...]]:
    return [(p.arg1.text, p.relation, *(a.text for a in p.args)) for p in propositions(parse(spec, ents)[:])]


def test_propositions_argument_stops_at_an_ancestor_in_a_non_projective_parse():
    # "Vans came in two colours: Jade Green" with "Green" in apposition to "Vans"
    spec = ("Vans/NNPS/nsubj/1 came/VBD/ROOT/1/come in/IN/prep/1 two/CD/nummod/4 colours/NNS/pobj/2 "
            "://punct/1 Jade/NNP/compound/7 Green/NNP/appos/0 ./././1")
    assert ("Vans", "came in", "two colours") in hand_triples(spec.replace("://punct", ":/:/punct"))


def test_propositions_do_not_split_a_named_entity_at_its_ampersand():
    spec = "Rosa/NNP/nsubj/1 sued/VBD/ROOT/1/sue Brand/NNP/dobj/1 &/CC/cc/2 Sons/NNPS/conj/2 ./././1"
    assert hand_triples(spec, ents=((2, 5, "ORG"),)) == [("Rosa", "sued", "Brand & Sons")]
    assert hand_triples(spec) == [("Rosa", "sued", "Brand"), ("Rosa", "sued", "Sons")]


def test_propositions_relative_clause_cut_out_of_the_noun_it_modifies():
    spec = ("The/DT/det/1 museum/NN/nsubj/8 ,/,/punct/1 which/WDT/nsubjpass/5 was/VBD/auxpass/5 "
            "founded/VBN/relcl/1/found in/IN/prep/5 1921/CD/pobj/6 houses/VBZ/ROOT/8/house maps/NNS/dobj/8 ./././8")
    assert hand_triples(spec) == [("The museum", "was founded in", "1921"), ("The museum", "houses", "maps")]


def test_propositions_place_modifier():
    spec = "The/DT/det/2 Arden/NNP/compound/2 bakery/NN/nsubj/3 closed/VBD/ROOT/3/close ./././3"
    assert ("bakery", "is in", "Arden") in hand_triples(spec, ents=((1, 2, "GPE"),))


def test_propositions_there_is_takes_the_attributes_place():
    spec = ("There/EX/expl/1 are/VBP/ROOT/1/be three/CD/nummod/3 parks/NNS/attr/1 in/IN/prep/3 "
            "the/DT/det/6 town/NN/pobj/4 ./././1")
    assert hand_triples(spec) == [("three parks", "are in", "the town")]


def test_propositions_compound_preposition_is_one_argument():
    spec = ("Crokes/NNPS/nsubjpass/2 were/VBD/auxpass/2 knocked/VBN/ROOT/2/knock out/IN/prep/2 of/IN/prep/3 "
            "the/DT/det/6 cup/NN/pobj/4 ./././2")
    assert hand_triples(spec) == [("Crokes", "were knocked", "out of the cup")]


def test_propositions_parenthetical_reporting_clause_reports_the_sentence_around_it():
    spec = ("Brokers/NNS/nsubj/5 ,/,/punct/3 Ida/NNP/nsubj/3 said/VBD/parataxis/5/say ,/,/punct/3 "
            "were/VBD/ROOT/5/be furious/JJ/acomp/5 ./././5")
    assert ("Ida", "said", "Brokers , Ida said , were furious") in hand_triples(spec)


def test_propositions_participle_set_off_by_commas_is_cut_from_the_subject():
    spec = ("Sales/NNS/nsubj/5 ,/,/punct/0 showing/VBG/acl/0/show a/DT/det/4 fall/NN/dobj/2 "
            "were/VBD/ROOT/5/be low/JJ/acomp/5 ./././5")
    assert ("Sales", "were", "low") in hand_triples(spec)
    assert ("Sales", "showing", "a fall") in hand_triples(spec)
