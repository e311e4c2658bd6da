"""Hand-built knowledge graphs for the RDF, store, validation and remote tests
(no model needed). Names are invented."""

from __future__ import annotations

from kgraph.graph import KnowledgeGraph
from kgraph.types import Article, Entity, Mention, Span, Statement

BASE = "https://example.org/kgraph/"

TEXT_A = (
    "Anna Berg visited Norland in 2021. She met Olav Dahl in Tromsby. "
    "Norland did not back Estria."
)
TEXT_B = "Olav Dahl met Anna Berg in Velhaven. Dahl is a minister."


def _span(text: str, words: str, start: int = 0) -> Span:
    at = text.index(words, start)
    return Span(at, at + len(words), words)


def _mention(text: str, words: str, key: str, type_: str, sentence: Span) -> Mention:
    return Mention(_span(text, words, sentence.start), key, type_)


def _sentence(text: str, words: str) -> Span:
    return _span(text, words)


def article_a(*, label: str = "Anna Berg", title: str = "Berg's trip") -> KnowledgeGraph:
    """One article: a visit (with time), a meeting (with place), a negated
    support, and a literal statement with a modality."""
    s1 = _sentence(TEXT_A, "Anna Berg visited Norland in 2021.")
    s2 = _sentence(TEXT_A, "She met Olav Dahl in Tromsby.")
    s3 = _sentence(TEXT_A, "Norland did not back Estria.")
    entities = {
        "anna-berg": Entity("anna-berg", label, "Person", ("Berg", label)),
        "norland": Entity("norland", "Norland", "Country"),
        "olav-dahl": Entity("olav-dahl", "Olav Dahl", "Person", ("Dahl",)),
        "tromsby": Entity("tromsby", "Tromsby", "City"),
        "estria": Entity("estria", "Estria", "Country"),
    }
    statements = [
        Statement(_mention(TEXT_A, "Anna Berg", "anna-berg", "Person", s1), "visits",
                  _mention(TEXT_A, "Norland", "norland", "Country", s1), "visited", "a1", s1,
                  time="in 2021", confidence=0.834),
        Statement(_mention(TEXT_A, "She", "anna-berg", "Person", s2), "meetsWith",
                  _mention(TEXT_A, "Olav Dahl", "olav-dahl", "Person", s2), "met", "a1", s2,
                  place="tromsby", confidence=0.7),
        Statement(_mention(TEXT_A, "Norland", "norland", "Country", s3), "supports",
                  _mention(TEXT_A, "Estria", "estria", "Country", s3), "did not back", "a1", s3,
                  negated=True, confidence=0.6),
        Statement(_mention(TEXT_A, "Anna Berg", "anna-berg", "Person", s1), "holdsPosition", None,
                  "is", "a1", s1, literal="minister", modality="may", confidence=0.5),
    ]
    article = Article(id="a1", text=TEXT_A, title=title,
                      url="https://news.example/berg?a=1&b=<2>", published="2021-05-03")
    return KnowledgeGraph(entities=entities, statements=statements, articles={"a1": article}, base=BASE)


def two_articles() -> KnowledgeGraph:
    """``article_a`` plus a second article that shares Anna Berg and Olav Dahl."""
    kg = article_a()
    s1 = _sentence(TEXT_B, "Olav Dahl met Anna Berg in Velhaven.")
    kg.entities["velhaven"] = Entity("velhaven", "Velhaven", "City")
    kg.statements.append(
        Statement(_mention(TEXT_B, "Olav Dahl", "olav-dahl", "Person", s1), "meetsWith",
                  _mention(TEXT_B, "Anna Berg", "anna-berg", "Person", s1), "met", "b2", s1,
                  place="Velhaven", confidence=0.9)
    )
    kg.articles["b2"] = Article(id="b2", text=TEXT_B, title="Dahl and Berg meet")
    return kg
