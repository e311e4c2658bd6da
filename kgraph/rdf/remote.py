"""SPARQL servers over HTTP: upload graphs with the SPARQL 1.1 Graph Store HTTP
Protocol and run queries with the SPARQL 1.1 Protocol.

Works with any SPARQL 1.1 store: Oxigraph (``/store`` and ``/query``), Fuseki
(``/DATASET/data`` and ``/DATASET/sparql``), GraphDB, Virtuoso. Credentials come
from :class:`Endpoint` (the CLI takes them from ``--user`` or ``KGRAPH_USER`` and
``KGRAPH_PASSWORD``); they are sent as HTTP Basic auth and never shown in
messages. Requests time out; connection failures, timeouts and 5xx/429 answers
are retried a bounded number of times with exponential backoff.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Iterable

import pyoxigraph as ox

from kgraph.errors import RemoteError
from kgraph.rdf.sparql_errors import explain

__all__ = ["Endpoint", "Upload", "push", "remote_query"]

_RETRY_STATUS = {429, 500, 502, 503, 504}
_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
           "application/n-triples;q=0.9, text/turtle;q=0.8")


@dataclass(frozen=True)
class Endpoint:
    """A server URL and how to talk to it.

    ``url`` is the Graph Store Protocol URL for :func:`push` (``http://host:7878/store``)
    or the query URL for :func:`remote_query` (``http://host:7878/query``).
    ``password`` is kept out of ``repr``. Raises :class:`RemoteError`, naming the
    bad value, for a URL that is not http(s), has no host, a bad port, spaces or
    a ``#fragment``, or carries credentials, and for a timeout that is not more
    than 0 or retries or backoff below 0.
    """

    url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    retries: int = 2
    backoff: float = 0.5

    def __post_init__(self) -> None:
        if not isinstance(self.url, str):
            raise RemoteError(f"endpoint URL {self.url!r} is not a string")
        parts = urllib.parse.urlsplit(self.url)
        if parts.username or parts.password:
            # The URL would end up in shell history and error messages, so it is not repeated.
            raise RemoteError("put no credentials in the endpoint URL; use --user and the "
                              "KGRAPH_PASSWORD environment variable")
        if parts.scheme not in ("http", "https"):
            raise RemoteError(f"{self.url!r} is not an http(s) URL of a SPARQL server "
                              f"(scheme {parts.scheme or 'missing'!r})")
        if not parts.hostname:
            raise RemoteError(f"{self.url!r} names no host (e.g. http://localhost:7878/query)")
        try:
            parts.port
        except ValueError:
            raise RemoteError(f"{self.url!r} has a bad port {parts.netloc.rpartition(':')[2]!r}") from None
        if any(c.isspace() for c in self.url):
            raise RemoteError(f"{self.url!r} contains white space")
        if parts.fragment:
            raise RemoteError(f"{self.url!r} has a #fragment, which is never sent to the server")
        if not self.timeout > 0:
            raise RemoteError(f"timeout {self.timeout!r} must be more than 0 seconds")
        if self.retries < 0 or self.backoff < 0:
            raise RemoteError(f"retries {self.retries!r} and backoff {self.backoff!r} must be 0 or more")

    def _headers(self) -> dict[str, str]:
        if self.user is None:
            return {}
        token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}


@dataclass(frozen=True)
class Upload:
    """One graph uploaded: its name (``None`` for the default graph) and size."""

    graph: str | None
    triples: int


# The URLs each server serves, by the start of its Server header (lower case):
# (Graph Store Protocol, query).
_SERVICES = {
    "oxigraph": ("/store", "/query"),
    "virtuoso": ("/sparql-graph-crud", "/sparql"),
    "fuseki": ("/DATASET/data", "/DATASET/sparql"),
    "apache jena fuseki": ("/DATASET/data", "/DATASET/sparql"),
}
_GRAPH_STORE, _QUERY = 0, 1
_SERVICE_NAMES = ("Graph Store", "query")


def _request(endpoint: Endpoint, method: str, url: str, *, service: int, body: bytes | None = None,
             headers: dict[str, str] | None = None, sparql: str | None = None) -> tuple[int, str, bytes]:
    """Send one request with retries; return (status, content type, body) of a 2xx
    answer. Raises :class:`RemoteError` naming the URL and the server's message;
    for a 404, 405 or 415 (a URL that is not the ``service`` wanted) it names the
    URL the server probably serves it at, and Oxigraph's syntax errors about
    ``sparql`` are made one readable line.

    Retrying a POST whose answer was lost is safe: uploads merge sets of triples.
    """
    request_headers = {**endpoint._headers(), **(headers or {})}
    last, attempts = "", 0
    while attempts <= endpoint.retries:
        if attempts:
            time.sleep(endpoint.backoff * 2 ** (attempts - 1))
        attempts += 1
        request = urllib.request.Request(url, data=body, method=method, headers=request_headers)
        try:
            with urllib.request.urlopen(request, timeout=endpoint.timeout) as answer:
                return answer.status, answer.headers.get_content_type(), answer.read()
        except urllib.error.HTTPError as err:
            message = _server_message(err)
            if sparql is not None and err.code == 400:
                message = explain(sparql, message) or message
            last = f"HTTP {err.code} {err.reason}" + (f": {message}" if message else "")
            if err.code in (401, 403):
                last += " (set --user or KGRAPH_USER, and KGRAPH_PASSWORD)"
            elif err.code in (404, 405, 415):
                last += _service_hint(endpoint.url, err.headers.get("Server") or "", service)
            if err.code not in _RETRY_STATUS:
                break
        except TimeoutError:
            last = f"no answer within {endpoint.timeout:g} s"
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                last = f"no answer within {endpoint.timeout:g} s"
            else:
                last = f"cannot connect ({err.reason})"
        except OSError as err:  # reset or refused mid-request
            last = f"connection failed ({err})"
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    raise RemoteError(f"{method} {url}: {last}{tries}")


def _service_hint(url: str, server: str, service: int) -> str:
    """Where the server (by its ``Server`` header) serves ``service``, as a
    sentence to add to an error about ``url``."""
    name = _SERVICE_NAMES[service]
    known = next((paths for start, paths in _SERVICES.items() if server.lower().startswith(start)), None)
    if known is None:
        return (f"; is this the server's {name} URL? (Oxigraph: /store and /query, Fuseki: "
                "/DATASET/data and /DATASET/sparql, Virtuoso: /sparql-graph-crud and /sparql)")
    parts = urllib.parse.urlsplit(url)
    wanted = urllib.parse.urlunsplit((parts.scheme, parts.netloc, known[service], "", ""))
    product = server.split("/")[0].split(" (")[0]
    if parts.path == known[service]:
        return ""
    return f"; this is not {product}'s {name} URL, which is {wanted}"


def _server_message(err: urllib.error.HTTPError) -> str:
    try:
        text = err.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return " ".join(text.split())[:300]


def _graph_url(endpoint: Endpoint, graph: str | None) -> str:
    separator = "&" if urllib.parse.urlsplit(endpoint.url).query else "?"
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    return f"{endpoint.url}{separator}{query}"


def push(
    endpoint: Endpoint,
    graphs: Iterable[tuple[str | None, list]],
    *,
    replace: bool = False,
    on_upload: Callable[[Upload], None] | None = None,
) -> list[Upload]:
    """Upload each ``(graph name or None for the default graph, triples)`` pair
    with the Graph Store Protocol: ``PUT`` (replace the graph) when ``replace``,
    else ``POST`` (merge into it). Triples are pyoxigraph ``Triple`` objects.

    Returns the uploads that succeeded, calling ``on_upload`` after each. On the
    first failure raises :class:`RemoteError` saying what was uploaded before it.
    """
    done: list[Upload] = []
    for graph, triples in graphs:
        body = ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES)
        try:
            _request(endpoint, "PUT" if replace else "POST", _graph_url(endpoint, graph), body=body,
                     headers={"Content-Type": "application/n-triples"}, service=_GRAPH_STORE)
        except RemoteError as err:
            if done:
                names = ", ".join(u.graph or "the default graph" for u in done)
                raise RemoteError(f"{err} ({len(done)} graph(s) uploaded before the error: {names})") from err
            raise RemoteError(f"{err} (nothing uploaded)") from err
        upload = Upload(graph, len(triples))
        done.append(upload)
        if on_upload is not None:
            on_upload(upload)
    return done


def remote_query(endpoint: Endpoint, sparql: str):
    """Run ``sparql`` on the server's query URL and return what pyoxigraph parses
    from the answer: ``QuerySolutions``, ``QueryBoolean``, or a list of ``Triple``
    (CONSTRUCT/DESCRIBE). Raises :class:`RemoteError` (with the server's message,
    for example its syntax error) on failure."""
    # The URL-encoded form is the one way of POSTing a query that every server takes
    # (Virtuoso 7 never answers a body sent as application/sparql-query).
    _, content_type, body = _request(
        endpoint, "POST", endpoint.url, body=urllib.parse.urlencode({"query": sparql}).encode("ascii"),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT},
        service=_QUERY, sparql=sparql,
    )
    try:
        if content_type in _RESULT_TYPES:
            return ox.parse_query_results(body, _RESULT_TYPES[content_type])
        if content_type in _GRAPH_TYPES:
            return list(ox.parse(body, _GRAPH_TYPES[content_type]))
    except (SyntaxError, ValueError) as err:
        raise RemoteError(f"{endpoint.url}: unreadable {content_type} answer ({err})") from err
    raise RemoteError(f"{endpoint.url}: answered {content_type or 'no content type'}, "
                      "not SPARQL results; is this the query URL (e.g. .../query or .../sparql)?")
