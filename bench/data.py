"""Synthetic published practices at scale, in their own SQLite database.

    .venv/bin/python bench/data.py [--practices 100000] [--force]

Writes var/bench/bench.sqlite3 (never the demo database).  The same seed gives the
same data; a database that already holds the same number of practices from the same
generator is kept, so reruns of `make bench` start at once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "bench.sqlite3"
DEFAULT_PRACTICES = 100_000
SEED = 20261124
#: Bump when the generated data changes, so that old databases are rebuilt.
GENERATOR_VERSION = 2
BATCH = 5_000
ORGANISATIONS = 2_000
SEARCH_KIND = "practice"

# This tree's own code first, even when the virtualenv's editable install points
# at another checkout of Convivio.
for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bench import vocab  # noqa: E402


def bench_environ(db_path: Path = DB_PATH) -> dict[str, str]:
    """The environment of every bench process (harness and server alike)."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"sqlite:///{db_path.resolve()}",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghij",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONVIVIO_VAR_DIR": str(db_path.resolve().parent),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": os.pathsep.join(
            p
            for p in (str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", ""))
            if p
        ),
    }


def setup_django(db_path: Path = DB_PATH) -> None:
    os.environ.update(bench_environ(db_path))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


# --- Text -----------------------------------------------------------------------------


def _zipf(n: int, s: float = 1.0, q: float = 0.0) -> list[float]:
    weights = [1.0 / (i + 1 + q) ** s for i in range(n)]
    total = sum(weights)
    return [w / total for w in weights]


class Language:
    """Draws words of one language: function words, domain words, a rare tail."""

    def __init__(self, code: str, rng: random.Random) -> None:
        self.code = code
        self.function = FUNCTION[code]
        self.domain = DOMAIN[code]
        syllables = vocab.SYLLABLES[code].split()
        tail: dict[str, None] = {}
        while len(tail) < 3_000:
            word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
            if word not in self.domain and word not in self.function:
                tail[word] = None
        self.tail = list(tail)
        words: list[str] = []
        weights: list[float] = []
        # About 42% of running words are function words, 46% domain words, 12% rare.
        for group, share in (
            (self.function, 0.42),
            (self.domain, 0.46),
            (self.tail, 0.12),
        ):
            words += group
            weights += [share * w for w in _zipf(len(group), 1.0, 1.0)]
        self.words = words
        self.cum = list(accumulate(weights))
        self.domain_cum = list(accumulate(_zipf(len(self.domain), 0.9, 2.0)))
        self.function_top = self.function[:8]

    def sentence(self, rng: random.Random, low: int, high: int) -> str:
        n = rng.randint(low, high)
        words = rng.choices(self.words, cum_weights=self.cum, k=n)
        if n > 8 and rng.random() < 0.35:
            words[rng.randint(3, n - 3)] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, rng: random.Random, low: int, high: int) -> str:
        return " ".join(
            self.sentence(rng, 10, 24) for _ in range(rng.randint(low, high))
        )

    def phrase(self, rng: random.Random, low: int, high: int) -> str:
        """A title-like phrase: mostly domain words, a function word or two."""
        n = rng.randint(low, high)
        glue = (n - 2) // 4
        words = list(
            dict.fromkeys(
                rng.choices(self.domain, cum_weights=self.domain_cum, k=n - glue)
            )
        )
        for _ in range(glue):
            at = rng.randint(1, max(1, len(words) - 1))
            words.insert(at, rng.choice(self.function_top))
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def description(self, rng: random.Random) -> str:
        paragraphs = [self.paragraph(rng, 2, 4) for _ in range(rng.randint(3, 5))]
        if rng.random() < 0.15:
            items = [self.phrase(rng, 3, 8) for _ in range(rng.randint(3, 5))]
            paragraphs.insert(
                rng.randint(1, len(paragraphs)),
                "\n".join(f"- {item}" for item in items),
            )
        return "\n\n".join(paragraphs)


FUNCTION = {code: words.split() for code, words in vocab.FUNCTION_WORDS.items()}
DOMAIN = {
    code: list(dict.fromkeys(words.split()))
    for code, words in vocab.DOMAIN_WORDS.items()
}
CITY_PREPOSITION = {"en": "in", "ro": "în", "it": "a", "es": "en", "el": "στην"}


