"""Where one page's time goes, in-process, against the bench database.

    .venv/bin/python bench/pageprofile.py "/en/practices/?q=women+discrimination"

Requests the page through Django's test client (all middleware, no HTTP server),
prints the median time, each SQL statement of one request with its time, and the
functions that took the most time under cProfile.  Run `make bench` (or
bench/data.py) first so that var/bench/bench.sqlite3 exists.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bench import data  # noqa: E402
from bench.run import Recorder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="+", help="URL path(s), e.g. /practices/12/")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key")
    parser.add_argument("--limit", type=int, default=45, help="rows of the profile")
    parser.add_argument(
        "--cold", action="store_true", help="clear the cache before each request"
    )
    args = parser.parse_args()
    if data.read_marker() is None:
        raise SystemExit("No bench database yet: run `make bench` or bench/data.py.")
    data.setup_django()

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    paths = [args.path[i % len(args.path)] for i in range(args.repeat)]
    for p in args.path:  # warm templates, caches and SQLite's pages
        client.get(p)
    times = []
    for p in paths:
        if args.cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(p)
        times.append(1000 * (time.perf_counter() - start))
        if response.status_code != 200:
            raise SystemExit(f"{p} answered {response.status_code}")
    print(
        f"{len(times)} requests: median {statistics.median(times):.2f} ms, "
        f"min {min(times):.2f}, max {max(times):.2f}"
    )

    if args.cold:
        cache.clear()
    recorder = Recorder()
    one = paths[0]
    with connection.execute_wrapper(recorder):
        response = client.get(one)
    print(f"\nSQL of one request to {one} ({len(response.content):,} bytes):")
    for sql, _params, _many, seconds in recorder.statements:
        print(f"  {1000 * seconds:8.2f} ms  {' '.join(sql.split())[:150]}")
    print(f"  {1000 * sum(s[3] for s in recorder.statements):8.2f} ms in all")

    profiler = cProfile.Profile()
    profiler.enable()
    for p in paths:
        if args.cold:
            cache.clear()
        client.get(p)
    profiler.disable()
    print(f"\ncProfile over {len(paths)} requests (times are totals):")
    pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.limit)


if __name__ == "__main__":
    main()
