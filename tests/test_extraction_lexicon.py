"""kgraph.extraction.rules.lexicon: the ontology's lexicon indexed for the rules."""

from __future__ import annotations

import pytest

from kgraph.extraction.rules.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("candidates", "subject_type", "object_type", "expected"),
    [
        (("visits",), "Person", "Country", "visits"),
        (("visits",), "Person", "Person", None),  # a person is not a place to visit
        (("meetsWith", "hosts"), "Country", "Person", "meetsWith"),  # the narrower range wins
        (("meetsWith", "hosts"), "Country", "Event", "hosts"),
        (("leaderOf",), "Organization", "Country", None),  # only people lead
        (("says",), "Person", None, "says"),  # a literal object
        (("says",), "Person", "Person", None),
    ],
)
def test_lexicon_chooses_a_type_compatible_property(candidates, subject_type, object_type, expected):
    assert load_lexicon().choose(candidates, subject_type, object_type) == expected



@pytest.mark.parametrize(
    ("lemma", "prep", "expected"),
    [("visit", None, "visits"), ("travel", "to", "visits"), ("meet", "with", "meetsWith"), ("bear", "in", "bornIn")],
)
def test_lexicon_verbs(lemma, prep, expected):
    assert expected in load_lexicon().verb(lemma, prep)



def test_lexicon_light_verbs_and_titles():
    lexicon = load_lexicon()
    assert lexicon.verb_objects[("impose", "on")]["sanction"] == ("sanctions",)
    assert {"president", "spokeswoman", "adviser", "member"} <= lexicon.title_words



def test_lexicon_keys_leave_out_a_particle_and_keep_a_noun_head():
    lexicon = load_lexicon()
    assert lexicon.verb("buy", "back") == ("acquires",)  # "buy back": the particle is the key
    assert "opposes" in lexicon.verb("hit", "at")  # "hit out at": the particle left out
    assert lexicon.verb_objects[("take", "against")]["action"] == ("sues",)  # "take legal action against", once
    assert ("throw", "weight") in lexicon.light_objects  # "throw weight behind"


def test_stances_are_the_properties_of_a_stance_towards_anything():
    assert load_lexicon().stances == {"supports", "opposes"}


def test_a_demanded_act_is_indexed_apart_from_the_verbs():
    lexicon = load_lexicon()
    assert lexicon.demands[("urge", None)]["resign"] == ("opposes",)
    assert lexicon.verb("urge") == ()  # urging alone is no stance
