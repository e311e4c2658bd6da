"""Roles: a person (or country) described by a role noun, in a title
("Zorbian President Ana Bell", "Acme spokesperson Bo Li"), an apposition
("Bo Li, a senior adviser to Ana Bell", "Zorbia, a key Pact member") or a copula
("Ana Bell is the president of Zorbia"). A place in apposition to a place is
read by :mod:`~kgraph.extraction.rules.places`.

The role noun must be a ``kg:title`` of the lexicon (an event noun such as
"invasion" in apposition to a name is a misparse); its ``kg:noun`` entry, else
its title's property, names the relation. What it is a role *of* is the object:
its prepositional object ("adviser to Y"), its possessor ("Y's president"), a named
compound before it ("Acme spokesperson") or a nationality adjective ("Zorbian
President" → Zorbia). A title also gives the
literal ``holdsPosition`` ("President").

A title written right before a name is also read from the words themselves, whatever
the parse made of them (:func:`_written_titles`): the name or party word before it
is the body; a bare lower-case job title ("chief executive X") is at the organisation
the article is about. Taking, holding or leaving a seat on a body ("resigned from
Acme's board") is membership of its organisation.
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.types import Mention, Span, Statement
from kgraph.extraction.syntax.clauses import Clause, conjuncts
from kgraph.extraction.syntax.clauses_base import partitive
from kgraph.extraction.rules.facts import Context

__all__ = ["nationality_statements", "role_statements"]

# Verbs whose complement names the subject's role ("is", "became", "remains").
COPULAS = frozenset({"be", "become", "remain"})
# The property of a membership ("member", "MP"), whose object is never a person.
MEMBERSHIP = "memberOf"
# Verbs whose object held the role that their subject takes "as" ("X replaced Y as chief").
SUCCESSION_VERBS = frozenset({"replace", "succeed"})
# Bodies of an organisation whose seats people hold ("Acme's board"), the verbs by which
# one takes, holds or leaves a seat ("joined Acme's board", "resigned from the board of
# Acme"), and those by which one is given it ("Acme appointed X to its board").
BODY_NOUNS = frozenset({"board", "cabinet", "committee", "council", "panel", "squad"})
SEAT_VERBS = frozenset({"join", "rejoin", "quit", "leave", "resign", "sit", "serve", "remain", "stay", "return"})
APPOINTING_VERBS = frozenset({"appoint", "elect", "name", "nominate", "promote", "add", "hire", "recruit", "install",
                              "unveil", "choose", "pick", "select"})
# Verbs that list the holders of a role ("its members include X").
LISTING_VERBS = frozenset({"include", "comprise"})
# Verbs whose "as" phrase names or judges rather than appoints ("known as", "seen as").
NAMING_VERBS = frozenset({"know", "call", "dub", "nickname", "describe", "see", "regard", "view", "portray",
                          "brand", "label", "hail", "bill", "style"})
_ROLE_PREPS = frozenset({"of", "for", "to", "at", "in", "with", "within"})
# The property a nationality before a person's name gives ("Zorbian blogger Ada Bell").
NATIONALITY = "citizenOf"
# The property of a person named with an organisation's possessive ("Acme's Ada Bell").
EMPLOYMENT = "worksFor"
# Nouns of a nationality a person has ("dual Peruvian and Chilean nationality").
NATIONALITY_NOUNS = frozenset({"nationality", "citizenship", "passport"})
# Modifiers before a title that name what it is a title of.
_QUALIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# The property of a leader's title ("chief executive"), and the words that make such a
# title a subordinate's ("deputy chairman": worksFor).
LEADERSHIP = "leaderOf"
SUBORDINATE_WORDS = frozenset({"deputy", "vice", "assistant"})
# Titles of a job at a firm or a body, whose organisation a sentence may leave to the text
# before it ("Acme cut jobs. Chief executive Ada Bell said ..."); a state's titles
# ("minister") and those of people who serve clients ("lawyer", "analyst") are not.
ORGANISATION_JOBS = frozenset({"chief executive", "chairman", "chairwoman", "president", "boss", "managing director",
                               "director general", "general secretary", "director", "officer", "spokesman",
                               "spokeswoman", "spokesperson"})
# How many lower-case words may stand between an organisation's name and the title
# after it ("Acme chief financial officer", "Acme research director").
_TITLE_MODIFIERS = 3
# How many capitalised words outside any name may end an organisation's name before a
# title when the tagger's name stops short ("Free Press Overseas director": "Free Press").
_NAME_TAIL = 2


def role_statements(ctx: Context, clause: Clause) -> Iterator[Statement]:
    """Statements from one clause whose complement is a role noun: apposition,
    title, or copula. Other clauses yield nothing."""
    if clause.source == "verb" and clause.verb is not None:
        yield from _as_roles(ctx, clause)
        yield from _listed_roles(ctx, clause)
        yield from _seats(ctx, clause)
    # "X was one of the founders of Acme": the role is the one the plural names
    role = clause.complement if clause.complement is None else partitive(clause.complement) or clause.complement
    # (a title word the parser took for an adjective, "Acme chief executive X", is still a title)
    if role is None or (role.pos_ not in {"NOUN", "PROPN"} and clause.source != "title"):
        return
    if clause.source == "verb" and (clause.verb is None or clause.verb.lemma_.lower() not in COPULAS):
        return
    confidence = {"title": 0.85, "apposition": 0.8}.get(clause.source, 0.75)
    if clause.negated:
        confidence -= 0.1
    # "X and Y are members of Z" and "Acme managers X, Y and Z" share the role;
    # "President X and Chancellor Y" does not.
    subjects = _title_holders(ctx, clause.subject, role) if clause.source == "title" else conjuncts(clause.subject)
    for subject in subjects:
        if ctx.ents.mention_at(subject) is None or ctx.ents.by_token[role.i] >= 0:
            continue
        yield from _role(ctx, clause, subject, role, confidence, first=clause.subject)


def _as_roles(ctx: Context, clause: Clause) -> Iterator[Statement]:
    """"X was named as chief executive of Acme", "X resigned as the firm's chairman",
    "X has been unveiled as the new Acme manager": a title after "as" on a verb is
    the role of the verb's subject; after "replace" or "succeed" ("X replaced Y as
    chief executive of Acme") of its object as well, who held it before; after a verb
    of appointing ("Acme appointed X as chief executive") of its object only. A name or
    a view ("known as the Duchess of Zorbia", "seen as a leader") is no role."""
    if clause.verb.lemma_.lower() in NAMING_VERBS:
        return
    for prep, role in clause.preps:
        if prep is None or prep.lower_ != "as" or role.pos_ not in {"NOUN", "PROPN"} \
                or ctx.ents.by_token[role.i] >= 0 or ctx.lexicon.title(role) is None:
            continue
        verb = clause.verb.lemma_.lower()
        appointed = verb in APPOINTING_VERBS and not clause.passive
        holders = list(conjuncts(clause.subject)) if clause.subject is not None and not appointed else []
        if verb in SUCCESSION_VERBS or appointed:
            holders += [t for head in clause.objects for t in conjuncts(head)]
        confidence = 0.75 - (0.1 if clause.negated else 0.0)
        for holder in holders:
            if ctx.ents.mention_at(holder) is not None:
                yield from _role(ctx, clause, holder, role, confidence, first=holder)


def _seats(ctx: Context, clause: Clause) -> Iterator[Statement]:
    """"X resigned from Acme's board", "X joined the board of Acme", "Acme appointed X to
    its board": who joins, sits on or leaves an organisation's board (or another of
    ``BODY_NOUNS``) is (or was) a member of the organisation."""
    verb = clause.verb.lemma_.lower()
    if verb not in SEAT_VERBS and verb not in APPOINTING_VERBS:
        return
    members = clause.objects if verb in APPOINTING_VERBS and not clause.passive else (clause.subject,)
    bodies = [noun for noun in (*clause.objects, *(obj for prep, obj in clause.preps
                                                    if prep is not None and prep.lower_ in {"from", "on", "to"}))
              if noun.lemma_.lower() in BODY_NOUNS]
    common = dict(anchor=clause.verb, negated=clause.negated, modality=clause.modality)
    for body in bodies:
        owner = _body_owner(ctx, body)
        if owner is None:
            continue
        for member in (t for head in members if head is not None for t in conjuncts(head)):
            mention = ctx.ents.mention_at(member)
            if mention is not None:
                statement = _fact(ctx, member, mention.type, (MEMBERSHIP,), owner,
                                  f"{clause.verb.text} {body.text}", 0.75, common)
                if statement is not None:
                    yield statement


def _body_owner(ctx: Context, body):
    """The organisation whose ``body`` it is: its possessor ("Acme's board", "its board"),
    a name before it ("the Acme board") or after "of" ("the board of Acme")."""
    for child in body.children:
        if child.dep_ in {"poss", "compound"} and child.i < body.i and ctx.ents.mention_at(child) is not None:
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((ctx.named(c) for c in child.children
                         if c.dep_ == "pobj" and ctx.ents.mention_at(ctx.named(c)) is not None), None)
    return None


def _listed_roles(ctx: Context, clause: Clause) -> Iterator[Statement]:
    """"Acme's members include X and Y", "Acme, whose members include X": the names a
    role noun's list includes hold the role of its possessor (X memberOf Acme)."""
    subject = clause.subject
    if clause.verb.lemma_.lower() not in LISTING_VERBS or subject is None or subject.pos_ != "NOUN":
        return
    title = ctx.lexicon.title(subject)
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if title is None or owner is None:
        return
    if owner.lower_ == "whose" and clause.verb.dep_ == "relcl":
        owner = clause.verb.head  # "whose": the noun the relative clause hangs on
    if ctx.ents.mention_at(owner) is None:
        return
    common = dict(anchor=clause.verb, negated=clause.negated, modality=clause.modality)
    for head in clause.objects:
        for member in map(ctx.named, conjuncts(head)):
            mention = ctx.ents.mention_at(member)
            if mention is None:
                continue
            statement = _fact(ctx, member, mention.type, (title[1],), owner,
                              f"{subject.text} {clause.verb.text}", 0.75, common)
            if statement is not None:
                yield statement


