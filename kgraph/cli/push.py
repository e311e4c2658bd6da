"""``kgraph push``: upload an RDF file or an embedded store to a SPARQL server
with the SPARQL 1.1 Graph Store HTTP Protocol."""

from __future__ import annotations

import argparse

import pyoxigraph as ox

from kgraph.errors import KGraphError
from kgraph.cli._endpoint import CREDENTIALS_HELP, add_connection_arguments, endpoint_from_args

EPILOG = f"""examples:
  kgraph push output/graph.ttl --endpoint http://localhost:7878/store
  kgraph push output/graph.trig --endpoint http://localhost:3030/news/data --replace
  kgraph push --store kgstore --endpoint http://localhost:7878/store --graph https://example.org/news

The endpoint is the Graph Store Protocol URL: Oxigraph's /store, Fuseki's
/DATASET/data, or any full GSP URL. Without --graph, a TriG/N-Quads file or a
store keeps its named graphs and triples go to the default graph; with --graph,
everything goes into that one graph. --replace replaces each target graph (PUT);
otherwise triples are added to it (POST).
{CREDENTIALS_HELP}
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "push",
        help="upload a graph to a SPARQL server (Graph Store Protocol)",
        description="Upload an RDF file or an embedded store to a SPARQL 1.1 server.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="an RDF file (.ttl, .nt, .jsonld, .trig, .nq)")
    p.add_argument("--store", metavar="DIR", help="push an embedded store instead of a file")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol URL")
    p.add_argument("--graph", metavar="IRI", help="put everything into this named graph")
    p.add_argument("--replace", action="store_true", help="replace the target graphs instead of adding to them")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    add_connection_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kgraph.rdf.remote import push
    from kgraph.rdf.store import graphs, load_file, open_store

    if (args.file is None) == (args.store is None):
        raise KGraphError("push needs exactly one source: FILE or --store DIR")
    if args.graph is not None:
        try:
            ox.NamedNode(args.graph)
        except ValueError as err:
            raise KGraphError(f"--graph {args.graph!r} is not an absolute IRI ({err})") from None
    endpoint = endpoint_from_args(args, args.endpoint)
    store = open_store(args.store, create=False) if args.store else load_file(args.file)
    selected = graphs(store, into=args.graph)
    if not selected:
        raise KGraphError(f"{args.file or args.store}: no triples to push")

    def report(upload) -> None:
        if not args.quiet:
            print(f"  {upload.triples} triples -> {upload.graph or 'default graph'}")

    done = push(endpoint, selected, replace=args.replace, on_upload=report)
    if not args.quiet:
        total = sum(u.triples for u in done)
        verb = "replaced" if args.replace else "added to"
        print(f"pushed {total} triples in {len(done)} graph(s), {verb} {args.endpoint}")
    return 0
