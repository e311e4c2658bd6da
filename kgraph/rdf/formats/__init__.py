"""The RDF serialisation formats: the one table of them, and writing a graph to
a file in any of them.

One module per syntax, each depending only on :mod:`kgraph.rdf.terms` (and
Turtle on the N-Triples lines it rewrites): :mod:`.ntriples` (N-Triples and
N-Quads), :mod:`.turtle` (Turtle and TriG), :mod:`.jsonld`. Quads are sorted
before writing, so the same graph always gives the same bytes whatever order it
was built in; files are written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from kgraph.errors import KGraphError
from kgraph.io.files import atomic_write
from kgraph.ontology import Ontology, load_ontology
from kgraph.rdf.formats import jsonld, ntriples, turtle
from kgraph.rdf import iris, shape
from kgraph.rdf.terms import Quad

__all__ = ["RdfFormat", "FORMATS", "SUFFIXES", "format_named", "format_of", "write_quads", "write_rdf"]

Writer = Callable[..., None]  # (quads, handle, *, named, prefixes, ontology) -> None


@dataclass(frozen=True)
class RdfFormat:
    """One serialisation format: its ``--format`` name (also the file suffix),
    pyoxigraph's format (parser, media type), rdflib's parser name, whether
    kgraph writes named graphs in it, and the module function that writes it."""

    name: str
    oxigraph: ox.RdfFormat
    rdflib: str
    named_graphs: bool
    writer: Writer

    @property
    def suffix(self) -> str:
        return f".{self.name}"

    @property
    def media_type(self) -> str:
        return self.oxigraph.media_type


#: Every format kgraph writes and reads, by ``--format`` name, in the order
#: help texts list them.
FORMATS: dict[str, RdfFormat] = {f.name: f for f in (
    RdfFormat("ttl", ox.RdfFormat.TURTLE, "turtle", False, turtle.write),
    RdfFormat("nt", ox.RdfFormat.N_TRIPLES, "nt", False, ntriples.write),
    RdfFormat("jsonld", ox.RdfFormat.JSON_LD, "json-ld", False, jsonld.write),
    RdfFormat("trig", ox.RdfFormat.TRIG, "trig", True, turtle.write),
    RdfFormat("nq", ox.RdfFormat.N_QUADS, "nquads", True, ntriples.write),
)}

#: The file suffixes of :data:`FORMATS`: ``(".ttl", ".nt", ...)``.
SUFFIXES = tuple(f.suffix for f in FORMATS.values())


def format_named(name: str) -> RdfFormat:
    """The format called ``name`` ("ttl", "nt", "jsonld", "trig" or "nq").
    Raises :class:`~kgraph.errors.KGraphError` for another name."""
    found = FORMATS.get(name)
    if found is None:
        raise KGraphError(f"unknown RDF format {name!r}; choose from {', '.join(FORMATS)}")
    return found


def format_of(path: str | Path) -> RdfFormat | None:
    """The format of a file by its suffix (any case), or ``None`` for a suffix
    that is none of :data:`SUFFIXES`."""
    return FORMATS.get(Path(path).suffix.lower().lstrip("."))


def write_quads(quads: Iterable[Quad], path: str | Path, fmt: str, *, prefixes: dict[str, str],
                ontology: Ontology | None = None) -> Path:
    """Write :data:`~kgraph.rdf.terms.Quad` tuples to ``path`` in the format named
    ``fmt``, atomically; return ``path``. Formats without named graphs hold the
    union of the graphs; JSON-LD's ``@context`` names the properties of
    ``ontology`` (default: kgraph's). Raises :class:`~kgraph.errors.KGraphError`
    for an unknown format."""
    rdf_format, path = format_named(fmt), Path(path)
    with atomic_write(path, mode="w+b") as handle:
        rdf_format.writer(quads, handle, named=rdf_format.named_graphs, prefixes=prefixes,
                          ontology=load_ontology(ontology))
    return path


def write_rdf(kg, path: str | Path, fmt: str = "ttl") -> Path:
    """Write ``kg`` to ``path`` atomically in ``fmt`` (a name in :data:`FORMATS`)
    and return the path. The same graph always gives the same bytes.

    Raises :class:`~kgraph.errors.KGraphError` for an unknown format,
    :class:`~kgraph.errors.OntologyError` for a class or property the ontology lacks.
    """
    return write_quads(shape.quads(kg), path, fmt, prefixes=iris.prefixes(kg.base), ontology=kg.ontology)
