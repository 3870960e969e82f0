"""The JSON API: practices with the page's filters, code lists, documentation."""

from __future__ import annotations

import pytest

from convivio.core.models import Organisation
from tests.factories import OrganisationFactory, make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing(db):
    city = OrganisationFactory(name="Comune", kind=Organisation.Kind.PUBLIC_AUTHORITY)
    desk = make_practice(
        title="Housing desk",
        country="ES",
        themes=["housing"],
        start_year=2019,
        end_year=2022,
        organisations=[(city.id, "implementing")],
        links=[("https://example.org/desk", "Desk")],
    )
    make_practice(
        title="Casa comune",
        country="IT",
        language="it",
        themes=["housing"],
        start_year=2023,
        end_year=None,
    )
    make_practice(
        title="Business mentors",
        country="ES",
        themes=["entrepreneurship"],
        start_year=2010,
        end_year=2012,
    )
    make_practice(title="Hidden housing draft", status="draft", themes=["housing"])
    return desk


def _titles(data):
    return sorted(item["title"] for item in data["items"])


def test_practice_list_has_items_count_and_pages(client, housing):
    response = client.get("/api/practices")
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"items", "count", "page", "pages"}
    assert data["count"] == 3
    assert (data["page"], data["pages"]) == (1, 1)
    assert _titles(data) == ["Business mentors", "Casa comune", "Housing desk"]
    item = next(i for i in data["items"] if i["title"] == "Housing desk")
    assert item == {
        "id": housing.id,
        "url": f"/en/practices/{housing.id}/",
        "title": "Housing desk",
        "summary": "Volunteer mentors help newcomers start a business.",
        "language": "en",
        "country": "ES",
        "start_year": 2019,
        "end_year": 2022,
        "themes": ["housing"],
    }


def test_practice_list_filters_like_the_page(client, housing):
    data = client.get("/api/practices?theme=housing&country=es").json()
    assert _titles(data) == ["Housing desk"]
    data = client.get("/api/practices?country=ES&country=IT&theme=housing").json()
    assert _titles(data) == ["Casa comune", "Housing desk"]
    data = client.get("/api/practices?language=it").json()
    assert _titles(data) == ["Casa comune"]
    data = client.get("/api/practices?year_from=2020&year_to=2020").json()
    assert _titles(data) == ["Housing desk"]
    data = client.get("/api/practices?organisation_kind=public_authority").json()
    assert _titles(data) == ["Housing desk"]


def test_practice_list_searches_and_sorts(client, housing):
    data = client.get("/api/practices?q=housing").json()
    # Theme names are searched too; the draft is never found.
    assert _titles(data) == ["Casa comune", "Housing desk"]
    data = client.get("/api/practices?q=desk").json()
    assert _titles(data) == ["Housing desk"]
    data = client.get("/api/practices?sort=title").json()
    assert [i["title"] for i in data["items"]] == [
        "Business mentors",
        "Casa comune",
        "Housing desk",
    ]
    data = client.get('/api/practices?q="unbalanced NEAR( OR').json()
    assert data["count"] == 0


def test_practice_list_pages(client, settings):
    for n in range(25):
        make_practice(title=f"Practice {n:02}")
    first = client.get("/api/practices?sort=title").json()
    assert (first["count"], first["page"], first["pages"]) == (25, 1, 2)
    assert len(first["items"]) == 20
    second = client.get("/api/practices?sort=title&page=2").json()
    assert second["page"] == 2
    assert [i["title"] for i in second["items"]] == [
        f"Practice {n:02}" for n in range(20, 25)
    ]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("year_from=abc", "year_from"),
        ("year_to=1800", "year_to"),
        ("sort=best", "sort"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_bad_parameter_is_a_422_naming_it(client, query, names):
    response = client.get(f"/api/practices?{query}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("Invalid request: ")
    assert names in detail


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("page=0", "“page” is a whole number from 1 to 100000."),
        ("page=abc", "“page” is a whole number from 1 to 100000."),
        ("page_size=0", "“page_size” is a whole number from 1 to 100."),
        ("page_size=101", "“page_size” is a whole number from 1 to 100."),
    ],
)
def test_a_wrong_page_or_page_size_is_a_400_with_a_sentence(client, query, sentence):
    response = client.get(f"/api/practices?{query}")
    assert response.status_code == 400
    assert response.json() == {"detail": sentence}


