"""kgraph.rdf.incremental: what a store remembers between builds (article hashes,
entities) and adding a graph to it."""

from __future__ import annotations

import dataclasses

import pytest

from kgraph.errors import StoreError
from kgraph.rdf.incremental import StoreState, add_to_store, read_state
from kgraph.rdf.store import open_store
from kgraph.text import content_hash
from rdf_sample import BASE, TEXT_A, TEXT_B, article_a, two_articles


def test_incremental_no_store_yet_is_an_empty_state(tmp_path):
    assert read_state(tmp_path / "missing", base=BASE) == StoreState(frozenset(), ())
    assert not (tmp_path / "missing").exists()  # reading creates nothing


def test_incremental_store_remembers_article_hashes_and_entities(tmp_path):
    kg = two_articles()
    quads = add_to_store(kg, tmp_path / "store")
    store = open_store(tmp_path / "store", create=False)
    assert quads == len(store)
    del store  # the store is locked while open
    state = read_state(tmp_path / "store", base=BASE)
    assert state.hashes == {content_hash(TEXT_A), content_hash(TEXT_B)}
    by_key = {entity.key: entity for entity in state.entities}
    assert set(by_key) == set(kg.entities) | {"tromsby"}  # the place of a statement is an entity too
    assert by_key["anna-berg"] == dataclasses.replace(kg.entities["anna-berg"], aliases=("Berg",))
    assert by_key["velhaven"].type == "City"
    assert [e.key for e in state.entities] == sorted(by_key)  # in key order


def test_incremental_ontology_terms_in_the_entities_graph_are_no_entities(tmp_path):
    add_to_store(article_a(), tmp_path / "store")
    keys = {entity.key for entity in read_state(tmp_path / "store", base=BASE).entities}
    assert keys and not keys & {"Person", "visits", "Place"}


def test_incremental_entities_of_another_base_are_not_read(tmp_path):
    add_to_store(article_a(), tmp_path / "store")
    state = read_state(tmp_path / "store", base="https://other.example/kg/")
    assert state.entities == () and state.hashes  # hashes are per article, whatever the base


def test_incremental_adding_the_same_graph_twice_changes_nothing(tmp_path):
    first = add_to_store(two_articles(), tmp_path / "store")
    assert add_to_store(two_articles(), tmp_path / "store") == first


def test_incremental_a_changed_article_has_only_its_new_hash(tmp_path):
    add_to_store(article_a(), tmp_path / "store")
    kg = article_a()
    kg.articles["a1"] = dataclasses.replace(kg.articles["a1"], text=TEXT_A + " Later news.")
    add_to_store(kg, tmp_path / "store")
    hashes = read_state(tmp_path / "store", base=BASE).hashes
    assert hashes == {content_hash(TEXT_A + " Later news.")}  # its graph was replaced


def test_incremental_a_file_where_the_store_should_be_is_a_store_error(tmp_path):
    (tmp_path / "store").write_text("not a folder")
    with pytest.raises(StoreError, match="not a folder"):
        add_to_store(article_a(), tmp_path / "store")


def test_incremental_store_remembers_a_places_links(tmp_path):
    from kgraph.resolve import resolve
    from kgraph.types import Article, DocumentResult, Entity

    iri = "https://sws.geonames.org/1/"
    zorbia = Entity("zorbia", "Zorbia", "Country", links=(iri,), code="ZB")
    kg = resolve([DocumentResult(Article("a", "Zorbia."), (zorbia,))], base=BASE)
    add_to_store(kg, tmp_path / "store")
    [zorbia] = read_state(tmp_path / "store", base=BASE).entities
    assert (zorbia.links, zorbia.code) == ((iri,), "ZB")
