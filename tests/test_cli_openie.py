"""`kgraph openie`: CaRB and JSONL output over one sentence per line."""

from __future__ import annotations

import io
import json
import sys

import pytest

from kgraph.cli import main


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sentences(tmp_path):
    path = tmp_path / "sentences.txt"
    path.write_text(
        "Marta Quell was born in Tallinn .\n"
        "\n"
        "Oskar Brand -LRB- a baker -RRB- said that `` the mill '' would close .\n"
        "Greta 's brother visited Arden and Veltmoor .\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.model
def test_cli_openie_carb_copies_sentences_and_keeps_their_tokens(capsys, sentences):
    code, out, _ = run(capsys, ["openie", str(sentences), "--format", "carb"])
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    inputs = [line for line in sentences.read_text(encoding="utf-8").splitlines() if line]
    assert {row[0] for row in rows} <= set(inputs)
    assert ["Marta Quell was born in Tallinn .", "was born in", "Marta Quell", "Tallinn"] in [
        [r[0], r[2], *r[3:]] for r in rows
    ]
    for row in rows:
        float(row[1])
        words = set(row[0].split())
        # every argument is made of the sentence's own whitespace tokens
        assert all(set(arg.split()) <= words for arg in row[3:])
    said = next(r for r in rows if r[2] == "said that")
    assert said[4] == "`` the mill '' would close"
    assert ["Greta 's brother", "visited", "Veltmoor"] in [[r[3], r[2], *r[4:]] for r in rows]
    assert ["Oskar Brand", "is", "a baker"] in [[r[3], r[2], *r[4:]] for r in rows]


@pytest.mark.model
def test_cli_openie_jsonl_offsets_index_the_line(capsys, sentences):
    code, out, _ = run(capsys, ["openie", str(sentences), "--format", "jsonl", "--no-pretokenized"])
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    lines = sentences.read_text(encoding="utf-8").splitlines()
    assert {r["line"] for r in records} == {0, 2, 3}  # line 1 is blank
    for r in records:
        line = lines[r["line"]]
        for span in (r["arg1"], *r["args"]):
            assert line[span["start"]:span["end"]] == span["text"]
        assert set(r) == {"line", "arg1", "relation", "args", "confidence", "negated", "modality", "sentence"}
    born = next(r for r in records if r["relation"] == "was born in")
    assert (born["arg1"]["text"], [a["text"] for a in born["args"]]) == ("Marta Quell", ["Tallinn"])


@pytest.mark.model
def test_cli_openie_reads_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Tomas did not sign the contract.\n")))
    code, out, _ = run(capsys, ["openie", "-"])
    record = json.loads(out.splitlines()[0])
    assert code == 0
    assert (record["relation"], record["negated"]) == ("did not sign", True)


@pytest.mark.model
def test_cli_openie_same_input_same_bytes(capsys, sentences):
    first = run(capsys, ["openie", str(sentences), "--format", "carb"])[1]
    assert first and run(capsys, ["openie", str(sentences), "--format", "carb"])[1] == first


def test_cli_openie_missing_file_is_one_line_error(capsys, tmp_path):
    code, out, err = run(capsys, ["openie", str(tmp_path / "missing.txt")])
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "missing.txt" in err


def test_cli_openie_help_has_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["openie", "--help"])
    assert "kgraph openie" in capsys.readouterr().out
