"""One rule for who sees a draft plan (permissions.visible_plans), and one rule for
a place's plans (selectors.in_territories): the pages and the API list the same
plans for the same person and the same place."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from convivio.core.models import Membership, Territory
from convivio.core.services import membership_grant
from convivio.plans.models import Plan
from convivio.plans.permissions import can_view_plan, visible_plans
from tests.factories import OrganisationFactory, UserFactory

from .factories import make_indicator, make_node, make_plan, make_territory

pytestmark = pytest.mark.django_db

DRAFT = Plan.Status.DRAFT


@pytest.fixture
def plans(territory, other_territory, partner):
    """A public plan, and drafts each seen by one kind of person besides
    moderators and administrators."""
    author = UserFactory(username="author")
    writers = OrganisationFactory(name="Associação dos Autores")
    membership_grant(
        actor=None, user=author, organisation=writers, role=Membership.Role.REPORTER
    )
    public = make_plan(other_territory, title="Public plan")
    of_team = make_plan(territory, title="Draft of the team", status=DRAFT)
    authored = make_plan(other_territory, title="Draft by a writer", status=DRAFT)
    Plan.objects.filter(pk=authored.pk).update(created_by=author)
    reported = make_plan(other_territory, title="Draft with a partner", status=DRAFT)
    make_indicator(
        make_node(reported, "Classes"), "Learners", reporting_organisation=partner
    )
    hidden = make_plan(other_territory, title="Draft of nobody", status=DRAFT)
    return {
        "public": public,
        "of_team": of_team,
        "authored": authored,
        "reported": reported,
        "hidden": hidden,
        "writers": writers,
    }


@pytest.fixture
def people(plans, team, reporter, moderator, admin_user, stranger):
    editor = UserFactory(username="writers-editor")
    membership_grant(
        actor=None,
        user=editor,
        organisation=plans["writers"],
        role=Membership.Role.EDITOR,
    )
    return {
        "anonymous": AnonymousUser(),
        "member": stranger,
        "team": team,
        "reporter": reporter,
        "editor": editor,
        "moderator": moderator,
        "admin": admin_user,
    }


EVERY = {"public", "of_team", "authored", "reported", "hidden"}
SEES = {
    "anonymous": {"public"},
    "member": {"public"},
    "team": {"public", "of_team"},
    "reporter": {"public", "reported"},
    "editor": {"public", "authored"},
    "moderator": EVERY,
    "admin": EVERY,
}


def _page_titles(client, query: dict | None = None) -> set[str]:
    html = client.get(reverse("plans:list"), query or {}).content.decode()
    return set(re.findall(r'<a href="/[^"]*plans/\d+/"[^>]*>([^<]+)</a>', html))


def _api_titles(client, query: str = "") -> set[str]:
    response = client.get(f"/api/plans?page_size=100{query}")
    assert response.status_code == 200
    return {row["title"] for row in response.json()["items"]}


@pytest.mark.parametrize("role", list(SEES))
def test_page_and_api_show_the_same_plans_to_each_role(client, plans, people, role):
    user = people[role]
    if user.is_authenticated:
        client.force_login(user)
    expected = {plans[name].translation_for("en").title for name in SEES[role]}
    assert {p.pk for p in visible_plans(user)} == {
        plans[name].pk for name in SEES[role]
    }
    assert _page_titles(client) == expected
    assert _api_titles(client) == expected
    for name in EVERY:
        plan = plans[name]
        seen = name in SEES[role]
        assert can_view_plan(user, plan) is seen, name
        page = client.get(plan.get_absolute_url()).status_code
        api = client.get(f"/api/plans/{plan.pk}").status_code
        assert (page == 200, api == 200) == (seen, seen), (name, page, api)


@pytest.fixture
def places():
    """A country, a region in it, a province in the region, a municipality in
    the province, each with a plan; and a plan of another country."""
    pt = Territory.objects.get(iso_code="PT")
    region = Territory.objects.create(
        name="Região Norte", kind=Territory.Kind.REGION, parent=pt, country_code="PT"
    )
    province = Territory.objects.create(
        name="Distrito do Porto",
        kind=Territory.Kind.PROVINCE,
        parent=region,
        country_code="PT",
    )
    town = make_territory("Vila Alta", parent=province)
    for place in (region, province, town):
        make_plan(place, title=f"Plan of {place.name}")
    spain = Territory.objects.get(iso_code="ES")
    make_plan(make_territory("Villalta", country="ES"), title="Plan in Spain")
    return {"pt": pt, "region": region, "province": province, "town": town, "es": spain}


@pytest.mark.parametrize(
    ("place", "titles"),
    [
        ("town", {"Plan of Vila Alta"}),
        ("province", {"Plan of Distrito do Porto", "Plan of Vila Alta"}),
        (
            "region",
            {"Plan of Região Norte", "Plan of Distrito do Porto", "Plan of Vila Alta"},
        ),
        (
            "pt",
            {"Plan of Região Norte", "Plan of Distrito do Porto", "Plan of Vila Alta"},
        ),
        ("es", {"Plan in Spain"}),
    ],
)
def test_a_place_lists_its_plans_and_those_of_every_place_inside_it(
    client, places, place, titles
):
    """The officer of a region finds the plans of its municipalities two levels
    down, on the page and in the API alike."""
    territory = places[place]
    assert _page_titles(client, {"territory": territory.pk}) == titles
    assert _api_titles(client, f"&territory={territory.pk}") == titles


def test_the_public_diagnosis_leaves_drafts_out(territory):
    """A place's diagnosis is public: a draft's measures and themes stay with its
    team, as on every other page."""
    from convivio.core.models import Theme
    from convivio.directory.diagnosis import territory_diagnosis

    adopted = make_plan(territory, title="Adopted plan")
    shown = make_node(adopted, "Open measure of an adopted plan")
    draft = make_plan(territory, title="Draft plan", status=DRAFT)
    housing = Theme.objects.get(slug="housing")
    make_node(draft, "Open measure of a draft", theme=housing)
    diagnosis = territory_diagnosis(territory)
    assert [m.node.pk for m in diagnosis.open_measures] == [shown.pk]
    assert "housing" not in {need.theme.slug for need in diagnosis.plan_needs}


def test_the_place_filter_names_only_places_of_plans_one_may_see(
    client, plans, team, territory
):
    """Vale Novo has only a draft: the filter offers it to its team alone."""
    from tests.html import texts_of

    def offered() -> list[str]:
        return texts_of(client.get(reverse("plans:list")), "#f-territory option")

    assert territory.label not in offered()
    client.force_login(team)
    assert territory.label in offered()
