"""Exchange bench (issue 13): 10,000 networks, 1,000,000 posts and 1,000,000 chat
messages on their own database (var/bench/exchange.sqlite3), and the p95 of a
thread page, a network page and the chat's new-message poll against the floor view
and the raw queries behind them, in process with Django's test client (no network,
no wrk), signed in as a member of the networks asked about.

    .venv/bin/python bench/exchange_bench.py [--networks 10000] [--posts 1000000]
        [--messages 1000000] [--rounds 200]

Targets: each page under 100 ms p95 on SQLite with a bounded number of queries
(counted here and asserted in the apps' tests); the poll when nothing is new at
least 20% of the floor's rate (floor p95 / poll p95 ≥ 0.2: one sequential client,
so the rate is the inverse of the latency).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench import data  # noqa: E402

DB_PATH = data.BENCH_DIR / "exchange.sqlite3"
NOW = "2026-06-01 10:00:00"
USERS = 20_000
MEMBERS_PER_NETWORK = 12
PAGE_MAX_MS = 100.0
POLL_MIN_SHARE = 0.20
#: Where the bench's networks are (a new municipality of the migrated database).
PLACE = "Bench exchange town"
LANGUAGES = ("es", "it", "ro", "en", "el")


def _users(cur, count: int) -> list[int]:
    """``count`` accounts (no usable password: the bench signs in with
    ``force_login``)."""
    cur.execute("SELECT COALESCE(MAX(id), 0) FROM core_user")
    start = cur.fetchone()[0] + 1
    ids = list(range(start, start + count))
    cur.executemany(
        "INSERT INTO core_user (id, password, is_superuser, username, first_name,"
        " last_name, email, is_staff, is_active, date_joined, unread_notifications)"
        " VALUES (%s, '!', 0, %s, '', '', %s, 0, 1, %s, 0)",
        [(i, f"bench{i}", f"bench{i}@example.org", NOW) for i in ids],
    )
    return ids


def _networks(cur, count: int, territory: int, users: list[int], rng) -> list[int]:
    from convivio.community.models import Member, Network

    writers = {code: data.Language(code, rng) for code in LANGUAGES[:4]}
    cur.execute("SELECT COALESCE(MAX(id), 0) FROM community_network")
    start = cur.fetchone()[0] + 1
    ids = list(range(start, start + count))
    written = {i: rng.choice(LANGUAGES[:4]) for i in ids}
    kinds = Network.Kind.values
    cur.executemany(
        "INSERT INTO community_network (id, original_language_id, kind, territory_id,"
        " visibility, joining, organisation_id, balance_target, created_by_id,"
        " created_at, updated_at)"
        " VALUES (%s, %s, %s, %s, %s, 'request', NULL, '{}', %s, %s, %s)",
        [
            (
                i,
                written[i],
                rng.choice(kinds),
                territory,
                "public" if rng.random() < 0.8 else "members",
                rng.choice(users),
                NOW,
                NOW,
            )
            for i in ids
        ],
    )
    cur.executemany(
        "INSERT INTO community_networktranslation (network_id, language_id, origins,"
        " name, purpose, updated_at) VALUES (%s, %s, '{}', %s, %s, %s)",
        [
            (
                i,
                written[i],
                writers[written[i]].phrase(rng, 2, 5),
                writers[written[i]].sentence(rng, 20, 60),
                NOW,
            )
            for i in ids
        ],
    )
    constituencies = ["", *(Member._meta.get_field("constituency").choices or [])]
    rows = []
    for i in ids:
        people = rng.sample(users, MEMBERS_PER_NETWORK)
        for n, user in enumerate(people):
            role = "coordinator" if n == 0 else ("observer" if n == 1 else "member")
            choice = rng.choice(constituencies)
            rows.append(
                (
                    i,
                    user,
                    role,
                    choice[0] if choice else "",
                    rng.choice(["", "woman", "man", "other"]),
                    NOW,
                )
            )
    cur.executemany(
        "INSERT INTO community_member (network_id, user_id, role, constituency,"
        " gender, joined_at) VALUES (%s, %s, %s, %s, %s, %s)",
        rows,
    )
    return ids


def generate(args) -> dict:
    """Fill the database; the seconds each part took and what the cases ask."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench import chat_data, discussions_data
    from convivio.core.models import Territory

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(13)
    timings: dict[str, float] = {}
    country = Territory.objects.filter(kind="country", iso_code="PT").first()
    town, _made = Territory.objects.get_or_create(
        name=PLACE,
        kind="municipality",
        country_code="PT",
        defaults={"parent": country},
    )
    with transaction.atomic(), connection.cursor() as cur:
        t = time.perf_counter()
        users = _users(cur, USERS)
        networks = _networks(cur, args.networks, town.pk, users, rng)
        timings["networks"] = time.perf_counter() - t
        t = time.perf_counter()
        discussions_data.fill(connection, networks, users, args.posts, 13)
        timings["posts"] = time.perf_counter() - t
        t = time.perf_counter()
        chat_data.fill(connection, networks, users, args.messages, 13)
        timings["messages"] = time.perf_counter() - t
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return timings


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--networks", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--db", type=Path, default=DB_PATH)
    parser.add_argument("--force-data", action="store_true")
    args = parser.parse_args()
    if args.force_data and args.db.exists():
        args.db.unlink()
    os.environ.setdefault("DJANGO_DEBUG", "1")  # plain static storage, no manifest
    data.setup_django(args.db)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    call_command("migrate", interactive=False, verbosity=0)

    from bench import chat_data, discussions_data
    from convivio.community.models import Member, Network

    if Network.objects.count() < args.networks:
        t = time.perf_counter()
        timings = generate(args)
        print(
            f"generated {args.networks:,} networks, {args.posts:,} posts and"
            f" {args.messages:,} chat messages in {time.perf_counter() - t:.0f} s"
            f" ({', '.join(f'{k} {v:.0f} s' for k, v in timings.items())})"
        )
    cases = {
        **discussions_data.bench_cases(connection),
        **chat_data.bench_cases(connection),
    }
    # A network of average size, public, and one of its writing members.
    network = Network.objects.filter(visibility="public").order_by("pk")[
        len(cases) % 97
    ]
    member = (
        Member.objects.filter(network=network, role="member").select_related("user")
    ).first()
    if member is None:
        raise SystemExit("The bench's network has no member: rebuild with --force-data")
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(member.user)
    floor = time_it(lambda: client.get("/bench/floor/"), args.rounds)
    print(f"floor view p95 {floor:.2f} ms")
    urls = {"network": (f"/en/networks/{network.pk}/", None)}
    urls.update(cases)
    failed = False
    settings.DEBUG = True
    for name, (url, raw) in urls.items():
        if callable(url):
            url = url(network, member.user)
        if callable(raw):
            raw = raw(network, member.user)
        reset_queries()
        response = client.get(url)
        queries = len(connection.queries)
        settings.DEBUG = False
        view = time_it(lambda url=url: client.get(url), args.rounds)
        settings.DEBUG = True
        line = (
            f"{name:10} {url}\n  status {response.status_code}, {queries} queries;"
            f" view p95 {view:.2f} ms, floor {floor:.2f} ms"
        )
        if raw:
            sql, params = raw

            def run_raw(sql=sql, params=params):
                with connection.cursor() as cur:
                    cur.execute(sql, params)
                    cur.fetchall()

            query = time_it(run_raw, args.rounds)
            line += f", raw query p95 {query:.2f} ms ({view / max(query, 0.001):.1f}x)"
        if name == "poll":
            share = floor / view
            ok = share >= POLL_MIN_SHARE and response.status_code in (200, 204)
            line += f"; rate {share:.0%} of the floor (target ≥ {POLL_MIN_SHARE:.0%})"
        else:
            ok = view < PAGE_MAX_MS and response.status_code == 200
            line += f" (target < {PAGE_MAX_MS:.0f} ms)"
        failed = failed or not ok
        print(line + ("  PASS" if ok else "  FAIL"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
