"""kgraph: turn news articles into a knowledge graph.

>>> import kgraph
>>> kg = kgraph.build(["seeds/"])            # doctest: +SKIP
>>> kg.statements_frame()                     # doctest: +SKIP
>>> kgraph.extract("Ada Lovelace visited Paris.")   # doctest: +SKIP
>>> next(kgraph.openie(["Ada Lovelace was born in London."]))   # doctest: +SKIP

Importing kgraph loads no model and does not import spaCy; the pipeline loads
once, on first use. The stages live in subpackages (see docs/design.md):
:mod:`kgraph.io`, :mod:`kgraph.extraction`, :mod:`kgraph.rdf`, :mod:`kgraph.viz`
and :mod:`kgraph.run`; what a user needs is re-exported here.
"""

from kgraph.errors import InputError, KGraphError, ModelError, OntologyError, QueryError, RemoteError, StoreError
from kgraph.graph import DEFAULT_BASE, KnowledgeGraph
from kgraph.run.pipeline import build, extract
from kgraph.types import Article, DocumentResult, Entity, Mention, Proposition, Span, Statement

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "build",
    "extract",
    "openie",
    "KnowledgeGraph",
    "DEFAULT_BASE",
    "Article",
    "Span",
    "Mention",
    "Entity",
    "Statement",
    "Proposition",
    "DocumentResult",
    "KGraphError",
    "InputError",
    "ModelError",
    "OntologyError",
    "QueryError",
    "StoreError",
    "RemoteError",
]


def __getattr__(name: str):
    # openie imports spaCy's Doc types: loaded on first use, so `import kgraph` stays light.
    if name == "openie":
        from kgraph.extraction.open_ie import openie

        return openie
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
