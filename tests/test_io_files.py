"""kgraph.io.files: atomic writes."""

import pytest

from kgraph.io.files import atomic_write


def test_files_atomic_write_replaces_whole_file(tmp_path):
    path = tmp_path / "out" / "graph.ttl"
    with atomic_write(path) as out:
        out.write("new ünïcode\n")
    assert path.read_bytes() == "new ünïcode\n".encode("utf-8")
    assert [p.name for p in path.parent.iterdir()] == ["graph.ttl"]


def test_files_atomic_write_failure_keeps_previous_version(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("old complete file\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(path) as out:
            out.write("half a fi")
            raise RuntimeError("killed")
    assert path.read_text(encoding="utf-8") == "old complete file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
