"""Batches are bounded by characters as well as by articles, so a few huge texts
never sit in one parse batch together; importing the unit of work is light, and
warm_up loads what a batch needs ahead of it."""

import subprocess
import sys

import pytest

from kgraph.errors import ModelError
from kgraph.extraction.work import pipe_batches as batches
from kgraph.extraction.work import warm_up
from kgraph.types import Article


def arts(*sizes):
    return [Article(f"a{i}", "x" * size) for i, size in enumerate(sizes)]


@pytest.mark.parametrize("sizes, batch_size, max_chars, expected", [
    ((10, 10, 10, 10, 10), 2, 1000, [2, 2, 1]),          # by count
    ((600, 600, 600), 32, 1000, [1, 1, 1]),              # by characters
    ((400, 400, 400, 10), 32, 1000, [2, 2]),
    ((5000, 10, 10), 32, 1000, [1, 2]),                  # one article longer than the cap stands alone
    ((), 32, 1000, []),
])
def test_pipeline_batches_bounded_by_count_and_characters(sizes, batch_size, max_chars, expected):
    result = list(batches(arts(*sizes), batch_size=batch_size, max_chars=max_chars))
    assert [len(b) for b in result] == expected
    assert [a.id for b in result for a in b] == [a.id for a in arts(*sizes)]  # order and nothing lost


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_importing_the_unit_of_work_loads_no_spacy():
    # The coordinating process of a pool or Dask build imports it to name extract_batch.
    code = ("import sys, kgraph.extraction.work, kgraph.run.pool; "
            "print(sorted(m for m in ('spacy', 'kgraph.extraction.document') if m in sys.modules))")
    assert _run(code) == "[]"


@pytest.mark.model
def test_warm_up_loads_what_a_batch_needs_once():
    code = """
from kgraph.extraction.model import default_model_name, load_model
from kgraph.extraction.mentions.places import load_gazetteer
from kgraph.extraction.pairs import PairModel
from kgraph.extraction.work import extract_batch, warm_up
from kgraph.types import Article
warm_up(default_model_name())
loaded = [f.cache_info().currsize for f in (load_model, load_gazetteer, PairModel.load)]
[result] = extract_batch([Article(id="a", text="Ada Bell visited Zorbia.")], model=default_model_name())
print(loaded, [f.cache_info().misses for f in (load_model, load_gazetteer, PairModel.load)], result.article.id)
"""
    assert _run(code) == "[1, 1, 1] [1, 1, 1] a"


@pytest.mark.model
def test_warm_up_with_a_missing_model_is_a_model_error():
    with pytest.raises(ModelError):
        warm_up("en_core_web_nothing_here")
