"""Clauses over a spaCy dependency parse: the backbone of kgraph's extraction.

A *clause* is one subject with one relation and what that relation governs, in
the spirit of ClausIE. :func:`clauses` finds every clause of a sentence,
including the ones whose subject is not written next to the verb, and the
verbless ones that a noun phrase implies. Two consumers build on it:
:mod:`kgraph.extraction.syntax.propositions` (open propositions, CaRB style) and the typed
statement extractors (entities + ontology lexicon).

Contract
--------

``clauses(sent)`` takes a ``spacy.tokens.Span`` (a sentence) or a ``Doc`` and
yields :class:`Clause` objects ordered by their anchor token (the verb, or the
noun of a verbless clause). It never re-parses and runs in time linear in the
length of the sentence. Every clause yielded has a subject. All tokens belong
to ``sent.doc``. A clause holds *head tokens*; the phrase of a head is up to
the consumer (``propositions.py`` renders subtrees without relative clauses and
conjuncts). Fields:

``subject``
    Head token of the subject, after inheritance: coordinated verbs ("X came
    and saw Y": *saw* gets X), xcomp ("X wants to visit Y": *visit* gets X;
    with an object, "X asked Y to leave": *leave* gets Y; "X called for Y to
    leave": Y), adverbial and
    participial clauses ("X left, citing Y"; "X won by beating Y"), relative
    clauses ("the man who met Y": the subject is *man*, never *who*; "X is the
    man who met Y": X), participle
    modifiers ("a firm based in Z": *firm*), infinitive modifiers of a possessed
    noun ("X's plan to visit Y": *X*) or of an object ("X has plans to visit
    Y": *X*), "there is/are" (the attribute). Pronouns are left as they are
    (resolving them is the caller's job). A coordinated subject ("X and Y met")
    gives one clause whose subject is the first conjunct: split with
    :func:`conjuncts` (objects and prepositional objects too).
    ``subject_inherited`` says the subject is not a dependent of the verb.
``verb``
    The verb (or copula) that anchors the clause; ``None`` for a verbless
    clause, whose relation is an implied "be" (see ``source``).
``relation``
    The relation words in text order: governing verbs of a merged xcomp chain
    with their "to" ("wants to visit", "is poised to visit"), auxiliaries
    (those of the first verb for a coordinated one: "was built and *opened*"
    -> "was opened"), negation, the verb, its particle, and adverbs written between them ("was
    later sold", "relies heavily on"). When the clause has no object, no
    complement and no clausal argument, the preposition of the first attachment
    after the verb ends the relation ("was born in", "is in"); that attachment
    is :attr:`Clause.relation_prep`. Empty for a verbless clause.
``objects``
    Head tokens of the noun objects, indirect before direct ("gave Y Z"); a verb
    coordinated back to back with the next one shares its objects ("bought and
    sold grain").
``preps``
    Prepositional attachments ``(preposition, object head)`` in text order; the
    object head is a noun, a verb for a clausal object ("by supporting Y"), or
    the second preposition of a compound one ("because *of* Y", "out *of* Y").
    The preposition is ``None`` when it is implied by a compound ("a Z-based
    firm"); ``implied_prep`` then gives its word.
``complement``
    Head of the subject/object complement (attr, acomp, oprd): "X is *president*
    of Y", "elected X *president*"; for a verbless clause, the predicate noun
    ("X, *president* of Y").
``clausal``
    Verb of a clausal argument: a reported clause ("said that Y *would* ...":
    the ccomp verb; "Y, he said, *was* ...": the verb of the sentence around a
    parenthetical reporting clause, which contains the clause itself) or an
    object-controlled xcomp ("asked Y to *leave*"). That clause is also yielded
    on its own.
``adverbials``
    Noun-phrase adverbials ("last week") and adverbs with a complement
    ("northeast of Z", "close to Z").
``passive``, ``negated``
    Voice and polarity. A past participle with a "by" agent that the parser hung on
    a copula as its complement ("X is 60% owned by Y") is a passive verb clause of
    its own, the copula's auxiliaries, negation and modal words its own. ``negated`` is also set by a negating governor: "refused
    to sign", "refrained from signing", "X's refusal to sign", "has no plans to
    sign", "left without signing".
``modality``
    The modal or hedge words, space-joined in text order, or ``None``: "would",
    "may", "likely", "poised to", "would likely".
``kind``
    ClausIE type: "SV", "SVO", "SVC", "SVA", "SVOO", "SVOA" or "SVOC".
``source``
    How the clause was found: "verb" (a verb or copula), "apposition"
    ("X, president of Y"), "title" ("spokesperson X"), "compound" ("a Z-based
    firm": relation *based*, object via ``preps``), "possessive" ("X's Y":
    X (has) Y, the possessed noun in ``objects``), "location" ("a hall in Z"
    for a named place Z: hall (is) in Z, via ``preps``; "a Z bakery": bakery
    (is) in Z, with the preposition implied). An apposition of a place, or of
    an organisation, with a place ("Springfield, Ohio") has ``implied_prep`` "in".

Layout: :mod:`.clauses_base` holds :class:`Clause` and the token helpers,
:mod:`.clauses_nominal` the verbless clauses, this module the verb clauses and
:func:`clauses`; import everything from here.

Helpers: :func:`conjuncts` (the heads an argument stands for), :func:`same_entity`
(two tokens in one named entity), :func:`verb_group` (a verb with its
auxiliaries, negation and particle). ``NEGATING_GOVERNORS``, ``HEDGE_GOVERNORS``
and ``HEDGE_ADVERBS`` are the word lists behind ``negated`` and ``modality``.

Changes to this contract: ``relation_prep`` replaced the assumption that the
relation's preposition is ``preps[0]`` (an attachment before the verb, "In May
X moved to Z", comes first); ``prep_in_relation`` is gone (test
``relation_prep is not None``). :func:`conjuncts` of a later conjunct is that
conjunct alone.

Example::

    >>> [(c.subject.text, c.relation_text, c.kind) for c in clauses(nlp("Ana was born in Lima.")[:])]
    [('Ana', 'was born in', 'SVA')]
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kgraph.extraction.syntax.clauses_base import NOUN_POS, PREP_DEPS, Clause, antecedent, conjuncts, first_child, same_entity
from kgraph.extraction.syntax.clauses_nominal import NOMINAL_DEPS, nominal_clauses, one_word_titles
from kgraph.extraction.syntax.deps import SUBJECT_DEPS
from kgraph.ontology import load_ontology

__all__ = [
    "Clause",
    "clauses",
    "conjuncts",
    "same_entity",
    "verb_group",
    "HEDGE_ADVERBS",
    "HEDGE_GOVERNORS",
    "NEGATING_GOVERNORS",
]

PASSIVE_DEPS = frozenset({"nsubjpass", "csubjpass", "auxpass"})
AUX_DEPS = frozenset({"aux", "auxpass"})
COMPLEMENT_DEPS = frozenset({"attr", "acomp", "oprd"})
# Dependencies under which a verb heads a clause of its own.
CLAUSE_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "parataxis", "csubj", "csubjpass"}
)

# Verbs of saying and thinking, whose clausal argument may come first ("Y, he said").
REPORTING_VERBS = frozenset(
    {"say", "tell", "add", "state", "announce", "claim", "warn", "report", "note", "write", "argue", "explain",
     "insist", "believe", "think", "suggest", "reply", "admit", "confirm", "deny", "acknowledge", "recall",
     "estimate", "predict", "conclude", "observe", "remark", "maintain", "contend", "assert", "stress",
     "emphasize", "emphasise", "indicate", "agree", "hope", "fear", "expect", "know", "ask", "answer",
     "promise", "concede", "declare", "respond", "comment", "recount", "complain", "boast"}
)
# Adverbs that hedge a statement ("would *likely* visit").
HEDGE_ADVERBS = frozenset(
    {"likely", "unlikely", "probably", "possibly", "perhaps", "maybe", "reportedly", "allegedly",
     "apparently", "presumably", "supposedly", "reputedly"}
)
# Governors of an xcomp that make its event uncertain ("is *poised* to visit").
HEDGE_GOVERNORS = frozenset(
    {"poise", "poised", "expect", "expected", "likely", "unlikely", "set", "due", "schedule", "scheduled",
     "plan", "intend", "hope", "want", "seek", "aim", "go", "suppose", "believe", "rumour", "rumor",
     "threaten", "promise", "try", "attempt", "consider", "seem", "appear", "say", "report", "think",
     "allege", "claim", "ready", "willing", "prepared", "keen", "eager"}
)
# Verbs that ask someone else to do something ("*urged* Y to visit"): the act is not done.
REQUEST_GOVERNORS = frozenset(
    {"urge", "ask", "invite", "encourage", "press", "call", "tell", "request", "implore", "beg", "advise"}
)
# Governors that deny the event of their complement ("*refused* to sign").
NEGATING_GOVERNORS = frozenset(
    {"refuse", "refusal", "decline", "fail", "failure", "refrain", "avoid", "reject", "rejection",
     "deny", "denial", "stop", "cease", "neglect", "forgo", "abandon", "halt"}
)


def clauses(sent: Span | Doc, *, titles: frozenset[str] | None = None) -> Iterator[Clause]:
    """Yield the clauses of ``sent`` (a sentence ``Span`` or a whole ``Doc``) in text order.

    ``titles`` are the one-word role titles that make a word before a name its
    title (default: :func:`one_word_titles` of kgraph's ontology). See the module
    docstring for what each field holds.
    """
    if titles is None:
        titles = one_word_titles(load_ontology())
    finder = _Finder()
    found: list[Clause] = []
    tokens = list(sent)
    breaks = [t.i for t in tokens if t.is_space and "\n" in t.text]
    for token in tokens:
        # The dependency label alone rules out most tokens: test it before any call.
        dep = token.dep_
        if (dep in CLAUSE_DEPS and _is_clause_verb(token)) or (dep == "acomp" and _passive_complement(token)):
            clause = finder.verb_clause(token)
            if clause is not None:
                found.append(clause)
        elif dep in NOMINAL_DEPS:
            found.extend(nominal_clauses(token, breaks=breaks, titles=titles))
    found.sort(key=lambda c: c.anchor.i)
    yield from found


def _is_clause_verb(token: Token) -> bool:
    if token.dep_ not in CLAUSE_DEPS or token.tag_ == "MD":
        return False  # a bare modal is an elided verb phrase ("what we thought he would")
    if token.pos_ in ("VERB", "AUX"):
        return True
    # A root that the tagger got wrong still heads a clause when it has a subject.
    return token.dep_ == "ROOT" and any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _passive_complement(token: Token) -> bool:
    """"X is 60% owned by Y", parsed as the copula's adjectival complement: a past
    participle with a "by" agent under "be" is a passive verb of its own."""
    return (token.tag_ == "VBN" and token.head.lemma_ == "be"
            and any(c.dep_ == "agent" for c in token.children))


class _Finder:
    """Builds the verb clauses of one sentence; memoises subjects, which
    coordinated and subordinate verbs inherit (keeps clauses() linear)."""

    def __init__(self):
        self._subjects: dict[int, tuple[Token | None, bool]] = {}

    def subject(self, verb: Token, children: list[Token] | None = None) -> tuple[Token | None, bool]:
        """(subject head, inherited?) of a verb or predicate token; ``children``
        are the verb's when the caller has them."""
        key = verb.i
        if key not in self._subjects:
            self._subjects[key] = self._find_subject(verb, list(verb.children) if children is None else children)
        return self._subjects[key]

    def _find_subject(self, verb: Token, children: list[Token]) -> tuple[Token | None, bool]:
        for child in children:
            if child.dep_ in SUBJECT_DEPS:
                return antecedent(child), False
            if child.dep_ == "expl":
                # "There are parks in the town": the attribute is the real subject.
                attr = next((c for c in children if c.dep_ == "attr"), None)
                if attr is not None:
                    return attr, False
        dep, head = verb.dep_, verb.head
        if head.i == verb.i:
            return None, False
        if dep in ("xcomp", "advcl"):
            agent = _for_agent(verb)
            if agent is not None:
                return agent, True
        if dep == "xcomp":
            obj = first_child(head, ("dobj",))
            if obj is not None:
                return antecedent(obj), True
            return self._inherit(head)
        if dep in ("conj", "advcl"):
            return self._inherit(head)
        if dep == "acomp":
            return self.subject(head)[0], False  # a passive complement: the copula's subject is its own
        if dep == "pcomp":
            return self._inherit(head.head) if head.dep_ in PREP_DEPS else (None, False)
        if dep in ("relcl", "acl") and head.pos_ in NOUN_POS:
            if dep == "acl" and first_child(verb, ("aux",)) is not None:
                # "X's plan to visit Y": the possessor is the agent; "X has plans to
                # visit Y", "X made a bid to buy Y": the subject of the verb is.
                poss = first_child(head, ("poss",))
                if poss is not None:
                    return poss, True
                return self._inherit(head.head) if head.dep_ == "dobj" else (None, False)
            return head, True
        return None, False

    def _inherit(self, governor: Token) -> tuple[Token | None, bool]:
        if governor.pos_ in ("ADJ", "NOUN") and governor.dep_ in COMPLEMENT_DEPS:
            governor = governor.head  # "is likely to win": the copula has the subject
        subject, _ = self.subject(governor)
        return subject, True

    def verb_clause(self, verb: Token) -> Clause | None:
        children = list(verb.children)  # read several times below; Token.children makes new Tokens
        subject, inherited = self.subject(verb, children)
        if subject is None or _merged_away(children):
            return None
        own = verb_group(verb, children)
        shared = _shared_auxiliaries(verb)
        governors = _governors(verb)
        # The children of the verb and of each governor: read by several tests below.
        kids = [children, *(list(g.children) for g in governors)]
        relation = sorted({t.i: t for g, of_one in zip(governors, kids[1:]) for t in verb_group(g, of_one)}.items())
        relation_tokens = [t for _, t in relation] + shared + own
        if governors:
            # "wants to visit X and meet Y": the second verb shares the first one's "to".
            infinitive = verb.head if verb.dep_ == "conj" and verb.head.dep_ == "xcomp" else verb
            relation_tokens.extend(c for c in infinitive.children if c.dep_ == "aux" and c.tag_ == "TO")
        relation_tokens.sort(key=lambda t: t.i)

        objects, preps, adverbials = [], [], []
        complement = clausal = None
        for child in (*children, *(c for of_one in kids[1:] for c in of_one if c.dep_ in PREP_DEPS)):
            dep = child.dep_
            if dep == "dobj" or (dep == "dative" and not any(True for _ in child.children)):
                objects.append(antecedent(child))
            elif dep in PREP_DEPS or dep == "dative":
                # "out of X": a preposition governing a preposition is one compound preposition
                obj = first_child(child, ("pobj", "pcomp")) or first_child(child, ("prep",))
                if obj is not None:
                    preps.append((child, obj))
            elif dep in COMPLEMENT_DEPS and child != subject:
                complement = child
            elif dep == "ccomp" or (dep == "xcomp" and not _merges(child)):
                # A clause before its verb is reported speech ("Y, he said") or a
                # run-on sentence the parser hung on the verb; only the first is an argument.
                if child.i > verb.i or verb.lemma_.lower() in REPORTING_VERBS:
                    clausal = child
            elif (dep == "npadvmod" and child.pos_ in NOUN_POS) or (
                dep == "advmod" and any(c.dep_ == "prep" for c in child.children)
            ):
                adverbials.append(child)  # "last week", "northeast of Z", "close to Z"
        if clausal is None and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") \
                and verb.lemma_.lower() in REPORTING_VERBS and not objects:
            clausal = verb.head  # "X, a trader said, were livid": the sentence around it is reported
        if subject.dep_ == "attr" and subject.head.i == verb.i:
            # "There are parks in the town": the attribute's place or time is the clause's.
            preps.extend((c, o) for c in subject.children if c.dep_ == "prep"
                         for o in c.children if o.dep_ in ("pobj", "pcomp"))
        if not objects and complement is None and clausal is None:
            objects.extend(_right_shared_objects(verb))
        objects.sort(key=lambda t: t.i)
        preps.sort(key=lambda p: p[0].i)
        if not objects and complement is None and clausal is None:
            # A compound preposition ("because of X") stays an argument as a whole.
            following = next((prep for prep, obj in preps if prep.i > verb.i and obj.pos_ != "ADP"), None)
            if following is not None:
                relation_tokens.append(following)

        chain = [verb, *governors]
        # Adverbs written inside the relation belong to it ("relies heavily on").
        # (A relation of one or two adjacent words, most of them, has no room for one.)
        first, last = relation_tokens[0].i, relation_tokens[-1].i
        inside = [c for of_one in kids for c in of_one if c.dep_ == "advmod" and c.pos_ == "ADV" and first < c.i < last
                  ] if last - first > 1 else []
        if inside:
            relation_tokens = sorted(relation_tokens + inside, key=lambda t: t.i)
        passive = (any(c.dep_ in PASSIVE_DEPS for c in children) or any(t.dep_ == "auxpass" for t in shared)
                   or (verb.dep_ in ("acl", "acomp") and verb.tag_ == "VBN"))
        negated = _negated(chain, kids)
        return Clause(
            subject=subject,
            verb=verb,
            relation=tuple(relation_tokens),
            objects=tuple(objects),
            preps=tuple(preps),
            complement=complement,
            clausal=clausal,
            adverbials=tuple(adverbials),
            passive=passive,
            negated=negated,
            modality=_modality(kids, chain, shared),
            kind=_kind(len(objects), complement, clausal, bool(preps or adverbials)),
            subject_inherited=inherited,
        )


def _for_agent(verb: Token) -> Token | None:
    """"call for X to issue Y": X, the object of a "for" right before the infinitive."""
    to = first_child(verb, ("aux",))
    if to is None or to.tag_ != "TO":
        return None
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            obj = first_child(prep, ("pobj",))
            if obj is not None and obj.right_edge.i + 1 == to.i:
                return obj
    return None


def _kind(n_objects: int, complement: Token | None, clausal: Token | None, adverbial: bool) -> str:
    if n_objects >= 2:
        return "SVOO"
    if n_objects == 1:
        if complement is not None or (clausal is not None and clausal.dep_ == "xcomp"):
            return "SVOC"
        return "SVOA" if adverbial else "SVO"
    if complement is not None:
        return "SVC"
    if clausal is not None:
        return "SVO"
    return "SVA" if adverbial else "SV"


def verb_group(verb: Token, children: list[Token] | None = None) -> list[Token]:
    """The verb with its auxiliaries, negation and particle, in text order
    ("did not give up"); the infinitive "to" is left out. ``children`` are the
    verb's when the caller has them (Token.children makes new Tokens)."""
    words = [c for c in (verb.children if children is None else children) if (c.dep_ in AUX_DEPS and c.tag_ != "TO" and c.i < verb.i)
             or c.dep_ in ("neg", "prt")]
    words.append(verb)
    words.sort(key=lambda t: t.i)
    return words


def _shared_auxiliaries(verb: Token) -> list[Token]:
    """The auxiliaries a coordinated verb shares with the first one ("was converted
    and *christened*": was); empty when it has a subject or auxiliaries of its own."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBN", "VB", "VBG") or verb.head.pos_ not in ("VERB", "AUX"):
        return []
    if any(c.dep_ in AUX_DEPS or c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    return [c for c in verb.head.children if c.dep_ in AUX_DEPS and c.tag_ != "TO"]


def _right_shared_objects(verb: Token) -> list[Token]:
    """The objects of the next verb when the two are coordinated back to back
    ("bought and sold grain": *bought* gets grain too)."""
    doc = verb.doc
    nxt = verb.i + 2
    if nxt >= len(doc) or doc[verb.i + 1].dep_ != "cc" or doc[nxt].dep_ != "conj" or doc[nxt].head.i != verb.i:
        return []
    return [antecedent(c) for c in doc[nxt].children if c.dep_ == "dobj"]


def _merges(xcomp: Token) -> bool:
    """True when an xcomp joins its governor's relation ("wants to visit")."""
    if xcomp.dep_ != "xcomp" or xcomp.pos_ not in ("VERB", "AUX"):
        return False
    governor = xcomp.head
    return first_child(governor, ("dobj", "dative")) is None


def _governors(verb: Token) -> list[Token]:
    """Tokens whose relation words prefix this verb's: the chain of merged xcomps
    ("is poised to visit" gives [poised, is]), and for a coordinated verb, its
    first conjunct's governors ("wants to visit X and meet Y"); for a passive complement
    ("is 60% owned by"), the copula."""
    if verb.dep_ == "acomp":
        return [verb.head]  # a passive complement: "is not 60% owned by"
    chain: list[Token] = []
    current = verb
    if current.dep_ == "conj" and current.head.dep_ == "xcomp" and _merges(current.head):
        current = current.head
    while _merges(current):
        governor = current.head
        chain.append(governor)
        if governor.dep_ in COMPLEMENT_DEPS and governor.pos_ == "ADJ":
            chain.append(governor.head)  # "is likely to": keep the copula
            governor = governor.head
        current = governor
    return chain


def _merged_away(children: list[Token]) -> bool:
    """True when a clause only exists to govern a merged xcomp ("X wants [to go]"),
    so that the merged clause says all it says; ``children`` are the verb's."""
    for child in children:
        dep = child.dep_
        if dep in ("dobj", "dative", "ccomp", "attr", "oprd"):
            return False
        if dep == "acomp" and not any(_merges(c) for c in child.children):
            return False
    return any(_merges(c) for c in children) or any(
        c.dep_ == "acomp" and any(_merges(g) for g in c.children) for c in children
    )


def _negated(chain: list[Token], kids: list[list[Token]]) -> bool:
    """Whether a verb chain is negated; ``kids`` are the children of each of its tokens."""
    for children in kids:
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in children):
            return True
    verb = chain[0]
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        return True  # "left without paying"
    governor = _governor(verb)
    if governor is None:
        return False
    # "refused to sign", "has no plans to visit"
    return governor.lemma_.lower() in NEGATING_GOVERNORS or any(
        c.dep_ == "det" and c.lower_ == "no" for c in governor.children
    )


