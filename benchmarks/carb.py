"""CaRB Open IE benchmark: kgraph's propositions on the CaRB dev sentences, scored by the shared scorer.

Parses ../shared/data/carb/dev.txt (one pre-tokenised sentence per line) with the
same functions as `kgraph openie --format carb`, writes the predictions to a
temporary file and scores them with ../shared/bench/carb_score.py. Prints the
CPU time that extraction adds to kgraph's parse of the same docs (spaCy's model
with kgraph's faster attribute ruler and lemmatizer) for each command: `kgraph openie` (the propositions), `kgraph build`
(`extract_doc` without propositions: entities, statement rules, pair classifier)
and, for reference, both views at once (`extract_doc`'s default in the Python
API), then the scorer's score line LAST.

Usage (from the project root):
    python benchmarks/carb.py                 # in-process, same functions as the CLI
    python benchmarks/carb.py --cli           # run `kgraph openie --format carb` as a user does
    python benchmarks/carb.py --errors        # also list missed gold tuples by construction
    python benchmarks/carb.py --keep PRED.tsv # keep the predictions
    python benchmarks/carb.py --news 200      # also time extraction on 200 whole news articles
                                              # against spaCy's own parse (the bar: at most 15%)
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SENTENCES = SHARED / "data" / "carb" / "dev.txt"
GOLD = SHARED / "data" / "carb" / "dev_gold.tsv"
SCORER = SHARED / "bench" / "carb_score.py"

BE = {"is", "are", "was", "were", "be", "been", "being", "am"}
REPORTING = {"said", "says", "told", "added", "adds", "stated", "reported", "announced", "claimed"}


def predict_in_process(out_path: Path) -> tuple[float, float, float, float]:
    """Write CaRB predictions for the dev sentences to ``out_path``; return the CPU seconds
    of the parse, of the propositions alone, of the whole ``extract_doc`` (entities,
    statements, pair classifier and propositions: everything a build does per document),
    and of ``extract_doc`` without the propositions (what a graph needs)."""
    from kgraph.cli.openie import generate_carb, read_lines
    from kgraph.extraction.open_ie import line_propositions, parse_lines
    from kgraph.extraction import extract_doc
    from kgraph.extraction.model import load_model
    from kgraph.types import Article

    nlp = load_model()
    lines = [line for _, line in read_lines(str(SENTENCES))]
    # Warm up (first batch, ontology lexicon, pair model) so that one-time costs stay out of the timing.
    warm = list(parse_lines(lines[:20], nlp, pretokenized=True))
    list(generate_carb(lines[:20], [line_propositions(line, doc, pretokenized=True) for line, doc in zip(lines, warm)],
                       pretokenized=True))
    for doc in warm:
        extract_doc(doc, Article(id="warm", text=doc.text))
    # CPU time: wall time is noisy on a shared machine.
    start = time.process_time()
    docs = list(parse_lines(lines, nlp, pretokenized=True))
    parsed = time.process_time()
    results = [line_propositions(line, doc, pretokenized=True) for line, doc in zip(lines, docs)]
    rows = list(generate_carb(lines, results, pretokenized=True))
    propose_s = time.process_time() - parsed
    # After the propositions: extract_doc repairs the parse in place, which `kgraph openie` does not.
    articles = [Article(id=str(number), text=doc.text) for number, doc in enumerate(docs)]
    ready = time.process_time()  # building the articles is not extraction
    for doc, article in zip(docs, articles):
        extract_doc(doc, article)
    extracted = time.process_time()
    for doc, article in zip(docs, articles):
        extract_doc(doc, article, with_propositions=False)
    graph_s = time.process_time() - extracted
    out_path.write_text("".join(rows), encoding="utf-8")
    return parsed - start, propose_s, extracted - ready, graph_s


def news_ratio(count: int) -> str:
    """Parse and whole-``extract_doc`` CPU time on ``count`` BBC articles (whole documents,
    as kgraph build sees them), to catch costs that grow with document length. The
    parse is timed twice: with spaCy's pipeline as spaCy ships it (the bar's
    measure) and with kgraph's (its faster attribute ruler and lemmatizer, the same
    annotations), which is the parse a build does and whose docs are extracted."""
    import spacy

    from kgraph.extraction import extract_doc
    from kgraph.extraction.model import default_model_name, load_model
    from kgraph.types import Article

    paths = sorted((SHARED / "data" / "news" / "bbc").glob("*/*.txt"))
    step = max(len(paths) // count, 1)
    texts = [p.read_text(encoding="latin-1") for p in paths[::step][:count]]
    parse_s = {}
    for name, nlp in (("spaCy's", spacy.load(default_model_name())), ("kgraph's", load_model())):
        list(nlp.pipe(texts[:5]))  # first-use costs
        start = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=32))
        parse_s[name] = time.process_time() - start
    articles = [Article(id=str(n), text=text) for n, text in enumerate(texts)]
    ready = time.process_time()
    found = sum(len(extract_doc(doc, article, with_propositions=False).statements)
                for doc, article in zip(docs, articles))
    extracted = time.process_time()
    for doc, article in zip(docs, articles):
        extract_doc(doc, article)
    both_s = time.process_time() - extracted
    extract_s, stock, own = extracted - ready, parse_s["spaCy's"], parse_s["kgraph's"]
    return (f"news: {len(docs)} BBC articles, {found} statements; parse {stock:.2f}s with spaCy's pipeline, "
            f"{own:.2f}s with kgraph's; kgraph build's extraction {extract_s:.2f}s adds "
            f"{100 * extract_s / stock:.1f}% of spaCy's parse (bar: 15%), {100 * extract_s / own:.1f}% of kgraph's; "
            f"both views {both_s:.2f}s: {100 * both_s / stock:.1f}% / {100 * both_s / own:.1f}%")


def predict_cli(out_path: Path) -> None:
    """`kgraph openie --format carb dev.txt > out_path`; raises CalledProcessError on failure."""
    with open(out_path, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "kgraph", "openie", "--format", "carb", str(SENTENCES)],
                       stdout=out, check=True)


def score(pred_path: Path) -> str:
    """The scorer's output (its last line is the score line)."""
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(pred_path)],
                          capture_output=True, text=True, check=True)
    return done.stdout.rstrip("\n")


