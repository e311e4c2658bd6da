"""The knowledge graph as a networkx ``MultiDiGraph``, and the analytics that run
on it: centrality, communities, components, GraphML/GEXF export.

Nodes are entity keys; edges are statements. Every statement between two
entities becomes an edge, negated and hedged ones included, flagged by their
``negated`` and ``modality`` attributes: a denial still links the two entities
("X did not meet Y" is news about X and Y), and the HTML graph draws those edges
differently instead of hiding them. Filter with
``[e for e in g.edges(data=True) if not e[2]["negated"]]`` when only asserted
facts matter. Statements whose object is a literal (a date, a quote) are not
edges; they stay in :meth:`KnowledgeGraph.statements_frame`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kgraph.io.files import atomic_write
from kgraph.types import Entity, Mention

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.graph import KnowledgeGraph

__all__ = [
    "to_networkx",
    "entity_of",
    "pagerank",
    "communities",
    "components",
    "GraphSummary",
    "summarize",
    "EXPORT_FORMATS",
    "export",
]

EXPORT_FORMATS = ("graphml", "gexf")

# Louvain and PageRank are randomised or iterative; fixed seeds and rounding keep
# `kgraph stats` output and the HTML page byte-identical from run to run.
_SEED = 42
_DIGITS = 6


def entity_of(kg: "KnowledgeGraph", mention: Mention) -> Entity:
    """The entity ``mention`` refers to; a mention whose key has no entity in
    ``kg`` (a graph read back from partial RDF) stands for itself."""
    entity = kg.entities.get(mention.key)
    if entity is None:
        entity = Entity(key=mention.key, label=mention.span.text, type=mention.type)
    return entity


def to_networkx(kg: "KnowledgeGraph") -> nx.MultiDiGraph:
    """Return ``kg`` as a ``networkx.MultiDiGraph``.

    Node ``key`` carries ``label``, ``type`` (ontology class local name) and
    ``aliases`` (tuple of str). Edge ``(subject, object, i)`` is
    ``kg.statements[i]`` and carries ``predicate``, ``relation_text``,
    ``confidence``, ``negated``, ``modality``, ``time``, ``place``, ``evidence``
    (the sentence text), ``sentence_start``/``sentence_end``, ``article`` (id)
    and ``article_title``. Parallel edges are kept. A fresh graph is built on
    every call, so callers may mutate it.
    """
    graph = nx.MultiDiGraph()
    for key in sorted(kg.entities):
        entity = kg.entities[key]
        graph.add_node(key, label=entity.label, type=entity.type, aliases=tuple(entity.aliases))
    for index, statement in enumerate(kg.statements):
        if statement.object is None:
            continue
        for mention in (statement.subject, statement.object):
            if mention.key not in graph:
                entity = entity_of(kg, mention)
                graph.add_node(entity.key, label=entity.label, type=entity.type, aliases=entity.aliases)
        article = kg.articles.get(statement.article_id)
        graph.add_edge(
            statement.subject.key,
            statement.object.key,
            key=index,
            predicate=statement.predicate,
            relation_text=statement.relation_text,
            confidence=statement.confidence,
            negated=statement.negated,
            modality=statement.modality,
            time=statement.time,
            place=statement.place,
            evidence=statement.sentence.text,
            sentence_start=statement.sentence.start,
            sentence_end=statement.sentence.end,
            article=statement.article_id,
            article_title=(article.title if article is not None else None),
        )
    return graph


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank of every node over the undirected graph, each statement adding
    weight to its pair, rounded so the result is the same on every machine.

    Undirected, because in news the actor matters as much as what it acts on: a
    person who visits ten countries is central, not a dead end. An empty graph
    gives ``{}``.
    """
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    for source, target in graph.edges():
        if simple.has_edge(source, target):
            simple[source][target]["weight"] += 1
        else:
            simple.add_edge(source, target, weight=1)
    ranks = nx.pagerank(simple, weight="weight")
    return {node: round(value, _DIGITS) for node, value in ranks.items()}


def _undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    return simple


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Louvain communities of the undirected graph (fixed seed), largest first,
    each a sorted list of node keys."""
    found = nx.community.louvain_communities(_undirected(graph), seed=_SEED)
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


def _exportable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML and GEXF can store: no ``None`` values,
    aliases joined with ``"; "``."""
    clean = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if v is not None}
        attrs["aliases"] = "; ".join(data.get("aliases", ()))
        clean.add_node(node, **attrs)
    for source, target, key, data in graph.edges(keys=True, data=True):
        clean.add_edge(source, target, key=key, **{k: v for k, v in data.items() if v is not None})
    return clean


def _gexf_lines(graph: nx.MultiDiGraph):
    # networkx stamps today's date into <meta>; drop it so exports are reproducible.
    writer = nx.readwrite.gexf.GEXFWriter()
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(graph)
    yield from str(writer).splitlines()


def export(graph: nx.MultiDiGraph, path: str | Path, fmt: str) -> Path:
    """Write ``graph`` to ``path`` as ``fmt`` (one of :data:`EXPORT_FORMATS`),
    atomically; returns the path. Raises ``ValueError`` for another format."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    path = Path(path)
    lines = nx.generate_graphml if fmt == "graphml" else _gexf_lines
    with atomic_write(path) as handle:
        for line in lines(_exportable(graph)):
            handle.write(line + "\n")
    return path
