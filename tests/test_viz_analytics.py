"""kgraph.viz.analytics: PageRank, communities, components and the summary, on
hand-built graphs."""

from __future__ import annotations

import dataclasses

import pytest

from kgraph.graph import KnowledgeGraph
from kgraph.types import Entity, Mention, Span, Statement
from kgraph.viz.analytics import communities, components, pagerank, summarize
from kgraph.viz.network import to_networkx
from viz_samples import random_graph, small_graph


def test_analytics_empty_graph():
    graph = to_networkx(KnowledgeGraph())
    assert graph.number_of_nodes() == 0
    assert pagerank(graph) == {}
    assert summarize(graph).central == ()


def _star(center: str, leaves: int) -> KnowledgeGraph:
    """``center`` is the subject of one statement to each leaf."""
    sentence = Span(0, 4, "text")
    entities = {center: Entity(center, center, "Person")}
    statements = []
    for i in range(leaves):
        key = f"leaf-{i}"
        entities[key] = Entity(key, key, "City")
        statements.append(Statement(Mention(sentence, center, "Person"), "visits",
                                    Mention(sentence, key, "City"), "visits", "a", sentence))
    return KnowledgeGraph(entities=entities, statements=statements)


def test_analytics_pagerank_ranks_an_active_subject_first():
    # Undirected on purpose: the person who visits five places is the centre.
    ranks = pagerank(to_networkx(_star("hub", 5)))
    assert max(ranks, key=ranks.get) == "hub"
    assert sum(ranks.values()) == pytest.approx(1.0, abs=1e-4)


def _two_cliques() -> KnowledgeGraph:
    sentence = Span(0, 4, "text")
    groups = {"a": ["a1", "a2", "a3", "a4"], "b": ["b1", "b2", "b3", "b4"]}
    entities = {k: Entity(k, k.upper(), "Person") for keys in groups.values() for k in keys}
    entities["lonely"] = Entity("lonely", "Lonely", "Place")
    statements = []
    pairs = [(x, y) for keys in groups.values() for i, x in enumerate(keys) for y in keys[i + 1:]]
    pairs.append(("a1", "b1"))
    for x, y in pairs:
        statements.append(Statement(Mention(sentence, x, "Person"), "meetsWith",
                                    Mention(sentence, y, "Person"), "met", "a", sentence))
    return KnowledgeGraph(entities=entities, statements=statements)


def test_analytics_communities_split_two_cliques():
    found = communities(to_networkx(_two_cliques()))
    assert found[:2] == [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]]
    assert found[2] == ["lonely"]


def test_analytics_components_largest_first():
    found = components(to_networkx(_two_cliques()))
    assert found == [["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"], ["lonely"]]


def test_analytics_summary_counts():
    summary = summarize(to_networkx(small_graph()), top=2)
    assert summary.entities == 5
    assert summary.statements == 7
    assert dict(summary.classes) == {"Person": 3, "City": 1, "Organization": 1}
    assert summary.relations[0] == ("meetsWith", 2)
    assert dict(summary.relations)["hosts"] == 1
    assert summary.negated == 1 and summary.hedged == 1
    assert [key for key, _, _ in summary.central] == ["mira-holt", "orbis-council"]
    assert len(summary.components) == 1
    assert summary.communities[0][0] == "mira-holt"  # the most central member first


def test_analytics_pagerank_and_communities_are_reproducible():
    kg = random_graph(300, 600, seed=3)
    first, second = to_networkx(kg), to_networkx(dataclasses.replace(kg))
    assert pagerank(first) == pagerank(second)
    assert communities(first) == communities(second)