def bench_queries(count: int = 20) -> list[str]:
    """Two-word queries drawn from the domain vocabularies, mostly English."""
    rng = random.Random(SEED + 1)
    plan = ["en"] * 12 + ["ro"] * 5 + ["it", "es", "el"]
    queries: list[str] = []
    while len(queries) < count:
        words = DOMAIN[plan[len(queries) % len(plan)]]
        first = words[rng.randrange(2, 50)]
        second = words[rng.randrange(10, min(160, len(words)))]
        query = f"{first} {second}"
        if first != second and query not in queries:
            queries.append(query)
    return queries


def fresh_queries(count: int) -> list[str]:
    """Other two-word queries, each different, for measuring cache misses."""
    rng = random.Random(SEED + 3)
    taken = set(bench_queries())
    codes = list(vocab.LANGUAGE_SHARES)
    weights = list(vocab.LANGUAGE_SHARES.values())
    queries: dict[str, None] = {}
    while len(queries) < count:
        words = DOMAIN[rng.choices(codes, weights)[0]]
        first, second = rng.sample(words[:160], 2)
        query = f"{first} {second}"
        if query not in taken:
            queries[query] = None
    return list(queries)


# --- Records --------------------------------------------------------------------------


def _pick_distinct(rng: random.Random, values: list, cum: list[float], k: int) -> list:
    chosen: dict = {}
    while len(chosen) < k:
        chosen[rng.choices(values, cum_weights=cum)[0]] = None
    return list(chosen)


