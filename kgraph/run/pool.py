"""Parse and extract in a pool of worker processes, streaming and in order.

Workers are forked from a server process that loaded the model and warmed the
extraction up once (:func:`worker_context`), and run
:func:`kgraph.extraction.work.extract_batch` on batches of articles, so parsing
AND extraction happen in the workers and the main process only reads articles
and merges results (it never imports spaCy). :func:`schedule` hands out
the work: a bounded read-ahead of articles, a new batch whenever any batch
finishes (not only the oldest), and, once the input is exhausted, the articles
left longest first in batches that shrink with the work left, so no worker
idles at the end while another parses a long batch. Memory stays bounded however
long the input is.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import queue
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from kgraph.errors import KGraphError
from kgraph.types import Article

__all__ = ["MODEL_VARIABLE", "batches", "in_order", "schedule", "extract_parallel", "worker_context"]

#: The environment variable that names the model to the fork server (see :mod:`kgraph.run.warm`).
MODEL_VARIABLE = "KGRAPH_WARM_MODEL"

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


def schedule(submit: Callable[[list], Future], items: Iterable[T], *, workers: int, size: int,
             cost: Callable[[T], int] = lambda item: 1, lookahead: int | None = None) -> Iterator:
    """Run ``items`` through ``submit`` (which takes a list of items and returns a
    future whose result is one outcome per item; ``concurrent.futures`` and Dask
    futures both do) on ``workers`` workers, and yield the outcomes in input order.

    - At most ``2 * workers`` batches are in flight: one being worked on and one
      queued per worker. A slot frees as soon as *any* batch finishes, so a slow
      batch at the head holds up the output, not the workers: they go on until
      the outcomes waiting for it reach ``4 * workers * size``.
    - At most ``lookahead`` items (default ``2 * workers * size``) are read ahead
      of those submitted. So at most ``6 * workers * size`` items are held at any
      time, however long ``items`` is.
    - While the input lasts, batches are ``size`` items in input order. Once it is
      exhausted, the items left go longest first (by ``cost``, e.g. characters) in
      batches of about 1/(3 * workers) of the cost left (1 to ``size`` items): the
      last batches are short, so every worker finishes at about the same time.

    Work not yet done is cancelled when the consumer stops early.
    """
    if size < 1:
        raise KGraphError(f"batch size must be 1 or more, not {size}")
    slots = 2 * max(1, workers)
    lookahead = max(size, lookahead if lookahead is not None else slots * size)
    held = 2 * slots * size  # most items submitted and not yet yielded
    source = enumerate(items)
    buffer: deque[tuple[int, T]] = deque()  # read, not yet submitted: (index, item)
    exhausted = False
    tail = False  # the buffer holds everything left, longest first
    finished: queue.SimpleQueue = queue.SimpleQueue()  # futures, as they finish
    in_flight: dict = {}  # future -> the indices of its items
    ready: dict[int, object] = {}  # index -> outcome, until its turn comes
    turn = 0  # index of the next outcome to yield
    submitted = 0  # items submitted so far

    def read(count: int) -> None:
        nonlocal exhausted
        while not exhausted and len(buffer) < count:
            entry = next(source, None)
            if entry is None:
                exhausted = True
            else:
                buffer.append(entry)

    def next_batch() -> list[tuple[int, T]]:
        nonlocal tail, buffer
        read(size)
        if not exhausted:
            return [buffer.popleft() for _ in range(size)]
        if not tail:
            buffer = deque(sorted(buffer, key=lambda entry: (-cost(entry[1]), entry[0])))
            tail = True
        target = sum(cost(item) for _, item in buffer) / (3 * max(1, workers))
        batch = [buffer.popleft()]
        spent = cost(batch[0][1])
        while buffer and len(batch) < size and spent + cost(buffer[0][1]) <= target:
            spent += cost(buffer[0][1])
            batch.append(buffer.popleft())
        return batch

    try:
        while True:
            while len(in_flight) < slots and submitted - turn < held:
                read(size)
                if not buffer:
                    break
                batch = next_batch()
                future = submit([item for _, item in batch])
                in_flight[future] = [index for index, _ in batch]
                submitted += len(batch)
                future.add_done_callback(finished.put)
            while turn in ready:
                yield ready.pop(turn)
                turn += 1
            if not in_flight:
                if exhausted and not buffer:
                    return
                continue  # everything submitted came back: submit more
            read(lookahead)  # read ahead while the workers work
            future = finished.get()
            for index, outcome in zip(in_flight.pop(future), future.result()):
                ready[index] = outcome
    finally:
        for future in in_flight:  # stopped early: do not leave work queued
            future.cancel()


def worker_context(model: str) -> multiprocessing.context.BaseContext:
    """The multiprocessing context that starts the worker processes of pools and of
    ``local:N`` Dask clusters. Workers start from a fresh single-threaded server
    process, never by forking this one (which may run threads: progress bars, Dask
    clients). The server, started here (once per process), imports the extraction
    code and warms it up with ``model`` (:mod:`kgraph.run.warm`) while this
    process goes on (reading the first articles, starting a Dask scheduler), so
    workers are forked ready to parse; pools after the first start at once. It
    lives, with the first build's model loaded, until this process ends: a later
    build with another model has its workers load that one. Where there is no fork server (Windows), workers are
    spawned and load everything themselves."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kgraph.extraction.work", "kgraph.extraction.document", "kgraph.run.warm"])
    previous = os.environ.get(MODEL_VARIABLE)
    os.environ[MODEL_VARIABLE] = model  # read by the server as it starts; no-op when it runs already
    try:
        forkserver.ensure_running()
    finally:
        if previous is None:
            del os.environ[MODEL_VARIABLE]
        else:
            os.environ[MODEL_VARIABLE] = previous
    return context


def _length(article: Article) -> int:
    """What parsing an article costs, about: its length."""
    return len(article.text)


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

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(model))

    def submit(chunk: Sequence[Article]) -> Future:
        return pool.submit(extract_batch, chunk, model=model, batch_size=batch_size,
                           keep_propositions=keep_propositions, ontology=ontology)

    try:
        yield from schedule(submit, articles, workers=workers, size=batch_size, cost=_length)
    except BrokenProcessPool as err:
        raise KGraphError(f"a worker process died ({err}); try fewer --workers or a smaller --batch-size") from err
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
