"""Train the relation classifier that ships as kgraph/extraction/pairs_model.json.

Data (from ../shared/data/): CoNLL04's train split (922 sentences; its dev split is only
scored) and Re-DocRED's 500 dev documents, turned into articles and a news gold file by
../shared/bench/redocred_to_gold.py (its MAPPING of Wikidata properties to kgraph's) and
read back with kgraph's article reader, so training sees the text a build sees. Documents
are parsed with kgraph's spaCy model; the mentions are those extract_doc gives the
classifier (kgraph.extraction.document.pair_mentions) and the candidates are
kgraph.extraction.pairs.candidates over them, so training sees what prediction sees.

Labels: a CoNLL04 candidate takes the gold relation whose two entities its mentions
head-match (the CoNLL04 scorer's rule); a Re-DocRED candidate takes the gold fact
linking the gold entities its two entities map to by name, with the news scorer's own
matching (news_score.Article.map_entity). Each corpus annotates only its own relations,
so a candidate's softmax runs over "none" and the relations its corpus annotates (and its
types allow): CoNLL04's "none" says nothing about citizenOf, Re-DocRED's nothing about
killed. The model is a multinomial logistic regression (L2, L-BFGS) fitted with scipy
here; kgraph predicts with numpy alone.

Cross-validation (5 folds by document, Re-DocRED document i in fold i % 5): each fold's
model is trained on CoNLL04 train and the other four folds, and its held-out documents are
extracted with the whole of kgraph (rules, pair gating) using that model. The 500
held-out results are merged into one graph and scored with ../shared/bench/news_score.py
against the converter's gold: that is the Re-DocRED figure of this model (printed as
"CV", with the recall over distinct (s, p, o) facts beside the scorer's). The within-
sentence threshold is the one that maximises F0.5 of the pooled held-out pair
predictions; the across-sentence one the lowest whose held-out predictions reach
precision 0.8; the one for one-sentence documents the one that maximises CoNLL04 dev
head-F1 of the pair statements (CoNLL04 dev is not trained on). The shipped model is then fitted on everything. Same data, same code,
same bytes.

Usage (from the project root):
    python benchmarks/train_pairs.py             # CV figures, then writes kgraph/extraction/pairs_model.json
    python benchmarks/train_pairs.py --no-cv     # only the final model (thresholds from --thresholds)
"""

from __future__ import annotations

import argparse
import contextlib
from dataclasses import replace
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from kgraph.extraction import pairs
from kgraph.extraction.model import load_model
from kgraph.types import Mention

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "conll04"
BENCH = SHARED / "bench"
REDOCRED = SHARED / "data" / "redocred" / "dev_revised.json"
GOLD_PROPERTY = {"Work_For": "worksFor", "Live_In": "livesIn", "Located_In": "locatedIn",
                 "OrgBased_In": "basedIn", "Kill": "killed"}
MIN_COUNT = 3  # features seen fewer times in training are dropped (keeps the file under 5 MB)
L2 = 3.0
# The one-sentence copies of the features (pairs._ALONE, learnt from CoNLL04 lines alone)
# are regularised less: they carry what CoNLL04's dense style adds to the shared weights.
L2_ALONE = 1.0
FOLDS = 5
THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(14))
# A one-sentence text is what `kgraph extract` users type: below 0.3 the model states
# relations on weak evidence there ('Ada Bell visited Zorbia' as memberOf at 0.27); the
# absurd ones above it ('X moved to Y' as diedIn, 'X, of Y' as killed) are events
# without their word, which pairs._EVENTS rules out.
ALONE_THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(8))
BETA = 0.5  # precision weighs more than recall on news
ACROSS_PRECISION = 0.8  # the news target; across sentences the model must be this sure


