"""Read articles from files, folders, JSONL and stdin, and clean them.

``read_articles(paths)`` yields :class:`~kgraph.types.Article` objects in a stable
order (folders are walked recursively, sorted). A file that cannot be read is
reported through ``on_error`` as an :class:`~kgraph.errors.InputError` naming the
file and the reason, and the rest are still read.
"""

from __future__ import annotations

import json
import os
import re
import sys
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputError
from .text import content_hash, slug
from .types import Article

__all__ = [
    "TEXT_SUFFIXES", "HTML_SUFFIXES", "JSONL_SUFFIXES", "MAX_ARTICLE_CHARS",
    "read_articles", "parse_text", "clean_text", "split_long",
]

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# Lines that pages wrap around an article: sharing widgets, comment counters,
# image credits. Matched against whole short lines only, so prose is never cut.
_BOILERPLATE = re.compile(
    r"""^\s*(?:
        share(?:\s+this(?:\s+(?:article|story|page))?)?\s*:? |
        (?:all\s+)?comments?\s*\.? | \d+\s+comments?\s*\.? |
        (?:cover\s+)?(?:image|photo|picture)\s+(?:source|credit)s?\s*:.* |
        (?:advertisement|sponsored(?:\s+content)?) |
        (?:read|see)\s+(?:more|also)\s*:?.{0,60} |
        (?:follow|like)\s+us\s+on\b.{0,60} |
        (?:sign\s+up|subscribe)\b.{0,60} |
        (?:tweet|email|print|facebook|twitter|whatsapp|linkedin)(?:\s*[|·/]\s*\w+)*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_MAX_BOILERPLATE_LINE = 120
# Longer texts are split into parts: spaCy refuses texts over nlp.max_length (1,000,000
# characters) and the parser's memory grows with the text.
MAX_ARTICLE_CHARS = 100_000

ErrorHandler = Callable[[InputError], None]


def _raise(error: InputError) -> None:
    raise error


def read_articles(paths: Iterable[str | Path], *, on_error: ErrorHandler = _raise) -> Iterator[Article]:
    """Yield the articles found under ``paths`` (files, folders, or ``"-"`` for stdin).

    Files given explicitly must have a known suffix (``.txt``, ``.md``, ``.html``,
    ``.htm``, ``.jsonl``); inside folders other files are skipped silently.
    Unreadable or empty inputs are passed to ``on_error`` (default: raise).
    """
    for raw in paths:
        if str(raw) == "-":
            yield from _guard("<stdin>", lambda: _read_stdin(), on_error)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path, on_error):
                yield from _guard(str(file), lambda f=file: _read_file(f, _relative_id(f, path), on_error), on_error)
        elif not path.exists():
            on_error(InputError(str(path), "no such file or directory"))
        elif path.suffix.lower() not in SUFFIXES:
            on_error(InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                                f"expected one of {', '.join(sorted(SUFFIXES))}"))
        else:
            yield from _guard(str(path), lambda: _read_file(path, slug(path.stem), on_error), on_error)


def _guard(source: str, read: Callable[[], Iterator[Article]], on_error: ErrorHandler) -> Iterator[Article]:
    """Run ``read`` and turn OS and decoding failures into one InputError for ``source``."""
    try:
        for article in read():
            yield from split_long(article)
    except InputError as err:
        on_error(err)
    except PermissionError:
        on_error(InputError(source, "permission denied"))
    except IsADirectoryError:
        on_error(InputError(source, "is a directory"))
    except OSError as err:
        on_error(InputError(source, err.strerror or str(err)))


def split_long(article: Article, *, max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[Article]:
    """``article`` itself, or, when its text is longer than ``max_chars``, parts of
    it cut at paragraph (else line, sentence, word) boundaries, with ids
    ``<id>-part-<n>``. Each part's offsets are relative to its own text."""
    if len(article.text) <= max_chars:
        yield article
        return
    text, number = article.text, 0
    while text:
        cut = len(text)
        if cut > max_chars:
            window = text[:max_chars]
            cut = next((i + len(sep) for sep in ("\n\n", "\n", ". ", " ") if (i := window.rfind(sep)) > 0), max_chars)
        part, text = text[:cut].strip(), text[cut:]
        if part:
            number += 1
            yield replace(article, id=f"{article.id}-part-{number}", text=part)


def _walk(root: Path, on_error: ErrorHandler) -> list[Path]:
    """Files with known suffixes under ``root``, sorted by path; symlink loops are
    walked once."""
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=True, onerror=lambda e: on_error(
            InputError(e.filename or str(root), e.strerror or str(e)))):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop: walked already
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        found.extend(Path(folder, name) for name in files
                     if Path(name).suffix.lower() in SUFFIXES and not name.startswith("."))
    return sorted(found, key=lambda file: file.relative_to(root).parts)


