"""A territory's page: its name and parents, its plans, services, surveys, local
diagnosis and the places inside it; the list of places; links from plans."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from convivio.core.models import Language, Territory
from convivio.plans.models import Plan
from convivio.surveys.models import Survey
from tests.directory.test_services import make_service
from tests.factories import create_translated
from tests.html import soup_of, text_of, texts_of
from tests.plans.factories import make_plan, make_territory

pytestmark = pytest.mark.django_db


def make_survey(territory, title, *, status, public=False, language="en"):
    return create_translated(
        Survey,
        title=title,
        original_language=Language.objects.get(code=language),
        territory=territory,
        status=status,
        results_public=public,
    )


@pytest.fixture
def town(organisation):
    town = make_territory("Vale Novo")
    make_territory("Bairro Alto", parent=town)
    make_plan(town, title="Vale Novo plan 2024–2026")
    make_plan(town, title="Secret draft plan", status=Plan.Status.DRAFT)
    make_service(organisation, "Clinic", lat=38.7, lon=-9.1, territory=town)
    make_service(organisation, "Desk", lat=38.7, lon=-9.1, territory=town)
    make_survey(town, "Needs 2026", status=Survey.Status.OPEN)
    make_survey(town, "Needs 2025", status=Survey.Status.CLOSED, public=True)
    make_survey(town, "Needs 2024 (unpublished)", status=Survey.Status.CLOSED)
    return town


def test_territory_page(client, town, django_assert_max_num_queries):
    url = reverse("core:territory", args=[town.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert text_of(response, "main h1") == "Vale Novo"
    # The chain of parents, outermost first.
    assert texts_of(response, ".breadcrumbs a") == ["Places", "Portugal"]
    page = soup_of(response)
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select("main a")}
    assert links["Local diagnosis"] == reverse("directory:diagnosis", args=[town.pk])
    assert links["2 services"] == f"{reverse('directory:list')}?territory={town.pk}"
    # Published plans only (the draft is its team's), surveys open or with
    # published results, and the places inside it.
    assert texts_of(response, ".territory-plans li > a") == ["Vale Novo plan 2024–2026"]
    survey_links = {
        a.get_text(): a["href"] for a in page.select(".territory-surveys li > a")
    }
    open_survey = Survey.objects.get(translations__title="Needs 2026")
    closed = Survey.objects.get(translations__title="Needs 2025")
    assert survey_links == {
        "Needs 2026": reverse("surveys:answer", args=[open_survey.pk]),
        "Needs 2025": reverse("surveys:results", args=[closed.pk]),
    }
    assert texts_of(response, ".territory-children a") == ["Bairro Alto"]


def test_unknown_territory_is_404(client, db):
    assert client.get(reverse("core:territory", args=[999999])).status_code == 404


def test_the_list_of_places_links_their_pages_and_diagnosis(
    client, town, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):  # one query, whatever the places
        response = client.get(reverse("core:territory_list"))
    assert response.status_code == 200
    page = soup_of(response)
    item = next(
        li for li in page.select(".territory-index li") if li.a.get_text() == town.name
    )
    hrefs = [a["href"] for a in item.select("a")]
    assert hrefs == [
        reverse("core:territory", args=[town.pk]),
        reverse("directory:diagnosis", args=[town.pk]),
    ]
    # A place with nothing to show is not listed.
    empty = Territory.objects.get(name="Bairro Alto")
    assert empty.name not in texts_of(response, ".territory-index li > a:first-child")


def test_a_plan_links_its_place_its_diagnosis_and_surveys(client, town):
    plan = Plan.objects.get(status=Plan.Status.MONITORING)
    page = soup_of(client.get(plan.get_absolute_url()))
    territory_link = page.select_one(".plan-facts a")
    assert territory_link["href"] == reverse("core:territory", args=[town.pk])
    hrefs = [a["href"] for a in page.select(".plan-place-links a")]
    assert hrefs == [
        reverse("directory:diagnosis", args=[town.pk]),
        reverse("core:territory", args=[town.pk]) + "#surveys",
    ]


def test_a_country_is_named_in_the_readers_language(client, db):
    """Countries' names come from pycountry's catalogues (Territory.label) on
    their page, in breadcrumbs, in the list of places and in a plan's header;
    a town keeps its own name."""
    spain = Territory.objects.get(iso_code="ES")
    town = make_territory("Villaverde del Río", country="ES")
    make_plan(town, title="Plan municipal")
    national = make_plan(spain, title="Plan nacional")
    with translation.override("es"):
        response = client.get(reverse("core:territory", args=[spain.pk]))
        assert text_of(response, "main h1") == "España"
        response = client.get(reverse("core:territory", args=[town.pk]))
        assert text_of(response, "main h1") == "Villaverde del Río"
        assert texts_of(response, ".breadcrumbs a")[1:] == ["España"]
        response = client.get(reverse("core:territory_list"))
        assert "España" in texts_of(response, "main h2")
        response = client.get(national.get_absolute_url())
        assert texts_of(response, ".breadcrumbs a")[1:] == ["España"]
        assert text_of(response, ".plan-facts a") == "España"
    assert str(spain) == "Spain"  # in English outside /es/


def test_the_places_around_a_place_are_read_in_one_query(db, django_assert_num_queries):
    from convivio.core.selectors import territory_ancestors

    region = make_territory("Centro")
    province = make_territory("Leiria", parent=region)
    town = make_territory("Vale Fundo", parent=province)
    street = make_territory("Rua Nova", parent=town)
    with django_assert_num_queries(1):
        chain = territory_ancestors(street)
    assert [p.name for p in chain] == ["Vale Fundo", "Leiria", "Centro", "Portugal"]
    # A loop in the parent links (a bad merge) ends the walk instead of hanging.
    Territory.objects.filter(pk=region.pk).update(parent=street)
    assert [p.name for p in territory_ancestors(street)] == [
        "Vale Fundo",
        "Leiria",
        "Centro",
    ]
