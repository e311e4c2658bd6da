"""An interrupted ``kgraph build --store`` leaves the store usable, and rerunning it
completes the work without duplicating anything."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hardening_corpus import articles

DIGEST = """
import hashlib, sys
import pyoxigraph as ox
store = ox.Store(sys.argv[1])
quads = sorted(str(q) for q in store)
print(len(quads), hashlib.sha256("\\n".join(quads).encode()).hexdigest())
"""


def build_command(source: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "kgraph", "build", str(source), "--store", str(store), "-q"]


def digest(store: Path) -> tuple[int, str]:
    """Quad count and a hash of the sorted quads, read in a fresh process (so the
    store is opened exactly as a user would open it after the crash)."""
    out = subprocess.run([sys.executable, "-c", DIGEST, str(store)], capture_output=True, text=True, check=True)
    count, sha = out.stdout.split()
    return int(count), sha


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("store-corpus")
    for name, text in articles(60, seed=11).items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> tuple[tuple[int, str], float]:
    """The store of an uninterrupted build, and how long that build took."""
    store = tmp_path_factory.mktemp("reference") / "store"
    started = time.perf_counter()
    subprocess.run(build_command(corpus, store), check=True, capture_output=True)
    return digest(store), time.perf_counter() - started


@pytest.mark.model
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_hardening_store_killed_mid_build_then_rerun_is_complete_and_not_duplicated(corpus, reference, tmp_path, seed):
    expected, seconds = reference
    store = tmp_path / "store"
    process = subprocess.Popen(build_command(corpus, store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Somewhere between the model loading and the store being written.
    time.sleep(seconds * random.Random(seed).uniform(0.5, 0.98))
    process.kill()
    process.wait()
    if store.exists():
        count, _ = digest(store)  # opens and reads: the store is usable after SIGKILL
        assert count <= expected[0]
    rerun = subprocess.run(build_command(corpus, store), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert digest(store) == expected
    again = subprocess.run(build_command(corpus, store), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert digest(store) == expected  # building into the same store twice changes nothing
