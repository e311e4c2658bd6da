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
import os
import warnings
from typing import TYPE_CHECKING, Callable, Collection, Iterable, Iterator

from kgraph.io.articles import read_articles
from kgraph.errors import InputError, KGraphError
from kgraph.graph import DEFAULT_BASE, KnowledgeGraph
from kgraph.extraction.model import default_model_name, load_model
from kgraph.ontology import Ontology, load_ontology
from kgraph.resolve import Resolver
from kgraph.text import content_hash
from kgraph.types import Article, DocumentResult, Entity, Statement

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
    batch_size: int = 32,
    workers: int = 1,
    dask=None,
    skip: Collection[str] = (),
    known_entities: Iterable[Entity] = (),
    show_progress: bool = False,
    on_error: ErrorHandler | None = None,
    on_skip: Callable[[Article], None] | None = None,
    ontology: Ontology | str | os.PathLike | None = None,
) -> KnowledgeGraph:
    """Build a :class:`KnowledgeGraph` from files, folders or ``"-"`` (stdin):
    ``paths`` is one path (``str`` or ``os.PathLike``) or an iterable of them.

    ``workers=N`` parses and extracts in N processes; ``dask`` runs that work on a
    Dask cluster (a ``distributed.Client``, an address such as
    ``"tcp://10.0.0.5:8786"``, or ``"local:N"`` for a local cluster of N worker
    processes). Every way gives the same graph. Articles whose content hash is in
    ``skip`` are not processed (incremental builds); ``known_entities`` (from an
    earlier build) take part in the merge, so new mentions join them, but only
    entities that the new articles mention end up in the graph.
    ``show_progress`` draws a progress bar on stderr. Worker processes start
    fresh and import the calling script, so a script that uses ``workers`` or
    ``dask="local:N"`` must call :func:`build` under ``if __name__ == "__main__":``
    (notebooks and the ``kgraph`` command need nothing).

    Inputs that cannot be read are passed to ``on_error``; by default each is
    reported as a warning and skipped. The failures are kept in
    ``KnowledgeGraph.failures``. Each article skipped is passed to ``on_skip``.

    ``ontology`` (an :class:`Ontology` or the path of one; default: kgraph's) is
    used everywhere: the lexicon and class tests of extraction, the merge, and the
    graph's RDF, JSON-LD context and SHACL shapes (``KnowledgeGraph.ontology``).

    >>> kg = build(["seeds/"])                        # doctest: +SKIP
    >>> kg.statements_frame().head()                  # doctest: +SKIP
    """
    from kgraph.run.progress import count_articles, progress

    if workers < 1:
        raise KGraphError(f"workers must be 1 or more, not {workers}")
    ontology = load_ontology(ontology)  # a bad file fails here, before any article is read
    failures: list[InputError] = []
    # One path is a path, not an iterable of one-character paths.
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)

    with progress(total=count_articles(paths) if show_progress else None, show=show_progress) as bar:

        def report(error: InputError) -> None:
            failures.append(error)
            bar.update()
            if on_error is not None:
                on_error(error)
            else:
                warnings.warn(str(error), stacklevel=3)

        def fresh(articles: Iterable[Article]) -> Iterator[Article]:
            for article in articles:
                if skip and content_hash(article.text) in skip:
                    bar.update()
                    if on_skip is not None:
                        on_skip(article)
                else:
                    yield article

        resolver = Resolver(base=base, ontology=ontology)
        known = _add_known(resolver, known_entities)
        with _dask_client(dask) as client:
            results = extract_articles(
                fresh(read_articles(paths, on_error=report)), model=model, batch_size=batch_size,
                n_process=workers, dask=client, keep_propositions=False, ontology=ontology, on_error=report,
            )
            for result in results:
                resolver.add(result)
                bar.update()
        kg = resolver.graph()
    if known:
        kg = _without_unmentioned(kg, known)
    kg.failures = [str(error) for error in failures]
    return kg



def _add_known(resolver: Resolver, entities: Iterable[Entity]) -> tuple[Entity, ...]:
    entities = tuple(entities)
    resolver.add_entities(entities)
    return entities


def _without_unmentioned(kg: KnowledgeGraph, known: tuple[Entity, ...]) -> KnowledgeGraph:
    """``kg`` without the known entities that the new articles left as they were and
    name in no statement: the store already describes them."""
    used: set[str] = set()
    for s in kg.statements:
        used.add(s.subject.key)
        if s.object is not None:
            used.add(s.object.key)
    unchanged = set(known)
    kg.entities = {key: entity for key, entity in kg.entities.items()
                   if key in used or entity not in unchanged}
    return kg


@contextlib.contextmanager
def _dask_client(dask) -> Iterator:
    """``dask`` as a connected ``distributed.Client`` for the duration of a build:
    ``None`` and clients pass through; an address or ``"local:N"`` is connected
    to here, and a local cluster started for it is shut down afterwards."""
    if not isinstance(dask, str):
        yield dask
        return
    try:
        from kgraph.run.cluster import connect
    except ImportError as err:
        raise KGraphError("Dask support needs the dask extra: pip install 'kgraph[dask]'") from err

    with connect(dask) as client:
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
