"""The review page: how sure the parser is of each draft, what to look at first,
and the lines it could not place (with where they are and a way to add them)."""

# ruff: noqa: F811 - fixtures imported from test_services

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict

import pytest
from django.urls import reverse
from django.utils import translation

from convivio.ingest import pipeline, selectors, services
from convivio.ingest.models import Draft, IngestJob
from convivio.ingest.shapes import ParseResult, UnplacedLine
from convivio.plans.models import PlanNode

from .test_services import (  # noqa: F401 - fixtures
    PLAN_TEXT,
    fake_plan_result,
    ingest,
    valdoria,
)

# Two lines of the plan's text that no part of the fake plan covers.
EXTRA = "Mentoring by volunteers for new families\nSee the annex for the budget\n"
TEXT = PLAN_TEXT + EXTRA


def _line(text: str, value: str, guess: str) -> UnplacedLine:
    at = text.index(value)
    return UnplacedLine(value, guess, {"line": (at, at + len(value))})


def unsure_plan(text: str, **kwargs) -> ParseResult:
    """The fake plan with a doubtful measure, an objective to check, and the two
    extra lines left unplaced."""
    result = fake_plan_result(text, **kwargs)
    nodes = {n.code: n for n in result.plans[0].nodes}
    nodes["1.1.2"].confidence = 0.3
    nodes["2.1"].confidence = 0.65
    result.plans[0].indicators[0].confidence = 0.9
    result.unplaced = [
        _line(text, "Mentoring by volunteers for new families", "measure"),
        _line(text, "See the annex for the budget", ""),
    ]
    return result


