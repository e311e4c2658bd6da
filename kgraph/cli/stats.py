"""``kgraph stats``: what a built graph holds, and exports for Gephi/Cytoscape."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kgraph.viz.network import EXPORT_FORMATS
from kgraph.cli._graph_source import add_graph_source, read_graph_source

EPILOG = """examples:
  kgraph stats output/graph.ttl
  kgraph stats --store kgstore --top 20
  kgraph stats output/graph.ttl --format graphml,gexf -o exports/

Centrality is PageRank over the undirected graph; communities are Louvain
(fixed seed); components are weakly connected. Exports hold one node per entity
and one edge per statement, negated and hedged ones flagged.
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "stats",
        help="count entities and statements, rank entities, find communities; export GraphML/GEXF",
        description="Summarise a graph written by `kgraph build` (an RDF file or an embedded "
        "store): counts by class and relation, the most central entities, communities and "
        "connected components. --format exports the graph for Gephi or Cytoscape.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_source(p)
    p.add_argument("--top", metavar="N", type=int, default=10,
                   help="how many central entities and communities to list (default: 10)")
    p.add_argument("--format", metavar="FORMATS", type=_formats, default=(),
                   help=f"also export the graph, comma-separated: {','.join(EXPORT_FORMATS)}")
    p.add_argument("-o", "--output", metavar="DIR", default=".",
                   help="folder for the exports, written as graph.<format> (default: .)")
    p.set_defaults(func=run)


def _formats(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in names if name not in EXPORT_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or repr(text)}; choose from {','.join(EXPORT_FORMATS)}")
    return names


def _names(keys, graph, limit: int = 6) -> str:
    labels = [graph.nodes[key]["label"] for key in keys[:limit]]
    more = f", +{len(keys) - limit} more" if len(keys) > limit else ""
    return ", ".join(labels) + more


def report(summary, graph, *, top: int) -> str:
    """The text ``kgraph stats`` prints for a :class:`kgraph.viz.analytics.GraphSummary`."""
    lines = [f"{summary.entities} entities, {summary.statements} statements between entities "
             f"({summary.negated} negated, {summary.hedged} hedged)", "", "Entities by class:"]
    lines += [f"  {count:>6}  {name}" for name, count in summary.classes]
    lines += ["", "Statements by relation:"]
    lines += [f"  {count:>6}  {name}" for name, count in summary.relations]
    lines += ["", f"Most central entities (PageRank, top {top}):"]
    lines += [f"  {rank:.4f}  {label} ({graph.nodes[key]['type']})" for key, label, rank in summary.central[:top]]
    shared = sum(1 for c in summary.communities if len(c) > 1)
    lines += ["", f"Communities (Louvain): {len(summary.communities)} ({shared} of two or more entities; "
              "most central members first)"]
    lines += [f"  {len(c):>6}  {_names(c, graph)}" for c in summary.communities[:top]]
    sizes = [len(c) for c in summary.components]
    lines += ["", f"Connected components: {len(sizes)}"
              + (f" (largest {sizes[0]} entities, {sizes.count(1)} isolated)" if sizes else "")]
    return "\n".join(lines) + "\n"


def run(args) -> int:
    from kgraph.viz.analytics import summarize
    from kgraph.viz.network import export, to_networkx

    kg = read_graph_source(args)
    graph = to_networkx(kg)
    sys.stdout.write(report(summarize(graph, top=args.top), graph, top=args.top))
    for fmt in args.format:
        path = export(graph, Path(args.output) / f"graph.{fmt}", fmt)
        print(f"wrote {path}", file=sys.stderr)
    return 0
