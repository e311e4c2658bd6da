"""One parsed article → its entities, typed statements and open propositions.

:func:`extract_doc` is what the unit of work (:mod:`kgraph.extraction.work`) calls
for each parsed article; :func:`extract_text` parses and extracts one text. The
stages, in order:

1. :mod:`.mentions.entities` — mentions from spaCy's entities, cleaned, typed and
   merged; :mod:`.syntax.repair` then fixes two known misattachments of the parse;
2. :mod:`.mentions.coref` — he/she/it/they resolved to their antecedents;
3. :mod:`.rules.statements` — clauses and nouns mapped to ontology properties
   through the lexicon of ``ontologies/kgraph.ttl``;
4. :mod:`.pairs` — a trained classifier adds the relations between mention pairs
   that the rules do not state;
5. :mod:`.syntax.propositions` — open (Open IE) propositions of every clause.
"""

from __future__ import annotations

from collections import defaultdict

from dataclasses import replace

from kgraph.ontology import Ontology, load_ontology
from kgraph.types import Article, DocumentResult, Mention, Statement

# Two functions share their module's name: an alias keeps the names apart.
from kgraph.extraction.syntax.clauses import clauses as find_clauses
from kgraph.extraction.syntax.clauses_nominal import one_word_titles
from kgraph.extraction.mentions.coref import resolve_pronouns
from kgraph.extraction.mentions.entities import lexicon_entities, public_mention
from kgraph.extraction.rules.facts import make_context
from kgraph.extraction.rules.lexicon import load_lexicon
from kgraph.extraction.rules.places import plausible_places
from kgraph.extraction.rules.verbs import PERSON_ENDINGS
from kgraph.extraction.model import load_model
from kgraph.extraction.pairs import pair_statements
from kgraph.extraction.syntax.propositions import propositions as sentence_propositions
from kgraph.extraction.syntax.repair import repair_parse
from kgraph.extraction.rules.statements import doc_statements, merge_statements

__all__ = ["PAIR_PLACE_WORDS", "PAIR_SHORT_PATH", "PAIR_SHORT_PATH_ONLY", "extract_doc", "extract_text", "pair_mentions"]

# The classifier's own thresholds (pairs_model.json) set how sure it must be: one for a
# sentence of an article, one across sentences, one for a one-sentence document (a
# CoNLL04 line); the floors kgraph used to add on top (0.33, and 0.5 for long paths)
# only cut CoNLL04 dev head-F1 (0.457 without them, 0.417 with) and are below the
# article thresholds. Between two names joined by a role noun or a preposition
# ("economist at", "in") a path has at most PAIR_SHORT_PATH words.
PAIR_SHORT_PATH = 2
# Relations the classifier may state only over a short path. A nationality is written
# next to the name ("Iranian blogger X", "X, a citizen of Y"); read across a clause it is
# the prior of Wikipedia biographies that the model learnt from Re-DocRED. On BBC dev
# this drops 9 wrong statements and 1 right one (P 0.811 -> 0.859, recall unchanged).
PAIR_SHORT_PATH_ONLY = frozenset({"citizenOf"})
# Prepositions of place: "head of services in the UK" says where a person works or is,
# not their nationality (on BBC dev every classifier citizenOf read over "in" was wrong).
PAIR_PLACE_WORDS = frozenset({"in", "at"})


def extract_doc(doc, article: Article, *, ontology: Ontology | None = None,
                with_propositions: bool = True) -> DocumentResult:
    """Extract the entities, statements and propositions of ``doc``, the parse of
    ``article.text``, with the classes, properties and lexicon of ``ontology``
    (default: kgraph's). ``with_propositions=False`` leaves the open propositions
    out (about a sixth of the extraction time), for callers that only build a graph.

    Entity keys are local to the document (the slug of each entity's best
    label). ``doc``'s parse is repaired in place (see :mod:`.repair`), so a
    second call sees the same parse. Raises :class:`~kgraph.errors.OntologyError`
    when the ontology or the gazetteer cannot be read.
    """
    ontology = load_ontology(ontology)
    lexicon = load_lexicon(ontology)
    # doc.sents costs a pass over the doc in Python on every call: take it once.
    sents = list(doc.sents)
    ents = lexicon_entities(doc, lexicon, text=article.text)
    repair_parse(doc, lambda token: ents.by_token[token.i] >= 0)
    resolve_pronouns(ents, ontology=ontology, sents=sents, org_nouns=lexicon.organisation_nouns,
                     person_titles=lexicon.person_titles, agent_nouns=lexicon.agent_nouns)
    ctx = make_context(doc, ents, lexicon, article.id, sents=sents)
    # The clauses are found once and shared by the statement rules and the propositions.
    titles = one_word_titles(ontology)
    found = [list(find_clauses(sent, titles=titles)) for sent in sents]
    statements = doc_statements(ctx, [c for sentence in found for c in sentence])
    named = pair_mentions(doc, ents)
    # A pair needs two mentions: most CaRB-style one-line docs have fewer.
    paired = (pair_statements(doc, named, article_id=article.id, ontology=ontology, sents=sents)
              if len(named) > 1 else [])
    paired = plausible_places(paired, statements, ents)
    merged = merge_statements([*statements, *_new_pairs(statements, paired, lexicon)], symmetric=ctx.symmetric)
    statements = _drop_covered_relations(merged)
    statements = merge_statements(_member_ties(statements, ents.entities, lexicon), symmetric=ctx.symmetric)
    return DocumentResult(
        article=article,
        entities=tuple(ents.entities.values()),
        statements=tuple(statements),
        propositions=tuple(p for sent, clauses_of in zip(sents, found)
                           for p in sentence_propositions(sent, found=clauses_of, text=article.text))
        if with_propositions else (),
    )


