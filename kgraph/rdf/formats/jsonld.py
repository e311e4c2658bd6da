"""JSON-LD: one compact document with an ``@context`` generated from the ontology
and an ``@graph`` of node objects sorted by ``@id``, written node by node."""

from __future__ import annotations

import functools
import json
from itertools import groupby
from typing import IO, Iterable, Iterator

from rdflib import RDFS

from kgraph.ontology import KG_IRI, Ontology
from kgraph.rdf.terms import IRI, Quad, Term

__all__ = ["jsonld_context", "jsonld_nodes", "write"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def jsonld_context(prefixes: dict[str, str], onto: Ontology) -> dict:
    """The JSON-LD ``@context``: the prefixes, and one short term per property of
    ``onto`` and per generic property kgraph writes, with its value type
    (``@id`` for object properties, the XSD range for typed literals)."""
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
        iri = str(onto.iri(name))
        iri = f"kg:{name}" if iri == KG_IRI + name else iri  # a user's own namespace stays whole
        rng = onto.graph.value(onto.iri(name), RDFS.range)
        if not term.literal:
            context[name] = {"@id": iri, "@type": "@id"}
        elif rng is None or str(rng) == _XSD_STRING:
            context[name] = iri
        else:
            context[name] = {"@id": iri, "@type": "xsd:" + str(rng)[len(xsd):]}
    return context


def write(quads: Iterable[Quad], handle: IO[bytes], *, named: bool, prefixes: dict[str, str],
          ontology: Ontology) -> None:
    """Write the distinct triples of the union of the graphs of ``quads`` to
    ``handle`` as a compact JSON-LD document: ``@context`` and an ``@graph`` of
    node objects sorted by ``@id``, one node at a time (the bytes of
    ``json.dumps(document, indent=1, sort_keys=True)``, without ever holding the
    document); the context names the properties of ``ontology``. ``named`` is
    unused: the document holds no named graphs."""
    triples = sorted({(s, p, o) for s, p, o, _ in quads})
    context = jsonld_context(prefixes, ontology)
    dump = functools.partial(json.dumps, ensure_ascii=False, indent=1, sort_keys=True)
    # JSON strings hold no raw newline, so indenting a dumped value is a replace.
    handle.write(('{\n "@context": ' + dump(context).replace("\n", "\n ") + ',\n "@graph": [').encode("utf-8"))
    separator = "\n  "
    for node in jsonld_nodes(triples, prefixes, context):
        handle.write((separator + dump(node).replace("\n", "\n  ")).encode("utf-8"))
        separator = ",\n  "
    handle.write(b"]\n}\n" if separator == "\n  " else b"\n ]\n}\n")


def jsonld_nodes(triples: list[tuple], prefixes: dict[str, str], context: dict) -> Iterator[dict]:
    """The node objects of sorted, distinct ``(s, p, o)`` triples, compacted with ``context``,
    in order of subject. A value whose kind does not match its term's coercion is
    written in expanded form, so nothing is lost."""
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

    for _, group in groupby(triples, key=lambda triple: triple[0]):
        node: dict = {}
        for s, p, o in group:
            node.setdefault("@id", compact(s))
            if p == _RDF_TYPE and o[0] == IRI:
                key, item = "@type", compact(o[1])
            else:
                key, coercion = by_iri.get(p, (compact(p), None))
                item = value(o, coercion)
            node.setdefault(key, []).append(item)
        yield {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in node.items()}
