"""The mention-pair relation classifier: direction, types, evidence, and what it must not say."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kgraph.errors import ModelError
from kgraph.extraction.pairs import (
    LABELS, Candidate, PairModel, allowed_labels, candidates, choose, pair_statements,
)
from kgraph.ontology import load_ontology
from kgraph.types import Mention, Span


def _mentions(doc) -> list[Mention]:
    """The named mentions extract_doc gives the classifier."""
    from kgraph.extraction.mentions.entities import doc_entities, public_mention
    from kgraph.extraction.rules.lexicon import load_lexicon

    ents = doc_entities(doc, titles=load_lexicon().title_words)
    return [public_mention(doc, m) for m in ents.mentions if not m.modifier]


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
        ("Peter Olsen, a spokesman for Norvik Airlines, said the flights would resume.",
         ("Peter Olsen", "worksFor", "Norvik Airlines"), ("Person", "Organization")),
        ("Ingrid Solberg has lived in Norway all her life.",
         ("Ingrid Solberg", "livesIn", "Norway"), ("Person", "Country")),
        ("The festival takes place in Porto, Portugal, every June.",
         ("Porto", "locatedIn", "Portugal"), ("City", "Country")),
        ("Quellmark Analytics, which is headquartered in Rotterdam, reported strong sales.",
         ("Quellmark Analytics", "basedIn", "Rotterdam"), ("Organization", "City")),
        # passive: the agent of "shot dead by" is the killer
        ("Daniel Brenner was shot dead by Victor Hale outside a bar in 1998.",
         ("Victor Hale", "killed", "Daniel Brenner"), ("Person", "Person")),
        ("Victor Hale murdered Daniel Brenner in 1998.",
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
        "Maria Lopes admired Jon Tanner for many years.",
        "Maria Lopes and Jon Tanner watched a film together on Friday.",
    ],
)
def test_pairs_no_relation_between_unrelated_people(extract, text):
    _, statements = extract(text)
    assert statements == []


@pytest.mark.model
def test_pairs_stay_inside_one_sentence(nlp):
    text = "Anna Berg works for Kestrel Bank. Ingrid Solberg has lived in Norway all her life."
    doc = nlp(text)
    mentions = _mentions(doc)
    cands = list(candidates(doc, mentions))
    assert cands and all(c.sentence.start_char <= min(c.subject.span.start, c.object.span.start)
                         and max(c.subject.span.end, c.object.span.end) <= c.sentence.end_char for c in cands)
    statements = pair_statements(doc, mentions, article_id="story-1")
    assert _triples(statements) == {("Anna Berg", "worksFor", "Kestrel Bank"), ("Ingrid Solberg", "livesIn", "Norway")}
    assert statements[0].sentence == Span(0, 33, "Anna Berg works for Kestrel Bank.")


@pytest.mark.model
def test_pairs_evidence_offsets_confidence(extract):
    text = ("In the morning the mayor spoke. Helena Marchetti, a senior engineer at Dorvale Systems "
            "in Rotterdam, met Jon Tanner.")
    doc, statements = extract(text)
    assert statements, "expected at least the worksFor statement"
    onto = load_ontology()
    for st in statements:
        for m in (st.subject, st.object):
            assert text[m.span.start:m.span.end] == m.span.text
            assert st.sentence.start <= m.span.start < m.span.end <= st.sentence.end
        assert text[st.sentence.start:st.sentence.end] == st.sentence.text
        assert st.sentence.start == text.index("Helena")
        assert st.article_id == "story-1"
        assert 0 < st.confidence <= 1
        prop = onto.property(st.predicate)
        assert onto.is_a(st.subject.type, prop.domain) and onto.is_a(st.object.type, prop.range)
        assert st.relation_text


@pytest.mark.model
def test_pairs_same_input_same_output(nlp):
    text = "Victor Hale murdered Daniel Brenner in Porto, Portugal, in 1998."
    runs = []
    for _ in range(2):
        doc = nlp(text)
        runs.append(pair_statements(doc, _mentions(doc), article_id="a"))
    assert runs[0] == runs[1]


def _cand(subject: tuple[int, int], obj: tuple[int, int]) -> Candidate:
    mention = lambda s: Mention(Span(s[0], s[1], "x" * (s[1] - s[0])), f"k{s[0]}", "Place")  # noqa: E731
    return Candidate(mention(subject), mention(obj), None, (True,) * len(LABELS), ("bias",), "")


def _row(**probs) -> list[float]:
    row = [probs.get(label, 0.0) for label in LABELS]
    row[0] = 1.0 - sum(row[1:])
    return row


@pytest.mark.parametrize(
    "rows, threshold, expected",
    [
        # of both directions of one pair, the more probable one
        ([_row(locatedIn=0.6), _row(locatedIn=0.8)], 0.5, [(1, "locatedIn")]),
        # a relation below the threshold is dropped even when it beats "none"
        ([_row(locatedIn=0.45), _row(basedIn=0.2)], 0.5, []),
        # "none" may be the likeliest label: a relation at the threshold is still stated
        ([_row(livesIn=0.35), _row()], 0.3, [(0, "livesIn")]),
    ],
)
def test_pairs_choose(rows, threshold, expected):
    cands = [_cand((0, 5), (10, 15)), _cand((10, 15), (0, 5))]
    chosen = choose(cands, np.array(rows), threshold)
    assert [(i, LABELS[label]) for i, label, _ in chosen] == expected


def test_pairs_model_file_errors(tmp_path):
    with pytest.raises(ModelError, match="train_pairs.py"):
        PairModel.load(tmp_path / "missing.json")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"labels": ["none", "visits"], "threshold": 0.5, "weights": {"bias": [0, 0]}}))
    with pytest.raises(ModelError, match="retrain"):
        PairModel.load(wrong)


def test_pairs_shipped_model_loads():
    model = PairModel.load()
    assert model.weights.shape == (len(model.vocab), len(LABELS))
    assert "bias" in model.vocab and 0 < model.threshold < 1


@pytest.mark.parametrize(
    "subject_type, object_type, expected",
    [
        ("Person", "Organization", {"worksFor"}),
        ("Person", "City", {"livesIn"}),
        ("City", "Country", {"locatedIn"}),
        ("Organization", "City", {"basedIn"}),
        # a person's range is Agent for worksFor, so two people may be either
        ("Person", "Person", {"worksFor", "killed"}),
        # a country is a place and an agent
        ("Person", "Country", {"worksFor", "livesIn"}),
        ("Work", "Place", set()),
        ("NotAClass", "City", set()),
    ],
)
def test_pairs_allowed_labels_follow_domain_and_range(subject_type, object_type, expected):
    allowed = allowed_labels(subject_type, object_type)
    assert allowed[0] is True  # "none" is always possible
    assert {label for label, ok in zip(LABELS[1:], allowed[1:]) if ok} == expected
