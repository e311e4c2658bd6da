"""Hand-built dependency parses for extraction tests (no model involved).

``parse("Ana/NNP/nsubjpass/2 was/VBD/auxpass/2 born/VBN/ROOT/2/bear ...")``: each
token is ``word/TAG/dep/head[/lemma]``, head a 0-based index (the root points to
itself); POS comes from the tag, the lemma defaults to the lower-cased word;
``\\n`` in a word is a line break.
Entities are ``(start, end, label)`` token ranges.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

POS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON", "PRP$": "PRON", "WDT": "PRON",
    "WP": "PRON", "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "MD": "AUX", "TO": "PART", "IN": "ADP", "DT": "DET", "JJ": "ADJ", "RB": "ADV", "CC": "CCONJ", ",": "PUNCT",
    ".": "PUNCT", ":": "PUNCT", "_SP": "SPACE", "POS": "PART", "CD": "NUM", "HYPH": "PUNCT", "EX": "PRON", "RP": "ADP", "UH": "INTJ",
}
AUX_WORDS = {"is", "was", "are", "were", "be", "been", "has", "have", "had", "did", "does", "do"}
VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, like_num)


def parse(spec: str, ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
    """A ``Doc`` with the given tags, dependencies, lemmas and entities."""
    words, tags, deps, heads, lemmas, pos = [], [], [], [], [], []
    for item in spec.split():
        word, tag, dep, head, *lemma = item.split("/")
        word = word.replace("\\n", "\n")  # "\n" in the spec stands for a line break
        words.append(word)
        tags.append(tag)
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(lemma[0] if lemma else word.lower())
        is_aux = word.lower() in AUX_WORDS and (dep.startswith("aux") or dep == "ROOT" and tag != "VBN")
        pos.append("AUX" if is_aux and tag.startswith("VB") else POS[tag])
    doc = Doc(VOCAB, words=words, tags=tags, deps=deps, heads=heads, lemmas=lemmas, pos=pos)
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label) for s, e, label in ents]
    return doc


# Two sentences that name no one: after a one-sentence spec they make it an article's
# opening (kgraph reads a text of three sentences or more by news conventions).
_FILLER = ("Rain/NN/nsubj/{0} fell/VBD/ROOT/{0} ././punct/{0} "
           "Rain/NN/nsubj/{1} fell/VBD/ROOT/{1} ././punct/{1}")


def article(spec: str) -> str:
    """``spec`` followed by two sentences that name no one (the head indexes follow on)."""
    n = len(spec.split())
    return f"{spec} {_FILLER.format(n + 1, n + 4)}"
