"""RDF terms as plain tuples: what every other RDF module builds on.

Object terms are cheap to build, hash and sort: ``(IRI, iri, "")`` or
``(LITERAL, lexical form, datatype IRI or "" for a plain string)``; a quad is
``(subject IRI, predicate IRI, object term, graph IRI)``.
"""

from __future__ import annotations

from rdflib import Literal, URIRef

__all__ = ["IRI", "LITERAL", "Term", "Quad", "rdflib_term"]

IRI, LITERAL = 0, 1
Term = tuple[int, str, str]
Quad = tuple[str, str, Term, str]


def rdflib_term(term: Term) -> URIRef | Literal:
    """An object :data:`Term` as an rdflib ``URIRef`` or ``Literal``."""
    kind, value, datatype = term
    if kind == IRI:
        return URIRef(value)
    return Literal(value, datatype=URIRef(datatype) if datatype else None)
