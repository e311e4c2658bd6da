"""Typed relations between the entity mentions of a document, chosen by a small trained classifier.

Candidates are ordered mention pairs whose types fit the domain and range of at least one
of the model's relations in the ontology: every pair of one sentence, and, for two
entities that never share a sentence, their nearest mentions across sentences (at most
:data:`MAX_SENTENCE_GAP` sentences apart, or any distance when one is the document's
topic, its first-named entity). A multinomial logistic regression over sparse features
(the words between and around the mentions, the dependency path between their heads
and the verbs on it, cues of reporting, modality and negation on the clause, ontology
lexicon cues, the shape of the names, the distance in words and in sentences, whether
an end is the topic; in a one-sentence document a second copy of each) gives each
candidate a probability for every type-compatible relation and for "no relation"; an
event (:data:`EVENTS`) needs one of its lexicon words near the names. Of all candidates
of one entity pair, the most probable relation, if its probability reaches the model's
threshold, becomes a :class:`~kgraph.types.Statement` whose confidence is that probability.

The weights and the relation labels live in ``pairs_model.json`` next to this module,
written by ``benchmarks/train_pairs.py`` from CoNLL04's training split and Re-DocRED's
dev documents. Features replace names (entity words, proper nouns, capitalised words
the lexicon does not know) by placeholders, so the file holds no names. A label the
ontology lacks is never predicted.
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
from kgraph.extraction.loading import without_gc
from kgraph.extraction.syntax.clauses import HEDGE_ADVERBS, REPORTING_VERBS
from kgraph.ontology import Ontology, load_ontology
from kgraph.types import Mention, Span, Statement

__all__ = [
    "ACROSS", "ALONE", "EVENTS", "MAX_SENTENCE_GAP", "MODEL_PATH", "Candidate", "PairModel",
    "allowed_labels", "candidates", "choose", "pair_statements",
]

MODEL_PATH = Path(__file__).with_name("pairs_model.json")

# Two entities that never share a sentence are paired when their nearest mentions are
# at most this many sentences apart: in Re-DocRED 1,333 facts are stated one sentence
# apart, 635 two, and the rest mostly concern the topic entity, which pairs at any gap.
MAX_SENTENCE_GAP = 2
# The only relation read across sentences: where a place lies is a fact of the world that
# the article's other places imply ("Porto ... Portugal"); citizenship or an organisation's
# country read across sentences is a guess (on BBC dev every such statement was wrong).
ACROSS = frozenset({"locatedIn"})
# Coarse argument classes used in features, most specific first (a Country is a Place).
_COARSE = ("Person", "Organization", "Group", "Country", "City", "Place")
# Dependency paths longer than this are too rare to be useful as whole strings.
_MAX_PATH = 7
# Tokens either side of a mention that count as its window.
_WINDOW = 2
# Modal auxiliaries that hedge a clause ("could", "may"); "will" states a plan as fact.
_MODALS = frozenset({"may", "might", "could", "would", "should", "must", "can"})
# A relation read across a verb of saying, a hedge or a negation is not stated: on BBC
# news these paths ("X told the BBC", "could move to the UK") gave only wrong statements.
# A candidate of a one-sentence document (a CoNLL04 line, a text typed to `kgraph
# extract`) has this feature and a copy of each of its features prefixed "doc1|": the
# copies learn what that dense style adds to the weights shared with articles (feature
# augmentation, Daume III 2007), so CoNLL04's priors do not shift news articles.
ALONE = "doc1"
# So is one between a name that only modifies a noun and a name elsewhere in the clause
# ("his visit to a NATO country": the country is no member of its visitor).
_BLOCKING = frozenset({"pcue=report", "pcue=modal", "pcue=neg", "pcue=modifier"})
# Events the classifier states only where one of their lexicon words is on the path,
# between the names or beside one ("shot", "born in", "death in"): from the argument
# types alone it read "Ada Bell, of Bo Li" as a killing and "moved to Lima" as a death.
EVENTS = frozenset({"killed", "bornIn", "diedIn"})


@dataclass(frozen=True)
class Candidate:
    """An ordered mention pair: ``features`` (strings) and the labels it may take.

    ``allowed[i]`` says whether the model's label ``i`` fits the argument types ("none"
    always does). ``evidence`` is the text span from the first mention's sentence to
    the second's (one sentence for a same-sentence pair); ``across`` says the mentions
    are in different sentences.
    """

    subject: Mention
    object: Mention
    evidence: Span
    allowed: tuple[bool, ...]
    features: tuple[str, ...]
    relation_text: str
    across: bool = False


def pair_statements(doc, mentions: Sequence[Mention], *, article_id: str,
                    ontology: Ontology | None = None, sents=None) -> list[Statement]:
    """Typed statements between the ``mentions`` of ``doc`` (whose sentences are
    ``sents``, default ``doc.sents``), whose types ``ontology`` (default: kgraph's) tests.

    ``doc`` is a parsed spaCy ``Doc`` whose text the mention offsets point into. For each
    unordered pair of entities at most one statement is returned: the most probable
    relation over all their candidates, if its probability reaches the model's
    threshold. Statements come in text order. Raises :class:`ModelError` if the model
    file is missing or unreadable.
    """
    ontology = load_ontology(ontology)
    model = PairModel.load()
    cands = list(candidates(doc, mentions, model.labels, ontology=ontology, sents=sents, blocked=False))
    if not cands:
        return []
    statements = []
    thresholds = [model.across_threshold if c.across else model.alone_threshold if ALONE in c.features
                  else model.threshold for c in cands]
    for i, label, prob in choose(cands, model.probabilities(cands), thresholds):
        cand = cands[i]
        name = model.labels[label]

        statements.append(
            Statement(
                subject=cand.subject,
                predicate=name,
                object=cand.object,
                relation_text=cand.relation_text or ontology.property(name).label,
                article_id=article_id,
                sentence=cand.evidence,
                confidence=round(prob, 4),
            )
        )
    return statements


def choose(cands: Sequence[Candidate], probs: np.ndarray, threshold) -> list[tuple[int, int, float]]:
    """(candidate index, label index, probability) of the relations to state, in candidate order.

    A candidate qualifies when its most probable relation (not "none", label 0) has
    probability at least ``threshold`` (one number, or one per candidate). Of the
    qualifying candidates of one mention pair (both directions), and of those of one
    entity pair across sentences, only the most probable is kept (ties keep the first).
    """
    best: dict[frozenset, tuple[int, int, float]] = {}
    # one argmax over the whole matrix: numpy calls per row cost more than the work
    labels = 1 + np.argmax(probs[:, 1:], axis=1)
    floors = np.broadcast_to(np.asarray(threshold, dtype=np.float64), (len(cands),)).tolist()
    for i, (cand, row, label, floor) in enumerate(zip(cands, probs, labels.tolist(), floors)):
        if row[label] < floor:
            continue
        pair = (frozenset((cand.subject.key, cand.object.key)) if cand.across
                else frozenset((_span_key(cand.subject), _span_key(cand.object))))
        if pair not in best or row[label] > best[pair][2]:
            best[pair] = (i, label, float(row[label]))
    return sorted(best.values())


class _Placed(NamedTuple):
    """A mention with its tokens, its sentence number, its place in the document's
    mentions and its coarse class."""

    mention: Mention
    span: object  # spaCy Span
    sentence: int
    index: int
    coarse: str


def candidates(doc, mentions: Iterable[Mention], labels: Sequence[str], *,
               ontology: Ontology | None = None, sents=None, blocked: bool = True) -> Iterator[Candidate]:
    """The candidate pairs of ``mentions`` in ``doc`` (whose sentences are ``sents``,
    default ``doc.sents``) for a model of ``labels`` (``labels[0]`` is "none"), whose
    types ``ontology`` (default: kgraph's) tests.

    Same-sentence pairs come first, sentence by sentence, then the cross-sentence pairs
    of entities that share no sentence, in text order. Pairs of the same entity (same
    key) or of overlapping spans are skipped, as are mentions whose offsets do not fall
    on ``doc``'s tokens. ``blocked=False`` also skips the pairs whose features hold one
    of ``_BLOCKING`` (the model never states them; training reads them as negatives),
    before their argument features are made: about two in five of a news article's.
    """
    ontology = load_ontology(ontology)
    labels = tuple(labels)
    # Span.sent scans the doc on every call, doc.sents walks it in Python: take them once
    sentences = list(sents) if sents is not None else list(doc.sents)
    starts = [sent.start for sent in sentences]
    spans = []
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is not None and len(span) > 0:
            spans.append((span.start, span.end, mention, span))
    if len(spans) < 2:
        return
    text = doc.text  # (Doc.text and Span.text join their tokens on every call: evidence is cut from this)
    # A one-sentence document (a CoNLL04 line, a headline) states its relations more
    # densely than a sentence of a long article: its features get their ALONE copies.
    alone = (ALONE,) if len(sentences) == 1 else ()
    spans.sort(key=lambda s: (s[0], s[1]))
    topic = spans[0][2].key
    table = _Tokens(doc, _lexicon(ontology))
    by_sentence: dict[int, list[_Placed]] = {}
    placed: list[_Placed] = []
    for index, (start, _, mention, span) in enumerate(spans):
        number = bisect.bisect_right(starts, start) - 1
        item = _Placed(mention, span, number, index, ontology.base(mention.type, _COARSE) or "Other")
        by_sentence.setdefault(number, []).append(item)
        placed.append(item)
    # what a mention contributes to every pair it is in, made once
    chains: dict[int, _Chain] = {}
    sides: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    filled: set[int] = set()  # sentences whose token words are in ``table``

    def chain(item: _Placed) -> _Chain:
        """The chain of ``item``'s head, made when first asked (its sentence's words with it)."""
        if item.index not in chains:
            if item.sentence not in filled:
                table.fill(sentences[item.sentence])
                filled.add(item.sentence)
            chains[item.index] = _chain(item.span.root)  # Span.root walks the span: once per mention
        return chains[item.index]

    def side(item: _Placed) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(subject-side features, object-side features) of ``item``, made when first asked."""
        if item.index not in sides:
            head = chain(item)
            # without repeats: the two sides' prefixes keep them apart from the pair's features
            own = dict.fromkeys(_side_features(table, sentences[item.sentence], item.span, head,
                                               item.mention.key == topic))
            sides[item.index] = (tuple(f"s_{f}" for f in own), tuple(f"o_{f}" for f in own))
        return sides[item.index]

    together: set[frozenset] = set()
    for number in sorted(by_sentence):
        group = by_sentence[number]
        if len(group) < 2:
            continue
        sent = sentences[number]
        evidence = Span(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char])
        # filled by _features, shared by both directions
        between: dict[tuple[int, int], tuple] = {}
        paths: dict[tuple[int, int], tuple] = {}
        for a in group:
            for b in group:
                if a.mention.key == b.mention.key or (a.span.start < b.span.end and b.span.start < a.span.end):
                    continue
                together.add(frozenset((a.mention.key, b.mention.key)))
                allowed = allowed_labels(a.mention.type, b.mention.type, labels, ontology)
                if not any(allowed[1:]):
                    continue
                features, relation_text = _features(table, a, b, chain(a), chain(b), between, paths)
                if not blocked and not _BLOCKING.isdisjoint(features):
                    continue
                features = tuple(dict.fromkeys(features)) + side(a)[0] + side(b)[1]
                if alone:
                    features += alone + tuple(f"{ALONE}|{f}" for f in features)
                yield Candidate(a.mention, b.mention, evidence, allowed, features, relation_text)

    across = tuple(name if name in ACROSS else "" for name in labels)
    reach = [item for item in placed if _may_relate_across(item.mention.type, across, ontology)]
    for a, b, gap in _nearest_across(reach, together, topic):
        allowed = allowed_labels(a.mention.type, b.mention.type, across, ontology)
        if not any(allowed[1:]):
            continue
        first, second = sorted((a.sentence, b.sentence))
        begin, end = sentences[first].start_char, sentences[second].end_char
        features = tuple(dict.fromkeys(_cross_features(a, b, chain(a), chain(b), gap, topic))) \
            + side(a)[0] + side(b)[1]
        yield Candidate(a.mention, b.mention, Span(begin, end, text[begin:end]), allowed, features, "", True)


