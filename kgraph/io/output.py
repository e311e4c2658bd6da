"""Write a built graph to a folder: RDF in the chosen formats, the HTML graph and
``statements.jsonl``. Every file is written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from kgraph.io.files import atomic_write
from kgraph.io.records import generate_jsonl, statement_record

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.graph import KnowledgeGraph

__all__ = ["write_outputs", "write_statements"]


def write_statements(kg: "KnowledgeGraph", path: Path) -> Path:
    """Write ``statements.jsonl``: one record per statement (see :mod:`kgraph.io.records`)."""
    with atomic_write(path) as out:
        out.writelines(generate_jsonl(statement_record(s) for s in kg.statements))
    return path


def write_outputs(
    kg: "KnowledgeGraph",
    directory: Path,
    *,
    formats: Sequence[str] = ("ttl",),
    html: bool = True,
    max_nodes: int | None = None,
) -> list[Path]:
    """Write ``graph.<format>`` for each RDF format, ``graph.html`` (unless
    ``html=False``) and ``statements.jsonl`` into ``directory``; return the paths.
    Raises :class:`~kgraph.errors.KGraphError` for a format not in
    :data:`kgraph.rdf.formats.FORMATS`."""
    from kgraph.rdf.formats import write_rdf

    written = [write_rdf(kg, directory / f"graph.{fmt}", fmt) for fmt in formats]
    if html:
        from kgraph.viz.html import write_html

        written.append(write_html(kg, directory / "graph.html", max_nodes=max_nodes))
    written.append(write_statements(kg, directory / "statements.jsonl"))
    return written
