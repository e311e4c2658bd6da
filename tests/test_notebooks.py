"""Every notebook runs top to bottom in a fresh kernel, with the command a user
runs (`jupyter nbconvert --execute`, installed by the `notebook` extra), and is
committed small (outputs cleared)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_notebooks_exist():
    assert {p.name for p in PATHS} >= {"explore.ipynb", "corpus.ipynb"}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_notebooks_committed_small(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert path.stat().st_size < 50_000
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    # A tutorial: prose between the code.
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds.count("markdown") >= 5 and kinds[0] == "markdown"


def _outputs(notebook, mime: str) -> list[str]:
    return [
        output["data"][mime]
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.outputs if mime in output.get("data", {})
    ]


def _execute(path: Path, out: Path, **env: str):
    """The notebook at ``path`` as ``jupyter nbconvert --execute`` leaves it
    (written to ``out``); fails naming the cell's error if a cell fails."""
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=900", "--output", str(out), str(path)],
        capture_output=True, text=True, env={**os.environ, **env},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return nbformat.read(out, as_version=4)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Run a notebook once per test module; later calls reuse the result."""
    done = {}

    def run(path: Path):
        if path not in done:
            done[path] = _execute(path, tmp_path_factory.mktemp("run") / path.name)
        return done[path]

    return run


@pytest.mark.model
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_notebooks_run_in_a_fresh_kernel(path, executed):
    html = _outputs(executed(path), "text/html")
    # The build's summary (KnowledgeGraph._repr_html_) and the inline graph.
    assert any("<b>KnowledgeGraph</b>" in item for item in html)
    frames = [item for item in html if item.startswith('<iframe sandbox="allow-scripts" srcdoc="')]
    assert len(frames) == 1 and "kg-data" in frames[0]


@pytest.mark.model
def test_notebooks_corpus_plots_people_and_organisations(executed):
    notebook = executed(NOTEBOOKS / "corpus.ipynb")
    assert len(_outputs(notebook, "image/png")) == 1
    assert "articles=50" in "\n".join(_outputs(notebook, "text/plain"))


def _stream(notebook) -> str:
    return "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                   for output in cell.outputs if output["output_type"] == "stream")


@pytest.mark.model
def test_notebooks_corpus_runs_without_the_dataset(tmp_path):
    """From a fresh clone, with no BBC dataset where the notebook looks: it says
    what to point it at and runs on the articles in notebooks/sample-news/."""
    missing = tmp_path / "no-bbc-here"
    notebook = _execute(NOTEBOOKS / "corpus.ipynb", tmp_path / "corpus.ipynb", KGRAPH_BBC=str(missing))
    said = _stream(notebook)
    assert f"No BBC dataset at {missing}" in said and "KGRAPH_BBC=" in said and "mlg.ucd.ie" in said
    articles = len(list((NOTEBOOKS / "sample-news").rglob("*.txt")))
    assert f"{articles} articles in" in said
    assert f"articles={articles}" in "\n".join(_outputs(notebook, "text/plain"))
    assert len(_outputs(notebook, "image/png")) == 1
    frames = [item for item in _outputs(notebook, "text/html") if item.startswith("<iframe")]
    assert len(frames) == 1 and "kg-data" in frames[0]


@pytest.mark.parametrize("command", ["notebook", "lab", "nbconvert"])
def test_notebooks_extra_gives_the_jupyter_commands(command):
    """`pip install -e ".[notebook]"` (part of the test extra) installs what opens
    the notebooks and what runs them from the command line."""
    done = subprocess.run([sys.executable, "-m", "jupyter", command, "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip(), done.stderr