def load_module(name: str, path: Path):
    """A standalone script of ../shared/bench as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scorer():
    """The shared CoNLL04 scorer as a module."""
    return load_module("conll04_score", BENCH / "conll04_score.py")


def redocred_properties() -> tuple[str, ...]:
    """The kgraph properties redocred_to_gold.py maps Wikidata properties to."""
    return tuple(load_module("redocred_to_gold", BENCH / "redocred_to_gold.py").SCORED)


def labels_of(ontology) -> tuple[str, ...]:
    """"none" and the relations either corpus annotates that ``ontology`` has, in a fixed order."""
    wanted = sorted(set(GOLD_PROPERTY.values()) | set(redocred_properties()))
    return ("none",) + tuple(p for p in wanted if p in ontology.relations)


def kgraph_mentions(doc, text: str | None = None) -> list[Mention]:
    """The mentions kgraph.extraction.extract_doc hands to the pair classifier, after the
    same parse repairs and pronoun resolution (which change ``doc`` in place)."""
    from kgraph.extraction.document import pair_mentions
    from kgraph.extraction.mentions.coref import resolve_pronouns
    from kgraph.extraction.mentions.entities import lexicon_entities
    from kgraph.extraction.rules.lexicon import load_lexicon
    from kgraph.extraction.syntax.repair import repair_parse

    lexicon = load_lexicon()
    ents = lexicon_entities(doc, lexicon, text=text)
    repair_parse(doc, lambda token: ents.by_token[token.i] >= 0)
    resolve_pronouns(ents, ontology=lexicon.ontology, sents=list(doc.sents), org_nouns=lexicon.organisation_nouns,
                     person_titles=lexicon.person_titles)
    return pair_mentions(doc, ents)


# ---- CoNLL04 ----------------------------------------------------------------------------

def parse(split: str):
    """(gold sentences from the scorer's loader, spaCy Docs, their kgraph mentions) of one split."""
    gold = scorer().load_gold(str(DATA / f"conll04_{split}.json"))
    docs = list(load_model().pipe((text for text, _ in gold), batch_size=64))
    return gold, docs, [kgraph_mentions(doc) for doc in docs]


def conll_candidates(gold, docs, mentions, labels):
    """(candidates, their label indices) of CoNLL04 sentences."""
    cands, y = [], []
    for (_, rels), doc, doc_mentions in zip(gold, docs, mentions):
        for cand in pairs.candidates(doc, doc_mentions, labels):
            label = 0
            for rtype, head, tail in rels:
                if _head_match(cand.subject, head) and _head_match(cand.object, tail):
                    label = labels.index(GOLD_PROPERTY[rtype])
                    break
            # a relation the mention types rule out cannot be predicted: at run time the
            # right answer for such a pair is "none"
            cands.append(cand)
            y.append(label if cand.allowed[label] else 0)
    return cands, y


def _head_match(mention: Mention, entity) -> bool:
    """The scorer's head rule; ``entity`` = (start, end, last-token start, last-token end)."""
    return mention.span.start <= entity[2] and mention.span.end >= entity[3]


def conll_dev_score(model: pairs.PairModel, dev_cands, score_module) -> tuple[float, float]:
    """(head micro-F1, strict micro-F1) of ``model``'s pair statements alone on the dev
    split; ``dev_cands[i]`` are the candidates of dev sentence i."""
    rows = []
    for i, cands in enumerate(dev_cands):
        if not cands:
            continue
        for k, label, prob in pairs.choose(cands, model.probabilities(cands), model.alone_threshold):
            rows.append(statement_json(i, cands[k].subject, model.labels[label], cands[k].object, prob))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    res = score_module.run(str(DATA / "conll04_dev.json"), f.name, str(BENCH / "conll04_map.json"), quiet=True)
    Path(f.name).unlink()
    return res["head"]["micro"][2], res["strict"]["micro"][2]


def statement_json(line: int, subject: Mention, predicate: str, obj: Mention, confidence: float) -> dict:
    """One statement in the CoNLL04 scorer's JSONL shape."""
    arg = lambda m: {"text": m.span.text, "start": m.span.start, "end": m.span.end, "type": f"kg:{m.type}"}  # noqa: E731
    return {"line": line, "subject": arg(subject), "predicate": f"kg:{predicate}", "object": arg(obj),
            "confidence": round(confidence, 4)}


# ---- Re-DocRED --------------------------------------------------------------------------

class Redocred:
    """Re-DocRED dev as kgraph reads it: ``articles``, parsed ``docs``, ``mentions``, and the
    converter's ``gold`` articles (news gold, version 2) in ``work``."""

    def __init__(self, work: Path):
        from kgraph.io.articles import read_articles

        subprocess.run([sys.executable, str(BENCH / "redocred_to_gold.py"), str(REDOCRED), str(work)],
                       check=True, capture_output=True)
        self.gold_path = work / "gold.json"
        self.gold = json.loads(self.gold_path.read_text(encoding="utf-8"))["articles"]
        self.articles = list(read_articles([work / a["path"] for a in self.gold]))
        self.docs = list(load_model().pipe((a.text for a in self.articles), batch_size=32))
        self.mentions = [kgraph_mentions(doc, a.text) for doc, a in zip(self.docs, self.articles)]

    def candidates(self, labels) -> tuple[list, list, list[int]]:
        """(candidates, label indices, document index of each)."""
        news = load_module("news_score", BENCH / "news_score.py")
        cands, y, owner = [], [], []
        for i, (gold, doc, mentions) in enumerate(zip(self.gold, self.docs, self.mentions)):
            article = news.Article(gold)
            names: dict[str, list[str]] = {}
            for m in mentions:
                if m.span.text[:1].isupper():  # a name, not a resolved pronoun
                    names.setdefault(m.key, []).append(m.span.text)
            to_gold = {key: article.map_entity(texts) for key, texts in names.items()}
            facts = {(f["s"], f["p"], f["o"]) for f in gold["facts"]}
            for cand in pairs.candidates(doc, mentions, labels):
                s, o = to_gold.get(cand.subject.key), to_gold.get(cand.object.key)
                label = 0
                if s and o:
                    label = next((k for k, p in enumerate(labels) if k and cand.allowed[k]
                                  and ((s, p, o) in facts or (p == "spouseOf" and (o, p, s) in facts))), 0)
                cands.append(cand)
                y.append(label)
                owner.append(i)
        return cands, y, owner


# ---- fitting ----------------------------------------------------------------------------

def design(cands, vocab: dict[str, int]):
    """Binary feature matrix (CSR) of ``cands``."""
    indptr, indices = [0], []
    for cand in cands:
        indices.extend(sorted(vocab[f] for f in cand.features if f in vocab))
        indptr.append(len(indices))
    return sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(cands), len(vocab)))


