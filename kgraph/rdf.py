"""The knowledge graph as RDF, in the shape of DESIGN.md ("RDF shape").

- Entities: ``rdf:type`` their ontology class, ``rdfs:label``, ``skos:altLabel``
  for each alias.
- Each statement that is not negated gives a direct triple
  (``entity kg:visits entity``, or a literal object), and every statement gives
  a statement node (``rdf:Statement``) with its provenance: ``prov:wasDerivedFrom``
  the article, ``kg:evidence`` (sentence text), ``kg:sentenceStart/End``,
  ``kg:relationText``, ``kg:confidence``, ``kg:negated`` and, when known,
  ``kg:modality``, ``kg:time`` and ``kg:place``.
- Articles: ``kg:NewsArticle`` and ``schema:NewsArticle`` with headline, URL,
  publication date and identifier.
- The ontology terms used (type, label, parents), so a file stands alone.

IRIs are minted from ``kg.base`` with slugs, so no text can break them:
``{base}entity/{key}``, ``{base}article/{slug(id)}``,
``{base}statement/{hash of the statement's identity}``. Named graphs (TriG,
N-Quads, the embedded store) are ``{base}graph/article/{slug(id)}`` for an
article's node, statements and direct triples, and ``{base}graph/entities`` for
entities and ontology terms.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import pyoxigraph
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO

from .errors import KGraphError, QueryError
from .ontology import KG_IRI, load_ontology
from .text import content_hash, slug
from .types import Entity, Mention, Statement

__all__ = [
    "FORMATS",
    "Quad",
    "entity_iri",
    "article_iri",
    "statement_iri",
    "article_graph",
    "entities_graph",
    "prefixes",
    "VOCABULARY",
    "quads",
    "to_rdf",
    "write_rdf",
    "query",
]

#: Serialisation formats by their ``--format`` name.
FORMATS = ("ttl", "nt", "jsonld", "trig", "nq")

Quad = tuple[URIRef, URIRef, "URIRef | Literal", URIRef]

_SLUG_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Characters left unescaped in an IRI made from a URL: RFC 3986 unreserved ones and
# the reserved ones valid anywhere in a URL ("[]" are valid only around an IPv6
# host); everything else (spaces, quotes, <>, controls, non-ASCII) and a "%" that
# starts no escape are percent-encoded, so the IRI is valid in every syntax.
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# Only the terms copied from the ontology for each term used.
_TERM_PREDICATES = (RDF.type, RDFS.label, RDFS.subClassOf, RDFS.subPropertyOf)


def _key_part(key: str) -> str:
    """``key`` if it is already a slug (the normal case), else its slug."""
    return key if _SLUG_KEY.fullmatch(key) and len(key) <= 120 else slug(key)


def entity_iri(base: str, key: str) -> URIRef:
    """The IRI of entity ``key``: ``{base}entity/{key}``."""
    return URIRef(f"{base}entity/{_key_part(key)}")


def article_iri(base: str, article_id: str) -> URIRef:
    """The IRI of an article: ``{base}article/{slug(id)}``."""
    return URIRef(f"{base}article/{_key_part(article_id)}")


def article_graph(base: str, article_id: str) -> URIRef:
    """The named graph holding an article's node, statements and direct triples."""
    return URIRef(f"{base}graph/article/{_key_part(article_id)}")


def entities_graph(base: str) -> URIRef:
    """The named graph holding entities and the ontology terms used."""
    return URIRef(f"{base}graph/entities")


def _identity(s: Statement) -> str:
    if s.object is not None:
        obj = f"e:{s.object.key}:{s.object.span.start}:{s.object.span.end}"
    else:
        obj = f"l:{s.literal}"
    fields = (
        s.article_id, str(s.sentence.start), str(s.sentence.end),
        f"{s.subject.key}:{s.subject.span.start}:{s.subject.span.end}", s.predicate, obj,
        s.relation_text, str(s.negated), s.modality or "", s.time or "", s.place or "",
    )
    return "\x1f".join(fields)


def statement_iri(base: str, statement: Statement) -> URIRef:
    """The IRI of a statement node: ``{base}statement/{hash}``, a hash of what the
    statement says and where its words are (not of its confidence, so rescoring
    keeps IRIs)."""
    return URIRef(f"{base}statement/{content_hash(_identity(statement))[:20]}")


