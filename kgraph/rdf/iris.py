"""The IRIs kgraph mints under a graph's base, and the vocabulary prefixes.

Minted IRIs are built from slugs, so no text can break them:
``{base}entity/{key}``, ``{base}article/{slug(id)}``,
``{base}statement/{hash of the statement's identity}``. Named graphs are
``{base}graph/article/{slug(id)}`` for an article's node, statements and direct
triples, and ``{base}graph/entities`` for entities and ontology terms. This
module is the one place that knows these paths.
"""

from __future__ import annotations

import re

import pyoxigraph
from rdflib import OWL, RDF, RDFS, SKOS, XSD
from rdflib.namespace import PROV, SDO

from kgraph.errors import KGraphError
from kgraph.ontology import KG_IRI
from kgraph.text import content_hash, slug
from kgraph.types import Statement

__all__ = [
    "ENTITY",
    "ARTICLE",
    "STATEMENT",
    "check_base",
    "entity_prefix",
    "entity_iri",
    "article_iri",
    "article_graph",
    "entities_graph",
    "statement_identity",
    "statement_iri",
    "split_iri",
    "VOCABULARY",
    "prefixes",
]

#: The path under the base of each kind of minted IRI.
ENTITY, ARTICLE, STATEMENT = "entity/", "article/", "statement/"

_SLUG_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _key_part(key: str) -> str:
    """``key`` if it is already a slug (the normal case), else its slug."""
    return key if _SLUG_KEY.fullmatch(key) and len(key) <= 120 else slug(key)


def check_base(base: str) -> str:
    """``base`` when the IRIs minted under it are valid. Raises
    :class:`~kgraph.errors.KGraphError` for a base that is no absolute IRI."""
    try:
        pyoxigraph.NamedNode(entity_iri(base, "x"))
    except ValueError:
        raise KGraphError(f"base IRI {base!r} is not an absolute IRI; use one such as "
                          "https://example.org/kgraph/") from None
    return base


def entity_prefix(base: str) -> str:
    """What every entity IRI under ``base`` starts with: ``{base}entity/``."""
    return base + ENTITY


def entity_iri(base: str, key: str) -> str:
    """The IRI of entity ``key``: ``{base}entity/{key}``."""
    return entity_prefix(base) + _key_part(key)


def article_iri(base: str, article_id: str) -> str:
    """The IRI of an article: ``{base}article/{slug(id)}``."""
    return base + ARTICLE + _key_part(article_id)


def article_graph(base: str, article_id: str) -> str:
    """The named graph holding an article's node, statements and direct triples."""
    return f"{base}graph/{ARTICLE}{_key_part(article_id)}"


def entities_graph(base: str) -> str:
    """The named graph holding entities and the ontology terms used."""
    return f"{base}graph/entities"


def statement_identity(s: Statement) -> str:
    """What a statement says and where its words are: equal for two statements
    that read the same words the same way, whatever their confidence."""
    if s.object is not None:
        obj = f"e:{s.object.key}:{s.object.span.start}:{s.object.span.end}"
    else:
        obj = f"l:{s.literal}"
    fields = (
        s.article_id, str(s.sentence.start), str(s.sentence.end),
        f"{s.subject.key}:{s.subject.span.start}:{s.subject.span.end}", s.predicate, obj,
        s.relation_text, str(s.negated), s.modality or "", s.time or "", s.place or "",
    )
    return "\x1f".join(fields)


def statement_iri(base: str, statement: Statement, *, identity: str | None = None) -> str:
    """The IRI of a statement node: ``{base}statement/{hash}``, a hash of its
    :func:`statement_identity` (given as ``identity`` when the caller has it), so
    rescoring keeps IRIs."""
    if identity is None:
        identity = statement_identity(statement)
    return f"{base}{STATEMENT}{content_hash(identity)[:20]}"


def split_iri(iri: str, kind: str) -> tuple[str, str]:
    """``(base, local name)`` of an IRI minted as ``{base}{kind}{local name}``
    (``kind`` is :data:`ENTITY`, :data:`ARTICLE` or :data:`STATEMENT`);
    ``("", iri)`` for an IRI of no such shape."""
    base, _, local = iri.rpartition(kind)
    return base, local


#: The vocabulary prefixes of every serialisation (and of ``kgraph query``).
VOCABULARY = {
    "kg": KG_IRI,
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def prefixes(base: str) -> dict[str, str]:
    """The prefixes bound in every serialisation: :data:`VOCABULARY` plus
    ``article:``, ``entity:`` and ``statement:`` under ``base``, sorted by name."""
    minted = {kind.rstrip("/"): base + kind for kind in (ARTICLE, ENTITY, STATEMENT)}
    return dict(sorted({**VOCABULARY, **minted}.items()))
