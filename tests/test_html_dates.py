"""An HTML article's publication date, as `kgraph build page.html` writes it:
only a date the page declares as its publication date, never one guessed from a
copyright footer, the URL or the text."""

from __future__ import annotations

import subprocess
import sys

import pytest
import rdflib

SCHEMA = rdflib.Namespace("https://schema.org/")

BODY = (
    "<p>The harbour board of Velmora met on Monday to approve a new ferry pier. "
    "Board chair Ilse Varnak said the pier would open in the spring and carry "
    "two thousand passengers a day across the bay to the island of Tessel.</p>"
)
FOOTER = "<footer><p>Copyright 2019 Velmora Gazette. All rights reserved.</p></footer>"


def page(head: str = "", body: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>Pier approved</title>{head}</head>"
            f"<body><article>{body}{BODY}</article>{FOOTER}</body></html>")


PAGES = {
    # What the page declares as its publication date...
    "og": (page('<meta property="article:published_time" content="2023-06-02T23:30:00-05:00">'),
           "2023-06-02"),
    "dc": (page('<meta name="DC.date.issued" content="2022-12-31">'), "2022-12-31"),
    "rfc": (page('<meta name="date" content="Tue, 05 Mar 2024 10:00:00 GMT">'), "2024-03-05"),
    "microdata": (page(body='<time itemprop="datePublished" datetime="2021-11-30">30 November</time>'),
                  "2021-11-30"),
    "jsonld": (page('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
                    '[{"@type": "WebSite"}, {"@type": "NewsArticle", "datePublished": "2020-02-29T09:00Z"}]}'
                    "</script>"), "2020-02-29"),
    "modified-and-published": (page('<meta property="article:modified_time" content="2024-01-20">'
                                    '<meta property="article:published_time" content="2024-01-18">'),
                               "2024-01-18"),
    # ...and nothing where it declares none: not the copyright year, not a date in
    # the text or the URL, not a modification date, not a malformed value.
    "copyright": (page(), None),
    "text-date": (page(body="<p>Updated 14 March 2018. The vote was held on 2018-03-12.</p>"), None),
    "url-date": (page('<link rel="canonical" href="https://gazette.example/2017/05/04/pier">'), None),
    "modified": (page('<meta property="article:modified_time" content="2024-01-20">'), None),
    "copyright-year": (page('<meta itemprop="copyrightYear" content="2016">'), None),
    "malformed": (page('<meta name="date" content="sometime in May">'
                       '<script type="application/ld+json">{"datePublished": </script>'), None),
}


@pytest.mark.model
def test_html_dates_only_the_declared_publication_date(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, (html, _) in PAGES.items():
        (pages / f"{name}.html").write_text(html, encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "kgraph", "build", str(pages), "-o", str(out), "-q"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    graph = rdflib.Graph().parse(out / "graph.ttl")
    published = {}
    for article, identifier in graph.subject_objects(SCHEMA.identifier):
        date = graph.value(article, SCHEMA.datePublished)
        published[str(identifier)] = None if date is None else (str(date), date.datatype)
    assert published == {
        name: None if date is None else (date, rdflib.XSD.date) for name, (_, date) in PAGES.items()
    }
