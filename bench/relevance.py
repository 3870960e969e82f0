"""`make bench` (relevance): does the one search find what people mean, in any language?

    .venv/bin/python bench/relevance.py [--rebuild]

1. Builds (or reuses) var/bench/relevance.sqlite3: migrations, `load_demo` (the seed
   documents through ingestion, the Vale Novo plan, directory, survey and
   translations), then the synthetic practices of bench/relevance/synthetic.json
   through the practices' services; fills the full-text index for any record of a
   registered kind that has no entry yet, and computes the vectors with
   `search.services.vectors_update()`, timed (the indexer throughput, records/s).
   The database is reused while the data files, BUILD_VERSION, the search app, the
   demo and the apps' migrations and search modules are unchanged (their hash is
   kept beside it, with what the build measured).
2. Resolves each query's relevant records (kind + original title, organisations by
   slug) to ids, and ranks every query of bench/relevance/queries.json with
   `search.selectors.rank(query=, kinds=None, mode=, limit=10)` in each mode: full
   text, vectors and hybrid (full text alone, across kinds, while `rank` is
   missing).
3. Prints recall@10 and MRR per mode, overall, per query language and per query
   style, the share of cross-language queries (none of whose answers is written in
   the query's language) answered in the top 10, and the queries hybrid misses;
   and, as a diagnostic, the same figures with each answer's kind ranked alone (as
   a list page ranks), which tells the ranking within a kind from the merging of
   kinds.  Writes everything to var/bench/relevance.json.

`run()` does all this in a child process (its own database and Django settings,
OMP_NUM_THREADS=1) and returns the figures; `report(results)` gives the lines.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench" / "relevance"
QUERIES = DATA_DIR / "queries.json"
SYNTHETIC = DATA_DIR / "synthetic.json"
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "relevance.sqlite3"
#: The hash the database was built from, and what the build measured.
STAMP = BENCH_DIR / "relevance.build.json"
RESULTS = BENCH_DIR / "relevance.json"
SOURCE_PREFIX = "bench-relevance:"
LIMIT = 10
#: Bump when what build() puts in the database changes (this file is not hashed,
#: so that changing how the figures are computed keeps the database).
BUILD_VERSION = 1
MODES = ("fulltext", "vector", "hybrid")
#: Issue 12: hybrid recall@10 at least this, and better than each ranking alone.
HYBRID_MIN_RECALL = 0.9

#: How a key names a record: kind -> (model, field of its original text row).
#: Organisations are named by their slug instead.
KINDS: dict[str, tuple[str, str]] = {
    "practice": ("practices.Practice", "title"),
    "collection": ("practices.Collection", "title"),
    "document": ("library.Document", "title"),
    "plan": ("plans.Plan", "title"),
    "node": ("plans.PlanNode", "title"),
    "indicator": ("plans.Indicator", "name"),
    "service": ("directory.Service", "name"),
    "survey": ("surveys.Survey", "title"),
    "organisation": ("core.Organisation", "slug"),
}

for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))


def log(message: str = "") -> None:
    print(message, flush=True)


# --- The data files (no Django needed) ------------------------------------------------


def load_queries() -> list[dict[str, Any]]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]


def synthetic_records() -> list[dict[str, str]]:
    """The synthetic practices: the targets, then the distractor grid expanded."""
    data = json.loads(SYNTHETIC.read_text(encoding="utf-8"))
    records = [dict(item) for item in data["targets"]]
    grid = data["distractors"]
    for language, spec in grid["languages"].items():
        for city in spec["cities"]:
            for title, summary in spec["topics"]:
                records.append(
                    {
                        "language": language,
                        "country": spec["country"],
                        "title": grid["title_pattern"].format(title=title, city=city),
                        "summary": grid["summary_pattern"].format(
                            summary=summary, place=spec["place"].format(city=city)
                        ),
                    }
                )
    return records


def split_key(key: str) -> tuple[str, str]:
    kind, sep, name = key.partition(":")
    if not sep or kind not in KINDS or not name:
        raise ValueError(f"Not a record key (kind:title): {key!r}")
    return kind, name


# --- Records in the database (django.setup must have run) -----------------------------


def synthetic_load() -> int:
    """Create and publish the synthetic practices that do not exist yet."""
    from django.db import transaction

    from convivio.practices import services as practice_services
    from convivio.practices.models import Practice

    created = 0
    with transaction.atomic():
        for item in synthetic_records():
            digest = hashlib.sha256(item["title"].encode()).hexdigest()[:16]
            key = SOURCE_PREFIX + digest
            if Practice.objects.filter(source_key=key).exists():
                continue
            practice = practice_services.practice_create(
                user=None,
                data=practice_services.PracticeData(
                    language=item["language"],
                    title=item["title"],
                    summary=item["summary"],
                    country=item["country"],
                ),
                source_key=key,
                by_system=True,
            )
            practice_services.practice_transition(
                user=None, practice=practice, action="published", by_system=True
            )
            created += 1
    return created


Ref = tuple[str, int]  # (kind, id)


def records() -> tuple[dict[str, list[Ref]], dict[Ref, set[str]], dict[Ref, str]]:
    """Every keyed record: key -> [(kind, id)]; (kind, id) -> the languages it has
    text in, and -> its original language."""
    from django.apps import apps

    by_key: dict[str, list[tuple[str, int]]] = defaultdict(list)
    languages: dict[Ref, set[str]] = {}
    originals: dict[Ref, str] = {}
    for kind, (label, field) in KINDS.items():
        model = apps.get_model(label)
        rows = model._default_manager.all()
        if any(f.name == "deleted_at" for f in model._meta.fields):
            rows = rows.filter(deleted_at__isnull=True)
        for record in rows.prefetch_related("translations"):
            texts = list(record.translations.all())
            languages[(kind, record.pk)] = {row.language_id for row in texts}
            originals[(kind, record.pk)] = record.original_language_id
            if kind == "organisation":
                name = record.slug
            else:
                name = next(
                    (
                        getattr(row, field)
                        for row in texts
                        if row.language_id == record.original_language_id
                    ),
                    "",
                )
            by_key[f"{kind}:{name}"].append((kind, record.pk))
    return dict(by_key), languages, originals


def resolve(
    queries: list[dict[str, Any]],
) -> tuple[dict[str, list[tuple[str, int]]], list[str]]:
    """Each query's relevant (kind, id); and the keys that name no record or
    several."""
    by_key, _languages, _originals = records()
    resolved: dict[str, list[tuple[str, int]]] = {}
    problems = []
    for query in queries:
        found = []
        for key in query["relevant"]:
            matches = by_key.get(key, [])
            if len(matches) != 1:
                problems.append(f"{query['id']}: {key!r} names {len(matches)} records")
            found.extend(matches[:1])
        resolved[query["id"]] = found
    return resolved, problems


def cross_language(
    query: dict[str, Any],
    relevant: list[tuple[str, int]],
    languages: dict[tuple[str, int], set[str]],
) -> bool:
    """True when no record that answers the query is written in its language."""
    return all(query["language"] not in languages.get(r, set()) for r in relevant)


# --- Building the database ------------------------------------------------------------


def build_hash() -> str:
    """What the cached database depends on."""
    src = ROOT / "src" / "convivio"
    files = [QUERIES, SYNTHETIC]
    # What decides the stored index (not how it is read: selectors, views).
    files += [
        src / "search" / name
        for name in (
            "text.py",
            "backends.py",
            "embedding.py",
            "vectors.py",
            "services.py",
            "models.py",
        )
    ]
    files += sorted((src / "demo").rglob("*.py"))
    files += sorted(src.glob("*/search.py"))
    digest = hashlib.sha256(f"build {BUILD_VERSION}".encode())
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    # A new migration changes the schema: its name is enough.
    for path in sorted(src.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
    return digest.hexdigest()


def setup_django() -> None:
    from bench.data import bench_environ

    os.environ.update(bench_environ(DB_PATH))
    # Nothing runs in the background while loading: the vectors are computed at
    # once afterwards, timed (ingestion jobs are run inline by load_demo itself).
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    os.environ["OMP_NUM_THREADS"] = "1"  # one core per process, as a web worker
    import django

    django.setup()
    import logging

    logging.getLogger("django.tasks").setLevel(logging.WARNING)


def index_missing() -> int:
    """Index the records of every registered kind that have no entry yet (an app
    whose services do not index yet, a record loaded past its services)."""
    from convivio.search import registry, services
    from convivio.search.models import SearchEntry

    added = 0
    for kind in registry.kinds():
        have = set(
            SearchEntry.objects.filter(kind=kind.name).values_list(
                "object_id", flat=True
            )
        )
        missing = [i for i in kind.indexable_ids() if i not in have]
        for start in range(0, len(missing), 500):
            documents = kind.documents(missing[start : start + 500])
            services.index_bulk(documents=documents)
            added += len({d.object_id for d in documents})
    return added


def build() -> dict[str, Any]:
    """Make the database from nothing; return what the build measured."""
    from django.core.management import call_command
    from django.db import connections
    from django.db.models import Count

    connections.close_all()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    STAMP.unlink(missing_ok=True)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log("  migrated")
    call_command("load_demo", stdout=io.StringIO())
    log("  demo loaded")
    synthetic = synthetic_load()
    log(f"  {synthetic} synthetic practices")
    indexed_here = index_missing()
    load_s = time.perf_counter() - started

    from convivio.search.models import SearchEntry

    entries = SearchEntry.objects.count()
    indexed = SearchEntry.objects.values("kind", "object_id").distinct().count()
    stats: dict[str, Any] = {
        "load_s": round(load_s, 1),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "synthetic_practices": synthetic,
        "indexed_records": indexed,
        "index_entries": entries,
        "indexed_by_bench": indexed_here,
        "per_kind": dict(
            sorted(
                (row["kind"], row["n"])
                for row in SearchEntry.objects.values("kind")
                .order_by()
                .annotate(n=Count("id"))
            )
        ),
    }
    try:
        from convivio.search.services import vectors_update
    except ImportError:
        stats["vectors"] = None
        log("  no vectors_update() in convivio.search.services yet: full text only")
    else:
        log(f"  computing vectors for {indexed} records ({entries} texts) …")
        started = time.perf_counter()
        answer = vectors_update()
        seconds = time.perf_counter() - started
        stats["vectors"] = {
            "seconds": round(seconds, 2),
            "records_per_s": round(indexed / seconds, 1) if seconds else None,
            "texts_per_s": round(entries / seconds, 1) if seconds else None,
            "answer": answer if isinstance(answer, int | float | str) else None,
            "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
            # The machine's load while embedding: throughput is CPU-bound.
            "load_average": [round(x, 1) for x in os.getloadavg()],
        }
    stats["hash"] = build_hash()
    STAMP.write_text(json.dumps(stats, indent=1))
    return stats


def ensure_database(rebuild: bool = False) -> dict[str, Any]:
    if not rebuild and DB_PATH.exists() and STAMP.exists():
        stats = json.loads(STAMP.read_text())
        if stats.get("hash") == build_hash():
            stats["cached"] = True
            return stats
    log(f"Building {DB_PATH.relative_to(ROOT)} …")
    stats = build()
    stats["cached"] = False
    return stats


# --- Ranking and figures --------------------------------------------------------------


def _ranker():
    """rank(query, mode) -> [(kind, id)] best first, and the modes it knows."""
    from convivio.search import selectors

    rank = getattr(selectors, "rank", None)
    if rank is not None:

        def ranked(
            text: str, mode: str, kinds: list[str] | None = None
        ) -> list[tuple[str, int]]:
            return [
                (kind, int(i))
                for kind, i in rank(query=text, kinds=kinds, mode=mode, limit=LIMIT)
            ]

        return ranked, MODES

    # Until rank() lands: full text across kinds, fused by reciprocal rank as
    # search_everything does.
    from convivio.search import registry

    def fulltext(
        text: str, mode: str, kinds: list[str] | None = None
    ) -> list[tuple[str, int]]:
        scored = []
        for kind in kinds or registry.names():
            matches = selectors.search_match(kind=kind, query=text, limit=LIMIT)
            for position, (object_id, _score) in enumerate(matches):
                scored.append((1.0 / (60 + position), kind, int(object_id)))
        scored.sort(key=lambda t: -t[0])
        return [(kind, i) for _, kind, i in scored[:LIMIT]]

    return fulltext, ("fulltext",)


def _mean(values: list[float]) -> float:
    return round(statistics.fmean(values), 3) if values else 0.0


def evaluate() -> dict[str, Any]:
    queries = load_queries()
    resolved, problems = resolve(queries)
    if problems:
        raise SystemExit(
            "Relevance set: keys that name no record or several:\n  "
            + "\n  ".join(problems)
        )
    _by_key, languages, _originals = records()
    rank, modes = _ranker()
    for mode in modes:  # warm-up: the model and the caches, outside the timings
        rank("warm up", mode)

    rows = []
    for query in queries:
        relevant = resolved[query["id"]]
        row: dict[str, Any] = {
            "id": query["id"],
            "language": query["language"],
            "style": query["style"],
            "text": query["text"],
            "relevant": len(relevant),
            "cross": cross_language(query, relevant, languages),
        }
        wanted = set(relevant)
        for mode in modes:
            started = time.perf_counter()
            top = rank(query["text"], mode)[:LIMIT]
            ms = (time.perf_counter() - started) * 1000
            positions = [n for n, hit in enumerate(top, 1) if hit in wanted]
            found = len(set(top) & wanted)
            # Diagnostic: each answer's kind ranked alone, as a list page does
            # (tells the ranking within a kind from the merging of kinds).
            kinds = sorted({kind for kind, _ in wanted})
            alone_found = 0
            alone_first = None
            for kind in kinds:
                own = rank(query["text"], mode, [kind])[:LIMIT]
                alone_found += len(set(own) & wanted)
                hits = [n for n, hit in enumerate(own, 1) if hit in wanted]
                if hits and (alone_first is None or hits[0] < alone_first):
                    alone_first = hits[0]
            alone_wanted = sum(
                min(sum(1 for k, _ in wanted if k == kind), LIMIT) for kind in kinds
            )
            row[mode] = {
                "recall": found / min(len(wanted), LIMIT),
                "rr": 1.0 / positions[0] if positions else 0.0,
                "found": found,
                "ms": round(ms, 2),
                "kind_recall": alone_found / alone_wanted,
                "kind_rr": 1.0 / alone_first if alone_first else 0.0,
            }
        rows.append(row)

    def figures(subset: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "queries": len(subset),
            **{
                mode: {
                    "recall@10": _mean([r[mode]["recall"] for r in subset]),
                    "mrr": _mean([r[mode]["rr"] for r in subset]),
                    "answered": _mean([float(r[mode]["found"] > 0) for r in subset]),
                    "kind_recall@10": _mean([r[mode]["kind_recall"] for r in subset]),
                    "kind_mrr": _mean([r[mode]["kind_rr"] for r in subset]),
                }
                for mode in modes
            },
        }

    by_language = defaultdict(list)
    by_style = defaultdict(list)
    for r in rows:
        by_language[r["language"]].append(r)
        by_style[r["style"]].append(r)
    cross = [r for r in rows if r["cross"]]
    return {
        "modes": list(modes),
        "overall": figures(rows),
        "languages": {k: figures(v) for k, v in sorted(by_language.items())},
        "styles": {k: figures(v) for k, v in sorted(by_style.items())},
        "cross_language": figures(cross),
        "median_ms": {
            mode: round(statistics.median(r[mode]["ms"] for r in rows), 1)
            for mode in modes
        },
        "queries": rows,
    }


def _measure(rebuild: bool = False) -> dict[str, Any]:
    setup_django()
    build_stats = ensure_database(rebuild)
    results = evaluate()
    results["build"] = build_stats
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return results


def run(rebuild: bool = False) -> dict[str, Any]:
    """Measure in a child process (its own database and settings); the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "relevance.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--json", str(out)]
        if rebuild:
            command.append("--rebuild")
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        subprocess.run(command, check=True, env=env, cwd=ROOT)
        return json.loads(out.read_text())


