"""The one content translation pattern (core.translation), with rows made by hand
on services: statuses derived from origins and fingerprints, never stored."""

from __future__ import annotations

import pytest

from convivio.core.translation import (
    Status,
    copy_translations,
    field_statuses,
    fingerprint,
    kind_for,
    kinds,
    language_statuses,
    mark_reviewed,
    original_origins,
    row_status,
    save_original,
    save_translation,
    translation_origins,
)
from convivio.directory.models import Service, ServiceTranslation

pytestmark = pytest.mark.django_db

ORIGINAL = {"name": "Health desk", "description": "Help to register with a doctor."}
SPANISH = {"name": "Punto de salud", "description": "Ayuda para registrarse."}


@pytest.fixture
def service(organisation) -> Service:
    """A service written in English with a Spanish translation by a person, rows
    made by hand as an import or the demo makes them."""
    service = Service.objects.create(
        organisation=organisation, original_language_id="en"
    )
    ServiceTranslation.objects.create(
        service=service,
        language_id="en",
        origins=original_origins(ORIGINAL),
        **ORIGINAL,
    )
    ServiceTranslation.objects.create(
        service=service,
        language_id="es",
        origins=translation_origins(ORIGINAL, SPANISH),
        **SPANISH,
    )
    return service


def fresh(service: Service) -> Service:
    return Service.objects.prefetch_related("translations").get(pk=service.pk)


def test_fingerprint_ignores_rewrapping_but_not_words():
    assert fingerprint("") == fingerprint(None) == fingerprint([]) == ""
    assert fingerprint("Help  to\nregister") == fingerprint("Help to register")
    assert fingerprint("Help to register") != fingerprint("Help to register.")
    assert fingerprint(["a", "b"]) != fingerprint(["b", "a"])


def test_statuses_original_reviewed_and_missing(service):
    service = fresh(service)
    assert row_status(service, "en") == Status.ORIGINAL
    assert row_status(service, "es") == Status.REVIEWED
    assert row_status(service, "ar") == Status.MISSING
    assert language_statuses(service) == [
        ("en", Status.ORIGINAL),
        ("es", Status.REVIEWED),
    ]
    # Fields the original leaves empty have nothing to translate.
    assert field_statuses(service, "ar") == {
        "name": Status.MISSING,
        "description": Status.MISSING,
        "eligibility": None,
        "fees": None,
        "application_process": None,
        "required_documents": None,
    }


def test_a_field_left_empty_makes_the_row_missing(service):
    save_original(service, {"fees": "Free"})
    service = fresh(service)
    assert field_statuses(service, "es")["fees"] == Status.MISSING
    assert field_statuses(service, "es")["name"] == Status.REVIEWED
    assert row_status(service, "es") == Status.MISSING


def test_changing_the_original_outdates_the_translation(service, editor):
    save_original(service, {"description": "Help to find a doctor."}, user=editor)
    service = fresh(service)
    assert field_statuses(service, "es")["description"] == Status.OUTDATED
    assert field_statuses(service, "es")["name"] == Status.REVIEWED
    assert row_status(service, "es") == Status.OUTDATED
    original = service.original_translation()
    assert original.field_meta("description")["by"] == editor.pk


def test_a_minor_fix_keeps_translations_current(service):
    save_original(
        service, {"description": "Help to register with a doctor!"}, minor=True
    )
    service = fresh(service)
    assert row_status(service, "es") == Status.REVIEWED
    # …and the text before the fix is kept, to show what changed.
    es = service.translation_for("es")
    assert es.field_meta("description")["was"] == "Help to register with a doctor!"


def test_a_minor_fix_does_not_make_an_outdated_translation_current(service):
    save_original(service, {"name": "Health and care desk"})
    save_original(service, {"name": "Health and care desk."}, minor=True)
    assert row_status(fresh(service), "es") == Status.OUTDATED


def test_machine_translation_then_review(service, editor):
    save_translation(service, "ar", {"name": "مكتب الصحة"}, origin="machine")
    service = fresh(service)
    assert field_statuses(service, "ar")["name"] == Status.MACHINE
    ar = service.translation_for("ar")
    mark_reviewed(ar, user=editor, fields=["name"])
    service = fresh(service)
    assert field_statuses(service, "ar")["name"] == Status.REVIEWED
    ar = service.translation_for("ar")
    assert ar.field_meta("name")["reviewed_by"] == editor.pk