#: The vocabulary prefixes of every serialisation (and of ``kgraph query``).
VOCABULARY = {
    "kg": KG_IRI,
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def prefixes(base: str) -> dict[str, str]:
    """The prefixes bound in every serialisation: :data:`VOCABULARY` plus
    ``article:``, ``entity:`` and ``statement:`` under ``base``, sorted by name."""
    minted = {name: f"{base}{name}/" for name in ("article", "entity", "statement")}
    return dict(sorted({**VOCABULARY, **minted}.items()))


def _date(text: str) -> Literal:
    """An ``xsd:date`` or ``xsd:dateTime`` literal when ``text`` is one, else a string."""
    text = text.strip()
    try:
        if len(text) == 10:
            return Literal(_dt.date.fromisoformat(text).isoformat(), datatype=XSD.date)
        if "T" in text:
            _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return Literal(text, datatype=XSD.dateTime)
    except ValueError:
        pass
    return Literal(text)


def _decimal(value: float) -> Literal:
    """``value`` rounded to two places as an ``xsd:decimal`` in canonical form
    ("0.5", "1"), the form SPARQL stores keep, so a store round trip changes nothing."""
    return Literal(format(Decimal(f"{value:.2f}").normalize(), "f"), datatype=XSD.decimal)


def _url(text: str) -> URIRef | Literal:
    """An IRI for a URL with a scheme (unsafe characters percent-encoded), else,
    when even that is no valid IRI (a bad host or port), the URL as a string."""
    text = text.strip()
    if _SCHEME.match(text):
        iri = _STRAY_PERCENT.sub("%25", quote(text, safe=_URL_SAFE))
        try:
            pyoxigraph.NamedNode(iri)  # the strict RFC 3987 check every syntax needs
            return URIRef(iri)
        except ValueError:
            pass
    return Literal(text)


def _entities(kg) -> dict[str, Entity]:
    """Every entity the graph mentions, by key. A key that a statement uses but
    ``kg.entities`` lacks is described from the mention, so no statement points
    to an untyped, unlabelled node."""
    found = dict(kg.entities)

    def need(key: str, label: str, type_: str) -> None:
        if key not in found:
            found[key] = Entity(key=key, label=label, type=type_)

    for s in kg.statements:
        need(s.subject.key, s.subject.span.text, s.subject.type)
        if s.object is not None:
            need(s.object.key, s.object.span.text, s.object.type)
        if s.place:
            need(_place_key(kg, s.place), s.place, "Place")
    return found


def _place_key(kg, place: str) -> str:
    """``place`` is an entity key, or the text of a place whose slug is its key."""
    return place if place in kg.entities else slug(place)


def _unique_statements(kg) -> list[Statement]:
    """``kg.statements`` without repeats of one identity (the same words read twice
    the same way), keeping the most confident, so each node has one confidence."""
    best: dict[str, Statement] = {}
    for s in kg.statements:
        key = _identity(s)
        if key not in best or s.confidence > best[key].confidence:
            best[key] = s
    return list(best.values())


def _object(kg, s: Statement) -> URIRef | Literal:
    return entity_iri(kg.base, s.object.key) if s.object is not None else Literal(s.literal or "")


def quads(kg) -> Iterator[Quad]:
    """Every triple of ``kg``'s RDF, with the named graph it belongs to.

    Yields ``(subject, predicate, object, graph)``; a direct triple supported by
    several articles appears once per article graph. Raises
    :class:`kgraph.errors.OntologyError` for a class or property the ontology lacks.
    """
    onto = load_ontology()
    base = kg.base
    shared = entities_graph(base)
    used: set[str] = set()

    for key, entity in sorted(_entities(kg).items()):
        node = entity_iri(base, key)
        yield node, RDF.type, onto.iri(entity.type), shared
        used.add(entity.type)
        yield node, RDFS.label, Literal(entity.label), shared
        for alias in sorted(set(entity.aliases) - {entity.label}):
            yield node, SKOS.altLabel, Literal(alias), shared

    for article_id, article in sorted(kg.articles.items()):
        node, graph = article_iri(base, article_id), article_graph(base, article_id)
        yield node, RDF.type, onto.iri("NewsArticle"), graph
        yield node, RDF.type, SDO.NewsArticle, graph
        used.add("NewsArticle")
        yield node, SDO.identifier, Literal(article_id), graph
        if article.title:
            yield node, SDO.headline, Literal(article.title), graph
        if article.url:
            yield node, SDO.url, _url(article.url), graph
        if article.published:
            yield node, SDO.datePublished, _date(article.published), graph

    kg_ = onto.iri
    for s in _unique_statements(kg):
        graph = article_graph(base, s.article_id)
        subject, predicate, obj = entity_iri(base, s.subject.key), kg_(s.predicate), _object(kg, s)
        used.add(s.predicate)
        if not s.negated:
            yield subject, predicate, obj, graph
        node = statement_iri(base, s)
        yield node, RDF.type, RDF.Statement, graph
        yield node, RDF.subject, subject, graph
        yield node, RDF.predicate, predicate, graph
        yield node, RDF.object, obj, graph
        yield node, PROV.wasDerivedFrom, article_iri(base, s.article_id), graph
        yield node, kg_("evidence"), Literal(s.sentence.text), graph
        yield node, kg_("sentenceStart"), Literal(str(s.sentence.start), datatype=XSD.integer), graph
        yield node, kg_("sentenceEnd"), Literal(str(s.sentence.end), datatype=XSD.integer), graph
        yield node, kg_("subjectText"), Literal(s.subject.span.text), graph
        if s.object is not None:
            yield node, kg_("objectText"), Literal(s.object.span.text), graph
        yield node, kg_("relationText"), Literal(s.relation_text), graph
        yield node, kg_("confidence"), _decimal(s.confidence), graph
        yield node, kg_("negated"), Literal("true" if s.negated else "false", datatype=XSD.boolean), graph
        if s.modality:
            yield node, kg_("modality"), Literal(s.modality), graph
        if s.time:
            yield node, kg_("time"), Literal(s.time), graph
        if s.place:
            yield node, kg_("place"), entity_iri(base, _place_key(kg, s.place)), graph
    if kg.statements:
        used.update(("evidence", "sentenceStart", "sentenceEnd", "subjectText", "objectText",
                     "relationText", "confidence", "negated", "modality", "time", "place"))

    # The ontology terms used, with their ancestors, so subclass and subproperty
    # queries (and SHACL class targets) work on the file alone.
    terms = sorted({a for name in used for a in onto.ancestors(name)})
    for name in terms:
        term = onto.iri(name)
        for predicate in _TERM_PREDICATES:
            for value in sorted(onto.graph.objects(term, predicate)):
                yield term, predicate, value, shared


def to_rdf(kg) -> Graph:
    """``kg`` as an rdflib ``Graph`` (the union of all named graphs), prefixes bound.

    Raises :class:`kgraph.errors.OntologyError` for an unknown class or property.
    """
    graph = Graph(bind_namespaces="none")
    for name, namespace in prefixes(kg.base).items():
        graph.bind(name, namespace)
    for s, p, o, _ in quads(kg):
        graph.add((s, p, o))
    return graph


def write_rdf(kg, path: str | Path, fmt: str = "ttl") -> Path:
    """Write ``kg`` to ``path`` atomically in ``fmt`` (one of :data:`FORMATS`) and
    return the path. The same graph always gives the same bytes.

    Raises :class:`kgraph.errors.KGraphError` for an unknown format.
    """
    from .formats import write_quads

    if fmt not in FORMATS:
        raise KGraphError(f"unknown RDF format {fmt!r}; choose from {', '.join(FORMATS)}")
    return write_quads(quads(kg), Path(path), fmt, prefixes=prefixes(kg.base))


def query(graph: Graph, sparql: str):
    """Run ``sparql`` on an rdflib ``graph`` and return rdflib's ``Result``.

    Raises :class:`kgraph.errors.QueryError` with one line for a query that does
    not parse or cannot run.
    """
    try:
        return graph.query(sparql)
    except Exception as err:  # rdflib raises pyparsing and plain exceptions alike
        raise QueryError(f"bad SPARQL query: {_one_line(err)}") from err


def _one_line(err: Exception) -> str:
    text = " ".join(str(err).split())
    return text[:300] or type(err).__name__
