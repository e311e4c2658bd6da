"""Validate a knowledge graph against ``ontologies/shapes.ttl`` with pyshacl.

The ontology is mixed into the data graph, so class hierarchies and property
domains and ranges come from ``ontologies/kgraph.ttl``.

    >>> report = validate_graph(kg.to_rdf())
    >>> report.conforms
    True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from .errors import InputError, OntologyError
from .ontology import load_ontology
from .rdf import VOCABULARY

__all__ = ["SHAPES_PATH", "Violation", "Report", "load_shapes", "validate_graph", "validate_file"]

SHAPES_PATH = Path(__file__).resolve().parent.parent / "ontologies" / "shapes.ttl"
_PACKAGED_SHAPES = Path(__file__).resolve().parent / "data" / "shapes.ttl"
_RDFLIB_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads"}


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
        value = f" (value: {_short(self.value)})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{value}"


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


@functools.lru_cache(maxsize=None)
def load_shapes(path: str | Path | None = None) -> Graph:
    """The SHACL shapes graph (default: the one kgraph ships)."""
    path = Path(path) if path is not None else (SHAPES_PATH if SHAPES_PATH.exists() else _PACKAGED_SHAPES)
    shapes = Graph()
    try:
        shapes.parse(path, format="turtle")
    except FileNotFoundError:
        raise OntologyError(f"{path}: no such shapes file") from None
    except Exception as err:  # rdflib raises several unrelated types for bad syntax
        raise OntologyError(f"{path}: not valid Turtle: {err}") from err
    return shapes


def validate_graph(graph: Graph, *, shapes: Graph | None = None) -> Report:
    """Validate an rdflib ``graph`` against ``shapes`` (default: :func:`load_shapes`)."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        ont_graph=load_ontology().graph,
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


def validate_file(path: str | Path, *, shapes: Graph | None = None) -> Report:
    """Validate the RDF file at ``path`` (.ttl, .nt, .jsonld, .trig, .nq; all
    named graphs together). Raises :class:`InputError` if it cannot be parsed."""
    path = Path(path)
    fmt = _RDFLIB_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unknown RDF extension; use one of {', '.join(_RDFLIB_FORMATS)}")
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
    return validate_graph(graph, shapes=shapes)
