"""kgraph.io.output: writing a built graph to a folder."""

from __future__ import annotations

import json

import pytest

from kgraph.errors import KGraphError
from kgraph.io.output import write_outputs, write_statements
from kgraph.io.records import statement_record
from kgraph.rdf.formats import write_rdf
from kgraph.viz.html import to_html
from rdf_sample import two_articles


def test_output_writes_rdf_html_and_statements_into_a_new_folder(tmp_path):
    folder = tmp_path / "new" / "out"
    written = write_outputs(two_articles(), folder, formats=("ttl", "nq"))
    assert [p.name for p in written] == ["graph.ttl", "graph.nq", "graph.html", "statements.jsonl"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)


def test_output_rdf_files_are_the_bytes_of_write_rdf(tmp_path):
    kg = two_articles()
    [ttl, *_] = write_outputs(kg, tmp_path / "out", formats=("ttl",), html=False)
    assert ttl.read_bytes() == write_rdf(kg, tmp_path / "alone.ttl", "ttl").read_bytes()


def test_output_without_html_and_with_max_nodes(tmp_path):
    kg = two_articles()
    written = write_outputs(kg, tmp_path / "plain", html=False)
    assert [p.name for p in written] == ["graph.ttl", "statements.jsonl"]
    page = next(p for p in write_outputs(kg, tmp_path / "few", max_nodes=2) if p.suffix == ".html")
    assert page.read_text(encoding="utf-8") == to_html(kg, max_nodes=2)


def test_output_statements_are_one_record_per_line(tmp_path):
    kg = two_articles()
    lines = write_statements(kg, tmp_path / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        json.loads(json.dumps(statement_record(s))) for s in kg.statements]


def test_output_unknown_format_is_an_error_naming_it(tmp_path):
    with pytest.raises(KGraphError, match="'rdfxml'"):
        write_outputs(two_articles(), tmp_path / "out", formats=("rdfxml",))
    assert not (tmp_path / "out" / "statements.jsonl").exists()


def test_output_written_in_parallel_is_the_same_bytes(tmp_path):
    kg = two_articles()
    serial = write_outputs(kg, tmp_path / "serial", formats=("ttl", "nq"))
    parallel = write_outputs(kg, tmp_path / "parallel", formats=("ttl", "nq"), parallel=True)
    assert [p.name for p in parallel] == [p.name for p in serial]
    assert [p.read_bytes() for p in parallel] == [p.read_bytes() for p in serial]


def test_output_failed_parallel_writer_is_raised_and_the_others_are_whole(tmp_path):
    kg = two_articles()
    expected = {p.name: p.read_bytes() for p in write_outputs(kg, tmp_path / "serial", formats=("ttl",))}
    out = tmp_path / "out"
    (out / "graph.html").mkdir(parents=True)  # the rename onto it fails
    with pytest.raises(OSError) as failed:
        write_outputs(kg, out, formats=("ttl",), parallel=True)
    assert failed.value.filename2 == str(out / "graph.html")
    assert (out / "graph.ttl").read_bytes() == expected["graph.ttl"]
    assert (out / "statements.jsonl").read_bytes() == expected["statements.jsonl"]
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.ttl", "statements.jsonl"]
