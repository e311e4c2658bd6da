"""Entity mentions of a parsed document, cleaned, typed by the ontology and
merged into the document's canonical entities.

:func:`doc_entities` is the one entry point; it returns a :class:`DocEntities`
index that the relation rules query by token (``mention_at``), so no rule ever
scans the document for mentions.

Cleaning: no leading determiner or title ("the", "President"), nothing from a
possessive on ("Ada's" → "Ada"), no trailing punctuation; in a headline line
(Title Case, where the tagger often glues words into one name) only the parts
that match an entity named in the body are kept. Typing: PERSON → Person, ORG →
Organization, GPE → Country / Place / City through the gazetteer, LOC/FAC →
Place, NORP → Group, EVENT → Event, PRODUCT/WORK_OF_ART/LAW → Work; a nationality
adjective ("Zorbian") is a mention of its country; dates are kept as literals.
The words around a name overrule the tagger's label, and a dateline's places are
found even when the tagger misses them (see :mod:`.cues`).
Merging the mentions into entities is :mod:`.merge`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from kgraph.types import Entity, Mention, Span
from kgraph.extraction.mentions.cues import dateline_at, is_person, place_after_comma
from kgraph.extraction.mentions.merge import fold, merge_mentions
from kgraph.extraction.mentions.names import kin_words, legal_base, person_title_words
from kgraph.extraction.mentions.places import Gazetteer, geonames_iri, load_gazetteer

__all__ = ["REGION_WORDS", "TOWN_NOUNS", "RawMention", "DocEntities", "doc_entities", "is_headline", "lexicon_entities"]

_SIMPLE_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "FAC": "Place",
    "EVENT": "Event",
    "PRODUCT": "Work",
    "WORK_OF_ART": "Work",
    "LAW": "Work",
}
_DATE_LABELS = frozenset({"DATE", "TIME"})
# Words that may open a name span but are not part of the name ("<" of newswire markup, "<Acme Corp>").
# Honorifics that open a person's name ("Mr", "Mrs"), whatever the tagger's label.
_HONORIFICS = frozenset({"mr", "mrs", "ms"})
_LEADING_NOISE = frozenset({"the", "a", "an", "then", "former", "late", "mr", "mrs", "ms", "dr", "sir", "-", "<"})
# The gazetteer's kind of place for each ontology class of places.
_PLACE_KINDS = {"Country": "country", "Place": "region", "City": "city"}
_ONTOLOGY_CLASS = {kind: name for name, kind in _PLACE_KINDS.items()}
# A city of several words this big is the city when the tagger calls its name a person's
# ("Sao Paulo", "Kuala Lumpur"); smaller towns share more names with people.
_NAMED_CITY_POPULATION = 100_000
# Nouns for towns: names listed after them are towns' ("the cities of ...").
TOWN_NOUNS = frozenset({"city", "town", "village", "capital", "port", "municipality", "suburb", "hamlet", "commune"})
# Words before a name that say it is a place's ("in Zorbton", "near Zorbton").
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "at"})
# Directions before "of": "miles north-east of Zorbton" names a place.
_COMPASS = frozenset(f"{a}{b}" for a in ("", "north", "south") for b in ("", "east", "west")) - {""}
# ... and the words that say so of a name the tagger already calls a place.
_MOTION_PREPOSITIONS = _PLACE_PREPOSITIONS | {"from", "to", "into", "across", "around", "through", "via"}
# A place whose name or neighbourhood has one of these words is a region, not a city.
REGION_WORDS = frozenset({
    "region", "province", "state", "oblast", "county", "district", "territory", "prefecture",
    "governorate", "canton", "department", "republic", "kingdom", "emirate", "island", "islands",
    "peninsula", "valley", "coast",
})
# Nouns of a place: the names listed with them, or said to be one, are places ("the cities of ...").
PLACE_WORDS = TOWN_NOUNS | REGION_WORDS
# Last words that make a name a place whatever the tagger says ("Zorb District",
# "Quarr Plateau"); the words that also end organisations' names ("State",
# "Department", "Republic", "Forest" of a football club) are left out.
_PLACE_NOUNS = frozenset({
    "district", "province", "county", "parish", "prefecture", "oblast", "governorate", "canton",
    "desert", "plateau", "peninsula", "valley", "island", "islands", "mountains",
})
# Last words that make a name an event's whatever the tagger says ("Zorbia Remembrance
# Day", "the Quarr Film Festival"), of the labels that take events for names.
_EVENT_NOUNS = frozenset({
    "day", "week", "festival", "awards", "cup", "games", "olympics", "championship", "championships",
    "summit", "war", "election", "elections", "marathon", "tournament", "expo",
})
_NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "LOC", "FAC"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
# A longer name before ", Nevada" is rather an institution's ("Quarr National Laboratory").
_MAX_TOWN_WORDS = 3
# A line that may open with a dateline: a word in capitals and a comma or a
# bracket, or any name with an agency in brackets soon after ("Zorbton , May 2 ( Wirecast ) --").
# A dateline opens the story: the title, maybe a byline, then the dateline.
_DATELINE_LINES = 3
_DATELINE = re.compile(r"[A-Z][A-Z-]+[A-Z ]*[,(—–-]|[A-Z][^()]{0,60}\([^()]{1,40}\)\s*(?:-|—|–|$)")


@dataclass(frozen=True)
class RawMention:
    """A mention in spaCy terms: tokens ``start:end`` of the doc, ``head`` its head
    token index, ``text`` the cleaned surface form, ``type`` an ontology class,
    ``key`` the canonical entity key (empty until the mentions are merged).
    ``surface`` is the text as written ("UK" for the United Kingdom); ``modifier``
    is set for a nationality adjective standing for its country."""

    start: int
    end: int
    head: int
    text: str
    type: str
    start_char: int
    end_char: int
    surface: str = ""
    key: str = ""
    modifier: bool = False
    name: tuple[str, ...] = ()  # folded, lowercase name words used for merging
    # The type the words around the name give, stronger than the tagger's label: "Person"
    # ("Mr Bell", "Bell , 47 ,"), "Organization" ("the firm Zorbco", "Zorbco plc"), "City" ("in Zorbton").
    cue: str = ""


@dataclass
class DocEntities:
    """The entities of one doc and the per-token indexes the rules use.

    ``mentions`` are sorted by position; ``by_token[i]`` is the index in
    ``mentions`` of the mention covering token ``i`` (or -1); ``dates[i]`` is the
    ``(start, end)`` token range of the date covering token ``i``, if any;
    ``pronouns`` maps a pronoun token index to the mention index of its antecedent
    (filled by :mod:`kgraph.extraction.mentions.coref`).
    """

    doc: object
    mentions: list[RawMention]
    entities: dict[str, Entity]
    by_token: list[int]
    dates: dict[int, tuple[int, int]]
    pronouns: dict[int, int] = field(default_factory=dict)

    def mention_at(self, token) -> RawMention | None:
        """The mention covering ``token``; for a resolved pronoun, its antecedent;
        for a common noun with a name in apposition ("the novelist Ada Bell"), the name."""
        index = self.by_token[token.i]
        if index < 0:
            index = self.pronouns.get(token.i, -1)
        if index < 0 and token.pos_ == "NOUN":
            index = next((self.by_token[c.i] for c in token.children
                          if c.dep_ == "appos" and self.by_token[c.i] >= 0), -1)
        return self.mentions[index] if index >= 0 else None

    def mention(self, token) -> Mention | None:
        """The public :class:`Mention` at ``token``: the span is the words written
        there (the pronoun, for a resolved pronoun), the key and type the entity's."""
        raw = self.mention_at(token)
        if raw is None:
            return None
        if self.is_pronoun(token):  # the pronoun as written, standing for ``raw``
            return Mention(Span(token.idx, token.idx + len(token.text), token.text), raw.key, raw.type)
        return public_mention(self.doc, raw)

    def is_pronoun(self, token) -> bool:
        """True when ``token`` refers to its entity through a resolved pronoun."""
        return self.by_token[token.i] < 0 and token.i in self.pronouns

    def date_text(self, token) -> str | None:
        """The text of the date covering ``token``, if it is part of one."""
        rng = self.dates.get(token.i)
        return self.doc[rng[0]:rng[1]].text if rng else None


