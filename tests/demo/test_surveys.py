import pytest

from convivio.demo import surveys as demo
from convivio.demo.directory import vale_novo
from convivio.surveys.models import Answer, Question, Response, Survey

pytestmark = pytest.mark.django_db


def test_demo_needs_assessment():
    town = vale_novo()
    loaded = demo.surveys_demo_load(town)
    survey = loaded.survey
    assert loaded.created and loaded.responses == 200
    assert survey.status == Survey.Status.CLOSED and survey.results_public
    kinds = set(survey.questions.values_list("kind", flat=True))
    assert kinds == {k.value for k in Question.Kind}
    assert survey.questions.filter(kind="ranking", ranks_issues=True).count() == 1
    conditional = survey.questions.get(condition_question__isnull=False)
    # The conditional question is answered only by those it is shown to.
    shown = Answer.objects.filter(
        question=conditional.condition_question, text=conditional.condition_value
    ).count()
    assert 0 < conditional.answers.count() == shown
    assert Answer.objects.filter(question__kind="text", moderation="shown").exists()
    # Every single-choice answer is an offered value.
    for question in survey.questions.filter(kind="single"):
        offered = set(question.choices.values_list("value", flat=True))
        assert set(question.answers.values_list("text", flat=True)) <= offered
    # Deterministic and idempotent.
    first = list(
        Answer.objects.filter(question__name="issues")
        .order_by("id")
        .values_list("values", flat=True)
    )
    again = demo.surveys_demo_load(town)
    assert not again.created
    assert Response.objects.filter(survey=survey).count() == 200
    Survey.objects.filter(pk=survey.pk).delete()
    demo.surveys_demo_load(town)
    second = list(
        Answer.objects.filter(question__name="issues")
        .order_by("id")
        .values_list("values", flat=True)
    )
    assert first == second