@functools.lru_cache(maxsize=1024)
def _may_relate_across(cls: str, across: tuple[str, ...], ontology: Ontology) -> bool:
    """Whether a mention of class ``cls`` fits the domain or range of one of the
    ``across`` relations (the others are ""): only such mentions pair across sentences."""
    for name in across:
        if name in ontology.relations:
            prop = ontology.property(name)
            if any(wanted is None or (cls in ontology.classes and ontology.is_a(cls, wanted))
                   for wanted in (prop.domain, prop.range)):
                return True
    return False


def _nearest_across(placed: list[_Placed], together: set[frozenset], topic: str) -> Iterator[tuple]:
    """(subject, object, sentence gap) for each ordered pair of entities that share no
    sentence: their nearest mentions (earliest first on a tie), if at most
    MAX_SENTENCE_GAP sentences apart or one of them is the ``topic`` entity."""
    by_key: dict[str, list[_Placed]] = {}
    for item in placed:
        by_key.setdefault(item.mention.key, []).append(item)
    keys = list(by_key)  # in order of first mention
    for i, ka in enumerate(keys):
        for kb in keys[i + 1:]:
            if frozenset((ka, kb)) in together:
                continue
            gap, a, b = min(((abs(x.sentence - y.sentence), x, y) for x in by_key[ka] for y in by_key[kb]),
                            key=lambda t: (t[0], t[1].span.start, t[2].span.start))
            if gap <= MAX_SENTENCE_GAP or topic in (ka, kb):
                yield a, b, gap
                yield b, a, gap


