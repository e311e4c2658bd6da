import json

import pytest

from kgraph.io.articles import clean_text, parse_text, read_articles
from kgraph.errors import InputError


def collect(paths):
    errors = []
    articles = list(read_articles(paths, on_error=errors.append))
    return articles, [str(e) for e in errors]


def test_articles_text_title_and_body(tmp_path):
    (tmp_path / "story.txt").write_text("Harbour Opens\n\nThe mayor of Lisbon opened the harbour.\n", encoding="utf-8")
    [article], errors = collect([tmp_path / "story.txt"])
    assert errors == []
    assert (article.id, article.title) == ("story", "Harbour Opens")
    assert article.text == "The mayor of Lisbon opened the harbour."


def test_articles_no_title_without_blank_line(tmp_path):
    (tmp_path / "a.md").write_text("First line.\nSecond line.\n", encoding="utf-8")
    [article], _ = collect([tmp_path / "a.md"])
    assert article.title is None
    assert article.text == "First line.\nSecond line."


@pytest.mark.parametrize("line", ["Share this:", "Comments", "All comments.", "12 comments",
                                  "Cover Image Source: AGENCY / POOL", "Advertisement"])
def test_articles_footer_noise_removed(line):
    assert clean_text(f"A ship sank.\n{line}\nThe crew survived.") == "A ship sank.\nThe crew survived."


def test_articles_prose_mentioning_comments_kept():
    text = "Comments from the minister were reported widely by the press on Monday."
    assert clean_text(text) == text


def test_articles_title_survives_share_widget():
    title, body = parse_text("Big News\nShare this:\n\nBody text here.\n\nShare this:\nComments\n")
    assert (title, body) == ("Big News", "Body text here.")


def test_articles_folder_recursive_sorted_and_skips_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "one.md").write_text("One.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    articles, errors = collect([tmp_path])
    assert errors == []
    assert [a.id for a in articles] == ["b-two", "one"]


def test_articles_same_file_name_in_two_folders_get_distinct_ids(tmp_path):
    for topic in ("sport", "tech"):
        (tmp_path / topic).mkdir()
        (tmp_path / topic / "001.txt").write_text(f"{topic} story.", encoding="utf-8")
    articles, _ = collect([tmp_path])
    assert [a.id for a in articles] == ["sport-001", "tech-001"]


def test_articles_jsonl_reports_bad_lines_and_keeps_the_rest(tmp_path):
    lines = [
        json.dumps({"text": "A bridge opened.", "id": "Bridge 1", "title": "Bridge", "url": "https://example.com/b",
                    "published": "2024-05-01"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "A school closed."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = collect([tmp_path / "feed.jsonl"])
    assert [(a.id, a.title, a.url, a.published) for a in articles] == [
        ("bridge-1", "Bridge", "https://example.com/b", "2024-05-01"),
        ("feed-4", None, None, None),
    ]
    assert errors[0].startswith(f"{tmp_path / 'feed.jsonl'}:2: not valid JSON")
    assert errors[1] == f"{tmp_path / 'feed.jsonl'}:3: no \"text\" field"


def test_articles_html_main_text_only(tmp_path):
    page = """<html><head><title>Port deal signed</title></head><body>
    <nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
    <article><h1>Port deal signed</h1>
    <p>The government of Chile signed a port agreement with a shipping company on Tuesday,
    officials in Santiago said, ending months of negotiations over fees and access.</p>
    <p>The agreement covers three terminals and will run for twenty years, according to
    the transport ministry, which called it a milestone for the national economy.</p>
    </article>
    <footer>Share this: Facebook Twitter. Copyright 2024 Example News. All rights reserved.</footer>
    </body></html>"""
    (tmp_path / "deal.html").write_text(page, encoding="utf-8")
    [article], errors = collect([tmp_path / "deal.html"])
    assert errors == []
    assert article.title == "Port deal signed"
    assert "shipping company" in article.text and "twenty years" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty article"),
    ("blank.txt", b"  \n\t\n", "empty article"),
    ("binary.txt", b"\x00\x01\x02ELF\x00", "binary content"),
])
def test_articles_bad_files_reported_others_read(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("A good article.", encoding="utf-8")
    articles, errors = collect([tmp_path])
    assert [a.id for a in articles] == ["good"]
    assert errors == [f"{tmp_path / name}: {reason}" + (": no text" if reason == "empty article" else ", not text")]


def test_articles_missing_and_unsupported_paths(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    _, errors = collect([tmp_path / "nope.txt", tmp_path / "x.pdf"])
    assert errors[0] == f"{tmp_path / 'nope.txt'}: no such file or directory"
    assert errors[1].startswith(f"{tmp_path / 'x.pdf'}: unsupported file type '.pdf'")


def test_articles_default_handler_raises(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_articles([tmp_path / "missing.txt"]))


def test_articles_latin1_decoded_with_warning(tmp_path):
    (tmp_path / "old.txt").write_bytes("Le café de São Paulo a ouvert à Genève près du marché.".encode("latin-1"))
    with pytest.warns(UserWarning, match="not UTF-8"):
        [article], _ = collect([tmp_path / "old.txt"])
    assert "café" in article.text


def test_articles_utf8_bom_stripped(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffA line.".encode("utf-8"))
    [article], _ = collect([tmp_path / "bom.txt"])
    assert article.text == "A line."


def test_articles_long_text_split_into_parts_at_paragraphs():
    from kgraph.io.articles import split_long
    from kgraph.types import Article

    paragraph = "A long sentence about harbours and ships. " * 20
    article = Article("big", "\n\n".join([paragraph.strip()] * 30), title="Big")
    parts = list(split_long(article, max_chars=2000))
    assert len(parts) > 1
    assert all(len(p.text) <= 2000 for p in parts)
    assert [p.id for p in parts] == [f"big-part-{n}" for n in range(1, len(parts) + 1)]
    assert "\n\n".join(p.text for p in parts) == article.text


def test_articles_word_longer_than_limit_is_cut_hard():
    from kgraph.io.articles import split_long
    from kgraph.types import Article

    parts = list(split_long(Article("x", "y" * 25), max_chars=10))
    assert [len(p.text) for p in parts] == [10, 10, 5]


def test_articles_dangling_symlink_and_symlink_loop_in_folder(tmp_path):
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    articles, errors = collect([tmp_path])
    assert [a.id for a in articles] == ["good"]
    assert errors == [f"{tmp_path / 'gone.txt'}: No such file or directory"]



def test_articles_files_named_alike_in_two_folders_both_read(tmp_path):
    for topic in ("business", "politics"):
        (tmp_path / topic).mkdir()
        (tmp_path / topic / "001.txt").write_text(f"A {topic} story.", encoding="utf-8")
    paths = [tmp_path / "business" / "001.txt", tmp_path / "politics" / "001.txt"]
    articles, errors = collect(paths)
    assert errors == []
    assert [(a.id, a.text) for a in articles] == [("001", "A business story."), ("politics-001", "A politics story.")]


def test_articles_same_file_twice_is_reported_once(tmp_path):
    (tmp_path / "a.txt").write_text("Once.", encoding="utf-8")
    articles, errors = collect([tmp_path / "a.txt", tmp_path / "a.txt"])
    assert [a.id for a in articles] == ["a"]
    assert errors == [f"{tmp_path / 'a.txt'}: article id 'a' is already used by {tmp_path / 'a.txt'}"]
