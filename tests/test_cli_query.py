"""``kgraph query`` over files and stores, its output formats, and the README's
provenance example ("whom did X meet, and where does it say so?")."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kgraph.cli import main
from kgraph.rdf.formats import write_rdf
from kgraph.rdf.store import load_into_store
from rdf_sample import BASE, article_a, two_articles

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "putin-turkey-visit.txt"

# The README's worked example, verbatim: from a direct triple to its statement
# nodes, evidence sentences and source articles.
PROVENANCE_QUERY = """\
PREFIX kg:     <https://w3id.org/kgraph/ontology#>
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov:   <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>

# Whom did Vladimir Putin meet, and where does it say so?
SELECT ?whom ?sentence ?headline ?confidence WHERE {
  ?person rdfs:label "Vladimir Putin" ;
          kg:meetsWith ?other .              # the direct triple
  ?other rdfs:label ?whom .
  ?statement rdf:subject ?person ;           # the statement nodes behind it
             rdf:predicate kg:meetsWith ;
             rdf:object ?other ;
             kg:evidence ?sentence ;
             kg:confidence ?confidence ;
             prov:wasDerivedFrom ?article .  # and the article it came from
  OPTIONAL { ?article schema:headline ?headline }
}
ORDER BY ?whom ?sentence
"""


def run_csv(capsys, *args) -> list[dict]:
    assert main(["query", *args, "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


@pytest.fixture
def graph_file(tmp_path) -> Path:
    return write_rdf(two_articles(), tmp_path / "graph.ttl", "ttl")


@pytest.mark.parametrize("source", ["graph", "store"])
def test_cli_query_provenance_example_on_invented_articles(tmp_path, capsys, source):
    if source == "graph":
        args = ["--graph", str(write_rdf(two_articles(), tmp_path / "graph.trig", "trig"))]
    else:
        load_into_store(two_articles(), tmp_path / "store")
        args = ["--store", str(tmp_path / "store")]
    rows = run_csv(capsys, *args, PROVENANCE_QUERY.replace("Vladimir Putin", "Anna Berg"))
    assert rows == [{
        "whom": "Olav Dahl",
        "sentence": "She met Olav Dahl in Tromsby.",
        "headline": "Berg's trip",
        "confidence": "0.7",
    }]


@pytest.mark.model
def test_cli_query_provenance_example_on_the_seed(tmp_path, capsys):
    import kgraph

    path = write_rdf(kgraph.build([SEED]), tmp_path / "graph.ttl", "ttl")
    rows = run_csv(capsys, "--graph", str(path), PROVENANCE_QUERY)
    assert "Angela Merkel" in {row["whom"] for row in rows}
    for row in rows:
        assert row["whom"].split()[-1] in row["sentence"]
        assert row["headline"] and 0 < float(row["confidence"]) <= 1


def test_cli_query_provenance_example_is_in_the_readme():
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    assert " ".join(PROVENANCE_QUERY.split()) in readme, (
        "README.md must show PROVENANCE_QUERY (tests/test_cli_query.py) verbatim in a ```sparql block"
    )


def test_cli_query_table(graph_file, capsys):
    assert main(["query", "--graph", str(graph_file),
                 "SELECT ?who ?where WHERE { ?s kg:visits ?o . ?s rdfs:label ?who . ?o rdfs:label ?where }"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["who", "where"]
    assert lines[2].split() == ["Anna", "Berg", "Norland"]
    assert lines[-1] == "(1 row)"


def test_cli_query_json_is_sparql_results(graph_file, capsys):
    assert main(["query", "--graph", str(graph_file), "--format", "json",
                 "SELECT ?o WHERE { ?s kg:meetsWith ?o } ORDER BY ?o"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["head"]["vars"] == ["o"]
    assert [b["o"]["value"] for b in document["results"]["bindings"]] == [
        f"{BASE}entity/anna-berg", f"{BASE}entity/olav-dahl",
    ]


@pytest.mark.parametrize("sparql, expected", [
    ("ASK { ?s kg:visits ?o }", "true\n"),
    ("ASK { ?s kg:killed ?o }", "false\n"),
    (f"CONSTRUCT {{ ?s kg:visits ?o }} WHERE {{ ?s kg:visits ?o }}",
     f"<{BASE}entity/anna-berg> <https://w3id.org/kgraph/ontology#visits> <{BASE}entity/norland> .\n"),
])
def test_cli_query_ask_and_construct(graph_file, capsys, sparql, expected):
    assert main(["query", "--graph", str(graph_file), sparql]) == 0
    assert capsys.readouterr().out == expected


def test_cli_query_table_cells_cannot_break_the_table(tmp_path, capsys):
    path = write_rdf(article_a(label="Anna\nBerg\t<b>"), tmp_path / "g.ttl", "ttl")
    assert main(["query", "--graph", str(path), "SELECT ?l WHERE { ?s a kg:Person ; rdfs:label ?l } ORDER BY ?l"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == "Anna\\nBerg\\t<b>" and lines[-1] == "(2 rows)"


def test_cli_query_reads_the_query_from_stdin(graph_file, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT ?o WHERE { ?s kg:visits ?o }"))
    assert main(["query", "--graph", str(graph_file), "--format", "csv", "-"]) == 0
    assert capsys.readouterr().out == f"o\n{BASE}entity/norland\n"


@pytest.mark.parametrize("args, message", [
    (["SELECT ?s WHERE { ?s ?p "], "bad SPARQL query: line 1, column 25, near 'CT ?s WHERE { ?s ?p' "
                                   "(the end of the query): expected a variable, IRI or literal"),
    (["SELECT ?s WHERE { ?s nope:p ?o }"], "bad SPARQL query: line 1, column 28, near "
                                          "'?s WHERE { ?s nope:p ?o }': unknown prefix nope: (declare it with PREFIX)"),
    (["SELEC ?s WHERE { ?s ?p ?o }"], "bad SPARQL query: line 1, column 1: a query starts with SELECT, ASK, "
                                     "CONSTRUCT or DESCRIBE, not 'SELEC'"),
    (["SELECT ?s WHERE {\n  ?s ?p ?o\n} LIMT 2"], "bad SPARQL query: line 3, column 9, near '} LIMT 2' "
                                                 "(the end of the query): expected HAVING, OFFSET"),
    (["  "], "empty SPARQL query"),
])
def test_cli_query_errors_are_one_line(graph_file, capsys, args, message):
    assert main(["query", "--graph", str(graph_file), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kgraph: error: {message}") and err.count("\n") == 1
    assert "\\u{" not in err  # no character ranges from the parser's grammar


def test_cli_query_missing_store(tmp_path, capsys):
    assert main(["query", "--store", str(tmp_path / "none"), "ASK {}"]) == 2
    assert "no such store" in capsys.readouterr().err


def test_cli_query_needs_exactly_one_source(graph_file, capsys):
    with pytest.raises(SystemExit) as info:
        main(["query", "--graph", str(graph_file), "--store", "x", "ASK {}"])
    assert info.value.code == 2
