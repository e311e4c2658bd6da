"""kgraph.rdf.remote and ``kgraph push``/``kgraph query --endpoint`` against a real
Oxigraph server, started on a free loopback port and stopped by its PID."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.cli import main
from kgraph.errors import RemoteError
from kgraph.rdf.formats import write_rdf
from kgraph.rdf.shape import to_rdf
from kgraph.rdf.remote import Endpoint, push, remote_query
from kgraph.rdf.store import graphs, load_file, load_into_store
from rdf_sample import BASE, article_a, two_articles
from servers import free_port, stop, wait_until_up

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
SECRET = "s3cret-Pa55word"


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        pytest.fail("the `oxigraph` server is missing: pip install -e '.[test]'")
    return found


@pytest.fixture
def server(tmp_path):
    """A fresh Oxigraph server; yields its base URL (``/store``, ``/query`` below it)."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, f"{url}/query?query=ASK%7B%7D", lambda: process.stderr.read().decode())
        yield url
    finally:
        stop(process, seconds=10)
        process.stderr.close()


def count(url: str, sparql: str = COUNT) -> int:
    [row] = list(remote_query(Endpoint(f"{url}/query"), sparql))
    return int(row["n"].value)


def test_remote_push_a_file_and_count_it_back(server, tmp_path):
    kg = two_articles()
    path = write_rdf(kg, tmp_path / "graph.ttl", "ttl")
    done = push(Endpoint(f"{server}/store"), graphs(load_file(path)))
    assert [(u.graph, u.triples) for u in done] == [(None, len(to_rdf(kg)))]
    assert count(server) == len(to_rdf(kg))


def test_remote_cli_push_then_query_over_http(server, tmp_path, capsys):
    path = write_rdf(two_articles(), tmp_path / "graph.trig", "trig")
    assert main(["push", str(path), "--endpoint", f"{server}/store"]) == 0
    out = capsys.readouterr().out
    assert f"-> {BASE}graph/article/a1" in out and "in 3 graph(s)" in out
    # named graphs are kept: the default graph is empty, the union holds everything
    assert count(server) == 0
    assert count(server, COUNT_ALL) == sum(len(t) for _, t in graphs(load_file(path)))
    code = main(["query", "--endpoint", f"{server}/query", "--format", "csv",
                 "SELECT ?o WHERE { GRAPH ?g { ?s <https://w3id.org/kgraph/ontology#visits> ?o } }"])
    assert code == 0
    assert capsys.readouterr().out == f"o\n{BASE}entity/norland\n"


def test_remote_push_into_one_graph_and_replace_it(server, tmp_path):
    graph = "https://example.org/news"
    first = write_rdf(two_articles(), tmp_path / "two.nq", "nq")
    assert main(["push", str(first), "--endpoint", f"{server}/store", "--graph", graph, "-q"]) == 0
    in_graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert count(server, in_graph) == len(to_rdf(two_articles()))
    # pushing again merges (nothing doubles); --replace swaps the graph's content
    assert main(["push", str(first), "--endpoint", f"{server}/store", "--graph", graph, "-q"]) == 0
    assert count(server, in_graph) == len(to_rdf(two_articles()))
    smaller = write_rdf(article_a(), tmp_path / "one.ttl", "ttl")
    assert main(["push", str(smaller), "--endpoint", f"{server}/store", "--graph", graph, "--replace", "-q"]) == 0
    assert count(server, in_graph) == len(to_rdf(article_a()))


def test_remote_push_a_store(server, tmp_path):
    load_into_store(two_articles(), tmp_path / "store")
    assert main(["push", "--store", str(tmp_path / "store"), "--endpoint", f"{server}/store", "-q"]) == 0
    assert count(server, COUNT_ALL) == len(list(load_file(write_rdf(two_articles(), tmp_path / "g.nq", "nq"))))


def test_remote_bad_query_reports_the_servers_message(server, capsys):
    code = main(["query", "--endpoint", f"{server}/query", "SELECT ?s WHERE { ?s ?p "])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("kgraph: error: POST ") and "HTTP 400" in err
    assert "line 1, column 25" in err and "expected a variable, IRI or literal" in err
    assert "attempts" not in err  # a client error is not retried
    assert err.count("\n") == 1


def test_remote_misspelt_query_form_is_named(server, capsys):
    assert main(["query", "--endpoint", f"{server}/query", "SELEC ?s WHERE { ?s ?p ?o }"]) == 2
    err = capsys.readouterr().err
    assert "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE, not 'SELEC'" in err
    assert "CONSTRUCT" in err and "expected CONSTRUCT" not in err and err.count("\n") == 1


@pytest.mark.parametrize("command, path, wanted", [
    (["push", "GRAPH"], "/query", "/store"),   # a query URL given as the Graph Store URL
    (["query", "ASK {}"], "/store", "/query"),  # and the other way round
])
def test_remote_wrong_service_url_names_the_right_one(server, tmp_path, capsys, command, path, wanted):
    graph = write_rdf(article_a(), tmp_path / "graph.ttl", "ttl")
    args = [str(graph) if a == "GRAPH" else a for a in command]
    assert main([*args, "--endpoint", f"{server}{path}", "--retries", "0"]) == 2
    err = capsys.readouterr().err
    assert "HTTP 415" in err and f"this is not Oxigraph's" in err and err.rstrip().endswith(
        (f"which is {server}{wanted}", f"which is {server}{wanted} (nothing uploaded)"))


