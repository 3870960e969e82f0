"""Library pages: list, filters, search, detail, download, forms, permissions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from convivio.library import services
from convivio.library.models import Document, Link
from convivio.library.services import LinkData
from tests.html import soup_of

from .helpers import add_document, upload

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [str(item.object) for item in response.context["results"].items]


def _library(count: int, organisation=None) -> None:
    languages = ["es", "it", "de", "pt", "ro", "fr"]
    for n in range(count):
        add_document(
            title=f"Document {n}",
            kind="report" if n % 2 else "plan",
            content=f"document {n}".encode(),
            is_public=True,
            languages=[languages[n % 6]],
            themes=["housing" if n % 3 else "health"],
            organisation=organisation,
        )
        services.link_create(
            user=None,
            by_system=True,
            data=LinkData(
                url=f"https://example.org/{n}",
                title=f"Link {n}",
                languages=[languages[n % 6]],
                themes=["employment"],
            ),
        )


def test_list_shows_public_documents_and_links(
    client, public_document, private_document
):
    services.link_create(
        user=None,
        by_system=True,
        data=LinkData(url="https://example.org/x", title="Useful service"),
    )
    response = client.get(reverse("library:list"))
    assert response.status_code == 200
    assert set(_titles(response)) == {"Welcome guide for newcomers", "Useful service"}
    assert b"Draft housing plan" not in response.content


def test_private_documents_listed_for_their_uploader_and_moderators(
    client, author, moderator, stranger, private_document
):
    client.force_login(stranger)
    assert _titles(client.get(reverse("library:list"))) == []
    client.force_login(author)
    assert _titles(client.get(reverse("library:list"))) == ["Draft housing plan"]
    client.force_login(moderator)
    assert _titles(client.get(reverse("library:list"))) == ["Draft housing plan"]


def _list_queries(client, params: dict) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("library:list"), params)
    return len(queries), response


def test_list_query_count_is_bounded(client, organisation, settings):
    """The same number of queries with 3 and with 30 documents and links each."""
    settings.CONVIVIO_PAGE_SIZE = 100
    counts = []
    for count in (3, 30):
        Document.objects.all().delete()
        Link.objects.all().delete()
        _library(count, organisation)
        client.get(reverse("library:list"))  # warm up
        browse, response = _list_queries(client, {})
        assert len(response.context["results"].items) == 2 * count
        search, response = _list_queries(client, {"q": "document", "theme": "housing"})
        assert response.context["results"].total == len(
            [n for n in range(count) if n % 3]
        )
        counts.append((browse, search))
    assert counts[0] == counts[1]
    # Keys and count, the page's documents and links with their languages and
    # themes, the documents' translation rows, the filter choices.
    assert counts[0][0] <= 12 and counts[0][1] <= 12, counts


def test_filters(client, organisation):
    _library(6, organisation)
    url = reverse("library:list")
    assert _titles(client.get(url, {"language": "it"})) == ["Link 1", "Document 1"]
    assert set(_titles(client.get(url, {"kind": "report", "show": "documents"}))) == {
        "Document 1",
        "Document 3",
        "Document 5",
    }
    assert set(_titles(client.get(url, {"theme": "health"}))) == {
        "Document 0",
        "Document 3",
    }
    assert len(_titles(client.get(url, {"organisation": organisation.slug}))) == 6
    assert len(_titles(client.get(url, {"show": "links"}))) == 6
    # Unknown values are ignored rather than failing.
    assert client.get(url, {"kind": "<script>", "page": "x"}).status_code == 200


def test_search_uses_the_full_text_index_with_stemming(client):
    add_document(
        title="Guida ai servizi",
        description="Sportelli per l'orientamento lavorativo dei migranti",
        languages=["it"],
        is_public=True,
        content=b"it",
    )
    add_document(
        title="Leitfaden",
        description="Wohnungssuche und Mietverträge",
        languages=["de"],
        is_public=True,
        content=b"de",
    )
    Document.objects.filter(translations__title="Leitfaden").update(
        extracted_text="Die Beratung hilft bei der Anmeldung der Wohnung.",
        text_language="de",
    )
    services.document_index(
        document=Document.objects.get(translations__title="Leitfaden")
    )
    url = reverse("library:list")
    # Italian plural → singular stem; a word only in the extracted text.
    assert _titles(client.get(url, {"q": "sportello"})) == ["Guida ai servizi"]
    assert _titles(client.get(url, {"q": "Anmeldung"})) == ["Leitfaden"]
    assert _titles(client.get(url, {"q": "nothing-like-this"})) == []
    # Query syntax is never passed through to the index.
    assert client.get(url, {"q": '"OR (* NEAR'}).status_code == 200


def test_pagination(client, settings):
    settings.CONVIVIO_PAGE_SIZE = 4
    _library(5)
    url = reverse("library:list")
    first = client.get(url)
    assert first.context["results"].num_pages == 3
    assert _titles(first) == ["Link 4", "Document 4", "Link 3", "Document 3"]
    last = client.get(url, {"page": 3})
    assert _titles(last) == ["Link 0", "Document 0"]
    assert client.get(url, {"page": 99}).context["results"].page == 3
    assert b'rel="next"' in first.content


def test_detail_and_visibility(client, public_document, private_document, author):
    response = client.get(public_document.get_absolute_url())
    assert response.status_code == 200
    assert b"Welcome guide for newcomers" in response.content
    assert reverse("library:download", args=[public_document.pk]).encode() in (
        response.content
    )
    assert client.get(private_document.get_absolute_url()).status_code == 404
    client.force_login(author)
    assert client.get(private_document.get_absolute_url()).status_code == 200


def test_detail_shows_extracted_text_escaped_and_jobs(client, public_document, user):
    from convivio.ingest.models import Draft, IngestJob

    Document.objects.filter(pk=public_document.pk).update(
        extracted_text="<script>alert(1)</script> Texto del plan"
    )
    job = IngestJob.objects.create(
        document=public_document, status="done", genre="plan", created_by=user
    )
    Draft.objects.create(job=job, kind="plan", title="Plan local de Getafe", data={})
    response = client.get(public_document.get_absolute_url())
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Texto del plan" in content
    assert "Plan local de Getafe" in content
    assert reverse("ingest:job", args=[job.pk]) in content
    draft = job.drafts.get()
    assert f"{reverse('ingest:review', args=[job.pk])}#draft-{draft.pk}" in content


def test_detail_lists_the_recommendations_read_from_the_document(
    client, public_document, user
):
    from convivio.ingest.models import IngestJob

    older = IngestJob.objects.create(
        document=public_document,
        status="done",
        created_by=user,
        recommendations=[{"audience": "EDUCATION", "text": "An older reading."}],
    )
    IngestJob.objects.create(
        document=public_document,
        status="done",
        created_by=user,
        recommendations=[
            {"audience": "EDUCATION", "text": "Train teachers in <b>mediation</b>."},
            {"audience": "HEALTH", "text": "Offer interpreters in clinics."},
            {"audience": "EDUCATION", "text": "Open schools in the evening."},
            {"audience": "", "text": "   "},
        ],
    )
    assert older.pk

    response = client.get(public_document.get_absolute_url())

    section = soup_of(response).select_one("section.document-recommendations")
    assert [h.get_text() for h in section.select("h3")] == ["EDUCATION", "HEALTH"]
    assert [
        [li.get_text() for li in ul.select("li")] for ul in section.select("ul")
    ] == [
        ["Train teachers in <b>mediation</b>.", "Open schools in the evening."],
        ["Offer interpreters in clinics."],
    ]
    assert "<b>mediation</b>" not in response.content.decode()


def test_detail_without_recommendations_has_no_section(client, public_document):
    response = client.get(public_document.get_absolute_url())

    assert soup_of(response).select("section.document-recommendations") == []


def test_download_headers(client, public_document):
    response = client.get(reverse("library:download", args=[public_document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"welcome guide"
    assert response["Content-Disposition"] == 'attachment; filename="guide.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("text/plain")
    assert "sandbox" in response["Content-Security-Policy"]


def test_download_of_html_is_never_rendered(client, moderator):
    document = add_document(
        moderator,
        name='<img src=x onerror=alert(1)>".html',
        content=b"<script>alert(1)</script>",
        is_public=True,
    )
    response = client.get(reverse("library:download", args=[document.pk]))
    assert response["Content-Type"].startswith("text/plain")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "<" not in disposition and '"' not in disposition.split('filename="')[1][:-1]


def test_private_download_404_for_strangers(client, private_document, stranger, author):
    url = reverse("library:download", args=[private_document.pk])
    assert client.get(url).status_code == 404
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(author)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_add_document_form(client, user):
    url = reverse("library:add")
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(user)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Plan local d'intégration",
            "kind": "plan",
            "languages": ["fr"],
            "file": upload("plan-fr.txt", b"Axe 1. Accueil"),
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.original_filename == "plan-fr.txt"
    assert [lang.code for lang in document.languages.all()] == ["fr"]


def test_add_the_same_file_twice_goes_to_the_existing_document(client, user):
    client.force_login(user)
    url = reverse("library:add")
    data = {"title": "First", "kind": "report"}
    client.post(url, {**data, "file": upload("r.txt", b"report")})
    response = client.post(
        url,
        {**data, "title": "Second", "file": upload("r2.txt", b"report")},
        follow=True,
    )
    assert Document.objects.count() == 1
    assert response.redirect_chain[-1][0] == Document.objects.get().get_absolute_url()
    assert "already in the library" in response.content.decode()


def test_adding_a_copy_of_someone_elses_private_file_reveals_nothing(
    client, user, stranger
):
    """The answer to a copy of a private document is the answer to a new file."""
    url = reverse("library:add")
    data = {"title": "Notes", "kind": "report"}
    client.force_login(user)
    client.post(url, {**data, "file": upload("private.txt", b"private bytes")})
    private = Document.objects.get()
    client.logout()
    client.force_login(stranger)
    copy = client.post(
        url, {**data, "file": upload("n.txt", b"private bytes")}, follow=True
    )
    new = client.post(
        url, {**data, "file": upload("m.txt", b"other bytes")}, follow=True
    )
    mine = Document.objects.filter(uploaded_by=stranger).order_by("pk")
    assert [d.original_filename for d in mine] == ["n.txt", "m.txt"]
    assert copy.redirect_chain[-1][0] == mine[0].get_absolute_url()
    for response in (copy, new):
        assert response.status_code == 200
        assert [m.message for m in response.context["messages"]] == [
            "The document was added to the library."
        ]
    # The first member's document stays theirs and hidden.
    assert client.get(private.get_absolute_url()).status_code == 404


def test_add_document_too_large_or_bad_url(client, user, settings):
    settings.CONVIVIO_UPLOAD_MAX_BYTES = 10
    client.force_login(user)
    url = reverse("library:add")
    response = client.post(
        url, {"title": "Big", "kind": "plan", "file": upload("big.pdf", b"x" * 11)}
    )
    assert response.status_code == 200
    assert "files up to" in response.content.decode()
    response = client.post(
        url, {"title": "Web", "kind": "video", "url": "ftp://example.org/video"}
    )
    assert response.status_code == 200
    assert "http" in str(response.context["form"].errors)
    response = client.post(url, {"title": "Nothing", "kind": "plan"})
    assert "Upload a file or give" in response.content.decode()
    assert Document.objects.count() == 0


def test_add_link_form(client, user):
    client.force_login(user)
    url = reverse("library:link_add")
    response = client.post(
        url, {"url": "javascript:alert(1)", "title": "x", "kind": "other"}
    )
    assert response.status_code == 200 and Link.objects.count() == 0
    response = client.post(
        url,
        {
            "url": "https://example.org/guia",
            "title": "Guía de recursos",
            "kind": "guide",
            "languages": ["es"],
        },
    )
    assert response.status_code == 302
    link = Link.objects.get()
    assert link.created_by == user
    response = client.post(
        url, {"url": "https://example.org/guia", "title": "Again", "kind": "guide"}
    )
    assert "already in the library" in response.content.decode()


def test_edit_permissions(client, author, stranger, editor, organisation):
    document = add_document(author, content=b"authored", title="Authored")
    url = reverse("library:edit", args=[document.pk])
    client.force_login(stranger)
    assert client.get(url).status_code == 404  # private: not even disclosed
    Document.objects.filter(pk=document.pk).update(is_public=True)
    assert client.get(url).status_code == 403
    client.force_login(author)
    response = client.post(
        url, {"title": "Renamed", "kind": "report", "is_public": "on"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert str(document) == "Renamed"

    link = services.link_create(
        user=None,
        by_system=True,
        data=LinkData(
            url="https://example.org/o", title="Org", organisation=organisation
        ),
    )
    link_url = reverse("library:link_edit", args=[link.pk])
    client.force_login(stranger)
    assert client.get(link_url).status_code == 403
    client.force_login(editor)
    response = client.post(
        link_url,
        {
            "url": "https://example.org/o2",
            "title": "Org",
            "kind": "other",
            "organisation": organisation.pk,
        },
    )
    assert response.status_code == 302
    assert Link.objects.get(pk=link.pk).url == "https://example.org/o2"


def test_broken_badge_and_broken_links_page(client, user, stranger):
    link = services.link_create(
        user=user, data=LinkData(url="https://example.org/gone", title="Gone page")
    )
    Link.objects.filter(pk=link.pk).update(
        broken_since=timezone.now(), last_status=404, check_error="HTTP 404 Not Found"
    )
    response = client.get(reverse("library:list"))
    assert 'class="badge broken"' in response.content.decode()
    assert _titles(client.get(reverse("library:list"), {"broken": "1"})) == [
        "Gone page"
    ]
    page = reverse("library:broken_links")
    assert client.get(page).status_code == 302
    client.force_login(stranger)
    assert b"Gone page" not in client.get(page).content
    client.force_login(user)
    response = client.get(page)
    assert (
        b"Gone page" in response.content and b"HTTP 404 Not Found" in response.content
    )


def test_nav_has_the_library(client):
    assert reverse("library:list").encode() in client.get("/en/").content
