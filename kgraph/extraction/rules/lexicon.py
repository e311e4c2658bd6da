"""The relation lexicon of the ontology, indexed for the extraction rules.

``kg:verb`` "travel to" becomes the key ``("travel", "to")``; "impose sanction on"
becomes ``("impose", "on")`` with the object noun "sanction"; "urge to resign" is a
demanded act ("resign") of the verb "urge"; ``kg:noun`` "phone call with" becomes
``("call", "with")``; ``kg:title`` "prime minister" is a two-word title. :meth:`Lexicon.choose` picks, among the properties a wording
names, the most specific one whose domain and range accept the argument types.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from kgraph.ontology import Ontology, load_ontology

__all__ = ["PREPOSITIONS", "Lexicon", "load_lexicon"]

# Words that end a lexicon entry as the preposition (or particle) of the object.
PREPOSITIONS = frozenset({
    "to", "with", "of", "in", "on", "for", "at", "from", "into", "by", "against", "between",
    "about", "over", "under", "through", "across", "toward", "towards", "among", "behind", "dead", "out", "up",
    "back", "down", "off",
})
# Particles written between a verb and its object's preposition ("hit out at", "team up
# with"): the parse hangs the object on the preposition, so the key leaves them out.
PARTICLES = frozenset({"out", "up", "back", "down", "off", "over"})


# Properties of a stance: their object may be a thing that stands for its owner.
STANCES = ("supports", "opposes")


@dataclass(frozen=True)
class Lexicon:
    """Lookup tables over the ontology's lexicon. Keys are lowercase lemmas.

    ``verbs[(lemma, prep)]`` and ``nouns[(lemma, prep)]`` list property names
    (``prep`` is ``None`` for a direct object); ``verb_objects[(lemma, prep)]``
    maps a light verb's object noun ("sanction" in "impose sanction on") to its
    properties; ``titles[last word]`` lists ``(words, property)`` for role nouns;
    ``noun_heads[lemma]`` lists the properties of a noun whatever its preposition;
    ``name_preps[prep]`` the properties of a preposition on a person's name (``kg:prep``);
    ``member_words[word]`` the property that ties a person to a body whose name ends
    with ``word`` ("labour", "party": ``memberOf``; ``kg:memberWord``);
    ``recipient_verbs[(lemma, prep)]`` the properties whose subject is the object of
    ``prep`` ("sell to": ``acquires``; ``kg:recipientVerb``); ``inverse_titles`` is
    laid out as ``titles``, for role nouns that name the other end's role ("son":
    ``parentOf`` read backwards; ``kg:inverseTitle``); ``agent_nouns[noun]`` the
    classes whose entities act through ``noun`` ("government": ``Country``;
    ``kg:agentNoun``); ``demands[(lemma, prep)]`` maps the verb of a demanded act to
    the properties between who demands it and who is to do it (``kg:verb`` "urge to
    resign": "X urged Y to resign" gives X ``opposes`` Y).
    """

    ontology: Ontology
    verbs: dict
    nouns: dict
    verb_objects: dict
    titles: dict
    noun_heads: dict
    name_preps: dict
    member_words: dict
    recipient_verbs: dict
    demands: dict
    inverse_titles: dict
    agent_nouns: dict

    @functools.cached_property
    def title_words(self) -> frozenset[str]:
        """Every word of every title, lowercase ("prime", "minister", ...)."""
        return frozenset(w for entries in self.titles.values() for words, _ in entries for w in words)

    @functools.cached_property
    def light_objects(self) -> frozenset[tuple[str, str]]:
        """``(verb lemma, object noun)`` of the light-verb entries ("impose", "sanction"):
        such a noun under such a verb is read with the verb, not on its own."""
        return frozenset((verb, noun) for (verb, _), table in self.verb_objects.items() for noun in table)

    @functools.cached_property
    def symmetric(self) -> frozenset[str]:
        """Names of the symmetric properties ("meetsWith")."""
        return frozenset(name for name, p in self.ontology.properties.items() if p.symmetric)

    @functools.cached_property
    def stances(self) -> frozenset[str]:
        """Names of the properties of a stance towards anything (:data:`STANCES` that the
        ontology has, whose range is a top class): backing or opposing a thing ("Ada's
        plan", "Zentex technology") is backing or opposing whose it is."""
        onto = self.ontology
        return frozenset(name for name in STANCES if name in onto.properties
                         and onto.properties[name].range in onto.classes
                         and len(onto.ancestors(onto.properties[name].range)) == 1)

    @functools.cached_property
    def organisation_nouns(self) -> frozenset[str]:
        """One-word titles of properties whose subject is an organisation ("firm", "bank")."""
        return self._one_word_titles("Organization")

    @functools.cached_property
    def person_titles(self) -> frozenset[str]:
        """One-word titles of properties whose subject is a person ("minister", "wife"):
        a name they describe in apposition is a person's. Titles of properties any agent
        can hold ("owner", "partner") say nothing of the name's type."""
        return self._one_word_titles("Person")

    def _one_word_titles(self, holder: str) -> frozenset[str]:
        """One-word titles of the properties whose domain is ``holder`` or below it."""
        onto = self.ontology
        return frozenset(
            words[0] for entries in self.titles.values() for words, prop in entries
            if len(words) == 1 and onto.properties[prop].domain
            and onto.is_a(onto.properties[prop].domain, holder)
        )

    @functools.cached_property
    def title_phrases(self) -> frozenset[tuple[str, ...]]:
        """The titles of more than one word, as lowercase word tuples ("home", "secretary")."""
        return frozenset(words for entries in self.titles.values() for words, _ in entries if len(words) > 1)

    def member_property(self, name: str) -> str | None:
        """The property that ties a person to the body called ``name`` when its last
        word is a ``kg:memberWord`` ("Green Party" -> ``memberOf``), else ``None``."""
        words = name.lower().split()
        return self.member_words.get(words[-1]) if words else None

    def verb(self, lemma: str, prep: str | None = None) -> tuple[str, ...]:
        """Properties the verb ``lemma`` (with object preposition ``prep``) expresses."""
        return self.verbs.get((lemma.lower(), prep), ())

    def noun(self, token, prep: str | None) -> tuple[str, ...]:
        """Properties the noun ``token`` with object preposition ``prep`` expresses;
        matches the word as written and its lemma ("talks with", "talk with")."""
        return self.nouns.get((token.lower_, prep)) or self.nouns.get((token.lemma_.lower(), prep), ())

    def noun_any(self, token) -> tuple[str, ...]:
        """Properties the noun ``token`` expresses with any preposition; for a
        compound object ("a Zorbia trip" is a "trip to" Zorbia)."""
        return self.noun_heads.get(token.lower_) or self.noun_heads.get(token.lemma_.lower(), ())

    def title(self, token, *, inverse: bool = False) -> tuple[str, str] | None:
        """``(title text, property)`` when ``token`` ends a role noun ("minister" in
        "foreign minister" of a "prime minister" entry), else ``None``; with
        ``inverse``, a ``kg:inverseTitle`` ("son": the property's object is the one
        who holds the role)."""
        table = self.inverse_titles if inverse else self.titles
        for word in (token.lower_, token.lemma_.lower()):
            for words, prop in table.get(word, ()):
                first = token.i - len(words) + 1
                if first < 0:
                    continue
                written = token.doc[first:token.i + 1]
                if tuple(t.lower_ for t in written[:-1]) == words[:-1]:
                    return written.text, prop
        return None

    def choose(self, candidates, subject_type: str, object_type: str | None) -> str | None:
        """The most specific property among ``candidates`` whose domain accepts
        ``subject_type`` and whose range accepts ``object_type`` (``None`` for a
        literal object); ``None`` when no candidate fits."""
        onto = self.ontology
        best, best_rank = None, None
        for name in candidates:
            if not onto.fits(name, subject_type, object_type):
                continue
            term = onto.properties[name]
            # A narrower domain/range means a more specific reading ("meets with
            # a person" beats "hosts an entity").
            rank = (len(onto.ancestors(term.domain)) if term.domain else 0) + (
                len(onto.ancestors(term.range)) if term.range and term.range in onto.classes else 0
            )
            if best_rank is None or rank > best_rank:
                best, best_rank = name, rank
        return best


def _split(entry: str) -> tuple[str, str | None, str | None]:
    """``"impose sanction on"`` → ``("impose", "sanction", "on")``; a particle before the
    preposition is left out (``"hit out at"`` → ``("hit", None, "at")``) and a noun is
    its head word (``"take legal action against"`` → ``("take", "action", "against")``)."""
    words = entry.lower().split()
    prep = words[-1] if len(words) > 1 and words[-1] in PREPOSITIONS else None
    middle = words[1:-1] if prep else words[1:]
    if middle and middle[0] in PARTICLES:
        middle = middle[1:]
    return words[0], middle[-1] if middle else None, prep


@functools.lru_cache(maxsize=None)
def load_lexicon(ontology: Ontology | None = None) -> Lexicon:
    """Index the lexicon of ``ontology`` (default: :func:`load_ontology`)."""
    ontology = ontology or load_ontology()
    verbs, nouns, objects, titles = defaultdict(list), defaultdict(list), defaultdict(dict), defaultdict(list)
    heads, name_preps, member_words, recipients = defaultdict(list), defaultdict(list), {}, defaultdict(list)
    inverse_titles, demands = defaultdict(list), defaultdict(dict)
    # kg:prep, kg:memberWord, kg:recipientVerb, kg:inverseTitle and kg:agentNoun are
    # optional: an ontology without one has no such rules.
    annotated = lambda name, annotation: (  # noqa: E731
        ontology.values(name, annotation) if annotation in ontology.annotations else ())
    for name, term in sorted(ontology.relations.items()):
        for entry in term.verbs:
            words = entry.lower().split()
            if len(words) > 2 and words[-2] == "to":  # "urge to resign": a demanded act
                acts = demands[(words[0], words[1] if len(words) > 3 else None)].setdefault(words[-1], [])
                if name not in acts:
                    acts.append(name)
                continue
            verb, noun, prep = _split(entry)
            # Two wordings may share a key ("take action against", "take legal action against").
            listed = verbs[(verb, prep)] if noun is None else objects[(verb, prep)].setdefault(noun, [])
            if name not in listed:
                listed.append(name)
        for entry in term.nouns:
            words = entry.lower().split()
            prep = words[-1] if len(words) > 1 and words[-1] in PREPOSITIONS else None
            head = words[-2] if prep else words[-1]
            nouns[(head, prep)].append(name)
            if name not in heads[head]:
                heads[head].append(name)
        for entry in term.titles:
            words = tuple(entry.lower().split())
            titles[words[-1]].append((words, name))
        for prep in annotated(name, "prep"):
            name_preps[prep.lower()].append(name)
        for word in annotated(name, "memberWord"):
            member_words.setdefault(word.lower(), name)
        for entry in annotated(name, "recipientVerb"):
            verb, _, prep = _split(entry)
            recipients[(verb, prep)].append(name)
        for entry in annotated(name, "inverseTitle"):
            words = tuple(entry.lower().split())
            inverse_titles[words[-1]].append((words, name))
    agent_nouns = defaultdict(list)
    for name in sorted(ontology.classes):
        for noun in annotated(name, "agentNoun"):
            agent_nouns[noun.lower()].append(name)
    freeze = lambda table: {k: tuple(v) for k, v in table.items()}  # noqa: E731
    return Lexicon(
        ontology=ontology,
        verbs=freeze(verbs),
        nouns=freeze(nouns),
        verb_objects={k: {n: tuple(p) for n, p in v.items()} for k, v in objects.items()},
        titles={k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in titles.items()},
        inverse_titles={k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in inverse_titles.items()},
        agent_nouns=freeze(agent_nouns),
        noun_heads=freeze(heads),
        name_preps=freeze(name_preps),
        member_words=member_words,
        recipient_verbs=freeze(recipients),
        demands={k: {act: tuple(p) for act, p in v.items()} for k, v in demands.items()},
    )
