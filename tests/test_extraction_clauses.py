"""Clause finding on hand-built parses (independent of any model's mood);
sentences are written in :func:`clause_parses.parse` notation."""

from __future__ import annotations

import pytest
from clause_parses import parse
from spacy.tokens import Doc

from kgraph.extraction.syntax.clauses import Clause, clauses, conjuncts

def find(doc: Doc, verb: str | None = None, *, source: str = "verb") -> Clause:
    """The one clause of ``source`` whose verb (or anchor) is the word ``verb``."""
    found = [c for c in clauses(doc[:]) if c.source == source and (verb is None or c.anchor.text == verb)]
    assert len(found) == 1, [(c.source, c.anchor.text) for c in clauses(doc[:])]
    return found[0]


def texts(tokens) -> list[str]:
    return [t.text for t in tokens]


BORN = "Ana/NNP/nsubjpass/2 was/VBD/auxpass/2 born/VBN/ROOT/2/bear in/IN/prep/2 Lima/NNP/pobj/3 ./././2"
CONJ = ("Pavel/NNP/nsubj/1 bought/VBD/ROOT/1/buy bread/NN/dobj/1 and/CC/cc/1 visited/VBD/conj/1/visit "
        "the/DT/det/6 harbour/NN/dobj/4 ./././1")
REFUSED = ("Nadia/NNP/nsubj/1 refused/VBD/ROOT/1/refuse to/TO/aux/3 endorse/VB/xcomp/1 the/DT/det/5 "
           "proposal/NN/dobj/3 ./././1")
POISED = ("Corvin/NNP/nsubjpass/2 is/VBZ/auxpass/2 poised/VBN/ROOT/2/poise to/TO/aux/4 acquire/VB/xcomp/2 "
          "the/DT/det/6 brewery/NN/dobj/4 ./././2")
RELCL = ("The/DT/det/1 museum/NN/nsubj/8 ,/,/punct/1 which/WDT/nsubjpass/5 was/VBD/auxpass/5 "
         "founded/VBN/relcl/1/found in/IN/prep/5 1921/CD/pobj/6 houses/VBZ/ROOT/8/house maps/NNS/dobj/8 ./././8")
REFUSAL = ("Lena/NNP/poss/2 's/POS/case/0 refusal/NN/nsubj/6 to/TO/aux/4 sign/VB/acl/2 treaty/NN/dobj/4 "
           "angered/VBD/ROOT/6/anger voters/NNS/dobj/6 ./././6")
APPOS = ("Oskar/NNP/compound/1 Brand/NNP/nsubj/8 ,/,/punct/1 the/DT/det/4 mayor/NN/appos/1 of/IN/prep/4 "
         "Dunmore/NNP/pobj/5 ,/,/punct/1 opened/VBD/ROOT/8/open a/DT/det/10 library/NN/dobj/8 ./././8")
TITLE = ("Mayor/NNP/compound/2 Hugo/NNP/compound/2 Stein/NNP/nsubj/3 opened/VBD/ROOT/3/open "
         "the/DT/det/5 bridge/NN/dobj/3 ./././3")
GAVE = "Rosa/NNP/nsubj/1 gave/VBD/ROOT/1/give Emil/NNP/dative/1 a/DT/det/4 bicycle/NN/dobj/1 ./././1"
ELECTED = ("The/DT/det/1 council/NN/nsubj/2 elected/VBD/ROOT/2/elect Mira/NNP/dobj/2 chair/NN/oprd/2 ./././2")
COPULA = "Vera/NNP/nsubj/1 is/VBZ/ROOT/1/be a/DT/det/3 pilot/NN/attr/1 ./././1"
LIKELY = ("Ida/NNP/nsubj/1 said/VBD/ROOT/1/say that/IN/mark/7 the/DT/det/4 talks/NNS/nsubj/7 "
          "would/MD/aux/7 likely/RB/advmod/7 continue/VB/ccomp/1 ./././1")
