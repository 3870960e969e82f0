"""Practices and collections in the one search: what the index holds (every
language, published records only), who sees what, results in the reader's
language, and bounded queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from convivio.core.translation import kind_for, save_translation
from convivio.core.translation_screen import save_from_screen
from convivio.practices import services
from convivio.practices.models import Collection
from convivio.search import registry
from convivio.search.models import SearchEntry
from convivio.search.selectors import search_everything
from tests.factories import make_practice

pytestmark = pytest.mark.django_db

SPANISH = {
    "title": "Mentores para emprendedores migrantes",
    "summary": "Voluntarios ayudan a abrir una panadería.",
}


def found(query: str, kind: str, user=None, language: str = "en") -> list[int]:
    results = search_everything(
        query=query, user=user or AnonymousUser(), language=language, kinds=[kind]
    )
    return [h.object_id for h in results.hits if h.kind == kind]


def languages_indexed(kind: str, object_id: int) -> set[str]:
    return set(
        SearchEntry.objects.filter(kind=kind, object_id=object_id).values_list(
            "language", flat=True
        )
    )


@pytest.fixture
def practice(moderator):
    practice = make_practice(title="Mentors for migrant entrepreneurs")
    save_from_screen(
        user=moderator,
        kind=kind_for("practice"),
        record=practice,
        language="es",
        values=SPANISH,
    )
    return practice


def test_kinds_are_registered():
    assert {"practice", "collection"} <= set(registry.names())
    assert str(registry.get("practice").label) == "Practices"


# --------------------------------------------------------------- practices


def test_practice_documents_hold_every_language(practice):
    documents = registry.get("practice").documents([practice.pk])
    assert {d.language for d in documents} == {"en", "es"}
    spanish = next(d for d in documents if d.language == "es")
    assert spanish.title == SPANISH["title"]
    assert "panadería" in spanish.body


def test_a_translation_saved_on_the_translation_screen_is_searched(practice):
    assert languages_indexed("practice", practice.pk) == {"en", "es"}
    assert found("panadería", "practice") == [practice.pk]


def test_a_draft_is_not_indexed_and_an_archived_practice_leaves_the_index(moderator):
    draft = make_practice(title="Bakery mentoring", status="draft")
    published = make_practice(title="Bakery apprenticeships")
    kind = registry.get("practice")
    assert kind.documents([draft.pk]) == []
    assert draft.pk not in kind.indexable_ids()
    assert published.pk in kind.indexable_ids()
    # Not even its author's editors find it here: a draft is not in the index.
    assert found("bakery", "practice", user=moderator) == [published.pk]
    services.practice_transition(user=moderator, practice=published, action="archived")
    assert found("bakery", "practice", user=moderator) == []
    assert kind.documents([published.pk]) == []


def test_visible_ids_keep_a_stale_draft_from_visitors_but_not_its_author(author):
    draft = make_practice(user=author, title="Bakery mentoring", status="draft")
    kind = registry.get("practice")
    assert kind.visible_ids(AnonymousUser(), [draft.pk]) == set()
    assert kind.visible_ids(author, [draft.pk]) == {draft.pk}


def test_practice_hits_in_the_readers_language(practice):
    kind = registry.get("practice")
    spanish = kind.hits([practice.pk], "es")[practice.pk]
    assert (spanish.title, spanish.language) == (SPANISH["title"], "es")
    assert spanish.url == f"/es/practices/{practice.pk}/"
    assert "España" in spanish.meta  # the country, named in Spanish
    assert "2019–2021" in spanish.meta
    # No Italian text: the original, said to be English.
    italian = kind.hits([practice.pk], "it")[practice.pk]
    assert (italian.title, italian.language) == (
        "Mentors for migrant entrepreneurs",
        "en",
    )
    assert italian.summary.startswith("Volunteer mentors")


def test_search_everything_finds_a_practice_by_its_translation(practice):
    results = search_everything(
        query="emprendedores", user=AnonymousUser(), language="es"
    )
    hit = next(h for h in results.hits if h.kind == "practice")
    assert (hit.object_id, hit.language) == (practice.pk, "es")
    assert results.counts["practice"] == 1


def test_practice_reads_are_bounded(django_assert_max_num_queries):
    practices = [
        make_practice(title=f"Bakery mentoring {n}", themes=["employment", "housing"])
        for n in range(6)
    ]
    for p in practices:
        save_translation(p, "es", SPANISH)
    ids = [p.pk for p in practices]
    kind = registry.get("practice")
    with django_assert_max_num_queries(6):
        assert len(kind.documents(ids)) == 12
    with django_assert_max_num_queries(1):
        assert kind.visible_ids(AnonymousUser(), ids) == set(ids)
    with django_assert_max_num_queries(3):
        assert len(kind.hits(ids, "es")) == 6


# --------------------------------------------------------------- collections


@pytest.fixture
def collection(moderator):
    bakery = make_practice(title="Bakery apprenticeships")
    collection = services.collection_create(
        user=moderator,
        title="Work for newcomers",
        language="en",
        introduction="Practices on jobs and training.",
        recommendations=["Start with language courses."],
        practices=[bakery],
    )
    save_from_screen(
        user=moderator,
        kind=kind_for("collection"),
        record=collection,
        language="it",
        values={
            "title": "Lavoro per i nuovi arrivati",
            "introduction": "Pratiche su lavoro e formazione professionale.",
        },
    )
    return collection


def test_collection_documents_hold_every_language_and_its_practices(collection):
    documents = registry.get("collection").documents([collection.pk])
    assert {d.language for d in documents} == {"en", "it"}
    english = next(d for d in documents if d.language == "en")
    assert "Start with language courses." in english.body
    assert "Bakery apprenticeships" in english.body  # its practice's title
    assert languages_indexed("collection", collection.pk) == {"en", "it"}


def test_a_collection_is_found_when_made_and_when_practices_are_added(moderator):
    collection = services.collection_create(
        user=moderator, title="Housing first", language="en"
    )
    assert found("housing", "collection") == [collection.pk]
    assert found("ceramics", "collection") == []
    services.collection_practices_add(
        user=moderator,
        collection=collection,
        practices=[make_practice(title="Ceramics workshop")],
    )
    assert found("ceramics", "collection") == [collection.pk]


def test_a_deleted_collection_leaves_the_index(collection):
    pk = collection.pk
    Collection.objects.get(pk=pk).delete()
    assert languages_indexed("collection", pk) == set()
    assert found("newcomers", "collection") == []


def test_collection_hits_in_the_readers_language(collection):
    kind = registry.get("collection")
    italian = kind.hits([collection.pk], "it")[collection.pk]
    assert (italian.title, italian.language) == ("Lavoro per i nuovi arrivati", "it")
    assert italian.url == f"/it/collections/{collection.pk}/"
    assert italian.meta == ("1 pratica",)
    spanish = kind.hits([collection.pk], "es")[collection.pk]
    assert (spanish.title, spanish.language) == ("Work for newcomers", "en")


def test_search_everything_finds_a_collection_in_italian(collection):
    results = search_everything(
        query="formazione professionale", user=AnonymousUser(), language="it"
    )
    hit = next(h for h in results.hits if h.kind == "collection")
    assert (hit.object_id, hit.language) == (collection.pk, "it")
    # Everybody reads every collection.
    kind = registry.get("collection")
    assert kind.visible_ids(AnonymousUser(), [collection.pk]) == {collection.pk}


def test_collection_reads_are_bounded(moderator, django_assert_max_num_queries):
    practices = [make_practice(title=f"Bakery {n}") for n in range(4)]
    ids = [
        services.collection_create(
            user=moderator,
            title=f"Work {n}",
            language="en",
            practices=practices[n:],
        ).pk
        for n in range(4)
    ]
    kind = registry.get("collection")
    with django_assert_max_num_queries(4):
        assert len(kind.documents(ids)) == 4
    with django_assert_max_num_queries(1):
        assert kind.visible_ids(AnonymousUser(), ids) == set(ids)
    with django_assert_max_num_queries(2):
        assert len(kind.hits(ids, "it")) == 4
