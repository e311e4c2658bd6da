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
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import pyoxigraph
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO

from kgraph.errors import KGraphError, QueryError
from kgraph.rdf.terms import IRI, LITERAL, Quad, Term, rdflib_term
from kgraph.ontology import KG_IRI, load_ontology
from kgraph.text import content_hash, slug
from kgraph.types import Entity, Statement

__all__ = [
    "FORMATS",
    "Quad",
    "Term",
    "IRI",
    "LITERAL",
    "rdflib_term",
    "entity_prefix",
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


_SLUG_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Characters left unescaped in an IRI made from a URL: RFC 3986 unreserved ones and
# the reserved ones valid anywhere in a URL ("[]" are valid only around an IPv6
# host); everything else (spaces, quotes, <>, controls, non-ASCII) and a "%" that
# starts no escape are percent-encoded, so the IRI is valid in every syntax.
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# Only these triples are copied from the ontology for each term used.
_TERM_PREDICATES = (RDF.type, RDFS.label, RDFS.subClassOf, RDFS.subPropertyOf)
_STATEMENT_TERMS = ("evidence", "sentenceStart", "sentenceEnd", "subjectText", "objectText",
                    "relationText", "confidence", "negated", "modality", "time", "place")

_TYPE, _LABEL, _ALT = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = str(RDF.Statement), str(RDF.subject), str(RDF.predicate), str(RDF.object)
_DERIVED = str(PROV.wasDerivedFrom)
_NEWS, _IDENTIFIER, _HEADLINE = str(SDO.NewsArticle), str(SDO.identifier), str(SDO.headline)
_URL, _PUBLISHED = str(SDO.url), str(SDO.datePublished)
_INTEGER, _DECIMAL, _BOOLEAN = str(XSD.integer), str(XSD.decimal), str(XSD.boolean)


def _key_part(key: str) -> str:
    """``key`` if it is already a slug (the normal case), else its slug."""
    return key if _SLUG_KEY.fullmatch(key) and len(key) <= 120 else slug(key)


def entity_prefix(base: str) -> str:
    """What every entity IRI under ``base`` starts with: ``{base}entity/``."""
    return f"{base}entity/"


def entity_iri(base: str, key: str) -> str:
    """The IRI of entity ``key``: ``{base}entity/{key}``."""
    return entity_prefix(base) + _key_part(key)


def article_iri(base: str, article_id: str) -> str:
    """The IRI of an article: ``{base}article/{slug(id)}``."""
    return f"{base}article/{_key_part(article_id)}"


def article_graph(base: str, article_id: str) -> str:
    """The named graph holding an article's node, statements and direct triples."""
    return f"{base}graph/article/{_key_part(article_id)}"


def entities_graph(base: str) -> str:
    """The named graph holding entities and the ontology terms used."""
    return f"{base}graph/entities"


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


def statement_iri(base: str, statement: Statement) -> str:
    """The IRI of a statement node: ``{base}statement/{hash}``, a hash of what the
    statement says and where its words are (not of its confidence, so rescoring
    keeps IRIs)."""
    return _statement_iri(base, _identity(statement))


def _statement_iri(base: str, identity: str) -> str:
    return f"{base}statement/{content_hash(identity)[:20]}"


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


def _text(value: str) -> Term:
    return (LITERAL, value, "")


def _date(text: str) -> Term:
    """An ``xsd:date`` or ``xsd:dateTime`` literal when ``text`` is one, else a string."""
    text = text.strip()
    try:
        if len(text) == 10:
            return (LITERAL, _dt.date.fromisoformat(text).isoformat(), str(XSD.date))
        if "T" in text:
            _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return (LITERAL, text, str(XSD.dateTime))
    except ValueError:
        pass
    return _text(text)


def _decimal(value: float) -> Term:
    """``value`` rounded to two places as an ``xsd:decimal`` in canonical form
    ("0.5", "1"), the form SPARQL stores keep, so a store round trip changes nothing."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return (LITERAL, text if text not in ("", "-") else "0", _DECIMAL)


def _url(text: str) -> Term:
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
    return _text(text)


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


def _unique_statements(kg) -> list[tuple[str, Statement]]:
    """``kg.statements`` without repeats of one identity (the same words read twice
    the same way), keeping the most confident, so each node has one confidence;
    as ``(identity, statement)`` pairs in order of identity."""
    best: dict[str, Statement] = {}
    for s in kg.statements:
        key = _identity(s)
        if key not in best or s.confidence > best[key].confidence:
            best[key] = s
    return sorted(best.items(), key=lambda item: item[0])


def _ontology_term(node) -> Term:
    if isinstance(node, Literal):
        return (LITERAL, str(node), str(node.datatype or ""))
    return (IRI, str(node), "")


def quads(kg) -> Iterator[Quad]:
    """Every triple of ``kg``'s RDF, with the named graph it belongs to.

    Yields ``(subject, predicate, object, graph)`` :data:`Quad` tuples; a direct
    triple supported by several articles appears once per article graph.
    Raises :class:`kgraph.errors.OntologyError` for a class or property the
    ontology lacks, :class:`kgraph.errors.KGraphError` for a base that is no IRI.
    """
    onto = load_ontology()
    iris: dict[str, str] = {}

    def kg_(name: str) -> str:  # ontology IRIs, checked once per name
        if name not in iris:
            iris[name] = str(onto.iri(name))
        return iris[name]

    base = kg.base
    try:
        pyoxigraph.NamedNode(entity_iri(base, "x"))
    except ValueError:
        raise KGraphError(f"base IRI {base!r} is not an absolute IRI; use one such as "
                          "https://example.org/kgraph/") from None
    shared = entities_graph(base)
    used: set[str] = set()

    for key, entity in sorted(_entities(kg).items()):
        node = entity_iri(base, key)
        yield node, _TYPE, (IRI, kg_(entity.type), ""), shared
        used.add(entity.type)
        yield node, _LABEL, _text(entity.label), shared
        for alias in sorted(set(entity.aliases) - {entity.label}):
            yield node, _ALT, _text(alias), shared

    for article_id, article in sorted(kg.articles.items()):
        node, graph = article_iri(base, article_id), article_graph(base, article_id)
        yield node, _TYPE, (IRI, kg_("NewsArticle"), ""), graph
        yield node, _TYPE, (IRI, _NEWS, ""), graph
        used.add("NewsArticle")
        yield node, _IDENTIFIER, _text(article_id), graph
        if article.title:
            yield node, _HEADLINE, _text(article.title), graph
        if article.url:
            yield node, _URL, _url(article.url), graph
        if article.published:
            yield node, _PUBLISHED, _date(article.published), graph

    entity_iris: dict[str, str] = {}

    def entity(key: str) -> str:
        iri = entity_iris.get(key)
        if iri is None:
            iri = entity_iris[key] = entity_iri(base, key)
        return iri

    (evidence, start, end, subject_text, object_text, relation_text, confidence, negated, modality,
     time, place) = (kg_(name) for name in _STATEMENT_TERMS)
    article_iris: dict[str, tuple[str, str]] = {}
    for identity, s in _unique_statements(kg):
        if s.article_id not in article_iris:
            article_iris[s.article_id] = (article_iri(base, s.article_id), article_graph(base, s.article_id))
        article, graph = article_iris[s.article_id]
        subject, predicate = entity(s.subject.key), kg_(s.predicate)
        if s.object is not None:
            obj = (IRI, entity(s.object.key), "")
        else:
            obj = _text(s.literal or "")
        used.add(s.predicate)
        if not s.negated:
            yield subject, predicate, obj, graph
        node = _statement_iri(base, identity)
        yield node, _TYPE, (IRI, _STATEMENT, ""), graph
        yield node, _SUBJECT, (IRI, subject, ""), graph
        yield node, _PREDICATE, (IRI, predicate, ""), graph
        yield node, _OBJECT, obj, graph
        yield node, _DERIVED, (IRI, article, ""), graph
        yield node, evidence, _text(s.sentence.text), graph
        yield node, start, (LITERAL, str(s.sentence.start), _INTEGER), graph
        yield node, end, (LITERAL, str(s.sentence.end), _INTEGER), graph
        yield node, subject_text, _text(s.subject.span.text), graph
        if s.object is not None:
            yield node, object_text, _text(s.object.span.text), graph
        yield node, relation_text, _text(s.relation_text), graph
        yield node, confidence, _decimal(s.confidence), graph
        yield node, negated, (LITERAL, "true" if s.negated else "false", _BOOLEAN), graph
        if s.modality:
            yield node, modality, _text(s.modality), graph
        if s.time:
            yield node, time, _text(s.time), graph
        if s.place:
            yield node, place, (IRI, entity(_place_key(kg, s.place)), ""), graph
    if kg.statements:
        used.update(_STATEMENT_TERMS)

    # The ontology terms used, with their ancestors, so subclass and subproperty
    # queries (and SHACL class targets) work on the file alone.
    for name in sorted({a for name in used for a in onto.ancestors(name)}):
        term = onto.iri(name)
        for predicate in _TERM_PREDICATES:
            for value in sorted(onto.graph.objects(term, predicate)):
                yield str(term), str(predicate), _ontology_term(value), shared


def to_rdf(kg) -> Graph:
    """``kg`` as an rdflib ``Graph`` (the union of all named graphs), prefixes bound.

    Raises :class:`kgraph.errors.OntologyError` for an unknown class or property.
    """
    graph = Graph(bind_namespaces="none")
    for name, namespace in prefixes(kg.base).items():
        graph.bind(name, namespace)
    add = graph.add
    for s, p, o, _ in quads(kg):
        add((URIRef(s), URIRef(p), rdflib_term(o)))
    return graph


def write_rdf(kg, path: str | Path, fmt: str = "ttl") -> Path:
    """Write ``kg`` to ``path`` atomically in ``fmt`` (one of :data:`FORMATS`) and
    return the path. The same graph always gives the same bytes.

    Raises :class:`kgraph.errors.KGraphError` for an unknown format.
    """
    from kgraph.rdf.formats import write_quads

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
