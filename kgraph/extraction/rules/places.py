"""Places: where a place lies, read from how the text writes two places together
("Lima, Peru"), and a check of the relation model's places against what the
gazetteer knows of which country a place lies in.

:func:`place_statements` runs on every clause; :func:`plausible_places` filters the
relation model's statements once the rules have spoken.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kgraph.types import Statement
from kgraph.extraction.mentions.entities import DocEntities
from kgraph.extraction.mentions.places import load_gazetteer
from kgraph.extraction.rules.facts import Context
from kgraph.extraction.syntax.clauses import Clause

__all__ = ["place_statements", "plausible_places"]

# The properties that put their subject in a place, checked against the gazetteer.
LOCATION = "locatedIn"
BASE = "basedIn"


def place_statements(ctx: Context, clause: Clause) -> Iterator[Statement]:
    """``locatedIn`` statements from one clause: a place in apposition to a place."""
    role = clause.complement
    if clause.source == "apposition" and role is not None and role.pos_ in {"NOUN", "PROPN"}:
        yield from _place_in_place(ctx, clause.subject, role)


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


def plausible_places(paired: Iterable[Statement], stated: Iterable[Statement], ents: DocEntities) -> list[Statement]:
    """``paired`` (the relation model's statements) without those that put a place,
    or an organisation, in a country it cannot lie in. Where a place lies is known
    from the gazetteer ("Lima": Peru's, or of another country with a city so called)
    or, for a place it does not know, from the ``locatedIn`` statements of ``stated``
    (the rules': "Zorbton, Leeds" puts Zorbton in Leeds, in England) and from the
    model's own that put it in a town or region; where an
    organisation is, from the places ``stated`` bases it in. A statement is dropped
    when both ends' countries are known and none is shared ("Leeds locatedIn Peru";
    "Acme basedIn Peru" when the rules base Acme in Lima and in Leeds only)."""
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
    kept = []
    for s in paired:
        where = countries if s.predicate == LOCATION else bases if s.predicate == BASE else None
        if where is not None and s.object is not None:
            inner, outer = where.get(s.subject.key), countries.get(s.object.key)
            if inner and outer and inner.isdisjoint(outer):
                continue
        kept.append(s)
    return kept


def _known_countries(ents: DocEntities) -> dict[str, frozenset[str]]:
    """Entity key → the countries its label or other names may lie in, for the
    places of ``ents`` that the gazetteer knows."""
    gazetteer = load_gazetteer()
    found = {}
    for key, entity in ents.entities.items():
        codes = frozenset().union(*(gazetteer.countries_of(name) for name in (entity.label, *entity.aliases)))
        if codes:
            found[key] = codes
    return found
