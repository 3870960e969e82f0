"""One style for the whole JSON API (docs/api.md): every list pages with one
shape, every error has one body, one token authentication, one ``lang``."""

from __future__ import annotations

import pytest
from django.test import override_settings

from convivio.core.models import Territory
from tests.directory.test_hsds_api import make_service
from tests.factories import OrganisationFactory, make_practice
from tests.plans.factories import make_plan, make_territory

pytestmark = pytest.mark.django_db

PAGE = {"items", "count", "page", "pages"}
HSDS_PAGE = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def schema(client):
    return client.get("/api/openapi.json").json()


def _list_operations(schema) -> list[tuple[str, dict]]:
    """Every GET of the API that takes ``page``: its lists."""
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get and any(p["name"] == "page" for p in get.get("parameters", [])):
            found.append((path, get))
    return found


def _properties(schema, operation) -> set[str]:
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    return set(schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"])


def test_every_list_of_the_api_has_one_page_shape(schema):
    lists = _list_operations(schema)
    paths = {path for path, _operation in lists}
    # The lists this test knows of are all found (a list without ``page`` would
    # escape it), and more may come.
    assert paths >= {
        "/api/organisations",
        "/api/territories",
        "/api/practices",
        "/api/plans",
        "/api/plans/{plan_id}/indicators",
        "/api/plans/{plan_id}/observations",
        "/api/indicators/{indicator_id}/observations",
        "/api/hsds/services",
        "/api/hsds/organizations",
        "/api/hsds/service_at_locations",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomy_terms",
    }
    for path, operation in lists:
        names = {p["name"] for p in operation["parameters"]}
        if path.startswith("/api/hsds/"):
            # The Open Referral standard's page and parameter names.
            assert _properties(schema, operation) == HSDS_PAGE, path
            assert "per_page" in names, path
        elif path == "/api/search":
            # A search is a page plus its facets: how many of each kind match,
            # and whether meaning was searched too (docs/api.md).
            assert _properties(schema, operation) == {
                *PAGE,
                "counts",
                "vectors_used",
            }, path
            assert "page_size" in names, path
        else:
            assert _properties(schema, operation) == PAGE, path
            assert "page_size" in names, path


def test_one_language_parameter_everywhere(schema):
    names = set()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            here = [p["name"] for p in operation.get("parameters", [])]
            assert here.count("lang") == 1, (method, path)
            names.update(here)
    assert "language_shown" not in names
    # ``language`` is the practices' filter on their original language, not
    # the language texts are shown in.
    assert {name for name in names if "lang" in name} == {"lang", "language"}


@pytest.mark.parametrize(
    ("path", "accept_language"),
    [("/api/themes?lang=es", "en"), ("/api/themes", "es")],
)
def test_lang_or_else_accept_language_on_an_endpoint_without_its_own(
    client, path, accept_language
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response["Content-Language"] == "es"
    english = client.get("/api/themes?lang=en").json()
    assert response.json() != english  # the themes' names, in Spanish


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/api/practices/999999", "No such practice."),
        ("/api/plans/999999", "No such plan."),
        ("/api/indicators/999999", "No such indicator."),
        ("/api/organisations/nobody", "No such organisation."),
        ("/api/hsds/services/not-a-uuid", "No service with the id “not-a-uuid”."),
        ("/api/no-such-thing", "No such address in the API. See /api/docs."),
    ],
)
def test_our_404_sentences_are_kept_with_debug_off(client, path, detail):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": detail}


@override_settings(DEBUG=False)
def test_the_404_sentence_comes_in_the_language_asked_for(client):
    response = client.get("/api/practices/999999?lang=es")
    assert response.json() == {"detail": "Esa práctica no existe."}


def test_one_401_body_for_reads_and_writes(client):
    plan = make_plan(make_territory("Vale Novo"), status="adopted")
    read = client.get(f"/api/plans/{plan.pk}", HTTP_AUTHORIZATION="Bearer cv_nonsense")
    write = client.post(
        "/api/indicators/1/observations",
        data="{}",
        content_type="application/json",
    )
    assert read.status_code == write.status_code == 401
    assert read.json() == write.json()
    assert set(read.json()) == {"detail"}
    assert read["WWW-Authenticate"] == write["WWW-Authenticate"] == "Bearer"


def test_a_bad_parameter_names_its_field(client):
    response = client.get("/api/territories?kind=planet")
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"detail", "fields"}
    assert body["detail"].startswith("Invalid request: kind: ")
    assert list(body["fields"]) == ["kind"]


@pytest.mark.parametrize(
    "path", ["/api/organisations", "/api/territories", "/api/practices", "/api/plans"]
)
def test_a_page_past_the_last_gives_the_last(client, organisation, path):
    make_practice()
    make_plan(make_territory("Vale Novo"), status="adopted")
    make_service(organisation)
    data = client.get(path, {"page": "500", "page_size": "1"}).json()
    assert set(data) == PAGE
    assert data["page"] == data["pages"] == data["count"] >= 1
    assert len(data["items"]) == 1


@pytest.mark.parametrize(
    "path", ["/api/organisations", "/api/territories", "/api/plans"]
)
def test_a_page_reads_as_many_queries_for_few_rows_as_for_many(
    client, django_assert_max_num_queries, path
):
    def add(n: int) -> None:
        for _ in range(n):
            OrganisationFactory()
            make_plan(
                make_territory(f"Place {Territory.objects.count()}"), status="adopted"
            )

    add(2)
    with django_assert_max_num_queries(6) as few:
        assert client.get(path).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = client.get(path).json()
    assert len(data["items"]) >= 12
