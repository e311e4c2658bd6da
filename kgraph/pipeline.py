"""The build: paths → articles → parsed docs → extraction → merged graph.

Articles stream through ``nlp.pipe`` in batches; each Doc is dropped as soon as
it has been extracted, so memory holds the results, never the parses. The
per-article work (parse + extract) runs in this process, in a pool of worker
processes (``workers=N``, see :mod:`kgraph.parallel`) or on a Dask cluster
(``dask=...``, see :mod:`kgraph.distributed`); the merge by entity key
(:class:`~kgraph.resolve.Resolver`) always runs here, so every way gives the
same graph.
"""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Sequence, Union

from .articles import read_articles
from .errors import InputError, KGraphError
from .graph import DEFAULT_BASE, KnowledgeGraph
from .nlp import default_model_name, load_model
from .resolve import Resolver
from .text import content_hash
from .types import Article, DocumentResult, Entity, Statement

__all__ = ["build", "extract", "extract_articles", "extract_batch", "batches", "MAX_BATCH_CHARS", "Failure"]

#: An article that could not be extracted: ``(source, reason)``. A plain tuple,
#: because it travels back from worker processes and Dask workers by pickle.
Failure = tuple[str, str]
Outcome = Union[DocumentResult, Failure]
ErrorHandler = Callable[[InputError], None]


#: The most characters parsed in one ``nlp.pipe`` batch: the parser's memory grows with
#: the text of the whole batch (about 340 MB per 100,000 characters with the small
#: English model), so long articles are batched fewer at a time.
MAX_BATCH_CHARS = 200_000


def batches(articles: Iterable[Article], *, batch_size: int,
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


def _outcomes(nlp, articles: Iterable[Article], *, batch_size: int,
              keep_propositions: bool) -> Iterator[Outcome]:
    """Parse ``articles`` with ``nlp.pipe`` and extract each doc; one outcome per article."""
    from .extraction import extract_doc

    for batch in batches(articles, batch_size=batch_size):
        stream = ((article.text, article) for article in batch)
        for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=len(batch)):
            try:
                # The graph never uses the open propositions: a build does not compute
                # them, which also keeps them out of the pickles sent back by workers.
                yield extract_doc(doc, article, with_propositions=keep_propositions)
            except Exception as err:  # a bug on one article must not sink the build
                yield (article.path or article.id, f"extraction failed: {type(err).__name__}: {err}")


def extract_batch(articles: Sequence[Article], *, model: str, batch_size: int = 32,
                  keep_propositions: bool = False) -> list[Outcome]:
    """Parse and extract ``articles`` with the model called ``model`` (loaded once
    per process): the unit of work of worker processes and Dask tasks.

    Returns one :class:`DocumentResult` or :data:`Failure` per article, in order.
    Raises :class:`~kgraph.errors.ModelError` when the model is missing.
    """
    return list(_outcomes(load_model(model), articles, batch_size=batch_size,
                          keep_propositions=keep_propositions))


def _report(outcomes: Iterable[Outcome], on_error: ErrorHandler | None) -> Iterator[DocumentResult]:
    for outcome in outcomes:
        if isinstance(outcome, DocumentResult):
            yield outcome
            continue
        error = InputError(*outcome)
        if on_error is None:
            raise error
        on_error(error)


def extract_articles(
    articles: Iterable[Article],
    *,
    nlp=None,
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    dask=None,
    keep_propositions: bool = True,
    on_error: ErrorHandler | None = None,
) -> Iterator[DocumentResult]:
    """Parse and extract each article; yields one :class:`DocumentResult` per article,
    in input order.

    The work runs here with ``nlp`` (default: the model called ``model``), or with
    ``n_process > 1`` in that many worker processes, or with ``dask`` (a
    ``distributed.Client``) on its cluster; workers load the model by name, so
    ``nlp`` is only used here. At most a few batches of ``batch_size`` articles
    are in flight at any time. An article whose extraction fails is passed to
    ``on_error`` (default: raise) as an :class:`InputError` and skipped.
    ``keep_propositions=False`` drops the open propositions, which the graph does
    not use.
    """
    if dask is not None or n_process > 1:
        name = model or default_model_name()
        if dask is not None:
            from .distributed import extract_dask

            outcomes = extract_dask(articles, client=dask, model=name, batch_size=batch_size,
                                    keep_propositions=keep_propositions)
        else:
            from .parallel import extract_parallel

            outcomes = extract_parallel(articles, model=name, workers=n_process, batch_size=batch_size,
                                        keep_propositions=keep_propositions)
    else:
        outcomes = _outcomes(nlp or load_model(model), articles, batch_size=batch_size,
                             keep_propositions=keep_propositions)
    yield from _report(outcomes, on_error)


