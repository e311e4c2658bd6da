"""The faster attribute ruler and lemmatizer give every token the annotations that
spaCy's own components give it."""

from __future__ import annotations

import pytest

from kgraph.extraction.model import default_model_name
from kgraph.extraction.pipes import ArrayRuler, CachedLemmatizer, speed_up

# What the ruler's rarer patterns are about: contractions and colloquial spellings,
# "there is", object pronouns, auxiliaries, determiners standing alone, spaces.
TEXTS = [
    "Ada Bell ain't gonna sell Acme Corp, y'all. Let's go! C'mon, nothin' is gotta change.",
    "There are two firms in Zorbia, and there's a bank. It is what it is.",
    "Bo Li gave it to me, and I thanked you. They saw I and you.",
    "That was the plan; this is what Ada did not want. Those who have done it don't.",
    "He gets it.  She got it.\n\nThe  ministers   were\tthere.",
    "Ada has been elected. Bo had had enough, and he does what he did.",
    "  ",
    "",
    "Zorbia's president, Ada Bell, 53, said on Monday that the Quarr talks would resume.",
]


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    import spacy

    stock, fast = spacy.load(default_model_name()), spacy.load(default_model_name())
    speed_up(fast)
    return stock, fast


@pytest.mark.model
def test_pipes_installed_in_kgraphs_pipeline(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), ArrayRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    # a language's own lemmatizer methods stay: English's base forms
    assert type(nlp.get_pipe("lemmatizer")).is_base_form is not CachedLemmatizer.is_base_form


@pytest.mark.model
@pytest.mark.parametrize("text", TEXTS)
def test_pipes_annotate_as_spacys_components(pipelines, text):
    stock, fast = pipelines
    assert _annotations(fast(text)) == _annotations(stock(text))


@pytest.mark.model
def test_pipes_annotate_batches_as_spacys_components(pipelines):
    stock, fast = pipelines
    texts = TEXTS * 3  # the lemma cache answers the repeats
    assert [_annotations(d) for d in fast.pipe(texts, batch_size=4)] == \
        [_annotations(d) for d in stock.pipe(texts, batch_size=4)]


@pytest.mark.model
def test_pipes_ruler_reads_rules_added_later(pipelines):
    import spacy

    stock, fast = spacy.load(default_model_name()), spacy.load(default_model_name())
    speed_up(fast)
    text = "Zorbia quarrels with Xland."
    fast(text)  # the rules are compiled on first use
    for nlp in (stock, fast):
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "quarrels"}]], {"LEMMA": "quarrel-x", "POS": "NOUN"})
    assert _annotations(fast(text)) == _annotations(stock(text))
    assert fast(text)[1].lemma_ == "quarrel-x"


@pytest.mark.model
def test_pipes_ruler_with_an_operator_left_as_spacys():
    import spacy

    nlp = spacy.load(default_model_name())
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    speed_up(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), ArrayRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
