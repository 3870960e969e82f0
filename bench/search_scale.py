"""The one search at scale: 100,000 practices, 1,000,000 plan nodes and 100,000
services in one SQLite index, words and vectors; run by `make bench` in its own
process (``python bench/search_scale.py``).

Data.  The practices are the bench's real ones (var/bench/bench.sqlite3, made by
bench/data.py).  Plan nodes and services are written straight into the index
(entries, full-text rows and vectors) from the bench vocabulary, without their
records: their pages are measured by the plans and directory benches, and here
the cost of finding them (the full-text match over 1,000,000 rows, the vector
scan, the visibility check of the matches) is what grows with their number.
Vectors of 1.2 million entries cannot be computed by the model in a bench run
(~30 passages/s): each entry gets the real vector of one of a few hundred
embedded texts of the vocabulary plus noise, so the index has the size and the
spread of a real one.  Search *quality* is measured on real vectors by
bench/relevance.py.  Indexer throughput is measured here on real practices with
the real model.

Figures: the /search/ page (all kinds) and a practice list search by a
never-seen query, p50/p95 in a warm worker with the query's embedding included,
as ratios against the floor view and the raw queries; the vector scan alone;
the resident memory of a fresh worker process after it served searches; the
indexer's records per second.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

os.environ.setdefault("OMP_NUM_THREADS", "1")

from bench import data, vocab  # noqa: E402

NODES = 1_000_000
SERVICES = 100_000
#: Bump when what this module adds to the database changes.
VERSION = 1
TEMPLATES = 300
NOISE = 0.035
SEED = 20261207
RESULTS = data.BENCH_DIR / "search_scale.json"
#: Its own copy of the practices (the other cases keep theirs untouched).
DB_PATH = data.BENCH_DIR / "search.sqlite3"
#: Targets of issue 12.
PAGE_P95_MS = 150.0
NEW_SEARCH_P95_MS = 50.0
WORKER_RSS_MB = 250.0


def log(message: str = "") -> None:
    print(message, flush=True)


# --- Data -----------------------------------------------------------------------------


def _marker() -> dict | None:
    from django.db import connection

    if "bench_meta" not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM bench_meta WHERE key = 'search_scale'")
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def _texts(rng: random.Random, count: int, words: int) -> list[tuple[str, str]]:
    """(language, text) drawn from the bench vocabulary."""
    codes = list(vocab.LANGUAGE_SHARES)
    weights = list(vocab.LANGUAGE_SHARES.values())
    out = []
    for _ in range(count):
        code = rng.choices(codes, weights)[0]
        domain = data.DOMAIN[code]
        out.append((code, " ".join(rng.choice(domain[:400]) for _ in range(words))))
    return out


def synthetic_vectors(
    embedder, centre, count: int, rng: random.Random, templates
) -> tuple[list[bytes], list[bytes]]:
    import numpy as np

    from convivio.search import vectors

    generator = np.random.default_rng(rng.randrange(2**32))
    base = templates[generator.integers(0, len(templates), size=count)]
    noisy = base + generator.normal(scale=NOISE, size=base.shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    pairs = vectors.encode(noisy.astype(np.float32), centre)
    return [p[0] for p in pairs], [p[1] for p in pairs]


def ensure(force: bool = False) -> dict:
    """The practices' bench database with plan nodes' and services' index
    entries and every entry's vector added."""
    data.ensure(data.DEFAULT_PRACTICES, db_path=DB_PATH, log=log)
    from django.db import connection, transaction

    from convivio.search import text, vectors
    from convivio.search.embedding import get_embedder
    from convivio.search.models import SearchEntry, SearchVector
    from convivio.search.services import index_version_bump

    wanted = {"version": VERSION, "nodes": NODES, "services": SERVICES}
    marker = None if force else _marker()
    if marker and all(marker.get(k) == v for k, v in wanted.items()):
        log(f"Reusing the search scale data (made {marker['created']}).")
        return marker
    started = time.perf_counter()
    rng = random.Random(SEED)
    embedder = get_embedder()
    space = vectors.space_for(embedder)
    centre = vectors.centre_of(space)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
    # Templates: real vectors of vocabulary texts in every bench language.
    t0 = time.perf_counter()
    template_texts = [t for _, t in _texts(rng, TEMPLATES, 8)]
    templates = embedder.passages(template_texts)
    log(f"  {TEMPLATES} template vectors embedded ({time.perf_counter() - t0:.0f} s)")
    timings: dict[str, float] = {}
    with transaction.atomic():
        SearchVector.objects.all().delete()
        SearchEntry.objects.filter(kind__in=["node", "service"]).delete()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts_node")
            cursor.execute("DELETE FROM search_fts_service")
        for kind, count, words in (("node", NODES, 10), ("service", SERVICES, 14)):
            t0 = time.perf_counter()
            for start in range(0, count, 20_000):
                size = min(20_000, count - start)
                rows = _texts(rng, size, words)
                entries = SearchEntry.objects.bulk_create(
                    [
                        SearchEntry(
                            kind=kind,
                            object_id=start + n + 1,
                            language=code,
                            title=" ".join(body.split()[:4]),
                            body=body,
                            embedded=True,
                        )
                        for n, (code, body) in enumerate(rows)
                    ]
                )
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO search_fts_{kind}(rowid, title, body) "
                        "VALUES (%s, %s, %s)",
                        [
                            (
                                e.object_id * 32,
                                text.stemmed_text(e.title, e.language),
                                text.stemmed_text(e.body, e.language),
                            )
                            for e in entries
                        ],
                    )
            timings[f"{kind}_entries"] = time.perf_counter() - t0
        # Every entry (the practices' too) gets a vector.
        t0 = time.perf_counter()
        batch: list[SearchVector] = []
        rows = SearchEntry.objects.values_list("kind", "object_id", "language")
        total = 0
        for kind, object_id, language in rows.iterator(chunk_size=20_000):
            batch.append(
                SearchVector(
                    kind=kind, object_id=object_id, language=language, digest="bench"
                )
            )
            if len(batch) == 20_000:
                total += _write_vectors(batch, embedder, centre, rng, templates)
                batch = []
        total += _write_vectors(batch, embedder, centre, rng, templates)
        SearchEntry.objects.update(embedded=True)
        timings["vectors"] = time.perf_counter() - t0
        for kind in ("practice", "node", "service"):
            index_version_bump(kind=kind)
            index_version_bump(kind=vectors.version_key(kind))
    with connection.cursor() as cursor:
        for kind in ("node", "service"):
            cursor.execute(
                f"INSERT INTO search_fts_{kind}(search_fts_{kind}) VALUES('optimize')"
            )
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value TEXT)"
        )
        marker = {
            **wanted,
            "vectors": total,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "seconds": round(time.perf_counter() - started, 1),
            "timings": {k: round(v, 1) for k, v in timings.items()},
        }
        cursor.execute(
            "INSERT OR REPLACE INTO bench_meta (key, value) "
            "VALUES ('search_scale', %s)",
            [json.dumps(marker)],
        )
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log(f"  search scale data made in {marker['seconds']:.0f} s: {marker['timings']}")
    return marker


