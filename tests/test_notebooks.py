"""Every notebook runs top to bottom in a fresh kernel (nbclient), and is
committed small (outputs cleared)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

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


@pytest.fixture(scope="module")
def executed():
    """Run a notebook once per test module; later calls reuse the result."""
    done = {}

    def run(path: Path):
        if path not in done:
            notebook = nbformat.read(path, as_version=4)
            # Raises CellExecutionError, naming the cell, if any cell fails.
            NotebookClient(notebook, timeout=900, kernel_name="python3",
                           resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
            done[path] = notebook
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
