"""kgraph's one exception hierarchy.

Messages say what was wrong and what to do; the CLI prints them as one line.
"""

from __future__ import annotations

__all__ = [
    "KGraphError",
    "InputError",
    "ModelError",
    "OntologyError",
    "QueryError",
    "StoreError",
    "RemoteError",
]


class KGraphError(Exception):
    """Base class of every error kgraph raises on purpose."""


class InputError(KGraphError):
    """An input could not be read or parsed; ``source`` names the file (and line)."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ModelError(KGraphError):
    """No usable spaCy pipeline."""


class OntologyError(KGraphError):
    """An unknown ontology term, or an ontology file that cannot be used."""


class QueryError(KGraphError):
    """A SPARQL query that could not be parsed or run."""


class StoreError(KGraphError):
    """An embedded store that cannot be opened or written."""


class RemoteError(KGraphError):
    """A SPARQL server that is down, refused the request or answered an error."""
