"""kgraph.extraction.rules.roles on hand-built parses: titles the parser took for
adjectives, plural titles shared by a list of names, a town's mayor, and the
nationality written before a person's name."""

from __future__ import annotations

import pytest

from kgraph.extraction import extract_doc
from kgraph.types import Article

from clause_parses import parse


def facts(doc) -> set[tuple[str, str, str]]:
    result = extract_doc(doc, Article(id="t", text=doc.text), with_propositions=False)
    return {(s.subject.key, s.predicate, s.object.key if s.object else s.literal) for s in result.statements}


def test_a_title_the_parser_calls_an_adjective_is_a_title():
    # "Bo Li met Zentex chief executive Ada Bell ."
    doc = parse("Bo/NNP/compound/1 Li/NNP/nsubj/2 met/VBD/ROOT/2/meet Zentex/NNP/nmod/7 chief/NN/amod/5 "
                "executive/JJ/amod/7 Ada/NNP/compound/7 Bell/NNP/dobj/2 ././punct/2",
                ents=((0, 2, "PERSON"), (3, 4, "ORG"), (6, 8, "PERSON")))
    found = facts(doc)
    assert ("ada-bell", "leaderOf", "zentex") in found
    assert ("ada-bell", "holdsPosition", "chief executive") in found
    assert not any(s == "bo-li" and p in {"leaderOf", "worksFor"} for s, p, _ in found)


@pytest.mark.parametrize(("title", "tag", "shared"), [("managers", "NNS", True), ("manager", "NN", False)])
def test_a_plural_title_belongs_to_every_name_of_its_list(title, tag, shared):
    # "Zentex managers Ada Bell , Bo Li and Cy Ames face charges ."
    doc = parse(f"Zentex/NNP/compound/1 {title}/{tag}/compound/3/manager Ada/NNP/compound/3 Bell/NNP/nsubj/11 ,/,/punct/3 "
                "Bo/NNP/compound/6 Li/NNP/conj/3 and/CC/cc/6 Cy/NNP/compound/9 Ames/NNP/conj/6 "
                "all/DT/appos/3 face/VBP/ROOT/11 charges/NNS/dobj/11/charge ././punct/11",
                ents=((0, 1, "ORG"), (2, 4, "PERSON"), (5, 7, "PERSON"), (8, 10, "PERSON")))
    found = facts(doc)
    assert ("ada-bell", "worksFor", "zentex") in found
    for person in ("bo-li", "cy-ames"):
        assert ((person, "worksFor", "zentex") in found) == shared


def test_a_name_with_its_own_title_does_not_share_the_list_title():
    # "Zentex managers Ada Bell and chief Bo Li left ."
    doc = parse("Zentex/NNP/compound/1 managers/NNS/compound/3/manager Ada/NNP/compound/3 Bell/NNP/nsubj/9 "
                "and/CC/cc/3 Borvik/NNP/compound/8 chairman/NN/compound/8 Bo/NNP/compound/8 Li/NNP/conj/3 "
                "left/VBD/ROOT/9/leave ././punct/9",
                ents=((0, 1, "ORG"), (2, 4, "PERSON"), (5, 6, "ORG"), (7, 9, "PERSON")))
    found = facts(doc)
    assert ("ada-bell", "worksFor", "zentex") in found
    assert ("bo-li", "worksFor", "zentex") not in found
    assert ("bo-li", "leaderOf", "borvik") in found


def test_a_towns_mayor_leads_the_town():
    # "Lima mayor Ada Bell spoke ."
    doc = parse("Lima/NNP/compound/1 mayor/NN/compound/3 Ada/NNP/compound/3 Bell/NNP/nsubj/4 "
                "spoke/VBD/ROOT/4/speak ././punct/4", ents=((0, 1, "GPE"), (2, 4, "PERSON")))
    assert ("ada-bell", "leaderOf", "lima") in facts(doc)


@pytest.mark.parametrize(("spec", "ents"), [
    # "Australian Ada Bell was freed ." (the parser hangs the adjective on the first name)
    ("Australian/NNP/compound/1 Ada/NNP/compound/2 Bell/NNP/nsubjpass/4 was/VBD/auxpass/4 "
     "freed/VBN/ROOT/4/free ././punct/4", ((0, 1, "NORP"), (1, 3, "PERSON"))),
    # "Australian blogger Ada Bell was freed ."
    ("Australian/JJ/amod/1 blogger/NN/compound/3 Ada/NNP/compound/3 Bell/NNP/nsubjpass/5 was/VBD/auxpass/5 "
     "freed/VBN/ROOT/5/free ././punct/5", ((0, 1, "NORP"), (2, 4, "PERSON"))),
    # "An Australian blogger , Ada Bell , was freed ."
    ("An/DT/det/2 Australian/JJ/amod/2 blogger/NN/nsubjpass/8 ,/,/punct/2 Ada/NNP/compound/5 Bell/NNP/appos/2 "
     ",/,/punct/2 was/VBD/auxpass/8 freed/VBN/ROOT/8/free ././punct/8", ((1, 2, "NORP"), (4, 6, "PERSON"))),
    # "Ada Bell , an Australian blogger , was freed ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubjpass/8 ,/,/punct/1 an/DT/det/5 Australian/JJ/amod/5 blogger/NN/appos/1 "
     ",/,/punct/1 was/VBD/auxpass/8 freed/VBN/ROOT/8/free ././punct/8", ((0, 2, "PERSON"), (4, 5, "NORP"))),
])
def test_a_nationality_before_a_person_is_citizenship(spec, ents):
    assert ("ada-bell", "citizenOf", "australia") in facts(parse(spec, ents=ents))


