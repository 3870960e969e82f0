"""Surveys in the browser, JavaScript on.

A territory officer builds a survey of their municipality (a single-choice
question and a ranking of the place's issues) and opens it; two people answer it
anonymously, one after forgetting a required question (a clear message, nothing
saved); the officer reads the counts on the results page and the ranked issues
on the diagnosis page of the place.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import Locator, Page, expect

from convivio.core.services import territory_team_grant
from convivio.surveys.models import Question, Response, Survey
from tests.factories import UserFactory
from tests.plans.factories import make_territory

from .helpers import field, htmx_settled

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery"  # what UserFactory gives everybody
TITLE = "What Vale Verde needs, 2026"
SINCE = "How long have you lived in Vale Verde?"
ISSUES = "Which issues matter most to you here?"


@pytest.fixture
def people(reference_data) -> SimpleNamespace:
    territory = make_territory("Vale Verde")
    officer = UserFactory(username="officer")
    territory_team_grant(actor=None, user=officer, territory=territory)
    return SimpleNamespace(territory=territory, officer=officer)


def question_row(page: Page, label: str) -> Locator:
    return page.locator("section.question-row").filter(
        has=page.get_by_role("heading", name=re.compile(re.escape(label)))
    )


def add_question(page: Page, kind: str, label: str, choices: list[str], **extra):
    form = page.locator("#add-question form")
    field(form, "Kind").select_option(label=kind)
    field(form, "Question").fill(label)
    if extra.get("required"):
        form.get_by_label("An answer is required").check()
    if extra.get("rank_count"):
        field(form, "How many to rank").fill(str(extra["rank_count"]))
    if extra.get("ranks_issues"):
        form.get_by_label("Its answers rank the place's most relevant issues").check()
    field(form, "Choices, one per line").fill("\n".join(choices))
    with htmx_settled(page):
        form.get_by_role("button", name="Add the question").click()
    expect(page.locator("#builder .messages")).to_contain_text("Question added.")
    row = question_row(page, label)
    expect(row.locator(".choice-list li")).to_have_count(len(choices))
    return row


def respond(new_page, url: str, since: str | None, issues: list[str]) -> Page:
    page = new_page()  # a fresh browser context: nobody signed in, no cookies
    page.goto(url)
    expect(page.locator("main h1")).to_have_text(TITLE)
    if since:
        page.get_by_role("group", name=SINCE).get_by_role("radio", name=since).check()
    ranking = page.get_by_role("group", name=ISSUES)
    for rank, issue in enumerate(issues, start=1):
        ranking.get_by_label(f"Number {rank}").select_option(label=issue)
    page.get_by_role("button", name="Send my answers").click()
    return page


def test_officer_builds_public_answers_officer_reads_results_and_diagnosis(
    live_server, people, new_page, sign_in
):
    base = live_server.url

    # The officer creates the survey for their municipality.
    officer = new_page()
    sign_in(officer, "officer", PASSWORD)
    officer.goto(f"{base}/en/surveys/new/")
    expect(officer.locator("main h1")).to_have_text("New survey")
    field(officer, "Title").fill(TITLE)
    field(officer, "Place").select_option(label="Vale Verde")
    officer.get_by_role("radio", name=re.compile(r"^anyone", re.I)).check()
    officer.get_by_role("button", name="Create the survey").click()
    expect(officer.locator(".messages")).to_contain_text(
        "The survey was created as a draft."
    )
    expect(officer).to_have_url(re.compile(r"/surveys/\d+/edit/$"))
    survey = Survey.objects.get(translations__title=TITLE)
    assert survey.territory == people.territory
    expect(officer.locator("#builder")).to_contain_text("No questions yet")

    # A required single choice with three choices; a ranking of the place's issues.
    since = add_question(
        officer,
        "single choice",
        SINCE,
        ["Less than a year", "One to five years", "More than five years"],
        required=True,
    )
    expect(since.locator(".meta")).to_contain_text("required")
    issues = add_question(
        officer,
        "ranking",
        ISSUES,
        ["housing | Housing", "employment | Work", "health | Health", "Language"],
        required=True,
        rank_count=2,
        ranks_issues=True,
    )
    expect(issues.locator(".meta")).to_contain_text("rank 2")
    ranking = Question.objects.get(survey=survey, kind=Question.Kind.RANKING)
    assert ranking.ranks_issues and ranking.rank_count == 2

    with htmx_settled(officer):
        officer.get_by_role("button", name="Open for answers").click()
    expect(officer.locator("#builder .messages")).to_contain_text(
        "The survey is open for answers."
    )
    expect(officer.get_by_role("link", name="Open the form")).to_be_visible()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN

    # A first person forgets the required question: told which, nothing saved,
    # and the ranking they chose is kept.
    url = f"{base}/en/surveys/{survey.pk}/"
    first = respond(new_page, url, None, ["Housing", "Work"])
    alert = first.get_by_role("alert")
    expect(alert).to_contain_text("Some answers need your attention:")
    expect(
        alert.get_by_role("link", name=f"“{SINCE}” needs an answer.")
    ).to_be_visible()
    expect(
        first.locator(
            f"#q-{Question.objects.get(translations__label=SINCE).name} .error"
        )
    ).to_be_visible()
    assert not Response.objects.filter(survey=survey).exists()
    expect(
        first.get_by_role("group", name=ISSUES).get_by_label("Number 1")
    ).to_have_value("housing")
    first.get_by_role("group", name=SINCE).get_by_role(
        "radio", name="One to five years"
    ).check()
    first.get_by_role("button", name="Send my answers").click()
    expect(first.locator("main h1")).to_have_text("Thank you")

    # A second person, in another browser.
    second = respond(new_page, url, "Less than a year", ["Housing", "Health"])
    expect(second.locator("main h1")).to_have_text("Thank you")
    assert Response.objects.filter(survey=survey).count() == 2

    # The officer's results page: every count (team view).
    officer.goto(f"{base}/en/surveys/{survey.pk}/results/")
    expect(officer.locator("main h1")).to_have_text(f"Results: {TITLE}")
    expect(officer.locator("main .meta").first).to_contain_text("2 responses")
    expect(officer.locator(".team-tools")).to_contain_text(
        "These results are not published"
    )
    card = officer.locator("section.question-result").filter(
        has=officer.get_by_role("heading", name=SINCE)
    )
    table = card.locator("table.result-table")
    expect(
        table.get_by_role("row", name=re.compile(r"^Less than a year 1 "))
    ).to_be_visible()
    expect(
        table.get_by_role("row", name=re.compile(r"^One to five years 1 "))
    ).to_be_visible()
    expect(
        table.get_by_role("row", name=re.compile(r"^More than five years 0 "))
    ).to_be_visible()
    card = officer.locator("section.question-result").filter(
        has=officer.get_by_role("heading", name=ISSUES)
    )
    # Housing first twice: 2 + 2 points, placed first by 2, by 2 people.
    expect(
        card.get_by_role("row", name=re.compile(r"^Housing 4 2 1(\.0)? 2 "))
    ).to_be_visible()

    # The diagnosis page of the place ranks housing first among the issues.
    officer.goto(f"{base}/en/diagnosis/{people.territory.pk}/")
    needs = officer.locator("#needs")
    expect(
        needs.get_by_role("heading", name="The issues people ranked in surveys")
    ).to_be_visible()
    rows = needs.locator("table").first.locator("tbody tr")
    expect(rows.first).to_contain_text("Housing")
    expect(rows.first.locator("td").first).to_have_text("1")
    expect(needs.locator("table").first).to_contain_text("Work")
    expect(needs.locator("table").first).to_contain_text("Health")
