"""Full-text search on the current database (SQLite FTS5 or PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection

from convivio.practices import services
from convivio.practices.selectors import SEARCH_KIND
from convivio.search.backends import get_backend
from convivio.search.models import SearchEntry
from convivio.search.selectors import (
    index_version,
    query_is_searchable,
    search_match,
)
from tests.factories import make_practice, practice_data

pytestmark = pytest.mark.django_db


def found(query: str) -> list[int]:
    return [i for i, _score in search_match(kind=SEARCH_KIND, query=query)]


def test_backend_is_the_one_of_the_current_database():
    assert get_backend().vendor == connection.vendor


# --- Stemming --------------------------------------------------------------------


@pytest.mark.parametrize("query", ["mentors", "mentor", "mentored", "MENTORING"])
def test_english_words_are_found_by_their_other_forms(query):
    practice = make_practice(
        title="Business support",
        summary="Mentoring of newcomers by local shop owners.",
        description="",
    )
    make_practice(
        title="Language cafe", summary="Conversation evenings.", description=""
    )
    assert found(query) == [practice.id]


@pytest.fixture
def romanian():
    return make_practice(
        language="ro",
        country="RO",
        title="Ghid pentru femei migrante",
        summary="Sprijin pentru găsirea unei locuințe și integrarea pe piața muncii.",
        description="Consilierii ajută la căutarea locuinței.",
        themes=["housing"],
    )


@pytest.mark.parametrize(
    "query",
    [
        "locuința",  # another inflection than either form in the text
        "locuințe",
        "locuințelor",
        "integrare",
        "femeilor",
        "locuinta",  # typed without diacritics
        "locuinte",
        "gasirea",
        "piata muncii",
    ],
)
def test_romanian_text_is_found_by_inflected_and_ascii_forms(romanian, query):
    make_practice(title="Unrelated", summary="Sports club for teenagers.")
    assert found(query) == [romanian.id]


def test_words_of_every_query_must_all_match(romanian):
    assert found("locuințe femei") == [romanian.id]
    assert found("locuințe pisici") == []


# --- The index follows the practice ------------------------------------------------


def test_only_published_practices_are_in_the_index(author, moderator):
    practice = services.practice_create(
        user=author, data=practice_data(title="Welcome walks", summary="Walks.")
    )
    assert found("welcome walks") == []
    services.practice_transition(user=author, practice=practice, action="submitted")
    assert found("welcome walks") == []
    services.practice_transition(user=moderator, practice=practice, action="published")
    assert found("welcome walks") == [practice.id]


def test_edits_of_a_published_practice_are_searchable_at_once(moderator):
    practice = make_practice(title="Welcome walks", summary="Walks in town.")
    services.practice_update(
        user=moderator,
        practice=practice,
        data=practice_data(title="Neighbourhood tours", summary="Tours in town."),
    )
    assert found("walks") == []
    assert found("neighbourhood tours") == [practice.id]
    assert SearchEntry.objects.filter(object_id=practice.id).count() == 1


def test_a_new_translation_is_searchable_in_its_language(moderator):
    practice = make_practice(title="Welcome walks", summary="Walks in town.")
    services.practice_update(
        user=moderator,
        practice=practice,
        data=practice_data(
            language="it", title="Passeggiate di benvenuto", summary="In città."
        ),
    )
    assert found("passeggiate") == [practice.id]
    assert found("walks") == [practice.id]  # the original is still there, once
    assert SearchEntry.objects.filter(object_id=practice.id).count() == 2


@pytest.mark.parametrize(
    ("action", "comment"), [("returned", "Fix figures."), ("archived", "")]
)
def test_practice_leaves_the_index_when_unpublished(moderator, action, comment):
    practice = make_practice(title="Welcome walks")
    assert found("welcome walks") == [practice.id]
    services.practice_transition(
        user=moderator, practice=practice, action=action, comment=comment
    )
    assert found("welcome walks") == []
    assert not SearchEntry.objects.filter(object_id=practice.id).exists()


def test_deleted_practice_is_no_longer_found(moderator):
    practice = make_practice(title="Welcome walks")
    other = make_practice(title="Welcome desk")
    services.practice_delete(user=moderator, practice=practice)
    assert found("welcome") == [other.id]
    assert not SearchEntry.objects.filter(object_id=practice.id).exists()


def test_every_index_change_bumps_the_version(moderator):
    before = index_version(kind=SEARCH_KIND)
    practice = make_practice(title="Welcome walks")
    after_publish = index_version(kind=SEARCH_KIND)
    assert after_publish > before
    services.practice_transition(user=moderator, practice=practice, action="archived")
    assert index_version(kind=SEARCH_KIND) > after_publish


def test_list_page_reflects_an_unpublished_practice_at_once(client, moderator):
    practice = make_practice(title="Welcome walks")
    assert "1 practice " in client.get("/en/practices/?q=walks").text
    services.practice_transition(
        user=moderator, practice=practice, action="returned", comment="Check."
    )
    html = client.get("/en/practices/?q=walks").text
    assert "0 practices" in html
    assert "Welcome walks" not in html


# --- Relevance -------------------------------------------------------------------


def test_title_match_ranks_above_a_body_only_match():
    body_only = make_practice(
        title="Language cafe",
        summary="Evenings of conversation; volunteers give advice on housing too.",
    )
    in_title = make_practice(title="Housing advice", summary="A desk for tenants.")
    assert found("housing") == [in_title.id, body_only.id]
    scores = [score for _id, score in search_match(kind=SEARCH_KIND, query="housing")]
    assert scores[0] > scores[1]


def test_a_practice_with_several_translations_is_returned_once(moderator):
    practice = make_practice(title="Housing walks", summary="Housing advice.")
    services.practice_update(
        user=moderator,
        practice=practice,
        data=practice_data(language="it", title="Housing passeggiate"),
    )
    assert found("housing") == [practice.id]


def test_limit_keeps_the_best_matches():
    ids = [make_practice(title=f"Housing {n}").id for n in range(4)]
    limited = search_match(kind=SEARCH_KIND, query="housing", limit=2)
    assert len(limited) == 2
    assert {i for i, _ in limited} <= set(ids)


# --- Hostile and empty queries ------------------------------------------------------

HOSTILE = [
    '"unbalanced',
    "*",
    "-",
    "NEAR(",
    "NEAR(a b, 2)",
    "(",
    ")",
    "AND",
    "OR NOT",
    "NOT",
    "a AND",
    "title:housing",
    "body : x",
    "^housing",
    "housing*",
    "{housing}",
    "[housing]",
    "housing & walks | !x",
    "x <-> y",
    "' OR 1=1 --",
    "'; DROP TABLE search_fts; --",
    "\\",
    "%_",
    "\x00",
    "\u200b",
    "🏠",
    "ș" * 70,
    " ".join(["word"] * 500),
    "a" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise_and_return_a_list(query):
    make_practice(title="Housing walks")
    result = search_match(kind=SEARCH_KIND, query=query)
    assert isinstance(result, list)


@pytest.mark.parametrize("query", ["", "   ", "*", "-", "()", '"', "?!.,;:", "—"])
def test_query_of_only_punctuation_is_no_search(query):
    make_practice(title="Housing walks")
    assert not query_is_searchable(query)
    assert search_match(kind=SEARCH_KIND, query=query) == []


def test_punctuation_around_words_is_ignored():
    practice = make_practice(title="Housing walks")
    assert found('"housing"') == [practice.id]
    assert found("(walks)") == [practice.id]
    assert found("housing-walks!") == [practice.id]


# --- Folding ---------------------------------------------------------------------


@pytest.mark.parametrize("query", ["άδεια", "αδεια", "ΑΔΕΙΑ", "Άδειες"])
def test_greek_is_found_with_or_without_accents_in_any_case(query):
    greek = make_practice(
        language="el",
        country="GR",
        title="Βοήθεια για την άδεια διαμονής",
        summary="Συμβουλές στα γραφεία του δήμου.",
        description="",
    )
    make_practice(title="Unrelated", summary="Sports club for teenagers.")
    assert found(query) == [greek.id]


def test_a_common_word_of_one_language_is_not_the_stem_of_another_languages_word():
    # The Spanish and Portuguese stemmers cut "comida" to "com", which is also
    # the Portuguese for "with": common words are not indexed.
    with_word = make_practice(
        language="pt",
        country="PT",
        title="Apoio escolar com voluntários",
        summary="Explicações com estudantes universitários.",
        description="",
    )
    food = make_practice(
        language="es",
        country="ES",
        title="Banco de comida del barrio",
        summary="Reparto semanal de alimentos.",
        description="",
    )
    assert found("comida") == [food.id]
    assert with_word.id not in found("comida")


def test_a_query_matching_very_many_records_lists_them_newest_first(monkeypatch):
    from convivio.search import backends

    cafes = [make_practice(title=f"Language cafe {n}") for n in range(3)]
    ids = [c.id for c in cafes]
    monkeypatch.setattr(backends, "RANK_LIMIT", 2)
    if connection.vendor == "sqlite":
        assert found("cafe") == sorted(ids, reverse=True)
    else:  # PostgreSQL ranks every match (ts_rank): all are found all the same
        assert sorted(found("cafe")) == sorted(ids)
    monkeypatch.setattr(backends, "RANK_LIMIT", 5000)
    assert sorted(found("cafe")) == sorted(ids)
