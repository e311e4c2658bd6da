"""The graph as RDF: terms and IRIs, the RDF shape (quads by kind), the
serialisation formats, the embedded store and incremental builds, reading a
graph back, SPARQL servers, and SHACL validation."""
