from dataclasses import replace

import pytest
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import SH

from kgraph.errors import OntologyError
from kgraph.ontology import KG_IRI, load_ontology

REQUIRED_CLASSES = ["Person", "Organization", "Place", "Country", "City", "Group", "Event", "NewsArticle"]
REQUIRED_PROPERTIES = [
    "visits", "meetsWith", "talksWith", "leaderOf", "holdsPosition", "adviserTo", "spokespersonFor", "memberOf",
    "worksFor", "employs", "livesIn", "bornIn", "citizenOf", "locatedIn", "basedIn", "hosts", "supports",
    "opposes", "attacks", "invades", "sanctions", "mediates", "negotiatesWith", "says", "killed", "relatedTo",
]


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


@pytest.mark.parametrize("name", REQUIRED_CLASSES)
def test_ontology_has_class(onto, name):
    assert onto.cls(name).label and onto.cls(name).comment


@pytest.mark.parametrize("name", REQUIRED_PROPERTIES)
def test_ontology_relation_documented_with_domain_and_range(onto, name):
    prop = onto.relations[name]
    assert prop.label and prop.comment and prop.domain and (prop.range or prop.literal)


def test_ontology_lexicon_read_from_file(onto):
    assert "travel to" in onto.property("visits").verbs
    assert "invasion of" in onto.property("invades").nouns
    assert "spokesperson" in onto.property("spokespersonFor").titles


def test_ontology_unknown_terms_fail_loudly(onto):
    with pytest.raises(OntologyError, match="unknown property 'visitz'"):
        onto.property("visitz")
    with pytest.raises(OntologyError):
        onto.iri("Persn")
    with pytest.raises(AttributeError):
        onto.namespace.Persn
    assert str(onto.iri("Person")) == KG_IRI + "Person"


def test_ontology_hierarchy(onto):
    assert onto.is_a("Country", "Place") and onto.is_a("Country", "Agent")
    # A town is governed as a country is ("Lima mayor X" leads Lima): a place and an agent.
    assert onto.is_a("City", "Place") and onto.is_a("City", "Agent") and not onto.is_a("City", "Country")


def test_ontology_user_file_extends_lexicon(tmp_path):
    text = load_ontology().graph.serialize(format="turtle")
    text += '\n<https://w3id.org/kgraph/ontology#visits> <https://w3id.org/kgraph/ontology#verb> "pop over to" .\n'
    path = tmp_path / "mine.ttl"
    path.write_text(text, encoding="utf-8")
    assert "pop over to" in load_ontology(path).property("visits").verbs


def test_ontology_bad_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(OntologyError, match="bad.ttl: not valid Turtle"):
        load_ontology(path)


@pytest.mark.parametrize("prop, subject, obj, expected", [
    ("visits", "Person", "City", True),
    ("visits", "Country", "Country", True),     # a country is an agent and a place
    ("visits", "City", "Person", False),
    ("basedIn", "Organization", "Country", True),
    ("basedIn", "City", "Country", False),
    ("holdsPosition", "Person", None, True),
    ("holdsPosition", "Person", "Organization", False),  # a literal property needs a literal
    ("relatedTo", "Event", "Work", True),
])
def test_ontology_fits_checks_domain_and_range(onto, prop, subject, obj, expected):
    assert onto.fits(prop, subject, obj) is expected


# A user's ontology: kgraph's, plus a town class under kg:City, a named town, a
# verb for kg:visits and an annotation property of the user's own.
USER_TERMS = """
@prefix ex: <http://example.org/mine#> .
ex:Town a owl:Class ; rdfs:subClassOf kg:City ; rdfs:label "Town" .
ex:Brackton a ex:Town ; rdfs:label "Brackton" .
ex:nickname a owl:AnnotationProperty .
kg:visits kg:verb "move to" ; ex:nickname "trip" .
"""


@pytest.fixture(scope="module")
def user_ontology(tmp_path_factory):
    path = tmp_path_factory.mktemp("onto") / "mine.ttl"
    path.write_text(load_ontology().graph.serialize(format="turtle") + USER_TERMS, encoding="utf-8")
    return path


def test_ontology_every_declared_annotation_property_is_reachable(user_ontology):
    onto = load_ontology(user_ontology)
    assert {"verb", "noun", "title", "prep", "memberWord", "nickname"} <= set(onto.annotations)
    assert str(onto.namespace.prep) == KG_IRI + "prep"
    assert str(load_ontology().namespace.memberWord) == KG_IRI + "memberWord"
    assert onto.values("visits", "nickname") == ("trip",)
    assert onto.values("leaderOf", "prep") == load_ontology().values("leaderOf", "prep")
    with pytest.raises(OntologyError, match="no annotation property 'synonym'"):
        onto.values("visits", "synonym")


def test_ontology_user_class_is_a_subclass_in_its_own_namespace(user_ontology):
    onto = load_ontology(user_ontology)
    assert str(onto.iri("Town")) == "http://example.org/mine#Town"
    assert onto.curie("Town") == "ex:Town" and onto.curie("City") == "kg:City"
    assert onto.name_of("http://example.org/mine#Town") == "Town"
    assert onto.is_a("Town", "City") and onto.is_a("Town", "Place") and not onto.is_a("Town", "Person")
    assert onto.base("Town", ("Person", "Place")) == "Place"
    assert onto.individuals == {"brackton": "Town"}
    assert onto.fits("visits", "Person", "Town") and not onto.fits("basedIn", "Town", "Country")


