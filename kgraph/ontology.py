"""The ontology: classes, properties and the relation lexicon, read from
``ontologies/kgraph.ttl``.

The file is the single source of truth; extending extraction means extending the
file. Unknown terms fail loudly::

    >>> onto = load_ontology()
    >>> "travel to" in onto.property("visits").verbs
    True
    >>> onto.property("visitz")
    Traceback (most recent call last):
    ...
    kgraph.errors.OntologyError: unknown property 'visitz' ...
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import ClosedNamespace

from kgraph.errors import OntologyError

__all__ = [
    "KG_IRI",
    "ONTOLOGY_PATH",
    "data_path",
    "ClassTerm",
    "PropertyTerm",
    "Ontology",
    "load_ontology",
]

KG_IRI = "https://w3id.org/kgraph/ontology#"
# In a source checkout the data files sit in ontologies/ beside the package; a
# wheel ships the same folder as kgraph/data/ (pyproject.toml's force-include).
_SOURCE_DATA = Path(__file__).resolve().parent.parent / "ontologies"
_PACKAGED_DATA = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """The path of the data file ``name`` kgraph ships (``kgraph.ttl``,
    ``shapes.ttl``, ``places.tsv``): the checkout's ``ontologies/`` folder when
    there is one, else the copy inside the installed package."""
    source = _SOURCE_DATA / name
    return source if source.exists() else _PACKAGED_DATA / name


ONTOLOGY_PATH = data_path("kgraph.ttl")

_KG = URIRef(KG_IRI)


@dataclass(frozen=True)
class ClassTerm:
    name: str
    label: str
    comment: str
    parents: tuple[str, ...]


@dataclass(frozen=True)
class PropertyTerm:
    """A property and its lexicon; ``domain``/``range`` are class local names,
    or ``None`` for a range outside the ontology (a literal or rdf:Statement)."""

    name: str
    label: str
    comment: str
    domain: str | None
    range: str | None
    literal: bool
    symmetric: bool
    inverse: str | None
    parents: tuple[str, ...]
    verbs: tuple[str, ...]
    nouns: tuple[str, ...]
    titles: tuple[str, ...]


def _local(node) -> str | None:
    text = str(node)
    return text[len(KG_IRI):] if text.startswith(KG_IRI) else None


class Ontology:
    """The loaded ontology. Build with :func:`load_ontology`."""

    def __init__(self, graph: Graph):
        self.graph = graph
        kg = lambda name: URIRef(KG_IRI + name)  # noqa: E731
        classes: dict[str, ClassTerm] = {}
        for node in sorted(graph.subjects(RDF.type, OWL.Class)):
            name = _local(node)
            if name is None:
                continue
            classes[name] = ClassTerm(
                name=name,
                label=str(graph.value(node, RDFS.label) or name),
                comment=str(graph.value(node, RDFS.comment) or ""),
                parents=tuple(sorted(filter(None, map(_local, graph.objects(node, RDFS.subClassOf))))),
            )
        properties: dict[str, PropertyTerm] = {}
        kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
        for node in sorted({s for kind in kinds for s in graph.subjects(RDF.type, kind)}):
            name = _local(node)
            if name is None:
                continue
            rng = graph.value(node, RDFS.range)
            strings = lambda pred: tuple(  # noqa: E731
                sorted(str(o) for o in graph.objects(node, pred) if isinstance(o, Literal))
            )
            properties[name] = PropertyTerm(
                name=name,
                label=str(graph.value(node, RDFS.label) or name),
                comment=str(graph.value(node, RDFS.comment) or ""),
                domain=_local(graph.value(node, RDFS.domain)) if graph.value(node, RDFS.domain) else None,
                range=_local(rng) if rng is not None else None,
                literal=(node, RDF.type, OWL.DatatypeProperty) in graph,
                symmetric=(node, RDF.type, OWL.SymmetricProperty) in graph,
                inverse=_local(graph.value(node, OWL.inverseOf)) if graph.value(node, OWL.inverseOf) else None,
                parents=tuple(sorted(filter(None, map(_local, graph.objects(node, RDFS.subPropertyOf))))),
                verbs=strings(kg("verb")),
                nouns=strings(kg("noun")),
                titles=strings(kg("title")),
            )
        self.classes = classes
        self.properties = properties
        # Relations between entities (and entity-to-literal facts such as kg:says);
        # the rest describe statement nodes and have rdf:Statement as their domain.
        self.relations = {name: p for name, p in properties.items() if p.domain is not None}
        self.namespace = ClosedNamespace(KG_IRI, sorted(set(classes) | set(properties) | {"verb", "noun", "title"}))

    def __repr__(self) -> str:
        return f"<Ontology classes={len(self.classes)} properties={len(self.properties)}>"

    def cls(self, name: str) -> ClassTerm:
        """The class called ``name``; raises :class:`OntologyError` if there is none."""
        try:
            return self.classes[name]
        except KeyError:
            raise OntologyError(
                f"unknown class {name!r}; the ontology has: {', '.join(self.classes)}"
            ) from None

    def property(self, name: str) -> PropertyTerm:
        """The property called ``name``; raises :class:`OntologyError` if there is none."""
        try:
            return self.properties[name]
        except KeyError:
            raise OntologyError(
                f"unknown property {name!r}; the ontology has: {', '.join(self.properties)}"
            ) from None

    def iri(self, name: str) -> URIRef:
        """The IRI of a class or property; unknown names raise :class:`OntologyError`."""
        if name not in self.classes and name not in self.properties:
            raise OntologyError(f"unknown ontology term {name!r} (see `kgraph ontology`)")
        return URIRef(KG_IRI + name)

    def ancestors(self, name: str) -> frozenset[str]:
        """``name`` and every class or property above it."""
        table = self.classes if name in self.classes else self.properties
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            term = table.get(current)
            if term is not None:
                todo.extend(term.parents)
        return frozenset(seen)

    def is_a(self, cls: str, ancestor: str) -> bool:
        """True when class ``cls`` is ``ancestor`` or a subclass of it."""
        return ancestor in self.ancestors(cls)

    def fits(self, prop: str, subject_type: str, object_type: str | None) -> bool:
        """True when relation ``prop`` accepts a ``subject_type`` subject and an
        ``object_type`` object (``None`` for a literal), by its domain and range."""
        term = self.property(prop)
        if term.literal != (object_type is None):
            return False
        accepts = lambda cls, type_: cls is None or cls not in self.classes or self.is_a(type_, cls)  # noqa: E731
        return accepts(term.domain, subject_type) and (object_type is None or accepts(term.range, object_type))


def parse_turtle(path: Path, what: str) -> Graph:
    """The Turtle file ``path`` (an ontology or shapes file, named by ``what`` in
    errors) as an rdflib Graph; raises :class:`OntologyError` when it is missing
    or malformed."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError:
        raise OntologyError(f"{path}: no such {what} file") from None
    except Exception as err:  # rdflib raises several unrelated types for bad syntax
        raise OntologyError(f"{path}: not valid Turtle: {err}") from err
    return graph


@functools.lru_cache(maxsize=None)
def load_ontology(path: str | Path | None = None) -> Ontology:
    """Load the ontology from ``path`` (default: the one kgraph ships)."""
    return Ontology(parse_turtle(Path(path) if path is not None else ONTOLOGY_PATH, "ontology"))