def public_mention(doc, raw: RawMention) -> Mention:
    """``raw`` as a :class:`Mention` with character offsets into ``doc.text``."""
    # The surface is the doc's text at those offsets; ``doc.text`` itself would
    # rebuild the whole text on every call.
    return Mention(Span(raw.start_char, raw.end_char, raw.surface), raw.key, raw.type)


def is_headline(line: str) -> bool:
    """True for a line written in Title Case ("Ada's Bold Plan: Visit To Zorbia"),
    where spaCy's entity spans are unreliable."""
    if line.rstrip().endswith((".", "?", "!")):
        return False  # a sentence, whatever its case (checked first: it is cheap)
    words = [w for w in line.split() if w.isalpha() and len(w) > 3]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.8 * len(words)


def lexicon_entities(doc, lexicon, *, text: str | None = None) -> DocEntities:
    """:func:`doc_entities` with the title, organisation and member words of
    ``lexicon`` (a :class:`~kgraph.extraction.rules.lexicon.Lexicon`): the mentions
    every extraction stage and the pair classifier's training see."""
    return doc_entities(doc, titles=lexicon.title_words, org_nouns=lexicon.organisation_nouns,
                        title_phrases=lexicon.title_phrases, member_words=frozenset(lexicon.member_words),
                        person_titles=lexicon.person_titles, text=text)


