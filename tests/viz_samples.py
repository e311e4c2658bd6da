"""Hand-built knowledge graphs for the network, viz, readback and browser tests
(no model needed). Every name is invented."""

from __future__ import annotations

import random

from kgraph.graph import KnowledgeGraph
from kgraph.types import Article, Entity, Mention, Span, Statement

TEXT_ONE = (
    "Mira Holt visited Quellburg on Monday. "
    "Holt did not meet Tomas Varga. "
    "Holt may visit the Orbis Council. "
    "Mira Holt praised Quellburg and met Tomas Varga there. "
    "Holt was born in 1971."
)
TEXT_TWO = "Tomas Varga leads the Orbis Council. The Orbis Council hosted Žofia Črnková in Quellburg."


def _span(text: str, words: str, start: int = 0) -> Span:
    at = text.index(words, start)
    return Span(at, at + len(words), words)


def _statement(text, article, sentence, subject, predicate, obj, relation, **flags) -> Statement:
    """``subject``/``obj`` are ``(key, type, words)``; ``obj`` None with a
    ``literal`` flag for literal statements."""
    sent = _span(text, sentence)
    mention = lambda key, type_, words: Mention(_span(text, words, sent.start), key, type_)  # noqa: E731
    return Statement(
        subject=mention(*subject), predicate=predicate,
        object=mention(*obj) if obj else None, relation_text=relation,
        article_id=article, sentence=sent, **flags,
    )


MIRA = ("mira-holt", "Person", "Mira Holt")
HOLT = ("mira-holt", "Person", "Holt")
QUELLBURG = ("quellburg", "City", "Quellburg")
VARGA = ("tomas-varga", "Person", "Tomas Varga")
ORBIS = ("orbis-council", "Organization", "Orbis Council")


def small_graph() -> KnowledgeGraph:
    """Two articles, four classes, parallel and reverse edges, a negated and a
    hedged statement, a relatedTo with its wording, a literal fact and a
    non-ASCII name. Statement 0 and 3 are parallel (Mira Holt -> Quellburg)."""
    one, two = "holt-visit", "council-news"
    statements = [
        _statement(TEXT_ONE, one, "Mira Holt visited Quellburg on Monday.", MIRA, "visits", QUELLBURG,
                   "visited", confidence=0.9, time="Monday"),
        _statement(TEXT_ONE, one, "Holt did not meet Tomas Varga.", HOLT, "meetsWith", VARGA,
                   "meet", negated=True, confidence=0.7),
        _statement(TEXT_ONE, one, "Holt may visit the Orbis Council.", HOLT, "visits", ORBIS,
                   "visit", modality="may", confidence=0.6),
        _statement(TEXT_ONE, one, "Mira Holt praised Quellburg and met Tomas Varga there.", MIRA,
                   "relatedTo", QUELLBURG, "praised", confidence=0.5),
        _statement(TEXT_ONE, one, "Mira Holt praised Quellburg and met Tomas Varga there.", MIRA,
                   "meetsWith", VARGA, "met", confidence=0.8, place="quellburg"),
        _statement(TEXT_ONE, one, "Holt was born in 1971.", HOLT, "bornIn", None, "born",
                   literal="1971", confidence=0.6),
        _statement(TEXT_TWO, two, "Tomas Varga leads the Orbis Council.", VARGA, "leaderOf", ORBIS,
                   "leads", confidence=0.85),
        _statement(TEXT_TWO, two, "The Orbis Council hosted Žofia Črnková in Quellburg.",
                   ("orbis-council", "Organization", "Orbis Council"), "hosts",
                   ("zofia-crnkova", "Person", "Žofia Črnková"), "hosted", confidence=0.75),
    ]
    entities = {
        "mira-holt": Entity("mira-holt", "Mira Holt", "Person", ("Holt", "Mira Holt")),
        "quellburg": Entity("quellburg", "Quellburg", "City"),
        "tomas-varga": Entity("tomas-varga", "Tomas Varga", "Person", ("Varga",)),
        "orbis-council": Entity("orbis-council", "Orbis Council", "Organization", ("the Orbis Council",)),
        "zofia-crnkova": Entity("zofia-crnkova", "Žofia Črnková", "Person"),
    }
    articles = {
        one: Article(one, TEXT_ONE, title="Holt tours Quellburg"),
        two: Article(two, TEXT_TWO, title="Council news"),
    }
    return KnowledgeGraph(entities=entities, statements=statements, articles=articles)


# Markup that runs script if it is ever parsed as HTML; each sets window.__pwned.
HOSTILE_SCRIPT = "<script>window.__pwned = 'script'</script>"
HOSTILE_IMG = "<img src=x onerror=\"window.__pwned='img'\">"
HOSTILE_SVG = "<svg onload=\"window.__pwned='svg'\"></svg>"
HOSTILE_CLOSE = "</script><script>window.__pwned='close'</script>"
HOSTILE_LINK = "<a href=\"javascript:window.__pwned='href'\">click</a>"


