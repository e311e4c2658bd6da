"""Serialise kgraph quads to files: N-Triples and N-Quads (sorted lines), Turtle
and TriG (those lines rewritten by pyoxigraph: the fast path), and JSON-LD with a
compact ``@context`` generated from the ontology.

Quads are sorted before writing, so the same graph always gives the same bytes
whatever order it was built in. Files are written atomically.
"""

from __future__ import annotations

import functools
import io
import json
from collections import defaultdict
from itertools import groupby
from pathlib import Path
from typing import IO, Iterable, Iterator

import pyoxigraph as ox
from rdflib import RDFS

from kgraph.errors import KGraphError
from kgraph.io.files import atomic_write
from kgraph.ontology import load_ontology
from kgraph.rdf.terms import IRI, Quad, Term

__all__ = ["write_quads", "nt_term", "line_chunks", "ChunkReader", "sorted_triples", "jsonld_context", "jsonld_nodes", "write_jsonld"]

_OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}
_QUAD_FORMATS = {"trig", "nq"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CHUNK_LINES = 8192  # lines per chunk written or parsed


# N-Triples escapes: ECHAR for quote, backslash and the named controls, \\uXXXX for
# the other control characters, so every line is valid and one line long.
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
            ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x00, 0x08), 0x0B, *range(0x0E, 0x20), 0x7F)})


def nt_term(term: Term) -> str:
    """A :data:`Term` in N-Triples syntax. IRIs are written as they are: kgraph
    mints only valid ones (see :mod:`kgraph.rdf.shape`)."""
    kind, text, datatype = term
    if kind == IRI:
        return f"<{text}>"
    literal = '"' + text.translate(_ESCAPES) + '"'
    return f"{literal}^^<{datatype}>" if datatype else literal


def line_chunks(quads: Iterable[Quad], *, named: bool) -> Iterator[bytes]:
    """The distinct N-Quads lines of ``quads`` grouped by graph and sorted
    (``named``), or the distinct N-Triples lines of the union of the graphs,
    sorted; as UTF-8 chunks of many lines each. Sorting makes the bytes
    independent of the order the graph was built in.

    Only the lines themselves are held (a list sorted in place, then adjacent
    repeats dropped: much cheaper than a set); the file is never one string, so
    a large graph costs one copy of its text, not three.
    """
    if named:
        groups: dict[str, list[str]] = defaultdict(list)
        for s, p, o, g in quads:
            groups[g].append(f"<{s}> <{p}> {nt_term(o)} <{g}> .\n")
        parts: Iterable[list[str]] = (groups.pop(g) for g in sorted(groups))
    else:
        parts = [[f"<{s}> <{p}> {nt_term(o)} .\n" for s, p, o, _ in quads]]
    for lines in parts:
        lines.sort()
        unique = [line for line, _ in groupby(lines)]
        del lines
        for at in range(0, len(unique), _CHUNK_LINES):
            yield "".join(unique[at:at + _CHUNK_LINES]).encode("utf-8")


class ChunkReader(io.RawIOBase):
    """A read-only binary stream over an iterator of ``bytes`` chunks, so pyoxigraph
    can parse lines as they are produced instead of one whole-file string."""

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def sorted_triples(quads: Iterable[Quad]) -> list[tuple]:
    """Distinct ``(s, p, o)`` triples of the union of the graphs, sorted."""
    return sorted({(s, p, o) for s, p, o, _ in quads})


def write_quads(quads: Iterable[Quad], path: Path, fmt: str, *, prefixes: dict[str, str]) -> Path:
    """Write :data:`kgraph.rdf.shape.Quad` tuples to ``path`` in ``fmt`` ("ttl", "nt",
    "jsonld", "trig" or "nq"), atomically; return ``path``. Triple formats hold
    the union of the graphs.

    The fast path: sorted N-Triples/N-Quads lines are built with plain string
    operations and streamed to the file, or through pyoxigraph's parser into its
    Turtle or TriG writer (both in Rust).
    """
    named = fmt in _QUAD_FORMATS
    with atomic_write(path, mode="w+b") as handle:
        if fmt == "jsonld":
            write_jsonld(handle, sorted_triples(quads), prefixes)
            return path
        chunks = line_chunks(quads, named=named)
        if fmt in ("nt", "nq"):
            for chunk in chunks:
                handle.write(chunk)
        else:
            source = io.BufferedReader(ChunkReader(chunks), buffer_size=1 << 20)
            parsed = ox.parse(source, ox.RdfFormat.N_QUADS if named else ox.RdfFormat.N_TRIPLES)
            ox.serialize(parsed, handle, _OX_FORMATS[fmt], prefixes=prefixes)
            _sort_prefix_block(handle, prefixes)
    return path


def _sort_prefix_block(handle, prefixes: dict[str, str]) -> None:
    """Rewrite the ``@prefix`` lines at the start of the file open in ``handle``
    in name order: pyoxigraph writes them in an order of its own, which the bytes
    must not depend on. The block keeps its length, so it is rewritten in place."""
    block = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(prefixes.items())).encode("utf-8")
    handle.flush()
    handle.seek(0)
    written = handle.read(len(block))
    if sorted(written.splitlines(keepends=True)) != sorted(block.splitlines(keepends=True)):
        raise KGraphError(f"{handle.name}: unexpected prefix lines from pyoxigraph {ox.__version__}")
    handle.seek(0)
    handle.write(block)
    handle.seek(0, io.SEEK_END)


