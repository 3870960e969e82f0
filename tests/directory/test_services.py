"""Directory writes: permissions, validation, opening hours, contacts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from convivio.core.models import Theme
from convivio.directory import services
from convivio.directory.models import (
    Contact,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceTranslation,
)
from convivio.directory.services import LocationData, ScheduleRow, ServiceData


def make_service(
    organisation,
    name="Health desk",
    *,
    themes=("health",),
    languages=("ar",),
    lat=None,
    lon=None,
    territory=None,
    hours=(),
    status=Service.Status.ACTIVE,
) -> Service:
    """A service written directly (tests of reads need no permissions)."""
    service = Service.objects.create(
        organisation=organisation, original_language_id="en", status=status
    )
    ServiceTranslation.objects.create(service=service, language_id="en", name=name)
    service.themes.set(Theme.objects.filter(slug__in=themes))
    service.languages.set(languages)
    if lat is not None or territory is not None:
        location = Location.objects.create(
            organisation=organisation,
            name=f"{name} place",
            address="Rua Direita 1",
            city="Vila Nova",
            latitude=lat,
            longitude=lon,
            territory=territory,
        )
        service.service_locations.create(location=location)
    for weekday, opens, closes in hours:
        Schedule.objects.create(
            service=service, weekday=weekday, opens_at=opens, closes_at=closes
        )
    return service


def data(**overrides) -> ServiceData:
    values = {
        "name": "Health desk",
        "language": "en",
        "description": "Help to register with a doctor.",
        "theme_ids": list(
            Theme.objects.filter(slug="health").values_list("pk", flat=True)
        ),
        "language_ids": ["ar", "en"],
        "email": "desk@example.org",
        "url": "https://example.org/desk",
    }
    values.update(overrides)
    return ServiceData(**values)


def test_editor_creates_and_updates_a_service(editor, organisation):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    assert service.organisation == organisation
    assert str(service) == "Health desk"
    assert set(service.languages.values_list("code", flat=True)) == {"ar", "en"}
    assert list(service.themes.values_list("slug", flat=True)) == ["health"]
    services.service_update(user=editor, service=service, data=data(name="Clinic"))
    service.refresh_from_db()
    assert service.translation_for().name == "Clinic"
    assert service.translations.count() == 1


def test_moderator_may_edit_any_organisation(moderator, organisation):
    service = services.service_create(
        user=moderator, organisation=organisation, data=data()
    )
    assert service.pk


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_others_may_not_write(who, stranger, organisation, editor):
    from django.contrib.auth.models import AnonymousUser

    person = stranger if who == "stranger" else AnonymousUser()
    with pytest.raises(PermissionDenied, match="editors of the organisation"):
        services.service_create(user=person, organisation=organisation, data=data())
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    with pytest.raises(PermissionDenied):
        services.service_confirm(user=person, service=service)
    with pytest.raises(PermissionDenied):
        services.schedule_set(user=person, service=service, rows=[])
    assert Service.objects.count() == 1


def test_bad_service_data_saves_nothing(editor, organisation):
    with pytest.raises(ValidationError) as error:
        services.service_create(
            user=editor,
            organisation=organisation,
            data=data(
                name=" ",
                url="javascript:alert(1)",
                email="nope",
                minimum_age=30,
                maximum_age=18,
                language_ids=["xx"],
            ),
        )
    fields = error.value.message_dict
    assert {"name", "url", "email", "maximum_age", "languages"} <= set(fields)
    assert Service.objects.count() == 0


def test_confirm_sets_checked_on(editor, organisation):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    assert service.last_checked_at is None
    services.service_confirm(user=editor, service=service)
    service.refresh_from_db()
    assert service.last_checked_at is not None
    assert service.last_checked_by == editor


def test_location_and_bad_coordinates(editor, organisation):
    location = services.location_create(
        user=editor,
        organisation=organisation,
        data=LocationData(address="Rua Direita 1", latitude=38.7, longitude=-9.1),
    )
    assert (location.latitude, location.longitude) == (38.7, -9.1)
    for lat, lon, field in [
        (91, 0, "latitude"),
        (0, -181, "longitude"),
        (38.7, None, "longitude"),
        (float("nan"), 0, "latitude"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.location_update(
                user=editor,
                location=location,
                data=LocationData(address="Rua Direita 1", latitude=lat, longitude=lon),
            )
        assert field in error.value.message_dict
    location.refresh_from_db()
    assert (location.latitude, location.longitude) == (38.7, -9.1)
    with pytest.raises(ValidationError, match="between -90 and 90"):
        services.location_create(
            user=editor,
            organisation=organisation,
            data=LocationData(address="x", latitude=100, longitude=0),
        )
    assert Location.objects.count() == 1


def test_service_location_add(editor, organisation):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    location = services.location_create(
        user=editor, organisation=organisation, data=LocationData(city="Vila Nova")
    )
    link = services.service_location_add(
        user=editor, service=service, location=location
    )
    again = services.service_location_add(
        user=editor, service=service, location=location
    )
    assert link.pk == again.pk


MON, TUE = 1, 2


def t(h, m=0):
    return dt.time(h, m)


def test_schedule_set_replaces_all_rows(editor, organisation):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    services.schedule_set(
        user=editor,
        service=service,
        rows=[
            ScheduleRow(weekday=MON, opens_at=t(9), closes_at=t(13)),
            ScheduleRow(weekday=MON, opens_at=t(14), closes_at=t(18)),
        ],
    )
    assert service.schedules.count() == 2
    services.schedule_set(
        user=editor,
        service=service,
        rows=[
            ScheduleRow(weekday=TUE, opens_at=t(9), closes_at=t(12)),
            ScheduleRow(date=dt.date(2026, 12, 25), closed=True),
        ],
    )
    rows = {(row.weekday, row.date, row.closed) for row in service.schedules.all()}
    assert rows == {(None, dt.date(2026, 12, 25), True), (TUE, None, False)}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [
                ScheduleRow(weekday=MON, opens_at=t(9), closes_at=t(13)),
                ScheduleRow(weekday=MON, opens_at=t(12), closes_at=t(18)),
            ],
            "Monday: the hours 09:00–13:00 and 12:00–18:00 overlap.",
        ),
        (
            [ScheduleRow(weekday=TUE, opens_at=t(18), closes_at=t(9))],
            "Tuesday: the hours 18:00–09:00 end before they start.",
        ),
        (
            [ScheduleRow(weekday=TUE, opens_at=t(9), closes_at=t(9))],
            "Tuesday: the hours 09:00–09:00 end before they start.",
        ),
        ([ScheduleRow(weekday=MON, opens_at=t(9))], "Monday: give the opening"),
        ([ScheduleRow(weekday=9, opens_at=t(9), closes_at=t(10))], "between 1 and 7"),
        (
            [ScheduleRow(opens_at=t(9), closes_at=t(10))],
            "a day of the week or for one date",
        ),
        (
            [
                ScheduleRow(date=dt.date(2026, 12, 24), closed=True),
                ScheduleRow(date=dt.date(2026, 12, 24), opens_at=t(9), closes_at=t(10)),
            ],
            "marked closed and also has opening hours",
        ),
    ],
)
def test_schedule_set_refuses_bad_hours_and_keeps_the_old(
    editor, organisation, rows, message
):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    services.schedule_set(
        user=editor,
        service=service,
        rows=[ScheduleRow(weekday=3, opens_at=t(9), closes_at=t(17))],
    )
    with pytest.raises(ValidationError) as error:
        services.schedule_set(user=editor, service=service, rows=rows)
    assert any(message in text for text in error.value.messages), error.value.messages
    assert list(service.schedules.values_list("weekday", flat=True)) == [3]


def test_same_hours_in_different_validity_periods_do_not_overlap(editor, organisation):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    services.schedule_set(
        user=editor,
        service=service,
        rows=[
            ScheduleRow(
                weekday=MON,
                opens_at=t(9),
                closes_at=t(13),
                valid_to=dt.date(2026, 6, 30),
            ),
            ScheduleRow(
                weekday=MON,
                opens_at=t(8),
                closes_at=t(12),
                valid_from=dt.date(2026, 7, 1),
            ),
        ],
    )
    assert service.schedules.count() == 2


def test_phone_and_contact(editor, organisation):
    service = services.service_create(
        user=editor, organisation=organisation, data=data()
    )
    phone = services.phone_add(user=editor, service=service, number="+351 21 000 0000")
    assert phone.number == "+351 21 000 0000"
    with pytest.raises(ValidationError, match="not a phone number"):
        services.phone_add(user=editor, service=service, number="call us")
    contact = services.contact_add(
        user=editor, service=service, name="Ana", email="ana@example.org"
    )
    assert contact.pk
    with pytest.raises(ValidationError) as error:
        services.contact_add(user=editor, service=service, email="bad", phone="x")
    assert set(error.value.message_dict) == {"email", "phone"}
    with pytest.raises(ValidationError):
        services.contact_add(user=editor, service=service)
    assert Phone.objects.count() == 1 and Contact.objects.count() == 1
