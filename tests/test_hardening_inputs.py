"""Bad input through the real CLI: each bad input gives one line on stderr naming
it (and the line, for JSONL) and the reason, the other articles are still built,
the exit code is 2 when an input failed and 0 when all were read, ``--strict``
stops at the first failure, and no traceback reaches the user without ``--debug``.

Most cases run ``kgraph.cli.main`` in this process (the model loads once); the
ones that need a process of their own (stdin closed, an unprivileged user) run
``python -m kgraph``.
"""

from __future__ import annotations

import base64
import codecs
import json
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kgraph.io.articles import MAX_ARTICLE_CHARS, decode, read_articles
from kgraph.cli import main
from kgraph.errors import KGraphError

BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "bbc"
SCHEMA = "https://schema.org/"
GOOD = "Harbour opens\n\nThe mayor of Lisbon, Ana Costa, visited Porto on Monday.\n"
PNG = base64.b64decode(  # a real 1x1 PNG
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
PARAGRAPH = "<p>The mayor of Lisbon, Ana Costa, visited Porto on Monday to open a new harbour for ferries.</p>"


def build(capsys, *argv: str) -> tuple[int, list[str]]:
    """Run ``kgraph build ... --no-html -q`` in this process: exit code and stderr lines."""
    code = main(["build", *argv, "--no-html", "-q"])
    return code, capsys.readouterr().err.splitlines()


def articles_built(out: Path) -> dict[str, str | None]:
    """``{article id: headline}`` of the articles in ``out/graph.ttl`` (parsed back)."""
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    built = {}
    for article, ident in graph.subject_objects(URIRef(SCHEMA + "identifier")):
        headline = graph.value(article, URIRef(SCHEMA + "headline"))
        built[str(ident)] = None if headline is None else str(headline)
    return built


def assert_reported(err: list[str], expected: dict[str, str]) -> None:
    """stderr is exactly one line per entry of ``expected`` (source -> reason), each
    naming its source and reason, and nothing else."""
    assert len(err) == len(expected), err
    for source, reason in expected.items():
        [line] = [line for line in err if line.startswith(f"kgraph: {source}: ")]
        assert reason in line, line
    assert not any("Traceback" in line for line in err)


def _png_named_txt(folder: Path) -> Path:
    (folder / "photo.txt").write_bytes(PNG)
    return folder / "photo.txt"


def _binary_txt(folder: Path) -> Path:
    (folder / "program.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    return folder / "program.txt"


def _deep_html(folder: Path) -> Path:
    # libxml2 stops at 256 levels: text nested deeper cannot be reached.
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 20_000 + PARAGRAPH * 3, encoding="utf-8")
    return folder / "deep.html"


def _empty(folder: Path) -> Path:
    (folder / "empty.txt").write_bytes(b"")
    return folder / "empty.txt"


def _whitespace(folder: Path) -> Path:
    (folder / "blank.md").write_bytes(b" \n\t\r\n\xc2\xa0\n")
    return folder / "blank.md"


def _empty_feed(folder: Path) -> Path:
    (folder / "feed.jsonl").write_bytes(b"\n  \n")
    return folder / "feed.jsonl"


def _dangling(folder: Path) -> Path:
    (folder / "moved.txt").symlink_to(folder / "gone" / "story.txt")
    return folder / "moved.txt"


FAILING = {
    "empty": (_empty, "empty article: no text"),
    "whitespace-only": (_whitespace, "empty article: no text"),
    "empty-jsonl": (_empty_feed, "empty file: no articles"),
    "binary-named-txt": (_binary_txt, "binary content, not text"),
    "png-named-txt": (_png_named_txt, "binary content, not text"),
    "deeply-nested-html": (_deep_html, "no article text found in the HTML"),
    "dangling-symlink": (_dangling, "No such file or directory"),
}


@pytest.mark.model
@pytest.mark.parametrize("given", ["folder", "file"])
@pytest.mark.parametrize("case", list(FAILING))
def test_hardening_bad_input_reported_others_built(tmp_path, capsys, case, given):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    make, reason = FAILING[case]
    bad = make(folder)
    paths = [str(folder)] if given == "folder" else [str(folder / "good.txt"), str(bad)]
    if case == "dangling-symlink" and given == "file":
        reason = "no such file or directory"  # checked before opening: the path itself is missing
    code, err = build(capsys, *paths, "-o", str(tmp_path / "out"))
    assert code == 2
    assert_reported(err, {str(bad): reason})
    assert set(articles_built(tmp_path / "out")) == {"good"}


@pytest.mark.model
@pytest.mark.parametrize("case", list(FAILING))
def test_hardening_strict_stops_at_the_first_failure(tmp_path, capsys, case):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = FAILING[case][0](folder)
    (folder / "zz-good.txt").write_text(GOOD, encoding="utf-8")  # sorted after the bad file
    code, err = build(capsys, str(folder), "-o", str(tmp_path / "out"), "--strict")
    assert code == 2
    assert err[0].startswith(f"kgraph: {bad}: ")
    assert err[1:] == ["kgraph: stopped at the first failure (--strict); nothing written"]
    assert not (tmp_path / "out").exists()


@pytest.mark.model
def test_hardening_strict_with_good_input_builds(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert build(capsys, str(tmp_path / "good.txt"), "-o", str(tmp_path / "out"), "--strict") == (0, [])


@pytest.mark.model
def test_hardening_other_files_and_symlink_loops_in_folders_are_silent(tmp_path, capsys):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "photo.png").write_bytes(PNG)
    (folder / "sub" / "chart.png").write_bytes(PNG)
    (folder / "sub" / "back-to-top").symlink_to(folder)       # a loop
    (folder / "sub" / "self").symlink_to(folder / "sub")      # another
    code, err = build(capsys, str(folder), "-o", str(tmp_path / "out"))
    assert (code, err) == (0, [])
    assert set(articles_built(tmp_path / "out")) == {"good"}  # read once, not once per loop


@pytest.mark.model
def test_hardening_jsonl_bad_lines_name_file_and_line(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "first", "text": "Ana Costa visited Porto on Monday."}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "no-text", "title": "A title and nothing else"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "number", "text": 42}),
        "",
        # U+2028 is a line break to str.splitlines, but JSON text to JSON Lines.
        json.dumps({"id": "last", "title": "Ferries\u2028", "text": "Rui Brandt travelled to Lyon."}, ensure_ascii=False),
    ]
    latin = json.dumps({"id": "latin", "title": "Café", "text": "Renée Müller visited Zürich."}, ensure_ascii=False)
    feed.write_bytes("\n".join(lines).encode() + b"\n" + latin.encode("latin-1") + b"\n")
    code, err = build(capsys, str(feed), "-o", str(tmp_path / "out"))
    assert code == 2
    assert_reported(err, {f"{feed}:2": "not valid JSON", f"{feed}:3": 'no "text" field',
                          f"{feed}:4": "not a JSON object", f"{feed}:5": '"text" is not a string',
                          f"warning: {feed}": "1 line(s) not UTF-8, the first line 8; decoded as cp1252"})
    assert articles_built(tmp_path / "out") == {"first": None, "last": "Ferries\u2028", "latin": "Café"}


