"""Nominal relations: a noun of the lexicon (``kg:noun``) with its preposition
and object, and an agent found around the noun.

- "Ada's visit to Zorbia", "the Zorbian invasion of Xland", "the invasion of
  Xland by Zorbia": the possessor, a nationality adjective or the "by" phrase is
  the subject;
- "Ada, in a phone call with Bo, said ...": a noun in a phrase on a name has that
  name as subject; on a verb, the verb's subject ("In a call with Bo, Ada said",
  "Ada held talks with Bo", "Ada refused to endorse sanctions on Xland");
- "Ada's Zorbia trip": a place compound is the object of the noun's relation;
- "Ana Bell of Lima", "Bo Li, from Acme": a ``kg:prep`` preposition on a
  person's name (lives in a place, works for an organisation).

A noun under a verb takes that verb's negation and modality ("Ada cancelled her
visit to Zorbia" is not a visit; "Ada is poised to embark on a visit to Zorbia"
is hedged); "potential" or "planned" before the noun also hedge it.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from spacy.attrs import POS
from spacy.parts_of_speech import NOUN, PROPN

from kgraph.types import Statement
from kgraph.extraction.syntax.clauses import NEGATING_GOVERNORS, conjuncts
from kgraph.extraction.rules.facts import Context, qualifiers

__all__ = ["nominal_statements"]

# Adjectives that make the event of a noun uncertain ("a possible visit").
HEDGE_ADJECTIVES = frozenset(
    {"potential", "possible", "planned", "proposed", "expected", "rumoured", "rumored", "likely"}
)
# Verbs that undo the event or the holding of their object noun, beyond the negating
# governors ("sold its stake in Zentex": it owns no more of it).
CANCELLING_VERBS = frozenset({"cancel", "postpone", "scrap", "shelve", "sell", "divest", "dispose", "offload"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_TIME_ENTS = frozenset({"DATE", "TIME"})


def nominal_statements(ctx: Context) -> Iterator[Statement]:
    """Statements from the lexicon nouns of ``ctx.doc``; one pass over its tokens."""
    lexicon = ctx.lexicon
    doc = ctx.doc
    # the nouns' indexes from one array: making a Token for each word costs more than the rest
    tags = doc.to_array([POS])
    for i in np.flatnonzero((tags == NOUN) | (tags == PROPN)).tolist():
        token = doc[i]
        # (only a name has them: most nouns are not worth a generator)
        if lexicon.name_preps and ctx.ents.by_token[token.i] >= 0:
            yield from _name_preps(ctx, token)
        if not lexicon.noun_any(token) or _light_object(lexicon, token):
            continue
        subjects = _agents(ctx, token)
        if not subjects:
            continue
        negated, modality, governor = _polarity(ctx, token)
        relation_preps = frozenset(
            p.i for p in token.children if p.dep_ == "prep" and lexicon.noun(token, p.lower_)
            and any(c.dep_ == "pobj" and ctx.ents.mention_at(c) for c in p.children)
        )
        time, place = qualifiers(ctx, token, governor, skip=relation_preps)
        for prep in _noun_preps(token):
            candidates = lexicon.noun(token, prep.lower_)
            if not candidates:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for obj in conjuncts(pobj):
                    yield from _emit(ctx, subjects, candidates, obj, token, prep.text, negated, modality, time, place)
        # "Ada's Zorbia trip": a named compound before the noun is its object; before a
        # role noun it holds the role, of the possessor ("Acme's Zentex unit": Zentex
        # subsidiaryOf Acme), whatever the verb around says ("... unit may be sold").
        if any(c.dep_ == "poss" and ctx.ents.mention_at(c) for c in token.children):
            title = lexicon.title(token)
            for compound in token.children:
                if compound.dep_ == "compound" and compound.i < token.i and ctx.ents.mention_at(compound):
                    if title is None:
                        yield from _emit(ctx, subjects, lexicon.noun_any(token), compound, token, "", negated,
                                         modality, time, place)
                        continue
                    if token.tag_ in {"NNS", "NNPS"}:
                        continue  # "Acme's two Zorbia Assembly members" are people, not the assembly
                    for owner, confidence in subjects:
                        yield from _emit(ctx, [(compound, confidence - 0.1)], (title[1],), owner, token, "",
                                         False, None, None, None)


def _noun_preps(noun) -> list:
    """The prepositions of ``noun``: its own, and those the parse hangs on a date or a
    number in a phrase of it ("the assassination in 1914 of X": "of" on "1914")."""
    preps = [c for c in noun.children if c.dep_ == "prep"]
    for prep in list(preps):
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and (pobj.like_num or pobj.ent_type_ in _TIME_ENTS):
                preps.extend(c for c in pobj.children if c.dep_ == "prep" and c.lower_ != prep.lower_)
    return preps


def _light_object(lexicon, noun) -> bool:
    """Whether ``noun`` is the object of a light verb whose entry reads it ("signed a
    deal with": ``sign deal with``, not the noun "deal with" alone)."""
    if noun.dep_ != "dobj":
        return False
    verb = noun.head.lemma_.lower()
    return (verb, noun.lemma_.lower()) in lexicon.light_objects or (verb, noun.lower_) in lexicon.light_objects


def _emit(ctx, subjects, candidates, obj, token, prep_text, negated, modality, time, place):
    obj_mention = ctx.ents.mention_at(obj)
    if obj_mention is None:
        return
    for subject, confidence in subjects:
        subj_mention = ctx.ents.mention_at(subject)
        predicate = ctx.lexicon.choose(candidates, subj_mention.type, obj_mention.type)
        if predicate is None:
            continue
        statement = ctx.statement(
            subject, predicate, obj, relation_text=_relation_text(token, prep_text), anchor=token,
            negated=negated, modality=modality, confidence=confidence, time=time, place=place,
        )
        if statement is not None:
            yield statement


def _name_preps(ctx: Context, name) -> Iterator[Statement]:
    """"Ana Bell of Lima", "Bo Li, from Acme": a ``kg:prep`` preposition hanging
    on the head of a person's name relates the person to its object. ``name``
    is a token of a mention (the head of a name is inside the mention itself)."""
    mention = ctx.ents.mentions[ctx.ents.by_token[name.i]]
    if not ctx.lexicon.ontology.is_a(mention.type, "Person") or mention.head != name.i:
        return
    onto = ctx.lexicon.ontology
    for prep in name.children:
        candidates = ctx.lexicon.name_preps.get(prep.lower_) if prep.dep_ == "prep" else None
        if not candidates:
            continue
        holders = [(name, 0.7)] + [(other, 0.65) for other in _listed_people(ctx, name, prep)]
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for obj in conjuncts(pobj):
                other = ctx.ents.mention_at(obj)
                if other is not None and onto.is_a(other.type, "Person"):
                    continue  # "A, 46, of Lima; B, 50, ...": a person is no one's home or employer
                yield from _emit(ctx, holders, candidates, obj, prep, "", False, None, None, None)


def _listed_people(ctx: Context, name, prep) -> list:
    """The people listed after ``name`` before ``prep`` when a comma sets ``prep`` off
    after the whole list ("A, B and C, from Lima": all three are from Lima; the
    parser hangs the phrase on the first name, the others as its conjuncts or
    appositions)."""
    if prep.i < 1 or ctx.doc[prep.i - 1].text != ",":
        return []
    found, stack = [], [c for c in name.children if c.dep_ in {"conj", "appos"} and c.i < prep.i]
    while stack:
        token = stack.pop()
        mention = ctx.ents.mention_at(token)
        if mention is None or not ctx.lexicon.ontology.is_a(mention.type, "Person") or ctx.ents.is_pronoun(token):
            return []  # a list of people only
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ in {"conj", "appos"} and c.i < prep.i)
    return sorted(found, key=lambda t: t.i)


