"""Re-DocRED benchmark: kgraph's graph of Wikipedia documents against Re-DocRED's exhaustive relations.

Converts ../shared/data/redocred/dev_revised.json with ../shared/bench/redocred_to_gold.py
into plain-text articles and a news gold file (the Wikidata properties mapped to kgraph's,
see MAPPING there) in a temporary folder, builds the articles with the kgraph CLI in a
subprocess (`kgraph build ARTICLES -o TMP --no-html -q --workers N`), scores the graph
with ../shared/bench/news_score.py (which scores only the mapped properties, the gold
file's scored_properties) and prints the same figures and per-property table as
benchmarks/news.py. The scorer's score line is printed last.

Usage (from the project root):
    python benchmarks/redocred.py                 # all 500 dev documents, 2 worker processes
    python benchmarks/redocred.py --limit 100     # the first 100 documents (a quick run)
    python benchmarks/redocred.py -v --keep out/redocred   # list wrong/missed facts; keep everything
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news import SHARED, run  # noqa: E402

REDOCRED = SHARED / "data" / "redocred" / "dev_revised.json"
CONVERTER = SHARED / "bench" / "redocred_to_gold.py"


def convert(source: Path, out_dir: Path, limit: int | None) -> str:
    """`redocred_to_gold.py SOURCE OUT_DIR [--limit N]`: OUT_DIR/articles/*.txt and OUT_DIR/gold.json.
    Returns the converter's first output line (documents and facts)."""
    cmd = [sys.executable, str(CONVERTER), str(source), str(out_dir)]
    if limit:
        cmd += ["--limit", str(limit)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()[0]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REDOCRED, help="Re-DocRED JSON (default: dev_revised.json)")
    ap.add_argument("--limit", type=int, metavar="N", help="only the first N documents")
    ap.add_argument("--workers", type=int, default=2, help="kgraph build --workers (default: 2)")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="keep the articles and gold (DIR/articles, "
                    "DIR/gold.json), the build (DIR/build) and the verbose score (DIR/score.txt)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every wrong and missed fact by property")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(convert(args.data, work, args.limit))
        articles = sorted((work / "articles").glob("*.txt"))
        return run(work / "gold.json", articles, workers=args.workers, keep=args.keep, verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())