def _span_key(mention: Mention) -> tuple[int, int]:
    return mention.span.start, mention.span.end


@dataclass(frozen=True)
class PairModel:
    """Classifier weights: ``labels`` ("none" first), ``vocab`` maps a feature to its
    row of ``weights`` (features x labels); a relation is stated from ``threshold`` on
    within a sentence, from ``across_threshold`` on across sentences, and from
    ``alone_threshold`` on in a document of one sentence."""

    labels: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray
    threshold: float
    across_threshold: float
    alone_threshold: float

    @staticmethod
    @functools.lru_cache(maxsize=4)
    @without_gc
    def load(path: Path = MODEL_PATH) -> PairModel:
        """The model stored at ``path`` (read once per process); raises :class:`ModelError`."""
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
            labels = tuple(raw["labels"])
            names = sorted(raw["weights"])
            weights = np.array([raw["weights"][name] for name in names], dtype=np.float64)
            thresholds = tuple(float(raw[k]) for k in ("threshold", "across_threshold", "alone_threshold"))
        except FileNotFoundError:
            raise ModelError(f"{path}: relation model missing; run `python benchmarks/train_pairs.py`") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{path}: not a relation model ({exc}); retrain with "
                             "`python benchmarks/train_pairs.py`") from None
        if not labels or labels[0] != "none" or weights.shape != (len(names), len(labels)):
            raise ModelError(f"{path}: labels {list(labels)} do not fit the weights; retrain the model")
        return PairModel(labels, {name: i for i, name in enumerate(names)}, weights, *thresholds)

    def probabilities(self, cands: Sequence[Candidate]) -> np.ndarray:
        """(candidates, labels) probabilities; labels a candidate's types forbid get 0, and
        so do EVENTS no lexicon word of which the candidate's features hold."""
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
        for label, cues in _event_cues(self.labels):
            exp[[i for i, cand in enumerate(cands) if cues.isdisjoint(cand.features)], label] = 0.0
        return exp


