"""Uploaded files (/media/…) are sent only to whoever may see their document."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import resolve

from convivio.ingest import services as ingest_services
from convivio.library.views import media_file
from tests.library.helpers import add_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_document(author):
    return add_document(
        author, title="Draft housing plan", name="draft.txt", content=b"draft text"
    )


@pytest.fixture
def public_document():
    return add_document(
        title="Welcome guide", name="guide.txt", content=b"welcome", is_public=True
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_file_addresses_are_under_media_and_routed_to_the_checking_view(
    private_document,
):
    match = resolve(private_document.file.url)
    assert match.func is media_file
    assert match.kwargs == {"name": private_document.file.name}


def test_private_file_is_not_found_for_anonymous_and_other_members(
    client, private_document, stranger
):
    url = private_document.file.url
    assert client.get(url).status_code == 404
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_private_file_is_sent_to_its_owner_and_to_moderators(
    client, private_document, author, moderator
):
    url = private_document.file.url
    for person in (author, moderator):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert _body(response) == b"draft text"
        # Never kept by a shared cache, never run as our site.
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Security-Policy"].startswith("sandbox")
        assert response["Content-Disposition"] == 'attachment; filename="draft.txt"'


def test_private_file_is_sent_to_editors_of_its_organisation(
    client, organisation, editor
):
    document = add_document(name="org.txt", content=b"ours", organisation=organisation)
    assert not document.is_public
    client.force_login(editor)
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert _body(response) == b"ours"


def test_public_file_is_sent_to_anyone(client, public_document):
    response = client.get(public_document.file.url)
    assert response.status_code == 200
    assert _body(response) == b"welcome"
    assert response["Cache-Control"] == "public, max-age=3600"


def test_ingestion_upload_is_private_to_its_uploader(client, user, stranger):
    job = ingest_services.document_ingest(
        user=user, data=b"A local plan for newcomers.", filename="plan.txt"
    )
    url = job.document.file.url
    assert client.get(url).status_code == 404
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert _body(response) == b"A local plan for newcomers."


def test_a_file_of_no_document_is_not_found(client, moderator):
    """Anything else under MEDIA_ROOT is never sent, even to a moderator."""
    stray = settings.MEDIA_ROOT / "library" / "stray.txt"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"left over")
    client.force_login(moderator)
    assert client.get("/media/library/stray.txt").status_code == 404
    assert client.get("/media/../settings.py").status_code == 404


def test_accelerated_sending_behind_nginx(client, settings, author, private_document):
    settings.CONVIVIO_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    assert client.get(private_document.file.url).status_code == 404
    client.force_login(author)
    response = client.get(private_document.file.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == (
        "/protected-media/" + private_document.file.name
    )
    assert response.content == b""  # nginx sends the file
    assert response["Content-Disposition"] == 'attachment; filename="draft.txt"'
    assert response["Cache-Control"] == "private, no-store"


def test_download_link_on_the_document_page_checks_permission(
    client, private_document, author
):
    client.force_login(author)
    page = client.get(private_document.get_absolute_url())
    link = BeautifulSoup(page.content, "html.parser").select_one("a[download]")
    assert link is not None
    assert _body(client.get(link["href"])) == b"draft text"
    client.logout()
    assert client.get(link["href"]).status_code == 404
