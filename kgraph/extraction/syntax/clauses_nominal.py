"""Verbless clauses that noun phrases imply: appositions, titles, possessives,
places and "Z-based" compounds (see :mod:`kgraph.extraction.syntax.clauses`)."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence

from spacy.tokens import Token

from kgraph.extraction.syntax.clauses_base import NOUN_POS, Clause, first_child, partitive, same_entity
from kgraph.ontology import Ontology

__all__ = ["nominal_clauses", "one_word_titles"]

COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
SITED_ENTS = PLACE_ENTS | {"ORG"}
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "messrs", "mme", "mlle", "dr", "prof", "sir", "dame", "st",
                        "rev", "hon"})


# The dependencies under which a token may open a verbless clause.
NOMINAL_DEPS = frozenset({"amod", "appos", "compound", "nmod", "npadvmod", "poss", "prep"})


def nominal_clauses(token: Token, *, breaks: Sequence[int], titles: frozenset[str]) -> list[Clause]:
    """The verbless clauses that ``token`` (a dependent in a noun phrase) opens; usually none.

    ``breaks`` are the sorted indexes of the line-break tokens of the sentence: a
    noun phrase never runs across one (a headline hung on the first sentence
    below it gives no clause). ``titles`` are the lexicon's one-word role titles
    (:func:`one_word_titles`)."""
    dep = token.dep_
    # (most sentences have no line break: no need to look the head up)
    if dep not in NOMINAL_DEPS or (breaks and _across_lines(token, token.head, breaks)):
        return []
    if dep == "appos":
        return _apposition(token)
    if dep == "compound":
        return _title(token, titles) or _place_modifier(token)
    if dep == "amod":
        # "Acme chief executive X": the parser often makes a title word an adjective
        return _title(token, titles) if token.lower_ in titles else []
    if dep == "nmod":
        return _place_modifier(token)
    if dep == "npadvmod" and token.head.dep_ == "amod" and token.head.tag_ == "VBN":
        return _based(token)
    if dep == "poss":
        return _possessive(token)
    if dep == "prep":
        return _location(token)
    return []


def _across_lines(first: Token, second: Token, breaks: Sequence[int]) -> bool:
    lo, hi = sorted((first.i, second.i))
    return bisect.bisect_right(breaks, lo) < bisect.bisect_left(breaks, hi)


def _apposition(appos: Token) -> list[Clause]:
    """"X, president of Y" -> X (is) president of Y; the named side is the subject."""
    head = appos.head
    if head.pos_ not in NOUN_POS or (appos.pos_ not in NOUN_POS and partitive(appos) is None) \
            or "PRON" in (head.pos_, appos.pos_):
        return []  # a pronoun in apposition is nearly always a misparse
    described = _coordinated_description(appos)
    if described is not None:
        # "X, a director at Y and someone who ...": each common noun describes X
        return [Clause(subject=head, verb=None, relation=(), complement=noun, kind="SVC", source="apposition")
                for noun in described]
    if any(c.dep_ in ("cc", "conj") for c in appos.children):
        return []  # "such as X, Y and Z": a list, not a second name for X
    subject, complement = head, appos
    if appos.pos_ == "PROPN" and head.pos_ != "PROPN":
        subject, complement = appos, head  # "Y's president, X": X is the subject
    # "Springfield, Ohio" / "Acme Corp., Springfield": a place or firm beside a place lies in it.
    within = "in" if head.ent_type_ in SITED_ENTS and appos.ent_type_ in PLACE_ENTS else None
    return [Clause(subject=subject, verb=None, relation=(), complement=complement, kind="SVC", source="apposition",
                   implied_prep=within)]


def _coordinated_description(appos: Token) -> list[Token] | None:
    """The common nouns of an apposition that coordinates descriptions of a name ("Ada
    Bell, a lawyer and former aide to Bo Li": lawyer, aide), or ``None`` when the
    apposition is no such list: its head is no name, or a conjunct is a name or no
    common noun ("Ulm, Bonn and Kiel" lists places)."""
    if appos.head.pos_ != "PROPN" or appos.tag_ not in COMMON_NOUN_TAGS or appos.ent_type_:
        return None
    nouns = [appos]
    for conj in (c for c in appos.children if c.dep_ == "conj"):
        if conj.tag_ not in COMMON_NOUN_TAGS or conj.ent_type_:
            return None
        nouns.append(conj)
    return nouns if len(nouns) > 1 else None


def _place_modifier(compound: Token) -> list[Clause]:
    """"a Springfield bakery" -> bakery (is) in Springfield: a named place that
    modifies a noun outside its own name."""
    noun = compound.head
    if compound.ent_type_ not in PLACE_ENTS or noun.ent_type_ in PLACE_ENTS or noun.pos_ not in ("NOUN", "PROPN"):
        return []
    if compound.i > noun.i or compound.ent_iob_ == "I" and noun.ent_type_ == compound.ent_type_:
        return []
    if any(c.dep_ == "compound" and compound.i < c.i < noun.i and c.ent_type_ == compound.ent_type_
           for c in noun.children):
        return []  # only the last word of a multi-word place ("New York bonds": York)
    return [Clause(subject=noun, verb=None, relation=(), preps=((None, compound),), kind="SVA", source="location",
                   implied_prep="in")]


def _possessive(poss: Token) -> list[Clause]:
    """"X's Y" -> X (has) Y; pronoun possessors are left to the caller's resolver."""
    noun = poss.head
    if poss.tag_ in ("PRP$", "WP$") or noun.pos_ not in ("NOUN", "PROPN") or poss.pos_ not in NOUN_POS:
        return []
    return [Clause(subject=poss, verb=None, relation=(), objects=(noun,), kind="SVO", source="possessive")]


def _location(prep: Token) -> list[Clause]:
    """"a hall in Z" -> hall (is) in Z, when Z is a named place."""
    noun = prep.head
    if prep.lower_ not in LOCATIVE_PREPS or noun.pos_ not in ("NOUN", "PROPN"):
        return []
    obj = first_child(prep, ("pobj",))
    if obj is None or obj.ent_type_ not in PLACE_ENTS or noun.ent_type_ in ("DATE", "TIME"):
        return []
    return [Clause(subject=noun, verb=None, relation=(), preps=((prep, obj),), kind="SVA", source="location")]


def _title(compound: Token, titles: frozenset[str]) -> list[Clause]:
    """"spokesperson X" / "President X" -> X (is) spokesperson; a common noun or a
    lexicon title word before a name is the name's role."""
    name = compound.head
    if name.pos_ != "PROPN" or compound.i > name.i:
        return []
    # A title is a lower-case common noun, a lexicon title, or a noun outside the
    # person's name; a courtesy title ("Mr.") says nothing about a role.
    if compound.lower_.rstrip(".") in HONORIFICS or same_entity(compound, name):
        return []  # "Dr. X", or a word of the name itself ("National Press Club")
    if not ((compound.tag_ in COMMON_NOUN_TAGS and compound.is_lower) or compound.lower_ in titles
            or (name.ent_type_ == "PERSON" and compound.ent_type_ != "PERSON" and compound.pos_ in ("NOUN", "PROPN"))):
        return []
    # Only the title nearest the name: "Kremlin spokesperson X" has one title, "spokesperson".
    if any(c.dep_ == "compound" and c.i > compound.i and c.i < name.i and c.pos_ != "PROPN" for c in name.children):
        return []
    return [Clause(subject=name, verb=None, relation=(), complement=compound, kind="SVC", source="title")]


def _based(place: Token) -> list[Clause]:
    """"a Z-based firm" -> firm (is) based in Z; "a Z-backed group" -> backed by Z."""
    participle = place.head
    noun = participle.head
    if noun.pos_ not in NOUN_POS or place.i > participle.i:
        return []
    prep = "in" if participle.lemma_ == "base" else "by"
    return [
        Clause(subject=noun, verb=participle, relation=(participle,), preps=((None, place),), passive=True,
               kind="SVA", source="compound", implied_prep=prep)
    ]


@functools.lru_cache(maxsize=None)
def one_word_titles(ontology: Ontology) -> frozenset[str]:
    """The one-word role titles of ``ontology``'s lexicon (kg:title), lower case."""
    return frozenset(t.lower() for p in ontology.properties.values() for t in p.titles if " " not in t)
