"""Run the per-article work on a Dask distributed cluster.

The driver reads articles and sends them in batches to the cluster; each worker
loads the spaCy model once (:class:`ModelPlugin`, whose ``setup`` runs when the
worker starts, or restarts after a crash) and parses and extracts its batches
with :func:`kgraph.extraction.work.extract_batch`. Results come back in input order and
the driver merges them by entity key, so the graph is the same as a serial
build's. A worker that dies mid-run has its batches recomputed elsewhere by Dask.

Workers need kgraph and the model installed, as on the driver.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import uuid
from typing import Iterable, Iterator

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from kgraph.errors import KGraphError, ModelError
from kgraph.extraction.model import default_model_name
from kgraph.run.pool import schedule, worker_context
from kgraph.types import Article

__all__ = ["ModelPlugin", "connect", "extract_dask"]

_LOCAL = "local:"

#: Settings of the worker processes of a ``local:N`` cluster, so that they run the
#: work as fast as pool workers do: no statistical profiler sampling the task's
#: stack every 10 ms, and glibc's default malloc tuning (Dask sets
#: MALLOC_TRIM_THRESHOLD_, which hands every large parse buffer back to the system
#: and faults it in again for the next batch). The BLAS thread limits stay.
_LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}


class ModelPlugin(WorkerPlugin):
    """A Dask ``WorkerPlugin`` that, when a worker starts, loads the spaCy model
    called ``model`` and everything else a batch needs
    (:func:`kgraph.extraction.work.warm_up`). They are cached in importable
    modules, so every task on that worker reuses them (a global in ``__main__``
    would not survive on workers)."""

    name = "kgraph-model"

    def __init__(self, model: str):
        self.model = model

    def setup(self, worker) -> None:
        from kgraph.extraction.work import warm_up

        warm_up(self.model)


@contextlib.contextmanager
def connect(address: str, *, close_in_background: bool = False, model: str | None = None) -> Iterator:
    """A ``distributed.Client`` for ``address``: ``"local:N"`` starts a LocalCluster
    of N single-threaded worker processes on the loopback interface (shut down on
    exit); anything else is a scheduler address such as ``"tcp://10.0.0.5:8786"``.

    The worker processes of a local cluster are forked from the fork server of
    worker pools (:func:`kgraph.run.pool.worker_context`), warmed up with ``model``
    (default: the best installed) while the scheduler starts, as pool workers
    are: they skip loading it each (on two busy cores a local:2 cluster was ready
    in 5.6 s instead of 9.7 s). A worker that Dask restarts after a crash is
    spawned and loads it.

    ``close_in_background=True`` shuts a local cluster down in a thread once the
    block ends without error (its workers stop in a second or two, which the
    caller spends merging and writing instead of waiting); the interpreter waits
    for that thread before it exits.

    Raises :class:`KGraphError` when the address is malformed or unreachable.
    """
    if address.startswith(_LOCAL):
        count = address[len(_LOCAL):]
        if not count.isdigit() or int(count) < 1:
            raise KGraphError(f"bad Dask address {address!r}: use local:N with N >= 1 worker processes")
        # Loopback only, on free ports: a build must not open ports to the network
        # nor clash with another cluster's dashboard. Worker logs stay quiet:
        # errors reach the driver, which reports them in one line.
        method = worker_context(model or default_model_name()).get_start_method()
        with dask.config.set({**_LOCAL_CONFIG, "distributed.worker.multiprocessing-method": method}):
            cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                   silence_logs=logging.CRITICAL)
        try:
            client = Client(cluster)
        except BaseException:
            cluster.close()
            raise
        try:
            yield client
        except BaseException:
            _close(client, cluster)
            raise
        if close_in_background:
            threading.Thread(target=_close, args=(client, cluster), name="kgraph-dask-close").start()
        else:
            _close(client, cluster)
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as err:
        raise KGraphError(f"cannot reach the Dask scheduler at {address!r}: {err}") from err
    with client:
        yield client


def _close(client, cluster) -> None:
    try:
        client.close()
    finally:
        cluster.close()


def _register(client, model: str) -> None:
    """Install :class:`ModelPlugin` on every worker (and future ones); raises
    :class:`ModelError` if a worker cannot load the model."""
    answers = client.register_plugin(ModelPlugin(model))
    for worker, answer in sorted((answers or {}).items()):
        if isinstance(answer, dict) and answer.get("status") == "error":
            raise ModelError(f"Dask worker {worker} cannot load the model {model!r}: {answer.get('exception')}")


def extract_dask(
    articles: Iterable[Article],
    *,
    client,
    model: str,
    batch_size: int = 32,
    keep_propositions: bool = False,
    ontology=None,
) -> Iterator:
    """Yield one :class:`~kgraph.types.DocumentResult` or
    :data:`~kgraph.extraction.work.Failure` per article, in input order, computed on the
    cluster of ``client`` (a ``distributed.Client``), with ``ontology`` (an
    :class:`~kgraph.ontology.Ontology`, sent as its path: workers need the file
    at the same path; default: kgraph's).

    The batches are handed out by :func:`kgraph.run.pool.schedule`, as in a
    worker pool: at most two per worker thread at a time, short ones at the end.
    Each batch is its own task, so a worker lost mid-run costs only its batches,
    which Dask recomputes on another worker.
    """
    from kgraph.extraction.work import extract_batch

    _register(client, model)
    threads = max(1, sum(client.nthreads().values()))
    run = uuid.uuid4().hex[:12]
    numbers = itertools.count()

    def submit(chunk: list[Article]):
        # pure=False: identical batches from two inputs are still two tasks; the
        # key names the run and batch, which reads well on the dashboard.
        return client.submit(extract_batch, chunk, model=model, batch_size=batch_size,
                             keep_propositions=keep_propositions, ontology=ontology, pure=False,
                             key=f"kgraph-extract-{run}-{next(numbers)}")

    yield from schedule(submit, articles, workers=threads, size=batch_size, cost=lambda article: len(article.text))
