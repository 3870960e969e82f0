"""Surveys in the one search: a survey is found by its published results (closed,
results public), in every language it and its questions have, shown in the
reader's language; its team sees what the public does not; bounded queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from convivio.core.services import territory_team_grant
from convivio.core.translation import kind_for
from convivio.core.translation_screen import save_from_screen
from convivio.search import registry
from convivio.search.models import SearchEntry
from convivio.search.selectors import search_everything
from convivio.surveys import services
from convivio.surveys.services import QuestionData, SurveyData
from tests.factories import SurveyFactory, UserFactory, municipality

pytestmark = pytest.mark.django_db


def found(query: str, user=None, language: str = "en") -> list[int]:
    results = search_everything(
        query=query, user=user or AnonymousUser(), language=language, kinds=["survey"]
    )
    return [h.object_id for h in results.hits if h.kind == "survey"]


def languages_indexed(object_id: int) -> set[str]:
    return set(
        SearchEntry.objects.filter(kind="survey", object_id=object_id).values_list(
            "language", flat=True
        )
    )


@pytest.fixture
def team(db):
    person = UserFactory(username="officer")
    territory_team_grant(actor=None, user=person, territory=municipality())
    return person


def build(team, *, title="Housing needs 2026", public=True, close=True):
    """A survey with one question, opened and (by default) closed by its team."""
    survey = SurveyFactory(
        user=team,
        title=title,
        introduction="Tell us about your housing.",
        results_public=public,
    )
    services.question_add(
        user=team,
        survey=survey,
        data=QuestionData(
            kind="single",
            label="Where do you live now?",
            choices=[("rent", "Rented room"), ("shelter", "Shelter")],
        ),
    )
    services.survey_open(user=team, survey=survey)
    if close:
        services.survey_close(user=team, survey=survey)
    return survey


@pytest.fixture
def survey(team):
    survey = build(team)
    save_from_screen(
        user=team,
        kind=kind_for("survey"),
        record=survey,
        language="ro",
        values={
            "title": "Nevoi de locuire 2026",
            "introduction": "Spuneți-ne despre locuința dumneavoastră.",
        },
    )
    # Its question in Portuguese only (as an XLSForm translates questions).
    question = survey.questions.get()
    save_from_screen(
        user=team,
        kind=kind_for("survey-question"),
        record=question,
        language="pt",
        values={"label": "Onde mora agora?"},
    )
    return survey


def test_kind_is_registered():
    assert "survey" in registry.names()


def test_documents_hold_every_language_of_the_survey_and_its_questions(survey):
    documents = registry.get("survey").documents([survey.pk])
    by_language = {d.language: d for d in documents}
    assert set(by_language) == {"en", "ro", "pt"}
    assert by_language["ro"].title == "Nevoi de locuire 2026"
    assert "Where do you live now?" in by_language["en"].body
    assert "Onde mora agora?" in by_language["pt"].body
    assert "Vale Novo" in by_language["en"].body  # its place
    assert languages_indexed(survey.pk) == {"en", "ro", "pt"}


def test_only_surveys_with_public_results_are_indexed(team):
    public = build(team)
    private = build(team, title="Housing needs, team only", public=False)
    still_open = build(team, title="Housing needs, open", close=False)
    kind = registry.get("survey")
    assert set(kind.indexable_ids()) == {public.pk}
    assert kind.documents([private.pk, still_open.pk]) == []
    assert found("housing") == [public.pk]
    # Its team reads the results that are not public: a stale entry would show
    # it to them, never to a visitor.
    assert kind.visible_ids(team, [private.pk]) == {private.pk}
    assert kind.visible_ids(AnonymousUser(), [private.pk]) == set()


def test_a_survey_leaves_the_index_when_its_results_stop_being_public(survey, team):
    assert found("housing") == [survey.pk]
    services.survey_update(
        user=team,
        survey=survey,
        data=SurveyData(
            title="Housing needs 2026",
            territory=survey.territory,
            language="en",
            results_public=False,
        ),
    )
    assert found("housing", user=team) == []
    assert languages_indexed(survey.pk) == set()


def test_a_survey_opened_again_leaves_the_index(survey, team):
    services.survey_open(user=team, survey=survey)
    assert found("housing") == []


def test_hits_in_the_readers_language(survey):
    kind = registry.get("survey")
    romanian = kind.hits([survey.pk], "ro")[survey.pk]
    assert (romanian.title, romanian.language) == ("Nevoi de locuire 2026", "ro")
    assert romanian.url == f"/ro/surveys/{survey.pk}/results/"
    assert "Vale Novo" in romanian.meta
    # No Portuguese title: the original, said to be English.
    portuguese = kind.hits([survey.pk], "pt")[survey.pk]
    assert (portuguese.title, portuguese.language) == ("Housing needs 2026", "en")


def test_search_everything_finds_a_survey_by_its_translation(survey):
    results = search_everything(query="locuire", user=AnonymousUser(), language="ro")
    hit = next(h for h in results.hits if h.kind == "survey")
    assert (hit.object_id, hit.language) == (survey.pk, "ro")
    assert found("mora") == [survey.pk]  # a question's translation


def test_reads_are_bounded(team, django_assert_max_num_queries):
    ids = [build(team, title=f"Housing needs {n}").pk for n in range(4)]
    ids.append(build(team, title="Housing needs, team only", public=False).pk)
    member = UserFactory()
    kind = registry.get("survey")
    public = set(ids[:4])
    with django_assert_max_num_queries(4):
        assert len(kind.documents(ids)) == 4
    with django_assert_max_num_queries(1):
        assert kind.visible_ids(AnonymousUser(), ids) == public
    with django_assert_max_num_queries(3):  # the person's roles, read once
        assert kind.visible_ids(member, ids) == public
    with django_assert_max_num_queries(3):
        assert kind.visible_ids(team, ids) == set(ids)
    with django_assert_max_num_queries(2):
        assert len(kind.hits(ids, "ro")) == 5
