"""Roles: a person (or country) described by a role noun, in a title
("Zorbian President Ana Bell", "Acme spokesperson Bo Li"), an apposition
("Bo Li, a senior adviser to Ana Bell", "Zorbia, a key Pact member") or a copula
("Ana Bell is the president of Zorbia"). A place in apposition to a place is
where the first lies ("Lima, Peru").

The role noun must be a ``kg:title`` of the lexicon (an event noun such as
"invasion" in apposition to a name is a misparse); its ``kg:noun`` entry, else
its title's property, names the relation. What it is a role *of* is the object: its prepositional object ("adviser to Y"), its possessor
("Y's president"), a named compound before it ("Acme spokesperson") or a
nationality adjective ("Zorbian President" → Zorbia). A title also gives the
literal ``holdsPosition`` ("President").
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.types import Statement
from kgraph.extraction.syntax.clauses import Clause, conjuncts
from kgraph.extraction.rules.facts import Context

__all__ = ["role_statements"]

# Verbs whose complement names the subject's role ("is", "became", "remains").
COPULAS = frozenset({"be", "become", "remain"})
_ROLE_PREPS = frozenset({"of", "for", "to", "at", "in"})
# Modifiers before a title that name what it is a title of.
_QUALIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def role_statements(ctx: Context, clause: Clause) -> Iterator[Statement]:
    """Statements from one clause whose complement is a role noun: apposition,
    title, or copula. Other clauses yield nothing."""
    role = clause.complement
    if role is None or role.pos_ not in {"NOUN", "PROPN"}:
        return
    if clause.source == "apposition":
        yield from _place_in_place(ctx, clause.subject, role)
    if clause.source == "verb" and (clause.verb is None or clause.verb.lemma_.lower() not in COPULAS):
        return
    confidence = {"title": 0.85, "apposition": 0.8}.get(clause.source, 0.75)
    if clause.negated:
        confidence -= 0.1
    # "X and Y are members of Z" shares the role; "President X and Chancellor Y" does not.
    subjects = (clause.subject,) if clause.source == "title" else conjuncts(clause.subject)
    for subject in subjects:
        if ctx.ents.mention_at(subject) is None or ctx.ents.by_token[role.i] >= 0:
            continue
        yield from _role(ctx, clause, subject, role, confidence)


def _role(ctx: Context, clause: Clause, subject, role, confidence: float) -> Iterator[Statement]:
    lexicon, ents = ctx.lexicon, ctx.ents
    subject_type = ents.mention_at(subject).type
    title = lexicon.title(role)
    # "X, the son of Y", "Y's son X": a role whose holder is the property's object (Y parentOf X).
    inverse = title is None and (title := lexicon.title(role, inverse=True)) is not None
    if title is None:
        return  # "X, an invasion of Y" is a misparse, not a role: only titles are roles
    common = dict(anchor=role, negated=clause.negated, modality=clause.modality)
    # "head of currency strategy at Acme": the role is of a department, and the
    # organisation around it is the employer, not what the person heads.
    department = None if inverse else next(
        (prep for prep in role.children if prep.dep_ == "prep" and prep.lower_ == "of"
         and any(c.dep_ == "pobj" and c.pos_ == "NOUN" and ents.mention_at(c) is None for c in prep.children)),
        None)
    for prep in role.children:
        if prep.dep_ != "prep" or prep.lower_ not in _ROLE_PREPS:
            continue
        if department is not None:
            candidates = ("worksFor",) if prep.i != department.i else ()
        else:
            candidates = (title[1],) if inverse else lexicon.noun(role, prep.lower_) or (title[1],)
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for obj in map(ctx.named, conjuncts(pobj)):
                statement = _fact(ctx, subject, subject_type, candidates, obj,
                                  f"{role.text} {prep.text}", confidence, common, inverse=inverse)
                if statement is not None:
                    yield statement
    text, prop = title
    if department is not None:
        prop = "worksFor"
    for qualifier in _qualifiers(subject, role):
        statement = _fact(ctx, subject, subject_type, (prop,), qualifier, text, confidence, common, inverse=inverse)
        if statement is not None:
            yield statement
    # A kind of organisation ("giant", "firm") before a name the tagger took for a
    # person's is no position anyone holds.
    if (clause.source == "title" and lexicon.ontology.is_a(subject_type, "Person") and not inverse
            and role.lower_ not in lexicon.organisation_nouns):
        statement = ctx.statement(subject, "holdsPosition", literal=text, relation_text=text,
                                  confidence=confidence, **common)
        if statement is not None:
            yield statement


def _place_in_place(ctx: Context, first, second) -> Iterator[Statement]:
    """"Lima, Peru": a place followed by a place in apposition lies in it (read
    as "is in", so the lexicon's ``be in`` entry names the property)."""
    inner, outer = ctx.ents.mention_at(first), ctx.ents.mention_at(second)
    if inner is None or outer is None or second.i < first.i or inner.modifier or outer.modifier:
        return
    onto = ctx.lexicon.ontology
    if not onto.is_a(inner.type, "Place") or not onto.is_a(outer.type, "Place") or onto.is_a(inner.type, "Country"):
        return  # a country lies in no other place written this way ("Peru, Chile" is a list)
    predicate = ctx.lexicon.choose(ctx.lexicon.verb("be", "in"), inner.type, outer.type)
    if predicate is not None:
        statement = ctx.statement(first, predicate, second, relation_text=",", anchor=second, confidence=0.75)
        if statement is not None:
            yield statement


def _qualifiers(subject, role) -> list:
    """Tokens before ``role`` that say what it is a role of: its possessor, else
    its own compounds and adjectives, or (in a title) those of the name before it."""
    found = [c for c in role.children if c.dep_ in _QUALIFIER_DEPS and c.i < role.i]
    if role.head.i == subject.i:
        found.extend(c for c in subject.children if c.dep_ in _QUALIFIER_DEPS and c.i < role.i)
    # "Acme's Zorbia sales manager": the possessor is the employer, the compounds describe the job.
    owners = [c for c in found if c.dep_ == "poss"]
    return owners or found


def _fact(ctx, subject, subject_type, candidates, obj, relation_text, confidence, common, *,
          inverse: bool = False) -> Statement | None:
    """The statement relating the role holder ``subject`` to ``obj`` through the best of
    ``candidates``; with ``inverse`` (a ``kg:inverseTitle``) ``obj`` is its subject."""
    mention = ctx.ents.mention_at(obj)
    if mention is None:
        return None
    if inverse:
        subject, obj, subject_type = obj, subject, mention.type
        mention = ctx.ents.mention_at(obj)
    predicate = ctx.lexicon.choose(candidates, subject_type, mention.type)
    if predicate is None:
        return None
    return ctx.statement(subject, predicate, obj, relation_text=relation_text, confidence=confidence, **common)