def test_a_nationality_elsewhere_in_the_sentence_is_no_citizenship():
    # "Ada Bell visited the Australian embassy ."
    doc = parse("Ada/NNP/compound/1 Bell/NNP/nsubj/2 visited/VBD/ROOT/2/visit the/DT/det/5 "
                "Australian/JJ/amod/5 embassy/NN/dobj/2 ././punct/2", ents=((0, 2, "PERSON"), (4, 5, "NORP")))
    assert not any(p == "citizenOf" for _, p, _ in facts(doc))


@pytest.mark.parametrize("noun", ["brewer", "winemaker", "studio", "bourse"])
def test_a_nationality_before_an_organisation_kind_is_where_it_is_based(noun):
    # "Australian brewer Zentex bought Borvik ."
    doc = parse(f"Australian/JJ/amod/1 {noun}/NN/compound/2 Zentex/NNP/nsubj/3 bought/VBD/ROOT/3/buy "
                "Borvik/NNP/dobj/3 ././punct/3", ents=((0, 1, "NORP"), (2, 3, "ORG"), (4, 5, "ORG")))
    assert ("zentex", "basedIn", "australia") in facts(doc)


AS_ROLE = ("Ada/NNP/compound/1 Bell/NNP/nsubj/3 has/VBZ/aux/3 {verb}/VBN/ROOT/3/{lemma} Bo/NNP/compound/5 "
           "Li/NNP/dobj/3 as/IN/prep/3 chief/JJ/amod/8 executive/NN/pobj/6 of/IN/prep/8 Zentex/NNP/pobj/9 ././punct/3")
AS_ENTS = ((0, 2, "PERSON"), (4, 6, "PERSON"), (10, 11, "ORG"))


@pytest.mark.parametrize(("verb", "lemma", "both"), [("replaced", "replace", True), ("joined", "join", False)])
def test_a_title_after_as_is_the_subjects_role_and_a_predecessors(verb, lemma, both):
    # "Ada Bell has replaced Bo Li as chief executive of Zentex ."
    found = facts(parse(AS_ROLE.format(verb=verb, lemma=lemma), ents=AS_ENTS))
    assert ("ada-bell", "leaderOf", "zentex") in found
    assert (("bo-li", "leaderOf", "zentex") in found) == both


def test_a_name_after_known_as_is_no_role():
    # "Ada Bell , known as Queen of Zentex , left ."
    doc = parse("Ada/NNP/compound/1 Bell/NNP/nsubj/8 ,/,/punct/1 known/VBN/acl/1/know as/IN/prep/3 "
                "Queen/NNP/pobj/4 of/IN/prep/5 Zentex/NNP/pobj/6 left/VBD/ROOT/8/leave ././punct/8",
                ents=((0, 2, "PERSON"), (7, 8, "ORG")))
    assert not any(p == "leaderOf" for _, p, _ in facts(doc))


@pytest.mark.parametrize(("party", "title", "prop"), [
    ("Tory", "leader", "leaderOf"), ("Labour", "MP", "memberOf"), ("Tory", "chairman", "memberOf")])
def test_a_party_before_a_title_is_the_body_of_the_role(party, title, prop):
    # "Tory leader Ada Bell spoke ." / "Labour MP Ada Bell spoke ." / "Tory chairman Ada Bell spoke ."
    # (a party's chairman is one of its members: its leader leads it)
    doc = parse(f"{party}/NNP/compound/1 {title}/NN/compound/3 Ada/NNP/compound/3 Bell/NNP/nsubj/4 "
                "spoke/VBD/ROOT/4/speak ././punct/4", ents=((0, 1, "NORP"), (2, 4, "PERSON")))
    ties = {p for s, p, o in facts(doc) if s == "ada-bell" and o == party.lower()}
    assert prop in ties and (prop == "leaderOf" or "leaderOf" not in ties)


@pytest.mark.parametrize(("words", "title", "fact"), [
    ("Socialist/JJ/amod/1", "MP", ("ada-bell", "memberOf", "socialist")),
    ("Quellish/JJ/amod/1 Greens/NNPS/compound/2", "leader", ("ada-bell", "leaderOf", "quellish-greens")),
    ("Scottish/JJ/amod/1 Greens/NNPS/compound/2", "MP", ("ada-bell", "memberOf", "greens")),
    ("Socialist/NNP/compound/1", "Minister", None),  # a portfolio, maybe: no party
    ("Quellmark/NNP/compound/1", "MP", None),  # no party's word
])
def test_a_party_the_tagger_missed_before_a_title_is_the_body_of_the_role(words, title, fact):
    # "Socialist MP Ada Bell spoke ." with no entity for the party
    offset = len(words.split()) - 1
    doc = parse(f"{words} {title}/NN/compound/{offset + 3} Ada/NNP/compound/{offset + 3} "
                f"Bell/NNP/nsubj/{offset + 4} spoke/VBD/ROOT/{offset + 4}/speak ././punct/{offset + 4}",
                ents=((offset + 2, offset + 4, "PERSON"),))
    ties = {(s, p, o) for s, p, o in facts(doc) if s == "ada-bell" and p in {"memberOf", "leaderOf", "worksFor"}}
    assert ties == ({fact} if fact else set())


