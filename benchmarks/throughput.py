"""Throughput of `kgraph build` against bare spaCy `nlp.pipe` on the same texts.

Each measurement runs in a fresh process, one after the other:

- bare: load the model, then `for doc in nlp.pipe(texts)` (nothing else);
- build: `kgraph build CORPUS -o TMP --max-nodes N -q` end to end (read, parse,
  extract, resolve, RDF, HTML of the N most central entities, statements.jsonl),
  once per `--workers` value (1 = one process, the comparison with bare).

It prints, for each: articles/s, words/s, wall and CPU seconds (CPU includes
worker processes) and peak resident memory (of the process, and of it and its
workers together); then build/bare ratios (the target
is >= 0.85 for one process) and the speed-up of each worker count over one.
CPU ratios are printed too because wall time is noisy on a shared machine.

    python benchmarks/throughput.py                        # all 2,225 BBC articles
    python benchmarks/throughput.py --limit 300 --workers 1,2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
from measure import TreeUsage  # noqa: E402  a sibling module: run as a script, this folder is on sys.path
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "news" / "bbc"


def _corpus(path: Path, limit: int | None, folder: Path) -> tuple[Path, list[str]]:
    """The articles of ``path`` (at most ``limit``) copied as one JSONL file, so
    both measurements see exactly the same cleaned texts; returns it and the texts."""
    from kgraph.io.articles import read_articles

    articles = []
    for article in read_articles([path], on_error=lambda error: None):
        articles.append(article)
        if limit and len(articles) >= limit:
            break
    jsonl = folder / "corpus.jsonl"
    with open(jsonl, "w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps({"id": article.id, "title": article.title, "text": article.text}) + "\n")
    return jsonl, [article.text for article in articles]


def phase_bare(jsonl: Path, batch_size: int, model: str | None) -> dict:
    from kgraph.extraction.model import load_model

    texts = [json.loads(line)["text"] for line in open(jsonl, encoding="utf-8")]
    with TreeUsage() as usage:
        nlp = load_model(model)
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    return usage.figures()


def phase_build(jsonl: Path, batch_size: int, model: str | None, workers: int, max_nodes: int) -> dict:
    from kgraph.cli import main

    argv = ["build", str(jsonl), "-o", str(jsonl.parent / f"out-{workers}"), "-q",
            "--batch-size", str(batch_size), "--workers", str(workers), "--max-nodes", str(max_nodes)]
    if model:
        argv += ["--model", model]
    with TreeUsage() as usage:
        code = main(argv)
    return {"exit": code, **usage.figures()}


def _run_phase(args: list[str]) -> dict:
    """Run one phase in a fresh interpreter and return its JSON figures."""
    done = subprocess.run([sys.executable, __file__, "--phase", *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"phase {args[0]} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="folder or file of articles")
    parser.add_argument("--limit", type=int, help="use only the first N articles")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts to build with (default: 1,2)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-nodes", type=int, default=300, help="entities drawn in graph.html (default: 300)")
    parser.add_argument("--model", help="spaCy pipeline (default: the one kgraph picks)")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:  # inside a measuring subprocess
        name, jsonl = args.phase[0], Path(args.phase[1])
        if name == "bare":
            result = phase_bare(jsonl, args.batch_size, args.model)
        else:
            result = phase_build(jsonl, args.batch_size, args.model, int(args.phase[2]), args.max_nodes)
        print(json.dumps(result))
        return

    common = ["--batch-size", str(args.batch_size), "--max-nodes", str(args.max_nodes)]
    if args.model:
        common += ["--model", args.model]
    with tempfile.TemporaryDirectory(prefix="kgraph-throughput-") as tmp:
        jsonl, texts = _corpus(args.corpus, args.limit, Path(tmp))
        words = sum(len(text.split()) for text in texts)
        print(f"corpus: {args.corpus} ({len(texts)} articles, {words} words), batch size {args.batch_size}, "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        rows = {"bare nlp.pipe": _run_phase(["bare", str(jsonl), *common])}
        for workers in (int(w) for w in args.workers.split(",")):
            rows[f"kgraph build --workers {workers}"] = _run_phase(["build", str(jsonl), str(workers), *common])

    print(f"load average after: {os.getloadavg()[0]:.1f} (wall-time figures need an otherwise idle machine)")
    print(f"{'':32} {'articles/s':>10} {'words/s':>9} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'all procs MB':>12}")
    for name, row in rows.items():
        print(f"{name:32} {len(texts) / row['seconds']:10.2f} {words / row['seconds']:9.0f} {row['seconds']:8.1f} "
              f"{row['cpu']:8.1f} {row['peak_mb']:8.0f} {row['tree_peak_mb']:12.0f}")
    bare = rows["bare nlp.pipe"]
    builds = {name: row for name, row in rows.items() if name.startswith("kgraph")}
    for name, row in builds.items():
        print(f"{name}: throughput ratio to bare nlp.pipe {bare['seconds'] / row['seconds']:.2f} (wall), "
              f"{bare['cpu'] / row['cpu']:.2f} (CPU)")
    one = builds.get("kgraph build --workers 1")
    for name, row in builds.items():
        if one is not None and row is not one:
            print(f"{name}: {one['seconds'] / row['seconds']:.2f}x faster than --workers 1 (wall)")


if __name__ == "__main__":
    main()
