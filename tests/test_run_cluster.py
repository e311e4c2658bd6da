"""Builds on a real Dask LocalCluster (2 worker processes on loopback): the same
bytes as a serial build, the model loaded once per worker (forked warm, or by the
plugin), and a worker killed mid-run replaced without losing or duplicating work."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from kgraph.run.cluster import connect, extract_dask
from kgraph.errors import KGraphError, ModelError
from kgraph.extraction.model import default_model_name
from kgraph.run.pipeline import build, extract_articles
from kgraph.types import Article

from scale_corpus import ARTICLES, write_corpus

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def client():
    with connect("local:2") as client:
        yield client


def _files(kg, folder):
    kg.write(folder, html=False)
    return (folder / "graph.ttl").read_bytes(), (folder / "statements.jsonl").read_bytes()


def _model_cache():
    from kgraph.extraction.model import load_model

    info = load_model.cache_info()
    return info.currsize, info.misses


def test_local_cluster_is_loopback_only(client):
    workers = client.scheduler_info()["workers"]
    assert len(workers) == 2
    assert client.scheduler.address.startswith("tcp://127.0.0.1:")
    assert all(address.startswith("tcp://127.0.0.1:") for address in workers)


def test_dask_build_gives_the_same_bytes_as_a_serial_build(corpus, client, nlp, tmp_path):
    serial = build([corpus])
    distributed = build([corpus], dask=client, batch_size=1)
    assert len(distributed.articles) == len(ARTICLES)
    assert _files(distributed, tmp_path / "dask") == _files(serial, tmp_path / "serial")


def test_plugin_loads_the_model_once_per_worker(corpus, client):
    build([corpus], dask=client, batch_size=1)
    build([corpus], dask=client, batch_size=2)
    caches = client.run(_model_cache)
    assert len(caches) == 2
    # One model in each worker's cache, loaded once (by the plugin's setup),
    # however many tasks and builds ran there.
    assert all(cache == (1, 1) for cache in caches.values())


def test_local_workers_start_with_the_model_loaded():
    # Forked from the warm fork server: the model is in each worker's cache before
    # any plugin or task ran there.
    with connect("local:2") as fresh:
        caches = fresh.run(_model_cache)
    assert sorted(caches.values()) == [(1, 1), (1, 1)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler_address():
    """A real `dask scheduler` and one `dask worker` process on loopback, stopped
    by their PIDs afterwards."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    dask = [sys.executable, "-m", "dask"]
    processes = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    processes.append(subprocess.Popen([*dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                                       "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)


def test_build_on_a_scheduler_address_gives_the_same_bytes(corpus, scheduler_address, tmp_path):
    serial = build([corpus])
    remote = build([corpus], dask=scheduler_address, batch_size=2)
    assert _files(remote, tmp_path / "remote") == _files(serial, tmp_path / "serial")


def test_a_model_the_workers_lack_is_a_model_error(corpus, client):
    with pytest.raises(ModelError, match="en_core_web_nothing_here"):
        build([corpus], dask=client, model="en_core_web_nothing_here")


@pytest.mark.parametrize("address", ["local:0", "local:two", "local:"])
def test_bad_local_addresses_are_rejected(address):
    with pytest.raises(KGraphError, match="local:N"):
        with connect(address):
            pass


def test_a_worker_killed_mid_run_is_replaced_and_nothing_is_lost(nlp):
    # One article per task and four tasks in flight, so that the killed worker
    # holds work: the tasks it was given must be recomputed on another one.
    bodies = [text.split("\n\n", 1)[1] for text in ARTICLES.values()]
    articles = [Article(id=f"long-{i}", text=" ".join(bodies[i % len(bodies):] * 2)) for i in range(8)]
    expected = list(extract_articles(articles, nlp=nlp, keep_propositions=False))

    with connect("local:2") as client:
        before = set(client.scheduler_info()["workers"])
        results = extract_dask(articles, client=client, model=default_model_name(), batch_size=1)
        got = [next(results)]
        busy = {}
        for _ in range(200):  # wait until a worker holds a task, then kill it
            busy = {worker: keys for worker, keys in client.processing().items() if keys}
            if busy:
                break
            time.sleep(0.05)
        assert busy, "no task was held by any worker"
        victim = sorted(busy)[0]
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        got.extend(results)
        after = set(client.scheduler_info()["workers"])

    assert victim not in after
    assert after != before
    assert [r.article.id for r in got] == [a.id for a in articles]
    assert got == expected
