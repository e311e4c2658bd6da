"""The :class:`Clause` type and the token helpers shared by clause finders.

:mod:`kgraph.extraction.syntax.clauses` documents the contract and re-exports
everything here; import from there.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

__all__ = ["Clause", "conjuncts", "same_entity", "first_child", "antecedent", "partitive", "NOUN_POS", "PREP_DEPS"]

PREP_DEPS = frozenset({"prep", "agent"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


@dataclass(frozen=True)
class Clause:
    """One clause of a sentence; :mod:`kgraph.extraction.syntax.clauses` documents the fields."""

    subject: Token
    verb: Token | None
    relation: tuple[Token, ...]
    objects: tuple[Token, ...] = ()
    preps: tuple[tuple[Token | None, Token], ...] = ()
    complement: Token | None = None
    clausal: Token | None = None
    adverbials: tuple[Token, ...] = ()
    passive: bool = False
    negated: bool = False
    modality: str | None = None
    kind: str = "SV"
    source: str = "verb"
    subject_inherited: bool = False
    implied_prep: str | None = None

    @property
    def anchor(self) -> Token:
        """The token the clause hangs on: the verb, else the complement, the
        object, or the preposition (the place, when implied) of a verbless clause."""
        for token in (self.verb, self.complement, *self.objects):
            if token is not None:
                return token
        prep, obj = self.preps[0]
        return prep if prep is not None else obj

    @property
    def relation_text(self) -> str:
        """The relation words joined by spaces ("" for a verbless clause)."""
        return " ".join(t.text for t in self.relation)

    @property
    def relation_prep(self) -> tuple[Token, Token] | None:
        """The attachment ``(preposition, object)`` whose preposition ends the
        relation ("was born *in* Z"), or ``None``. Not always ``preps[0]``: an
        attachment before the verb ("In May X moved to Z") comes first."""
        if not self.relation:
            return None
        last = self.relation[-1]
        return next((p for p in self.preps if p[0] is not None and p[0].i == last.i), None)


def conjuncts(token: Token) -> tuple[Token, ...]:
    """The heads an argument headed by ``token`` stands for, in text order.

    From the first conjunct, all of them ("X, Y and Z" -> X, Y, Z); from a later
    conjunct, only itself: a clause hanging on it ("Y, who ...") is about it alone.
    Conjuncts inside one named entity ("Smith & Sons") are not split.
    """
    # Conjuncts hang to the right of the first one: a token with no right child
    # (most arguments) has none, and Token.conjuncts costs a walk and new Tokens.
    if token.dep_ == "conj" or not token.n_rights:
        return (token,)
    return (token, *sorted((c for c in token.conjuncts if not same_entity(token, c)), key=lambda t: t.i))


def same_entity(first: Token, second: Token) -> bool:
    """True when both tokens lie in one named entity ("Smith & Sons": one name, not two)."""
    if not first.ent_type_ or first.ent_type_ != second.ent_type_:
        return False
    lo, hi = sorted((first.i, second.i))
    doc = first.doc
    return all(doc[i].ent_iob_ == "I" for i in range(lo + 1, hi + 1))


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("the man *who* left" -> man; "X is
    the man *who* left" and "X, the man *who* left" -> X; "Y, in *which* X owns a
    stake" -> Y); any other token stands for itself."""
    if token.tag_ in RELATIVE_TAGS or (token.lower_ == "that" and token.head.dep_ == "relcl"):
        verb = token.head.head if token.head.dep_ in PREP_DEPS else token.head
        if verb.dep_ == "relcl" and verb.head.pos_ in NOUN_POS:
            noun = verb.head
            if noun.dep_ == "attr" and noun.head.lemma_ == "be" and noun.pos_ != "PROPN":
                # "X is a player who scored": the player is X
                subject = first_child(noun.head, ("nsubj",))
                if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                    return subject
            if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
                return noun.head  # "X, a player who scored": X
            return noun
    return token


def first_child(token: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def partitive(token: Token) -> Token | None:
    """The plural noun ``token`` picks one of ("one" in "one of the founders of Acme":
    founders), or ``None``."""
    if token.lower_ != "one":
        return None
    prep = first_child(token, ("prep",))
    noun = first_child(prep, ("pobj",)) if prep is not None and prep.lower_ == "of" else None
    return noun if noun is not None and noun.tag_ == "NNS" else None
