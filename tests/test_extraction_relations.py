"""Ownership, founding, family, education, litigation and agreement relations, and
hedged statements: the ontology's terms and lexicon, and the rules on sentences of our own."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import OWL, RDFS, SKOS

import kgraph
from kgraph.extraction import extract_doc
from kgraph.extraction.rules.facts import hedge
from kgraph.extraction.rules.lexicon import load_lexicon
from kgraph.ontology import KG_IRI, load_ontology
from kgraph.rdf.formats.jsonld import jsonld_context
from kgraph.rdf.validate import relation_shapes
from kgraph.types import Article

KG = rdflib.Namespace(KG_IRI)
WD = rdflib.Namespace("http://www.wikidata.org/entity/")
SCHEMA = rdflib.Namespace("https://schema.org/")

# name: (domain, range, symmetric)
RELATIONS = {
    "acquires": ("Agent", "Organization", False),
    "owns": ("Agent", "Organization", False),
    "subsidiaryOf": ("Organization", "Organization", False),
    "founderOf": ("Agent", "Organization", False),
    "spouseOf": ("Person", "Person", True),
    "parentOf": ("Person", "Person", False),
    "educatedAt": ("Person", "Organization", False),
    "diedIn": ("Person", "Place", False),
    "sues": ("Agent", "Agent", False),
    "accuses": ("Agent", "Agent", False),
    "arrests": ("Agent", "Person", False),
    "partnersWith": ("Agent", "Agent", True),
    "signsAgreementWith": ("Agent", "Agent", True),
}


def facts(nlp, text):
    """{(subject key, predicate, object key): statement} of the stated (not negated) facts."""
    result = extract_doc(nlp(text), Article(id="t", text=text))
    return {(s.subject.key, s.predicate, s.object.key): s for s in result.statements
            if s.object is not None and not s.negated}


# ------------------------------------------------------------------ the ontology


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_relation_is_declared_with_label_comment_domain_range_and_lexicon(name):
    term = load_ontology().property(name)
    domain, range_, symmetric = RELATIONS[name]
    assert (term.domain, term.range, term.symmetric) == (domain, range_, symmetric)
    assert term.label and term.comment.endswith(".")
    assert term.verbs or term.nouns or term.titles
    assert "relatedTo" in term.parents


@pytest.mark.parametrize(("name", "match"), [
    ("owns", WD.P127), ("subsidiaryOf", WD.P749), ("founderOf", WD.P112), ("spouseOf", WD.P26),
    ("parentOf", WD.P40), ("educatedAt", WD.P69), ("diedIn", WD.P20), ("educatedAt", SCHEMA.alumniOf),
    ("spouseOf", SCHEMA.spouse), ("subsidiaryOf", SCHEMA.parentOrganization),
])
def test_relation_is_aligned_to_wikidata_and_schema_org(name, match):
    assert (URIRef(KG_IRI + name), SKOS.closeMatch, match) in load_ontology().graph


def test_relations_get_shapes_and_json_ld_terms():
    shapes = relation_shapes(load_ontology())
    context = jsonld_context({"xsd": str(rdflib.XSD)}, load_ontology())
    for name in RELATIONS:
        shape = URIRef(f"https://w3id.org/kgraph/shapes#{name}Shape")
        assert (shape, rdflib.namespace.SH.targetSubjectsOf, KG[name]) in shapes
        assert context[name] == {"@id": f"kg:{name}", "@type": "@id"}


@pytest.mark.parametrize("annotation", ["recipientVerb", "inverseTitle", "agentNoun"])
def test_new_lexicon_annotations_are_declared(annotation):
    graph = load_ontology().graph
    assert (KG[annotation], RDF.type, OWL.AnnotationProperty) in graph
    assert (KG[annotation], RDFS.comment, None) in graph


# ------------------------------------------------------------------- the lexicon


def test_lexicon_indexes_the_new_wording():
    lexicon = load_lexicon()
    assert lexicon.verb("buy") == ("acquires",)
    assert lexicon.verb("take", "over") == ("acquires",)
    assert lexicon.verb_objects[("file", "against")]["lawsuit"] == ("sues",)
    assert lexicon.recipient_verbs[("sell", "to")] == ("acquires",)
    assert ("sign", "deal") in lexicon.light_objects
    assert lexicon.inverse_titles["son"] == ((("son",), "parentOf"),)
    assert "son" not in lexicon.titles  # a son holds no position
    assert lexicon.agent_nouns["government"] == ("Country",)
    # "founder" names the founding, no longer a job
    assert [prop for _, prop in lexicon.titles["founder"]] == ["founderOf"]


def test_person_titles_leave_out_titles_any_agent_holds():
    lexicon = load_lexicon()
    assert {"minister", "wife", "student"} <= lexicon.person_titles
    assert not {"owner", "partner", "shareholder", "subsidiary"} & lexicon.person_titles


# --------------------------------------------------------------------- the rules


@pytest.mark.model
@pytest.mark.parametrize(("text", "fact"), [
    # verbs, with an agreed deal stated
    ("Borvik Holdings agreed to buy Zentex Systems for $2bn.", ("borvik-holdings", "acquires", "zentex-systems")),
    ("Borvik Holdings sued Zentex Systems in March.", ("borvik-holdings", "sues", "zentex-systems")),
    ("Maria Okafor accused Lars Eriksen of lying.", ("maria-okafor", "accuses", "lars-eriksen")),
    ("Lars Eriksen studied at Lindale University.", ("lars-eriksen", "educatedAt", "lindale-university")),
    ("Lars Eriksen died in Oslo in 1990.", ("lars-eriksen", "diedIn", "oslo")),
    # passives turned active
    ("Zentex Systems was founded by Maria Okafor in 1990.", ("maria-okafor", "founderOf", "zentex-systems")),
    ("Zentex Systems, owned by Borvik Holdings, reported a loss.", ("borvik-holdings", "owns", "zentex-systems")),
    ("Zentex Systems was sued for libel by Maria Okafor.", ("maria-okafor", "sues", "zentex-systems")),
    # nouns
    ("Borvik Holdings' takeover of Zentex Systems was approved.",
     ("borvik-holdings", "acquires", "zentex-systems")),
    # light verbs, the phrase on the noun or on the verb
    ("Borvik Holdings bought a 20% stake in Zentex Systems.", ("borvik-holdings", "acquires", "zentex-systems")),
    ("Borvik Holdings filed a lawsuit against Zentex Systems.", ("borvik-holdings", "sues", "zentex-systems")),
    ("Borvik Holdings formed a joint venture with Zentex Systems.",
     ("borvik-holdings", "partnersWith", "zentex-systems")),
    ("Borvik Holdings signed an agreement with Zentex Systems.",
     ("borvik-holdings", "signsAgreementWith", "zentex-systems")),
    # a relative pronoun after a preposition stands for its antecedent
    ("Zentex Systems, in which Borvik Holdings owns a majority stake, complained.",
     ("borvik-holdings", "owns", "zentex-systems")),
    # a share of a whole
    ("Borvik Holdings owns 51% of Zentex Systems.", ("borvik-holdings", "owns", "zentex-systems")),
    # the recipient of a sale, active and passive
    ("Borvik Holdings sold Zentex Systems to Quarr Capital.", ("quarr-capital", "acquires", "zentex-systems")),
    ("Zentex Systems was sold to Quarr Capital in 2001.", ("quarr-capital", "acquires", "zentex-systems")),
    # titles and appositions
    ("Borvik Holdings' unit Zentex Systems reported a loss.",
     ("zentex-systems", "subsidiaryOf", "borvik-holdings")),
    ("Zentex Systems, a subsidiary of Borvik Holdings, reported a loss.",
     ("zentex-systems", "subsidiaryOf", "borvik-holdings")),
    ("Quarr Bank, a branch of Zentex Systems, closed.", ("quarr-bank", "subsidiaryOf", "zentex-systems")),
    ("Maria Okafor, co-founder of Zentex Systems, resigned.", ("maria-okafor", "founderOf", "zentex-systems")),
    ("Borvik Holdings, the owner of Zentex Systems, said profits rose.",
     ("borvik-holdings", "owns", "zentex-systems")),
    ("Lars Eriksen and his wife Clara Holm live in Oslo.", ("clara-holm", "spouseOf", "lars-eriksen")),
    ("Azmat Okafor, father of Maria Okafor, spoke.", ("azmat-okafor", "parentOf", "maria-okafor")),
    # an inverse title: the role's holder is the object
    ("Robert Lind and his son Sandy Lind run the firm.", ("robert-lind", "parentOf", "sandy-lind")),
    ("Paul Varga's daughter Anna Varga won.", ("paul-varga", "parentOf", "anna-varga")),
    ("Tomas Varga was the son of Paul Varga.", ("paul-varga", "parentOf", "tomas-varga")),
    ("Lars Eriksen has been held by Ruritania for two years.", ("ruritania", "arrests", "lars-eriksen")),
    # a country acts through its agent nouns (kg:agentNoun)
    ("Lars Eriksen was arrested by Norwegian police.", ("norway", "arrests", "lars-eriksen")),
    ("The Norwegian government owns 51% of Zentex Systems.", ("norway", "owns", "zentex-systems")),
    ("Borvik Holdings has sued the Norwegian government.", ("borvik-holdings", "sues", "norway")),
    # a passive participle parsed as the copula's complement
    ("Zentex Systems is 60% owned by Borvik Holdings.", ("borvik-holdings", "owns", "zentex-systems")),
    # a particle in the entry ("buy back", "hit out at"); a kind noun after the name
    ("Quarr Capital has bought back Zentex Systems from Borvik Holdings.",
     ("quarr-capital", "acquires", "zentex-systems")),
    ("Maria Okafor hit out at Zentex Systems.", ("maria-okafor", "opposes", "zentex-systems")),
    ("Quarr Capital agreed to buy Zentex bank in May.", ("quarr-capital", "acquires", "zentex")),
    ("Borvik Holdings is forging a partnership with Zentex Systems.",
     ("borvik-holdings", "partnersWith", "zentex-systems")),
    # a thing stands for its maker when the property takes any entity
    ("Borvik Holdings backs Zentex Systems DVD technology.", ("borvik-holdings", "supports", "zentex-systems")),
    ("Borvik Holdings said it was opting for the Zentex Systems format.",
     ("borvik-holdings", "supports", "zentex-systems")),
    # a thing stands for its possessor under a stance, in either voice
    ("Maria Okafor rejected Lars Eriksen's proposal.", ("maria-okafor", "opposes", "lars-eriksen")),
    ("Lars Eriksen's plan was backed by Borvik Holdings.", ("borvik-holdings", "supports", "lars-eriksen")),
    # a demanded act (kg:verb "urge to resign")
    ("Maria Okafor has urged Lars Eriksen to apologise for his comments.",
     ("maria-okafor", "opposes", "lars-eriksen")),
    # "they" stands for every listed name
    ("Acme Corp, Borvik Holdings and Quarr Capital said they backed Zentex Systems.",
     ("quarr-capital", "supports", "zentex-systems")),
    ("Acme Corp, Borvik Holdings and Quarr Capital said they backed Zentex Systems.",
     ("borvik-holdings", "supports", "zentex-systems")),
    ("Borvik Holdings and Quarr Capital said they backed Zentex Systems.",  # "Borvik Holdings and" a modifier
     ("borvik-holdings", "supports", "zentex-systems")),
])
def test_relation_is_extracted(nlp, text, fact):
    assert fact in facts(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Maria Okafor criticised a Zentex Systems journalist.",  # a person's employer is not the target
    "Maria Okafor criticised Zentex Systems's lawyer.",  # nor a person's client
    "Borvik Holdings bought Zentex Systems DVD technology.",  # acquires takes organisations only
    "Maria Okafor welcomed Zentex Systems's speech.",  # hosts is no stance
    "Borvik Holdings attacked Zentex Systems technology.",
])
def test_a_thing_stands_for_its_owner_under_a_stance_only(nlp, text):
    found = facts(nlp, text)
    assert not [fact for fact in found if fact[2] == "zentex-systems" and fact[1] != "relatedTo"]


@pytest.mark.model
def test_they_stands_for_the_names_of_its_own_sentence_only(nlp):
    found = facts(nlp, "Acme Corp and Quarr Capital met. Borvik Holdings said they backed Zentex Systems.")
    assert not [fact for fact in found if fact[1] == "supports" and fact[0] != "borvik-holdings"]


@pytest.mark.model
def test_a_name_before_a_role_noun_holds_the_role_of_the_possessor(nlp):
    found = facts(nlp, "Borvik Holdings sold its Zentex Systems unit.")
    assert ("zentex-systems", "subsidiaryOf", "borvik-holdings") in found
    assert ("borvik-holdings", "subsidiaryOf", "zentex-systems") not in found
    # the role is stated even when the verb around it is hedged
    [unit] = [s for k, s in facts(nlp, "Borvik Holdings' Zentex Systems unit may be sold.").items()
              if k == ("zentex-systems", "subsidiaryOf", "borvik-holdings")]
    assert unit.modality is None


@pytest.mark.model
@pytest.mark.parametrize(("text", "stated"), [
    ("Borvik Holdings raised its stake in Zentex Systems.", True),
    ("Borvik Holdings sold its stake in Zentex Systems.", False),
    ("Borvik Holdings disposed of its stake in Zentex Systems.", False),
])
def test_a_stake_sold_is_no_longer_owned(nlp, text, stated):
    assert (("borvik-holdings", "owns", "zentex-systems") in facts(nlp, text)) == stated


@pytest.mark.model
def test_a_noun_stands_for_the_coordinated_names_in_apposition_to_it(nlp):
    found = facts(nlp, "Borvik Holdings bought the rival firms Zentex Systems and Quarr Capital.")
    assert {("borvik-holdings", "acquires", "zentex-systems"), ("borvik-holdings", "acquires", "quarr-capital")} <= set(found)


@pytest.mark.model
def test_a_signed_deal_is_an_agreement_not_a_negotiation(nlp):
    found = facts(nlp, "Maria Okafor has signed a three-year deal with Zentex Systems.")
    assert ("maria-okafor", "signsAgreementWith", "zentex-systems") in found
    assert not [k for k in found if k[1] == "negotiatesWith"]


@pytest.mark.model
def test_an_owner_in_apposition_keeps_the_organisation_type(nlp):
    text = "Borvik Holdings, the owner of Zentex Systems, said profits rose."
    result = extract_doc(nlp(text), Article(id="t", text=text))
    assert {e.key: e.type for e in result.entities}["borvik-holdings"] == "Organization"


# ------------------------------------------------------------ hedged is not stated


@pytest.mark.parametrize(("modality", "hedged"), [
    (None, None), ("will", None), ("set to", None), ("due to", None), ("scheduled to", None),
    ("going to", None), ("planned", None),
    ("may", "may"), ("could", "could"), ("would likely", "would likely"), ("expected to", "expected to"),
    ("likely to", "likely to"), ("plans to consider to", "plans to consider to"), ("will consider to", "will consider to"),
])
def test_hedge_keeps_only_modalities_that_hedge(modality, hedged):
    assert hedge(modality) == hedged


@pytest.mark.model
@pytest.mark.parametrize(("text", "modality"), [
    ("Borvik Holdings could buy Zentex Systems.", "could"),
    ("Borvik Holdings may sue Zentex Systems.", "may"),
    ("Borvik Holdings is expected to buy Zentex Systems.", "expected to"),
    ("Borvik Holdings will buy Zentex Systems.", None),
    ("Borvik Holdings is to buy Zentex Systems.", None),
])
def test_extract_marks_hedged_statements_and_not_scheduled_ones(nlp, text, modality):
    [statement] = [s for s in kgraph.extract(text) if s.predicate in {"acquires", "sues"}]
    assert statement.modality == modality


@pytest.mark.model
def test_a_hedged_fact_has_a_statement_node_and_no_direct_triple(tmp_path, nlp):
    (tmp_path / "a.txt").write_text(
        "Harbour Deals\n\nBorvik Holdings may buy Zentex Systems. Quarr Capital will buy Lumo Bank.\n",
        encoding="utf-8",
    )
    graph = kgraph.build([tmp_path], base="https://example.org/t/").to_rdf()
    entity = lambda key: URIRef(f"https://example.org/t/entity/{key}")  # noqa: E731
    hedged = (entity("borvik-holdings"), KG.acquires, entity("zentex-systems"))
    assert hedged not in graph
    [node] = [n for n in graph.subjects(RDF.subject, hedged[0]) if (n, RDF.object, hedged[2]) in graph]
    assert graph.value(node, KG.modality) == Literal("may")
    assert graph.value(node, KG.negated) == Literal(False)
    assert (entity("quarr-capital"), KG.acquires, entity("lumo-bank")) in graph  # scheduled: stated


@pytest.mark.model
def test_only_the_demanded_acts_of_the_lexicon_oppose(nlp):
    found = facts(nlp, "Maria Okafor urged Lars Eriksen to visit Oslo.")
    assert ("maria-okafor", "opposes", "lars-eriksen") not in found