ASKED = ("Ben/NNP/nsubj/1 asked/VBD/ROOT/1/ask Tim/NNP/dobj/1 to/TO/aux/4 leave/VB/xcomp/1 "
         "the/DT/det/6 room/NN/dobj/4 ./././1")
BY_ING = ("Pedro/NNP/nsubj/1 kept/VBD/ROOT/1/keep a/DT/det/3 balance/NN/dobj/1 by/IN/prep/1 "
          "supporting/VBG/pcomp/4/support Lisbon/NNP/dobj/5 ./././1")
REFRAIN = ("Kess/NNP/nsubj/1 refrained/VBD/ROOT/1/refrain from/IN/prep/1 backing/VBG/pcomp/2/back "
           "the/DT/det/5 plan/NN/dobj/3 ./././1")
NOT_SIGN = "Tomas/NNP/nsubj/3 did/VBD/aux/3 not/RB/neg/3 sign/VB/ROOT/3 it/PRP/dobj/3 ./././3"
THERE = "There/EX/expl/1 are/VBP/ROOT/1/be three/CD/nummod/3 parks/NNS/attr/1 ./././1"
BASED = ("The/DT/det/4 Arden/NNP/npadvmod/3 -/HYPH/punct/3 based/VBN/amod/4/base startup/NN/nsubj/5 "
         "hired/VBD/ROOT/5/hire engineers/NNS/dobj/5 ./././5")
POSSESSIVE = ("Greta/NNP/poss/2 's/POS/case/0 brother/NN/nsubj/3 lives/VBZ/ROOT/3/live in/IN/prep/3 "
              "Vellum/NNP/pobj/4 ./././3")
HALL = ("A/DT/det/1 hall/NN/nsubj/5 in/IN/prep/1 Brightwater/NNP/pobj/2 was/VBD/auxpass/5 "
        "restored/VBN/ROOT/5/restore ./././5")
PLACES = ("They/PRP/nsubj/1 met/VBD/ROOT/1/meet in/IN/prep/1 Brightwater/NNP/pobj/2 ,/,/punct/3 "
          "Kentland/NNP/appos/3 ./././1")
MOVED = ("In/IN/prep/3 May/NNP/pobj/0 Jon/NNP/nsubj/3 moved/VBD/ROOT/3/move to/IN/prep/3 "
         "Easton/NNP/pobj/4 ./././3")
WANTS_AND = ("Kai/NNP/nsubj/1 wants/VBZ/ROOT/1/want to/TO/aux/3 visit/VB/xcomp/1 Ulm/NNP/dobj/3 "
             "and/CC/cc/3 meet/VB/conj/3 Ada/NNP/dobj/6 ./././1")


@pytest.mark.parametrize(
    "spec, verb, subject, relation, inherited",
    [
        (BORN, "born", "Ana", "was born in", False),
        (CONJ, "visited", "Pavel", "visited", True),
        (REFUSED, "endorse", "Nadia", "refused to endorse", True),
        (POISED, "acquire", "Corvin", "is poised to acquire", True),
        (RELCL, "founded", "museum", "was founded in", False),
        (REFUSAL, "sign", "Lena", "sign", True),
        (ASKED, "leave", "Tim", "leave", True),
        (BY_ING, "supporting", "Pedro", "supporting", True),
        (THERE, "are", "parks", "are", False),
        (MOVED, "moved", "Jon", "moved to", False),
        (WANTS_AND, "meet", "Kai", "wants to meet", True),
    ],
)
def test_clauses_subject_and_relation(spec, verb, subject, relation, inherited):
    clause = find(parse(spec), verb)
    assert clause.subject.text == subject
    assert clause.relation_text == relation
    assert clause.subject_inherited is inherited


def test_clauses_merged_xcomp_governor_is_not_a_clause_of_its_own():
    assert [c.verb.text for c in clauses(parse(REFUSED)[:])] == ["endorse"]


def test_clauses_object_control_keeps_both_clauses():
    asked = find(parse(ASKED), "asked")
    assert texts(asked.objects) == ["Tim"]
    assert asked.clausal.text == "leave"
    assert asked.kind == "SVOC"


