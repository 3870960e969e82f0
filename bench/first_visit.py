"""First visits of the practice list, measured in CPU time (issue 12).

    .venv/bin/python bench/first_visit.py [--rounds 60] [--label after]

Loads the bench database (var/bench/bench.sqlite3, bench/data.py; never rebuilds
it) with bench/settings.py and times, in this process, with ``time.process_time``
(the machine is shared: wall time measures the neighbours too):

- ``practice_search`` for filter combinations never seen before (the cache
  emptied before each call, as a first visit finds it; what a worker keeps for
  every request, the code lists and the in-process facet index, stays);
- the same pages through the Django test client (the whole view: middleware,
  templates, the cache look-ups);
- never-seen two-word searches (bench/data.py's fresh queries), selector and view;
- the practices API list (random pages, first visit and repeated);
- the floor (bench's minimal view behind the same middleware), for the ratios.

Prints p50/p95 in ms of CPU and each case's share of the floor (floor CPU / case
CPU, as `make bench` prints "%floor by CPU"), and writes them to
var/bench/first_visit_<label>.json; with a "before" file there, the ratios
after/before too.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bench import data  # noqa: E402


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _stats(values: list[float]) -> dict:
    return {
        "p50_ms": statistics.median(values),
        "p95_ms": _pct(values, 0.95),
        "n": len(values),
    }


def forget() -> None:
    """Empty the cache as a first visit finds it; keep what a worker keeps."""
    from django.core.cache import cache

    try:
        from convivio.practices import facet_index
    except ImportError:  # before the facet index
        cache.clear()
    else:
        facet_index.clear_cache_keeping_index()
    from convivio.practices.selectors import code_lists

    code_lists()


def cpu_ms(call) -> float:
    start = time.process_time()
    call()
    return 1000 * (time.process_time() - start)


def filter_combinations(rng: random.Random, count: int) -> list[dict[str, object]]:
    """Different filter combinations (with a sort and a page), as list URLs'
    parameters; about a third are the theme+country pairs of `make bench`."""
    from convivio.practices.selectors import code_lists

    lists = code_lists()
    values = {name: [v for v, _ in pairs] for name, pairs in lists.items()}
    params = {
        "themes": "theme",
        "target_groups": "target_group",
        "countries": "country",
        "languages": "language",
        "organisation_kinds": "organisation_kind",
    }
    countries = sorted(data.vocab.CITIES)
    seen: set[str] = set()
    combos: list[dict[str, object]] = []
    while len(combos) < count:
        chosen: dict[str, object] = {}
        if len(combos) % 3 == 0:
            chosen["theme"] = [rng.choice(values["themes"])]
            chosen["country"] = [rng.choice(countries)]
        else:
            for name in rng.sample(list(params), rng.randint(1, 3)):
                pool = values[name]
                if name == "countries":
                    pool = countries
                chosen[params[name]] = rng.sample(pool, rng.choice((1, 1, 2)))
            if rng.random() < 0.3:
                chosen["year_from"] = rng.randint(1995, 2020)
        chosen["sort"] = rng.choice(("newest", "title"))
        chosen["page"] = rng.choice((1, 1, 1, 2, 3))
        key = urlencode(chosen, doseq=True)
        if key not in seen:
            seen.add(key)
            combos.append(chosen)
    return combos


def as_filters(params: dict[str, object]):
    from convivio.practices.selectors import PracticeFilters

    names = {
        "theme": "themes",
        "target_group": "target_groups",
        "country": "countries",
        "language": "languages",
        "organisation_kind": "organisation_kinds",
    }
    kwargs: dict[str, object] = {
        names[k]: tuple(v)  # type: ignore[call-overload]
        for k, v in params.items()
        if k in names
    }
    kwargs["year_from"] = params.get("year_from")
    kwargs["sort"] = str(params.get("sort", ""))
    kwargs["q"] = str(params.get("q", ""))
    return PracticeFilters(**kwargs)  # type: ignore[arg-type]


def measure(rounds: int) -> dict:
    from django.test import Client

    from convivio.practices.selectors import practice_search
    from convivio.search.selectors import search_match

    rng = random.Random(data.SEED + 12)
    client = Client(HTTP_HOST="127.0.0.1")
    combos = filter_combinations(rng, 2 * rounds)
    queries = data.fresh_queries(9000)[6000:]  # not those of make bench
    rng.shuffle(queries)
    out: dict[str, list[float]] = {}
    memory: dict[str, float] = {}

    def add(name: str, value: float) -> None:
        out.setdefault(name, []).append(value)

    def get(path: str) -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    # Warm up: the process's code lists, templates, SQLite's pages, the index.
    for params in combos[:3]:
        get("/en/practices/?" + urlencode(params, doseq=True))
    get("/en/practices/?q=" + queries[-1].replace(" ", "+"))
    get("/api/practices?page=7")
    for _ in range(200):
        get("/bench/floor/")
    try:
        from convivio.practices import facet_index
    except ImportError:  # before the facet index
        facet_index = None  # type: ignore[assignment]
    if facet_index is not None:
        for _ in range(3):
            started = time.process_time()
            index = facet_index.build()
            add(
                "facet index build (a new version)",
                1000 * (time.process_time() - started),
            )
        memory["facet index MB"] = index.nbytes / 1e6
        memory["facet values"] = len(index.bits)

    # make bench's "list: a page not seen before" URLs (theme+country pairs,
    # pages 1-5, both orders).
    from bench.run import choose_paths

    list_new = choose_paths(100_000, random.Random(data.SEED + 2))["list_new"]

    for i in range(rounds):
        floor = [cpu_ms(lambda: get("/bench/floor/")) for _ in range(20)]
        add("floor view", statistics.median(floor))
        params = combos[i]
        forget()
        add(
            "list selector, new filters",
            cpu_ms(
                lambda p=params: practice_search(
                    filters=as_filters(p), language="en", page=int(p["page"])
                )
            ),
        )
        params = combos[rounds + i]
        path = "/en/practices/?" + urlencode(params, doseq=True)
        forget()
        add("list view, new filters", cpu_ms(lambda p=path: get(p)))
        path = list_new[i % len(list_new)]
        forget()
        add("list view, make bench's list_new URLs", cpu_ms(lambda p=path: get(p)))
        q = queries[2 * i]
        forget()
        add(
            "search selector, new 2 words",
            cpu_ms(
                lambda q=q: practice_search(filters=as_filters({"q": q}), language="en")
            ),
        )
        q = queries[2 * i + 1]
        forget()
        add(
            "search view, new 2 words",
            cpu_ms(lambda q=q: get("/en/practices/?q=" + q.replace(" ", "+"))),
        )
        q = queries[2 * rounds + i]
        add(
            "  of which search_match (the search app's)",
            cpu_ms(lambda q=q: search_match(kind="practice", query=q)),
        )
        api = f"/api/practices?page={rng.randint(1, 5000)}"
        forget()
        add("API list, first visit", cpu_ms(lambda p=api: get(p)))
        add("API list, again (total kept)", cpu_ms(lambda p=api: get(p)))
        api = f"/api/practices?page={rng.randint(1, 5000)}"
        add("API list, other page", cpu_ms(lambda p=api: get(p)))
    return {name: _stats(values) for name, values in out.items()} | {"memory": memory}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--label", default="after")
    parser.add_argument(
        "--db",
        type=Path,
        default=data.DB_PATH,
        help="another copy of the bench database (e.g. one migrated further)",
    )
    args = parser.parse_args()
    if data.read_marker(args.db) is None:
        print("No bench database: run `make bench` once (it builds it).")
        return 1
    data.setup_django(args.db)
    import django

    django.setup()
    results = measure(args.rounds)
    floor = results["floor view"]["p50_ms"]
    before_file = args.db.parent / "first_visit_before.json"
    before = (
        json.loads(before_file.read_text())
        if before_file.exists() and args.label != "before"
        else {}
    )
    memory = results.pop("memory")
    print(
        f"{'case (ms of CPU)':<52} {'p50':>7} {'p95':>7} {'%floor':>7} {'×before':>8}"
    )
    for name, s in results.items():
        share = 100 * floor / s["p50_ms"] if s["p50_ms"] else 0
        ratio = ""
        if name in before and s["p50_ms"]:
            ratio = f"{before[name]['p50_ms'] / s['p50_ms']:>7.1f}×"
        print(
            f"{name:<52} {s['p50_ms']:>7.2f} {s['p95_ms']:>7.2f} {share:>6.1f}% "
            f"{ratio:>8}"
        )
    for name, value in memory.items():
        print(f"{name}: {value:,.2f}")
    print(
        "%floor = the floor view's CPU / this case's (p50), as make bench's "
        "'%floor by CPU'; ×before = p50 before / p50 now."
    )
    out = args.db.parent / f"first_visit_{args.label}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