def test_ontology_pickles_as_its_path(user_ontology):
    import pickle

    onto = load_ontology(user_ontology)
    assert pickle.loads(pickle.dumps(onto)) is onto
    assert len(pickle.dumps(onto)) < 500  # the path, not the graph
    assert load_ontology(onto) is onto and load_ontology(str(user_ontology)) is onto


def test_ontology_two_terms_of_one_name_are_an_error(tmp_path):
    path = tmp_path / "clash.ttl"
    path.write_text(load_ontology().graph.serialize(format="turtle")
                    + "\n<http://example.org/mine#City> a <http://www.w3.org/2002/07/owl#Class> .\n",
                    encoding="utf-8")
    with pytest.raises(OntologyError, match="two terms named 'City'"):
        load_ontology(path)


def test_ontology_class_tests_of_the_rules_count_subclasses(user_ontology):
    from kgraph.extraction.document import _plausible
    from kgraph.extraction.mentions.coref import _compatible
    from kgraph.extraction.rules.lexicon import load_lexicon
    from kgraph.extraction.mentions.entities import RawMention
    from kgraph.types import Mention, Span, Statement

    onto = load_ontology(user_ontology)
    town = RawMention(start=0, end=1, head=0, text="Brackton", surface="Brackton", type="Town",
                      start_char=0, end_char=8)
    assert _compatible("it", town, {}, onto) and not _compatible("they", town, {}, onto)
    # A country lies in no city, nor in a town.
    zorbia = Mention(Span(0, 6, "Zorbia"), "zorbia", "Country")
    brackton = Mention(Span(15, 23, "Brackton"), "brackton", "Town")
    statement = Statement(zorbia, "locatedIn", brackton, "in", "t", Span(0, 24, "x" * 24), confidence=0.9)
    assert _plausible(statement, load_lexicon(onto)) is False
    assert _plausible(replace(statement, object=replace(brackton, type="Place")), load_lexicon(onto)) is True


@pytest.mark.model
def test_ontology_of_a_build_is_used_everywhere(user_ontology, tmp_path):
    import kgraph
    from kgraph.rdf.readback import read_graph

    (tmp_path / "a.txt").write_text("Maria Lopez moved to Brackton last year.", encoding="utf-8")
    default = kgraph.build(tmp_path)
    assert [s.predicate for s in default.statements] == ["relatedTo"]
    assert default.entities["brackton"].type == "City"

    kg = kgraph.build(tmp_path, ontology=user_ontology)
    assert kg.ontology is load_ontology(user_ontology)
    assert kg.entities["brackton"].type == "Town"  # the ontology's individual
    # the user's verb, and a town is a place: kg:visits keeps its range
    [statement] = kg.statements
    assert (statement.predicate, statement.object.type) == ("visits", "Town")
    turtle = kg.to_rdf().serialize(format="turtle")
    assert "<http://example.org/mine#Town>" in turtle and "rdfs:subClassOf kg:City" in turtle
    path = kg.write(tmp_path / "out")[0]
    assert read_graph(path, ontology=user_ontology).entities["brackton"].type == "Town"
    assert read_graph(path).entities.get("brackton") is None  # kgraph's ontology has no Town


@pytest.mark.model
def test_ontology_reaches_worker_processes(user_ontology, tmp_path):
    import kgraph

    for n in range(3):
        (tmp_path / f"{n}.txt").write_text("Maria Lopez moved to Brackton last year.", encoding="utf-8")
    kg = kgraph.build(tmp_path, ontology=user_ontology, workers=2, batch_size=1)
    assert {s.predicate for s in kg.statements} == {"visits"}


def test_ontology_of_a_knowledge_graph_names_its_terms(user_ontology, tmp_path):
    from kgraph import Entity, KnowledgeGraph
    from kgraph.rdf.formats import write_rdf
    from kgraph.rdf.validate import load_shapes, validate_graph

    onto = load_ontology(user_ontology)
    kg = KnowledgeGraph(entities={"brackton": Entity("brackton", "Brackton", "Town")}, ontology=onto)
    graph = kg.to_rdf()
    town = URIRef("http://example.org/mine#Town")
    assert (URIRef(kg.base + "entity/brackton"), RDF.type, town) in graph
    assert (town, RDFS.subClassOf, URIRef(KG_IRI + "City")) in graph
    assert validate_graph(graph, ontology=onto).conforms
    with pytest.raises(OntologyError, match="unknown ontology term 'Town'"):
        KnowledgeGraph(entities=kg.entities).to_rdf()
    text = write_rdf(kg, tmp_path / "g.jsonld", "jsonld").read_text(encoding="utf-8")
    assert '"@type": "http://example.org/mine#Town"' in text
    assert "a subject of kg:visits must be a kg:Agent (its domain)" in {
        str(m) for m in load_shapes(ontology=onto).objects(None, SH.message)}


@pytest.mark.model
def test_ontology_option_of_the_commands(user_ontology, tmp_path, capsys):
    from kgraph.cli import main

    assert main(["ontology", "--ontology", str(user_ontology)]) == 0
    listing = capsys.readouterr().out
    city = next(line for line in listing.splitlines() if line.strip().startswith("kg:City"))
    town = next(line for line in listing.splitlines() if line.strip().startswith("ex:Town"))
    assert len(town) - len(town.lstrip()) > len(city) - len(city.lstrip())  # listed under kg:City
    (tmp_path / "a.txt").write_text("Maria Lopez moved to Brackton last year.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(out), "--ontology", str(user_ontology), "-q"]) == 0
    assert "<http://example.org/mine#Town>" in (out / "graph.ttl").read_text(encoding="utf-8")
    assert main(["validate", str(out / "graph.ttl"), "--ontology", str(user_ontology)]) == 0