def _title_holders(ctx: Context, name, role) -> list:
    """The names a title before ``name`` describes: ``name``, and when the title is
    plural ("Acme managers X, Y and Z") the names coordinated with it that have no
    title of their own ("managers X and chief Y": Y is no manager)."""
    if role.tag_ not in {"NNS", "NNPS"}:
        return [name]
    ents = ctx.ents
    holders = [name]
    # The names after it in its list, itself maybe a later conjunct ("A and B, and
    # managers X, Y and Z"): the conjuncts that hang from it, one after the other.
    other = next((c for c in name.children if c.dep_ == "conj"), None)
    while other is not None:
        own = ents.mention_at(other)
        if own is None or any(c.dep_ in {"compound", "amod"} and c.i < other.i and ents.mention_at(c) is not own
                              for c in other.children):
            break
        holders.append(other)
        other = next((c for c in other.children if c.dep_ == "conj"), None)
    return holders


def _role(ctx: Context, clause: Clause, subject, role, confidence: float, *, first) -> Iterator[Statement]:
    lexicon, ents = ctx.lexicon, ctx.ents
    subject_type = ents.mention_at(subject).type
    title = lexicon.title(role)
    # "X, the son of Y", "Y's son X": a role whose holder is the property's object (Y parentOf X).
    inverse = title is None and (title := lexicon.title(role, inverse=True)) is not None
    if title is None or _compound_word(ctx.doc, role.i):
        return  # "X, an invasion of Y" is a misparse, not a role: only titles are roles
    common = dict(anchor=role, negated=clause.negated, modality=clause.modality)
    # "head of currency strategy at Acme": the role is of a department, and the
    # organisation around it is the employer, not what the person heads.
    department = None if inverse else next(
        (prep for prep in role.children if prep.dep_ == "prep" and prep.lower_ == "of"
         and any(c.dep_ == "pobj" and c.pos_ == "NOUN" and ents.mention_at(_named(ctx, c)) is None
                 for c in prep.children)),
        None)
    for prep in role.children:
        if prep.dep_ != "prep" or prep.lower_ not in _ROLE_PREPS:
            continue
        if department is not None:
            candidates = ("worksFor",) if prep.i != department.i else ()
        else:
            candidates = (title[1],) if inverse else lexicon.noun(role, prep.lower_) or (title[1],)
        # "head of sales in Zorbia" places the job: a place after "in" holds no role
        # unless the noun's own entry takes "in"
        job_place = prep.lower_ == "in" and not lexicon.noun(role, "in")
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for obj in (_named(ctx, t) for t in conjuncts(pobj)):
                if job_place and _is_place(ctx, obj):
                    continue
                statement = _fact(ctx, subject, subject_type, candidates, obj,
                                  f"{role.text} {prep.text}", confidence, common, inverse=inverse)
                if statement is not None:
                    yield statement
    text, prop = title
    if department is not None or _subordinate(ctx.doc, role.i - len(text.split()) + 1, prop):
        prop = EMPLOYMENT
    qualifiers = _qualifiers(first, role)
    if prop == MEMBERSHIP:
        # "Y's MP X" is Y's representative, a member of the body named beside
        if all(_is_person(ctx, q) for q in qualifiers):
            qualifiers = _qualifiers(first, role, owners=False)
        qualifiers = [q for q in qualifiers if _may_have_members(ctx, q)]
    elif prop == LEADERSHIP:
        # "Ada appointed Bo as her campaign chief": Bo leads no one of hers
        qualifiers = [q for q in qualifiers if not (ctx.ents.is_pronoun(q) and _is_person(ctx, q))]
    for qualifier in qualifiers:
        tie = prop if inverse else _party_tie(ctx, prop, text, qualifier)
        statement = _fact(ctx, subject, subject_type, (tie,), qualifier, text, confidence, common, inverse=inverse)
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


