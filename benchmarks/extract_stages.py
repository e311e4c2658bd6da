"""Cost of each extraction stage relative to spaCy's own parse, on the same texts.

Parses the texts once with `nlp.pipe`, then runs the stages of
`kgraph.extraction.extract_doc` one by one on every doc and prints, per stage, its
CPU seconds and its share of the parse's CPU seconds (the target: extraction as
a whole adds at most 10%). CPU time is used because wall time is noisy on a
shared machine. The last line is the total.

    python benchmarks/extract_stages.py                 # the CaRB dev sentences
    python benchmarks/extract_stages.py --bbc 200       # the first 200 BBC articles
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def _texts(args) -> list[str]:
    if args.bbc:
        from kgraph.io.articles import read_articles

        files = sorted((SHARED / "news" / "bbc").glob("*/*.txt"))[: args.bbc]
        return [a.text for a in read_articles(files)]
    return [line.rstrip("\n") for line in open(SHARED / "carb" / "dev.txt", encoding="utf-8")]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bbc", type=int, metavar="N", help="use the first N BBC articles instead of CaRB dev")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from kgraph.extraction.syntax.clauses import clauses
    from kgraph.extraction.syntax.clauses_nominal import one_word_titles
    from kgraph.extraction.mentions.coref import resolve_pronouns
    from kgraph.extraction.mentions.entities import lexicon_entities
    from kgraph.extraction.rules.facts import make_context
    from kgraph.extraction.rules.lexicon import load_lexicon
    from kgraph.extraction.document import pair_mentions
    from kgraph.extraction.pairs import pair_statements
    from kgraph.extraction.syntax.propositions import propositions
    from kgraph.extraction.syntax.repair import repair_parse
    from kgraph.extraction.rules.statements import doc_statements
    from kgraph.extraction.model import load_model

    texts = _texts(args)
    nlp = load_model()
    list(nlp.pipe(texts[:20]))  # warm up
    start = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse = time.process_time() - start
    lexicon = load_lexicon()
    titles = one_word_titles(lexicon.ontology)
    cost: dict[str, float] = defaultdict(float)
    for doc in docs:
        text = doc.text  # extract_doc is given it (the article's text): not timed
        clock = time.process_time()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.process_time()
            cost[name] += now - clock
            clock = now

        sents = list(doc.sents)
        ents = lexicon_entities(doc, lexicon, text=text)
        lap("entities")
        repair_parse(doc, lambda token: ents.by_token[token.i] >= 0)
        resolve_pronouns(ents, ontology=lexicon.ontology, sents=sents)
        lap("repair + coref")
        ctx = make_context(doc, ents, lexicon, "x", sents=sents)
        found = [list(clauses(sent, titles=titles)) for sent in sents]
        lap("clauses (once, shared)")
        doc_statements(ctx, [c for sentence in found for c in sentence])
        lap("statement rules")
        named = pair_mentions(doc, ents)
        if len(named) > 1:  # as extract_doc does
            pair_statements(doc, named, article_id="x", ontology=lexicon.ontology, sents=sents)
        lap("pairs")
        for sent, clauses_of in zip(sents, found):
            list(propositions(sent, found=clauses_of, text=text))
        lap("propositions (rendering)")
    print(f"texts={len(texts)} parse_cpu={parse:.2f}s")
    total = 0.0
    for name, seconds in cost.items():
        total += seconds
        print(f"{name:44} {seconds:6.2f}s {100 * seconds / parse:5.1f}%")
    print(f"extract_doc total {total:.2f}s ratio={total / parse:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
