"""A small pronoun resolver: he/she/his/her/they/it → the entity they stand for.

No coreference model can be installed, so the rules are the classic salience
heuristics, in this order:

1. a possessive in a conjunction with a compatible entity refers to it
   ("Zorbia and its allies" → Zorbia);
2. a pronoun in a fronted clause refers forward to the main subject
   ("Opening his speech, Ada thanked ..." → Ada);
3. otherwise the subject of the pronoun's own clause, then (for a subject
   pronoun) the main clause's subject, then the nearest compatible mention
   before it in the sentence;
4. otherwise the subject (else the first compatible mention) of the nearest
   earlier sentence, at most :data:`MAX_SENTENCES_BACK` sentences back.

"Compatible" means of the right kind, by the ontology's classes and their
subclasses: he/she refer to people, it to a single organisation, place, event or
work, they to groups or organisations, and to a country acting through a plural
agent noun ("Zorbian authorities", "Zorbia's police": ``kg:agentNoun``). A person
once called "she", or written "Ms", "Mrs", "spokeswoman" before the name, is not
later "he", and vice versa. An object pronoun never
refers to the subject of its own clause ("Ada praised her" is not Ada).

A definite description is resolved the same way, by the class its noun names:
"the company", "the bank", "the Lima-based firm" (a kind of organisation) refer
to an organisation, "the minister", "the mayor" (a person's title) to a person,
"the country" and "the city" to a country and a city. A description that names
its own entity ("the Acme group", "the firm Acme"), a plural, one with an "of"
phrase ("the bank of ..."), or a nationality ("the Zorbian group": which of the
firms it means needs more than the nearest) is left alone; one with a place ("the
Lima-based firm", "the Lima club") and no other word before its noun refers to no
firm the text puts in another country, and beyond its sentence to the firm named
most. "The country" with no country named in the sentences before is the country
the story names most. The place of a "Lima-based" participle is where the noun's
entity is: no pronoun refers to it.
"""

from __future__ import annotations

from kgraph.extraction.mentions.entities import DocEntities, RawMention
from kgraph.extraction.syntax.deps import NOMINAL_SUBJECT_DEPS
from kgraph.ontology import Ontology

__all__ = ["MAX_SENTENCES_BACK", "resolve_pronouns"]

MAX_SENTENCES_BACK = 2

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_NEUTER = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
# Words before a name that say whether the person is a man or a woman.
_MALE_WORDS = frozenset({"mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "businessman",
                         "congressman", "father", "son", "brother", "husband", "actor"})
_FEMALE_WORDS = frozenset({"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "spokeswoman",
                           "chairwoman", "businesswoman", "congresswoman", "mother", "daughter", "sister",
                           "wife", "actress"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "iobj", "dative"})
_NEUTER_CLASSES = ("Organization", "Place", "Event", "Work")
_PLURAL_CLASSES = ("Group", "Organization")
_FRONTED_DEPS = frozenset({"advcl", "prep", "npadvmod", "ccomp"})
# How a country's word modifies a noun through which it acts ("Zorbian authorities", "Zorbia's police").
_AGENT_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
# Determiners of a definite description ("the firm", "this company").
_DEFINITE = frozenset({"the", "this", "that"})
# Kind nouns that name a country's or a firm's part rather than the entity ("the
# government" is a country's, "the unit" a firm's part), or a body part ("the head").
_NOT_DESCRIPTIONS = frozenset({"government", "administration", "regime", "ministry", "unit", "arm", "division",
                               "subsidiary", "head"})
# Words that make a title another role ("the foreign secretary" is not the
# "Shadow Foreign Secretary").
_OTHER_ROLE = frozenset({"shadow", "deputy", "vice", "assistant", "junior", "acting"})
# A place before an organisation's kind noun says where it is ("the Lima club", "the
# Lima-based firm"): such a description is resolved when it has no other word before its
# noun ("the Lima oil firm" is as often a firm the story never named).
_PLACE_DEPS = frozenset({"compound", "amod", "nmod"})
_PLACE_TYPES = frozenset({"Country", "City", "Place"})
# The most words of a place's name inside an organisation's ("Port Zora" in "Port Zora Stock Exchange").
_MAX_PLACE_WORDS = 3
# The longest acronym read as the initials of a name ("ZSE": "Zorbton Stock Exchange").
_MAX_ACRONYM = 5
# Words before a name that may say where its entity is ("Peruvian mining firm Zentex").
_BEFORE_NAME = 3
# Nouns of a description that refer to a place of a class, by name.
_PLACE_NOUNS = {"country": "Country", "city": "City", "town": "City"}