def test_reversed_years_are_a_422(client):
    response = client.get("/api/practices?year_from=2020&year_to=2010")
    assert response.status_code == 422
    assert response.json()["detail"] == "year_from (2020) is after year_to (2010)."


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=nope", "Unknown value for theme: nope."),
        ("theme=housing&theme=nope", "Unknown value for theme: nope."),
        ("country=ZZ", "Unknown value for country: ZZ."),
        ("target_group=martians", "Unknown value for target_group: martians."),
        ("language=xx", "Unknown value for language: xx."),
        ("organisation_kind=club", "Unknown value for organisation_kind: club."),
    ],
)
def test_unknown_facet_value_is_a_422_naming_the_value(client, query, message):
    response = client.get(f"/api/practices?{query}")
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert "/api/docs" in response.json()["detail"]


def test_practice_detail_gives_every_field(client, housing):
    response = client.get(f"/api/practices/{housing.id}")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Housing desk"
    assert data["original_language"] == "en"
    assert data["description"] == "Mentors meet *each week* with a mentee."
    assert data["organisations"] == [
        {
            "slug": housing.organisations.get().slug,
            "name": "Comune",
            "kind": "public_authority",
            "role": "implementing",
        }
    ]
    assert data["links"] == [{"url": "https://example.org/desk", "title": "Desk"}]
    assert data["target_groups"] == ["migrants"]
    assert data["translations"][0]["language"] == "en"
    assert data["translations"][0]["status"] == "original"


@pytest.mark.parametrize("status", ["draft", "in_review", "archived"])
def test_unpublished_practice_detail_is_404(client, status):
    practice = make_practice(status=status)
    response = client.get(f"/api/practices/{practice.id}")
    assert response.status_code == 404


def test_unknown_practice_detail_is_404(client):
    assert client.get("/api/practices/999999").status_code == 404


def test_organisations_are_listed_with_pages(client):
    OrganisationFactory(name="Alpha NGO")
    OrganisationFactory(name="Beta city", kind=Organisation.Kind.PUBLIC_AUTHORITY)
    data = client.get("/api/organisations").json()
    assert data["count"] == 2
    assert [o["name"] for o in data["items"]] == ["Alpha NGO", "Beta city"]
    assert data["items"][0]["territory"]["iso_code"] == "IT"
    data = client.get("/api/organisations?kind=public_authority").json()
    assert [o["name"] for o in data["items"]] == ["Beta city"]
    assert client.get("/api/organisations?kind=club").status_code == 422


def test_organisation_detail_by_slug(client):
    organisation = OrganisationFactory(name="Alpha NGO")
    assert client.get(f"/api/organisations/{organisation.slug}").json()["name"] == (
        "Alpha NGO"
    )
    assert client.get("/api/organisations/no-such").status_code == 404


def test_code_lists(client):
    themes = client.get("/api/themes").json()
    assert {"slug": "housing", "name": "Urbanism and housing"} in themes
    groups = client.get("/api/target-groups").json()
    assert any(g["slug"] == "migrant-women" for g in groups)


def test_territories_of_one_country(client):
    data = client.get("/api/territories?country=IT").json()
    assert data["count"] >= 1
    assert {t["country_code"] for t in data["items"]} == {"IT"}
    assert any(t["iso_code"] == "IT" and t["kind"] == "country" for t in data["items"])
    countries = client.get("/api/territories?kind=country").json()
    assert countries["count"] >= 27
    response = client.get("/api/territories?country=Italy")
    assert response.status_code == 422
    assert "country" in response.json()["detail"]


def test_api_documentation_loads(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "Convivio API" in response.text
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Convivio API"
    for path in (
        "/api/practices",
        "/api/practices/{practice_id}",
        "/api/organisations",
        "/api/themes",
        "/api/target-groups",
        "/api/territories",
    ):
        assert path in schema["paths"], path


def test_an_unknown_api_address_answers_in_json(client):
    for url in ("/api/practices/abc", "/api/nothing-here"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"] == "No such address in the API. See /api/docs."
