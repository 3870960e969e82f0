"""Surveys in several languages: the respondent chooses, the results pool the
answers of every language, XLSForm carries every language's labels."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from convivio.core.services import territory_team_grant
from convivio.core.translation import Status, row_status, save_translation
from convivio.surveys import results as R
from convivio.surveys import selectors, services, xlsform
from convivio.surveys.models import Choice, Question, Response, Survey
from convivio.surveys.services import QuestionData, SurveyData
from tests.factories import UserFactory
from tests.html import soup_of, text_of, texts_of
from tests.plans.factories import make_territory

pytestmark = pytest.mark.django_db


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
    """An English survey translated into Portuguese, one question left untranslated."""
    s = services.survey_create(
        user=team,
        data=SurveyData(title="Housing needs", territory=territory, language="en"),
    )
    housing = services.question_add(
        user=team,
        survey=s,
        data=QuestionData(
            kind="single",
            name="housing",
            label="Do you have a stable home?",
            help_text="A home you can stay in for a year.",
            required=True,
            choices=[("yes", "Yes"), ("no", "No")],
        ),
    )
    services.question_add(
        user=team,
        survey=s,
        data=QuestionData(kind="text", name="comment", label="Anything else?"),
    )
    save_translation(
        s, "pt", {"title": "Necessidades de habitação", "introduction": ""}, user=team
    )
    save_translation(
        housing,
        "pt",
        {
            "label": "Tem uma casa estável?",
            "help_text": "Uma casa onde pode ficar um ano.",
        },
        user=team,
    )
    choices = housing.choices.order_by("position")
    for choice, label in zip(choices, ["Sim", "Não"], strict=True):
        save_translation(choice, "pt", {"label": label}, user=team)
    return s


def _open(survey: Survey, team) -> Survey:
    return services.survey_open(user=team, survey=survey)


# -- the respondent chooses ------------------------------------------------------------


def test_the_page_shows_the_original_and_links_to_the_other_language(
    client, survey, team
):
    _open(survey, team)
    page = client.get(f"/en/surveys/{survey.pk}/")
    assert text_of(page, "h1") == "Housing needs"
    legend = text_of(page, "#q-housing legend > span:first-child")
    assert legend == "Do you have a stable home?"
    chooser = soup_of(page).select(".survey-languages a")
    assert [(a["hreflang"], a["href"]) for a in chooser] == [("pt", "?lang=pt")]
    note = soup_of(page).select(".translation-note a[hreflang]")
    assert [(a["hreflang"], a["href"]) for a in note] == [("pt", "?lang=pt")]


def test_the_respondent_chooses_portuguese(client, survey, team):
    _open(survey, team)
    page = client.get(f"/en/surveys/{survey.pk}/?lang=pt")
    soup = soup_of(page)
    assert text_of(page, "h1") == "Necessidades de habitação"
    assert soup.select_one("h1")["lang"] == "pt"
    legend = soup.select_one("#q-housing legend > span:first-child")
    assert (legend.get_text(strip=True), legend["lang"]) == (
        "Tem uma casa estável?",
        "pt",
    )
    assert text_of(page, "#q-housing .help") == "Uma casa onde pode ficar um ano."
    assert texts_of(page, "#q-housing label.option span") == ["Sim", "Não"]
    # Not translated: shown in the original, with its own lang attribute
    # (none here: the page itself is English).
    comment = soup.select_one("#q-comment legend span")
    assert comment.get_text(strip=True) == "Anything else?"
    assert not comment.has_attr("lang")
    # The form keeps the choice for the answer.
    assert soup.select_one("input[name=lang]")["value"] == "pt"


def test_the_interface_language_is_the_default_when_the_survey_has_it(
    client, survey, team
):
    _open(survey, team)
    page = client.get(f"/pt/surveys/{survey.pk}/")
    assert text_of(page, "h1") == "Necessidades de habitação"
    # A language the survey does not have: the original.
    page = client.get(f"/es/surveys/{survey.pk}/")
    assert text_of(page, "h1") == "Housing needs"
    assert soup_of(page).select_one("h1")["lang"] == "en"


def test_an_answer_records_its_language_and_choice_value(client, survey, team):
    _open(survey, team)
    response = client.post(
        f"/en/surveys/{survey.pk}/", {"lang": "pt", "q_housing": "no"}
    )
    assert response.status_code == 302
    saved = Response.objects.get(survey=survey)
    assert saved.language_id == "pt"
    assert saved.answers.get(question__name="housing").text == "no"


def test_errors_name_the_question_in_the_chosen_language(client, survey, team):
    _open(survey, team)
    page = client.post(f"/en/surveys/{survey.pk}/", {"lang": "pt"})
    assert page.status_code == 400
    assert "Tem uma casa estável?" in text_of(page, ".form-errors")


def test_a_language_the_survey_lacks_is_not_recorded(survey, team):
    _open(survey, team)
    saved = services.answer_submit(
        survey=survey, answers={"housing": "yes"}, language="ar"
    )
    assert saved.language_id is None


# -- results pool across languages -----------------------------------------------------

#: (language, answer to "housing") for twelve people.
ANSWERS = [("en", "yes")] * 4 + [("en", "no")] * 3 + [("pt", "yes")] * 3
ANSWERS += [("pt", "no")] * 2


@pytest.fixture
def answered(survey, team) -> Survey:
    _open(survey, team)
    for language, value in ANSWERS:
        services.answer_submit(
            survey=survey, answers={"housing": value}, language=language
        )
    services.survey_close(user=team, survey=survey)
    survey.results_public = True
    survey.save(update_fields=["results_public"])
    return survey


def test_results_count_every_language_together(answered):
    results = R.survey_results(answered, public=False)
    housing = next(r for r in results.questions if r.question.name == "housing")
    # English 4 yes + 3 no, Portuguese 3 yes + 2 no.
    assert {row.value: row.count for row in housing.rows} == {"yes": 7, "no": 5}
    assert housing.answered == 12
    assert [(lang.code, lang.count) for lang in results.languages] == [
        ("en", 7),
        ("pt", 5),
    ]


def test_the_results_page_in_portuguese_pools_and_says_how_many_per_language(
    client, answered
):
    page = client.get(f"/pt/surveys/{answered.pk}/results/")
    assert page.status_code == 200
    assert text_of(page, "#q-housing h2") == "Tem uma casa estável?"
    rows = {
        tr.select_one("th").get_text(strip=True): tr.select("td")[0].get_text(
            strip=True
        )
        for tr in soup_of(page).select("#q-housing table tbody tr")
    }
    assert rows == {"Sim": "7", "Não": "5"}
    languages = texts_of(page, ".response-language")
    assert len(languages) == 2
    assert "7" in languages[0] and "5" in languages[1]


def test_small_language_counts_are_hidden_in_public(survey, team):
    _open(survey, team)
    for language in ["en"] * 6 + ["pt"] * 2:
        services.answer_submit(
            survey=survey, answers={"housing": "yes"}, language=language
        )
    results = R.survey_results(survey, public=True)
    # Two Portuguese answers are hidden; so is the English count, which the
    # published total (8) would otherwise give away.
    assert all(lang.hidden for lang in results.languages)
    results = R.survey_results(survey, public=False)
    assert not any(lang.hidden for lang in results.languages)


# -- XLSForm ---------------------------------------------------------------------------


def _cells(data: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_export_has_a_column_per_language(survey):
    cells = _cells(xlsform.export_survey(survey))
    header = cells["survey"][0]
    assert header[:6] == (
        "type",
        "name",
        "label::English (en)",
        "label::Portuguese (pt)",
        "hint::English (en)",
        "hint::Portuguese (pt)",
    )
    housing = next(row for row in cells["survey"] if row[1] == "housing")
    assert housing[2:6] == (
        "Do you have a stable home?",
        "Tem uma casa estável?",
        "A home you can stay in for a year.",
        "Uma casa onde pode ficar um ano.",
    )
    assert cells["choices"][0] == (
        "list_name",
        "name",
        "label::English (en)",
        "label::Portuguese (pt)",
    )
    assert ("housing", "no", "No", "Não") in cells["choices"]
    assert cells["settings"][1][2] == "English (en)"
    form = convert(xlsform=BytesIO(xlsform.export_survey(survey)), file_type=".xlsx")
    assert 'lang="Portuguese (pt)"' in form.xform
    assert "Tem uma casa estável?" in form.xform


def test_round_trip_with_two_languages(survey, team, territory):
    data = xlsform.export_survey(survey)
    copy = xlsform.import_survey(user=team, territory=territory, upload=data)
    assert copy.original_language_id == "en"
    housing = copy.questions.get(name="housing")
    assert str(housing) == "Do you have a stable home?"
    row = housing.translations.get(language_id="pt")
    assert row.label == "Tem uma casa estável?"
    assert row.origins["label"]["origin"] == "person"
    assert row_status(housing, "pt") == Status.REVIEWED
    no = housing.choices.get(value="no")
    assert no.translations.get(language_id="pt").label == "Não"
    # Every language comes back out, cell for cell.
    assert _cells(xlsform.export_survey(copy)) == _cells(data)


def _sheet(rows: list[list], choices: list[list], settings: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in rows:
        sheet.append(row)
    for title, content in (("choices", choices), ("settings", settings)):
        extra = book.create_sheet(title)
        for row in content:
            extra.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_import_reads_language_codes_and_names(team, territory):
    data = _sheet(
        [
            ["type", "name", "label::pt", "label::English", "label::Klingon"],
            ["select_one yn", "works", "Trabalha?", "Do you work?", "Qapla?"],
        ],
        [
            ["list_name", "name", "label::pt", "label::English"],
            ["yn", "yes", "Sim", "Yes"],
            ["yn", "no", "Não", "No"],
        ],
        [["form_title", "default_language"], ["Trabalho", "pt"]],
    )
    survey = xlsform.import_survey(user=team, territory=territory, upload=data)
    assert survey.original_language_id == "pt"
    works = survey.questions.get()
    assert str(works) == "Trabalha?"
    # The unknown language is not kept; English is a translation.
    assert sorted(works.translations.values_list("language_id", "label")) == [
        ("en", "Do you work?"),
        ("pt", "Trabalha?"),
    ]
    assert sorted(
        Choice.objects.get(question=works, value="no").translations.values_list(
            "language_id", "label"
        )
    ) == [("en", "No"), ("pt", "Não")]


# -- writing ---------------------------------------------------------------------------


def test_editing_the_original_outdates_unless_minor(survey, team):
    housing = survey.questions.get(name="housing")
    data = QuestionData(
        kind="single",
        name="housing",
        label="Do you have a stable home?",
        help_text="A home you can stay in for a year or more.",
        required=True,
    )
    services.question_update(user=team, question=housing, data=data)
    housing = Question.objects.get(pk=housing.pk)
    assert row_status(housing, "pt") == Status.OUTDATED
    assert housing.translations.get(language_id="en").help_text == data.help_text

    choice = housing.choices.get(value="yes")
    services.choice_update(user=team, choice=choice, label="Yes.", minor=True)
    assert row_status(Choice.objects.get(pk=choice.pk), "pt") == Status.REVIEWED


def test_a_duplicate_keeps_every_translation_and_status(survey, team):
    housing = survey.questions.get(name="housing")
    services.question_update(
        user=team,
        question=housing,
        data=QuestionData(
            kind="single",
            name="housing",
            label="Is your home stable?",
            help_text="A home you can stay in for a year.",
            required=True,
        ),
    )
    copy = services.survey_duplicate(user=team, survey=survey)
    assert copy.pk != survey.pk and copy.status == Survey.Status.DRAFT
    assert copy.translations.get(language_id="pt").title == "Necessidades de habitação"
    copied = copy.questions.get(name="housing")
    assert row_status(copied, "pt") == Status.OUTDATED
    assert copied.translations.get(language_id="pt").label == "Tem uma casa estável?"
    no = copied.choices.get(value="no")
    assert row_status(no, "pt") == Status.REVIEWED
    assert copy.responses.count() == 0


def test_changing_the_survey_language_moves_its_parts(survey, team, territory):
    services.survey_update(
        user=team,
        survey=survey,
        data=SurveyData(title="Housing needs", territory=territory, language="es"),
    )
    housing = survey.questions.get(name="housing")
    assert housing.original_language_id == "es"
    # The text it had is now the Spanish row, the original.
    assert housing.translations.get(language_id="es").label == (
        "Do you have a stable home?"
    )
    assert str(housing) == "Do you have a stable home?"
    assert housing.choices.get(value="no").original_language_id == "es"


# -- bounded queries -------------------------------------------------------------------

LANGUAGES = ["pt", "es", "fr", "de"]


def _many(team, territory, n: int) -> None:
    for i in range(n):
        s = services.survey_create(
            user=team,
            data=SurveyData(title=f"Survey {i}", territory=territory, language="en"),
        )
        for code in LANGUAGES:
            save_translation(s, code, {"title": f"Survey {i} {code}"}, user=team)
        Survey.objects.filter(pk=s.pk).update(status=Survey.Status.OPEN)


@pytest.mark.parametrize("n", [3, 30])
def test_the_survey_list_queries_are_bounded(
    client, team, territory, n, django_assert_max_num_queries
):
    _many(team, territory, n)
    with django_assert_max_num_queries(8):
        page = client.get("/pt/surveys/")
    cards = texts_of(page, ".survey-cards li > a")
    assert len(cards) == n and all(title.endswith(" pt") for title in cards)


@pytest.mark.parametrize("n", [3, 30])
def test_the_open_surveys_selector_is_bounded(
    team, territory, n, django_assert_num_queries
):
    _many(team, territory, n)
    with django_assert_num_queries(2):
        shown = selectors.in_language(selectors.surveys_open(), "es")
    assert {s.shown.language_id for s in shown} == {"es"}


def test_the_builder_offers_a_minor_correction_only_when_editing(survey, team):
    from convivio.surveys.forms import QuestionForm, SurveyForm

    housing = survey.questions.get(name="housing")
    assert "minor" not in QuestionForm(survey=survey, prefix="new").fields
    assert "minor" not in SurveyForm(user=team).fields
    form = QuestionForm(
        {
            "q-kind": "single",
            "q-label": "Do you have a stable home ?",
            "q-name": "housing",
            "q-minor": "on",
        },
        survey=survey,
        question=housing,
        prefix="q",
    )
    assert form.is_valid(), form.errors
    services.question_update(user=team, question=housing, data=form.to_data())
    assert row_status(Question.objects.get(pk=housing.pk), "pt") == Status.REVIEWED


def test_the_demo_survey_was_answered_in_two_languages(territory):
    from convivio.demo.surveys import RESPONSES, surveys_demo_load

    demo = surveys_demo_load(territory).survey
    assert row_status(demo, "pt") == Status.REVIEWED
    for question in demo.questions.prefetch_related("translations"):
        assert row_status(question, "pt") == Status.REVIEWED, question.name
    results = R.survey_results(demo, public=False, language="pt")
    by_language = {lang.code: lang.count for lang in results.languages}
    portuguese_speakers = demo.questions.get(name="language").answers.filter(text="pt")
    assert by_language == {
        "pt": portuguese_speakers.count(),
        "en": RESPONSES - portuguese_speakers.count(),
    }
    issues = next(r for r in results.questions if r.question.name == "issues")
    assert issues.question.shown.label.startswith("Ordene")
    assert "Encontrar casa" in {row.label for row in issues.rows}


def test_an_imported_form_is_answered_in_each_of_its_languages(client, team, territory):
    data = _sheet(
        [
            ["type", "name", "label::English (en)", "label::Português (pt)"],
            ["select_one yn", "works", "Do you work?", "Trabalha?"],
        ],
        [
            ["list_name", "name", "label::English (en)", "label::Português (pt)"],
            ["yn", "yes", "Yes", "Sim"],
            ["yn", "no", "No", "Não"],
        ],
        [["form_title", "default_language"], ["Work", "English (en)"]],
    )
    survey = xlsform.import_survey(user=team, territory=territory, upload=data)
    _open(survey, team)
    page = client.get(f"/en/surveys/{survey.pk}/")
    assert texts_of(page, ".survey-languages a, .survey-languages strong") == [
        "English",
        "Português",
    ]
    page = client.get(f"/en/surveys/{survey.pk}/?lang=pt")
    assert text_of(page, "#q-works legend > span:first-child") == "Trabalha?"
    # The title exists in English only: shown so, with its language.
    assert text_of(page, "h1") == "Work"


def test_a_question_is_translated_on_the_translation_screen(client, survey, team):
    comment = survey.questions.get(name="comment")
    client.force_login(team)
    url = f"/en/translate/survey-question/{comment.pk}/pt/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"action": "save", "t-label": "Mais alguma coisa?", "t-help_text": ""}
    )
    assert response.status_code == 302
    assert comment.translations.get(language_id="pt").label == "Mais alguma coisa?"
    assert row_status(Question.objects.get(pk=comment.pk), "pt") == Status.REVIEWED
    # Nobody outside the survey's team translates it.
    client.force_login(UserFactory(username="someone"))
    assert client.get(url).status_code in (403, 404)


def test_the_builder_makes_a_copy_with_its_translations(client, survey, team):
    client.force_login(team)
    response = client.post(f"/en/surveys/{survey.pk}/edit/", {"action": "duplicate"})
    copy = Survey.objects.exclude(pk=survey.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/surveys/{copy.pk}/edit/"
    housing = copy.questions.get(name="housing")
    assert housing.translations.get(language_id="pt").label == "Tem uma casa estável?"
    assert row_status(housing, "pt") == Status.REVIEWED
