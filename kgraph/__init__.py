"""kgraph: turn news articles into a knowledge graph.

>>> import kgraph
>>> kg = kgraph.build(["seeds/"])            # doctest: +SKIP
>>> kg.statements_frame()                     # doctest: +SKIP
>>> kgraph.extract("Ada Lovelace visited Paris.")   # doctest: +SKIP

Importing kgraph loads no model; the spaCy pipeline loads once, on first use.
"""

from .errors import InputError, KGraphError, ModelError, OntologyError, QueryError, RemoteError, StoreError
from .graph import DEFAULT_BASE, KnowledgeGraph
from .pipeline import build, extract
from .types import Article, DocumentResult, Entity, Mention, Proposition, Span, Statement

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "build",
    "extract",
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
