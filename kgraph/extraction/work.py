"""The unit of work of every way to run a build: parse a batch of articles with
``nlp.pipe`` and extract each parsed article.

The same function runs in the building process, in worker processes
(:mod:`kgraph.run.pool`) and on Dask workers (:mod:`kgraph.run.cluster`), so every
way gives the same results. Each ``Doc`` is dropped as soon as it has been
extracted: memory holds the results, never the parses.

The process that coordinates a pool or Dask build imports this module only to
name :func:`extract_batch` to its workers: importing it loads neither spaCy nor
the extraction code (they load on first use), which kept about 0.5 CPU-s a build
on the coordinating process. :func:`warm_up` loads, ahead of the first batch,
everything a batch needs.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence, Union

from kgraph.extraction.model import load_model
from kgraph.ontology import Ontology
from kgraph.types import Article, DocumentResult

__all__ = ["MAX_BATCH_CHARS", "Failure", "Outcome", "extract_batch", "extract_outcomes", "pipe_batches", "warm_up"]

#: An article that could not be extracted: ``(source, reason)``. A plain tuple,
#: because it travels back from worker processes and Dask workers by pickle.
Failure = tuple[str, str]
Outcome = Union[DocumentResult, Failure]


#: The most characters parsed in one ``nlp.pipe`` batch: the parser's memory grows with
#: the text of the whole batch (about 340 MB per 100,000 characters with the small
#: English model), so articles are parsed a few at a time: 25,000 characters (about
#: ten news articles) keep a process within about 90 MB of what the loaded model
#: takes, where 32 articles took 230 MB, at the same speed (69 ms of CPU an article
#: with 4, 8, 16 or 32 per batch) and with the same results (a parse does not depend
#: on the other texts of its batch).
MAX_BATCH_CHARS = 25_000


def pipe_batches(articles: Iterable[Article], *, batch_size: int,
                 max_chars: int = MAX_BATCH_CHARS) -> Iterator[list[Article]]:
    """``articles`` in order, in lists of at most ``batch_size`` articles and, unless
    one article alone is longer, at most ``max_chars`` characters."""
    batch: list[Article] = []
    size = 0
    for article in articles:
        if batch and (len(batch) >= batch_size or size + len(article.text) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article.text)
    if batch:
        yield batch


def extract_outcomes(nlp, articles: Iterable[Article], *, batch_size: int,
                     keep_propositions: bool, ontology: Ontology | None = None) -> Iterator[Outcome]:
    """Parse ``articles`` with ``nlp.pipe`` and extract each doc with ``ontology``
    (default: kgraph's); one outcome per article."""
    from kgraph.extraction.document import extract_doc  # spaCy and the rules: see the module's docstring

    for batch in pipe_batches(articles, batch_size=batch_size):
        stream = ((article.text, article) for article in batch)
        for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=len(batch)):
            try:
                # The graph never uses the open propositions: a build does not compute
                # them, which also keeps them out of the pickles sent back by workers.
                yield extract_doc(doc, article, ontology=ontology, with_propositions=keep_propositions)
            except Exception as err:  # a bug on one article must not sink the build
                yield (article.path or article.id, f"extraction failed: {type(err).__name__}: {err}")


def extract_batch(articles: Sequence[Article], *, model: str, batch_size: int = 32,
                  keep_propositions: bool = False, ontology: Ontology | None = None) -> list[Outcome]:
    """Parse and extract ``articles`` with the model called ``model`` and ``ontology``
    (both loaded once per process; an :class:`Ontology` travels as its path): the
    unit of work of worker processes and Dask tasks.

    Returns one :class:`DocumentResult` or :data:`Failure` per article, in order.
    Raises :class:`~kgraph.errors.ModelError` when the model is missing.
    """
    return list(extract_outcomes(load_model(model), articles, batch_size=batch_size,
                          keep_propositions=keep_propositions, ontology=ontology))


#: What :func:`warm_up` extracts: an invented sentence with a person, a title, an
#: organisation, a place and a pronoun, so that every stage runs once.
_WARM_UP = Article(id="warm-up", text="Ada Bell, the chief executive of Acme Corp, visited Zorbia on Monday. "
                                      "She met the mayor there.")


def warm_up(model: str, ontology: Ontology | None = None) -> None:
    """Load everything :func:`extract_batch` needs with ``model`` and ``ontology``:
    spaCy and the model, the extraction code, the gazetteer, the relation model and
    the lexicon, and what spaCy and the rules build on first use, by extracting
    one invented sentence (about 1.5 CPU-s, once per process).
    Raises :class:`~kgraph.errors.ModelError` when the model is missing."""
    extract_batch([_WARM_UP], model=model, ontology=ontology)