def test_a_machine_never_overwrites_a_current_translation_by_a_person(service):
    save_translation(service, "es", {"name": "Oficina de salud"}, origin="machine")
    assert fresh(service).translation_for("es").name == "Punto de salud"
    # Once the original changed, the person's translation is outdated: the
    # machine may replace it, and it reads as machine-made.
    save_original(service, {"name": "Health and care desk"})
    save_translation(service, "es", {"name": "Salud y cuidados"}, origin="machine")
    service = fresh(service)
    assert service.translation_for("es").name == "Salud y cuidados"
    assert field_statuses(service, "es")["name"] == Status.MACHINE


def test_a_person_saving_a_translation_is_its_reviewer(service, editor):
    save_original(service, {"name": "Health and care desk"})
    save_translation(service, "es", {"name": "Salud y cuidados"}, user=editor)
    service = fresh(service)
    assert field_statuses(service, "es")["name"] == Status.REVIEWED
    meta = service.translation_for("es").field_meta("name")
    assert (meta["origin"], meta["reviewed_by"]) == ("person", editor.pk)


def test_saving_a_form_unchanged_does_not_make_an_outdated_field_current(service):
    save_original(service, {"name": "Health and care desk"})
    save_translation(service, "es", dict(SPANISH))
    assert row_status(fresh(service), "es") == Status.OUTDATED


def test_a_row_without_origins_reads_outdated(organisation):
    service = Service.objects.create(
        organisation=organisation, original_language_id="en"
    )
    ServiceTranslation.objects.create(service=service, language_id="en", **ORIGINAL)
    ServiceTranslation.objects.create(service=service, language_id="es", **SPANISH)
    assert row_status(fresh(service), "es") == Status.OUTDATED


def test_copies_keep_their_statuses(service, organisation):
    save_translation(service, "ar", {"name": "مكتب الصحة"}, origin="machine")
    copy = Service.objects.create(organisation=organisation, original_language_id="en")
    copy_translations(service, copy)
    copy = fresh(copy)
    assert language_statuses(copy) == [
        ("en", Status.ORIGINAL),
        ("ar", Status.MISSING),  # its description was never translated
        ("es", Status.REVIEWED),
    ]
    assert field_statuses(copy, "ar")["name"] == Status.MACHINE
    # The copy's original changes alone.
    save_original(copy, {"name": "Another desk"})
    assert row_status(fresh(copy), "es") == Status.OUTDATED
    assert row_status(fresh(service), "es") == Status.REVIEWED


def test_save_translation_refuses_the_original_language(service):
    with pytest.raises(ValueError):
        save_translation(service, "en", {"name": "x"})


def test_every_kind_that_people_write_is_registered():
    keys = {kind.key for kind in kinds()}
    assert {
        "practice",
        "collection",
        "plan",
        "plan_node",
        "indicator",
        "recommendation",
        "service",
    } <= keys
    assert kind_for(Service).key == "service"
    assert [name for name, _label in kind_for("service").fields()][:2] == [
        "name",
        "description",
    ]


@pytest.mark.parametrize(
    "module",
    [
        "convivio.practices.migrations.0007_translation_origins",
        "convivio.plans.migrations.0004_translation_origins",
        "convivio.directory.migrations.0002_translation_origins",
    ],
)
def test_the_migrations_read_the_old_stored_statuses(module, editor):
    """original → original; reviewed → a person's, current, reviewed by the old
    translator; machine → a machine's, current; outdated → outdated."""
    from importlib import import_module

    origins_from_status = import_module(module).origins_from_status
    fields = ("name", "description")
    original = ServiceTranslation(pk=1, language_id="en", **ORIGINAL)
    assert origins_from_status(original, original, fields) == {
        "name": {"origin": "original"},
        "description": {"origin": "original"},
    }
    expected = {
        "reviewed": Status.REVIEWED,
        "machine": Status.MACHINE,
        "outdated": Status.OUTDATED,
    }
    for old, status in expected.items():
        row = ServiceTranslation(pk=2, language_id="es", **SPANISH)
        # The old columns, as the migration's historical rows still have them.
        row.status, row.translated_by_id = old, editor.pk
        row.origins = origins_from_status(row, original, fields)
        assert {row.field_status(name, original) for name in fields} == {status}
    row = ServiceTranslation(pk=2, language_id="es", **SPANISH)
    row.status, row.translated_by_id = "reviewed", editor.pk
    assert origins_from_status(row, original, fields)["name"]["reviewed_by"] == (
        editor.pk
    )
