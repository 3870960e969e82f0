"""The lists of surveys page, each by its own parameter."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from convivio.core.pagination import ROWS_PER_PAGE
from convivio.surveys.models import Survey
from tests.core.test_territory_page import make_survey
from tests.plans.factories import make_territory

pytestmark = pytest.mark.django_db

LIST = reverse("surveys:list")


def _open_titles(response) -> list[str]:
    return re.findall(r">(Open survey \d{3})</a>", response.content.decode())


@pytest.fixture
def town():
    town = make_territory("Vale Novo")
    for n in range(1, ROWS_PER_PAGE + 2):
        make_survey(town, f"Open survey {n:03}", status=Survey.Status.OPEN)
    make_survey(town, "Needs 2025", status=Survey.Status.CLOSED, public=True)
    return town


def test_the_201st_open_survey_is_on_page_2(
    town, client, django_assert_max_num_queries
):
    # Open surveys, their rows and their count; published ones and their rows.
    with django_assert_max_num_queries(5):
        first = client.get(LIST)
    shown = _open_titles(first)
    assert len(shown) == ROWS_PER_PAGE
    html = first.content.decode()
    assert '<a rel="next" href="?open_page=2">' in html
    with django_assert_max_num_queries(5):
        second = client.get(LIST, {"open_page": 2})
    (last,) = _open_titles(second)
    assert last not in shown
    assert {last, *shown} == {f"Open survey {n:03}" for n in range(1, 202)}
    # The other list stays on its first page.
    assert "Needs 2025" in second.content.decode()


@pytest.mark.parametrize(("asked", "shown"), [("x", 1), ("-1", 1), ("7", 2)])
def test_a_wrong_page_number_gives_the_first_or_the_last_page(
    town, client, asked, shown
):
    response = client.get(LIST, {"open_page": asked})
    assert response.status_code == 200
    assert f"Page {shown} of 2" in response.content.decode()
