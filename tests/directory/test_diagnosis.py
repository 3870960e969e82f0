import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from convivio.demo.content import directory as demo_content
from convivio.demo.directory import directory_demo_load
from convivio.demo.plans import plans_demo_load
from convivio.demo.surveys import surveys_demo_load
from convivio.directory.diagnosis import territory_diagnosis
from convivio.plans.models import PlanNode, Responsibility
from tests.html import soup_of, table_of, text_of, texts_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    plans_demo_load()
    loaded = directory_demo_load()
    surveys_demo_load(loaded.town)
    return loaded.town


def test_diagnosis_coverage_gaps_needs_and_open_measures(
    town, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        diagnosis = territory_diagnosis(town)
    # The defunct service is not counted.
    assert diagnosis.services == 42
    themes = {row.key: row for row in diagnosis.themes}
    assert themes["health"].services == 7
    assert themes["international-relations"].gap
    languages = {row.key: row for row in diagnosis.languages}
    assert languages["ar"].services > 0 and languages["wo"].gap
    assert "ar" in [col.key for col in diagnosis.matrix_columns]
    matrix = {
        row.key: dict(
            zip([c.key for c in diagnosis.matrix_columns], counts, strict=True)
        )
        for row, counts in diagnosis.matrix
    }
    expected = sum(
        1
        for spec in demo_content.SERVICES
        if "health" in spec["themes"]
        and "ar" in spec["langs"]
        and spec.get("status", "active") == "active"
    )
    assert matrix["health"]["ar"] == expected == 2
    # On paper, the matrix is cut into tables of six languages, nothing lost.
    parts = diagnosis.matrix_parts
    assert [len(columns) for columns, _rows in parts][:1] == [6]
    assert [c.key for columns, _rows in parts for c in columns] == [
        c.key for c in diagnosis.matrix_columns
    ]
    health = [
        count
        for _columns, rows in parts
        for row, counts in rows
        if row.key == "health"
        for count in counts
    ]
    assert health == next(c for r, c in diagnosis.matrix if r.key == "health")
    # Ranked issues of the needs assessment, tied to themes and their coverage.
    needs = diagnosis.survey_needs
    assert needs[0].label == "Finding a home" and needs[0].theme.slug == "housing"
    assert needs[0].services == themes["housing"].services
    assert [n.rank for n in needs] == list(range(1, len(needs) + 1))
    assert diagnosis.plan_needs  # the Vale Novo plan names themes
    # Measures with no responsible entity.
    measures = PlanNode.objects.filter(
        plan__territory=town, kind="measure", deleted_at__isnull=True
    ).exclude(status="dropped")
    without = measures.exclude(pk__in=Responsibility.objects.values("node_id"))
    assert {m.node.pk for m in diagnosis.open_measures} == set(
        without.values_list("pk", flat=True)
    )


def test_diagnosis_page_pdf_xlsx(client, town):
    url = reverse("directory:diagnosis", args=[town.pk])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Finding a home" in body and "Gaps" in body
    assert 'style="' not in body
    pdf = client.get(reverse("directory:diagnosis_pdf", args=[town.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("directory:diagnosis_xlsx", args=[town.pk]))
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    assert "Coverage" in book.sheetnames and "Needs" in book.sheetnames
    assert client.get(reverse("directory:diagnosis", args=[999999])).status_code == 404


def test_diagnosis_empty_territory(client):
    from convivio.core.models import Territory

    place = Territory.objects.filter(kind="country").first()
    diagnosis = territory_diagnosis(place)
    assert diagnosis.services == 0 and not diagnosis.matrix
    assert all(row.gap for row in diagnosis.themes)
    assert (
        client.get(reverse("directory:diagnosis", args=[place.pk])).status_code == 200
    )


# Points and people of ranked issues; languages by name (hand-computed cases)


@pytest.fixture
def ranked_place():
    """The surveys' known dataset (12 people rank 3 of 5 issues) in a fresh
    place, and two services there: Arabic and Portuguese, Portuguese only."""
    from convivio.core.models import Organisation
    from tests.directory.test_services import make_service
    from tests.plans.factories import make_territory
    from tests.surveys.test_results import make_survey

    place = make_territory("Ribeira Alta")
    make_survey(place)
    org = Organisation.objects.create(name="Casa Comum", kind="ngo")
    make_service(org, "Health desk", languages=("ar", "pt"), territory=place)
    make_service(
        org, "Job club", themes=("employment",), languages=("pt",), territory=place
    )
    return place


def test_ranked_issues_show_points_and_people(
    client, ranked_place, django_assert_max_num_queries
):
    diagnosis = territory_diagnosis(ranked_place)
    # Borda points with three places: 1st = 3, 2nd = 2, 3rd = 1.
    assert diagnosis.point_scale == [(1, 3), (2, 2), (3, 1)]
    assert [(n.label, n.points, n.mentions) for n in diagnosis.survey_needs] == [
        ("Housing", 29, 12),
        ("Work", 22, 12),
        ("Language", 10, 6),
        ("Health", 7, 4),
        ("Papers", 4, 2),
    ]
    with django_assert_max_num_queries(25):
        response = client.get(reverse("directory:diagnosis", args=[ranked_place.pk]))
    assert response.status_code == 200
    rows = [
        (
            text_of(str(tr), ".need-rank"),
            text_of(str(tr), ".need-points"),
            text_of(str(tr), ".need-people"),
        )
        for tr in soup_of(response).select("table.survey-needs tbody tr")
    ]
    # The rank follows the points; fewer than 5 people hide both figures, as
    # on the survey's published results (surveys.results): there, fewer than 5
    # placed work (3) and language (1) first, so their points, which with the
    # people count would narrow the first places down, are hidden too.
    assert rows == [
        ("1", "29", "12"),
        ("2", "hidden", "12"),
        ("3", "hidden", "6"),
        ("4", "hidden", "hidden"),
        ("5", "hidden", "hidden"),
    ]
    headers = texts_of(response, "table.survey-needs thead th")
    assert headers == ["Rank", "Issue", "Points", "People who ranked it", "Services"]
    assert text_of(response, ".points-meaning") == (
        "Issues are ranked by points: each person placed up to three issues; a "
        "first choice gives 3 points, a second 2, a third 1. The people count "
        "says how many placed the issue at all."
    )


def test_language_columns_are_headed_by_names(client, ranked_place):
    response = client.get(reverse("directory:diagnosis", args=[ranked_place.pk]))
    headers = texts_of(response, "table.diagnosis-matrix thead th")
    assert headers == ["Theme", "Portuguese", "Arabic"]
    matrix = {
        row[0]: row[1:] for row in table_of(response, "table.diagnosis-matrix")[1:]
    }
    assert matrix == {"Health": ["1", "1"], "Employment": ["1", "0"]}
    # 7 respondents speak Arabic, which a service speaks: no gap. The names of
    # the gaps are names too.
    gaps = soup_of(response).select_one("#gaps dl")
    assert "Wolof" in gaps.get_text() and ", wo," not in gaps.get_text()


def test_xlsx_needs_sheet_has_points_and_people(client, ranked_place):
    xlsx = client.get(reverse("directory:diagnosis_xlsx", args=[ranked_place.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content))["Needs"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][4:6] == [
        "Points (the rank follows them)",
        "People who ranked it (surveys), areas and measures (plans)",
    ]
    assert rows[1][:3] == ["survey", 1, "Housing"]
    assert rows[1][4:6] == [29, 12]
    assert rows[4][4:6] == ["hidden", "hidden"]
    assert rows[-1][0].startswith("Issues are ranked by points")


def test_language_names_follow_the_page_language(ranked_place):
    from django.utils import translation

    with translation.override("pt"):
        diagnosis = territory_diagnosis(ranked_place)
    names = {row.key: row.label for row in diagnosis.languages}
    assert (names["pt"], names["ar"]) == ("Português", "Árabe")
    # A language Django has no name for keeps the Language list's name.
    assert names["wo"] == "Wolof"
