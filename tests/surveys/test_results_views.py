"""Results pages, downloads and moderation of free text."""

from __future__ import annotations

import io

from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from convivio.surveys.models import Answer, Response
from tests.html import table_of, texts_of

from .test_results import dataset, make_survey, place, team  # noqa: F401


def _url(name, survey, *args):
    return reverse(f"surveys:{name}", args=[survey.pk, *args])


def test_unpublished_results_are_for_the_team_only(
    client,
    dataset,  # noqa: F811
    team,  # noqa: F811
    stranger,
):
    survey, _q = dataset
    page = client.get(_url("results", survey))
    assert page.status_code == 403
    assert "not published yet" in page.content.decode()
    client.force_login(stranger)
    assert client.get(_url("results", survey)).status_code == 403
    assert client.get(_url("results_csv", survey)).status_code == 403
    client.force_login(team)
    page = client.get(_url("results", survey))
    assert page.status_code == 200
    html = page.content.decode()
    assert "These results are not published" in html
    assert "=cmd" in html and "Nice" in html  # every free-text answer
    assert table_of(page, "#q-lang .result-table")[1:] == [
        ["Ar", "7", "58.3"],
        ["En", "3", "25.0"],
        ["Pt", "2", "16.7"],
    ]
    assert not BeautifulSoup(html, "html.parser").select(".hidden-cell")


def test_published_results_hide_small_groups(client, place):  # noqa: F811
    survey, _q = make_survey(place, public=True)
    page = client.get(_url("results", survey))
    assert page.status_code == 200
    html = page.content.decode()
    # en 3 and pt 2 are small; hidden alike, without their percentages.
    assert table_of(page, "#q-lang .result-table")[1:] == [
        ["Ar", "7", "58.3"],
        ["En", "hidden", ""],
        ["Pt", "hidden", ""],
    ]
    assert "More classes please" in html
    assert "=cmd" not in html and "Nice" not in html
    assert "<svg" in html and 'style="' not in html
    assert _url("answers_csv", survey) not in html


def test_crosstab_by_question_name(client, dataset, team):  # noqa: F811
    survey, _q = dataset
    client.force_login(team)
    html = client.get(_url("results", survey), {"by": "area"}).content.decode()
    assert "By “Area?”" in html
    assert 'class="crosstab"' in html
    html = client.get(_url("results", survey), {"by": "nothing"}).content.decode()
    assert "There is no single-choice or scale question named “nothing”" in html
    assert 'class="crosstab"' not in html


def test_team_previews_the_public_view(client, dataset, team):  # noqa: F811
    survey, _q = dataset
    client.force_login(team)
    page = client.get(_url("results", survey), {"view": "public"})
    html = page.content.decode()
    assert "You are seeing what the public sees." in html
    assert "=cmd" not in html
    assert ["En", "hidden", ""] in table_of(page, "#q-lang .result-table")


def test_results_downloads(client, place):  # noqa: F811
    survey, _q = make_survey(place, public=True)
    response = client.get(_url("results_csv", survey), {"by": "area"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "lang,single,En,hidden," in text and "area=North" in text
    assert "=cmd" not in text
    response = client.get(_url("results_xlsx", survey))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=1, column=1).value == "question"


def test_answers_downloads_are_for_the_team(
    client,
    place,  # noqa: F811
    team,  # noqa: F811
    stranger,
):
    survey, _q = make_survey(place, public=True)
    assert client.get(_url("answers_csv", survey)).status_code == 302  # sign in
    client.force_login(stranger)
    assert client.get(_url("answers_csv", survey)).status_code == 403
    assert client.get(_url("answers_xlsx", survey)).status_code == 403
    client.force_login(team)
    response = client.get(_url("answers_csv", survey))
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 13 and "'=cmd" in lines[2]
    response = client.get(_url("answers_xlsx", survey))
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 13


def test_moderation_without_javascript(client, dataset, team):  # noqa: F811
    survey, q = dataset
    answer = Answer.objects.get(question=q["comment"], text="=cmd")
    client.force_login(team)
    response = client.post(
        _url("answer_moderate", survey, answer.pk), {"shown": "1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == _url("results", survey)
    assert "The answer is shown in published results." in response.content.decode()
    answer.refresh_from_db()
    assert answer.moderation == "shown"


def test_moderation_with_htmx_swaps_the_item(client, dataset, team):  # noqa: F811
    survey, q = dataset
    answer = Answer.objects.get(question=q["comment"], text="More classes please")
    client.force_login(team)
    response = client.post(
        _url("answer_moderate", survey, answer.pk),
        {"shown": "0"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<li id="answer-{answer.pk}"')
    assert "moderation-hidden" in html and "<html" not in html
    answer.refresh_from_db()
    assert answer.moderation == "hidden"


def test_moderation_refused_to_others(client, dataset, stranger):  # noqa: F811
    survey, q = dataset
    answer = Answer.objects.get(question=q["comment"], text="=cmd")
    client.force_login(stranger)
    response = client.post(_url("answer_moderate", survey, answer.pk), {"shown": "1"})
    assert response.status_code == 403
    assert "moderate free text" in response.content.decode()
    answer.refresh_from_db()
    assert answer.moderation == "pending"
    client.logout()
    client.force_login(stranger)
    other = Answer.objects.filter(question=q["lang"]).first()
    assert client.get(_url("answer_moderate", survey, other.pk)).status_code == 405


def test_moderating_a_choice_answer_is_refused(client, dataset, team):  # noqa: F811
    survey, q = dataset
    other = Answer.objects.filter(question=q["lang"]).first()
    client.force_login(team)
    response = client.post(
        _url("answer_moderate", survey, other.pk), {"shown": "1"}, follow=True
    )
    assert "Only free-text answers are moderated." in response.content.decode()
    other.refresh_from_db()
    assert other.moderation == "pending"


def test_results_page_queries_bounded(
    client,
    dataset,  # noqa: F811
    team,  # noqa: F811
    django_assert_max_num_queries,
):
    survey, _q = dataset
    client.force_login(team)
    with django_assert_max_num_queries(20):
        assert client.get(_url("results", survey), {"by": "area"}).status_code == 200


def test_unknown_survey_is_404(client, db):
    assert client.get("/en/surveys/999999/results/").status_code == 404


def test_ranking_says_what_first_place_earns(client, place):  # noqa: F811
    survey, _q = make_survey(place, public=True)
    page = client.get(_url("results", survey))
    # rank_count is 3 (it read "0 points" when the template took its length).
    assert (
        "First place earns 3 points, the next one point fewer, and so on."
        in texts_of(page, "#q-issues p.muted")
    )


def test_public_results_page_queries_are_bounded(
    client,
    place,  # noqa: F811
    django_assert_max_num_queries,
):
    survey, _q = make_survey(place, public=True)
    url = _url("results", survey)
    # Three of them read the translation rows of the survey, its questions and
    # its choices (the page speaks the reader's language).
    with django_assert_max_num_queries(14):
        assert client.get(url, {"by": "area"}).status_code == 200
    # Twice the answers, the same number of queries.
    for row in Response.objects.filter(survey=survey):
        copy = Response.objects.create(survey=survey, submitted_on=row.submitted_on)
        for answer in row.answers.all():
            answer.pk = None
            answer.response = copy
            answer.save()
    with django_assert_max_num_queries(14):
        assert client.get(url, {"by": "area"}).status_code == 200
