"""kgraph.extraction.syntax.repair: the two attachment repairs, on hand-built
misparses (the parser's mistakes written out), so a new model cannot make them
pass without repairing anything."""

from __future__ import annotations

from clause_parses import parse
from kgraph.extraction.syntax.clauses import clauses
from kgraph.extraction.syntax.repair import repair_parse

# "Despite the protests, Zorbia, led by Ana, has kept its course." as the small
# model parses it: "Zorbia" an apposition of "protests", "led" a modifier of
# "protests", and "kept" without a subject.
MISPARSE = ("Despite/IN/prep/11 the/DT/det/2 protests/NNS/pobj/0 ,/,/punct/2 Zorbia/NNP/appos/2 ,/,/punct/4 "
            "led/VBN/acl/2/lead by/IN/agent/6 Ana/NNP/pobj/7 ,/,/punct/11 has/VBZ/aux/11 kept/VBN/ROOT/11/keep "
            "its/PRP$/poss/13 course/NN/dobj/11 ././punct/11")
ENTS = ((4, 5, "GPE"), (8, 9, "PERSON"))


def named(token) -> bool:
    return bool(token.ent_type_)


def test_repair_makes_the_fronted_apposition_the_subject_and_hangs_the_participle_on_it():
    doc = parse(MISPARSE, ENTS)
    assert not [c for c in clauses(doc) if c.verb is not None and c.verb.text == "kept"]  # no subject, no clause
    assert repair_parse(doc, named) == 2
    zorbia, led, kept = doc[4], doc[6], doc[11]
    assert (zorbia.head, zorbia.dep_) == (kept, "nsubj")
    assert led.head == zorbia
    [clause] = [c for c in clauses(doc) if c.verb is not None and c.verb.text == "kept"]
    assert clause.subject == zorbia


def test_repair_twice_moves_nothing_more():
    doc = parse(MISPARSE, ENTS)
    repair_parse(doc, named)
    assert repair_parse(doc, named) == 0


def test_repair_leaves_a_verb_that_has_a_subject():
    # "Despite the protests, Zorbia, they have kept its course.": "they" is the subject.
    doc = parse("Despite/IN/prep/7 the/DT/det/2 protests/NNS/pobj/0 ,/,/punct/2 Zorbia/NNP/appos/2 ,/,/punct/4 "
                "they/PRP/nsubj/7 kept/VBD/ROOT/7/keep its/PRP$/poss/9 course/NN/dobj/7 ././punct/7",
                ((4, 5, "GPE"),))
    assert repair_parse(doc, named) == 0
    assert doc[4].dep_ == "appos"


def test_repair_needs_a_named_apposition():
    # "Despite the protests, the state, has kept its course.": "state" names nothing.
    doc = parse("Despite/IN/prep/8 the/DT/det/2 protests/NNS/pobj/0 ,/,/punct/2 the/DT/det/5 state/NN/appos/2 "
                ",/,/punct/5 has/VBZ/aux/8 kept/VBN/ROOT/8/keep ././punct/8")
    assert repair_parse(doc, named) == 0
    assert doc[5].head == doc[2]
