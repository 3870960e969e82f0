import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from convivio.directory import demo_content
from convivio.directory.demo import directory_demo_load
from convivio.directory.diagnosis import territory_diagnosis
from convivio.plans.demo import plans_demo_load
from convivio.plans.models import PlanNode, Responsibility
from convivio.surveys.demo import surveys_demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    plans_demo_load(andalusia=False)
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
