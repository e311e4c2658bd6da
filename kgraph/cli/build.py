"""``kgraph build``: articles in, graph files out."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kgraph.errors import InputError, KGraphError
from kgraph.graph import DEFAULT_BASE
from kgraph.rdf.formats import FORMATS

EPILOG = """examples:
  kgraph build seeds/                       build the seed article into output/
  kgraph build articles/ feed.jsonl -o out  folders are read recursively
  cat story.txt | kgraph build - --format ttl,nt,jsonld
  kgraph build bbc/ --workers 2             parse and extract in 2 processes
  kgraph build bbc/ --dask local:4          run on a local Dask cluster of 4 workers
  kgraph build bbc/ --dask tcp://10.0.0.5:8786
  kgraph build new/ --store kgstore         add to a store, skipping articles already in it
  kgraph build new/ --ontology mine.ttl     extract with the classes and lexicon of your ontology
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "build",
        help="build a knowledge graph from articles",
        description="Read articles (.txt, .md, .html, .htm, .jsonl, folders, or - for stdin), "
        "extract typed facts, and write graph.ttl, graph.html and statements.jsonl.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    p.add_argument("-o", "--output", metavar="DIR",
                   help="output folder (default: output/, or none with --store)")
    p.add_argument("--format", default="ttl", metavar="FORMATS",
                   help=f"comma-separated RDF formats among {','.join(FORMATS)} (default: ttl)")
    p.add_argument("--base", default=DEFAULT_BASE, metavar="IRI", help=f"namespace of minted IRIs (default: {DEFAULT_BASE})")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: the best English one installed)")
    p.add_argument("--ontology", metavar="FILE",
                   help="an ontology file to use instead of kgraph's (see `kgraph ontology`)")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("--max-nodes", type=int, metavar="N", help="draw only the N most central entities in graph.html")
    p.add_argument("--batch-size", type=int, default=32, metavar="N", help="articles per nlp.pipe batch (default: 32)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes that parse and extract (default: 1)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run parsing and extraction on a Dask cluster: a scheduler address, "
                   "or local:N for a local cluster of N worker processes")
    p.add_argument("--store", metavar="DIR",
                   help="add the articles to the embedded Oxigraph store in DIR (created if needed), "
                   "skipping those already in it; new entities merge with the stored ones")
    p.add_argument("--strict", action="store_true", help="stop at the first input that fails")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (no progress bar)")
    p.set_defaults(func=run)


def _formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise KGraphError(f"unknown format {','.join(unknown) or value!r}; choose from {', '.join(FORMATS)}")
    return formats


class _StrictStop(Exception):
    pass


def run(args) -> int:
    from kgraph.run.pipeline import build

    formats = _formats(args.format)
    if args.dask and args.workers > 1:
        raise KGraphError("use --workers or --dask, not both (Dask workers are set on the cluster)")
    output = args.output or (None if args.store else "output")
    skipped: list[str] = []

    def report(error: InputError) -> None:
        print(f"kgraph: {error}", file=sys.stderr)
        if args.strict:
            raise _StrictStop

    started = time.perf_counter()
    try:
        kg = build(args.paths, model=args.model, base=args.base, ontology=args.ontology, store=args.store,
                   workers=args.workers,
                   dask=args.dask, batch_size=args.batch_size, show_progress=not args.quiet and sys.stderr.isatty(),
                   on_error=report, on_skip=lambda article: skipped.append(article.id),
                   prepare=_writers(args) if output is not None else ())
    except _StrictStop:
        print("kgraph: stopped at the first failure (--strict); nothing written", file=sys.stderr)
        return 2
    if not kg.articles and not skipped:
        raise KGraphError("no article could be read from the given paths; nothing written")
    written: list = []
    if output is not None and kg.articles:
        written = kg.write(Path(output), formats=formats, html=not args.no_html, max_nodes=args.max_nodes,
                           parallel=args.workers > 1 or bool(args.dask))
    if not args.quiet:
        seconds = time.perf_counter() - started
        failed = len(kg.failures)
        done = len(kg.articles) + len(skipped) + failed
        print(f"{_count(len(kg.articles), 'article')}, {_count(len(kg.entities), 'entity', 'entities')}, "
              f"{_count(len(kg.statements), 'statement')} ({_count(failed, 'input')} failed"
              + (f", {_count(len(skipped), 'article')} already in the store" if args.store else "")
              + f") in {seconds:.1f} s, {done / seconds:.1f} articles/s")
        for path in written:
            print(f"  wrote {path}")
        if args.store and kg.articles:
            from kgraph.rdf.store import open_store

            print(f"  store {args.store}: {len(open_store(args.store, create=False))} quads")
    return 2 if kg.failures else 0


def _writers(args) -> list[str]:
    """The modules that write the outputs, for the build to import while workers parse."""
    return ["kgraph.io.output", "kgraph.rdf.formats"] + ([] if args.no_html else ["kgraph.viz.html"])


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """``"1 article"``, ``"2 articles"``."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
