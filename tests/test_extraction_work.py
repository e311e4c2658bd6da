"""Batches are bounded by characters as well as by articles, so a few huge texts
never sit in one parse batch together."""

import pytest

from kgraph.extraction.work import pipe_batches as batches
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
