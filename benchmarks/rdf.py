"""Serialisation speed: kgraph's fast path (pyoxigraph) against rdflib's default
serializers, on a synthetic graph of about 1,000,000 triples.

    python benchmarks/rdf.py [--triples 1000000]

Prints the triple count and CPU seconds for Turtle and N-Triples, each against
rdflib's default serializer on the same triples: pyoxigraph's writer alone (from
triples already parsed), and end to end, from the KnowledgeGraph to the file:
``write_rdf`` (building sorted lines for byte-stable output, then the writer)
against ``to_rdf`` + rdflib's serializer. The target is at least 10x.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.graph import KnowledgeGraph  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from kgraph.ontology import load_ontology  # noqa: E402
from kgraph.rdf.formats import write_rdf  # noqa: E402
from kgraph.rdf.formats.ntriples import line_chunks  # noqa: E402
from kgraph.rdf.iris import prefixes  # noqa: E402
from kgraph.rdf.shape import quads, to_rdf  # noqa: E402
from kgraph.types import Article, Entity, Mention, Span, Statement  # noqa: E402

OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
TRIPLES_PER_STATEMENT = 15  # statement node (13-15 triples) + direct triple, on average
RELATIONS = [("meetsWith", "Person", "Person"), ("visits", "Person", "City"),
             ("worksFor", "Person", "Organization"), ("memberOf", "Country", "Organization"),
             ("supports", "Country", "Country")]


def synthetic(triples: int, *, seed: int = 1) -> KnowledgeGraph:
    """A graph of invented entities, articles and statements with about ``triples`` triples."""
    rng = random.Random(seed)
    n_statements = triples // TRIPLES_PER_STATEMENT
    n_entities = max(50, n_statements // 12)
    types = ["Person", "City", "Organization", "Country"]
    entities = {}
    for i in range(n_entities):
        type_ = types[i % len(types)]
        key = f"{type_.lower()}-{i}"
        entities[key] = Entity(key, f"{type_} Number {i}", type_, (f"N{i}",))
    by_type = {t: [k for k, e in entities.items() if e.type == t] for t in types}
    articles = {}
    statements = []
    for i in range(n_statements):
        article_id = f"article-{i // 40}"
        if article_id not in articles:
            articles[article_id] = Article(article_id, "text", title=f"Headline {i // 40}",
                                           url=f"https://news.example/{i // 40}", published="2024-01-02")
        predicate, subject_type, object_type = RELATIONS[i % len(RELATIONS)]
        subject, obj = rng.choice(by_type[subject_type]), rng.choice(by_type[object_type])
        sentence = Span(i * 10, i * 10 + 80, f"Sentence {i}: {entities[subject].label} and {entities[obj].label}.")
        statements.append(Statement(
            Mention(Span(sentence.start, sentence.start + 5, entities[subject].label), subject, subject_type),
            predicate,
            Mention(Span(sentence.start + 10, sentence.start + 15, entities[obj].label), obj, object_type),
            "met", article_id, sentence, negated=(i % 17 == 0), modality="may" if i % 5 == 0 else None,
            time="in 2024" if i % 3 == 0 else None, confidence=rng.random(),
        ))
    return KnowledgeGraph(entities=entities, statements=statements, articles=articles)


def cpu(action) -> float:
    """CPU seconds of ``action`` (this machine is shared, so wall time is noisy)."""
    started = time.process_time()
    action()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many triples (default: 1,000,000)")
    args = parser.parse_args()
    kg = synthetic(args.triples)
    load_ontology()  # read once, before timing: both paths use the cached ontology
    graphs: list = []
    slow_build = cpu(lambda: graphs.append(to_rdf(kg)))
    graph = graphs[0]
    print(f"graph: {len(graph):,} triples ({len(kg.statements):,} statements, {len(kg.entities):,} entities, "
          f"{len(kg.articles):,} articles); rdflib Graph built in {slow_build:.1f} s (CPU)")
    triples = list(ox.parse(b"".join(line_chunks(quads(kg), named=False)), ox.RdfFormat.N_TRIPLES))
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, rdflib_format in (("ttl", "turtle"), ("nt", "nt")):
            path = Path(tmp) / f"fast.{fmt}"
            writer = cpu(lambda: ox.serialize(triples, str(path), OX_FORMATS[fmt], prefixes=prefixes(kg.base)))
            fast = cpu(lambda: write_rdf(kg, path, fmt))
            slow = cpu(lambda: graph.serialize(Path(tmp) / f"rdflib.{fmt}", format=rdflib_format, encoding="utf-8"))
            print(f"{fmt:>4} ({path.stat().st_size / 1e6:.0f} MB): rdflib default serializer {slow:6.2f} s")
            print(f"      pyoxigraph writer alone, from parsed triples {writer:6.2f} s   ratio {slow / writer:6.1f}x")
            print(f"      end to end: write_rdf(kg) {fast:6.2f} s, to_rdf + serialize "
                  f"{slow_build + slow:6.2f} s   ratio {(slow_build + slow) / fast:6.1f}x")


if __name__ == "__main__":
    main()
