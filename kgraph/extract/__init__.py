"""Extraction: spaCy ``Doc`` → entities, typed statements and open propositions."""
