"""kgraph.rdf.shape: the RDF shape, minted IRIs, determinism and round trips."""

from __future__ import annotations

import dataclasses
import random

import pytest
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SDO

from kgraph.errors import KGraphError, OntologyError, QueryError
from kgraph.graph import KnowledgeGraph
from kgraph.ontology import KG_IRI
from kgraph.rdf.formats import FORMATS, write_rdf
from kgraph.rdf.formats.ntriples import line_chunks
from kgraph.rdf.iris import article_graph, entities_graph, statement_iri
from kgraph.rdf.shape import query, quads, to_rdf
from rdf_sample import BASE, article_a, two_articles

KG = lambda name: URIRef(KG_IRI + name)  # noqa: E731
E = lambda key: URIRef(f"{BASE}entity/{key}")  # noqa: E731
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}


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


def test_rdf_direct_triples_only_for_facts_not_negated(graph):
    assert (E("anna-berg"), KG("visits"), E("norland")) in graph
    assert (E("anna-berg"), KG("meetsWith"), E("olav-dahl")) in graph
    assert (E("anna-berg"), KG("holdsPosition"), Literal("minister")) in graph
    assert (E("norland"), KG("supports"), E("estria")) not in graph
    # ... but the negated statement keeps its statement node
    [node] = statement_nodes(graph, E("norland"), KG("supports"), E("estria"))
    assert graph.value(node, KG("negated")) == Literal(True)


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


@pytest.mark.parametrize("base", ["https://example.org/kgraph/", "http://news.test/kg#"])
def test_rdf_iris_are_minted_from_the_base(base):
    kg = article_a()
    kg.base = base
    subjects = {s for s, _, _, _ in quads(kg) if not s.startswith(KG_IRI)}
    assert subjects and all(s.startswith(base) for s in subjects)


@pytest.mark.parametrize("base", ["not an iri/", "https://exa mple.org/", "relative/path/"])
def test_rdf_a_base_that_is_no_iri_is_refused(base):
    kg = article_a()
    kg.base = base
    with pytest.raises(KGraphError, match="is not an absolute IRI"):
        to_rdf(kg)


def test_rdf_statement_iri_ignores_confidence_but_not_content():
    statement = article_a().statements[0]
    rescored = dataclasses.replace(statement, confidence=0.1)
    reworded = dataclasses.replace(statement, relation_text="toured")
    assert statement_iri(BASE, statement) == statement_iri(BASE, rescored)
    assert statement_iri(BASE, statement) != statement_iri(BASE, reworded)


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


@pytest.mark.parametrize("fmt", FORMATS)
def test_rdf_write_is_deterministic_whatever_the_order(tmp_path, fmt):
    kg = two_articles()
    first = write_rdf(kg, tmp_path / f"one.{fmt}", fmt).read_bytes()
    random.Random(7).shuffle(kg.statements)
    kg.entities = dict(reversed(list(kg.entities.items())))
    second = write_rdf(kg, tmp_path / f"two.{fmt}", fmt).read_bytes()
    assert first == second


@pytest.mark.parametrize("fmt", FORMATS)
def test_rdf_every_format_parses_back_without_loss(tmp_path, fmt):
    kg = two_articles()
    path = write_rdf(kg, tmp_path / f"graph.{fmt}", fmt)
    parsed = Dataset()
    parsed.parse(path, format=RDFLIB_FORMAT[fmt])
    union = Graph()
    for s, p, o, _ in parsed.quads():
        union.add((s, p, o))
    assert len(union) > 50 and isomorphic(union, to_rdf(kg))


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_rdf_quad_formats_have_a_graph_per_article_and_one_for_entities(tmp_path, fmt):
    kg = two_articles()
    dataset = Dataset()
    dataset.parse(write_rdf(kg, tmp_path / f"graph.{fmt}", fmt), format=RDFLIB_FORMAT[fmt])
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {URIRef(article_graph(BASE, "a1")), URIRef(article_graph(BASE, "b2")), URIRef(entities_graph(BASE))}
    second = dataset.graph(URIRef(article_graph(BASE, "b2")))
    assert (E("olav-dahl"), KG("meetsWith"), E("anna-berg")) in second
    assert (E("anna-berg"), KG("visits"), E("norland")) not in second
    assert (E("anna-berg"), RDFS.label, None) in dataset.graph(URIRef(entities_graph(BASE)))


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_rdf_prefix_lines_come_in_name_order(tmp_path, fmt):
    text = write_rdf(two_articles(), tmp_path / f"graph.{fmt}", fmt).read_text("utf-8")
    names = [line.split()[1] for line in text.splitlines() if line.startswith("@prefix ")]
    assert names == sorted(names) and "kg:" in names and "statement:" in names


