"""Read articles from files, folders, JSONL and stdin, and clean them.

``read_articles(paths)`` yields :class:`~kgraph.types.Article` objects in a stable
order (folders are walked recursively, sorted). A file that cannot be read is
reported through ``on_error`` as an :class:`~kgraph.errors.InputError` naming the
file and the reason, and the rest are still read.
"""

from __future__ import annotations

import codecs
import datetime
import email.utils
import json
import os
import re
import sys
import unicodedata
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kgraph.errors import InputError
from kgraph.text import content_hash, slug
from kgraph.types import Article

__all__ = [
    "TEXT_SUFFIXES", "HTML_SUFFIXES", "JSONL_SUFFIXES", "MAX_ARTICLE_CHARS",
    "read_articles", "read_text", "decode", "parse_text", "clean_text", "split_long"
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
    Unreadable or empty inputs, and articles whose id an earlier one already has
    (``a b.txt`` and ``a-b.txt``, or two JSONL lines with one ``id``), are passed to
    ``on_error`` (default: raise): two articles never merge silently into one.
    """
    taken: dict[str, str] = {}  # article id -> the source that has it

    for raw in paths:
        if str(raw) == "-":
            yield from _guard("<stdin>", lambda: _read_stdin(), on_error, taken)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path, on_error):
                yield from _guard(str(file), lambda f=file: _read_file(f, _relative_id(f, path), on_error),
                                  on_error, taken)
        elif not path.exists():
            on_error(InputError(str(path), "no such file or directory"))
        elif path.is_char_device() or path.is_block_device() or path.is_socket():  # a FIFO may be read
            on_error(InputError(str(path), "not a regular file"))
        elif path.suffix.lower() not in SUFFIXES:
            on_error(InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                                f"expected one of {', '.join(sorted(SUFFIXES))}"))
        else:
            yield from _guard(str(path), lambda: _read_file(path, _file_id(path, taken), on_error), on_error, taken)


Sourced = Iterator[tuple[str, Article]]  # articles with the file (or file:line) each came from


def _guard(source: str, read: Callable[[], Sourced], on_error: ErrorHandler,
           taken: dict[str, str]) -> Iterator[Article]:
    """The articles ``read`` gives, split when long, less those whose id is
    ``taken``; OS and decoding failures become one InputError for ``source``."""
    try:
        for origin, article in read():
            for part in split_long(article):
                if part.id in taken:
                    on_error(InputError(origin, f"article id {part.id!r} is already used by {taken[part.id]}"))
                    continue
                taken[part.id] = origin
                yield part
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
    # Offsets into the one text, not re-slicing the rest each time: linear, not
    # quadratic, in the length of a 50 MB file.
    text, start, number = article.text, 0, 0
    while start < len(text):
        end = len(text)
        if end - start > max_chars:
            limit = start + max_chars
            end = next((i + len(sep) for sep in ("\n\n", "\n", ". ", " ")
                        if (i := text.rfind(sep, start, limit)) > start), limit)
        part, start = text[start:end].strip(), end
        if part:
            number += 1
            yield replace(article, id=f"{article.id}-part-{number}", text=part)


def _walk(root: Path, on_error: ErrorHandler) -> list[Path]:
    """Files with known suffixes under ``root``, sorted by path. Symlinks are
    followed, loops walked once; a folder that cannot be listed and a device, pipe
    or socket with a known suffix are passed to ``on_error``. The walk keeps its own
    stack, so no depth of nesting exhausts Python's recursion limit."""
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            status = os.stat(folder)
            if (status.st_dev, status.st_ino) in seen:  # a symlink loop: walked already
                continue
            seen.add((status.st_dev, status.st_ino))
            with os.scandir(folder) as listing:
                # By name, so that failures are reported in the same order on any disk.
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as err:
            on_error(InputError(str(folder), err.strerror or str(err)))
            continue
        subfolders = []
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError as err:  # a link whose target cannot be looked at: behind a closed folder
                on_error(InputError(entry.path, err.strerror or str(err)))
                continue
            if is_folder:
                subfolders.append(Path(entry.path))
            elif Path(entry.name).suffix.lower() in SUFFIXES and not entry.name.startswith("."):
                if entry.is_file() or not os.path.exists(entry.path):  # a dangling link is reported on reading
                    found.append(Path(entry.path))
                else:  # reading a FIFO would wait forever, /dev/zero would never end
                    on_error(InputError(entry.path, "not a regular file"))
        folders.extend(reversed(subfolders))  # popped in name order
    return sorted(found, key=lambda file: file.relative_to(root).parts)


def _file_id(path: Path, taken: dict[str, str]) -> str:
    """The id of a file given by name: the slug of its stem or, when an earlier
    input has that id, qualified by as many parent folders as make it free
    (``politics/001.txt`` after ``business/001.txt`` is ``politics-001``). The same
    file given twice keeps its first id, so the repeat is reported."""
    parts = path.absolute().with_suffix("").parts
    candidate = slug(path.stem)
    for n in range(1, len(parts) + 1):
        candidate = slug("/".join(parts[-n:]))
        if taken.get(candidate, str(path)) == str(path):
            break
    return candidate


def _relative_id(file: Path, root: Path) -> str:
    return slug(str(file.relative_to(root).with_suffix("")))


def read_text(path: str | Path) -> str:
    """The text of the file ``path``, or of stdin for ``"-"``, decoded with :func:`decode`.

    Raises :class:`InputError` when stdin is closed or the bytes are not text, and
    ``OSError`` when the file cannot be read.
    """
    if str(path) == "-":
        if sys.stdin is None:  # started with stdin closed (`kgraph build - <&-`)
            raise InputError("<stdin>", "standard input is closed")
        return decode(sys.stdin.buffer.read(), "<stdin>")
    return decode(Path(path).read_bytes(), str(path))


def _read_stdin() -> Sourced:
    text = read_text("-")
    yield "<stdin>", _text_article(text, "stdin-" + content_hash(text)[:12], source="<stdin>", path=None)


def _read_file(path: Path, article_id: str, on_error: ErrorHandler) -> Sourced:
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_articles(data, path, article_id, on_error)
        return
    text = decode(data, str(path))
    if suffix in HTML_SUFFIXES:
        yield str(path), _html_article(text, article_id, path)
    else:
        yield str(path), _text_article(text, article_id, source=str(path), path=str(path))


def decode(data: bytes, source: str) -> str:
    """``data`` as text: UTF-8 (with or without BOM), else the encoding detected by
    charset-normalizer, with a warning naming ``source`` and the encoding.

    Among the readings charset-normalizer finds least chaotic, the one with fewest
    symbols inside words wins ("w³adze" is a Polish word read in the wrong code
    page), then Windows-1252 (a superset of Latin-1): on a short text the detector
    cannot tell it from other single-byte code pages, and it is what legacy English
    and Western news uses. Text cut inside its last UTF-8 character (a truncated
    download, stdin closed early) keeps its UTF-8 reading without that character,
    with a warning. UTF-16 and UTF-32 are read when they start with a byte-order
    mark (Windows editors write them). Raises :class:`InputError` for binary data.
    """
    for mark, encoding in _UNICODE_MARKS:
        if data.startswith(mark):
            try:
                text = data[len(mark):].decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(source, f"not valid {encoding} ({err.reason})") from None
            warnings.warn(f"{source}: not UTF-8, decoded as {encoding}", stacklevel=2)
            return text
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":  # everything before err.start is valid UTF-8
            warnings.warn(f"{source}: ends inside a UTF-8 character (truncated?); "
                          "the partial character was dropped", stacklevel=2)
            return data[:err.start].decode("utf-8-sig")
    encoding = _legacy_encoding(data, source)
    warnings.warn(f"{source}: not UTF-8, decoded as {encoding}", stacklevel=2)
    return data.decode(encoding, errors="replace")


def _legacy_encoding(data: bytes, source: str) -> str:
    """The code page of ``data``, which is not UTF-8 (see :func:`decode`).
    Raises :class:`InputError` when no encoding fits."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError(source, "not text in any known encoding")
    # A reading in which no language is recognised (coherence 0) is a last resort:
    # one pound sign in English text is also a valid, "less chaotic" Shift-JIS.
    readable = [m for m in matches if m.coherence > 0] or matches
    # Chaos within 0.01 is a tie, as charset-normalizer itself ranks matches.
    least = min(m.chaos for m in readable) + 0.01
    tied = [m for m in readable if m.chaos < least]
    best = min(tied, key=lambda m: (_symbols_in_words(str(m)), _WESTERN not in m.could_be_from_charset))
    return _WESTERN if _WESTERN in best.could_be_from_charset else best.encoding


def _symbols_in_words(text: str) -> int:
    """How many non-ASCII symbols and number signs sit between two letters."""
    return sum(unicodedata.category(m.group()) in _SYMBOLS for m in _NON_ASCII_IN_WORD.finditer(text))


_NON_ASCII_IN_WORD = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")
_SYMBOLS = frozenset({"Sc", "Sk", "Sm", "So", "No"})
_WESTERN = "cp1252"
# UTF-32 first: its little-endian mark starts with UTF-16's.
_UNICODE_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                  (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


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

    if "html" not in html[:50].lower():
        # trafilatura rejects a document that does not start like HTML and has one
        # top-level element (a scraped fragment such as "<p>...</p>"); wrapped, it is read.
        html = f"<html><body>{html}</body></html>"
    try:
        doc = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, with_metadata=True, url=None
        )
    except (ValueError, RecursionError) as err:  # lxml on hostile markup
        raise InputError(str(path), f"HTML could not be parsed ({type(err).__name__}: {err})") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError(str(path), "no article text found in the HTML")
    return Article(
        id=article_id,
        text=clean_text(doc.text),
        title=doc.title or None,
        url=doc.url or None,
        published=_published_date(html),
        path=str(path),
    )


# Where a page states when it was published: Open Graph, Dublin Core and common
# CMS meta names, schema.org microdata and JSON-LD, HTML5 <time pubdate>. Nothing
# else: trafilatura's date (htmldate) also guesses from a "Copyright 2024" footer
# (giving 2024-01-01), the URL or any date in the text, and those say when the
# site or an event was dated, not when the article appeared.
_PUBLISHED_META = frozenset({
    "article:published_time", "og:article:published_time", "datepublished", "date",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued",
    "dcterms.created", "citation_publication_date", "citation_date", "pubdate",
    "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date",
})


def _published_date(html: str) -> str | None:
    """The publication date a page declares, as ``YYYY-MM-DD``, or ``None``.

    Looks, in this order, at ``<meta>`` names and properties in
    :data:`_PUBLISHED_META`, elements with ``itemprop="datePublished"``, JSON-LD
    ``datePublished`` and ``<time pubdate>``; the first that holds an ISO 8601 or
    RFC 2822 date wins.
    """
    import trafilatura

    try:
        tree = trafilatura.load_html(html)
    except (ValueError, RecursionError):
        return None
    if tree is None:
        return None
    candidates = [
        meta.get("content")
        for meta in tree.iter("meta")
        if (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        in _PUBLISHED_META
    ]
    candidates += [
        element.get("content") or element.get("datetime") or element.text_content()
        for element in tree.xpath('//*[@itemprop="datePublished"]')
    ]
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            candidates += _json_ld_published(json.loads(script.text or ""))
        except (ValueError, RecursionError):  # not JSON, or nested too deep to walk
            continue
    candidates += [time.get("datetime") or time.text_content() for time in tree.xpath("//time[@pubdate]")]
    for candidate in candidates:
        day = _iso_day(candidate)
        if day is not None:
            return day
    return None


def _json_ld_published(value) -> list:
    """Every ``datePublished`` in a JSON-LD value, in document order."""
    if isinstance(value, list):
        return [found for item in value for found in _json_ld_published(item)]
    if not isinstance(value, dict):
        return []
    found = [value["datePublished"]] if "datePublished" in value else []
    return found + [item for key, child in value.items() if key != "datePublished"
                    for item in _json_ld_published(child)]


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)")


def _iso_day(value) -> str | None:
    """``YYYY-MM-DD`` of an ISO 8601 date or date-time (the day as written,
    whatever the offset) or of an RFC 2822 date (``Tue, 05 Mar 2024 10:00:00
    GMT``); ``None`` for anything else."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _ISO_DAY.match(text):
        try:
            return datetime.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _jsonl_articles(data: bytes, path: Path, file_id: str, on_error: ErrorHandler) -> Sourced:
    """One article per line; a bad line is reported (file:line) and the rest are read.

    Lines end at ``\\n`` only, as JSON Lines says (a U+2028 inside a string is
    text, not a line break). Lines that are not UTF-8 are decoded in the encoding
    detected over all of them, with one warning, and do not garble the others.
    """
    if data.startswith(tuple(mark for mark, _ in _UNICODE_MARKS)):
        data = decode(data, str(path)).encode("utf-8")
    if b"\x00" in data[:8192]:
        raise InputError(str(path), "binary content, not text")
    if not data.strip():
        raise InputError(str(path), "empty file: no articles")
    for number, line in enumerate(_jsonl_lines(data, str(path)), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            on_error(InputError(source, f"not valid JSON ({err.msg})"))
            continue
        if not isinstance(record, dict):
            on_error(InputError(source, "not a JSON object"))
            continue
        if not isinstance(record.get("text"), str):
            on_error(InputError(source, 'no "text" field' if record.get("text") is None else '"text" is not a string'))
            continue
        body = clean_text(record["text"])
        if not body:
            on_error(InputError(source, "empty article: no text"))
            continue
        yield source, Article(
            id=slug(str(record["id"])) if record.get("id") is not None else f"{file_id}-{number}",
            text=body,
            title=_optional(record, "title"),
            url=_optional(record, "url"),
            published=_optional(record, "published"),
            path=str(path),
        )


def _jsonl_lines(data: bytes, source: str) -> list[str]:
    """The lines of ``data`` (split at ``\\n``): UTF-8, or else in the one encoding
    detected over all the lines that are not, with one warning naming ``source``."""
    raws = data.split(b"\n")
    lines: list[str | None] = []
    for raw in raws:
        try:
            lines.append(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            lines.append(None)
    legacy = [number for number, line in enumerate(lines) if line is None]
    if legacy:
        encoding = _legacy_encoding(b"\n".join(raws[n] for n in legacy), source)
        warnings.warn(f"{source}: {len(legacy)} line(s) not UTF-8, the first line {legacy[0] + 1}; "
                      f"decoded as {encoding}", stacklevel=3)
        for number in legacy:
            lines[number] = raws[number].decode(encoding, errors="replace")
    return lines


def _optional(record: dict, key: str) -> str | None:
    value = record.get(key)
    return None if value is None else str(value)
