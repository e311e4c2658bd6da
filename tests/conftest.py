"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The spaCy ``Language`` kgraph uses by default (tests using it are ``model``-marked)."""
    from kgraph.extraction.model import load_model

    return load_model()