@pytest.mark.parametrize(
    "spec, verb, kind",
    [
        (BORN, "born", "SVA"),
        (CONJ, "bought", "SVO"),
        (GAVE, "gave", "SVOO"),
        (ELECTED, "elected", "SVOC"),
        (COPULA, "is", "SVC"),
        (BY_ING, "kept", "SVOA"),
        (LIKELY, "said", "SVO"),
        (THERE, "are", "SV"),
    ],
)
def test_clauses_kind(spec, verb, kind):
    assert find(parse(spec), verb).kind == kind


@pytest.mark.parametrize(
    "spec, verb, negated, modality",
    [
        (NOT_SIGN, "sign", True, None),
        (REFUSED, "endorse", True, None),
        (REFRAIN, "backing", True, None),
        (REFUSAL, "sign", True, None),
        (POISED, "acquire", False, "poised to"),
        (LIKELY, "continue", False, "would likely"),
        (LIKELY, "said", False, None),
        (BORN, "born", False, None),
    ],
)
def test_clauses_negation_and_modality(spec, verb, negated, modality):
    clause = find(parse(spec), verb)
    assert clause.negated is negated
    assert clause.modality == modality


def test_clauses_passive_voice():
    assert find(parse(BORN), "born").passive
    assert not find(parse(CONJ), "bought").passive


def test_clauses_prepositional_attachments_and_relation_prep():
    clause = find(parse(MOVED), "moved")
    assert [(p.text, o.text) for p, o in clause.preps] == [("In", "May"), ("to", "Easton")]
    prep, obj = clause.relation_prep
    assert (prep.text, obj.text) == ("to", "Easton")


def test_clauses_objects_indirect_first():
    assert texts(find(parse(GAVE), "gave").objects) == ["Emil", "bicycle"]


def test_clauses_reported_clause_is_clausal_argument_and_own_clause():
    doc = parse(LIKELY)
    assert find(doc, "said").clausal.text == "continue"
    assert find(doc, "continue").subject.text == "talks"


def test_clauses_apposition_named_side_is_subject():
    clause = find(parse(APPOS), "mayor", source="apposition")
    assert (clause.subject.text, clause.complement.text, clause.kind, clause.verb) == ("Brand", "mayor", "SVC", None)


def test_clauses_title_before_a_name():
    clause = find(parse(TITLE), "Mayor", source="title")
    assert clause.subject.text == "Stein"


def test_clauses_title_needs_a_role_word_not_a_first_name():
    assert [c for c in clauses(parse(TITLE)[:]) if c.source == "title" and c.complement.text == "Hugo"] == []


def test_clauses_based_compound():
    clause = find(parse(BASED), "based", source="compound")
    assert clause.subject.text == "startup"
    assert [(p, o.text) for p, o in clause.preps] == [(None, "Arden")]
    assert clause.implied_prep == "in"


def test_clauses_possessive():
    clause = find(parse(POSSESSIVE), "brother", source="possessive")
    assert clause.subject.text == "Greta"


def test_clauses_location_needs_a_named_place():
    assert find(parse(HALL, ents=((3, 4, "GPE"),)), "in", source="location").subject.text == "hall"
    assert [c for c in clauses(parse(HALL)[:]) if c.source == "location"] == []


def test_clauses_apposition_of_places_is_in():
    clause = find(parse(PLACES, ents=((3, 4, "GPE"), (5, 6, "GPE"))), "Kentland", source="apposition")
    assert clause.implied_prep == "in"


def test_clauses_relative_pronoun_never_subject():
    assert all(c.subject.text != "which" for c in clauses(parse(RELCL)[:]))


def test_conjuncts_from_the_first_all_in_text_order_from_a_later_one_itself():
    doc = parse(CONJ)
    assert texts(conjuncts(doc[1])) == ["bought", "visited"]
    assert texts(conjuncts(doc[4])) == ["visited"]
    assert texts(conjuncts(doc[0])) == ["Pavel"]


