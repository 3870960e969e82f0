"""Library services: documents, links, permissions and the search index."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from convivio.library import services
from convivio.library.models import Document, Link
from convivio.library.selectors import LibraryFilters, library_search
from convivio.library.services import DocumentData, LinkData
from convivio.search.models import SearchEntry

from .helpers import add_document, upload

pytestmark = pytest.mark.django_db


def test_upload_keeps_file_checksum_and_metadata(user):
    content = "Plano municipal de integração\n1. Habitação\n".encode()
    document, created = services.document_create(
        user=user,
        data=DocumentData(
            title="Plano municipal", kind="plan", languages=["pt"], themes=["housing"]
        ),
        file=upload("../../etc/Plano Municipal (v2).txt", content),
    )
    assert created
    document.refresh_from_db()
    assert document.checksum == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.uploaded_by == user
    assert not document.is_public
    # No folder and no odd characters from the browser's file name.
    assert document.original_filename == "Plano_Municipal_v2.txt"
    assert document.file.name.startswith(f"library/{document.checksum[:2]}/")
    with document.file.open("rb") as handle:
        assert handle.read() == content
    assert [lang.code for lang in document.languages.all()] == ["pt"]
    assert [t.slug for t in document.themes.all()] == ["housing"]


def test_same_file_twice_is_the_same_document(user):
    first, created = services.document_create(
        user=user, data=DocumentData(title="Piano"), file=upload("a.txt", b"same")
    )
    again, created_again = services.document_create(
        user=user,
        data=DocumentData(title="Another title"),
        file=upload("b.txt", b"same"),
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert Document.objects.count() == 1
    assert str(again) == "Piano"


def test_a_copy_of_someone_elses_private_file_is_a_document_of_ones_own(user, stranger):
    """Until issue 9 the stranger was handed the private document (and the page
    told them it existed); now nothing tells them apart from a new file."""
    private, _created = services.document_create(
        user=user, data=DocumentData(title="Piano"), file=upload("a.txt", b"same")
    )
    copy, created = services.document_create(
        user=stranger,
        data=DocumentData(title="Another title"),
        file=upload("b.txt", b"same"),
    )
    assert created and copy.pk != private.pk
    assert copy.uploaded_by == stranger and str(copy) == "Another title"
    assert copy.checksum == private.checksum
    with copy.file.open("rb") as handle:
        assert handle.read() == b"same"
    # Their own copy is found again the next time.
    again, created_again = services.document_create(
        user=stranger, data=DocumentData(title="Third"), file=upload("c.txt", b"same")
    )
    assert again.pk == copy.pk and not created_again


def test_a_copy_of_a_public_file_is_the_public_document(user, stranger, moderator):
    public, _created = services.document_create(
        user=moderator,
        data=DocumentData(title="Public", is_public=True),
        file=upload("a.txt", b"open"),
    )
    again, created = services.document_create(
        user=stranger, data=DocumentData(title="Mine"), file=upload("b.txt", b"open")
    )
    assert again.pk == public.pk and not created


def test_too_large_and_empty_files_are_refused(user, settings):
    settings.CONVIVIO_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        services.document_create(
            user=user,
            data=DocumentData(title="Big"),
            file=upload("big.pdf", b"x" * 1001),
        )
    assert "up to" in str(error.value)
    with pytest.raises(ValidationError, match="empty"):
        services.document_create(
            user=user, data=DocumentData(title="Empty"), file=upload("e.txt", b"")
        )
    assert Document.objects.count() == 0
    assert SearchEntry.objects.count() == 0


def test_web_documents_need_an_http_address(user):
    with pytest.raises(ValidationError, match="http"):
        services.document_create(
            user=user, data=DocumentData(title="Video", url="javascript:alert(1)")
        )
    with pytest.raises(ValidationError, match="file or"):
        services.document_create(user=user, data=DocumentData(title="Nothing"))
    document, created = services.document_create(
        user=user,
        data=DocumentData(title="Video", kind="video", url="https://example.org/v"),
    )
    assert created and document.url == "https://example.org/v" and not document.file


def test_anonymous_cannot_add(db):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.document_create(
            user=AnonymousUser(), data=DocumentData(title="x"), file=upload()
        )
    with pytest.raises(PermissionDenied):
        services.link_create(
            user=AnonymousUser(), data=LinkData(url="https://e.org", title="x")
        )


def test_organisation_and_public_need_the_right_role(
    user, editor, moderator, organisation
):
    with pytest.raises(PermissionDenied, match="editors"):
        services.document_create(
            user=user,
            data=DocumentData(title="x", organisation=organisation),
            file=upload("1.txt", b"1"),
        )
    with pytest.raises(PermissionDenied, match="public"):
        services.document_create(
            user=user, data=DocumentData(title="x", is_public=True), file=upload()
        )
    document, _ = services.document_create(
        user=editor,
        data=DocumentData(title="x", organisation=organisation, is_public=True),
        file=upload("2.txt", b"2"),
    )
    assert document.is_public and document.organisation == organisation
    document, _ = services.document_create(
        user=moderator,
        data=DocumentData(title="y", is_public=True),
        file=upload("3.txt", b"3"),
    )
    assert document.is_public
    assert Document.objects.count() == 2


def test_update_permissions(author, stranger, editor, moderator, organisation):
    document = add_document(author, organisation=None, content=b"mine")
    data = DocumentData(title="Renamed", kind="report")
    with pytest.raises(PermissionDenied):
        services.document_update(user=stranger, document=document, data=data)
    with pytest.raises(PermissionDenied, match="public"):
        services.document_update(
            user=author,
            document=document,
            data=DocumentData(title="Renamed", is_public=True),
        )
    services.document_update(user=author, document=document, data=data)
    document.refresh_from_db()
    assert (str(document), document.kind) == ("Renamed", "report")
    # Editors of the organisation may edit the organisation's documents.
    org_doc = add_document(organisation=organisation, content=b"org")
    services.document_update(
        user=editor,
        document=org_doc,
        data=DocumentData(title="By the editor", organisation=organisation),
    )
    services.document_update(
        user=moderator,
        document=org_doc,
        data=DocumentData(
            title="Public now", organisation=organisation, is_public=True
        ),
    )
    org_doc.refresh_from_db()
    assert org_doc.is_public and str(org_doc) == "Public now"


def test_document_is_indexed_in_its_languages(db):
    document = add_document(
        title="Guía de vivienda",
        description="Cómo encontrar vivienda en la ciudad.",
        languages=["es", "it"],
        content=b"guia",
    )
    entries = SearchEntry.objects.filter(kind="document", object_id=document.pk)
    assert sorted(e.language for e in entries) == ["es", "it"]
    # The extracted text (set by the ingestion pipeline) is indexed too.
    Document.objects.filter(pk=document.pk).update(
        extracted_text="Los inquilinos migrantes y sus derechos.", text_language="es"
    )
    services.document_index(document=document)
    hits = library_search(user=None, filters=LibraryFilters(q="inquilino"))
    assert hits.total == 0  # not public: nobody anonymous sees it
    Document.objects.filter(pk=document.pk).update(is_public=True)
    hits = library_search(user=None, filters=LibraryFilters(q="inquilino"))
    assert [i.object.pk for i in hits.items] == [document.pk]


def test_links_validated_unique_and_indexed(user):
    with pytest.raises(ValidationError, match="http"):
        services.link_create(
            user=user, data=LinkData(url="file:///etc/passwd", title="x")
        )
    with pytest.raises(ValidationError, match="http"):
        services.link_create(user=user, data=LinkData(url="not an address", title="x"))
    link = services.link_create(
        user=user,
        data=LinkData(
            url="https://example.org/beratung",
            title="Beratungsstellen für Zugewanderte",
            languages=["de"],
        ),
    )
    with pytest.raises(ValidationError, match="already"):
        services.link_create(
            user=user, data=LinkData(url="https://example.org/beratung", title="again")
        )
    assert Link.objects.count() == 1
    hits = library_search(user=None, filters=LibraryFilters(q="Beratungsstelle"))
    assert [(i.type, i.object.pk) for i in hits.items] == [("link", link.pk)]


def test_link_update_permissions_and_new_address_resets_checks(
    user, stranger, editor, organisation
):
    from django.utils import timezone

    link = services.link_create(
        user=user,
        data=LinkData(url="https://example.org/a", title="A"),
    )
    Link.objects.filter(pk=link.pk).update(
        broken_since=timezone.now(), last_status=404, check_error="HTTP 404"
    )
    link.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.link_update(
            user=stranger, link=link, data=LinkData(url="https://e.org/b", title="B")
        )
    services.link_update(
        user=user, link=link, data=LinkData(url="https://example.org/b", title="B")
    )
    link.refresh_from_db()
    assert link.url == "https://example.org/b"
    assert link.broken_since is None and link.last_status is None
    org_link = services.link_create(
        user=None,
        by_system=True,
        data=LinkData(
            url="https://example.org/c", title="C", organisation=organisation
        ),
    )
    services.link_update(
        user=editor,
        link=org_link,
        data=LinkData(
            url="https://example.org/c", title="C2", organisation=organisation
        ),
    )
    assert Link.objects.get(pk=org_link.pk).title == "C2"


def test_failed_write_leaves_no_file(user, monkeypatch, settings):
    from convivio.library import services as module

    def boom(**kwargs):
        raise RuntimeError("index down")

    monkeypatch.setattr(module, "document_index", boom)
    with pytest.raises(RuntimeError):
        services.document_create(
            user=user, data=DocumentData(title="x"), file=upload("x.txt", b"data")
        )
    assert Document.objects.count() == 0
    media = settings.MEDIA_ROOT
    leftovers = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert leftovers == []
