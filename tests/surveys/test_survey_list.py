"""The list of surveys: open ones to answer, closed ones whose results are public."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.surveys.models import Survey
from tests.core.test_territory_page import make_survey
from tests.html import soup_of, texts_of
from tests.plans.factories import make_territory

pytestmark = pytest.mark.django_db


def test_closed_surveys_with_public_results_are_listed_with_their_results(
    client, django_assert_max_num_queries
):
    town = make_territory("Vale Novo")
    make_survey(town, "Open needs", status=Survey.Status.OPEN)
    published = make_survey(
        town, "Needs 2025", status=Survey.Status.CLOSED, public=True
    )
    make_survey(town, "Needs 2024 (results kept)", status=Survey.Status.CLOSED)
    make_survey(town, "Draft", status=Survey.Status.DRAFT, public=True)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("surveys:list"))
    assert response.status_code == 200
    assert texts_of(response, ".published-surveys li > a") == ["Needs 2025"]
    link = soup_of(response).select_one(".published-surveys li > a")
    assert link["href"] == reverse("surveys:results", args=[published.pk])
    # Its results page opens to anybody.
    assert client.get(link["href"]).status_code == 200
    # Each survey names its place, linked to the place's page.
    place = soup_of(response).select_one(".published-surveys li .meta a")
    assert place["href"] == reverse("core:territory", args=[town.pk])


def test_no_published_results_says_so(client):
    response = client.get(reverse("surveys:list"))
    assert "No closed survey has published its results yet." in texts_of(
        response, ".empty"
    )