def _named(ctx: Context, noun):
    """:meth:`Context.named` of ``noun``, or the name set off after it that the parser hung
    elsewhere ("a board member of Zorbia's central bank, the Zentralbank": the parser
    makes "Zentralbank" an apposition of the person)."""
    named = ctx.named(noun)
    if ctx.ents.mention_at(named) is not None or noun.pos_ != "NOUN":
        return named
    after = noun.right_edge.i + 1
    if after + 1 >= len(ctx.doc) or ctx.doc[after].text != ",":
        return named
    name = ctx.doc[after + 2] if ctx.doc[after + 1].lower_ == "the" and after + 2 < len(ctx.doc) else ctx.doc[after + 1]
    index = ctx.ents.by_token[name.i]
    if index < 0:
        return named
    head = ctx.doc[ctx.ents.mentions[index].head]
    return head if head.dep_ == "appos" and head.head.i < noun.i else named


def _party_tie(ctx: Context, prop: str, title: str, owner, name: str | None = None) -> str:
    """``prop``, unless it is a leader's title other than "leader" of a party (the body at
    token ``owner``, or called ``name``, whose name ends with a ``kg:memberWord``): a
    party's chairman or president is one of its members, its leader leads it."""
    if prop != LEADERSHIP or title.lower() == "leader":
        return prop
    if name is None:
        mention = ctx.ents.mention_at(owner)
        entity = ctx.ents.entities.get(mention.key) if mention is not None else None
        name = entity.label if entity is not None else owner.text
    return ctx.lexicon.member_property(name) or prop