def _relative_id(file: Path, root: Path) -> str:
    return slug(str(file.relative_to(root).with_suffix("")))


def _read_stdin() -> Iterator[Article]:
    data = sys.stdin.buffer.read()
    text = _decode(data, "<stdin>")
    yield _text_article(text, "stdin-" + content_hash(text)[:12], source="<stdin>", path=None)


def _read_file(path: Path, article_id: str, on_error: ErrorHandler) -> Iterator[Article]:
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_articles(data, path, article_id, on_error)
        return
    text = _decode(data, str(path))
    if suffix in HTML_SUFFIXES:
        yield _html_article(text, article_id, path)
    else:
        yield _text_article(text, article_id, source=str(path), path=str(path))


def _decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else the detected encoding with a
    warning. Binary data raises InputError."""
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "not text in any known encoding")
    warnings.warn(f"{source}: not UTF-8, decoded as {best.encoding}", stacklevel=2)
    return str(best)


def _text_article(text: str, article_id: str, *, source: str, path: str | None) -> Article:
    title, body = parse_text(text)
    if not body:
        raise InputError(source, "empty article: no text")
    return Article(id=article_id, text=body, title=title, path=path)


def parse_text(text: str) -> tuple[str | None, str]:
    """Split plain text into ``(title, body)``, both cleaned with :func:`clean_text`:
    a first line followed by a blank line is the title."""
    lines = clean_text(text).split("\n")
    if len(lines) >= 3 and lines[0] and not lines[1]:
        return lines[0].strip(), "\n".join(lines[2:]).strip()
    return None, "\n".join(lines).strip()


def clean_text(text: str) -> str:
    """Drop boilerplate lines (share widgets, comment counters, image credits) and
    surrounding blank lines; keep paragraph breaks as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = [line.rstrip() for line in text.split("\n") if not _is_boilerplate(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _is_boilerplate(line: str) -> bool:
    return len(line) <= _MAX_BOILERPLATE_LINE and bool(_BOILERPLATE.match(line))


def _html_article(html: str, article_id: str, path: Path) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True, url=None
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(str(path), "no article text found in the HTML")
    return Article(
        id=article_id,
        text=clean_text(doc.text),
        title=doc.title or None,
        url=doc.url or None,
        published=doc.date or None,
        path=str(path),
    )


def _jsonl_articles(data: bytes, path: Path, file_id: str, on_error: ErrorHandler) -> Iterator[Article]:
    """One article per line; a bad line is reported (file:line) and the rest are read."""
    text = _decode(data, str(path))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            on_error(InputError(source, f"not valid JSON ({err.msg})"))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            on_error(InputError(source, 'no "text" field'))
            continue
        body = clean_text(record["text"])
        if not body:
            on_error(InputError(source, "empty article: no text"))
            continue
        yield Article(
            id=slug(str(record["id"])) if record.get("id") is not None else f"{file_id}-{number}",
            text=body,
            title=_optional(record, "title"),
            url=_optional(record, "url"),
            published=_optional(record, "published"),
            path=str(path),
        )


def _optional(record: dict, key: str) -> str | None:
    value = record.get(key)
    return None if value is None else str(value)
