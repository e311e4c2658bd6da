"""Throughput of `kgraph build` against bare spaCy `nlp.pipe` on the same texts,
and how it scales across cores.

Each measurement runs in a fresh process, one after the other:

- model: load the model and nothing else (the memory a worker needs at least);
- bare: load spaCy's pipeline as spaCy ships it (`spacy.load`), then
  `for doc in nlp.pipe(texts)` (nothing else);
- parse: the same with kgraph's pipeline (`kgraph.extraction.model.load_model`:
  the same model, its attribute ruler and lemmatizer replaced by faster
  equivalents), the parse a build does;
- build: `kgraph build CORPUS -o TMP --max-nodes N -q` end to end (read, parse,
  extract, resolve, RDF, HTML of the N most central entities, statements.jsonl),
  once per `--workers` value (1 = one process, the comparison with bare; a value
  given twice is run twice), and once per `--dask local:N` value.

It prints, for each: articles/s, words/s, wall and CPU seconds (CPU includes
worker processes), the coordinating process's own CPU per 1,000 articles (the
process that reads, dispatches, merges and writes: the target is <= 1.5 s with
--workers 2), the CPU per 1,000 articles of the processes that write the output
files (with --workers N > 1 or --dask they are forked children, so that work
moves to other cores rather than vanishing; 0 when the build writes them
itself), peak resident memory (of the process, of it and its workers
together, and of the largest worker above the model alone: the target is
<= 400 MB); then build/bare ratios (the target is >= 0.85 for one process) and
build/parse ratios (what kgraph adds to its own parse), the
speed-up of each worker count over one, and the ratio of each `--dask local:N`
build to `--workers N` (the target is within 10%).

Scaling: T(n) = S + P/n is fitted by least squares to the wall times of the
`--workers` builds (at least two different counts), S the serial part and P
the part that parallelises, and the speed-ups it predicts for 4, 8 and 15
workers are printed (the target is >= 11x at 15). S holds a start-up that
does not grow with the corpus (about 2 s: the workers' fork server imports
spaCy and warms the extraction up, see kgraph.run.pool.worker_context) beside
the merge and the longest writer, so the same code predicts more on a longer
corpus. Wall time is noisy on a shared machine: the load average is printed before and after, and repeating
counts (`--workers 1,2,1,2`) averages the noise out of the fit.

    python benchmarks/throughput.py                        # all 2,225 BBC articles
    python benchmarks/throughput.py --limit 300 --workers 1,2
    python benchmarks/throughput.py --limit 1200 --workers 1,2 --dask local:2
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


def phase_model(model: str | None) -> dict:
    import psutil

    from kgraph.extraction.model import load_model

    load_model(model)
    return {"model_mb": psutil.Process().memory_info().rss / 2**20}


def phase_bare(jsonl: Path, batch_size: int, model: str | None, stock: bool) -> dict:
    """``nlp.pipe`` over the texts of ``jsonl``: spaCy's pipeline as shipped with
    ``stock``, else kgraph's."""
    from kgraph.extraction.model import default_model_name, load_model

    texts = [json.loads(line)["text"] for line in open(jsonl, encoding="utf-8")]
    with TreeUsage() as usage:
        if stock:
            import spacy

            nlp = spacy.load(model or default_model_name())
        else:
            nlp = load_model(model)
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    return usage.figures()


def phase_build(jsonl: Path, batch_size: int, model: str | None, way: str, max_nodes: int) -> dict:
    """``way`` is a worker count ("2") or a Dask address ("local:2")."""
    from kgraph.cli import main

    tag = way.replace(":", "-")
    argv = ["build", str(jsonl), "-o", str(jsonl.parent / f"out-{tag}"), "-q",
            "--batch-size", str(batch_size), "--max-nodes", str(max_nodes)]
    argv += ["--dask", way] if ":" in way else ["--workers", way]
    if model:
        argv += ["--model", model]
    with TreeUsage() as usage, _WriterUsage() as writers:
        code = main(argv)
    return {"exit": code, **usage.figures(), "writers_cpu": writers.cpu}


