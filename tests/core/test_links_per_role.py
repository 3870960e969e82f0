"""Every link a role is shown on the main pages works for that role.

For each role (anonymous, member, moderator, territory team, reporter,
administrator) the main pages are rendered with the test client on a small set
of records, every same-site ``<a href>`` on them is followed once, and none may
answer 403 or 404 (nor fail).  Downloads that take long to build (PDF, DOCX,
XLSX) are not fetched, only checked to be routed.
"""

# ruff: noqa: F811 - fixtures imported from the ingestion tests

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import Resolver404, resolve, reverse

from convivio.core.models import Membership
from convivio.core.services import membership_grant, territory_team_grant
from convivio.ingest import services as ingest_services
from convivio.plans.models import Plan
from convivio.practices import services as practice_services
from convivio.surveys import services as survey_services
from tests.directory.test_services import make_service
from tests.factories import OrganisationFactory, UserFactory, make_practice
from tests.ingest.test_services import (  # noqa: F401 - fixtures
    PLAN_TEXT,
    fake_plan,
    ingest,
    valdoria,
)
from tests.library.helpers import add_document
from tests.plans.factories import (
    make_indicator,
    make_node,
    make_observation,
    make_plan,
    make_responsibility,
    make_territory,
)
from tests.surveys.test_answering import build as build_survey

#: Built on request, slow: only checked to lead somewhere.
EXPENSIVE = (".pdf", ".docx", ".xlsx")
ROLES = ["anonymous", "member", "moderator", "officer", "reporter", "admin"]


@pytest.fixture
def site(
    db, admin_user, moderator, fake_plan, valdoria, django_capture_on_commit_callbacks
):
    """A little of everything, and a person for each role."""
    town = make_territory("Vale Novo")
    officer = UserFactory(username="officer")
    territory_team_grant(actor=None, user=officer, territory=town)
    partner = OrganisationFactory(name="Casa das Línguas", territory=town)
    reporter = UserFactory(username="reporter")
    membership_grant(
        actor=None, user=reporter, organisation=partner, role=Membership.Role.REPORTER
    )
    member = UserFactory(username="member")

    plan = make_plan(town, organisation=partner)
    area = make_node(plan, "Welcome", kind="area", code="1")
    measure = make_node(plan, "One-stop desk", parent=area, code="1.1")
    make_responsibility(measure, partner)
    indicator = make_indicator(
        measure, "People served", baseline_value=0, target_value=100
    )
    make_observation(indicator, "2025", 40, organisation=partner)
    make_plan(town, title="Next plan", status=Plan.Status.DRAFT)

    practice = make_practice(
        country="PT",
        territory_ids=[town.pk],
        organisations=[(partner.pk, "implementing")],
    )
    make_practice(user=member, status="draft", title="My draft practice")
    make_practice(user=member, status="in_review", title="Waiting for review")
    practice_services.collection_create(
        user=moderator, title="Welcome desks", language="en", practices=[practice]
    )

    service = make_service(
        partner, "Language desk", lat=38.72, lon=-9.14, territory=town
    )
    add_document(title="Public plan", is_public=True)
    add_document(member, title="My notes", name="notes.txt")

    closed = build_survey(officer)
    survey_services.survey_close(user=officer, survey=closed)
    build_survey(officer)

    job = ingest(member, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    ingest_services.draft_accept(
        user=member,
        draft=job.drafts.get(),
        data={"territory": valdoria.pk, "start_year": 2021, "end_year": 2024},
    )
    return {
        "users": {
            "anonymous": None,
            "member": member,
            "moderator": moderator,
            "officer": officer,
            "reporter": reporter,
            "admin": admin_user,
        },
        "pages": [
            reverse("core:home"),
            reverse("practices:list"),
            reverse("practices:detail", args=[practice.pk]),
            reverse("plans:list"),
            reverse("plans:detail", args=[plan.pk]),
            reverse("plans:dashboard", args=[plan.pk]),
            reverse("directory:list"),
            reverse("directory:service", args=[service.pk]),
            reverse("library:list"),
            reverse("surveys:list"),
            reverse("core:organisation_list"),
        ],
        "signed_in_pages": [reverse("core:profile")],
        "owner_pages": [
            reverse("ingest:job", args=[job.pk]),
            reverse("ingest:review", args=[job.pk]),
        ],
    }


def same_site_links(base: str, html: bytes) -> set[str]:
    """Addresses of this site that the page links to (without #fragments)."""
    found = set()
    for anchor in BeautifulSoup(html, "html.parser").select("a[href]"):
        url, _fragment = urldefrag(urljoin(base, anchor["href"].strip()))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_link_shown_to_a_role_works_for_it(client, site, role):
    user = site["users"][role]
    pages = list(site["pages"])
    if user is not None:
        client.force_login(user)
        pages += site["signed_in_pages"]
    if role == "member":
        pages += site["owner_pages"]
    links: dict[str, str] = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        for link in same_site_links(f"http://testserver{page}", response.content):
            links.setdefault(link, page)
    dead = []
    for link, page in sorted(links.items()):
        path = urlsplit(link).path
        if path.startswith(reverse("logout")):
            continue
        if path.endswith(EXPENSIVE):
            try:
                resolve(path)
            except Resolver404:
                dead.append(f"{link} (on {page}): not routed")
            continue
        status = client.get(link).status_code
        if status in (403, 404):
            dead.append(f"{link} (on {page}): {status}")
    assert len(links) > 30  # the crawl saw the pages' links
    assert not dead, f"{role} is shown links that fail:\n" + "\n".join(dead)
