"""The data that flows between kgraph's stages.

Every type is a frozen dataclass of plain ``str``/``int``/``float``/``bool``
fields (and tuples of them), so results can be pickled to worker processes,
compared, hashed and written as JSON. No spaCy object leaves ``kgraph.extraction``.

Offsets are character offsets into ``Article.text``, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Span",
    "Mention",
    "Entity",
    "Statement",
    "Proposition",
    "DocumentResult",
]


@dataclass(frozen=True)
class Article:
    """One input document, cleaned of boilerplate.

    ``id`` is stable across runs: the slug of the file name, the ``id`` field of
    a JSONL record, or a hash of the text.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """An entity mentioned at ``span``; ``key`` names the entity it refers to.

    ``type`` is an ontology class local name, e.g. ``"Person"``. For a pronoun
    resolved to its antecedent, ``span`` is the pronoun and ``key`` the antecedent.
    """

    span: Span
    key: str
    type: str


@dataclass(frozen=True)
class Entity:
    """A canonical entity: ``key`` is an ASCII slug ("zeynep-gul-agaoglu"),
    ``label`` the best surface form, ``type`` an ontology class local name.
    ``links`` are IRIs of the same thing elsewhere (a place's GeoNames IRI) and
    ``code`` its ISO 3166 code ("DE", "US-CA"), when the name says it unambiguously."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    code: str = ""


@dataclass(frozen=True)
class Statement:
    """A typed fact: ``subject`` ``predicate`` ``object``.

    ``predicate`` is an ontology property local name (``"visits"``, or
    ``"relatedTo"`` when no property fits). ``object`` is a Mention, or a
    literal string when ``literal`` is set (dates, quotes, positions).
    ``sentence`` is the evidence sentence in ``Article.text`` of ``article_id``.
    """

    subject: Mention
    predicate: str
    object: Mention | None
    relation_text: str
    article_id: str
    sentence: Span
    literal: str | None = None
    negated: bool = False
    modality: str | None = None
    time: str | None = None
    place: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class Proposition:
    """An open (Open IE) proposition: ``arg1`` ``relation`` ``args...``.

    Arguments are spans of the sentence; ``relation`` is the relation phrase as
    written (it may be discontinuous in the text, so it is a plain string).
    """

    arg1: Span
    relation: str
    args: tuple[Span, ...]
    sentence: Span
    confidence: float = 0.5
    negated: bool = False
    modality: str | None = None


@dataclass(frozen=True)
class DocumentResult:
    """What extraction yields for one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    statements: tuple[Statement, ...] = ()
    propositions: tuple[Proposition, ...] = field(default=(), compare=False)