def fit(x, mask, y, l2) -> np.ndarray:
    """Weights (features x labels) minimising masked softmax log-loss + l2/2 * |W|^2
    (``l2``: one number, or one per feature)."""
    n_labels = mask.shape[1]
    rows = np.arange(len(y))
    xt = x.T.tocsr()
    l2 = np.broadcast_to(np.asarray(l2, dtype=np.float64), (x.shape[1],))[:, None]

    def loss(flat):
        w = flat.reshape(-1, n_labels)
        scores = np.where(mask, x @ w, -np.inf)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        total = exp.sum(axis=1, keepdims=True)
        prob = exp / total
        nll = -(scores[rows, y] - np.log(total[:, 0])).sum()
        prob[rows, y] -= 1.0
        grad = xt @ prob + l2 * w
        return nll + 0.5 * (l2 * w * w).sum(), grad.ravel()

    start = np.zeros(x.shape[1] * n_labels)
    result = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 400})
    return result.x.reshape(-1, n_labels)


def train(cands, y, masks, labels, thresholds=(0.5, 1.0, 0.5)) -> pairs.PairModel:
    """A model fitted on ``cands`` (labels ``y``, training masks ``masks``), the
    one-sentence copies of the features with L2_ALONE, the others with L2."""
    counts = Counter(f for c in cands for f in c.features)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT or f == "bias"))}
    l2 = [L2_ALONE if f.startswith(pairs.ALONE) else L2 for f in vocab]
    weights = fit(design(cands, vocab), masks, np.asarray(y), l2)
    return pairs.PairModel(labels, vocab, weights, *thresholds)


def training_masks(cands, labels, annotated: set[str]) -> np.ndarray:
    """Each candidate's allowed labels, narrowed to "none" and the relations its corpus annotates."""
    keep = np.array([k == 0 or p in annotated for k, p in enumerate(labels)])
    return np.array([c.allowed for c in cands]) & keep


@contextlib.contextmanager
def shipped_as(model: pairs.PairModel):
    """Within the block, extract_doc's classifier is ``model`` (not the shipped file)."""
    original = pairs.PairModel.__dict__["load"]
    pairs.PairModel.load = staticmethod(lambda path=None: model)
    try:
        yield
    finally:
        pairs.PairModel.load = original


