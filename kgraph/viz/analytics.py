"""Analytics on the networkx view of a knowledge graph (:func:`kgraph.viz.network.to_networkx`):
centrality, communities, components, and the summary ``kgraph stats`` prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from kgraph.viz.network import simple_graph

__all__ = ["pagerank", "communities", "components", "GraphSummary", "summarize"]

# Louvain and PageRank are randomised or iterative; fixed seeds and rounding keep
# `kgraph stats` output and the HTML page byte-identical from run to run.
_SEED = 42
_DIGITS = 6


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank of every node over the undirected graph, each statement adding
    weight to its pair, rounded so the result is the same on every machine.

    Undirected, because in news the actor matters as much as what it acts on: a
    person who visits ten countries is central, not a dead end. An empty graph
    gives ``{}``.
    """
    if graph.number_of_nodes() == 0:
        return {}
    ranks = nx.pagerank(simple_graph(graph, loops=True), weight="weight")
    return {node: round(value, _DIGITS) for node, value in ranks.items()}


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Louvain communities of the undirected graph (fixed seed, each linked pair
    counted once), largest first, each a sorted list of node keys."""
    found = nx.community.louvain_communities(simple_graph(graph), weight=None, seed=_SEED)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def components(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Weakly connected components, largest first, each a sorted list of keys."""
    found = nx.weakly_connected_components(graph)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


@dataclass(frozen=True)
class GraphSummary:
    """What ``kgraph stats`` prints: counts by class and by relation (most
    frequent first), top entities by PageRank, communities (largest first, each
    most central member first) and components."""

    entities: int
    statements: int
    classes: tuple[tuple[str, int], ...]
    relations: tuple[tuple[str, int], ...]
    negated: int
    hedged: int
    central: tuple[tuple[str, str, float], ...]
    communities: tuple[tuple[str, ...], ...]
    components: tuple[tuple[str, ...], ...]


def _ranked(counter: Counter) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def summarize(graph: nx.MultiDiGraph, *, top: int = 10) -> GraphSummary:
    """Summarise a graph made by :func:`to_networkx`; ``top`` bounds the list of
    central entities."""
    edges = list(graph.edges(data=True))
    ranks = pagerank(graph)
    central = sorted(ranks.items(), key=lambda item: (-item[1], item[0]))[:top]
    return GraphSummary(
        entities=graph.number_of_nodes(),
        statements=len(edges),
        classes=_ranked(Counter(data["type"] for _, data in graph.nodes(data=True))),
        relations=_ranked(Counter(data["predicate"] for _, _, data in edges)),
        negated=sum(1 for _, _, data in edges if data["negated"]),
        hedged=sum(1 for _, _, data in edges if data["modality"]),
        central=tuple((key, graph.nodes[key]["label"], value) for key, value in central),
        communities=tuple(
            tuple(sorted(c, key=lambda key: (-ranks[key], key))) for c in communities(graph)
        ),
        components=tuple(tuple(c) for c in components(graph)),
    )
