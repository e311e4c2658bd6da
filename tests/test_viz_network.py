"""kgraph.viz.network: the MultiDiGraph view, the simple graph under it and the
GraphML/GEXF export, on hand-built graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from kgraph.graph import KnowledgeGraph
from kgraph.viz.network import export, simple_graph, to_networkx
from viz_samples import small_graph


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


def test_network_simple_graph_counts_statements_per_pair_either_way():
    graph = to_networkx(small_graph())
    graph.add_edge("quellburg", "mira-holt", key=99)  # the reverse of two parallel edges
    graph.add_edge("tomas-varga", "tomas-varga", key=100)
    simple = simple_graph(graph)
    assert isinstance(simple, nx.Graph) and not simple.is_directed()
    assert list(simple) == sorted(graph)
    assert simple["mira-holt"]["quellburg"]["weight"] == 3
    assert simple["mira-holt"]["tomas-varga"]["weight"] == 2  # a denial and a meeting
    assert not simple.has_edge("tomas-varga", "tomas-varga")
    assert simple_graph(graph, loops=True)["tomas-varga"]["tomas-varga"]["weight"] == 1


def test_network_simple_graph_edge_order_is_found_or_sorted():
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(["a", "b", "c"])
    graph.add_edge("a", "c")  # statement order: a-c before a-b
    graph.add_edge("a", "b")
    assert list(simple_graph(graph).adj["a"]) == ["c", "b"]
    assert list(simple_graph(graph, sort_edges=True).adj["a"]) == ["b", "c"]


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


def test_network_empty_graph():
    graph = to_networkx(KnowledgeGraph())
    assert graph.number_of_nodes() == 0 and simple_graph(graph).number_of_nodes() == 0