def doc_entities(
    doc,
    *,
    gazetteer: Gazetteer | None = None,
    titles: frozenset[str] = frozenset(),
    org_nouns: frozenset[str] = frozenset(),
    title_phrases: frozenset[tuple[str, ...]] = frozenset(),
    member_words: frozenset[str] = frozenset(),
    person_titles: frozenset[str] | None = None,
    text: str | None = None,
) -> DocEntities:
    """Find, clean, type and merge the entity mentions of ``doc``.

    ``titles`` are lowercase role words (from the ontology lexicon) stripped from
    the front of a person's name ("President Ada Lovelace" → "Ada Lovelace");
    ``org_nouns`` are nouns for kinds of organisation ("firm", "bank"): a name the
    tagger calls a place or person but that such a noun describes in apposition
    or compound ("the mining company Zorbco") is an organisation.
    ``title_phrases`` are the lexicon's titles of several words: a name that is
    only the start of one ("Shadow Home" before "Secretary") is no name.
    ``member_words`` end the names of bodies people belong to ("Labour", "Lib
    Dem"): such a name is an organisation's even when the tagger calls it a person.
    ``person_titles`` are the titles that only a person holds ("Bell, a director of
    Acme" names a person; "Acme, the owner of Zentex" need not); default ``titles``
    less ``org_nouns``.
    ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds ``Doc.text``
    on every access). Returns a :class:`DocEntities`; mentions carry their canonical ``key``.
    """
    gazetteer = gazetteer or load_gazetteer()
    text = doc.text if text is None else text
    headlines = _headline_lines(text)
    dates: dict[int, tuple[int, int]] = {}
    raw: list[RawMention] = []
    held_back = []  # headline spans: cut to known names once the body is read
    words = _Words(titles, org_nouns, title_phrases, member_words,
                   titles - org_nouns if person_titles is None else person_titles)
    for ent in _joined_places(doc):
        if ent.label_ in _DATE_LABELS or (ent.label_ == "GPE" and any(t.like_num for t in ent)):
            for t in ent:
                dates[t.i] = (ent.start, ent.end)
            continue
        if headlines and any(start <= ent.start_char < end for start, end in headlines):
            held_back.append(ent)
            continue
        for part in _split_name(doc, ent, gazetteer):
            mention = _clean(doc, part, gazetteer, words)
            if mention is not None:
                raw.append(mention)
    raw.extend(_headline_mentions(doc, held_back, raw))
    dated, towns = _dateline_mentions(doc, text, raw, gazetteer)
    if towns:  # a dateline's town is a city whatever the tagger called it, and so are its other mentions
        raw = [replace(m, type="City", cue="City", text=m.text.title() if m.text.isupper() else m.text)
               if (m.start, m.end) in towns else m for m in raw]
    raw.extend(dated)
    raw.extend(_missed_names(doc, raw))
    raw.extend(_missed_people(doc, raw, gazetteer, words))
    raw.extend(_missed_parties(doc, raw, gazetteer, words))
    raw.extend(_missed_places(doc, raw, gazetteer))
    raw.sort(key=lambda m: m.start)
    mentions, entities = merge_mentions(raw, article=_sentence_count(doc) > _SHORT_TEXT)
    entities = {key: _linked(entity, gazetteer) for key, entity in entities.items()}
    by_token = [-1] * len(doc)
    for index, m in enumerate(mentions):
        for i in range(m.start, m.end):
            by_token[i] = index
    return DocEntities(doc=doc, mentions=mentions, entities=entities, by_token=by_token, dates=dates)


def _owned_by_place(doc, head, gazetteer: Gazetteer) -> bool:
    """True when ``head``, a singular name, has a known country or town in the
    possessive before it ("Zorbia's Zorbev": a firm; "Zorbia's Muslims" is plural)."""
    return head.tag_ == "NNP" and any(
        c.dep_ == "poss" and c.i < head.i and gazetteer.place(doc[c.left_edge.i:c.i + 1].text) is not None
        for c in head.children)


def _joined_places(doc) -> list:
    """``doc.ents``, with two place names the tagger cut from one joined again: adjacent
    names of one place label whose first word the parse hangs on the second
    ("Kentish" + "Town", a compound: "Kentish Town")."""
    from spacy.tokens import Span

    found = []
    for ent in doc.ents:
        last = found[-1] if found else None
        if last is not None and last.end == ent.start and last.label_ == ent.label_ and ent.label_ in {"GPE", "LOC"} \
                and last[-1].dep_ == "compound" and ent.start <= last[-1].head.i < ent.end:
            found[-1] = Span(doc, last.start, ent.end, label=ent.label_)
        else:
            found.append(ent)
    return found


# The most sentences a text may have and still be a passage on its own (a quote, a
# caption, a line of a list) rather than an article that introduces its people.
_SHORT_TEXT = 2