def _governor(verb: Token) -> Token | None:
    """The word a subordinate verb complements: xcomp/ccomp head, the verb of a
    "from"/"of" phrase (pcomp), the noun of an infinitive modifier."""
    dep, head = verb.dep_, verb.head
    if dep in ("xcomp", "ccomp"):
        return head
    if dep == "pcomp" and head.dep_ in PREP_DEPS:
        return head.head
    if dep == "acl" and head.pos_ == "NOUN":
        return head
    return None


def _modality(kids: list[list[Token]], chain: list[Token], shared: list[Token]) -> str | None:
    """Modal and hedge words of a verb chain (``kids`` the children of each of its
    tokens) and its shared auxiliaries, in text order."""
    words = [(t.i, t.lower_) for t in shared if t.tag_ == "MD"]
    for children in kids:
        for child in children:
            if child.dep_ == "aux" and child.tag_ == "MD":
                words.append((child.i, child.lower_))
            elif child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS:
                words.append((child.i, child.lower_))
    for governor in chain[1:]:
        lemma = governor.lemma_.lower()
        if governor.pos_ != "AUX" and (lemma in HEDGE_GOVERNORS or governor.lower_ in HEDGE_GOVERNORS):
            words.append((governor.i, f"{governor.lower_} to"))
    requester = chain[0].head
    if chain[0].dep_ == "xcomp" and requester.lemma_.lower() in REQUEST_GOVERNORS:
        words.append((requester.i, f"{requester.lower_} to"))  # "urged Y to visit": asked, not done
    if not words:
        return None
    return " ".join(word for _, word in sorted(words))
