"""kgraph.rdf.terms: the tuple terms and the literals kgraph writes."""

from __future__ import annotations

import pytest
from rdflib import XSD, Literal, URIRef

from kgraph.rdf.terms import (
    IRI, LITERAL, boolean_literal, date_literal, decimal_literal, integer_literal, rdflib_term, string_literal,
    url_term,
)


def test_terms_become_rdflib_terms():
    assert rdflib_term((IRI, "https://example.org/a", "")) == URIRef("https://example.org/a")
    assert rdflib_term(string_literal("Hafen")) == Literal("Hafen")
    assert rdflib_term(integer_literal(7)) == Literal(7)
    assert rdflib_term(boolean_literal(False)) == Literal(False)


@pytest.mark.parametrize(("value", "text"), [(0.5, "0.5"), (1.0, "1"), (0.833, "0.83"), (0.0, "0"), (0.001, "0")])
def test_terms_decimals_are_rounded_and_canonical(value, text):
    assert decimal_literal(value) == (LITERAL, text, str(XSD.decimal))


@pytest.mark.parametrize(("text", "expected"), [
    ("2021-05-03", ("2021-05-03", str(XSD.date))),
    (" 2021-05-03T10:00:00Z ", ("2021-05-03T10:00:00Z", str(XSD.dateTime))),
    ("2021-13-40", ("2021-13-40", "")),          # no such day: kept as text
    ("last Tuesday", ("last Tuesday", "")),
])
def test_terms_dates_are_typed_when_they_are_dates(text, expected):
    assert date_literal(text) == (LITERAL, *expected)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/a b?q=<1>", (IRI, "https://news.example/a%20b?q=%3C1%3E", "")),
    ("https://news.example/100%", (IRI, "https://news.example/100%25", "")),
    ("news.example/no-scheme", (LITERAL, "news.example/no-scheme", "")),
    ("http://bad host:port/", (LITERAL, "http://bad host:port/", "")),
])
def test_terms_urls_are_valid_iris_or_text(url, expected):
    assert url_term(url) == expected
