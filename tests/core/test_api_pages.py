"""Every page parameter of the API is bounded: a huge page number gets a 400 with a
sentence, never a server error (SQLite's OFFSET overflows past 2**63)."""

import pytest

from convivio.core.forms import MAX_PAGE_NUMBER
from tests.directory.test_hsds_api import make_service
from tests.factories import make_practice
from tests.plans.factories import make_plan, make_territory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _one_record_of_each_kind(organisation):
    """Something in every list, so that an offset really reaches the database."""
    make_service(organisation)
    make_practice()
    make_plan(make_territory("Vale Novo"), status="adopted")


HUGE = "99999999999999999"

LISTS = [
    "/api/territories",
    "/api/organisations",
    "/api/practices",
    "/api/plans",
    "/api/hsds/services",
    "/api/hsds/organizations",
    "/api/hsds/service_at_locations",
]


@pytest.mark.parametrize("path", LISTS)
def test_a_huge_page_number_is_refused_with_a_sentence(client, path):
    response = client.get(path, {"page": HUGE})

    assert response.status_code == 400
    assert response.json() == {
        "detail": f"“page” is a whole number from 1 to {MAX_PAGE_NUMBER}."
    }


@pytest.mark.parametrize("path", LISTS)
def test_the_largest_page_number_allowed_answers_an_empty_or_last_page(client, path):
    response = client.get(path, {"page": str(MAX_PAGE_NUMBER)})

    assert response.status_code == 200


@pytest.mark.parametrize("path", LISTS)
def test_page_zero_is_refused(client, path):
    assert client.get(path, {"page": "0"}).status_code == 400
