"""Open (Open IE) propositions: clauses rendered as ``arg1 / relation / args``.

:func:`propositions` turns each :class:`~kgraph.extract.clauses.Clause` of a
sentence into CaRB-style propositions with full argument phrases:

- a verb clause gives ``subject / relation / objects, complement, clausal
  argument, prepositional phrases, adverbials`` in text order; when the
  relation ends with a preposition ("was born in") the first argument is the
  object of that preposition alone;
- a verbless clause gives ``X / is / president of Y`` (apposition, title), with
  a possessor made explicit ("Y's president X" -> ``X / is president of / Y``),
  and ``firm / is based in / Z`` for "a Z-based firm";
- coordinated subjects and objects give one proposition per conjunct
  ("X and Y met Z" -> ``X / met / Z`` and ``Y / met / Z``).

Argument phrases are subtrees of the parse without relative clauses,
appositions and (for a split conjunct) the other conjuncts; offsets are
character offsets into ``doc.text``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..types import Proposition
from ..types import Span as TextSpan
from .clauses import Clause, clauses, conjuncts

__all__ = ["propositions"]

# Modifiers that are facts of their own, so they are cut out of an argument phrase.
EXCLUDED_DEPS = frozenset({"relcl", "appos", "conj", "cc", "advcl", "parataxis"})
EDGE_TRIM_DEPS = frozenset({"punct", "cc", "case", "mark", "prep"})


def propositions(doc_or_sent: Doc | Span) -> Iterator[Proposition]:
    """Yield the propositions of a ``Doc`` (sentence by sentence) or of one sentence ``Span``.

    Each :class:`~kgraph.types.Proposition` has ``arg1`` and ``args`` as spans
    of ``doc.text``, the relation as a string, ``sentence`` the sentence span,
    and the clause's ``negated`` / ``modality`` flags and a ``confidence``.
    """
    sents = doc_or_sent.sents if isinstance(doc_or_sent, Doc) else (doc_or_sent,)
    for sent in sents:
        sentence = TextSpan(sent.start_char, sent.end_char, sent.text)
        seen: set[tuple] = set()
        for clause in clauses(sent):
            for prop in _render(clause, sentence):
                key = (prop.arg1.start, prop.arg1.end, prop.relation, tuple((a.start, a.end) for a in prop.args))
                if key not in seen:
                    seen.add(key)
                    yield prop


def _render(clause: Clause, sentence: TextSpan) -> Iterator[Proposition]:
    source = clause.source
    skip = clause.anchor
    if source == "possessive":
        relation, args = "has", [[_phrase(clause.objects[0], cut=clause.subject)]]
    elif source == "location":
        prep, obj = clause.preps[0]
        relation, args = f"is {prep.text}", [[_phrase(obj)]]
    elif clause.verb is None:
        relation, args = _nominal(clause)
    elif source == "compound":
        place = clause.preps[0][1]
        relation = f"is {clause.verb.text} {clause.implied_prep}"
        args = [[_phrase(place, stop=clause.verb)]]
    else:
        relation, args = _verbal(clause)
    if relation is None or any(None in slot for slot in args):
        return
    for subject in conjuncts(clause.subject):
        arg1 = _phrase(subject, stop=skip)
        if arg1 is None:
            continue
        for combo in _combinations(args):
            prop = Proposition(
                arg1=_span(arg1),
                relation=relation,
                args=tuple(_span(a) for a in combo),
                sentence=sentence,
                negated=clause.negated,
                modality=clause.modality,
            )
            yield _with_confidence(prop, clause, arg1, combo)


def _verbal(clause: Clause) -> tuple[str | None, list[list[tuple[int, int, Token]]]]:
    """Relation text and argument slots (each slot: the alternatives for one argument)."""
    relation = clause.relation_text
    slots: list[tuple[int, list]] = []
    verb = clause.verb
    preps = list(clause.preps)
    if clause.relation_prep is not None:
        preps.remove(clause.relation_prep)
        obj = clause.relation_prep[1]
        slots.append((obj.i, [_phrase(c, stop=verb) for c in conjuncts(obj)]))
    for obj in clause.objects:
        slots.append((obj.i, [_phrase(c, stop=verb) for c in conjuncts(obj)]))
    for token in (clause.complement, clause.clausal):
        if token is not None:
            slots.append((token.i, [_phrase(token, stop=verb, keep_conj=True)]))
    for prep, obj in preps:
        if prep is not None:
            slots.append((prep.i, [_phrase(prep, stop=verb, keep_conj=True)]))
    for token in clause.adverbials:
        slots.append((token.i, [_phrase(token, stop=verb)]))
    slots.sort(key=lambda s: s[0])
    args = [[a for a in alternatives if a is not None] for _, alternatives in slots]
    return relation, [a for a in args if a]


def _nominal(clause: Clause) -> tuple[str | None, list]:
    """"X, president of Y" -> is / president of Y; "Y's president X" -> is president of / Y."""
    complement = clause.complement
    poss = next((c for c in complement.children if c.dep_ == "poss"), None)
    if poss is not None and poss.tag_ not in ("PRP$", "WP$"):
        rest = _phrase(complement, stop=clause.subject, cut=poss)
        owner = _phrase(poss, stop=clause.subject)
        if rest is not None and owner is not None:
            words = complement.doc[rest[0]:rest[1]].text
            return f"is {words} of", [[owner]]
    phrase = _phrase(complement, stop=clause.subject)
    relation = f"is {clause.implied_prep}" if clause.implied_prep else "is"
    return (relation, [[phrase]]) if phrase is not None else (None, [])


def _combinations(slots: list[list]) -> Iterator[list]:
    """One argument list per choice of conjunct in each slot (first slot split only)."""
    if not slots:
        yield []
        return
    first, rest = slots[0], [s[0] for s in slots[1:]]
    for alternative in first:
        yield [alternative, *rest]


def _phrase(head: Token, *, stop: Token | None = None, cut: Token | None = None, keep_conj: bool = False):
    """(start token, end token exclusive, head) of the phrase headed by ``head``.

    The phrase is the head's subtree, cut before the first excluded modifier on
    each side (relative clauses, appositions, other conjuncts unless
    ``keep_conj``), before ``stop`` (the clause's own verb when the head is the
    noun it modifies) and before ``cut``; punctuation and conjunctions at the
    edges are dropped. ``None`` when nothing is left.
    """
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    for token in head.subtree:
        if token.i == head.i:
            continue
        dep = token.dep_
        if dep in ("conj", "cc"):
            excluded = not keep_conj and token.head.i == head.i
        else:
            excluded = dep in EXCLUDED_DEPS
        if excluded or (stop is not None and token.i == stop.i) or (cut is not None and token.i == cut.i):
            if token.i > head.i:
                hi = min(hi, token.left_edge.i)
            else:
                lo = max(lo, token.right_edge.i + 1)
    doc = head.doc
    while lo < hi and doc[lo].dep_ in EDGE_TRIM_DEPS and lo != head.i and doc[lo].tag_ not in ("IN", "TO"):
        lo += 1
    while hi > lo and (doc[hi - 1].dep_ in EDGE_TRIM_DEPS or doc[hi - 1].is_punct) and hi - 1 != head.i:
        hi -= 1
    return (lo, hi, head) if lo < hi else None


def _span(phrase: tuple[int, int, Token]) -> TextSpan:
    lo, hi, head = phrase
    span = head.doc[lo:hi]
    return TextSpan(span.start_char, span.end_char, span.text)


def _with_confidence(prop: Proposition, clause: Clause, arg1, args) -> Proposition:
    return replace(prop, confidence=_confidence(clause, arg1, args))


# How often each kind of clause yields a correct proposition, best first: verb
# clauses of the main sentence are the surest; verbless readings of noun
# phrases (titles, possessives, compounds) are the most often not meant as facts.
SOURCE_PRIOR = {"verb": 0.7, "apposition": 0.45, "location": 0.45, "title": 0.4, "possessive": 0.25,
                "compound": 0.15}
# Subordinate clauses are parsed less reliably than main ones.
DEP_ADJUST = {"ROOT": 0.1, "conj": 0.05, "xcomp": 0.05, "ccomp": -0.05, "relcl": -0.05, "advcl": -0.05,
              "acl": -0.1, "pcomp": -0.15, "parataxis": -0.2}


def _confidence(clause: Clause, arg1, args) -> float:
    """A score in (0, 1) that ranks well-formed propositions above doubtful ones."""
    if not args:
        return 0.05  # a one-argument proposition is rarely a complete fact
    score = SOURCE_PRIOR[clause.source]
    if clause.verb is not None and clause.source == "verb":
        score += DEP_ADJUST.get(clause.verb.dep_, 0.0)
        if clause.relation_prep is not None or clause.objects:
            score += 0.05
    if arg1[1] - arg1[0] > 8:
        score -= 0.1  # long subjects are often mis-attached
    if clause.subject.pos_ == "NUM":
        score -= 0.15
    return round(min(max(score, 0.01), 0.99), 3)
