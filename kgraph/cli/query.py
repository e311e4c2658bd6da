"""``kgraph query``: SPARQL over an embedded store, an RDF file or a server."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys

import pyoxigraph as ox

from kgraph.errors import KGraphError
from kgraph.rdf.iris import VOCABULARY
from kgraph.cli._endpoint import CREDENTIALS_HELP, add_connection_arguments, endpoint_from_args

EPILOG = f"""examples:
  kgraph query --graph output/graph.ttl "SELECT ?s ?o WHERE {{ ?s kg:visits ?o }}"
  kgraph query --store kgstore --format csv "SELECT * WHERE {{ ?s rdfs:label ?l }}"
  kgraph query --endpoint http://localhost:7878/query - < question.rq

The prefixes {', '.join(p + ':' for p in VOCABULARY)} are predeclared for --store and
--graph, which query the union of all named graphs. On a server the default graph is
what the server makes it: Virtuoso and GraphDB query every graph, Oxigraph only with
`oxigraph serve --union-default-graph`; otherwise use GRAPH ?g {{ ... }}.
{CREDENTIALS_HELP}
"""

# Long cells are cut in tables so rows stay readable; csv and json keep everything.
_CELL = 70


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "query",
        help="run a SPARQL query on a store, an RDF file or a SPARQL server",
        description="Run a SPARQL query and print the results as a table, CSV or SPARQL JSON.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", metavar="DIR", help="an embedded store made by `kgraph build --store DIR`")
    source.add_argument("--graph", metavar="FILE", help="an RDF file (.ttl, .nt, .jsonld, .trig, .nq)")
    source.add_argument("--endpoint", metavar="URL", help="a SPARQL query URL, e.g. http://localhost:7878/query")
    p.add_argument("sparql", metavar="SPARQL", help="the query, or - to read it from stdin")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="how to print SELECT results (default: table)")
    add_connection_arguments(p)
    p.set_defaults(func=run)


def run(args) -> int:
    sparql = sys.stdin.read() if args.sparql == "-" else args.sparql
    if not sparql.strip():
        raise KGraphError("empty SPARQL query")
    if args.endpoint:
        from kgraph.rdf.remote import remote_query

        endpoint = endpoint_from_args(args, args.endpoint)
        result = remote_query(endpoint, sparql)
    else:
        from kgraph.rdf.store import load_file, open_store, run_query

        store = open_store(args.store, create=False) if args.store else load_file(args.graph)
        result = run_query(store, sparql)
    text = render(result, args.format)
    sys.stdout.write(text)
    if args.endpoint and _no_rows(result, text, args.format) and not _names_graphs(sparql):
        note = _only_in_named_graphs(endpoint)
        if note:
            print(f"kgraph: note: {note}", file=sys.stderr)
    return 0


def _no_rows(result, text: str, fmt: str) -> bool:
    """Whether ``text``, the rendering of ``result``, holds no SELECT solution."""
    if not isinstance(result, ox.QuerySolutions):
        return False
    if fmt == "json":
        return not json.loads(text)["results"]["bindings"]
    return text.endswith("(0 rows)\n") if fmt == "table" else text.count("\n") <= 1


def _names_graphs(sparql: str) -> bool:
    """Whether ``sparql`` chooses its graphs itself (GRAPH, FROM, or a SERVICE)."""
    code = re.sub(r"<[^>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*", " ", sparql)
    # Not ?graph, $from or kg:from: keywords stand alone.
    return re.search(r"(?<![?$:\w])(GRAPH|FROM|SERVICE)(?![\w:])", code, re.IGNORECASE) is not None


def _only_in_named_graphs(endpoint) -> str | None:
    """Why a query of the default graph found nothing, when the reason is where the
    data sits: the server's default graph is empty and its named graphs are not.
    ``None`` otherwise, or when the server cannot tell."""
    from kgraph.errors import RemoteError
    from kgraph.rdf.remote import remote_query

    try:
        if bool(remote_query(endpoint, "ASK { ?s ?p ?o }")):
            return None
        if not bool(remote_query(endpoint, "ASK { GRAPH ?g { ?s ?p ?o } }")):
            return None
    except RemoteError:
        return None
    return ("no rows, and the server's default graph is empty while its named graphs hold data "
            "(kgraph puts each article in a graph of its own): query them with GRAPH ?g { ... }, "
            "or serve their union as the default graph (oxigraph serve --union-default-graph)")


def render(result, fmt: str) -> str:
    """SELECT solutions as a table, CSV or SPARQL JSON; ASK as true/false;
    CONSTRUCT/DESCRIBE triples as N-Triples."""
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if not isinstance(result, ox.QuerySolutions):
        return ox.serialize(list(result), None, ox.RdfFormat.N_TRIPLES).decode("utf-8")
    names = [v.value for v in result.variables]
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    rows = [[row[name] for name in names] for row in result]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([["" if t is None else t.value for t in row] for row in rows])
        return out.getvalue()
    return _table(names, [[_cell(t) for t in row] for row in rows])


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for name, namespace in VOCABULARY.items():
            if term.value.startswith(namespace):
                return f"{name}:{term.value[len(namespace):]}"
    # Escape line breaks and control characters so a value cannot break the table.
    text = json.dumps(term.value, ensure_ascii=False)[1:-1].replace('\\"', '"')
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(names), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
