"""Incremental builds into an embedded store (``kgraph build NEW... --store DIR``).

The store remembers the content hash of every article loaded into it (as
``schema:sha256`` on the article node, in the article's graph), so a later
build skips the articles already there, and its entities, so mentions in new
articles merge with them (see :func:`kgraph.run.pipeline.build`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, SDO, SKOS

from kgraph.graph import KnowledgeGraph
from kgraph.ontology import Ontology, load_ontology
from kgraph.rdf.iris import article_graph, article_iri, entities_graph, entity_prefix
from kgraph.rdf.store import load_into_store, open_store
from kgraph.text import content_hash
from kgraph.types import Entity

__all__ = ["StoreState", "read_state", "add_to_store"]

_HASH = ox.NamedNode(str(SDO.sha256))


@dataclass(frozen=True)
class StoreState:
    """What a store already holds: the content hashes of its articles and its entities."""

    hashes: frozenset[str]
    entities: tuple[Entity, ...]


def read_state(directory: str | Path, *, base: str, ontology: Ontology | None = None) -> StoreState:
    """The :class:`StoreState` of the store in ``directory`` under ``base``, whose
    entity types are classes of ``ontology`` (default: kgraph's); empty when there
    is no store yet. Raises :class:`~kgraph.errors.StoreError` when it cannot be
    opened."""
    if not Path(directory).is_dir():
        return StoreState(frozenset(), ())
    store = open_store(directory, create=False)
    hashes = frozenset(q.object.value for q in store.quads_for_pattern(None, _HASH, None, None))
    return StoreState(hashes, tuple(_entities(store, base, load_ontology(ontology))))


def _entities(store: ox.Store, base: str, onto: Ontology) -> list[Entity]:
    prefix = entity_prefix(base)
    graph = ox.NamedNode(str(entities_graph(base)))
    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    links: dict[str, list[str]] = {}
    codes: dict[str, str] = {}
    iso_code = str(onto.iri("isoCode"))
    for quad in store.quads_for_pattern(None, None, None, graph):
        subject = quad.subject.value
        if not subject.startswith(prefix):
            continue  # an ontology term copied into the graph
        key, predicate = subject[len(prefix):], quad.predicate.value
        if predicate == str(RDFS.label):
            labels[key] = quad.object.value
        elif predicate == str(RDF.type) and onto.name_of(quad.object.value) in onto.classes:
            types[key] = onto.name_of(quad.object.value)
        elif predicate == str(SKOS.altLabel):
            aliases.setdefault(key, []).append(quad.object.value)
        elif predicate == str(OWL.sameAs):
            links.setdefault(key, []).append(quad.object.value)
        elif predicate == iso_code:
            codes[key] = quad.object.value
    return [
        Entity(key=key, label=labels[key], type=types[key], aliases=tuple(sorted(aliases.get(key, ()))),
               links=tuple(sorted(links.get(key, ()))), code=codes.get(key, ""))
        for key in sorted(labels) if key in types
    ]


def add_to_store(kg: KnowledgeGraph, directory: str | Path) -> int:
    """Load ``kg`` into the store in ``directory`` (created if needed) and record
    the content hash of each of its articles; return the number of quads the
    store then holds. Raises :class:`~kgraph.errors.StoreError`."""
    load_into_store(kg, directory)
    store = open_store(directory)
    for article_id, article in kg.articles.items():
        node = ox.NamedNode(str(article_iri(kg.base, article_id)))
        graph = ox.NamedNode(str(article_graph(kg.base, article_id)))
        store.add(ox.Quad(node, _HASH, ox.Literal(content_hash(article.text)), graph))
    store.flush()
    return len(store)