def test_a_person_before_a_membership_title_is_no_body():
    # "Bo Li 's Labour MP Ada Bell spoke ." (Bo Li's representative, a member of Labour)
    doc = parse("Bo/NNP/compound/1 Li/NNP/poss/4 's/POS/case/1 Labour/NNP/compound/4 MP/NN/compound/6 "
                "Ada/NNP/compound/6 Bell/NNP/nsubj/7 spoke/VBD/ROOT/7/speak ././punct/7",
                ents=((0, 2, "PERSON"), (3, 4, "ORG"), (5, 7, "PERSON")))
    found = facts(doc)
    assert ("ada-bell", "memberOf", "labour") in found
    assert ("ada-bell", "memberOf", "bo-li") not in found


@pytest.mark.parametrize(("first", "last", "label", "fact"), [
    ("Acme", "Corp", "ORG", ("acme-corp", "basedIn", "peru")),
    ("Ada", "Bell", "PERSON", ("ada-bell", "citizenOf", "peru")),
])
def test_a_countrys_possessive_before_a_name_is_its_seat_or_nationality(first, last, label, fact):
    # "Peru 's Acme Corp won ." (a firm based there), "Peru 's Ada Bell won ." (a national)
    doc = parse(f"Peru/NNP/poss/3 's/POS/case/0 {first}/NNP/compound/3 {last}/NNP/nsubj/4 won/VBD/ROOT/4/win "
                "././punct/4", ents=((0, 1, "GPE"), (2, 4, label)))
    found = facts(doc)
    assert fact in found
    assert not any(p in {"basedIn", "citizenOf", "livesIn"} for s, p, o in found if (s, p, o) != fact)


@pytest.mark.parametrize(("prefix", "tag", "kept"), [("then", "RB", True), ("film", "NN", False)])
def test_a_hyphenated_title_is_a_title_unless_a_noun_makes_it_another_word(prefix, tag, kept):
    # "Bo Li met then-Chancellor Ada Bell ." / "Bo Li met film-Chancellor Ada Bell ."
    doc = parse(f"Bo/NNP/compound/1 Li/NNP/nsubj/2 met/VBD/ROOT/2/meet {prefix}/{tag}/compound/5 -/HYPH/punct/5 "
                "Chancellor/NNP/compound/7 Ada/NNP/compound/7 Bell/NNP/dobj/2 ././punct/2",
                ents=((0, 2, "PERSON"), (6, 8, "PERSON")))
    assert (("ada-bell", "holdsPosition", "Chancellor") in facts(doc)) == kept


@pytest.mark.parametrize(("owner", "ents"), [
    # "Zentex , whose members include Borvik and Quarrco , grew ."
    ("Zentex/NNP/nsubj/9 ,/,/punct/0 whose/WP/poss/3 members/NNS/nsubj/4/member include/VBP/relcl/0 "
     "Borvik/NNP/dobj/4 and/CC/cc/5 Quarrco/NNP/conj/5 ,/,/punct/0 grew/VBD/ROOT/9/grow ././punct/9",
     ((0, 1, "ORG"), (5, 6, "ORG"), (7, 8, "ORG"))),
    # "Zentex 's members include Borvik and Quarrco ."
    ("Zentex/NNP/poss/2 's/POS/case/0 members/NNS/nsubj/3/member include/VBP/ROOT/3 Borvik/NNP/dobj/3 "
     "and/CC/cc/4 Quarrco/NNP/conj/4 ././punct/3", ((0, 1, "ORG"), (4, 5, "ORG"), (6, 7, "ORG"))),
])
def test_the_members_a_body_includes_are_its_members(owner, ents):
    found = facts(parse(owner, ents=ents))
    assert {("borvik", "memberOf", "zentex"), ("quarrco", "memberOf", "zentex")} <= found


def test_staking_allegiance_is_support():
    # "Zentex staked its allegiance with Borvik ."
    doc = parse("Zentex/NNP/nsubj/1 staked/VBD/ROOT/1/stake its/PRP$/poss/3 allegiance/NN/dobj/1 with/IN/prep/1 "
                "Borvik/NNP/pobj/4 ././punct/1", ents=((0, 1, "ORG"), (5, 6, "ORG")))
    assert ("zentex", "supports", "borvik") in facts(doc)


