"""Every command has help text with an example, and errors are one clean line."""

import pytest

from kgraph.cli import COMMANDS, build_parser, main


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert f"kgraph {command}" in out
    assert "example" in out.lower()


def test_cli_registers_every_command():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert set(subparsers.choices) == set(COMMANDS)


def test_cli_build_nothing_readable_is_one_line_error(tmp_path, capsys):
    code = main(["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"kgraph: {tmp_path / 'missing.txt'}: no such file or directory" in err
    assert "kgraph: error: no article could be read" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_cli_build_unknown_format(tmp_path, capsys):
    assert main(["build", str(tmp_path), "--format", "ttl,xml"]) == 2
    assert "unknown format 'xml'" in capsys.readouterr().err
