"""Merge entities across documents.

Each document's extraction names its entities with document-local keys (the slug
of the best label it saw). Across documents the same entity appears under
different keys: "Agaoglu" in one article, "Zeynep Gül Ağaoğlu" in another. The
:class:`Resolver` collects document results as they stream in and, at the end,
maps every key to one canonical entity:

- keys are slugs, so diacritics and case never split an entity;
- a key that is an alias slug of another entity of the same family (people,
  places, other agents: the first of :data:`FAMILIES` its class descends from)
  merges into it;
- a person's shorter name ("agaoglu", "gul-agaoglu") merges into the one person
  whose full name ends with it; when two people share it, nothing merges.

The canonical label is the longest name (ties: most mentioned, then alphabetical).
An entity that the ontology names as an individual (``ex:Brackton a ex:Town ;
rdfs:label "Brackton"``) has the individual's class; any other entity's type is
its most frequent one, so a statement typed in one document may
no longer fit its property's domain or range once types are merged: it becomes
``kg:relatedTo`` (keeping its relation text), or is dropped if its object is a literal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from kgraph.graph import DEFAULT_BASE, KnowledgeGraph
from kgraph.ontology import Ontology, load_ontology
from kgraph.text import slug
from kgraph.types import Article, DocumentResult, Entity, Mention, Statement

__all__ = ["FAMILIES", "Resolver", "resolve"]

# Classes whose entities may be the same thing under different NER labels; a
# Country is a Place before it is an Agent.
FAMILIES = ("Person", "Place", "Agent")


class Resolver:
    """Collect :class:`DocumentResult` objects (and the inputs that failed), then
    :meth:`graph` merges them.

    >>> resolver = Resolver()
    >>> for result in results:          # doctest: +SKIP
    ...     resolver.add(result)
    >>> kg = resolver.graph()           # doctest: +SKIP

    ``ontology`` (an :class:`Ontology` or the path of one; default: kgraph's) types
    the merged entities, checks each statement's property and becomes the graph's.
    """

    def __init__(self, *, base: str = DEFAULT_BASE, ontology: "Ontology | str | Path | None" = None):
        self.base = base
        self.ontology = load_ontology(ontology)
        self.articles: dict[str, Article] = {}
        self._statements: list[Statement] = []
        self._labels: dict[str, Counter] = defaultdict(Counter)
        self._types: dict[str, Counter] = defaultdict(Counter)
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._links: dict[str, Counter] = defaultdict(Counter)  # key -> (type, links, code) counts
        self._known: set[str] = set()
        self._stored: set[Entity] = set()
        self._failures: list[str] = []
        # The slug of every label and alias, made as results arrive (while workers
        # parse) rather than all at once in graph(), which runs after the last one.
        self._slugs: dict[str, str] = {}

    def add(self, result: DocumentResult) -> None:
        """Take one document's entities and statements."""
        self.articles[result.article.id] = result.article
        self._count(result.entities)
        self._statements.extend(result.statements)

    def add_entities(self, entities: Iterable[Entity]) -> None:
        """Take entities known from elsewhere (an existing store), so that new
        mentions merge with them. A known entity keeps its key, and so its IRI,
        even when a fuller name arrives: the store's statements point to it. A
        known entity that the documents leave as it was and name in no statement
        stays out of :meth:`graph`: the store already describes it."""
        entities = tuple(entities)
        self._known.update(entity.key for entity in entities)
        self._stored.update(entities)
        self._count(entities)

    def add_failure(self, error: str) -> None:
        """Record an input that could not be built (one line); the graph lists it
        in ``failures``."""
        self._failures.append(error)

    def _count(self, entities: Iterable[Entity]) -> None:
        slugs, individuals = self._slugs, self.ontology.individuals
        for entity in entities:
            label = entity.label
            self._labels[entity.key][label] += 1
            if label not in slugs:
                slugs[label] = slug(label)
            self._types[entity.key][individuals.get(slugs[label], entity.type)] += 1
            aliases = self._aliases[entity.key]
            aliases.update(entity.aliases)
            aliases.add(label)
            for alias in entity.aliases:
                if alias not in slugs:
                    slugs[alias] = slug(alias)
            if entity.links or entity.code:
                self._links[entity.key][(entity.type, entity.links, entity.code)] += 1

    def _slug(self, text: str) -> str:
        found = self._slugs.get(text)
        if found is None:
            found = self._slugs[text] = slug(text)
        return found

    def graph(self) -> KnowledgeGraph:
        """The merged :class:`KnowledgeGraph`: canonical entities, statements whose
        mentions name canonical keys and types, sorted in a stable order, and the
        failures recorded."""
        canonical = self._canonical_keys()
        members: dict[str, list[str]] = defaultdict(list)
        for key, target in canonical.items():
            members[target].append(key)
        entities: dict[str, Entity] = {}
        renamed: dict[str, str] = {}
        for target, keys in members.items():
            entity = self._merge(keys)
            known = sorted(self._known.intersection(keys))
            if known:
                entity = replace(entity, key=known[0])
            if entity.key in entities:  # same name, different thing (a person and a place)
                entity = replace(entity, key=f"{entity.key}-{slug(entity.type)}")
            entities[entity.key] = entity
            for key in keys:
                renamed[key] = entity.key
        fit = _Fit(self.ontology)
        statements = sorted(
            filter(None, (fit(self._rename(s, renamed, entities)) for s in self._statements)),
            key=_statement_order,
        )
        if self._stored:
            named = {m.key for s in statements for m in (s.subject, s.object) if m is not None}
            entities = {key: e for key, e in entities.items() if key in named or e not in self._stored}
        return KnowledgeGraph(
            entities=dict(sorted(entities.items())),
            statements=statements,
            articles=dict(sorted(self.articles.items())),
            base=self.base,
            failures=list(self._failures),
            ontology=self.ontology,
        )

    # ----------------------------------------------------------------- merging

    def _type(self, key: str) -> str:
        counts = self._types[key]
        return max(sorted(counts), key=lambda t: counts[t])

    def _canonical_keys(self) -> dict[str, str]:
        """key -> representative key (union-find over the merge rules)."""
        parent = {key: key for key in self._labels}

        def find(key: str) -> str:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                # The representative is the key with more words: the fuller name.
                keep, drop = sorted((ra, rb), key=lambda k: (-k.count("-"), k))
                parent[drop] = keep

        keys = sorted(self._labels)
        families = {key: self.ontology.base(self._type(key), FAMILIES) or self._type(key) for key in keys}
        by_slug: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key in keys:
            for alias in self._aliases[key]:
                by_slug[(families[key], self._slug(alias))].append(key)
        for key in keys:
            for other in by_slug.get((families[key], key), ()):
                union(key, other)
        # Shorter person names: the unique person whose key ends with them.
        suffixes: dict[str, set[str]] = defaultdict(set)
        for key in keys:
            if families[key] == "Person":
                parts = key.split("-")
                for i in range(1, len(parts)):
                    suffixes["-".join(parts[i:])].add(find(key))
        for key in keys:
            if families[key] == "Person":
                owners = {find(k) for k in suffixes.get(key, ())} - {find(key)}
                if len(owners) == 1:
                    union(key, owners.pop())
        return {key: find(key) for key in keys}

    def _merge(self, keys: list[str]) -> Entity:
        if len(keys) == 1:  # most entities: nothing to add up
            labels, types, aliases = self._labels[keys[0]], self._types[keys[0]], self._aliases[keys[0]]
        else:
            labels, types, aliases = Counter(), Counter(), set()
            for key in keys:
                labels.update(self._labels[key])
                types.update(self._types[key])
                aliases |= self._aliases[key]
        label = min(labels, key=lambda text: (-len(text.split()), -labels[text], text))
        type_ = min(types, key=lambda t: (-types[t], t))
        # The links of the merged type; none when its mentions were linked to different places.
        links = {(found, code) for key in keys for (t, found, code) in self._links.get(key, ()) if t == type_}
        found, code = links.pop() if len(links) == 1 else ((), "")
        return Entity(
            key=self._slug(label),
            label=label,
            type=type_,
            aliases=tuple(sorted(aliases - {label})),
            links=found,
            code=code,
        )

    @staticmethod
    def _rename(statement: Statement, renamed: dict[str, str], entities: dict[str, Entity]) -> Statement:
        def mention(m: Mention | None) -> Mention | None:
            if m is None:
                return None
            key = renamed.get(m.key, m.key)
            entity = entities.get(key)
            type_ = entity.type if entity else m.type
            # A mention already canonical is kept: most are, and a copy costs.
            return m if key == m.key and type_ == m.type else Mention(span=m.span, key=key, type=type_)

        subject, object_ = mention(statement.subject), mention(statement.object)
        if subject is statement.subject and object_ is statement.object:
            return statement
        return replace(statement, subject=subject, object=object_)


class _Fit:
    """:func:`_fit` with each (property, subject type, object type) checked once."""

    def __init__(self, onto: Ontology):
        self.onto = onto
        self.fits: dict[tuple[str, str, str | None], bool] = {}

    def __call__(self, statement: Statement) -> Statement | None:
        object_type = statement.object.type if statement.object is not None else None
        key = (statement.predicate, statement.subject.type, object_type)
        fits = self.fits.get(key)
        if fits is None:
            fits = self.fits[key] = self.onto.fits(*key)
        if fits:
            return statement
        if object_type is not None:
            return replace(statement, predicate="relatedTo")
        return None


def _fit(statement: Statement, onto: Ontology) -> Statement | None:
    """``statement`` if its property fits the merged types, else its kg:relatedTo
    reading, else ``None``."""
    object_type = statement.object.type if statement.object is not None else None
    if onto.fits(statement.predicate, statement.subject.type, object_type):
        return statement
    if object_type is not None:
        return replace(statement, predicate="relatedTo")
    return None


def _statement_order(s: Statement):
    return (
        s.article_id, s.sentence.start, s.subject.span.start, s.predicate,
        s.object.span.start if s.object is not None else -1, s.literal or "", s.relation_text,
    )


def resolve(results: Iterable[DocumentResult], *, base: str = DEFAULT_BASE,
            ontology: Ontology | None = None) -> KnowledgeGraph:
    """Merge ``results`` into one :class:`KnowledgeGraph` typed by ``ontology``
    (default: kgraph's)."""
    resolver = Resolver(base=base, ontology=ontology)
    for result in results:
        resolver.add(result)
    return resolver.graph()