def test_a_place_after_in_places_the_job_not_the_employer():
    # "Bo Li , Zentex 's manager in Peru , left ."
    doc = parse("Bo/NNP/compound/1 Li/NNP/nsubj/10 ,/,/punct/1 Zentex/NNP/poss/5 's/POS/case/3 manager/NN/appos/1 "
                "in/IN/prep/5 Peru/NNP/pobj/6 ,/,/punct/1 left/VBD/ROOT/9/leave ././punct/9",
                ents=((0, 2, "PERSON"), (3, 4, "ORG"), (7, 8, "GPE")))
    found = facts(doc)
    assert ("bo-li", "worksFor", "zentex") in found
    assert ("bo-li", "worksFor", "peru") not in found


def test_a_person_is_no_ones_home_or_employer():
    # "Ada Bell , of Bo Li , spoke ." (a misread list: "of" a person says nothing)
    doc = parse("Ada/NNP/compound/1 Bell/NNP/nsubj/7 ,/,/punct/1 of/IN/prep/1 Bo/NNP/compound/5 Li/NNP/pobj/3 "
                ",/,/punct/1 spoke/VBD/ROOT/7/speak ././punct/7", ents=((0, 2, "PERSON"), (4, 6, "PERSON")))
    assert not any(o == "bo-li" for _, _, o in facts(doc))


@pytest.mark.parametrize(("tag", "member"), [("NN", True), ("NNS", False)])
def test_a_plural_member_noun_names_people_not_the_body_before_it(tag, member):
    # "Zentex 's Borvik unit grew ." / "Zentex 's Borvik members grew ." (people of Borvik, not Borvik)
    noun = "member" if tag == "NN" else "members"
    doc = parse(f"Zentex/NNP/poss/3 's/POS/case/0 Borvik/NNP/compound/3 {noun}/{tag}/nsubj/4/member "
                "grew/VBD/ROOT/4/grow ././punct/4", ents=((0, 1, "ORG"), (2, 3, "ORG")))
    assert (("borvik", "memberOf", "zentex") in facts(doc)) == member


def test_a_list_of_people_set_off_before_from_all_come_from_there():
    # "Ada Bell , Bo Li and Cy Ames , from Lima , were freed ."
    doc = parse("Ada/NNP/compound/1 Bell/NNP/nsubjpass/14 ,/,/punct/1 Bo/NNP/compound/4 Li/NNP/appos/1 and/CC/cc/4 "
                "Cy/NNP/compound/7 Ames/NNP/conj/4 ,/,/punct/1 from/IN/prep/1 Lima/NNP/pobj/9 ,/,/punct/1 "
                "were/VBD/auxpass/14 freed/VBN/ROOT/14/free ././punct/14",
                ents=((0, 2, "PERSON"), (3, 5, "PERSON"), (6, 8, "PERSON"), (10, 11, "GPE")))
    found = facts(doc)
    assert {(p, "livesIn", "lima") for p in ("ada-bell", "bo-li", "cy-ames")} <= found


def test_a_nationality_a_person_has_is_citizenship():
    # "Bo Li , who has dual Peruvian and Chilean nationality , left ."
    doc = parse("Bo/NNP/compound/1 Li/NNP/nsubj/11 ,/,/punct/1 who/WP/nsubj/4 has/VBZ/relcl/1/have dual/JJ/amod/9 "
                "Peruvian/JJ/amod/9 and/CC/cc/6 Chilean/JJ/conj/6 nationality/NN/dobj/4 ,/,/punct/1 "
                "left/VBD/ROOT/11/leave ././punct/11", ents=((0, 2, "PERSON"), (6, 7, "NORP"), (8, 9, "NORP")))
    assert {("bo-li", "citizenOf", "peru"), ("bo-li", "citizenOf", "chile")} <= facts(doc)


def test_a_persons_regime_in_a_country_is_its_leadership():
    # "Bo Li 's regime in Peru fell ."
    doc = parse("Bo/NNP/compound/1 Li/NNP/poss/3 's/POS/case/1 regime/NN/nsubj/6 in/IN/prep/3 Peru/NNP/pobj/4 "
                "fell/VBD/ROOT/6/fall ././punct/6", ents=((0, 2, "PERSON"), (5, 6, "GPE")))
    assert ("bo-li", "leaderOf", "peru") in facts(doc)


@pytest.mark.parametrize(("word", "found"), [("Zorbs", True), ("zorbs", False)])
def test_a_club_name_the_tagger_calls_a_noun_still_qualifies_a_title(word, found):
    # "Zorbs chairman Ada Bell spoke . The Zorbs won ." (the first "Zorbs" tagged a plural noun)
    doc = parse(f"{word}/NNS/compound/1 chairman/NN/compound/3 Ada/NNP/compound/3 Bell/NNP/nsubj/4 "
                "spoke/VBD/ROOT/4/speak ././punct/4 The/DT/det/7 Zorbs/NNPS/nsubj/8 won/VBD/ROOT/8/win ././punct/8",
                ents=((2, 4, "PERSON"), (7, 8, "ORG")))
    assert (("ada-bell", "leaderOf", "zorbs") in facts(doc)) == found


