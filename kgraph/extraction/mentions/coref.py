"""A small pronoun resolver: he/she/his/her/they/it → the entity they stand for.

No coreference model can be installed, so the rules are the classic salience
heuristics, in this order:

1. a possessive in a conjunction with a compatible entity refers to it
   ("Zorbia and its allies" → Zorbia);
2. a pronoun in a fronted clause refers forward to the main subject
   ("Opening his speech, Ada thanked ..." → Ada);
3. otherwise the subject of the pronoun's own clause, then the nearest
   compatible mention before it in the sentence;
4. otherwise the subject (else the first compatible mention) of the nearest
   earlier sentence, at most :data:`MAX_SENTENCES_BACK` sentences back.

"Compatible" means of the right kind, by the ontology's classes and their
subclasses: he/she refer to people, it to a single organisation, place, event or
work, they to groups or organisations. A person
once called "she", or written "Ms", "Mrs", "spokeswoman" before the name, is not
later "he", and vice versa. An object pronoun never
refers to the subject of its own clause ("Ada praised her" is not Ada).
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


def _compatible(word: str, mention: RawMention, genders: dict[str, str], onto: Ontology) -> bool:
    if word in _MALE or word in _FEMALE:
        gender = "m" if word in _MALE else "f"
        return onto.is_a(mention.type, "Person") and genders.get(mention.key, gender) == gender
    if word in _NEUTER:
        return onto.base(mention.type, _NEUTER_CLASSES) is not None
    return onto.base(mention.type, _PLURAL_CLASSES) is not None


def resolve_pronouns(ents: DocEntities, *, ontology: Ontology, sents=None) -> dict[int, int]:
    """Resolve the third-person pronouns of ``ents.doc`` (whose sentences are
    ``sents``, default ``ents.doc.sents``); ``ontology`` says which classes each
    pronoun may refer to.

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
    for sent in (sents if sents is not None else doc.sents):
        in_sentence: list[int] = []  # mention indexes seen so far in this sentence
        seen: set[int] = set()
        root = sent.root  # Span.root walks the sentence: once per sentence
        main_subject = next((c for c in root.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
        for token in sent:
            index = ents.by_token[token.i]
            if index >= 0:
                if index not in seen and not ents.mentions[index].modifier:
                    seen.add(index)
                    in_sentence.append(index)
                continue
            if token.pos_ != "PRON":
                continue
            word = token.lower_
            if not (word in _MALE or word in _FEMALE or word in _NEUTER or word in _PLURAL):
                continue
            antecedent = _antecedent(ents, resolved, token, word, (root, main_subject), in_sentence, earlier, genders,
                                     ontology)
            if antecedent is None:
                continue
            resolved[token.i] = antecedent
            mention = ents.mentions[antecedent]
            if word in _MALE or word in _FEMALE:
                genders.setdefault(mention.key, "m" if word in _MALE else "f")
            in_sentence.append(antecedent)
        subjects = [i for i in in_sentence if _is_subject(doc[ents.mentions[i].head])]
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


def _antecedent(ents, resolved, token, word, main, in_sentence, earlier, genders, onto) -> int | None:
    """The mention index ``token`` (a pronoun ``word``) refers to, or ``None``.
    ``main`` is ``(root, subject)`` of the sentence's main clause."""
    fits = lambda i: _compatible(word, ents.mentions[i], genders, onto)  # noqa: E731
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


def _inside_fronted(token, root) -> bool:
    """True when ``token`` sits in a dependent of ``root`` placed before its subject."""
    node = token
    while node.head.i != root.i and node.head.i != node.i:
        node = node.head
    return node.dep_ in _FRONTED_DEPS and node.i < root.i
