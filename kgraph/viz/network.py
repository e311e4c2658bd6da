"""The knowledge graph as a networkx ``MultiDiGraph``, the simple graph under it,
and its GraphML/GEXF export (the analytics are in :mod:`kgraph.viz.analytics`).

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

from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kgraph.io.files import atomic_write
from kgraph.types import Entity, Mention

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.graph import KnowledgeGraph

__all__ = ["to_networkx", "entity_of", "simple_graph", "EXPORT_FORMATS", "export"]

EXPORT_FORMATS = ("graphml", "gexf")


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


def simple_graph(graph: nx.MultiDiGraph, *, loops: bool = False, sort_edges: bool = False) -> nx.Graph:
    """The undirected simple graph under ``graph``: its nodes in sorted order, one
    edge per linked pair whose ``weight`` counts the statements between the two
    (either way); a self-loop only with ``loops``.

    Edges are added in ``graph.edges()`` order, or with ``sort_edges`` in sorted
    order. The order is part of the result: Louvain breaks ties by neighbour order
    and the layout sums forces in it, so each caller keeps the order its output
    was made with.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    edges = graph.edges()
    for source, target in sorted(edges) if sort_edges else edges:
        if source == target and not loops:
            continue
        if simple.has_edge(source, target):
            simple[source][target]["weight"] += 1
        else:
            simple.add_edge(source, target, weight=1)
    return simple


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
