"""kgraph's one exception hierarchy.

Messages say what was wrong and what to do; the CLI prints them as one line.
"""

from __future__ import annotations

__all__ = [
    "printable",
    "KGraphError",
    "InputError",
    "ModelError",
    "OntologyError",
    "QueryError",
    "StoreError",
    "RemoteError",
]


def printable(text: str) -> str:
    """``text`` with control and invisible formatting characters (newlines, escape
    sequences, right-to-left marks) written as Python escapes, so that a hostile file
    name can neither break a one-line message in two nor forge or hide one."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class KGraphError(Exception):
    """Base class of every error kgraph raises on purpose."""


class InputError(KGraphError):
    """An input could not be read or parsed; ``source`` names the file (and line).

    The message escapes control characters (see :func:`printable`), so a hostile
    file name cannot break it into two lines or forge another."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{printable(source)}: {printable(reason)}")


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
