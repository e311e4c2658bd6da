"""Typed relations between the entity mentions of a sentence, chosen by a small trained classifier.

Every ordered pair of mentions in one sentence whose types fit the domain and range of at
least one of :data:`RELATIONS` in the ontology is a candidate. A multinomial logistic
regression over sparse features (the words between the mentions and around them, the
dependency path between their heads, ontology lexicon cues, the shape of the names, order
and distance) gives each candidate a probability for every type-compatible relation and
for "no relation". The most probable relation, if its probability reaches the model's
threshold, becomes a :class:`~kgraph.types.Statement` whose confidence is that probability.

The weights live in ``pairs_model.json`` next to this module, written by
``benchmarks/train_pairs.py`` from CoNLL04's training split. Features replace names
(entity words, proper nouns, capitalised words the lexicon does not know) by
placeholders, so the file holds no names.
"""

from __future__ import annotations

import bisect
import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from kgraph.errors import ModelError
from kgraph.ontology import Ontology, load_ontology
from kgraph.types import Mention, Span, Statement

__all__ = [
    "RELATIONS", "LABELS", "MODEL_PATH", "Candidate", "PairModel",
    "allowed_labels", "candidates", "choose", "pair_statements",
]

# The relations the classifier knows; LABELS[0] is "no relation".
RELATIONS = ("worksFor", "livesIn", "locatedIn", "basedIn", "killed")
LABELS = ("none",) + RELATIONS
MODEL_PATH = Path(__file__).with_name("pairs_model.json")

# Coarse argument classes used in features, most specific first (a Country is a Place).
_COARSE = ("Person", "Organization", "Group", "Place")
# Dependency paths longer than this are too rare to be useful as whole strings.
_MAX_PATH = 7
# Tokens either side of a mention that count as its window.
_WINDOW = 2


@dataclass(frozen=True)
class Candidate:
    """An ordered mention pair of one sentence: ``features`` (strings) and the labels it may take.

    ``allowed[i]`` says whether ``LABELS[i]`` fits the argument types ("none" always does).
    """

    subject: Mention
    object: Mention
    sentence: object  # spaCy Span; stays inside kgraph.extraction
    allowed: tuple[bool, ...]
    features: tuple[str, ...]
    relation_text: str


def pair_statements(doc, mentions: Sequence[Mention], *, article_id: str,
                    ontology: Ontology | None = None) -> list[Statement]:
    """Typed statements between the ``mentions`` of each sentence of ``doc``, whose
    types ``ontology`` (default: kgraph's) tests.

    ``doc`` is a parsed spaCy ``Doc`` whose text the mention offsets point into. For each
    unordered pair of mentions at most one statement is returned: the most probable
    relation over both directions, if its probability reaches the model's threshold.
    Statements come in sentence order. Raises :class:`ModelError` if the model file is
    missing.
    """
    ontology = load_ontology(ontology)
    cands = list(candidates(doc, mentions, ontology=ontology))
    if not cands:
        return []
    model = PairModel.load()
    statements = []
    for i, label, prob in choose(cands, model.probabilities(cands), model.threshold):
        cand = cands[i]
        sent = cand.sentence
        statements.append(
            Statement(
                subject=cand.subject,
                predicate=LABELS[label],
                object=cand.object,
                relation_text=cand.relation_text or ontology.property(LABELS[label]).label,
                article_id=article_id,
                sentence=Span(sent.start_char, sent.end_char, sent.text),
                confidence=round(prob, 4),
            )
        )
    return statements


