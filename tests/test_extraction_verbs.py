"""kgraph.extraction.rules.verbs: the verb rules' helpers (the rules themselves are
tested on sentences in test_extraction_statements)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("clause", "said"),
    [
        (", the plan failed", "the plan failed"),
        ('"We will win the vote,', "We will win the vote"),
        ('"We will win."', "We will win."),
        ('the plan offered a "fresh start"', 'the plan offered a "fresh start"'),
        ('the plan offered a "fresh start', None),  # the clause ends inside a quotation
        ('"a" and "b', None),
        (', "', None),
        ("leave", None),  # one word is no report of speech
    ],
)
def test_a_reported_clause_is_quoted_with_paired_marks_only(clause, said):
    from kgraph.extraction.rules.verbs import quoted_text

    assert quoted_text(clause) == said