def test_remote_empty_answer_because_the_data_is_in_named_graphs_says_so(server, tmp_path, capsys):
    path = write_rdf(two_articles(), tmp_path / "graph.trig", "trig")
    assert main(["push", str(path), "--endpoint", f"{server}/store", "-q"]) == 0
    visits = "SELECT ?o WHERE { ?s <https://w3id.org/kgraph/ontology#visits> ?o }"
    assert main(["query", "--endpoint", f"{server}/query", "--format", "csv", visits]) == 0
    captured = capsys.readouterr()
    assert captured.out == "o\n"
    [note] = captured.err.splitlines()
    assert note.startswith("kgraph: note: no rows") and "GRAPH ?g" in note and "--union-default-graph" in note
    # Asked of the union (Oxigraph's per-query switch), the same query finds the fact, and
    # a query that names its graphs gets no note even when it finds nothing.
    assert main(["query", "--endpoint", f"{server}/query?union-default-graph", "--format", "csv", visits]) == 0
    assert capsys.readouterr() == (f"o\n{BASE}entity/norland\n", "")
    nothing = "SELECT ?o WHERE { GRAPH ?g { ?s <https://w3id.org/kgraph/ontology#invades> ?o } }"
    assert main(["query", "--endpoint", f"{server}/query", nothing]) == 0
    assert capsys.readouterr().err == ""
    # A variable named ?graph is not the GRAPH keyword.
    assert main(["query", "--endpoint", f"{server}/query", "SELECT ?graph WHERE { ?graph ?p ?from }"]) == 0
    assert capsys.readouterr().err.startswith("kgraph: note: no rows")


def test_remote_non_2xx_upload_is_reported_and_nothing_claimed(server, tmp_path, capsys):
    path = write_rdf(article_a(), tmp_path / "graph.ttl", "ttl")
    code = main(["push", str(path), "--endpoint", f"{server}/no-such-service", "--retries", "0"])
    captured = capsys.readouterr()
    assert code == 2
    assert "HTTP 404" in captured.err and "(nothing uploaded)" in captured.err
    assert "pushed" not in captured.out and "->" not in captured.out


def test_remote_server_down_is_a_clear_error_without_the_password(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KGRAPH_USER", "editor")
    monkeypatch.setenv("KGRAPH_PASSWORD", SECRET)
    path = write_rdf(article_a(), tmp_path / "graph.ttl", "ttl")
    url = f"http://127.0.0.1:{free_port()}/store"
    started = time.monotonic()
    code = main(["push", str(path), "--endpoint", url, "--retries", "2"])
    captured = capsys.readouterr()
    assert code == 2
    assert "cannot connect" in captured.err and "after 3 attempts" in captured.err
    assert time.monotonic() - started >= 1.5  # backed off 0.5 s, then 1 s
    assert SECRET not in captured.err + captured.out


def test_remote_timeout_is_a_clear_error():
    # A socket that accepts connections but never answers.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        with pytest.raises(RemoteError, match=r"no answer within 0.3 s after 2 attempts"):
            remote_query(Endpoint(url, timeout=0.3, retries=1, backoff=0.01), COUNT)


def test_remote_credentials_are_sent_but_never_shown(server, tmp_path, monkeypatch):
    endpoint = Endpoint(f"{server}/store", user="editor", password=SECRET)
    assert SECRET not in repr(endpoint)
    assert endpoint._headers()["Authorization"] == "Basic ZWRpdG9yOnMzY3JldC1QYTU1d29yZA=="
    # Oxigraph ignores Basic auth, so the upload goes through with the header set.
    push(endpoint, graphs(load_file(write_rdf(article_a(), tmp_path / "g.ttl", "ttl"))))
    assert count(server) == len(to_rdf(article_a()))


@pytest.mark.parametrize("url, options, message", [
    ("http://editor:pw@127.0.0.1:7878/store", {}, "no credentials in the endpoint URL"),
    ("ftp://127.0.0.1/store", {}, r"'ftp://127.0.0.1/store' is not an http\(s\) URL .*scheme 'ftp'"),
    ("localhost:7878/query", {}, r"'localhost:7878/query' is not an http\(s\) URL"),
    ("http:///query", {}, r"'http:///query' names no host"),
    ("http://127.0.0.1:78x8/query", {}, r"bad port '78x8'"),
    ("http://127.0.0.1:7878/query #x", {}, r"contains white space"),
    ("http://127.0.0.1:7878/query#top", {}, r"has a #fragment"),
    ("http://127.0.0.1:7878/query", {"timeout": 0}, r"timeout 0 must be more than 0"),
    ("http://127.0.0.1:7878/query", {"retries": -1}, r"retries -1 and backoff 0.5 must be 0 or more"),
])
def test_remote_bad_endpoints_are_refused_naming_the_value(url, options, message):
    with pytest.raises(RemoteError, match=message):
        Endpoint(url, **options)


def test_remote_user_without_password_outside_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("KGRAPH_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    path = write_rdf(article_a(), tmp_path / "graph.ttl", "ttl")
    assert main(["push", str(path), "--endpoint", "http://127.0.0.1:1/store", "--user", "editor"]) == 2
    assert "set KGRAPH_PASSWORD" in capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    (["--endpoint", "http://127.0.0.1:1/store"], "exactly one source"),
    (["FILE", "--store", "x", "--endpoint", "http://127.0.0.1:1/store"], "exactly one source"),
    (["FILE", "--endpoint", "http://127.0.0.1:1/store", "--graph", "not an iri"], "not an absolute IRI"),
])
def test_remote_cli_push_argument_errors(tmp_path, capsys, args, message):
    path = write_rdf(article_a(), tmp_path / "graph.ttl", "ttl")
    args = [str(path) if a == "FILE" else a for a in args]
    assert main(["push", *args]) == 2
    assert message in capsys.readouterr().err
