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


def _declared() -> list[str]:
    """The requirements of pyproject.toml, every extra's included (an extra that
    names kgraph's own extras adds nothing more)."""
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + sum(project["optional-dependencies"].values(), [])
    return [r for r in requirements if _normal(Requirement(r).name) != _normal(project["name"])]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed_by_an_old_pip(roots: list[str]) -> set[str]:
    """Every distribution that installing the requirements ``roots`` pulls in when an extra is
    resolved only if it is spelt as its package declares it: pip 23.2, a venv's own
    on Python 3.11, does not match ``lxml[html_clean]`` to lxml 6's ``html-clean``."""
    from importlib import metadata

    from packaging.requirements import Requirement

    seen: set[tuple[str, str]] = set()
    todo = [(_normal(r.name), e) for r in map(Requirement, roots) for e in ("", *r.extras)]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": extra}):
                wanted = _normal(requirement.name)
                provided = metadata.distribution(wanted).metadata.get_all("Provides-Extra") or [] \
                    if _exists(wanted) else []
                todo.append((wanted, ""))
                todo.extend((wanted, e) for e in requirement.extras if e in provided)
    return {name for name, _ in seen}


def _exists(name: str) -> bool:
    from importlib import metadata

    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def test_install_every_module_read_html_loads_comes_from_a_declared_dependency(tmp_path):
    # Read an HTML page, as `kgraph build page.html` does, and list the distributions
    # of every module then loaded: each must be installed by pyproject's own
    # dependencies, not only through another package's extra.
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    code = ("import sys, json; from importlib import metadata; from kgraph.io.articles import read_articles; "
            "list(read_articles([sys.argv[1]])); found = metadata.packages_distributions(); "
            "print(json.dumps(sorted({d for m in list(sys.modules) for d in found.get(m.split('.')[0], [])})))")
    done = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, timeout=300,
                          check=True)
    import json

    loaded = {_normal(name) for name in json.loads(done.stdout)} - {"kgraph"}
    assert "lxml-html-clean" in loaded
    missing = loaded - _installed_by_an_old_pip(_declared())
    assert not missing, f"modules from {sorted(missing)} are loaded but not declared in pyproject.toml"
