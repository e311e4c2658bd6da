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
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import ClosedNamespace

from kgraph.errors import OntologyError
from kgraph.text import slug

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
    """The local name of an IRI (after kgraph's namespace, else after the last
    ``#`` or ``/``); ``None`` for a blank node or a literal."""
    if not isinstance(node, URIRef):
        return None
    text = str(node)
    if text.startswith(KG_IRI):
        return text[len(KG_IRI):]
    return re.split(r"[#/]", text)[-1] or None


class Ontology:
    """The loaded ontology. Build with :func:`load_ontology`.

    Terms are named by their local names (``"City"``, ``"visits"``), whatever their
    namespace: a user's ``ex:Town rdfs:subClassOf kg:City`` is the class ``"Town"``,
    whose :meth:`iri` is ``ex:Town``. ``annotations`` maps the name of every
    annotation property the file declares to its IRI; ``individuals`` maps the
    slug of each label of a named individual of a class (``ex:Brackton a ex:Town ;
    rdfs:label "Brackton"``) to that class. An ontology pickles as its ``path``,
    so worker processes load it again from the file. Raises
    :class:`OntologyError` when two terms share a local name.
    """

    def __init__(self, graph: Graph, path: Path | None = None):
        self.graph = graph
        self.path = path
        self._iris: dict[str, URIRef] = {}
        self.annotations = {name: iri for name, iri in self._declare(OWL.AnnotationProperty)}
        classes: dict[str, ClassTerm] = {}
        for name, node in self._declare(OWL.Class):
            classes[name] = ClassTerm(
                name=name,
                label=str(graph.value(node, RDFS.label) or name),
                comment=str(graph.value(node, RDFS.comment) or ""),
                parents=self._parents(node, RDFS.subClassOf),
            )
        properties: dict[str, PropertyTerm] = {}
        for name, node in self._declare(OWL.ObjectProperty, OWL.DatatypeProperty):
            properties[name] = PropertyTerm(
                name=name,
                label=str(graph.value(node, RDFS.label) or name),
                comment=str(graph.value(node, RDFS.comment) or ""),
                domain=self._name(graph.value(node, RDFS.domain)),
                range=self._name(graph.value(node, RDFS.range)),
                literal=(node, RDF.type, OWL.DatatypeProperty) in graph,
                symmetric=(node, RDF.type, OWL.SymmetricProperty) in graph,
                inverse=self._name(graph.value(node, OWL.inverseOf)),
                parents=self._parents(node, RDFS.subPropertyOf),
                verbs=self._strings(node, "verb"),
                nouns=self._strings(node, "noun"),
                titles=self._strings(node, "title"),
            )
        self.classes = classes
        self.properties = properties
        # Relations between entities (and entity-to-literal facts such as kg:says);
        # the rest describe statement nodes and have rdf:Statement as their domain.
        self.relations = {name: p for name, p in properties.items() if p.domain is not None}
        self.individuals = self._individuals()
        self._names = {str(iri): name for name, iri in self._iris.items()}
        self.namespace = ClosedNamespace(KG_IRI, sorted(
            name for name, iri in self._iris.items() if str(iri) == KG_IRI + name))
        self._ancestors: dict[str, frozenset[str]] = {}
        self._bases: dict[tuple[str, tuple[str, ...]], str | None] = {}

    def _declare(self, *kinds) -> list[tuple[str, URIRef]]:
        """``(local name, IRI)`` of the terms declared as any of ``kinds``, sorted;
        each name is recorded for :meth:`iri`."""
        found = []
        for node in sorted({s for kind in kinds for s in self.graph.subjects(RDF.type, kind)}):
            name = _local(node)
            if name is None:
                continue
            if self._iris.get(name, node) != node:
                raise OntologyError(f"{self.path or 'ontology'}: two terms named {name!r}: "
                                    f"<{self._iris[name]}> and <{node}>")
            self._iris[name] = node
            found.append((name, node))
        return found

    def _name(self, node) -> str | None:
        """The name of ``node`` when it is a term this ontology declares, else ``None``
        (a blank node, ``rdf:Statement``, ``xsd:string``)."""
        name = _local(node)
        return name if name is not None and self._iris.get(name) == node else None

    def _parents(self, node, predicate) -> tuple[str, ...]:
        """The names of the declared terms above ``node`` by ``predicate``."""
        return tuple(sorted(filter(None, map(self._name, self.graph.objects(node, predicate)))))

    def _strings(self, node, annotation: str) -> tuple[str, ...]:
        iri = self.annotations.get(annotation)
        if iri is None:
            return ()
        return tuple(sorted(str(o) for o in self.graph.objects(node, iri) if isinstance(o, Literal)))

    def _individuals(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for name in self.classes:
            for node in sorted(self.graph.subjects(RDF.type, self._iris[name])):
                for label in sorted(self.graph.objects(node, RDFS.label)) + sorted(
                        self.graph.objects(node, SKOS.altLabel)):
                    key = slug(str(label))
                    if found.setdefault(key, name) != name:
                        raise OntologyError(f"{self.path or 'ontology'}: {str(label)!r} names an individual "
                                            f"of both {found[key]!r} and {name!r}")
        return found

    def __repr__(self) -> str:
        return f"<Ontology classes={len(self.classes)} properties={len(self.properties)}>"

    def __reduce__(self):
        # Worker processes and Dask workers read the file again (once per process,
        # by load_ontology's cache) instead of receiving the parsed graph.
        if self.path is None:
            return Ontology, (self.graph,)
        return load_ontology, (str(self.path),)

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
        """The IRI of a class, property or annotation property; unknown names raise
        :class:`OntologyError`."""
        try:
            return self._iris[name]
        except KeyError:
            raise OntologyError(f"unknown ontology term {name!r} (see `kgraph ontology`)") from None

    def name_of(self, iri: str) -> str | None:
        """The name of the term whose IRI is ``iri``, or ``None`` if the ontology
        declares no such term."""
        return self._names.get(str(iri))

    def curie(self, name: str) -> str:
        """The IRI of ``name`` shortened by the ontology file's prefixes (``kg:City``,
        ``ex:Town``), or ``<IRI>`` when no prefix fits; for messages and listings."""
        return self.graph.namespace_manager.normalizeUri(self.iri(name))

    def values(self, name: str, annotation: str) -> tuple[str, ...]:
        """The literal values of the annotation property ``annotation`` (a name in
        :attr:`annotations`) on the term ``name``, sorted; raises
        :class:`OntologyError` when the file declares no such annotation property."""
        if annotation not in self.annotations:
            raise OntologyError(f"{self.path or 'ontology'}: no annotation property {annotation!r}; "
                                f"the ontology has: {', '.join(self.annotations)}")
        return self._strings(self.iri(name), annotation)

    def ancestors(self, name: str) -> frozenset[str]:
        """``name`` and every class or property above it (computed once per name)."""
        found = self._ancestors.get(name)
        if found is not None:
            return found
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
        self._ancestors[name] = found = frozenset(seen)
        return found

    def is_a(self, cls: str, ancestor: str) -> bool:
        """True when class ``cls`` is ``ancestor`` or a subclass of it."""
        return ancestor in self.ancestors(cls)

    def base(self, cls: str, bases: tuple[str, ...]) -> str | None:
        """The first of ``bases`` that class ``cls`` is or descends from, else ``None``:
        ``base("Town", ("Person", "Place"))`` is ``"Place"`` when a Town is a City."""
        key = (cls, bases)
        if key not in self._bases:
            self._bases[key] = next((b for b in bases if self.is_a(cls, b)), None)
        return self._bases[key]

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


def load_ontology(source: "str | Path | Ontology | None" = None) -> Ontology:
    """The ontology ``source``: an :class:`Ontology` as it is, else the one read
    from the file ``source`` (default: the one kgraph ships), parsed once per
    process. Raises :class:`OntologyError` when the file is missing or malformed."""
    if isinstance(source, Ontology):
        return source
    return _read(Path(source).resolve() if source is not None else ONTOLOGY_PATH)


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> Ontology:
    return Ontology(parse_turtle(path, "ontology"), path)
