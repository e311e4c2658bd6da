import os
import subprocess
import sys

import pytest

from kgraph.text import fold, slug


@pytest.mark.parametrize("text, expected", [
    ("Ağaoğlu", "Agaoglu"), ("Zürich", "Zurich"), ("Łódź", "Lodz"), ("São Tomé", "Sao Tome"), ("plain", "plain"),
])
def test_text_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Zeynep Gül Ağaoğlu", "zeynep-gul-agaoglu"),
    ("  The  U.N.  ", "the-u-n"),
    ("Ada's", "ada-s"),
])
def test_text_slug(text, expected):
    assert slug(text) == expected


@pytest.mark.parametrize("text", ["«»", "???", "日本", "\u202e\u0000"])
def test_text_slug_without_ascii_letters_is_a_hash(text):
    assert slug(text).startswith("x-") and len(slug(text)) == 14


def test_text_slugs_without_ascii_letters_differ_by_text_and_not_by_process():
    texts = ["«»", "???", "日本"]
    assert len({slug(text) for text in texts}) == len(texts)
    # Python's str hash changes with each process: a slug must not depend on it.
    code = "import sys; from kgraph.text import slug; print(' '.join(slug(t) for t in sys.argv[1:]))"
    runs = {tuple(subprocess.run([sys.executable, "-c", code, *texts], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.split()) for seed in ("1", "2")}
    assert runs == {tuple(slug(text) for text in texts)}


def test_text_slug_long_names_cut_and_unique():
    a, b = slug("word " * 100 + "a"), slug("word " * 100 + "b")
    assert a != b and len(a) <= 80 and len(b) <= 80
