"""XLSForm export and import: round trip, pyxform accepts the export, bad forms."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from convivio.core.services import territory_team_grant
from convivio.surveys import services, xlsform
from convivio.surveys.models import Question, Survey
from convivio.surveys.services import QuestionData, SurveyData
from tests.factories import UserFactory
from tests.plans.factories import make_territory


@pytest.fixture
def territory(db):
    return make_territory("Vale Novo")


@pytest.fixture
def team(territory):
    person = UserFactory(username="officer")
    territory_team_grant(actor=None, user=person, territory=territory)
    return person


@pytest.fixture
def survey(team, territory) -> Survey:
    s = services.survey_create(
        user=team,
        data=SurveyData(title="Needs of newcomers", territory=territory, language="en"),
    )

    def add(**kw):
        return services.question_add(user=team, survey=s, data=QuestionData(**kw))

    lang = add(
        kind="single",
        name="lang",
        label="Language at home",
        required=True,
        choices=[("ar", "Arabic"), ("uk", "Ukrainian"), ("other", "Other")],
    )
    add(
        kind="text",
        name="lang_other",
        label="Which other language?",
        condition_question=lang,
        condition_value="other",
    )
    help_ = add(
        kind="multiple",
        name="help",
        label="Help you looked for",
        help_text="All that apply",
        choices=[("health", "Health"), ("housing", "Housing")],
    )
    add(
        kind="number",
        name="children",
        label="Children",
        condition_question=help_,
        condition_value="housing",
    )
    add(kind="scale", name="ease", label="How easy?", scale_min=0, scale_max=10)
    add(
        kind="ranking",
        name="issues",
        label="Most relevant issues",
        rank_count=2,
        ranks_issues=False,
        choices=[("jobs", "Jobs"), ("school", "School"), ("papers", "Papers")],
    )
    return s


def describe(survey: Survey) -> list[tuple]:
    return [
        (
            q.name,
            q.kind,
            q.original_translation().label,
            q.original_translation().help_text,
            q.required,
            q.scale_min,
            q.scale_max,
            q.rank_count,
            q.condition_question.name if q.condition_question else None,
            q.condition_value,
            [(c.value, str(c)) for c in q.choices.all()],
        )
        for q in survey.questions.order_by("position")
    ]


def test_export_has_the_xlsform_sheets(survey):
    book = load_workbook(BytesIO(xlsform.export_survey(survey)))
    assert book.sheetnames == ["survey", "choices", "settings"]
    rows = list(book["survey"].iter_rows(values_only=True))
    types = {r[1]: r[0] for r in rows[1:]}
    assert types == {
        "lang": "select_one lang",
        "lang_other": "text",
        "help": "select_multiple help",
        "children": "decimal",
        "ease": "range",
        "issues": "rank issues",
    }
    relevant = {r[1]: r[5] for r in rows[1:]}
    assert relevant["lang_other"] == "${lang} = 'other'"
    assert relevant["children"] == "selected(${help}, 'housing')"
    params = {r[1]: r[6] for r in rows[1:]}
    assert params["ease"] == "start=0 end=10 step=1"
    settings = list(book["settings"].iter_rows(values_only=True))
    assert settings[1][1] == "needs-of-newcomers"


def test_pyxform_converts_the_export(survey):
    result = convert(xlsform=BytesIO(xlsform.export_survey(survey)), file_type=".xlsx")
    assert "<h:title>Needs of newcomers</h:title>" in result.xform
    assert "odk:rank" in result.xform or "rank" in result.xform


def test_round_trip(survey, team, territory):
    data = xlsform.export_survey(survey)
    copy = xlsform.import_survey(user=team, territory=territory, upload=data)
    assert copy.pk != survey.pk and copy.status == Survey.Status.DRAFT
    assert str(copy) == str(survey) and copy.form_id == survey.form_id
    assert describe(copy) == describe(survey)
    # The same sheets, cell for cell (not the same bytes: the zip and the
    # workbook's properties carry the time they were written).
    assert _cells(xlsform.export_survey(copy)) == _cells(xlsform.export_survey(survey))


def _cells(data: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def sheet(rows: list[list], choices: list[list] | None = None) -> bytes:
    book = Workbook()
    s = book.active
    s.title = "survey"
    for row in rows:
        s.append(row)
    if choices is not None:
        c = book.create_sheet("choices")
        for row in choices:
            c.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_kobo_style_form_with_groups_notes_and_translated_labels(team, territory):
    data = sheet(
        [
            ["type", "name", "label::English (en)", "required", "relevant"],
            ["start", "start", "", "", ""],
            ["begin_group", "g1", "About you", "", ""],
            ["select_one yn", "works", "Do you work?", "true", ""],
            ["integer", "hours", "Hours a week", "", "${works} = 'yes'"],
            ["end_group", "", "", "", ""],
            ["note", "bye", "Thank you", "", ""],
        ],
        [
            ["list_name", "name", "label::English (en)"],
            ["yn", "yes", "Yes"],
            ["yn", "no", "No"],
        ],
    )
    survey = xlsform.import_survey(user=team, territory=territory, upload=data)
    assert [(q.name, q.kind, q.required) for q in survey.questions.all()] == [
        ("works", "single", True),
        ("hours", "number", False),
    ]
    hours = survey.questions.get(name="hours")
    assert hours.condition_question.name == "works" and hours.condition_value == "yes"


def test_bad_form_lists_every_problem_and_saves_nothing(team, territory):
    data = sheet(
        [
            ["type", "name", "label"],
            ["select_one colours", "colour", "Favourite colour"],
            ["geopoint", "where", "Where are you?"],
            ["text", "nolabel", ""],
            ["integer", "", "No name"],
            [
                "text",
                "cond",
                "Conditional",
            ],
            ["text", "colour", "Twice"],
        ],
        [["list_name", "name", "label"]],
    )
    with pytest.raises(ValidationError) as info:
        xlsform.import_survey(user=team, territory=territory, upload=data)
    messages = info.value.messages
    assert "survey, row 2: the choice list “colours” is missing." in messages
    assert "survey, row 3: the type “geopoint” is not supported." in messages
    assert "survey, row 4: the question has no label." in messages
    assert "survey, row 5: the question has no name." in messages
    assert "survey, row 7: the name “colour” is used twice." in messages
    assert not Survey.objects.exists() and not Question.objects.exists()


def test_unsupported_condition_and_not_a_spreadsheet(team, territory):
    data = sheet(
        [
            ["type", "name", "label", "relevant"],
            ["integer", "age", "Age", ""],
            ["text", "why", "Why?", "${age} > 18"],
        ],
    )
    with pytest.raises(ValidationError, match="row 3: the condition"):
        xlsform.import_survey(user=team, territory=territory, upload=data)
    with pytest.raises(ValidationError, match="not an XLSForm"):
        xlsform.import_survey(user=team, territory=territory, upload=b"hello")
    with pytest.raises(ValidationError, match="no “survey” sheet"):
        book = Workbook()
        out = BytesIO()
        book.save(out)
        xlsform.import_survey(user=team, territory=territory, upload=out.getvalue())
    assert not Survey.objects.exists()


def test_import_refused_to_other_team(territory):
    other = UserFactory(username="other")
    territory_team_grant(actor=None, user=other, territory=make_territory("Ribeira"))
    with pytest.raises(PermissionDenied):
        xlsform.import_survey(
            user=other, territory=territory, upload=sheet([["type", "name", "label"]])
        )


def test_pages_export_and_import(client, team, survey, territory):
    client.force_login(team)
    exported = client.get(reverse("surveys:xlsform", args=[survey.pk]))
    assert exported.status_code == 200
    assert exported["Content-Disposition"].endswith('needs-of-newcomers.xlsx"')
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile(
        "bad.xlsx", sheet([["type", "name", "label"], ["geopoint", "g", "Where"]])
    )
    response = client.post(
        reverse("surveys:import"), {"territory": territory.pk, "upload": bad}
    )
    assert response.status_code == 400
    assert "row 2: the type “geopoint” is not supported" in response.content.decode()
    good = SimpleUploadedFile("good.xlsx", exported.content)
    response = client.post(
        reverse("surveys:import"), {"territory": territory.pk, "upload": good}
    )
    assert response.status_code == 302
    assert Survey.objects.count() == 2
