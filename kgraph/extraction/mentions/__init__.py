"""Mentions and their types: spaCy's names cleaned and typed by the gazetteer and
context cues, merged into document entities, pronouns resolved."""
