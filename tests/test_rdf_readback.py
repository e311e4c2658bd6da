"""kgraph.rdf.readback: a KnowledgeGraph read back from the RDF kgraph writes."""

from __future__ import annotations

import pytest

from kgraph.errors import KGraphError, StoreError
from kgraph.rdf.formats import write_rdf
from kgraph.rdf.readback import read_graph
from kgraph.rdf.store import load_into_store
from viz_samples import hostile_graph, small_graph


def _facts(kg) -> set[tuple]:
    return {
        (s.subject.key, s.predicate, s.object.key if s.object else None, s.literal, s.relation_text,
         s.negated, s.modality, s.time, s.place, round(s.confidence, 2), s.article_id,
         s.sentence.start, s.sentence.end, s.sentence.text)
        for s in kg.statements
    }


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "jsonld"])
def test_readback_round_trips_entities_statements_articles(tmp_path, fmt):
    kg = small_graph()
    back = read_graph(write_rdf(kg, tmp_path / f"graph.{fmt}", fmt))
    assert back.entities == {
        key: type(e)(e.key, e.label, e.type, tuple(sorted(set(e.aliases) - {e.label})))
        for key, e in kg.entities.items()
    }
    assert _facts(back) == _facts(kg)
    assert {a.id: a.title for a in back.articles.values()} == {a.id: a.title for a in kg.articles.values()}
    assert back.base == kg.base


def test_readback_recovers_mention_spans_inside_the_sentence(tmp_path):
    kg = small_graph()
    back = read_graph(write_rdf(kg, tmp_path / "graph.ttl"))
    original = {(s.subject.span, s.predicate, s.object.span if s.object else None) for s in kg.statements}
    recovered = {(s.subject.span, s.predicate, s.object.span if s.object else None) for s in back.statements}
    assert recovered == original


def test_readback_is_deterministic(tmp_path):
    path = write_rdf(small_graph(), tmp_path / "graph.ttl")
    assert read_graph(path) == read_graph(path)


def test_readback_keeps_hostile_text_verbatim(tmp_path):
    kg = hostile_graph()
    back = read_graph(write_rdf(kg, tmp_path / "graph.ttl"))
    assert {e.label for e in back.entities.values()} == {e.label for e in kg.entities.values()}
    assert back.articles["evil"].title == kg.articles["evil"].title
    assert _facts(back) == _facts(kg)


def test_readback_from_a_store(tmp_path):
    kg = small_graph()
    load_into_store(kg, tmp_path / "store")
    back = read_graph(tmp_path / "store", store=True)
    assert _facts(back) == _facts(kg)


def test_readback_rejects_rdf_without_a_kgraph_graph(tmp_path):
    path = tmp_path / "other.ttl"
    path.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", encoding="utf-8")
    with pytest.raises(KGraphError, match="kgraph build"):
        read_graph(path)


def test_readback_missing_store_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        read_graph(tmp_path / "nowhere", store=True)


def test_readback_keeps_a_places_links(tmp_path):
    from kgraph.resolve import resolve
    from kgraph.types import Article, DocumentResult, Entity

    zorbia = Entity("zorbia", "Zorbia", "Country", links=("https://sws.geonames.org/1/",), code="ZB")
    kg = resolve([DocumentResult(Article("a", "Zorbia."), (zorbia,))])
    back = read_graph(write_rdf(kg, tmp_path / "graph.ttl"))
    assert (back.entities["zorbia"].links, back.entities["zorbia"].code) == (zorbia.links, "ZB")
