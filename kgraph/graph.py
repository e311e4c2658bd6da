"""KnowledgeGraph: the in-memory graph of entities and statements, and the public
facade over every view of it (RDF, networkx, pyvis, pandas, files, SPARQL)."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.ontology import Ontology, load_ontology
from kgraph.types import Article, Entity, Statement

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import pandas
    import pyvis.network
    import rdflib

__all__ = ["KnowledgeGraph", "DEFAULT_BASE"]

DEFAULT_BASE = "https://example.org/kgraph/"


@dataclass
class KnowledgeGraph:
    """Entities and statements merged across articles.

    ``entities`` maps entity key to :class:`Entity`; ``statements`` holds every
    :class:`Statement` (subject/object keys are canonical entity keys);
    ``articles`` maps article id to :class:`Article`; ``base`` is the namespace of
    minted IRIs; ``failures`` lists the inputs that could not be built, one line
    each; ``ontology`` (default: kgraph's) names the classes and properties of its
    RDF, JSON-LD context and SHACL shapes. Build one with :func:`kgraph.build`.
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    base: str = DEFAULT_BASE
    failures: list[str] = field(default_factory=list)
    ontology: Ontology = field(default_factory=load_ontology)

    def __repr__(self) -> str:
        return (
            f"<KnowledgeGraph articles={len(self.articles)} entities={len(self.entities)} "
            f"statements={len(self.statements)}>"
        )

    def _repr_html_(self) -> str:
        """A compact summary for Jupyter: counts and the most frequent relations."""
        relations = Counter(s.predicate for s in self.statements).most_common(8)
        rows = "".join(
            f"<tr><td>kg:{html.escape(name)}</td><td>{count}</td></tr>" for name, count in relations
        )
        return (
            "<div><b>KnowledgeGraph</b>: "
            f"{len(self.articles)} articles, {len(self.entities)} entities, "
            f"{len(self.statements)} statements"
            f"<table><tr><th>relation</th><th>statements</th></tr>{rows}</table></div>"
        )

    # ------------------------------------------------------------------ views

    def to_rdf(self) -> "rdflib.Graph":
        """The graph as an rdflib ``Graph`` (see :mod:`kgraph.rdf.shape` for its shape)."""
        from kgraph.rdf.shape import to_rdf

        return to_rdf(self)

    def to_networkx(self) -> "networkx.MultiDiGraph":
        """The graph as a ``networkx.MultiDiGraph``: entities as nodes, every statement
        between two entities as an edge (negated and hedged ones flagged)."""
        from kgraph.viz.network import to_networkx

        return to_networkx(self)

    def to_pyvis(self, **options) -> "pyvis.network.Network":
        """The graph as a pyvis ``Network``, ready to write as HTML."""
        from kgraph.viz.html import to_pyvis

        return to_pyvis(self, **options)

    def statements_frame(self) -> "pandas.DataFrame":
        """One row per statement: subject, predicate, object, relation text, flags,
        confidence, article id and evidence sentence. Text columns have pandas'
        ``string`` dtype, so every missing value (an object type, a time...) is
        ``pd.NA``; ``negated`` is bool and ``confidence`` float."""
        import pandas as pd

        columns = [
            "subject", "subject_type", "predicate", "object", "object_type", "relation_text",
            "negated", "modality", "time", "place", "confidence", "article", "sentence",
        ]
        rows = []
        for s in self.statements:
            subject = self.entities.get(s.subject.key)
            obj = self.entities.get(s.object.key) if s.object is not None else None
            rows.append((
                subject.label if subject else s.subject.span.text,
                s.subject.type,
                s.predicate,
                obj.label if obj else (s.literal if s.object is None else s.object.span.text),
                s.object.type if s.object is not None else None,
                s.relation_text, s.negated, s.modality, s.time, s.place, s.confidence,
                s.article_id, s.sentence.text,
            ))
        # Without a dtype, pandas types a column by its values: a column of strings
        # gets NaN for a missing one, a column of only None keeps None.
        text = {name: "string" for name in columns if name not in ("negated", "confidence")}
        return pd.DataFrame(rows, columns=columns).astype({**text, "negated": bool, "confidence": float})

    def query(self, sparql: str):
        """Run a SPARQL query over :meth:`to_rdf` and return rdflib's result.

        Raises :class:`kgraph.errors.QueryError` for a query that does not parse.
        """
        from kgraph.rdf.shape import query

        return query(self.to_rdf(), sparql)

    def write(self, directory: str | Path = "output", **options) -> list[Path]:
        """Write ``graph.ttl``, ``graph.html`` and ``statements.jsonl`` into
        ``directory`` (created if needed), each atomically. Returns the paths."""
        from kgraph.io.output import write_outputs

        return write_outputs(self, Path(directory), **options)
