"""The build: paths → articles → parsed docs → extraction → merged graph.

Articles stream through ``nlp.pipe`` in batches; each Doc is dropped as soon as
it has been extracted, so memory holds the results, never the parses.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .articles import read_articles
from .errors import InputError
from .graph import DEFAULT_BASE, KnowledgeGraph
from .nlp import load_model
from .resolve import Resolver
from .types import Article, DocumentResult, Statement

__all__ = ["build", "extract", "extract_articles"]


def extract_articles(
    articles: Iterable[Article],
    *,
    nlp=None,
    batch_size: int = 32,
    n_process: int = 1,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[DocumentResult]:
    """Parse and extract each article; yields one :class:`DocumentResult` per article.

    An article whose extraction fails is passed to ``on_error`` (default: raise)
    and skipped; the others go on.
    """
    from .extract import extract_doc

    nlp = nlp or load_model()
    stream = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        try:
            yield extract_doc(doc, article)
        except Exception as err:  # a bug on one article must not sink the build
            error = InputError(article.path or article.id, f"extraction failed: {type(err).__name__}: {err}")
            if on_error is None:
                raise error from err
            on_error(error)


def build(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    batch_size: int = 32,
    workers: int = 1,
    on_error: Callable[[InputError], None] | None = None,
) -> KnowledgeGraph:
    """Build a :class:`KnowledgeGraph` from files, folders or ``"-"`` (stdin).

    Inputs that cannot be read are passed to ``on_error``; by default each is
    reported as a warning and skipped. The failures are kept in
    ``KnowledgeGraph.failures``.

    >>> kg = build(["seeds/"])                        # doctest: +SKIP
    >>> kg.statements_frame().head()                  # doctest: +SKIP
    """
    failures: list[InputError] = []

    def report(error: InputError) -> None:
        failures.append(error)
        if on_error is not None:
            on_error(error)
        else:
            warnings.warn(str(error), stacklevel=3)

    nlp = load_model(model)
    resolver = Resolver(base=base)
    articles = read_articles(paths, on_error=report)
    for result in extract_articles(articles, nlp=nlp, batch_size=batch_size, n_process=workers, on_error=report):
        resolver.add(result)
    kg = resolver.graph()
    kg.failures = [str(error) for error in failures]
    return kg


def extract(text: str, *, model: str | None = None) -> list[Statement]:
    """The statements of one text, with entity keys local to it.

    >>> extract("Ada Lovelace visited Paris.")      # doctest: +SKIP
    [Statement(subject=Mention(... key='ada-lovelace' ...), predicate='visits', ...)]
    """
    article = Article(id="text", text=text)
    results = list(extract_articles([article], nlp=load_model(model)))
    return list(results[0].statements) if results else []