@pytest.mark.parametrize(("body", "prop"), [("Labour", "memberOf"), ("Zentex", "worksFor")])
def test_an_organisations_possessive_before_a_person_is_their_tie(body, prop):
    # "Labour 's Ada Bell spoke ." (a party's member) / "Zentex 's Ada Bell spoke ." (a firm's staff)
    doc = parse(f"{body}/NNP/poss/3 's/POS/case/0 Ada/NNP/compound/3 Bell/NNP/nsubj/4 spoke/VBD/ROOT/4/speak "
                "././punct/4", ents=((0, 1, "ORG"), (2, 4, "PERSON")))
    assert ("ada-bell", prop, body.lower()) in facts(doc)


def test_a_nationality_before_a_band_role_is_no_band():
    # "British singer Ada Bell sang ."
    doc = parse("British/JJ/amod/1 singer/NN/compound/3 Ada/NNP/compound/3 Bell/NNP/nsubj/4 sang/VBD/ROOT/4/sing "
                "././punct/4", ents=((0, 1, "NORP"), (2, 4, "PERSON")))
    found = facts(doc)
    assert ("ada-bell", "citizenOf", "united-kingdom") in found
    assert not any(p == "memberOf" for _, p, _ in found)


@pytest.mark.parametrize(("spec", "ents"), [
    # "Bo Li met Zentex chief executive Ada Bell ." (the tagger takes "Bell" for a common noun)
    ("Bo/NNP/compound/1 Li/NNP/nsubj/2 met/VBD/ROOT/2/meet Zentex/NNP/nmod/7 chief/NN/amod/5 "
     "executive/JJ/amod/7 Ada/NNP/compound/7 Bell/NN/dobj/2 ././punct/2",
     ((0, 2, "PERSON"), (3, 4, "ORG"), (6, 8, "PERSON"))),
    # "Zentex chief executive Ada Bell left ." (the parser makes "Zentex" the verb's subject)
    ("Zentex/NNS/nsubj/5 chief/JJ/amod/2 executive/NN/compound/4 Ada/NNP/compound/4 Bell/NNP/nsubj/5 "
     "left/VBD/ROOT/5/leave ././punct/5", ((0, 1, "ORG"), (3, 5, "PERSON"))),
])
def test_a_name_written_before_a_title_is_its_body_whatever_the_parse(spec, ents):
    assert ("ada-bell", "leaderOf", "zentex") in facts(parse(spec, ents=ents))


def test_capitalised_words_the_tagger_left_out_of_a_name_still_join_it_to_the_title():
    # "Zentex Trust Abroad director Ada Bell spoke ." (the tagger's name is "Zentex Trust")
    doc = parse("Zentex/NNP/compound/1 Trust/NNP/compound/2 Abroad/NNP/compound/3 director/NN/compound/5 "
                "Ada/NNP/compound/5 Bell/NNP/nsubj/6 spoke/VBD/ROOT/6/speak ././punct/6",
                ents=((0, 2, "ORG"), (4, 6, "PERSON")))
    assert ("ada-bell", "worksFor", "zentex-trust") in facts(doc)


@pytest.mark.parametrize(("word", "prop"), [("deputy", "worksFor"), ("executive", "leaderOf")])
def test_a_deputy_leader_works_for_the_body(word, prop):
    # "Zentex deputy chairman Ada Bell spoke ." / "Zentex executive chairman Ada Bell spoke ."
    doc = parse(f"Zentex/NNP/nmod/5 {word}/JJ/amod/2 chairman/NN/compound/4 Ada/NNP/compound/4 Bell/NNP/nsubj/5 "
                "spoke/VBD/ROOT/5/speak ././punct/5", ents=((0, 1, "ORG"), (3, 5, "PERSON")))
    found = facts(doc)
    assert ("ada-bell", prop, "zentex") in found
    assert ("ada-bell", "leaderOf", "zentex") not in found or prop == "leaderOf"


def test_a_name_after_a_possessive_is_not_the_employer_before_a_title():
    # "Borvik fined their Zorbic striker Ada Bell ." (the tagger calls "Zorbic" an organisation)
    doc = parse("Borvik/NNP/nsubj/1 fined/VBD/ROOT/1/fine their/PRP$/poss/6 Zorbic/NNP/nmod/6 "
                "striker/NN/compound/6 Ada/NNP/compound/6 Bell/NNP/dobj/1 ././punct/1",
                ents=((0, 1, "ORG"), (3, 4, "ORG"), (5, 7, "PERSON")))
    assert ("ada-bell", "worksFor", "zorbic") not in facts(doc)


