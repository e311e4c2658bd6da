"""Open (Open IE) propositions: clauses rendered as ``arg1 / relation / args``.

:func:`propositions` turns each :class:`~kgraph.extraction.syntax.clauses.Clause` of a
sentence into CaRB-style propositions with full argument phrases:

- a verb clause gives ``subject / relation / objects, complement, clausal
  argument, prepositional phrases, adverbials`` in text order; when the
  relation ends with a preposition ("was born in", "is familiar with") the
  first argument is the object of that preposition alone;
- a reported clause loses its complementiser to the relation ("X said that
  Y left" -> ``X / said that / Y left``);
- a participle modifier gets its implied "be" ("a hall built in 1900" ->
  ``a hall / was built in / 1900``); an infinitive or a preposition under a
  noun or verb carries it into the relation ("X's refusal to sign Y" ->
  ``X / refusal to sign / Y``, "X refrained from backing Y" -> ``X /
  refrained from backing / Y``), so that the relation shows the negation;
- a verbless clause gives ``X / is / president of Y`` (apposition, title), with
  a possessor made explicit ("Y's president X" -> ``X / is president of / Y``),
  ``X / has / Y`` for "X's Y", ``X / is in / Z`` for "X in Z" and "X, Z" (a
  named place Z), and ``firm / is based in / Z`` for "a Z-based firm"; the
  implied "be" agrees with the subject in number;
- coordinated subjects and the first coordinated argument give one
  proposition per conjunct ("X and Y met Z" -> ``X / met / Z`` and ``Y / met
  / Z``).

Confidence is a prior by kind of clause (main verbs first; possessive and
compound readings last), lowered for subordinate clauses, long subjects and
one-argument propositions; it ranks, it is not a calibrated probability.

Noun arguments are subtrees of the parse without relative clauses,
appositions, adverbial clauses and (for a split conjunct) the other conjuncts;
clausal arguments ("said that ...") keep their whole subtree. Offsets are
character offsets into ``doc.text``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from kgraph.types import Proposition
from kgraph.types import Span as TextSpan
from kgraph.extraction.syntax.clauses import Clause, clauses, conjuncts, same_entity, verb_group

__all__ = ["propositions"]

# Modifiers that are facts of their own, so they are cut out of a noun argument.
CUT_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis", "conj", "cc"})
EDGE_TRIM_DEPS = frozenset({"punct", "cc", "case", "mark", "prep"})
VERBAL_POS = frozenset({"VERB", "AUX"})

# How often each kind of clause yields a correct proposition, best first: verb
# clauses of the main sentence are the surest; verbless readings of noun
# phrases (titles, possessives, compounds) are the most often not meant as facts.
SOURCE_PRIOR = {"verb": 0.7, "apposition": 0.45, "location": 0.45, "title": 0.4, "possessive": 0.25,
                "compound": 0.15}
# Subordinate clauses are parsed less reliably than main ones.
DEP_ADJUST = {"ROOT": 0.1, "conj": 0.05, "xcomp": 0.05, "ccomp": -0.05, "relcl": -0.05, "advcl": -0.05,
              "acl": -0.1, "pcomp": -0.15, "parataxis": -0.2}

MAX_ROLE_WORDS = 3
Phrase = tuple[int, int]  # token offsets [start, end) in the Doc


def propositions(doc_or_sent: Doc | Span, *, found: Sequence[Clause] | None = None,
                 text: str | None = None) -> Iterator[Proposition]:
    """Yield the propositions of a ``Doc`` (sentence by sentence) or of one sentence ``Span``.

    Each :class:`~kgraph.types.Proposition` has ``arg1`` and ``args`` as spans
    of ``doc.text``, the relation as a string, ``sentence`` the sentence span,
    the clause's ``negated`` / ``modality`` flags and a ``confidence`` in (0, 1).
    ``found`` are the clauses of the sentence ``Span`` (``list(clauses(sent))``)
    when the caller already has them; ``text`` is ``doc.text`` when the caller
    has it (spaCy rebuilds a sentence's text from its tokens on every access).
    The ``Doc`` must be parsed (spaCy raises ``ValueError`` E030 for a ``Doc``
    without sentence boundaries). Raises ``ValueError`` when ``found`` is given
    with a ``Doc``.
    """
    if isinstance(doc_or_sent, Doc):
        if found is not None:
            raise ValueError("propositions(): `found` holds the clauses of one sentence; pass a sentence Span")
        sents = doc_or_sent.sents
    else:
        sents = (doc_or_sent,)
    for sent in sents:
        renderer = _Renderer(sent, text)
        seen: set[tuple] = set()
        for clause in (clauses(sent) if found is None else found):
            for prop in renderer.render(clause):
                key = (prop.arg1.start, prop.arg1.end, prop.relation, tuple((a.start, a.end) for a in prop.args))
                if key not in seen:
                    seen.add(key)
                    yield prop


class _Renderer:
    """Renders the clauses of one sentence; knows where its cut points are."""

    def __init__(self, sent: Span, text: str | None = None):
        """``text`` is the doc's text, if the caller has it."""
        self.doc = sent.doc
        start, end = sent.start_char, sent.end_char
        self.sentence = TextSpan(start, end, sent.text if text is None else text[start:end])
        # Head indexes as plain ints: walking up the tree through Token.ancestors
        # creates a Token per step.
        self.heads: dict[int, int] = {}
        # Cut points: modifiers that are facts of their own (a participle set off
        # by a comma among them: "The figures, showing a fall, were low"), and line
        # breaks (a phrase never runs from a headline into the text below it).
        # An infinitival relative ("the first woman to land") restricts its noun,
        # so it stays in the phrase.
        doc = sent.doc
        self.cuts: list[int] = []
        # One pass for both tables, through local names: it sees every token.
        heads, cuts = self.heads, self.cuts
        for t in sent:
            i = t.i
            heads[i] = t.head.i
            dep = t.dep_
            if ((dep in CUT_DEPS and not _infinitival_relative(t)) or (t.is_space and "\n" in t.text)
                    or (dep == "acl" and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ",")):
                cuts.append(i)

    def render(self, clause: Clause) -> Iterator[Proposition]:
        source = clause.source
        if source == "possessive":
            relation, slots = "has", [[self.phrase(clause.objects[0], cut=clause.subject)]]
        elif source == "location":
            prep, obj = clause.preps[0]
            word = prep.text if prep is not None else clause.implied_prep
            relation, slots = f"{_be(clause)} {word}", [[self.phrase(obj)]]
        elif source == "compound":
            place = clause.preps[0][1]
            relation = f"{_be(clause)} {clause.verb.text} {clause.implied_prep}"
            slots = [[self.phrase(place, stop=clause.verb)]]
        elif clause.verb is None:
            relation, slots = self.nominal(clause)
        else:
            relation, slots = self.verbal(clause)
        if relation is None or any(None in slot for slot in slots):
            return
        stop = clause.anchor
        # "There are parks in the town": the relation's preposition is cut from the subject.
        relation_prep = clause.relation_prep  # a property that searches the attachments
        cut = relation_prep[0] if relation_prep is not None else None
        for subject in conjuncts(clause.subject):
            arg1 = self.phrase(subject, stop=stop, cut=cut)
            if arg1 is None:
                continue
            for args in _choices(slots):
                yield Proposition(
                    arg1=self.span(arg1),
                    relation=relation,
                    args=tuple(self.span(a) for a in args),
                    sentence=self.sentence,
                    confidence=_confidence(clause, arg1, args),
                    negated=clause.negated,
                    modality=clause.modality,
                )

    def verbal(self, clause: Clause) -> tuple[str, list[list[Phrase]]]:
        """Relation text and argument slots (a slot lists the alternatives for one argument)."""
        verb = clause.verb
        relation = clause.relation_text
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and clause.relation[0].i == verb.i:
            relation = f"{_be(clause)} {relation}"  # "a hall built in 1900": was built in
        elif verb.dep_ == "pcomp" and clause.subject_inherited and _bare_governor(verb):
            # "refrained from backing Y", "left without paying Y": the governing verb and
            # its preposition carry the meaning (and the negation) of the relation.
            prep = verb.head
            relation = " ".join([*(t.text for t in verb_group(prep.head)), prep.text, relation])
        elif verb.dep_ == "acl" and clause.subject_inherited and clause.subject.i != verb.head.i:
            # "X's refusal to sign Y", "X has no plans to visit Y": the noun is part of the relation.
            noun = verb.head
            negative = [c.text for c in noun.children if c.dep_ == "det" and c.lower_ == "no"]
            relation = " ".join([*negative, noun.text, "to", relation])
        preps = list(clause.preps)
        complement = clause.complement
        slots: list[tuple[int, list]] = []
        attachment = clause.relation_prep
        if attachment is None and complement is not None and complement.pos_ == "ADJ" and not clause.objects:
            # "X is familiar with Y": the adjective and its preposition join the relation.
            attachment = next(((c, o) for c in complement.children if c.dep_ == "prep"
                               for o in c.children if o.dep_ == "pobj"), None)
            if attachment is not None:
                relation = f"{relation} {complement.text} {attachment[0].text}"
                complement = None
        elif attachment is not None:
            preps.remove(attachment)
        if attachment is not None:
            obj = attachment[1]
            slots.append((obj.i, [self.phrase(c, stop=verb) for c in conjuncts(obj)]))
        for obj in clause.objects:
            slots.append((obj.i, [self.phrase(c, stop=verb) for c in conjuncts(obj)]))
        if complement is not None:
            slots.append((complement.i, [self.phrase(complement, stop=verb, keep_conj=True)]))
        if clause.clausal is not None:
            # A parenthetical "he said" sits inside what it reports: keep the whole sentence.
            parenthetical = clause.clausal.i == verb.head.i
            reported = self.phrase(clause.clausal, stop=None if parenthetical else verb, whole=True)
            mark = self.doc[reported[0]] if reported is not None else None
            last = clause.relation[-1].i
            if mark is not None and mark.dep_ == "mark" and mark.head.i == clause.clausal.i and mark.i == last + 1:
                # "said that Y": the complementiser joins the relation
                relation = f"{relation} {mark.text}"
                reported = (reported[0] + 1, reported[1]) if reported[1] > reported[0] + 1 else None
            slots.append((clause.clausal.i, [reported]))
        for prep, obj in preps:
            if prep is not None:
                slots.append((prep.i, [self.phrase(prep, stop=verb, keep_conj=True)]))
        for token in clause.adverbials:
            slots.append((token.i, [self.phrase(token, stop=verb)]))
        slots.sort(key=lambda s: s[0])
        kept = [[a for a in alternatives if a is not None] for _, alternatives in slots]
        return relation, [a for a in kept if a]

    def nominal(self, clause: Clause) -> tuple[str | None, list[list[Phrase]]]:
        """"X, president of Y" -> is / president of Y; "Y's president X" -> is president of / Y."""
        complement, subject = clause.complement, clause.subject
        be = _be(clause)
        poss = next((c for c in complement.children if c.dep_ == "poss"), None)
        if poss is not None and poss.tag_ not in ("PRP$", "WP$"):
            rest = self.phrase(complement, stop=subject, cut=poss)
            owner = self.phrase(poss, stop=subject)
            # Only a short role noun reads as "is <role> of": "chief economist", not a whole clause.
            if rest is not None and owner is not None and rest[1] - rest[0] <= MAX_ROLE_WORDS:
                return f"{be} {self.doc[rest[0]:rest[1]].text} of", [[owner]]
        phrase = self.phrase(complement, stop=subject)
        relation = f"{be} {clause.implied_prep}" if clause.implied_prep else be
        return (relation, [[phrase]]) if phrase is not None else (None, [])

    def phrase(self, head: Token, *, stop: Token | None = None, cut: Token | None = None,
               keep_conj: bool = False, whole: bool = False) -> Phrase | None:
        """The token range of the phrase headed by ``head``, or ``None`` when nothing is left.

        The phrase is the head's subtree, cut before the first modifier that is a
        fact of its own on each side (relative clauses, appositions, adverbial
        clauses, the head's own conjuncts unless ``keep_conj``, a verb coordinated
        inside a noun phrase), before ``stop`` (the clause's own verb when the head
        is the noun it modifies) and before ``cut``. ``whole`` keeps every
        modifier (clausal arguments). Punctuation and conjunctions at the edges
        are dropped.
        """
        doc = self.doc
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        blockers = [t for t in (stop, cut) if t is not None and lo <= t.i < hi and head.is_ancestor(t)]
        if not whole:
            for i in self.cuts[bisect.bisect_left(self.cuts, lo):bisect.bisect_left(self.cuts, hi)]:
                token = doc[i]
                if i == head.i:
                    continue
                if token.is_space:
                    blockers.append(token)
                    continue
                if token.dep_ in ("conj", "cc"):
                    # a verb coordinated with a noun is a misparse ("the events ... and relocates")
                    misplaced_verb = token.pos_ in VERBAL_POS and token.head.pos_ not in VERBAL_POS
                    own = token.head.i == head.i and not same_entity(head, token)
                    if not misplaced_verb and (keep_conj or not own):
                        continue
                blockers.append(token)
        for token in blockers:
            if token.i > head.i:
                hi = min(hi, token.left_edge.i)
            else:
                lo = max(lo, token.right_edge.i + 1)
        # A non-projective parse can put an ancestor inside the head's edges
        # ("X came in Y: Z", Z in apposition to X): the phrase stops at it.
        heads, node = self.heads, head.i
        while heads[node] != node:
            node = heads[node]
            if lo <= node < hi:
                if node > head.i:
                    hi = node
                else:
                    lo = node + 1
        # (each doc[i] makes a new Token: one per step, not one per attribute)
        while lo < hi and lo != head.i and (
            (first := doc[lo]).is_space or (first.dep_ in EDGE_TRIM_DEPS and first.tag_ not in ("IN", "TO"))
        ):
            lo += 1
        while hi > lo and hi - 1 != head.i and (
            (last := doc[hi - 1]).dep_ in EDGE_TRIM_DEPS or last.is_punct or last.is_space
        ):
            hi -= 1
        return (lo, hi) if lo < hi else None

    def span(self, phrase: Phrase) -> TextSpan:
        first, last = self.doc[phrase[0]], self.doc[phrase[1] - 1]
        start, end = first.idx, last.idx + len(last.text)
        # Slice the sentence, not doc.text, which spaCy rebuilds on every access.
        offset = self.sentence.start
        return TextSpan(start, end, self.sentence.text[start - offset:end - offset])


def _bare_governor(verb: Token) -> bool:
    """True when ``verb`` is the object of a preposition that follows a verb with no
    object of its own ("refrained from backing", not "kept a balance by supporting")."""
    prep = verb.head
    governor = prep.head
    return (prep.dep_ == "prep" and governor.pos_ in VERBAL_POS and governor.i < prep.i
            and not any(c.dep_ in ("dobj", "attr", "acomp") for c in governor.children))


def _infinitival_relative(token: Token) -> bool:
    return token.dep_ == "relcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _choices(slots: list[list[Phrase]]) -> Iterator[list[Phrase]]:
    """One argument list per conjunct of the first coordinated slot; other slots
    keep their first (only) phrase."""
    split = next((n for n, slot in enumerate(slots) if len(slot) > 1), None)
    if split is None:
        yield [slot[0] for slot in slots]
        return
    for alternative in slots[split]:
        yield [alternative if n == split else slot[0] for n, slot in enumerate(slots)]


def _be(clause: Clause) -> str:
    """The implied "be", agreeing with the subject. A verbless or compound clause
    states a standing fact ("X, a baker," -> X is a baker); a participle modifier takes
    the tense of the verb it hangs under ("a hall built in 1900 collapsed" -> was built)."""
    plural = clause.subject.tag_ == "NNS"  # not NNPS: taggers take names ending in -s for plurals
    past = False
    if clause.source == "verb":
        token = clause.verb.head
        while token.pos_ not in VERBAL_POS and token.head.i != token.i:
            token = token.head
        past = token.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in token.children)
    if past:
        return "were" if plural else "was"
    return "are" if plural else "is"


def _confidence(clause: Clause, arg1: Phrase, args: list[Phrase]) -> float:
    """A score in (0, 1) that ranks well-formed propositions above doubtful ones."""
    if not args:
        return 0.05  # a one-argument proposition is rarely a complete fact
    score = SOURCE_PRIOR[clause.source]
    if clause.source == "verb":
        score += DEP_ADJUST.get(clause.verb.dep_, 0.0)
        if clause.objects or clause.relation_prep is not None:
            score += 0.05
    if arg1[1] - arg1[0] > 8:
        score -= 0.1  # long subjects are often mis-attached
    if clause.subject.pos_ == "NUM":
        score -= 0.15
    return round(min(max(score, 0.01), 0.99), 3)
