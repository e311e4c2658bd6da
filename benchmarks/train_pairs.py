"""Train the mention-pair relation classifier that ships as kgraph/extraction/pairs_model.json.

Reads CoNLL04 from ../shared/data/conll04/: the train split fits the weights, the dev
split only picks the L2 strength and the probability threshold. Sentences are parsed
with kgraph's spaCy model; candidates are built by kgraph.extraction.pairs.candidates over
the same named-entity mentions kgraph extracts at run time, so training sees what
prediction sees. A candidate's label is the gold relation whose two entities its
mentions head-match (overlap and contain the entity's last token, the scorer's "head"
rule); every other candidate is "none". The model is a multinomial logistic regression
(L2, L-BFGS, labels masked by the ontology's domain and range), fitted with scipy here;
kgraph predicts with numpy alone. Same data and same entity module, same bytes: retrain
after changing kgraph.extraction.mentions.entities or the features in pairs.py.

Usage (from the project root):
    python benchmarks/train_pairs.py            # writes kgraph/extraction/pairs_model.json
    python benchmarks/train_pairs.py --out /tmp/model.json --l2 1 3
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from kgraph.extraction import pairs
from kgraph.extraction.model import load_model
from kgraph.types import Mention

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "conll04"
BENCH = ROOT.parent / "shared" / "bench"
GOLD_PROPERTY = {"Work_For": "worksFor", "Live_In": "livesIn", "Located_In": "locatedIn",
                 "OrgBased_In": "basedIn", "Kill": "killed"}
MIN_COUNT = 2  # features seen fewer times in training are dropped
L2_GRID = (0.3, 1.0, 3.0, 10.0)
THRESHOLDS = tuple(round(0.15 + 0.05 * i, 2) for i in range(10))


def scorer():
    """The shared CoNLL04 scorer as a module."""
    spec = importlib.util.spec_from_file_location("conll04_score", BENCH / "conll04_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kgraph_mentions(doc) -> list[Mention]:
    """The named mentions kgraph.extraction.extract_doc hands to the pair classifier, after the
    same parse repairs (which change ``doc`` in place), so training sees what prediction sees."""
    from kgraph.extraction.mentions.entities import lexicon_entities, public_mention
    from kgraph.extraction.rules.lexicon import load_lexicon
    from kgraph.extraction.syntax.repair import repair_parse

    ents = lexicon_entities(doc, load_lexicon())
    repair_parse(doc, lambda token: ents.by_token[token.i] >= 0)
    return [public_mention(doc, m) for m in ents.mentions if not m.modifier]


def parse(split: str):
    """(gold sentences from the scorer's loader, spaCy Docs, their kgraph mentions) of one split."""
    gold = scorer().load_gold(str(DATA / f"conll04_{split}.json"))
    docs = list(load_model().pipe((text for text, _ in gold), batch_size=64))
    return gold, docs, [kgraph_mentions(doc) for doc in docs]


def labelled_candidates(gold, docs, mentions):
    """(candidates, their label indices)."""
    cands, labels = [], []
    for (_, rels), doc, doc_mentions in zip(gold, docs, mentions):
        for cand in pairs.candidates(doc, doc_mentions):
            label = 0
            for rtype, head, tail in rels:
                if _head_match(cand.subject, head) and _head_match(cand.object, tail):
                    label = pairs.LABELS.index(GOLD_PROPERTY[rtype])
                    break
            # a relation the mention types rule out cannot be predicted: at run time the
            # right answer for such a pair is "none"
            label = label if cand.allowed[label] else 0
            cands.append(cand)
            labels.append(label)
    return cands, np.array(labels)


def _head_match(mention: Mention, entity) -> bool:
    """The scorer's head rule; ``entity`` = (start, end, last-token start, last-token end)."""
    return mention.span.start <= entity[2] and mention.span.end >= entity[3]


def design(cands, vocab: dict[str, int]):
    """Binary feature matrix (CSR) and the allowed-label mask of ``cands``."""
    indptr, indices = [0], []
    for cand in cands:
        indices.extend(sorted(vocab[f] for f in cand.features if f in vocab))
        indptr.append(len(indices))
    x = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(cands), len(vocab)))
    return x, np.array([c.allowed for c in cands])


