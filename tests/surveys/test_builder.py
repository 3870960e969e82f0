"""The survey builder: who may build, questions, choices, conditions, pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from convivio.core.services import territory_team_grant
from convivio.surveys import services
from convivio.surveys.models import Question, Survey
from convivio.surveys.services import QuestionData, SurveyData
from tests.factories import UserFactory
from tests.plans.factories import make_territory


@pytest.fixture
def territory(db):
    return make_territory("Vale Novo")


@pytest.fixture
def other_territory(db):
    return make_territory("Ribeira Alta")


@pytest.fixture
def team(territory):
    person = UserFactory(username="officer")
    territory_team_grant(actor=None, user=person, territory=territory)
    return person


@pytest.fixture
def other_team(other_territory):
    person = UserFactory(username="other-officer")
    territory_team_grant(actor=None, user=person, territory=other_territory)
    return person


def make_survey(user, territory, **kw) -> Survey:
    return services.survey_create(
        user=user,
        data=SurveyData(
            title=kw.pop("title", "Needs of newcomers"),
            territory=territory,
            language="en",
            **kw,
        ),
    )


def test_team_creates_a_survey_of_its_place(team, territory):
    survey = make_survey(team, territory)
    assert survey.status == Survey.Status.DRAFT
    assert survey.created_by == team
    assert survey.form_id == "needs-of-newcomers"


def test_team_of_another_territory_is_refused(other_team, territory, team):
    with pytest.raises(PermissionDenied, match="Vale Novo"):
        make_survey(other_team, territory)
    survey = make_survey(team, territory)
    with pytest.raises(PermissionDenied):
        services.question_add(
            user=other_team, survey=survey, data=QuestionData(kind="text", label="Why?")
        )
    assert not survey.questions.exists()


def test_stranger_refused_moderator_and_admin_allowed(
    user, moderator, admin_user, territory
):
    with pytest.raises(PermissionDenied):
        make_survey(user, territory)
    assert make_survey(moderator, territory).pk
    assert make_survey(admin_user, territory).pk


def test_questions_choices_conditions_and_moves(team, territory):
    survey = make_survey(team, territory)
    lang = services.question_add(
        user=team,
        survey=survey,
        data=QuestionData(
            kind="single",
            label="Do you need an interpreter?",
            choices=[("yes", "Yes"), ("no", "No")],
        ),
    )
    which = services.question_add(
        user=team,
        survey=survey,
        data=QuestionData(
            kind="text",
            label="Which language?",
            condition_question=lang,
            condition_value="yes",
        ),
    )
    assert lang.name == "do_you_need_an_interpreter"
    assert [c.value for c in lang.choices.all()] == ["yes", "no"]
    assert which.condition_question == lang
    # A condition on a value that is not offered is refused with a clear message.
    with pytest.raises(ValidationError, match="not one of the choices"):
        services.question_add(
            user=team,
            survey=survey,
            data=QuestionData(
                kind="text", label="x", condition_question=lang, condition_value="maybe"
            ),
        )
    # The dependent question cannot move above the one it depends on.
    with pytest.raises(ValidationError, match="depends on a question"):
        services.question_move(user=team, question=which, offset=-1)
    # Deleting a question others depend on is refused.
    with pytest.raises(ValidationError, match="depend on this one"):
        services.question_delete(user=team, question=lang)
    third = services.question_add(
        user=team, survey=survey, data=QuestionData(kind="number", label="Age")
    )
    services.question_move(user=team, question=third, offset=-1)
    assert list(
        survey.questions.order_by("position").values_list("name", flat=True)
    ) == ["do_you_need_an_interpreter", "age", "which_language"]
    with pytest.raises(ValidationError, match="already has a choice"):
        services.choice_add(user=team, question=lang, value="yes", label="Yes again")
    with pytest.raises(ValidationError, match="Only choice"):
        services.choice_add(user=team, question=third, value="a", label="A")


def test_scale_and_ranking_settings_are_checked(team, territory):
    survey = make_survey(team, territory)
    with pytest.raises(ValidationError, match="highest value"):
        services.question_add(
            user=team,
            survey=survey,
            data=QuestionData(
                kind="scale", label="How easy?", scale_min=5, scale_max=1
            ),
        )
    scale = services.question_add(
        user=team, survey=survey, data=QuestionData(kind="scale", label="How easy?")
    )
    assert (scale.scale_min, scale.scale_max) == (1, 5)
    ranking = services.question_add(
        user=team, survey=survey, data=QuestionData(kind="ranking", label="Issues")
    )
    assert ranking.rank_count == 3


def test_open_needs_questions_with_choices(team, territory):
    survey = make_survey(team, territory)
    with pytest.raises(ValidationError, match="at least one question"):
        services.survey_open(user=team, survey=survey)
    services.question_add(
        user=team, survey=survey, data=QuestionData(kind="single", label="Where?")
    )
    with pytest.raises(ValidationError, match="no choices"):
        services.survey_open(user=team, survey=survey)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_invitations_create(team, territory):
    survey = make_survey(team, territory)
    made = services.invitations_create(user=team, survey=survey, n=5, label="Library")
    assert len({i.token for i in made}) == 5
    with pytest.raises(ValidationError):
        services.invitations_create(user=team, survey=survey, n=0)


# ----------------------------------------------------------------- pages


def test_builder_pages_without_javascript(client, team, territory):
    client.force_login(team)
    response = client.post(
        reverse("surveys:new"),
        {
            "title": "Needs 2026",
            "territory": territory.pk,
            "language": "en",
            "access": "anyone",
        },
    )
    survey = Survey.objects.get(translations__title="Needs 2026")
    edit = reverse("surveys:edit", args=[survey.pk])
    assert response.status_code == 302 and response["Location"] == edit
    response = client.post(
        edit,
        {
            "action": "question-add",
            "new-kind": "single",
            "new-label": "Where do you live?",
            "new-choices": "centre | Centre\nriverside | Riverside",
        },
    )
    assert response.status_code == 302
    q = survey.questions.get()
    assert [str(c) for c in q.choices.all()] == ["Centre", "Riverside"]
    response = client.post(
        edit,
        {
            "action": "choice-add",
            "question": q.pk,
            f"c{q.pk}-label": "Hills",
        },
    )
    assert q.choices.filter(value="hills").exists()
    response = client.post(
        edit,
        {
            "action": "question-update",
            "question": q.pk,
            f"q{q.pk}-kind": "single",
            f"q{q.pk}-label": "Where do you live now?",
            f"q{q.pk}-required": "on",
        },
    )
    q.refresh_from_db()
    assert str(q) == "Where do you live now?" and q.required
    page = client.get(edit)
    assert page.status_code == 200
    assert "Where do you live now?" in page.content.decode()
    assert 'hx-boost="true"' in page.content.decode()
    # A bad question: the page comes back with the message, nothing saved.
    response = client.post(
        edit,
        {
            "action": "question-add",
            "new-kind": "scale",
            "new-label": "Rate",
            "new-scale_min": 3,
            "new-scale_max": 2,
        },
    )
    assert response.status_code == 400
    assert "highest value" in response.content.decode()
    assert survey.questions.count() == 1
    client.post(edit, {"action": "open"})
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    assert client.get(reverse("surveys:list")).status_code == 200


def test_builder_page_refused_to_other_team(client, team, other_team, territory):
    survey = make_survey(team, territory)
    client.force_login(other_team)
    assert client.get(reverse("surveys:edit", args=[survey.pk])).status_code == 403
    response = client.post(
        reverse("surveys:edit", args=[survey.pk]),
        {"action": "question-add", "new-kind": "text", "new-label": "Sneaky"},
    )
    assert response.status_code == 403
    assert not Question.objects.filter(translations__label="Sneaky").exists()
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("surveys:new")).status_code == 403


def test_invitation_page_lists_used_and_unused(client, team, territory):
    survey = make_survey(team, territory, access=Survey.Access.INVITATION)
    client.force_login(team)
    url = reverse("surveys:invitations", args=[survey.pk])
    response = client.post(url, {"n": 3, "label": "Community centre"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert page.count("/i/") == 3
    assert "0 links used, 3 not used yet." in page
