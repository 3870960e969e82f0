"""The most relevant issues of a place, from ranking questions that rank issues."""

from __future__ import annotations

from django.urls import reverse

from convivio.surveys.models import Answer, Question
from convivio.surveys.results import place_issues
from tests.html import texts_of
from tests.plans.factories import make_territory

from .test_results import make_survey, place, team  # noqa: F401


def _order(issues):
    return [(i.value, i.points, i.mentions, i.rank) for i in issues]


def test_issues_ordered_by_points(place):  # noqa: F811
    make_survey(place)
    issues = place_issues(place, public=False)
    assert _order(issues) == [
        ("housing", 29, 12, 1),
        ("work", 22, 12, 2),
        ("language", 10, 6, 3),
        ("health", 7, 4, 4),
        ("papers", 4, 2, 5),
    ]
    assert [i.top for i in issues] == [True, True, True, False, False]
    assert issues[0].label == "Housing" and issues[0].first == 6


def test_surveys_add_up_drafts_and_other_places_do_not(place):  # noqa: F811
    make_survey(place)
    _second, q = make_survey(place, title="Second round")
    # In the second round everyone puts language first: it overtakes work.
    for answer in Answer.objects.filter(question=q["issues"]):
        answer.values = ["language", "housing", "work"]
        answer.save()
    make_survey(place, status="draft", title="Draft")
    make_survey(make_territory("Ribeira Alta"), title="Elsewhere")
    issues = place_issues(place, public=False)
    assert [(i.value, i.points) for i in issues[:3]] == [
        ("housing", 29 + 24),
        ("language", 10 + 36),
        ("work", 22 + 12),
    ]


def test_questions_not_marked_as_issues_do_not_count(place):  # noqa: F811
    make_survey(place)
    Question.objects.filter(name="issues").update(ranks_issues=False)
    assert place_issues(place) == []


def test_public_hides_small_counts_but_keeps_order(place):  # noqa: F811
    make_survey(place)
    issues = place_issues(place)
    assert [i.value for i in issues] == [
        "housing",
        "work",
        "language",
        "health",
        "papers",
    ]
    assert [i.hidden for i in issues] == [False, False, False, True, True]


def test_issues_page_highlights_top_three(client, place):  # noqa: F811
    make_survey(place)
    url = reverse("surveys:place_issues", args=[place.pk])
    assert url == f"/en/surveys/places/{place.pk}/issues/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    top = html.split('class="top-issues"')[1].split("</ol>")[0]
    assert top.count('class="top-issue card"') == 3
    assert "Housing" in top and "Work" in top and "Language" in top
    assert "Health" not in top
    assert "29 points" in top
    # health (4 people) and papers (2) are small: hidden alike.
    assert texts_of(page, ".other-issues li") == ["Health (hidden)", "Papers (hidden)"]


def test_issues_page_team_sees_small_counts(client, place, team):  # noqa: F811
    make_survey(place)
    client.force_login(team)
    page = client.get(reverse("surveys:place_issues", args=[place.pk]))
    assert texts_of(page, ".other-issues li") == [
        "Health (7 points)",
        "Papers (4 points)",
    ]


def test_issues_page_empty_and_unknown_place(client, place):  # noqa: F811
    page = client.get(reverse("surveys:place_issues", args=[place.pk]))
    assert page.status_code == 200
    assert "No needs assessment of this place has ranked its issues yet." in (
        page.content.decode()
    )
    assert client.get("/en/surveys/places/999999/issues/").status_code == 404
