"""Serialise kgraph quads to files: Turtle, N-Triples, TriG, N-Quads (pyoxigraph,
the fast path) and JSON-LD with a compact ``@context`` generated from the ontology.

Quads are sorted before writing, so the same graph always gives the same bytes
whatever order it was built in. Files are written atomically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import RDFS

from .files import atomic_write
from .ontology import load_ontology
from .rdf import IRI, Quad, Term

__all__ = ["write_quads", "to_oxigraph", "sorted_quads", "jsonld_context", "jsonld_document"]

_OX_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}
_QUAD_FORMATS = {"trig", "nq"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def sorted_quads(quads: Iterable[Quad], *, named: bool) -> list[tuple]:
    """Distinct quads sorted by graph, subject, predicate, object; distinct
    ``(s, p, o)`` triples, sorted, when ``named`` is false (the union of graphs)."""
    if named:
        return sorted({(g, s, p, o) for s, p, o, g in quads})
    return sorted({(s, p, o) for s, p, o, _ in quads})


def to_oxigraph(rows: Iterable[tuple], *, named: bool) -> Iterable:
    """Rows of :func:`sorted_quads` as pyoxigraph ``Quad`` (``named``) or ``Triple`` objects."""
    nodes: dict[str, ox.NamedNode] = {}

    def node(iri: str) -> ox.NamedNode:
        found = nodes.get(iri)
        if found is None:
            found = nodes[iri] = ox.NamedNode(iri)
        return found

    def term(value: Term):
        kind, text, datatype = value
        if kind == IRI:
            return node(text)
        return ox.Literal(text, datatype=node(datatype)) if datatype else ox.Literal(text)

    if named:
        for g, s, p, o in rows:
            yield ox.Quad(node(s), node(p), term(o), node(g))
    else:
        for s, p, o in rows:
            yield ox.Triple(node(s), node(p), term(o))


def write_quads(quads: Iterable[Quad], path: Path, fmt: str, *, prefixes: dict[str, str]) -> Path:
    """Write :data:`kgraph.rdf.Quad` tuples to ``path`` in ``fmt`` ("ttl", "nt",
    "jsonld", "trig" or "nq"), atomically; return ``path``. Triple formats hold
    the union of the graphs."""
    named = fmt in _QUAD_FORMATS
    rows = sorted_quads(quads, named=named)
    with atomic_write(path, mode="wb") as handle:
        if fmt == "jsonld":
            document = jsonld_document(rows, prefixes)
            text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
            handle.write(text.encode("utf-8") + b"\n")
        elif fmt in ("nt", "nq"):
            ox.serialize(to_oxigraph(rows, named=named), handle, _OX_FORMATS[fmt])
        else:
            body = ox.serialize(to_oxigraph(rows, named=named), None, _OX_FORMATS[fmt], prefixes=prefixes)
            handle.write(_sort_prefix_lines(body))
    return path


def _sort_prefix_lines(body: bytes) -> bytes:
    """``body`` with its leading ``@prefix`` lines in name order: pyoxigraph writes
    them in an order of its own, and the bytes must not depend on it."""
    lines = body.split(b"\n")
    count = 0
    while count < len(lines) and lines[count].startswith(b"@prefix "):
        count += 1
    return b"\n".join(sorted(lines[:count]) + lines[count:])


# ---------------------------------------------------------------------- JSON-LD


def jsonld_context(prefixes: dict[str, str]) -> dict:
    """The JSON-LD ``@context``: the prefixes, and one short term per ontology
    property and per generic property kgraph writes, with its value type
    (``@id`` for object properties, the XSD range for typed literals)."""
    onto = load_ontology()
    context: dict = dict(prefixes)
    generic = {
        "label": ("rdfs:label", None),
        "altLabel": ("skos:altLabel", None),
        "subClassOf": ("rdfs:subClassOf", "@id"),
        "subPropertyOf": ("rdfs:subPropertyOf", "@id"),
        "headline": ("schema:headline", None),
        "identifier": ("schema:identifier", None),
        "url": ("schema:url", "@id"),
        "datePublished": ("schema:datePublished", None),
        "wasDerivedFrom": ("prov:wasDerivedFrom", "@id"),
        "subject": ("rdf:subject", "@id"),
        "predicate": ("rdf:predicate", "@id"),
        "object": ("rdf:object", "@id"),
    }
    for name, (iri, kind) in generic.items():
        context[name] = {"@id": iri, "@type": kind} if kind else iri
    xsd = prefixes["xsd"]
    for name, term in sorted(onto.properties.items()):
        if name in context:
            continue  # a generic term of the same name wins; this one stays kg:name
        rng = onto.graph.value(onto.iri(name), RDFS.range)
        if not term.literal:
            context[name] = {"@id": f"kg:{name}", "@type": "@id"}
        elif rng is None or str(rng) == _XSD_STRING:
            context[name] = f"kg:{name}"
        else:
            context[name] = {"@id": f"kg:{name}", "@type": "xsd:" + str(rng)[len(xsd):]}
    return context


def jsonld_document(triples: list[tuple], prefixes: dict[str, str]) -> dict:
    """Sorted ``(s, p, o)`` triples of :func:`sorted_quads` as a compact JSON-LD document: ``@context`` and
    an ``@graph`` of node objects sorted by ``@id``. A value whose kind does not
    match its term's coercion is written in expanded form, so nothing is lost."""
    context = jsonld_context(prefixes)
    by_iri: dict[str, tuple[str, str | None]] = {}
    namespaces = sorted(((ns, name) for name, ns in prefixes.items()), key=lambda x: -len(x[0]))

    def compact(iri: str) -> str:
        for ns, name in namespaces:
            # "name://..." would read as an absolute IRI, so such IRIs stay whole.
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                return f"{name}:{iri[len(ns):]}"
        return iri

    def expand(curie: str) -> str:
        name, _, rest = curie.partition(":")
        return prefixes[name] + rest if name in prefixes else curie

    for term, definition in context.items():
        if isinstance(definition, dict):
            by_iri[expand(definition["@id"])] = (term, definition.get("@type"))
        elif term not in prefixes:
            by_iri[expand(definition)] = (term, None)

    def value(obj: Term, coercion: str | None):
        kind, text, datatype = obj
        if kind == IRI:
            return compact(text) if coercion == "@id" else {"@id": compact(text)}
        datatype = datatype or _XSD_STRING
        if coercion not in (None, "@id") and expand(coercion) == datatype:
            return text
        if datatype == _XSD_STRING:
            return text if coercion is None else {"@value": text}
        return {"@value": text, "@type": compact(datatype)}

    nodes: dict[str, dict] = {}
    for s, p, o in triples:
        node = nodes.setdefault(s, {"@id": compact(s)})
        if p == _RDF_TYPE and o[0] == IRI:
            key, item = "@type", compact(o[1])
        else:
            key, coercion = by_iri.get(p, (compact(p), None))
            item = value(o, coercion)
        node.setdefault(key, []).append(item)
    graph = []
    for iri in sorted(nodes):
        node = nodes[iri]
        graph.append({k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in node.items()})
    return {"@context": context, "@graph": graph}
