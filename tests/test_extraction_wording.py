"""The lexicon's news wordings of existing properties, on hand-built parses: talks
held in a place are a visit, interviews given to a broadcaster are talks, standing
against someone is opposition, funding is support, a ban on a country a sanction."""

from __future__ import annotations

import pytest

from kgraph.extraction import extract_doc
from kgraph.types import Article

from clause_parses import parse

ADA = (0, 2, "PERSON")


@pytest.mark.parametrize(("spec", "ents", "fact"), [
    # "Ada Bell will hold talks in Lima ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/3 will/MD/aux/3 hold/VB/ROOT/3 talks/NNS/dobj/3/talk in/IN/prep/4 "
     "Lima/NNP/pobj/5 ././punct/3", (ADA, (6, 7, "GPE")), ("ada-bell", "visits", "lima")),
    # "Ada Bell gave interviews to Radio Zorb ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/2 gave/VBD/ROOT/2/give interviews/NNS/dobj/2/interview to/IN/prep/2 "
     "Radio/NNP/compound/6 Zorb/NNP/pobj/4 ././punct/2", (ADA, (5, 7, "ORG")), ("ada-bell", "talksWith", "radio-zorb")),
    # "Ada Bell is to stand against Bo Li ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/2 is/VBZ/ROOT/2/be to/TO/aux/4 stand/VB/xcomp/2 against/IN/prep/4 "
     "Bo/NNP/compound/7 Li/NNP/pobj/5 ././punct/2", (ADA, (6, 8, "PERSON")), ("ada-bell", "opposes", "bo-li")),
    # "Zentex Capital funded Borvik Labs ."
    ("Zentex/NNP/compound/1 Capital/NNP/nsubj/2 funded/VBD/ROOT/2/fund Borvik/NNP/compound/4 Labs/NNP/dobj/2 "
     "././punct/2", ((0, 2, "ORG"), (3, 5, "ORG")), ("zentex-capital", "supports", "borvik-labs")),
    # "Peru 's ban on Chile stays ."
    ("Peru/NNP/poss/2 's/POS/case/0 ban/NN/nsubj/5 on/IN/prep/2 Chile/NNP/pobj/3 stays/VBZ/ROOT/5/stay "
     "././punct/5", ((0, 1, "GPE"), (4, 5, "GPE")), ("peru", "sanctions", "chile")),
])
def test_news_wordings_of_existing_properties(spec, ents, fact):
    doc = parse(spec, ents=ents)
    result = extract_doc(doc, Article(id="t", text=doc.text), with_propositions=False)
    found = {(s.subject.key, s.predicate, s.object.key if s.object else s.literal) for s in result.statements}
    assert fact in found


@pytest.mark.parametrize(("spec", "ents", "fact"), [
    # "Zentex midfielder Ada Bell scored ."
    ("Zentex/NNP/compound/1 midfielder/NN/compound/3 Ada/NNP/compound/3 Bell/NNP/nsubj/4 scored/VBD/ROOT/4/score "
     "././punct/4", ((0, 1, "ORG"), (2, 4, "PERSON")), ("ada-bell", "memberOf", "zentex")),
    # "Zentex boss Ada Bell left ."
    ("Zentex/NNP/compound/1 boss/NN/compound/3 Ada/NNP/compound/3 Bell/NNP/nsubj/4 left/VBD/ROOT/4/leave "
     "././punct/4", ((0, 1, "ORG"), (2, 4, "PERSON")), ("ada-bell", "leaderOf", "zentex")),
    # "Ada Bell , an official within Zentex , left ."
    ("Ada/NNP/compound/1 Bell/NNP/nsubj/7 ,/,/punct/1 an/DT/det/4 official/NN/appos/1 within/IN/prep/4 "
     "Zentex/NNP/pobj/5 left/VBD/ROOT/7/leave ././punct/7", ((0, 2, "PERSON"), (6, 7, "ORG")),
     ("ada-bell", "worksFor", "zentex")),
    # "Ada Bell was sacked by Zentex ." (the employer of a sacked person)
    ("Ada/NNP/compound/1 Bell/NNP/nsubjpass/3 was/VBD/auxpass/3 sacked/VBN/ROOT/3/sack by/IN/agent/3 "
     "Zentex/NNP/pobj/4 ././punct/3", ((0, 2, "PERSON"), (5, 6, "ORG")), ("zentex", "employs", "ada-bell")),
])
def test_news_roles_of_clubs_bands_and_employers(spec, ents, fact):
    doc = parse(spec, ents=ents)
    result = extract_doc(doc, Article(id="t", text=doc.text), with_propositions=False)
    assert fact in {(s.subject.key, s.predicate, s.object.key if s.object else s.literal) for s in result.statements}


def test_a_meeting_place_is_nobodys_home():
    # "Ada Bell met Bo Li in Lima on Monday ." (where they met, not where either lives)
    doc = parse("Ada/NNP/compound/1 Bell/NNP/nsubj/2 met/VBD/ROOT/2/meet Bo/NNP/compound/4 Li/NNP/dobj/2 "
                "in/IN/prep/2 Lima/NNP/pobj/5 on/IN/prep/2 Monday/NNP/pobj/7 ././punct/2",
                ents=((0, 2, "PERSON"), (3, 5, "PERSON"), (6, 7, "GPE"), (8, 9, "DATE")))
    result = extract_doc(doc, Article(id="t", text=doc.text), with_propositions=False)
    found = {(s.subject.key, s.predicate, s.object.key if s.object else s.literal) for s in result.statements}
    assert ("ada-bell", "meetsWith", "bo-li") in found or ("bo-li", "meetsWith", "ada-bell") in found
    assert not any(p in {"livesIn", "basedIn", "citizenOf"} for _, p, _ in found)
