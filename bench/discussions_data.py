"""Threads and posts for the exchange bench (bench/exchange_bench.py): bulk
inserts with raw SQL (``executemany``), fast enough for 1,000,000 posts.

Each network gets threads of about ``POSTS_PER_THREAD`` posts in the shape
people write: an opening post, top-level answers, replies two and three
levels deep (``root`` and ``depth`` set as the services set them), some
quotes; a few threads pinned.  Every post is shown; search entries are not
made (the bench measures the pages, not the search)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

POSTS_PER_THREAD = 25
CHUNK = 50_000
START = datetime(2025, 1, 1, 8, 0, 0)
LANGUAGES = ("pt", "pt", "pt", "en", "es", "uk", "ar")
WORDS = (
    "habitação saúde escola língua trabalho creche intérprete reunião proposta "
    "câmara associação bairro transporte horário consulta documento apoio "
    "família renda formação emprego mediação centro fórum"
).split()


def _placeholders(connection, count: int) -> str:
    mark = "%s" if hasattr(connection, "vendor") else "?"
    return ", ".join([mark] * count)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def fill(
    connection, networks: list[int], users: list[int], posts: int, seed: int
) -> int:
    """Insert about ``posts`` posts in threads of the ``networks``, written by
    ``users``; return the number of threads made."""
    rng = random.Random(seed)
    # A pool of texts drawn once: drawing each post's words is most of the time.
    bodies = [_text(rng, rng.randint(8, 60)) for _ in range(2000)]
    titles = [_text(rng, rng.randint(3, 9))[:200] for _ in range(500)]
    cur = connection.cursor()
    cur.execute("SELECT COALESCE(MAX(id), 0) FROM discussions_thread")
    thread_id = cur.fetchone()[0]
    cur.execute("SELECT COALESCE(MAX(id), 0) FROM discussions_post")
    post_id = cur.fetchone()[0]
    threads = max(1, posts // POSTS_PER_THREAD)
    indexes = _drop_indexes(connection, cur)
    thread_sql = (
        "INSERT INTO discussions_thread (id, state, kind, title, language_id,"
        " network_id, pinned, closed, created_by_id, created_at, last_post_at,"
        f" post_count) VALUES ({_placeholders(connection, 12)})"
    )
    post_sql = (
        "INSERT INTO discussions_post (id, state, thread_id, author_id, parent_id,"
        " root_id, depth, body, language_id, quoted_post_id, created_at,"
        f" edited_at) VALUES ({_placeholders(connection, 12)})"
    )
    thread_rows: list[tuple] = []
    post_rows: list[tuple] = []
    left = posts
    made = 0
    for n in range(threads):
        thread_id += 1
        made += 1
        count = (
            left
            if n == threads - 1
            else min(left, rng.randint(5, 2 * POSTS_PER_THREAD - 5))
        )
        count = max(1, count)
        left -= count
        language = rng.choice(LANGUAGES)
        started = START + timedelta(minutes=rng.randrange(500_000))
        moment = started
        tops: list[int] = []
        seconds: list[tuple[int, int]] = []  # (id, root)
        for i in range(count):
            post_id += 1
            moment += timedelta(minutes=rng.randrange(1, 600))
            parent = root = quoted = None
            depth = 1
            roll = rng.random()
            if i and roll < 0.25 and seconds:
                parent, root = rng.choice(seconds)
                depth = 3
            elif i and roll < 0.6 and tops:
                parent = root = rng.choice(tops)
                depth = 2
                seconds.append((post_id, root))
            else:
                tops.append(post_id)
            if i and rng.random() < 0.05:
                quoted = post_id - 1
            post_rows.append(
                (
                    post_id,
                    "visible",
                    thread_id,
                    rng.choice(users),
                    parent,
                    root,
                    depth,
                    bodies[post_id % len(bodies)],
                    language,
                    quoted,
                    _stamp(moment),
                    None,
                )
            )
        thread_rows.append(
            (
                thread_id,
                "visible",
                "news" if rng.random() < 0.05 else "discussion",
                titles[thread_id % len(titles)],
                language,
                networks[n % len(networks)],
                rng.random() < 0.02,
                rng.random() < 0.05,
                rng.choice(users),
                _stamp(started),
                _stamp(moment),
                count,
            )
        )
        if len(post_rows) >= CHUNK:
            _flush(cur, thread_sql, thread_rows, post_sql, post_rows)
        if left <= 0:
            break
    _flush(cur, thread_sql, thread_rows, post_sql, post_rows)
    for sql in indexes:
        cur.execute(sql)
    return made


def _drop_indexes(connection, cur) -> list[str]:
    """On SQLite, the tables' indexes dropped for the load and their SQL kept to
    build them again after it (once, sorted: several times faster than keeping
    them up to date row by row)."""
    vendor = getattr(connection, "vendor", "sqlite")
    if vendor != "sqlite":
        return []
    cur.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT"
        " NULL AND tbl_name IN ('discussions_post', 'discussions_thread')"
    )
    found = cur.fetchall()
    for name, _sql in found:
        cur.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def _flush(cur, thread_sql, thread_rows, post_sql, post_rows) -> None:
    # Threads first: the posts' foreign key names them.
    if thread_rows:
        cur.executemany(thread_sql, thread_rows)
        thread_rows.clear()
    if post_rows:
        cur.executemany(post_sql, post_rows)
        post_rows.clear()


def bench_cases(connection) -> dict:
    """The pages the bench times: the busiest thread of the network asked
    about, and its list of threads; with the raw query behind each."""

    def thread_of(network, _user) -> int:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT id FROM discussions_thread WHERE network_id = %s"
                " ORDER BY post_count DESC, id LIMIT 1",
                [network.pk],
            )
            row = cur.fetchone()
        return row[0] if row else 0

    return {
        "thread": (
            lambda network, user: f"/en/threads/{thread_of(network, user)}/",
            lambda network, user: (
                "SELECT id FROM discussions_post WHERE thread_id = %s AND"
                " parent_id IS NULL ORDER BY id LIMIT 21",
                [thread_of(network, user)],
            ),
        ),
        "threads": (
            lambda network, user: f"/en/networks/{network.pk}/threads/",
            lambda network, user: (
                "SELECT id FROM discussions_thread WHERE network_id = %s AND"
                " state = 'visible' ORDER BY pinned DESC, last_post_at DESC, id DESC"
                " LIMIT 21",
                [network.pk],
            ),
        ),
    }
