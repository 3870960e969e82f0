"""Records made by accepting ingested drafts carry their text as originals, so
their translations' statuses start right: a plan, its nodes, indicators and
recommendations, and the practices of a booklet."""

from __future__ import annotations

import pytest

from convivio.core.translation import (
    Status,
    language_statuses,
    row_status,
    save_translation,
)
from convivio.ingest import services
from convivio.plans.models import Indicator, Plan, PlanNode, Recommendation
from convivio.practices.models import Practice

from .test_services import (  # noqa: F401 - fixtures
    BOOKLET_TEXT,
    PLAN_TEXT,
    fake_booklet,
    fake_plan,
    ingest,
    valdoria,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_job(user, request, django_capture_on_commit_callbacks):
    # The fake parser and the place it names, imported above as fixtures.
    request.getfixturevalue("fake_plan")
    request.getfixturevalue("valdoria")
    return ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)


@pytest.fixture
def booklet_job(user, request, django_capture_on_commit_callbacks):
    request.getfixturevalue("fake_booklet")
    return ingest(
        user,
        BOOKLET_TEXT,
        filename="booklet.txt",
        capture=django_capture_on_commit_callbacks,
    )


def test_an_accepted_plan_is_all_original_and_missing_elsewhere(user, plan_job):
    plan = services.draft_accept(user=user, draft=plan_job.drafts.get())
    records = [
        Plan.objects.prefetch_related("translations").get(pk=plan.pk),
        *PlanNode.objects.filter(plan=plan).prefetch_related("translations"),
        *Indicator.objects.filter(plan=plan).prefetch_related("translations"),
        *Recommendation.objects.filter(plan=plan).prefetch_related("translations"),
    ]
    assert len(records) > 8
    for record in records:
        assert language_statuses(record) == [("en", Status.ORIGINAL)]
        assert row_status(record, "pt") == Status.MISSING
        origins = record.original_translation().origins
        assert {meta["origin"] for meta in origins.values()} == {"original"}


def test_accepting_again_keeps_translations_current(user, plan_job):
    draft = plan_job.drafts.get()
    plan = services.draft_accept(user=user, draft=draft)
    node = PlanNode.objects.filter(plan=plan).order_by("pk").first()
    save_translation(
        node,
        "pt",
        {
            name: f"pt: {value}" if value else ""
            for name, value in node.original_translation().values().items()
        },
        user=user,
    )
    assert services.draft_accept(user=user, draft=draft).pk == plan.pk
    again = PlanNode.objects.prefetch_related("translations").get(pk=node.pk)
    assert row_status(again, "pt") == Status.REVIEWED


def test_accepted_practices_and_their_collection_are_originals(admin_user, booklet_job):
    services.drafts_accept_all(user=admin_user, job=booklet_job)
    practices = list(Practice.objects.prefetch_related("translations"))
    assert practices
    for practice in practices:
        assert language_statuses(practice) == [("en", Status.ORIGINAL)]
        assert row_status(practice, "ro") == Status.MISSING
