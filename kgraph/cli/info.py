"""``kgraph info``: versions, the model in use and its pipeline components."""

from __future__ import annotations

import argparse
import importlib.metadata
import platform

EPILOG = """examples:
  kgraph info                     versions and the default model
  kgraph info --model en_core_web_sm
"""

#: The distributions whose versions matter when reporting a problem.
PACKAGES = ("kgraph", "spacy", "rdflib", "networkx", "pyvis", "pyoxigraph", "dask", "distributed")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "info",
        help="print versions, the model in use and its components",
        description="Print the versions of kgraph, Python and the libraries it uses, "
        "and the spaCy model a build would load with its pipeline components.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--model", metavar="NAME", help="the spaCy pipeline to describe (default: the one builds use)")
    p.set_defaults(func=run)


def versions() -> dict[str, str]:
    """``{name: version}`` for Python and each of :data:`PACKAGES`; "not installed"
    for a missing optional one."""
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def run(args) -> int:
    from kgraph.extraction.model import default_model_name, load_model

    for name, version in versions().items():
        print(f"{name + ':':<12} {version}")
    name = args.model or default_model_name()
    nlp = load_model(name)
    print(f"{'model:':<12} {name} {nlp.meta.get('version', '')} ({nlp.lang})")
    print(f"{'components:':<12} {', '.join(nlp.pipe_names)}")
    return 0
