"""Invented news articles for the hardening tests, generated from a seed: people,
towns and companies made up for these tests (none from the seed article or a
benchmark), in sentences the extractor turns into statements."""

from __future__ import annotations

import random
from pathlib import Path

FIRST = ("Ana", "Tomas", "Ines", "Pavel", "Greta", "Omar", "Lucia", "Henrik", "Nadia", "Felix",
         "Maren", "Kofi", "Elena", "Rui", "Sofia", "Viktor")
LAST = ("Okafor", "Brandt", "Moreau", "Lindqvist", "Serrano", "Adeyemi", "Kowal", "Haddad",
        "Ferreira", "Nakamura", "Ostrova", "Delacroix", "Mbeki", "Fontaine", "Varga", "Quist")
TOWNS = ("Porto", "Lyon", "Bergen", "Graz", "Bilbao", "Utrecht", "Gdansk", "Turku", "Malmo", "Ghent")
COUNTRIES = ("Portugal", "Norway", "Austria", "Spain", "Poland", "Finland", "Belgium", "Chile")
COMPANIES = ("Brightwater Energy", "Havenlink Logistics", "Meridian Bank", "Northgate Foods",
             "Silverline Rail", "Corvel Mining")

TEMPLATES = (
    "{p1}, the chief executive of {c1}, visited {country} on Monday.",
    "{p1} met {p2} in {town} to discuss a new port.",
    "{p2} said {c1} would employ 2,000 people in {town}.",
    "{p1} travelled to {town2} on Friday.",
    "{c2} is based in {town2}, according to {p2}.",
    "{p2} was born in {town}.",
)


def articles(count: int, *, seed: int = 0, sentences: int = 4) -> dict[str, str]:
    """``count`` articles as ``{name: text}``, the same for the same ``seed``; each
    has a title line, a blank line and ``sentences`` sentences."""
    rng = random.Random(seed)
    out = {}
    for number in range(count):
        names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2)]
        slots = dict(p1=names[0], p2=names[1], town=rng.choice(TOWNS), town2=rng.choice(TOWNS),
                     country=rng.choice(COUNTRIES), c1=rng.choice(COMPANIES), c2=rng.choice(COMPANIES))
        body = " ".join(t.format(**slots) for t in rng.sample(TEMPLATES, sentences))
        out[f"story-{seed}-{number:03d}"] = f"{names[0]} in {slots['town']}\n\n{body}\n"
    return out


def write(folder: Path, texts: dict[str, str], *, order: list[str] | None = None) -> Path:
    """Write ``texts`` as ``<name>.txt`` into ``folder`` in ``order`` (default: as
    given), so that tests can control the order files are created on disk."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in order or list(texts):
        (folder / f"{name}.txt").write_text(texts[name], encoding="utf-8")
    return folder
