"""What every statement rule shares: the per-document context and the one
function that turns tokens into a :class:`~kgraph.types.Statement`.

The context precomputes, once per document, the evidence segment of every token:
a sentence cut at line breaks, since a parse that runs across a paragraph break
(a headline glued to the first sentence) relates words that the text does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from kgraph.types import Mention, Span, Statement
from kgraph.extraction.mentions.entities import DocEntities
from kgraph.extraction.rules.lexicon import Lexicon
from kgraph.extraction.syntax.clauses import conjuncts

__all__ = ["Context", "make_context", "qualifiers", "hedge"]

# Prepositions that introduce a time ("in 2020") or a place ("in Lima") of a relation.
_QUALIFIER_PREPS = frozenset({"in", "on", "at", "during", "since", "until", "before", "after", "by", "from"})
# How a name modifies an agent noun: "the Zorbian government", "Zorbia's army", "US troops".
_AGENT_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
# Pronouns that may stand for several coordinated names.
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# How the names of a list hang on the first one.
_LIST_DEPS = frozenset({"conj", "appos"})
# Modality words of an event reported as set, not hedged: "will visit", "shall meet",
# "is set to sign", "is due to arrive", "is scheduled to meet", "is going to buy", "a
# planned visit". Every other modal or hedge word ("may", "would", "expected to",
# "plans to", "likely") leaves the event unstated.
SCHEDULED_WORDS = frozenset({"will", "'ll", "shall", "wo", "set", "due", "scheduled", "schedule", "going", "go",
                             "planned", "to"})


def hedge(modality: str | None) -> str | None:
    """``modality`` (a clause's modal and hedge words, "would likely", "set to") when it
    hedges the event, ``None`` when it only schedules it ("will", "set to") or is ``None``."""
    if modality is None or all(word in SCHEDULED_WORDS for word in modality.lower().split()):
        return None
    return modality


@dataclass
class Context:
    """One document being extracted: its parse, entities, lexicon and segments.

    ``sents`` are the sentence spans; ``segment_of[i]`` is the index in
    ``segments`` (token ranges) of token ``i``; ``text`` is the doc's text
    (``Doc.text`` joins every token on each call: evidence is cut from this).
    ``clause_of[i]`` is the clause anchored at verb ``i``, filled by the verb rules
    so that nominal rules can inherit a verb's subject, negation and modality.
    """

    doc: object
    ents: DocEntities
    lexicon: Lexicon
    article_id: str
    sents: list
    segment_of: list[int]
    segments: list[tuple[int, int]]
    clause_of: dict
    text: str

    @property
    def symmetric(self) -> frozenset[str]:
        """The ontology's symmetric properties (A–B and B–A are one fact)."""
        return self.lexicon.symmetric

    def named(self, token):
        """``token``, or when it names no entity the name in apposition to it ("sold
        its unit, Zentex, to Acme", "founder of the rights group the Zentex Centre"),
        or the entity an agent noun of its class stands for ("the Zorbian government",
        "Zorbian police": Zorbia; ``kg:agentNoun``), or the organisation named right
        before its kind noun ("Zentex bank": Zentex; :attr:`Lexicon.organisation_nouns`)."""
        ents = self.ents
        if ents.mention_at(token) is not None:
            return token
        classes = self.lexicon.agent_nouns.get(token.lower_) or self.lexicon.agent_nouns.get(token.lemma_.lower())
        kind = token.lemma_.lower() in self.lexicon.organisation_nouns
        for child in token.children:
            mention = ents.mention_at(child)
            if mention is None:
                continue
            if child.dep_ == "appos" or (
                    classes and child.dep_ in _AGENT_MODIFIER_DEPS and child.i < token.i
                    and any(self.lexicon.ontology.is_a(mention.type, c) for c in classes)):
                return child
            if kind and child.dep_ == "compound" and child.i == token.i - 1 and not mention.modifier \
                    and self.lexicon.ontology.is_a(mention.type, "Organization"):
                return child  # "bought Zentex bank": the bank is Zentex
        return token

    def coordinated(self, token) -> list:
        """The names a plural pronoun stands for when its antecedent is the first of
        names coordinated in the same segment ("Acme and Zentex said they would ...":
        both); any other token stands for itself."""
        if token.lower_ not in _PLURAL_PRONOUNS or not self.ents.is_pronoun(token):
            return [token]
        name = self.doc[self.ents.mention_at(token).head]
        # The pronoun may stand for any of the names ("A and B said they ...": B); a list is
        # sometimes parsed as an apposition ("A, B and C": B in apposition to A) or as a
        # modifier with its conjunction ("A and B": A a modifier of B, "and" on A).
        while (name.dep_ in _LIST_DEPS or _listed_modifier(name)) and self.ents.mention_at(name.head) is not None:
            name = name.head
        names, todo = [], [name]
        while todo:
            name = todo.pop()
            names.append(name)
            todo.extend(c for c in name.children if self.ents.mention_at(c) is not None and (
                c.dep_ in _LIST_DEPS or _listed_modifier(c)))
        if len(names) < 2 or any(self.segment_of[name.i] != self.segment_of[token.i] for name in names):
            return [token]
        return sorted(names, key=lambda name: name.i)

    def names(self, token) -> list:
        """The tokens that ``token`` and its conjuncts stand for (:meth:`named`), a
        coordination in apposition included ("the students Ana Bell and Bo Li": both),
        and the names a plural pronoun stands for (:meth:`coordinated`)."""
        found = []
        for head in (t for conjunct in conjuncts(token) for t in self.coordinated(conjunct)):
            named = self.named(head)
            appos = next((c for c in named.children if c.dep_ == "appos" and self.ents.mention_at(c)), None)
            for name in conjuncts(appos) if appos is not None else conjuncts(named) if named != head else (head,):
                if name not in found:
                    found.append(name)
        return found

    def sentence(self, token) -> Span:
        """The evidence span (a sentence cut at line breaks) holding ``token``."""
        start, end = self.segments[self.segment_of[token.i]]
        span = self.doc[start:end]
        return Span(span.start_char, span.end_char, self.text[span.start_char:span.end_char])

    def statement(
        self,
        subject,
        predicate: str,
        obj=None,
        *,
        literal: str | None = None,
        relation_text: str,
        anchor,
        negated: bool = False,
        modality: str | None = None,
        confidence: float,
        time: str | None = None,
        place: str | None = None,
    ) -> Statement | None:
        """A statement relating the entities at tokens ``subject`` and ``obj`` (or
        ``literal``), evidenced by the segment of ``anchor``; ``None`` when a token
        names no entity, both name the same one, or they lie in different segments.
        Its ``modality`` is the :func:`hedge` of ``modality``: a scheduled event
        ("will visit") is stated, and only a hedged one keeps its modal words."""
        segment = self.segment_of[anchor.i]
        if self.segment_of[subject.i] != segment:
            return None
        subject_mention: Mention | None = self.ents.mention(subject)
        if subject_mention is None:
            return None
        object_mention = None
        if literal is None:
            if obj is None or self.segment_of[obj.i] != segment:
                return None
            object_mention = self.ents.mention(obj)
            if object_mention is None or object_mention.key == subject_mention.key:
                return None
        if self.ents.is_pronoun(subject) or (obj is not None and self.ents.is_pronoun(obj)):
            confidence -= 0.1  # the resolver can be wrong
        return Statement(
            subject=subject_mention,
            predicate=predicate,
            object=object_mention,
            relation_text=relation_text,
            article_id=self.article_id,
            sentence=self.sentence(anchor),
            literal=literal,
            negated=negated,
            modality=hedge(modality),
            time=time,
            place=place if place != (object_mention.key if object_mention else None) else None,
            confidence=round(max(0.05, min(confidence, 0.99)), 2),
        )


def _listed_modifier(token) -> bool:
    """True for a name parsed as the modifier of the next name of a list, the
    conjunction hung on it ("Acme and Zentex": Acme, with "and", a modifier of Zentex)."""
    return token.dep_ in ("nmod", "compound") and any(c.dep_ == "cc" for c in token.children)


def make_context(doc, ents: DocEntities, lexicon: Lexicon, article_id: str, *, sents=None) -> Context:
    """Build the :class:`Context` of ``doc`` (whose sentences are ``sents``,
    default ``doc.sents``) in one pass over its tokens."""
    sents = list(sents if sents is not None else doc.sents)
    segments: list[tuple[int, int]] = []
    segment_of = [0] * len(doc)
    for sent in sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    segments.append((start, token.i))
                start = token.i + 1
            segment_of[token.i] = len(segments)
        if start < sent.end:
            segments.append((start, sent.end))
    # Space tokens at a break belong to the segment that follows; clamp to a real one.
    last = len(segments) - 1
    end = len(segment_of)
    while end and segment_of[end - 1] > last:  # only trailing space tokens can point past the end
        end -= 1
        segment_of[end] = last
    return Context(doc=doc, ents=ents, lexicon=lexicon, article_id=article_id, sents=sents,
                   segment_of=segment_of, segments=segments, clause_of={}, text=doc.text)


def qualifiers(ctx: Context, *heads, skip: frozenset[int] = frozenset()) -> tuple[str | None, str | None]:
    """``(time, place)`` of a relation from the prepositional phrases on ``heads``
    (its trigger and governing words): "in 2020" gives the time, "in Lima" the
    place (an entity key). Prepositions whose index is in ``skip`` (the ones that
    introduce the relation's object) are not qualifiers."""
    time = place = None
    for head in heads:
        if head is None:
            continue
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _QUALIFIER_PREPS or prep.i in skip:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                date = ctx.ents.date_text(obj)
                if date and time is None:
                    time = f"{prep.text} {date}"
                    continue
                mention = ctx.ents.mention_at(obj)
                if (mention is not None and place is None and ctx.lexicon.ontology.is_a(mention.type, "Place")
                        and prep.lower_ in {"in", "at"} and not ctx.ents.is_pronoun(obj)):
                    place = mention.key
    return time, place
