"""Faster equivalents of two spaCy components, installed by :func:`speed_up`.

The attribute ruler and the rule lemmatizer of spaCy's English pipelines take
about a quarter of the small model's parse time, though neither is a network:
the ruler runs spaCy's ``Matcher`` (180 patterns, token by token) and then sets
each match's attributes through a ``Span``; the lemmatizer calls Python code for
every token. Both give, for the same tokens, the same annotations as:

- :class:`ArrayRuler` matches the ruler's own patterns on arrays of the doc's
  attributes (one numpy test per pattern and attribute) and sets on each token
  the attributes of the rules it matches, later rules over earlier ones, with
  spaCy's own ``set_token_attrs``: what ``AttributeRuler`` does, match by match.
- :class:`CachedLemmatizer` looks each token's lemma up by (word, part of speech,
  morphology), the key of spaCy's own cache, and asks the rule lemmatizer only
  for a key it has not seen.

A ruler with a pattern this module cannot read (an operator, another attribute)
and a lemmatizer in another mode are left as they are. tests/test_extraction_pipes.py
compares every token's annotations with those of the stock components.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

import numpy as np
from spacy.errors import Errors
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["ArrayRuler", "CachedLemmatizer", "speed_up"]

_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMNS = tuple(_ATTRS.values())


def speed_up(nlp) -> None:
    """Give ``nlp`` (a loaded ``Language``) the faster equivalents of its attribute
    ruler and rule lemmatizer, where it has them in a form they read. Each component
    keeps its state and its own class's methods (a language's lemmatizer its
    ``is_base_form``): its class becomes a subclass that only replaces ``__call__``."""
    for _, pipe in nlp.pipeline:
        if isinstance(pipe, AttributeRuler) and ArrayRuler.reads(pipe):
            pipe.__class__ = _faster(ArrayRuler, type(pipe))
        elif isinstance(pipe, Lemmatizer) and pipe.mode == "rule":
            pipe.__class__ = _faster(CachedLemmatizer, type(pipe))


@functools.lru_cache(maxsize=None)
def _faster(fast: type, stock: type) -> type:
    """``stock`` with ``fast``'s ``__call__``: ``fast`` itself for its own base class,
    ``stock`` itself when it has it already."""
    if issubclass(stock, fast):
        return stock
    if stock is fast.__base__:
        return fast
    return type(f"{fast.__name__}For{stock.__name__}", (fast, stock), {"__module__": __name__})


class _Test:
    """One token of a pattern: a test per attribute column of the doc's array."""

    def __init__(self, token: dict, strings):
        self.tests = []  # (column, kind, values)
        self.needs = []  # (column, value): a doc without that value in that column has no match
        for key, value in token.items():
            column = _COLUMNS.index(_ATTRS[key])
            if isinstance(value, bool):
                self.tests.append((column, "eq", int(value)))
            elif isinstance(value, str):
                self.tests.append((column, "eq", strings[value]))
                self.needs.append((column, strings[value]))
            elif "IN" in value:
                self.tests.append((column, "in", np.array([strings[v] for v in value["IN"]], dtype=np.uint64)))
            elif "NOT_IN" in value:
                self.tests.append((column, "not", np.array([strings[v] for v in value["NOT_IN"]], dtype=np.uint64)))
            else:  # REGEX: tested on each distinct lowercase word once
                self.tests.append((column, "re", (re.compile(value["REGEX"]), {})))

    def mask(self, columns: np.ndarray, strings) -> np.ndarray:
        out = np.ones(len(columns), dtype=bool)
        for column, kind, values in self.tests:
            col = columns[:, column]
            if kind == "eq":
                out &= col == values
            elif kind == "in":
                out &= np.isin(col, values)
            elif kind == "not":
                out &= ~np.isin(col, values)
            else:
                regex, seen = values
                hits = [h for h in np.unique(col[out]).tolist()
                        if seen.setdefault(h, regex.search(strings[h]) is not None)]
                out &= np.isin(col, np.array(hits, dtype=np.uint64))
        return out


class ArrayRuler(AttributeRuler):
    """spaCy's ``AttributeRuler`` with its patterns matched on arrays (see the module)."""

    @staticmethod
    def reads(ruler: AttributeRuler) -> bool:
        """Whether every pattern of ``ruler`` is one this class matches: tokens without
        operators, testing TAG, LOWER, DEP or IS_SPACE for a value, IN, NOT_IN or
        (LOWER) REGEX."""
        for rule in ruler.patterns:
            for pattern in rule["patterns"]:
                for token in pattern:
                    for key, value in token.items():
                        if key not in _ATTRS:
                            return False
                        if isinstance(value, dict) and not (
                                len(value) == 1 and ("IN" in value or "NOT_IN" in value
                                                     or ("REGEX" in value and key == "LOWER"))):
                            return False
                        if not isinstance(value, (dict, str, bool)):
                            return False
        return True

    def _compiled(self) -> list:
        """(rule, pattern tests, index) for every pattern, in rule order; made again
        when rules were added since."""
        compiled = getattr(self, "_array_rules", None)
        if compiled is None or self._array_count != len(self.attrs):
            strings = self.vocab.strings
            compiled = [(rule, [_Test(token, strings) for token in pattern], self.indices[rule])
                        for rule, spec in enumerate(self.patterns) for pattern in spec["patterns"]]
            self._array_rules, self._array_count, self._merged = compiled, len(self.attrs), {}
        return compiled

    def __call__(self, doc):
        compiled = self._compiled()
        if not len(doc):
            return doc
        strings = self.vocab.strings
        columns = doc.to_array(list(_COLUMNS))
        n = len(doc)
        present = [set(column) for column in columns.T.tolist()]
        rules_at: dict[int, list[int]] = defaultdict(list)
        for rule, tests, index in compiled:
            size = len(tests)
            if size > n or any(value not in present[column] for test in tests for column, value in test.needs):
                continue
            starts = np.ones(n - size + 1, dtype=bool)
            for k, test in enumerate(tests):
                starts &= test.mask(columns[k:n - size + 1 + k], strings)
            target = index if index >= 0 else size + index
            for i in (np.flatnonzero(starts) + target).tolist():
                found = rules_at[i]
                if not found or found[-1] != rule:
                    found.append(rule)
        merged = self._merged
        for i, rules in rules_at.items():
            key = tuple(rules)
            attrs = merged.get(key)
            if attrs is None:
                attrs = merged[key] = {k: v for rule in key for k, v in self.attrs[rule].items()}
            set_token_attrs(doc[i], attrs)
        return doc


class CachedLemmatizer(Lemmatizer):
    """spaCy's rule ``Lemmatizer`` with each token's lemma looked up by (word, part
    of speech, morphology) in one pass over arrays (see the module)."""

    def __call__(self, doc):
        if not len(doc):
            return doc
        if not self._validated:
            self._validate_tables(Errors.E1004)
        lemmas = getattr(self, "_lemma_hashes", None)
        if lemmas is None:
            lemmas = self._lemma_hashes = {}
        keys = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = np.flatnonzero(keys[:, 3] == 0) if not self.overwrite else np.arange(len(doc))
        if not len(todo):
            return doc
        out = keys[:, 3].copy()
        add = self.vocab.strings.add
        for i, key in zip(todo.tolist(), map(tuple, keys[todo, :3].tolist())):
            lemma = lemmas.get(key)
            if lemma is None:
                lemma = lemmas[key] = add(self.lemmatize(doc[i])[0])
            out[i] = lemma
        doc.from_array([LEMMA], out.reshape(-1, 1))
        return doc
