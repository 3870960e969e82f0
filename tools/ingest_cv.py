"""Cross-validated figures for ingestion: K folds by document.

For each fold the line labeller is trained on the other folds' documents into a
temporary model file, and the fold's documents are read by the whole pipeline with
that model (CONVIVIO_LABELLER_MODEL), in this process, then scored exactly as
../shared/tools/score-ingest.py scores them (its functions are imported; the
per-document comparison below is its ``main`` loop).  Prints per-fold and pooled
recall / precision per item, per language and per corpus folder.

    .venv/bin/python tools/ingest_cv.py [--folds 5] [--corpus DIR …]
    .venv/bin/python tools/ingest_cv.py --lines     # line labels: CRF vs boosted trees

Only the learned part is retrained per fold: the readers' hand-written rules were
developed while looking at these documents, so the figures are cross-validated for
the labeller, not for the rules (the held-out corpus measures those).
``--shipped`` reads every fold with the committed model (trained on everything:
not cross-validated); with CONVIVIO_LABELLER_MODEL=/nonexistent it gives the
figures without the labeller.

Folds: the documents sorted by name (plans, seeds, practice collections and
negatives each in order) dealt round-robin, so each fold mixes genres, languages
and layouts.  ``--lines`` cross-validates the labeller alone on the gold line
labels (training.gold_lines): accuracy and per-label F1 of the CRF and of a
per-line gradient-boosted classifier with the same features (neighbours
included), which is how the CRF was chosen.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convivio.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from convivio.ingest import labeller, pipeline, training  # noqa: E402

SCORER = ROOT.parent / "shared" / "tools" / "score-ingest.py"
ITEMS = (
    "areas",
    "objectives",
    "measures",
    "indicators",
    "disaggregation",
    "recommendations",
    "practices",
)


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_ingest", SCORER)
    if spec is None or spec.loader is None:
        sys.exit(f"Cannot load the scorer: {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def folds_of(pairs: list, k: int) -> list[list]:
    ordered = sorted(pairs, key=lambda pair: pair[1].name)
    return [ordered[i::k] for i in range(k)]


# --- whole-pipeline cross-validation ----------------------------------------------


def score_document(score, gold: dict, pred: dict, tallies: list) -> bool:
    """score-ingest.py's per-document comparison, added to each tally; returns
    whether the genre was right."""
    if "plans" in gold:  # several plans in one file: pool their items
        for key in ("areas", "objectives", "measures", "indicators", "recommendations"):
            gold[key] = [x for plan in gold["plans"] for x in plan.get(key, [])]
    plans = pred.get("plans", [])
    for tally in tallies:
        for kind, key in (
            ("area", "areas"),
            ("objective", "objectives"),
            ("measure", "measures"),
        ):
            g = [
                (score.code(x.get("code")), score.code(x.get("parent")))
                for x in gold.get(key, [])
            ]
            if kind == "area":
                g = [
                    (score.code(x.get("code")), score.norm(x.get("title"))[:24])
                    for x in gold.get(key, [])
                ]
                p = [
                    (score.code(n.get("code")), score.norm(n.get("title"))[:24])
                    for plan in plans
                    for n in plan.get("nodes", [])
                    if n.get("kind") == kind
                ]
            else:
                p = score.nodes_of(plans, kind)
            tally.add(key, score.multiset_scores(g, p))
        tally.add(
            "indicators",
            score.multiset_scores(
                [score.code(x.get("measure")) for x in gold.get("indicators", [])],
                [
                    score.code(x.get("measure"))
                    for plan in plans
                    for x in plan.get("indicators", [])
                ],
            ),
        )
        tally.add(
            "disaggregation",
            score.multiset_scores(
                [
                    (
                        score.code(x.get("measure")),
                        tuple(sorted(x.get("disaggregation") or [])),
                    )
                    for x in gold.get("indicators", [])
                ],
                [
                    (
                        score.code(x.get("measure")),
                        tuple(sorted(x.get("disaggregation") or [])),
                    )
                    for plan in plans
                    for x in plan.get("indicators", [])
                ],
            ),
        )
        tally.add(
            "recommendations",
            score.fuzzy_scores(
                [x.get("audience") or "" for x in gold.get("recommendations", [])],
                [
                    x.get("audience") or ""
                    for plan in plans
                    for x in plan.get("recommendations", [])
                ],
                cutoff=0.6,
            ),
        )
        tally.add(
            "practices",
            score.fuzzy_scores(
                [x["title"] for x in gold.get("practices", [])],
                [x.get("title", "") for x in pred.get("practices", [])],
            ),
        )
    return pred.get("genre") == gold["genre"]


def summary(score, tally, genres: int, docs: int) -> str:
    parts = [f"genre {genres}/{docs}"]
    for name in ITEMS:
        if not tally.gold[name] and not tally.pred[name]:
            parts.append(f"{name} –")
            continue
        r, p = tally.rp(name)
        parts.append(
            f"{name} R{r:.2f} P{p:.2f} "
            f"({tally.hit[name]}/{tally.gold[name]}/{tally.pred[name]})"
        )
    return " | ".join(parts)


def run_pipeline(path: Path) -> dict:
    try:
        _extracted, result = pipeline.ingest_path(path)
    except Exception as error:  # noqa: BLE001 - one document's failure is reported
        out(f"  {path.name}: failed: {type(error).__name__}: {error}")
        return {}
    return json.loads(json.dumps(result.to_json(), ensure_ascii=False))


def cross_validate(pairs: list, k: int, train_model: bool) -> None:
    score = load_scorer()
    pooled = score.Tally()
    by_language: dict[str, object] = defaultdict(score.Tally)
    by_folder: dict[str, object] = defaultdict(score.Tally)
    genres: Counter = Counter()
    docs: Counter = Counter()
    folds = folds_of(pairs, k)
    with tempfile.TemporaryDirectory() as tmp:
        for n, fold in enumerate(folds, 1):
            started = time.monotonic()
            model = Path(tmp) / f"fold{n}.crfsuite"
            rest = [pair for other in folds if other is not fold for pair in other]
            if train_model:
                training.train_model(rest, model)
                os.environ[labeller.ENV_MODEL] = str(model)
            trained = time.monotonic() - started
            tally = score.Tally()
            fold_genres = 0
            for document, gold_path in fold:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
                language = gold.get("language", "?")
                folder = gold_path.parent.name
                pred = run_pipeline(document)
                ok = score_document(
                    score,
                    gold,
                    pred,
                    [tally, pooled, by_language[language], by_folder[folder]],
                )
                fold_genres += ok
                for key in ("all", language, folder):
                    genres[key] += ok
                    docs[key] += 1
            out(
                f"fold {n} ({len(fold)} documents; trained {trained:.1f} s, "
                f"read {time.monotonic() - started - trained:.1f} s): "
                + summary(score, tally, fold_genres, len(fold))
            )
            out("   " + ", ".join(d.name for d, _g in fold))
    os.environ.pop(labeller.ENV_MODEL, None)
    out()
    out("pooled: " + summary(score, pooled, genres["all"], docs["all"]))
    for folder, tally in sorted(by_folder.items()):
        out(f"  {folder}: " + summary(score, tally, genres[folder], docs[folder]))
    for language, tally in sorted(by_language.items()):
        out(f"  {language}: " + summary(score, tally, genres[language], docs[language]))


# --- line labels: CRF against boosted trees -----------------------------------------


def line_scores(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    hits = sum(g == p for g, p in zip(gold, pred, strict=True))
    f1 = {}
    for name in training.LABELS:
        tp = sum(g == p == name for g, p in zip(gold, pred, strict=True))
        g_n, p_n = gold.count(name), pred.count(name)
        if g_n or p_n:
            f1[name] = 2 * tp / (g_n + p_n)
    return hits / max(len(gold), 1), f1


def cross_validate_lines(pairs: list, k: int, with_trees: bool) -> None:
    if with_trees and importlib.util.find_spec("sklearn") is None:
        sys.exit(
            "The boosted-trees comparison needs scikit-learn (a development tool, "
            "not a dependency of Convivio): install it or pass --no-trees."
        )
    skipped: list[str] = []
    documents = training.labelled_documents(pairs, skipped)
    for problem in skipped:
        out(f"left out: {problem}")
    read = {str(d[0]) for d in documents}
    pairs = [pair for pair in pairs if str(pair[0]) in read]
    by_name = {str(d[0]): d for d in documents}
    features = {str(d[0]): labeller.features(d[2], d[1] or None) for d in documents}
    folds = folds_of(pairs, k)
    gold_all: list[str] = []
    crf_all: list[str] = []
    trees_all: list[str] = []
    crf_seconds = trees_seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for n, fold in enumerate(folds, 1):
            held = [str(d) for d, _g in fold]
            train = [str(d) for other in folds if other is not fold for d, _g in other]
            started = time.monotonic()
            model = Path(tmp) / f"fold{n}.crfsuite"
            labeller.train(
                [
                    (features[name], by_name[name][3])
                    for name in train
                    if features[name]
                ],
                model,
            )
            crf_seconds += time.monotonic() - started
            os.environ[labeller.ENV_MODEL] = str(model)
            for name in held:
                lines, labels = by_name[name][2], by_name[name][3]
                gold_all += labels
                crf_all += [
                    tag for tag, _p in labeller.label(lines, by_name[name][1] or None)
                ]
            if with_trees:
                started = time.monotonic()
                trees_all += _trees_fold(
                    [features[x] for x in train],
                    [by_name[x][3] for x in train],
                    [features[x] for x in held],
                )
                trees_seconds += time.monotonic() - started
    os.environ.pop(labeller.ENV_MODEL, None)
    results = [("CRF", crf_all, crf_seconds)]
    if with_trees:
        results.append(("boosted trees", trees_all, trees_seconds))
    out(f"{len(documents)} documents, {len(gold_all)} lines, {k} folds by document")
    out(
        "gold labels: "
        + ", ".join(f"{k} {v}" for k, v in Counter(gold_all).most_common())
    )
    for title, pred, seconds in results:
        accuracy, f1 = line_scores(gold_all, pred)
        macro = sum(f1.values()) / max(len(f1), 1)
        out(
            f"{title}: accuracy {accuracy:.3f}, macro F1 {macro:.3f}, "
            f"training {seconds:.1f} s"
        )
        out("   " + ", ".join(f"{name} {value:.2f}" for name, value in f1.items()))
        confused = Counter(
            (g, p) for g, p in zip(gold_all, pred, strict=True) if g != p
        ).most_common(8)
        out(
            "   most confused (gold→predicted): "
            + ", ".join(f"{g}→{p} {n}" for (g, p), n in confused)
        )


def _trees_fold(train_x, train_y, held_x) -> list[str]:
    """A per-line HistGradientBoostingClassifier on the same feature dicts
    (neighbours included), one-hot encoded."""
    from sklearn.ensemble import (  # type: ignore[import-untyped]
        HistGradientBoostingClassifier,
    )
    from sklearn.feature_extraction import (  # type: ignore[import-untyped]
        DictVectorizer,
    )

    vectorizer = DictVectorizer(sparse=True)
    rows = [f for doc in train_x for f in doc]
    labels = [y for doc in train_y for y in doc]
    matrix = vectorizer.fit_transform(rows)
    # Columns seen on fewer than three lines say nothing a tree can split on
    # reliably; dropping them keeps the dense matrix small.
    keep = (matrix != 0).sum(axis=0).A1 >= 3
    model = HistGradientBoostingClassifier(
        max_iter=150, learning_rate=0.1, random_state=0
    )
    model.fit(matrix[:, keep].toarray(), labels)
    held_rows = [f for doc in held_x for f in doc]
    if not held_rows:
        return []
    return list(model.predict(vectorizer.transform(held_rows)[:, keep].toarray()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--corpus",
        action="append",
        metavar="DIR",
        help="a folder of gold files "
        "(default: ingest-dev, tests/ingest/training and the seeds' gold)",
    )
    parser.add_argument(
        "--lines", action="store_true", help="cross-validate the line labels only"
    )
    parser.add_argument(
        "--no-trees", action="store_true", help="with --lines: the CRF only"
    )
    parser.add_argument(
        "--shipped",
        action="store_true",
        help="read every fold with the committed model (no training): the "
        "figures a model trained on everything gets, NOT cross-validated",
    )
    args = parser.parse_args()
    folders = [Path(p) for p in args.corpus or training.default_corpus()]
    pairs = training.corpus_documents(folders)
    if len(pairs) < args.folds:
        sys.exit(f"{len(pairs)} documents: fewer than {args.folds} folds.")
    started = time.monotonic()
    if args.lines:
        cross_validate_lines(pairs, args.folds, not args.no_trees)
    else:
        cross_validate(pairs, args.folds, train_model=not args.shipped)
    out(f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
