"""Context cues that correct the type the tagger gives a name, and the dateline
place names it misses.

The small spaCy model often calls an unknown person or town an organisation.
The words around a name say better what it is:

- a place: the name is followed by a comma and a known region or country
  ("Zorbton , Nevada", the usual way news places a town);
- a person: the name is followed by an age in commas ("Ada Bell , 47 ,"), stands
  in apposition with a person's title ("Bell , a director of ..."), or is the one
  who was born or died;
- a dateline: an article's line that opens with a town in capitals, a comma and
  a known region or country ("ZORBTON , Nevada ( Wire ) --") names both places,
  whether or not the tagger saw them.
"""

from __future__ import annotations

from .places import Gazetteer

__all__ = ["dateline_places", "is_person", "place_after_comma"]

# Longest gazetteer name looked up after a comma, in tokens ("Bosnia and Herzegovina").
_MAX_PLACE_TOKENS = 4
# A bare number in commas after a name is an age when it is in this range.
_AGES = range(1, 120)
# (lemma, dependency) of the verbs only people are the subject of.
_PERSON_VERBS = frozenset({("bear", "nsubjpass"), ("die", "nsubj")})


def place_after_comma(doc, end: int, gazetteer: Gazetteer) -> int:
    """The end token index of a known region or country that follows a comma at
    token ``end`` ("..., Nevada"), or -1 when there is none."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return -1
    if not doc[end + 1].text[:1].isupper():
        return -1
    for stop in range(min(end + 1 + _MAX_PLACE_TOKENS, len(doc)), end + 1, -1):
        # the place must end the name: "Miss Lee" is no "Miss." (Mississippi)
        if (stop == len(doc) or not doc[stop].text[:1].isupper()) \
                and gazetteer.kind(doc[end + 1:stop].text) is not None:
            return stop
    return -1


def is_person(doc, span, person_titles: frozenset[str]) -> bool:
    """True when the words around name ``span`` say it is a person's: an age in
    commas after it, a person's title in apposition, or a verb of birth or death
    it is the subject of."""
    end = span.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text.isdigit():
        closed = end + 2 == len(doc) or doc[end + 2].text in {",", "."}
        if closed and int(doc[end + 1].text) in _AGES:
            return True
    head = span.root
    if (head.head.lemma_.lower(), head.dep_) in _PERSON_VERBS:
        return True
    neighbours = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        neighbours.append(head.head)
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in person_titles for t in neighbours)


def dateline_places(doc, starts, gazetteer: Gazetteer) -> list[tuple[int, int, int]]:
    """The datelines among the lines beginning at tokens ``starts``: a line that
    opens with words in capitals, a comma and a known region or country. Returns
    ``(town start, town end, place end)`` token indices; the place starts after
    the comma at the town's end."""
    found = []
    for start in starts:
        end = start
        while end < len(doc) and doc[end].is_upper and doc[end].text.replace("-", "").isalpha():
            end += 1
        if end == start or sum(len(t.text) for t in doc[start:end]) < 3:
            continue  # no capitals, or an initial ("A , ...")
        place_end = place_after_comma(doc, end, gazetteer)
        if place_end > 0:
            found.append((start, end, place_end))
    return found