def _compatible(word: str, mention: RawMention, genders: dict[str, str], onto: Ontology) -> bool:
    if word in _MALE or word in _FEMALE:
        gender = "m" if word in _MALE else "f"
        return onto.is_a(mention.type, "Person") and genders.get(mention.key, gender) == gender
    if word in _NEUTER:
        return onto.base(mention.type, _NEUTER_CLASSES) is not None
    return onto.base(mention.type, _PLURAL_CLASSES) is not None


def resolve_pronouns(ents: DocEntities, *, ontology: Ontology, sents=None, org_nouns: frozenset[str] = frozenset(),
                     person_titles: frozenset[str] = frozenset(), agent_nouns=None) -> dict[int, int]:
    """Resolve the third-person pronouns of ``ents.doc`` (whose sentences are
    ``sents``, default ``ents.doc.sents``); ``ontology`` says which classes each
    pronoun may refer to. Definite descriptions whose noun is one of ``org_nouns``
    (kinds of organisation: "the firm") or ``person_titles`` ("the minister"), or
    "the country", "the city", are resolved too (to organisations, people, places).
    ``agent_nouns`` (noun → classes, ``kg:agentNoun``) are the plural nouns through
    which a country acts ("Zorbian authorities arrested Bo Li. They ..."): "they"
    may refer to the nationality or country that modifies one.

    Returns (and stores in ``ents.pronouns``) a map from pronoun token index to
    the index in ``ents.mentions`` of its antecedent; unresolved pronouns are left
    out. Runs in one pass over the tokens.
    """
    if not ents.mentions:
        return {}  # nothing to refer to
    doc = ents.doc
    genders = _written_genders(ents, ontology)
    earlier: list[list[int]] = []  # per recent sentence: mention indexes, subjects first
    resolved: dict[int, int] = {}
    agents: dict[int, object] = {}  # a modifier mention that acts through a plural agent noun -> that noun
    for sent in (sents if sents is not None else doc.sents):
        in_sentence: list[int] = []  # mention indexes seen so far in this sentence
        seen: set[int] = set()
        root = sent.root  # Span.root walks the sentence: once per sentence
        main_subject = next((c for c in root.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
        for token in sent:
            index = ents.by_token[token.i]
            if index >= 0:
                if index not in seen and not ents.mentions[index].modifier and not _is_seat(doc, ents, index):
                    seen.add(index)
                    in_sentence.append(index)
                continue
            if token.pos_ == "NOUN":
                agent = _agent_modifier(ents, token, agent_nouns, ontology) if agent_nouns else None
                if agent is not None and agent not in seen:
                    seen.add(agent)
                    agents[agent] = token
                    in_sentence.append(agent)
                    continue
                wanted = _described_class(ents, token, org_nouns, person_titles)
                if wanted is not None:
                    antecedent = _described(ents, token, wanted, in_sentence, earlier, ontology)
                    if antecedent is not None:
                        resolved[token.i] = antecedent
                        in_sentence.append(antecedent)
                continue
            if token.pos_ != "PRON":
                continue
            word = token.lower_
            if not (word in _MALE or word in _FEMALE or word in _NEUTER or word in _PLURAL):
                continue
            antecedent = _antecedent(ents, resolved, token, word, (root, main_subject), in_sentence, earlier, genders,
                                     ontology, agents)
            if antecedent is None:
                continue
            resolved[token.i] = antecedent
            mention = ents.mentions[antecedent]
            if word in _MALE or word in _FEMALE:
                genders.setdefault(mention.key, "m" if word in _MALE else "f")
            in_sentence.append(antecedent)
        subjects = [i for i in in_sentence if _is_subject(agents.get(i) or doc[ents.mentions[i].head])]
        earlier.append(subjects + [i for i in in_sentence if i not in subjects])
        del earlier[:-MAX_SENTENCES_BACK]
    ents.pronouns.update(resolved)
    return resolved


def _written_genders(ents: DocEntities, onto: Ontology) -> dict[str, str]:
    """Genders the text gives its people by an honorific or a gendered role word
    right before the name ("Ms Bell", "spokesman Bo Li"): entity key → "m"/"f"."""
    genders: dict[str, str] = {}
    for m in ents.mentions:
        if m.start == 0 or not onto.is_a(m.type, "Person"):
            continue
        word = ents.doc[m.start - 1].lower_.rstrip(".")
        gender = "m" if word in _MALE_WORDS else "f" if word in _FEMALE_WORDS else None
        if gender is not None:
            genders.setdefault(m.key, gender)
    return genders


def _is_subject(token) -> bool:
    # "Ada's plan failed": the possessor of a subject is as salient as a subject.
    return token.dep_ in NOMINAL_SUBJECT_DEPS or (token.dep_ == "poss" and token.head.dep_ in NOMINAL_SUBJECT_DEPS)


def _clause_subject(token):
    """The subject token of the clause ``token`` belongs to, or ``None``."""
    head = token
    while head.dep_ != "ROOT" and head.pos_ not in {"VERB", "AUX"}:
        head = head.head
    while True:
        for child in head.children:
            if child.dep_ in NOMINAL_SUBJECT_DEPS:
                return child
        # "Ada wants to sell her car", "Ada sang and played her song": inherited subjects.
        if head.dep_ not in {"xcomp", "conj"} or head.head.i == head.i:
            return None
        head = head.head


def _antecedent(ents, resolved, token, word, main, in_sentence, earlier, genders, onto, agents) -> int | None:
    """The mention index ``token`` (a pronoun ``word``) refers to, or ``None``.
    ``main`` is ``(root, subject)`` of the sentence's main clause; ``agents`` the
    modifier mentions that act through a plural agent noun, which only "they" refers to."""
    def fits(i: int) -> bool:
        if i in agents:
            return word in _PLURAL
        return _compatible(word, ents.mentions[i], genders, onto)
    # 1. "Zorbia and its allies".
    owner = token.head
    if token.dep_ == "poss" and owner.dep_ == "conj":
        index = ents.by_token[owner.head.i]
        if index >= 0 and fits(index):
            return index
    subject = _clause_subject(token)
    is_object = token.dep_ in _OBJECT_DEPS
    # 2. A fronted clause points forward to the main clause's subject.
    root, main_subject = main
    if main_subject is not None and token.i < main_subject.left_edge.i:
        index = ents.by_token[main_subject.i]
        if index >= 0 and fits(index) and _inside_fronted(token, root):
            return index
    # 3. The clause's own subject (not for an object pronoun), then the nearest before it.
    if subject is not None and subject.i != token.i and not is_object:
        index = ents.by_token[subject.i]
        if index < 0:
            index = resolved.get(subject.i, -1)
        if index >= 0 and fits(index) and subject.i < token.i:
            return index
    # A subject pronoun in a clause under the main one refers to the main subject
    # before the names between them ("Ada, who works with Bo, left when she was
    # sacked"): the nearest name is often inside a relative clause or an object.
    if token.dep_ in NOMINAL_SUBJECT_DEPS and main_subject is not None and main_subject.i < token.i:
        index = ents.by_token[main_subject.i]
        if index < 0:
            index = resolved.get(main_subject.i, -1)
        if index >= 0 and fits(index):
            return index
    blocked = -2
    if is_object and subject is not None:
        blocked = ents.by_token[subject.i] if ents.by_token[subject.i] >= 0 else resolved.get(subject.i, -2)
    for index in reversed(in_sentence):
        if index != blocked and fits(index):
            return index
    # 4. Earlier sentences, most recent first.
    for candidates in reversed(earlier):
        for index in candidates:
            if fits(index):
                return index
    return None


def _agent_modifier(ents: DocEntities, noun, agent_nouns, onto: Ontology) -> int | None:
    """The index of the modifier mention a plural agent ``noun`` acts for ("Zorbian
    authorities": the country of "Zorbian"; ``agent_nouns``: noun → classes), or ``None``."""
    if noun.tag_ != "NNS":
        return None
    classes = agent_nouns.get(noun.lower_) or agent_nouns.get(noun.lemma_.lower())
    if not classes:
        return None
    for child in noun.children:
        index = ents.by_token[child.i]
        if index >= 0 and child.i < noun.i and child.dep_ in _AGENT_MODIFIER_DEPS \
                and any(onto.is_a(ents.mentions[index].type, c) for c in classes):
            return index
    return None


def _inside_fronted(token, root) -> bool:
    """True when ``token`` sits in a dependent of ``root`` placed before its subject."""
    node = token
    while node.head.i != root.i and node.head.i != node.i:
        node = node.head
    return node.dep_ in _FRONTED_DEPS and node.i < root.i


def _described_class(ents: DocEntities, noun, org_nouns: frozenset[str], person_titles: frozenset[str]) -> str | None:
    """The class a definite description headed by ``noun`` refers to ("the firm":
    Organization, "the minister": Person, "the country": Country), or ``None`` when
    ``noun`` heads none that can be resolved (see the module docstring)."""
    if noun.tag_ != "NN" or noun.dep_ in {"compound", "appos", "attr"}:
        return None  # a plural, a noun describing the name next to it, or what a name is ("X is the first firm")
    lemma = noun.lower_
    if lemma in _NOT_DESCRIPTIONS:
        return None
    wanted = ("Organization" if lemma in org_nouns else "Person" if lemma in person_titles
              else _PLACE_NOUNS.get(lemma))
    if wanted is None:
        return None
    definite, placed, bare = False, False, True
    for child in noun.children:
        dep = child.dep_
        if dep == "det":
            definite = child.lower_ in _DEFINITE
        elif ents.by_token[child.i] >= 0 and dep in {"compound", "amod", "nmod", "appos", "poss"}:
            mention = ents.mentions[ents.by_token[child.i]]
            if wanted != "Organization" or dep not in _PLACE_DEPS or mention.type not in _PLACE_TYPES \
                    or mention.modifier:
                # "the Acme group", "the firm Acme"; "the Zorbian group" (in BBC news such a
                # nationality fit the firm the rules below chose 3 times in 5) but "the Lima club"
                return None
            placed = True
        elif dep == "prep" and child.lower_ == "of":
            return None  # "the bank of ...": named by what follows
        elif dep == "poss":
            return None  # "its bank": another entity's
        elif dep == "amod" and child.tag_ == "VBN" and any(c.dep_ == "npadvmod" for c in child.children):
            placed = placed or wanted == "Organization"  # "the Lima-based firm"
        elif child.i < noun.i:
            bare = False
    if placed and not bare:
        return None  # "the Zorbian oil firm": as often one the story has not named
    return wanted if definite else None


def _described(ents: DocEntities, noun, wanted: str, in_sentence: list[int], earlier: list[list[int]],
               onto: Ontology) -> int | None:
    """The mention index the description ``noun`` of class ``wanted`` refers to.

    It refers to the latest entity the text called by that noun before ("Transport
    Minister Ada Bell" or "Ada Bell, the minister" for "the minister"; "the brewer
    Zentex", "Zentex Brewer" for "the brewer"). A person's title refers to no one
    else. Otherwise, among the compatible mentions of its sentence and of the
    :data:`MAX_SENTENCES_BACK` before, it refers to the nearest before it in its
    sentence, else to the entity named most often so far (a story's own firm, not a
    brand it lists), the latest on ties; never to a name its own clause has as
    subject when it is the object ("Acme sued the firm"). A description with a place
    ("the Lima-based firm", "the Peruvian group") refers to no entity the text puts in
    another country, and beyond its sentence to the entity named most often so far,
    however far back."""
    said = [c for c in noun.children if (c.dep_ in _PLACE_DEPS and ents.by_token[c.i] >= 0) or c.tag_ == "VBN"]
    where = _countries_said(ents, said)

    def placed_there(i: int) -> bool:  # "the Lima firm" is no firm the text puts in Leeds
        elsewhere = _countries_of_entity(ents, ents.mentions[i].key) if where else frozenset()
        return not (elsewhere and elsewhere.isdisjoint(where))

    called = _called(ents, noun, wanted, onto)
    if wanted == "Person" or (called is not None and placed_there(called)):
        return called
    blocked = None  # the key of the clause's subject, for a description that is its object
    if noun.dep_ in _OBJECT_DEPS:
        subject = _clause_subject(noun)
        if subject is not None and ents.by_token[subject.i] >= 0:
            blocked = ents.mentions[ents.by_token[subject.i]].key

    def fits(i: int) -> bool:
        mention = ents.mentions[i]
        return mention.key != blocked and onto.is_a(mention.type, wanted) and placed_there(i)

    for index in reversed(in_sentence):
        if fits(index):
            return index
    candidates = [i for sentence in earlier for i in sentence if fits(i)]
    counts: dict[str, int] = {}
    latest: dict[str, int] = {}  # key -> index of its latest mention before the noun
    for index, m in enumerate(ents.mentions):
        if m.start >= noun.i:
            break
        if not m.modifier:
            counts[m.key] = counts.get(m.key, 0) + 1
            latest[m.key] = index
    if said or (not candidates and wanted == "Country"):
        # "the country" far from any country's name, "the Lima-based firm": the story's
        # country or firm, the one named most (a firm that a place describes is rarely
        # only one of those named last: "Acme brands include Zentex . The Lima-based firm")
        candidates = [i for i in latest.values() if fits(i)]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (counts.get(ents.mentions[i].key, 0), ents.mentions[i].start))


def _is_seat(doc, ents: DocEntities, index: int) -> bool:
    """True when mention ``index`` is the place of a "Lima-based" participle: it
    says where the noun's entity is, and no pronoun refers to it."""
    head = doc[ents.mentions[index].head]
    return head.dep_ == "npadvmod" and head.head.tag_ == "VBN" and head.head.dep_ == "amod"


def _countries_said(ents: DocEntities, words) -> frozenset[str]:
    """The countries the places among ``words`` (or the places of a "Lima-based"
    participle among them) lie in, by the gazetteer."""
    from kgraph.extraction.mentions.places import load_gazetteer

    gazetteer = load_gazetteer()
    places = [w for word in words for w in (word, *word.children) if ents.by_token[w.i] >= 0]
    found = frozenset()
    for word in places:
        mention = ents.mentions[ents.by_token[word.i]]
        found |= gazetteer.countries_of(mention.text)
    return found


def _countries_of_entity(ents: DocEntities, key: str) -> frozenset[str]:
    """The countries the text places the entity ``key`` in: the places its name, or the
    name its acronym stands for, holds ("Zorbton Stock Exchange", "ZSE") and those
    written on its mentions ("Peruvian brewer Zentex", "Peru's Zentex")."""
    from kgraph.extraction.mentions.places import load_gazetteer

    gazetteer, doc = load_gazetteer(), ents.doc
    keys = {key} | _expansions(ents, key)
    found = frozenset()
    for m in ents.mentions:
        if m.key not in keys:
            continue
        found |= _countries_in_name(gazetteer, [t.text for t in doc[m.start:m.end]])
        for t in doc[max(m.start - _BEFORE_NAME, 0):m.start]:
            index = ents.by_token[t.i]
            # a place on the name, or on the noun before it ("Peruvian" -> "firm" -> "Zentex")
            on_name = m.start <= t.head.i < m.end or m.start <= t.head.head.i < m.end
            if index >= 0 and on_name and ents.mentions[index].type in _PLACE_TYPES:
                found |= gazetteer.countries_of(ents.mentions[index].text)
    return found


def _countries_in_name(gazetteer, words: list[str]) -> frozenset[str]:
    """The countries of the places a name's words spell, the longest first ("New
    York Stock Exchange": New York's, not York's)."""
    found, start = frozenset(), 0
    while start < len(words):
        for stop in range(min(len(words), start + _MAX_PLACE_WORDS), start, -1):
            codes = gazetteer.countries_of(" ".join(words[start:stop]))
            if codes:
                found, start = found | codes, stop
                break
        else:
            start += 1
    return found


def _expansions(ents: DocEntities, key: str) -> set[str]:
    """The keys of the entities whose names an acronym label of ``key`` spells ("ZSE":
    "Zorbton Stock Exchange")."""
    label = ents.entities[key].label if key in ents.entities else ""
    if not (label.isalpha() and label.isupper() and 1 < len(label) <= _MAX_ACRONYM):
        return set()
    return {other for other, entity in ents.entities.items()
            if "".join(w[0] for w in entity.label.split() if w[:1].isupper()) == label and other != key}


def _called(ents: DocEntities, noun, wanted: str, onto: Ontology) -> int | None:
    """The index of the latest mention of class ``wanted`` before ``noun`` that the
    text calls by ``noun``'s word: the word just before the name, its last word, or a
    noun in apposition with it; ``None`` when there is none."""
    doc, word = ents.doc, noun.lemma_.lower()
    for index in range(len(ents.mentions) - 1, -1, -1):
        m = ents.mentions[index]
        if m.start >= noun.i or m.modifier or not onto.is_a(m.type, wanted):
            continue
        head = doc[m.head]
        # "the foreign secretary": the words before the noun are the title's too ("Foreign
        # Secretary X", not "Shadow Foreign Secretary X")
        width = noun.i - noun.left_edge.i if noun.left_edge.lower_ not in _DEFINITE else noun.i - noun.left_edge.i - 1
        before = doc[max(m.start - width - 1, 0):m.start]
        titled = (m.start > width and [t.lemma_.lower() for t in before] == [
            t.lemma_.lower() for t in doc[noun.i - width:noun.i + 1]]
            and not (m.start > width + 1 and doc[m.start - width - 2].lower_ in _OTHER_ROLE))
        if (titled or doc[m.end - 1].lemma_.lower() == word
                or any(c.dep_ == "appos" and c.lemma_.lower() == word for c in head.children)
                or (head.dep_ == "appos" and head.head.lemma_.lower() == word)):
            return index
    return None
