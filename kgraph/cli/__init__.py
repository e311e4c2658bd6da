"""The ``kgraph`` command: a thin layer over the library.

Each command is a module of this package with ``register(subparsers)`` and
``run(args) -> int``; library errors become one line on stderr and exit code 2,
warnings one line each (``kgraph: warning: ...``); ``--debug`` shows both in full.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings

from kgraph.errors import KGraphError, printable

__all__ = ["main", "build_parser", "COMMANDS"]

COMMANDS = ("build", "extract", "openie", "viz", "stats", "query", "push", "validate", "ontology", "info")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    from kgraph import __version__

    parser = argparse.ArgumentParser(
        prog="kgraph",
        description="Turn news articles into a knowledge graph: typed facts with evidence, "
        "RDF for SPARQL stores, an interactive HTML graph.",
        epilog="Example: kgraph build seeds/ -o output/",
    )
    parser.add_argument("--version", action="version", version=f"kgraph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if sys.stdin is None:  # started with stdin closed (`kgraph build - <&-`): it reads as empty
        sys.stdin = open(os.devnull, encoding="utf-8")
    try:
        with warnings.catch_warnings():
            if not args.debug:
                warnings.showwarning = _one_line
                # Libraries' deprecation notices are for developers, not for CLI users.
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", PendingDeprecationWarning)
            return args.func(args)
    except KGraphError as err:
        if args.debug:
            raise
        print(f"kgraph: error: {printable(str(err))}", file=sys.stderr)
        return 2
    except ImportError as err:  # a broken install or a missing extra: say which module, not where
        if args.debug:
            raise
        reason = " ".join(str(err).split())
        print(f"kgraph: error: a module kgraph needs cannot be imported ({printable(reason)}); "
              "reinstall with `pip install -e .`, or with the extra the command names", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `kgraph extract ... | head`: the reader left; not an error worth a traceback.
        sys.stderr.close()
        return 0
    except OSError as err:  # an output that cannot be written: disk full, permissions, a folder in the way
        if args.debug:
            raise
        where = err.filename2 or err.filename  # a rename names its target second
        message = f"{where}: {err.strerror}" if where and err.strerror else str(err)
        print(f"kgraph: error: {printable(message)}", file=sys.stderr)
        return 2


def _one_line(message, category, filename, lineno, file=None, line=None) -> None:
    """Show a warning as one line naming what it is about, not the code that raised it."""
    print(f"kgraph: warning: {printable(str(message))}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