def _sentence_count(doc) -> int:
    """How many sentences ``doc`` has (counted in one array pass, not by ``doc.sents``)."""
    from spacy.attrs import SENT_START

    if not doc.has_annotation("SENT_START"):
        return 1
    return int((doc.to_array([SENT_START]) == 1).sum())


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the headline lines of ``text`` (string work only: cheap);
    none when no other line has words: a headline is checked against the body,
    and a text of headlines alone ("Zorbton Wirecast Radio Network") has none."""
    found, start, body = [], 0, False
    for line in text.split("\n"):
        if is_headline(line):
            found.append((start, start + len(line)))
        elif not body and any(ch.isalpha() for ch in line):
            body = True
        start += len(line) + 1
    return found if body else []


@dataclass(frozen=True)
class _Words:
    """The lexicon words that clean and type names (see :func:`doc_entities`)."""

    titles: frozenset[str]
    org_nouns: frozenset[str]
    title_phrases: frozenset[tuple[str, ...]]
    member_words: frozenset[str]
    person_titles: frozenset[str]  # the titles that are no organisation nouns


# Words that cannot end a name: "St Kitts and" is a list cut short by the tagger.
_TRAILING_NOISE = frozenset({"and", "or", "&", "of", "the"})


def _clean(doc, ent, gazetteer: Gazetteer, words: _Words) -> RawMention | None:
    """The cleaned, typed mention for spaCy entity ``ent``, or ``None`` to drop it."""
    titles, org_nouns = words.titles, words.org_nouns
    if len(ent) == 1 and ent[0].pos_ == "PRON":
        return None  # "Her coach X": a pronoun is resolved by coref, not named
    if ent.label_ != "PERSON" and _starts_title(doc, ent, words.title_phrases, words.titles):
        return None
    tokens = list(ent)
    # A possessive ends the name: "Ada's Bold Plan" names Ada.
    for pos, t in enumerate(tokens):
        if t.tag_ == "POS" or t.lower_ in {"'s", "’s"}:
            tokens = tokens[:pos]
            break
    # "Mr Bell's" tagged a building: an honorific opens only a person's name
    honorific = any(t.lower_.rstrip(".") in _HONORIFICS for t in tokens[:2])
    while tokens and (tokens[0].lower_ in _LEADING_NOISE or tokens[0].is_punct
                      or (ent.label_ == "PERSON" and tokens[0].lower_ in titles)):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in {"'s", "’s", "'", ">"}
                      or tokens[-1].lower_ in _TRAILING_NOISE):
        tokens = tokens[:-1]
    if not tokens or not any(ch.isalpha() for t in tokens for ch in t.text):
        return None  # "7:39.89", "2-1": a time or a score, not a name
    start, end = tokens[0].i, tokens[-1].i + 1
    # the entity itself when nothing was cut (most names): slicing the doc makes a new Span
    span = ent if (start, end) == (ent.start, ent.end) else doc[start:end]
    head = span.root
    is_modifier = head.dep_ in _MODIFIER_DEPS or head.pos_ == "ADJ"
    surface = name = span.text  # Span.text joins the tokens again on every access
    kind = gazetteer.kind(name) if ent.label_ in {"GPE", "LOC", "ORG", "NORP"} else None
    modifier = False
    merge_name = cue = None
    base = legal_base(name) if len(tokens) > 1 and ent.label_ not in _DATE_LABELS else None
    if base is not None:
        # "Zorbco Holdings plc", "Quarr AG": a company's legal form, whatever the tagger says;
        # it merges with the name written without it.
        ontology_type = cue = "Organization"
        merge_name = base
    elif kind is not None:
        ontology_type = "Country" if kind == "country" else "Place"
        name = gazetteer.name(name)
    elif ent.label_ in {"GPE", "NORP"} and gazetteer.demonym(name):
        # "Zorbian" in "the Zorbian minister" stands for Zorbia; "the Zorbians" are a group.
        if is_modifier:
            name = gazetteer.demonym(name)
            ontology_type = "Country" if gazetteer.kind(name) == "country" else "Place"
            modifier = True
        else:
            ontology_type = "Group"
    elif ent.label_ == "GPE" and gazetteer.city(name) is not None:
        # a known city, even as the modifier of a kind of firm ("a Zorbton construction firm")
        ontology_type = "Place" if _looks_regional(doc, span) else "City"
    elif ent.label_ == "NORP" and (tokens[-1].lower_ in words.member_words
                                   or (org_nouns and _described_as(head, org_nouns))
                                   or _owned_by_place(doc, head, gazetteer)):
        ontology_type = cue = "Organization"  # "the Tories", "the brewer Zorbev", "Zorbia's Zorbev"
    elif ent.label_ == "NORP":
        if is_modifier:
            return None  # "Western sanctions": an adjective, not a group anyone names
        ontology_type = "Group"
    elif ent.label_ == "PERSON" and len(tokens) > 1 and _big_city(gazetteer, name) \
            and not (_titled(doc, start, words.person_titles, org_nouns) or is_person(doc, span, words.person_titles)):
        ontology_type = "City"  # "Sao Paulo is ...": a city's name of several words is no person's
    elif ent.label_ in {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART"} and not (ent.label_ == "PERSON" and len(tokens) > 1) \
            and ((gazetteer.city(name) is not None and _place_context(doc, span, gazetteer))
                 or _town_noun_before(span) or _said_to_be_a(span, TOWN_NOUNS)):
        # "breweries in Zorbton", "Zorbton-based", "the town of Zorbton": a town the tagger took for a name
        ontology_type = cue = "City"
    elif ent.label_ in {"ORG", "PERSON"} and (_region_noun_before(span) or _said_to_be_a(span, REGION_WORDS)):
        ontology_type = cue = "Place"  # "the province of Zorb"
    elif ent.label_ in _NAME_LABELS and len(tokens) > (2 if ent.label_ == "PERSON" else 1) \
            and tokens[-1].lower_ in _EVENT_NOUNS and tokens[-1].text[:1].isupper():
        # "Zorbia Remembrance Day", "the Quarr Film Festival" (but "Ada Day" is a person's name)
        ontology_type = cue = "Event"
    elif ent.label_ in {"ORG", "PERSON"} and len(tokens) > 1 and tokens[-1].lower_ in _PLACE_NOUNS \
            and not any(t.lower_ in org_nouns for t in tokens):
        ontology_type = "Place"
    elif ent.label_ in {"GPE", "LOC", "PERSON", "PRODUCT", "WORK_OF_ART"} and (
            (org_nouns and _described_as(head, org_nouns)
             # "Ada Bell, president of X, a charity": the parse hangs both nouns on the name
             and not (ent.label_ == "PERSON" and is_person(doc, span, words.person_titles)))
            or tokens[-1].lower_ in words.member_words
            # "Zorbton College", "the Zorb Commission": a body's noun ends the name
            or (len(tokens) > 1 and tokens[-1].lower_ in org_nouns and tokens[-1].text[:1].isupper())):
        ontology_type = cue = "Organization"
    elif ent.label_ == "PERSON" and (tokens[-1].tag_ == "NNPS" or (
            start > 0 and doc[start - 1].lower_ == "the" and doc[start - 1].head.i == head.i)) \
            and not _initialled(tokens) and not is_person(doc, span, words.person_titles):
        # "Zorbian Lords", "the Gazette": no person's name is a plural or takes an article (the tagger
        # calls some surnames plurals: "Ada Jollans, a director," stays a person)
        ontology_type = cue = "Organization"
    elif ent.label_ in {"ORG", "PERSON"} and len(tokens) <= _MAX_TOWN_WORDS \
            and place_after_comma(doc, end, gazetteer) > 0 and not any(t.lower_ in org_nouns for t in tokens):
        # "Zorbton , Nevada": a town the tagger took for a firm or a person
        ontology_type = cue = "Place" if _looks_regional(doc, span) else "City"
    elif ent.label_ in {"ORG", "GPE"} and not any(t.lower_ in org_nouns for t in tokens) and (
            is_person(doc, span, words.person_titles)
            or (len(tokens) in (2, 3) and all(t.is_title and t.lower_ not in person_title_words() for t in tokens)
                and _titled(doc, start, words.person_titles, org_nouns))):
        # "Chancellor Ada Bell" when the tagger takes the name for a firm
        ontology_type = cue = "Person"
    elif ent.label_ == "GPE" and not _looks_regional(doc, span) and gazetteer.place(name) is None \
            and not _said_to_be_place(doc, span, gazetteer):
        # a name no gazetteer knows, where nothing says it is a place: a firm's or a body's
        # more often than a village's ("Zorbco had secured", "the exchange Zorbex")
        ontology_type = "Organization"
    elif ent.label_ == "GPE":
        ontology_type = "Place" if _looks_regional(doc, span) else "City"
    elif ent.label_ == "LOC":
        ontology_type = "Place"
    elif ent.label_ in _SIMPLE_TYPES:
        ontology_type = _SIMPLE_TYPES[ent.label_]
        if ent.label_ == "ORG" and org_nouns and _described_as(head, org_nouns):
            cue = "Organization"  # "the brewer Zorbev": for its other mentions, whatever they are tagged
    else:
        return None
    if honorific and ontology_type in {"Place", "City", "Organization"} and kind is None and cue is None:
        ontology_type = cue = "Person"
    if ontology_type == "Person" and (start > ent.start or _titled(doc, start, words.person_titles, org_nouns)
                                      or is_person(doc, span, words.person_titles)
                                      or (end - start == 1 and _only_person_before_pronoun(doc, span))):
        cue = "Person"
    return RawMention(
        start=start, end=end, head=head.i, text=name, surface=surface, type=ontology_type,
        start_char=span.start_char, end_char=span.end_char, modifier=modifier,
        name=tuple(fold(w).lower() for w in (merge_name or name).split()), cue=cue or "",
    )


# Pronouns only a person is: "Zorbco said it", but "Ada said she".
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})


def _only_person_before_pronoun(doc, span) -> bool:
    """True when ``span`` is a subject and a personal pronoun ("he", "her") follows
    in its sentence or the next, with no other name the tagger calls a person's
    between: the pronoun can only be this name's, a one-word name of someone ("Ada
    said she ..."; not "signing for Zorbton he made", where "he" is another's)."""
    if span.root.dep_ not in {"nsubj", "nsubjpass"} or not doc.has_annotation("SENT_START"):
        return False
    stop = span.sent.end
    if stop < len(doc):
        stop = doc[stop].sent.end
    for ent in doc.ents:
        if ent.label_ == "PERSON" and span.end <= ent.start < stop:
            stop = ent.start
    return any(doc[i].lower_ in _PERSONAL_PRONOUNS for i in range(span.end, stop))


