"""GeoJSON of places for maps: shape, bbox, filters, cap, bad parameters."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from convivio.directory import selectors
from convivio.directory.models import Location, Service

from .test_services import make_service

URL = reverse("directory:geojson")


@pytest.fixture
def places(organisation):
    return [
        make_service(organisation, "Lisbon clinic", lat=38.72, lon=-9.14),
        make_service(
            organisation, "Lisbon housing", themes=("housing",), lat=38.73, lon=-9.15
        ),
        make_service(
            organisation, "Porto clinic", languages=("pt",), lat=41.15, lon=-8.61
        ),
        make_service(organisation, "No coordinates"),
    ]


def test_feature_collection_shape(client, places):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert data["capped"] is False
    assert len(data["features"]) == 3
    feature = data["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-9.14, 38.72]}
    assert feature["properties"]["address"] == "Rua Direita 1, Vila Nova"
    assert feature["properties"]["services"] == [
        {
            "id": places[0].pk,
            "name": "Lisbon clinic",
            # The name's language, for the popup's lang attribute.
            "language": "en",
            "url": places[0].get_absolute_url(),
        }
    ]
    assert feature["id"] == str(Location.objects.order_by("pk").first().hsds_id)


def test_bbox_and_filters(client, places):
    lisbon = json.loads(client.get(URL, {"bbox": "-10,38,-9,39"}).content)
    assert [f["properties"]["services"][0]["name"] for f in lisbon["features"]] == [
        "Lisbon clinic",
        "Lisbon housing",
    ]
    health = json.loads(
        client.get(URL, {"bbox": "-10,38,-8,42", "theme": "health"}).content
    )
    assert [f["properties"]["services"][0]["name"] for f in health["features"]] == [
        "Lisbon clinic",
        "Porto clinic",
    ]
    arabic = json.loads(client.get(URL, {"language": "ar", "theme": "health"}).content)
    assert len(arabic["features"]) == 1


def test_bbox_across_the_antimeridian(client, organisation):
    make_service(organisation, "Fiji", lat=-18.1, lon=178.4)
    make_service(organisation, "Samoa", lat=-13.8, lon=-171.8)
    make_service(organisation, "Lisbon", lat=38.7, lon=-9.1)
    data = json.loads(client.get(URL, {"bbox": "170,-30,-165,0"}).content)
    assert sorted(f["properties"]["services"][0]["name"] for f in data["features"]) == [
        "Fiji",
        "Samoa",
    ]


def test_cap_says_when_capped(organisation, places):
    data = selectors.locations_geojson(
        filters=selectors.DirectoryFilters(), bbox=None, cap=2
    )
    assert len(data["features"]) == 2
    assert data["capped"] is True and data["limit"] == 2
    assert "Only the first 2 places" in data["message"]


def test_inactive_services_are_left_out(client, organisation):
    make_service(
        organisation, "Gone", lat=38.7, lon=-9.1, status=Service.Status.DEFUNCT
    )
    assert json.loads(client.get(URL).content)["features"] == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "a,b,c,d"}, "four numbers"),
        ({"bbox": "nan,0,1,1"}, "not NaN"),
        ({"bbox": "-10,50,10,40"}, "south must not be greater than north"),
        ({"bbox": "-200,0,10,10"}, "between -180 and 180"),
        ({"bbox": "0,-95,10,10"}, "between -90 and 90"),
        ({"lat": "x", "lon": "1"}, "is not a number"),
    ],
)
def test_bad_parameters_give_400_with_a_sentence(client, places, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_query_count_is_bounded(client, organisation, django_assert_max_num_queries):
    for index in range(3):
        make_service(organisation, f"S{index}", lat=38.7 + index / 100, lon=-9.1)
    with django_assert_max_num_queries(10) as few:
        client.get(URL, {"bbox": "-10,38,-8,40", "theme": "health"})
    for index in range(3, 30):
        make_service(organisation, f"S{index}", lat=38.7 + index / 100, lon=-9.1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = client.get(URL, {"bbox": "-10,38,-8,40", "theme": "health"}).json()
    assert len(data["features"]) == 30