def fit(x, mask, y, l2: float) -> np.ndarray:
    """Weights (features x labels) minimising masked softmax log-loss + l2/2 * |W|^2."""
    n_labels = mask.shape[1]
    target = np.zeros(mask.shape)
    target[np.arange(len(y)), y] = 1.0
    xt = x.T.tocsr()

    def loss(flat):
        w = flat.reshape(-1, n_labels)
        scores = np.where(mask, x @ w, -np.inf)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        total = exp.sum(axis=1, keepdims=True)
        prob = exp / total
        nll = -(scores[target > 0] - np.log(total[:, 0])).sum()
        grad = xt @ (prob - target) + l2 * w
        return nll + 0.5 * l2 * (w * w).sum(), grad.ravel()

    start = np.zeros(x.shape[1] * n_labels)
    result = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return result.x.reshape(-1, n_labels)


def dev_score(model: pairs.PairModel, dev_cands, score_module) -> tuple[float, float]:
    """(head micro-F1, strict micro-F1) of ``model``'s pair statements on the dev split;
    ``dev_cands[i]`` are the candidates of dev sentence i."""
    rows = []
    for i, cands in enumerate(dev_cands):
        if not cands:
            continue
        for k, label, prob in pairs.choose(cands, model.probabilities(cands), model.threshold):
            rows.append(statement_json(i, cands[k].subject, pairs.LABELS[label], cands[k].object, prob))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    res = score_module.run(str(DATA / "conll04_dev.json"), f.name, str(BENCH / "conll04_map.json"), quiet=True)
    Path(f.name).unlink()
    return res["head"]["micro"][2], res["strict"]["micro"][2]


def statement_json(line: int, subject: Mention, predicate: str, obj: Mention, confidence: float) -> dict:
    """One statement in the scorer's JSONL shape."""
    arg = lambda m: {"text": m.span.text, "start": m.span.start, "end": m.span.end, "type": f"kg:{m.type}"}  # noqa: E731
    return {"line": line, "subject": arg(subject), "predicate": f"kg:{predicate}", "object": arg(obj),
            "confidence": round(confidence, 4)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=pairs.MODEL_PATH, help="where to write the model JSON")
    ap.add_argument("--l2", type=float, nargs="+", default=L2_GRID, help="L2 strengths to try")
    args = ap.parse_args(argv)

    cands, y = labelled_candidates(*parse("train"))
    _, dev_docs, dev_mentions = parse("dev")
    dev_cands = [list(pairs.candidates(doc, m)) for doc, m in zip(dev_docs, dev_mentions)]
    counts = Counter(f for c in cands for f in c.features)
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT or f == "bias")
    vocab = {f: i for i, f in enumerate(names)}
    x, mask = design(cands, vocab)
    print(f"train: {len(cands)} candidates, {int((y > 0).sum())} positive, {len(vocab)} features", file=sys.stderr)

    score_module = scorer()
    best = None
    for l2 in args.l2:
        weights = fit(x, mask, y, l2)
        for threshold in THRESHOLDS:
            head, strict = dev_score(pairs.PairModel(vocab, weights, threshold), dev_cands, score_module)
            print(f"l2={l2:<5} threshold={threshold:.2f} dev head-F1={head:.3f} strict-F1={strict:.3f}",
                  file=sys.stderr)
            if best is None or head > best[0]:
                best = (head, strict, l2, threshold, weights)
    head, strict, l2, threshold, weights = best
    weights = np.round(weights, 4)
    kept = {name: [float(v) for v in weights[i]] for name, i in vocab.items()
            if name == "bias" or np.abs(weights[i]).max() >= 1e-3}
    model = {"labels": list(pairs.LABELS), "threshold": threshold, "l2": l2,
             "trained_on": "CoNLL04 train (922 sentences); l2 and threshold chosen on dev",
             "dev_micro_f1": {"head": round(head, 4), "strict": round(strict, 4)}, "weights": kept}
    args.out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(kept)} features, l2={l2}, threshold={threshold}): "
          f"dev micro-F1(head)={head:.3f} micro-F1(strict)={strict:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
