"""Parse and extract in a pool of worker processes, streaming and in order.

Each worker loads the model once and runs :func:`kgraph.extraction.work.extract_batch`
on batches of articles, so parsing AND extraction happen in the workers and the
main process only reads articles and merges results. Only a few batches are in
flight at a time, so memory stays bounded however long the input is.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from kgraph.errors import KGraphError
from kgraph.types import Article

__all__ = ["batches", "in_order", "extract_parallel"]

T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one may be shorter), lazily."""
    if size < 1:
        raise KGraphError(f"batch size must be 1 or more, not {size}")
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def in_order(submit: Callable[[list], Future], chunks: Iterable[list], *, window: int) -> Iterator:
    """Submit each chunk with ``submit`` (which returns a future whose result is a
    list) keeping at most ``window`` futures pending; yield the items of each
    result in submission order. The next chunk is only read from ``chunks`` when
    a slot frees up, which is what bounds memory."""
    pending: deque[Future] = deque()
    chunks = iter(chunks)
    try:
        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:  # stopped early: do not leave work queued
            future.cancel()


def _context() -> multiprocessing.context.BaseContext:
    """Workers start from a fresh single-threaded server process, never by forking
    this one (which may run threads: progress bars, Dask clients). The server
    imports spaCy and kgraph once, so pools after the first start fast; where
    there is no fork server (Windows), each worker is spawned."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["spacy", "kgraph.run.pipeline", "kgraph.extraction"])
    return context


def extract_parallel(
    articles: Iterable[Article],
    *,
    model: str,
    workers: int,
    batch_size: int = 32,
    keep_propositions: bool = False,
    ontology=None,
) -> Iterator:
    """Yield one :class:`~kgraph.types.DocumentResult` or
    :data:`~kgraph.extraction.work.Failure` per article, in input order, computed by
    ``workers`` processes that each load ``model`` and ``ontology`` (an
    :class:`~kgraph.ontology.Ontology`, sent as its path; default: kgraph's).

    Raises :class:`KGraphError` if a worker process dies, and
    :class:`~kgraph.errors.ModelError` if the model is missing.
    """
    from kgraph.extraction.work import extract_batch

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())

    def submit(chunk: Sequence[Article]) -> Future:
        return pool.submit(extract_batch, chunk, model=model, batch_size=batch_size,
                           keep_propositions=keep_propositions, ontology=ontology)

    try:
        # Two batches per worker: one being parsed, one queued, so no worker waits.
        yield from in_order(submit, batches(articles, batch_size), window=2 * workers)
    except BrokenProcessPool as err:
        raise KGraphError(f"a worker process died ({err}); try fewer --workers or a smaller --batch-size") from err
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
