"""``kgraph ontology``: the classes and properties extraction maps to, with their lexicon."""

from __future__ import annotations

import argparse
import textwrap

EPILOG = """examples:
  kgraph ontology                 classes, then properties with their wording
  kgraph ontology --ontology my.ttl

Extend extraction by editing ontologies/kgraph.ttl: add kg:verb, kg:noun or kg:title
entries to a property, or add a property with its domain, range and wording.
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ontology",
        help="print the ontology's classes and properties with their lexicon",
        description="Print the classes (as a tree) and the properties of the ontology, with "
        "domain, range and the verbs, nouns and titles that express each property.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--ontology", metavar="FILE", help="an ontology file other than kgraph's")
    p.set_defaults(func=run)


def run(args) -> int:
    from kgraph.ontology import load_ontology

    print(describe(load_ontology(args.ontology)), end="")
    return 0


def describe(onto) -> str:
    """The ontology as text: a class tree, then one block per property."""
    lines = ["Classes", ""]
    children: dict[str | None, list[str]] = {}
    for name, term in onto.classes.items():
        for parent in term.parents or (None,):
            children.setdefault(parent, []).append(name)

    def tree(parent: str | None, depth: int) -> None:
        for name in sorted(children.get(parent, ())):
            term = onto.classes[name]
            lines.append(f"{'  ' * depth}{onto.curie(name)}  {term.comment}".rstrip())
            tree(name, depth + 1)

    tree(None, 1)
    lines += ["", "Properties", ""]
    for name, term in sorted(onto.properties.items()):
        domain = onto.curie(term.domain) if term.domain else "rdf:Statement"
        rng = onto.curie(term.range) if term.range else "literal"
        flags = [flag for flag, on in (("symmetric", term.symmetric), ("literal", term.literal)) if on]
        parents = f"  < {', '.join(map(onto.curie, term.parents))}" if term.parents else ""
        head = f"  {onto.curie(name)}  ({domain} -> {rng}){parents}"
        lines.append(head + (f"  [{', '.join(flags)}]" if flags else ""))
        lines.extend(textwrap.wrap(term.comment, width=88, initial_indent="      ", subsequent_indent="      "))
        for label, words in (("verbs", term.verbs), ("nouns", term.nouns), ("titles", term.titles)):
            if words:
                lines.extend(textwrap.wrap(f"{label}: {', '.join(words)}", width=88,
                                           initial_indent="      ", subsequent_indent="        "))
    return "\n".join(lines) + "\n"