# ---------------------------------------------------------------------- JSON-LD


def jsonld_context(prefixes: dict[str, str]) -> dict:
    """The JSON-LD ``@context``: the prefixes, and one short term per ontology
    property and per generic property kgraph writes, with its value type
    (``@id`` for object properties, the XSD range for typed literals)."""
    onto = load_ontology()
    context: dict = dict(prefixes)
    generic = {
        "label": ("rdfs:label", None),
        "altLabel": ("skos:altLabel", None),
        "subClassOf": ("rdfs:subClassOf", "@id"),
        "subPropertyOf": ("rdfs:subPropertyOf", "@id"),
        "headline": ("schema:headline", None),
        "identifier": ("schema:identifier", None),
        "url": ("schema:url", "@id"),
        "datePublished": ("schema:datePublished", None),
        "wasDerivedFrom": ("prov:wasDerivedFrom", "@id"),
        "subject": ("rdf:subject", "@id"),
        "predicate": ("rdf:predicate", "@id"),
        "object": ("rdf:object", "@id"),
    }
    for name, (iri, kind) in generic.items():
        context[name] = {"@id": iri, "@type": kind} if kind else iri
    xsd = prefixes["xsd"]
    for name, term in sorted(onto.properties.items()):
        if name in context:
            continue  # a generic term of the same name wins; this one stays kg:name
        rng = onto.graph.value(onto.iri(name), RDFS.range)
        if not term.literal:
            context[name] = {"@id": f"kg:{name}", "@type": "@id"}
        elif rng is None or str(rng) == _XSD_STRING:
            context[name] = f"kg:{name}"
        else:
            context[name] = {"@id": f"kg:{name}", "@type": "xsd:" + str(rng)[len(xsd):]}
    return context


def write_jsonld(handle: IO[bytes], triples: list[tuple], prefixes: dict[str, str]) -> None:
    """Write sorted ``(s, p, o)`` triples (:func:`sorted_triples`) to ``handle`` as a
    compact JSON-LD document: ``@context`` and an ``@graph`` of node objects sorted
    by ``@id``, one node at a time (the bytes of ``json.dumps(document, indent=1,
    sort_keys=True)``, without ever holding the document)."""
    context = jsonld_context(prefixes)
    dump = functools.partial(json.dumps, ensure_ascii=False, indent=1, sort_keys=True)
    # JSON strings hold no raw newline, so indenting a dumped value is a replace.
    handle.write(('{\n "@context": ' + dump(context).replace("\n", "\n ") + ',\n "@graph": [').encode("utf-8"))
    separator = "\n  "
    for node in jsonld_nodes(triples, prefixes, context):
        handle.write((separator + dump(node).replace("\n", "\n  ")).encode("utf-8"))
        separator = ",\n  "
    handle.write(b"]\n}\n" if separator == "\n  " else b"\n ]\n}\n")


def jsonld_nodes(triples: list[tuple], prefixes: dict[str, str], context: dict) -> Iterator[dict]:
    """The node objects of sorted ``(s, p, o)`` triples, compacted with ``context``,
    in order of subject. A value whose kind does not match its term's coercion is
    written in expanded form, so nothing is lost."""
    by_iri: dict[str, tuple[str, str | None]] = {}
    namespaces = sorted(((ns, name) for name, ns in prefixes.items()), key=lambda x: -len(x[0]))

    def compact(iri: str) -> str:
        for ns, name in namespaces:
            # "name://..." would read as an absolute IRI, so such IRIs stay whole.
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                return f"{name}:{iri[len(ns):]}"
        return iri

    def expand(curie: str) -> str:
        name, _, rest = curie.partition(":")
        return prefixes[name] + rest if name in prefixes else curie

    for term, definition in context.items():
        if isinstance(definition, dict):
            by_iri[expand(definition["@id"])] = (term, definition.get("@type"))
        elif term not in prefixes:
            by_iri[expand(definition)] = (term, None)

    def value(obj: Term, coercion: str | None):
        kind, text, datatype = obj
        if kind == IRI:
            return compact(text) if coercion == "@id" else {"@id": compact(text)}
        datatype = datatype or _XSD_STRING
        if coercion not in (None, "@id") and expand(coercion) == datatype:
            return text
        if datatype == _XSD_STRING:
            return text if coercion is None else {"@value": text}
        return {"@value": text, "@type": compact(datatype)}

    for _, group in groupby(triples, key=lambda triple: triple[0]):
        node: dict = {}
        for s, p, o in group:
            node.setdefault("@id", compact(s))
            if p == _RDF_TYPE and o[0] == IRI:
                key, item = "@type", compact(o[1])
            else:
                key, coercion = by_iri.get(p, (compact(p), None))
                item = value(o, coercion)
            node.setdefault(key, []).append(item)
        yield {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in node.items()}