LATIN = "Café reopens in Zürich\n\nThe café near the Genève road reopened, said Renée Müller.\n"
CP1252 = "Müller’s “harbour” deal – worth €5m\n\nRenée Müller visited Porto on Monday.\n"


@pytest.mark.model
@pytest.mark.parametrize("name, data, title", [
    ("latin1.txt", LATIN.encode("latin-1"), "Café reopens in Zürich"),
    ("windows1252.txt", CP1252.encode("cp1252"), "Müller’s “harbour” deal – worth €5m"),
])
def test_hardening_legacy_encodings_decoded_with_one_warning(tmp_path, capsys, name, data, title):
    (tmp_path / name).write_bytes(data)
    code, err = build(capsys, str(tmp_path / name), "-o", str(tmp_path / "out"))
    assert code == 0
    assert err == [f"kgraph: warning: {tmp_path / name}: not UTF-8, decoded as cp1252"]
    assert articles_built(tmp_path / "out") == {Path(name).stem: title}


@pytest.mark.model
def test_hardening_the_bbc_article_in_windows_1252(tmp_path, capsys):
    [source] = [path for path in sorted(BBC.rglob("*.txt")) if not _is_utf8(path.read_bytes())]
    assert source.relative_to(BBC).as_posix() == "sport/199.txt"
    shutil.copy(source, tmp_path / "chelsea.txt")
    code, err = build(capsys, str(tmp_path / "chelsea.txt"), "-o", str(tmp_path / "out"))
    assert code == 0
    assert err == [f"kgraph: warning: {tmp_path / 'chelsea.txt'}: not UTF-8, decoded as cp1252"]
    assert articles_built(tmp_path / "out") == {"chelsea": "Chelsea sack Mutu"}
    # The one non-ASCII byte is a pound sign (0xA3); a Shift-JIS reading made it "｣".
    with pytest.warns(UserWarning):
        [article] = read_articles([tmp_path / "chelsea.txt"])
    assert "a £15.8m signing" in article.text.replace("\n", " ")