def test_clauses_in_text_order_and_every_clause_has_a_subject():
    found = list(clauses(parse(APPOS)[:]))
    assert [c.anchor.i for c in found] == sorted(c.anchor.i for c in found)
    assert all(c.subject is not None for c in found)


MR = "Mr./NNP/compound/2 Hugo/NNP/compound/2 Stein/NNP/nsubj/3 left/VBD/ROOT/3/leave ./././3"
PLACE_MOD = "The/DT/det/2 Arden/NNP/compound/2 bakery/NN/nsubj/3 closed/VBD/ROOT/3/close ./././3"
LIST = ("They/PRP/nsubj/1 visited/VBD/ROOT/1/visit Ulm/NNP/dobj/1 ,/,/punct/2 Bonn/NNP/appos/2 "
        "and/CC/cc/4 Kiel/NNP/conj/4 ./././1")
FIRM = "Rosa/NNP/nsubj/1 sued/VBD/ROOT/1/sue Brand/NNP/dobj/1 &/CC/cc/2 Sons/NNPS/conj/2 ./././1"
FIRM_SITE = ("Ads/NNS/nsubjpass/2 were/VBD/auxpass/2 made/VBN/ROOT/2/make by/IN/agent/2 Quill/NNP/pobj/3 "
             ",/,/punct/4 Arden/NNP/appos/4 ./././2")


def test_clauses_courtesy_title_is_not_a_role():
    doc = parse(MR, ents=((1, 3, "PERSON"),))
    assert [c for c in clauses(doc[:]) if c.source == "title"] == []


def test_clauses_title_outside_a_person_name():
    doc = parse("Envoy/NNP/compound/2 Hugo/NNP/compound/2 Stein/NNP/nsubj/3 left/VBD/ROOT/3/leave ./././3",
                ents=((1, 3, "PERSON"),))
    assert find(doc, "Envoy", source="title").subject.text == "Stein"


def test_clauses_place_modifier_is_a_location():
    clause = find(parse(PLACE_MOD, ents=((1, 2, "GPE"),)), "Arden", source="location")
    assert clause.subject.text == "bakery"
    assert [(p, o.text) for p, o in clause.preps] == [(None, "Arden")]
    assert clause.implied_prep == "in"
    assert [c for c in clauses(parse(PLACE_MOD)[:]) if c.source == "location"] == []


def test_clauses_organisation_beside_a_place_is_in_it():
    clause = find(parse(FIRM_SITE, ents=((4, 5, "ORG"), (6, 7, "GPE"))), "Arden", source="apposition")
    assert (clause.subject.text, clause.implied_prep) == ("Quill", "in")


def test_clauses_a_list_is_not_an_apposition():
    assert [c for c in clauses(parse(LIST)[:]) if c.source == "apposition"] == []


def test_conjuncts_inside_one_named_entity_are_not_split():
    assert texts(conjuncts(parse(FIRM)[2])) == ["Brand", "Sons"]
    assert texts(conjuncts(parse(FIRM, ents=((2, 5, "ORG"),))[2])) == ["Brand"]


def test_clauses_relative_pronoun_object_stands_for_the_noun():
    doc = parse("The/DT/det/1 book/NN/nsubj/5 that/WDT/dobj/4 Ida/NNP/nsubj/4 wrote/VBD/relcl/1/write "
                "sold/VBD/ROOT/5/sell ./././5")
    clause = find(doc, "wrote")
    assert (clause.subject.text, texts(clause.objects), clause.subject_inherited) == ("Ida", ["book"], False)
    assert find(doc, "sold").subject.text == "book"


NO_PLANS = ("Lars/NNP/nsubj/1 has/VBZ/ROOT/1/have no/DT/det/3 plans/NNS/dobj/1/plan to/TO/aux/5 "
            "visit/VB/acl/3 Brindle/NNP/dobj/5 ./././1")
WITHOUT = ("Mona/NNP/nsubj/1 left/VBD/ROOT/1/leave without/IN/prep/1 paying/VBG/pcomp/2/pay "
           "the/DT/det/5 bill/NN/dobj/3 ./././1")
