"""kgraph.viz.network: the MultiDiGraph view and its analytics, on hand-built graphs."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pytest

from kgraph.graph import KnowledgeGraph
from kgraph.viz.network import (
    communities,
    components,
    export,
    pagerank,
    summarize,
    to_networkx,
)
from kgraph.types import Entity, Mention, Span, Statement
from viz_samples import random_graph, small_graph


def test_network_nodes_carry_label_type_and_aliases():
    graph = to_networkx(small_graph())
    assert isinstance(graph, nx.MultiDiGraph)
    assert sorted(graph) == ["mira-holt", "orbis-council", "quellburg", "tomas-varga", "zofia-crnkova"]
    assert graph.nodes["mira-holt"] == {"label": "Mira Holt", "type": "Person", "aliases": ("Holt", "Mira Holt")}
    assert graph.nodes["zofia-crnkova"]["label"] == "Žofia Črnková"


def test_network_edges_are_statements_with_their_evidence():
    kg = small_graph()
    graph = to_networkx(kg)
    data = graph.edges["mira-holt", "quellburg", 0]
    assert data["predicate"] == "visits"
    assert data["relation_text"] == "visited"
    assert data["confidence"] == 0.9
    assert data["negated"] is False and data["modality"] is None
    assert data["time"] == "Monday"
    assert data["evidence"] == "Mira Holt visited Quellburg on Monday."
    assert kg.articles["holt-visit"].text[data["sentence_start"]:data["sentence_end"]] == data["evidence"]
    assert data["article"] == "holt-visit" and data["article_title"] == "Holt tours Quellburg"


def test_network_keeps_parallel_negated_and_hedged_edges_but_not_literals():
    kg = small_graph()
    graph = to_networkx(kg)
    entity_statements = [i for i, s in enumerate(kg.statements) if s.object is not None]
    assert sorted(k for _, _, k in graph.edges(keys=True)) == entity_statements
    assert graph.number_of_edges("mira-holt", "quellburg") == 2
    assert graph.edges["mira-holt", "tomas-varga", 1]["negated"] is True
    assert graph.edges["mira-holt", "orbis-council", 2]["modality"] == "may"
    literal = kg.statements.index(next(s for s in kg.statements if s.literal))
    assert all(k != literal for _, _, k in graph.edges(keys=True))


def test_network_mention_without_entity_stands_for_itself():
    kg = small_graph()
    del kg.entities["zofia-crnkova"]
    graph = to_networkx(kg)
    assert graph.nodes["zofia-crnkova"] == {"label": "Žofia Črnková", "type": "Person", "aliases": ()}


def test_network_returns_a_fresh_graph_every_call():
    kg = small_graph()
    first = to_networkx(kg)
    first.remove_node("mira-holt")
    first.nodes["quellburg"]["label"] = "changed"
    second = to_networkx(kg)
    assert "mira-holt" in second and second.nodes["quellburg"]["label"] == "Quellburg"


def test_network_empty_graph():
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


def test_network_pagerank_ranks_an_active_subject_first():
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


def test_network_communities_split_two_cliques():
    found = communities(to_networkx(_two_cliques()))
    assert found[:2] == [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]]
    assert found[2] == ["lonely"]


def test_network_components_largest_first():
    found = components(to_networkx(_two_cliques()))
    assert found == [["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"], ["lonely"]]


def test_network_summary_counts():
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


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_export_reads_back(tmp_path, fmt, read):
    graph = to_networkx(small_graph())
    path = export(graph, tmp_path / f"graph.{fmt}", fmt)
    back = read(path)
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    node = back.nodes["mira-holt"]
    assert node["label"] == "Mira Holt" and node["aliases"] == "Holt; Mira Holt"
    assert {d["predicate"] for _, _, d in back.edges(data=True)} == {
        d["predicate"] for _, _, d in graph.edges(data=True)
    }
    # Same graph, same bytes (no dates stamped in).
    again = export(graph, tmp_path / f"again.{fmt}", fmt)
    assert path.read_bytes() == again.read_bytes()


def test_network_export_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="graphml, gexf"):
        export(to_networkx(small_graph()), tmp_path / "g.dot", "dot")
    assert not (tmp_path / "g.dot").exists()


def test_network_pagerank_and_communities_are_reproducible():
    kg = random_graph(300, 600, seed=3)
    first, second = to_networkx(kg), to_networkx(dataclasses.replace(kg))
    assert pagerank(first) == pagerank(second)
    assert communities(first) == communities(second)
