"""``kgraph openie``: open propositions, one input sentence per line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator

from kgraph.errors import InputError

EPILOG = """examples:
  kgraph openie sentences.txt --format carb > predictions.tsv
  echo "Ada Lovelace, a mathematician, was born in London." | kgraph openie - --format jsonl
"""

def register(subparsers) -> None:
    p = subparsers.add_parser(
        "openie",
        help="print open propositions (arg1 / relation / args) of one sentence per line",
        description="Open information extraction: every clause of every input line as a proposition. "
        "--format carb writes CaRB's tab format (sentence, confidence, relation, arguments) and "
        "reads the input as pre-tokenised (split on whitespace), keeping its tokens in the arguments.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", metavar="FILE", help="a text file with one sentence per line, or - for stdin")
    p.add_argument("--format", choices=("carb", "jsonl"), default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--pretokenized", action=argparse.BooleanOptionalAction, default=None,
                   help="split tokens on whitespace only (default: on with --format carb, off otherwise)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: the best English one installed)")
    p.add_argument("--batch-size", type=int, default=64, metavar="N", help="lines per nlp.pipe batch (default: 64)")
    p.set_defaults(func=run)


def read_lines(path: str) -> list[tuple[int, str]]:
    """``(0-based line number, line)`` for the non-blank lines of ``path`` (``-``: stdin),
    without line ends; raises :class:`~kgraph.errors.InputError` when it cannot be read."""
    from kgraph.io.articles import read_text

    try:
        text = read_text(path).replace("\r\n", "\n")
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from None
    return [(number, line) for number, line in enumerate(text.split("\n")) if line.strip()]


def generate_carb(lines: list[str], results: Iterable[list], *, pretokenized: bool) -> Iterator[str]:
    """CaRB lines ``sentence \\t confidence \\t relation \\t arg1 \\t arg2 ...`` for the
    propositions of each line, each sentence copied as given; with ``pretokenized``
    lines, the arguments are the line's own whitespace tokens joined by one space."""
    for line, props in zip(lines, results):
        for prop in props:
            fields = [" ".join(a.text.split()) if pretokenized else a.text for a in (prop.arg1, *prop.args)]
            yield "\t".join([line, f"{prop.confidence:.3f}", prop.relation, *fields]) + "\n"


def generate_records(numbers: list[int], results: Iterable[list]) -> Iterator[str]:
    """One JSON line per proposition: ``line`` (the 0-based line number in ``numbers``),
    ``arg1``/``args`` as ``{"text", "start", "end"}`` (offsets in the line), ``relation``,
    ``confidence``, ``negated``, ``modality`` and the ``sentence`` span."""
    for number, props in zip(numbers, results):
        for prop in props:
            record = {
                "line": number,
                "arg1": _span_record(prop.arg1),
                "relation": prop.relation,
                "args": [_span_record(a) for a in prop.args],
                "confidence": prop.confidence,
                "negated": prop.negated,
                "modality": prop.modality,
                "sentence": _span_record(prop.sentence),
            }
            yield json.dumps(record, ensure_ascii=False) + "\n"


def _span_record(span) -> dict:
    return {"text": span.text, "start": span.start, "end": span.end}


def run(args) -> int:
    from kgraph import openie

    pretokenized = args.format == "carb" if args.pretokenized is None else args.pretokenized
    numbered = read_lines(args.path)
    lines = [line for _, line in numbered]
    results = openie(lines, model=args.model, pretokenized=pretokenized, batch_size=args.batch_size)
    if args.format == "carb":
        sys.stdout.writelines(generate_carb(lines, results, pretokenized=pretokenized))
    else:
        sys.stdout.writelines(generate_records([number for number, _ in numbered], results))
    return 0