def _big_city(gazetteer: Gazetteer, name: str) -> bool:
    """True when ``name`` is a city of ``_NAMED_CITY_POPULATION`` people or more."""
    city = gazetteer.city(name)
    return city is not None and city.population >= _NAMED_CITY_POPULATION


def _titled(doc, start: int, person_titles: frozenset[str], org_nouns: frozenset[str]) -> bool:
    """True when the word before token ``start`` is a person's title ("Mr", "President",
    "Mr Justice"): a lowercase one of the lexicon's titles or kin ("the minister Bell",
    "his brother Bell"), a capitalised one of nameparser's titles too ("Sheikh Bell");
    words that name kinds of organisation ("group") do not count."""
    for i in range(start - 1, max(-1, start - 3), -1):  # "Mr Justice Bell": a title of two words
        before = doc[i]
        word = before.lower_.rstrip(".")
        if word not in org_nouns and (word in person_titles or (
                word in person_title_words() and (before.text[:1].isupper() or word in kin_words()))):
            return True
        if not before.text[:1].isupper():
            return False
    return False


def _place_context(doc, span, gazetteer: Gazetteer) -> bool:
    """True when the words around ``span`` say it is a place: "in" or "near" before it,
    a direction and "of" ("north-east of"), "-based" after it, or a list of names with
    a known place in it ("Zorbton, Quarr and Nevada")."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _PLACE_PREPOSITIONS:
        return True
    if before is not None and before.text == "," and span.start > 2 and doc[span.start - 2].text[:1].isupper() \
            and doc[span.start - 3].lower_ in _PLACE_PREPOSITIONS | {"of", "from"}:
        return True  # "of Quarrwick, Zorbton": the town, then the bigger place
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "based":
        return True
    if before is not None and before.lower_ == "of" and span.start > 1 \
            and doc[span.start - 2].lower_.replace("-", "") in _COMPASS:
        return True  # "20 miles north-east of Zorbton"
    root = span.root
    top = root
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    if top.i == root.i and not any(c.dep_ == "conj" for c in root.children):
        return False  # not in a list
    if _town_noun_before(span):
        return True  # "the cities of Zorbton, Quarr and Vell", "three towns - Zorbton, ..."
    # A list of names with a country or region in it, or a name the tagger calls a
    # place: a list of known towns alone may be football clubs ("Zorbton, Quarr and Vell").
    members = [top, *(t for t in top.subtree if t.dep_ == "conj" and t.pos_ == "PROPN")]
    return any(t.i not in range(span.start, span.end) and (t.ent_type_ == "GPE" or gazetteer.kind(t.text))
               for t in members)


def _initialled(tokens) -> bool:
    """True when a name has a middle initial ("Ada R. Bell"), as people's names do."""
    return len(tokens) > 2 and any(len(t.text) == 2 and t.text[0].isupper() and t.text[1] == "."
                                   for t in tokens[1:-1])


