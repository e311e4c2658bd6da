"""kgraph.rdf.shape: hostile text (quotes, <>, backslashes, newlines, control characters,
right-to-left marks, very long names) gives valid IRIs and literals, and
round-trips through every format."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kgraph.rdf.formats import FORMATS, write_rdf
from kgraph.rdf.shape import quads, to_rdf
from kgraph.rdf.terms import IRI
from kgraph.rdf.store import load_into_store, open_store
from kgraph.types import Entity
from rdf_sample import article_a

RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}
OX_FORMAT = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
             "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}

HOSTILE = [
    'Anna "the Hammer" Berg',
    "<script>alert('x')</script>",
    "back\\slash \\u0041 \\n",
    "line one\nline two\r\nthree\ttab",
    "nul\x00bell\x07escape\x1b del\x7f",
    "\u202eright-to-left\u200f mark\u200e",
    "@id @context {\"@value\": 1}",
    "> . <http://evil/> <http://evil/p> \"x\" .",
    "x" * 10_000,
    "",
]
# Any text a decoded file can hold (no lone surrogates), with the awkward
# characters made likely.
hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from('"\'<>\\\n\r\t\x00\x07\u200f\u202e{}@:#%'),
    ),
    max_size=60,
)


def hostile_graph(text: str, key: str):
    """``article_a`` with ``text`` in every free-text field and ``key`` as an entity key."""
    kg = article_a(label=text, title=text)
    kg.entities[key] = Entity(key, text, "Organization", (text, text + "!"))
    first = kg.statements[0]
    kg.statements[0] = dataclasses.replace(
        first, relation_text=text, modality=text or None, time=text or None,
        object=dataclasses.replace(first.object, key=key, type="Organization"),
        predicate="memberOf",
    )
    kg.statements[3] = dataclasses.replace(kg.statements[3], literal=text)
    kg.articles["a1"] = dataclasses.replace(kg.articles["a1"], url="http://x.test/" + text, id="a1")
    return kg


def assert_round_trips(kg, directory) -> None:
    expected = to_rdf(kg)
    for fmt in FORMATS:
        path = write_rdf(kg, directory / f"graph.{fmt}", fmt)
        parsed = Dataset()
        parsed.parse(path, format=RDFLIB_FORMAT[fmt])
        union = Graph()
        for s, p, o, _ in parsed.quads():
            union.add((s, p, o))
        assert isomorphic(union, expected), fmt
        # a second, independent parser agrees on the size
        count = len({(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=OX_FORMAT[fmt])})
        assert count == len(expected), fmt


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_rdf_safety_hostile_text_round_trips(tmp_path, text):
    assert_round_trips(hostile_graph(text, "org-" + str(len(text))), tmp_path)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_rdf_safety_hostile_text_survives_the_store(tmp_path, text):
    kg = hostile_graph(text, "org")
    load_into_store(kg, tmp_path / "store")
    stored = {(q.subject.value, q.predicate.value, q.object.value) for q in open_store(tmp_path / "store")}
    expected = {(str(s), str(p), str(o)) for s, p, o in to_rdf(kg)}
    assert stored == expected


@pytest.mark.parametrize("key", HOSTILE[:-1], ids=range(len(HOSTILE) - 1))
def test_rdf_safety_any_key_gives_a_valid_iri(key):
    for s, p, o, g in quads(hostile_graph("Some Org", key)):
        for iri in (s, p, g) + ((o[1],) if o[0] == IRI else ()):
            ox.NamedNode(iri)  # raises ValueError on an invalid IRI
            assert not set(iri) & set('<>"{}|^`\\ \n\t'), iri


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text, key=hostile_text)
def test_rdf_safety_property_any_text_round_trips(tmp_path, text, key):
    assert_round_trips(hostile_graph(text, key or "k"), tmp_path)