WILLING = ("Oskar/NNP/nsubj/1 is/VBZ/ROOT/1/be willing/JJ/acomp/1/willing to/TO/aux/4 buy/VB/xcomp/2/buy "
           "the/DT/det/6 mill/NN/dobj/4 ./././1")
URGED = ("Oskar/NNP/nsubj/1 urged/VBD/ROOT/1/urge Mira/NNP/dobj/1 to/TO/aux/4 buy/VB/xcomp/1/buy "
         "the/DT/det/6 mill/NN/dobj/4 ./././1")
FORCED = ("Oskar/NNP/nsubj/1 forced/VBD/ROOT/1/force Mira/NNP/dobj/1 to/TO/aux/4 sell/VB/xcomp/1/sell "
          "the/DT/det/6 mill/NN/dobj/4 ./././1")
SAID_TO = ("Oskar/NNP/nsubjpass/2 is/VBZ/auxpass/2 said/VBN/ROOT/2/say to/TO/aux/5 have/VB/aux/5 "
           "bought/VBN/xcomp/2/buy the/DT/det/7 mill/NN/dobj/5 ./././2")


@pytest.mark.parametrize(
    "spec, verb, subject, negated, modality",
    [
        (NO_PLANS, "visit", "Lars", True, None),
        (WITHOUT, "paying", "Mona", True, None),
        (SAID_TO, "bought", "Oskar", False, "said to"),
        (WILLING, "buy", "Oskar", False, "willing to"),  # ready, willing, keen: not yet done
        (URGED, "buy", "Mira", False, "urged to"),  # asked of someone, not done
        (FORCED, "sell", "Mira", False, None),  # forced to: done
    ],
)
def test_clauses_governed_verbs(spec, verb, subject, negated, modality):
    clause = find(parse(spec), verb)
    assert (clause.subject.text, clause.negated, clause.modality) == (subject, negated, modality)


@pytest.mark.parametrize("verb, lemma, argument", [("said", "say", "closed"), ("smiled", "smile", None)])
def test_clauses_fronted_clause_is_an_argument_of_a_reporting_verb_only(verb, lemma, argument):
    doc = parse(f"The/DT/det/1 mill/NN/nsubj/2 closed/VBD/ccomp/5/close ,/,/punct/5 Ida/NNP/nsubj/5 "
                f"{verb}/VBD/ROOT/5/{lemma} ./././5")
    clausal = find(doc, verb).clausal
    assert (clausal.text if clausal is not None else None) == argument
    assert find(doc, "closed").subject.text == "mill"


def test_clauses_coordinated_verb_shares_the_first_ones_auxiliaries():
    doc = parse("The/DT/det/1 bridge/NN/nsubjpass/4 may/MD/aux/4 be/VB/auxpass/4 built/VBN/ROOT/4/build "
                "and/CC/cc/4 opened/VBN/conj/4/open ./././4")
    clause = find(doc, "opened")
    assert (clause.relation_text, clause.passive, clause.modality) == ("may be opened", True, "may")


def test_clauses_back_to_back_coordinated_verbs_share_the_object():
    doc = parse("Rita/NNP/nsubj/1 washed/VBD/ROOT/1/wash and/CC/cc/1 dried/VBD/conj/1/dry "
                "the/DT/det/5 dishes/NNS/dobj/3 ./././1")
    assert texts(find(doc, "washed").objects) == ["dishes"]
    assert find(doc, "washed").kind == "SVO"
    assert texts(find(doc, "dried").objects) == ["dishes"]


def test_clauses_compound_preposition_does_not_end_the_relation():
    doc = parse("All/DT/nsubjpass/2 were/VBD/auxpass/2 arrested/VBN/ROOT/2/arrest because/IN/prep/2 "
                "of/IN/pcomp/3 the/DT/det/6 bombs/NNS/pobj/4 ./././2")
    clause = find(doc, "arrested")
    assert (clause.relation_text, clause.relation_prep) == ("were arrested", None)


