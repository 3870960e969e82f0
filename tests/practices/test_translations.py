"""Practices and collections on core.translation: statuses after edits through the
services and the edit page (with its "minor fix" box), the API's derived status,
and who may translate."""

from __future__ import annotations

import pytest

from convivio.core.translation import (
    Status,
    field_statuses,
    kind_for,
    mark_reviewed,
    row_status,
    save_original,
    save_translation,
)
from convivio.practices import services
from convivio.practices.models import Practice
from tests.factories import make_practice, practice_data
from tests.html import soup_of

from .test_views import _form

pytestmark = pytest.mark.django_db


def fresh(practice: Practice) -> Practice:
    return Practice.objects.prefetch_related("translations").get(pk=practice.pk)


@pytest.fixture
def practice(author):
    return make_practice(user=author, title="Neighbourhood welcome walks")


def test_statuses_missing_machine_reviewed_outdated(practice, moderator):
    assert row_status(fresh(practice), "it") == Status.MISSING
    save_translation(
        practice,
        "it",
        {
            "title": "Passeggiate di benvenuto",
            "summary": "Residenti e nuovi arrivati.",
            "description": "Mentori ogni settimana.",
        },
        origin="machine",
    )
    assert row_status(fresh(practice), "it") == Status.MACHINE
    services.practice_update(
        user=moderator,
        practice=practice,
        data=practice_data(
            language="it",
            title="Passeggiate di benvenuto nel quartiere",
            summary="Residenti e nuovi arrivati.",
            description="Passeggiate ogni **sabato**.",
        ),
    )
    practice = fresh(practice)
    # The fields the person rewrote are theirs; the summary they left as it was
    # is still the machine's until they mark it reviewed.
    assert field_statuses(practice, "it")["title"] == Status.REVIEWED
    assert field_statuses(practice, "it")["summary"] == Status.MACHINE
    assert row_status(practice, "it") == Status.MACHINE
    mark_reviewed(practice.translation_for("it"), user=moderator)
    practice = fresh(practice)
    assert row_status(practice, "it") == Status.REVIEWED
    assert practice.translation_for("it").field_meta("title")["reviewed_by"] == (
        moderator.pk
    )
    save_original(practice, {"summary": "Residents walk newcomers around."})
    assert row_status(fresh(practice), "it") == Status.OUTDATED


def test_the_edit_page_offers_a_minor_fix_that_keeps_translations(
    client, author, practice
):
    save_translation(
        practice,
        "it",
        {
            "title": "Passeggiate di benvenuto",
            "summary": "Mentori volontari.",
            "description": "Mentori.",
        },
        user=author,
    )
    client.force_login(author)
    page = soup_of(client.get(f"/en/practices/{practice.pk}/edit/"))
    assert page.select_one("input[name=minor][type=checkbox]") is not None
    assert (
        soup_of(client.get("/en/practices/submit/")).select_one("input[name=minor]")
        is None
    )
    original = practice.original_translation()
    form = _form(
        title="Neighbourhood welcome walks.",
        summary=original.summary,
        description=original.description,
        country="ES",
        aims="",
        phases="",
        links="",
        minor="on",
    )
    assert client.post(f"/en/practices/{practice.pk}/edit/", form).status_code == 302
    assert fresh(practice).translation_for("en").title == "Neighbourhood welcome walks."
    assert row_status(fresh(practice), "it") == Status.REVIEWED

    form.pop("minor")
    form["title"] = "Welcome walks in the neighbourhood"
    assert client.post(f"/en/practices/{practice.pk}/edit/", form).status_code == 302
    assert row_status(fresh(practice), "it") == Status.OUTDATED


def test_the_api_gives_each_language_its_derived_status(client, practice, author):
    save_translation(
        practice,
        "it",
        {"title": "Passeggiate", "summary": "Mentori.", "description": "Mentori."},
        user=author,
    )
    save_translation(
        practice, "es", {"title": "Paseos", "summary": "Mentores."}, origin="machine"
    )
    save_original(practice, {"title": "Welcome walks"})
    data = client.get(f"/api/practices/{practice.pk}").json()
    statuses = {t["language"]: t["status"] for t in data["translations"]}
    assert statuses == {"en": "original", "it": "outdated", "es": "missing"}


def test_who_translates_practices_and_collections(
    practice, author, editor, moderator, stranger
):
    kind = kind_for(practice)
    assert kind.key == "practice"
    assert kind.can_translate(author, practice)
    assert kind.can_translate(moderator, practice)
    assert not kind.can_translate(stranger, practice)
    assert practice in kind.queue(author)
    assert practice not in kind.queue(stranger)
    assert practice in kind.queue(moderator)

    collection = services.collection_create(
        user=moderator, title="Walks", language="en", practices=[practice]
    )
    assert kind_for(collection).key == "collection"
    assert kind_for(collection).can_translate(moderator, collection)
    assert not kind_for(collection).can_translate(author, collection)


def test_a_collection_is_shown_in_the_readers_language(client, moderator, practice):
    collection = services.collection_create(
        user=moderator,
        title="Welcome booklet",
        language="en",
        introduction="Why walks work.",
        recommendations=["Start small"],
        practices=[practice],
    )
    save_translation(
        collection,
        "it",
        {
            "title": "Opuscolo di benvenuto",
            "introduction": "Perché le passeggiate funzionano.",
            "recommendations": ["Cominciare in piccolo"],
        },
        user=moderator,
    )
    page = soup_of(client.get(f"/it/collections/{collection.pk}/"))
    assert page.select_one("h1").get_text(strip=True) == "Opuscolo di benvenuto"
    page = soup_of(client.get(f"/en/collections/{collection.pk}/"))
    assert page.select_one("h1").get_text(strip=True) == "Welcome booklet"
    # No German: the English original, said to be in English.
    page = soup_of(client.get(f"/de/collections/{collection.pk}/"))
    assert page.select_one("h1").get_text(strip=True) == "Welcome booklet"
    assert page.select_one("article.collection")["lang"] == "en"
    listing = soup_of(client.get("/it/collections/"))
    assert "Opuscolo di benvenuto" in listing.get_text()
