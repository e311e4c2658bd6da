"""kgraph.rdf.shape: the RDF shape of a graph (entities, articles, statement nodes,
ontology terms) and SPARQL over it, on hand-built graphs."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO

from kgraph.errors import OntologyError, QueryError
from kgraph.ontology import KG_IRI, load_ontology
from kgraph.rdf.iris import article_graph, entities_graph
from kgraph.rdf.shape import article_quads, entity_quads, ontology_quads, query, quads, statement_quads, to_rdf
from rdf_sample import BASE, article_a, two_articles

KG = lambda name: URIRef(KG_IRI + name)  # noqa: E731
E = lambda key: URIRef(f"{BASE}entity/{key}")  # noqa: E731


@pytest.fixture
def graph() -> Graph:
    return to_rdf(article_a())


def statement_nodes(graph: Graph, subject, predicate, obj) -> list:
    return [
        node for node in graph.subjects(RDF.subject, subject)
        if (node, RDF.predicate, predicate) in graph and (node, RDF.object, obj) in graph
    ]


def test_rdf_entities_are_typed_and_labelled(graph):
    assert (E("anna-berg"), RDF.type, KG("Person")) in graph
    assert (E("tromsby"), RDF.type, KG("City")) in graph
    assert (E("anna-berg"), RDFS.label, Literal("Anna Berg")) in graph
    # aliases other than the label become skos:altLabel
    assert set(graph.objects(E("anna-berg"), SKOS.altLabel)) == {Literal("Berg")}


def test_rdf_direct_triples_only_for_facts_neither_negated_nor_hedged(graph):
    assert (E("anna-berg"), KG("visits"), E("norland")) in graph
    assert (E("anna-berg"), KG("meetsWith"), E("olav-dahl")) in graph
    assert (E("norland"), KG("supports"), E("estria")) not in graph
    assert (E("anna-berg"), KG("holdsPosition"), Literal("minister")) not in graph  # "may": hedged
    # ... but the negated and the hedged statements keep their statement nodes
    [node] = statement_nodes(graph, E("norland"), KG("supports"), E("estria"))
    assert graph.value(node, KG("negated")) == Literal(True)
    [hedged] = statement_nodes(graph, E("anna-berg"), KG("holdsPosition"), Literal("minister"))
    assert graph.value(hedged, KG("negated")) == Literal(False)


def test_rdf_statement_node_carries_provenance(graph):
    [node] = statement_nodes(graph, E("anna-berg"), KG("visits"), E("norland"))
    assert (node, RDF.type, RDF.Statement) in graph
    assert graph.value(node, PROV.wasDerivedFrom) == URIRef(f"{BASE}article/a1")
    assert str(graph.value(node, KG("evidence"))) == "Anna Berg visited Norland in 2021."
    assert graph.value(node, KG("sentenceStart")).toPython() == 0
    assert graph.value(node, KG("sentenceEnd")).toPython() == 34
    assert str(graph.value(node, KG("relationText"))) == "visited"
    confidence = graph.value(node, KG("confidence"))
    assert confidence.datatype == XSD.decimal and str(confidence) == "0.83"
    assert graph.value(node, KG("negated")) == Literal(False)
    assert str(graph.value(node, KG("time"))) == "in 2021"
    [meeting] = statement_nodes(graph, E("anna-berg"), KG("meetsWith"), E("olav-dahl"))
    assert graph.value(meeting, KG("place")) == E("tromsby")
    assert str(graph.value(meeting, KG("subjectText"))) == "She"
    [literal] = statement_nodes(graph, E("anna-berg"), KG("holdsPosition"), Literal("minister"))
    assert str(graph.value(literal, KG("modality"))) == "may"


def test_rdf_article_node(graph):
    article = URIRef(f"{BASE}article/a1")
    assert (article, RDF.type, SDO.NewsArticle) in graph
    assert (article, RDF.type, KG("NewsArticle")) in graph
    assert str(graph.value(article, SDO.headline)) == "Berg's trip"
    assert graph.value(article, SDO.datePublished) == Literal("2021-05-03", datatype=XSD.date)
    # the URL's angle brackets are percent-encoded, so the IRI stays valid
    assert graph.value(article, SDO.url) == URIRef("https://news.example/berg?a=1&b=%3C2%3E")


def test_rdf_ontology_terms_used_come_with_their_parents(graph):
    assert (KG("Country"), RDFS.subClassOf, KG("Place")) in graph
    assert (KG("Place"), RDFS.subClassOf, KG("Entity")) in graph
    assert (KG("visits"), RDFS.subPropertyOf, KG("relatedTo")) in graph
    assert (KG("killed"), None, None) not in graph  # unused terms stay out


def test_rdf_place_text_becomes_a_place_entity():
    graph = to_rdf(two_articles())
    [node] = statement_nodes(graph, E("olav-dahl"), KG("meetsWith"), E("anna-berg"))
    assert graph.value(node, KG("place")) == E("velhaven")
    assert (E("velhaven"), RDF.type, KG("City")) in graph


def test_rdf_same_statement_twice_gives_one_node_with_one_confidence():
    kg = article_a()
    kg.statements.append(dataclasses.replace(kg.statements[0], confidence=0.95))
    graph = to_rdf(kg)
    [node] = statement_nodes(graph, E("anna-berg"), KG("visits"), E("norland"))
    assert list(graph.objects(node, KG("confidence"))) == [Literal("0.95", datatype=XSD.decimal)]


@pytest.mark.parametrize(
    "change",
    [
        lambda s: dataclasses.replace(s, predicate="visitz"),
        lambda s: dataclasses.replace(s, subject=dataclasses.replace(s.subject, key="nobody", type="Persn")),
    ],
    ids=["unknown property", "unknown class"],
)
def test_rdf_unknown_ontology_terms_fail_loudly(change):
    kg = article_a()
    kg.statements[0] = change(kg.statements[0])
    with pytest.raises(OntologyError):
        to_rdf(kg)


def test_rdf_query_runs_sparql(graph):
    rows = query(graph, "PREFIX kg: <%s> SELECT ?o WHERE { ?s kg:visits ?o }" % KG_IRI)
    assert [str(row.o) for row in rows] == [str(E("norland"))]


@pytest.mark.parametrize("bad", ["SELEKT ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE { ?s ?p "])
def test_rdf_query_reports_a_bad_query_in_one_line(graph, bad):
    with pytest.raises(QueryError) as info:
        query(graph, bad)
    assert "\n" not in str(info.value) and str(info.value).startswith("bad SPARQL query")


def _names(name: str) -> str:
    return KG_IRI + name


def test_rdf_quads_are_the_chain_of_the_quads_by_kind():
    kg = two_articles()
    by_kind = [
        *entity_quads(kg.entities, BASE, _names),
        *article_quads(kg.articles, BASE, _names),
        *statement_quads(kg.statements, BASE, _names),
    ]
    every = list(quads(kg))
    assert set(by_kind) <= set(every)
    rest = set(every) - set(by_kind)
    assert rest and all(s.startswith(KG_IRI) for s, _, _, _ in rest)  # the ontology terms


def test_rdf_entity_and_ontology_quads_live_in_the_entities_graph():
    kg = article_a()
    assert {g for *_, g in entity_quads(kg.entities, BASE, _names)} == {entities_graph(BASE)}
    terms = list(ontology_quads(load_ontology(), ["visits"], entities_graph(BASE)))
    assert {s for s, _, _, _ in terms} == {KG_IRI + "visits", KG_IRI + "relatedTo"}  # with its parent


def test_rdf_article_and_statement_quads_live_in_the_article_graph():
    kg = article_a()
    graphs = {g for *_, g in article_quads(kg.articles, BASE, _names)}
    graphs |= {g for *_, g in statement_quads(kg.statements, BASE, _names)}
    assert graphs == {article_graph(BASE, "a1")}


def test_rdf_negated_statement_has_a_node_but_no_direct_triple():
    kg = article_a()
    negated = [s for s in kg.statements if s.negated]
    rows = list(statement_quads(negated, BASE, _names))
    predicates = {p for _, p, _, _ in rows}
    assert KG_IRI + negated[0].predicate not in predicates
    assert str(RDF.subject) in predicates
