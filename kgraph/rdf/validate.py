"""Validate a knowledge graph against ``ontologies/shapes.ttl`` with pyshacl.

The ontology is mixed into the data graph, so class hierarchies and property
domains and ranges come from ``ontologies/kgraph.ttl``.

    >>> report = validate_graph(kg.to_rdf())      # doctest: +SKIP
    >>> print(report.text())                       # doctest: +SKIP
    conforms: no SHACL violations
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from kgraph.errors import InputError
from kgraph.ontology import Ontology, data_path, load_ontology, parse_turtle
from kgraph.rdf.formats import SUFFIXES, format_of
from kgraph.rdf.iris import VOCABULARY

__all__ = ["SHAPES_PATH", "Violation", "Report", "load_shapes", "relation_shapes", "validate_graph", "validate_file"]

SHAPES_PATH = data_path("shapes.ttl")


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property path (if any), the
    offending value (if any), the shape's message and its severity."""

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str

    def __str__(self) -> str:
        where = _short(self.focus) + (f" {_short(self.path)}" if self.path else "")
        shown = self.value is not None and self.value != self.focus
        value = f" (value: {_short(self.value)})" if shown else ""
        message = self.message
        for name, namespace in VOCABULARY.items():
            message = message.replace(namespace, f"{name}:")
        return f"{self.severity}: {where}: {message}{value}"


@dataclass(frozen=True)
class Report:
    """The outcome of a validation: ``conforms`` and the sorted violations."""

    conforms: bool
    violations: tuple[Violation, ...]

    def text(self, *, limit: int = 50) -> str:
        """A readable report: a verdict line, then up to ``limit`` violations."""
        if self.conforms:
            return "conforms: no SHACL violations\n"
        lines = [f"does not conform: {len(self.violations)} SHACL result(s)"]
        lines += [f"  {v}" for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines) + "\n"


def _short(term: str) -> str:
    for name, namespace in VOCABULARY.items():
        if term.startswith(namespace):
            return f"{name}:{term[len(namespace):]}"
    return term if len(term) <= 120 else term[:119] + "…"


SHAPES_IRI = "https://w3id.org/kgraph/shapes#"


@functools.lru_cache(maxsize=None)
def load_shapes(path: str | Path | None = None, ontology: Ontology | None = None) -> Graph:
    """The SHACL shapes: the file at ``path`` (default: the one kgraph ships)
    plus :func:`relation_shapes` of ``ontology`` (default: kgraph's). Raises
    :class:`OntologyError` for a missing or malformed file."""
    path = Path(path) if path is not None else SHAPES_PATH
    return parse_turtle(path, "shapes") + relation_shapes(load_ontology(ontology))


def relation_shapes(onto: Ontology) -> Graph:
    """One node shape per relation of ``onto``, from its ``rdfs:domain`` and
    ``rdfs:range``: the subjects of ``kg:visits`` must be ``kg:Agent``s and its
    values ``kg:Place``s; the values of a datatype property (``kg:says``) must be
    literals of its range datatype."""
    shapes = Graph()
    for name, term in sorted(onto.relations.items()):
        prop = onto.iri(name)
        shape, values = URIRef(f"{SHAPES_IRI}{name}Shape"), URIRef(f"{SHAPES_IRI}{name}Values")
        shapes.add((shape, RDF.type, SH.NodeShape))
        shapes.add((shape, SH.targetSubjectsOf, prop))
        shapes.add((shape, SH["class"], onto.iri(term.domain)))
        shapes.add((shape, SH.message, Literal(
            f"a subject of {onto.curie(name)} must be a {onto.curie(term.domain)} (its domain)")))
        shapes.add((shape, SH.property, values))
        shapes.add((values, RDF.type, SH.PropertyShape))
        shapes.add((values, SH.path, prop))
        if term.literal:
            datatype = onto.graph.value(prop, RDFS.range) or XSD.string
            shapes.add((values, SH.datatype, datatype))
            message = (f"a value of {onto.curie(name)} must be a literal of type "
                       f"xsd:{datatype.rpartition('#')[2]} (its range)")
        elif term.range is not None:
            shapes.add((values, SH["class"], onto.iri(term.range)))
            message = f"a value of {onto.curie(name)} must be a {onto.curie(term.range)} (its range)"
        else:
            message = f"a value of {onto.curie(name)} must be an IRI"
            shapes.add((values, SH.nodeKind, SH.IRI))
        shapes.add((values, SH.message, Literal(message)))
    return shapes


def validate_graph(graph: Graph, *, shapes: Graph | None = None, ontology: Ontology | None = None) -> Report:
    """Validate an rdflib ``graph``, with ``ontology`` (default: kgraph's) mixed in,
    against ``shapes`` (default: :func:`load_shapes` of that ontology)."""
    import pyshacl

    ontology = load_ontology(ontology)
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes if shapes is not None else load_shapes(ontology=ontology),
        ont_graph=ontology.graph,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        value = results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        violations.append(Violation(
            focus=str(results.value(result, SH.focusNode)),
            path=str(path) if isinstance(path, URIRef) else None,
            value=str(value) if value is not None else None,
            message=str(results.value(result, SH.resultMessage) or "violates a shape"),
            severity=str(results.value(result, SH.resultSeverity)).rpartition("#")[2],
        ))
    return Report(conforms=bool(conforms), violations=tuple(sorted(violations, key=str)))


def validate_file(path: str | Path, *, shapes: Graph | None = None, ontology: Ontology | None = None) -> Report:
    """Validate the RDF file at ``path`` (.ttl, .nt, .jsonld, .trig, .nq; all
    named graphs together) as :func:`validate_graph` does. Raises
    :class:`InputError` if it cannot be parsed."""
    path = Path(path)
    rdf_format = format_of(path)
    if rdf_format is None:
        raise InputError(str(path), f"unknown RDF extension; use one of {', '.join(SUFFIXES)}")
    fmt = rdf_format.rdflib
    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except Exception as err:  # rdflib raises several unrelated types for bad syntax
        raise InputError(str(path), f"not valid {fmt}: {' '.join(str(err).split())[:300]}") from err
    graph = Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    return validate_graph(graph, shapes=shapes, ontology=ontology)