@pytest.mark.parametrize(("spec", "ents", "found"), [
    # "Zentex cut jobs . chief executive Ada Bell left ." (the firm the article is about)
    ("Zentex/NNP/nsubj/1 cut/VBD/ROOT/1 jobs/NNS/dobj/1/job ././punct/1 chief/JJ/amod/5 executive/NN/compound/7 "
     "Ada/NNP/compound/7 Bell/NNP/nsubj/8 left/VBD/ROOT/8/leave ././punct/8", ((0, 1, "ORG"), (6, 8, "PERSON")), True),
    # "Zentex cut jobs . chairman Ada Bell of Borvik left ." (the sentence names the body)
    ("Zentex/NNP/nsubj/1 cut/VBD/ROOT/1 jobs/NNS/dobj/1/job ././punct/1 chairman/NN/compound/6 "
     "Ada/NNP/compound/6 Bell/NNP/nsubj/9 of/IN/prep/6 Borvik/NNP/pobj/7 left/VBD/ROOT/9/leave ././punct/9",
     ((0, 1, "ORG"), (5, 7, "PERSON"), (8, 9, "ORG")), False),
    # "Zentex cut jobs . Bo Li praised Borvik . chairman Ada Bell left ." (Borvik, named in
    # passing, is not what the article is about; Zentex is two sentences back)
    ("Zentex/NNP/nsubj/1 cut/VBD/ROOT/1 jobs/NNS/dobj/1/job ././punct/1 Bo/NNP/compound/5 Li/NNP/nsubj/6 "
     "praised/VBD/ROOT/6/praise Borvik/NNP/dobj/6 ././punct/6 chairman/NN/compound/11 Ada/NNP/compound/11 "
     "Bell/NNP/nsubj/12 left/VBD/ROOT/12/leave ././punct/12",
     ((0, 1, "ORG"), (4, 6, "PERSON"), (7, 8, "ORG"), (10, 12, "PERSON")), False),
    # "Zentex cut jobs , said President Ada Bell ." (a capitalised title is a state's)
    ("Zentex/NNP/nsubj/1 cut/VBD/ccomp/5 jobs/NNS/dobj/1/job ,/,/punct/5 said/VBD/ROOT/4/say "
     "President/NNP/compound/7 Ada/NNP/compound/7 Bell/NNP/nsubj/4 ././punct/4", ((0, 1, "ORG"), (6, 8, "PERSON")),
     False),
])
def test_a_bare_title_is_a_job_at_the_organisation_the_article_is_about(spec, ents, found):
    led = {o for s, p, o in facts(parse(spec, ents=ents)) if s == "ada-bell" and p == "leaderOf"}
    assert led == ({"zentex"} if found else set())


@pytest.mark.parametrize(("name_dep", "found"), [("appos", True), ("conj", False)])
def test_a_name_set_off_after_a_role_object_is_that_object(name_dep, found, monkeypatch):
    # "Ada Bell , a member of Zorbia 's bank , the Zentralbank , said so ." (the parser
    # hangs "Zentralbank" on the person); as a list item it names something else.
    # The role rule alone: the relation model reads the pair on its own features.
    monkeypatch.setattr("kgraph.extraction.document.pair_statements", lambda *args, **kwargs: [])
    doc = parse(f"Ada/NNP/compound/1 Bell/NNP/nsubj/13 ,/,/punct/1 a/DT/det/4 member/NN/appos/1 of/IN/prep/4 "
                f"Zorbia/NNP/poss/8 's/POS/case/6 bank/NN/pobj/5 ,/,/punct/1 the/DT/det/11 "
                f"Zentralbank/NNP/{name_dep}/1 ,/,/punct/1 said/VBD/ROOT/13/say so/RB/advmod/13 ././punct/13",
                ents=((0, 2, "PERSON"), (6, 7, "GPE"), (11, 12, "ORG")))
    assert (("ada-bell", "memberOf", "zentralbank") in facts(doc)) == found


@pytest.mark.parametrize(("spec", "ents"), [
    # "Ada Bell made 90 appearances for Zentex ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/2 made/VBD/ROOT/2/make 90/CD/nummod/4 appearances/NNS/dobj/2/appearance "
     "for/IN/prep/4 Zentex/NNP/pobj/5 ././punct/2", ((0, 2, "PERSON"), (6, 7, "ORG"))),
    # "Ada Bell signed for Zentex ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/2 signed/VBD/ROOT/2/sign for/IN/prep/2 Zentex/NNP/pobj/3 ././punct/2",
     ((0, 2, "PERSON"), (4, 5, "ORG"))),
])
def test_playing_for_a_team_is_membership(spec, ents, monkeypatch):
    # the rules alone: the relation model reads short sentences like these too
    monkeypatch.setattr("kgraph.extraction.document.pair_statements", lambda *args, **kwargs: [])
    assert ("ada-bell", "memberOf", "zentex") in facts(parse(spec, ents=ents))


@pytest.mark.parametrize(("spec", "ents", "member"), [
    # "Ada Bell resigned from Zentex 's board ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/2 resigned/VBD/ROOT/2/resign from/IN/prep/2 Zentex/NNP/poss/6 "
     "'s/POS/case/4 board/NN/pobj/3 ././punct/2", ((0, 2, "PERSON"), (4, 5, "ORG")), True),
    # "Borvik appointed Ada Bell to the board of Zentex ."
    ("Borvik/NNP/nsubj/1 appointed/VBD/ROOT/1/appoint Ada/NNP/compound/3 Bell/NNP/dobj/1 to/IN/prep/1 "
     "the/DT/det/6 board/NN/pobj/4 of/IN/prep/6 Zentex/NNP/pobj/7 ././punct/1",
     ((0, 1, "ORG"), (2, 4, "PERSON"), (8, 9, "ORG")), True),
    # "Ada Bell criticised Zentex 's board ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/2 criticised/VBD/ROOT/2/criticise Zentex/NNP/poss/5 "
     "'s/POS/case/3 board/NN/dobj/2 ././punct/2", ((0, 2, "PERSON"), (3, 4, "ORG")), False),
])
def test_who_takes_or_leaves_a_seat_on_a_board_is_a_member(spec, ents, member, monkeypatch):
    monkeypatch.setattr("kgraph.extraction.document.pair_statements", lambda *args, **kwargs: [])
    assert (("ada-bell", "memberOf", "zentex") in facts(parse(spec, ents=ents))) == member