def build(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    batch_size: int = 32,
    workers: int = 1,
    dask=None,
    skip: Collection[str] = (),
    known_entities: Iterable[Entity] = (),
    show_progress: bool = False,
    on_error: ErrorHandler | None = None,
    on_skip: Callable[[Article], None] | None = None,
) -> KnowledgeGraph:
    """Build a :class:`KnowledgeGraph` from files, folders or ``"-"`` (stdin).

    ``workers=N`` parses and extracts in N processes; ``dask`` runs that work on a
    Dask cluster (a ``distributed.Client``, an address such as
    ``"tcp://10.0.0.5:8786"``, or ``"local:N"`` for a local cluster of N worker
    processes). Every way gives the same graph. Articles whose content hash is in
    ``skip`` are not processed (incremental builds); ``known_entities`` (from an
    earlier build) take part in the merge, so new mentions join them, but only
    entities that the new articles mention end up in the graph.
    ``show_progress`` draws a progress bar on stderr. Worker processes start
    fresh and import the calling script, so a script that uses ``workers`` or
    ``dask="local:N"`` must call :func:`build` under ``if __name__ == "__main__":``
    (notebooks and the ``kgraph`` command need nothing).

    Inputs that cannot be read are passed to ``on_error``; by default each is
    reported as a warning and skipped. The failures are kept in
    ``KnowledgeGraph.failures``. Each article skipped is passed to ``on_skip``.

    >>> kg = build(["seeds/"])                        # doctest: +SKIP
    >>> kg.statements_frame().head()                  # doctest: +SKIP
    """
    from .progress import count_articles, progress

    if workers < 1:
        raise KGraphError(f"workers must be 1 or more, not {workers}")
    failures: list[InputError] = []
    paths = list(paths)

    with progress(total=count_articles(paths) if show_progress else None, show=show_progress) as bar:

        def report(error: InputError) -> None:
            failures.append(error)
            bar.update()
            if on_error is not None:
                on_error(error)
            else:
                warnings.warn(str(error), stacklevel=3)

        def fresh(articles: Iterable[Article]) -> Iterator[Article]:
            for article in articles:
                if skip and content_hash(article.text) in skip:
                    bar.update()
                    if on_skip is not None:
                        on_skip(article)
                else:
                    yield article

        resolver = Resolver(base=base)
        known = _add_known(resolver, known_entities)
        with _dask_client(dask) as client:
            results = extract_articles(
                fresh(read_articles(paths, on_error=report)), model=model, batch_size=batch_size,
                n_process=workers, dask=client, keep_propositions=False, on_error=report,
            )
            for result in results:
                resolver.add(result)
                bar.update()
        kg = resolver.graph()
    if known:
        kg = _without_unmentioned(kg, known)
    kg.failures = [str(error) for error in failures]
    return kg



def _add_known(resolver: Resolver, entities: Iterable[Entity]) -> tuple[Entity, ...]:
    entities = tuple(entities)
    resolver.add_entities(entities)
    return entities


def _without_unmentioned(kg: KnowledgeGraph, known: tuple[Entity, ...]) -> KnowledgeGraph:
    """``kg`` without the known entities that the new articles left as they were and
    name in no statement: the store already describes them."""
    used: set[str] = set()
    for s in kg.statements:
        used.add(s.subject.key)
        if s.object is not None:
            used.add(s.object.key)
    unchanged = set(known)
    kg.entities = {key: entity for key, entity in kg.entities.items()
                   if key in used or entity not in unchanged}
    return kg


@contextlib.contextmanager
def _dask_client(dask) -> Iterator:
    """``dask`` as a connected ``distributed.Client`` for the duration of a build:
    ``None`` and clients pass through; an address or ``"local:N"`` is connected
    to here, and a local cluster started for it is shut down afterwards."""
    if not isinstance(dask, str):
        yield dask
        return
    try:
        from .distributed import connect
    except ImportError as err:
        raise KGraphError("Dask support needs the dask extra: pip install 'kgraph[dask]'") from err

    with connect(dask) as client:
        yield client


def extract(text: str, *, model: str | None = None) -> list[Statement]:
    """The statements of one text, with entity keys local to it.

    >>> extract("Ada Lovelace visited Paris.")      # doctest: +SKIP
    [Statement(subject=Mention(... key='ada-lovelace' ...), predicate='visits', ...)]
    """
    article = Article(id="text", text=text)
    results = list(extract_articles([article], nlp=load_model(model)))
    return list(results[0].statements) if results else []