def _write_vectors(batch, embedder, centre, rng, templates) -> int:
    from convivio.search.models import SearchVector

    if not batch:
        return 0
    halves, codes = synthetic_vectors(embedder, centre, len(batch), rng, templates)
    for row, half, code in zip(batch, halves, codes, strict=True):
        row.vector = half
        row.code = code
    SearchVector.objects.bulk_create(batch, batch_size=5_000)
    return len(batch)


# --- Measures -------------------------------------------------------------------------


def queries(count: int, seed: int) -> list[str]:
    """Never-seen two-word queries in the bench languages, and some in scripts
    the bench content does not use (they still cost an embedding and a scan)."""
    rng = random.Random(seed)
    out: list[str] = []
    seen = set(data.bench_queries())
    extra = ["طبيب للأطفال", "курси мови", "μαθήματα γλώσσας", "curs limbă"]
    while len(out) < count:
        if len(out) % 10 == 9:
            query = f"{extra[(len(out) // 10) % len(extra)]} {len(out)}"
        else:
            code = rng.choice(list(vocab.LANGUAGE_SHARES))
            first, second = rng.sample(data.DOMAIN[code][:300], 2)
            query = f"{first} {second}"
        if query not in seen:
            seen.add(query)
            out.append(query)
    return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(rounds: int = 60) -> dict:
    from django.test import Client
    from django.urls import reverse

    from convivio.search import selectors
    from convivio.search.embedding import get_embedder

    # The bench's settings allow 127.0.0.1 only (as the server it measures).
    client = Client(SERVER_NAME="127.0.0.1")
    search_url = reverse("search:search")
    practices_url = reverse("practices:list")
    floor_url = "/bench/floor/"
    # Warm the worker: the model, each kind's sign bits, the templates.
    t0 = time.perf_counter()
    client.get(search_url, {"q": "warm up query"})
    cold_seconds = time.perf_counter() - t0
    for q in queries(5, SEED + 99):
        client.get(search_url, {"q": q})
        client.get(practices_url, {"q": q})

    def timed(fn) -> tuple[float, float]:
        w0, c0 = time.perf_counter(), time.process_time()
        answer = fn()
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        status = getattr(answer, "status_code", 200)
        if status != 200:
            raise RuntimeError(f"The page answered {status}.")
        return wall * 1000, cpu * 1000

    results: dict[str, dict] = {}
    floor = [timed(lambda: client.get(floor_url)) for _ in range(rounds)]
    embedder = get_embedder()
    cases = {
        "page_all": lambda q: client.get(search_url, {"q": q}),
        "list_practices": lambda q: client.get(practices_url, {"q": q}),
        "embed_query": lambda q: embedder.query(q),
        "vector_scan_all": lambda q: selectors.meaning_match(
            {"practice", "node", "service"}, embedder.query(q)
        ),
        "fulltext_all": lambda q: [
            selectors.fulltext_match(kind=k, query=q)
            for k in ("practice", "node", "service")
        ],
    }
    for n, (name, fn) in enumerate(cases.items()):
        # Each case its own never-seen queries (no cached embedding or page).
        qs = queries(rounds, SEED + n)
        selectors._query_vector.cache_clear()
        samples = [timed(lambda q=q, fn=fn: fn(q)) for q in qs]
        results[name] = {
            "p50_ms": _pct([w for w, _ in samples], 0.5),
            "p95_ms": _pct([w for w, _ in samples], 0.95),
            "cpu_p95_ms": _pct([c for _, c in samples], 0.95),
        }
    results["floor"] = {
        "p50_ms": _pct([w for w, _ in floor], 0.5),
        "p95_ms": _pct([w for w, _ in floor], 0.95),
    }
    return {
        "cases": results,
        "first_search_after_start_s": round(cold_seconds, 2),
        "rss_mb_after": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def indexer_throughput(sample: int = 120) -> dict:
    """Real embeddings of real practices' entries: records per second."""
    from convivio.search import services
    from convivio.search.models import SearchEntry, SearchVector

    ids = list(
        SearchEntry.objects.filter(kind="practice")
        .order_by("object_id")
        .values_list("object_id", flat=True)[:sample]
    )
    from django.db import transaction

    with transaction.atomic():
        SearchVector.objects.filter(kind="practice", object_id__in=ids).delete()
        pending = SearchEntry.objects.filter(kind="practice", object_id__in=ids)
        entries = pending.count()
        pending.update(embedded=False)
        w0, c0 = time.perf_counter(), time.process_time()
        done = services.vectors_update(kinds=["practice"])
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        transaction.set_rollback(True)  # keep the bench data as it was
    return {
        "records": len(ids),
        "entries": entries,
        "done": done,
        "records_per_s": len(ids) / wall,
        "entries_per_s_cpu": entries / cpu,
    }


def worker_memory() -> dict:
    """A fresh process, as a web worker: Django, the model, every kind's sign
    bits, after serving searches.  Resident set size in MB."""
    env = {**os.environ, **data.bench_environ(DB_PATH), "OMP_NUM_THREADS": "1"}
    out = subprocess.run(
        [sys.executable, __file__, "--worker"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rss, peak = (float(x) for x in out.stdout.split()[-2:])
    return {"rss_mb": rss, "peak_mb": peak}


def _worker() -> None:
    import django

    django.setup()
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    for query in queries(10, SEED + 7):
        if client.get("/en/search/", {"q": query}).status_code != 200:
            raise RuntimeError("The search page did not answer 200.")
    status = Path("/proc/self/status").read_text()
    rss_kb = next(
        int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(rss_kb / 1024, peak)


def run() -> dict:
    marker = ensure()
    log("Timing the one search in a warm worker …")
    figures = measure()
    log("Measuring a fresh worker's memory …")
    figures["worker"] = worker_memory()
    log("Timing the indexer on real practices …")
    figures["indexer"] = indexer_throughput()
    figures["data"] = marker
    RESULTS.write_text(json.dumps(figures, indent=2, default=str))
    return figures


def report(figures: dict) -> list[str]:
    cases = figures["cases"]
    floor = cases["floor"]["p50_ms"]
    scan = cases["vector_scan_all"]["p95_ms"]
    words = cases["fulltext_all"]["p95_ms"]

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    lines = [
        "",
        "One search at scale (100,000 practices + 1,000,000 plan nodes + 100,000 "
        f"services; {figures['data']['vectors']:,} vectors; SQLite):",
        f"  /search/ never-seen query  p50 {cases['page_all']['p50_ms']:.1f} ms, "
        f"p95 {cases['page_all']['p95_ms']:.1f} ms (< {PAGE_P95_MS:.0f} ms: "
        f"{verdict(cases['page_all']['p95_ms'] < PAGE_P95_MS)}); "
        f"= {cases['page_all']['p50_ms'] / floor:.1f}× the floor view's p50, "
        f"{cases['page_all']['p95_ms'] / (scan + words):.2f}× its raw parts "
        "(embedding + vector scan + full-text matches)",
        f"  practice list, never-seen two-word search  p50 "
        f"{cases['list_practices']['p50_ms']:.1f} ms, p95 "
        f"{cases['list_practices']['p95_ms']:.1f} ms (< {NEW_SEARCH_P95_MS:.0f} ms: "
        f"{verdict(cases['list_practices']['p95_ms'] < NEW_SEARCH_P95_MS)})",
        f"  query embedding p95 {cases['embed_query']['p95_ms']:.1f} ms; vector "
        f"scan of all kinds (with embedding) p95 {scan:.1f} ms; full-text "
        f"matches of all kinds p95 {words:.1f} ms; floor view p50 {floor:.2f} ms",
        f"  first search after a worker starts: "
        f"{figures['first_search_after_start_s']:.2f} s (loads the sign bits)",
        f"  a fresh worker after 10 searches: {figures['worker']['rss_mb']:.0f} MB "
        f"resident (≤ {WORKER_RSS_MB:.0f} MB: "
        f"{verdict(figures['worker']['rss_mb'] <= WORKER_RSS_MB)}), peak "
        f"{figures['worker']['peak_mb']:.0f} MB",
        f"  indexer (real model, OMP_NUM_THREADS=1): "
        f"{figures['indexer']['records_per_s']:.1f} practices/s "
        f"({figures['indexer']['entries_per_s_cpu']:.1f} entries per CPU second)",
    ]
    return lines


if __name__ == "__main__":
    if sys.argv[1:] == ["--build"]:
        ensure()
        sys.exit(0)
    if sys.argv[1:] == ["--worker"]:
        _worker()
        sys.exit(0)
    figures = run()
    lines = report(figures)
    for line in lines:
        log(line)
    sys.exit(1 if any("FAIL" in line for line in lines) else 0)