@pytest.fixture
def unsure_job(user, valdoria, monkeypatch, django_capture_on_commit_callbacks):
    # The job's own run stores the unplaced lines (tasks._job_work).
    monkeypatch.setattr(pipeline, "run", unsure_plan)
    job = ingest(user, TEXT, capture=django_capture_on_commit_callbacks)
    stored = [asdict(line) for line in unsure_plan(TEXT).unplaced]
    assert job.unplaced == json.loads(json.dumps(stored))
    return job


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def _page(client, job, **params) -> str:
    response = client.get(reverse("ingest:review", args=[job.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------------- levels


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (1.0, "sure"),
        (selectors.CONFIDENCE_SURE, "sure"),
        (selectors.CONFIDENCE_SURE - 0.01, "check"),
        (selectors.CONFIDENCE_DOUBTFUL, "check"),
        (selectors.CONFIDENCE_DOUBTFUL - 0.01, "doubtful"),
        (0, "doubtful"),
        ("0.9", "sure"),
        (7, "sure"),  # out of range: clamped
    ],
)
def test_confidence_levels(value, level):
    assert selectors.confidence(value).level == level


@pytest.mark.parametrize("value", [None, "", "high", math.nan, math.inf, True, [1]])
def test_no_confidence_when_there_is_no_number(value):
    assert selectors.confidence(value) is None


# ------------------------------------------------------------------ confidence


def test_the_confidence_of_each_part_is_stored_with_the_drafts(unsure_job):
    data = unsure_job.drafts.get().data
    by_code = {n["code"]: n["confidence"] for n in data["nodes"]}
    assert by_code["1.1.2"] == 0.3 and by_code["2.1"] == 0.65 and by_code["1"] == 1.0
    assert data["indicators"][0]["confidence"] == 0.9


def test_review_page_marks_low_confidence_and_lists_it_first(signed_in, unsure_job):
    draft = unsure_job.drafts.get()
    html = _page(signed_in, unsure_job)
    # The plan is as sure as its least sure part, and says how many to check.
    header = html[html.index(f'id="draft-{draft.pk}"') :]
    header = header[: header.index("</header>")]
    assert "draft-flagged" in html
    assert "confidence-doubtful" in header and "30%" in header
    assert "2 parts to check" in header
    # The list at the top: the doubtful measure first, then the objective.
    checks = html[html.index("Look at these first") : html.index('id="unplaced"')]
    doubtful = checks.index("Train the staff of public counters")
    check = checks.index("Open the door to employment")
    assert doubtful < check
    assert "Career guidance" not in checks  # sure: not listed
    assert "people served at the desk" not in checks  # 0.9: sure
    # Each links to its row in the tree, which is marked, and to the text.
    rows = {n["code"]: i for i, n in enumerate(draft.data["nodes"])}
    row = f"d{draft.pk}-n{rows['1.1.2']}-row"
    assert f'href="#{row}"' in checks
    assert f'href="#d{draft.pk}-n{rows["1.1.2"]}"' in checks
    tree_row = html[html.index(f'id="{row}"') - 120 : html.index(f'id="{row}"')]
    assert "flagged" in tree_row
    assert 'title="The reader is 30% sure of this."' in html


def test_a_draft_without_confidence_shows_no_level(
    signed_in, user, valdoria, monkeypatch, django_capture_on_commit_callbacks
):
    """Drafts stored before the parsers gave a confidence (no key at all)."""
    monkeypatch.setattr(pipeline, "run", fake_plan_result)
    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    draft = job.drafts.get()
    for part in draft.data["nodes"] + draft.data["indicators"]:
        part.pop("confidence")
    draft.save()
    html = _page(signed_in, job)
    assert 'class="confidence ' not in html
    assert "Look at these first" not in html


# -------------------------------------------------------------- unplaced lines


def test_review_page_lists_the_lines_that_could_not_be_placed(signed_in, unsure_job):
    html = _page(signed_in, unsure_job)
    section = html[html.index('id="unplaced"') :]
    section = section[: section.index("</section>")]
    assert "Lines that could not be placed" in section and "(2)" in section
    assert "Mentoring by volunteers for new families" in section
    assert "the reader's guess: measure or action" in section
    # Where each line is: its line number, linked to its anchor in the text.
    number = TEXT[: TEXT.index("Mentoring")].count("\n") + 1
    assert f'<a href="#u0">line {number} in the text</a>' in section
    assert f'<a href="#u1">line {number + 1} in the text</a>' in section
    # The line is marked in the text, where the link leads.
    mark = re.search(r'<mark id="u0" class="([^"]*)">([^<]*)</mark>', html)
    assert mark is not None and "hl-unplaced" in mark.group(1).split()
    assert mark.group(2) == "Mentoring by volunteers for new families"
    # A line with no guess says none.
    second = section[section.index('id="unplaced-1"') :]
    assert "guess" not in second[: second.index("</li>")]


def test_an_unplaced_line_on_another_part_of_the_text_links_there(
    signed_in, unsure_job, monkeypatch
):
    monkeypatch.setattr(selectors, "REVIEW_PAGE_CHARS", 200)
    html = _page(signed_in, unsure_job)
    found = re.search(r'href="\?page=(\d+)#u0"', html)
    assert found is not None and found.group(1) != "1"
    assert 'id="u0"' not in html  # not on this part
    page = found.group(1)
    assert 'id="u0"' in _page(signed_in, unsure_job, page=page)


def test_hostile_text_in_an_unplaced_line_is_escaped(signed_in, unsure_job):
    unsure_job.unplaced = [
        {
            "text": '<script>alert("x")</script>',
            "guess": "<img src=x onerror=alert(1)>",
            "spans": {"line": ["a", None]},
        },
        {"text": "no spans", "guess": "measure", "spans": None},
        "not a line at all",
    ]
    unsure_job.save()
    html = _page(signed_in, unsure_job)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # Spans that are not offsets give no link (and no crash).
    section = html[html.index('id="unplaced"') :].split("</section>")[0]
    assert 'href="#u' not in section and "no spans" in section


def test_the_review_page_in_arabic_is_right_to_left_with_the_levels(
    signed_in, unsure_job
):
    with translation.override("ar"):
        url = reverse("ingest:review", args=[unsure_job.pk])
    assert url.startswith("/ar/")
    html = signed_in.get(url).content.decode()
    assert 'dir="rtl"' in html
    assert "confidence-doubtful" in html and 'id="unplaced"' in html
    assert "أسطر تعذَّر تحديد موضعها" in html
    assert "Lines that could not be placed" not in html
    # The boxes hold the document's words: each takes its own text's direction.
    boxes = re.findall(
        r'<input type="text" name="d\d+-(?:title|organisation_name)"[^>]*>', html
    )
    assert boxes and all('dir="auto"' in tag for tag in boxes)


# ------------------------------------------------------- adding a line to a draft


def test_add_an_unplaced_line_as_a_measure_under_an_objective(
    signed_in, user, unsure_job
):
    draft = unsure_job.drafts.get()
    codes = [n["code"] for n in draft.data["nodes"]]
    html = _page(signed_in, unsure_job)
    under = f"{draft.pk}:{codes.index('1.1')}"
    assert f'<option value="{under}">1.1 Make the first months easier</option>' in html
    # Measures are not offered as a parent.
    assert f'value="{draft.pk}:{codes.index("1.1.1")}"' not in html
    url = reverse("ingest:unplaced_place", args=[unsure_job.pk, 0])
    response = signed_in.post(url, {"under": under})
    assert response.status_code == 302
    draft.refresh_from_db()
    nodes = draft.data["nodes"]
    # After the objective's own measures, before the next area.
    added = nodes[codes.index("1.1.2") + 1]
    assert added["title"] == "Mentoring by volunteers for new families"
    assert (added["kind"], added["parent"], added["confidence"]) == (
        "measure",
        "1.1",
        1,
    )
    start = TEXT.index("Mentoring")
    assert added["spans"]["title"] == [start, start + len(added["title"])]
    unsure_job.refresh_from_db()
    assert unsure_job.unplaced[0]["placed"] == draft.pk
    page = _page(signed_in, unsure_job)
    assert "added to a draft" in page
    # Once placed, not again.
    assert signed_in.post(url, {"under": under}, follow=True).status_code == 200
    draft.refresh_from_db()
    assert len(draft.data["nodes"]) == len(nodes)
    # Accepting the plan makes the measure under its objective.
    plan = services.draft_accept(user=user, draft=draft)
    measure = plan.nodes.get(translations__title=added["title"])
    assert measure.kind == PlanNode.Kind.MEASURE and measure.parent.code == "1.1"


def test_adding_a_line_refuses_what_does_not_fit(
    signed_in, client, stranger, moderator, unsure_job
):
    draft = unsure_job.drafts.get()
    url = reverse("ingest:unplaced_place", args=[unsure_job.pk, 1])
    codes = [n["code"] for n in draft.data["nodes"]]
    measure = f"{draft.pk}:{codes.index('1.1.1')}"
    for under in ["", "x", f"{draft.pk}:999", measure, f"{draft.pk + 1}:0"]:
        response = signed_in.post(url, {"under": under}, follow=True)
        assert response.status_code == 200
    missing = reverse("ingest:unplaced_place", args=[unsure_job.pk, 9])
    signed_in.post(missing, {"under": f"{draft.pk}:0"})
    draft.refresh_from_db()
    assert len(draft.data["nodes"]) == len(codes)
    # Someone else's job is not disclosed; a moderator may place lines.
    client.force_login(stranger)
    assert client.post(url, {"under": f"{draft.pk}:0"}).status_code == 404
    client.force_login(moderator)
    assert client.post(url, {"under": f"{draft.pk}:0"}).status_code == 302
    draft.refresh_from_db()
    assert len(draft.data["nodes"]) == len(codes) + 1
    # Not into an accepted draft.
    Draft.objects.filter(pk=draft.pk).update(status=Draft.Status.REJECTED)
    unsure_job.refresh_from_db()
    with pytest.raises(services.ValidationError):
        services.unplaced_line_place(
            user=moderator, job=unsure_job, index=0, draft=draft, parent=0
        )


# ---------------------------------------------------------------------- queries


#: The review page's queries, whatever the number of drafts, parts and lines
#: (session, user, job, drafts, the forms' lists and matches, permissions).
REVIEW_QUERIES = 18


def test_review_page_queries_are_bounded_with_many_drafts_and_lines(
    signed_in, unsure_job, django_assert_max_num_queries
):
    def practice(position: int) -> Draft:
        return Draft.objects.create(
            job=unsure_job,
            kind="practice",
            position=position,
            title=f"Pratica {position}",
            data={
                "title": f"Pratica {position}",
                "organisation": "Asociación Puentes del Sur",
                "confidence": 0.4,
                "spans": {"title": [0, 5]},
            },
        )

    # Few: the plan and one practice (each kind costs its forms' lists once).
    practice(0)
    _page(signed_in, unsure_job)  # fills what every page keeps
    with django_assert_max_num_queries(REVIEW_QUERIES) as few:
        _page(signed_in, unsure_job)
    for position in range(1, 30):
        practice(position)
    start = TEXT.index("Mentoring")
    unsure_job.unplaced = [
        {"text": f"line {i}", "guess": "measure", "spans": {"line": [start, start + 9]}}
        for i in range(300)
    ]
    unsure_job.save()
    with django_assert_max_num_queries(REVIEW_QUERIES) as many:
        html = _page(signed_in, unsure_job)
    assert len(many) == len(few)
    # Only the first lines are listed, and so many forms to place them.
    assert "And 100 more lines, not listed here." in html
    assert html.count('class="unplaced-place"') == selectors.UNPLACED_FORMS
    # 2 parts of the plan and 30 practices to check: the 30 least sure listed.
    assert "And 2 more parts, marked in their drafts." in html


def test_reading_again_forgets_the_old_reading_s_unplaced_lines(
    user, unsure_job, django_capture_on_commit_callbacks
):
    assert len(unsure_job.unplaced) == 2
    with django_capture_on_commit_callbacks(execute=False):
        services.job_rerun(user=user, job=unsure_job, genre="practice_collection")
    unsure_job.refresh_from_db()
    assert unsure_job.status == IngestJob.Status.QUEUED
    assert unsure_job.unplaced == []