@pytest.mark.parametrize(("clause", "ents", "found"), [
    # "Borvik fell . Zentex grew , said managing director Ada Bell ." (the quoted body speaks)
    ("Zentex/NNP/nsubj/4 grew/VBD/ccomp/6/grow", ((0, 1, "ORG"), (3, 4, "ORG"), (9, 11, "PERSON")), True),
    # "Borvik fell . Bo Li praised Zentex , said managing director Ada Bell ." (Zentex is named in passing)
    ("Bo/NNP/compound/4 Li/NNP/nsubj/5 praised/VBD/ccomp/8/praise Zentex/NNP/dobj/5",
     ((0, 1, "ORG"), (3, 5, "PERSON"), (6, 7, "ORG"), (11, 13, "PERSON")), False),
])
def test_a_bare_title_after_a_quote_is_a_job_at_the_body_the_quote_is_about(clause, ents, found):
    words = clause.split()
    said = len(words) + 4
    spec = (f"Borvik/NNP/nsubj/1 fell/VBD/ROOT/1/fall ././punct/1 {clause} ,/,/punct/{said} said/VBD/ROOT/{said}/say "
            f"managing/JJ/amod/{said + 2} director/NN/compound/{said + 4} Ada/NNP/compound/{said + 4} "
            f"Bell/NNP/nsubj/{said} ././punct/{said}")
    led = {o for s, p, o in facts(parse(spec, ents=ents)) if s == "ada-bell" and p == "leaderOf"}
    assert led == ({"zentex"} if found else {"borvik"})  # else the body of the headline before


def test_who_is_appointed_as_a_title_holds_it_not_who_appoints():
    # "Bo Li appointed Ada Bell as head of Zentex ."
    doc = parse("Bo/NNP/compound/1 Li/NNP/nsubj/2 appointed/VBD/ROOT/2/appoint Ada/NNP/compound/4 Bell/NNP/dobj/2 "
                "as/IN/prep/2 head/NN/pobj/5 of/IN/prep/6 Zentex/NNP/pobj/7 ././punct/2",
                ents=((0, 2, "PERSON"), (3, 5, "PERSON"), (8, 9, "ORG")))
    found = facts(doc)
    assert ("ada-bell", "leaderOf", "zentex") in found
    assert ("bo-li", "leaderOf", "zentex") not in found


def test_a_persons_own_chief_leads_no_one():
    # "Bo Li appointed Ada Bell as his campaign chief ."
    doc = parse("Bo/NNP/compound/1 Li/NNP/nsubj/2 appointed/VBD/ROOT/2/appoint Ada/NNP/compound/4 Bell/NNP/dobj/2 "
                "as/IN/prep/2 his/PRP$/poss/8 campaign/NN/compound/8 chief/NN/pobj/5 ././punct/2",
                ents=((0, 2, "PERSON"), (3, 5, "PERSON")))
    assert ("ada-bell", "leaderOf", "bo-li") not in facts(doc)


@pytest.mark.parametrize(("body", "found"), [("Conservatives", True), ("Zentex", False)])
def test_a_party_word_outside_every_name_before_a_title_is_the_documents_party(body, found):
    # "The Conservatives met . Conservative shadow minister Ada Bell spoke ." (the tagger
    # leaves the second "Conservative" out of every name); "The Zentex met ..." names no party
    doc = parse(f"The/DT/det/1 {body}/NNPS/nsubj/2 met/VBD/ROOT/2/meet ././punct/2 Conservative/JJ/amod/6 "
                "shadow/NN/compound/6 minister/NN/compound/8 Ada/NNP/compound/8 Bell/NNP/nsubj/9 "
                "spoke/VBD/ROOT/9/speak ././punct/9", ents=((1, 2, "ORG"), (7, 9, "PERSON")))
    tied = {o for s, p, o in facts(doc) if s == "ada-bell" and p in {"memberOf", "worksFor"}}
    assert tied == ({"conservatives"} if found else set())


@pytest.mark.parametrize(("prefix", "found"), [
    ("", True), ("Zorbic/NNP/compound/16 co/NN/compound/16 -/NN/compound/16 ", False)])
