"""CoNLL04 typed-relation benchmark: kgraph's statements on the dev sentences, scored by the shared scorer.

Writes the dev sentences (" ".join(tokens)) one per line to a temporary file, runs
`kgraph extract --per-line --format jsonl` over it, and scores the statements with
../shared/bench/conll04_score.py and conll04_map.json (head and strict span matching).
The scorer's score line is printed last.

Usage (from the project root):
    python benchmarks/conll04.py               # the CLI, as a user runs it
    python benchmarks/conll04.py --direct      # the same extraction in-process (extract_doc per line)
    python benchmarks/conll04.py --pairs-only  # only the pair classifier, over kgraph's mentions
    python benchmarks/conll04.py --errors      # also list missed and wrong tuples by relation type
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_pairs import BENCH, DATA, GOLD_PROPERTY, kgraph_mentions, scorer, statement_json  # noqa: E402

GOLD = DATA / "conll04_dev.json"
MAP = BENCH / "conll04_map.json"


# The record fields the scorer reads. Records also carry "sentence" (the sentence's
# offsets), which the scorer would take in place of "line" to name the sentence.
SCORED_FIELDS = ("line", "subject", "predicate", "object", "confidence")


def run_cli(lines_path: Path, out_path: Path) -> None:
    """`kgraph extract --per-line --format jsonl LINES`, keeping the scored fields of each record
    in OUT; raises CalledProcessError on failure."""
    result = subprocess.run([sys.executable, "-m", "kgraph", "extract", "--per-line", "--format", "jsonl",
                             str(lines_path)], capture_output=True, text=True, check=True)
    records = (json.loads(line) for line in result.stdout.splitlines() if line.strip())
    out_path.write_text("".join(json.dumps({k: r[k] for k in SCORED_FIELDS if k in r}) + "\n"
                                for r in records), encoding="utf-8")


def run_direct(sentences: list[str], out_path: Path, *, pairs_only: bool) -> str:
    """What the CLI does, in-process: extract_doc on each sentence (or, with ``pairs_only``,
    just the pair classifier over the mentions extract_doc gives it). Returns a line with the
    time spent extracting against spaCy's parse time."""
    from kgraph.extraction import extract_doc
    from kgraph.extraction.pairs import PairModel, pair_statements
    from kgraph.extraction.model import load_model
    from kgraph.types import Article

    nlp = load_model()
    PairModel.load()  # read the weights before timing
    start = time.perf_counter()
    docs = list(nlp.pipe(sentences, batch_size=64))
    parse_time = time.perf_counter() - start
    mentions = [kgraph_mentions(doc) for doc in docs] if pairs_only else None
    rows, start = [], time.perf_counter()
    for i, doc in enumerate(docs):
        if pairs_only:
            statements = pair_statements(doc, mentions[i], article_id=f"dev:{i}")
        else:
            statements = extract_doc(doc, Article(id=f"dev:{i}", text=doc.text)).statements
        rows.extend(statement_json(i, st.subject, st.predicate, st.object, st.confidence)
                    for st in statements if st.object is not None)
    extract_time = time.perf_counter() - start
    out_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    what = "pair_statements" if pairs_only else "extract_doc"
    return (f"timing: spaCy parse {parse_time:.2f}s, {what} {extract_time:.2f}s "
            f"({100 * extract_time / parse_time:.1f}% of the parse) over {len(docs)} sentences")


def _covers(span, entity) -> bool:
    """The scorer's head rule: ``span`` (start, end) overlaps ``entity`` and holds its last token."""
    return span is not None and span[0] <= entity[2] and span[1] >= entity[3]


def error_report(pred_path: Path) -> list[str]:
    """Lines listing, by relation type, the gold tuples no prediction head-matches (MISS) and the
    predictions that match no gold tuple (WRONG), each with its sentence. A miss says whether
    kgraph found a mention for each argument: "no mention" is an entity-recognition miss,
    "both mentioned" a relation miss."""
    from kgraph.extraction.pairs import PairModel, allowed_labels
    from kgraph.extraction.model import load_model

    score = scorer()
    gold = score.load_gold(str(GOLD))
    mapping, prefixes = score.load_mapping(str(MAP))
    diag = defaultdict(int, _unmapped=defaultdict(int))
    preds = score.load_preds(str(pred_path), gold, mapping, prefixes, float("-inf"), diag)
    missed, found = [], defaultdict(list)
    for i, (text, rels) in enumerate(gold):
        ps = preds.get(i, [])
        matched = set()
        for rtype, head, tail in rels:
            j = next((j for j, (pt, ph, pl) in enumerate(ps) if pt == rtype and j not in matched
                      and _covers(ph, head) and _covers(pl, tail)), None)
            if j is None:
                missed.append((i, rtype, head, tail))
            else:
                matched.add(j)
        for j, (pt, ph, pl) in enumerate(ps):
            if j not in matched:
                args = [text[x[0]:x[1]] if x else "?" for x in (ph, pl)]
                found["WRONG", pt].append(f"{args[0]} -> {args[1]}  | {text}")
    lines = sorted({i for i, *_ in missed})
    labels = PairModel.load().labels
    docs = dict(zip(lines, load_model().pipe(gold[i][0] for i in lines)))
    for i, rtype, head, tail in missed:
        text = gold[i][0]
        mentions = kgraph_mentions(docs[i])
        covering = [[m for m in mentions if _covers((m.span.start, m.span.end), e)] for e in (head, tail)]
        absent = [name for name, ms in zip(("subject", "object"), covering) if not ms]
        prop = GOLD_PROPERTY[rtype]
        if absent:
            cause = f"no mention of the {' and '.join(absent)}"
        elif not any(allowed_labels(a.type, b.type, labels)[labels.index(prop)]
                     for a in covering[0] for b in covering[1]):
            cause = f"types {covering[0][0].type}, {covering[1][0].type} rule out {prop}"
        else:
            cause = "both mentioned"
        found["MISS", rtype].append(f"{text[head[0]:head[1]]} -> {text[tail[0]:tail[1]]}  [{cause}]  | {text}")
    out = []
    for (kind, rtype), items in sorted(found.items()):
        out.append(f"== {kind} {rtype} ({len(items)})")
        out.extend("   " + item for item in items)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--direct", action="store_true", help="run extract_doc in-process instead of the CLI")
    mode.add_argument("--pairs-only", action="store_true", help="score the pair classifier alone, in-process")
    ap.add_argument("--errors", action="store_true", help="list missed and wrong tuples by relation type")
    ap.add_argument("--keep", type=Path, help="also save the statements JSONL here")
    args = ap.parse_args(argv)

    sentences = [" ".join(s["tokens"]) for s in json.loads(GOLD.read_text(encoding="utf-8"))]
    with tempfile.TemporaryDirectory() as tmp:
        lines_path, pred_path = Path(tmp) / "dev.txt", Path(tmp) / "statements.jsonl"
        lines_path.write_text("".join(s + "\n" for s in sentences), encoding="utf-8")
        timing = None
        if args.direct or args.pairs_only:
            timing = run_direct(sentences, pred_path, pairs_only=args.pairs_only)
        else:
            run_cli(lines_path, pred_path)
        if args.keep:
            args.keep.write_bytes(pred_path.read_bytes())
        if args.errors:
            print("\n".join(error_report(pred_path)))
        result = subprocess.run([sys.executable, str(BENCH / "conll04_score.py"), "--gold", str(GOLD),
                                 "--pred", str(pred_path), "--map", str(MAP)],
                                capture_output=True, text=True, check=True)
    if timing:
        print(timing)
    print(result.stdout, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
