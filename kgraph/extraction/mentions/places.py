"""The gazetteer of countries and regions in ``ontologies/places.tsv``.

It types geopolitical names (a known country is a ``Country``, a known region a
``Place``) and links demonyms to their country ("Zorbian" → the country whose
demonyms list it). Lookups fold diacritics and case, so "Türkiye" and "turkiye"
are one name.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import OntologyError
from kgraph.ontology import data_path
from kgraph.text import fold

__all__ = ["PLACES_PATH", "Gazetteer", "load_gazetteer"]

PLACES_PATH = data_path("places.tsv")


def _norm(text: str) -> str:
    # "The Gambia" and "Gambia" are one name; so are "U.S." and "US".
    # fold() normalises Unicode; ASCII text, nearly every name, has nothing to fold
    words = (text if text.isascii() else fold(text)).lower().replace(".", "").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Gazetteer:
    """Name tables: ``kinds`` maps a normalised name or alias to ``"country"`` or
    ``"region"``, ``canonical`` to the place's main name, ``demonyms`` maps a
    normalised demonym to its place's main name."""

    kinds: dict
    canonical: dict
    demonyms: dict

    def kind(self, name: str) -> str | None:
        """``"country"``, ``"region"`` or ``None`` for an unknown ``name``."""
        return self.kinds.get(_norm(name))

    def name(self, name: str) -> str | None:
        """The main name of the place called ``name`` ("UK" → "United Kingdom")."""
        return self.canonical.get(_norm(name))

    def demonym(self, word: str) -> str | None:
        """The place whose demonym ``word`` is ("Zorbian" → "Zorbia"), else ``None``."""
        return self.demonyms.get(_norm(word))


@functools.lru_cache(maxsize=None)
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read the gazetteer at ``path`` (default: the one kgraph ships).

    Raises :class:`OntologyError` when the file is missing or a row is malformed.
    """
    path = Path(path) if path is not None else PLACES_PATH
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise OntologyError(f"{path}: cannot read the gazetteer: {err.strerror}") from err
    kinds: dict[str, str] = {}
    canonical: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4 or cells[0] not in ("country", "region"):
            raise OntologyError(f"{path}:{number}: expected 'country|region<TAB>name<TAB>aliases<TAB>demonyms'")
        kind, name, aliases, words = cells
        for alias in [name, *filter(None, aliases.split("|"))]:
            # The first row wins: a country's name beats a region of the same name.
            kinds.setdefault(_norm(alias), kind)
            canonical.setdefault(_norm(alias), name)
        for word in filter(None, words.split("|")):
            demonyms.setdefault(_norm(word), name)
    return Gazetteer(kinds=kinds, canonical=canonical, demonyms=demonyms)
