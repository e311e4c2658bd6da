"""The README's command blocks, run in order as a new user would from a fresh
clone: each ```bash block in a folder holding only the clone's seeds/ and output/,
the server blocks against real Oxigraph and Virtuoso servers.

Adapted, and only so: ``pip install X &&`` is checked to name kgraph, one of its
extras or Oxigraph's server (the packages are already installed here); the line
``oxigraph serve ... &`` is started by the test on a free port; the test command
block is the one ``.ci/run`` runs (tests/test_install.py); ``localhost:7878`` and
``localhost:8890`` become the test servers' addresses.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from servers import free_port, stop, wait_until_up
from test_rdf_remote import oxigraph_binary
from test_rdf_remote_virtuoso import virtuoso  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parent.parent
INSTALLS = {"-e .", '-e ".[dask]"', "oxigraph"}
TEST_COMMAND = 'pip install -e ".[test]" && python -m pytest'


def bash_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```bash\n(.*?)^```", readme, re.MULTILINE | re.DOTALL)


def adapt(block: str) -> tuple[str, list[str]]:
    """The block without its pip installs and with its ``oxigraph serve`` lines
    taken out; returns (script, the serve commands)."""
    lines, serves = [], []
    for line in block.splitlines():
        found = re.match(r"pip install (.+?) && (.*)$", line)
        if found:
            assert found[1] in INSTALLS, f"README installs {found[1]!r}"
            line = found[2]
        if line.startswith("oxigraph serve"):
            command = line.split("#", 1)[0].strip()
            assert command.endswith("&")
            serves.append(command[:-1].strip())
            continue
        lines.append(line)
    return "\n".join(lines) + "\n", serves


def run(script: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{script}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr
    return done


def visits(out: str) -> set[tuple[str, str]]:
    rows = list(csv.DictReader(io.StringIO(out[out.index("who,where"):])))
    return {(row["who"].rsplit("/", 1)[1], row["where"].rsplit("/", 1)[1]) for row in rows}


def test_readme_test_command_is_what_ci_runs():
    assert TEST_COMMAND in [b.strip() for b in bash_blocks()]
    assert TEST_COMMAND in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


@pytest.mark.model
def test_readme_every_command_block_runs_from_a_fresh_clone(tmp_path, virtuoso):  # noqa: F811
    clone = tmp_path / "clone"
    clone.mkdir()
    for folder in ("seeds", "output"):
        shutil.copytree(ROOT / folder, clone / folder)
    committed = {p.name: p.read_bytes() for p in (ROOT / "output").iterdir()}
    servers: list[subprocess.Popen] = []
    seen_servers, stale = set(), set()
    try:
        for block in bash_blocks():
            if block.strip() == TEST_COMMAND:
                continue  # test_readme_test_command_is_what_ci_runs
            script, serves = adapt(block)
            for command in serves:
                port = free_port()
                process = subprocess.Popen([oxigraph_binary(), *shlex.split(command)[1:],
                                            "--bind", f"127.0.0.1:{port}"], cwd=clone,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                servers.append(process)
                oxigraph = f"http://127.0.0.1:{port}"
                wait_until_up(process, f"{oxigraph}/query?query=ASK%7B%7D", lambda: "")
            if "localhost:7878" in script:
                script = script.replace("http://localhost:7878", oxigraph)
                seen_servers.add("oxigraph")
            if "localhost:8890" in script:
                script = script.replace("http://localhost:8890", virtuoso)
                seen_servers.add("virtuoso")
            done = run(script, clone)
            if "kgraph build seeds/\n" in script.replace(" #", "\n#"):
                # "The committed output/ folder is exactly what this command produces."
                stale |= {name for name, data in committed.items() if (clone / "output" / name).read_bytes() != data}
            if "question.rq" in script and "--endpoint" in script:
                # The facts come back from each server, from the default graph as the README queries it.
                assert {("vladimir-putin", "turkey"), ("vladimir-putin", "germany")} <= visits(done.stdout)
                assert "kgraph: note" not in done.stderr
            if "whom-did-he-meet.rq" in script:
                assert "Angela Merkel" in done.stdout
        assert seen_servers == {"oxigraph", "virtuoso"}
        assert not stale, f"output/{sorted(stale)} differ from `kgraph build seeds/`: rebuild and commit output/"
    finally:
        for process in servers:
            stop(process, seconds=10)
