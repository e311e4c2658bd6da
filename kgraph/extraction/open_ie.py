"""Open information extraction over lines of text: the library behind ``kgraph openie``.

Each line is one input (a sentence, usually). A pre-tokenised line (CaRB's
format) is split on whitespace and parsed as those tokens, with Penn Treebank
escapes read as the characters they stand for; its propositions still point
into the line as given.

>>> for props in openie(["Ada Lovelace, a mathematician, was born in London."]):  # doctest: +SKIP
...     print([(p.arg1.text, p.relation, [a.text for a in p.args]) for p in props])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from kgraph.extraction.model import load_model
from kgraph.extraction.syntax.propositions import propositions
from kgraph.types import Proposition, Span

__all__ = ["PTB_ESCAPES", "openie", "parse_lines", "line_propositions"]

# Penn Treebank escapes in pre-tokenised text, read as the characters they stand
# for so that the tagger sees what it was trained on; output keeps the escapes.
PTB_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
               "``": '"', "''": '"'}
_WORD = re.compile(r"\S+")


def parse_lines(lines: Iterable[str], nlp, *, pretokenized: bool = False, batch_size: int = 64) -> Iterator:
    """``nlp.pipe`` over ``lines``; pre-tokenised lines become ``Doc``s of their
    whitespace tokens (PTB escapes read as the characters they stand for)."""
    if not pretokenized:
        return nlp.pipe(lines, batch_size=batch_size)
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=[PTB_ESCAPES.get(w, w) for w in line.split()]) for line in lines)
    return nlp.pipe(docs, batch_size=batch_size)


def line_propositions(line: str, doc, *, pretokenized: bool = False) -> list[Proposition]:
    """The propositions of ``doc``, the parse of ``line``, with every span an offset
    into ``line`` itself (a pre-tokenised line's ``Doc`` has text of its own)."""
    props = list(propositions(doc))
    if not pretokenized:
        return props
    words = [(m.start(), m.end()) for m in _WORD.finditer(line)]

    def in_line(span: Span) -> Span:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        start, end = words[tokens.start][0], words[tokens.end - 1][1]
        return Span(start, end, line[start:end])

    return [replace(p, arg1=in_line(p.arg1), args=tuple(in_line(a) for a in p.args), sentence=in_line(p.sentence))
            for p in props]


def openie(lines: Iterable[str], *, model: str | None = None, nlp=None, pretokenized: bool = False,
           batch_size: int = 64) -> Iterator[list[Proposition]]:
    """The open propositions of each line, one list per line, in order.

    Parses with ``nlp`` (default: the spaCy pipeline called ``model``, or the best
    English one installed). ``pretokenized`` lines are split on whitespace only.
    Raises :class:`~kgraph.errors.ModelError` when the model is missing.
    """
    lines = list(lines)
    docs = parse_lines(lines, nlp or load_model(model), pretokenized=pretokenized, batch_size=batch_size)
    for line, doc in zip(lines, docs):
        yield line_propositions(line, doc, pretokenized=pretokenized)