def _said_to_be_place(doc, span, gazetteer: Gazetteer) -> bool:
    """True when the words around a geopolitical name say it is a place: a
    preposition of place or motion before it ("flew to Zorbton"), a known place
    after a comma ("Zorbton, Nevada"), a list with a place, a noun for towns
    ("the town of Zorbton", "Zorbton, Zorbia's second city"), or a line it opens
    (a dateline, "ZORBTON, May 2 (Wirecast) -", or a headline)."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None or "\n" in before.text:
        return True  # a dateline's or a headline's first word
    return (before.lower_ in _MOTION_PREPOSITIONS or _place_context(doc, span, gazetteer)
            or place_after_comma(doc, span.end, gazetteer) > 0
            or _town_noun_before(span) or _described_as(span.root, TOWN_NOUNS) or _said_to_be_a(span, PLACE_WORDS))


def _said_to_be_a(span, nouns: frozenset[str]) -> bool:
    """True when ``span`` is the subject of "be" with one of ``nouns`` ("Zorbton is a
    town in ...", "Zorb is a region of ...")."""
    root = span.root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ == "be" and any(
        c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() in nouns for c in root.head.children)


def _region_noun_before(span) -> bool:
    """True when ``span`` follows "of" after a noun for regions ("the province of Zorb")."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in REGION_WORDS \
        and root.head.head.pos_ == "NOUN"


def _town_noun_before(span) -> bool:
    """True when ``span`` is listed after a noun for towns ("the cities of Zorbton and Quarr")."""
    top = span.root
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    return top.dep_ in {"pobj", "appos"} and bool(TOWN_NOUNS.intersection(
        (top.head.lemma_.lower(), top.head.head.lemma_.lower() if top.dep_ == "pobj" else "")))


def _linked(entity: Entity, gazetteer: Gazetteer) -> Entity:
    """``entity`` with its GeoNames IRI and ISO 3166 code when it is a country, region
    or city whose name the gazetteer knows unambiguously."""
    kind = _PLACE_KINDS.get(entity.type)
    place = gazetteer.place(entity.label) if kind else None
    if place is None or place.kind != kind:
        return entity
    links = (geonames_iri(place.geonames),) if place.geonames else ()
    if not links and not place.iso:
        return entity
    return replace(entity, links=links, code=place.iso)


def _split_name(doc, ent, gazetteer: Gazetteer) -> tuple:
    """``ent`` as it is, or the names the tagger made one of with a comma: a town and
    a known place ("Zorbton, New Zealand": two geopolitical names), or a list
    ("Zorbco, Quarr": two names of ``ent``'s kind)."""
    if len(ent) < 3 or ent.label_ not in {"ORG", "GPE", "PERSON", "LOC", "FAC"}:
        return (ent,)
    comma = next((t.i for t in ent if t.text == ","), None)
    if comma is None or comma == ent.start or comma + 1 == ent.end:
        return (ent,)
    from spacy.tokens import Span

    if comma - ent.start <= _MAX_TOWN_WORDS and gazetteer.place(doc[comma + 1:ent.end].text) is not None:
        return Span(doc, ent.start, comma, label="GPE"), Span(doc, comma + 1, ent.end, label="GPE")
    if doc[comma + 1].dep_ == "conj" and all(t.pos_ == "PROPN" for t in ent if t.i != comma):
        return Span(doc, ent.start, comma, label=ent.label_), Span(doc, comma + 1, ent.end, label=ent.label_)
    return (ent,)


def _starts_title(doc, ent, phrases: frozenset[tuple[str, ...]], titles: frozenset[str]) -> bool:
    """True when the words of ``ent`` and the one or two words after it spell a
    title of several words ("Shadow Home" + "Secretary"): the tagger took a title
    for a name."""
    if not phrases or ent.end >= len(doc) or doc[ent.end].lower_ not in titles:
        return False  # (the word after the name is no title word: the usual, cheap case)
    words = tuple(t.lower_ for t in doc[ent.start:min(ent.end + 2, len(doc))])
    size = len(ent)
    return any(words[:size + extra] in phrases for extra in range(1, len(words) - size + 1))


def _described_as(head, nouns: frozenset[str]) -> bool:
    """True when one of ``nouns`` stands in apposition or compound with the name
    whose head is ``head`` ("Zorbco, a mining company", "the company Zorbco")."""
    # A capitalised noun is part of another name ("the Zorbian Revenue Agency Ada Bell").
    if head.dep_ in {"appos", "compound"} and head.head.lemma_.lower() in nouns and head.head.text.islower():
        return True
    return any(c.dep_ in {"appos", "compound"} and c.lemma_.lower() in nouns and c.text.islower()
               for c in head.children)


def _looks_regional(doc, span) -> bool:
    """True when a geopolitical name is a region by its words or neighbours:
    "Zorb Province", "the Zorb region", "the province of Zorb"."""
    if any(t.lower_ in REGION_WORDS for t in span):
        return True
    root = span.root
    if root.head.lower_ in REGION_WORDS and root.dep_ in {"compound", "nmod", "amod"}:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in REGION_WORDS:
        return True
    nxt = span.end
    return nxt < len(doc) and doc[nxt].lower_ in REGION_WORDS


def _headline_mentions(doc, spans, body: list[RawMention]) -> list[RawMention]:
    """Mentions inside headline entity ``spans``: the longest runs of tokens that
    spell a name mentioned in the body ("Zorbia Ally Ada Signals Thaw" → "Zorbia",
    "Ada" when the body names both)."""
    if not spans:
        return []
    known: dict[tuple[str, ...], RawMention] = {}
    for m in body:
        if m.modifier:
            continue
        words = tuple(fold(t.text).lower() for t in doc[m.start:m.end])
        known.setdefault(words, m)
        if m.type == "Person":
            known.setdefault(words[-1:], m)  # a headline names a person by surname
    longest = max((len(k) for k in known), default=0)
    found = []
    for span in spans:
        words = [fold(t.text).lower() for t in span]
        i = 0
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                match = known.get(tuple(words[i:i + size]))
                if match is not None:
                    first, last = span[i], span[i + size - 1]
                    found.append(replace(
                        match, start=first.i, end=last.i + 1, head=last.i,
                        surface=doc[first.i:last.i + 1].text,
                        start_char=first.idx, end_char=last.idx + len(last.text),
                    ))
                    i += size
                    break
            else:
                i += 1
    return found


def _dateline_mentions(doc, text: str, found: list[RawMention],
                       gazetteer: Gazetteer) -> tuple[list[RawMention], set[tuple[int, int]]]:
    """The town, the region or country and the agency of each dateline ("ZORBTON ,
    Nevada ( Wirecast ) --") among the first lines of ``text`` that no mention in
    ``found`` covers yet, and the token ranges of the datelines' towns."""
    starts, offset, lines = [], 0, 0
    for line in text.split("\n"):
        # the string test keeps the token lookup for the few lines that may be datelines
        if _DATELINE.match(line):
            span = doc.char_span(offset, offset + 1, alignment_mode="expand")
            if span is not None:
                starts.append(span.start)
        offset += len(line) + 1
        lines += bool(line.strip())
        if lines == _DATELINE_LINES:
            break
    if not starts:
        return [], set()
    covered = {i for m in found for i in range(m.start, m.end)}
    mentions, towns = [], set()
    for start in starts:
        dateline = dateline_at(doc, start, gazetteer)
        if dateline is None:
            continue
        towns.add(dateline.town)
        parts = [(dateline.town, "City")]
        if dateline.place:
            place = gazetteer.place(doc[dateline.place[0]:dateline.place[1]].text)
            parts.append((dateline.place, _ONTOLOGY_CLASS.get(place.kind if place else "", "Place")))
        if dateline.agency:
            parts.append((dateline.agency, "Organization"))
        for (first, last), kind_of in parts:
            if any(i in covered for i in range(first, last)):
                continue
            span = doc[first:last]
            name = gazetteer.name(span.text) or span.text if kind_of in {"Country", "Place"} else \
                span.text.title() if kind_of == "City" else span.text
            mentions.append(RawMention(
                start=first, end=last, head=last - 1, text=name, surface=span.text, type=kind_of,
                start_char=span.start_char, end_char=span.end_char,
                name=tuple(fold(w).lower() for w in name.split()), cue="City" if kind_of == "City" else "",
            ))
    return mentions, towns


# Words that make a firm's name a group's ("Group Zorbco", "Zorbco Holdings"): the other
# word alone names it too. (Not every kind of organisation: "Oil Ministry", "Old Firm".)
_GROUP_WORDS = frozenset({"group", "holding", "holdings"})


def _missed_names(doc, found: list[RawMention]) -> list[RawMention]:
    """Mentions the tagger missed: a proper-noun token outside every entity that
    spells a one-word name found elsewhere in the document, the surname of
    exactly one person in it ("Lindqvist met ..." after "Oskar Lindqvist"), or the
    other word of a group's two-word name ("Zorbco" after "Group Zorbco" or "Zorbco
    Holdings")."""
    from spacy.symbols import NOUN, POS, PROPN

    known: dict[str, RawMention] = {}
    people: dict[str, dict[tuple[str, ...], RawMention]] = {}
    firms: dict[str, RawMention] = {}
    for m in found:
        if m.modifier:
            continue
        if len(m.name) == 1:
            known.setdefault(m.name[0], m)
        elif m.type == "Person":
            people.setdefault(m.name[-1], {}).setdefault(m.name, m)
        elif m.type == "Organization" and len(m.name) == 2 and (m.name[0] in _GROUP_WORDS) != (m.name[1] in _GROUP_WORDS):
            firms.setdefault(m.name[1] if m.name[0] in _GROUP_WORDS else m.name[0], m)
    for word, firm in firms.items():
        known.setdefault(word, firm)
    for surname, names in people.items():
        if len(names) == 1:  # a surname two people share names neither
            known.setdefault(surname, next(iter(names.values())))
    missed: list[RawMention] = []
    if not known:
        return missed
    covered = set()
    for ent in doc.ents:
        covered.update(range(ent.start, ent.end))
    # The tagger takes a plural club name for a common noun ("Wolves chairman X"): a noun
    # written exactly as a one-word name of the document is that name too.
    surfaces = {m.surface for m in found if len(m.name) == 1 and not m.modifier and m.type != "Person"}
    # the nouns' indexes from one array: making a Token for each word costs more than the rest
    tags = doc.to_array([POS])
    for i in np.flatnonzero((tags == PROPN) | (tags == NOUN)).tolist():
        token = doc[i]
        if (token.pos_ != "PROPN" and token.text not in surfaces) or i in covered or not token.text[:1].isupper():
            continue
        match = known.get(fold(token.text).lower())
        if match is not None:
            missed.append(replace(match, start=token.i, end=token.i + 1, head=token.i, surface=token.text,
                                  start_char=token.idx, end_char=token.idx + len(token.text),
                                  text=token.text if match.type == "Person" else match.text,
                                  name=(fold(token.text).lower(),)))
    return missed


# What the tagger calls a word of a name it missed ("Winter" a noun, "Quell" an interjection).
_NAME_POS = frozenset({"PROPN", "NOUN", "INTJ", "X"})


def _missed_people(doc, found: list[RawMention], gazetteer: Gazetteer, words: _Words) -> list[RawMention]:
    """People the tagger missed: a proper-noun name outside every entity and mention
    that the words around it say is a person's (an age or a person's title in
    apposition: "Quell , 53 , said", "Quell , a senior official ,"). The tagger
    mislabels such a word too ("Winter , 53 ," a common noun), so any word in Title
    Case that is no stop word will do."""
    from spacy.attrs import ORTH
    from spacy.tokens import Span

    covered = _covered(doc, found)
    missed = []
    # the words before a comma, from one array: a Token for every word costs more than the rest
    before_comma = (doc.to_array([ORTH])[1:] == doc.vocab.strings[","]).nonzero()[0].tolist()
    for i in before_comma:
        token = doc[i]
        if i in covered or token.dep_ == "compound" or not token.text.istitle() or token.is_stop \
                or token.pos_ not in _NAME_POS:
            continue
        start = token.i
        while start > 0 and doc[start - 1].tag_ == "NNP" and doc[start - 1].dep_ == "compound" \
                and doc[start - 1].head.i == token.i and start - 1 not in covered:
            start -= 1
        span = Span(doc, start, token.i + 1, label="PERSON")
        if is_person(doc, span, words.person_titles):
            mention = _clean(doc, span, gazetteer, words)
            if mention is not None and mention.type == "Person":
                missed.append(mention)
    return missed


def _missed_parties(doc, found: list[RawMention], gazetteer: Gazetteer, words: _Words) -> list[RawMention]:
    """Parties the tagger missed before a person's title and name: capitalised words
    outside every entity and mention, the last a ``member_words`` word, right before
    a title (no organisation's noun) that a person's mention follows ("Socialist MP
    Ada Bell", "Quellish Greens leader Bo Li"); the tagger reads such a word as an
    adjective. Words before the party's that are a nationality's, a country's or
    region's, or a title's are not its name ("Zorbian Greens MP"); before a minister
    or secretary the word may name a department (labour, trade): left alone."""
    from spacy.tokens import Span

    people = {m.start for m in found if m.type == "Person"}
    covered = _covered(doc, found)
    missed = []
    for start in sorted(people):
        title = start - 1
        if title < 1 or doc[title].lower_ not in words.titles or doc[title].lower_ in words.org_nouns \
                or doc[title].lower_ in _PORTFOLIO_TITLES:
            continue
        end = first = title
        while first > 0 and first - 1 not in covered and doc[first - 1].text[:1].isupper() \
                and doc[first - 1].lower_ not in words.titles and doc[first - 1].pos_ in _PARTY_POS \
                and gazetteer.demonym(doc[first - 1].text) is None and gazetteer.kind(doc[first - 1].text) is None:
            first -= 1
        if first == end or doc[end - 1].lower_ not in words.member_words:
            continue
        span = Span(doc, first, end, label="ORG")
        missed.append(RawMention(start=first, end=end, head=end - 1, text=span.text, surface=span.text,
                                 type="Organization", start_char=span.start_char, end_char=span.end_char,
                                 name=tuple(fold(t.text).lower() for t in span), cue="Organization"))
    return missed


# Titles a department's name comes before ("Trade Minister", "Home Secretary"):
# a party word there may name the portfolio.
_PORTFOLIO_TITLES = frozenset({"minister", "secretary"})
# What the tagger makes of a party's name before a title: a proper noun, an
# adjective ("Socialist MP") or a noun ("Greens leader").
_PARTY_POS = frozenset({"PROPN", "ADJ", "NOUN"})


def _covered(doc, found: list[RawMention]) -> set[int]:
    """The indexes of the tokens inside ``found`` mentions or the tagger's entities."""
    covered = {i for m in found for i in range(m.start, m.end)}
    for ent in doc.ents:
        covered.update(range(ent.start, ent.end))
    return covered


def _missed_places(doc, found: list[RawMention], gazetteer: Gazetteer) -> list[RawMention]:
    """Towns the tagger missed: a proper noun outside every entity and mention that
    the gazetteer knows as a city, where the words around it say it is a place
    ("breweries in Zorbton", "Zorbton-based", a list of towns)."""
    from spacy.symbols import POS, PROPN

    covered = _covered(doc, found)
    missed = []
    # the proper nouns' indexes from one array: making a Token for each word costs more than the rest
    for i in (doc.to_array([POS]) == PROPN).nonzero()[0].tolist():
        token = doc[i]
        if i in covered or not token.text[:1].isupper() or token.is_sent_start:
            continue
        place = gazetteer.city(token.text)
        span = doc[token.i:token.i + 1]
        if place is None or not _place_context(doc, span, gazetteer):
            continue
        missed.append(RawMention(
            start=token.i, end=token.i + 1, head=token.i, text=token.text, surface=token.text, type="City",
            start_char=token.idx, end_char=token.idx + len(token.text), name=(fold(token.text).lower(),),
        ))
    return missed
