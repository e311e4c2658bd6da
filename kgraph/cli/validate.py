"""``kgraph validate``: check an RDF file against kgraph's SHACL shapes."""

from __future__ import annotations

import argparse

from kgraph.rdf.formats import SUFFIXES

EPILOG = """examples:
  kgraph validate output/graph.ttl
  kgraph validate out/graph.trig --shapes my-shapes.ttl --limit 200
  kgraph validate out/graph.ttl --ontology mine.ttl   a graph built with --ontology mine.ttl

Exit code: 0 when the graph conforms, 1 when it violates a shape, 2 when the file
cannot be read.
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "validate",
        help="check an RDF file against the SHACL shapes (ontologies/shapes.ttl)",
        description="Validate a graph with pyshacl against kgraph's SHACL shapes and ontology, "
        "and print a readable report.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help=f"an RDF file ({', '.join(SUFFIXES)})")
    p.add_argument("--shapes", metavar="FILE", help="SHACL shapes to use instead of kgraph's")
    p.add_argument("--ontology", metavar="FILE", help="the ontology the graph was built with, if not kgraph's")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="print at most N violations (default: 50)")
    p.set_defaults(func=run)


def run(args) -> int:
    from kgraph.ontology import load_ontology
    from kgraph.rdf.validate import load_shapes, validate_file

    shapes = load_shapes(args.shapes, ontology=load_ontology(args.ontology)) if args.shapes else None
    report = validate_file(args.file, shapes=shapes, ontology=args.ontology)
    print(f"{args.file}: {report.text(limit=args.limit)}", end="")
    return 0 if report.conforms else 1
