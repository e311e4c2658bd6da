"""What a name's own words say about its bearer, from libraries made for this:
a company's legal form (``cleanco``: "Zorbco Holdings plc", "Quarr AG") and a
person's title (``nameparser``: "Mr", "Dr", "Sheikh").
"""

from __future__ import annotations

import functools

__all__ = ["kin_words", "legal_base", "person_title_words"]

# Words for kin: before a name, lowercase, they make it a person's ("his brother Bell"),
# where nameparser's other lowercase titles are as often a firm's ("property business Zorbco").
_KIN = frozenset({"brother", "sister", "father", "mother", "son", "daughter", "wife", "husband",
                  "uncle", "aunt", "cousin", "nephew", "niece", "grandson", "granddaughter"})


@functools.lru_cache(maxsize=4096)
def legal_base(name: str) -> str | None:
    """``name`` without its legal form when it ends with one ("Zorbco Corp." →
    "Zorbco"), else ``None``. A name that is only a legal form ("Inc") has no base."""
    if not name[-1:].isalpha() and not name.endswith("."):
        return None
    from cleanco import basename
    from cleanco.clean import normalized, strip_punct

    if strip_punct(normalized(name.split()[-1])) not in _legal_form_ends():
        return None  # the usual case, without cleanco's pass over its 300 forms
    base = basename(name).strip(" ,")
    return base if base and base != name and len(base) < len(name) and any(ch.isalpha() for ch in base) else None


@functools.lru_cache(maxsize=1)
def _legal_form_ends() -> frozenset[str]:
    """The last words of cleanco's legal forms, normalised as cleanco does ("corp", "plc", "kg")."""
    from cleanco.clean import prepare_default_terms

    return frozenset(parts[-1] for _, parts in prepare_default_terms())


@functools.lru_cache(maxsize=1)
def person_title_words() -> frozenset[str]:
    """Lowercase words that stand before a person's name as a title, from
    nameparser's table ("mr", "dr", "sheikh", "chancellor", ...), less the names of
    places and peoples it holds ("us", "british"): those stand before firms too."""
    from nameparser.config import CONSTANTS

    from kgraph.extraction.mentions.places import load_gazetteer

    gazetteer = load_gazetteer()
    return frozenset(word for word in CONSTANTS.titles if word.isalpha()
                     and gazetteer.place(word) is None and gazetteer.demonym(word) is None)


def kin_words() -> frozenset[str]:
    """Lowercase words for kin ("brother", "wife")."""
    return _KIN
