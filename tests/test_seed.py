"""The seed article's facts, through the Python API (as the pipeline reads it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.io.articles import read_articles
from kgraph.extraction import extract_doc

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parent.parent / "seeds" / "putin-turkey-visit.txt"

FACTS = [
    ("vladimir-putin", "visits", "turkey"),
    ("yuri-ushakov", "adviserTo", "vladimir-putin"),
    ("recep-tayyip-erdogan", "leaderOf", "turkey"),
    ("volodymyr-zelensky", "leaderOf", "ukraine"),
    ("dmitry-peskov", "spokespersonFor", "kremlin"),
    ("turkey", "memberOf", "nato"),
    ("recep-tayyip-erdogan", "talksWith", "volodymyr-zelensky"),
    ("vladimir-putin", "visits", "germany"),
    ("vladimir-putin", "meetsWith", "angela-merkel"),
    ("recep-tayyip-erdogan", "visits", "sochi"),
    ("russia", "invades", "ukraine"),
    ("turkey", "supports", "ukraine"),
]


@pytest.fixture(scope="module")
def seed(nlp):
    [article] = list(read_articles([SEED]))
    return extract_doc(nlp(article.text), article)


def stated(result):
    return {(s.subject.key, s.predicate, s.object.key) for s in result.statements
            if s.object is not None and not s.negated}


@pytest.mark.parametrize("fact", FACTS, ids="-".join)
def test_seed_fact(seed, fact):
    assert fact in stated(seed)


@pytest.mark.parametrize(
    ("key", "label", "ontology_type"),
    [
        ("vladimir-putin", "Vladimir Putin", "Person"),
        ("recep-tayyip-erdogan", "Recep Tayyip Erdoğan", "Person"),
        ("turkey", "Turkey", "Country"),
        ("nato", "NATO", "Organization"),
        ("kremlin", "Kremlin", "Organization"),
        ("sochi", "Sochi", "City"),
    ],
)
def test_seed_entities(seed, key, label, ontology_type):
    entities = {e.key: e for e in seed.entities}
    assert (entities[key].label, entities[key].type) == (label, ontology_type)


def test_one_entity_per_person(seed):
    entities = {e.key: e for e in seed.entities}
    assert {"Erdogan", "Erdoğan"} <= set(entities["recep-tayyip-erdogan"].aliases)
    assert "Putin" in entities["vladimir-putin"].aliases
    people = [e.key for e in seed.entities if e.type == "Person"]
    assert len([k for k in people if "erdogan" in k]) == 1 and len([k for k in people if "putin" in k]) == 1


def test_refusal_to_endorse_sanctions_is_negated(seed):
    endorsing = [s for s in seed.statements if "endors" in s.relation_text]
    assert endorsing and all(s.negated for s in endorsing)
    assert all(s.subject.key == "turkey" for s in endorsing)



@pytest.fixture(scope="module")
def built_graph(tmp_path_factory, nlp):
    """The seed built by the CLI (`kgraph build seeds/... -o DIR`), parsed back with rdflib."""
    from rdflib import Graph

    from kgraph.cli import main

    out = tmp_path_factory.mktemp("seed-build")
    assert main(["build", str(SEED), "-o", str(out)]) == 0
    graph = Graph()
    graph.parse(out / "graph.ttl", format="turtle")
    return graph


def _local(node) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def test_seed_facts_through_the_cli(built_graph):
    from kgraph.ontology import KG_IRI

    direct = {(_local(s), _local(p), _local(o)) for s, p, o in built_graph if str(p).startswith(KG_IRI)}
    missing = [fact for fact in FACTS if fact not in direct]
    assert not missing


def test_seed_negated_sanctions_have_no_direct_triple_through_the_cli(built_graph):
    from rdflib import Literal, URIRef

    from kgraph.ontology import KG_IRI

    negated = set(built_graph.subjects(URIRef(KG_IRI + "negated"), Literal(True)))
    assert negated
    assert not [t for t in built_graph.triples((None, URIRef(KG_IRI + "sanctions"), None))]


def test_kgraph_extract_prints_the_seed_statements(seed, capsys):
    import json

    from kgraph.cli import main

    assert main(["extract", str(SEED), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]

    def ends(subject, obj):
        return (subject["start"], subject["end"], (obj["start"], obj["end"]) if "start" in obj else obj["literal"])

    printed = {(row["predicate"], *ends(row["subject"], row["object"]), row["negated"]) for row in rows}
    expected = {
        ("kg:" + s.predicate, s.subject.span.start, s.subject.span.end,
         (s.object.span.start, s.object.span.end) if s.object else s.literal, s.negated)
        for s in seed.statements
    }
    assert printed == expected
