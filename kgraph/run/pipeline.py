"""The build: paths → articles → parsed docs → extraction → merged graph.

Articles stream through ``nlp.pipe`` in batches; each Doc is dropped as soon as
it has been extracted, so memory holds the results, never the parses. The
per-article work (parse + extract) runs in this process, in a pool of worker
processes (``workers=N``, see :mod:`kgraph.run.pool`) or on a Dask cluster
(``dask=...``, see :mod:`kgraph.run.cluster`); the merge by entity key
(:class:`~kgraph.resolve.Resolver`) always runs here, so every way gives the
same graph.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
import warnings
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from kgraph.io.articles import read_articles
from kgraph.errors import InputError, KGraphError
from kgraph.graph import DEFAULT_BASE, KnowledgeGraph
from kgraph.extraction.model import default_model_name, load_model
from kgraph.ontology import Ontology, load_ontology
from kgraph.resolve import Resolver
from kgraph.text import content_hash
from kgraph.types import Article, DocumentResult, Statement

if TYPE_CHECKING:  # pragma: no cover
    from kgraph.extraction.work import Outcome

__all__ = ["build", "extract", "extract_articles"]

ErrorHandler = Callable[[InputError], None]


def _report(outcomes: Iterable["Outcome"], on_error: ErrorHandler | None) -> Iterator[DocumentResult]:
    for outcome in outcomes:
        if isinstance(outcome, DocumentResult):
            yield outcome
            continue
        error = InputError(*outcome)
        if on_error is None:
            raise error
        on_error(error)


def extract_articles(
    articles: Iterable[Article],
    *,
    nlp=None,
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    dask=None,
    keep_propositions: bool = True,
    ontology: Ontology | str | os.PathLike | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[DocumentResult]:
    """Parse and extract each article; yields one :class:`DocumentResult` per article,
    in input order.

    The work runs here with ``nlp`` (default: the model called ``model``), or with
    ``n_process > 1`` in that many worker processes, or with ``dask`` (a
    ``distributed.Client``) on its cluster; workers load the model by name, so
    ``nlp`` is only used here. At most a few batches of ``batch_size`` articles
    are in flight at any time. An article whose extraction fails is passed to
    ``on_error`` (default: raise) as an :class:`InputError` and skipped.
    ``keep_propositions=False`` drops the open propositions, which the graph does
    not use. ``ontology`` (an :class:`Ontology` or the path of one; default:
    kgraph's) gives the classes, properties and lexicon of the extraction;
    workers load it again from its path.
    """
    ontology = load_ontology(ontology)
    if dask is not None or n_process > 1:
        name = model or default_model_name()
        if dask is not None:
            from kgraph.run.cluster import extract_dask

            outcomes = extract_dask(articles, client=dask, model=name, batch_size=batch_size,
                                    keep_propositions=keep_propositions, ontology=ontology)
        else:
            from kgraph.run.pool import extract_parallel

            outcomes = extract_parallel(articles, model=name, workers=n_process, batch_size=batch_size,
                                        keep_propositions=keep_propositions, ontology=ontology)
    else:
        # spaCy is imported only when something is parsed, so `import kgraph` stays light.
        from kgraph.extraction.work import extract_outcomes

        outcomes = extract_outcomes(nlp or load_model(model), articles, batch_size=batch_size,
                             keep_propositions=keep_propositions, ontology=ontology)
    yield from _report(outcomes, on_error)


def build(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    ontology: Ontology | str | os.PathLike | None = None,
    store: str | os.PathLike | None = None,
    workers: int = 1,
    dask=None,
    batch_size: int = 32,
    show_progress: bool = False,
    on_error: ErrorHandler | None = None,
    on_skip: Callable[[Article], None] | None = None,
    prepare: Iterable[str] = (),
) -> KnowledgeGraph:
    """Build a :class:`KnowledgeGraph` from files, folders or ``"-"`` (stdin):
    ``paths`` is one path (``str`` or ``os.PathLike``) or an iterable of them.

    ``ontology`` (an :class:`Ontology` or the path of one; default: kgraph's) is
    used everywhere: the lexicon and class tests of extraction, the merge, and the
    graph's RDF, JSON-LD context and SHACL shapes (``KnowledgeGraph.ontology``).

    With ``store`` (a folder), the build is incremental: articles already in the
    Oxigraph store there (by a hash of their text) are skipped and passed to
    ``on_skip``, new mentions merge with the stored entities (a stored entity keeps
    its IRI), and the new articles are added to the store (created if needed).
    The graph returned holds the new articles, and of the stored entities only
    those they name or change.

    ``workers=N`` parses and extracts in N processes; ``dask`` runs that work on a
    Dask cluster (a ``distributed.Client``, an address such as
    ``"tcp://10.0.0.5:8786"``, or ``"local:N"`` for a local cluster of N worker
    processes). Every way gives the same graph. ``batch_size`` articles go
    through ``nlp.pipe`` at a time. ``show_progress`` draws a progress bar on
    stderr. Worker processes start fresh and import the calling script, so a
    script that uses ``workers`` or ``dask="local:N"`` must call :func:`build`
    under ``if __name__ == "__main__":`` (notebooks and the ``kgraph`` command
    need nothing).

    Inputs that cannot be read are passed to ``on_error``; by default each is
    reported as a warning and skipped. The failures are kept in
    ``KnowledgeGraph.failures``. Raises :class:`KGraphError` for ``workers < 1``,
    :class:`~kgraph.errors.StoreError` for a store that cannot be opened.

    ``prepare`` names modules that the caller needs once the graph is built (the
    RDF and HTML writers): with workers or Dask they are imported in a background
    thread while the workers parse, so that importing them (about 0.6 s for the
    HTML page's numpy, scipy and networkx) does not wait for the last article.

    >>> kg = build(["seeds/"])                        # doctest: +SKIP
    >>> kg.statements_frame().head()                  # doctest: +SKIP
    >>> kg = build("new/", store="kgstore/")          # doctest: +SKIP
    """
    from kgraph.run.progress import count_articles, progress

    if workers < 1:
        raise KGraphError(f"workers must be 1 or more, not {workers}")
    ontology = load_ontology(ontology)  # a bad file fails here, before any article is read
    # One path is a path, not an iterable of one-character paths.
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    resolver = Resolver(base=base, ontology=ontology)
    stored: frozenset[str] = frozenset()  # content hashes of the stored articles
    if store is not None:
        from kgraph.rdf.incremental import add_to_store, read_state

        state = read_state(store, base=base, ontology=ontology)
        stored = state.hashes
        resolver.add_entities(state.entities)

    with progress(total=count_articles(paths) if show_progress else None, show=show_progress) as bar:

        def report(error: InputError) -> None:
            resolver.add_failure(str(error))
            bar.update()
            if on_error is not None:
                on_error(error)
            else:
                warnings.warn(str(error), stacklevel=3)

        def fresh(articles: Iterable[Article]) -> Iterator[Article]:
            for article in articles:
                if stored and content_hash(article.text) in stored:
                    bar.update()
                    if on_skip is not None:
                        on_skip(article)
                else:
                    yield article

        if workers > 1 or dask is not None:
            _import_in_background(prepare)
        with _dask_client(dask, model) as client:
            results = extract_articles(
                fresh(read_articles(paths, on_error=report)), model=model, batch_size=batch_size,
                n_process=workers, dask=client, keep_propositions=False, ontology=ontology, on_error=report,
            )
            for result in results:
                resolver.add(result)
                bar.update()
    kg = resolver.graph()
    if store is not None and kg.articles:
        add_to_store(kg, store)
    return kg


def _import_in_background(modules: Iterable[str]) -> None:
    """Import ``modules`` in a daemon thread: this process only waits for workers
    meanwhile. A module that fails to import is left for the caller's own import
    to report."""
    modules = list(modules)
    if not modules:
        return

    def run() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001  reported by the caller's own import
                pass

    threading.Thread(target=run, name="kgraph-prepare", daemon=True).start()


@contextlib.contextmanager
def _dask_client(dask, model: str | None) -> Iterator:
    """``dask`` as a connected ``distributed.Client`` for the duration of a build:
    ``None`` and clients pass through; an address or ``"local:N"`` is connected
    to here, and a local cluster started for it (its workers warmed up with
    ``model``) is shut down afterwards."""
    if not isinstance(dask, str):
        yield dask
        return
    try:
        from kgraph.run.cluster import connect
    except ImportError as err:
        raise KGraphError("Dask support needs the dask extra: pip install 'kgraph[dask]'") from err

    # A local cluster started for this build shuts down while the results are
    # merged and written, not before.
    with connect(dask, close_in_background=True, model=model) as client:
        yield client


def extract(text: str, *, model: str | None = None,
            ontology: Ontology | str | os.PathLike | None = None) -> list[Statement]:
    """The statements of one text, with entity keys local to it, extracted with
    ``ontology`` (an :class:`Ontology` or the path of one; default: kgraph's).

    >>> extract("Ada Lovelace visited Paris.")      # doctest: +SKIP
    [Statement(subject=Mention(... key='ada-lovelace' ...), predicate='visits', ...)]
    """
    article = Article(id="text", text=text)
    results = list(extract_articles([article], nlp=load_model(model), ontology=ontology))
    return list(results[0].statements) if results else []