def pair_precision_recall(probs, y, owner, cands, threshold) -> tuple[int, int, int]:
    """(right, wrong, gold) entity-pair predictions of ``cands`` (after pairs.choose, per
    document) at ``threshold`` against the candidates' labels ``y``."""
    positives = {(owner[i], frozenset((c.subject.key, c.object.key)), int(y[i]))
                 for i, c in enumerate(cands) if y[i]}
    right = wrong = 0
    for d in np.unique(owner):
        idx = np.flatnonzero(owner == d)
        for k, label, _ in pairs.choose([cands[i] for i in idx], probs[idx], threshold):
            c = cands[idx[k]]
            hit = (d, frozenset((c.subject.key, c.object.key)), label) in positives
            right += hit
            wrong += not hit
    return right, wrong, len({(d, pair) for d, pair, _ in positives})


def best_thresholds(probs, y, owner, cands) -> tuple[float, float, str]:
    """The within-sentence threshold maximising F-BETA of the pooled held-out
    within-sentence pair predictions, the lowest across-sentence threshold whose
    across-sentence predictions reach ACROSS_PRECISION (1.0, none, if none does), and
    the table of figures."""
    across = np.array([c.across for c in cands])
    lines, best, across_threshold = [], None, 1.0
    for kind, mask in (("within", ~across), ("across", across)):
        idx = np.flatnonzero(mask)
        sub = [cands[i] for i in idx]
        for threshold in THRESHOLDS:
            right, wrong, gold = pair_precision_recall(probs[idx], y[idx], owner[idx], sub, threshold)
            p, r = right / max(right + wrong, 1), right / max(gold, 1)
            f = (1 + BETA ** 2) * p * r / max(BETA ** 2 * p + r, 1e-9)
            lines.append(f"{kind:<6} threshold {threshold:.2f}: pair P={p:.3f} R={r:.3f} F{BETA}={f:.3f} "
                         f"({right} right, {wrong} wrong)")
            if kind == "within" and (best is None or f > best[0]):
                best = (f, threshold)
            if kind == "across" and p >= ACROSS_PRECISION and right and across_threshold == 1.0:
                across_threshold = threshold
    return best[1], across_threshold, "\n".join(lines)


def cv_score(data: Redocred, fold_models: list[pairs.PairModel], work: Path) -> str:
    """The scorer's line for the 500 documents, each extracted by the model of its fold
    (the whole of kgraph: rules and pair gating), plus the distinct-fact recall."""
    from kgraph.extraction.document import extract_doc
    from kgraph.resolve import Resolver

    resolver = Resolver()
    for fold, model in enumerate(fold_models):
        with shipped_as(model):
            for i in range(fold, len(data.docs), FOLDS):
                resolver.add(extract_doc(data.docs[i], data.articles[i], with_propositions=False))
    resolver.graph().write(work / "cv", html=False)
    out = subprocess.run([sys.executable, str(BENCH / "news_score.py"), str(work / "cv" / "graph.ttl"),
                          "--gold", str(data.gold_path), "-v"], capture_output=True, text=True, check=True).stdout
    last = next(line for line in reversed(out.splitlines()) if line.startswith("news P="))
    return last + "\n" + distinct_recall(out, data.gold)


def distinct_recall(verbose: str, gold: list[dict]) -> str:
    """Recall over distinct (s, p, o) required facts, from the scorer's verbose output: the
    converter lists one (s, p, o) once per Wikidata property and the scorer finds only the
    first copy, so a fact is found when fewer of its copies are missed than it has."""
    missed: Counter = Counter()
    article = None
    for line in verbose.splitlines():
        if line.startswith("== "):
            article = line.split()[1]
        elif line.startswith("  MISS "):
            missed[(article, *line.split()[1:4])] += 1
    copies = Counter((a["id"], f["s"], f["p"], f["o"]) for a in gold for f in a["facts"] if not f.get("optional"))
    found = sum(1 for fact, n in copies.items() if missed[fact] < n)
    return f"distinct-fact recall {found}/{len(copies)} = {found / max(len(copies), 1):.3f}"