def _may_have_members(ctx: Context, token) -> bool:
    """Whether the name at ``token`` may be a body a membership title is of: a person or
    a place has no members ("British singer X" is British, a member of no band named)."""
    return not _is_person(ctx, token) and not _is_place(ctx, token)


def _subordinate(doc, first: int, prop: str) -> bool:
    """Whether the leader's title starting at token ``first`` is a subordinate's
    ("deputy chairman", "vice-president", "assistant boss"): its holder works for
    the body and does not lead it."""
    before = first - 2 if first > 1 and _is_hyphen(doc[first - 1]) else first - 1
    return prop == LEADERSHIP and before >= 0 and doc[before].lower_ in SUBORDINATE_WORDS


def _is_place(ctx: Context, token) -> bool:
    mention = ctx.ents.mention_at(token)
    return mention is not None and ctx.lexicon.ontology.is_a(mention.type, "Place")


def _is_person(ctx: Context, token) -> bool:
    mention = ctx.ents.mention_at(token)
    return mention is not None and ctx.lexicon.ontology.is_a(mention.type, "Person")


def _qualifiers(subject, role, *, owners: bool = True) -> list:
    """Tokens before ``role`` that say what it is a role of: its possessor, else
    its own compounds and adjectives, or (in a title) those of the name ``subject``
    it stands before; without ``owners``, only the compounds and adjectives."""
    found = [c for c in role.children if c.dep_ in _QUALIFIER_DEPS and c.i < role.i]
    if role.head.i == subject.i:
        found.extend(c for c in subject.children if c.dep_ in _QUALIFIER_DEPS and c.i < role.i)
    # "Acme's Zorbia sales manager": the possessor is the employer, the compounds describe the job.
    possessors = [c for c in found if c.dep_ == "poss"]
    if not owners:
        return [c for c in found if c.dep_ != "poss"]
    return possessors or found


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


