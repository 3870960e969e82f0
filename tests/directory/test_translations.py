"""Services on core.translation: statuses after edits (the edit page's "minor fix"
box), after HSDS imports in the original language and in another one, and who
may translate a service."""

from __future__ import annotations

import copy

import pytest

from convivio.core.translation import Status, kind_for, row_status, save_translation
from convivio.directory import hsds, services
from convivio.directory.models import Service

from .test_hsds_import import example
from .test_services import data

pytestmark = pytest.mark.django_db

KEY = "hsds:ac148810-d857-441c-9679-408f346de14b"


def fresh(service: Service) -> Service:
    return Service.objects.prefetch_related("translations").get(pk=service.pk)


def test_editing_a_service_outdates_its_translations_unless_minor(editor, organisation):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    save_translation(
        service,
        "ar",
        {"name": "مكتب الصحة", "description": "مساعدة في التسجيل لدى طبيب."},
        user=editor,
    )
    assert row_status(fresh(service), "ar") == Status.REVIEWED
    services.service_update(
        user=editor,
        service=service,
        data=data(description="Help to register with a doctor!", minor=True),
    )
    assert row_status(fresh(service), "ar") == Status.REVIEWED
    services.service_update(
        user=editor, service=service, data=data(description="Help to find a doctor.")
    )
    assert row_status(fresh(service), "ar") == Status.OUTDATED


def test_the_service_form_in_another_language_is_a_reviewed_translation(
    editor, organisation
):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    services.service_update(
        user=editor,
        service=service,
        data=data(
            language="pt",
            name="Balcão de saúde",
            description="Ajuda para se inscrever num médico.",
        ),
    )
    service = fresh(service)
    assert service.original_language_id == "en"
    assert row_status(service, "pt") == Status.REVIEWED
    assert service.translation_for("pt").field_meta("name")["reviewed_by"] == editor.pk


def test_the_edit_page_has_the_minor_fix_box_and_the_new_page_not(
    client, editor, organisation
):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    client.force_login(editor)
    edit = client.get(f"/en/directory/services/{service.pk}/edit/")
    assert edit.status_code == 200
    assert 'name="minor"' in edit.text
    assert 'name="minor"' not in client.get("/en/directory/services/new/").text


def test_hsds_import_again_keeps_translations_current_and_a_change_outdates_them(
    editor,
):
    records = example("service_full")
    assert hsds.import_records(records, by_system=True).ok
    service = Service.objects.get(source_key=KEY)
    assert row_status(fresh(service), "en") == Status.ORIGINAL
    assert service.translation_for("en").origins["name"]["origin"] == "original"
    save_translation(service, "pt", fresh(service).translation_for("en").values())
    assert row_status(fresh(service), "pt") == Status.REVIEWED

    # The same file again: nothing changed, the translation is still current.
    assert hsds.import_records(records, by_system=True).ok
    assert row_status(fresh(service), "pt") == Status.REVIEWED

    changed = copy.deepcopy(records)
    changed["description"] = "Counselling for families, now on Saturdays too."
    assert hsds.import_records(changed, by_system=True).ok
    assert row_status(fresh(service), "pt") == Status.OUTDATED


def test_hsds_import_in_another_language_adds_a_translation(moderator):
    records = example("service_full")
    assert hsds.import_records(records, by_system=True).ok
    spanish = copy.deepcopy(records)
    spanish["name"] = "Asesoramiento comunitario"
    result = hsds.import_records(spanish, user=moderator, language="es")
    assert result.ok, result.errors
    service = fresh(Service.objects.get(source_key=KEY))
    assert service.original_language_id == "en"
    assert service.translation_for("es").name == "Asesoramiento comunitario"
    assert row_status(service, "es") == Status.REVIEWED
    assert service.translation_for("es").field_meta("name")["reviewed_by"] == (
        moderator.pk
    )


def test_who_translates_a_service(editor, moderator, stranger, organisation):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    kind = kind_for(service)
    assert kind.key == "service"
    assert kind.can_translate(editor, service)
    assert kind.can_translate(moderator, service)
    assert not kind.can_translate(stranger, service)
    assert list(kind.queue(editor)) == [service]
    assert list(kind.queue(stranger)) == []
