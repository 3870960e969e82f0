"""Draft collections (a booklet made from an event's outcomes): read by their
creator and moderators only, edited by their creator while a draft, published by
a moderator; lists, booklets and search leave drafts out until then."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from convivio.practices import permissions, services
from convivio.practices.models import Collection
from convivio.search.models import SearchEntry
from convivio.search.selectors import search_everything
from tests.factories import make_practice
from tests.html import text_of, texts_of

pytestmark = pytest.mark.django_db


def found(query: str, user=None) -> list[int]:
    results = search_everything(
        query=query, user=user or AnonymousUser(), language="en", kinds=["collection"]
    )
    return [h.object_id for h in results.hits if h.kind == "collection"]


def indexed(collection: Collection) -> bool:
    return SearchEntry.objects.filter(
        kind="collection", object_id=collection.pk
    ).exists()


@pytest.fixture
def practice():
    return make_practice(title="Mediators in health centres")


@pytest.fixture
def draft(author, practice):
    return services.collection_create(
        user=author,
        title="Housing workshop booklet",
        language="en",
        introduction="What went well with **housing** advice.",
        recommendations=["Open one desk for every question."],
        practices=[practice],
        source_key="event:1",
        by_system=True,
        status=Collection.Status.DRAFT,
    )


def detail(collection: Collection) -> str:
    return reverse("practices:collection_detail", args=[collection.pk])


# ----------------------------------------------------------------- who reads


def test_a_draft_is_read_by_its_creator_and_moderators_only(
    client, draft, author, moderator, stranger
):
    assert client.get(detail(draft)).status_code == 404
    for booklet in ("collection_booklet", "collection_booklet_docx"):
        url = reverse(f"practices:{booklet}", args=[draft.pk])
        assert client.get(url).status_code == 404
    client.force_login(stranger)
    assert client.get(detail(draft)).status_code == 404
    client.force_login(author)
    page = client.get(detail(draft))
    assert page.status_code == 200
    assert "only you and the moderators" in text_of(page, ".status-banner")
    # Its creator edits it but does not publish it.
    assert "Edit" in texts_of(page, ".actions a")
    assert not texts_of(page, ".collection-publish button")
    client.force_login(moderator)
    page = client.get(detail(draft))
    assert page.status_code == 200
    assert texts_of(page, ".collection-publish button") == ["Publish"]


def test_the_list_shows_drafts_to_their_creator_and_moderators(
    client, draft, author, moderator, stranger, django_assert_max_num_queries
):
    published = services.collection_create(
        user=moderator, title="Published booklet", language="en"
    )
    url = reverse("practices:collection_list")

    def titles() -> list[str]:
        with django_assert_max_num_queries(12):
            return texts_of(client.get(url), "article.card h3")

    assert titles() == ["Published booklet"]
    client.force_login(stranger)
    assert titles() == ["Published booklet"]
    client.force_login(author)
    assert titles() == ["Housing workshop booklet", "Published booklet"]
    client.force_login(moderator)
    assert titles() == ["Housing workshop booklet", "Published booklet"]
    assert published.status == Collection.Status.PUBLISHED


def test_visible_collections(draft, author, moderator, stranger):
    everything = Collection.objects.all()
    assert list(permissions.visible_collections(AnonymousUser(), everything)) == []
    assert list(permissions.visible_collections(stranger, everything)) == []
    assert list(permissions.visible_collections(author, everything)) == [draft]
    assert list(permissions.visible_collections(moderator, everything)) == [draft]


# ----------------------------------------------------------------- who edits


def test_its_creator_edits_the_draft(client, draft, author, practice):
    other = make_practice(title="Language cafés")
    client.force_login(author)
    url = reverse("practices:collection_edit", args=[draft.pk])
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url,
        {
            "title": "Housing: what we learnt",
            "introduction": "New introduction.",
            "recommendations": "First.\n\n  Second.  \n",
            "keep": [],  # the practice it had is removed
            "add": f"{other.pk}",
        },
    )
    assert response.status_code == 302 and response["Location"] == detail(draft)
    row = draft.original_translation()
    assert row.title == "Housing: what we learnt"
    assert row.introduction == "New introduction."
    assert row.recommendations == ["First.", "Second."]
    assert list(draft.items.values_list("practice_id", flat=True)) == [other.pk]
    assert practice.pk not in set(draft.practices.values_list("pk", flat=True))


def test_wrong_practice_numbers_are_refused_and_nothing_changes(
    client, draft, author, practice
):
    hidden = make_practice(title="Still a draft", status="draft")
    client.force_login(author)
    url = reverse("practices:collection_edit", args=[draft.pk])
    for add in ("abc", "999999", str(hidden.pk), "1" * 40):
        response = client.post(
            url,
            {"title": "Changed", "keep": [practice.pk], "add": add},
        )
        assert response.status_code == 200
        assert text_of(response, ".errorlist")
    assert draft.original_translation().title == "Housing workshop booklet"
    assert list(draft.items.values_list("practice_id", flat=True)) == [practice.pk]


def test_hostile_text_is_escaped(client, draft, author):
    client.force_login(author)
    url = reverse("practices:collection_edit", args=[draft.pk])
    client.post(
        url,
        {
            "title": "<script>alert(1)</script>",
            "introduction": "[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
            "recommendations": "<b>bold</b>",
        },
    )
    html = client.get(detail(draft)).content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html and "<img src=x" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_a_stranger_cannot_edit_and_its_creator_stops_once_published(
    client, draft, author, moderator, stranger
):
    url = reverse("practices:collection_edit", args=[draft.pk])
    client.force_login(stranger)
    assert client.post(url, {"title": "Mine"}).status_code == 404
    services.collection_publish(user=moderator, collection=draft)
    client.force_login(author)
    assert client.post(url, {"title": "Mine"}).status_code == 403
    assert draft.original_translation().title == "Housing workshop booklet"
    with pytest.raises(PermissionDenied):
        services.collection_update(user=author, collection=draft, title="Mine")
    # Moderators edit every collection.
    services.collection_update(user=moderator, collection=draft, title="Moderated")
    assert draft.original_translation().title == "Moderated"


# ---------------------------------------------------------- publishing, search


def test_only_moderators_publish(client, draft, author, stranger):
    url = reverse("practices:collection_publish", args=[draft.pk])
    client.force_login(author)
    assert client.post(url).status_code == 403
    client.force_login(stranger)
    assert client.post(url).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Collection.Status.DRAFT


def test_a_draft_is_not_searched_until_a_moderator_publishes_it(
    client, draft, author, moderator
):
    assert not indexed(draft)
    assert found("housing") == []
    assert found("housing", user=author) == []
    assert found("housing", user=moderator) == []
    # Editing a draft keeps it out of the index.
    services.collection_update(
        user=author, collection=draft, title="Housing booklet", introduction="Housing."
    )
    assert not indexed(draft)
    # A rebuild leaves it out too.
    call_command("search_index", "rebuild", "--kind", "collection")
    assert not indexed(draft)
    client.force_login(moderator)
    response = client.post(reverse("practices:collection_publish", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == detail(draft)
    draft.refresh_from_db()
    assert draft.status == Collection.Status.PUBLISHED
    assert indexed(draft)
    assert found("housing") == [draft.pk]
    client.logout()
    assert client.get(detail(draft)).status_code == 200
    # Published twice (two moderators at once): still published, nothing new.
    services.collection_publish(user=moderator, collection=draft)
    assert found("housing") == [draft.pk]


def test_a_draft_unknown_to_search_even_if_an_entry_is_left(draft, author):
    """The search kind leaves drafts out of what it may show, not only out of
    what it indexes."""
    from convivio.practices.search import (
        collection_indexable_ids,
        collection_visible_ids,
    )

    assert draft.pk not in collection_indexable_ids()
    assert collection_visible_ids(author, [draft.pk]) == set()
