"""kgraph.rdf.formats: the format table and writing a graph in each format
(N-Triples/N-Quads lines, Turtle/TriG through pyoxigraph, JSON-LD)."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from rdflib import RDFS, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kgraph.errors import KGraphError
from kgraph.graph import KnowledgeGraph
from kgraph.ontology import KG_IRI
from kgraph.rdf.formats import FORMATS, SUFFIXES, format_named, format_of, write_quads, write_rdf
from kgraph.rdf.formats.ntriples import line_chunks, nt_term
from kgraph.rdf.iris import article_graph, entities_graph
from kgraph.rdf.shape import to_rdf
from kgraph.rdf.terms import IRI, LITERAL
from rdf_sample import BASE, article_a, two_articles

KG = lambda name: URIRef(KG_IRI + name)  # noqa: E731
E = lambda key: URIRef(f"{BASE}entity/{key}")  # noqa: E731


def test_formats_table_names_suffixes_and_media_types():
    assert list(FORMATS) == ["ttl", "nt", "jsonld", "trig", "nq"]
    assert SUFFIXES == (".ttl", ".nt", ".jsonld", ".trig", ".nq")
    assert FORMATS["ttl"].media_type == "text/turtle"
    assert FORMATS["nq"].media_type == "application/n-quads"
    assert [name for name, f in FORMATS.items() if f.named_graphs] == ["trig", "nq"]


def test_formats_found_by_name_and_by_suffix():
    assert format_named("trig") is FORMATS["trig"]
    assert format_of("out/Graph.TTL") is FORMATS["ttl"]
    assert format_of("graph.rdf") is None and format_of("graph") is None
    with pytest.raises(KGraphError, match="unknown RDF format 'xml'; choose from ttl, nt, jsonld, trig, nq"):
        format_named("xml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_pyoxigraph_reads_what_kgraph_writes(tmp_path, fmt):
    path = write_rdf(two_articles(), tmp_path / f"graph{FORMATS[fmt].suffix}", fmt)
    graphs = {q.graph_name for q in ox.parse(path=str(path), format=FORMATS[fmt].oxigraph)}
    assert (len(graphs) > 1) == FORMATS[fmt].named_graphs


def test_formats_nt_terms_escape_what_would_break_a_line():
    assert nt_term((IRI, f"{BASE}x", "")) == f"<{BASE}x>"
    assert nt_term((LITERAL, 'a "b"\n\x01', "")) == '"a \\"b\\"\\n\\u0001"'
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    assert nt_term((LITERAL, "1", integer)) == f'"1"^^<{integer}>'


def test_formats_write_quads_unions_the_graphs_in_triple_formats(tmp_path):
    row = (f"{BASE}s", str(RDFS.label), (LITERAL, "same", ""))
    rows = [(*row, f"{BASE}g1"), (*row, f"{BASE}g2")]
    assert write_quads(rows, tmp_path / "g.nt", "nt", prefixes={}).read_text("utf-8").count("\n") == 1
    assert write_quads(rows, tmp_path / "g.nq", "nq", prefixes={}).read_text("utf-8").count("\n") == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_write_is_deterministic_whatever_the_order(tmp_path, fmt):
    kg = two_articles()
    first = write_rdf(kg, tmp_path / f"one.{fmt}", fmt).read_bytes()
    random.Random(7).shuffle(kg.statements)
    kg.entities = dict(reversed(list(kg.entities.items())))
    second = write_rdf(kg, tmp_path / f"two.{fmt}", fmt).read_bytes()
    assert first == second


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_every_format_parses_back_without_loss(tmp_path, fmt):
    kg = two_articles()
    path = write_rdf(kg, tmp_path / f"graph.{fmt}", fmt)
    parsed = Dataset()
    parsed.parse(path, format=FORMATS[fmt].rdflib)
    union = Graph()
    for s, p, o, _ in parsed.quads():
        union.add((s, p, o))
    assert len(union) > 50 and isomorphic(union, to_rdf(kg))


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_formats_quad_formats_have_a_graph_per_article_and_one_for_entities(tmp_path, fmt):
    kg = two_articles()
    dataset = Dataset()
    dataset.parse(write_rdf(kg, tmp_path / f"graph.{fmt}", fmt), format=FORMATS[fmt].rdflib)
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {URIRef(article_graph(BASE, "a1")), URIRef(article_graph(BASE, "b2")), URIRef(entities_graph(BASE))}
    second = dataset.graph(URIRef(article_graph(BASE, "b2")))
    assert (E("olav-dahl"), KG("meetsWith"), E("anna-berg")) in second
    assert (E("anna-berg"), KG("visits"), E("norland")) not in second
    assert (E("anna-berg"), RDFS.label, None) in dataset.graph(URIRef(entities_graph(BASE)))


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_formats_prefix_lines_come_in_name_order(tmp_path, fmt):
    text = write_rdf(two_articles(), tmp_path / f"graph.{fmt}", fmt).read_text("utf-8")
    names = [line.split()[1] for line in text.splitlines() if line.startswith("@prefix ")]
    assert names == sorted(names) and "kg:" in names and "statement:" in names


@pytest.mark.parametrize("named", [False, True])
def test_formats_line_chunks_are_sorted_distinct_lines_in_bounded_chunks(named):
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


def test_formats_jsonld_is_compact(tmp_path):
    import json

    document = json.loads(write_rdf(article_a(), tmp_path / "g.jsonld", "jsonld").read_text("utf-8"))
    assert document["@context"]["visits"] == {"@id": "kg:visits", "@type": "@id"}
    assert document["@context"]["confidence"] == {"@id": "kg:confidence", "@type": "xsd:decimal"}
    berg = next(node for node in document["@graph"] if node["@id"] == "entity:anna-berg")
    assert berg["@type"] == "kg:Person" and berg["visits"] == "entity:norland"


@pytest.mark.parametrize("make", [two_articles, lambda: KnowledgeGraph()])
def test_formats_jsonld_is_written_node_by_node_as_one_indented_document(tmp_path, make):
    import json

    text = write_rdf(make(), tmp_path / "g.jsonld", "jsonld").read_text("utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    ids = [node["@id"] for node in document["@graph"]]
    assert len(ids) == len(set(ids))  # one node per subject


def test_formats_write_rejects_an_unknown_format(tmp_path):
    with pytest.raises(KGraphError, match="unknown RDF format 'rdfxml'"):
        write_rdf(article_a(), tmp_path / "g.rdf", "rdfxml")
    assert not list(tmp_path.iterdir())


def test_formats_write_replaces_a_file_atomically(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("old")
    write_rdf(article_a(), path, "ttl")
    assert path.read_text("utf-8").startswith("@prefix")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temporary file left
