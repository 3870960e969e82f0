"""Directory bench (issue 5): 100,000 services with locations on their own database
(var/bench/directory.sqlite3), and p95 of three cases against the floor view and the
raw query, in process with Django's test client (no network, no wrk):

- search by theme + language + distance: /directory/?theme=…&language=…&lat=…&lon=…
- GeoJSON of a map window: /directory/locations.geojson?bbox=…
- the HSDS list endpoint: /api/hsds/services
- words in the search box (issue 12): /directory/?q=… (the one search's full-text
  index, filled in bulk by the generator; vectors are left to `make bench`'s
  relevance part, so the page ranks by words here)

    .venv/bin/python bench/directory_data.py [--services 100000] [--rounds 200]
    .venv/bin/python bench/directory_data.py --generate-only --services 2000

Targets: each view within 3x of its raw query and under 150 ms p95 on SQLite.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench import data  # noqa: E402

DB_PATH = data.BENCH_DIR / "directory.sqlite3"
CENTRE = (39.62, -8.41)


#: Languages services are written in (bench.data's vocabularies).
TEXT_LANGUAGES = ("en", "es", "it", "ro")
#: Services indexed per index_bulk call.
INDEX_BATCH = 2_000


def generate(services: int) -> dict[str, float]:
    """Insert ``services`` services with their places, needs and languages, and
    index them for search; the seconds each part took."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from convivio.core.models import Language, Organisation, Territory, Theme

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(5)
    writers = {code: data.Language(code, rng) for code in TEXT_LANGUAGES}
    timings = {"insert": 0.0, "index": 0.0}
    started = time.perf_counter()
    country = Territory.objects.filter(kind="country", iso_code="PT").first()
    town, _c = Territory.objects.get_or_create(
        name="Bench town",
        kind="municipality",
        country_code="PT",
        defaults={"parent": country, "latitude": CENTRE[0], "longitude": CENTRE[1]},
    )
    orgs = [
        Organisation.objects.get_or_create(
            slug=f"bench-org-{i}",
            defaults={
                "name": f"Bench organisation {i}",
                "kind": "ngo",
                "territory": town,
            },
        )[0].pk
        for i in range(500)
    ]
    themes = list(Theme.objects.values_list("pk", flat=True))
    langs = list(Language.objects.values_list("code", flat=True))
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM directory_service")
        start = cur.fetchone()[0] + 1
        ids = range(start, start + services)
        now = "2026-01-01 00:00:00"
        written = {i: rng.choice(TEXT_LANGUAGES) for i in ids}
        cur.executemany(
            "INSERT INTO directory_service (id, hsds_id, organisation_id,"
            " original_language_id, status, url, email, source_key,"
            " created_at, updated_at)"
            " VALUES (%s, %s, %s, %s, 'active', '', '', 'bench', %s, %s)",
            [
                (i, uuid.UUID(int=i).hex, rng.choice(orgs), written[i], now, now)
                for i in ids
            ],
        )
        cur.executemany(
            "INSERT INTO directory_servicetranslation (service_id, language_id,"
            " origins, name, description, eligibility, fees, application_process,"
            " required_documents, updated_at)"
            " VALUES (%s, %s, '{}', %s, %s, '', '', '', '', %s)",
            [
                (
                    i,
                    written[i],
                    writers[written[i]].phrase(rng, 2, 5),
                    writers[written[i]].sentence(rng, 10, 30),
                    now,
                )
                for i in ids
            ],
        )
        cur.executemany(
            "INSERT INTO directory_location (id, hsds_id, organisation_id, name,"
            " address, postal_code, city, region, country, territory_id,"
            " latitude, longitude,"
            " accessibility, transportation)"
            " VALUES (%s, %s, NULL, '', '', '', 'Bench', '', 'PT', %s, %s, %s, '', '')",
            [
                (
                    i,
                    uuid.UUID(int=i).hex,
                    town.pk,
                    rng.uniform(36.9, 42.1),
                    rng.uniform(-9.5, -6.2),
                )
                for i in ids
            ],
        )
        cur.executemany(
            "INSERT INTO directory_serviceatlocation (hsds_id, service_id, location_id,"
            " description) VALUES (%s, %s, %s, '')",
            [(uuid.UUID(int=i + 10**9).hex, i, i) for i in ids],
        )
        cur.executemany(
            "INSERT INTO directory_service_themes (service_id, theme_id)"
            " VALUES (%s, %s)",
            [(i, t) for i in ids for t in rng.sample(themes, 2)],
        )
        cur.executemany(
            "INSERT INTO directory_service_languages (service_id, language_id)"
            " VALUES (%s, %s)",
            [(i, c) for i in ids for c in {"pt", *rng.sample(langs, 2)}],
        )
        timings["insert"] = time.perf_counter() - started
        timings["index"] = index(list(ids))
    call_command(
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
    )
    return timings


