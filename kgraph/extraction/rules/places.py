"""Places: where a place lies, read from how the text writes two places together,
and a check of the relation model's places against what the gazetteer knows of
which country a place lies in.

:func:`place_statements` reads, over the clauses and mentions of a document:

- a place in apposition to a place ("Lima, Peru"), or after it and a comma that
  closes the phrase ("from Zorbton, Leeds;");
- a place "in" a place ("Zorbton in north Leeds", "the Zorbton seat in Kent",
  "offices in Zorbton in Leeds");
- the places a place noun lists ("eight Peruvian cities - Lima, Cusco ...", "the
  Peruvian city of Cusco", "in Peru, in the cities of Lima and Cusco", "Lima's
  region of Quarr": Lima lies in Quarr);
- an organisation ranked among a place's ("Zentex, Peru's biggest brewer"), or its
  headquarters in a town ("Zentex headquarters in Lima"): based there.

Every place so stated must be able to lie in the other (the gazetteer's countries
of both, where known, share one). :func:`plausible_places` filters the relation
model's statements once the rules have spoken.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from kgraph.types import Statement
from kgraph.extraction.mentions.cues import place_after_comma
from kgraph.extraction.mentions.entities import PLACE_WORDS, DocEntities, RawMention
from kgraph.extraction.mentions.places import load_gazetteer
from kgraph.extraction.rules.facts import Context
from kgraph.extraction.syntax.clauses import Clause, conjuncts

__all__ = ["place_statements", "plausible_places"]

# The properties that put their subject in a place, checked against the gazetteer.
LOCATION = "locatedIn"
NATIONALITY = "citizenOf"
BASE = "basedIn"
# How a place before a place noun says where the places it lists are ("Peruvian cities").
_CONTAINER_DEPS = frozenset({"amod", "compound", "nmod"})


def place_statements(ctx: Context, found_clauses: Sequence[Clause]) -> Iterator[Statement]:
    """``locatedIn`` statements of ``ctx.doc``: appositions of its clauses
    ``found_clauses``, and the other writings of the module docstring."""
    for clause in found_clauses:
        role = clause.complement
        if clause.source == "apposition" and role is not None and role.pos_ in {"NOUN", "PROPN"}:
            yield from _located(ctx, clause.subject, role, ",", 0.75)
    onto = ctx.lexicon.ontology
    for mention in ctx.ents.mentions:
        if not mention.modifier:
            yield from _place_before_comma(ctx, mention)
            yield from _place_in(ctx, ctx.doc[mention.head])
            if onto.is_a(mention.type, "Organization"):
                yield from _ranked_in(ctx, ctx.doc[mention.head])
                yield from _seat_in(ctx, mention)
    for noun in _place_nouns(ctx.doc):
        yield from _listed_places(ctx, noun)


def _place_nouns(doc) -> list:
    """The common nouns of ``doc`` whose lemma is a place noun, found in one array of
    lemmas (a Token for every word of the document costs more than the rest)."""
    from spacy.attrs import LEMMA

    strings = doc.vocab.strings
    wanted = [strings[form] for word in PLACE_WORDS for form in (word, word.capitalize(), word.upper())]
    lemmas = doc.to_array([LEMMA])
    found = [doc[i] for i in np.flatnonzero(np.isin(lemmas, wanted)).tolist()]
    return [noun for noun in found if noun.pos_ == "NOUN"]


def _located(ctx: Context, first, second, relation_text: str, confidence: float) -> Iterator[Statement]:
    """``first`` lies in ``second`` when both are places, ``first`` no country, no
    nationality word and no known region in a town, and the gazetteer lets it (read
    as "is in", so the lexicon's ``be in`` entry names the property)."""
    inner, outer = ctx.ents.mention_at(first), ctx.ents.mention_at(second)
    if inner is None or outer is None or inner.modifier or inner.key == outer.key:
        return
    onto = ctx.lexicon.ontology
    if not onto.is_a(inner.type, "Place") or not onto.is_a(outer.type, "Place") or onto.is_a(inner.type, "Country"):
        return  # a country lies in no other place written this way ("Peru, Chile" is a list)
    if _apart(ctx.ents, inner, outer) or (onto.is_a(outer.type, "City") and load_gazetteer().kind(inner.text)):
        return  # not in the same country, or a known region "in" a town ("Wales in Cardiff")
    predicate = ctx.lexicon.choose(ctx.lexicon.verb("be", "in"), inner.type, outer.type)
    if predicate is not None:
        statement = ctx.statement(first, predicate, second, relation_text=relation_text, anchor=second,
                                  confidence=confidence)
        if statement is not None:
            yield statement


def _place_before_comma(ctx: Context, mention: RawMention) -> Iterator[Statement]:
    """"from Zorbton, Leeds;": a place, a comma and a known place that closes the
    phrase (no list: :func:`~kgraph.extraction.mentions.cues.place_after_comma`),
    when the first is no bigger town than the second."""
    doc = ctx.doc
    end = place_after_comma(doc, mention.end, load_gazetteer())
    if end < 0 or not _smaller(mention.text, doc[mention.end + 1:end].text):
        return
    yield from _located(ctx, doc[mention.head], doc[end - 1], ",", 0.75)


def _place_in(ctx: Context, head) -> Iterator[Statement]:
    """"Zorbton in north Leeds", "moved to Zorbton in Kent", "the Zorbton seat in
    Kent": a town or a known region with a place "in" right after it, or after the
    noun it names ("seat"), wherever the parse hangs the "in". (Other places are
    often events the tagger took for places: "the Zorbia Cup in Leeds".)"""
    mention = ctx.ents.mention_at(head)
    if mention.type != "City" and not load_gazetteer().countries_of(mention.text):
        return
    ends = [mention.end]
    if head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i == mention.end:
        ends.append(mention.end + 1)  # "the Zorbton seat in Kent"
    for end in ends:
        prep = ctx.doc[end] if end < len(ctx.doc) else None
        if prep is not None and prep.lower_ == "in" and prep.dep_ == "prep":
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                yield from _located(ctx, head, obj, "in", 0.7)


def _seat_in(ctx: Context, mention: RawMention) -> Iterator[Statement]:
    """"Zentex headquarters in Lima": an organisation's name before a noun of the
    lexicon's ``basedIn`` ("headquarters in") with a town "in" after it is based there.
    (Not "Zentex in Lima": on 400 BBC articles that was as often an event or a branch.)"""
    lexicon = ctx.lexicon
    name = ctx.doc[mention.head]
    if name.dep_ != "compound" or BASE not in lexicon.noun(name.head, "in"):
        return
    preps = [c for c in name.head.children if c.dep_ == "prep" and c.lower_ == "in"]
    for prep in preps:
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            place = ctx.ents.mention_at(obj)
            if place is None or place.modifier or not lexicon.ontology.is_a(place.type, "City"):
                continue
            predicate = lexicon.choose((BASE,), mention.type, place.type)
            statement = ctx.statement(name, predicate, obj, relation_text="in", anchor=obj,
                                      confidence=0.7) if predicate is not None else None
            if statement is not None:
                yield statement


def _ranked_in(ctx: Context, name) -> Iterator[Statement]:
    """"Zentex, Peru's second-largest brewer", "Zentex, the country's biggest
    bank": an organisation ranked among a place's is based there (the lexicon's
    ``base in``)."""
    for noun in (c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
        if not any(c.dep_ == "amod" and c.tag_ == "JJS" for c in noun.children):
            continue
        for owner in (c for c in noun.children if c.dep_ == "poss"):
            place, firm = ctx.ents.mention_at(owner), ctx.ents.mention_at(name)
            if place is None or ctx.lexicon.ontology.base(place.type, ("Country", "City")) is None:
                continue
            predicate = ctx.lexicon.choose(ctx.lexicon.verb("base", "in"), firm.type, place.type)
            statement = ctx.statement(name, predicate, owner, relation_text=f"{owner.text}'s {noun.text}",
                                      anchor=noun, confidence=0.7) if predicate is not None else None
            if statement is not None:
                yield statement


def _listed_places(ctx: Context, noun) -> Iterator[Statement]:
    """The places a place noun lists (in apposition or after "of") lie where its
    modifier ("Peruvian cities", "the Kent town of"), its possessor's place ("Lima's
    region of Quarr": Lima lies in Quarr) or the place of an "in" phrase just
    before it ("in Peru, in the cities of ...") says."""
    listed = [name for c in noun.children if c.dep_ == "appos" for name in conjuncts(c)]
    listed += [name for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
               for obj in prep.children if obj.dep_ == "pobj" for name in conjuncts(obj)]
    if not listed:
        return
    containers = [c for c in noun.children if c.dep_ in _CONTAINER_DEPS and c.i < noun.i]
    containers += _place_before(ctx, noun)
    for container in containers:
        for name in listed:
            yield from _located(ctx, name, container, noun.text, 0.7)
    for owner in (c for c in noun.children if c.dep_ == "poss"):
        for name in listed:
            yield from _located(ctx, owner, name, f"{noun.text} of", 0.7)


def _place_before(ctx: Context, noun) -> list:
    """For a noun in an "in" phrase after a comma, the place of the "in" phrase
    right before ("in Peru, in the cities of ..."): a list of one token, or none."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.i < 2 or ctx.doc[prep.i - 1].text != ",":
        return []
    before = ctx.doc[prep.i - 2]
    mention = ctx.ents.mention_at(before)
    if mention is None or ctx.ents.is_pronoun(before) or before.dep_ != "pobj" or before.head.lower_ != "in":
        return []
    return [before]


def _apart(ents: DocEntities, inner: RawMention, outer: RawMention) -> bool:
    """True when the gazetteer puts the places ``inner`` and ``outer`` in different countries."""
    countries = _known_countries(ents, (inner.key, outer.key))
    return len(countries) == 2 and countries[inner.key].isdisjoint(countries[outer.key])


def _smaller(first: str, second: str) -> bool:
    """False when the city called ``first`` is at least as big as the one called
    ``second`` ("Lima, Leeds" is a list); True when either is no known city."""
    gazetteer = load_gazetteer()
    one, other = gazetteer.city(first), gazetteer.city(second)
    return one is None or other is None or one.population < other.population


def plausible_places(paired: Iterable[Statement], stated: Iterable[Statement], ents: DocEntities) -> list[Statement]:
    """``paired`` (the relation model's statements) without those that put a place,
    or an organisation, in a country it cannot lie in. Where a place lies is known
    from the gazetteer ("Lima": Peru's, or of another country with a city so called)
    or, for a place it does not know, from the ``locatedIn`` statements of ``stated``
    (the rules': "Zorbton, Leeds" puts Zorbton in Leeds, in England) and from the
    model's own that put it in a town or region; where an
    organisation is, from the places ``stated`` bases it in. A statement is dropped
    when both ends' countries are known and none is shared ("Leeds locatedIn Peru";
    "Acme basedIn Peru" when the rules base Acme in Lima and in Leeds only). A
    nationality is dropped when ``stated`` puts a place in the country where it is
    written ("Ada Bell, of Lima, Peru": Lima locatedIn Peru): there the country says
    where the place is, not whose citizen the person is."""
    stated, paired = list(stated), list(paired)
    countries = _known_countries(ents)
    # the model's own "in a town or region" beats its "in a country" ("Zorbton, Leeds; ... New Zealand")
    containers = [*stated, *(s for s in paired if s.object is not None and s.object.type != "Country")]
    for s in containers:
        if s.predicate == LOCATION and s.object is not None and not countries.get(s.subject.key):
            countries[s.subject.key] = countries.get(s.object.key, frozenset())
    bases: dict[str, frozenset[str]] = {}
    for s in stated:
        if s.predicate == BASE and s.object is not None:
            bases[s.subject.key] = bases.get(s.subject.key, frozenset()) | countries.get(s.object.key, frozenset())
    # where the text names a place's country ("Lima, Peru"), the country says where the place is
    containing = {(s.object.span.start, s.object.key) for s in stated if s.predicate == LOCATION and s.object is not None}
    kept = []
    for s in paired:
        if s.predicate == NATIONALITY and (s.object.span.start, s.object.key) in containing:
            continue
        where = countries if s.predicate == LOCATION else bases if s.predicate == BASE else None
        if where is not None and s.object is not None:
            inner, outer = where.get(s.subject.key), countries.get(s.object.key)
            if inner and outer and inner.isdisjoint(outer):
                continue
        kept.append(s)
    return kept


def _known_countries(ents: DocEntities, keys: Iterable[str] | None = None) -> dict[str, frozenset[str]]:
    """Entity key → the countries its label or other names may lie in, for the
    places of ``ents`` (those of ``keys``, by default all) that the gazetteer knows."""
    gazetteer = load_gazetteer()
    found = {}
    for key in ents.entities if keys is None else keys:
        entity = ents.entities[key]
        codes = frozenset().union(*(gazetteer.countries_of(name) for name in (entity.label, *entity.aliases)))
        if codes:
            found[key] = codes
    return found
