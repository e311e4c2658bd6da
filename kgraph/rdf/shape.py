"""The knowledge graph as RDF quads, in the shape of docs/design.md ("RDF shape").

- Entities: ``rdf:type`` their ontology class, ``rdfs:label``, ``skos:altLabel``
  for each alias.
- Articles: ``kg:NewsArticle`` and ``schema:NewsArticle`` with headline, URL,
  publication date and identifier.
- Each statement that is neither negated nor hedged gives a direct triple
  (``entity kg:visits entity``, or a literal object), and every statement gives
  a statement node (``rdf:Statement``) with its provenance: ``prov:wasDerivedFrom``
  the article, ``kg:evidence`` (sentence text), ``kg:sentenceStart/End``,
  ``kg:relationText``, ``kg:confidence``, ``kg:negated`` and, when known,
  ``kg:modality``, ``kg:time`` and ``kg:place``.
- The ontology terms used (type, label, parents), so a file stands alone.

:func:`quads` chains one generator per kind. IRIs and named graphs are minted by
:mod:`kgraph.rdf.iris`; files are written by :mod:`kgraph.rdf.formats`.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Mapping

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO

from kgraph.errors import QueryError
from kgraph.ontology import Ontology
from kgraph.rdf.iris import (
    article_graph, article_iri, check_base, entities_graph, entity_iri, prefixes, statement_identity,
    statement_iri,
)
from kgraph.rdf.terms import (
    IRI, LITERAL, Quad, Term, boolean_literal, date_literal, decimal_literal, integer_literal, rdflib_term,
    string_literal, url_term,
)
from kgraph.text import slug
from kgraph.types import Article, Entity, Statement

__all__ = ["quads", "entity_quads", "article_quads", "statement_quads", "ontology_quads", "to_rdf", "query"]

# Only these triples are copied from the ontology for each term used.
_TERM_PREDICATES = (RDF.type, RDFS.label, RDFS.subClassOf, RDFS.subPropertyOf)
_STATEMENT_TERMS = ("evidence", "sentenceStart", "sentenceEnd", "subjectText", "objectText",
                    "relationText", "confidence", "negated", "modality", "time", "place")

_TYPE, _LABEL, _ALT = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
_SAME_AS = str(OWL.sameAs)
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = str(RDF.Statement), str(RDF.subject), str(RDF.predicate), str(RDF.object)
_DERIVED = str(PROV.wasDerivedFrom)
_NEWS, _IDENTIFIER, _HEADLINE = str(SDO.NewsArticle), str(SDO.identifier), str(SDO.headline)
_URL, _PUBLISHED = str(SDO.url), str(SDO.datePublished)

Names = Callable[[str], str]  # an ontology term's local name -> its IRI


def _iris(onto: Ontology) -> Names:
    """``onto.iri`` as a string, looked up once per name (a graph uses a few dozen
    names millions of times). Raises :class:`~kgraph.errors.OntologyError` for a
    name the ontology lacks."""
    found: dict[str, str] = {}

    def iri(name: str) -> str:
        if name not in found:
            found[name] = str(onto.iri(name))
        return found[name]

    return iri


def quads(kg) -> Iterator[Quad]:
    """Every triple of ``kg``'s RDF, with the named graph it belongs to.

    Yields ``(subject, predicate, object, graph)`` :data:`Quad` tuples; a direct
    triple supported by several articles appears once per article graph.
    Classes and properties are those of ``kg.ontology``. Raises
    :class:`kgraph.errors.OntologyError` for a class or property the ontology
    lacks, :class:`kgraph.errors.KGraphError` for a base that is no IRI.
    """
    onto = kg.ontology
    names = _iris(onto)
    base = check_base(kg.base)
    entities = _entities(kg)
    yield from entity_quads(entities, base, names)
    yield from article_quads(kg.articles, base, names)
    yield from statement_quads(kg.statements, base, names, place_key=lambda place: _place_key(kg, place))
    used = {entity.type for entity in entities.values()} | {s.predicate for s in kg.statements}
    if any(entity.code for entity in entities.values()):
        used.add("isoCode")
    if kg.articles:
        used.add("NewsArticle")
    if kg.statements:
        used.update(_STATEMENT_TERMS)
    yield from ontology_quads(onto, used, entities_graph(base))


def entity_quads(entities: Mapping[str, Entity], base: str, names: Names) -> Iterator[Quad]:
    """Type, label, aliases and links (owl:sameAs, kg:isoCode) of each entity, in the entities graph, by key."""
    graph = entities_graph(base)
    for key, entity in sorted(entities.items()):
        node = entity_iri(base, key)
        yield node, _TYPE, (IRI, names(entity.type), ""), graph
        yield node, _LABEL, string_literal(entity.label), graph
        for alias in sorted(set(entity.aliases) - {entity.label}):
            yield node, _ALT, string_literal(alias), graph
        for link in entity.links:
            yield node, _SAME_AS, (IRI, link, ""), graph
        if entity.code:
            yield node, names("isoCode"), string_literal(entity.code), graph


def article_quads(articles: Mapping[str, Article], base: str, names: Names) -> Iterator[Quad]:
    """Each article's node (both news-article classes, identifier, headline, URL,
    date), in the article's graph, by id."""
    for article_id, article in sorted(articles.items()):
        node, graph = article_iri(base, article_id), article_graph(base, article_id)
        yield node, _TYPE, (IRI, names("NewsArticle"), ""), graph
        yield node, _TYPE, (IRI, _NEWS, ""), graph
        yield node, _IDENTIFIER, string_literal(article_id), graph
        if article.title:
            yield node, _HEADLINE, string_literal(article.title), graph
        if article.url:
            yield node, _URL, url_term(article.url), graph
        if article.published:
            yield node, _PUBLISHED, date_literal(article.published), graph


