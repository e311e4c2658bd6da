"""``kgraph validate`` and ``kgraph ontology`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import XSD, Literal, URIRef

from kgraph.cli import main
from kgraph.ontology import KG_IRI, load_ontology
from kgraph.rdf.formats import write_rdf
from kgraph.rdf.shape import to_rdf
from rdf_sample import two_articles

SEED = Path(__file__).resolve().parent.parent / "seeds" / "putin-turkey-visit.txt"


def test_cli_validate_a_good_graph(tmp_path, capsys):
    path = write_rdf(two_articles(), tmp_path / "graph.ttl", "ttl")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: conforms: no SHACL violations\n"


def test_cli_validate_a_broken_graph_exits_1_with_a_report(tmp_path, capsys):
    graph = to_rdf(two_articles())
    node = next(graph.subjects(URIRef(KG_IRI + "confidence"), None))
    graph.set((node, URIRef(KG_IRI + "confidence"), Literal("1.7", datatype=XSD.decimal)))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}: does not conform: 1 SHACL result(s)"
    assert out[1] == f"  Violation: {node} kg:confidence: kg:confidence is one decimal from 0 to 1 (value: 1.7)"


def test_cli_validate_unreadable_file_exits_2(tmp_path, capsys):
    path = tmp_path / "graph.ttl"
    path.write_text("@prefix broken")
    assert main(["validate", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"kgraph: error: {path}: not valid turtle")


@pytest.mark.model
def test_cli_validate_the_seed_build_conforms(tmp_path, capsys):
    assert main(["build", str(SEED), "-o", str(tmp_path), "--no-html", "-q", "--format", "ttl,trig"]) == 0
    for name in ("graph.ttl", "graph.trig"):
        assert main(["validate", str(tmp_path / name)]) == 0, capsys.readouterr().out


def test_cli_ontology_prints_classes_and_the_lexicon(capsys):
    assert main(["ontology"]) == 0
    out = capsys.readouterr().out
    onto = load_ontology()
    lines = out.splitlines()
    # the class tree: a city is indented under place (and, a class of two parents, under agent too)
    place = next(i for i, line in enumerate(lines) if line.strip().startswith("kg:Place "))
    city = next(i for i, line in enumerate(lines) if i > place and line.strip().startswith("kg:City "))
    indent = lambda line: len(line) - len(line.lstrip())  # noqa: E731
    assert city > place and indent(lines[city]) == indent(lines[place]) + 2
    for name, term in onto.relations.items():
        assert f"kg:{name}  (kg:{term.domain} -> " in out
    visits = out[out.index("kg:visits  ("):]
    assert f"verbs: {', '.join(onto.property('visits').verbs)}" in visits.split("\n  kg:")[0]
