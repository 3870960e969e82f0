"""The HSDS 3.0 API validates against the official compiled schemas."""

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from convivio.core.models import Language, TargetGroup, Theme
from convivio.core.translation import save_original
from convivio.directory import hsds
from convivio.directory.models import (
    Contact,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTranslation,
)
from tests.factories import OrganisationFactory

STANDARD = Path("/work/shared/standards/hsds-3")
if not STANDARD.exists():  # pragma: no cover - outside the dev machine
    STANDARD = hsds.STANDARD_DIR

_formats = FormatChecker()


@_formats.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path))


def validator(name: str) -> Draft202012Validator:
    path = STANDARD / "schema" / "compiled" / f"{name}.json"
    if not path.exists():
        path = hsds.STANDARD_DIR / "service_with_definitions.json"
    return Draft202012Validator(json.loads(path.read_text()), format_checker=_formats)


_cache: dict[str, Draft202012Validator] = {}


def assert_valid(doc: dict, schema: str) -> None:
    if schema not in _cache:
        _cache[schema] = validator(schema)
    errors = [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _cache[schema].iter_errors(doc)
    ]
    assert not errors, errors


def assert_page(doc: dict) -> None:
    for key, kind in (
        ("total_items", int),
        ("total_pages", int),
        ("page_number", int),
        ("size", int),
        ("first_page", bool),
        ("last_page", bool),
        ("empty", bool),
        ("contents", list),
    ):
        assert isinstance(doc[key], kind), key


def make_service(organisation, name: str = "Health desk", *, rich: bool = True):
    service = Service.objects.create(
        organisation=organisation,
        original_language_id="en",
        url="https://example.org/health",
        email="health@example.org",
        minimum_age=16,
        last_checked_at=dt.datetime(2025, 3, 1, 10, tzinfo=dt.UTC),
    )
    ServiceTranslation.objects.create(
        service=service,
        language_id="en",
        name=name,
        description="Doctors who listen.",
        eligibility="Anyone living in town.",
        fees="Free",
        application_process="Walk in.",
        required_documents="Passport\nProof of address",
    )
    service.themes.set(Theme.objects.order_by("slug")[:1])
    service.target_groups.set(TargetGroup.objects.order_by("slug")[:1])
    service.languages.set(Language.objects.filter(code__in=["en", "ar"]))
    if not rich:
        return service
    for n, (lat, lon) in enumerate(((41.39, 2.17), (41.40, 2.18))):
        location = Location.objects.create(
            organisation=organisation,
            name=f"Centre {n}",
            address=f"Carrer Major {n + 1}",
            postal_code="08001",
            city="Vilanova",
            country="ES",
            latitude=lat,
            longitude=lon,
            accessibility="Step-free entrance",
            transportation="Bus 7",
        )
        sal = ServiceAtLocation.objects.create(service=service, location=location)
        Schedule.objects.create(
            service=service,
            service_at_location=sal,
            weekday=1,
            opens_at=dt.time(9),
            closes_at=dt.time(14),
        )
        Phone.objects.create(service=service, location=location, number="+34 93 000 00")
    Schedule.objects.create(
        service=service, date=dt.date(2025, 12, 25), closed=True, notes="Christmas"
    )
    Schedule.objects.create(
        service=service, weekday=3, opens_at=dt.time(16), closes_at=dt.time(19)
    )
    phone = Phone.objects.create(
        service=service, number="+34 93 111 11 11", extension="12", type="voice"
    )
    phone.languages.set(Language.objects.filter(code="ar"))
    Contact.objects.create(
        service=service,
        name="Amira",
        title="Mediator",
        email="amira@example.org",
        phone="+34 600 000 000",
    )
    return service


@pytest.fixture
def rich_service(organisation):
    save_original(organisation, {"description": "Neighbourhood association"})
    organisation.website = "https://ponti.example.org"
    organisation.save()
    return make_service(organisation)


def test_api_info(client, db):
    data = client.get("/api/hsds/").json()
    assert data["version"] == "3.0"


def test_service_detail_validates(client, rich_service):
    response = client.get(f"/api/hsds/services/{rich_service.hsds_id}")
    assert response.status_code == 200
    data = response.json()
    assert_valid(data, "service")
    assert data["name"] == "Health desk"
    assert len(data["service_at_locations"]) == 2
    assert {s["location"]["latitude"] for s in data["service_at_locations"]} == {
        41.39,
        41.40,
    }
    assert {lang["code"] for lang in data["languages"]} == {"en", "ar"}
    assert data["contacts"][0]["phones"][0]["number"] == "+34 600 000 000"
    assert data["phones"][0]["extension"] == 12
    exception = next(s for s in data["schedules"] if s.get("valid_from"))
    assert exception["valid_from"] == exception["valid_to"] == "2025-12-25"
    assert "opens_at" not in exception
    assert data["assured_date"] == "2025-03-01"
    assert [d["document"] for d in data["required_documents"]] == [
        "Passport",
        "Proof of address",
    ]
    assert data["organization"]["id"] == hsds.organisation_uuid(
        rich_service.organisation_id
    )
    assert len(data["attributes"]) == 2


