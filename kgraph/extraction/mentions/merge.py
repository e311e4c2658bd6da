"""Merging the mentions of one document into its canonical entities: a person's
short names join the full name, names compare diacritic-insensitively, and names
the tagger mistyped are retyped by what the rest of the document says.

:func:`merge_mentions` is called by :func:`kgraph.extraction.mentions.entities.doc_entities`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from kgraph.text import fold as _unicode_fold
from kgraph.text import slug
from kgraph.types import Entity

if TYPE_CHECKING:
    from kgraph.extraction.mentions.entities import RawMention

__all__ = ["fold", "merge_mentions"]


def fold(text: str) -> str:
    """``text`` without diacritics (:func:`kgraph.text.fold`); ASCII text, nearly
    every name, has none, and skips a Unicode normalisation."""
    return text if text.isascii() else _unicode_fold(text)


def merge_mentions(raw: list[RawMention], *, article: bool = True) -> tuple[list[RawMention], dict[str, Entity]]:
    """Group mentions that name one entity; returns the mentions with keys and the entities.

    A person's shorter name ("Lovelace", "Ada") joins the longer name that contains
    it ("Ada Lovelace"); when several longer names fit, the nearest one before it
    wins; a surname the tagger called an organisation or a place joins too. Other
    mentions join by folded name. Names compare diacritic-insensitively.
    ``article`` says the mentions are an article's, long enough to introduce
    its people by full name (see :func:`_retype_lone_names`); a sentence or two on
    their own introduce no one, and the tagger's word is kept.
    """
    tagged = _retype_by_cues(raw)
    raw = _retype_people(tagged)
    if article:
        raw = _retype_lone_names(raw, tagged)
    groups: list[list[int]] = []  # mention indexes per entity
    group_names: list[tuple[str, ...]] = []
    group_of: list[int] = [-1] * len(raw)
    by_name: dict[tuple[str, tuple[str, ...]], int] = {}
    people_with: dict[str, list[int]] = {}  # word -> person groups whose name has it, in order
    # Longer person names first, so short forms find the full name wherever it is.
    order = sorted(range(len(raw)), key=lambda i: (raw[i].type != "Person", -len(raw[i].name), raw[i].start))
    for i in order:
        m = raw[i]
        family = "Person" if m.type == "Person" else "other"
        group = by_name.get((family, m.name))
        if group is None and m.type == "Person" and m.name:
            group = _person_group(m, people_with.get(m.name[0], ()), raw, groups, group_names)
        if group is None:
            group = len(groups)
            groups.append([])
            group_names.append(m.name)
            by_name[(family, m.name)] = group
            if m.type == "Person":
                for word in dict.fromkeys(m.name):
                    people_with.setdefault(word, []).append(group)
        groups[group].append(i)
        group_of[i] = group
    entities: dict[str, Entity] = {}
    keys: list[str] = []
    for members in groups:
        entity = _entity([raw[i] for i in sorted(members)])
        key = entity.key
        if key in entities and entities[key].type != entity.type:
            key = f"{key}-{slug(entity.type)}"
            entity = replace(entity, key=key)
        if key in entities:  # same name, same type: one entity
            old = entities[key]
            entity = replace(old, aliases=tuple(sorted(set(old.aliases) | set(entity.aliases))))
        entities[key] = entity
        keys.append(key)
    mentions = [replace(m, key=keys[group_of[i]], type=entities[keys[group_of[i]]].type) for i, m in enumerate(raw)]
    return mentions, dict(sorted(entities.items()))


# Types the tagger often gives a surname seen elsewhere as a person's ("Lovelace said").
_MISTAKABLE_FOR_PEOPLE = frozenset({"Organization", "City", "Group"})


def _retype_people(raw: list[RawMention]) -> list[RawMention]:
    """``raw`` with the mentions typed Organization, City or Group (by the tagger,
    not by the words around them) that spell a person's full name, or the surname of exactly one person of the document,
    retyped as Person; so is a two- or three-word name typed so (or Place) whose
    last word names a person on its own elsewhere ("Ada Lovelace" called a place,
    then "Lovelace said")."""
    full = {m.name for m in raw if m.type == "Person"}
    surnames: dict[tuple[str, ...], set] = {}
    for name in full:
        if len(name) > 1:
            surnames.setdefault(name[-1:], set()).add(name)
    known = {name[0] for name in full if len(name) == 1}  # people called by surname alone
    return [
        replace(m, type="Person")
        if not m.modifier and not m.cue and (
            (m.type in _MISTAKABLE_FOR_PEOPLE and (m.name in full or len(surnames.get(m.name, ())) == 1))
            or (m.type in _MISTAKABLE_FOR_PEOPLE | {"Place"} and len(m.name) in (2, 3) and m.name[-1] in known
                and m.name not in full and m.surface.istitle()))
        else m
        for m in raw
    ]


def _retype_by_cues(raw: list[RawMention]) -> list[RawMention]:
    """``raw`` with every mention of a name retyped as the words around its other
    mentions say, when they agree ("the firm Zorbco" once, "Zorbco said" tagged a
    person's elsewhere: the firm's)."""
    cues: dict[tuple[str, ...], set[str]] = {}
    for m in raw:
        if m.cue and not m.modifier:
            cues.setdefault(m.name, set()).add(m.cue)
    agreed = {name: found.pop() for name, found in cues.items() if len(found) == 1}
    if not agreed:
        return raw
    return [replace(m, type=agreed[m.name]) if m.name in agreed and not m.modifier and m.type != agreed[m.name]
            else m for m in raw]


def _retype_lone_names(raw: list[RawMention], tagged: list[RawMention]) -> list[RawMention]:
    """``raw`` with the people named by one word alone retyped: news introduces a
    person by full name or title ("Ada Bell", "Mr Bell"), so a name typed a person's
    that is only ever one word, part of no longer person's name, with no title or
    other person cue at any of its mentions ("Zorbco said"), is a firm's, a club's
    or a body's, or the place another mention of it names ("Zorbton"), by the
    types in ``tagged`` (the mentions before people were retyped)."""
    people = [m for m in raw if m.type == "Person"]
    if not people:
        return raw
    known = {word for m in people if len(m.name) > 1 or m.cue == "Person" for word in m.name}
    lone = {m.name for m in people if len(m.name) == 1} - {(word,) for word in known}
    if not lone:
        return raw
    other = {m.name: m.type for m in tagged if m.type != "Person" and m.name in lone and not m.modifier}
    return [replace(m, type=other.get(m.name, "Organization")) if m.type == "Person" and m.name in lone else m
            for m in raw]


def _person_group(m: RawMention, candidates, raw, groups, group_names) -> int | None:
    """Among the person groups ``candidates`` (in creation order), the group of a
    longer name containing all of ``m``'s words, the one with a mention nearest
    before ``m`` when several do; ``None`` when none does."""
    best, best_distance = None, None
    words = set(m.name)
    for group in candidates:
        name = group_names[group]
        if len(name) <= len(m.name) or not words <= set(name):
            continue
        if len(m.name) == 1 and m.name[0] not in (name[0], name[-1]):
            continue  # a single word must be a first name or surname, not a middle name
        distance = min((abs(m.start - raw[j].start) + (0 if raw[j].start < m.start else len(raw))
                        for j in groups[group]))
        if best_distance is None or distance < best_distance:
            best, best_distance = group, distance
    return best


def _entity(members: list[RawMention]) -> Entity:
    """The entity of a group of mentions: the longest name as label (the most
    frequent, then the one with diacritics, on ties), the other forms as aliases,
    a nationality adjective among them (the article writes the country so: "the
    Zorbian minister")."""
    if len(members) == 1:  # the usual case, without the counting
        m = members[0]
        aliases = (m.surface,) if m.surface != m.text else ()
        return Entity(key=slug(m.text), label=m.text, type=m.type, aliases=aliases)
    counts = Counter(m.text for m in members)
    types = Counter(m.type for m in members)
    best_type = max(types, key=lambda t: (types[t], -min(m.start for m in members if m.type == t)))
    label = max(counts, key=lambda text: (len(text.split()), counts[text], text != fold(text), text))
    aliases = tuple(sorted(({m.text for m in members} | {m.surface for m in members}) - {label}))
    return Entity(key=slug(label), label=label, type=best_type, aliases=aliases)