def hostile_graph() -> KnowledgeGraph:
    """Markup in the article title, entity labels and aliases, sentences and
    relation wording."""
    text = (
        f"Ana {HOSTILE_IMG} visited Vel{HOSTILE_SVG}ton. "
        f"Ana {HOSTILE_IMG} did not meet Bo {HOSTILE_CLOSE} {HOSTILE_LINK}. "
        f"{HOSTILE_SCRIPT} Bo {HOSTILE_CLOSE} may lead the Guild &amp; {HOSTILE_SCRIPT}."
    )
    ana = ("ana", "Person", f"Ana {HOSTILE_IMG}")
    velton = ("velton", "City", f"Vel{HOSTILE_SVG}ton")
    bo = ("bo", "Person", f"Bo {HOSTILE_CLOSE}")
    guild = ("guild", "Organization", f"Guild &amp; {HOSTILE_SCRIPT}")
    sentences = text.split(". ")
    first, second, third = sentences[0] + ".", sentences[1] + ".", sentences[2]
    statements = [
        _statement(text, "evil", first, ana, "visits", velton, f"visited {HOSTILE_SVG}"),
        _statement(text, "evil", second, ana, "meetsWith", bo, "meet", negated=True),
        _statement(text, "evil", third, bo, "relatedTo", guild, f"may lead {HOSTILE_LINK}", modality="may"),
        _statement(text, "evil", first, ana, "says", None, "said", literal=HOSTILE_SCRIPT),
    ]
    entities = {
        "ana": Entity("ana", ana[2], "Person", (HOSTILE_SCRIPT, HOSTILE_LINK)),
        "velton": Entity("velton", velton[2], "City"),
        "bo": Entity("bo", bo[2], "Person", (HOSTILE_IMG,)),
        "guild": Entity("guild", guild[2], "Organization"),
    }
    article = Article("evil", text, title=f"{HOSTILE_SCRIPT}{HOSTILE_IMG} News")
    return KnowledgeGraph(entities=entities, statements=statements, articles={"evil": article})


def random_graph(nodes: int, statements: int, *, seed: int = 0) -> KnowledgeGraph:
    """A random graph with ``nodes`` entities (in several components) and
    ``statements`` statements, for size-dependent behaviour."""
    rng = random.Random(seed)
    classes = ["Person", "Organization", "Country", "City", "Group"]
    text = "Someone did something to someone else."
    sentence = Span(0, len(text), text)
    entities = {
        f"n{i:05d}": Entity(f"n{i:05d}", f"Entity {i}", classes[i % len(classes)]) for i in range(nodes)
    }
    keys = sorted(entities)
    made = []
    for i in range(statements):
        a, b = rng.sample(keys, 2)
        made.append(Statement(
            subject=Mention(Span(0, 7, "Someone"), a, entities[a].type),
            predicate=rng.choice(["visits", "meetsWith", "supports"]),
            object=Mention(Span(30, 37, "someone"), b, entities[b].type),
            relation_text="did", article_id=f"a{i % 7}", sentence=sentence,
            negated=i % 11 == 0, modality="may" if i % 13 == 0 else None,
        ))
    articles = {f"a{i}": Article(f"a{i}", text, title=f"Article {i}") for i in range(7)}
    return KnowledgeGraph(entities=entities, statements=made, articles=articles)


def repeated_graph(times: int) -> KnowledgeGraph:
    """One fact said ``times`` times by the same sentence (an article repeating
    itself), once more in other words and once in another article, and a denial:
    two edges, Ada Vell -> Korrin (``times + 2`` statements, three pieces of
    evidence) and the negated Ada Vell -> Brask."""
    said = "Ada Vell visited Korrin."
    one = " ".join([said] * times) + " Ada Vell toured Korrin again. Ada Vell did not visit Brask."
    two = "Ada Vell visited Korrin in May."
    vell = ("ada-vell", "Person", "Ada Vell")
    korrin = ("korrin", "City", "Korrin")
    brask = ("brask", "City", "Brask")

    def at(text, start, sentence, subject, obj, relation, **flags) -> Statement:
        span = Span(start, start + len(sentence), sentence)
        mention = lambda key, type_, words: Mention(  # noqa: E731
            Span(start + sentence.index(words), start + sentence.index(words) + len(words), words), key, type_)
        return Statement(subject=mention(*subject), predicate="visits", object=mention(*obj),
                         relation_text=relation, article_id=flags.pop("article", "vell-visits"),
                         sentence=span, confidence=flags.pop("confidence", 0.8), **flags)

    statements = [at(one, i * (len(said) + 1), said, vell, korrin, "visited") for i in range(times)]
    statements += [
        at(one, one.index("Ada Vell toured"), "Ada Vell toured Korrin again.", vell, korrin, "toured",
           confidence=0.6),
        at(one, one.index("Ada Vell did not"), "Ada Vell did not visit Brask.", vell, brask, "visit",
           negated=True),
        at(two, 0, two, vell, korrin, "visited", article="vell-again", confidence=0.9),
    ]
    entities = {
        "ada-vell": Entity("ada-vell", "Ada Vell", "Person"),
        "korrin": Entity("korrin", "Korrin", "City"),
        "brask": Entity("brask", "Brask", "City"),
    }
    articles = {
        "vell-visits": Article("vell-visits", one, title="Vell on tour"),
        "vell-again": Article("vell-again", two, title="Vell back in Korrin"),
    }
    return KnowledgeGraph(entities=entities, statements=statements, articles=articles)
