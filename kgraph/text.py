"""Small text helpers shared by the stages: ASCII folding and slugs."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["fold", "slug", "content_hash"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Letters that NFKD does not decompose into an ASCII base letter.
_EXTRA_FOLDS = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
    "’": "'", "‘": "'", "“": '"', "”": '"',
})


def fold(text: str) -> str:
    """``text`` without diacritics: ``fold("Ağaoğlu") == "Agaoglu"``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str, *, max_length: int = 80) -> str:
    """A lowercase ASCII slug safe in any IRI: ``slug("Zeynep Gül Ağaoğlu") ==
    "zeynep-gul-agaoglu"``. Text with no letters or digits gets a hash slug;
    long text is cut and suffixed with a hash so slugs stay unique."""
    base = _NON_SLUG.sub("-", fold(text).lower()).strip("-")
    if not base:
        return "x-" + content_hash(text)[:12]
    if len(base) > max_length:
        return base[: max_length - 13].rstrip("-") + "-" + content_hash(text)[:12]
    return base


def content_hash(text: str) -> str:
    """A stable hex digest of ``text`` (SHA-256)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
