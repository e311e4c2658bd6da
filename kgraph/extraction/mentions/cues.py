"""Context cues that correct the type the tagger gives a name, and the dateline
place names it misses.

The small spaCy model often calls an unknown person or town an organisation.
The words around a name say better what it is:

- a place: the name is followed by a comma and a known region or country
  ("Zorbton , Nevada", the usual way news places a town);
- a person: the name is followed by an age in commas ("Ada Bell , 47 ,"), stands
  in apposition with a person's title ("Bell , a director of ..."), or is the one
  who was born or died;
- a dateline: an article's line that opens with a town, a region or country and
  an agency ("ZORBTON , Nevada ( Wirecast ) --") names a city, a place and an
  organisation, whether or not the tagger saw them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from kgraph.extraction.mentions.places import Gazetteer

__all__ = ["Dateline", "dateline_at", "is_person", "place_after_comma"]

# Longest gazetteer name looked up after a comma, in tokens ("Bosnia and Herzegovina").
_MAX_PLACE_TOKENS = 4
# What may follow the place that ends "town , place".
_CLOSING = frozenset({",", ".", ";", ":", "(", ")", "-", "--", "—", "–"})
# A bare number in commas after a name is an age when it is in this range.
_AGES = range(1, 120)
# Words of a dateline's town ("SALT LAKE CITY").
_MAX_TOWN_TOKENS = 3
# Tokens of a date between a dateline's place and its agency ("May 2 ,").
_MAX_DATE_TOKENS = 4
# What follows a dateline's agency: a dash, then the story.
_DASHES = frozenset({"-", "--", "—", "–"})
# Month names and abbreviations in a dateline's date ("March 22", "Sept. 3").
_MONTHS = frozenset(name.lower() for name in (*calendar.month_name, *calendar.month_abbr, "sept") if name)
# (lemma, dependency) of the verbs only people are the subject of: born, died, and
# the visit that news reports of a person ("Bell visited Zorbia"), not of a firm.
_PERSON_VERBS = frozenset({("bear", "nsubjpass"), ("die", "nsubj"), ("visit", "nsubj")})


def place_after_comma(doc, end: int, gazetteer: Gazetteer) -> int:
    """The end token index of a known region or country that follows a comma at
    token ``end`` and closes the phrase ("Zorbton , Nevada , was ..."), or -1 when
    there is none. A place that goes on ("..., Nevada 's governor", "..., Nevada
    economist", "..., Nevada urged") or starts a list ("..., Peru , Chile") does
    not count."""
    if end + 1 >= len(doc) or doc[end].text != "," or not doc[end + 1].text[:1].isupper():
        return -1
    stop = _known_place_at(doc, end + 1, gazetteer)
    if stop < 0 or stop == len(doc) or "\n" in doc[stop].text:
        return stop
    if doc[stop].text not in _CLOSING or (doc[stop].text == "," and _known_place_at(doc, stop + 1, gazetteer) > 0):
        return -1
    return stop


def _known_place_at(doc, start: int, gazetteer: Gazetteer) -> int:
    """The end of the longest known country, region or city name starting at token
    ``start`` ("Zorbton , Nevada", "Quarrwick , Zorbton"), or -1."""
    for stop in range(min(start + _MAX_PLACE_TOKENS, len(doc)), start, -1):
        if gazetteer.place(doc[start:stop].text) is not None:
            return stop
    return -1


def is_person(doc, span, person_titles: frozenset[str]) -> bool:
    """True when the words around name ``span`` say it is a person's: an age in
    commas after it, a person's title in apposition, or a verb of birth, death or
    visit it is the subject of."""
    end = span.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text.isdigit():
        closed = end + 2 == len(doc) or doc[end + 2].text in {",", "."}
        if closed and int(doc[end + 1].text) in _AGES:
            return True
    head = span.root
    if (head.head.lemma_.lower(), head.dep_) in _PERSON_VERBS:
        return True
    # "Bell , a director of ...": a singular title describing the name. (Not the
    # name in apposition to a title, "its adviser , Quarr Capital": firms advise too.)
    return any(c.dep_ == "appos" and c.tag_ == "NN" and c.lemma_.lower() in person_titles for c in head.children)


@dataclass(frozen=True)
class Dateline:
    """The token ranges (start, end) of a dateline's town, its region or country
    (``None`` if not given) and the agency credited (``None`` if not given)."""

    town: tuple[int, int]
    place: tuple[int, int] | None
    agency: tuple[int, int] | None


def dateline_at(doc, start: int, gazetteer: Gazetteer) -> Dateline | None:
    """The dateline opening at token ``start``, or ``None``: a town, then a comma
    and a known region or country, or a date and an agency in brackets and a dash
    ("ZORBTON , Nevada", "Zorbton , Nevada , May 2 ( Wirecast ) --",
    "ZORBTON ( Wirecast )"), or a town in capitals and a dash, maybe after a date
    ("ZORBTON , March 22 -", "ZORBTON --"). A town in Title Case needs the agency
    and a place or a date: without them the words are a sentence's start or a name
    with a note in brackets ("Ada Bell ( Zorbia )"). An agency is no known place."""
    end = start
    while end < len(doc) and end - start < _MAX_TOWN_TOKENS and doc[end].text[:1].isupper() \
            and doc[end].text.replace("-", "").isalpha():
        end += 1
    if end == start or sum(len(t.text) for t in doc[start:end]) < 3:
        return None  # no name, or an initial ("A , ...")
    place_end = place_after_comma(doc, end, gazetteer)
    place = (end + 1, place_end) if place_end > 0 else None
    after_place = place_end if place else end
    agency = _agency(doc, after_place, gazetteer)
    capitals = all(t.is_upper for t in doc[start:end])
    if agency is None and not (capitals and (place or _dash_after_date(doc, after_place))):
        return None
    dated = agency is not None and agency[0] > after_place + 1  # words between the place and "("
    if not capitals and not (place or dated):
        return None
    return Dateline((start, end), place, agency)


def _dash_after_date(doc, i: int) -> bool:
    """True when a dash follows token ``i``, after an optional comma and date ("-", ", March 22 -")."""
    skipped = 0
    while i < len(doc) and skipped < _MAX_DATE_TOKENS and (
            doc[i].text == "," or doc[i].like_num or doc[i].ent_type_ == "DATE"
            or doc[i].lower_.rstrip(".") in _MONTHS):
        i, skipped = i + 1, skipped + 1
    return i < len(doc) and doc[i].text in _DASHES


def _agency(doc, i: int, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """The token range of the name in brackets after an optional date from token
    ``i`` on, when a dash or the end of the line follows it ("May 2 ( Wirecast ) --")
    and it is no known place."""
    skipped = 0
    while i < len(doc) and doc[i].text != "(" and skipped < _MAX_DATE_TOKENS:
        if not (doc[i].text == "," or doc[i].like_num or doc[i].ent_type_ == "DATE"):
            return None
        i, skipped = i + 1, skipped + 1
    if i >= len(doc) or doc[i].text != "(":
        return None
    close = next((j for j in range(i + 1, min(i + 2 + _MAX_PLACE_TOKENS, len(doc))) if doc[j].text == ")"), None)
    if close is None or close == i + 1 or not doc[i + 1].text[:1].isupper() \
            or gazetteer.kind(doc[i + 1:close].text) is not None:
        return None
    after = doc[close + 1] if close + 1 < len(doc) else None
    if after is not None and after.text not in _DASHES and "\n" not in after.text:
        return None
    return i + 1, close
