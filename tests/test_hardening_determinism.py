"""Same input, same bytes, whatever the order in which the files lie on disk.

Folders are listed in the order the file system keeps them: on tmpfs that is the
reverse of the order the files were created in, so two copies of one corpus
created in opposite orders are listed differently, and must build to the same
bytes. (Worker and Dask builds are compared with serial ones in the pipeline and
distributed-build tests.)
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import hardening_corpus
from kgraph.cli import main

pytestmark = pytest.mark.model

OUTPUTS = ("graph.ttl", "graph.nt", "graph.html", "statements.jsonl")


def corpus() -> dict[str, bytes]:
    """Relative path -> content: text files in nested folders, Markdown, HTML and a
    JSONL feed, so that every reader takes part."""
    files = {f"{['world', 'business', 'world/europe'][n % 3]}/{name}.txt": text.encode()
             for n, (name, text) in enumerate(hardening_corpus.articles(12, seed=21).items())}
    files["notes.md"] = b"Ferry talks\n\nOmar Haddad met Greta Lindqvist in Turku on Monday.\n"
    files["business/page.html"] = (b"<html><body><article><p>Rui Brandt, the chief executive of Northgate Foods, "
                                   b"travelled to Lyon on Friday to meet Ines Moreau.</p></article></body></html>")
    files["feed.jsonl"] = "".join(json.dumps(record) + "\n" for record in [
        {"id": "f1", "text": "Pavel Kowal was born in Gdansk."},
        {"text": "Sofia Varga, the chief executive of Corvel Mining, visited Chile."},
    ]).encode()
    return files


def create(root: Path, files: dict[str, bytes], order: list[str]) -> Path:
    """Create ``files`` under ``root/news`` one by one in ``order``."""
    for name in order:
        path = root / "news" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
    return root


def listing(root: Path) -> list[list[str]]:
    """What the file system lists, folder by folder, in its own order."""
    return [os.listdir(folder) for folder, _, _ in os.walk(root / "news")]


@pytest.fixture
def scratch():
    """A folder on tmpfs, whose listing order follows creation order."""
    folder = Path(tempfile.mkdtemp(prefix="kgraph-order-", dir="/dev/shm"))
    yield folder
    shutil.rmtree(folder)


def test_hardening_same_bytes_whatever_the_order_on_disk(scratch, monkeypatch, capsys):
    files = corpus()
    forward = create(scratch / "a", files, sorted(files))
    backward = create(scratch / "b", files, sorted(files, reverse=True))
    assert listing(forward) != listing(backward), "the two copies must be listed in different orders"
    outputs = []
    for root in (forward, backward):
        monkeypatch.chdir(root)  # the same relative paths, so only the order differs
        assert main(["build", "news", "-o", "out", "--format", "ttl,nt", "-q"]) == 0
        outputs.append({name: (root / "out" / name).read_bytes() for name in OUTPUTS})
    assert outputs[0]["graph.ttl"].count(b"schema:identifier") == 12 + 1 + 1 + 2  # every article built
    assert outputs[0] == outputs[1]
    assert capsys.readouterr().err == ""
