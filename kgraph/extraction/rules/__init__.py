"""Rules: clauses and nouns mapped to ontology properties through the lexicon of
``ontologies/kgraph.ttl``."""
