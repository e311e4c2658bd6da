from kgraph.resolve import resolve
from kgraph.types import Article, DocumentResult, Entity, Mention, Span, Statement


def mention(text, key, type_, start=0):
    return Mention(Span(start, start + len(text), text), key, type_)


def doc(article_id, entities, statements=()):
    return DocumentResult(Article(article_id, "text"), tuple(entities), tuple(statements))


def statement(article_id, subject, predicate, obj):
    return Statement(subject=subject, predicate=predicate, object=obj, relation_text=predicate,
                     article_id=article_id, sentence=Span(0, 10, "A sentence"))


def test_resolve_surname_merges_into_the_one_full_name_across_documents():
    kg = resolve([
        doc("a", [Entity("marta-kowalska", "Marta Kowalska", "Person", ("Kowalska",))]),
        doc("b", [Entity("kowalska", "Kowalska", "Person")],
            [statement("b", mention("Kowalska", "kowalska", "Person"), "visits", mention("Oslo", "oslo", "City"))]),
    ])
    assert set(kg.entities) == {"marta-kowalska"}
    assert kg.entities["marta-kowalska"].aliases == ("Kowalska",)
    assert kg.statements[0].subject.key == "marta-kowalska"
    assert kg.statements[0].object.key == "oslo"  # not an entity of any document: kept as written


def test_resolve_diacritics_do_not_split_an_entity():
    kg = resolve([
        doc("a", [Entity("jozef-bartos", "Jozef Bartoš", "Person")]),
        doc("b", [Entity("jozef-bartos", "Jozef Bartos", "Person")]),
    ])
    [entity] = kg.entities.values()
    assert entity.key == "jozef-bartos"
    assert {entity.label, *entity.aliases} == {"Jozef Bartoš", "Jozef Bartos"}


def test_resolve_shared_surname_stays_ambiguous():
    kg = resolve([
        doc("a", [Entity("anna-novak", "Anna Novak", "Person")]),
        doc("b", [Entity("tomas-novak", "Tomas Novak", "Person")]),
        doc("c", [Entity("novak", "Novak", "Person")]),
    ])
    assert set(kg.entities) == {"anna-novak", "novak", "tomas-novak"}


def test_resolve_alias_merges_only_within_a_family():
    kg = resolve([
        doc("a", [Entity("united-nations", "United Nations", "Organization", ("UN",))]),
        doc("b", [Entity("un", "UN", "Organization")]),
        doc("c", [Entity("georgia", "Georgia", "Country")]),
        doc("d", [Entity("lena-georgia", "Lena Georgia", "Person", ("Georgia",))]),
    ])
    assert set(kg.entities) == {"united-nations", "georgia", "lena-georgia"}


def test_resolve_type_by_majority_and_mentions_retyped():
    kg = resolve([
        doc("a", [Entity("avalon", "Avalon", "City")],
            [statement("a", mention("Avalon", "avalon", "City"), "locatedIn", mention("Erewhon", "erewhon", "Country"))]),
        doc("b", [Entity("avalon", "Avalon", "Country"), Entity("erewhon", "Erewhon", "Country")]),
        doc("c", [Entity("avalon", "Avalon", "Country")]),
    ])
    assert kg.entities["avalon"].type == "Country"
    assert kg.statements[0].subject.type == "Country"


def test_resolve_is_deterministic_whatever_the_document_order():
    docs = [
        doc("a", [Entity("marta-kowalska", "Marta Kowalska", "Person")]),
        doc("b", [Entity("kowalska", "Kowalska", "Person"), Entity("oslo", "Oslo", "City")],
            [statement("b", mention("Kowalska", "kowalska", "Person"), "visits", mention("Oslo", "oslo", "City"))]),
    ]
    assert resolve(docs) == resolve(list(reversed(docs)))