def choose(cands: Sequence[Candidate], probs: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """(candidate index, label index, probability) of the relations to state, in candidate order.

    A candidate qualifies when its most probable relation (not "none") has probability at
    least ``threshold``; of the two directions of one mention pair only the more probable
    qualifying one is kept (ties keep the first).
    """
    best: dict[tuple, tuple[int, int, float]] = {}
    # one argmax over the whole matrix: numpy calls per row cost more than the work
    labels = 1 + np.argmax(probs[:, 1:], axis=1)
    for i, (cand, row, label) in enumerate(zip(cands, probs, labels.tolist())):
        if row[label] < threshold:
            continue
        pair = tuple(sorted((_span_key(cand.subject), _span_key(cand.object))))
        if pair not in best or row[label] > best[pair][2]:
            best[pair] = (i, label, float(row[label]))
    return sorted(best.values())


def candidates(doc, mentions: Iterable[Mention], *, ontology: Ontology | None = None) -> Iterator[Candidate]:
    """Every ordered pair of ``mentions`` in one sentence of ``doc`` that some relation's
    types fit, by ``ontology`` (default: kgraph's).

    Pairs of the same entity (same key) or of overlapping spans are skipped, as are
    mentions whose offsets do not fall on ``doc``'s tokens.
    """
    # Span.sent scans the doc on every call: take the sentences once and find each
    # mention's by its first token.
    sentences = list(doc.sents)
    starts = [sent.start for sent in sentences]
    by_sentence: dict[int, list[tuple[Mention, object]]] = {}
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        by_sentence.setdefault(bisect.bisect_right(starts, span.start) - 1, []).append((mention, span))
    ontology = load_ontology(ontology)
    table = _Tokens(doc, _lexicon(ontology))
    for number in sorted(by_sentence):
        group = sorted(by_sentence[number], key=lambda ms: (ms[1].start, ms[1].end))
        if len(group) < 2:
            continue
        sent = sentences[number]
        table.fill(sent)
        # What a mention contributes is the same in every pair, and on either side
        # but for the prefix: compute it once.
        sides = []
        for _, span in group:
            root = span.root  # Span.root walks the span: once per mention
            own = _side_features(table, sent, span, root)
            sides.append((tuple(f"s_{f}" for f in own), tuple(f"o_{f}" for f in own), _chain(root)))
        between: dict[tuple[int, int], tuple] = {}  # filled by _features, shared by both directions
        coarse = [ontology.base(m.type, _COARSE) or "Other" for m, _ in group]
        for i, (a, sa) in enumerate(group):
            for j, (b, sb) in enumerate(group):
                if a.key == b.key or (sa.start < sb.end and sb.start < sa.end):
                    continue
                allowed = allowed_labels(a.type, b.type, ontology)
                if not any(allowed[1:]):
                    continue
                features, relation_text = _features(
                    table, sa, sb, coarse[i], coarse[j], sides[i][2], sides[j][2], between)
                features = tuple(dict.fromkeys(features + sides[i][0] + sides[j][1]))
                yield Candidate(a, b, sent, allowed, features, relation_text)


@dataclass(frozen=True)
class PairModel:
    """Classifier weights: ``vocab`` maps a feature to its row of ``weights`` (features x LABELS)."""

    vocab: dict[str, int]
    weights: np.ndarray
    threshold: float

    @staticmethod
    @functools.lru_cache(maxsize=4)
    def load(path: Path = MODEL_PATH) -> PairModel:
        """The model stored at ``path`` (read once per process); raises :class:`ModelError`."""
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelError(f"{path}: relation model missing; run `python benchmarks/train_pairs.py`") from None
        if tuple(raw["labels"]) != LABELS:
            raise ModelError(f"{path}: labels {raw['labels']} differ from {list(LABELS)}; retrain the model")
        names = sorted(raw["weights"])
        weights = np.array([raw["weights"][name] for name in names], dtype=np.float64)
        return PairModel({name: i for i, name in enumerate(names)}, weights, float(raw["threshold"]))

    def probabilities(self, cands: Sequence[Candidate]) -> np.ndarray:
        """(candidates, LABELS) probabilities; labels a candidate's types forbid get 0."""
        rows, offsets = [], []
        row_of = self.vocab.get
        for cand in cands:
            offsets.append(len(rows))
            # every candidate has the "bias" feature, so no row is empty
            rows += [row for row in map(row_of, cand.features) if row is not None]
        # (numpy takes the Python lists as they are; each extra array costs more than its work)
        scores = np.add.reduceat(self.weights.take(rows, axis=0), offsets, axis=0)
        scores[~np.array([c.allowed for c in cands])] = -np.inf
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        exp /= exp.sum(axis=1, keepdims=True)
        return exp


def _span_key(mention: Mention) -> tuple[int, int]:
    return mention.span.start, mention.span.end


@functools.lru_cache(maxsize=256)
def allowed_labels(subject_type: str, object_type: str, ontology: Ontology | None = None) -> tuple[bool, ...]:
    """Which LABELS fit a subject and object of these classes of ``ontology``
    (default: kgraph's), by domain and range."""
    onto = load_ontology(ontology)

    def fits(cls: str, wanted: str | None) -> bool:
        return wanted is None or (cls in onto.classes and onto.is_a(cls, wanted))

    return (True,) + tuple(
        fits(subject_type, onto.property(r).domain) and fits(object_type, onto.property(r).range)
        for r in RELATIONS
    )


@functools.lru_cache(maxsize=None)
def _lexicon(ontology: Ontology) -> dict[str, tuple[str, ...]]:
    """Lemma -> relation properties of ``ontology`` whose kg:verb / kg:noun / kg:title words contain it.

    A verb or noun phrase contributes its first word ("work for" -> "work"), a title its
    last ("prime minister" -> "minister"): the word the parser makes the head.
    """
    cues: dict[str, set[str]] = {}
    for name, prop in ontology.relations.items():
        words = [v.split()[0] for v in prop.verbs + prop.nouns] + [t.split()[-1] for t in prop.titles]
        for word in words:
            cues.setdefault(word.lower(), set()).add(name)
    return {word: tuple(sorted(names)) for word, names in cues.items()}


def _word(tok, cues: dict) -> str:
    """A token as a feature: its entity label or PROPN for names, NUM for numbers, CAP for
    other capitalised words inside a sentence that the lexicon (``cues``) does not know
    (names the tagger missed), else its lowercase lemma."""
    if tok.ent_type_:
        return f"<{tok.ent_type_}>"
    if tok.pos_ == "PROPN":
        return "<PROPN>"
    if tok.like_num:
        return "<NUM>"
    lemma = tok.lemma_.lower()
    if tok.text[:1].isupper() and not tok.is_sent_start and lemma not in cues:
        return "<CAP>"
    return lemma


class _Tokens:
    """Each token's feature word and whether it begins a name, computed once per
    sentence that has a candidate pair (:meth:`fill`), not for the whole doc;
    ``cues`` are the ontology's lexicon cues (:func:`_lexicon`)."""

    def __init__(self, doc, cues: dict[str, tuple[str, ...]]):
        self.cues = cues
        self.words: list[str] = [""] * len(doc)
        self.begins: list[bool] = [False] * len(doc)

    def fill(self, sent) -> None:
        """Compute the words of the tokens of ``sent``."""
        for tok in sent:
            self.words[tok.i] = _word(tok, self.cues)
            self.begins[tok.i] = tok.ent_iob_ == "B"

    def words_in(self, start: int, end: int) -> list[str]:
        """Feature words of tokens ``start:end``, one placeholder per multi-token name."""
        out: list[str] = []
        for i in range(start, end):
            word = self.words[i]
            if word.startswith("<") and out and out[-1] == word and not self.begins[i]:
                continue
            out.append(word)
        return out


def _bucket(n: int) -> str:
    return str(n) if n < 5 else "5-7" if n < 8 else "8-12" if n < 13 else "13+"


def _side_features(table: _Tokens, sent, span, root) -> list[str]:
    """Features of one argument ``span`` of sentence ``sent`` (``root`` is the span's
    head) without their side prefix (the caller adds "s_" for the subject, "o_" for
    the object): the words around it, the shape of its name, its dependency label and head."""
    left = table.words_in(max(span.start - _WINDOW, sent.start), span.start)
    right = table.words_in(span.end, min(span.end + _WINDOW, sent.end))
    lexicon = table.cues
    feats = [f"L{len(left) - i}={w}" for i, w in enumerate(left)]
    feats.extend(f"R{i + 1}={w}" for i, w in enumerate(right))
    # the shape of a name: abbreviations ("Xxxx."), acronyms ("XXX"), length in words
    feats.append(f"shape={span[-1].shape_}|{min(len(span), 4)}")
    feats.append(f"first={span[0].shape_}")
    feats.append(f"dep={root.dep_}")
    feats.append(f"head={table.words[root.head.i]}")
    for w in left + right:
        feats.extend(f"lexwin={p}" for p in lexicon.get(w, ()))
    return feats


def _features(table: _Tokens, sa, sb, ta: str, tb: str, up: _Chain, down: _Chain,
              between: dict) -> tuple[tuple[str, ...], str]:
    """Features of the ordered pair (subject span ``sa``, object span ``sb``) that depend on
    both arguments, and the relation text; ``up`` and ``down`` are the chains of the heads
    of ``sa`` and ``sb``. ``between`` keeps what lies between two
    spans (the same in both directions) for the pair's other direction.

    The relation text is the words on the dependency path between the two heads, in
    sentence order ("" when the heads are adjacent in the tree).
    """
    order = "ab" if sa.start < sb.start else "ba"
    first, second = (sa, sb) if order == "ab" else (sb, sa)
    key = (first.end, second.start)
    if key not in between:
        words = table.words_in(first.end, second.start)
        between[key] = words, sorted(set(words)), min(sum(table.begins[first.end:second.start]), 3)
    words, unique, names = between[key]
    lexicon = table.cues
    feats = ["bias", f"types={ta}|{tb}", f"order={order}", f"order_types={order}|{ta}|{tb}",
             f"dist={_bucket(second.start - first.end)}"]
    feats.append(f"nments={names}")
    if len(words) <= 4:
        feats.append(f"btwseq={order}|{' '.join(words)}")
    feats.extend(f"btw={w}" for w in unique)
    feats.extend(f"btw_{order}={w}" for w in unique)
    path, interior = _dep_path(up, down)
    if path is None:
        feats.append("path=none")
        return tuple(feats), ""
    interior_words = [table.words[t.i] for t in interior]
    feats.append(f"pathlen={_bucket(len(path))}")
    if len(path) <= _MAX_PATH:
        feats.append("dpath=" + " ".join(path))
        feats.append("lpath=" + " ".join(path) + "|" + " ".join(interior_words))
    feats.extend(f"pw={w}" for w in sorted(set(interior_words)))
    feats.extend(f"lexpath={p}" for w in sorted(set(interior_words)) for p in lexicon.get(w, ()))
    feats.extend(f"lexbtw={p}" for w in unique for p in lexicon.get(w, ()))
    relation_text = " ".join(t.text for t in sorted(interior, key=lambda t: t.i)
                             if not (t.ent_type_ or t.pos_ == "PROPN"))
    return tuple(feats), relation_text


class _Chain(NamedTuple):
    """A mention's head followed by its ancestors, with what paths read of them
    (made once per mention, read by every pair it is in)."""

    tokens: list
    position: dict[int, int]  # token index -> place in ``tokens``
    deps: list[str]


def _chain(head) -> _Chain:
    tokens = [head, *head.ancestors]
    return _Chain(tokens, {t.i: k for k, t in enumerate(tokens)}, [t.dep_ for t in tokens])


def _dep_path(up: _Chain, down: _Chain) -> tuple[list[str] | None, list]:
    """Dependency labels from the head of ``up`` up to the lowest common ancestor and
    down to the head of ``down`` ("nsubj<", ">dobj"), and the tokens strictly inside
    the path; (None, []) if no token joins them."""
    for k, tok in enumerate(up.tokens):
        m = down.position.get(tok.i)
        if m is not None:
            path = [f"{dep}<" for dep in up.deps[:k]] + [f">{dep}" for dep in reversed(down.deps[:m])]
            interior = up.tokens[1:k] + ([tok] if 0 < k and 0 < m else []) + list(reversed(down.tokens[1:m]))
            return path, interior
    return None, []