def test_a_bare_title_far_from_any_organisation_is_at_the_headlines_only_one(prefix, found):
    # "Zentex near bust \n Bo Li spoke . Cy Ames wept . chief executive Ada Bell quit ."
    # / "... Zorbic co-chief executive Ada Bell quit ." (a capitalised word says whose she is)
    shift = len(prefix.split())
    spec = ("Zentex/NNP/nsubj/1 near/IN/ROOT/1 bust/NN/pobj/1 \\n/_SP/dep/2 Bo/NNP/compound/5 Li/NNP/nsubj/6 "
            "spoke/VBD/ROOT/6/speak ././punct/6 Cy/NNP/compound/9 Ames/NNP/nsubj/10 wept/VBD/ROOT/10/weep "
            f"././punct/10 {prefix}chief/JJ/amod/{13 + shift} executive/NN/compound/{15 + shift} "
            f"Ada/NNP/compound/{15 + shift} Bell/NNP/nsubj/{16 + shift} quit/VBD/ROOT/{16 + shift} "
            f"././punct/{16 + shift}")
    ents = ((0, 1, "ORG"), (4, 6, "PERSON"), (8, 10, "PERSON"), (14 + shift, 16 + shift, "PERSON"))
    led = {o for s, p, o in facts(parse(spec, ents=ents)) if s == "ada-bell" and p == "leaderOf"}
    assert led == ({"zentex"} if found else set())


@pytest.mark.model
def test_a_title_of_two_capitalised_words_is_no_name(nlp):
    # the tagger calls "Supreme" an organisation: it is the start of a title
    text = "It was a quiet week. Zorbia's current Supreme Leader Ada Bell spoke on Monday."
    result = extract_doc(nlp(text), Article(id="t", text=text), with_propositions=False)
    assert not any("supreme" in e.key for e in result.entities)
    assert {(s.subject.key, s.predicate, s.object.key if s.object else s.literal.lower())
            for s in result.statements} >= {("ada-bell", "holdsPosition", "supreme leader"),
                                            ("ada-bell", "leaderOf", "zorbia")}


def test_each_description_coordinated_in_apposition_describes_the_name():
    # "Ada Bell , a lawyer and aide to Bo Li , spoke ."
    doc = parse("Ada/NNP/compound/1 Bell/NNP/nsubj/11 ,/,/punct/1 a/DT/det/4 lawyer/NN/appos/1 and/CC/cc/4 "
                "aide/NN/conj/4 to/IN/prep/6 Bo/NNP/compound/9 Li/NNP/pobj/7 ,/,/punct/1 spoke/VBD/ROOT/11/speak "
                "././punct/11", ents=((0, 2, "PERSON"), (8, 10, "PERSON")))
    assert ("ada-bell", "adviserTo", "bo-li") in facts(doc)


@pytest.mark.parametrize(("spec", "ents"), [
    # "Ada Bell was one of the founders of Zentex ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/2 was/VBD/ROOT/2/be one/CD/attr/2 of/IN/prep/3 the/DT/det/6 "
     "founders/NNS/pobj/4/founder of/IN/prep/6 Zentex/NNP/pobj/7 ././punct/2", ((0, 2, "PERSON"), (8, 9, "ORG"))),
    # "Ada Bell , one of the founders of Zentex , left ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/10 ,/,/punct/1 one/CD/appos/1 of/IN/prep/3 the/DT/det/6 "
     "founders/NNS/pobj/4/founder of/IN/prep/6 Zentex/NNP/pobj/7 ,/,/punct/1 left/VBD/ROOT/10/leave ././punct/10",
     ((0, 2, "PERSON"), (8, 9, "ORG"))),
])
def test_one_of_the_holders_of_a_role_holds_it(spec, ents):
    assert ("ada-bell", "founderOf", "zentex") in facts(parse(spec, ents=ents))


@pytest.mark.parametrize(("name", "label", "works"), [("Treasury", "ORG", True), ("Peru", "GPE", False)])
def test_working_in_an_organisation_is_working_for_it_but_not_in_a_place(name, label, works):
    # "Ada Bell worked in the Treasury ." / "Ada Bell worked in the Peru ."
    doc = parse(f"Ada/NNP/compound/1 Bell/NNP/nsubj/2 worked/VBD/ROOT/2/work in/IN/prep/2 the/DT/det/5 "
                f"{name}/NNP/pobj/3 ././punct/2", ents=((0, 2, "PERSON"), (5, 6, label)))
    assert any(p == "worksFor" for s, p, o in facts(doc) if s == "ada-bell" and o == name.lower()) == works


@pytest.mark.parametrize(("noun", "tag", "accuser"), [("authorities", "NNS", "peru"), ("writer", "NN", "zentex")])
def test_they_may_be_a_country_acting_through_its_authorities(noun, tag, accuser):
    # "Bo Li spoke to Zentex . Peruvian authorities arrested Bo Li . They accused him ."
    # (a singular noun is no "they": there it is the firm named before)
    doc = parse(f"Bo/NNP/compound/1 Li/NNP/nsubj/2 spoke/VBD/ROOT/2/speak to/IN/prep/2 Zentex/NNP/pobj/3 ././punct/2 "
                f"Peruvian/JJ/amod/7 {noun}/{tag}/nsubj/8 arrested/VBD/ROOT/8/arrest Bo/NNP/compound/10 "
                "Li/NNP/dobj/8 ././punct/8 They/PRP/nsubj/13 accused/VBD/ROOT/13/accuse him/PRP/dobj/13 ././punct/13",
                ents=((0, 2, "PERSON"), (4, 5, "ORG"), (6, 7, "NORP"), (9, 11, "PERSON")))
    assert {s for s, p, o in facts(doc) if p == "accuses" and o == "bo-li"} == {accuser}
