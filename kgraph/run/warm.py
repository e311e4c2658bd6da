"""Imported by the fork server of worker pools before it forks any worker (it is
in the server's preload list, see :func:`kgraph.run.pool.worker_context`): warms up the
extraction with the model named by the environment variable :data:`kgraph.run.pool.MODEL_VARIABLE`
(set while the server starts), so every worker is forked with spaCy, the model,
the gazetteer and the relation model loaded. Workers share those pages
copy-on-write instead of each loading them (about 1.5 CPU-s a worker), and a
worker started to replace one that died is ready at once.

Without the variable (imported anywhere else) it does nothing. A model that
cannot be loaded is left for the workers to report (they raise
:class:`~kgraph.errors.ModelError`), so the server itself always starts.
"""

from __future__ import annotations

import os

from kgraph.extraction.work import warm_up
from kgraph.run.pool import MODEL_VARIABLE


def _warm_server() -> None:
    model = os.environ.get(MODEL_VARIABLE)
    if not model:
        return
    try:
        warm_up(model)
    except Exception:  # noqa: BLE001  each worker loads the model again and reports the error
        pass


_warm_server()
