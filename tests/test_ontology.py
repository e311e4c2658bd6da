import pytest

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
    assert not onto.is_a("City", "Agent")


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
