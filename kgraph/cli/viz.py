"""``kgraph viz``: the interactive HTML graph of an RDF file or store."""

from __future__ import annotations

import argparse
import sys

from kgraph.cli._graph_source import add_graph_source, read_graph_source

EPILOG = """examples:
  kgraph viz output/graph.ttl -o graph.html
  kgraph viz --store kgstore -o graph.html --max-nodes 500

The page works offline: open it in any browser, no server needed.
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "viz",
        help="draw a built graph (RDF file or store) as an offline HTML page",
        description="Read a graph written by `kgraph build` (Turtle or another RDF format, or "
        "an embedded store) and write the interactive HTML graph: legend, filters, search, "
        "evidence for every fact.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_source(p)
    p.add_argument("-o", "--output", metavar="HTML", default="graph.html",
                   help="the page to write (default: graph.html)")
    p.add_argument("--max-nodes", metavar="N", type=_count, default=None,
                   help="keep only the N most central entities (the page says how many were left out)")
    p.set_defaults(func=run)


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def run(args) -> int:
    from kgraph.viz.html import write_html

    kg = read_graph_source(args)
    path = write_html(kg, args.output, max_nodes=args.max_nodes)
    note = f"{len(kg.entities)} entities, {len(kg.statements)} statements"
    if args.max_nodes is not None and args.max_nodes < len(kg.entities):
        note += f"; the {args.max_nodes} most central entities drawn"
    print(f"wrote {path} ({note})", file=sys.stderr)
    return 0
