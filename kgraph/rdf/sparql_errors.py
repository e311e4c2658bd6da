"""SPARQL syntax errors as one readable line.

Oxigraph (embedded or as a server) reports ``error at LINE:COLUMN: expected one of
...``, where the list can hold a hundred tokens and Unicode ranges, and a misspelt
query form ("SELEC") reads as ``expected CONSTRUCT``. :func:`explain` turns that
into the position, the text there and at most a few words that fit.
"""

from __future__ import annotations

import re

__all__ = ["explain"]

_OXIGRAPH = re.compile(r"error at (\d+):(\d+): expected (.*)", re.DOTALL)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_PROLOGUE = re.compile(r"""(?:\s+|\#[^\n]*|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*""", re.IGNORECASE)
_PUNCTUATION = {"}", "{", ")", "(", ".", ";", ",", "]"}
_SHOWN = 6  # more expected tokens than this is a list nobody reads


def explain(sparql: str, message: str) -> str | None:
    """One line for Oxigraph's syntax error ``message`` about ``sparql``: where
    (line, column, the text there) and what was expected. ``None`` when
    ``message`` is not an Oxigraph syntax error (a server's own words stay as
    they are)."""
    found = _OXIGRAPH.search(message)
    if found is None:
        return None
    line, column, expected = int(found[1]), int(found[2]), found[3]
    body = sparql[_PROLOGUE.match(sparql).end():]
    first = re.match(r"[A-Za-z]+", body)
    if first and first[0].upper() not in _FORMS and "BASE" != first[0].upper() != "PREFIX":
        offset = len(sparql) - len(body)
        at_line = sparql.count("\n", 0, offset) + 1
        at_column = offset - (sparql.rfind("\n", 0, offset) + 1) + 1
        return (f"line {at_line}, column {at_column}: a query starts with {', '.join(_FORMS[:-1])} "
                f"or {_FORMS[-1]}, not {first[0]!r}")
    lines = sparql.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    where = f"line {line}, column {column}, near {text[max(column - 21, 0):column + 9].strip()!r}"
    if line >= len(lines) and column > len(text.rstrip()):
        where += " (the end of the query)"
    if "Prefix not found" in expected:
        prefix = re.search(r"([A-Za-z][\w.-]*):\S*\s*$", text[: max(column - 1, 0)])
        name = f" {prefix[1]}:" if prefix else ""
        return f"{where}: unknown prefix{name} (declare it with PREFIX)"
    tokens = re.findall(r'"((?:[^"\\]|\\.)*)"|(?<![{\w])([A-Z][A-Z_]+)\b', expected)
    quoted = [q for q, _ in tokens if q]
    words = [f"'{w}'" for w in quoted if w in _PUNCTUATION] + [k for _, k in tokens if k]
    if "?" in quoted and "<" in quoted:  # anything that starts a term
        words.insert(0, "a variable, IRI or literal")
    if not words:
        return f"{where}: unexpected text"
    words = list(dict.fromkeys(words))
    more = ", ..." if len(words) > _SHOWN else ""
    return f"{where}: expected {', '.join(words[:_SHOWN])}{more}"
