"""The pronoun resolver: salience rules on sentences of our own."""

from __future__ import annotations

import pytest

from kgraph.extraction.mentions.coref import resolve_pronouns
from kgraph.extraction.mentions.entities import doc_entities
from kgraph.ontology import load_ontology

pytestmark = pytest.mark.model


def antecedents(nlp, text):
    """{(pronoun, occurrence): antecedent key} for ``text``."""
    ents = doc_entities(nlp(text))
    resolved = resolve_pronouns(ents, ontology=load_ontology())
    seen: dict[str, int] = {}
    out = {}
    for token in ents.doc:
        if token.i in resolved:
            n = seen.get(token.lower_, 0)
            seen[token.lower_] = n + 1
            out[(token.lower_, n)] = ents.mentions[resolved[token.i]].key
    return out


@pytest.mark.parametrize(
    ("text", "pronoun", "key"),
    [
        # The subject of the previous sentence beats a later object.
        ("Daniel Mwangi spoke with Lars Eriksen on Monday. He later left for Oslo.", ("he", 0), "daniel-mwangi"),
        ("Maria Okafor met the press in Lima. She said the talks went well.", ("she", 0), "maria-okafor"),
        # A possessive in the same sentence goes to the nearest person before it.
        ("Daniel Mwangi's trip marks a change since his last visit to Chile.", ("his", 0), "daniel-mwangi"),
        # A fronted clause points forward to the main subject.
        ("Opening his speech, Daniel Mwangi thanked the crowd.", ("his", 0), "daniel-mwangi"),
        # "X and its Y".
        ("Norway and its allies signed the accord.", ("its", 0), "norway"),
    ],
)
def test_pronoun_antecedent(nlp, text, pronoun, key):
    assert antecedents(nlp, text)[pronoun] == key


def test_object_pronoun_is_not_its_own_subject_and_gender_is_kept(nlp):
    found = antecedents(nlp, "Maria Okafor met Daniel Mwangi. She praised him.")
    assert found[("she", 0)] == "maria-okafor"
    assert found[("him", 0)] == "daniel-mwangi"


def test_honorifics_give_gender(nlp):
    found = antecedents(nlp, "Mr Daniel Mwangi met Ms Maria Okafor on Monday. She said the talks went well.")
    assert found[("she", 0)] == "maria-okafor"


def test_he_does_not_resolve_to_a_place_or_organisation(nlp):
    found = antecedents(nlp, "The Acme Group opened an office in Peru. He was not there.")
    assert ("he", 0) not in found


def test_it_resolves_to_an_organisation_not_a_person(nlp):
    found = antecedents(nlp, "Maria Okafor praised the Acme Group because it paid its workers well.")
    assert found[("its", 0)] == "acme-group"
