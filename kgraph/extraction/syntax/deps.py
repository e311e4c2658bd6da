"""Sets of dependency labels (spaCy's English scheme), each named for what it
holds and declared once for every rule that reads it."""

from __future__ import annotations

__all__ = ["NOMINAL_SUBJECT_DEPS", "SUBJECT_DEPS", "SUBJECT_SLOT_DEPS"]

#: A noun phrase as a verb's subject, active or passive ("*Ada* left", "*Ada* was seen").
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Any subject: a noun phrase or a clause ("*That she left* surprised us").
SUBJECT_DEPS = NOMINAL_SUBJECT_DEPS | {"csubj", "csubjpass"}
#: What fills a verb's subject slot: a subject, or expletive "there" ("*there* is a plan").
SUBJECT_SLOT_DEPS = SUBJECT_DEPS | {"expl"}
