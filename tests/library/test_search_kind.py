"""Documents and links in the one search: what the index holds (every language,
the text read from the file), who sees a private document, results in the
reader's language, and bounded queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from convivio.core.models import Language
from convivio.core.translation import kind_for
from convivio.core.translation_screen import save_from_screen
from convivio.library import services
from convivio.library.services import LinkData
from convivio.search import registry
from convivio.search.models import SearchEntry
from convivio.search.selectors import search_everything

from .helpers import add_document

pytestmark = pytest.mark.django_db

ITALIAN = {
    "title": "Guida di benvenuto per i nuovi arrivati",
    "description": "Dove trovare casa, scuola e medico.",
}


def found(query: str, kind: str, user=None, language: str = "en") -> list[int]:
    results = search_everything(
        query=query, user=user or AnonymousUser(), language=language, kinds=[kind]
    )
    return [h.object_id for h in results.hits if h.kind == kind]


@pytest.fixture
def guide(public_document, moderator):
    """A public guide in English and Spanish, translated into Italian, whose
    file's text was read."""
    save_from_screen(
        user=moderator,
        kind=kind_for("document"),
        record=public_document,
        language="it",
        values=ITALIAN,
    )
    services.document_text_read(
        document=public_document,
        text="Chapter one: registering with a family doctor.",
        language=Language.objects.get(code="en"),
    )
    services.document_index(document=public_document)
    return public_document


@pytest.fixture
def link(db):
    return services.link_create(
        user=None,
        data=LinkData(
            url="https://example.org/schools",
            title="Enrolling children in school",
            description="Steps and forms for school enrolment.",
            languages=["en", "pt"],
        ),
        by_system=True,
    )


def test_kinds_are_registered():
    assert {"document", "link"} <= set(registry.names())


# --------------------------------------------------------------- documents


def test_document_documents_hold_every_language_and_the_files_text(guide):
    documents = registry.get("document").documents([guide.pk])
    assert {d.language for d in documents} == {"en", "es", "it"}
    italian = next(d for d in documents if d.language == "it")
    assert italian.title == ITALIAN["title"]
    english = next(d for d in documents if d.language == "en")
    assert "registering with a family doctor" in english.body
    assert found("doctor", "document") == [guide.pk]


def test_a_private_document_is_found_only_by_who_may_open_it(
    private_document, author, stranger, moderator
):
    kind = registry.get("document")
    assert private_document.pk in kind.indexable_ids()
    assert found("housing", "document") == []
    assert found("housing", "document", user=stranger) == []
    assert found("housing", "document", user=author) == [private_document.pk]
    assert found("housing", "document", user=moderator) == [private_document.pk]
    assert kind.visible_ids(AnonymousUser(), [private_document.pk]) == set()


def test_a_deleted_document_leaves_the_index(guide, moderator):
    """Removing its translation rows indexed it again while it still existed."""
    pk = guide.pk
    services.document_delete(user=moderator, document=guide)
    assert not SearchEntry.objects.filter(kind="document", object_id=pk).exists()
    assert found("doctor", "document") == []


def test_document_hits_in_the_readers_language(guide):
    kind = registry.get("document")
    italian = kind.hits([guide.pk], "it")[guide.pk]
    assert (italian.title, italian.language) == (ITALIAN["title"], "it")
    assert italian.summary == ITALIAN["description"]
    assert italian.url == f"/it/library/{guide.pk}/"
    assert italian.meta == ("guida",)  # its kind, in Italian
    german = kind.hits([guide.pk], "de")[guide.pk]
    assert (german.title, german.language) == ("Welcome guide for newcomers", "en")


def test_search_everything_finds_a_document_by_its_translation(guide):
    results = search_everything(query="medico", user=AnonymousUser(), language="it")
    hit = next(h for h in results.hits if h.kind == "document")
    assert (hit.object_id, hit.language) == (guide.pk, "it")


def test_document_reads_are_bounded(author, django_assert_max_num_queries):
    ids = [
        add_document(
            author,
            title=f"Housing plan {n}",
            name=f"plan{n}.txt",
            content=f"plan {n}".encode(),
            languages=["en", "ro"],
        ).pk
        for n in range(5)
    ]
    kind = registry.get("document")
    with django_assert_max_num_queries(3):
        assert len(kind.documents(ids)) == 10
    with django_assert_max_num_queries(2):
        assert kind.visible_ids(author, ids) == set(ids)
    with django_assert_max_num_queries(2):
        assert kind.visible_ids(AnonymousUser(), ids) == set()
    with django_assert_max_num_queries(3):
        assert len(kind.hits(ids, "ro")) == 5


# --------------------------------------------------------------- links


def test_link_documents_one_per_language_it_is_in(link):
    documents = registry.get("link").documents([link.pk])
    assert {d.language for d in documents} == {"en", "pt"}
    assert all("https://example.org/schools" in d.body for d in documents)


def test_link_hits_lead_to_the_address(link):
    hit = registry.get("link").hits([link.pk], "pt")[link.pk]
    assert hit.url == "https://example.org/schools"
    assert hit.title == "Enrolling children in school"
    # In two languages: which one its text is in is not known.
    assert hit.language == ""
    single = services.link_create(
        user=None,
        data=LinkData(
            url="https://example.org/saude",
            title="Centro de saúde",
            languages=["pt"],
        ),
        by_system=True,
    )
    assert registry.get("link").hits([single.pk], "en")[single.pk].language == "pt"


def test_search_everything_finds_a_link_and_every_visitor_sees_it(link, moderator):
    assert found("enrolment", "link") == [link.pk]
    services.link_delete(user=moderator, link=link)
    assert found("enrolment", "link") == []


def test_link_reads_are_bounded(django_assert_max_num_queries):
    ids = [
        services.link_create(
            user=None,
            data=LinkData(
                url=f"https://example.org/{n}",
                title=f"Resource {n}",
                languages=["en", "es"],
            ),
            by_system=True,
        ).pk
        for n in range(5)
    ]
    kind = registry.get("link")
    with django_assert_max_num_queries(2):
        assert len(kind.documents(ids)) == 10
    with django_assert_max_num_queries(1):
        assert kind.visible_ids(AnonymousUser(), ids) == set(ids)
    with django_assert_max_num_queries(2):
        assert len(kind.hits(ids, "es")) == 5
