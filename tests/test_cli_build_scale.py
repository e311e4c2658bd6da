"""`kgraph build` at scale through the CLI: --workers and --dask give the same
files as one process, --store builds incrementally, --quiet and the summary;
`kgraph info`."""

from __future__ import annotations

import pytest

from kgraph.cli import main
from kgraph.rdf.store import open_store, run_query

from scale_corpus import ARTICLES, write_corpus

BASE = "https://example.org/kgraph/"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def serial_files(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    assert main(["build", str(corpus), "-o", str(out), "-q", "--no-html"]) == 0
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "statements.jsonl")}


@pytest.mark.model
@pytest.mark.parametrize("options", [["--workers", "2", "--batch-size", "2"], ["--dask", "local:2"]],
                         ids=["workers", "dask"])
def test_parallel_builds_write_the_same_bytes(corpus, serial_files, tmp_path, capsys, options):
    assert main(["build", str(corpus), "-o", str(tmp_path), "--no-html", *options]) == 0
    assert {name: (tmp_path / name).read_bytes() for name in serial_files} == serial_files
    out = capsys.readouterr().out
    assert f"{len(ARTICLES)} articles" in out
    assert "articles/s" in out


def test_workers_and_dask_together_are_refused(corpus, tmp_path, capsys):
    assert main(["build", str(corpus), "-o", str(tmp_path), "--workers", "2", "--dask", "local:2"]) == 2
    err = capsys.readouterr().err
    assert "--workers or --dask" in err
    assert not any(tmp_path.iterdir())


@pytest.mark.model
def test_quiet_prints_nothing(corpus, tmp_path, capsys):
    assert main(["build", str(corpus / "okafor-lisbon.txt"), "-o", str(tmp_path), "-q", "--no-html"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""


def _count(store_dir, sparql: str) -> int:
    store = open_store(store_dir, create=False)
    rows = list(run_query(store, sparql))
    del store  # release the store's lock before the next build opens it
    return int(rows[0][0].value)


@pytest.mark.model
def test_store_builds_are_incremental_and_merge_entities(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    first = [str(corpus / "okafor-lisbon.txt"), str(corpus / "vogt-meridian.txt")]
    assert main(["build", *first, "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "2 articles" in out and "0 articles already in the store" in out
    # With --store and no -o, no files are written besides the store.
    assert not (tmp_path / "output").exists()

    again = [str(corpus / "vogt-meridian.txt"), str(corpus / "okafor-brazil.txt")]
    assert main(["build", *again, "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "1 article," in out and "1 article already in the store" in out

    articles = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
    assert _count(store, articles) == 3
    # "Okafor" in the new article is the stored Maria Okafor: one entity, which
    # now visits Brazil too.
    visits = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{BASE}entity/maria-okafor> kg:visits ?place }}"
    assert _count(store, visits) == 2
    okafors = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label ?l FILTER(CONTAINS(?l, 'Okafor')) }"
    assert _count(store, okafors) == 1

    everything = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = _count(store, everything)
    assert main(["build", *first, again[1], "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "0 articles," in out and "3 articles already in the store" in out
    assert _count(store, everything) == before


@pytest.mark.model
def test_store_keeps_an_entity_iri_when_a_later_article_names_it_in_full(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(corpus / "okafor-brazil.txt"), "--store", str(store), "-q"]) == 0
    short = "SELECT ?e WHERE { ?e rdfs:label 'Okafor' }"
    stored = open_store(store, create=False)
    [[entity]] = [list(row) for row in run_query(stored, short)]
    del stored
    assert main(["build", str(corpus / "okafor-lisbon.txt"), "--store", str(store), "-q"]) == 0
    okafors = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label ?l FILTER(CONTAINS(?l, 'Okafor')) }"
    assert _count(store, okafors) == 1
    # The one entity is the stored IRI, now labelled with the full name, and both
    # articles' statements point to it.
    assert _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {entity} rdfs:label 'Maria Okafor' }}") == 1
    sources = (f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?st rdf:subject {entity} ; "
               "prov:wasDerivedFrom ?a }")
    assert _count(store, sources) == 2


@pytest.mark.model
def test_store_rebuilds_a_changed_article(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    article = tmp_path / "news" / "story.txt"
    article.parent.mkdir()
    article.write_text(ARTICLES["okafor-lisbon"], encoding="utf-8")
    assert main(["build", str(article), "--store", str(store), "-q"]) == 0
    article.write_text(ARTICLES["rail-link"], encoding="utf-8")
    assert main(["build", str(article), "--store", str(store)]) == 0
    assert "1 article, " in capsys.readouterr().out
    headlines = "SELECT (COUNT(*) AS ?n) WHERE { ?a schema:headline 'Rail link approved' }"
    assert _count(store, headlines) == 1
    old = "SELECT (COUNT(*) AS ?n) WHERE { ?a schema:headline 'Okafor heads to Lisbon' }"
    assert _count(store, old) == 0


@pytest.mark.model
def test_info_prints_versions_model_and_components(capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    for name in ("kgraph", "python", "spacy", "rdflib", "networkx", "pyvis", "pyoxigraph"):
        assert f"{name}:" in out
    assert "model:" in out
    assert "parser" in out and "ner" in out


def test_build_help_names_the_scale_options(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    out = capsys.readouterr().out
    for option in ("--workers", "--dask", "--store", "--quiet", "local:N"):
        assert option in out