def report(results: dict[str, Any]) -> list[str]:
    """The figures as lines of text."""
    modes = results["modes"]
    build = results.get("build") or {}
    lines = ["Relevance (bench/relevance/queries.json): recall@10 / MRR"]
    vectors = build.get("vectors")
    lines.append(
        f"  corpus: {build.get('indexed_records', '?')} records indexed "
        f"({build.get('index_entries', '?')} texts, "
        f"{build.get('synthetic_practices', '?')} synthetic practices)"
        + (" — cached database" if build.get("cached") else "")
    )
    if build.get("indexed_by_bench"):
        lines.append(
            f"  note: {build['indexed_by_bench']} records had no index entry after "
            "loading and were indexed by the bench"
        )
    if vectors:
        lines.append(
            f"  indexer throughput (vectors): {vectors['records_per_s']} records/s "
            f"({vectors['texts_per_s']} texts/s, {vectors['seconds']} s, "
            f"OMP_NUM_THREADS={vectors['omp_num_threads']}"
            + (
                f", load average {vectors['load_average'][0]}"
                if vectors.get("load_average")
                else ""
            )
            + ")"
        )
    else:
        lines.append("  vectors: not available (full text only)")

    def cells(figures: dict[str, Any]) -> str:
        return "  ".join(
            f"{figures[m]['recall@10']:>5.3f} / {figures[m]['mrr']:.3f}" for m in modes
        )

    header = "  ".join(f"{m:>13}" for m in modes)
    lines.append(f"  {'':<22}{'n':>4}  {header}")
    lines.append(
        f"  {'all queries':<22}{results['overall']['queries']:>4}  "
        + cells(results["overall"])
    )
    for language, figures in results["languages"].items():
        lines.append(
            f"  {'  ' + language:<22}{figures['queries']:>4}  " + cells(figures)
        )
    for style, figures in results["styles"].items():
        lines.append(
            f"  {'  style ' + style:<22}{figures['queries']:>4}  " + cells(figures)
        )
    cross = results["cross_language"]
    lines.append(f"  {'cross-language':<22}{cross['queries']:>4}  " + cells(cross))
    lines.append(
        "  cross-language queries answered in the top 10: "
        + ", ".join(f"{m} {cross[m]['answered']:.0%}" for m in modes)
    )
    overall = results["overall"]
    if "kind_recall@10" in overall[modes[0]]:
        lines.append(
            "  each answer's kind ranked alone (diagnostic): "
            + ", ".join(
                f"{m} {overall[m]['kind_recall@10']:.3f} / {overall[m]['kind_mrr']:.3f}"
                for m in modes
            )
        )
    lines.append(
        "  median ms per query: "
        + ", ".join(f"{m} {results['median_ms'][m]}" for m in modes)
    )
    if "hybrid" in modes:
        hybrid = results["overall"]["hybrid"]["recall@10"]
        alone = max(results["overall"][m]["recall@10"] for m in modes if m != "hybrid")
        verdict = "PASS" if hybrid >= HYBRID_MIN_RECALL and hybrid > alone else "FAIL"
        lines.append(
            f"  target: hybrid recall@10 ≥ {HYBRID_MIN_RECALL} and above each alone: "
            f"{hybrid:.3f} vs {alone:.3f} — {verdict}"
        )
    last = modes[-1]
    partly = [r for r in results["queries"] if 0 < r[last]["found"] < r["relevant"]]
    missed = [r for r in results["queries"] if r[last]["found"] == 0]
    lines.append(
        f"  {last}: {len(partly)} queries with some of their answers in the top 10, "
        f"{len(missed)} with none{':' if missed else ''}"
    )
    for r in missed:
        lines.append(f"    {r['id']:<6} {r['text']}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database")
    parser.add_argument("--json", type=Path, help="write the figures there too")
    args = parser.parse_args()
    results = _measure(rebuild=args.rebuild)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False))
    else:
        for line in report(results):
            log(line)


if __name__ == "__main__":
    main()