@pytest.mark.parametrize("text, encoding", [
    ("Мэр города открыл новый порт в понедельник, сообщили власти. " * 3, "cp1251"),
    ("Мэр города открыл новый порт в понедельник, сообщили власти. " * 3, "koi8_r"),
    ("Ο δήμαρχος άνοιξε το νέο λιμάνι τη Δευτέρα, ανακοίνωσαν οι αρχές.", "cp1253"),
    ("Burmistrz Łodzi otworzył nowy port w środę, poinformowały władze miasta.", "cp1250"),
    ("Der Bürgermeister sagte: „Wir öffnen den Hafen“ – für 5 €.", "cp1252"),
    ("市長は月曜日に新しい港を開いたと当局が発表した。", "shift_jis"),
])
def test_hardening_decode_picks_the_code_page_of_the_text(text, encoding):
    with pytest.warns(UserWarning, match="not UTF-8"):
        assert decode(text.encode(encoding), "x.txt") == text


@pytest.mark.model
@pytest.mark.parametrize("name, data, encoding", [
    ("notepad.txt", "Café news\n\nRenée Müller visited Zürich.".encode("utf-16"), "utf-16-le"),
    ("mac.md", codecs.BOM_UTF16_BE + "Café news\n\nRenée Müller visited Zürich.".encode("utf-16-be"), "utf-16-be"),
    ("feed.jsonl", json.dumps({"id": "x", "title": "Café news", "text": "Renée Müller visited Zürich."}).encode("utf-32"),
     "utf-32-le"),
])
def test_hardening_utf16_and_utf32_with_a_mark_are_text(tmp_path, capsys, name, data, encoding):
    (tmp_path / name).write_bytes(data)
    code, err = build(capsys, str(tmp_path / name), "-o", str(tmp_path / "out"))
    assert code == 0
    assert err == [f"kgraph: warning: {tmp_path / name}: not UTF-8, decoded as {encoding}"]
    assert list(articles_built(tmp_path / "out").values()) == ["Café news"]


@pytest.mark.model
def test_hardening_utf16_cut_in_half_is_one_error(tmp_path, capsys):
    (tmp_path / "cut.txt").write_bytes("Ferry news".encode("utf-16")[:-1])
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    code, err = build(capsys, str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == 2
    assert_reported(err, {str(tmp_path / "cut.txt"): "not valid utf-16-le (truncated data)"})


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.model
def test_hardening_utf8_bom_is_not_text(tmp_path, capsys):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "Ferry strike ends\n\nRui Brandt met Ana Costa in Lyon.\n".encode())
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "j1", "text": "Ana Costa met Rui Brandt."}).encode())
    code, err = build(capsys, str(tmp_path / "bom.txt"), str(tmp_path / "bom.jsonl"), "-o", str(tmp_path / "out"))
    assert (code, err) == (0, [])
    assert articles_built(tmp_path / "out") == {"bom": "Ferry strike ends", "j1": None}