@functools.lru_cache(maxsize=4)
def _event_cues(labels: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    """(index, the features that say a lexicon word of it is written) of each of
    ``labels`` that is one of the EVENTS."""
    return tuple((k, frozenset({f"lexpath={name}", f"lexbtw={name}", f"s_lexwin={name}", f"o_lexwin={name}"}))
                 for k, name in enumerate(labels) if name in EVENTS)


@functools.lru_cache(maxsize=1024)
def allowed_labels(subject_type: str, object_type: str, labels: tuple[str, ...],
                   ontology: Ontology | None = None) -> tuple[bool, ...]:
    """Which of ``labels`` (``labels[0]`` is "none", always allowed) fit a subject and
    object of these classes of ``ontology`` (default: kgraph's), by domain and range;
    a label that is no relation of the ontology never fits."""
    onto = load_ontology(ontology)
    def fits(cls: str, wanted: str | None) -> bool:
        return wanted is None or (cls in onto.classes and onto.is_a(cls, wanted))

    return (True,) + tuple(
        name in onto.relations and fits(subject_type, onto.property(name).domain)
        and fits(object_type, onto.property(name).range)
        for name in labels[1:]
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
    sentence that has a mention (:meth:`fill`), not for the whole doc; ``cues`` are
    the ontology's lexicon cues (:func:`_lexicon`)."""

    def __init__(self, doc, cues: dict[str, tuple[str, ...]]):
        self.cues = cues
        self.words: list[str] = [""] * len(doc)
        self.begins: list[bool] = [False] * len(doc)
        self._clause: dict[int, frozenset[str]] = {}

    def clause_cues(self, tokens) -> frozenset[str]:
        """:func:`_clause_cues` of ``tokens``, each token's read once per doc (a token
        lies on the paths of many pairs)."""
        out: frozenset[str] = frozenset()
        for tok in tokens:
            cues = self._clause.get(tok.i)
            if cues is None:
                cues = self._clause[tok.i] = frozenset(_clause_cues([tok]))
            out |= cues
        return out

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


def _clause_cues(tokens) -> set[str]:
    """Cues of how ``tokens`` (verbs of a clause, or the words on a path) state their
    event: "report" (a verb of saying), "modal" (a hedging auxiliary or adverb), "neg"."""
    cues = set()
    for tok in tokens:
        if tok.lemma_ in REPORTING_VERBS and tok.pos_ in ("VERB", "AUX"):
            cues.add("report")
        if tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        for child in tok.children:
            if child.dep_ == "neg":
                cues.add("neg")
            elif (child.dep_ == "aux" and child.lower_ in _MODALS) or (
                    child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS):
                cues.add("modal")
    return cues


def _side_features(table: _Tokens, sent, span, chain: _Chain, topic: bool) -> list[str]:
    """Features of one argument ``span`` of sentence ``sent`` (``chain`` is its head
    and the head's ancestors) without their side prefix (the caller adds "s_" for
    the subject, "o_" for the object): the words around it, the shape of its name, its
    dependency label, head and governing verb, the cues of that verb's clause, whether
    it is a pronoun and whether it is the document's topic entity."""
    root = chain.tokens[0]
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
    if root.pos_ == "PRON":
        feats.append(f"pron={root.lower_}")
    verb = next((t for t in chain.tokens[1:] if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        feats.append(f"verb={table.words[verb.i]}")
        feats.append(f"verbdep={root.dep_}|{table.words[verb.i]}")
        feats.extend(f"clause={c}" for c in sorted(table.clause_cues([verb])))
    if topic:
        feats.append("topic")
    for w in left + right:
        feats.extend(f"lexwin={p}" for p in lexicon.get(w, ()))
    return feats


def _features(table: _Tokens, a: _Placed, b: _Placed, up: _Chain, down: _Chain,
              between: dict, paths: dict) -> tuple[tuple[str, ...], str]:
    """Features of the same-sentence ordered pair (subject ``a``, object ``b``, the chains
    of their heads ``up`` and ``down``) that depend on both arguments, and the relation
    text. ``between`` keeps what lies between two spans and ``paths`` what the tokens on
    the dependency path of two mentions give (both the same in either direction) for
    the pair's other direction.

    The relation text is the words on the dependency path between the two heads, in
    sentence order ("" when the heads are adjacent in the tree).
    """
    sa, sb, ta, tb = a.span, b.span, a.coarse, b.coarse
    order = "ab" if sa.start < sb.start else "ba"
    first, second = (sa, sb) if order == "ab" else (sb, sa)
    key = (first.end, second.start)
    if key not in between:
        between[key] = _words_between(table, first.end, second.start)
    words, unique, names, btw, lexbtw = between[key]
    feats = ["bias", f"types={ta}|{tb}", f"order={order}", f"order_types={order}|{ta}|{tb}",
             f"dist={_bucket(second.start - first.end)}"]
    feats.append(f"nments={names}")
    if len(words) <= 4:
        feats.append(f"btwseq={order}|{' '.join(words)}")
    feats.extend(btw)
    feats.extend(f"btw_{order}={w}" for w in unique)
    path, interior = _dep_path(up, down)
    if path is None:
        feats.append("path=none")
        return tuple(feats), ""
    # the tokens inside the path are the same in both directions, in reverse order
    pair = (a.index, b.index) if a.index < b.index else (b.index, a.index)
    if pair not in paths:
        paths[pair] = _path_tokens(table, interior, len(path))
    pathlen, unordered, relation_text = paths[pair]
    feats.append(pathlen)
    if _modifies_a_kind(path, interior, table):
        feats.append("pcue=modifier")
    if len(path) <= _MAX_PATH:
        feats.append("dpath=" + " ".join(path))
        feats.append("lpath=" + " ".join(path) + "|" + " ".join([table.words[t.i] for t in interior]))
    feats.extend(unordered)
    feats.extend(lexbtw)
    return tuple(feats), relation_text


def _words_between(table: _Tokens, start: int, end: int) -> tuple:
    """(feature words of tokens ``start:end``, their sorted set, how many names begin
    there (at most 3), their "btw=" features, their lexicon cue features)."""
    words = table.words_in(start, end)
    unique = sorted(set(words))
    lexicon = table.cues
    return (words, unique, min(sum(table.begins[start:end]), 3), tuple(f"btw={w}" for w in unique),
            tuple(f"lexbtw={p}" for w in unique for p in lexicon.get(w, ())))


def _path_tokens(table: _Tokens, interior: list, length: int) -> tuple[str, tuple[str, ...], str]:
    """What a dependency path of ``length`` arcs and the tokens strictly inside it
    (``interior``) give whichever way it is read: its length feature, the features of
    its words, verbs, clause cues and lexicon cues, and the relation text (its words in
    sentence order, names left out)."""
    interior_words = sorted({table.words[t.i] for t in interior})
    verbs = [t for t in interior if t.pos_ in ("VERB", "AUX")]
    lexicon = table.cues
    unordered = [f"pw={w}" for w in interior_words]
    unordered.append(f"pverbs={min(len(verbs), 3)}")
    unordered.extend(f"pcue={c}" for c in sorted(table.clause_cues(interior)))
    unordered.extend(f"lexpath={p}" for w in interior_words for p in lexicon.get(w, ()))
    relation_text = " ".join(t.text for t in sorted(interior, key=lambda t: t.i)
                             if not (t.ent_type_ or t.pos_ == "PROPN"))
    return f"pathlen={_bucket(length)}", tuple(unordered), relation_text


# How a name hangs on a common noun at the start (going up) or the end (coming down) of a path.
_NAME_ON_NOUN_UP = frozenset({"compound<", "amod<"})
_NAME_ON_NOUN_DOWN = frozenset({">compound", ">amod"})


def _modifies_a_kind(path: list[str], interior: list, table: _Tokens) -> bool:
    """Whether an end of a dependency ``path`` (whose ``interior`` tokens are in path
    order) is a name compounded to a common noun that is neither the other end's own
    noun (the path is longer than two steps: "Atlanta businessman Ada Bell" relates
    them) nor a relation's lexicon word ("NATO member"): "a NATO country" names a
    kind of country, and the name is no argument of the clause around it. So is a
    nationality adjective on such a noun ("visited the Zorbian embassy"), unless the
    noun names the other end through "of" ("the Zorbian city of Quarr")."""
    if len(path) <= 2:
        return False
    ends = ([interior[0]] if path[0] in _NAME_ON_NOUN_UP else []) \
        + ([interior[-1]] if path[-1] in _NAME_ON_NOUN_DOWN else [])
    if len(path) == 3 and (path[0] == "amod<" or path[-1] == ">amod") and any(t.lower_ == "of" for t in interior):
        return False
    return any(noun.pos_ == "NOUN" and table.words[noun.i] not in table.cues for noun in ends)


def _cross_features(a: _Placed, b: _Placed, up: _Chain, down: _Chain, gap: int, topic: str) -> tuple[str, ...]:
    """Features of an ordered pair (subject ``a``, object ``b``, the chains of their heads
    ``up`` and ``down``) of mentions ``gap``
    sentences apart that depend on both arguments: types, order, gap, which end is the
    ``topic`` entity, and the two mentions' roles in their clauses."""
    order = "ab" if a.sentence < b.sentence else "ba"
    types = f"{a.coarse}|{b.coarse}"
    ends = ("s" if a.mention.key == topic else "") + ("o" if b.mention.key == topic else "")
    gap_text = str(gap) if gap < 4 else "4+"
    return ("bias", "xs", f"xs_types={types}", f"xs_order_types={order}|{types}", f"xs_gap={gap_text}",
            f"xs_gap_types={gap_text}|{types}", f"xs_topic={ends or '-'}|{types}",
            f"xs_deps={up.deps[0]}|{down.deps[0]}")


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
