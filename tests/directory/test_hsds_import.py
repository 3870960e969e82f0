"""Importing HSDS 3.0 JSON and datapackages: the official examples, broken files."""

import copy
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from convivio.core.models import Organisation
from convivio.directory import hsds
from convivio.directory.models import (
    Contact,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from tests.factories import OrganisationFactory

from .test_hsds_api import STANDARD

EXAMPLES = STANDARD / "examples"


def example(name: str):
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Service,
            Location,
            ServiceAtLocation,
            Schedule,
            Phone,
            Contact,
        )
    }


@pytest.mark.parametrize(
    "name",
    ["service_full", "service_list", "organization_full", "tabular"],
)
def test_official_examples_import_and_reimport_changes_nothing(db, name):
    result = hsds.import_records(example(name), by_system=True)
    assert result.ok, result.errors
    service = Service.objects.get(
        source_key="hsds:ac148810-d857-441c-9679-408f346de14b"
    )
    assert str(service) == "Community Counselling"
    assert service.status == "active"
    before = counts()
    again = hsds.import_records(example(name), by_system=True)
    assert again.ok
    assert counts() == before
    assert not again.created


def test_service_full_example_in_detail(db):
    result = hsds.import_records(example("service_full"), by_system=True)
    assert result.ok
    service = Service.objects.get()
    row = service.translation_for("en")
    assert row.eligibility.startswith("This service is intended")
    assert service.minimum_age == 12 and service.maximum_age == 100
    assert service.last_checked_at.date().isoformat() == "2005-01-01"
    assert service.organisation.name
    assert service.languages.filter(code="ur").exists() or any(
        "ur" in w for w in result.warnings
    )
    # The example's weekly schedule "TH,FR", 10:00–18:00, becomes two rows.
    weekly = Schedule.objects.filter(service=service, weekday__isnull=False)
    assert sorted(weekly.values_list("weekday", flat=True))[:2] in ([4, 5], [4, 4])
    # The example's coordinates (100, 101) are impossible: kept out, and said so.
    location = Location.objects.first()
    assert location.latitude is None and location.longitude is None
    assert any("impossible coordinates" in w for w in result.warnings)
    assert Phone.objects.filter(number="+44 1234 234567").exists()


def test_organisation_matched_by_name_not_duplicated(db, organisation):
    record = example("service_full")
    record["organization"]["name"] = organisation.name.upper()
    assert hsds.import_records(record, by_system=True).ok
    assert Organisation.objects.count() == 1
    assert Service.objects.get().organisation == organisation


def test_organisation_matched_as_ingestion_matches_it(db):
    """Dots, accents, an acronym and a kind word do not make a duplicate."""
    known = OrganisationFactory(
        name="Kentro Ekpaidefsis kai Proagogis Atomon (K.E.P.A.)", slug="kepa"
    )
    record = example("service_full")
    record["organization"]["name"] = "KEPA"
    record["organization"]["website"] = ""
    assert hsds.import_records(record, by_system=True).ok
    assert Organisation.objects.count() == 1
    assert Service.objects.get().organisation == known


def test_a_new_organisation_gets_the_kind_its_name_says(db):
    record = example("service_full")
    record["organization"]["name"] = "Comune di Valle Serrone"
    record["organization"]["website"] = ""
    assert hsds.import_records(record, by_system=True).ok
    made = Organisation.objects.get(name="Comune di Valle Serrone")
    assert made.kind == Organisation.Kind.PUBLIC_AUTHORITY


def test_organisation_matched_by_website(db, organisation):
    organisation.website = "https://ponti.example.org"
    organisation.save()
    record = example("service_full")
    record["organization"]["name"] = "Another name"
    record["organization"]["website"] = "https://ponti.example.org"
    assert hsds.import_records(record, by_system=True).ok
    assert Organisation.objects.count() == 1


