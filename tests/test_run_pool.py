"""Bounded batches: work is read lazily, a few batches at a time, and results come
back in input order however the work finishes; pool workers start warm from the
fork server, and the coordinating process never imports spaCy."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from kgraph.errors import KGraphError
from kgraph.run.pool import batches, in_order, schedule


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


# ------------------------------------------------------------------ schedule


class Manual:
    """A stand-in executor: ``submit`` records each batch and returns a future that
    the test finishes by hand (``finish``), in any order."""

    def __init__(self):
        self.batches: list[list] = []
        self.futures: list[Future] = []

    def submit(self, batch):
        self.batches.append(list(batch))
        self.futures.append(Future())
        return self.futures[-1]

    def finish(self, index):
        self.futures[index].set_result([item * 10 for item in self.batches[index]])


def test_schedule_yields_in_input_order_whatever_order_batches_finish():
    runner = Manual()
    stop = False

    def finish_newest_first():  # another thread plays the workers
        while not stop:
            waiting = [i for i, f in enumerate(runner.futures) if not f.done()]
            if waiting:
                runner.finish(waiting[-1])
            time.sleep(0.001)

    with ThreadPoolExecutor(1) as pool:
        pool.submit(finish_newest_first)
        try:
            got = list(schedule(runner.submit, range(50), workers=2, size=4))
        finally:
            stop = True
    assert got == [i * 10 for i in range(50)]
    assert sorted(i for batch in runner.batches for i in batch) == list(range(50))


def test_schedule_keeps_workers_busy_behind_a_slow_first_batch():
    # Batch 0 is slow; the others finish at once. Each finished batch frees a slot,
    # so work goes on, up to 4 * workers * size outcomes waiting for batch 0.
    runner = Manual()

    def submit(batch):
        future = runner.submit(batch)
        if len(runner.futures) > 1:
            runner.finish(len(runner.futures) - 1)
        return future

    results = schedule(submit, range(100), workers=2, size=4, lookahead=8)
    with ThreadPoolExecutor(1) as pool:
        def finish_first_when_submissions_stop():
            count = -1
            while count != sum(map(len, runner.batches)):
                count = sum(map(len, runner.batches))
                time.sleep(0.05)
            runner.finish(0)
            return count

        stalled = pool.submit(finish_first_when_submissions_stop)
        assert list(results) == [i * 10 for i in range(100)]
        assert stalled.result() == 4 * 2 * 4  # far more than the 2 * 2 batches in flight


def test_schedule_reads_ahead_a_bounded_number_of_items():
    read = []

    def source():
        for i in range(1000):
            read.append(i)
            yield i

    runner = Manual()
    results = schedule(runner.submit, source(), workers=2, size=4, lookahead=16)
    with ThreadPoolExecutor(1) as pool:
        def finish_first():
            while not runner.futures:
                time.sleep(0.001)
            runner.finish(0)

        pool.submit(finish_first)
        assert next(results) == 0
    # Four batches in flight (two per worker: the one finished was replaced) and
    # at most 16 items read ahead of them.
    assert len(runner.batches) == 5
    assert sum(not f.done() for f in runner.futures) == 4
    assert len(read) <= 5 * 4 + 16 + 1
    results.close()
    assert all(f.cancelled() or f.done() for f in runner.futures)


def test_schedule_ends_with_the_longest_items_first_in_shrinking_batches():
    # Items are their own cost. The first batches follow the input; once it is
    # exhausted, what is left goes longest first, in batches that get shorter.
    runner = Manual()

    def submit(batch):
        future = runner.submit(batch)
        runner.finish(len(runner.futures) - 1)
        return future

    items = [5, 1, 9, 2, 8, 3, 7, 4, 6, 10] * 4
    got = list(schedule(submit, items, workers=2, size=4, cost=lambda item: item, lookahead=16))
    assert got == [item * 10 for item in items]
    first_full = [b for b in runner.batches if len(b) == 4]
    assert runner.batches[0] == items[:4]
    tail = [item for batch in runner.batches[len(first_full):] for item in batch]
    assert tail == sorted(tail, reverse=True)
    assert len(runner.batches[-1]) == 1


def test_schedule_cancels_work_not_done_when_stopped_early():
    runner = Manual()
    results = schedule(runner.submit, range(100), workers=1, size=2)
    with ThreadPoolExecutor(1) as pool:
        def finish_first():
            while not runner.futures:
                time.sleep(0.001)
            runner.finish(0)

        pool.submit(finish_first)
        assert next(results) == 0
    results.close()
    # Two in flight when it stopped (the finished one was replaced): both cancelled.
    assert len(runner.futures) == 3
    assert runner.futures[1].cancelled() and runner.futures[2].cancelled()


@pytest.mark.parametrize("size", [0, -1])
def test_schedule_rejects_bad_size(size):
    with pytest.raises(KGraphError, match="batch size"):
        list(schedule(Manual().submit, [1], workers=1, size=size))


_POOL_PROBE = """
import sys
from concurrent.futures import ProcessPoolExecutor

from kgraph.extraction.model import default_model_name, load_model
from kgraph.run.pipeline import build
from kgraph.run.pool import worker_context
from kgraph.types import Article


def loaded():
    return load_model.cache_info().currsize, load_model.cache_info().misses


if __name__ == "__main__":
    kg = build(["{corpus}"], workers=2, batch_size=1)
    with ProcessPoolExecutor(1, mp_context=worker_context(default_model_name())) as pool:
        print(len(kg.articles), "spacy" in sys.modules, pool.submit(loaded).result())
"""


@pytest.mark.model
def test_pool_workers_are_forked_with_the_model_loaded_and_the_coordinator_never_imports_spacy(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("one", "two", "three"):
        (corpus / f"{name}.txt").write_text(f"Ada Bell visited Zorbia. The {name} visit was short.", encoding="utf-8")
    script = tmp_path / "probe.py"
    script.write_text(_POOL_PROBE.format(corpus=corpus), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, cwd=tmp_path)
    # A new worker holds the model before it runs any batch: the fork server
    # loaded it, once, and the worker was forked with it.
    assert done.stdout.strip() == "3 False (1, 1)"
