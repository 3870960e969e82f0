"""Answering a survey: every validation rule, invitations, anonymity, no-JS steps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse

from convivio.core.services import territory_team_grant
from convivio.surveys import services
from convivio.surveys.models import Answer, Invitation, Response, Survey
from convivio.surveys.services import QuestionData, SurveyData
from tests.factories import UserFactory
from tests.plans.factories import make_territory


@pytest.fixture
def team(db):
    person = UserFactory(username="officer")
    territory_team_grant(actor=None, user=person, territory=make_territory("Vale Novo"))
    return person


def build(team, access=Survey.Access.ANYONE) -> Survey:
    survey = services.survey_create(
        user=team,
        data=SurveyData(
            title="Needs",
            territory=make_territory("Vale Novo"),
            language="en",
            access=access,
        ),
    )

    def add(**kw):
        return services.question_add(user=team, survey=survey, data=QuestionData(**kw))

    interp = add(
        kind="single",
        name="interpreter",
        label="Do you need an interpreter?",
        required=True,
        choices=[("yes", "Yes"), ("no", "No")],
    )
    add(
        kind="text",
        name="which",
        label="Which language?",
        required=True,
        condition_question=interp,
        condition_value="yes",
    )
    add(
        kind="multiple",
        name="services",
        label="Which services do you use?",
        choices=[("health", "Health"), ("school", "School"), ("work", "Work")],
    )
    add(kind="scale", name="ease", label="How easy is it to find help?")
    add(
        kind="ranking",
        name="issues",
        label="The most relevant issues",
        rank_count=2,
        choices=[("housing", "Housing"), ("jobs", "Jobs"), ("language", "Language")],
    )
    add(kind="number", name="years", label="Years in town")
    services.survey_open(user=team, survey=survey)
    return survey


GOOD = {
    "interpreter": "no",
    "services": ["health", "work"],
    "ease": "4",
    "issues": ["jobs", "housing"],
    "years": "2,5",
}


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_complete_answer_is_stored_anonymously(team):
    survey = build(team)
    response = services.answer_submit(survey=survey, answers=GOOD)
    stored = {a.question.name: a for a in response.answers.select_related("question")}
    assert stored["interpreter"].text == "no"
    assert stored["services"].values == ["health", "work"]
    assert stored["ease"].number == 4
    assert stored["issues"].values == ["jobs", "housing"]
    assert stored["years"].number == Decimal("2.5")
    assert "which" not in stored  # not shown, not required
    fields = {f.name for f in Response._meta.get_fields()}
    assert not fields & {"user", "ip", "ip_address", "user_agent", "created_at"}
    assert {
        f.get_internal_type()
        for f in Response._meta.concrete_fields
        if f.name == "submitted_on"
    } == {"DateField"}


def test_required_question_missing_names_it(team):
    survey = build(team)
    with pytest.raises(ValidationError) as info:
        services.answer_submit(survey=survey, answers={**GOOD, "interpreter": ""})
    assert "Do you need an interpreter?" in errors_of(info)["interpreter"][0]
    assert not Response.objects.exists()


def test_conditional_question_required_only_when_shown(team):
    survey = build(team)
    with pytest.raises(ValidationError) as info:
        services.answer_submit(survey=survey, answers={**GOOD, "interpreter": "yes"})
    assert "Which language?" in errors_of(info)["which"][0]
    response = services.answer_submit(
        survey=survey, answers={**GOOD, "interpreter": "yes", "which": "Tigrinya"}
    )
    assert response.answers.get(question__name="which").text == "Tigrinya"
    # When hidden, an answer sent anyway is not stored.
    response = services.answer_submit(survey=survey, answers={**GOOD, "which": "x"})
    assert not response.answers.filter(question__name="which").exists()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("interpreter", "maybe", "not one of the choices"),
        ("services", ["health", "casino"], "not one of the choices"),
        ("ease", "9", "from 1 to 5"),
        ("ease", "abc", "from 1 to 5"),
        ("issues", ["jobs", "jobs"], "only once"),
        ("issues", ["jobs"], "rank 2 items"),
        ("issues", ["jobs", "parks"], "not one of the choices"),
        ("years", "many", "write a number"),
        ("years", "nan", "write a number"),
    ],
)
def test_values_not_offered_are_refused(team, name, value, message):
    survey = build(team)
    with pytest.raises(ValidationError, match=message) as info:
        services.answer_submit(survey=survey, answers={**GOOD, name: value})
    assert list(errors_of(info)) == [name]
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_survey_must_be_open(team):
    survey = build(team)
    services.survey_close(user=team, survey=survey)
    with pytest.raises(ValidationError, match="not open"):
        services.answer_submit(survey=survey, answers=GOOD)


def test_one_answer_per_invitation(team):
    survey = build(team, access=Survey.Access.INVITATION)
    (invitation,) = services.invitations_create(user=team, survey=survey, n=1)
    with pytest.raises(ValidationError, match="by invitation"):
        services.answer_submit(survey=survey, answers=GOOD)
    services.answer_submit(
        survey=survey, answers=GOOD, invitation_token=invitation.token
    )
    with pytest.raises(ValidationError, match="already been used"):
        services.answer_submit(
            survey=survey, answers=GOOD, invitation_token=invitation.token
        )
    with pytest.raises(ValidationError, match="not valid"):
        services.answer_submit(survey=survey, answers=GOOD, invitation_token="nope")
    assert Response.objects.count() == 1
    invitation.refresh_from_db()
    # The day it was used, not the time: it cannot be matched to the answer.
    assert (invitation.used_at.hour, invitation.used_at.minute) == (0, 0)


# ----------------------------------------------------------------- pages


def post_data(answers: dict, **extra) -> dict:
    return {f"q_{k}": v for k, v in answers.items()} | extra


def test_answering_page_without_javascript_in_steps(client, team):
    survey = build(team)
    url = reverse("surveys:answer", args=[survey.pk])
    page = client.get(url).content.decode()
    assert 'id="q-which"' in page
    assert page.split('id="q-which"')[1].split(">")[0].rstrip().endswith("hidden")
    assert 'name="step"' in page
    # "Continue" after choosing "yes": the dependent question appears, the
    # answers given stay in the page, nothing is stored.
    step = client.post(url, post_data({**GOOD, "interpreter": "yes"}, step="1"))
    html = step.content.decode()
    assert step.status_code == 200
    assert not Response.objects.exists()
    which_tag = html.split('id="q-which"')[1].split(">")[0]
    assert "hidden" not in which_tag
    assert 'value="yes" checked' in html
    assert 'value="health" checked' in html and 'value="work" checked' in html
    assert 'value="2,5"' in html
    assert '<option value="jobs" selected>' in html
    # Sending without the now-required answer: a clear message, answers kept.
    sent = client.post(url, post_data({**GOOD, "interpreter": "yes"}))
    assert sent.status_code == 400
    assert "“Which language?” needs an answer." in sent.content.decode()
    assert 'value="health" checked' in sent.content.decode()
    assert not Response.objects.exists()
    done = client.post(
        url, post_data({**GOOD, "interpreter": "yes", "which": "Amharic"})
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("surveys:thanks", args=[survey.pk])
    assert Response.objects.count() == 1
    assert client.get(done["Location"]).status_code == 200


def test_answering_view_stores_nothing_about_the_client(client, team):
    survey = build(team)
    url = reverse("surveys:answer", args=[survey.pk])
    sessions_before = Session.objects.count()
    client.post(
        url,
        post_data(GOOD),
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Secret-Browser/1.0",
    )
    assert Session.objects.count() == sessions_before
    response = Response.objects.get()
    values = [str(v) for v in Response.objects.values().get().values()]
    values += [str(v) for a in Answer.objects.values() for v in a.values()]
    assert not any("203.0.113.9" in v or "Secret-Browser" in v for v in values)
    assert response.submitted_on is not None


def test_invitation_link_gives_one_answer(client, team):
    survey = build(team, access=Survey.Access.INVITATION)
    (invitation,) = services.invitations_create(user=team, survey=survey, n=1)
    assert client.get(reverse("surveys:answer", args=[survey.pk])).status_code == 403
    url = reverse("surveys:invitation", args=[survey.pk, invitation.token])
    assert client.get(url).status_code == 200
    assert client.post(url, post_data(GOOD)).status_code == 302
    again = client.get(url)
    assert again.status_code == 400
    assert "already been used" in again.content.decode()
    assert client.post(url, post_data(GOOD)).status_code == 400
    assert Response.objects.count() == 1
    assert Invitation.objects.get().used_at is not None


def test_draft_survey_hidden_from_public_preview_for_team(client, team):
    survey = services.survey_create(
        user=team,
        data=SurveyData(
            title="Draft", territory=make_territory("Vale Novo"), language="en"
        ),
    )
    url = reverse("surveys:answer", args=[survey.pk])
    assert client.get(url).status_code == 404
    client.force_login(team)
    assert "Preview" in client.get(url).content.decode()


def test_answer_page_queries_are_bounded(client, team, django_assert_max_num_queries):
    survey = build(team)
    url = reverse("surveys:answer", args=[survey.pk])
    with django_assert_max_num_queries(8):
        client.get(url)