def construction(relation: str, args: list[str]) -> str:
    """A coarse name for the construction a gold tuple comes from (for error analysis)."""
    words = relation.split()
    if not words:
        return "empty relation"
    if any(w in REPORTING for w in words):
        return "reported speech"
    if words[0] in {"has", "have", "had"} and len(words) <= 2:
        return "possessive (has)"
    if all(w in BE for w in words):
        return "copula / apposition (is)"
    if words[0] in BE and len(words) == 2 and words[1] in {"in", "of", "from", "at", "on", "for", "a", "an"}:
        return "nominal + preposition (is in / is of)"
    if words[0] in BE and len(words) >= 2 and words[1].endswith(("ed", "en")):
        return "passive"
    if len(args) > 2:
        return "verb with extra arguments"
    if words[-1] in {"in", "of", "on", "at", "to", "for", "from", "with", "by", "as", "into"}:
        return "verb + preposition"
    return "verb"


def errors(pred_path: Path, *, threshold: float = 0.5) -> list[str]:
    """Gold tuples whose best match by any prediction has recall below ``threshold``,
    grouped by construction, each with the nearest prediction."""
    spec = importlib.util.spec_from_file_location("carb_score", SCORER)
    carb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(carb)
    gold, _ = carb.by_key(carb.read_gold(str(GOLD)))
    pred, _ = carb.by_key(carb.read_pred(str(pred_path))[0])
    sentences = {carb.sent_key(s): s for s in SENTENCES.read_text(encoding="utf-8").splitlines()}
    groups: dict[str, list[str]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for key, tuples in gold.items():
        preds = pred.get(key, [])
        for rel, args in tuples:
            kind = construction(rel, args)
            totals[kind] += 1
            scored = [(carb.match((rel, args), (p_rel, p_args)), p_rel, p_args) for _, p_rel, p_args in preds]
            best = max(scored, key=lambda s: s[0][1], default=((0, 0), "", []))
            if best[0][1] < threshold:
                near = " | ".join([best[2][0] if best[2] else "", best[1], *best[2][1:]])
                groups[kind].append(f"   GOLD {' | '.join([args[0] if args else '', rel, *args[1:]])}\n"
                                    f"   BEST {near}  (R={best[0][1]:.2f})\n"
                                    f"   SENT {sentences.get(key, key)}")
    lines = []
    for kind, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"== {kind}: {len(items)} of {totals[kind]} gold tuples missed")
        lines.extend(items)
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", action="store_true", help="run the kgraph CLI in a subprocess (no timing)")
    ap.add_argument("--errors", action="store_true", help="list missed gold tuples grouped by construction")
    ap.add_argument("--keep", metavar="PRED", help="also write the predictions here")
    ap.add_argument("--news", type=int, default=0, metavar="N",
                    help="also time extraction on N whole BBC news articles")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = Path(a.keep) if a.keep else Path(tmp) / "carb_dev_pred.tsv"
        if a.cli:
            predict_cli(pred_path)
        else:
            parse_s, propose_s, extract_s, graph_s = predict_in_process(pred_path)
        if a.errors:
            print("\n".join(errors(pred_path)))
        if a.news:
            print(news_ratio(a.news))
        if not a.cli:
            print(f"parse {parse_s:.2f}s (CPU, kgraph's pipeline); extraction adds, per command: "
                  f"kgraph openie {propose_s:.2f}s = {100 * propose_s / parse_s:.1f}%, "
                  f"kgraph build {graph_s:.2f}s = {100 * graph_s / parse_s:.1f}%; "
                  f"both views at once (extract_doc's default) {extract_s:.2f}s = {100 * extract_s / parse_s:.1f}%")
        print(score(pred_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
