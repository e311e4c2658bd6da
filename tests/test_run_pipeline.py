"""kgraph.run.pipeline on the real model: the same graph serially and with worker
processes, streaming with bounded read-ahead, failures reported, progress drawn,
incremental builds into a store."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError, KGraphError
from kgraph.graph import KnowledgeGraph
from kgraph.io.articles import read_articles
from kgraph.rdf.incremental import add_to_store, read_state
from kgraph.run.pipeline import build, extract_articles
from kgraph.text import content_hash
from kgraph.types import Article, Entity

from scale_corpus import ARTICLES, write_corpus

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def serial(corpus, nlp):
    return build([corpus])


def _turtle(kg, folder):
    kg.write(folder, html=False)
    return (folder / "graph.ttl").read_bytes(), (folder / "statements.jsonl").read_bytes()


def test_serial_build_finds_facts(serial):
    assert len(serial.articles) == len(ARTICLES)
    facts = {(s.subject.key, s.predicate, s.object.key if s.object else s.literal) for s in serial.statements}
    assert ("maria-okafor", "visits", "portugal") in facts
    # "Okafor" in another article is the same person.
    assert ("maria-okafor", "visits", "brazil") in facts
    assert "okafor" not in serial.entities


def test_two_workers_give_the_same_bytes_as_one_process(corpus, serial, tmp_path):
    parallel = build([corpus], workers=2, batch_size=1)
    assert _turtle(parallel, tmp_path / "parallel") == _turtle(serial, tmp_path / "serial")
    assert parallel.entities == serial.entities


@pytest.mark.parametrize("workers", [1, 2])
def test_extraction_reads_a_bounded_number_of_articles_ahead(nlp, workers):
    pulled: list[str] = []

    def source():
        for i in range(40):
            pulled.append(str(i))
            yield Article(id=f"a{i}", text=f"Maria Okafor visited Portugal in the year {2000 + i}.")

    results = extract_articles(source(), nlp=nlp, batch_size=2, n_process=workers)
    first = next(results)
    assert first.article.id == "a0"
    # Serially spaCy buffers about a batch; with workers, two batches per worker
    # are in flight, as many may wait for an earlier one, and two more per worker
    # are read ahead (kgraph.run.pool.schedule). Never the whole input.
    assert len(pulled) <= (2 * 2 + 2 if workers == 1 else 6 * workers * 2 + 2)
    assert [r.article.id for r in results] == [f"a{i}" for i in range(1, 40)]
    assert len(pulled) == 40


@pytest.mark.parametrize("workers", [1, 2])
def test_unreadable_inputs_are_reported_and_the_rest_built(corpus, tmp_path, workers):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    errors: list[InputError] = []
    kg = build([corpus, bad, tmp_path / "missing.txt"], workers=workers, on_error=errors.append)
    assert len(kg.articles) == len(ARTICLES)
    assert sorted(e.source for e in errors) == sorted([str(bad), str(tmp_path / "missing.txt")])
    assert len(kg.failures) == 2


def test_build_rejects_zero_workers(corpus):
    with pytest.raises(KGraphError, match="workers"):
        build([corpus], workers=0)


def test_missing_model_in_workers_is_a_model_error(corpus):
    from kgraph.errors import ModelError

    with pytest.raises(ModelError):
        build([corpus], workers=2, model="en_core_web_nothing_here")


def test_progress_bar_counts_articles_on_stderr(corpus, capsys):
    build([corpus], show_progress=True)
    err = capsys.readouterr().err
    assert f"{len(ARTICLES)}/{len(ARTICLES)}" in err
    assert "article/s" in err


def test_no_progress_bar_unless_asked(corpus, capsys):
    build([corpus])
    assert capsys.readouterr().err == ""


def _store_knowing(folder, *entities: Entity):
    """A store that describes ``entities`` and holds no article."""
    add_to_store(KnowledgeGraph(entities={e.key: e for e in entities}), folder)
    return folder


def test_store_entities_absorb_new_mentions(corpus, tmp_path):
    maria = Entity(key="maria-okafor", label="Maria Okafor", type="Person", aliases=("Okafor",))
    unrelated = Entity(key="lena-vogt", label="Lena Vogt", type="Person")
    store = _store_knowing(tmp_path / "store", maria, unrelated)
    kg = build(corpus / "okafor-brazil.txt", store=store)
    assert {s.subject.key for s in kg.statements if s.predicate == "visits"} == {"maria-okafor"}
    assert "okafor" not in kg.entities
    # A stored entity that the new article never names stays out of the graph.
    assert "lena-vogt" not in kg.entities


def test_store_entities_keep_their_key_when_a_fuller_name_arrives(corpus, tmp_path):
    # The store knows only the surname; the new article names her in full. Her IRI
    # must not change, since statements already in the store point to it.
    store = _store_knowing(tmp_path / "store", Entity(key="okafor", label="Okafor", type="Person"))
    kg = build(corpus / "okafor-lisbon.txt", store=store)
    assert "maria-okafor" not in kg.entities
    assert kg.entities["okafor"].label == "Maria Okafor" and "Okafor" in kg.entities["okafor"].aliases
    assert "okafor" in {s.subject.key for s in kg.statements}
    assert build(corpus / "okafor-lisbon.txt").entities["maria-okafor"].label == "Maria Okafor"


def test_store_build_skips_stored_articles_and_adds_the_new_ones(corpus, tmp_path):
    store = tmp_path / "store"
    first = build(corpus / "okafor-lisbon.txt", store=store)
    assert list(first.articles) == ["okafor-lisbon"]
    skipped: list[str] = []
    kg = build(corpus, store=store, on_skip=lambda article: skipped.append(article.id))
    assert skipped == ["okafor-lisbon"]
    assert "okafor-lisbon" not in kg.articles and len(kg.articles) == len(ARTICLES) - 1
    texts = {content_hash(article.text) for article in read_articles([corpus])}
    assert read_state(store, base=kg.base).hashes == texts
