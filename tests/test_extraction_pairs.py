"""The mention-pair relation classifier: direction, types, evidence, candidates across
sentences, clause cues, and what it must not say."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from kgraph.errors import ModelError
from kgraph.extraction.document import extract_text, pair_mentions
from kgraph.extraction.pairs import (
    ACROSS, ALONE, EVENTS, MAX_SENTENCE_GAP, Candidate, PairModel, allowed_labels, candidates, choose, pair_statements,
)
from kgraph.ontology import load_ontology
from kgraph.types import Mention, Span

LABELS = ("none", "worksFor", "livesIn", "locatedIn", "basedIn", "killed", "citizenOf")


def _mentions(doc) -> list[Mention]:
    """The mentions extract_doc gives the classifier: names and resolved pronouns."""
    from kgraph.extraction.mentions.coref import resolve_pronouns
    from kgraph.extraction.mentions.entities import lexicon_entities
    from kgraph.extraction.rules.lexicon import load_lexicon

    lexicon = load_lexicon()
    ents = lexicon_entities(doc, lexicon, text=doc.text)
    resolve_pronouns(ents, ontology=lexicon.ontology)
    return pair_mentions(doc, ents)


def _triples(statements) -> set[tuple[str, str, str]]:
    return {(s.subject.span.text, s.predicate, s.object.span.text) for s in statements}


@pytest.fixture(scope="module")
def extract(nlp):
    def run(text: str):
        doc = nlp(text)
        return doc, pair_statements(doc, _mentions(doc), article_id="story-1")

    return run


@pytest.mark.model
@pytest.mark.parametrize(
    "text, triple, types",
    [
        ("Helena Marchetti, a senior engineer at Dorvale Systems, presented the new design.",
         ("Helena Marchetti", "worksFor", "Dorvale Systems"), ("Person", "Organization")),
        ("The festival takes place in Porto, Portugal, every June.",
         ("Porto", "locatedIn", "Portugal"), ("City", "Country")),
        ("Quellmark Analytics, which is headquartered in Rotterdam, reported strong sales.",
         ("Quellmark Analytics", "basedIn", "Rotterdam"), ("Organization", "City")),
        # passive: the agent of "shot dead by" is the killer
        ("Daniel Brenner was shot dead by Victor Hale outside a bar in 1998.",
         ("Victor Hale", "killed", "Daniel Brenner"), ("Person", "Person")),
    ],
)
def test_pairs_relation_direction_and_types(extract, text, triple, types):
    doc, statements = extract(text)
    assert triple in _triples(statements)
    st = next(s for s in statements if (s.subject.span.text, s.predicate, s.object.span.text) == triple)
    assert (st.subject.type, st.object.type) == types
    # the reverse direction is never stated as well
    assert (triple[2], triple[1], triple[0]) not in _triples(statements)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "John Carter admired Peter Walsh for many years.",
        "John Carter and Peter Walsh watched a film together on Friday.",
        # a reporting verb between the names: telling a broadcaster is not working for it
        "John Carter told Radio Kestrel that the talks had failed.",
    ],
)
def test_pairs_no_relation(extract, text):
    # in an article (a one-sentence document has a lower threshold, tuned on CoNLL04 lines)
    _, statements = extract("It was a quiet week. " + text)
    assert statements == []


@pytest.mark.model
def test_pairs_candidates_cross_sentences_with_their_evidence(nlp):
    text = "Anna Berg opened a shop in Porto. The weather was mild. Tourism in Portugal grew."
    doc = nlp(text)
    cands = list(candidates(doc, _mentions(doc), LABELS))
    by_pair = {(c.subject.span.text, c.object.span.text): c for c in cands}
    # one sentence: the sentence is the evidence and no cross-sentence feature is set
    same = by_pair[("Anna Berg", "Porto")]
    assert same.evidence == Span(0, 33, "Anna Berg opened a shop in Porto.")
    assert not same.across and "xs" not in same.features
    # two sentences apart (MAX_SENTENCE_GAP): the evidence runs from the first sentence to the second
    across = by_pair[("Porto", "Portugal")]
    assert MAX_SENTENCE_GAP >= 2 and across.across and {"xs", "xs_gap=2"} <= set(across.features)
    assert across.evidence.start == 0 and across.evidence.text == text
    assert [name for name, ok in zip(LABELS, across.allowed) if ok] == ["none", *sorted(ACROSS)]
    # only a place is paired across sentences (ACROSS): a person's country is not guessed
    assert ("Anna Berg", "Portugal") not in by_pair


@pytest.mark.model
def test_pairs_far_places_pair_only_with_the_topic(nlp):
    def across(text):
        doc = nlp(text)
        return {(c.subject.span.text, c.object.span.text) for c in candidates(doc, _mentions(doc), LABELS)
                if c.across}

    filler = " Rain fell. The vote was close. Nobody came."
    # Lisbon, named first, is the topic: it pairs with a place four sentences on
    assert ("Lisbon", "Portugal") in across("Lisbon is a city on a river." + filler + " Tourists love Portugal.")
    # neither is the topic and they are more than MAX_SENTENCE_GAP sentences apart
    assert ("Lisbon", "Portugal") not in across(
        "John Carter visited a farm. Lisbon is a city on a river." + filler + " Tourists love Portugal.")


@pytest.mark.model
def test_pairs_resolved_pronoun_stands_for_its_antecedent(nlp):
    text = "Mr John Carter spoke first. He works for Dorvale Systems in Rotterdam."
    doc = nlp(text)
    mentions = _mentions(doc)
    he = next(m for m in mentions if m.span.text == "He")
    assert he.key == next(m for m in mentions if "Carter" in m.span.text).key
    cand = next(c for c in candidates(doc, mentions, LABELS)
                if c.subject.span.text == "He" and c.object.span.text == "Dorvale Systems")
    assert "s_pron=he" in cand.features and not cand.across


@pytest.mark.model
@pytest.mark.parametrize(
    "text, cue",
    [
        ("Mr John Carter said that Kestrel Bank had grown.", "pcue=report"),
        ("Mr John Carter could join Kestrel Bank next year.", "s_clause=modal"),
        ("Mr John Carter did not join Kestrel Bank.", "s_clause=neg"),
    ],
)
def test_pairs_clause_cues(nlp, text, cue):
    doc = nlp(text)
    cand = next(c for c in candidates(doc, _mentions(doc), LABELS) if "Carter" in c.subject.span.text)
    assert cue in cand.features


@pytest.mark.model
@pytest.mark.parametrize("text, kept", [
    ("Mr John Carter said that Kestrel Bank had grown.", False),  # pcue=report on the path
    ("Ada Bell visited the Australian embassy on Monday.", False),  # pcue=modifier
    ("Mr John Carter joined Kestrel Bank.", True),
])
def test_pairs_blocked_candidates_left_out_on_request(nlp, text, kept):
    doc = nlp(text)
    everything = list(candidates(doc, _mentions(doc), LABELS))
    unblocked = list(candidates(doc, _mentions(doc), LABELS, blocked=False))
    pair = (everything[0].subject.key, everything[0].object.key)
    assert any((c.subject.key, c.object.key) == pair for c in unblocked) is kept
    assert unblocked == [c for c in everything if not {"pcue=report", "pcue=modifier"} & set(c.features)]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, subject, modifier",
    [
        # the name only says what kind of country: the visitor is no member of it
        ("Ada Bell began her first visit to a ZAFTA country in May.", "Ada Bell", True),
        ("Ada Bell began her first visit to an Acme Corp factory in May.", "her", True),
        # the noun is the person's own ("a ZAFTA member") or a title of hers
        ("Ada Bell, a ZAFTA member, spoke.", "Ada Bell", False),
        ("Zorbia businesswoman Ada Bell spoke.", "Ada Bell", False),
        # a nationality adjective on a noun says what kind the noun is, unless the noun
        # is the name's own or names it through "of"
        ("Ada Bell visited the Australian embassy on Monday.", "Ada Bell", True),
        ("Ada Bell, an Australian runner, won.", "Ada Bell", False),
    ],
)
def test_pairs_name_modifying_a_noun_is_no_argument(nlp, extract, text, subject, modifier):
    doc = nlp(text)
    cand = next(c for c in candidates(doc, _mentions(doc), LABELS) if c.subject.span.text == subject)
    assert ("pcue=modifier" in cand.features) is modifier
    if modifier:  # nothing is stated of the pair, in an article or alone
        for context in ("", "It was a quiet week. "):
            _, statements = extract(context + text)
            assert not any({cand.subject.key, cand.object.key} == {s.subject.key, s.object.key} for s in statements)


@pytest.mark.model
@pytest.mark.parametrize(("text", "subject", "modifier"), [
    ("Ada Bell flew to the French city of Lyon.", "Lyon", False),
    ("Ada Bell sold Acme Corp at a French port.", "Acme Corp", True),
])
def test_pairs_nationality_adjective_on_a_noun_that_names_the_other_end(nlp, text, subject, modifier):
    doc = nlp(text)
    cand = next(c for c in candidates(doc, _mentions(doc), LABELS)
                if c.subject.span.text == subject and c.object.span.text == "French")
    assert ("pcue=modifier" in cand.features) is modifier


@pytest.mark.model
def test_pairs_one_sentence_document_gets_a_copy_of_each_feature(nlp):
    doc = nlp("Ada Bell works for Acme Corp.")
    cand = next(candidates(doc, _mentions(doc), LABELS))
    own = [f for f in cand.features if f != ALONE and not f.startswith(ALONE + "|")]
    assert ALONE in cand.features and {f"{ALONE}|{f}" for f in own} <= set(cand.features)
    doc = nlp("It rained. Ada Bell works for Acme Corp.")
    assert not any(f.startswith(ALONE) for c in candidates(doc, _mentions(doc), LABELS) for f in c.features)


def test_pairs_event_needs_its_word():
    # a model sure of "killed" from the types alone: the probability stands only where a
    # lexicon word of the event is on the path, between the names or beside one
    labels = ("none", "killed", "livesIn")
    model = PairModel(labels, {"bias": 0}, np.array([[0.0, 3.0, 0.0]]), 0.5, 0.8, 0.5)
    assert "killed" in EVENTS
    cands = [replace(_cand((0, 4), (10, 14)), allowed=(True,) * 3, features=features) for features in
             [("bias",), ("bias", "lexpath=killed"), ("bias", "o_lexwin=killed"), ("bias", "lexbtw=livesIn")]]
    probs = model.probabilities(cands)
    assert probs[0, 1] == 0.0 and probs[3, 1] == 0.0
    assert probs[1, 1] > 0.8 and probs[2, 1] > 0.8
    # the other labels keep their probabilities
    assert probs[0, 0] == probs[1, 0] and probs[0, 2] == probs[1, 2]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, unwanted",
    [
        # 'X, of Y' with two people, and a move: no killing, no death without its word
        ("Ada Bell, of Bo Li, spoke.", "killed"),
        ("Maria Lopez moved to Brackton.", "diedIn"),
        ("Maria Lopez moved to Brackton.", "bornIn"),
    ],
)
def test_pairs_one_sentence_text_states_no_event_without_its_word(extract, text, unwanted):
    _, statements = extract(text)
    assert not any(s.predicate == unwanted for s in statements)


@pytest.mark.model
def test_pairs_evidence_offsets_confidence(extract):
    text = "In the morning the mayor spoke. John Carter was born in Leeds, England, in 1950."
    doc, statements = extract(text)
    assert ("John Carter", "bornIn", "Leeds") in _triples(statements)
    onto = load_ontology()
    for st in statements:
        for m in (st.subject, st.object):
            assert text[m.span.start:m.span.end] == m.span.text
            assert st.sentence.start <= m.span.start < m.span.end <= st.sentence.end
        assert text[st.sentence.start:st.sentence.end] == st.sentence.text
        assert st.article_id == "story-1"
        assert 0 < st.confidence <= 1
        prop = onto.property(st.predicate)
        assert onto.is_a(st.subject.type, prop.domain) and onto.is_a(st.object.type, prop.range)
        assert st.relation_text


@pytest.mark.model
def test_pairs_same_input_same_output(nlp):
    text = "Victor Hale murdered Daniel Brenner in Porto, Portugal, in 1998. He fled to Spain."
    runs = []
    for _ in range(2):
        doc = nlp(text)
        runs.append(pair_statements(doc, _mentions(doc), article_id="a"))
    assert runs[0] == runs[1]


@pytest.mark.model
def test_pairs_hedged_residence_is_not_stated(nlp):
    # a place named in a hedged or reported clause is no residence
    statements = extract_text("John Carter said Kestrel Bank could move its offices to Norway.", nlp=nlp)
    assert not any(s.predicate == "livesIn" for s in statements)


def _cand(subject: tuple[int, int], obj: tuple[int, int], *, across: bool = False, keys=None) -> Candidate:
    def mention(s, key):
        return Mention(Span(s[0], s[1], "x" * (s[1] - s[0])), key or f"k{s[0]}", "Place")

    keys = keys or (None, None)
    return Candidate(mention(subject, keys[0]), mention(obj, keys[1]), Span(0, 40, "x" * 40),
                     (True,) * len(LABELS), ("bias",), "", across)


def _row(**probs) -> list[float]:
    row = [probs.get(label, 0.0) for label in LABELS]
    row[0] = 1.0 - sum(row[1:])
    return row


@pytest.mark.parametrize(
    "rows, threshold, expected",
    [
        # of both directions of one mention pair, the more probable one
        ([_row(locatedIn=0.6), _row(locatedIn=0.8), _row(), _row()], 0.5, [(1, "locatedIn")]),
        # a relation below the threshold is dropped even when it beats "none"
        ([_row(locatedIn=0.45), _row(basedIn=0.2), _row(), _row()], 0.5, []),
        # "none" may be the likeliest label: a relation at the threshold is still stated
        ([_row(livesIn=0.35), _row(), _row(), _row()], 0.3, [(0, "livesIn")]),
        # across sentences, other mentions of the same two entities compete
        ([_row(), _row(), _row(locatedIn=0.6), _row(locatedIn=0.7)], 0.5, [(3, "locatedIn")]),
        # one threshold per candidate
        ([_row(locatedIn=0.6), _row(), _row(locatedIn=0.7), _row()], [0.5, 0.5, 0.8, 0.8], [(0, "locatedIn")]),
    ],
)
def test_pairs_choose(rows, threshold, expected):
    cands = [_cand((0, 5), (10, 15)), _cand((10, 15), (0, 5)),
             _cand((50, 55), (90, 95), across=True, keys=("a", "b")),
             _cand((60, 65), (90, 95), across=True, keys=("a", "b"))]
    chosen = choose(cands, np.array(rows), threshold)
    assert [(i, LABELS[label]) for i, label, _ in chosen] == expected


def test_pairs_model_file_errors(tmp_path):
    with pytest.raises(ModelError, match="train_pairs.py"):
        PairModel.load(tmp_path / "missing.json")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"labels": ["none", "visits"], "threshold": 0.5, "weights": {"bias": [0]}}))
    with pytest.raises(ModelError, match="retrain"):
        PairModel.load(wrong)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ModelError, match="broken.json: not a relation model"):
        PairModel.load(broken)


def test_pairs_shipped_model_loads_and_fits_the_ontology():
    model = PairModel.load()
    assert model.weights.shape == (len(model.vocab), len(model.labels))
    assert model.labels[0] == "none" and "bias" in model.vocab and 0 < model.threshold < 1
    assert set(model.labels[1:]) <= set(load_ontology().relations)


@pytest.mark.parametrize(
    "subject_type, object_type, wanted, unwanted",
    [
        ("Person", "Organization", {"worksFor"}, {"locatedIn", "basedIn", "citizenOf"}),
        ("City", "Country", {"locatedIn"}, {"worksFor", "citizenOf", "killed"}),
        ("Organization", "City", {"basedIn"}, {"livesIn", "citizenOf", "killed"}),
        ("Person", "Country", {"citizenOf", "livesIn"}, {"locatedIn", "basedIn"}),
        ("Work", "Place", set(), set(LABELS[1:])),
        ("NotAClass", "City", set(), set(LABELS[1:])),
    ],
)
def test_pairs_allowed_labels_follow_domain_and_range(subject_type, object_type, wanted, unwanted):
    allowed = allowed_labels(subject_type, object_type, LABELS)
    assert allowed[0] is True  # "none" is always possible
    fits = {label for label, ok in zip(LABELS[1:], allowed[1:]) if ok}
    assert wanted <= fits and not (unwanted & fits)


def test_pairs_label_missing_from_the_ontology_never_fits():
    assert allowed_labels("Person", "Organization", ("none", "worksFor", "noSuchRelation")) == (True, True, False)
