"""Typed statements of a document: every rule run once over the clauses and
tokens, then duplicates merged and the result put in a stable order.

The rules live in their own modules: :mod:`~kgraph.extraction.rules.verbs` (verb
clauses), :mod:`~kgraph.extraction.rules.roles` (titles, appositions, copulas) and
:mod:`~kgraph.extraction.rules.nominal` (nouns such as "visit to"). Clauses come from
:func:`kgraph.extraction.syntax.clauses.clauses`, the one clause finder, called once per
sentence by :func:`kgraph.extraction.extract_doc`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kgraph.types import Statement
from kgraph.extraction.syntax.clauses import Clause
from kgraph.extraction.rules.facts import Context
from kgraph.extraction.rules.nominal import nominal_statements
from kgraph.extraction.rules.places import place_statements
from kgraph.extraction.rules.roles import nationality_statements, role_statements
from kgraph.extraction.rules.verbs import verb_statements

__all__ = ["doc_statements", "merge_statements"]


def doc_statements(ctx: Context, found_clauses: Sequence[Clause]) -> list[Statement]:
    """The typed statements of ``ctx.doc``, merged and sorted (see :func:`merge_statements`).

    ``found_clauses`` are the clauses of every sentence of ``ctx.sents`` (found once
    by the caller, which also renders them as propositions)."""
    if not ctx.ents.mentions:
        return []  # every statement relates a named subject
    found: list[Statement] = []
    for clause in found_clauses:
        if clause.verb is not None and clause.source == "verb":
            ctx.clause_of[clause.verb.i] = clause
    for clause in found_clauses:
        found.extend(verb_statements(ctx, clause))
        found.extend(role_statements(ctx, clause))
    found.extend(nominal_statements(ctx))
    found.extend(place_statements(ctx, found_clauses))
    found.extend(nationality_statements(ctx))
    return merge_statements(found, symmetric=ctx.symmetric)


def _identity(s: Statement, symmetric: frozenset[str]) -> tuple:
    obj = s.object.key if s.object is not None else "\0" + (s.literal or "")
    ends = (s.subject.key, obj)
    if s.predicate in symmetric:
        ends = tuple(sorted(ends))
    return (*ends, s.predicate, s.negated, s.sentence.start)


def merge_statements(statements: Iterable[Statement], *, symmetric: frozenset[str] = frozenset()) -> list[Statement]:
    """One statement per fact and evidence sentence (the most confident; the
    first found on ties), ordered by sentence, subject, object and predicate.
    ``symmetric`` names the properties for which A–B and B–A are one fact."""
    best: dict[tuple, Statement] = {}
    for s in statements:
        key = _identity(s, symmetric)
        if key not in best or s.confidence > best[key].confidence:
            best[key] = s
    return sorted(best.values(), key=lambda s: (
        s.sentence.start, s.subject.span.start, s.object.span.start if s.object else -1, s.predicate,
        s.literal or "", s.negated,
    ))