class Generator:
    def __init__(self, rng: random.Random) -> None:
        from convivio.core.models import TargetGroup, Territory, Theme

        self.rng = rng
        self.languages = {code: Language(code, rng) for code in vocab.LANGUAGE_SHARES}
        self.language_codes = list(vocab.LANGUAGE_SHARES)
        self.language_cum = list(accumulate(vocab.LANGUAGE_SHARES.values()))
        self.countries = {
            t.iso_code: t
            for t in Territory.objects.filter(
                kind=Territory.Kind.COUNTRY, iso_code__in=list(vocab.CITIES)
            )
        }
        self.country_cum = {
            code: (
                [c for c, _ in pairs],
                list(accumulate(w for _, w in pairs)),
            )
            for code, pairs in vocab.LANGUAGE_COUNTRIES.items()
        }
        self.themes = list(Theme.objects.order_by("id"))
        self.theme_cum = list(accumulate(_zipf(len(self.themes), 0.7, 2.0)))
        self.groups = list(TargetGroup.objects.order_by("id"))
        self.group_cum = list(accumulate(_zipf(len(self.groups), 0.7, 2.0)))
        self.cities: dict[str, list] = {}
        self.organisations: list = []
        self.org_by_country: dict[str, tuple[list, list[float]]] = {}
        self.funders: list = []

    # Reference rows ------------------------------------------------------------------

    def make_cities(self) -> None:
        from convivio.core.models import Territory

        rows = [
            Territory(
                name=name,
                kind=Territory.Kind.MUNICIPALITY,
                parent=self.countries[code],
                country_code=code,
            )
            for code, names in vocab.CITIES.items()
            for name in names
        ]
        for row in Territory.objects.bulk_create(rows):
            self.cities.setdefault(row.country_code, []).append(row)

    def make_organisations(self) -> None:
        from convivio.core.models import Organisation

        rng = self.rng
        kinds = [k for k, _ in vocab.ORGANISATION_KINDS]
        kind_cum = list(accumulate(w for _, w in vocab.ORGANISATION_KINDS))
        # Organisations per country follow where practices come from.
        weight: dict[str, float] = {}
        for code, share in vocab.LANGUAGE_SHARES.items():
            countries, cum = self.country_cum[code]
            total = cum[-1]
            previous = 0.0
            for country, c in zip(countries, cum, strict=True):
                weight[country] = (
                    weight.get(country, 0.0) + share * (c - previous) / total
                )
                previous = c
        country_codes = list(weight)
        country_cum = list(accumulate(weight.values()))
        language_of = {"RO": "ro", "MD": "ro", "IT": "it", "ES": "es", "GR": "el"}
        rows = []
        for i in range(ORGANISATIONS):
            country = rng.choices(country_codes, cum_weights=country_cum)[0]
            code = language_of.get(country, "en")
            kind = rng.choices(kinds, cum_weights=kind_cum)[0]
            city = rng.choice(self.cities[country])
            word = rng.choice(self.languages[code].domain[:120])
            name = vocab.ORGANISATION_NAMES[code][kind].format(
                W=word[0].upper() + word[1:], c=city.name
            )
            rows.append(
                Organisation(
                    id=i + 1,
                    name=name,
                    slug=f"bench-{i + 1}",
                    kind=kind,
                    territory=city,
                    website=f"https://org{i + 1}.example.org/",
                    original_language_id=code,
                )
            )
        Organisation.objects.bulk_create(rows)
        self.organisations = rows
        by_country: dict[str, list] = {}
        for org in rows:
            by_country.setdefault(org.territory.country_code, []).append(org)
        for country, orgs in by_country.items():
            rng.shuffle(orgs)
            self.org_by_country[country] = (
                orgs,
                list(accumulate(_zipf(len(orgs), 0.8))),
            )
        self.funders = [
            o for o in rows if o.kind in ("public_authority", "international_body")
        ]

    # Practices -----------------------------------------------------------------------

    def translation(self, practice_id: int, code: str, city, original=None):
        """A practice's text in ``code``: its original, or (given the original
        row) a machine translation made from it."""
        from convivio.core.translation import (
            Origin,
            original_origins,
            translation_origins,
        )
        from convivio.practices.models import PracticeTranslation

        rng = self.rng
        lang = self.languages[code]
        title = lang.phrase(rng, 4, 10)
        if rng.random() < 0.25:
            title = f"{title} {CITY_PREPOSITION[code]} {city.name}"
        phases = []
        if rng.random() < 0.5:
            phases = [
                {"title": lang.phrase(rng, 2, 4), "text": lang.sentence(rng, 8, 18)}
                for _ in range(rng.randint(2, 4))
            ]

        def maybe(p: float, make: Callable[[], str]) -> str:
            return make() if rng.random() < p else ""

        row = PracticeTranslation(
            practice_id=practice_id,
            language_id=code,
            title=title,
            summary=" ".join(
                lang.sentence(rng, 12, 24) for _ in range(rng.randint(1, 2))
            ),
            description=lang.description(rng),
            aims=[lang.sentence(rng, 6, 12) for _ in range(rng.randint(2, 4))],
            phases=phases,
            activities=maybe(0.5, lambda: lang.paragraph(rng, 1, 2)),
            beneficiaries=maybe(0.4, lambda: lang.sentence(rng, 8, 16)),
            results=maybe(0.6, lambda: lang.paragraph(rng, 1, 3)),
            success_conditions=maybe(0.25, lambda: lang.sentence(rng, 8, 16)),
            difficulties=maybe(0.25, lambda: lang.sentence(rng, 8, 16)),
            transferability=maybe(0.25, lambda: lang.sentence(rng, 8, 16)),
        )
        row.origins = (
            original_origins(row.values())
            if original is None
            else translation_origins(
                original.values(), row.values(), origin=Origin.MACHINE
            )
        )
        return row

    def batch(self, first_id: int, count: int) -> dict[str, list]:
        """Rows and search documents of practices first_id … first_id+count-1."""
        from convivio.practices.models import Practice, PracticeOrganisation
        from convivio.practices.services import practice_documents_build

        rng = self.rng
        out: dict[str, list] = {
            "practices": [],
            "translations": [],
            "themes": [],
            "groups": [],
            "territories": [],
            "roles": [],
            "documents": [],
        }
        theme_through = Practice.themes.through
        group_through = Practice.target_groups.through
        place_through = Practice.territories.through
        role_order = {
            r: i for i, r in enumerate(sorted(PracticeOrganisation.Role.values))
        }
        for pid in range(first_id, first_id + count):
            code = rng.choices(self.language_codes, cum_weights=self.language_cum)[0]
            countries, cum = self.country_cum[code]
            country_code = rng.choices(countries, cum_weights=cum)[0]
            country = self.countries[country_code]
            city = rng.choice(self.cities[country_code])
            start = rng.randint(2000, 2025)
            end = None if rng.random() < 0.3 else min(2027, start + rng.randint(0, 6))
            since = datetime(max(start, 2010), 1, 1, tzinfo=UTC)
            span = datetime(2026, 1, 1, tzinfo=UTC) - since
            published = since + timedelta(
                seconds=rng.randrange(int(span.total_seconds()))
            )
            funded = rng.random() < 0.6
            translations = [self.translation(pid, code, city)]
            if rng.random() < 0.1:
                other = "ro" if code == "en" else "en"
                translations.append(
                    self.translation(pid, other, city, original=translations[0])
                )
            out["translations"] += translations
            out["practices"].append(
                Practice(
                    id=pid,
                    status=Practice.Status.PUBLISHED,
                    original_language_id=code,
                    country=country,
                    start_year=start,
                    end_year=end,
                    beneficiaries_count=(
                        int(10 ** rng.uniform(1, 4)) if rng.random() < 0.7 else None
                    ),
                    funding_programme=rng.choice(vocab.FUNDING_PROGRAMMES)
                    if funded
                    else "",
                    funding_amount=(
                        Decimal(rng.randrange(5_000, 2_000_000, 500))
                        if funded
                        else None
                    ),
                    funding_currency="EUR",
                    contact_name=f"Contact {pid}" if rng.random() < 0.5 else "",
                    contact_email=f"contact{pid}@example.org"
                    if rng.random() < 0.5
                    else "",
                    sort_title=translations[0].title.strip().lower()[:120],
                    source_document="bench",
                    source_key=f"bench:{pid}",
                    published_at=published,
                )
            )
            themes = _pick_distinct(
                rng, self.themes, self.theme_cum, rng.choices((1, 2, 3), (4, 4, 2))[0]
            )
            groups = _pick_distinct(
                rng, self.groups, self.group_cum, rng.choices((1, 2, 3), (4, 4, 2))[0]
            )
            places = [city] if rng.random() < 0.7 else []
            out["themes"] += [theme_through(practice_id=pid, theme=t) for t in themes]
            out["groups"] += [
                group_through(practice_id=pid, targetgroup=g) for g in groups
            ]
            out["territories"] += [
                place_through(practice_id=pid, territory=t) for t in places
            ]
            orgs, org_cum = self.org_by_country[country_code]
            roles = [(rng.choices(orgs, cum_weights=org_cum)[0], "implementing")]
            for _ in range(rng.choices((0, 1, 2), (5, 3, 2))[0]):
                roles.append((rng.choices(orgs, cum_weights=org_cum)[0], "partner"))
            if funded and rng.random() < 0.5:
                roles.append((rng.choice(self.funders), "funder"))
            roles = list(dict.fromkeys(roles))
            out["roles"] += [
                PracticeOrganisation(practice_id=pid, organisation=o, role=r)
                for o, r in roles
            ]
            # The same entries practice_documents() makes, from the generated rows.
            roles.sort(key=lambda pair: role_order[pair[1]])
            out["documents"] += practice_documents_build(
                practice_id=pid,
                translations=translations,
                country=country.name,
                names=[
                    *(t.name for t in places),
                    *(t.name for t in themes),
                    *(g.name for g in groups),
                    *(o.name for o, _ in roles),
                ],
                funding_programme=out["practices"][-1].funding_programme,
            )
        return out


