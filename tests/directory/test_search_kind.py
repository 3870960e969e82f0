"""Services and organisations in the one search: indexed in every language they
are written in, found word by word with accents and case folded; the directory
pages and the HSDS API rank with it; writes keep the index as the pages are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.core.models import Organisation, Theme
from convivio.core.translation import save_original, save_translation
from convivio.demo.directory import directory_demo_load
from convivio.demo.plans import plans_demo_load
from convivio.directory import search, services
from convivio.directory.models import Service, ServiceTranslation
from convivio.search import registry
from convivio.search.models import SearchEntry
from convivio.search.selectors import index_version, search_everything, search_match
from convivio.search.services import vectors_update
from tests.factories import OrganisationFactory, ServiceFactory
from tests.html import soup_of

from .test_services import data, make_service

pytestmark = pytest.mark.django_db

LIST = reverse("directory:list")
MAP = reverse("directory:map")
API = "/api/hsds/services"


def found(query: str, kind: str = search.SERVICE) -> list[int]:
    return [object_id for object_id, _score in search_match(kind=kind, query=query)]


def indexed_languages(service: Service) -> set[str]:
    return set(
        SearchEntry.objects.filter(kind="service", object_id=service.pk).values_list(
            "language", flat=True
        )
    )


def names(response) -> list[str]:
    return [card.name for card in response.context["results"].items]


def health_ids() -> list[int]:
    return list(Theme.objects.filter(slug="health").values_list("pk", flat=True))


@pytest.fixture
def doctor(organisation):
    """Written in English, translated into Portuguese (the translation screen's
    way: core.translation.save_translation)."""
    service = ServiceFactory(
        organisation=organisation,
        name="Family doctor appointments",
        description="Register with your residence address.",
        theme_ids=health_ids(),
        language_ids=["ar"],
    )
    save_translation(
        service,
        "pt",
        {
            "name": "Consultas de médico de família",
            "description": "Inscreva-se com a sua morada.",
        },
    )
    return service


@pytest.fixture
def classes(organisation):
    return ServiceFactory(
        organisation=organisation,
        name="Aulas de português para adultos",
        language="pt",
        description="À noite, todos os níveis, com professores voluntários.",
    )


def test_every_language_of_a_service_is_indexed(doctor):
    assert indexed_languages(doctor) == {"en", "pt"}
    entry = SearchEntry.objects.get(kind="service", object_id=doctor.pk, language="pt")
    # What people search by: the description, the needs in the row's own
    # language, the languages spoken.
    assert entry.title == "Consultas de médico de família"
    assert "Inscreva-se com a sua morada." in entry.body
    assert "Saúde" in entry.body
    assert "Arabic" in entry.body
    for query in ("médico", "doctor", "appointment", "saude", "arabic"):
        assert found(query) == [doctor.pk], query


def test_accents_and_case_are_folded(organisation):
    service = ServiceFactory(
        organisation=organisation,
        name="Saúde materna e planeamento familiar",
        language="pt",
    )
    for query in ("saude", "SAÚDE", "Saude Materna", "planeamento"):
        assert found(query) == [service.pk], query


def test_each_word_is_matched_on_its_own(client, classes, organisation):
    make_service(organisation, "Portuguese for children")
    assert found("aulas português") == [classes.pk]
    assert found("adultos aulas") == [classes.pk]
    # The page used to look for the exact phrase: not any more.
    assert names(client.get(LIST, {"q": "aulas português"})) == [
        "Aulas de português para adultos"
    ]
    assert names(client.get(LIST, {"q": "voluntarios noite"})) == [
        "Aulas de português para adultos"
    ]


def test_inactive_services_are_not_found(client, organisation, editor):
    closed = ServiceFactory(
        organisation=organisation,
        name="Old legal desk",
        status=Service.Status.DEFUNCT,
    )
    assert indexed_languages(closed) == set()
    assert found("legal desk") == []
    assert names(client.get(LIST, {"q": "legal"})) == []
    # Made active again, it is found; made inactive, it goes.
    services.service_update(
        user=editor,
        service=closed,
        data=data(name="Old legal desk", status=Service.Status.ACTIVE),
    )
    assert found("legal desk") == [closed.pk]
    services.service_update(
        user=editor,
        service=closed,
        data=data(name="Old legal desk", status=Service.Status.INACTIVE),
    )
    assert found("legal desk") == []


def test_the_page_the_map_and_the_api_give_the_same_services(
    client, classes, doctor, organisation
):
    housing = make_service(organisation, "Housing desk", themes=("housing",))
    for query, expected in (
        ("aulas português", {classes.pk}),
        ("saude medico", {doctor.pk}),
        ("desk housing", {housing.pk}),
        ("appointments desk", set()),
    ):
        page = client.get(LIST, {"q": query})
        shown = {card.service.pk for card in page.context["results"].items}
        api = client.get(API, {"search": query}).json()
        published = {
            Service.objects.get(hsds_id=item["id"]).pk for item in api["contents"]
        }
        assert shown == published == expected, query
        on_map = client.get(MAP, {"q": query}).context["results"].items
        assert {card.service.pk for card in on_map} == expected, query


def test_filters_and_pagination_work_on_the_ranked_services(
    client, organisation, settings
):
    settings.CONVIVIO_PAGE_SIZE = 4
    for n in range(5):
        make_service(organisation, f"Legal advice {n}", themes=("housing",))
    make_service(organisation, "Legal advice on health", themes=("health",))
    make_service(organisation, "Language café", themes=("health",))
    assert names(client.get(LIST, {"q": "legal", "theme": "health"})) == [
        "Legal advice on health"
    ]
    first = client.get(LIST, {"q": "legal", "sort": "name"})
    assert first.context["results"].total == 6
    assert names(first) == [f"Legal advice {n}" for n in range(4)]
    # The next page's link keeps the words and the order chosen.
    next_link = soup_of(first).select_one(".pagination a[rel=next]")["href"]
    assert "q=legal" in next_link and "sort=name" in next_link
    second = client.get(LIST + next_link[next_link.index("?") :])
    assert names(second) == ["Legal advice 4", "Legal advice on health"]


def test_most_relevant_first_and_the_order_can_be_chosen(client, organisation):
    weak = make_service(organisation, "Desk for everyone")
    ServiceTranslation.objects.filter(service=weak).update(
        description="Also some legal questions."
    )
    search.reindex(search.SERVICE, [weak.pk])
    strong = make_service(organisation, "Legal aid")
    response = client.get(LIST, {"q": "legal"})
    assert response.context["filters"].sort == "relevance"
    assert [c.service.pk for c in response.context["results"].items] == [
        strong.pk,
        weak.pk,
    ]
    page = soup_of(response)
    assert page.select_one("#directory-sort option[selected]")["value"] == "relevance"
    by_name = client.get(LIST, {"q": "legal", "sort": "name"})
    assert names(by_name) == ["Desk for everyone", "Legal aid"]
    # Without words there is nothing to rank by.
    assert client.get(LIST).context["filters"].sort == "name"
    first_order = soup_of(client.get(LIST)).select_one("#directory-sort option")
    assert first_order["value"] == "name"


def test_editing_reindexes_and_deleting_removes(doctor, editor, organisation):
    services.service_update(
        user=editor,
        service=doctor,
        data=data(name="Dentist appointments", description="Teeth checked."),
    )
    assert found("dentist") == [doctor.pk]
    assert found("family doctor") == []
    # The Portuguese row stays indexed, its text as it was.
    assert found("médico") == [doctor.pk]
    # A translation removed, a place added: the index follows.
    ServiceTranslation.objects.filter(service=doctor, language="pt").delete()
    assert indexed_languages(doctor) == {"en"}
    services.service_save_with_place(
        user=editor,
        data=data(name="Dentist appointments"),
        service=doctor,
        place=services.LocationData(name="Casa do Povo", city="Vale Novo"),
    )
    assert found("vale novo") == [doctor.pk]
    doctor.delete()
    assert found("dentist") == []
    assert not SearchEntry.objects.filter(kind="service").exists()


def test_an_hsds_import_is_indexed_once_at_its_end(db):
    from convivio.directory import hsds

    from .test_hsds_import import example

    before = index_version(kind=search.SERVICE)
    result = hsds.import_records(example("organization_full"), by_system=True)
    assert result.ok, result.errors
    service = Service.objects.get(
        source_key="hsds:ac148810-d857-441c-9679-408f346de14b"
    )
    # Its text, places, hours, phones and contacts written: indexed once.
    assert index_version(kind=search.SERVICE) == before + 1
    assert found("community counselling") == [service.pk]
    assert service.organisation_id in found(
        service.organisation.name, kind=search.ORGANISATION
    )
    # A file refused as a whole leaves the index as it was.
    broken = example("organization_full")
    broken["services"][0]["minimum_age"] = -1
    broken["services"][0]["name"] = "Unique broken words"
    assert not hsds.import_records(broken, by_system=True).ok
    assert found("unique broken words") == []
    assert found("community counselling") == [service.pk]


def test_organisations_are_found_when_listed_in_public(organisation):
    shown = OrganisationFactory(name="Cruz Solidária de Vale Novo")
    save_original(shown, {"description": "Ajuda alimentar e roupa."})
    proposed = OrganisationFactory(
        name="Cruz Nova", status=Organisation.Status.PROPOSED
    )
    assert found("cruz solidaria", kind=search.ORGANISATION) == [shown.pk]
    assert found("alimentar", kind=search.ORGANISATION) == [shown.pk]
    assert proposed.pk not in found("cruz", kind=search.ORGANISATION)
    # Renamed, it is found by its new name; deleted, no more.
    shown.name = "Cruz Amiga"
    shown.save()
    assert found("amiga", kind=search.ORGANISATION) == [shown.pk]
    shown.delete()
    assert found("amiga", kind=search.ORGANISATION) == []


def test_the_one_search_shows_services_and_organisations(
    doctor, organisation, stranger, django_assert_max_num_queries
):
    assert {k.name for k in registry.kinds()} >= {"service", "organisation"}
    results = search_everything(
        query="médico", user=stranger, language="pt", kinds=["service"]
    )
    [hit] = results.hits
    assert hit.title == "Consultas de médico de família"
    assert hit.language == "pt"
    assert hit.url == doctor.get_absolute_url()
    assert organisation.name in hit.meta
    english = search.service_hits([doctor.pk], "en")[doctor.pk]
    assert (english.title, english.language) == ("Family doctor appointments", "en")
    # Bounded: the same queries for one result or thirty.
    for n in range(30):
        make_service(organisation, f"Doctor {n}", lat=38.7, lon=-9.1)
    ids = found("doctor")
    assert len(ids) == 31
    with django_assert_max_num_queries(3):
        hits = search.service_hits(ids, "pt")
    assert len(hits) == 31
    with django_assert_max_num_queries(8):
        documents = search.service_documents(ids)
    assert len(documents) == 32
    assert {d.language for d in documents if d.object_id == doctor.pk} == {"en", "pt"}
    with django_assert_max_num_queries(3):
        assert search.service_visible_ids(stranger, ids) == set(ids)


def test_the_search_page_query_count_is_bounded(
    client, organisation, django_assert_max_num_queries
):
    for n in range(3):
        make_service(organisation, f"Legal advice {n}", lat=38.7, lon=-9.1)
    params = {"q": "legal advice", "theme": "health", "open_now": ""}
    with django_assert_max_num_queries(20) as few:
        client.get(LIST, params)
    for n in range(3, 30):
        make_service(organisation, f"Legal advice {n}", lat=38.7, lon=-9.1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST, params)
    assert response.context["results"].total == 30
    with django_assert_max_num_queries(16) as few:
        client.get(API, {"search": "legal advice", "full": "true"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(API, {"search": "legal"}).json()["total_items"] == 30


def test_bad_queries_answer_clearly(client, classes):
    for query in ("", "   ", '"*(:-', "x" * 200, "ÿ" * 200, "aulas ☃ العربية"):
        response = client.get(LIST, {"q": query})
        assert response.status_code == 200
        assert client.get(API, {"search": query}).status_code == 200
    # Only punctuation: no word to look for, so the list is not narrowed.
    assert names(client.get(LIST, {"q": '"*(:-'})) == [
        "Aulas de português para adultos"
    ]


def test_demo_services_are_found_by_words_then_across_languages(client):
    plans_demo_load()
    directory_demo_load()
    by_name = dict(
        ServiceTranslation.objects.filter(language="pt").values_list(
            "name", "service_id"
        )
    )
    # Words (full text): Portuguese words, stemmed ("médicas", "médico").
    medico = found("médico")
    assert by_name["Consultas de medicina geral e familiar"] in medico
    assert by_name["Consulta com mediação em árabe"] in medico
    classes = found("aulas de português")
    assert by_name["Português para todos (noite)"] in classes
    assert by_name["Português com crianças por perto"] in classes
    # Meaning (vectors, computed as the background task does): Spanish words
    # that neither the Portuguese nor the English texts contain.
    vectors_update(kinds=[search.SERVICE])
    response = client.get(LIST, {"q": "clases de idioma"})
    first = [card.service.pk for card in response.context["results"].items][:3]
    assert set(first) == {
        by_name["Português para todos (noite)"],
        by_name["Português Língua de Acolhimento"],
        by_name["Português com crianças por perto"],
    }
    response = client.get(LIST, {"q": "abogado"})
    assert (
        response.context["results"].items[0].service.pk
        == (by_name["Apoio jurídico para autorização de residência"])
    )
