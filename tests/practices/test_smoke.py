import pytest

from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_published_practice_is_listed_and_found_by_search(client):
    practice = make_practice(title="Housing support desk", themes=["housing"])
    response = client.get("/en/practices/")
    assert "Housing support desk" in response.text
    response = client.get("/en/practices/?q=housing+desk")
    assert practice.get_absolute_url() in response.text
