"""kgraph.rdf.iris: the IRIs minted under a graph's base, and the prefixes."""

from __future__ import annotations

import dataclasses

import pytest

from kgraph.errors import KGraphError
from kgraph.ontology import KG_IRI
from kgraph.rdf.iris import (
    ARTICLE, ENTITY, VOCABULARY, article_graph, article_iri, check_base, entities_graph, entity_iri, entity_prefix,
    prefixes, split_iri, statement_iri,
)
from kgraph.rdf.shape import quads, to_rdf
from rdf_sample import BASE, article_a


@pytest.mark.parametrize("base", ["https://example.org/kgraph/", "http://news.test/kg#"])
def test_iris_iris_are_minted_from_the_base(base):
    kg = article_a()
    kg.base = base
    subjects = {s for s, _, _, _ in quads(kg) if not s.startswith(KG_IRI)}
    assert subjects and all(s.startswith(base) for s in subjects)


@pytest.mark.parametrize("base", ["not an iri/", "https://exa mple.org/", "relative/path/"])
def test_iris_a_base_that_is_no_iri_is_refused(base):
    kg = article_a()
    kg.base = base
    with pytest.raises(KGraphError, match="is not an absolute IRI"):
        to_rdf(kg)


def test_iris_statement_iri_ignores_confidence_but_not_content():
    statement = article_a().statements[0]
    rescored = dataclasses.replace(statement, confidence=0.1)
    reworded = dataclasses.replace(statement, relation_text="toured")
    assert statement_iri(BASE, statement) == statement_iri(BASE, rescored)
    assert statement_iri(BASE, statement) != statement_iri(BASE, reworded)


def test_iris_entity_iris_start_with_the_entity_prefix_and_split_back():
    iri = entity_iri(BASE, "anna-berg")
    assert iri == entity_prefix(BASE) + "anna-berg" == f"{BASE}entity/anna-berg"
    assert split_iri(iri, ENTITY) == (BASE, "anna-berg")
    assert split_iri(article_iri(BASE, "a1"), ARTICLE) == (BASE, "a1")
    assert split_iri("https://elsewhere.example/x", ENTITY) == ("", "https://elsewhere.example/x")


def test_iris_a_key_that_is_no_slug_is_made_one():
    iri = entity_iri(BASE, "Anna Berg <script>")
    assert iri.startswith(entity_prefix(BASE)) and " " not in iri and "<" not in iri
    assert entity_iri(BASE, "anna-berg") == f"{BASE}entity/anna-berg"  # a slug stays as it is


def test_iris_each_article_has_its_own_graph_and_entities_share_one():
    assert article_graph(BASE, "a1") == f"{BASE}graph/article/a1"
    assert article_graph(BASE, "a1") != article_graph(BASE, "b2")
    assert entities_graph(BASE) == f"{BASE}graph/entities"


def test_iris_check_base_returns_a_good_base():
    assert check_base(BASE) == BASE
    with pytest.raises(KGraphError, match="'no base'"):
        check_base("no base")


def test_iris_prefixes_are_the_vocabulary_and_the_minted_paths_sorted():
    found = prefixes(BASE)
    assert list(found) == sorted(found)
    assert found["kg"] == KG_IRI == VOCABULARY["kg"]
    assert (found["entity"], found["article"], found["statement"]) == (
        entity_prefix(BASE), f"{BASE}article/", f"{BASE}statement/")