MALFORMED_HTML = {
    "unclosed-and-stray-tags": "<html><body><p>The mayor of <b>Lisbon, Ana Costa</i>, visited Porto on Monday "
                               "to open a new harbour.<p>Officials said the <td>harbour</tr> would serve ferries"
                               " and fishing boats from next spring.</body></html></html><!--",
    "fragment-without-html": PARAGRAPH,
    "text-before-deep-nesting": "<html><body>" + PARAGRAPH * 3 + "<div>" * 20_000 + "tail",
    "bad-entities-and-controls": "<html><body>" + PARAGRAPH * 2 + "&#0; &#xD800; &#1114112; &bogus; \x01\x1b[31m</body></html>",
}


@pytest.mark.model
@pytest.mark.parametrize("case", list(MALFORMED_HTML))
def test_hardening_malformed_html_still_read(tmp_path, capsys, case):
    (tmp_path / "page.html").write_text(MALFORMED_HTML[case], encoding="utf-8")
    code, err = build(capsys, str(tmp_path / "page.html"), "-o", str(tmp_path / "out"))
    assert (code, err) == (0, [])
    assert set(articles_built(tmp_path / "out")) == {"page"}
    [article] = read_articles([tmp_path / "page.html"])
    assert "Ana Costa, visited Porto on Monday" in article.text
    assert "<" not in article.text and "\x1b" not in article.text


# --- stdin -----------------------------------------------------------------------------


@pytest.fixture
def stdin_pipe(monkeypatch):
    """Make ``sys.stdin`` the read end of a real pipe; returns a function that
    writes bytes to it and closes the write end (the writer leaving early)."""
    read_fd, write_fd = os.pipe()
    monkeypatch.setattr(sys, "stdin", open(read_fd, encoding="utf-8"))

    def feed(data: bytes) -> None:
        with open(write_fd, "wb") as writer:
            writer.write(data)

    yield feed
    sys.stdin.close()


@pytest.mark.model
def test_hardening_empty_stdin(tmp_path, capsys, stdin_pipe):
    stdin_pipe(b"")
    code, err = build(capsys, "-", "-o", str(tmp_path / "out"))
    assert code == 2
    assert err == ["kgraph: <stdin>: empty article: no text",
                   "kgraph: error: no article could be read from the given paths; nothing written"]
    assert not (tmp_path / "out").exists()


@pytest.mark.model
def test_hardening_stdin_cut_inside_a_character(tmp_path, capsys, stdin_pipe):
    text = "Ferries return\n\nRenée Müller visited Porto on Monday. Zoë".encode()
    stdin_pipe(text[:-1])  # the writer died after the first byte of "ë"
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    code, err = build(capsys, "-", str(tmp_path / "good.txt"), "-o", str(tmp_path / "out"))
    assert code == 0
    assert err == ["kgraph: warning: <stdin>: ends inside a UTF-8 character (truncated?); "
                   "the partial character was dropped"]
    built = articles_built(tmp_path / "out")
    assert built["good"] == "Harbour opens"
    assert [title for ident, title in built.items() if ident.startswith("stdin-")] == ["Ferries return"]


