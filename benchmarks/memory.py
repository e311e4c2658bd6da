"""Peak memory of `kgraph build` on a corpus and on the same corpus repeated.

Writes the corpus (default: all 2,225 BBC articles) as a JSONL file once and
repeated `--times` times (each copy with distinct ids), builds each in a fresh
process with `kgraph build FILE -o TMP -q`, and prints the peak resident memory
of the build process, and of it and its worker processes together (with
`--workers N`), and the growth from the single corpus to the repeated one. The targets: under 1.5 GB
for the BBC corpus, and at most 1.5 times that for four times the corpus. With
`--workers N` it also prints the largest worker's peak above a process that only
loaded the model (the target: at most 400 MB). Peaks are sampled every 0.2 s, so
a worker's shortest spikes may be missed.

    python benchmarks/memory.py                      # BBC once and 4 times
    python benchmarks/memory.py --workers 2 --limit 500
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
from measure import TreeUsage  # noqa: E402  a sibling module: run as a script, this folder is on sys.path
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "news" / "bbc"


def _write_jsonl(path: Path, corpus: Path, limit: int | None, times: int) -> int:
    from kgraph.io.articles import read_articles

    articles = []
    for article in read_articles([corpus], on_error=lambda error: None):
        articles.append(article)
        if limit and len(articles) >= limit:
            break
    with open(path, "w", encoding="utf-8") as out:
        for copy in range(times):
            for article in articles:
                record = {"id": f"{article.id}-copy{copy}", "title": article.title, "text": article.text}
                out.write(json.dumps(record) + "\n")
    return len(articles) * times


#: Run in a fresh interpreter: the resident memory (MB) of a process that only loaded the model.
_MODEL_ALONE = ("import psutil; from kgraph.extraction.model import load_model; load_model(); "
                "print(psutil.Process().memory_info().rss / 2**20)")


def phase(jsonl: Path, workers: int, batch_size: int) -> dict:
    """Build ``jsonl`` in this process; the figures as a dict."""
    from kgraph.cli import main

    with TreeUsage() as usage:
        code = main(["build", str(jsonl), "-o", str(jsonl.with_suffix("")), "-q", "--workers", str(workers),
                     "--batch-size", str(batch_size)])
    return {"exit": code, **usage.figures()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="use only the first N articles of the corpus")
    parser.add_argument("--times", type=int, default=4, help="how many copies in the large build (default: 4)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:  # inside a measuring subprocess
        print(json.dumps(phase(Path(args.phase), args.workers, args.batch_size)))
        return

    rows = {}
    model_mb = 0.0
    if args.workers > 1:
        done = subprocess.run([sys.executable, "-c", _MODEL_ALONE], capture_output=True, text=True, check=True)
        model_mb = float(done.stdout.strip().splitlines()[-1])
        print(f"a process that only loaded the model: {model_mb:.0f} MB")
    with tempfile.TemporaryDirectory(prefix="kgraph-memory-") as tmp:
        for times in (1, args.times):
            jsonl = Path(tmp, f"corpus-x{times}.jsonl")
            count = _write_jsonl(jsonl, args.corpus, args.limit, times)
            done = subprocess.run([sys.executable, __file__, "--phase", str(jsonl), "--workers", str(args.workers),
                                   "--batch-size", str(args.batch_size)], capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"build of {jsonl.name} failed:\n{done.stderr}")
            rows[times] = (count, json.loads(done.stdout.strip().splitlines()[-1]))
            count, row = rows[times]
            worker = (f"; largest worker {row['worker_peak_mb']:.0f} MB, "
                      f"{row['worker_peak_mb'] - model_mb:.0f} MB above the model alone (target <= 400)"
                      if row.get("worker_peak_mb") else "")
            print(f"x{times}: {count} articles in {row['seconds']:.0f} s; peak of the build process "
                  f"{row['peak_mb']:.0f} MB; peak with its workers {row['tree_peak_mb']:.0f} MB{worker}", flush=True)
    small, large = rows[1][1], rows[args.times][1]
    print(f"growth x{args.times} / x1: {large['peak_mb'] / small['peak_mb']:.2f} (build process), "
          f"{large['tree_peak_mb'] / small['tree_peak_mb']:.2f} (with workers); target <= 1.5")


if __name__ == "__main__":
    main()
