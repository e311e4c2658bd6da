"""Progress of long builds: a bar on stderr with articles done, articles/s and ETA.

The library draws it only when asked (``show_progress=True``); the CLI asks
unless ``--quiet`` or stderr is not a terminal.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from kgraph.io.articles import JSONL_SUFFIXES, SUFFIXES

__all__ = ["count_articles", "progress"]


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """A quick estimate of how many articles ``paths`` hold, for the ETA: one per
    readable file with a known suffix, one per non-blank line of JSONL files.
    ``None`` when stdin is among them (its length is unknown)."""
    total = 0
    for raw in paths:
        if str(raw) == "-":
            return None
        path = Path(raw)
        files = (_walk(path) if path.is_dir() else [path]) if path.exists() else []
        for file in files:
            total += _count_file(file)
    return total


def _walk(root: Path) -> Iterator[Path]:
    for folder, _, files in os.walk(root):
        for name in files:
            if Path(name).suffix.lower() in SUFFIXES and not name.startswith("."):
                yield Path(folder, name)


def _count_file(file: Path) -> int:
    if file.suffix.lower() not in JSONL_SUFFIXES:
        return 1
    try:
        with open(file, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 0  # reading will report it


@contextlib.contextmanager
def progress(*, total: int | None, show: bool, unit: str = "article") -> Iterator:
    """A progress bar on stderr (tqdm) with ``.update(n=1)``; with ``show=False``
    the same object draws nothing."""
    from tqdm import tqdm

    bar = tqdm(total=total, disable=not show, file=sys.stderr, unit=unit, dynamic_ncols=True,
               mininterval=0.5, smoothing=0.1)
    try:
        yield bar
    finally:
        bar.close()
