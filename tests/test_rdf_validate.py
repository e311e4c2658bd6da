"""kgraph.rdf.validate and ontologies/shapes.ttl: good graphs conform, broken ones are caught."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import PROV, SDO

from kgraph.errors import InputError
from kgraph.ontology import KG_IRI
from kgraph.rdf.formats import FORMATS, write_rdf
from kgraph.rdf.shape import to_rdf
from kgraph.rdf.validate import validate_file, validate_graph
from rdf_sample import BASE, two_articles

KG = lambda name: URIRef(KG_IRI + name)  # noqa: E731
E = lambda key: URIRef(f"{BASE}entity/{key}")  # noqa: E731
ARTICLE = URIRef(f"{BASE}article/a1")


def statement_of(graph, predicate):
    return next(graph.subjects(RDF.predicate, predicate))


def set_value(graph, node, predicate, value):
    graph.set((node, predicate, value))


# Each breakage: (what it does to a good graph, a word of the expected message).
BREAKAGES = {
    "confidence above 1": (
        lambda g: set_value(g, statement_of(g, KG("visits")), KG("confidence"), Literal("1.5", datatype=XSD.decimal)),
        "confidence",
    ),
    "confidence not a decimal": (
        lambda g: set_value(g, statement_of(g, KG("visits")), KG("confidence"), Literal("high")),
        "confidence",
    ),
    "entity without label": (lambda g: g.remove((E("norland"), RDFS.label, None)), "label"),
    "entity with two labels": (lambda g: g.add((E("norland"), RDFS.label, Literal("Nordland"))), "label"),
    "statement without provenance": (
        lambda g: g.remove((statement_of(g, KG("visits")), PROV.wasDerivedFrom, None)), "derived",
    ),
    "statement without evidence": (
        lambda g: g.remove((statement_of(g, KG("visits")), KG("evidence"), None)), "evidence",
    ),
    "sentence ends before it starts": (
        lambda g: set_value(g, statement_of(g, KG("visits")), KG("sentenceEnd"), Literal(-3)), "starts before",
    ),
    "statement about an untyped node": (
        lambda g: set_value(g, statement_of(g, KG("visits")), RDF.subject, URIRef(f"{BASE}entity/ghost")),
        "subject",
    ),
    "range: a person visited": (
        lambda g: g.add((E("norland"), KG("visits"), E("olav-dahl"))), "range",
    ),
    "domain: a country holds a position": (
        lambda g: g.add((E("norland"), KG("holdsPosition"), Literal("president"))), "domain",
    ),
    "literal range: says with an IRI": (
        lambda g: g.add((E("anna-berg"), KG("says"), E("norland"))), "literal",
    ),
    "predicate outside the ontology": (
        lambda g: set_value(g, statement_of(g, KG("visits")), RDF.predicate, KG("teleportsTo")), "a property of the kgraph ontology",
    ),
    "statement without its direct triple": (
        lambda g: g.remove((E("anna-berg"), KG("visits"), E("norland"))), "direct triple",
    ),
    "article without identifier": (lambda g: g.remove((ARTICLE, SDO.identifier, None)), "identifier"),
    "article with two headlines": (lambda g: g.add((ARTICLE, SDO.headline, Literal("Another"))), "headline"),
    "article without its class": (lambda g: g.remove((ARTICLE, RDF.type, KG("NewsArticle"))), "NewsArticle"),
}


def test_validate_a_good_graph_conforms():
    report = validate_graph(to_rdf(two_articles()))
    assert report.conforms, report.text()
    assert report.text() == "conforms: no SHACL violations\n"


@pytest.mark.parametrize("name", BREAKAGES)
def test_validate_catches_a_broken_graph(name):
    graph = to_rdf(two_articles())
    breakage, word = BREAKAGES[name]
    breakage(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert any(word.lower() in str(v).lower() for v in report.violations), report.text()


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_files_of_every_format(tmp_path, fmt):
    report = validate_file(write_rdf(two_articles(), tmp_path / f"graph.{fmt}", fmt))
    assert report.conforms, report.text()


def test_validate_report_is_readable_and_bounded():
    graph = to_rdf(two_articles())
    for node in list(graph.subjects(RDF.type, RDF.Statement)):
        graph.set((node, KG("confidence"), Literal("7", datatype=XSD.decimal)))
    text = validate_graph(graph).text(limit=2)
    lines = text.splitlines()
    assert lines[0] == "does not conform: 5 SHACL result(s)"
    assert lines[1].startswith("  Violation: ") and "kg:confidence" in lines[1]
    assert lines[-1] == "  ... and 3 more"


@pytest.mark.parametrize("name, content, reason", [
    ("g.ttl", "<a> <b> .", "not valid turtle"),
    ("g.rdf", "", "unknown RDF extension"),
    ("missing.ttl", None, "no such file"),
])
def test_validate_unreadable_file(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError, match=reason):
        validate_file(path)
