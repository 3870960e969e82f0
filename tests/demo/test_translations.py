"""The demo's translations show every status a visitor should meet, honestly."""

import pytest
from django.urls import reverse

from convivio.core.translation import Status, field_statuses, row_status
from convivio.demo.content import plans as plans_demo_content
from convivio.demo.directory import directory_demo_load
from convivio.demo.plans import plans_demo_load
from convivio.demo.translations import (
    OUTDATED_NODE,
    PLAN_KEY,
    SERVICE_PREFIX,
    demo_translations_load,
)
from convivio.directory.models import Service
from convivio.plans.models import Plan
from tests.html import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(django_user_model):
    plans_demo_load()
    directory_demo_load()
    officer = django_user_model.objects.get(
        username=plans_demo_content.OFFICER["username"]
    )
    return officer, demo_translations_load(officer)


def test_plan_and_services_in_several_languages_with_honest_statuses(loaded):
    officer, result = loaded
    plan = Plan.objects.get(source_key=PLAN_KEY)
    assert plan.original_language_id == "en"
    assert row_status(plan, "en") == Status.ORIGINAL
    assert row_status(plan, "pt") == Status.REVIEWED
    # Spanish and Arabic: a machine's title and summary, the rest not yet.
    for language in ("es", "ar"):
        fields = field_statuses(plan, language)
        assert fields["title"] == fields["summary"] == Status.MACHINE
        assert fields["general_objectives"] == Status.MISSING
    reviewed_by = plan.translations.get(language_id="pt").field_meta("title")
    assert reviewed_by["reviewed_by"] == officer.pk

    code, language = OUTDATED_NODE[:2]
    guide = plan.nodes.get(code=code)
    assert row_status(guide, language) == Status.OUTDATED
    assert field_statuses(guide, language) == {
        "title": Status.OUTDATED,
        "text": Status.REVIEWED,
    }
    assert row_status(plan.nodes.get(code="1.1.1"), "pt") == Status.REVIEWED

    desk = Service.objects.get(source_key=SERVICE_PREFIX + "reception-desk")
    assert row_status(desk, "ar") == Status.REVIEWED
    assert row_status(desk, "es") == Status.REVIEWED
    maternal = Service.objects.get(source_key=SERVICE_PREFIX + "health-maternal")
    assert row_status(maternal, "ar") == Status.MACHINE
    # A service never translated into Arabic has none.
    vaccines = Service.objects.get(source_key=SERVICE_PREFIX + "health-vaccines")
    assert row_status(vaccines, "ar") == Status.MISSING

    # Loading again adds nothing and leaves the statuses as they were.
    assert result.rows > 0
    assert demo_translations_load(officer).rows == 0
    assert row_status(guide, language) == Status.OUTDATED


def test_an_arabic_reader_sees_the_service_in_arabic(client, loaded):
    """(The same load as above; the demo is slow to build, so one test each.)"""
    desk = Service.objects.get(source_key=SERVICE_PREFIX + "reception-desk")
    with_lang = reverse("directory:service", args=[desk.pk]).replace("/en/", "/ar/")
    soup = soup_of(client.get(with_lang))
    heading = soup.find("h1")
    assert heading.get_text(strip=True) == "مكتب الاستقبال الموحد"
    assert heading.find_parent(attrs={"lang": "ar"}) or heading.get("lang") == "ar"
