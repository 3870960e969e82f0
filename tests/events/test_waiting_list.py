"""The waiting list, counted by hand: first come, first served."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from convivio.community.models import Notification
from convivio.events import services
from convivio.events.models import Registration
from tests.community.factories import coordinator_of, make_network
from tests.factories import UserFactory

from .factories import make_event

pytestmark = pytest.mark.django_db


def statuses(event) -> list[tuple[str, str]]:
    return list(
        event.registrations.order_by("position").values_list("user__username", "status")
    )


@pytest.fixture
def full_house(django_capture_on_commit_callbacks):
    network = make_network()
    event = make_event(network, capacity=3)
    people = [UserFactory(username=f"p{i}") for i in range(1, 6)]
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [services.register(p, event) for p in people]
    return event, people, registrations


def test_capacity_three_five_register(full_house):
    event, people, _ = full_house
    assert statuses(event) == [
        ("p1", "registered"),
        ("p2", "registered"),
        ("p3", "registered"),
        ("p4", "waiting"),
        ("p5", "waiting"),
    ]
    kinds = list(
        Notification.objects.filter(user__in=people)
        .order_by("user__username")
        .values_list("user__username", "kind")
    )
    assert kinds == [
        ("p1", "events.registered"),
        ("p2", "events.registered"),
        ("p3", "events.registered"),
        ("p4", "events.waiting"),
        ("p5", "events.waiting"),
    ]
    # Each got an e-mail; those with a place have the calendar file.
    assert len(mail.outbox) == 5
    assert [len(m.attachments) for m in mail.outbox] == [1, 1, 1, 0, 0]


def test_one_cancels_the_first_waiting_is_promoted(
    full_house, django_capture_on_commit_callbacks
):
    event, people, registrations = full_house
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(people[1], registrations[1])
    assert statuses(event) == [
        ("p1", "registered"),
        ("p2", "cancelled"),
        ("p3", "registered"),
        ("p4", "registered"),
        ("p5", "waiting"),
    ]
    assert (
        Notification.objects.filter(user=people[3], kind="events.promoted").count() == 1
    )
    assert (
        Notification.objects.filter(user=people[4], kind="events.promoted").count() == 0
    )
    assert [m.to for m in mail.outbox] == [[people[3].email]]


def test_cancelling_a_waiting_place_promotes_nobody(full_house):
    event, people, registrations = full_house
    services.registration_cancel(people[3], registrations[3])
    assert statuses(event)[3:] == [("p4", "cancelled"), ("p5", "waiting")]


def test_capacity_raised_promotes_the_next(full_house):
    event, people, _ = full_house
    services.registration_cancel(people[1], Registration.objects.get(user=people[1]))
    services.event_update(coordinator_of(event.network), event, capacity=4)
    assert statuses(event) == [
        ("p1", "registered"),
        ("p2", "cancelled"),
        ("p3", "registered"),
        ("p4", "registered"),
        ("p5", "registered"),
    ]


def test_capacity_lowered_moves_nobody_out(full_house):
    event, _people, _ = full_house
    services.event_update(coordinator_of(event.network), event, capacity=2)
    assert [s for _, s in statuses(event)].count("registered") == 3
    # The next to arrive waits, behind those already waiting.
    late = UserFactory(username="p6")
    assert services.register(late, event).status == "waiting"


def test_registering_twice_is_refused(full_house):
    event, people, _ = full_house
    with pytest.raises(ValidationError):
        services.register(people[0], event)
    assert event.registrations.count() == 5


def test_a_stranger_cannot_cancel_someone_else(full_house):
    _event, _people, registrations = full_house
    with pytest.raises(PermissionDenied):
        services.registration_cancel(UserFactory(), registrations[0])
    assert (
        registrations[0].__class__.objects.get(pk=registrations[0].pk).status
        == "registered"
    )


def test_visitor_registers_and_cancels_with_the_code():
    event = make_event(make_network(), capacity=1)
    first = services.register(None, event, name="Amina", email="amina@example.org")
    second = services.register(None, event, name="Rui", email="rui@example.org")
    assert (first.status, second.status) == ("registered", "waiting")
    with pytest.raises(PermissionDenied):
        services.registration_cancel(None, first, code="WRONG")
    services.registration_cancel(None, first, code=first.code)
    second.refresh_from_db()
    assert second.status == "registered"
    with pytest.raises(ValidationError):
        services.register(None, event, name="Rui again", email="RUI@example.org")


def test_codes_are_unique_and_readable(full_house):
    _, _, registrations = full_house
    codes = {r.code for r in registrations}
    assert len(codes) == 5
    assert all(len(c) == 8 and not set(c) & set("01OIL") for c in codes)


def test_check_in_and_attendance(full_house):
    event, people, registrations = full_house
    coordinator = coordinator_of(event.network)
    found = services.check_in(coordinator, event, f" {registrations[0].code.lower()} ")
    assert found.pk == registrations[0].pk and found.attended
    with pytest.raises(ValidationError):
        services.check_in(coordinator, event, "NOPE")
    came = services.attendance_set(
        coordinator, event, [registrations[1].pk, registrations[2].pk]
    )
    assert came == 2
    assert sorted(
        event.registrations.filter(attended=True).values_list("pk", flat=True)
    ) == [
        registrations[1].pk,
        registrations[2].pk,
    ]
    with pytest.raises(PermissionDenied):
        services.attendance_set(people[0], event, [registrations[0].pk])


def test_cancelled_or_changed_events_are_told(
    full_house, django_capture_on_commit_callbacks
):
    event = full_house[0]
    coordinator = coordinator_of(event.network)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(coordinator, event, address="Outra sala, Rua 5")
    changed = Notification.objects.filter(
        kind="events.changed", topic=f"event:{event.pk}"
    )
    assert sorted(changed.values_list("user__username", flat=True)) == [
        "p1",
        "p2",
        "p3",
        "p4",
        "p5",
    ]
    assert len(mail.outbox) == 5
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(coordinator, event, status="cancelled")
    assert Notification.objects.filter(kind="events.cancelled").count() == 5
    # Editing the text only tells nobody.
    services.event_update(coordinator, event, description="Mais pormenores.")
    assert Notification.objects.filter(kind="events.changed").count() == 5


def test_attendance_of_one_page_leaves_the_other_rows(full_house):
    event, _people, registrations = full_house
    coordinator = coordinator_of(event.network)
    services.attendance_set(coordinator, event, [r.pk for r in registrations])
    # A page showing the first two rows, only the first ticked.
    came = services.attendance_set(
        coordinator,
        event,
        [registrations[0].pk],
        among=[registrations[0].pk, registrations[1].pk],
    )
    assert came == 4
    attended = dict(event.registrations.values_list("pk", "attended"))
    assert [attended[r.pk] for r in registrations] == [True, False, True, True, True]
