"""The relevance set `make bench` measures search with (bench/relevance/): the data
files are well-formed, and every query's answers are records that the demo and the
synthetic data make, one record per key.  Nothing here ranks anything."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command

from bench import relevance
from convivio.core.models import Language
from convivio.demo import ingest as demo_ingest
from convivio.practices.models import Practice

STYLES = {"exact", "paraphrase", "translation"}


def test_the_queries_are_many_in_many_languages_each_with_its_answers():
    queries = relevance.load_queries()
    assert len(queries) >= 80
    languages = Counter(q["language"] for q in queries)
    assert len(languages) >= 8, languages
    assert len({q["id"] for q in queries}) == len(queries)
    assert len({q["text"].casefold() for q in queries}) == len(queries)
    for query in queries:
        assert query["text"].strip(), query["id"]
        assert query["style"] in STYLES, query["id"]
        assert query["relevant"], query["id"]
        assert len(set(query["relevant"])) == len(query["relevant"]), query["id"]
        for key in query["relevant"]:
            relevance.split_key(key)  # kind:title with a known kind
    styles = Counter(q["style"] for q in queries)
    assert styles["paraphrase"] >= 10 and styles["exact"] >= 10, styles


def test_a_key_names_a_kind_and_a_title():
    assert relevance.split_key("practice:ALMA") == ("practice", "ALMA")
    for bad in ("ALMA", "practice:", "recipe:ALMA"):
        with pytest.raises(ValueError):
            relevance.split_key(bad)


@pytest.mark.django_db
def test_the_synthetic_practices_have_distinct_titles_in_known_languages():
    records = relevance.synthetic_records()
    assert len(records) >= 250
    assert len({r["title"] for r in records}) == len(records)
    known = set(Language.objects.values_list("code", flat=True))
    assert {r["language"] for r in records} <= known
    assert len({r["language"] for r in records}) >= 8


@pytest.mark.django_db
def test_every_answer_is_exactly_one_demo_or_synthetic_record():
    assert demo_ingest.demo_files()[0].parent == demo_ingest.seeds_dir(), (
        "the relevance set is written over the seed documents: seed folder missing"
    )
    call_command("load_demo", stdout=io.StringIO())
    assert relevance.synthetic_load() == len(relevance.synthetic_records())
    assert relevance.synthetic_load() == 0  # loading again adds nothing
    assert Practice.objects.filter(
        source_key__startswith=relevance.SOURCE_PREFIX, status="published"
    ).count() == len(relevance.synthetic_records())

    queries = relevance.load_queries()
    resolved, problems = relevance.resolve(queries)
    assert problems == []
    assert all(len(resolved[q["id"]]) == len(q["relevant"]) for q in queries)

    _by_key, languages, originals = relevance.records()
    cross = [
        q for q in queries if relevance.cross_language(q, resolved[q["id"]], languages)
    ]
    assert len(cross) >= 15

    def answered_only_in(query_language: str, kind: str, language: str) -> bool:
        """Some query none of whose answers has text in its language, answered by
        a record of this kind written (originally) in that other language."""
        return any(
            q["language"] == query_language
            and any(
                r[0] == kind and originals[r] == language for r in resolved[q["id"]]
            )
            for q in cross
        )

    # The examples: an English query finds a Romanian practice, an Arabic
    # query a Portuguese service; and a Spanish query an Italian practice.
    assert answered_only_in("en", "practice", "ro")
    assert answered_only_in("ar", "service", "pt")
    assert answered_only_in("es", "practice", "it")
