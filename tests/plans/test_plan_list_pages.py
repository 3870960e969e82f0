"""The list of plans pages: every plan is reachable, whatever their number."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from convivio.core.pagination import ROWS_PER_PAGE

from .factories import make_plan

pytestmark = pytest.mark.django_db

LIST = reverse("plans:list")


@pytest.fixture
def many(territory):
    """One plan more than a page holds, all of one place and period (so in the
    order they were made)."""
    return [
        make_plan(territory, title=f"Plan number {n:03}")
        for n in range(1, ROWS_PER_PAGE + 2)
    ]


def _titles(response) -> list[str]:
    """The titles of the plans linked from the page, in order."""
    return re.findall(r">(Plan number \d{3})</a>", response.content.decode())


def test_the_201st_plan_is_on_page_2(client, many, django_assert_max_num_queries):
    # The plans, their rows, their count and the places of the filter.
    with django_assert_max_num_queries(4):
        first = client.get(LIST)
    assert _titles(first) == [f"Plan number {n:03}" for n in range(1, 201)]
    assert "Page 1 of 2" in first.content.decode()
    assert '<a rel="next" href="?page=2">' in first.content.decode()
    with django_assert_max_num_queries(4):
        second = client.get(LIST, {"page": 2})
    assert _titles(second) == ["Plan number 201"]


def test_page_links_keep_the_filters(client, many):
    html = client.get(LIST, {"status": "monitoring", "q": "number"}).content.decode()
    assert '<a rel="next" href="?status=monitoring&amp;q=number&amp;page=2">' in html


@pytest.mark.parametrize(("asked", "shown"), [("x", 1), ("0", 1), ("3", 2)])
def test_a_wrong_page_number_gives_the_first_or_the_last_page(
    client, many, asked, shown
):
    response = client.get(LIST, {"page": asked})
    assert response.status_code == 200
    assert f"Page {shown} of 2" in response.content.decode()