@pytest.mark.parametrize("named", [False, True])
def test_line_chunks_are_sorted_distinct_lines_in_bounded_chunks(named):
    rows = [(f"{BASE}s/{i % 9000}", f"{BASE}p", (0, f"{BASE}o/{i % 7}", ""), f"{BASE}g/{i % 3}")
            for i in range(30000)]
    random.Random(3).shuffle(rows)
    chunks = list(line_chunks(rows, named=named))
    lines = b"".join(chunks).decode().splitlines()
    expected = {f"<{s}> <{p}> <{o[1]}>" + (f" <{g}>" if named else "") + " ." for s, p, o, g in rows}
    assert len(lines) == len(expected) and set(lines) == expected
    if named:  # grouped by graph, each group sorted
        graphs = [line.rsplit(" ", 2)[1] for line in lines]
        assert graphs == sorted(graphs)
    else:
        assert lines == sorted(lines)
    assert len(chunks) > 1 and all(chunk.count(b"\n") <= 8192 for chunk in chunks)


def test_rdf_jsonld_is_compact(tmp_path):
    import json

    document = json.loads(write_rdf(article_a(), tmp_path / "g.jsonld", "jsonld").read_text("utf-8"))
    assert document["@context"]["visits"] == {"@id": "kg:visits", "@type": "@id"}
    assert document["@context"]["confidence"] == {"@id": "kg:confidence", "@type": "xsd:decimal"}
    berg = next(node for node in document["@graph"] if node["@id"] == "entity:anna-berg")
    assert berg["@type"] == "kg:Person" and berg["visits"] == "entity:norland"


@pytest.mark.parametrize("make", [two_articles, lambda: KnowledgeGraph()])
def test_rdf_jsonld_is_written_node_by_node_as_one_indented_document(tmp_path, make):
    import json

    text = write_rdf(make(), tmp_path / "g.jsonld", "jsonld").read_text("utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    ids = [node["@id"] for node in document["@graph"]]
    assert len(ids) == len(set(ids))  # one node per subject


def test_rdf_write_rejects_an_unknown_format(tmp_path):
    with pytest.raises(KGraphError, match="unknown RDF format 'rdfxml'"):
        write_rdf(article_a(), tmp_path / "g.rdf", "rdfxml")
    assert not list(tmp_path.iterdir())


def test_rdf_write_replaces_a_file_atomically(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("old")
    write_rdf(article_a(), path, "ttl")
    assert path.read_text("utf-8").startswith("@prefix")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temporary file left


def test_rdf_query_runs_sparql(graph):
    rows = query(graph, "PREFIX kg: <%s> SELECT ?o WHERE { ?s kg:visits ?o }" % KG_IRI)
    assert [str(row.o) for row in rows] == [str(E("norland"))]


@pytest.mark.parametrize("bad", ["SELEKT ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE { ?s ?p "])
def test_rdf_query_reports_a_bad_query_in_one_line(graph, bad):
    with pytest.raises(QueryError) as info:
        query(graph, bad)
    assert "\n" not in str(info.value) and str(info.value).startswith("bad SPARQL query")
