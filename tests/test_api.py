"""The public Python API used from notebooks."""

import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest
import rdflib

import kgraph


def test_api_import_loads_no_model_and_no_spacy():
    code = "import sys, kgraph; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.model
def test_api_extract_returns_statements_every_time(nlp):
    text = "The novelist Ilse Brandt visited Portugal in 2019."
    first = kgraph.extract(text)
    second = kgraph.extract(text)  # the function stays callable after extraction modules load
    assert first == second
    visits = [s for s in first if s.predicate == "visits"]
    assert [(s.subject.span.text, s.object.span.text) for s in visits] == [("Ilse Brandt", "Portugal")]
    [statement] = visits
    assert text[statement.object.span.start:statement.object.span.end] == "Portugal"


@pytest.mark.model
def test_api_build_gives_every_view(tmp_path, nlp):
    (tmp_path / "a.txt").write_text(
        "Harbour Talks\n\nPrime Minister Oskar Lindqvist visited Norway on Monday. "
        "Lindqvist met with Norwegian Prime Minister Ingrid Haugen in Oslo.\n",
        encoding="utf-8",
    )
    kg = kgraph.build([tmp_path])
    assert isinstance(kg, kgraph.KnowledgeGraph)
    assert "oskar-lindqvist" in kg.entities
    assert {s.predicate for s in kg.statements} >= {"visits", "meetsWith"}
    assert isinstance(kg.to_rdf(), rdflib.Graph)
    assert isinstance(kg.to_networkx(), nx.MultiDiGraph)
    assert kg.to_pyvis().get_nodes()
    frame = kg.statements_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(kg.statements)
    rows = list(kg.query("SELECT ?who WHERE { ?who <https://w3id.org/kgraph/ontology#visits> ?where }"))
    assert len(rows) >= 1
    assert "KnowledgeGraph" in kg._repr_html_()
    written = kg.write(tmp_path / "out")
    assert sorted(p.name for p in written) == ["graph.html", "graph.ttl", "statements.jsonl"]


@pytest.mark.model
def test_api_build_takes_one_path_as_a_string_or_a_path(tmp_path, nlp, recwarn):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Karin Holm visited Finland in May.\n", encoding="utf-8")
    as_list = kgraph.build([folder], base="https://example.org/t/")
    for one in (str(folder), folder):
        kg = kgraph.build(one, base="https://example.org/t/")
        assert kg.statements == as_list.statements and kg.failures == []
    assert not [w for w in recwarn if "no such file" in str(w.message)]


@pytest.mark.model
def test_api_statements_frame_marks_every_missing_value_as_na(tmp_path, nlp):
    # A statement with no time, place, modality or object type (a literal object)
    # sits next to one that has them.
    (tmp_path / "a.txt").write_text(
        "Mayor Lena Ostrova visited Portugal in 2019. Ostrova may meet Pavel Rusk in Lisbon.\n",
        encoding="utf-8")
    frame = kgraph.build(tmp_path).statements_frame()
    missing = {repr(value) for column in frame.columns for value in frame[column] if pd.isna(value)}
    assert missing == {"<NA>"}
    assert frame["negated"].dtype == bool and frame["confidence"].dtype == float
