"""Read a knowledge graph back from the RDF kgraph writes (see :mod:`kgraph.rdf.shape`),
so ``kgraph viz`` and ``kgraph stats`` work on a Turtle file or a store.

Entities come from their ``rdf:type`` (an ontology class), ``rdfs:label`` and
``skos:altLabel``; statements from the ``rdf:Statement`` nodes and their
provenance (``kg:evidence``, ``kg:sentenceStart``/``End``, ``kg:subjectText``,
``kg:objectText``, ``kg:relationText``, ``kg:confidence``, ``kg:negated``,
``kg:modality``, ``kg:time``, ``kg:place``, ``prov:wasDerivedFrom``); articles
from their news-article nodes. The RDF holds no article text and no mention
offsets: ``Article.text`` is empty, and a mention's span is where its text first
occurs in the evidence sentence (the sentence start when it does not occur).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox

from kgraph.errors import KGraphError
from kgraph.graph import DEFAULT_BASE, KnowledgeGraph
from kgraph.ontology import Ontology, load_ontology
from kgraph.rdf.iris import ARTICLE, ENTITY, VOCABULARY, split_iri
from kgraph.types import Article, Entity, Mention, Span, Statement

__all__ = ["from_rdf", "read_graph"]

_ENTITIES = f"""
SELECT ?entity ?type ?label WHERE {{
  ?entity a ?type ; rdfs:label ?label .
  FILTER(CONTAINS(STR(?entity), "/{ENTITY}"))
}}"""

_ALIASES = "SELECT ?entity ?alias WHERE { ?entity skos:altLabel ?alias }"
_LINKS = "SELECT ?entity ?link WHERE { ?entity owl:sameAs ?link }"
_CODES = "SELECT ?entity ?code WHERE { ?entity kg:isoCode ?code }"

_ARTICLES = """
SELECT ?article ?id ?title ?url ?published WHERE {
  ?article a kg:NewsArticle .
  OPTIONAL { ?article schema:identifier ?id }
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:datePublished ?published }
}"""

_STATEMENTS = """
SELECT ?node ?subject ?predicate ?object ?article ?evidence ?start ?end ?subjectText
       ?objectText ?relation ?confidence ?negated ?modality ?time ?place WHERE {
  ?node a rdf:Statement ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
  OPTIONAL { ?node prov:wasDerivedFrom ?article }
  OPTIONAL { ?node kg:evidence ?evidence }
  OPTIONAL { ?node kg:sentenceStart ?start }
  OPTIONAL { ?node kg:sentenceEnd ?end }
  OPTIONAL { ?node kg:subjectText ?subjectText }
  OPTIONAL { ?node kg:objectText ?objectText }
  OPTIONAL { ?node kg:relationText ?relation }
  OPTIONAL { ?node kg:confidence ?confidence }
  OPTIONAL { ?node kg:negated ?negated }
  OPTIONAL { ?node kg:modality ?modality }
  OPTIONAL { ?node kg:time ?time }
  OPTIONAL { ?node kg:place ?place }
}"""


def _select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """The rows of a SELECT query over the union of ``store``'s graphs, each a
    dict of bound variable names to lexical values; an IRI object is marked by
    an ``"object_iri"`` entry."""
    result = store.query(query, prefixes=VOCABULARY, use_default_graph_as_union=True)
    names = [variable.value for variable in result.variables]
    rows = []
    for solution in result:
        row = {name: solution[name].value for name in names if solution[name] is not None}
        if "object" in names and isinstance(solution["object"], ox.NamedNode):
            row["object_iri"] = "yes"
        rows.append(row)
    return rows


def _mention(key: str, text: str, sentence: Span, entity: Entity | None) -> Mention:
    found = sentence.text.find(text) if text else -1
    start = sentence.start + max(found, 0)
    end = start + len(text) if found >= 0 else start
    return Mention(span=Span(start, end, text if found >= 0 else ""),
                   key=key, type=entity.type if entity else "Entity")


def _values_by_entity(store: ox.Store, query: str, column: str, entities: dict) -> dict[str, set[str]]:
    """The ``column`` values that ``query`` gives each entity of ``entities``, by key."""
    found: dict[str, set[str]] = {}
    for row in _select(store, query):
        key = split_iri(row["entity"], ENTITY)[1]
        if key in entities:
            found.setdefault(key, set()).add(row[column])
    return found


def from_rdf(store: ox.Store, *, ontology: Ontology | None = None) -> KnowledgeGraph:
    """The :class:`KnowledgeGraph` described by the RDF in ``store`` (all its
    graphs), as written by :func:`kgraph.rdf.shape.quads` with ``ontology``
    (default: kgraph's), which becomes the graph's.

    Statements are ordered by article, sentence and statement IRI, so the same
    RDF always gives the same graph. Raises :class:`KGraphError` when the RDF
    holds no kgraph entity or statement.
    """
    onto = load_ontology(ontology)
    bases: set[str] = set()
    entities: dict[str, Entity] = {}
    for row in _select(store, _ENTITIES):
        type_ = onto.name_of(row["type"])
        if type_ not in onto.classes or type_ == "NewsArticle":
            continue
        base, key = split_iri(row["entity"], ENTITY)
        bases.add(base)
        entities[key] = Entity(key=key, label=row["label"], type=type_)
    for field, query, column in (("aliases", _ALIASES, "alias"), ("links", _LINKS, "link")):
        for key, values in _values_by_entity(store, query, column, entities).items():
            entities[key] = replace(entities[key], **{field: tuple(sorted(values))})
    for row in _select(store, _CODES):
        key = split_iri(row["entity"], ENTITY)[1]
        if key in entities:
            entities[key] = replace(entities[key], code=row["code"])

    articles: dict[str, Article] = {}
    article_ids: dict[str, str] = {}
    for row in _select(store, _ARTICLES):
        article_id = row.get("id") or split_iri(row["article"], ARTICLE)[1]
        article_ids[row["article"]] = article_id
        articles[article_id] = Article(
            id=article_id, text="", title=row.get("title"), url=row.get("url"),
            published=row.get("published"),
        )

    rows = []
    for row in _select(store, _STATEMENTS):
        predicate = onto.name_of(row["predicate"])
        if predicate not in onto.properties or f"/{ENTITY}" not in row["subject"]:
            continue
        article_iri = row.get("article", "")
        article_id = article_ids.get(article_iri) or split_iri(article_iri, ARTICLE)[1]
        start = int(row.get("start", 0))
        evidence = row.get("evidence", "")
        rows.append((article_id, start, row["node"], row, predicate, evidence))
    if not entities and not rows:
        raise KGraphError("no kgraph entities or statements in this RDF; "
                          "is it a file written by `kgraph build`?")

    statements = []
    for article_id, start, _, row, predicate, evidence in sorted(rows, key=lambda r: r[:3]):
        sentence = Span(start, int(row.get("end", start + len(evidence))), evidence)
        subject_key = split_iri(row["subject"], ENTITY)[1]
        subject = _mention(subject_key, row.get("subjectText", ""), sentence, entities.get(subject_key))
        obj, literal = None, None
        if "object_iri" in row:
            object_key = split_iri(row["object"], ENTITY)[1]
            obj = _mention(object_key, row.get("objectText", ""), sentence, entities.get(object_key))
        else:
            literal = row["object"]
        statements.append(Statement(
            subject=subject, predicate=predicate, object=obj,
            relation_text=row.get("relation", ""), article_id=article_id, sentence=sentence,
            literal=literal, negated=row.get("negated") == "true", modality=row.get("modality"),
            time=row.get("time"),
            place=split_iri(row["place"], ENTITY)[1] if "place" in row else None,
            confidence=float(row.get("confidence", 0.5)),
        ))
    base = min(bases) if bases else DEFAULT_BASE
    return KnowledgeGraph(entities=dict(sorted(entities.items())), statements=statements,
                          articles=dict(sorted(articles.items())), base=base, ontology=onto)


def read_graph(source: str | Path, *, store: bool = False, ontology: Ontology | None = None) -> KnowledgeGraph:
    """Read the knowledge graph in an RDF file (.ttl, .nt, .jsonld, .trig, .nq)
    or, with ``store=True``, in the Oxigraph store folder ``source``, whose terms
    are those of ``ontology`` (default: kgraph's).

    Raises :class:`kgraph.errors.StoreError` for a file or store that cannot be
    read, :class:`KGraphError` for RDF that holds no kgraph graph.
    """
    from kgraph.rdf.store import load_file, open_store

    return from_rdf(open_store(source, create=False) if store else load_file(source), ontology=ontology)
