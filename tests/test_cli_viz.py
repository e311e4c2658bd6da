"""`kgraph viz` and `kgraph stats` on RDF files and stores (no model needed)."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kgraph.cli import build_parser, main
from kgraph.rdf.formats import write_rdf
from kgraph.rdf.store import load_into_store
from viz_samples import random_graph, small_graph


@pytest.fixture
def turtle(tmp_path):
    return write_rdf(small_graph(), tmp_path / "graph.ttl")


def _page_data(path) -> dict:
    page = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))


def test_viz_cli_writes_the_page(tmp_path, turtle, capsys):
    out = tmp_path / "page.html"
    assert main(["viz", str(turtle), "-o", str(out)]) == 0
    data = _page_data(out)
    assert len(data["nodes"]) == 5 and len(data["edges"]) == 7
    assert "wrote" in capsys.readouterr().err


def test_viz_cli_max_nodes_from_a_store(tmp_path):
    load_into_store(random_graph(40, 80, seed=5), tmp_path / "store")
    out = tmp_path / "page.html"
    assert main(["viz", "--store", str(tmp_path / "store"), "-o", str(out), "--max-nodes", "12"]) == 0
    data = _page_data(out)
    assert len(data["nodes"]) == 12
    assert "28 left out" in data["heading"]


@pytest.mark.parametrize("argv", [["viz"], ["viz", "a.ttl", "--store", "s"], ["viz", "a.ttl", "--max-nodes", "0"],
                                  ["stats", "a.ttl", "--format", "dot"]])
def test_viz_cli_rejects_bad_arguments(argv, capsys):
    with pytest.raises(SystemExit) as err:
        main(argv)
    assert err.value.code == 2
    assert capsys.readouterr().err


def test_viz_cli_missing_file_is_one_line(tmp_path, capsys):
    assert main(["viz", str(tmp_path / "missing.ttl"), "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kgraph: error:") and err.count("\n") == 1
    assert not (tmp_path / "x.html").exists()


def test_stats_cli_reports_counts_centrality_communities(turtle, capsys):
    assert main(["stats", str(turtle), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 entities, 7 statements between entities (1 negated, 1 hedged)")
    assert re.search(r"^\s+3\s+Person$", out, re.M)
    assert re.search(r"^\s+2\s+meetsWith$", out, re.M)
    central = out.split("Most central entities")[1].split("\n\n")[0].splitlines()[1:]
    assert len(central) == 3 and central[0].endswith("Mira Holt (Person)")
    assert "Communities (Louvain): " in out
    assert "Connected components: 1 (largest 5 entities, 0 isolated)" in out


def test_stats_cli_exports_graphml_and_gexf(tmp_path, turtle):
    out = tmp_path / "exports"
    assert main(["stats", str(turtle), "--format", "graphml,gexf", "-o", str(out)]) == 0
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(out / f"graph.{fmt}")
        assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 7


@pytest.mark.parametrize("command", ["viz", "stats"])
def test_viz_cli_help_has_an_example(command):
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]
    assert sub.description and f"kgraph {command} " in sub.format_help().split("examples:")[1]
