"""kgraph.rdf.store: the on-disk Oxigraph store, rebuilds that replace, SPARQL over
stores and files."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest

from kgraph.errors import QueryError, StoreError
from kgraph.rdf.formats import FORMATS, write_rdf
from kgraph.rdf.iris import article_graph
from kgraph.rdf.shape import to_rdf
from kgraph.rdf.store import load_file, load_into_store, open_store, run_query
from rdf_sample import BASE, article_a, two_articles

COUNT_MEETINGS = "SELECT (COUNT(*) AS ?n) WHERE { ?s kg:meetsWith ?o }"


def everything(directory) -> set:
    store = open_store(directory, create=False)
    try:
        return set(store)
    finally:
        del store


def count(store, sparql: str) -> int:
    [row] = list(run_query(store, sparql))
    return int(row["n"].value)


def test_store_load_holds_every_triple_of_the_graph(tmp_path):
    kg = two_articles()
    total = load_into_store(kg, tmp_path / "store")
    quads = everything(tmp_path / "store")
    assert total == len(quads)
    assert {(q.subject.value, q.predicate.value, str(q.object.value)) for q in quads} >= {
        (str(s), str(p), str(o)) for s, p, o in to_rdf(kg)
    }
    assert {q.graph_name.value for q in quads} == {
        f"{BASE}graph/entities", f"{BASE}graph/article/a1", f"{BASE}graph/article/b2",
    }


def test_store_loading_twice_changes_nothing(tmp_path):
    load_into_store(two_articles(), tmp_path / "store")
    first = everything(tmp_path / "store")
    load_into_store(two_articles(), tmp_path / "store")
    assert everything(tmp_path / "store") == first


def test_store_rebuilding_an_article_replaces_its_statements_and_keeps_shared_entities(tmp_path):
    directory = tmp_path / "store"
    load_into_store(two_articles(), directory)
    rebuilt = article_a(label="Anna K. Berg")
    rebuilt.statements[1] = dataclasses.replace(rebuilt.statements[1], predicate="talksWith", relation_text="spoke with")
    load_into_store(rebuilt, directory)
    store = open_store(directory)
    # the old reading of article a1 is gone, not duplicated ...
    assert count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s rdf:predicate kg:meetsWith }") == 1
    assert count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s rdf:predicate kg:talksWith }") == 1
    # ... article b2's statement about the shared entities survives ...
    assert count(store, COUNT_MEETINGS) == 1
    [row] = list(run_query(store, "SELECT ?g WHERE { GRAPH ?g { ?s kg:meetsWith ?o } }"))
    assert row["g"].value == str(article_graph(BASE, "b2"))
    # ... and the shared entity has its new label only
    labels = [r["l"].value for r in run_query(
        store, f"SELECT ?l WHERE {{ <{BASE}entity/anna-berg> rdfs:label ?l }}")]
    assert labels == ["Anna K. Berg"]
    assert count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ <{BASE}entity/velhaven> a kg:City }}") == 1


def test_store_rebuilding_an_article_leaves_no_orphan_entity(tmp_path):
    directory = tmp_path / "store"
    load_into_store(two_articles(), directory)
    # Article a1 rewritten: no more word about Estria, nor about the meeting's place.
    rebuilt = article_a()
    rebuilt.statements = [rebuilt.statements[0], dataclasses.replace(rebuilt.statements[1], place=None)]
    rebuilt.entities = {k: e for k, e in rebuilt.entities.items() if k not in ("estria", "tromsby")}
    load_into_store(rebuilt, directory)
    store = open_store(directory)
    described = {r["e"].value.rsplit("/", 1)[1] for r in run_query(
        store, f"SELECT DISTINCT ?e WHERE {{ ?e rdfs:label ?l FILTER(STRSTARTS(STR(?e), '{BASE}entity/')) }}")}
    # Estria and Tromsby were named by a1 alone; Velhaven (b2) and everyone else stay.
    assert described == {"anna-berg", "norland", "olav-dahl", "velhaven"}
    # An entity of the build itself stays even when no statement names it.
    del store
    rebuilt.entities["estria"] = two_articles().entities["estria"]
    load_into_store(rebuilt, directory)
    assert count(open_store(directory), f"SELECT (COUNT(*) AS ?n) WHERE {{ <{BASE}entity/estria> a kg:Country }}") == 1


def test_store_held_by_another_handle_is_a_clear_error(tmp_path):
    directory = tmp_path / "store"
    holder = open_store(directory)
    with pytest.raises(StoreError, match="cannot open the Oxigraph store"):
        open_store(directory)
    del holder


@pytest.mark.parametrize("create", [False])
def test_store_missing_folder_is_a_clear_error(tmp_path, create):
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "nowhere", create=create)


@pytest.mark.parametrize("fmt", FORMATS)
def test_store_query_over_a_file_of_any_format(tmp_path, fmt):
    kg = two_articles()
    store = load_file(write_rdf(kg, tmp_path / f"graph.{fmt}", fmt))
    assert count(store, COUNT_MEETINGS) == 2
    assert count(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }") == len(to_rdf(kg))


@pytest.mark.parametrize(
    "name, content, message",
    [("g.ttl", "<a> <b> .", "cannot load"), ("g.xml", "<rdf/>", "unknown RDF extension")],
)
def test_store_bad_file_is_a_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(StoreError, match=message):
        load_file(path)


@pytest.mark.parametrize("bad", ["SELEKT * WHERE {}", "SELECT * WHERE { ?s nope:p ?o }"])
def test_store_bad_query_is_one_line(bad):
    with pytest.raises(QueryError) as info:
        run_query(ox.Store(), bad)
    assert "\n" not in str(info.value)


@pytest.mark.model
def test_store_a_fact_two_articles_state_is_one_answer(tmp_path, capsys):
    from kgraph.cli import main

    articles, store = tmp_path / "articles", str(tmp_path / "store")
    articles.mkdir()
    (articles / "first.txt").write_text("Talks\n\nKarin Holm visited Finland in May.\n", encoding="utf-8")
    (articles / "second.txt").write_text("Trip\n\nKarin Holm visited Finland on Monday.\n", encoding="utf-8")
    visits = "SELECT ?who ?where WHERE { ?who kg:visits ?where }"
    count_all = "SELECT (COUNT(*) AS ?n) WHERE { ?s kg:visits ?o }"

    def answers() -> list[str]:
        assert main(["query", "--store", store, "--format", "csv", visits]) == 0
        return capsys.readouterr().out.splitlines()[1:]

    assert main(["build", str(articles), "--store", store, "-q"]) == 0
    assert answers() == [f"{BASE}entity/karin-holm,{BASE}entity/finland"]
    assert count(open_store(store), count_all) == 1
    # Both articles still say so: each statement node keeps its own article.
    assert main(["query", "--store", store, "--format", "csv",
                 "SELECT ?a WHERE { ?st rdf:predicate kg:visits ; prov:wasDerivedFrom ?a } ORDER BY ?a"]) == 0
    assert capsys.readouterr().out.count("\n") == 3
    # The article whose graph held the fact stops stating it: the other one now holds it.
    (articles / "first.txt").write_text("Talks\n\nKarin Holm stayed in Oslo in May.\n", encoding="utf-8")
    assert main(["build", str(articles), "--store", store, "-q"]) == 0
    assert answers() == [f"{BASE}entity/karin-holm,{BASE}entity/finland"]
    # And when no article states it, it is gone.
    (articles / "second.txt").write_text("Trip\n\nKarin Holm stayed in Oslo on Monday.\n", encoding="utf-8")
    assert main(["build", str(articles), "--store", store, "-q"]) == 0
    assert answers() == []
