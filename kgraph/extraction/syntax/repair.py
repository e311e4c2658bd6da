"""Repairs of two attachment errors the small English parser makes in news
prose, applied to the parse before any clause is read.

1. A name set off by commas after a fronted phrase is the sentence's subject:
   in "Despite X's protests, Zorbia, a small state, has kept its course" the
   parser hangs "Zorbia" as an apposition on "protests" and leaves "kept"
   without a subject. When a verb has no subject, one of its prepositional
   phrases comes before it, and that phrase's object has a named apposition
   between the phrase and the verb, the apposition becomes the verb's subject.
2. A participle right after such a name modifies the name: in "..., Zorbia, led
   by Ana, has ..." the parser hangs "led" on the noun before "Zorbia".

Both only move a dependent within its sentence, so the tree stays a tree.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, POS
from spacy.parts_of_speech import AUX, VERB

from kgraph.extraction.syntax.deps import SUBJECT_SLOT_DEPS

__all__ = ["repair_parse"]


def repair_parse(doc, is_named) -> int:
    """Apply the repairs to ``doc`` in place; ``is_named(token)`` says whether a
    token belongs to an entity mention. Returns the number of arcs moved."""
    moved = 0
    # the verbs' indexes from one array: making a Token for each word costs more than the rest
    deps, tags = doc.to_array([DEP, POS]).T
    strings = doc.vocab.strings
    verbs = ((deps == strings["ROOT"]) | (deps == strings["conj"])) & ((tags == VERB) | (tags == AUX))
    for i in np.flatnonzero(verbs).tolist():
        verb = doc[i]
        if any(c.dep_ in SUBJECT_SLOT_DEPS for c in verb.children):
            continue
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.i > verb.i:
                continue
            subject = _fronted_name(prep, verb, is_named)
            if subject is None:
                continue
            participles = [c for c in subject.head.children
                           if c.dep_ == "acl" and c.tag_ == "VBN" and subject.i < c.i < verb.i]
            subject.head, subject.dep_ = verb, "nsubj"
            for participle in participles:
                participle.head = subject
            moved += 1 + len(participles)
            break
    return moved


def _fronted_name(prep, verb, is_named):
    """The named apposition inside the fronted phrase ``prep`` that stands
    between the phrase and ``verb``, or ``None``."""
    for obj in prep.children:
        if obj.dep_ not in {"pobj", "pcomp"}:
            continue
        for child in obj.children:
            if child.dep_ == "appos" and obj.i < child.i < verb.i and is_named(child):
                return child
    return None