def pair_mentions(doc, ents) -> list[Mention]:
    """The mentions the pair classifier reads in ``doc``: the names of ``ents`` (a
    :class:`~kgraph.extraction.mentions.entities.DocEntities`, nationality adjectives
    standing for their countries among them) and its resolved pronouns, as written,
    standing for their antecedents; in text order."""
    named = [public_mention(doc, m) for m in ents.mentions]
    pronouns = [ents.mention(doc[i]) for i in sorted(ents.pronouns) if ents.is_pronoun(doc[i])]
    return sorted(named + [m for m in pronouns if m is not None], key=lambda m: (m.span.start, m.span.end))


def _new_pairs(statements: list[Statement], paired: list[Statement], lexicon) -> list[Statement]:
    """The classifier's confident, plausible statements about entity pairs the
    rules said nothing about, whose object the rules do not already tie by the same
    property to another entity where it is written ("paid for US wine maker Acme":
    the rules base Acme in the US, so it is not where the buyer is based)."""
    related = {frozenset((s.subject.key, s.object.key)) for s in statements
               if s.object is not None and s.predicate != "relatedTo"}
    taken: dict[tuple[str, int], set[str]] = defaultdict(set)
    for s in statements:
        if s.object is not None:
            taken[s.predicate, s.object.span.start].add(s.subject.key)
    return [s for s in paired if _plausible(s, lexicon)
            and frozenset((s.subject.key, s.object.key)) not in related
            and taken.get((s.predicate, s.object.span.start), {s.subject.key}) & {s.subject.key}]


def _drop_covered_relations(statements: list[Statement]) -> list[Statement]:
    """Without the ``relatedTo`` statements whose pair a typed statement of the same
    sentence already relates: every property is a kind of ``relatedTo``."""
    typed = {(s.sentence.start, frozenset((s.subject.key, s.object.key))) for s in statements
             if s.object is not None and s.predicate != "relatedTo"}
    return [s for s in statements if s.predicate != "relatedTo"
            or (s.sentence.start, frozenset((s.subject.key, s.object.key))) not in typed]


def _member_ties(statements: list[Statement], entities: dict, lexicon) -> list[Statement]:
    """``statements`` with a person's ``worksFor`` a body whose name ends with a
    ``kg:memberWord`` ("Ada worksFor Labour") turned into the property that word
    names (``memberOf``): people belong to a party, they are not its staff."""
    out = []
    for s in statements:
        if s.predicate == "worksFor" and s.object is not None and lexicon.ontology.is_a(s.subject.type, "Person"):
            entity = entities.get(s.object.key)
            tie = lexicon.member_property(entity.label if entity is not None else s.object.span.text)
            if tie is not None:
                # the classifier's statements carry the property's label as their wording
                label = lexicon.ontology.property(s.predicate).label
                wording = lexicon.ontology.property(tie).label if s.relation_text == label else s.relation_text
                s = replace(s, predicate=tie, relation_text=wording)
        out.append(s)
    return out


def _plausible(s: Statement, lexicon) -> bool:
    """Whether the classifier's statement ``s`` may stand: the ontology's domain and range
    (``lexicon.choose``) accept it, a nationality is read over a short path and not over
    a preposition of place, and no country lies in a country or city."""
    if lexicon.choose((s.predicate,), s.subject.type, s.object.type) is None:
        return False  # the ontology's domain and range reject it
    if s.predicate in PAIR_SHORT_PATH_ONLY:
        words = s.relation_text.lower().split()
        if len(words) > PAIR_SHORT_PATH or not PAIR_PLACE_WORDS.isdisjoint(words):
            return False  # further apart than a role or a preposition, or joined by one of place
        if not _describes_person(words, s.predicate, lexicon):
            return False  # "his Zorbia stance", "met Zorbian", "girlfriend of": no nationality
    # A country lies in no country or city: the classifier sees two places in a
    # sentence, not their sizes.
    onto = lexicon.ontology
    return not (s.predicate == "locatedIn" and onto.is_a(s.subject.type, "Country")
                and onto.base(s.object.type, ("Country", "City")) is not None)


def _describes_person(words: list[str], prop: str, lexicon) -> bool:
    """Whether a short path of ``words`` between a person and a country is a noun for
    the person ("Zorbian actor X", "X, a Zorbian striker"), a noun of ``prop`` with
    its preposition ("citizen of") or a preposition on a name ("X of Zorbia"); no
    words is an adjective on the name itself."""
    if len(words) == 2 and prop in lexicon.nouns.get((words[0], words[1]), ()):
        return True
    if len(words) == 1 and words[0] in lexicon.name_preps:
        return True
    return all(word in lexicon.title_words or word.endswith(PERSON_ENDINGS) for word in words)


def extract_text(text: str, *, nlp=None) -> list[Statement]:
    """Parse ``text`` with ``nlp`` (default: :func:`kgraph.extraction.model.load_model`) and
    return its statements; the article id is ``"text"``."""
    nlp = nlp or load_model()
    return list(extract_doc(nlp(text), Article(id="text", text=text)).statements)