def statement_quads(statements: Iterable[Statement], base: str, names: Names, *,
                    place_key: Callable[[str], str] = slug) -> Iterator[Quad]:
    """The direct triple (unless negated) and the statement node of each distinct
    statement, in its article's graph. ``place_key`` maps a statement's place to
    the key of its entity."""
    (evidence, start, end, subject_text, object_text, relation_text, confidence, negated, modality,
     time, place) = (names(name) for name in _STATEMENT_TERMS)
    entity_iris: dict[str, str] = {}

    def entity(key: str) -> str:
        iri = entity_iris.get(key)
        if iri is None:
            iri = entity_iris[key] = entity_iri(base, key)
        return iri

    article_iris: dict[str, tuple[str, str]] = {}
    for identity, s in _unique_statements(statements):
        if s.article_id not in article_iris:
            article_iris[s.article_id] = (article_iri(base, s.article_id), article_graph(base, s.article_id))
        article, graph = article_iris[s.article_id]
        subject, predicate = entity(s.subject.key), names(s.predicate)
        obj = (IRI, entity(s.object.key), "") if s.object is not None else string_literal(s.literal or "")
        if not s.negated and s.modality is None:  # a denied or hedged fact is not stated
            yield subject, predicate, obj, graph
        node = statement_iri(base, s, identity=identity)
        yield node, _TYPE, (IRI, _STATEMENT, ""), graph
        yield node, _SUBJECT, (IRI, subject, ""), graph
        yield node, _PREDICATE, (IRI, predicate, ""), graph
        yield node, _OBJECT, obj, graph
        yield node, _DERIVED, (IRI, article, ""), graph
        yield node, evidence, string_literal(s.sentence.text), graph
        yield node, start, integer_literal(s.sentence.start), graph
        yield node, end, integer_literal(s.sentence.end), graph
        yield node, subject_text, string_literal(s.subject.span.text), graph
        if s.object is not None:
            yield node, object_text, string_literal(s.object.span.text), graph
        yield node, relation_text, string_literal(s.relation_text), graph
        yield node, confidence, decimal_literal(s.confidence), graph
        yield node, negated, boolean_literal(s.negated), graph
        if s.modality:
            yield node, modality, string_literal(s.modality), graph
        if s.time:
            yield node, time, string_literal(s.time), graph
        if s.place:
            yield node, place, (IRI, entity(place_key(s.place)), ""), graph


def ontology_quads(onto: Ontology, used: Iterable[str], graph: str) -> Iterator[Quad]:
    """The ontology terms named ``used``, with their ancestors (type, label,
    parents), so subclass and subproperty queries and SHACL class targets work
    on a file alone."""
    for name in sorted({ancestor for name in used for ancestor in onto.ancestors(name)}):
        term = onto.iri(name)
        for predicate in _TERM_PREDICATES:
            for value in sorted(onto.graph.objects(term, predicate)):
                yield str(term), str(predicate), _ontology_term(value), graph


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


def _unique_statements(statements: Iterable[Statement]) -> list[tuple[str, Statement]]:
    """``statements`` without repeats of one identity (the same words read twice
    the same way), keeping the most confident, so each node has one confidence;
    as ``(identity, statement)`` pairs in order of identity."""
    best: dict[str, Statement] = {}
    for s in statements:
        key = statement_identity(s)
        if key not in best or s.confidence > best[key].confidence:
            best[key] = s
    return sorted(best.items(), key=lambda item: item[0])


def _ontology_term(node) -> Term:
    if isinstance(node, Literal):
        return (LITERAL, str(node), str(node.datatype or ""))
    return (IRI, str(node), "")


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
