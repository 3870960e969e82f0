"""`make bench`: Convivio's pages at scale, measured against the framework's floor.

    .venv/bin/python bench/run.py [--practices 100000] [--duration 10] [--strict]
    .venv/bin/python bench/run.py --only plans      # the plans cases alone (faster)
    .venv/bin/python bench/run.py --only ingest     # the ingestion cases alone

1. Makes (or reuses) var/bench/bench.sqlite3 with synthetic published practices.
2. Serves it with gunicorn (2 sync workers, the production WSGI server) and loads it
   with wrk: requests/s at 32 connections, p50/p95 latency at 1 connection, for a
   minimal view behind the same middleware (the floor) and for the list, search,
   detail and API pages.
3. In one process, times the search selector against the raw FTS query it issues
   and against all the SQL it issues, replayed raw.
4. Prints one table with ratios and PASS/FAIL against the targets of issue 2, and
   writes everything to var/bench/results.json.
5. The plans cases (issue 3), in their own process on var/bench/plans.sqlite3 (200
   plans, 2,000 indicators, 1,000,000 observation cells, bench/plans_data.py): the
   plan dashboard (cached and first visit) and the observations API through
   gunicorn and wrk, then in-process against the raw GROUP BY queries behind them.
6. The ingestion cases (issue 4), in their own process on var/bench/ingest.sqlite3
   (bench/ingest_bench.py): seed 000 end to end with its drafts saved, and
   parse_plans on a 20 MB synthetic plan in MB/s.

Every process it starts is stopped by its PID at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bench import data, plans_data  # noqa: E402

RESULTS = data.BENCH_DIR / "results.json"
SERVER_LOG = data.BENCH_DIR / "gunicorn.log"
WORKERS = 2

#: The targets of issue 2 (SQLite, 100,000 practices).
LIST_MIN_SHARE = 0.08  # list page req/s ≥ 8% of the floor's
DETAIL_MIN_SHARE = 0.15  # detail page req/s ≥ 15% of the floor's
SEARCH_MAX_P95_MS = 50.0  # search page p95 at one connection
SELECTOR_MAX_RATIO = 2.0  # search selector ≤ 2× the raw FTS query
API_AIM_SHARE = 0.10  # ARCHITECTURE.md: "Convivio aims at 10%" for API lists


def log(message: str = "") -> None:
    print(message, flush=True)


# --- Processes ------------------------------------------------------------------------


class Stop(Exception):
    """Raised by the signal handler so that `finally` blocks stop the server."""


def _on_signal(signum, frame):
    raise Stop(f"stopped by signal {signum}")


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("wrk is not installed: installing the Debian package `wrk` with apt-get …")
    apt = ["apt-get", "-o", "DPkg::Lock::Timeout=300", "-y", "-qq"]
    if os.geteuid() != 0:
        apt = ["sudo", "-n", *apt]
    for command in (
        [*apt, "install", "wrk"],
        [*apt, "update"],
        [*apt, "install", "wrk"],
    ):
        try:
            subprocess.run(command, check=False, timeout=600, stdout=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            break
        found = shutil.which("wrk")
        if found:
            return found
    raise SystemExit(
        "make bench needs the HTTP load generator wrk, and installing it failed.\n"
        "Install it yourself (Debian/Ubuntu: `sudo apt-get install wrk`; macOS: "
        "`brew install wrk`) and run `make bench` again."
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with sync workers on 127.0.0.1, stopped by its PID."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env = env
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def start(self) -> None:
        SERVER_LOG.parent.mkdir(parents=True, exist_ok=True)
        self._log = SERVER_LOG.open("w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "convivio.wsgi:application",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # our Ctrl-C handler stops it, by PID
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if (
                    fetch(self.base + "/bench/floor/")[0] == 200
                    and len(self.workers()) == WORKERS
                ):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        tail = SERVER_LOG.read_text()[-3000:]
        raise RuntimeError(f"gunicorn did not start; its log ends with:\n{tail}")

    def workers(self) -> list[int]:
        if self.proc is None:
            return []
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
            return [int(p) for p in children.read_text().split()]
        except OSError:
            return []

    def cpu_seconds(self) -> float:
        """CPU time (user + system) of the master and its workers so far."""
        total = 0
        tick = os.sysconf("SC_CLK_TCK")
        for pid in [self.proc.pid, *self.workers()] if self.proc else []:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                continue
        return total / tick

    def wait_idle(self, timeout: float = 30) -> None:
        """Wait until the workers have drained what an earlier load left queued.

        wrk closes its connections at the end of a run, but requests already in the
        listen queue are still served; a latency run started at once would wait
        behind them.
        """
        deadline = time.monotonic() + timeout
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            now = self.cpu_seconds()
            if now - before < 0.02:
                return
            before = now

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self._log:
            self._log.close()
        self.proc = None


def fetch(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- wrk ------------------------------------------------------------------------------

LUA = r"""
paths = {PATHS}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 7919)
end
function init(args)
  math.randomseed(os.time() * 1000 + (offset or 0))
  n = math.random(#paths)
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCHJSON {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, " ..
    "\"connect\": %d, \"read\": %d, \"write\": %d, \"status\": %d, \"timeout\": %d, " ..
    "\"mean_us\": %.1f, \"max_us\": %d, \"p50_us\": %d, \"p90_us\": %d, " ..
    "\"p95_us\": %d, \"p99_us\": %d}\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99)))
end
"""


def lua_script(paths: list[str], directory: Path, name: str) -> Path:
    for p in paths:
        if '"' in p or "\\" in p:
            raise ValueError(f"unsafe path for the Lua script: {p!r}")
    path = directory / f"{name}.lua"
    lua_paths = "{" + ", ".join(f'"{p}"' for p in paths) + "}"
    path.write_text(LUA.replace("{PATHS}", lua_paths))
    return path


def system_busy_seconds() -> float:
    """CPU time spent by everything on the machine (all cores) since boot."""
    first = Path("/proc/stat").read_text().split("\n", 1)[0]
    values = [int(v) for v in first.split()[1:9]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values) - idle) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wrk_run(
    wrk: str,
    server: Server,
    script: Path,
    threads: int,
    connections: int,
    seconds: float,
) -> dict:
    cpu_before = server.cpu_seconds()
    busy_before = system_busy_seconds()
    wrk_before = children_cpu_seconds()
    wall_before = time.perf_counter()
    completed = subprocess.run(
        [
            wrk,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            server.base,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=False,
    )
    cpu = server.cpu_seconds() - cpu_before
    wall = time.perf_counter() - wall_before
    wrk_cpu = children_cpu_seconds() - wrk_before
    foreign = system_busy_seconds() - busy_before - cpu - wrk_cpu
    for line in completed.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            result = json.loads(line.removeprefix("BENCHJSON "))
            break
    else:
        raise RuntimeError(f"wrk failed: {completed.stdout}\n{completed.stderr}")
    seconds_run = result["duration_us"] / 1e6
    result["rps"] = result["requests"] / seconds_run if seconds_run else 0.0
    result["errors"] = sum(
        result[k] for k in ("connect", "read", "write", "status", "timeout")
    )
    result["server_cpu_ms_per_request"] = (
        1000 * cpu / result["requests"] if result["requests"] else None
    )
    result["server_cpu_s"] = cpu
    result["wrk_cpu_s"] = wrk_cpu
    # CPU taken by other processes on the machine (other people's tests, …), as a
    # share of all cores over the run: the noise behind these figures.
    result["foreign_cpu_share"] = max(0.0, foreign) / (wall * (os.cpu_count() or 1))
    return result


@dataclass
class Case:
    name: str
    label: str
    paths: list[str]
    #: Paths fetched twice, two at a time, before measuring: one per distinct cache
    #: key, so that both workers hold what a steady state would.
    warm: list[str] = field(default_factory=list)
    #: Warm up with wrk before measuring (not for cases about cache misses).
    warm_wrk: bool = True
    load: dict = field(default_factory=dict)
    one: dict = field(default_factory=dict)


def warm_up(wrk: str, server: Server, case: Case, script: Path, seconds: float) -> None:
    for path in case.warm:
        for _ in range(2):  # two at a time, twice: each worker serves each path
            threads = [
                threading.Thread(target=fetch, args=(server.base + path,))
                for _ in range(WORKERS)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    if case.warm_wrk:
        wrk_run(wrk, server, script, 2, 4, seconds)


def check_paths(server: Server, case: Case) -> None:
    for path in case.paths[:5]:
        status, body = fetch(server.base + path)
        if status != 200:
            raise RuntimeError(
                f"{case.name}: GET {path} answered {status}:\n{body[:500]!r}"
            )


# --- Choosing what to request ---------------------------------------------------------


def check_data(pair: tuple[str, str, int]) -> None:
    """The list page must count what the database holds: stops the bench when data
    the services keep beside the practices (facet rows, …) is out of step."""
    from convivio.practices.selectors import PracticeFilters, practice_search

    theme, country, n = pair
    results = practice_search(
        filters=PracticeFilters(themes=(theme,), countries=(country,)), language="en"
    )
    counted = {f.value: f.count for f in results.facets["countries"]}
    if results.total != n or counted.get(country) != n:
        raise RuntimeError(
            f"the list counts {results.total} practices for {theme}+{country} "
            f"(facet: {counted.get(country)}), the database holds {n}: bench/data.py "
            "does not fill something the services keep up to date "
            "(see rebuild_derived there)."
        )


def choose_paths(practices: int, rng: random.Random) -> dict[str, list[str]]:
    from django.db.models import Count

    from convivio.core.models import Theme
    from convivio.practices.models import Practice

    published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    ids = list(published.values_list("id", flat=True))
    themes = list(Theme.objects.order_by("slug").values_list("slug", flat=True))
    countries = sorted(data.vocab.CITIES)
    pairs: list[tuple[str, str, int]] = []
    candidates = [(t, c) for t in themes for c in countries]
    rng.shuffle(candidates)
    minimum = min(100, max(1, practices // 1000))
    for theme, country in candidates:
        n = published.filter(themes__slug=theme, country__iso_code=country).count()
        if n >= minimum:
            pairs.append((theme, country, n))
        if len(pairs) == 8:
            break
    list_paths = []
    for page in range(1, 6):
        for theme, country, n in pairs:
            if (page - 1) * 20 < n:
                list_paths.append(
                    f"/en/practices/?theme={theme}&country={country}&page={page}"
                )
    # Every theme+country pair with enough practices, pages 1-5, both orders: more
    # URLs than a run requests, so nearly every request is a page not seen before.
    through = Practice.themes.through.objects.filter(practice__status="published")
    counts = through.values_list("theme__slug", "practice__country__iso_code").annotate(
        n=Count("id")
    )
    list_new = [
        f"/en/practices/?theme={t}&country={c}&sort={sort}&page={page}"
        for t, c, n in counts
        if n >= minimum
        for page in range(1, 6)
        if (page - 1) * 20 < n
        for sort in ("newest", "title")
    ]
    rng.shuffle(list_new)
    pages = max(1, -(-len(ids) // 20))
    check_data(pairs[0])
    return {
        "pairs": [f"{t}+{c} ({n} practices)" for t, c, n in pairs],
        "list": list_paths,
        "list_new": list_new,
        "search": [f"/en/practices/?q={quote_plus(q)}" for q in data.bench_queries()],
        "search_new": [
            f"/en/practices/?q={quote_plus(q)}" for q in data.fresh_queries(3000)
        ],
        # The filter panel that a broad new search loads just after its results
        # (other queries than search_new's, so that nothing is cached).
        "panel_new": [
            f"/en/practices/filters/?q={quote_plus(q)}"
            for q in data.fresh_queries(6000)[3000:]
        ],
        "detail": [f"/en/practices/{i}/" for i in rng.sample(ids, min(50, len(ids)))],
        "detail_new": [
            f"/en/practices/{i}/" for i in rng.sample(ids, min(20_000, len(ids)))
        ],
        "api": [f"/api/practices?page={rng.randint(1, pages)}" for _ in range(300)],
    }


# --- In-process measurements ----------------------------------------------------------


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _stats(values: list[float]) -> dict:
    return {
        "median_ms": statistics.median(values),
        "p95_ms": _pct(values, 0.95),
        "n": len(values),
    }


class Recorder:
    """An execute_wrapper that keeps each statement, its parameters and its time."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, object, bool, float]] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((sql, params, many, time.perf_counter() - start))


def replay(statements) -> float:
    """Run statements raw through a cursor, fetching every row; seconds taken."""
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params, many, _ in statements:
            if many:
                cursor.executemany(sql, params)
            else:
                cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()
    return time.perf_counter() - start


def measure_selector(rounds: int) -> dict:
    from django.db import connection

    from convivio.practices.facet_index import clear_cache_keeping_index
    from convivio.practices.selectors import (
        SEARCH_KIND,
        PracticeFilters,
        code_lists,
        practice_facets,
        practice_search,
    )
    from convivio.search.backends import get_backend

    backend = get_backend()
    queries = data.bench_queries()
    samples: dict[str, list[float]] = {
        k: []
        for k in (
            "raw_fts",
            "selector_cached",
            "selector_sql_cached",
            "selector_cold",
            "selector_sql_cold",
            "results_cold",
            "counts_cold",
        )
    }
    per_query: dict[str, dict] = {}

    def raw(q: str) -> tuple[float, int]:
        sql, params = backend.raw_sql(SEARCH_KIND, q)
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return time.perf_counter() - start, len(rows)

    def selector(q: str) -> tuple[float, Recorder]:
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            start = time.perf_counter()
            practice_search(filters=PracticeFilters(q=q), language="en")
            elapsed = time.perf_counter() - start
        return elapsed, recorder

    def results_only(q: str) -> float:
        """What the search page runs for a broad new query: results and total."""
        start = time.perf_counter()
        practice_search(filters=PracticeFilters(q=q), language="en", with_counts=False)
        return time.perf_counter() - start

    def counts(q: str) -> float:
        """What the filter panel then runs: the facet counts of the matches."""
        start = time.perf_counter()
        practice_facets(filters=PracticeFilters(q=q))
        return time.perf_counter() - start

    def forget(q: str) -> None:
        """A query seen for the first time: nothing of it in the cache (a
        worker's facet index stays, as it does from one request to the next)."""
        clear_cache_keeping_index()
        code_lists()  # shared by every query, so warm in real life

    for q in queries:  # warm SQLite's page cache and the code lists
        raw(q)
        selector(q)
    for r in range(rounds):
        for q in queries:
            t_raw, matches = raw(q)
            forget(q)
            t_cold, rec_cold = selector(q)
            t_cold_sql = replay(rec_cold.statements)
            t_sel, rec = selector(q)  # the same query again: its results are cached
            t_sql = replay(rec.statements)
            forget(q)
            t_results = results_only(q)
            t_counts = counts(q)
            for key, value in (
                ("raw_fts", t_raw),
                ("selector_cached", t_sel),
                ("selector_sql_cached", t_sql),
                ("selector_cold", t_cold),
                ("selector_sql_cold", t_cold_sql),
                ("results_cold", t_results),
                ("counts_cold", t_counts),
            ):
                samples[key].append(1000 * value)
            if r == 0:
                per_query[q] = {
                    "matches": matches,
                    "statements_cached": len(rec.statements),
                    "statements_cold": len(rec_cold.statements),
                }
    for q in queries:
        per_query[q]["raw_fts_ms"] = statistics.median(
            samples["raw_fts"][i * len(queries) + queries.index(q)]
            for i in range(rounds)
        )
        for key in ("selector_cached", "selector_cold"):
            per_query[q][f"{key}_ms"] = statistics.median(
                samples[key][i * len(queries) + queries.index(q)] for i in range(rounds)
            )
    summary = {k: _stats(v) for k, v in samples.items()}
    # Python's share: each call minus the replay of its own statements, paired.
    for kind in ("cached", "cold"):
        summary[f"python_{kind}"] = _stats(
            [
                a - b
                for a, b in zip(
                    samples[f"selector_{kind}"],
                    samples[f"selector_sql_{kind}"],
                    strict=True,
                )
            ]
        )
    return {"queries": per_query, "stats": summary, "rounds": rounds}


def _in_language(path: str, code: str) -> str:
    """The same page under another interface language's prefix (/en/… → /ro/…)."""
    return f"/{code}/" + path.removeprefix("/en/")


def catalogue_weight() -> dict:
    """What one interface catalogue weighs: its compiled file, and the bytes of
    the same list page in English and in Romanian (nothing is sent to the browser
    for the catalogue itself: pages are translated on the server)."""
    from django.conf import settings
    from django.test import Client

    locale = Path(settings.LOCALE_PATHS[0])
    sizes = {
        mo.parent.parent.name: mo.stat().st_size
        for mo in sorted(locale.glob("*/LC_MESSAGES/django.mo"))
    }
    client = Client(HTTP_HOST="127.0.0.1")
    page = {
        code: len(client.get(f"/{code}/practices/").content) for code in ("en", "ro")
    }
    return {"mo_bytes": sizes, "list_page_bytes": page}


def measure_views(paths: dict[str, list[str]], per_case: int) -> dict:
    """Each page in-process (Django test client, no HTTP server): its time, its SQL
    time and number of queries, with the cache warm and with the cache cleared."""
    from django.db import connection
    from django.test import Client

    from convivio.practices.facet_index import clear_cache_keeping_index
    from convivio.practices.selectors import code_lists

    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    cases = [
        ("floor", ["/bench/floor/"]),
        ("list", paths["list"]),
        # The same pages read in a second language (Romanian: about one practice
        # in ten has a Romanian row, the others fall back to their original).
        ("list ro", [_in_language(p, "ro") for p in paths["list"]]),
        ("search", paths["search"]),
        ("detail", paths["detail"]),
        ("detail ro", [_in_language(p, "ro") for p in paths["detail"]]),
        ("api", paths["api"][:20]),
    ]
    for name, case_paths in cases:
        chosen = [case_paths[i % len(case_paths)] for i in range(per_case)]
        for p in chosen:  # every path once: the cache holds them all
            client.get(p)
        for state in ("cached", "cold"):
            times, sql_times, counts = [], [], []
            # Cold requests cost up to a third of a second: fewer of them.
            for p in chosen if state == "cached" else chosen[: per_case // 3]:
                if state == "cold":
                    clear_cache_keeping_index()  # a worker keeps its facet index
                    code_lists()  # shared by every page, warm in real life
                recorder = Recorder()
                with connection.execute_wrapper(recorder):
                    start = time.perf_counter()
                    response = client.get(p)
                    elapsed = time.perf_counter() - start
                if response.status_code != 200:
                    raise RuntimeError(f"{p} answered {response.status_code}")
                times.append(1000 * elapsed)
                sql_times.append(1000 * sum(s[3] for s in recorder.statements))
                counts.append(len(recorder.statements))
            out[f"{name} {state}"] = {
                "median_ms": statistics.median(times),
                "p95_ms": _pct(times, 0.95),
                "sql_median_ms": statistics.median(sql_times),
                "queries_median": statistics.median(counts),
                "queries_max": max(counts),
            }
    return out


# --- Plans ----------------------------------------------------------------------------
#
# The plans cases run on their own database (bench/plans_data.py) and so in their own
# process: `run.py --only plans`.  A full run starts that process at its end and
# merges what it wrote (var/bench/plans_results.json) into results.json.

PLANS_RESULTS = data.BENCH_DIR / "plans_results.json"
#: The targets of issue 3 (SQLite, 200 plans, 1,000,000 observation cells).
PLANS_DASHBOARD_MAX_RATIO = 2.0  # dashboard ≤ 2× the raw aggregates behind it
PLANS_DASHBOARD_MAX_P95_MS = 300.0  # dashboard page p95, first visit
#: Refusing an observations import of 100,000 rows (the limit is 20,000): read no
#: further than the limit, so refused at once (was a wall-clock bound in the tests).
IMPORT_REFUSAL_MAX_S = {"csv": 2.0, "xlsx": 1.0}


def plans_raw_statements(plan_id: int) -> list[tuple[str, list]]:
    """The GROUP BY queries a hand-written dashboard of one plan would run: measures
    by status and area, budget by funding source, each indicator's series and
    targets, and the cells of each indicator's latest validated value summed."""
    from convivio.plans.models import (
        Indicator,
        Observation,
        ObservationValue,
        PlanNode,
        Target,
    )

    node = PlanNode._meta.db_table
    indicator = Indicator._meta.db_table
    observation = Observation._meta.db_table
    cell = ObservationValue._meta.db_table
    target = Target._meta.db_table
    return [
        (
            f"SELECT o.parent_id, m.status, COUNT(*), SUM(m.budget_amount) "
            f"FROM {node} m JOIN {node} o ON o.id = m.parent_id "
            "WHERE m.plan_id = %s AND m.kind = 'measure' AND m.deleted_at IS NULL "
            "GROUP BY o.parent_id, m.status",
            [plan_id],
        ),
        (
            f"SELECT funding_source, COUNT(*), SUM(budget_amount) FROM {node} "
            "WHERE plan_id = %s AND kind = 'measure' AND deleted_at IS NULL "
            "GROUP BY funding_source",
            [plan_id],
        ),
        (
            f"SELECT o.indicator_id, o.period, o.value FROM {observation} o "
            f"JOIN {indicator} i ON i.id = o.indicator_id "
            "WHERE i.plan_id = %s AND i.deleted_at IS NULL AND o.status = 'validated' "
            "ORDER BY o.indicator_id, o.period_start",
            [plan_id],
        ),
        (
            f"SELECT t.indicator_id, t.period, t.value FROM {target} t "
            f"JOIN {indicator} i ON i.id = t.indicator_id "
            "WHERE i.plan_id = %s AND t.cell = ''",
            [plan_id],
        ),
        (
            f"SELECT o.indicator_id, v.cell, SUM(v.value) FROM {cell} v "
            f"JOIN {observation} o ON o.id = v.observation_id "
            f"WHERE o.id IN (SELECT id FROM (SELECT o2.id, ROW_NUMBER() OVER ("
            "PARTITION BY o2.indicator_id ORDER BY o2.period_start DESC) AS n "
            f"FROM {observation} o2 JOIN {indicator} i ON i.id = o2.indicator_id "
            "WHERE i.plan_id = %s AND o2.status = 'validated') WHERE n = 1) "
            "GROUP BY o.indicator_id, v.cell",
            [plan_id],
        ),
    ]


def api_raw_statements(
    indicator_ids: list[int], page_size: int = 20
) -> list[tuple[str, list]]:
    """What an observations API page needs, by hand: the count, the page of
    validated observations, and their cells."""
    from convivio.plans.models import Observation, ObservationValue

    observation = Observation._meta.db_table
    cell = ObservationValue._meta.db_table
    marks = ", ".join(["%s"] * len(indicator_ids))
    where = f"indicator_id IN ({marks}) AND status = 'validated'"
    return [
        (f"SELECT COUNT(*) FROM {observation} WHERE {where}", list(indicator_ids)),
        (
            f"SELECT v.observation_id, v.cell, v.value FROM {cell} v "
            f"WHERE v.observation_id IN (SELECT id FROM {observation} WHERE {where} "
            f"ORDER BY indicator_id, period_start, id LIMIT {page_size})",
            list(indicator_ids),
        ),
        (
            f"SELECT id, indicator_id, period, period_start, period_end, value, "
            f"narrative, status, cells_complete, organisation_id, reported_at, "
            f"validated_at, version FROM {observation} WHERE {where} "
            f"ORDER BY indicator_id, period_start, id LIMIT {page_size}",
            list(indicator_ids),
        ),
    ]


def run_raw(statements: list[tuple[str, list]]) -> float:
    """Seconds to run the statements through a cursor, fetching every row."""
    return replay([(sql, params, False, 0.0) for sql, params in statements])


def plans_paths(rng: random.Random) -> dict[str, list[str]]:
    from convivio.plans.models import Indicator, Plan

    plans = list(
        Plan.objects.exclude(status=Plan.Status.DRAFT)
        .order_by("id")
        .values_list("id", flat=True)
    )
    disaggregated = list(
        Indicator.objects.filter(indicator_dimensions__isnull=False)
        .distinct()
        .order_by("id")
        .values_list("id", flat=True)
    )
    chosen = rng.sample(plans, min(20, len(plans)))
    new = list(plans)
    rng.shuffle(new)
    return {
        "plans": plans,
        "dashboard": [f"/en/plans/{i}/dashboard/" for i in chosen],
        "dashboard_new": [f"/en/plans/{i}/dashboard/" for i in new],
        "api_indicator": [
            f"/api/indicators/{i}/observations"
            for i in rng.sample(disaggregated, min(300, len(disaggregated)))
        ],
        "api_plan": [
            f"/api/plans/{i}/observations?page={rng.randint(1, 10)}"
            for i in rng.sample(plans, min(300, len(plans)))
        ],
    }


def bump_plan_versions() -> None:
    """A new data version for every plan: each dashboard's next visit is its first."""
    import sqlite3

    from convivio.plans.models import Plan

    con = sqlite3.connect(plans_data.DB_PATH, timeout=30)
    try:
        with con:
            con.execute(
                f"UPDATE {Plan._meta.db_table} SET data_version = data_version + 1"
            )
    finally:
        con.close()


def measure_plans(sample: int) -> dict:
    """In-process, per plan of a sample: the raw aggregates, the dashboard selector
    (cache cleared) and its SQL replayed, the dashboard page first and cached, and
    both observations API pages against their raw SQL."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from convivio.plans.models import Indicator, Plan
    from convivio.plans.reporting.dashboard import plan_dashboard

    client = Client(HTTP_HOST="127.0.0.1")
    anonymous = AnonymousUser()
    rng = random.Random(plans_data.SEED + 1)
    ids = list(Plan.objects.order_by("id").values_list("id", flat=True))
    chosen = rng.sample(ids, min(sample, len(ids)))
    samples: dict[str, list[float]] = {}
    queries: dict[str, list[int]] = {}

    def add(key: str, seconds: float, count: int | None = None) -> None:
        samples.setdefault(key, []).append(1000 * seconds)
        if count is not None:
            queries.setdefault(key, []).append(count)

    def get(path: str) -> tuple[float, Recorder]:
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            start = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return elapsed, recorder

    for pk in chosen[:3]:  # templates, code lists and SQLite's pages warm
        get(f"/en/plans/{pk}/dashboard/")
        run_raw(plans_raw_statements(pk))
    for pk in chosen:
        plan = Plan.objects.get(pk=pk)
        add("raw_dashboard", run_raw(plans_raw_statements(pk)))
        cache.clear()
        recorder = Recorder()
        with connection.execute_wrapper(recorder):
            start = time.perf_counter()
            plan_dashboard(plan, user=anonymous, language="en")
            elapsed = time.perf_counter() - start
        add("dashboard_cold", elapsed, len(recorder.statements))
        add("dashboard_sql", replay(recorder.statements))
        cache.clear()
        elapsed, recorder = get(f"/en/plans/{pk}/dashboard/")
        add("page_cold", elapsed, len(recorder.statements))
        elapsed, recorder = get(f"/en/plans/{pk}/dashboard/")
        add("page_cached", elapsed, len(recorder.statements))

        indicators = list(
            Indicator.objects.filter(plan_id=pk, deleted_at__isnull=True)
            .order_by("id")
            .values_list("id", flat=True)
        )
        first = indicators[0]  # disaggregated: the first five of each plan are
        add("raw_api_indicator", run_raw(api_raw_statements([first])))
        elapsed, recorder = get(f"/api/indicators/{first}/observations")
        add("api_indicator", elapsed, len(recorder.statements))
        add("raw_api_plan", run_raw(api_raw_statements(indicators)))
        elapsed, recorder = get(f"/api/plans/{pk}/observations")
        add("api_plan", elapsed, len(recorder.statements))
    for pk in chosen[:5]:  # the plan's PDF, first render and from the cache
        cache.clear()
        elapsed, recorder = get(f"/en/plans/{pk}/report.pdf")
        add("pdf_cold", elapsed, len(recorder.statements))
        elapsed, recorder = get(f"/en/plans/{pk}/report.pdf")
        add("pdf_cached", elapsed, len(recorder.statements))
    for _round in range(3):
        for kind, seconds in import_refusal_seconds(chosen[0]).items():
            add(f"import_refused_{kind}", seconds)
    stats = {key: _stats(values) for key, values in samples.items()}
    for key, counts in queries.items():
        stats[key]["queries_min"] = min(counts)
        stats[key]["queries_max"] = max(counts)
    return {"plans": len(chosen), "stats": stats}


def import_refusal_seconds(plan_id: int) -> dict[str, float]:
    """Seconds to refuse an observations file of 100,000 rows, as CSV and XLSX
    (nothing is saved: the file is over CONVIVIO_IMPORT_MAX_ROWS)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from convivio.core.models import User
    from convivio.plans.models import Indicator, Plan
    from convivio.plans.monitoring.imports import observations_import

    plan = Plan.objects.get(pk=plan_id)
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create(
        username="bench-admin", is_superuser=True, is_staff=True
    )
    indicator = Indicator.objects.filter(plan=plan).order_by("id").first()
    rows = [[indicator.pk, "2025", 1]] * 100_000
    text = "indicator_id,period,value\n" + "\n".join(
        ",".join(map(str, r)) for r in rows
    )
    book = Workbook(write_only=True)
    sheet = book.create_sheet("observations")
    sheet.append(["indicator_id", "period", "value"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    files = {
        "csv": ("values.csv", text.encode()),
        "xlsx": ("v.xlsx", buffer.getvalue()),
    }
    seconds = {}
    for kind, (name, content) in files.items():
        start = time.perf_counter()
        result = observations_import(
            user=admin, plan=plan, upload=SimpleUploadedFile(name, content)
        )
        seconds[kind] = time.perf_counter() - start
        if not any("rows" in error.message for error in result.errors):
            raise RuntimeError(f"the {kind} file of 100,000 rows was not refused")
    return seconds


def run_plans(args, wrk: str) -> dict:
    """The plans cases: HTTP through gunicorn and wrk, then in-process timings."""
    from django.core.management import call_command
    from django.db import connection

    marker = plans_data.ensure(args.plans, force=args.force_data, log=log)
    call_command("collectstatic", interactive=False, verbosity=0)
    paths = plans_paths(random.Random(plans_data.SEED + 2))
    connection.close()
    env = {**os.environ, **data.bench_environ(plans_data.DB_PATH)}
    cases = [
        Case("plans_floor", "floor: minimal view, same middleware", ["/bench/floor/"]),
        Case(
            "plans_dashboard",
            "plan dashboard: 20 plans, cached",
            paths["dashboard"],
            paths["dashboard"],
        ),
        Case(
            "plans_dashboard_new",
            "plan dashboard: first visit",
            paths["dashboard_new"],
            warm_wrk=False,
        ),
        Case(
            "plans_api_indicator",
            "API: an indicator's observations",
            paths["api_indicator"],
        ),
        Case(
            "plans_api_plan",
            "API: a plan's observations, pages 1-10",
            paths["api_plan"],
        ),
        Case("plans_floor_end", "floor again (end of run)", ["/bench/floor/"]),
    ]
    server = Server(env, free_port())
    http: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="convivio-bench-plans-") as tmp:
        try:
            log(f"Starting gunicorn ({WORKERS} sync workers) on {server.base} …")
            server.start()
            for case in cases:
                script = lua_script(case.paths, Path(tmp), case.name)
                check_paths(server, case)
                first_visit = case.name == "plans_dashboard_new"
                warm_up(wrk, server, case, script, args.warmup)
                server.wait_idle()
                if first_visit:
                    bump_plan_versions()
                case.one = wrk_run(wrk, server, script, 1, 1, args.latency_duration)
                server.wait_idle()
                if first_visit:
                    bump_plan_versions()
                case.load = wrk_run(wrk, server, script, 2, 32, args.duration)
                server.wait_idle()
                log(
                    f"  {case.label:<36} {case.load['rps']:>8,.0f} req/s   "
                    f"1 conn p50 {case.one['p50_us'] / 1000:.2f} ms, "
                    f"p95 {case.one['p95_us'] / 1000:.2f} ms"
                )
                http.append(
                    {
                        "name": case.name,
                        "label": case.label,
                        "paths": len(case.paths),
                        "example": case.paths[0],
                        "load": case.load,
                        "one": case.one,
                    }
                )
        finally:
            server.stop()
    log("Server stopped. Timing the dashboard and the API in-process …")
    inproc = measure_plans(args.plan_samples)
    connection.close()
    floors = [c for c in http if c["name"].startswith("plans_floor")]
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": code_version(),
        "data": marker,
        "plans": len(paths["plans"]),
        "duration": args.duration,
        "latency_duration": args.latency_duration,
        "floor_rps": statistics.mean(c["load"]["rps"] for c in floors),
        "floor_cpu_ms": statistics.mean(
            c["load"]["server_cpu_ms_per_request"] for c in floors
        ),
        "http": http,
        "inprocess": inproc,
    }
    results["targets"] = evaluate_plans(results)
    PLANS_RESULTS.write_text(
        json.dumps(results, indent=2, ensure_ascii=False, default=str)
    )
    return results


def evaluate_plans(results: dict) -> list[dict]:
    by = {c["name"]: c for c in results["http"]}
    stats = results["inprocess"]["stats"]
    targets = []
    for name, what in (
        ("plans_dashboard_new", "plan dashboard p95 at 1 connection, first visit"),
        ("plans_dashboard", "plan dashboard p95 at 1 connection, cached"),
    ):
        p95 = by[name]["one"]["p95_us"] / 1000
        targets.append(
            {
                "what": what,
                "measured": f"{p95:.1f} ms",
                "target": f"< {PLANS_DASHBOARD_MAX_P95_MS:.0f} ms",
                "result": verdict(p95 < PLANS_DASHBOARD_MAX_P95_MS),
            }
        )
    for key, what, aim in (
        ("dashboard_cold", "dashboard selector, cache cleared / raw aggregates", False),
        # Where the time goes: the selector's own SQL against the same aggregates,
        # and the whole page (templates, middleware).  Shown, not targets.
        ("dashboard_sql", "  its SQL replayed raw / raw aggregates", True),
        ("page_cold", "dashboard page in-process, first visit / raw aggregates", True),
    ):
        ratio = stats[key]["median_ms"] / stats["raw_dashboard"]["median_ms"]
        targets.append(
            {
                "what": f"{what} (medians)",
                "measured": f"{ratio:.2f}×",
                "target": f"≤ {PLANS_DASHBOARD_MAX_RATIO:.0f}×",
                "result": verdict(ratio <= PLANS_DASHBOARD_MAX_RATIO),
                "aim": aim,
            }
        )
    for kind, limit in IMPORT_REFUSAL_MAX_S.items():
        median = stats[f"import_refused_{kind}"]["median_ms"] / 1000
        targets.append(
            {
                "what": f"observations import of 100,000 rows ({kind}) refused",
                "measured": f"{median:.2f} s",
                "target": f"< {limit:.0f} s",
                "result": verdict(median < limit),
            }
        )
    for key, what in (
        ("dashboard_cold", "dashboard queries, any plan"),
        ("api_plan", "plan observations API queries, any plan"),
    ):
        low, high = stats[key]["queries_min"], stats[key]["queries_max"]
        targets.append(
            {
                "what": what,
                "measured": f"{low}–{high}",
                "target": "the same for every plan",
                "result": verdict(low == high),
            }
        )
    for case in results["http"]:
        errors = case["load"]["errors"] + case["one"]["errors"]
        if errors:
            targets.append(
                {
                    "what": f"{case['label']}: no errors",
                    "measured": f"{errors} errors",
                    "target": "0",
                    "result": "FAIL",
                }
            )
    return targets


def report_plans(results: dict) -> list[str]:
    counts = results["data"].get("counts", {})
    floor_rps = results["floor_rps"]
    lines = [
        "",
        f"Convivio plans bench · {counts.get('plans', results['plans'])} plans · "
        f"{counts.get('indicators', 0):,} indicators · "
        f"{counts.get('observations', 0):,} observations · "
        f"{counts.get('cells', 0):,} cells · SQLite · gunicorn {WORKERS} sync "
        f"workers · {results['machine']} · code {results['commit']}",
        f"load: wrk -t2 -c32 {results['duration']} s; latency: wrk -t1 -c1 "
        f"{results['latency_duration']} s",
        "",
        f"{'case':<40} {'req/s':>6} {'%floor':>6} {'CPU/req':>7} "
        f"{'p50':>7} {'p95':>7} {'n@1':>5} {'other':>5} {'err':>3}",
        f"{'':<40} {'':>6} {'':>6} {'ms':>7} {'ms':>7} {'ms':>7} {'':>5} {'CPU':>5}",
        "-" * 94,
    ]
    for case in results["http"]:
        load, one = case["load"], case["one"]
        cpu = load["server_cpu_ms_per_request"]
        lines.append(
            f"{case['label']:<40} {load['rps']:>6,.0f} "
            f"{100 * load['rps'] / floor_rps:>5.1f}% {cpu:>7.2f} "
            f"{one['p50_us'] / 1000:>7.2f} {one['p95_us'] / 1000:>7.2f} "
            f"{one['requests']:>5} {100 * load['foreign_cpu_share']:>4.0f}% "
            f"{load['errors'] + one['errors']:>3}"
        )
    lines += [
        f"n@1 = requests of the 1-connection run; the first-visit case gives every "
        f"plan a new data version before each run ({results['plans']} plans);",
        "other CPU = CPU used by other processes during the 32-connection run.",
    ]
    stats = results["inprocess"]["stats"]
    raw = stats["raw_dashboard"]
    lines += [
        "",
        f"in-process, {results['inprocess']['plans']} plans "
        "(Django test client or a direct call; cold = cache cleared)",
        f"{'what':<50} {'median':>7} {'p95':>7} {'× raw':>6} {'× raw':>6} "
        f"{'queries':>8}",
        f"{'':<50} {'ms':>7} {'ms':>7} {'(med)':>6} {'(p95)':>6}",
        "-" * 90,
    ]
    rows = [
        ("raw_dashboard", "raw aggregates of one plan (5 GROUP BY queries)", raw),
        ("dashboard_cold", "plan_dashboard(), cache cleared", raw),
        ("dashboard_sql", "  its SQL replayed raw", raw),
        ("page_cold", "dashboard page, first visit", raw),
        ("page_cached", "dashboard page, cached", raw),
        ("raw_api_indicator", "raw SQL of an indicator's observations page", None),
        ("api_indicator", "API: an indicator's observations", "raw_api_indicator"),
        ("raw_api_plan", "raw SQL of a plan's observations page", None),
        ("api_plan", "API: a plan's observations", "raw_api_plan"),
        ("pdf_cold", "the plan as PDF, first render (5 plans)", None),
        ("pdf_cached", "the plan as PDF, cached", None),
        ("import_refused_csv", "import of 100,000 rows refused (CSV)", None),
        ("import_refused_xlsx", "import of 100,000 rows refused (XLSX)", None),
    ]
    for key, label, base in rows:
        s = stats[key]
        if isinstance(base, str):
            base = stats[base]
        ratios = (
            f"{s['median_ms'] / base['median_ms']:>6.2f} "
            f"{s['p95_ms'] / base['p95_ms']:>6.2f}"
            if base
            else f"{'':>6} {'':>6}"
        )
        q = (
            f"{s['queries_min']}–{s['queries_max']}"
            if "queries_min" in s and s["queries_min"] != s["queries_max"]
            else str(s.get("queries_max", ""))
        )
        lines.append(
            f"{label:<50} {s['median_ms']:>7.2f} {s['p95_ms']:>7.2f} {ratios} {q:>8}"
        )
    lines += ["", "targets (issue 3):"]
    for t in results["targets"]:
        note = " (shown, not a target)" if t.get("aim") else ""
        lines.append(
            f"  {t['result']}  {t['what']}: {t['measured']} "
            f"(target {t['target']}){note}"
        )
    return lines


def plans_subprocess(args) -> dict | None:
    """Run the plans cases in their own process (their own database); their results."""
    PLANS_RESULTS.unlink(missing_ok=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--only",
        "plans",
        "--plans",
        str(args.plans),
        "--duration",
        str(args.duration),
        "--latency-duration",
        str(args.latency_duration),
        "--warmup",
        str(args.warmup),
        "--plan-samples",
        str(args.plan_samples),
    ]
    if args.force_data:
        command.append("--force-data")
    completed = subprocess.run(command, cwd=ROOT, check=False)
    if completed.returncode != 0 or not PLANS_RESULTS.exists():
        log(f"The plans cases failed (exit {completed.returncode}).")
        return None
    return json.loads(PLANS_RESULTS.read_text())


def ingest_subprocess(args) -> dict | None:
    """Run bench/ingest_bench.py in its own process (its own database); it prints
    its table; its results."""
    from bench import ingest_bench

    ingest_bench.RESULTS.unlink(missing_ok=True)
    command = [
        sys.executable,
        str(ROOT / "bench" / "ingest_bench.py"),
        "--mb",
        str(args.ingest_mb),
        "--rounds",
        str(args.ingest_rounds),
    ]
    completed = subprocess.run(command, cwd=ROOT, check=False)
    if completed.returncode != 0 or not ingest_bench.RESULTS.exists():
        log(f"The ingestion cases failed (exit {completed.returncode}).")
        return None
    return json.loads(ingest_bench.RESULTS.read_text())


# --- Report ---------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(results: dict) -> list[str]:
    http = results["http"]
    floor_rps = results["floor_rps"]
    lines = [
        "",
        f"Convivio bench · {results['practices']:,} practices · SQLite · gunicorn "
        f"{WORKERS} sync workers · {results['machine']} · code {results['commit']}",
        f"load: wrk -t2 -c32 {results['duration']} s (req/s, CPU/req); "
        f"latency: wrk -t1 -c1 {results['latency_duration']} s",
        "",
        f"{'case':<37} {'req/s':>6} {'%floor':>6} {'CPU/req':>7} {'%floor':>6} "
        f"{'p50':>6} {'p95':>7} {'other':>5} {'err':>3}  target",
        f"{'':<37} {'':>6} {'':>6} {'ms':>7} {'by CPU':>6} "
        f"{'ms':>6} {'ms':>7} {'CPU':>5}",
        "-" * 110,
    ]
    for case in http:
        load, one = case["load"], case["one"]
        share = load["rps"] / floor_rps if floor_rps else 0
        cpu = load["server_cpu_ms_per_request"]
        cpu_share = results["floor_cpu_ms"] / cpu if cpu else 0
        lines.append(
            f"{case['label']:<37} {load['rps']:>6,.0f} {100 * share:>5.1f}% "
            f"{cpu:>7.2f} {100 * cpu_share:>5.1f}% {one['p50_us'] / 1000:>6.2f} "
            f"{one['p95_us'] / 1000:>7.2f} {100 * load['foreign_cpu_share']:>4.0f}% "
            f"{load['errors'] + one['errors']:>3}  {case.get('target', '')}"
        )
    lines += [
        "req/s and CPU at 32 connections, p50/p95 at 1 connection; %floor by CPU = "
        "the floor's server CPU",
        "per request / this page's; other CPU = CPU used by other processes during "
        "the 32-connection run (noise),",
        "as a share of all cores.",
    ]
    sel = results["selector"]["stats"]
    raw_med, raw_p95 = sel["raw_fts"]["median_ms"], sel["raw_fts"]["p95_ms"]
    lines += [
        "",
        "search selector, in-process: 20 two-word queries × "
        f"{results['selector']['rounds']} rounds, language en",
        f"{'what':<52} {'median ms':>9} {'p95 ms':>8} "
        f"{'× raw (med)':>11} {'× raw (p95)':>11}",
        "-" * 96,
    ]
    labels = {
        "raw_fts": "raw FTS query (backend.raw_sql, execute + fetchall)",
        "selector_cached": "practice_search(), query seen before (cached)",
        "selector_sql_cached": "  its SQL replayed raw (same statements)",
        "selector_cold": "practice_search(), new query (cache cleared)",
        "selector_sql_cold": "  its SQL replayed raw (same statements)",
        "results_cold": "  of which results and total (the page, large query)",
        "counts_cold": "  of which facet counts (the panel loaded after)",
    }
    for key, label in labels.items():
        s = sel[key]
        lines.append(
            f"{label:<52} {s['median_ms']:>9.2f} {s['p95_ms']:>8.2f} "
            f"{s['median_ms'] / raw_med:>11.2f} {s['p95_ms'] / raw_p95:>11.2f}"
        )
    over_c = sel["python_cached"]["median_ms"]
    over_k = sel["python_cold"]["median_ms"]
    lines.append(
        "Python overhead (each call minus the replay of its own SQL), median: "
        f"cached {over_c:.2f} ms, cold {over_k:.2f} ms"
    )
    views = results["views"]
    lines += [
        "",
        "pages in-process (Django test client, no HTTP server; cold = cache cleared)",
        f"{'page':<14} {'median ms':>9} {'p95 ms':>8} "
        f"{'SQL ms (med)':>12} {'queries':>8}",
    ]
    for name, v in views.items():
        lines.append(
            f"{name:<14} {v['median_ms']:>9.2f} {v['p95_ms']:>8.2f} "
            f"{v['sql_median_ms']:>12.2f} {v['queries_median']:>8.0f}"
        )
    lines.append("second language against the first (median, same pages):")
    for page in ("list", "detail"):
        for state in ("cached", "cold"):
            first = views[f"{page} {state}"]["median_ms"]
            second = views[f"{page} ro {state}"]["median_ms"]
            lines.append(
                f"  {page} {state}: /ro/ {second:.2f} ms = "
                f"{second / first:.2f}× /en/ {first:.2f} ms"
            )
    weight = results.get("catalogues")
    if weight:
        mo = weight["mo_bytes"]
        page = weight["list_page_bytes"]
        lines.append(
            "one interface catalogue (compiled .mo, read once per process): "
            + ", ".join(f"{code} {size / 1024:.0f} KiB" for code, size in mo.items())
        )
        lines.append(
            f"list page weight: /en/ {page['en']:,} bytes, /ro/ {page['ro']:,} bytes "
            f"({page['ro'] / page['en']:.2f}×; no catalogue is sent to the browser)"
        )
    lines += ["", "targets (issue 2):"]
    for t in results["targets"]:
        lines.append(
            f"  {t['result']}  {t['what']}: {t['measured']} (target {t['target']})"
        )
    return lines


def evaluate(results: dict) -> list[dict]:
    by = {c["name"]: c for c in results["http"]}
    floor_rps = results["floor_rps"]
    sel = results["selector"]["stats"]
    targets = []

    def share_target(name: str, what: str, minimum: float, aim: bool = False):
        share = by[name]["load"]["rps"] / floor_rps
        targets.append(
            {
                "what": what,
                "measured": f"{100 * share:.1f}% of floor",
                "target": f"≥ {100 * minimum:.0f}%",
                "result": verdict(share >= minimum),
                "aim": aim,
            }
        )

    share_target("list", "list page throughput, results cached", LIST_MIN_SHARE)
    share_target(
        "list_new", "list page throughput, a page not seen before", LIST_MIN_SHARE
    )
    share_target("detail", "detail page throughput, article cached", DETAIL_MIN_SHARE)
    share_target("detail_new", "detail page throughput, first visit", DETAIL_MIN_SHARE)
    for name, what in (
        ("search", "search page p95 at 1 connection, 20 rotating queries"),
        ("search_new", "search page p95 at 1 connection, a new query each time"),
    ):
        p95 = by[name]["one"]["p95_us"] / 1000
        targets.append(
            {
                "what": what,
                "measured": f"{p95:.1f} ms",
                "target": f"< {SEARCH_MAX_P95_MS:.0f} ms",
                "result": verdict(p95 < SEARCH_MAX_P95_MS),
            }
        )
    for key, what in (
        ("selector_cached", "search selector / raw FTS query, query seen before"),
        ("selector_cold", "search selector / raw FTS query, new query"),
        (
            "results_cold",
            "search results selector (page of a large new query) / raw FTS query",
        ),
    ):
        ratio = sel[key]["median_ms"] / sel["raw_fts"]["median_ms"]
        targets.append(
            {
                "what": what + " (medians)",
                "measured": f"{ratio:.2f}×",
                "target": f"≤ {SELECTOR_MAX_RATIO:.0f}×",
                "result": verdict(ratio <= SELECTOR_MAX_RATIO),
            }
        )
    share_target(
        "api",
        "API list throughput (an aim of ARCHITECTURE.md, not of issue 2)",
        API_AIM_SHARE,
        aim=True,
    )
    for case in results["http"]:
        errors = case["load"]["errors"] + case["one"]["errors"]
        if errors:
            targets.append(
                {
                    "what": f"{case['label']}: no errors",
                    "measured": f"{errors} errors",
                    "target": "0",
                    "result": "FAIL",
                }
            )
    return targets


def core_speed_seconds() -> float:
    """perf-baselines.md's yardstick: sum(i*i for i in range(10**7)), best of 3."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sum(i * i for i in range(10**7))
        best = min(best, time.perf_counter() - start)
    return best


def code_version() -> str:
    """The commit measured, and whether the tree had changes (or BENCH_COMMIT)."""
    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]
    try:
        return subprocess.run(
            ["git", "describe", "--always", "--dirty", "--exclude", "*"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores {cpu} · Python {platform.python_version()}".strip()


# --- Main -----------------------------------------------------------------------------


def search_subprocesses() -> bool:
    """The one search: its relevance (bench/relevance.py) and its speed and
    memory at scale (bench/search_scale.py), each in its own process and
    database.  True when both ran and met their targets."""
    from bench import relevance

    ok = True
    try:
        figures = relevance.run()
    except subprocess.CalledProcessError as error:
        log(f"The relevance cases failed (exit {error.returncode}).")
        ok = False
    else:
        for line in relevance.report(figures):
            log(line)
        ok = ok and "FAIL" not in " ".join(relevance.report(figures))
    code = subprocess.call([sys.executable, str(ROOT / "bench" / "search_scale.py")])
    return ok and code == 0


def directory_subprocess() -> int:
    """The directory cases (100,000 services): bench/directory_data.py, which
    makes its own database and prints its figures and targets."""
    return subprocess.call([sys.executable, str(ROOT / "bench" / "directory_data.py")])


def exchange_subprocess() -> int:
    """The exchange cases (10,000 networks, 1,000,000 posts and chat messages):
    bench/exchange_bench.py, with its own database, figures and targets."""
    return subprocess.call([sys.executable, str(ROOT / "bench" / "exchange_bench.py")])


def main() -> int:
    parser = argparse.ArgumentParser(description="Convivio benchmarks at scale.")
    parser.add_argument("--practices", type=int, default=data.DEFAULT_PRACTICES)
    parser.add_argument("--duration", type=int, default=10, help="seconds at 32 conns")
    parser.add_argument("--latency-duration", type=int, default=6, help="seconds at 1")
    parser.add_argument(
        "--warmup", type=float, default=2, help="seconds of wrk warm-up"
    )
    parser.add_argument("--rounds", type=int, default=3, help="selector rounds")
    parser.add_argument("--force-data", action="store_true", help="rebuild the data")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target fails"
    )
    parser.add_argument(
        "--only",
        choices=(
            "all",
            "practices",
            "plans",
            "ingest",
            "directory",
            "search",
            "exchange",
        ),
        default="all",
        help="run only the practices, the plans or the ingestion cases",
    )
    parser.add_argument(
        "--ingest-mb", type=float, default=20.0, help="synthetic plan size (MB)"
    )
    parser.add_argument(
        "--ingest-rounds", type=int, default=5, help="rounds of seed 000"
    )
    parser.add_argument("--plans", type=int, default=plans_data.DEFAULT_PLANS)
    parser.add_argument(
        "--plan-samples", type=int, default=40, help="plans timed in-process"
    )
    args = parser.parse_args()

    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, _on_signal)
    started = time.perf_counter()
    if args.only == "directory":
        return directory_subprocess()
    if args.only == "exchange":
        return exchange_subprocess()
    if args.only == "search":
        return 0 if search_subprocesses() or not args.strict else 1
    if args.only == "ingest":
        ingest = ingest_subprocess(args)
        if ingest is None:
            return 1
        failed = [t for t in ingest["targets"] if t["result"] != "PASS"]
        return 1 if failed and args.strict else 0
    wrk = ensure_wrk()
    if args.only == "plans":
        plans = run_plans(args, wrk)
        for line in report_plans(plans):
            log(line)
        log(
            f"Results in {PLANS_RESULTS.relative_to(ROOT)}; took "
            f"{time.perf_counter() - started:.0f} s."
        )
        failed = [
            t for t in plans["targets"] if t["result"] != "PASS" and not t.get("aim")
        ]
        return 1 if failed and args.strict else 0
    marker = data.ensure(args.practices, force=args.force_data, log=log)

    from django.core.management import call_command
    from django.db import connection

    # The production settings serve static files from a manifest: build it.
    call_command("collectstatic", interactive=False, verbosity=0)
    paths = choose_paths(args.practices, random.Random(data.SEED + 2))
    connection.close()

    env = {**os.environ, **data.bench_environ()}
    # Pages are cached per worker (rendered list results per URL and index version,
    # practice articles per practice version): each page is measured both as a
    # cache hit (a few URLs, warmed on both workers) and as a miss.
    cases = [
        Case("floor", "floor: minimal view, same middleware", ["/bench/floor/"]),
        Case(
            "list",
            "list: 8 theme+country × pages 1-5",
            paths["list"],
            paths["list"],
        ),
        Case(
            "list_new",
            "list: a page not seen before",
            paths["list_new"],
            warm_wrk=False,
        ),
        Case(
            "list_same",
            "list: one URL only",
            paths["list"][:1],
            paths["list"][:1],
        ),
        Case("search", "search: 20 two-word queries", paths["search"], paths["search"]),
        Case(
            "search_new",
            "search: a new query each time",
            paths["search_new"],
            warm_wrk=False,
        ),
        Case(
            "panel_new",
            "search: its filter panel (loaded after)",
            paths["panel_new"],
            warm_wrk=False,
        ),
        Case(
            "detail", "detail: 50 practices, cached", paths["detail"], paths["detail"]
        ),
        Case(
            "detail_new",
            "detail: a new practice each time",
            paths["detail_new"],
            warm_wrk=False,
        ),
        Case("api", "API list: random pages", paths["api"]),
        Case("floor_end", "floor again (end of run)", ["/bench/floor/"]),
    ]
    server = Server(env, free_port())
    http: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="convivio-bench-") as tmp:
        try:
            log(f"Starting gunicorn ({WORKERS} sync workers) on {server.base} …")
            server.start()
            for case in cases:
                script = lua_script(case.paths, Path(tmp), case.name)
                check_paths(server, case)
                warm_up(wrk, server, case, script, args.warmup)
                server.wait_idle()
                case.one = wrk_run(wrk, server, script, 1, 1, args.latency_duration)
                server.wait_idle()
                case.load = wrk_run(wrk, server, script, 2, 32, args.duration)
                server.wait_idle()
                log(
                    f"  {case.label:<36} {case.load['rps']:>8,.0f} req/s   "
                    f"1 conn p50 {case.one['p50_us'] / 1000:.2f} ms, "
                    f"p95 {case.one['p95_us'] / 1000:.2f} ms"
                )
                http.append(
                    {
                        "name": case.name,
                        "label": case.label,
                        "paths": len(case.paths),
                        "example": case.paths[0],
                        "load": case.load,
                        "one": case.one,
                    }
                )
        finally:
            server.stop()
    log("Server stopped. Timing the search selector in-process …")
    selector = measure_selector(args.rounds)
    log("Timing each page in-process …")
    views = measure_views(paths, 40)
    catalogues = catalogue_weight()
    connection.close()

    floors = [c["load"]["rps"] for c in http if c["name"].startswith("floor")]
    targets_note = {
        "list": f"≥ {100 * LIST_MIN_SHARE:.0f}% of floor",
        "list_new": f"≥ {100 * LIST_MIN_SHARE:.0f}% of floor",
        "detail": f"≥ {100 * DETAIL_MIN_SHARE:.0f}% of floor",
        "detail_new": f"≥ {100 * DETAIL_MIN_SHARE:.0f}% of floor",
        "search": f"p95 < {SEARCH_MAX_P95_MS:.0f} ms",
        "search_new": f"p95 < {SEARCH_MAX_P95_MS:.0f} ms",
        "api": f"≥ {100 * API_AIM_SHARE:.0f}% (aim)",
    }
    for case in http:
        case["target"] = targets_note.get(case["name"], "")
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "commit": code_version(),
        "core_speed_s": core_speed_seconds(),
        "practices": args.practices,
        "data": marker,
        "duration": args.duration,
        "latency_duration": args.latency_duration,
        "workers": WORKERS,
        "floor_rps": statistics.mean(floors),
        "floor_cpu_ms": statistics.mean(
            c["load"]["server_cpu_ms_per_request"]
            for c in http
            if c["name"].startswith("floor")
        ),
        "floor_runs_rps": floors,
        "facet_pairs": paths["pairs"],
        "queries": data.bench_queries(),
        "http": http,
        "selector": selector,
        "views": views,
        "catalogues": catalogues,
    }
    results["targets"] = evaluate(results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    for line in report(results):
        log(line)
    log(
        f"\nfloor = mean of {len(floors)} runs: "
        + ", ".join(f"{f:,.0f}" for f in floors)
    )
    log(
        "one core: sum(i*i for i in range(10**7)) took "
        f"{results['core_speed_s']:.2f} s (perf-baselines.md: 0.99 s)"
    )
    log(f"Results in {RESULTS.relative_to(ROOT)}; took {results['seconds']:.0f} s.")
    failed = [
        t for t in results["targets"] if t["result"] != "PASS" and not t.get("aim")
    ]
    if args.only == "all":
        log("\nThe directory cases, in their own process and database …")
        if directory_subprocess() != 0:
            failed.append({"what": "directory cases"})
        log("\nThe exchange cases, in their own process and database …")
        if exchange_subprocess() != 0:
            failed.append({"what": "exchange cases"})
        log("\nThe one search: relevance and scale, in their own processes …")
        if not search_subprocesses():
            failed.append({"what": "search cases"})
        log("\nThe plans cases, in their own process and database …")
        plans = plans_subprocess(args)
        if plans is None:
            failed.append({"what": "plans cases"})
        else:
            results["plans"] = plans
            failed += [
                t
                for t in plans["targets"]
                if t["result"] != "PASS" and not t.get("aim")
            ]
            RESULTS.write_text(
                json.dumps(results, indent=2, ensure_ascii=False, default=str)
            )
        log("\nThe ingestion cases, in their own process and database …")
        ingest = ingest_subprocess(args)
        if ingest is None:
            failed.append({"what": "ingestion cases"})
        else:
            results["ingest"] = ingest
            failed += [t for t in ingest["targets"] if t["result"] != "PASS"]
            RESULTS.write_text(
                json.dumps(results, indent=2, ensure_ascii=False, default=str)
            )
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Stop as stop:
        log(f"\n{stop}: every server was stopped.")
        sys.exit(130)
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        log(f"\nmake bench failed: {error}")
        sys.exit(1)