def index(ids: list[int]) -> float:
    """Fill the one search's full-text index for these services in batches, with
    the documents the app itself indexes (directory.search); the seconds taken."""
    from convivio.directory import search
    from convivio.search.services import index_bulk, index_version_bump

    started = time.perf_counter()
    for first in range(0, len(ids), INDEX_BATCH):
        batch = ids[first : first + INDEX_BATCH]
        index_bulk(documents=search.service_documents(batch), bump=False)
    index_version_bump(kind=search.SERVICE)
    return time.perf_counter() - started


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def time_it(fn, rounds: int) -> float:
    fn()
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return p95(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument(
        "--generate-only",
        action="store_true",
        help="Build (or top up) the database and stop: no timings of the pages.",
    )
    parser.add_argument(
        "--db", type=Path, default=DB_PATH, help="Database file (default: %(default)s)."
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_DEBUG", "1")  # plain static storage, no manifest
    data.setup_django(args.db)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }

    from django.core.management import call_command

    from convivio.directory.models import Service

    call_command("migrate", interactive=False, verbosity=0)
    missing = args.services - Service.objects.filter(source_key="bench").count()
    if missing > 0:
        t = time.perf_counter()
        timings = generate(missing)
        print(
            f"generated {missing:,} services in {time.perf_counter() - t:.1f} s"
            f" (inserted in {timings['insert']:.1f} s; full-text index filled in"
            f" {timings['index']:.1f} s, {missing / timings['index']:,.0f} services/s)"
        )
    if args.generate_only:
        return
    lat, lon = CENTRE
    d = 0.05
    raw = {
        "search": (
            "SELECT s.id, l.latitude, l.longitude FROM directory_service s"
            " JOIN directory_service_themes t ON t.service_id = s.id"
            " JOIN directory_theme th ON th.id = t.theme_id AND th.slug = 'health'"
            " JOIN directory_service_languages g ON g.service_id = s.id"
            " AND g.language_id = 'ar'"
            " JOIN directory_serviceatlocation sl ON sl.service_id = s.id"
            " JOIN directory_location l ON l.id = sl.location_id"
            " WHERE s.status = 'active' AND l.latitude BETWEEN %s AND %s"
            " AND l.longitude BETWEEN %s AND %s",
            [lat - 0.25, lat + 0.25, lon - 0.3, lon + 0.3],
        ),
        "geojson": (
            "SELECT l.id, l.latitude, l.longitude, l.name FROM directory_location l"
            " WHERE l.latitude BETWEEN %s AND %s"
            " AND l.longitude BETWEEN %s AND %s LIMIT 2000",
            [lat - d, lat + d, lon - d, lon + d],
        ),
        "hsds": (
            "SELECT s.id, s.hsds_id, t.name FROM directory_service s JOIN"
            " directory_servicetranslation t ON t.service_id = s.id"
            " ORDER BY s.id LIMIT 50",
            [],
        ),
    }
    raw["search"] = (
        raw["search"][0].replace("directory_theme", "core_theme"),
        raw["search"][1],
    )
    # Two words of the bench's vocabulary, as people type them in the box.
    words = data.bench_queries(1)[0]
    from convivio.search.backends import get_backend

    raw["words"] = get_backend().raw_sql("service", words)
    urls = {
        "search": f"/en/directory/?theme=health&language=ar&lat={lat}&lon={lon}",
        "words": f"/en/directory/?{urlencode({'q': words})}",
        "geojson": (
            "/en/directory/locations.geojson"
            f"?bbox={lon - d},{lat - d},{lon + d},{lat + d}"
        ),
        "hsds": "/api/hsds/services",
    }
    client = Client(SERVER_NAME="127.0.0.1")
    floor = time_it(lambda: client.get("/bench/floor/"), args.rounds)
    print(f"floor view p95 {floor:.1f} ms")
    for name, url in urls.items():
        sql, params = raw[name]

        def run_raw(sql=sql, params=params):
            with connection.cursor() as cur:
                cur.execute(sql, params)
                cur.fetchall()

        status = client.get(url).status_code
        view = time_it(lambda url=url: client.get(url), args.rounds)
        query = time_it(run_raw, args.rounds)
        ok = view <= max(3 * query, query + floor) and view < 150
        print(
            f"{name:8} {url}\n  status {status}; view p95 {view:.1f} ms, raw query p95"
            f" {query:.1f} ms, floor {floor:.1f} ms -> {view / max(query, 0.01):.1f}x"
            f" raw; {'within' if ok else 'OVER'} target"
        )


if __name__ == "__main__":
    main()
