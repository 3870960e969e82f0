"""Validate the held-out corpus with the ingest-dev checkers (no copy of their logic).

    .venv/bin/python tests/ingest/heldout/_sources/check_heldout.py   # from the project checkout

Runs ../shared/corpus/ingest-dev/check_gold.py --strict on this folder (plans: codes as stand-alone
tokens, parents, (code, parent) uniqueness, titles/fields found in the text, 6,000-16,000 chars) and
check_practices_gold.py with its folder, number range (60-67), language set (+uk) and corpus-shape
expectations (5 collections en/it/ro/el/uk, 3 negatives pt/fr/el) adjusted to this set.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DEV = HERE.parents[2].parent / "shared" / "corpus" / "ingest-dev"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, DEV / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    plans = load("check_gold")
    rc1 = plans.main([str(HERE), "--strict"])
    prac = load("check_practices_gold")
    prac.HERE = HERE
    prac.FIRST, prac.LAST = 60, 67
    prac.LANGUAGES = set(prac.LANGUAGES) | {"uk"}
    prac.EXPECTED_COLLECTION_LANGS = {"en", "it", "ro", "el", "uk"}
    prac.EXPECTED_OTHER_LANGS = {"pt", "fr", "el"}

    def corpus(infos):
        coll = sorted(
            i.get("language") for i in infos if i.get("genre") == "practice_collection"
        )
        other = sorted(i.get("language") for i in infos if i.get("genre") == "other")
        problems = []
        if sorted(i.get("number") for i in infos) != list(range(60, 68)):
            problems.append("numbers 60-67 expected once each")
        if coll != sorted(prac.EXPECTED_COLLECTION_LANGS) or other != sorted(
            prac.EXPECTED_OTHER_LANGS
        ):
            problems.append(f"collections {coll}, negatives {other}")
        return problems

    prac.check_corpus = corpus
    print()
    rc2 = prac.main([])
    return rc1 or rc2


if __name__ == "__main__":
    sys.exit(main())
