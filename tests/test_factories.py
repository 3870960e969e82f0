"""The shared factories make records through the apps' services, so a record in a
test has what a user's record has: its original translation row, its search entry,
its editor's history."""

from __future__ import annotations

import pytest

from convivio.core.translation import Status, language_statuses
from convivio.plans.models import Plan, PlanChange, PlanNode
from convivio.search.models import SearchEntry
from tests.factories import (
    DocumentFactory,
    IndicatorFactory,
    PlanFactory,
    PlanNodeFactory,
    PracticeFactory,
    ServiceFactory,
    SurveyFactory,
    admin_user,
)

pytestmark = pytest.mark.django_db


def _statuses(record) -> set[tuple[str, str]]:
    return set(language_statuses(record))


def test_a_practice_is_published_with_its_original_row_and_search_entry():
    practice = PracticeFactory(title="Sewing circle for mothers")
    assert practice.status == "published"
    assert _statuses(practice) == {("en", Status.ORIGINAL)}
    assert SearchEntry.objects.filter(kind="practice", object_id=practice.pk).exists()


def test_a_plan_its_nodes_and_indicators_keep_their_text_and_history():
    plan = PlanFactory(title="Plano municipal", language="pt")
    assert plan.status == Plan.Status.DRAFT
    assert plan.translations.get().title == "Plano municipal"
    area = PlanNodeFactory(plan=plan, kind=PlanNode.Kind.AREA, title="Education")
    measure = PlanNodeFactory(plan=plan, parent=area, title="Evening classes")
    indicator = IndicatorFactory(node=measure, name="Learners", target_value=120)
    assert measure.parent == area
    assert measure.translations.get().language_id == "pt"
    assert indicator.translations.get().name == "Learners"
    assert indicator.plan == plan
    # The editor's history has a step for each part added (undo needs them).
    assert PlanChange.objects.filter(plan=plan).count() == 3


def test_a_service_a_document_and_a_survey_have_their_original_rows():
    service = ServiceFactory(name="Health desk", description="Help with a doctor.")
    assert service.translations.get().name == "Health desk"
    assert service.history.exists()
    document = DocumentFactory(title="Welcome guide", is_public=True)
    assert document.translations.get().title == "Welcome guide"
    assert SearchEntry.objects.filter(kind="document", object_id=document.pk).exists()
    survey = SurveyFactory(title="Needs of newcomers")
    assert survey.translations.get().title == "Needs of newcomers"
    assert survey.created_by == admin_user()
