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
def test_text_slug_without_ascii_letters_is_a_stable_hash(text):
    assert slug(text) == slug(text)
    assert slug(text).startswith("x-") and len(slug(text)) == 14


def test_text_slug_long_names_cut_and_unique():
    a, b = slug("word " * 100 + "a"), slug("word " * 100 + "b")
    assert a != b and len(a) <= 80 and len(b) <= 80
