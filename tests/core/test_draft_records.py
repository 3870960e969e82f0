"""Records made from a draft (an ingested document, a form) open for the person
who made them and their organisation's editors, while they are drafts."""

# ruff: noqa: F811 - fixtures imported from the ingestion tests

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from convivio.core.models import Membership, Territory
from convivio.core.services import membership_grant, territory_team_grant
from convivio.plans.models import Plan
from tests.factories import OrganisationFactory, UserFactory, make_practice
from tests.ingest.test_services import (  # noqa: F401 - fixtures
    BOOKLET_TEXT,
    PLAN_TEXT,
    fake_booklet,
    fake_plan,
    ingest,
    valdoria,
)


@pytest.fixture
def people(db, admin_user, moderator):
    """The roles around a member's draft: the member, an editor of the member's
    organisation, another member, the team of the plan's place, a reporter."""
    home = OrganisationFactory(name="Valdoria Welcome")
    member = UserFactory(username="member")
    colleague = UserFactory(username="colleague")
    membership_grant(
        actor=None, user=member, organisation=home, role=Membership.Role.REPORTER
    )
    membership_grant(
        actor=None, user=colleague, organisation=home, role=Membership.Role.EDITOR
    )
    team = UserFactory(username="team")
    territory_team_grant(
        actor=None, user=team, territory=Territory.objects.get(iso_code="PT")
    )
    reporter = UserFactory(username="reporter")
    membership_grant(
        actor=None,
        user=reporter,
        organisation=OrganisationFactory(name="Other"),
        role=Membership.Role.REPORTER,
    )
    return {
        "anonymous": None,
        "member": member,
        "colleague": colleague,
        "stranger": UserFactory(username="stranger"),
        "team": team,
        "reporter": reporter,
        "moderator": moderator,
        "admin": admin_user,
    }


def _status(client, user, url) -> int | str:
    """200, or "refused" (a 404 that hides the draft, or a 403)."""
    client.logout()
    if user is not None:
        client.force_login(user)
    code = client.get(url).status_code
    return "refused" if code in (403, 404) else code


def test_a_member_opens_the_plan_made_from_the_draft_they_accepted(
    client, people, fake_plan, valdoria, django_capture_on_commit_callbacks
):
    member = people["member"]
    job = ingest(member, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    draft = job.drafts.get()
    client.force_login(member)
    accepted = client.post(
        reverse("ingest:draft_accept", args=[job.pk, draft.pk]),
        {
            f"d{draft.pk}-title": "Valdoria plan",
            f"d{draft.pk}-territory": "valdoria",
            f"d{draft.pk}-start_year": "2021",
            f"d{draft.pk}-end_year": "2024",
        },
    )
    assert accepted.status_code == 302
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.DRAFT
    page = BeautifulSoup(client.get(accepted.url).content, "html.parser")
    link = page.find("a", string="Open the record made from this draft")
    assert link["href"] == reverse("plans:detail", args=[plan.pk])
    assert client.get(link["href"]).status_code == 200
    expected = {
        "anonymous": "refused",
        "member": 200,
        "colleague": 200,
        "stranger": "refused",
        "team": "refused",  # Portugal's team: Valdoria is in Spain
        "reporter": "refused",
        "moderator": 200,
        "admin": 200,
    }
    for url in (
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:dashboard", args=[plan.pk]),
    ):
        got = {role: _status(client, user, url) for role, user in people.items()}
        assert got == expected, url


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_a_practice_in_the_works_opens_for_its_author_and_their_editors(
    client, people, status
):
    practice = make_practice(user=people["member"], status=status)
    url = reverse("practices:detail", args=[practice.pk])
    got = {role: _status(client, user, url) for role, user in people.items()}
    assert got == {
        "anonymous": "refused",
        "member": 200,
        "colleague": 200,
        "stranger": "refused",
        "team": "refused",
        "reporter": "refused",
        "moderator": 200,
        "admin": 200,
    }


def test_an_archived_practice_stays_closed_to_the_authors_colleagues(client, people):
    practice = make_practice(user=people["member"], status="archived")
    url = reverse("practices:detail", args=[practice.pk])
    assert _status(client, people["colleague"], url) == "refused"
    assert _status(client, people["moderator"], url) == 200


def test_who_added_the_document_opens_what_a_moderator_accepted_from_it(
    client, people, fake_plan, valdoria, django_capture_on_commit_callbacks
):
    from convivio.ingest import services as ingest_services

    member = people["member"]
    job = ingest(member, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    plan = ingest_services.draft_accept(
        user=people["moderator"],
        draft=job.drafts.get(),
        data={"territory": valdoria.pk, "start_year": 2021, "end_year": 2024},
    )
    assert plan.created_by == people["moderator"]
    # The member follows the link on their review page.
    client.force_login(member)
    page = BeautifulSoup(
        client.get(reverse("ingest:review", args=[job.pk])).content, "html.parser"
    )
    link = page.find("a", string="Open the record made from this draft")
    assert link["href"] == reverse("plans:detail", args=[plan.pk])
    got = {
        role: _status(client, people[role], link["href"])
        for role in ("member", "colleague", "stranger", "anonymous")
    }
    assert got == {
        "member": 200,
        "colleague": 200,
        "stranger": "refused",
        "anonymous": "refused",
    }


def test_who_added_a_booklet_opens_the_practices_accepted_from_it(
    client, people, fake_booklet, django_capture_on_commit_callbacks
):
    from convivio.ingest import services as ingest_services
    from convivio.practices.models import Practice

    member = people["member"]
    job = ingest(member, BOOKLET_TEXT, capture=django_capture_on_commit_callbacks)
    practice = ingest_services.draft_accept(
        user=people["moderator"], draft=job.drafts.get(kind="practice")
    )
    assert practice.status == Practice.Status.DRAFT
    url = reverse("practices:detail", args=[practice.pk])
    got = {
        role: _status(client, people[role], url)
        for role in ("member", "colleague", "stranger")
    }
    assert got == {"member": 200, "colleague": 200, "stranger": "refused"}
