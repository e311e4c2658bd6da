"""Extraction: articles → parsed ``Doc``s → entities, typed statements and open
propositions. The only stage that imports spaCy.

- :mod:`.model` loads the spaCy pipeline (once per process, best model first);
- :mod:`.work` is the unit of work of every way to run a build: parse a batch of
  articles and extract each;
- :mod:`.document` extracts one parsed article; its stages live in
  :mod:`.mentions` (names, types, pronouns), :mod:`.syntax` (parse repairs,
  clauses, propositions), :mod:`.rules` (the ontology lexicon) and :mod:`.pairs`
  (the trained mention-pair classifier);
- :mod:`.open_ie` gives open propositions of lines of text.

The names below load on first use, so importing this package costs nothing.
"""

from __future__ import annotations

import importlib

__all__ = ["extract_doc", "extract_text", "openie"]

_HOMES = {"extract_doc": "document", "extract_text": "document", "openie": "open_ie"}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