def _kgraph(args: list[str], *, cwd: Path, env: dict | None = None, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kgraph", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300, **options)


@pytest.mark.model
def test_hardening_stdin_closed(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    # fd 0 closed in the child, as `kgraph build - <&-` does: Python starts with sys.stdin None.
    done = _kgraph(["build", "-", "good.txt", "-o", "out", "--no-html", "-q"], cwd=tmp_path,
                   stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["kgraph: <stdin>: empty article: no text"]
    assert set(articles_built(tmp_path / "out")) == {"good"}


# --- permissions -----------------------------------------------------------------------


def _unprivileged() -> list[str]:
    """The command prefix under which file permissions apply to root too: it keeps
    uid 0 (so the checkout and its virtual environment stay readable wherever they
    are) but drops the capabilities that let root read past permissions."""
    if os.geteuid() != 0:
        return []
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


@pytest.mark.model
def test_hardening_unreadable_file_and_folder(tmp_path):
    # Outside pytest's private tmp tree, which only root may enter.
    work = Path(tempfile.mkdtemp(prefix="kgraph-perm-"))
    try:
        os.chmod(work, 0o777)
        (work / "in" / "locked").mkdir(parents=True)
        (work / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
        (work / "in" / "secret.txt").write_text("Ana Costa visited Porto.", encoding="utf-8")
        (work / "in" / "locked" / "hidden.txt").write_text("Ana Costa visited Lyon.", encoding="utf-8")
        os.chmod(work / "in", 0o755)
        os.chmod(work / "in" / "good.txt", 0o644)
        os.chmod(work / "in" / "secret.txt", 0o000)
        os.chmod(work / "in" / "locked", 0o000)
        done = subprocess.run(
            [*_unprivileged(), sys.executable, "-m", "kgraph", "build", "in", "-o", "out", "--no-html", "-q"],
            cwd=work, capture_output=True, text=True, timeout=300,
            env={**os.environ, "HOME": str(work)})
        assert done.returncode == 2, done.stderr
        err = done.stderr.splitlines()
        assert_reported(err, {"in/secret.txt": "permission denied", "in/locked": "Permission denied"})
        assert set(articles_built(work / "out")) == {"good"}
    finally:
        for path in (work / "in" / "locked", work / "in" / "secret.txt"):
            os.chmod(path, stat.S_IRWXU)
        shutil.rmtree(work)


@pytest.mark.model
def test_hardening_symlinks_to_folders_that_cannot_be_entered(tmp_path):
    # A link to a folder behind a closed folder, and one to a process's working
    # folder (/proc/1/cwd), which only its owner may look at: each is one line, and
    # the readable article next to them is built.
    work = Path(tempfile.mkdtemp(prefix="kgraph-links-"))
    try:
        os.chmod(work, 0o777)
        (work / "in").mkdir()
        (work / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
        (work / "closed" / "inner").mkdir(parents=True)
        (work / "closed" / "inner" / "hidden.txt").write_text("Ana Costa visited Lyon.", encoding="utf-8")
        (work / "in" / "behind-closed").symlink_to(work / "closed" / "inner")
        (work / "in" / "init-cwd").symlink_to("/proc/1/cwd")
        os.chmod(work / "closed", 0o000)
        done = subprocess.run(
            [*_unprivileged(), sys.executable, "-m", "kgraph", "build", "in", "-o", "out", "--no-html", "-q"],
            cwd=work, capture_output=True, text=True, timeout=300,
            env={**os.environ, "HOME": str(work)})
        assert done.returncode == 2, done.stderr
        assert_reported(done.stderr.splitlines(), {"in/behind-closed": "Permission denied",
                                                   "in/init-cwd": "Permission denied"})
        assert set(articles_built(work / "out")) == {"good"}
    finally:
        os.chmod(work / "closed", stat.S_IRWXU)
        shutil.rmtree(work)


# --- a very large file --------------------------------------------------------------------


def test_hardening_50_mb_file_is_read_in_parts(tmp_path):
    """The reading stage on 50 MB: parts small enough for spaCy, nothing lost.
    (Parsing all 50 MB takes most of an hour on one core; the end-to-end test
    below sends a file over spaCy's max_length through the whole build.)"""
    rng = random.Random(7)
    words = "the mayor of a town opened a new harbour on monday after long talks with officials".split()
    paragraphs, size = [], 0
    while size < 1_000_000:
        sentence = " ".join(rng.choices(words, k=rng.randint(6, 30))).capitalize() + "."
        paragraphs.append(" ".join([sentence] * rng.randint(1, 6)))
        size += len(paragraphs[-1]) + 2
    text = "A very long report\n\n" + "\n\n".join(paragraphs * 50) + "\n"
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    assert (tmp_path / "huge.txt").stat().st_size >= 50_000_000
    parts = list(read_articles([tmp_path / "huge.txt"]))
    assert len(parts) >= 500
    assert [p.id for p in parts] == [f"huge-part-{n}" for n in range(1, len(parts) + 1)]
    assert all(0 < len(p.text) <= MAX_ARTICLE_CHARS and p.title == "A very long report" for p in parts)
    # Cut at paragraph breaks: the parts put back together are the whole body (the
    # generated text has no boilerplate for cleaning to remove).
    assert "\n\n".join(p.text for p in parts) == text.split("\n\n", 1)[1].strip()


@pytest.mark.model
def test_hardening_file_over_spacy_max_length_builds(tmp_path, capsys, nlp):
    # Over a million characters, but cheap to parse: an inline data blob (as scraped
    # pages carry) of 1,000-character "words" between two real paragraphs.
    blob = " ".join(base64.b16encode(random.Random(3).randbytes(500)).decode() for _ in range(1_100))
    text = ("Ferry news\n\nGreta Lindqvist, the chief executive of Corvel Mining, travelled to Bergen.\n\n" + blob
            + "\n\nRui Brandt, the chief executive of Northgate Foods, travelled to Lyon on Friday.\n")
    assert len(text) > nlp.max_length
    (tmp_path / "scraped.txt").write_text(text, encoding="utf-8")
    code, err = build(capsys, str(tmp_path / "scraped.txt"), "-o", str(tmp_path / "out"))
    assert (code, err) == (0, [])
    built = articles_built(tmp_path / "out")
    assert len(built) > len(text) // MAX_ARTICLE_CHARS
    records = [json.loads(line) for line in (tmp_path / "out" / "statements.jsonl").read_text().splitlines()]
    docs = {(r["doc"], r["subject"]["text"]) for r in records}
    assert ("scraped-part-1", "Greta Lindqvist") in docs
    assert (f"scraped-part-{len(built)}", "Rui Brandt") in docs


# --- tracebacks only with --debug -----------------------------------------------------


@pytest.mark.model
def test_hardening_debug_shows_the_traceback_and_the_warning_in_full(tmp_path, capsys):
    with pytest.raises(KGraphError, match="no article could be read"):
        main(["--debug", "build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out")])
    (tmp_path / "old.txt").write_bytes(LATIN.encode("latin-1"))
    with pytest.warns(UserWarning, match="not UTF-8, decoded as cp1252"):
        assert main(["--debug", "build", str(tmp_path / "old.txt"), "-o", str(tmp_path / "out"), "-q"]) == 0


# --- kgraph extract ---------------------------------------------------------------------


@pytest.mark.model
def test_hardening_extract_per_line_decodes_legacy_text(tmp_path, capsys):
    (tmp_path / "lines.txt").write_bytes("Renée Müller visited Zürich on Monday.\n".encode("latin-1"))
    code = main(["extract", str(tmp_path / "lines.txt"), "--per-line", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0
    assert err.splitlines() == [f"kgraph: warning: {tmp_path / 'lines.txt'}: not UTF-8, decoded as cp1252"]
    assert "\ufffd" not in out and "Müller" in out


@pytest.mark.model
def test_hardening_extract_binary_input_is_one_error_line(tmp_path, capsys):
    (tmp_path / "photo.txt").write_bytes(PNG)
    for argv in (["extract", str(tmp_path / "photo.txt")], ["extract", str(tmp_path / "photo.txt"), "--per-line"]):
        assert main(argv) == 2
        assert capsys.readouterr().err.splitlines() == [f"kgraph: {tmp_path / 'photo.txt'}: binary content, not text"
                                                        if "--per-line" not in argv else
                                                        f"kgraph: error: {tmp_path / 'photo.txt'}: binary content, not text"]


@pytest.mark.model
def test_hardening_articles_with_one_id_never_merge(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Story One.txt").write_text("One\n\nRui Brandt travelled to Lyon.\n", encoding="utf-8")
    (folder / "story-one.txt").write_text("Two\n\nAna Costa travelled to Graz.\n", encoding="utf-8")
    (folder / "feed.jsonl").write_text(json.dumps({"id": "Story one", "text": "Omar Haddad travelled to Turku."})
                                       + "\n" + json.dumps({"id": "other", "text": "Omar Haddad met Ana Costa."}) + "\n",
                                       encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "STORY_ONE.md").write_text("Three\n\nAna Costa met Rui Brandt.\n", encoding="utf-8")
    code, err = build(capsys, str(folder), str(tmp_path / "elsewhere" / "STORY_ONE.md"), "-o", str(tmp_path / "out"))
    assert code == 2
    first = folder / "Story One.txt"
    assert_reported(err, {
        f"{folder / 'feed.jsonl'}:1": f"article id 'story-one' is already used by {first}",
        f"{folder / 'story-one.txt'}": f"article id 'story-one' is already used by {first}",
    })
    # A file named on the command line takes its folder's name rather than clash.
    assert articles_built(tmp_path / "out") == {"story-one": "One", "other": None, "elsewhere-story-one": "Three"}


@pytest.mark.model
def test_hardening_hostile_file_names_cannot_forge_lines(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "x\nkgraph: all inputs were read.txt").write_bytes(PNG)
    (folder / "old\x1b[2J\u202etxt.md").write_bytes(LATIN.encode("latin-1"))
    code, err = build(capsys, str(folder), "-o", str(tmp_path / "out"))
    assert code == 2
    assert err == [
        f"kgraph: warning: {folder}/old\\x1b[2J\\u202etxt.md: not UTF-8, decoded as cp1252",
        f"kgraph: {folder}/x\\nkgraph: all inputs were read.txt: binary content, not text",
    ]
    assert len(articles_built(tmp_path / "out")) == 2


@pytest.mark.model
def test_hardening_pipes_and_devices_are_not_read(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")                   # no writer: reading would wait forever
    (folder / "zeros.txt").symlink_to("/dev/zero")   # reading would never end
    (tmp_path / "endless.jsonl").symlink_to("/dev/zero")
    code, err = build(capsys, str(folder), str(tmp_path / "endless.jsonl"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert_reported(err, {str(folder / "pipe.txt"): "not a regular file",
                          str(folder / "zeros.txt"): "not a regular file",
                          str(tmp_path / "endless.jsonl"): "not a regular file"})
    assert set(articles_built(tmp_path / "out")) == {"good"}


@pytest.mark.model
def test_hardening_folders_nested_deeper_than_the_recursion_limit(tmp_path, capsys):
    # Outside pytest's tmp tree: pytest's own clean-up of old runs (shutil.rmtree)
    # recurses, and would fail on this tree if a run were killed before its end.
    root = Path(tempfile.mkdtemp(prefix="kgraph-deep-"))
    deepest = root / "in"
    deepest.mkdir()
    for _ in range(sys.getrecursionlimit() + 200):  # level by level: makedirs itself recurses
        deepest = deepest / "d"
        deepest.mkdir()
    (deepest / "story.txt").write_text(GOOD, encoding="utf-8")
    (root / "in" / "top.txt").write_text(GOOD, encoding="utf-8")
    try:
        code, err = build(capsys, str(root / "in"), "-o", str(tmp_path / "out"))
        assert (code, err) == (0, [])
        assert len(articles_built(tmp_path / "out")) == 2
    finally:  # level by level again
        (deepest / "story.txt").unlink()
        while deepest != root / "in":
            deepest.rmdir()
            deepest = deepest.parent
        shutil.rmtree(root)