def write_model(model: pairs.PairModel, path: Path, meta: dict) -> int:
    """Write ``model`` (weights rounded to 3 decimals, features whose weights all round
    to 0 left out) as sorted JSON; returns the file size in bytes."""
    weights = np.round(model.weights, 3)
    kept = {name: [float(v) for v in weights[i]] for name, i in model.vocab.items()
            if name == "bias" or np.abs(weights[i]).max() >= 1e-3}
    raw = {"labels": list(model.labels), "threshold": model.threshold, "across_threshold": model.across_threshold,
           "alone_threshold": model.alone_threshold, **meta, "weights": kept}
    text = json.dumps(raw, sort_keys=True, separators=(",", ":")) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main(argv=None) -> int:
    from kgraph.ontology import load_ontology

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=pairs.MODEL_PATH, help="where to write the model JSON")
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation (use --thresholds)")
    ap.add_argument("--thresholds", type=float, nargs=2, default=(0.5, 1.0), metavar=("WITHIN", "ACROSS"),
                    help="within- and across-sentence thresholds when --no-cv (default 0.5 1.0)")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="keep the converted Re-DocRED, the CV graph and "
                    "the fold models in DIR")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    labels = labels_of(load_ontology())
    log = lambda msg: print(f"[{time.perf_counter() - started:6.0f}s] {msg}", file=sys.stderr)  # noqa: E731

    conll_cands, conll_y = conll_candidates(*parse("train"), labels)
    conll_masks = training_masks(conll_cands, labels, set(GOLD_PROPERTY.values()))
    _, dev_docs, dev_mentions = parse("dev")
    dev_cands = [list(pairs.candidates(doc, m, labels)) for doc, m in zip(dev_docs, dev_mentions)]
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        data = Redocred(work)
        red_cands, red_y, owner = data.candidates(labels)
        red_masks = training_masks(red_cands, labels, set(redocred_properties()))
        owner = np.array(owner)
        log(f"labels {list(labels)}; CoNLL04 train {len(conll_cands)} candidates "
            f"({sum(1 for v in conll_y if v)} positive), Re-DocRED {len(red_cands)} "
            f"({sum(1 for v in red_y if v)} positive)")
        thresholds, meta = tuple(args.thresholds), {}
        if not args.no_cv:
            fold_of = owner % FOLDS
            probs = np.zeros((len(red_cands), len(labels)))
            fold_models = []
            for fold in range(FOLDS):
                out = fold_of == fold
                keep = np.flatnonzero(~out)
                model = train(conll_cands + [red_cands[i] for i in keep], conll_y + [red_y[i] for i in keep],
                              np.vstack([conll_masks, red_masks[keep]]), labels)
                held = np.flatnonzero(out)
                probs[held] = model.probabilities([red_cands[i] for i in held])
                fold_models.append(model)
                log(f"fold {fold + 1}/{FOLDS} fitted")
            *thresholds, table = best_thresholds(probs, np.array(red_y), owner, red_cands)
            print(table)
            fold_models = [pairs.PairModel(m.labels, m.vocab, m.weights, *thresholds, 0.5) for m in fold_models]
            if args.keep:
                for fold, m in enumerate(fold_models):
                    write_model(m, work / f"fold{fold}.json", {})
            cv = cv_score(data, fold_models, work)
            print(f"Re-DocRED dev, 5-fold CV by document (whole kgraph, thresholds {thresholds}):\n{cv}")
        model = train(conll_cands + red_cands, conll_y + red_y, np.vstack([conll_masks, red_masks]),
                      labels, (*thresholds, 0.5))
    # The one-sentence threshold is picked on CoNLL04 dev (its lines are one-sentence
    # documents; Re-DocRED has none), as the CoNLL04-only model's was.
    score_module = scorer()
    tried = [(conll_dev_score(replace(model, alone_threshold=t), dev_cands, score_module), t)
             for t in ALONE_THRESHOLDS]
    (head, strict), alone = max(tried, key=lambda x: (x[0][0], -x[1]))
    model = replace(model, alone_threshold=alone)
    meta.update(trained_on="CoNLL04 train (922 sentences) and Re-DocRED dev (500 documents); "
                           "thresholds by 5-fold CV on Re-DocRED", l2=L2, l2_alone=L2_ALONE,
                conll04_dev_pairs_only_f1={"head": round(head, 4), "strict": round(strict, 4)})
    size = write_model(model, args.out, meta)
    log(f"wrote {args.out} ({size / 1e6:.2f} MB, {len(model.vocab)} features, thresholds {thresholds}, "
        f"one-sentence {alone}); "
        f"CoNLL04 dev, pairs only: head-F1 {head:.3f}, strict-F1 {strict:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
