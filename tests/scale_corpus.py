"""A small corpus of invented news articles for the scale tests (pipeline, worker
pool, Dask, incremental store builds). Names and places are made up or ordinary;
none comes from the seed article or a benchmark."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "okafor-lisbon": """Okafor heads to Lisbon

Maria Okafor, the chief executive of Brightwater Energy, visited Portugal on Monday. Okafor met Prime Minister Daniel Hartwell in Lisbon to discuss a new solar plant. Hartwell said the plant would employ 2,000 people.
""",
    "vogt-meridian": """Vogt joins Meridian Bank

Lena Vogt has joined Meridian Bank as an adviser to its chairman, Samuel Achebe. Vogt previously worked for the World Bank in Washington. Achebe welcomed her on Tuesday.
""",
    "okafor-brazil": """Okafor in Brazil

On Friday, Okafor visited Brazil. Ana Ribeiro, the president of Brazil, welcomed the visit. Ribeiro praised Brightwater Energy for its investment.
""",
    "harbour-strike": """Harbour strike ends

Dock workers in Rotterdam ended a week-long strike on Sunday. The union leader, Pieter de Wit, said the agreement with Havenlink Logistics was fair. Havenlink employs 4,000 people in the Netherlands.
""",
    "museum-loan": """Museum loan agreed

The National Gallery of Canada will lend twelve paintings to a museum in Oslo. Curator Ingrid Solberg travelled to Ottawa in March to sign the agreement. Solberg thanked the gallery's director, Marc Leblanc.
""",
    "rail-link": """Rail link approved

Transport minister Helena Costa approved a rail link between Porto and Vigo on Wednesday. Costa said Spain and Portugal would share the cost. The European Investment Bank supports the project.
""",
}


def write_corpus(folder: Path, names: tuple[str, ...] | None = None) -> Path:
    """Write the articles called ``names`` (default: all) as ``.txt`` files into
    ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or tuple(ARTICLES):
        (folder / f"{name}.txt").write_text(ARTICLES[name], encoding="utf-8")
    return folder
