import csv
import io
import json

import pytest

from kgraph.io.records import CSV_COLUMNS, csv_row, generate_jsonl, statement_record
from kgraph.types import Mention, Span, Statement



def make(**changes):
    fields = dict(subject=Mention(Span(0, 9, "Ana Silva"), "ana-silva", "Person"), predicate="visits",
                  object=Mention(Span(18, 22, "Peru"), "peru", "Country"), relation_text="visited",
                  article_id="a1", sentence=Span(0, 23, "Ana Silva visited Peru."), confidence=0.83456)
    fields.update(changes)
    return Statement(**fields)


def test_records_jsonl_contract():
    record = statement_record(make(), line=3)
    assert list(record) == ["doc", "line", "subject", "predicate", "object", "relation_text", "negated",
                            "modality", "confidence", "sentence"]
    assert record["subject"] == {"text": "Ana Silva", "start": 0, "end": 9, "type": "kg:Person",
                                 "entity": "ana-silva"}
    assert record["object"] == {"text": "Peru", "start": 18, "end": 22, "type": "kg:Country", "entity": "peru"}
    assert record["predicate"] == "kg:visits"
    assert record["confidence"] == 0.8346
    assert record["sentence"] == {"start": 0, "end": 23}


def test_records_name_the_entity_a_pronoun_stands_for():
    pronoun = Mention(Span(24, 27, "She"), "ana-silva", "Person")
    record = statement_record(make(subject=pronoun))
    assert record["subject"]["text"] == "She" and record["subject"]["entity"] == "ana-silva"


def test_records_literal_object_and_no_line():
    record = statement_record(make(predicate="says", object=None, literal="we will win"))
    assert "line" not in record
    assert record["object"] == {"literal": "we will win"}


def test_records_jsonl_lines_parse_back_with_unicode():
    [line] = generate_jsonl([statement_record(make(relation_text="besuchte ü"))])
    assert line.endswith("\n") and "ü" in line
    assert json.loads(line)["relation_text"] == "besuchte ü"


def test_records_csv_row_matches_columns():
    row = csv_row(statement_record(make(), line=0))
    assert len(row) == len(CSV_COLUMNS)
    assert row[CSV_COLUMNS.index("object")] == "Peru"


@pytest.mark.model
def test_records_readme_example_is_what_kgraph_extract_prints(tmp_path, capsys):
    from pathlib import Path

    from kgraph.cli import main

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    _, rest = readme.split('`kgraph extract --format jsonl` prints one statement per line; for a file `story.txt`\nholding "', 1)
    text, rest = rest.split('":', 1)
    example = rest.split("```json\n", 1)[1].split("```", 1)[0]
    story = tmp_path / "story.txt"
    story.write_text(" ".join(text.split()) + "\n", encoding="utf-8")
    assert main(["extract", str(story), "--format", "jsonl"]) == 0
    assert capsys.readouterr().out == example


@pytest.mark.model
def test_records_extract_csv_and_table_carry_what_the_jsonl_has(tmp_path, capsys):
    from kgraph.cli import main

    story = tmp_path / "story.txt"
    story.write_text("A trip\n\nMayor Lena Ostrova visited Portugal in 2019.\n", encoding="utf-8")
    assert main(["extract", str(story), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any("time" in r for r in records)  # the sentence has a time
    assert main(["extract", str(story), "--format", "csv"]) == 0
    header, *rows = csv.reader(io.StringIO(capsys.readouterr().out))
    assert header == list(CSV_COLUMNS) and {"time", "place"} <= set(CSV_COLUMNS)
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        values = dict(zip(CSV_COLUMNS, row))
        assert values["time"] == record.get("time", "") and values["place"] == record.get("place", "")
    # The table names its columns; one line per statement under the header.
    assert main(["extract", str(story)]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split("\t") == ["subject", "predicate", "object", "confidence", "relation text"]
    assert len(lines) == len(records) and all(len(line.split("\t")) == 5 for line in lines)
    # Offsets count from the body: the title line and the blank line after it are not text.
    body = story.read_text(encoding="utf-8").split("\n\n", 1)[1]
    for record in records:
        subject = record["subject"]
        assert body[subject["start"]:subject["end"]] == subject["text"]
