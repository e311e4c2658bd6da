"""What a new user meets installing kgraph as the README says: CI installs the same
way (no pip upgrade first), and a module that cannot be imported is one line, not a
traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = """<!doctype html><html><head><title>Harbour talks</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Harbour talks</h1>
<p>Prime Minister Oskar Lindqvist visited Norway on Monday and met the mayor of Bergen.</p>
</article></body></html>"""


def test_install_ci_runs_the_readmes_commands_with_the_venvs_own_pip():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # A venv's own pip (23.2 on Python 3.11) is what a user has; an upgraded one
    # once hid a dependency that only newer pips resolve.
    assert not re.search(r"pip\s+install[^\n]*(--upgrade|-U)\s+pip", ci)
    assert "python3 -m venv" in ci
    test_command = 'pip install -e ".[test]" && python -m pytest'
    assert test_command in readme
    [line] = [line for line in ci.splitlines() if line.startswith("pip ")]
    assert line == test_command


def test_install_a_module_that_cannot_be_imported_is_one_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    # lxml.html.clean, which reading HTML needs (trafilatura -> justext), made
    # unimportable as in an install without lxml_html_clean.
    code = ("import sys; sys.modules['lxml.html.clean'] = None; "
            "from kgraph.cli import main; sys.exit(main(sys.argv[1:]))")
    done = subprocess.run([sys.executable, "-c", code, "build", str(page), "-o", str(tmp_path / "out"), "-q"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("kgraph: error: a module kgraph needs cannot be imported (")
    assert "lxml.html.clean" in line and "pip install -e ." in line
