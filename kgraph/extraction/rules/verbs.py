"""Verb relations: a verb clause whose subject and object name entities, mapped
to a property through the lexicon's ``kg:verb`` entries.

- the direct object: "Ada visited Zorbia" (``visit``);
- a prepositional object, the preposition being part of the entry: "Ada met
  with Bo" (``meet with``), "Ada was born in Lima" (``bear in``);
- the passive turned active: "Zorbia, led by Ana" → Ana ``lead`` Zorbia;
- a light verb and its noun: "Zorbia imposed sanctions on Xland"
  (``impose sanction on``), the phrase on the noun or on the verb ("Acme filed a
  lawsuit against Zentex", "Zentex, in which Acme holds a stake");
- a share of a whole stands for the whole: "Acme owns 51% of Zentex", "bought a
  majority of Zentex";
- a recipient (``kg:recipientVerb``): "Acme sold Zentex to Borvik", "Zentex was
  sold to Borvik" give Borvik ``acquires`` Zentex;
- reported speech: "Ada said that ..." gives ``says`` with the clause as literal;
- a hyphenated participle: "Acme, a Lima-based firm" (``base in``).

Subjects and objects are split over conjunctions ("in Lima and Quito" gives
two facts). Negation and modality come from the clause. A clause between two
named entities that no entry covers becomes ``relatedTo`` with its relation
words, only when the object is the verb's direct or relation-ending
prepositional object.
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.types import Statement
from kgraph.extraction.syntax.clauses import Clause, antecedent, conjuncts
from kgraph.extraction.rules.facts import Context, qualifiers

__all__ = ["verb_statements"]

# Verbs too empty to relate two entities on their own ("Ada has Bo", "Ada is Bo").
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "take", "give", "say", "include"})
# Endings of nouns for people ("journalist", "player", "spokesman", "guardian").
PERSON_ENDINGS = ("ist", "er", "or", "ian", "man", "woman", "ee")
# Nouns of a part of a whole ("51% of Zentex", "a majority of Zentex", "most of Zentex").
SHARE_WORDS = frozenset({"%", "percent", "cent", "majority", "most", "all", "half", "part", "share", "shares",
                         "stake", "control", "bulk", "rest", "remainder"})


def verb_statements(ctx: Context, clause: Clause) -> Iterator[Statement]:
    """Statements from one verb ``clause``; other clauses yield nothing."""
    verb = clause.verb
    if verb is not None and clause.source == "compound":
        yield from _compound(ctx, clause)
        return
    if verb is None or clause.source != "verb":
        return
    # A relative or participle clause modifies its own noun, not the nouns coordinated
    # with it ("X, who met Y, and Z": Z did not meet Y).
    heads = (clause.subject,) if verb.dep_ in {"relcl", "acl"} else conjuncts(clause.subject)
    subjects = [t for head in heads for t in ctx.coordinated(ctx.named(head)) if ctx.ents.mention_at(t)]
    # "Acme's plan was backed by Zentex": a passive's thing stands for its makers (:func:`_things`).
    things = [] if subjects or not clause.passive else [m for head in heads for m in _makers(ctx, head)]
    if not subjects and not things:
        return  # every statement below has a named subject; most clauses have none
    lexicon = ctx.lexicon
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    relation_preps = frozenset(p.i for p, obj in clause.preps
                               if p is not None and lexicon.verb(lemma, p.lower_) and ctx.ents.mention_at(obj))
    time, place = qualifiers(ctx, verb, skip=relation_preps)
    common = dict(anchor=verb, negated=clause.negated, modality=clause.modality, time=time, place=place)
    base = 0.8 - (0.1 if clause.subject_inherited else 0.0) - (0.05 if clause.modality else 0.0)
    agents = [obj for prep, pobj in clause.preps if prep is not None and prep.lower_ == "by" and clause.passive
              for obj in ctx.names(pobj) if ctx.ents.mention_at(obj)]
    relation = clause.relation_text
    # The relation without the preposition the clause finder appended to it.
    relation_prep = clause.relation_prep
    bare_relation = " ".join(t.text for t in clause.relation[:-1]) if relation_prep is not None else relation
    yield from _recipients(ctx, clause, subjects, lemma, bare_relation, base - 0.05, common)
    if clause.passive and agents:
        # "Zorbia was invaded by Xland": the agent is the actor.
        candidates = lexicon.verb(lemma, particle) or lexicon.verb(lemma)
        stances = [name for name in candidates if name in lexicon.stances]
        for agent in agents:
            for subject in subjects:
                yield from _typed(ctx, agent, candidates, subject, relation, base, common, related=False)
            for maker in things if stances else ():
                yield from _typed(ctx, agent, stances, maker, relation, base - 0.05, common, related=False)
        return
    for subject in subjects:
        subject_type = ctx.ents.mention_at(subject).type
        direct = lexicon.verb(lemma, particle) if particle else lexicon.verb(lemma)
        for obj_head in clause.objects:
            for obj in ctx.names(obj_head):
                yield from _typed(ctx, subject, direct, obj, relation, base, common, related=not clause.passive)
                yield from _light(ctx, subject, lemma, obj, relation, base, common, clause.preps)
                yield from _things(ctx, subject, direct, obj, relation, base - 0.05, common)
                for whole in _wholes(ctx, obj):
                    share = ctx.doc[obj.left_edge.i:obj.i + 1].text
                    yield from _typed(ctx, subject, direct, whole, f"{relation} {share} of", base - 0.05,
                                      common, related=False)
        for prep, pobj in clause.preps:
            if prep is None or (clause.passive and prep.lower_ == "by"):
                continue
            candidates = lexicon.verb(lemma, prep.lower_)
            # Only the attachment whose preposition ends the relation: "In May Ada moved
            # to Lima" has its "in" phrase first, and "moved to" must not become "moved to to".
            ends_relation = relation_prep is not None and prep == relation_prep[0]
            text = relation if ends_relation else f"{bare_relation} {prep.text}"
            for obj in ctx.names(antecedent(pobj)):
                found = _placed(ctx, candidates, obj) if prep.lower_ == "in" else candidates
                yield from _typed(ctx, subject, found, obj, text, base - 0.05, common,
                                  related=ends_relation and not clause.passive)
                yield from _things(ctx, subject, candidates, obj, text, base - 0.1, common)
        yield from _demands(ctx, clause, subject, lemma, relation, base - 0.05, common)
        if clause.clausal is not None and clause.clausal.dep_ == "ccomp":
            says = ctx.lexicon.choose(lexicon.verb(lemma), subject_type, None)
            if says is not None:
                first = clause.clausal.left_edge
                if first.dep_ == "mark":  # "said that ...": the complementiser is not what was said
                    first = first.nbor()
                quote = ctx.doc[first.i:clause.clausal.right_edge.i + 1]
                literal = quoted_text(quote.text) if len(quote) else None
                if literal and ctx.segment_of[quote.start] == ctx.segment_of[verb.i]:
                    s = ctx.statement(subject, says, literal=literal, relation_text=relation,
                                      confidence=base, **common)
                    if s is not None:
                        yield s


# Characters that open or close a quotation, and the edge punctuation of a clause.
_QUOTES = "\"“”"
_EDGE = " ,;:-–—"


def quoted_text(text: str) -> str | None:
    """What was said, from the words of a reported clause: edge punctuation and the
    quotation marks around the whole of it dropped, those inside kept ('the plan was
    "bold"'); ``None`` when its quotation marks do not pair up (the clause starts or
    ends inside a quotation, so it is not what was said) or a single word is left."""
    text = text.strip(_EDGE)
    if text[:1] in _QUOTES and text[-1:] in _QUOTES and sum(text.count(q) for q in _QUOTES) == 2:
        text = text[1:-1].strip(_EDGE)
    elif text[-1:] in _QUOTES and sum(text.count(q) for q in _QUOTES) == 1:
        text = text[:-1].strip(_EDGE)  # '... would continue," she said': the closing mark only
    elif text[:1] in _QUOTES and sum(text.count(q) for q in _QUOTES) == 1:
        text = text[1:].strip(_EDGE)  # 'She said: "We will win.': the opening mark only
    if sum(text.count(q) for q in _QUOTES) % 2:
        return None
    if len(text) >= 2 and text[0] == text[-1] == "'":
        text = text[1:-1].strip(_EDGE)
    # One word is not what anyone said ("said mothers were entitled to leave",
    # misparsed, reports "leave").
    return text if len(text.split()) > 1 else None


def _compound(ctx, clause: Clause) -> Iterator[Statement]:
    """"Acme, a Lima-based firm" (Acme ``base in`` Lima), "a Zorbia-backed
    group" (Zorbia ``back`` the group): the implied preposition of a hyphenated
    participle. The noun stands for the name it is in apposition with."""
    verb, noun, place = clause.verb, clause.subject, clause.preps[0][1]
    if ctx.ents.mention_at(noun) is None and noun.dep_ == "appos" and ctx.ents.mention_at(noun.head):
        noun = noun.head
    lemma, prep = verb.lemma_.lower(), clause.implied_prep
    common = dict(anchor=verb, negated=False, modality=None, time=None, place=None)
    text = f"{verb.text} {prep}"
    if prep == "by":
        yield from _typed(ctx, place, ctx.lexicon.verb(lemma), noun, text, 0.75, common, related=False)
    else:
        yield from _typed(ctx, noun, ctx.lexicon.verb(lemma, prep), place, text, 0.75, common, related=False)


def _placed(ctx, candidates: tuple[str, ...], obj) -> tuple[str, ...]:
    """``candidates`` for an object after "in": a place there says where, so only the
    properties whose range is a place take it ("worked in the Treasury" is
    ``worksFor``, "worked in Zorbia" is not; "was born in Zorbia" is ``bornIn``)."""
    mention = ctx.ents.mention_at(obj)
    onto = ctx.lexicon.ontology
    if mention is None or not onto.is_a(mention.type, "Place"):
        return candidates
    return tuple(name for name in candidates
                 if (where := onto.property(name).range) in onto.classes and onto.is_a(where, "Place"))


def _typed(ctx, subject, candidates, obj, relation, confidence, common, *, related) -> Iterator[Statement]:
    """The statement relating ``subject`` and ``obj`` through the best of
    ``candidates``; ``relatedTo`` when none fits and ``related`` allows it."""
    ents = ctx.ents
    subject_mention, obj_mention = ents.mention_at(subject), ents.mention_at(obj)
    if subject_mention is None or obj_mention is None:
        return
    predicate = ctx.lexicon.choose(candidates, subject_mention.type, obj_mention.type) if candidates else None
    if predicate is None:
        verb = common["anchor"]
        lemma = verb.lemma_.lower()
        if not related or lemma in LIGHT_VERBS or ents.is_pronoun(subject) or ents.is_pronoun(obj):
            return
        if verb.tag_ == "VBG" and subject.i not in {c.i for c in verb.children}:
            return  # a participle's inherited subject is too often a misparse to relate freely
        if ctx.lexicon.choose(ctx.lexicon.verb(lemma), subject_mention.type, None):
            return  # a verb of saying: its object is what was said, not a partner
        if subject_mention.modifier or obj_mention.modifier:
            return
        predicate, confidence = "relatedTo", confidence - 0.35
    s = ctx.statement(subject, predicate, obj, relation_text=relation, confidence=confidence, **common)
    if s is not None:
        yield s


def _light(ctx, subject, lemma, noun, relation, confidence, common, verb_preps) -> Iterator[Statement]:
    """"imposed sanctions on Xland": a light verb's object noun and its preposition, on
    the noun or on the verb (``verb_preps``, the clause's): "filed a lawsuit against
    Xland", "Xland, in which Zorbia holds a stake" (the relative pronoun's antecedent)."""
    phrases = [(prep, pobj) for prep in noun.children if prep.dep_ == "prep"
               for pobj in prep.children if pobj.dep_ == "pobj"]
    phrases.extend((prep, pobj) for prep, pobj in verb_preps if prep is not None)
    for prep, pobj in phrases:
        table = ctx.lexicon.verb_objects.get((lemma, prep.lower_))
        if not table:
            continue
        candidates = table.get(noun.lemma_.lower()) or table.get(noun.lower_)
        if not candidates:
            continue
        for obj in conjuncts(antecedent(pobj)):
            yield from _typed(ctx, subject, candidates, obj, f"{relation} {noun.text} {prep.text}",
                              confidence, common, related=False)


def _things(ctx, subject, candidates, thing, relation, confidence, common) -> Iterator[Statement]:
    """"Ada backs Zentex DVD technology", "Ada rejected Bo's plan": a thing that names
    nothing, as the object of a stance (``Lexicon.stances``: supports, opposes), stands
    for whose it is (:func:`_makers`)."""
    stances = [name for name in candidates if name in ctx.lexicon.stances]
    if stances:
        for maker in _makers(ctx, thing):
            yield from _typed(ctx, subject, stances, maker, relation, confidence, common, related=False)


def _makers(ctx, thing) -> list:
    """Whose ``thing`` is, a noun that names nothing: the organisations named in its
    compound modifiers ("Zentex DVD technology": Zentex, through "DVD"; "the Zentex and
    Borvik format": Zentex) and the agent that possesses it ("Ada's proposal", "their
    plan"). A noun for a person ("an Acme journalist", "Ada's lawyer") stands for no one
    else: Acme is the employer, Ada the client."""
    if (ctx.ents.mention_at(thing) is not None or thing.pos_ != "NOUN" or ctx.lexicon.title(thing)
            or thing.lower_.endswith(PERSON_ENDINGS)):
        return []
    found = []
    is_a = ctx.lexicon.ontology.is_a
    for child in thing.children:
        if child.dep_ not in ("compound", "nmod", "poss") or child.i > thing.i:
            continue
        mention = ctx.ents.mention_at(child)
        if mention is None:
            found.extend(_makers(ctx, child) if child.dep_ != "poss" else ())
        elif not mention.modifier and is_a(mention.type, "Agent" if child.dep_ == "poss" else "Organization"):
            found.extend(name for name in conjuncts(child) if ctx.ents.mention_at(name))
    return found


def _demands(ctx, clause: Clause, subject, lemma, relation, confidence, common) -> Iterator[Statement]:
    """"Ada urged Bo to resign" (``Lexicon.demands``, ``kg:verb`` "urge to resign"):
    who demands the act against who is to do it, the object of the verb."""
    act = clause.clausal
    if act is None or act.dep_ != "xcomp" or (lemma, None) not in ctx.lexicon.demands:
        return
    candidates = ctx.lexicon.demands[(lemma, None)].get(act.lemma_.lower())
    for obj in (name for head in clause.objects for name in ctx.names(head)) if candidates else ():
        yield from _typed(ctx, subject, candidates, obj, f"{relation} to {act.text}", confidence, common,
                          related=False)


def _wholes(ctx, share) -> list:
    """The named wholes that the object ``share`` is a part of ("51% of Zentex", "a
    majority of Zentex and Borvik"); empty unless ``share`` is a share word or a number."""
    if ctx.ents.mention_at(share) is not None or not (share.lower_ in SHARE_WORDS or share.like_num):
        return []
    return [whole for prep in share.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children if pobj.dep_ == "pobj" for whole in conjuncts(pobj)
            if ctx.ents.mention_at(whole)]


def _recipients(ctx, clause: Clause, subjects, lemma, relation, confidence, common) -> Iterator[Statement]:
    """"Acme sold Zentex to Borvik", "Zentex was sold to Borvik": the object of a
    ``kg:recipientVerb``'s preposition is the subject of its property, and what changed
    hands (the direct object, or the subject of a passive) its object."""
    things = subjects if clause.passive else [t for head in clause.objects for t in ctx.names(head)]
    for prep, pobj in clause.preps:
        candidates = ctx.lexicon.recipient_verbs.get((lemma, prep.lower_)) if prep is not None else None
        if not candidates:
            continue
        for recipient in ctx.names(pobj):
            for thing in things:
                for whole in _wholes(ctx, thing) or [thing]:
                    yield from _typed(ctx, recipient, candidates, whole, f"{relation} {prep.text}", confidence,
                                      common, related=False)
