"""Turtle and TriG: the sorted N-Triples/N-Quads lines of :mod:`.ntriples`
rewritten by pyoxigraph's writer (in Rust, far faster than rdflib's), with the
prefix block put in name order so the bytes never depend on pyoxigraph's."""

from __future__ import annotations

import io
from typing import IO, Iterable

import pyoxigraph as ox

from kgraph.errors import KGraphError
from kgraph.rdf.formats.ntriples import ChunkReader, line_chunks
from kgraph.rdf.terms import Quad

__all__ = ["write"]


def write(quads: Iterable[Quad], handle: IO[bytes], *, named: bool, prefixes: dict[str, str],
          ontology=None) -> None:
    """Write ``quads`` to ``handle`` (opened ``"w+b"``: the prefix block is read
    back) as TriG (``named``) or Turtle with ``prefixes``; ``ontology`` is
    unused (the terms are written as they are). Raises
    :class:`~kgraph.errors.KGraphError` when pyoxigraph writes unexpected prefix lines."""
    source = io.BufferedReader(ChunkReader(line_chunks(quads, named=named)), buffer_size=1 << 20)
    parsed = ox.parse(source, ox.RdfFormat.N_QUADS if named else ox.RdfFormat.N_TRIPLES)
    ox.serialize(parsed, handle, ox.RdfFormat.TRIG if named else ox.RdfFormat.TURTLE, prefixes=prefixes)
    _sort_prefix_block(handle, prefixes)


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
