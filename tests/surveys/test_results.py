"""Survey results on a small known dataset (numbers worked out by hand)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from convivio.core.models import Language
from convivio.core.services import territory_team_grant
from convivio.surveys import permissions as P
from convivio.surveys import results as R
from convivio.surveys.models import Answer, Choice, Question, Response, Survey
from tests.factories import UserFactory, create_translated
from tests.plans.factories import make_territory

K = Question.Kind

#: (language, area, satisfaction, needs, ranking of issues, age, comment)
ROWS = [
    ("ar", "north", 5, ["housing", "work"], ["housing", "work", "language"], 30, "More classes please"),  # noqa: E501
    ("ar", "north", 4, ["housing"], ["housing", "language", "work"], 25, "=cmd"),
    ("ar", "north", 4, ["housing", "language"], ["work", "housing", "health"], 40, ""),
    ("ar", "north", 3, ["work"], ["housing", "work", "papers"], 35, ""),
    ("ar", "north", 5, ["housing"], ["housing", "health", "work"], 22, ""),
    ("ar", "north", 2, ["language"], ["language", "housing", "work"], 50, ""),
    ("ar", "north", 4, ["housing", "health"], ["housing", "work", "language"], 28, ""),
    ("en", "north", 3, ["work"], ["work", "housing", "language"], 33, ""),
    ("en", "south", 1, ["health"], ["health", "housing", "work"], 45, ""),
    ("en", "south", 5, ["housing"], ["housing", "work", "health"], 29, ""),
    ("pt", "south", 4, ["work", "housing"], ["work", "language", "housing"], 31, "Nice"),  # noqa: E501
    ("pt", "south", 3, None, ["papers", "housing", "work"], None, ""),
]  # fmt: skip
MODERATION = {"More classes please": "shown", "=cmd": "pending", "Nice": "hidden"}
ISSUES = ["housing", "work", "language", "health", "papers"]


def _question(survey, position, name, kind, options=(), **extra) -> Question:
    question = create_translated(
        Question,
        survey=survey,
        position=position,
        name=name,
        kind=kind,
        label=name.capitalize() + "?",
        **extra,
    )
    for index, value in enumerate(options):
        create_translated(
            Choice, question=question, position=index, value=value, label=value.title()
        )
    return question


def make_survey(territory, *, status="closed", public=False, title="Needs 2026"):
    """The known dataset: 12 responses to seven questions."""
    survey = create_translated(
        Survey,
        title=title,
        original_language=Language.objects.get(code="en"),
        territory=territory,
        status=status,
        results_public=public,
    )
    q = {
        "lang": _question(survey, 1, "lang", K.SINGLE, ["ar", "en", "pt"]),
        "area": _question(survey, 2, "area", K.SINGLE, ["north", "south"]),
        "sat": _question(survey, 3, "sat", K.SCALE, scale_min=1, scale_max=5),
        "needs": _question(
            survey, 4, "needs", K.MULTIPLE, ["housing", "work", "language", "health"]
        ),
        "issues": _question(
            survey, 5, "issues", K.RANKING, ISSUES, rank_count=3, ranks_issues=True
        ),
        "age": _question(survey, 6, "age", K.NUMBER),
        "comment": _question(survey, 7, "comment", K.TEXT),
    }
    for lang, area, sat, needs, ranking, age, comment in ROWS:
        response = Response.objects.create(survey=survey, submitted_on=date(2026, 5, 4))
        Answer.objects.create(response=response, question=q["lang"], text=lang)
        Answer.objects.create(response=response, question=q["area"], text=area)
        Answer.objects.create(response=response, question=q["sat"], text=str(sat))
        if needs is not None:
            Answer.objects.create(response=response, question=q["needs"], values=needs)
        Answer.objects.create(response=response, question=q["issues"], values=ranking)
        if age is not None:
            Answer.objects.create(response=response, question=q["age"], number=age)
        if comment:
            Answer.objects.create(
                response=response,
                question=q["comment"],
                text=comment,
                moderation=MODERATION[comment],
            )
    return survey, q


@pytest.fixture
def place(db):
    return make_territory("Vale Novo")


@pytest.fixture
def team(place):
    person = UserFactory(username="officer")
    territory_team_grant(actor=None, user=person, territory=place)
    return person


@pytest.fixture
def dataset(place):
    return make_survey(place)


def _result(results, name):
    return next(r for r in results.questions if r.question.name == name)


def _rows(result):
    return {row.value: row for row in result.rows}


def test_team_sees_every_count_and_percentage(dataset):
    survey, _q = dataset
    results = R.survey_results(survey, public=False)
    assert results.responses == 12
    lang = _rows(_result(results, "lang"))
    assert {v: r.count for v, r in lang.items()} == {"ar": 7, "en": 3, "pt": 2}
    assert lang["ar"].percent == 58.3 and lang["pt"].percent == 16.7
    assert not any(r.hidden for r in lang.values())
    sat = _result(results, "sat")
    assert [(r.value, r.count) for r in sat.rows] == [
        ("1", 1),
        ("2", 1),
        ("3", 3),
        ("4", 4),
        ("5", 3),
    ]
    needs = _result(results, "needs")
    assert needs.answered == 11
    assert {v: r.count for v, r in _rows(needs).items()} == {
        "housing": 7,
        "work": 4,
        "language": 2,
        "health": 2,
    }
    assert _rows(needs)["housing"].percent == 63.6
    assert "<svg" in _result(results, "lang").chart


def test_ranking_scores_borda_points_in_order(dataset):
    survey, _q = dataset
    issues = _result(R.survey_results(survey, public=False), "issues")
    assert [(r.value, r.points, r.count, r.first) for r in issues.rows] == [
        ("housing", 29, 12, 6),
        ("work", 22, 12, 3),
        ("language", 10, 6, 1),
        ("health", 7, 4, 1),
        ("papers", 4, 2, 1),
    ]
    assert issues.rows[0].mean_rank == 1.58


def test_number_statistics(dataset):
    survey, _q = dataset
    stats = _result(R.survey_results(survey, public=False), "age").number
    assert stats.count == 11
    assert stats.mean == Decimal("33.45")
    assert stats.median == Decimal("31")
    assert (stats.minimum, stats.maximum) == (Decimal("22"), Decimal("50"))


def test_free_text_team_sees_all_public_only_shown(dataset):
    survey, _q = dataset
    team = [
        t.text for t in _result(R.survey_results(survey, public=False), "comment").texts
    ]
    assert team == ["More classes please", "=cmd", "Nice"]
    public = [
        t.text for t in _result(R.survey_results(survey, public=True), "comment").texts
    ]
    assert public == ["More classes please"]


def test_public_results_hide_small_counts(dataset):
    survey, _q = dataset
    results = R.survey_results(survey, public=True)
    lang = _rows(_result(results, "lang"))
    assert not lang["ar"].hidden and lang["ar"].count == 7
    assert lang["en"].hidden and lang["pt"].hidden
    assert lang["en"].percent is None
    assert all(row.hidden for row in _result(results, "sat").rows)
    needs = _rows(_result(results, "needs"))
    assert not needs["housing"].hidden
    assert needs["work"].hidden and needs["language"].hidden
    issues = _rows(_result(results, "issues"))
    assert issues["housing"].points == 29
    assert issues["papers"].hidden and issues["papers"].points is None
    # Fewer than five first places are not shown either.
    assert issues["work"].first is None


def test_complementary_suppression_when_one_count_alone_is_small(place):
    survey, q = make_survey(place, title="Other")
    Answer.objects.filter(question=q["lang"], text="pt").update(text="ar")
    # ar 9, en 3, pt 0: en alone is small, so the smallest count above zero
    # (ar, 9) hides too; a hidden zero beside it would leave en = 12 - 9 - 0
    # open to anyone who guesses that zeros are never small.
    rows = _rows(_result(R.survey_results(survey, public=True), "lang"))
    assert rows["en"].hidden and rows["ar"].hidden and not rows["pt"].hidden
    assert rows["pt"].count == 0


def test_question_answered_by_fewer_than_five_is_hidden(place):
    survey, q = make_survey(place)
    Answer.objects.filter(question=q["age"]).exclude(number__in=[30, 25, 40]).delete()
    public = _result(R.survey_results(survey, public=True), "age")
    assert public.hidden and public.number is None
    team = _result(R.survey_results(survey, public=False), "age")
    assert not team.hidden and team.number.count == 3


def test_crosstab_by_area(dataset):
    survey, q = dataset
    results = R.survey_results(survey, public=False, by=q["area"])
    table = _result(results, "lang").crosstab
    assert table.groups == [("north", "North"), ("south", "South")]
    assert [c.count for c in table.group_totals] == [8, 4]
    cells = {value: [c.count for c in row] for value, _label, row in table.rows}
    assert cells == {"ar": [7, 0], "en": [1, 2], "pt": [0, 2]}
    assert table.rows[0][2][0].percent == 87.5
    needs = {
        v: [c.count for c in row]
        for v, _l, row in _result(results, "needs").crosstab.rows
    }
    assert needs["housing"] == [5, 2]
    assert _result(results, "area").crosstab is None
    assert _result(results, "comment").crosstab is None
    assert _result(results, "age").crosstab is None


def test_crosstab_public_hides_small_cells_and_small_groups(dataset):
    survey, q = dataset
    results = R.survey_results(survey, public=True, by=q["area"])
    # The area's own table: south (4) is small, and north (8) hides with it,
    # else south = 12 answered - 8.  The group totals hide what it hides.
    assert [r.hidden for r in _result(results, "area").rows] == [True, True]
    table = _result(results, "lang").crosstab
    assert [c.hidden for c in table.group_totals] == [True, True]
    cells = {value: row for value, _label, row in table.rows}
    # Every cell: south is a group of 4, and a shown ar/north (7) would give
    # ar/south = 7 (ar's count, shown) - 7 = 0, a fact about those 4 people.
    assert all(cell.hidden for row in cells.values() for cell in row)
    assert all(cell.percent is None for row in cells.values() for cell in row)


def test_crosstab_only_by_single_choice_or_scale(dataset):
    survey, q = dataset
    with pytest.raises(ValidationError):
        R.survey_results(survey, public=False, by=q["needs"])
    scale = R.survey_results(survey, public=False, by=q["sat"])
    assert [g for g, _l in _result(scale, "lang").crosstab.groups] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]


def test_queries_are_bounded(place, django_assert_max_num_queries):
    survey, q = make_survey(place)
    # Two of them read the questions' and choices' translation rows.
    with django_assert_max_num_queries(10):
        R.survey_results(survey, public=True)
    with django_assert_max_num_queries(11):
        R.survey_results(survey, public=False, by=q["area"])
    # Twice the answers, the same number of queries.
    for row in Response.objects.filter(survey=survey):
        copy = Response.objects.create(survey=survey, submitted_on=row.submitted_on)
        for answer in row.answers.all():
            answer.pk = None
            answer.response = copy
            answer.save()
    with django_assert_max_num_queries(11):
        results = R.survey_results(survey, public=False, by=q["area"])
    assert results.responses == 24


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_answers_csv_one_row_per_response(dataset):
    survey, _q = dataset
    rows = _csv_rows(R.answers_csv(survey))
    assert rows[0][2:] == ["lang", "area", "sat", "needs", "issues", "age", "comment"]
    assert len(rows) == 13
    first = rows[1]
    assert first[2:] == [
        "ar",
        "north",
        "5",
        "housing; work",
        "housing > work > language",
        "30",
        "More classes please",
    ]
    # A text a spreadsheet would run as a formula is quoted.
    assert rows[2][8] == "'=cmd"
    assert rows[12][5] == "" and rows[12][7] == ""


def test_answers_xlsx(dataset):
    survey, _q = dataset
    book = load_workbook(io.BytesIO(R.answers_xlsx(survey)))
    sheet = book.active
    assert sheet.max_row == 13
    assert sheet.cell(row=3, column=9).value == "=cmd"
    assert sheet.cell(row=3, column=9).data_type == "s"


def test_published_tables_csv_and_xlsx(dataset):
    survey, q = dataset
    results = R.survey_results(survey, public=True, by=q["area"])
    rows = _csv_rows(R.results_csv(results))
    assert rows[0][:4] == ["question", "kind", "answer", "count"]
    lang = [r for r in rows if r[0] == "lang" and not r[6]]
    assert [(r[2], r[3], r[4]) for r in lang] == [
        ("Ar", "7", "58.3"),
        ("En", "hidden", ""),
        ("Pt", "hidden", ""),
    ]
    crossed = [r for r in rows if r[0] == "lang" and r[6] == "area=North"]
    assert [(r[2], r[3]) for r in crossed] == [
        ("Ar", "hidden"),
        ("En", "hidden"),
        ("Pt", "hidden"),
        ("People who answered", "hidden"),
    ]
    assert not any("=cmd" in cell for r in rows for cell in r)
    sheet = load_workbook(io.BytesIO(R.results_xlsx(results))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["age", "number", "median", "31", "", "", ""] in [
        [v if v is not None else "" for v in row] for row in values
    ]


def test_moderation_by_team_and_moderator(dataset, team, moderator, stranger):
    _survey, q = dataset
    answer = Answer.objects.get(question=q["comment"], text="=cmd")
    R.answer_moderate(user=team, answer=answer, shown=True)
    answer.refresh_from_db()
    assert answer.moderation == "shown"
    R.answer_moderate(user=moderator, answer=answer, shown=False)
    answer.refresh_from_db()
    assert answer.moderation == "hidden"
    with pytest.raises(PermissionDenied):
        R.answer_moderate(user=stranger, answer=answer, shown=True)
    answer.refresh_from_db()
    assert answer.moderation == "hidden"
    choice = Answer.objects.filter(question=q["lang"]).first()
    with pytest.raises(ValidationError):
        R.answer_moderate(user=team, answer=choice, shown=True)
    choice.refresh_from_db()
    assert choice.moderation == "pending"


def test_who_sees_all(dataset, team, moderator, stranger, admin_user):
    survey, _q = dataset
    assert P.can_see_all_answers(team, survey)
    assert P.can_see_all_answers(moderator, survey)
    assert P.can_see_all_answers(admin_user, survey)
    assert not P.can_see_all_answers(stranger, survey)
    assert not P.can_view_results(stranger, survey)
    survey.results_public = True
    assert P.can_view_results(stranger, survey)
    assert not P.can_see_all_answers(stranger, survey)
