"""Bounded batches: work is read lazily, a few batches at a time, and results come
back in input order however the work finishes."""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from kgraph.errors import KGraphError
from kgraph.run.pool import batches, in_order


@pytest.mark.parametrize(
    ("count", "size", "expected"),
    [(0, 3, []), (5, 2, [[0, 1], [2, 3], [4]]), (3, 3, [[0, 1, 2]]), (2, 5, [[0, 1]])],
)
def test_batches_split_in_order(count, size, expected):
    assert list(batches(range(count), size)) == expected


def test_batches_read_lazily():
    pulled = []

    def source():
        for i in range(100):
            pulled.append(i)
            yield i

    first = next(batches(source(), 4))
    assert first == [0, 1, 2, 3]
    assert len(pulled) == 4


@pytest.mark.parametrize("size", [0, -1])
def test_batches_reject_bad_size(size):
    with pytest.raises(KGraphError, match="batch size"):
        list(batches([1], size))


@pytest.mark.parametrize("window", [1, 2, 3])
def test_in_order_keeps_at_most_window_pending(window):
    submitted: list[Future] = []

    def submit(chunk):
        future = Future()
        submitted.append(future)
        future.set_result([item * 10 for item in chunk])
        return future

    read = []

    def chunks():
        for i in range(10):
            read.append(i)
            yield [i]

    results = in_order(submit, chunks(), window=window)
    assert next(results) == 0
    # The first result is yielded once `window` chunks are submitted, not before
    # the whole input is read.
    assert len(read) == window
    assert list(results) == [i * 10 for i in range(1, 10)]


def test_in_order_yields_in_submission_order_when_work_finishes_out_of_order():
    futures: list[Future] = []

    def submit(chunk):
        futures.append(Future())
        return futures[-1]

    with ThreadPoolExecutor(1) as pool:
        # Finish the futures in reverse order from another thread.
        def finish():
            while len(futures) < 4:
                time.sleep(0.001)
            for index in reversed(range(4)):
                futures[index].set_result([f"batch{index}-a", f"batch{index}-b"])

        pool.submit(finish)
        got = list(in_order(submit, ([i] for i in range(4)), window=4))
    assert got == [f"batch{i}-{x}" for i in range(4) for x in "ab"]


def test_in_order_cancels_pending_work_when_stopped_early():
    futures: list[Future] = []

    def submit(chunk):
        future = Future()
        if not futures:
            future.set_result(chunk)
        futures.append(future)
        return future

    results = in_order(submit, ([i] for i in range(10)), window=3)
    assert next(results) == 0
    results.close()
    assert len(futures) == 3
    assert all(future.cancelled() for future in futures[1:])