# --- The database ---------------------------------------------------------------------


def read_marker(db_path: Path = DB_PATH) -> dict | None:
    """What the generator wrote when it finished, or None for no usable database."""
    if not db_path.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT value FROM bench_meta WHERE key = 'marker'"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return json.loads(row[0]) if row else None


#: Code whose changes make a stored database stale: the schema and how the search
#: index stores text.
FINGERPRINTED = (
    "src/convivio/*/migrations/*.py",
    "src/convivio/search/text.py",
    "src/convivio/search/backends.py",
    "src/convivio/practices/facets.py",
)


def code_fingerprint() -> str:
    digest = hashlib.blake2b(digest_size=12)
    for pattern in FINGERPRINTED:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def wanted_marker(practices: int) -> dict:
    return {
        "practices": practices,
        "seed": SEED,
        "version": GENERATOR_VERSION,
        "code": code_fingerprint(),
    }


def _remove(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def _batches(total: int) -> Iterator[tuple[int, int]]:
    for first in range(1, total + 1, BATCH):
        yield first, min(BATCH, total - first + 1)


def rebuild_derived() -> None:
    """Rebuild what the services keep beside the practices (bulk_create skips them)."""
    try:
        from convivio.practices.facets import facets_rebuild
    except ImportError:  # before the facet table existed
        return
    facets_rebuild()


def generate(practices: int, log: Callable[[str], None] = print) -> dict:
    """Build the database from nothing (django.setup must have run)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from convivio.practices.models import (
        Practice,
        PracticeOrganisation,
        PracticeTranslation,
    )
    from convivio.search.services import index_bulk, index_version_bump

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"  schema ready ({time.perf_counter() - started:.1f} s)")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-1000000")
        cursor.execute("PRAGMA temp_store=MEMORY")
    rng = random.Random(SEED)
    timings = {"generate": 0.0, "insert": 0.0, "index": 0.0}
    with transaction.atomic():
        gen = Generator(rng)
        gen.make_cities()
        gen.make_organisations()
        done = 0
        for first, count in _batches(practices):
            t0 = time.perf_counter()
            rows = gen.batch(first, count)
            t1 = time.perf_counter()
            Practice.objects.bulk_create(rows["practices"])
            PracticeTranslation.objects.bulk_create(rows["translations"])
            Practice.themes.through.objects.bulk_create(rows["themes"])
            Practice.target_groups.through.objects.bulk_create(rows["groups"])
            Practice.territories.through.objects.bulk_create(rows["territories"])
            PracticeOrganisation.objects.bulk_create(rows["roles"])
            t2 = time.perf_counter()
            index_bulk(documents=rows["documents"], bump=False)
            t3 = time.perf_counter()
            timings["generate"] += t1 - t0
            timings["insert"] += t2 - t1
            timings["index"] += t3 - t2
            done += count
            if done % 20_000 == 0 or done == practices:
                log(
                    f"  {done:,} practices ({time.perf_counter() - started:.0f} s: "
                    + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items())
                    + ")"
                )
        # The facet table the list counts from (and whatever else the services keep
        # beside the practices), filled in one statement each.
        t0 = time.perf_counter()
        rebuild_derived()
        timings["derived"] = time.perf_counter() - t0
        index_version_bump(kind=SEARCH_KIND)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_fts_practice(search_fts_practice) VALUES('optimize')"
        )
    timings["optimize"] = time.perf_counter() - t0
    seconds = time.perf_counter() - started
    marker = {
        **wanted_marker(practices),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "timings": {k: round(v, 1) for k, v in timings.items()},
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_meta (key TEXT PRIMARY KEY, value TEXT)")
        cursor.execute(
            "INSERT INTO bench_meta (key, value) VALUES ('marker', %s)",
            [json.dumps(marker)],
        )
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return marker


def ensure(
    practices: int = DEFAULT_PRACTICES,
    *,
    force: bool = False,
    db_path: Path = DB_PATH,
    log: Callable[[str], None] = print,
) -> dict:
    """Make sure the bench database holds `practices` practices; set Django up."""
    marker = None if force else read_marker(db_path)
    wanted = wanted_marker(practices)
    if marker and all(marker.get(k) == v for k, v in wanted.items()):
        setup_django(db_path)
        from django.core.management import call_command

        # Other engineers change the schema: bring the existing data up to date.
        call_command("migrate", interactive=False, verbosity=0)
        log(f"Reusing {db_path} ({practices:,} practices, made {marker['created']}).")
        return marker
    if marker and marker.get("code") != wanted["code"]:
        log("The schema or the search index code changed since the data was made.")
    log(f"Generating {practices:,} practices into {db_path} …")
    _remove(db_path)
    setup_django(db_path)
    marker = generate(practices, log)
    log(f"Generated in {marker['seconds']:.0f} s.")
    return marker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=DEFAULT_PRACTICES)
    parser.add_argument("--force", action="store_true", help="rebuild even if present")
    args = parser.parse_args()
    ensure(args.practices, force=args.force)


if __name__ == "__main__":
    main()
