"""RDF terms as plain tuples, and the literals kgraph writes: what every other RDF
module builds on.

Object terms are cheap to build, hash and sort: ``(IRI, iri, "")`` or
``(LITERAL, lexical form, datatype IRI or "" for a plain string)``; a quad is
``(subject IRI, predicate IRI, object term, graph IRI)``.
"""

from __future__ import annotations

import datetime as _dt
import re
from urllib.parse import quote

import pyoxigraph
from rdflib import XSD, Literal, URIRef

__all__ = [
    "IRI", "LITERAL", "Term", "Quad", "rdflib_term",
    "string_literal", "integer_literal", "decimal_literal", "boolean_literal", "date_literal", "url_term",
]

IRI, LITERAL = 0, 1
Term = tuple[int, str, str]
Quad = tuple[str, str, Term, str]

_INTEGER, _DECIMAL, _BOOLEAN = str(XSD.integer), str(XSD.decimal), str(XSD.boolean)
_DATE, _DATE_TIME = str(XSD.date), str(XSD.dateTime)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Characters left unescaped in an IRI made from a URL: RFC 3986 unreserved ones and
# the reserved ones valid anywhere in a URL ("[]" are valid only around an IPv6
# host); everything else (spaces, quotes, <>, controls, non-ASCII) and a "%" that
# starts no escape are percent-encoded, so the IRI is valid in every syntax.
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def rdflib_term(term: Term) -> URIRef | Literal:
    """An object :data:`Term` as an rdflib ``URIRef`` or ``Literal``."""
    kind, value, datatype = term
    if kind == IRI:
        return URIRef(value)
    return Literal(value, datatype=URIRef(datatype) if datatype else None)


def string_literal(value: str) -> Term:
    """A plain string literal."""
    return (LITERAL, value, "")


def integer_literal(value: int) -> Term:
    """An ``xsd:integer`` literal."""
    return (LITERAL, str(value), _INTEGER)


def decimal_literal(value: float) -> Term:
    """``value`` rounded to two places as an ``xsd:decimal`` in canonical form
    ("0.5", "1"), the form SPARQL stores keep, so a store round trip changes nothing."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return (LITERAL, text if text not in ("", "-") else "0", _DECIMAL)


def boolean_literal(value: bool) -> Term:
    """An ``xsd:boolean`` literal, ``"true"`` or ``"false"``."""
    return (LITERAL, "true" if value else "false", _BOOLEAN)


def date_literal(text: str) -> Term:
    """An ``xsd:date`` or ``xsd:dateTime`` literal when ``text`` is one, else a string."""
    text = text.strip()
    try:
        if len(text) == 10:
            return (LITERAL, _dt.date.fromisoformat(text).isoformat(), _DATE)
        if "T" in text:
            _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return (LITERAL, text, _DATE_TIME)
    except ValueError:
        pass
    return string_literal(text)


def url_term(text: str) -> Term:
    """An IRI for a URL with a scheme (unsafe characters percent-encoded), else,
    when even that is no valid IRI (a bad host or port), the URL as a string."""
    text = text.strip()
    if _SCHEME.match(text):
        iri = _STRAY_PERCENT.sub("%25", quote(text, safe=_URL_SAFE))
        try:
            pyoxigraph.NamedNode(iri)  # the strict RFC 3987 check every syntax needs
            return (IRI, iri, "")
        except ValueError:
            pass
    return string_literal(text)