def _relation_text(noun, prep_text: str) -> str:
    # "endorsing sanctions on": a verb taking the noun as object is part of the wording.
    words = [noun.head.text] if noun.dep_ == "dobj" else []
    return " ".join([*words, noun.text, prep_text]).strip()


def _agents(ctx: Context, noun) -> list[tuple[object, float]]:
    """``(token, confidence)`` of the agents of ``noun`` (several when coordinated)."""
    ents = ctx.ents
    for child in noun.children:
        if child.dep_ == "poss" and ents.mention_at(child):
            return [(t, 0.85) for t in conjuncts(child) if ents.mention_at(t)]
    for child in noun.children:
        if child.dep_ in {"amod", "compound"} and child.i < noun.i:
            mention = ents.mention_at(child)
            if mention is not None and mention.modifier:
                return [(child, 0.75)]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            agents = [t for c in child.children if c.dep_ == "pobj" for t in conjuncts(c) if ents.mention_at(t)]
            if agents:
                return [(t, 0.8) for t in agents]
    # The noun inside a phrase: "Ada, in a call with Bo", "In a call with Bo, Ada said".
    host = noun.head if noun.dep_ == "pobj" else None
    if host is not None and host.lower_ == "as" and ctx.lexicon.title(noun) is not None:
        return []  # "Acme appointed X as head of Zentex": whose role it is, roles reads
    if host is not None and host.dep_ == "prep":
        owner = host.head
        if ents.mention_at(owner) and owner.pos_ in _NOUN_POS | {"PRON"}:
            return [(owner, 0.75)]
        return _verb_subjects(ctx, owner, 0.65)
    if noun.dep_ in {"dobj", "nsubjpass"}:
        return _verb_subjects(ctx, noun.head, 0.7)
    return []


def _verb_subjects(ctx: Context, verb, confidence: float) -> list[tuple[object, float]]:
    clause = ctx.clause_of.get(verb.i)
    if clause is None or clause.passive:
        return []
    return [(t, confidence) for t in conjuncts(clause.subject) if ctx.ents.mention_at(t)]


def _polarity(ctx: Context, noun) -> tuple[bool, str | None, object]:
    """``(negated, modality, governing verb)`` of the event a noun names."""
    hedges = [c.lower_ for c in noun.children if c.dep_ == "amod" and c.lower_ in HEDGE_ADJECTIVES]
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    clause = ctx.clause_of.get(verb.i)
    negated = False
    if clause is not None:
        lemma = verb.lemma_.lower()
        called_off = lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
        negated = clause.negated or called_off or lemma in NEGATING_GOVERNORS or lemma in CANCELLING_VERBS
        if clause.modality:
            hedges.insert(0, clause.modality)
    return negated, " ".join(hedges) or None, verb if clause is not None else None
