"""The embedded store: a knowledge graph on disk in Oxigraph (pyoxigraph), and
SPARQL over a store or an RDF file.

Each article's node, statements and direct triples live in the named graph
``{base}graph/article/{slug}``; entities and the ontology terms used live in
``{base}graph/entities`` (see :mod:`kgraph.rdf.iris`). Loading an article again
replaces its graph, so rebuilding never duplicates statements, and entities
that other articles share stay. Queries see the union of all graphs.

Each triple is stored once: a direct triple that several articles state lives in
the graph of one of them, and moves to another that states it when that one no
longer does. Oxigraph's union of graphs (and Virtuoso's default graph) give a
triple once per graph that holds it, so a fact two articles state would
otherwise be every answer twice.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from kgraph.errors import QueryError, StoreError
from kgraph.rdf.sparql_errors import explain
from kgraph.rdf.formats import SUFFIXES, format_of
from kgraph.rdf.formats.ntriples import ChunkReader, line_chunks
from kgraph.rdf.iris import VOCABULARY, entities_graph, entity_prefix
from kgraph.rdf.shape import quads

__all__ = ["open_store", "load_into_store", "load_file", "run_query", "graphs"]


def open_store(directory: str | Path, *, create: bool = True) -> ox.Store:
    """Open (or, with ``create``, create) the on-disk store in ``directory``.

    Raises :class:`StoreError` when the folder is missing (and ``create`` is
    false), is not an Oxigraph store, or another process holds it.
    """
    directory = Path(directory)
    if not create and not directory.is_dir():
        raise StoreError(f"{directory}: no such store; build one with `kgraph build ... --store {directory}`")
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory}: not a folder; --store needs a folder for the Oxigraph store")
    try:
        return ox.Store(str(directory))
    except OSError as err:
        raise StoreError(f"{directory}: cannot open the Oxigraph store ({_one_line(err)}); "
                         "is another kgraph process using it?") from err


def load_into_store(kg, directory: str | Path) -> int:
    """Load ``kg`` into the store in ``directory`` (created if needed) and return
    the number of quads the store then holds.

    Each article of ``kg`` replaces its named graph; each entity of ``kg``
    replaces its description in the entities graph; entities and articles that
    ``kg`` does not mention are kept, except an entity that only the replaced
    articles named and nothing names now (its description is removed, so no
    orphan is left). Loading the same graph twice leaves the store unchanged.
    A direct triple another graph already holds is not stored again (see the
    module's docstring). Raises :class:`StoreError` if the store cannot be opened.
    """
    store = open_store(directory)
    by_graph: dict = defaultdict(list)
    for quad in quads(kg):
        by_graph[quad[3]].append(quad)
    shared = entities_graph(kg.base)
    prefix = entity_prefix(kg.base)
    described = {s for s, _, _, _ in by_graph.get(shared, ())}
    unnamed: set[str] = set()  # entities the replaced articles named
    for graph, rows in sorted(by_graph.items()):
        name = ox.NamedNode(graph)
        if graph == shared:
            # Re-describe the entities of this build; leave everyone else's alone.
            for subject in sorted(described):
                for old in list(store.quads_for_pattern(ox.NamedNode(subject), None, None, name)):
                    store.remove(old)
            store.load(ChunkReader(line_chunks(rows, named=True)), ox.RdfFormat.N_QUADS)
            continue
        unnamed.update(_entities_named(store, name, prefix))
        held = _direct_triples(store, name, prefix)
        store.clear_graph(name)
        store.load(ChunkReader(line_chunks(rows, named=True)), ox.RdfFormat.N_QUADS)
        _store_once(store, name, held, prefix)
    _remove_orphans(store, sorted(unnamed - described), ox.NamedNode(shared))
    store.flush()
    return len(store)


_RDF = VOCABULARY["rdf"]
_SUBJECT, _PREDICATE, _OBJECT = (ox.NamedNode(_RDF + name) for name in ("subject", "predicate", "object"))
_NEGATED, _MODALITY = (ox.NamedNode(VOCABULARY["kg"] + name) for name in ("negated", "modality"))
_FALSE = ox.Literal("false", datatype=ox.NamedNode(VOCABULARY["xsd"] + "boolean"))


def _direct_triples(store: ox.Store, graph: ox.NamedNode, prefix: str) -> set[ox.Triple]:
    """The direct triples ``graph`` holds: those about an entity (under ``prefix``)."""
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)
            if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(prefix)}


def _store_once(store: ox.Store, graph: ox.NamedNode, held: set[ox.Triple], prefix: str) -> None:
    """After ``graph`` was reloaded: drop from it each direct triple another graph
    holds, and give each triple it ``held`` before and no longer states to another
    graph whose statements state it (the first by name), if any."""
    now = _direct_triples(store, graph, prefix)
    for triple in sorted(now, key=str):
        if any(q.graph_name != graph for q in store.quads_for_pattern(*triple, None)):
            store.remove(ox.Quad(*triple, graph))
    for triple in sorted(held - now, key=str):
        stating = _graphs_stating(store, triple)
        if stating:
            store.add(ox.Quad(*triple, min(stating, key=str)))


def _graphs_stating(store: ox.Store, triple: ox.Triple) -> set:
    """The graphs with a statement node of ``triple`` that is neither negated nor
    hedged, the statements a direct triple stands for."""
    found = set()
    for q in store.quads_for_pattern(None, _OBJECT, triple.object, None):
        node, graph = q.subject, q.graph_name
        has = lambda p, o: next(store.quads_for_pattern(node, p, o, graph), None) is not None  # noqa: E731
        if (has(_SUBJECT, triple.subject) and has(_PREDICATE, triple.predicate) and has(_NEGATED, _FALSE)
                and not has(_MODALITY, None)):
            found.add(graph)
    return found


def _entities_named(store: ox.Store, graph: ox.NamedNode, prefix: str) -> set[str]:
    """The entity IRIs (under ``prefix``) that ``graph`` names as subject or object."""
    found = set()
    for quad in store.quads_for_pattern(None, None, None, graph):
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(prefix):
                found.add(term.value)
    return found


def _remove_orphans(store: ox.Store, entities: list[str], shared: ox.NamedNode) -> None:
    """Remove the description (in ``shared``) of each of ``entities`` that no other
    graph names any more."""
    for iri in entities:
        node = ox.NamedNode(iri)
        named = (q for pattern in ((node, None, None), (None, None, node))
                 for q in store.quads_for_pattern(*pattern, None) if q.graph_name != shared)
        if next(named, None) is None:
            for old in list(store.quads_for_pattern(node, None, None, shared)):
                store.remove(old)


def load_file(path: str | Path) -> ox.Store:
    """An in-memory store holding the RDF file at ``path`` (by its extension:
    .ttl, .nt, .jsonld, .trig, .nq). Raises :class:`StoreError` if it cannot be
    read or parsed."""
    path = Path(path)
    fmt = format_of(path)
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF extension; use one of {', '.join(SUFFIXES)}")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt.oxigraph)
    except (OSError, SyntaxError, ValueError) as err:
        raise StoreError(f"{path}: cannot load ({_one_line(err)})") from err
    return store


def graphs(store: ox.Store, *, into: str | None = None) -> list[tuple[str | None, list[ox.Triple]]]:
    """The store's graphs as ``(name, sorted triples)`` pairs, the default graph
    named ``None`` and first; with ``into``, one pair: every distinct triple of
    the store under the name ``into``. Empty graphs are left out."""
    def triples(quads) -> list[ox.Triple]:
        return sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)

    if into is not None:
        return [(into, triples(store))]
    found = []
    default = triples(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if default:
        found.append((None, default))
    for name in sorted(store.named_graphs(), key=str):
        rows = triples(store.quads_for_pattern(None, None, None, name))
        if rows:
            found.append((name.value, rows))
    return found


def run_query(store: ox.Store, sparql: str):
    """Run a SPARQL query over the union of ``store``'s graphs, with kgraph's
    vocabulary prefixes predeclared (``kg:``, ``schema:``, ``prov:``, ``rdfs:``...).

    Returns pyoxigraph's result: ``QuerySolutions`` (SELECT), ``QueryBoolean``
    (ASK) or ``QueryTriples`` (CONSTRUCT/DESCRIBE). Raises :class:`QueryError`
    with one line for a query that does not parse or fails.
    """
    try:
        return store.query(sparql, prefixes=VOCABULARY, use_default_graph_as_union=True)
    except (SyntaxError, OSError, ValueError) as err:
        explained = explain(sparql, str(err)) if isinstance(err, SyntaxError) else None
        raise QueryError(f"bad SPARQL query: {explained or _one_line(err)}") from err


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())[:300] or type(err).__name__
