"""News facts benchmark: kgraph's graph of the BBC dev articles against the analyst's exhaustive gold.

Builds the gold file's articles (each `path` is relative to ../shared/data/) with the
kgraph CLI in a subprocess (`kgraph build FILES -o TMP --no-html -q`), scores the
graph.ttl with ../shared/bench/news_score.py (always with -v, so that every right,
wrong and missed fact is known), and prints precision, recall and F1, the entity
types, and a table by property: required gold facts found / required (a fact whose
gold property is a list counts under each of its properties, as the scorer counts
it), the predictions of that property the scorer counts right and wrong, and how many
of the wrong ones have an end that maps to no gold entity. The scorer's score line is
printed last.

Usage (from the project root):
    python benchmarks/news.py                    # BBC dev (../shared/data/news-gold/bbc-dev.json)
    python benchmarks/news.py -v                 # also list every wrong and missed fact by property
    python benchmarks/news.py --keep out/news    # keep the build and the scorer's verbose output
    python benchmarks/news.py --gold OTHER.json --data DIR
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
DATA = SHARED / "data"
GOLD = DATA / "news-gold" / "bbc-dev.json"
SCORER = SHARED / "bench" / "news_score.py"

_PER_PROPERTY = re.compile(r"(\w+) (\d+)/(\d+) found, (\d+) right (\d+) wrong")


def build(paths: list[Path], out_dir: Path, *, workers: int = 1) -> float:
    """`kgraph build PATHS -o OUT_DIR --no-html -q` in a subprocess; returns its wall time.
    Raises CalledProcessError (with kgraph's stderr shown) on failure."""
    cmd = [sys.executable, "-m", "kgraph", "build", *map(str, paths), "-o", str(out_dir), "--no-html", "-q"]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode:
        sys.stderr.write(result.stderr)
        result.check_returncode()
    return time.perf_counter() - start


def score(graph: Path, gold: Path) -> str:
    """The scorer's verbose output (`news_score.py GRAPH --gold GOLD -v --json`)."""
    return subprocess.run([sys.executable, str(SCORER), str(graph), "--gold", str(gold), "-v", "--json"],
                          capture_output=True, text=True, check=True).stdout


def parse_score(text: str) -> dict:
    """Figures, per-property counts and per-fact lines from the scorer's verbose output.

    Returns {"figures": the --json dict, "last": the score line, "props": {p: Counter(found,
    required, right, wrong, wrong_unmapped)}, "wrong": {p: [line]}, "missed": {p: [line]}}.
    The counts are the scorer's own ("per property:" line); the WRONG lines tell a prediction
    whose end maps to no gold entity from one that no gold fact supports."""
    figures, last = {}, ""
    props: dict[str, Counter] = defaultdict(Counter)
    wrong, missed = defaultdict(list), defaultdict(list)
    # Labels may hold spaces and lowercase words ("Bank of England"): a WRONG line's property is
    # its word that the "per property:" line names (every wrong prediction is counted there).
    known = {m[0] for line in text.splitlines() if line.startswith("per property: ")
             for m in _PER_PROPERTY.findall(line)}
    article = "?"
    for line in text.splitlines():
        if line.startswith("== "):
            article = line.split()[1]
        elif line.startswith("  WRONG "):
            body = line[len("  WRONG "):]
            facts, _, why = body.partition("   [")
            words = facts.split()
            p = next((w for w in words[1:-1] if w in known), "?")
            wrong[p].append(f"{article}: {facts.strip()}  [{why}")
            if why.startswith("entity not in gold"):
                props[p]["wrong_unmapped"] += 1
        elif line.startswith("  MISS "):
            s, ps, o = line.split()[1:4]
            for p in ps.split("|"):
                missed[p].append(f"{article}: {s} {ps} {o}")
        elif line.startswith("per property: "):
            for p, found, required, right, bad in _PER_PROPERTY.findall(line):
                props[p].update(found=int(found), required=int(required), right=int(right), wrong=int(bad))
        elif line.startswith("{"):
            figures = json.loads(line)
        elif line.startswith("news P="):
            last = line
    return {"figures": figures, "last": last, "props": props, "wrong": wrong, "missed": missed}


def report(parsed: dict, *, verbose: bool = False) -> list[str]:
    """Lines: the overall figures, the per-property table and (verbose) the wrong and missed facts."""
    f = parsed["figures"]
    out = [f"precision {f['P']:.3f}  recall {f['R']:.3f}  F1 {f['F1']:.3f}   "
           f"(predictions right {f['right']}, wrong {f['wrong']}; required gold facts found "
           f"{f['found']}/{f['required']})",
           f"entity types: {f['typed']}/{f['typed_of']} gold Person/Organization/Country/City entities "
           f"have a graph entity of that type"
           + (f" ({f['typed'] / f['typed_of']:.3f})" if f["typed_of"] else ""),
           "",
           f"{'property':<20} {'found/required':>14} {'recall':>7} {'right':>6} {'wrong':>6} "
           f"{'(no gold entity)':>16} {'precision':>9}"]
    props = parsed["props"]
    for p in sorted(props, key=lambda p: (-props[p]["required"], p)):
        c = props[p]
        rec = f"{c['found'] / c['required']:.2f}" if c["required"] else "-"
        pred = c["right"] + c["wrong"]
        prec = f"{c['right'] / pred:.2f}" if pred else "-"
        out.append(f"{p:<20} {c['found']:>6}/{c['required']:<7} {rec:>7} {c['right']:>6} {c['wrong']:>6} "
                   f"{c['wrong_unmapped']:>16} {prec:>9}")
    total = Counter()
    for c in props.values():
        total.update(c)
    out.append(f"{'(sum over rows)':<20} {total['found']:>6}/{total['required']:<7} {'':>7} {total['right']:>6} "
               f"{total['wrong']:>6} {total['wrong_unmapped']:>16}")
    out.append("A required fact whose gold property is a list (meetsWith|talksWith) counts under each; "
               "right/wrong are by the predicted property.")
    if verbose:
        for kind, items in (("WRONG", parsed["wrong"]), ("MISS", parsed["missed"])):
            for p in sorted(items):
                out.append(f"== {kind} {p} ({len(items[p])})")
                out.extend("   " + x for x in items[p])
    return out


def run(gold: Path, articles: list[Path], *, workers: int, keep: Path | None, verbose: bool) -> int:
    """Build ``articles``, score the graph against ``gold``, print the report; keep the build and
    the verbose score in ``keep`` if given."""
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = keep / "build" if keep else Path(tmp) / "build"
        seconds = build(articles, out_dir, workers=workers)
        text = score(out_dir / "graph.ttl", gold)
        if keep:
            (keep / "score.txt").write_text(text, encoding="utf-8")
    parsed = parse_score(text)
    print(f"built {len(articles)} articles in {seconds:.1f}s")
    print("\n".join(report(parsed, verbose=verbose)))
    print(parsed["last"])
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD, help="news gold file (default: BBC dev)")
    ap.add_argument("--data", type=Path, default=DATA, help="folder the gold articles' paths are relative to")
    ap.add_argument("--workers", type=int, default=1, help="kgraph build --workers")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="keep the build (DIR/build) and the verbose "
                    "score (DIR/score.txt)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every wrong and missed fact by property")
    args = ap.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    articles = [args.data / a["path"] for a in gold["articles"]]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    return run(args.gold, articles, workers=args.workers, keep=args.keep, verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())