def nationality_statements(ctx: Context) -> Iterator[Statement]:
    """``citizenOf`` from a nationality written before a person's name ("the
    Peruvian Ada Bell"), before the title or noun that stands before it ("Peruvian
    blogger Ada Bell") or in apposition with it ("Ada Bell, a Peruvian blogger", "a
    Peruvian blogger, Ada Bell"): the nationality is a country modifier mention. A
    country's possessive before a person's name is the same ("Peru's Ada Bell"); an
    organisation's gives ``worksFor`` ("Acme's Ada Bell"), or the tie a party's name
    calls for ("Labour's Ada Bell": ``memberOf``).
    Also :func:`_possessed_firms` and :func:`_written_titles`."""
    ents, onto = ctx.ents, ctx.lexicon.ontology
    yield from _possessed_firms(ctx)
    yield from _written_titles(ctx)
    if NATIONALITY not in onto.properties:
        return
    for mention in ents.mentions:
        if mention.modifier or not onto.is_a(mention.type, "Person"):
            continue
        name = ctx.doc[mention.head]
        yield from _held_nationalities(ctx, name)
        for owner in (c for c in name.children if c.dep_ == "poss" and ents.by_token[c.i] >= 0):
            body = ents.mentions[ents.by_token[owner.i]]
            if body.modifier:
                continue
            if onto.is_a(body.type, "Country"):
                prop = NATIONALITY
            elif onto.is_a(body.type, "Organization"):
                # "Acme's Ada Bell" works for Acme; "Labour's Ada Bell" belongs to the party
                entity = ents.entities.get(body.key)
                prop = ctx.lexicon.member_property(entity.label if entity else body.text) or EMPLOYMENT
            else:
                continue
            statement = ctx.statement(name, prop, owner, relation_text=f"{owner.text}'s", anchor=name,
                                      confidence=0.7)
            if statement is not None:
                yield statement
        # (the parser hangs a word before a name on its first word as often as on its head)
        before = [c for t in ctx.doc[mention.start:mention.end] for c in t.children
                  if c.i < mention.start and c.dep_ in {"compound", "amod"}]
        nouns = [c for c in before if c.pos_ == "NOUN" and ents.by_token[c.i] < 0]
        nouns += [c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if name.dep_ == "appos" and name.head.pos_ == "NOUN":
            nouns.append(name.head)
        for word in (*before, *(c for noun in nouns for c in noun.children)):
            if word.dep_ not in {"amod", "compound"} or word.i > word.head.i or ents.by_token[word.i] < 0:
                continue
            country = ents.mentions[ents.by_token[word.i]]
            if not country.modifier or not onto.is_a(country.type, "Country"):
                continue
            statement = ctx.statement(name, NATIONALITY, word, relation_text=word.text, anchor=name,
                                      confidence=0.7)
            if statement is not None:
                yield statement


def _written_titles(ctx: Context) -> Iterator[Statement]:
    """"Bo met Acme chief executive Ada Bell": a title written right before a name and
    an organisation's name right before the title relate the two whatever the parse
    made of the words (the tagger takes "Bell" for a common noun, or hangs "Acme" on
    the verb). Lower-case words may stand between the organisation and the title
    ("Acme chief financial officer", "Acme research director")."""
    doc, ents = ctx.doc, ctx.ents
    for mention in ents.mentions:
        if mention.modifier:
            continue
        found = _title_before(ctx, mention.start)
        if found is None:
            continue
        first, (text, prop) = found
        before = _modifiers_start(doc, first) - 1
        owner = _name_before(ctx, before)
        if _subordinate(doc, first, prop):
            prop = EMPLOYMENT
        name = doc[mention.head]
        if owner is None and _bare(ctx, before, first, name, text):
            # "Acme cut jobs. Chief executive Ada Bell said ...": the organisation the text named last
            owner = _last_organisation(ctx, first)
            if owner is not None:
                statement = _fact_across(ctx, name, prop, owner, text)
                if statement is not None:
                    yield statement
            continue
        party = _party_before(ctx, before) if owner is None else None
        if party is not None:
            tie = _party_tie(ctx, prop if prop == LEADERSHIP else MEMBERSHIP, text, None, party.span.text)
            statement = _statement(ctx, name, tie, party, text, name.i, 0.8)
            if statement is not None:
                yield statement
            continue
        # (a person's name before a title is a list or a misparse: "Y's adviser X" is read
        # from the possessive)
        if owner is None or _is_person(ctx, owner) or (prop == MEMBERSHIP and not _may_have_members(ctx, owner)):
            continue
        statement = _fact(ctx, name, mention.type, (_party_tie(ctx, prop, text, owner),), owner, text, 0.8,
                          dict(anchor=doc[first], negated=False, modality=None))
        if statement is not None:
            yield statement


def _bare(ctx: Context, before: int, first: int, name, title: str) -> bool:
    """Whether ``title``, at token ``first`` before ``name``, is one of the
    ``ORGANISATION_JOBS`` at an organisation that the sentence leaves unnamed: written
    in lower case (a capitalised title before a name is a state's: "President X"), after
    no name, possessive or capitalised word (token ``before``), with no organisation
    named after it in the sentence ("chief executive X of Acme", "X, chairman of Acme")."""
    doc, ents = ctx.doc, ctx.ents
    if not (doc[first].is_lower or doc[first].is_sent_start) or title.lower() not in ORGANISATION_JOBS:
        return False
    if before >= 0 and (ents.by_token[before] >= 0 or doc[before].tag_ in {"PRP$", "POS"}
                        or (doc[before].text[:1].isupper() and doc[before].pos_ in {"PROPN", "NOUN", "ADJ"})):
        return False
    end = ctx.segments[ctx.segment_of[name.i]][1]
    return not any(_is_organisation(ctx, doc[i]) for i in range(name.i + 1, end))


def _is_organisation(ctx: Context, token) -> bool:
    """Whether ``token`` is in the name of an organisation (not a pronoun or a noun
    resolved to one: "the club" may be a guess)."""
    index = ctx.ents.by_token[token.i]
    mention = ctx.ents.mentions[index] if index >= 0 else None
    return mention is not None and not mention.modifier and ctx.lexicon.ontology.is_a(mention.type, "Organization")


def _fact_across(ctx: Context, name, prop: str, owner, relation_text: str) -> Statement | None:
    """``name`` ``prop`` ``owner``, evidenced by the text from ``owner``'s sentence to ``name``'s."""
    return _statement(ctx, name, prop, ctx.ents.mention(owner), relation_text, owner.i, 0.7)


def _statement(ctx: Context, name, prop: str | None, obj: Mention, relation_text: str, since: int,
               confidence: float) -> Statement | None:
    """``name`` ``prop`` ``obj`` when the types fit, evidenced by the text from the sentence
    (cut at line breaks) of token ``since`` to ``name``'s."""
    subject = ctx.ents.mention(name)
    if prop is None or ctx.lexicon.choose((prop,), subject.type, obj.type) is None or subject.key == obj.key:
        return None
    evidence = ctx.doc[ctx.segments[ctx.segment_of[since]][0]:ctx.segments[ctx.segment_of[name.i]][1]]
    return Statement(subject=subject, predicate=prop, object=obj, relation_text=relation_text,
                     article_id=ctx.article_id, sentence=Span(evidence.start_char, evidence.end_char, evidence.text),
                     confidence=confidence)


def _party_before(ctx: Context, end: int) -> Mention | None:
    """"Verdant shadow finance secretary X", "Unity MP X" where the tagger left the
    party out of every name: the capitalised words (at most ``_NAME_TAIL``) ending at token
    ``end``, outside every name, that end with a ``kg:memberWord`` and name a party of the
    document ("Verdant": "the Verdants"; "Unity": "the Unity Party"), as a
    mention of it."""
    doc, ents = ctx.doc, ctx.ents
    start = end
    while start >= 0 and end - start < _NAME_TAIL and ents.by_token[start] < 0 and doc[start].is_alpha \
            and doc[start].text[:1].isupper():
        start -= 1
    words = doc[start + 1:end + 1]
    if not len(words) or ctx.lexicon.member_property(words.text) is None:
        return None
    wanted = _singular(words.text)
    for entity in ents.entities.values():
        if ctx.lexicon.ontology.is_a(entity.type, "Organization") and any(
                _singular(label) in {wanted, wanted + " party"} for label in (entity.label, *entity.aliases)):
            return Mention(Span(words.start_char, words.end_char, words.text), entity.key, entity.type)
    return None


def _singular(name: str) -> str:
    """``name`` in lower case, without "the", each word singular ("the Tories": "tory")."""
    words = name.lower().split()
    words = words[1:] if words[:1] == ["the"] else words
    return " ".join(w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") and len(w) > 3 else w
                    for w in words)


def _last_organisation(ctx: Context, first: int):
    """The last organisation named before token ``first``, in its sentence or the one
    before (cut at line breaks), that the document's first line (its headline or lead)
    names too, or that is the subject of a clause of the title's own sentence; else
    ``None``. An organisation named in passing ("Bookmaker Acme said ... close the book
    on Zentex Idol." Spokesman X said) is not the one a bare title is at."""
    segment = ctx.segment_of[first]
    start, topic = ctx.segments[segment][0], ctx.segments[0]
    about = {ctx.ents.mentions[ctx.ents.by_token[i]].key for i in range(*topic) if _is_organisation(ctx, ctx.doc[i])}
    named = [ctx.doc[i] for i in range(first - 1, ctx.segments[max(segment - 1, 0)][0] - 1, -1)
             if _is_organisation(ctx, ctx.doc[i])]
    if not named and len(about) == 1:
        # no organisation near it: the only one of the headline, where the text last named it
        named = [ctx.doc[i] for i in range(first - 1, -1, -1) if _is_organisation(ctx, ctx.doc[i])]
    return next((token for token in named if ctx.ents.mention_at(token).key in about
                 or (token.i >= start and _is_subject(ctx, token))), None)


def _is_subject(ctx: Context, token) -> bool:
    """Whether the name at ``token`` is the subject of its clause ("The IMF stands ready
    ..., said managing director X"), not a word in passing ("Oscar-winning director X")."""
    return ctx.doc[ctx.ents.mention_at(token).head].dep_ in {"nsubj", "nsubjpass"}


def _title_before(ctx: Context, start: int) -> tuple[int, tuple[str, str]] | None:
    """``(first token, (title text, property))`` of the lexicon title that ends right
    before token ``start`` outside every name, else ``None``."""
    if start == 0 or ctx.ents.by_token[start - 1] >= 0:
        return None
    title = ctx.lexicon.title(ctx.doc[start - 1])
    if title is None or _compound_word(ctx.doc, start - 1):
        return None
    first = start - len(title[0].split())
    if any(ctx.ents.by_token[i] >= 0 for i in range(first, start)):
        return None
    return first, title


def _compound_word(doc, i: int) -> bool:
    """Whether token ``i`` ends a hyphenated compound that starts with a noun: "film-maker"
    is no "maker" (a firm's kind), though "then-Chancellor" is a chancellor."""
    return i > 1 and doc[i - 1].tag_ == "HYPH" and doc[i - 2].tag_ == "NN"


def _is_hyphen(token) -> bool:
    """Whether ``token`` is a hyphen (the tagger sometimes calls it a noun)."""
    return token.tag_ == "HYPH" or token.text == "-"


def _modifiers_start(doc, first: int) -> int:
    """The first of the lower-case nouns and adjectives (at most ``_TITLE_MODIFIERS``) and
    hyphenated prefixes right before token ``first``: "chief financial" before "officer",
    "co-" before "chairman"; ``first`` if none."""
    start, count = first, 0
    while start > 0 and count < _TITLE_MODIFIERS:
        if start > 1 and _is_hyphen(doc[start - 1]) and doc[start - 2].is_lower and doc[start - 2].is_alpha:
            start -= 2
        elif doc[start - 1].is_lower and doc[start - 1].is_alpha and doc[start - 1].tag_ in {"NN", "NNS", "JJ"}:
            start -= 1
        else:
            break
        count += 1
    return start


def _name_before(ctx: Context, end: int):
    """A token of the name that ends at token ``end``, or whose capitalised last words
    (at most ``_NAME_TAIL``) the tagger left out of it ("Free Press Overseas"); else ``None``."""
    ents, doc = ctx.ents, ctx.doc
    for i in range(end, max(end - _NAME_TAIL - 1, -1), -1):
        if ents.by_token[i] >= 0:
            start = ents.mentions[ents.by_token[i]].start
            # "their Zorbian striker X": the possessor is the employer, read from the parse
            return doc[i] if start == 0 or doc[start - 1].tag_ not in {"PRP$", "POS"} else None
        if doc[i].pos_ != "PROPN" or not doc[i].text[:1].isupper() or doc[i].is_sent_start:
            return None
    return None


def _possessed_firms(ctx: Context) -> Iterator[Statement]:
    """"Peru's Acme", "Lima's Acme Bank": a country's or town's possessive before an
    organisation's name says where it is based (the lexicon's ``base in``)."""
    ents, lexicon = ctx.ents, ctx.lexicon
    candidates = lexicon.verb("base", "in")
    for mention in ents.mentions:
        if mention.modifier or not lexicon.ontology.is_a(mention.type, "Organization"):
            continue
        name = ctx.doc[mention.head]
        yield from _held_nationalities(ctx, name)
        for owner in (c for c in name.children if c.dep_ == "poss" and ents.by_token[c.i] >= 0):
            place = ents.mentions[ents.by_token[owner.i]]
            predicate = lexicon.choose(candidates, mention.type, place.type) if not place.modifier else None
            if predicate is not None and lexicon.ontology.base(place.type, ("Country", "City")) is not None:
                statement = ctx.statement(name, predicate, owner, relation_text=f"{owner.text}'s", anchor=name,
                                          confidence=0.7)
                if statement is not None:
                    yield statement


def _held_nationalities(ctx: Context, name) -> Iterator[Statement]:
    """"X, who has dual Peruvian and Chilean nationality", "X holds a Peruvian
    passport": the nationalities of a nationality noun that the person has."""
    verbs = [c for c in name.children if c.dep_ == "relcl"]
    if name.dep_ in {"nsubj", "nsubjpass"}:
        verbs.append(name.head)
    ents, onto = ctx.ents, ctx.lexicon.ontology
    for verb in verbs:
        if verb.lemma_.lower() not in {"have", "hold"}:
            continue
        for noun in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in NATIONALITY_NOUNS):
            for adjective in (c for c in noun.children if c.dep_ == "amod"):
                for word in conjuncts(adjective):
                    country = ents.mentions[ents.by_token[word.i]] if ents.by_token[word.i] >= 0 else None
                    if country is None or not country.modifier or not onto.is_a(country.type, "Country"):
                        continue
                    statement = ctx.statement(name, NATIONALITY, word, relation_text=f"{verb.text} {noun.text}",
                                              anchor=noun, confidence=0.7)
                    if statement is not None:
                        yield statement