def test_service_list_validates_and_paginates(client, rich_service, organisation):
    for n in range(4):
        make_service(organisation, f"Extra {n}", rich=False)
    data = client.get("/api/hsds/services?per_page=2&page=2").json()
    assert_page(data)
    assert data["total_items"] == 5
    assert data["total_pages"] == 3
    assert data["page_number"] == 2 and data["size"] == 2
    assert not data["first_page"] and not data["last_page"]
    for item in data["contents"]:
        assert_valid(item, "service_list")
    full = client.get("/api/hsds/services?full=true&per_page=1").json()
    assert_valid(full["contents"][0], "service")


def test_service_list_filters(client, rich_service, organisation):
    make_service(organisation, "Legal advice", rich=False).themes.clear()
    data = client.get("/api/hsds/services?search=legal").json()
    assert [s["name"] for s in data["contents"]] == ["Legal advice"]
    theme = rich_service.themes.get()
    term = hsds.term_uuid(hsds.THEMES_TAXONOMY, theme.slug)
    data = client.get(f"/api/hsds/services?taxonomy_term_id={term}").json()
    assert [s["name"] for s in data["contents"]] == ["Health desk"]
    org_id = hsds.organisation_uuid(organisation.pk)
    data = client.get(f"/api/hsds/services?organization_id={org_id}").json()
    assert data["total_items"] == 2


def test_inactive_services_are_not_published(client, rich_service):
    rich_service.status = Service.Status.DEFUNCT
    rich_service.save()
    assert client.get("/api/hsds/services").json()["total_items"] == 0
    response = client.get(f"/api/hsds/services/{rich_service.hsds_id}")
    assert response.status_code == 404


def test_bad_ids_and_pages_answer_clearly(client, db):
    response = client.get("/api/hsds/services/not-a-uuid")
    assert response.status_code == 404
    assert "not-a-uuid" in response.json()["detail"]
    response = client.get("/api/hsds/services?per_page=5000")
    assert response.status_code == 400
    assert response.json() == {"detail": "“per_page” is a whole number from 1 to 200."}
    response = client.get("/api/hsds/services?page=0")
    assert response.status_code == 400


def test_list_query_count_is_bounded(
    client, organisation, django_assert_max_num_queries
):
    for n in range(3):
        make_service(organisation, f"S{n}")
    with django_assert_max_num_queries(16) as few:
        client.get("/api/hsds/services?full=true&per_page=50")
    for n in range(27):
        make_service(organisation, f"T{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = client.get("/api/hsds/services?full=true&per_page=50").json()
    assert data["size"] == 30


def test_organizations_validate(client, rich_service):
    data = client.get("/api/hsds/organizations").json()
    assert_page(data)
    assert data["total_items"] == 1
    assert_valid(data["contents"][0], "organization_list")
    org_id = data["contents"][0]["id"]
    full = client.get(f"/api/hsds/organizations/{org_id}").json()
    assert_valid(full, "organization")
    assert full["services"][0]["id"] == str(rich_service.hsds_id)
    assert len(full["locations"]) == 2
    OrganisationFactory()  # without services: not listed
    assert client.get("/api/hsds/organizations").json()["total_items"] == 1


def test_service_at_locations_validate(client, rich_service):
    data = client.get("/api/hsds/service_at_locations").json()
    assert_page(data)
    assert data["total_items"] == 2
    for item in data["contents"]:
        assert_valid(item, "service_at_location_list")
    one = client.get(
        f"/api/hsds/service_at_locations/{data['contents'][0]['id']}"
    ).json()
    assert_valid(one, "service_at_location")
    assert one["schedules"][0]["byday"] == "MO"
    assert one["location"]["addresses"][0]["city"] == "Vilanova"


def test_taxonomies(client, db):
    taxonomies = client.get("/api/hsds/taxonomies").json()
    assert taxonomies["total_items"] == 2
    terms = client.get("/api/hsds/taxonomy_terms?per_page=200").json()
    assert terms["total_items"] == Theme.objects.count() + TargetGroup.objects.count()
    term_schema = json.loads((STANDARD / "schema" / "taxonomy_term.json").read_text())
    tax_schema = json.loads((STANDARD / "schema" / "taxonomy.json").read_text())
    for item in terms["contents"]:
        assert not list(Draft202012Validator(term_schema).iter_errors(item))
    for item in taxonomies["contents"]:
        assert not list(Draft202012Validator(tax_schema).iter_errors(item))
    one = client.get(f"/api/hsds/taxonomy_terms/{terms['contents'][0]['id']}")
    assert one.json() == terms["contents"][0]
