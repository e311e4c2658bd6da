"""``kgraph push`` and ``kgraph query --endpoint`` against a second real SPARQL
server: Virtuoso (Debian's ``virtuoso-opensource-7-bin``, installed by
``.ci/run``), started on free loopback ports in a temporary database and stopped
by its PID. Its Graph Store Protocol endpoint is ``/sparql-graph-crud``, its query
endpoint ``/sparql``."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest

from kgraph.cli import main
from kgraph.rdf.formats import write_rdf
from kgraph.rdf.iris import article_graph, entities_graph
from kgraph.rdf.store import graphs, load_file
from rdf_sample import BASE, two_articles
from test_cli_query import PROVENANCE_QUERY
from servers import free_port, stop, wait_until_up

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 4
ServerThreads = 4
"""
# A fresh database lets only its administrator write; the Graph Store endpoint
# acts as the SPARQL user, which these grants let write.
GRANTS = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"


def binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"`{name}` is missing: apt-get install virtuoso-opensource-7-bin (.ci/run does)")
    return found


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A fresh Virtuoso server; yields its base URL."""
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    process = subprocess.Popen([binary("virtuoso-t"), "+foreground", "+configfile", str(ini)],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(process, f"{url}/sparql?query=ASK%7B%7D",
                      lambda: (folder / "virtuoso.log").read_text(errors="replace"))
        subprocess.run([binary("isql-vt"), f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={GRANTS}"],
                       check=True, capture_output=True, timeout=60)
        yield url
    finally:
        stop(process)


def query(capsys, url: str, sparql: str) -> list[dict]:
    assert main(["query", "--endpoint", f"{url}/sparql", "--format", "csv", sparql]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def graph_sizes(capsys, url: str) -> dict[str, int]:
    rows = query(capsys, url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                              f"FILTER(STRSTARTS(STR(?g), '{BASE}')) }} GROUP BY ?g")
    return {row["g"]: int(row["n"]) for row in rows}


def test_virtuoso_push_named_graphs_then_count_and_query_them(virtuoso, tmp_path, capsys):
    path = write_rdf(two_articles(), tmp_path / "graph.trig", "trig")
    assert main(["push", str(path), "--endpoint", f"{virtuoso}/sparql-graph-crud", "--replace"]) == 0
    assert "in 3 graph(s)" in capsys.readouterr().out
    expected = {name: len(triples) for name, triples in graphs(load_file(path))}
    assert set(expected) == {article_graph(BASE, "a1"), article_graph(BASE, "b2"), entities_graph(BASE)}
    assert graph_sizes(capsys, virtuoso) == expected
    # The README's provenance query runs unchanged on Virtuoso.
    rows = query(capsys, virtuoso, PROVENANCE_QUERY.replace("Vladimir Putin", "Anna Berg"))
    assert [(row["whom"], row["sentence"], row["headline"]) for row in rows] == [
        ("Olav Dahl", "She met Olav Dahl in Tromsby.", "Berg's trip")]
    assert float(rows[0]["confidence"]) == 0.7
    # Pushing again with --replace leaves every graph as it was.
    assert main(["push", str(path), "--endpoint", f"{virtuoso}/sparql-graph-crud", "--replace"]) == 0
    capsys.readouterr()
    assert graph_sizes(capsys, virtuoso) == expected


def test_virtuoso_rejected_upload_is_reported_and_nothing_claimed(virtuoso, tmp_path, capsys):
    path = write_rdf(two_articles(), tmp_path / "graph.ttl", "ttl")
    assert main(["push", str(path), "--endpoint", f"{virtuoso}/no-such-service", "--retries", "0"]) == 2
    captured = capsys.readouterr()
    # One line with the server's own message; nothing reported as pushed.
    assert "HTTP 404" in captured.err and "/no-such-service" in captured.err and "(nothing uploaded)" in captured.err
    assert captured.err.count("\n") == 1 and "->" not in captured.out
