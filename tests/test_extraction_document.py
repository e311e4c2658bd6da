"""kgraph.extraction.document: extract_doc and extract_text end to end, and the
filters it applies to the pair classifier's statements."""

from __future__ import annotations

import pytest

from kgraph.extraction import extract_doc, extract_text
from kgraph.extraction.rules.lexicon import load_lexicon
from kgraph.types import Article


@pytest.mark.model
def test_offsets_point_at_mentions_inside_the_evidence_sentence(nlp):
    text = ("Kenyan President Daniel Mwangi arrived in Peru on Tuesday.\n\n"
            "He later met with Clara Holm, who is a senior adviser to Mwangi.")
    result = extract_doc(nlp(text), Article(id="t", text=text))
    assert result.statements
    for s in result.statements:
        assert text[s.sentence.start:s.sentence.end] == s.sentence.text
        for mention in filter(None, (s.subject, s.object)):
            assert text[mention.span.start:mention.span.end] == mention.span.text
            assert s.sentence.start <= mention.span.start < mention.span.end <= s.sentence.end
        assert 0 <= s.confidence <= 1 and s.article_id == "t"
    pronoun = next(s for s in result.statements if s.subject.span.text == "He")
    assert pronoun.subject.key == "daniel-mwangi" and pronoun.subject.type == "Person"



@pytest.mark.model
def test_extract_doc_returns_entities_and_is_deterministic(nlp):
    text = "Daniel Mwangi visited Chile. Mwangi met with Clara Holm in Santiago."
    first = extract_doc(nlp(text), Article(id="t", text=text))
    second = extract_doc(nlp(text), Article(id="t", text=text))
    assert first == second
    keys = {e.key for e in first.entities}
    assert {"daniel-mwangi", "chile", "clara-holm"} <= keys
    assert all(s.subject.key in keys and (s.object is None or s.object.key in keys) for s in first.statements)



@pytest.mark.model
def test_extract_text(nlp):
    statements = extract_text("Maria Okafor visited Peru.", nlp=nlp)
    assert [(s.subject.key, s.predicate, s.object.key) for s in statements] == [("maria-okafor", "visits", "peru")]



def test_related_to_is_dropped_when_a_typed_statement_relates_the_pair():
    from kgraph.extraction.document import _drop_covered_relations
    from kgraph.types import Mention, Span, Statement

    ada = Mention(Span(0, 3, "Ada"), "ada", "Person")
    acme = Mention(Span(12, 16, "Acme"), "acme", "Organization")
    sentence = Span(0, 17, "Ada joined Acme.")

    def stated(predicate, subject=ada, obj=acme):
        return Statement(subject, predicate, obj, "joined", "t", sentence)

    kept = _drop_covered_relations([stated("relatedTo"), stated("worksFor")])
    assert [s.predicate for s in kept] == ["worksFor"]
    alone = [stated("relatedTo")]
    assert _drop_covered_relations(alone) == alone



def test_the_classifier_does_not_reuse_a_written_country_the_rules_gave_another_name():
    # "Borvik paid for US winemaker Zentex; Borvik also sells in the US."
    from kgraph.extraction.document import _new_pairs
    from kgraph.types import Mention, Span, Statement

    borvik = Mention(Span(0, 6, "Borvik"), "borvik", "Organization")
    zentex = Mention(Span(31, 37, "Zentex"), "zentex", "Organization")
    sentence = Span(0, 60, "x" * 60)

    def us(start):
        return Mention(Span(start, start + 2, "US"), "us", "Country")

    rules = [Statement(zentex, "basedIn", us(17), "US", "t", sentence, confidence=0.85)]
    paired = [Statement(borvik, "basedIn", us(17), "paid for", "t", sentence, confidence=0.7),
              Statement(borvik, "basedIn", us(56), "sells in", "t", sentence, confidence=0.7)]
    kept = _new_pairs(rules, paired, load_lexicon())
    assert [s.object.span.start for s in kept] == [56]


@pytest.mark.parametrize(
    ("predicate", "relation_text", "object_type", "kept"),
    [
        ("citizenOf", "of", "Country", True),  # a nationality next to the name: a short path
        ("citizenOf", "said feature available in", "Country", False),  # across a clause
        ("citizenOf", "head in", "Country", False),  # where she works, not her nationality
        ("citizenOf", "at", "Country", False),
        ("citizenOf", "striker", "Country", True),  # a noun for the person: "a Zorbian striker"
        ("citizenOf", "citizen of", "Country", True),
        ("citizenOf", "stance", "Country", False),  # "his anti-Zorbia stance": no noun for a person
        ("citizenOf", "met", "Country", False),
        ("citizenOf", "girlfriend of", "Country", False),
        ("worksFor", "head in", "Organization", True),  # only citizenOf reads "in" as a place
        ("worksFor", "said feature available in", "Organization", True),  # only citizenOf needs a short path
        ("worksFor", "economist at", "Country", True),  # a country is an agent that employs
        ("livesIn", "economist at", "Organization", False),  # the range rejects it
    ],
)
def test_classifier_statements_need_a_fitting_range_and_citizenship_a_short_path_naming_the_person(
        predicate, relation_text, object_type, kept):
    # The model's own thresholds (kgraph.extraction.pairs) decide on confidence; the
    # document keeps what the ontology accepts, and a nationality only from nearby words.
    from kgraph.extraction.document import _plausible
    from kgraph.types import Mention, Span, Statement

    ada = Mention(Span(0, 3, "Ada"), "ada", "Person")
    other = Mention(Span(40, 44, "Zorb"), "zorb", object_type)
    statement = Statement(ada, predicate, other, relation_text, "t", Span(0, 45, "x" * 45), confidence=0.9)
    assert _plausible(statement, load_lexicon()) is kept


@pytest.mark.model
def test_extract_doc_without_propositions_gives_the_same_statements(nlp):
    text = "Maria Okafor visited Peru. She met Lars Eriksen in Lima."
    full = extract_doc(nlp(text), Article(id="t", text=text))
    bare = extract_doc(nlp(text), Article(id="t", text=text), with_propositions=False)
    assert full.propositions and not bare.propositions
    assert (bare.entities, bare.statements) == (full.entities, full.statements)

