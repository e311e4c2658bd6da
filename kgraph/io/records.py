"""Statements as flat records: the JSONL contract of ``kgraph extract`` and
``statements.jsonl``, and the rows of the CSV and table formats.

One JSON object per statement::

    {"doc": "<article id>", "line": 0, "subject": {"text": "...", "start": 0, "end": 14,
     "type": "kg:Person", "entity": "<entity key>"}, "predicate": "kg:visits",
     "object": {...} or {"literal": "..."},
     "relation_text": "...", "negated": false, "modality": null, "confidence": 0.83,
     "sentence": {"start": 0, "end": 120}}

``line`` is present only for per-line extraction, ``time`` and ``place`` only
when the statement has them. Offsets are characters in the document text (after
a text file's title line), end exclusive.
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from kgraph.types import Mention, Statement

__all__ = ["statement_record", "generate_jsonl", "CSV_COLUMNS", "csv_row"]

CSV_COLUMNS = (
    "doc", "line", "subject", "subject_type", "predicate", "object", "object_type",
    "relation_text", "negated", "modality", "time", "place", "confidence", "sentence_start", "sentence_end",
)


def _mention(m: Mention) -> dict:
    # "entity" names whom a pronoun or a short name stands for: the entity key, which
    # is the end of the entity's IRI in a build (entity:KEY), local to the text in
    # `kgraph extract`.
    return {"text": m.span.text, "start": m.span.start, "end": m.span.end, "type": f"kg:{m.type}",
            "entity": m.key}


def statement_record(statement: Statement, *, doc: str | None = None, line: int | None = None) -> dict:
    """The JSONL record of ``statement``; ``doc`` defaults to its article id."""
    record: dict = {"doc": doc if doc is not None else statement.article_id}
    if line is not None:
        record["line"] = line
    record["subject"] = _mention(statement.subject)
    record["predicate"] = f"kg:{statement.predicate}"
    record["object"] = _mention(statement.object) if statement.object is not None else {"literal": statement.literal}
    record["relation_text"] = statement.relation_text
    record["negated"] = statement.negated
    record["modality"] = statement.modality
    if statement.time is not None:
        record["time"] = statement.time
    if statement.place is not None:
        record["place"] = statement.place
    record["confidence"] = round(statement.confidence, 4)
    record["sentence"] = {"start": statement.sentence.start, "end": statement.sentence.end}
    return record


def generate_jsonl(records: Iterable[dict]) -> Iterator[str]:
    """One line of JSON (with its newline) per record; non-ASCII kept as is."""
    for record in records:
        yield json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"


def csv_row(record: dict) -> list:
    """A record flattened to :data:`CSV_COLUMNS`."""
    obj = record["object"]
    return [
        record["doc"], record.get("line", ""),
        record["subject"]["text"], record["subject"]["type"], record["predicate"],
        obj.get("text", obj.get("literal")), obj.get("type", ""),
        record["relation_text"], record["negated"], record["modality"] or "",
        record.get("time", ""), record.get("place", ""), record["confidence"], record["sentence"]["start"], record["sentence"]["end"],
    ]
