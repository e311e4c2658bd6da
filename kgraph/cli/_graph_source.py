"""The input shared by the commands that read a built graph back (``viz``, ``stats``):
an RDF file or an embedded store."""

from __future__ import annotations

from kgraph.rdf.formats import SUFFIXES

__all__ = ["add_graph_source", "read_graph_source"]


def add_graph_source(parser) -> None:
    """Add ``FILE | --store DIR`` (one of them required) to ``parser``."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", metavar="FILE", help=f"an RDF file ({', '.join(SUFFIXES)})")
    source.add_argument("--store", metavar="DIR", help="an embedded store made by `kgraph build --store DIR`")


def read_graph_source(args):
    """The :class:`~kgraph.graph.KnowledgeGraph` named by ``args.file`` or ``args.store``."""
    from kgraph.rdf.readback import read_graph

    return read_graph(args.store or args.file, store=bool(args.store))
