"""Chat rooms and messages for the exchange bench (bench/exchange_bench.py):
bulk inserts with raw SQL (``executemany``), fast enough for 1,000,000 messages.

Each network gets its room (made here when missing: the bench's networks are
inserted without the signal that makes it); messages are spread over the rooms
unevenly (a few busy rooms, many quiet ones), written by the network's members,
in a few languages; a share of the users also get direct conversations.  The
chat's own FTS5 table is filled by its triggers as rows go in.

The poll the bench times: ``GET /en/chat/rooms/<room>/messages/?since=<newest
id>`` signed in as a member of the room's network (a session cookie:
``Client.force_login``), which answers 204 (nothing new)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

CHUNK = 50_000
START = datetime(2025, 1, 1, 8, 0, 0)
LANGUAGES = ("pt", "pt", "pt", "en", "es", "uk", "ar")
WORDS = (
    "olá bom dia reunião amanhã quinta às horas biblioteca intérprete creche "
    "habitação saúde escola documento consulta obrigado obrigada combinado "
    "proposta gabinete centro horário transporte apoio família trabalho"
).split()
#: Direct conversations made, each with a few messages.
DIRECT_ROOMS = 2_000
DIRECT_MESSAGES = 8


def _placeholders(connection, count: int) -> str:
    mark = "%s" if hasattr(connection, "vendor") else "?"
    return ", ".join([mark] * count)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _text(rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 25)))
    return words.capitalize() + rng.choice([".", "!", "?", ""])


def _rooms(connection, cur, networks: list[int]) -> dict[int, int]:
    """{network id: room id}, the missing rooms made."""
    cur.execute("SELECT network_id, id FROM chat_room WHERE network_id IS NOT NULL")
    have = dict(cur.fetchall())
    missing = [n for n in networks if n not in have]
    if missing:
        cur.executemany(
            "INSERT INTO chat_room (kind, network_id, pair_key, created_at)"
            f" VALUES ({_placeholders(connection, 4)})",
            [("network", n, None, _stamp(START)) for n in missing],
        )
        cur.execute("SELECT network_id, id FROM chat_room WHERE network_id IS NOT NULL")
        have = dict(cur.fetchall())
    return {n: have[n] for n in networks if n in have}


def fill(
    connection, networks: list[int], users: list[int], messages: int, seed: int
) -> int:
    """Insert ``messages`` messages in the rooms of ``networks`` (and some
    direct conversations between ``users``); return the number of rooms with
    messages."""
    rng = random.Random(seed)
    bodies = [_text(rng) for _ in range(5000)]
    cur = connection.cursor()
    rooms = _rooms(connection, cur, networks)
    # The writers of each network: its coordinators and members.
    cur.execute(
        "SELECT network_id, user_id FROM community_member"
        " WHERE role IN ('coordinator', 'member')"
    )
    writers: dict[int, list[int]] = {}
    for network_id, user_id in cur.fetchall():
        if network_id in rooms:
            writers.setdefault(network_id, []).append(user_id)
    # Direct conversations between random pairs of users.
    direct_count = min(DIRECT_ROOMS, len(users) // 2)
    pairs: dict[str, tuple[int, int]] = {}
    while len(pairs) < direct_count:
        a, b = rng.sample(users, 2)
        low, high = sorted((a, b))
        pairs.setdefault(f"{low}-{high}", (low, high))
    cur.executemany(
        "INSERT INTO chat_room (kind, network_id, pair_key, created_at)"
        f" VALUES ({_placeholders(connection, 4)})",
        [("direct", None, key, _stamp(START)) for key in pairs],
    )
    mark = _placeholders(connection, 1)
    direct_rooms: list[tuple[int, tuple[int, int]]] = []
    keys = list(pairs)
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        marks = ", ".join([mark] * len(part))
        cur.execute(
            f"SELECT pair_key, id FROM chat_room WHERE pair_key IN ({marks})",
            part,
        )
        direct_rooms += [(room_id, pairs[key]) for key, room_id in cur.fetchall()]
    cur.executemany(
        "INSERT INTO chat_roommember (room_id, user_id, last_read_id, joined_at)"
        f" VALUES ({_placeholders(connection, 4)})",
        [
            (room_id, person, 0, _stamp(START))
            for room_id, pair in direct_rooms
            for person in pair
        ],
    )
    # Who writes where: rooms weighted unevenly (Pareto), so that some rooms
    # hold thousands of messages and most a few dozen.
    network_rooms = [(rooms[n], writers[n]) for n in rooms if writers.get(n)]
    weights = [rng.paretovariate(1.2) for _ in network_rooms]
    direct_total = min(messages // 10, len(direct_rooms) * DIRECT_MESSAGES)
    network_total = messages - direct_total
    sql = (
        "INSERT INTO chat_message (state, room_id, author_id, body, language_id,"
        f" created_at, edited_at) VALUES ({_placeholders(connection, 7)})"
    )
    moment = START
    step = timedelta(seconds=20)
    batch: list[tuple] = []

    def flush() -> None:
        cur.executemany(sql, batch)
        batch.clear()

    targets = rng.choices(network_rooms, weights=weights, k=network_total)
    for number, (room_id, people) in enumerate(targets):
        moment += step
        state = "hidden" if number % 997 == 0 else "visible"
        batch.append(
            (
                state,
                room_id,
                rng.choice(people),
                rng.choice(bodies),
                rng.choice(LANGUAGES),
                _stamp(moment),
                None,
            )
        )
        if len(batch) >= CHUNK:
            flush()
    for number in range(direct_total):
        room_id, pair = direct_rooms[number % len(direct_rooms)]
        moment += step
        batch.append(
            (
                "visible",
                room_id,
                pair[number % 2],
                rng.choice(bodies),
                "pt",
                _stamp(moment),
                None,
            )
        )
        if len(batch) >= CHUNK:
            flush()
    if batch:
        flush()
    cur.close()
    return len(network_rooms) + len(direct_rooms)


def bench_cases(connection) -> dict:
    """The chat's cases: a network's room page, and the poll with nothing new
    (since the room's newest message), with the raw query behind each."""
    from urllib.parse import quote

    from convivio.chat.views import poll_token

    def room_of(network, _user) -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT id FROM chat_room WHERE network_id = %s", [network.pk])
            row = cur.fetchone()
        return row[0] if row else 0

    def newest(network, user) -> int:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT COALESCE(MAX(id), 0) FROM chat_message WHERE room_id = %s",
                [room_of(network, user)],
            )
            return cur.fetchone()[0]

    return {
        "chat room": (
            lambda network, user: f"/en/chat/rooms/{room_of(network, user)}/",
            lambda network, user: (
                "SELECT id FROM chat_message WHERE room_id = %s"
                " ORDER BY id DESC LIMIT 51",
                [room_of(network, user)],
            ),
        ),
        # As the room page asks it: with the page's signed token.
        "poll": (
            lambda network, user: (
                f"/en/chat/rooms/{room_of(network, user)}/messages/"
                f"?t={quote(poll_token(user.pk, room_of(network, user)))}"
                f"&since={newest(network, user)}"
            ),
            lambda network, user: (
                "SELECT 1 FROM chat_message WHERE room_id = %s AND id > %s"
                " AND state = 'visible' LIMIT 1",
                [room_of(network, user), newest(network, user)],
            ),
        ),
    }