def test_resolve_statement_that_no_longer_fits_merged_types_is_related_to_or_dropped():
    kg = resolve([
        doc("a", [Entity("brightwater", "Brightwater", "Organization"), Entity("lima", "Lima", "City")],
            [statement("a", mention("Brightwater", "brightwater", "Organization"), "basedIn", mention("Lima", "lima", "City")),
             Statement(subject=mention("Brightwater", "brightwater", "Person"), predicate="holdsPosition", object=None,
                       literal="chairman", relation_text="chairman", article_id="a", sentence=Span(0, 10, "A sentence"))]),
        doc("b", [Entity("brightwater", "Brightwater", "City")]),
        doc("c", [Entity("brightwater", "Brightwater", "City")]),
    ])
    assert kg.entities["brightwater"].type == "City"
    assert [(s.predicate, s.relation_text) for s in kg.statements] == [("relatedTo", "basedIn")]


def test_resolve_fitting_statements_untouched():
    kg = resolve([
        doc("a", [Entity("brightwater", "Brightwater", "Organization"), Entity("lima", "Lima", "City")],
            [statement("a", mention("Brightwater", "brightwater", "Organization"), "basedIn", mention("Lima", "lima", "City"))]),
    ])
    assert [s.predicate for s in kg.statements] == ["basedIn"]


def test_resolve_failures_recorded_are_the_graphs():
    from kgraph.resolve import Resolver

    resolver = Resolver()
    resolver.add(doc("a", [Entity("oslo", "Oslo", "City")]))
    resolver.add_failure("broken.txt: not text")
    assert resolver.graph().failures == ["broken.txt: not text"]


def test_resolve_stored_entities_stay_out_unless_named_or_changed():
    from kgraph.resolve import Resolver

    resolver = Resolver()
    resolver.add_entities([Entity("marta-kowalska", "Marta Kowalska", "Person"), Entity("bergen", "Bergen", "City"),
                           Entity("tromso", "Tromso", "City")])
    resolver.add(doc("b", [Entity("kowalska", "Kowalska", "Person"), Entity("oslo", "Oslo", "City"),
                           Entity("bergen", "Bergen", "City", ("Bergen harbour",))],
                     [statement("b", mention("Kowalska", "kowalska", "Person"), "visits",
                                mention("Oslo", "oslo", "City"))]))
    kg = resolver.graph()
    # Kowalska is named (under the stored key), Bergen changed (a new alias), Oslo
    # is new; Tromso is neither: the store already describes it.
    assert set(kg.entities) == {"marta-kowalska", "bergen", "oslo"}
    assert kg.statements[0].subject.key == "marta-kowalska"


def test_resolve_keeps_a_places_links_and_drops_links_that_disagree():
    iri = "https://sws.geonames.org/1/"
    kg = resolve([
        doc("a", [Entity("zorbia", "Zorbia", "Country", links=(iri,), code="ZB")]),
        doc("b", [Entity("zorbia", "Zorbia", "Country", links=(iri,), code="ZB"),
                  Entity("vell", "Vell", "City", links=("https://sws.geonames.org/2/",))]),
        doc("c", [Entity("vell", "Vell", "City", links=("https://sws.geonames.org/3/",))]),
    ])
    assert (kg.entities["zorbia"].links, kg.entities["zorbia"].code) == ((iri,), "ZB")
    assert kg.entities["vell"].links == ()  # two documents, two different places of one name


def test_a_places_links_are_written_as_owl_same_as_and_kg_iso_code_and_conform():
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL

    from kgraph.rdf.shape import to_rdf
    from kgraph.rdf.validate import validate_graph

    iri = "https://sws.geonames.org/1/"
    kg = resolve([doc("a", [Entity("zorbia", "Zorbia", "Country", links=(iri,), code="ZB")])])
    graph = to_rdf(kg)
    node = next(s for s, o in graph.subject_objects(OWL.sameAs))
    assert (node, OWL.sameAs, URIRef(iri)) in graph
    assert (node, URIRef("https://w3id.org/kgraph/ontology#isoCode"), Literal("ZB")) in graph
    assert validate_graph(graph).conforms
