"""kgraph.run.progress: the article count behind the ETA, and the bar on stderr."""

from __future__ import annotations

import pytest

from kgraph.run.progress import count_articles, progress


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "news" / "deep").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "news" / "deep" / "b.HTML").write_text("<p>Two.</p>", encoding="utf-8")
    (tmp_path / "news" / "notes.csv").write_text("not an article", encoding="utf-8")
    (tmp_path / "news" / ".hidden.txt").write_text("skipped", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "One."}\n\n  \n{"text": "Two."}\n', encoding="utf-8")
    return tmp_path


def test_progress_counts_files_with_known_suffixes_and_jsonl_lines(inputs):
    assert count_articles([inputs / "news"]) == 2
    assert count_articles([inputs / "feed.jsonl"]) == 2  # blank lines are no articles
    assert count_articles([inputs / "news", inputs / "feed.jsonl", inputs / "missing.txt"]) == 4


def test_progress_count_is_unknown_with_stdin(inputs):
    assert count_articles([inputs / "news", "-"]) is None


def test_progress_an_unreadable_jsonl_counts_nothing(inputs):
    (inputs / "news" / "gone.jsonl").symlink_to(inputs / "nowhere.jsonl")  # reading will report it
    assert count_articles([inputs / "news"]) == 2


def test_progress_bar_draws_on_stderr_only_when_shown(capsys):
    with progress(total=3, show=False) as bar:
        bar.update()
    assert capsys.readouterr() == ("", "")
    with progress(total=3, show=True) as bar:
        for _ in range(3):
            bar.update()
    out, err = capsys.readouterr()
    assert out == "" and "3/3" in err and "article/s" in err