class _WriterUsage:
    """The CPU of the processes that write the output files (a build on several
    cores writes them in forked children): the CPU of the children this process
    reaped during ``write_outputs``. For ``--dask local:N`` it may include a Dask
    worker that ended while the files were written."""

    def __enter__(self):
        import resource

        from kgraph.io import output

        self.cpu, self.output, self.original = 0.0, output, output.write_outputs

        def measured(*args, **kwargs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                return self.original(*args, **kwargs)
            finally:
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                self.cpu += after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

        output.write_outputs = measured
        return self

    def __exit__(self, *exc):
        self.output.write_outputs = self.original


def fit(runs: list[tuple[int, float]]) -> tuple[float, float] | None:
    """``(S, P)`` of T(n) = S + P/n fitted by least squares to ``(n, seconds)``
    runs; ``None`` with fewer than two different worker counts."""
    if len({n for n, _ in runs}) < 2:
        return None
    xs, ys = [1 / n for n, _ in runs], [t for _, t in runs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    p = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - p * mx, p


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
    parser.add_argument("--workers", default="1,2",
                        help="comma-separated worker counts to build with, repeats allowed (default: 1,2)")
    parser.add_argument("--dask", metavar="local:N[,local:M]",
                        help="also build on a local Dask cluster of N workers, compared with --workers N")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-nodes", type=int, default=300, help="entities drawn in graph.html (default: 300)")
    parser.add_argument("--model", help="spaCy pipeline (default: the one kgraph picks)")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:  # inside a measuring subprocess
        name, jsonl = args.phase[0], Path(args.phase[1])
        if name == "model":
            result = phase_model(args.model)
        elif name in ("bare", "parse"):
            result = phase_bare(jsonl, args.batch_size, args.model, stock=name == "bare")
        else:
            result = phase_build(jsonl, args.batch_size, args.model, args.phase[2], args.max_nodes)
        print(json.dumps(result))
        return

    common = ["--batch-size", str(args.batch_size), "--max-nodes", str(args.max_nodes)]
    if args.model:
        common += ["--model", args.model]
    counts = [int(w) for w in args.workers.split(",")]
    clusters = [d.strip() for d in args.dask.split(",")] if args.dask else []
    for address in clusters:
        if not address.startswith("local:") or not address[6:].isdigit():
            parser.error(f"--dask takes local:N addresses, not {address!r}")
        if int(address[6:]) not in counts:  # the --workers build it is compared with
            counts.append(int(address[6:]))
    with tempfile.TemporaryDirectory(prefix="kgraph-throughput-") as tmp:
        jsonl, texts = _corpus(args.corpus, args.limit, Path(tmp))
        words = sum(len(text.split()) for text in texts)
        print(f"corpus: {args.corpus} ({len(texts)} articles, {words} words), batch size {args.batch_size}, "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
        model_mb = _run_phase(["model", str(jsonl), *common])["model_mb"]
        rows: list[tuple[str, dict]] = [("bare nlp.pipe", _run_phase(["bare", str(jsonl), *common])),
                                        ("nlp.pipe, kgraph's pipeline", _run_phase(["parse", str(jsonl), *common]))]
        for way in [*map(str, counts), *clusters]:
            name = f"kgraph build --{'dask' if ':' in way else 'workers'} {way}"
            rows.append((name, _run_phase(["build", str(jsonl), way, *common])))

    n = len(texts)
    print(f"load average after: {os.getloadavg()[0]:.1f} (wall-time figures need an otherwise idle machine)")
    print(f"model alone: {model_mb:.0f} MB")
    print(f"{'':32} {'articles/s':>10} {'words/s':>9} {'wall s':>8} {'CPU s':>8} {'own CPU s/1k':>12} "
          f"{'writers CPU s/1k':>16} {'peak MB':>8} {'all procs MB':>12} {'worker-model MB':>15}")
    for name, row in rows:
        own = f"{1000 * row['own_cpu'] / n:12.2f}" if "own_cpu" in row and name.startswith("kgraph") else f"{'':12}"
        own += f" {1000 * row['writers_cpu'] / n:16.2f}" if "writers_cpu" in row else f" {'':16}"
        worker = row.get("worker_peak_mb", 0)
        extra = f"{worker - model_mb:15.0f}" if worker else f"{'':15}"
        print(f"{name:32} {n / row['seconds']:10.2f} {words / row['seconds']:9.0f} {row['seconds']:8.1f} "
              f"{row['cpu']:8.1f} {own} {row['peak_mb']:8.0f} {row['tree_peak_mb']:12.0f} {extra}")
    bare, parse = rows[0][1], rows[1][1]
    builds = [(name, row) for name, row in rows if name.startswith("kgraph")]
    print(f"kgraph's pipeline: throughput ratio to bare nlp.pipe {bare['seconds'] / parse['seconds']:.2f} (wall), "
          f"{bare['cpu'] / parse['cpu']:.2f} (CPU)")
    for name, row in builds:
        print(f"{name}: throughput ratio to bare nlp.pipe {bare['seconds'] / row['seconds']:.2f} (wall), "
              f"{bare['cpu'] / row['cpu']:.2f} (CPU); to kgraph's pipeline "
              f"{parse['seconds'] / row['seconds']:.2f} (wall), {parse['cpu'] / row['cpu']:.2f} (CPU)")
    by_count: dict[int, list[float]] = {}
    for name, row in builds:
        if "--workers" in name:
            by_count.setdefault(int(name.rsplit(" ", 1)[1]), []).append(row["seconds"])
    mean = {count: sum(times) / len(times) for count, times in by_count.items()}
    for count, seconds in mean.items():
        if 1 in mean and count != 1:
            print(f"kgraph build --workers {count}: {mean[1] / seconds:.2f}x faster than --workers 1 (wall)")
    for address in clusters:
        count = int(address[6:])
        row = next(row for name, row in builds if name.endswith(f"--dask {address}"))
        print(f"kgraph build --dask {address}: {row['seconds'] / mean[count]:.2f}x the wall time of "
              f"--workers {count} (target <= 1.10)")
    fitted = fit([(count, seconds) for count, times in by_count.items() for seconds in times])
    if fitted is None:
        print("scaling: give at least two different --workers counts to fit T(n) = S + P/n")
        return
    serial, parallel = fitted
    print(f"scaling: T(n) = S + P/n fitted to {sum(map(len, by_count.values()))} runs: S = {serial:.1f} s "
          f"({1000 * serial / n:.1f} ms an article), P = {parallel:.1f} s ({1000 * parallel / n:.1f} ms an article)")
    print("predicted speed-up over one worker: " + ", ".join(
        f"{count} workers {(serial + parallel) / (serial + parallel / count):.1f}x" for count in (4, 8, 15))
        + " (target >= 11x at 15)")

if __name__ == "__main__":
    main()
