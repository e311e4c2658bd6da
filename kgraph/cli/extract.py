"""``kgraph extract``: print the statements of a file without writing anything."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Iterator

from kgraph.errors import InputError, printable
from kgraph.io.records import CSV_COLUMNS, csv_row, generate_jsonl, statement_record
from kgraph.text import slug
from kgraph.types import Article

EPILOG = """examples:
  kgraph extract story.txt
  kgraph extract sentences.txt --per-line --format jsonl > statements.jsonl
  echo "Ada Lovelace visited Paris." | kgraph extract -
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "extract",
        help="print the statements of a file (no files written)",
        description="Extract typed statements from one input and print them as a table, JSONL or CSV.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", metavar="FILE", help="a .txt, .md, .html or .jsonl file, or - for stdin")
    p.add_argument("--per-line", action="store_true",
                   help="treat every line as its own document; offsets are then relative to the line")
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table", help="output format (default: table)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: the best English one installed)")
    p.add_argument("--batch-size", type=int, default=64, metavar="N", help="documents per nlp.pipe batch (default: 64)")
    p.set_defaults(func=run)


def _lines(path: str) -> Iterator[Article]:
    """One article per line, ids ``<file>:<n>`` with the 0-based line number."""
    from kgraph.io.articles import read_text

    try:
        text = read_text(path)
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from None
    name = "stdin" if path == "-" else slug(Path(path).stem)
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        if line.strip():
            yield Article(id=f"{name}:{number}", text=line, path=path)


def _records(args, report) -> Iterator[dict]:
    from kgraph.io.articles import read_articles
    from kgraph.extraction.model import load_model
    from kgraph.run.pipeline import extract_articles

    nlp = load_model(args.model)
    articles = _lines(args.path) if args.per_line else read_articles([args.path], on_error=report)
    for result in extract_articles(articles, nlp=nlp, batch_size=args.batch_size, on_error=report):
        doc, _, line = result.article.id.rpartition(":") if args.per_line else (result.article.id, "", "")
        for statement in result.statements:
            yield statement_record(statement, doc=doc, line=int(line) if args.per_line else None)


def run(args) -> int:
    failures: list[InputError] = []

    def report(error: InputError) -> None:
        failures.append(error)
        print(f"kgraph: {printable(str(error))}", file=sys.stderr)

    records = _records(args, report)
    out = sys.stdout
    if args.format == "jsonl":
        out.writelines(generate_jsonl(records))
    elif args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_row(r) for r in records)
    else:
        print("subject\tpredicate\tobject\tconfidence\trelation text")
        for r in records:
            obj = r["object"]
            flags = (" NOT" if r["negated"] else "") + (f" [{r['modality']}]" if r["modality"] else "")
            print(f"{r['subject']['text']}\t{r['predicate']}{flags}\t{obj.get('text', obj.get('literal'))}"
                  f"\t{r['confidence']:.2f}\t{r['relation_text']}")
    return 2 if failures else 0