def test_broken_file_lists_errors_by_record_and_field_and_saves_nothing(db):
    good = example("service_full")
    broken = copy.deepcopy(good)
    broken["id"] = "11111111-1111-4111-8111-111111111111"
    del broken["name"]  # missing required field
    broken["minimum_age"] = "twelve"  # wrong type
    broken["phones"][0]["extension"] = "one hundred"
    result = hsds.import_records([good, broken], by_system=True)
    assert not result.ok
    messages = result.errors["service 11111111-1111-4111-8111-111111111111"]
    assert any(
        m.startswith("(record): 'name' is a required property") for m in messages
    )
    assert any(m.startswith("minimum_age:") for m in messages)
    assert any(m.startswith("phones.0.extension:") for m in messages)
    assert "service ac148810-d857-441c-9679-408f346de14b" not in result.errors
    assert counts() == dict.fromkeys(counts(), 0) | {"Organisation": 0}
    assert "nothing was saved" in result.summary()


def test_bad_hours_rejected_nothing_saved(db):
    record = example("service_full")
    record["schedules"][0]["opens_at"] = "18:00"
    record["schedules"][0]["closes_at"] = "09:00"
    result = hsds.import_records(record, by_system=True)
    assert not result.ok
    [messages] = result.errors.values()
    # The hours page's rule and sentence (services.validate_schedule).
    assert "Thursday: the hours 18:00–09:00 end before they start." in messages
    assert Service.objects.count() == 0 and Organisation.objects.count() == 0


def test_the_import_and_the_hours_page_refuse_bad_hours_in_the_same_words(
    client, moderator
):
    """One opening-hours rule: the file and the form get the same sentence."""
    from .test_views import hours_post

    record = example("service_full")
    record["schedules"][0] |= {"byday": "MO", "opens_at": "18:00", "closes_at": "09:00"}
    result = hsds.import_records(record, user=moderator)
    [messages] = result.errors.values()
    assert Service.objects.count() == 0
    assert hsds.import_records(example("service_full"), user=moderator).ok
    service = Service.objects.get()
    client.force_login(moderator)
    response = client.post(
        f"/en/directory/services/{service.pk}/hours/",
        hours_post([{"weekday": "1", "opens_at": "18:00", "closes_at": "09:00"}]),
    )
    sentence = "Monday: the hours 18:00–09:00 end before they start."
    assert sentence in messages
    assert sentence in response.content.decode()


def test_overlapping_hours_rejected(db):
    record = example("service_full")
    first = record["schedules"][0]
    second = copy.deepcopy(first) | {
        "id": "22222222-2222-4222-8222-222222222222",
        "opens_at": "12:00",
        "closes_at": "20:00",
    }
    record["schedules"].append(second)
    result = hsds.import_records(record, by_system=True)
    assert not result.ok
    assert any("overlap" in m for ms in result.errors.values() for m in ms)
    assert Service.objects.count() == 0


def test_not_hsds_at_all(db):
    result = hsds.import_records("hello", by_system=True)
    assert not result.ok and "import" in result.errors
    result = hsds.import_records([], by_system=True)
    assert not result.ok


def test_only_moderators_import(db, user, moderator):
    with pytest.raises(PermissionDenied):
        hsds.import_records(example("service_full"), user=user)
    assert hsds.import_records(example("service_full"), user=moderator).ok


def test_exported_records_import_into_the_same_directory_unchanged(
    client, organisation
):
    from .test_hsds_api import make_service

    service = make_service(organisation)
    data = client.get(f"/api/hsds/services/{service.hsds_id}").json()
    before = counts()
    result = hsds.import_records(data, by_system=True)
    assert result.ok, result.errors
    assert counts() == before


def test_command_imports_json_and_reports_errors(db, tmp_path):
    good = tmp_path / "service.json"
    good.write_text(json.dumps(example("service_full")))
    call_command("hsds_import", str(good))
    assert Service.objects.count() == 1
    bad = tmp_path / "bad.json"
    record = example("service_full") | {"status": "sleeping"}
    record["id"] = "33333333-3333-4333-8333-333333333333"
    bad.write_text(json.dumps(record))
    with pytest.raises(CommandError, match="status: 'sleeping' is not one of"):
        call_command("hsds_import", str(bad))
    assert Service.objects.count() == 1
    junk = tmp_path / "junk.json"
    junk.write_text("{not json")
    with pytest.raises(CommandError, match="neither JSON nor a zip"):
        call_command("hsds_import", str(junk))
    with pytest.raises(CommandError, match="No such file"):
        call_command("hsds_import", str(tmp_path / "missing.json"))


def test_standard_examples_are_where_the_tests_read_them():
    assert Path(EXAMPLES / "service_full.json").exists()
