"""Which organisations the public sees: not those proposed and waiting for a
moderator, nor those known only from drafts."""

import pytest
from bs4 import BeautifulSoup

from convivio.core.models import Organisation
from convivio.core.services import organisation_approve, organisation_propose
from convivio.plans.models import Plan
from tests.factories import OrganisationFactory, make_practice
from tests.plans.factories import (
    make_node,
    make_plan,
    make_responsibility,
    make_territory,
)

pytestmark = pytest.mark.django_db


def _listed(client) -> list[str]:
    page = BeautifulSoup(client.get("/en/organisations/").text, "html.parser")
    return [a.get_text(strip=True) for a in page.select("ul.columns a")]


def _api_names(client) -> list[str]:
    return [o["name"] for o in client.get("/api/organisations").json()["items"]]


@pytest.fixture
def orgs(db):
    published = OrganisationFactory(name="Casa dei Popoli")
    make_practice(organisations=[(published.pk, "implementing")])
    draft_only = OrganisationFactory(name="Only In A Draft Practice")
    make_practice(status="draft", organisations=[(draft_only.pk, "implementing")])
    draft_plan_only = OrganisationFactory(name="Issuer Of A Draft Plan")
    town = make_territory("Vale Novo")
    plan = make_plan(town, status="draft", organisation=draft_plan_only)
    make_responsibility(make_node(plan, "Classes"), draft_plan_only)
    both = OrganisationFactory(name="Draft And Published")
    make_practice(status="draft", organisations=[(both.pk, "partner")])
    make_practice(status="published", organisations=[(both.pk, "partner")])
    unused = OrganisationFactory(name="Nothing Refers To Me")
    return published, draft_only, draft_plan_only, both, unused


def test_organisations_known_only_from_drafts_are_not_listed(client, orgs):
    listed = _listed(client)
    assert "Casa dei Popoli" in listed
    assert "Draft And Published" in listed
    assert "Nothing Refers To Me" in listed
    assert "Only In A Draft Practice" not in listed
    assert "Issuer Of A Draft Plan" not in listed
    assert sorted(_api_names(client)) == sorted(listed)


def test_publishing_the_plan_lists_its_organisation(client, orgs):
    issuer = orgs[2]
    Plan.objects.filter(organisation=issuer).update(status="adopted")
    assert "Issuer Of A Draft Plan" in _listed(client)


def test_a_proposed_organisation_is_listed_once_approved(client, user, moderator):
    proposed = organisation_propose(actor=user, name="Refugee Welcome Torino")
    assert proposed.status == Organisation.Status.PROPOSED
    assert proposed.created_by == user
    assert "Refugee Welcome Torino" not in _listed(client)
    assert "Refugee Welcome Torino" not in _api_names(client)
    assert client.get(f"/api/organisations/{proposed.slug}").status_code == 404
    # Its page: its author and moderators see it, others do not.
    assert client.get(proposed.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.get(proposed.get_absolute_url()).status_code == 200

    organisation_approve(actor=moderator, organisation=proposed)
    client.logout()
    assert "Refugee Welcome Torino" in _listed(client)
    assert "Refugee Welcome Torino" in _api_names(client)


def test_moderators_see_proposals_in_their_queue_and_approve_them(
    client, user, moderator
):
    proposed = organisation_propose(
        actor=user, name="Associazione Nuovi Vicini", website="https://nv.example"
    )
    client.force_login(moderator)
    page = BeautifulSoup(client.get("/en/organisations/review/").text, "html.parser")
    queue = page.select_one("section[aria-labelledby=proposals-title]")
    assert "Associazione Nuovi Vicini" in queue.get_text()
    # The kind was read from the name.
    assert proposed.kind == Organisation.Kind.NGO
    response = client.post(
        f"/en/organisations/review/{proposed.pk}/", {"action": "approve"}
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == Organisation.Status.APPROVED


def test_a_proposal_in_use_cannot_be_rejected_only_merged(client, user, moderator):
    proposed = organisation_propose(actor=user, name="Nuovi Vicini Torino")
    make_practice(status="draft", organisations=[(proposed.pk, "implementing")])
    client.force_login(moderator)
    client.post(f"/en/organisations/review/{proposed.pk}/", {"action": "reject"})
    assert Organisation.objects.filter(pk=proposed.pk).exists()
    unused = organisation_propose(actor=user, name="Typo Organisation")
    client.post(f"/en/organisations/review/{unused.pk}/", {"action": "reject"})
    assert not Organisation.objects.filter(pk=unused.pk).exists()


def test_proposing_a_name_that_looks_like_a_known_one_is_refused(user):
    from django.core.exceptions import ValidationError

    OrganisationFactory(name="K.E.P.A. — Center for Business & Cultural Development")
    with pytest.raises(ValidationError) as error:
        organisation_propose(actor=user, name="KEPA")
    assert "looks like" in str(error.value)
    made = organisation_propose(actor=user, name="KEPA", allow_similar=True)
    assert made.status == Organisation.Status.PROPOSED


def test_organisation_list_queries_are_bounded(
    client, orgs, django_assert_max_num_queries
):
    for n in range(20):
        OrganisationFactory(name=f"Extra {n}")
    with django_assert_max_num_queries(8):
        client.get("/en/organisations/")


def test_other_peoples_pickers_leave_out_proposals(user):
    from convivio.plans.authoring.forms import IndicatorForm, PlanForm
    from convivio.plans.selectors import organisations_for_select

    proposed = organisation_propose(actor=user, name="Nuovi Vicini Torino")
    approved = OrganisationFactory(name="Casa dei Popoli")
    for choices in (
        organisations_for_select(),
        PlanForm.base_fields["organisation"].queryset,
        IndicatorForm.base_fields["reporting_organisation"].queryset,
    ):
        assert approved in choices
        assert proposed not in choices