def test_clauses_bare_modal_is_no_clause():
    doc = parse("We/PRP/nsubj/1 thought/VBD/ROOT/1/think he/PRP/nsubj/3 would/MD/ccomp/1 ./././1")
    assert [c.verb.text for c in clauses(doc[:])] == ["thought"]


def test_clauses_no_apposition_across_a_line_break():
    doc = parse("Storm/NN/ROOT/0 \\n\\n/_SP/dep/0 Vera/NNP/appos/0 ./././0")
    assert [c for c in clauses(doc[:]) if c.source == "apposition"] == []


@pytest.mark.parametrize(
    "spec, ents",
    [
        ("National/NNP/compound/2 Press/NNP/compound/2 Club/NNP/nsubj/3 met/VBD/ROOT/3/meet ./././3", ((0, 3, "ORG"),)),
        ("Dr./NNP/compound/2 Hugo/NNP/compound/2 Stein/NNP/nsubj/3 met/VBD/ROOT/3/meet ./././3", ((1, 3, "PERSON"),)),
    ],
)
def test_clauses_no_title_from_a_word_of_the_name_or_a_courtesy_title(spec, ents):
    assert [c for c in clauses(parse(spec, ents=ents)[:]) if c.source == "title"] == []


def test_clauses_relative_clause_on_a_predicate_noun_is_about_the_subject():
    doc = parse("Celeski/NNP/nsubj/1 is/VBZ/ROOT/1/be a/DT/det/3 footballer/NN/attr/1 who/WP/nsubj/5 "
                "plays/VBZ/relcl/3/play as/IN/prep/5 a/DT/det/8 midfielder/NN/pobj/6 ./././1")
    assert find(doc, "plays").subject.text == "Celeski"


def test_clauses_for_np_to_vp_gives_the_infinitive_its_subject():
    doc = parse("Terms/NNS/nsubj/1 call/VBP/ROOT/1 for/IN/prep/1 Quill/NNP/pobj/2 to/TO/aux/5 "
                "issue/VB/advcl/1 shares/NNS/dobj/5 ./././1")
    assert find(doc, "issue").subject.text == "Quill"


def test_clauses_relative_clause_on_an_apposition_is_about_the_name():
    doc = parse("Tom/NNP/compound/1 Smith/NNP/nsubj/9 ,/,/punct/1 a/DT/det/4 chef/NN/appos/1 who/WP/nsubj/6 "
                "trained/VBD/relcl/4/train in/IN/prep/6 Lyon/NNP/pobj/7 left/VBD/ROOT/9/leave ./././9")
    assert find(doc, "trained").subject.text == "Smith"


def test_clauses_adverb_with_a_complement_is_an_adverbial():
    doc = parse("Roads/NNS/nsubj/1 diverge/VBP/ROOT/1 northeast/RB/advmod/1 of/IN/prep/2 Arden/NNP/pobj/3 ./././1")
    clause = find(doc, "diverge")
    assert (texts(clause.adverbials), clause.kind) == (["northeast"], "SVA")


OWNED = ("Zentex/NNP/nsubj/1 is/VBZ/ROOT/1/be not/RB/neg/1 60/CD/nummod/4 %/NN/npadvmod/5 owned/VBN/acomp/1/own "
         "by/IN/agent/5 Borvik/NNP/pobj/6 ./././1")


def test_clauses_participle_with_an_agent_under_a_copula_is_a_passive_clause():
    clause = find(parse(OWNED), "owned")
    assert texts([clause.subject]) == ["Zentex"] and not clause.subject_inherited
    assert clause.passive and clause.negated
    assert clause.relation_text == "is not owned by"
    assert [(p.text, o.text) for p, o in clause.preps] == [("by", "Borvik")]


def test_clauses_adjective_under_a_copula_stays_its_complement():
    parsed = parse("Zentex/NNP/nsubj/1 is/VBZ/ROOT/1/be tired/VBN/acomp/1/tire ./././1")
    assert [c.verb.text for c in clauses(parsed[:]) if c.verb is not None] == ["is"]
