"""N-Triples and N-Quads: kgraph's quads as sorted lines, built with plain string
operations; also the stream that feeds those lines to pyoxigraph's parsers (the
Turtle and TriG writers, the store)."""

from __future__ import annotations

import io
from collections import defaultdict
from itertools import groupby
from typing import IO, Iterable, Iterator

from kgraph.rdf.terms import IRI, Quad, Term

__all__ = ["nt_term", "line_chunks", "ChunkReader", "write"]

_CHUNK_LINES = 8192  # lines per chunk written or parsed

# N-Triples escapes: ECHAR for quote, backslash and the named controls, \\uXXXX for
# the other control characters, so every line is valid and one line long.
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
            ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x00, 0x08), 0x0B, *range(0x0E, 0x20), 0x7F)})


def nt_term(term: Term) -> str:
    """A :data:`Term` in N-Triples syntax. IRIs are written as they are: kgraph
    mints only valid ones (see :mod:`kgraph.rdf.iris`)."""
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


def write(quads: Iterable[Quad], handle: IO[bytes], *, named: bool, prefixes: dict[str, str],
          ontology=None) -> None:
    """Write ``quads`` to ``handle`` as sorted N-Quads (``named``) or N-Triples
    lines. ``prefixes`` and ``ontology`` are unused: these syntaxes have no
    prefixes and no context."""
    for chunk in line_chunks(quads, named=named):
        handle.write(chunk)
