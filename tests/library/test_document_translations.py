"""Documents' titles and descriptions in several languages (core.translation)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convivio.core.translation import (
    Status,
    kind_for,
    row_status,
    save_original,
    save_translation,
)
from convivio.library import selectors, services
from convivio.library.models import Document
from convivio.library.selectors import LibraryFilters
from convivio.library.services import DocumentData
from tests.html import soup_of, text_of, texts_of

from .helpers import add_document

pytestmark = pytest.mark.django_db

IT_TITLE = "Guida all'alloggio per i nuovi arrivati"
EN_TITLE = "Housing guide for newcomers"


@pytest.fixture
def guide(editor, organisation) -> Document:
    document = add_document(
        editor,
        organisation=organisation,
        title=IT_TITLE,
        description="Come trovare una casa a Torino.",
        kind="guide",
        is_public=True,
        languages=["it"],
    )
    save_translation(
        document,
        "en",
        {"title": EN_TITLE, "description": "How to find a home in Turin."},
        user=editor,
    )
    return document


def _data(document: Document, **changes) -> DocumentData:
    original = document.original_translation()
    values = {
        "title": original.title,
        "kind": document.kind,
        "description": original.description,
        "is_public": document.is_public,
        "organisation": document.organisation,
        "languages": ["it"],
    }
    values.update(changes)
    return DocumentData(**values)


def test_written_in_the_first_language_it_is_in(guide):
    assert guide.original_language_id == "it"
    original = guide.translations.get(language_id="it")
    assert (original.title, original.origins["title"]["origin"]) == (
        IT_TITLE,
        "original",
    )
    assert row_status(guide, "en") == Status.REVIEWED
    assert row_status(guide, "de") == Status.MISSING


def test_an_edit_of_the_description_outdates_the_translation(guide, editor):
    services.document_update(
        user=editor,
        document=guide,
        data=_data(guide, description="Come trovare una casa a Torino e Asti."),
    )
    assert row_status(Document.objects.get(pk=guide.pk), "en") == Status.OUTDATED


def test_a_minor_edit_does_not(guide, editor):
    services.document_update(
        user=editor,
        document=guide,
        data=_data(guide, title=IT_TITLE + ".", minor=True),
    )
    guide = Document.objects.get(pk=guide.pk)
    assert guide.translations.get(language_id="it").title == IT_TITLE + "."
    assert row_status(guide, "en") == Status.REVIEWED


def test_the_page_in_the_reader_s_language_else_the_original(client, guide):
    page = client.get(f"/en/library/{guide.pk}/")
    assert text_of(page, "h1") == EN_TITLE
    page = client.get(f"/de/library/{guide.pk}/")
    heading = soup_of(page).select_one("h1")
    assert (heading.get_text(strip=True), heading["lang"]) == (IT_TITLE, "it")
    assert text_of(page, ".translation-note .translation-shown")


def test_search_finds_it_through_its_translation(guide):
    found = selectors.library_search(
        user=None, filters=LibraryFilters(q="newcomers"), language="en"
    )
    assert [item.object.pk for item in found.items] == [guide.pk]
    assert found.items[0].object.shown.title == EN_TITLE
    # A translation saved later (the translation screen) is found too.
    save_translation(guide, "es", {"title": "Guía de vivienda para recién llegados"})
    found = selectors.library_search(user=None, filters=LibraryFilters(q="vivienda"))
    assert [item.object.pk for item in found.items] == [guide.pk]


def test_who_may_edit_it_may_translate_it(guide, editor, stranger, moderator):
    kind = kind_for(guide)
    assert kind.key == "document"
    assert kind.can_translate(editor, guide)
    assert kind.can_translate(moderator, guide)
    assert not kind.can_translate(stranger, guide)


def test_a_minor_fix_through_save_original_carries_the_fingerprint(guide):
    save_original(guide, {"description": "Come trovare una casa a Torino!"}, minor=True)
    assert row_status(Document.objects.get(pk=guide.pk), "en") == Status.REVIEWED


LANGUAGES = ["en", "es", "de", "fr", "pt"]


def _library(count: int) -> None:
    """``count`` documents, each in Italian with four translations."""
    for n in range(count):
        document = add_document(
            title=f"Documento {n}",
            content=f"documento {n}".encode(),
            name=f"d{n}.txt",
            is_public=True,
            languages=["it"],
        )
        for code in LANGUAGES[1:]:
            save_translation(
                document, code, {"title": f"Document {n} {code}", "description": code}
            )


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_in_a_second_language_is_bounded(client, settings, count):
    settings.CONVIVIO_PAGE_SIZE = 100
    _library(count)
    client.get("/es/library/")  # warm up
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/es/library/")
    titles = texts_of(page, ".document-item h3 a")
    assert len(titles) == count and all(t.endswith(" es") for t in titles)
    assert len(queries) <= 12


def test_the_edit_form_offers_a_minor_correction(client, guide, editor, organisation):
    client.force_login(editor)
    add_page = soup_of(client.get("/en/library/add/"))
    assert add_page.select_one("input[name=title]") is not None
    assert add_page.select_one("input[name=minor]") is None
    url = f"/en/library/{guide.pk}/edit/"
    assert soup_of(client.get(url)).select_one("input[name=minor]") is not None
    data = {
        "title": "Guida all’alloggio per i nuovi arrivati",
        "kind": "guide",
        "description": guide.original_translation().description,
        "languages": ["it"],
        "organisation": organisation.pk,
        "is_public": "on",
    }
    response = client.post(url, {**data, "minor": "on"})
    assert response.status_code == 302
    guide = Document.objects.get(pk=guide.pk)
    assert str(guide) == data["title"]
    assert row_status(guide, "en") == Status.REVIEWED
    client.post(url, {**data, "title": "Guida alla casa"})
    assert row_status(Document.objects.get(pk=guide.pk), "en") == Status.OUTDATED
