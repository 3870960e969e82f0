"""iCalendar: every file parsed with icalendar, times checked against the
event's local time converted by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from convivio.core.translation import save_translation
from convivio.events import ics, services
from convivio.events.models import Event
from tests.community.factories import coordinator_of, make_network
from tests.factories import UserFactory

from .factories import make_event

pytestmark = pytest.mark.django_db

# 15 July 2027, 18:30 in Lisbon is summer time (UTC+1): 17:30 UTC.
LISBON_START = datetime(2027, 7, 15, 18, 30, tzinfo=ZoneInfo("Europe/Lisbon"))
LISBON_START_UTC = datetime(2027, 7, 15, 17, 30, tzinfo=UTC)
# 20 January 2027, 10:00 in Berlin is winter time (UTC+1): 09:00 UTC.
BERLIN_START = datetime(2027, 1, 20, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
BERLIN_START_UTC = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


def parse(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


@pytest.fixture
def network():
    return make_network()


@pytest.fixture
def workshop(network):
    return make_event(
        network,
        title="Oficina: saúde e direitos",
        starts_at=LISBON_START,
        time_zone="Europe/Lisbon",
        address="Centro Cívico, Rua Nova 12, Vale Novo",
        description="Conversa aberta sobre o acesso à saúde.",
    )


def test_one_event(client, workshop):
    response = client.get(reverse("events:ics", args=[workshop.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = parse(response.content)
    (vevent,) = cal.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Lisbon"
    assert vevent.decoded("DTSTART").astimezone(UTC) == LISBON_START_UTC
    assert vevent.decoded("DTEND").astimezone(UTC) == LISBON_START_UTC + timedelta(
        hours=2
    )
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Lisbon"]
    assert str(vevent["SUMMARY"]) == "Oficina: saúde e direitos"
    assert "Centro Cívico, Rua Nova 12, Vale Novo" in str(vevent["DESCRIPTION"])
    assert "Conversa aberta" in str(vevent["DESCRIPTION"])
    assert str(vevent["LOCATION"]) == "Centro Cívico, Rua Nova 12, Vale Novo"
    assert str(vevent["URL"]).endswith(f"/events/{workshop.pk}/")
    assert str(vevent["UID"]).startswith(f"event-{workshop.pk}@")
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_online_event_gives_its_link(client, network):
    event = make_event(
        network,
        starts_at=BERLIN_START,
        time_zone="Europe/Berlin",
        format=Event.Format.ONLINE,
        address="",
        link="https://meet.example.org/vale-novo",
    )
    cal = parse(client.get(reverse("events:ics", args=[event.pk])).content)
    (vevent,) = cal.walk("VEVENT")
    assert vevent.decoded("DTSTART").astimezone(UTC) == BERLIN_START_UTC
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert "https://meet.example.org/vale-novo" in str(vevent["DESCRIPTION"])
    assert str(vevent["LOCATION"]) == "https://meet.example.org/vale-novo"


def test_network_feed_with_a_cancelled_event(client, network, workshop):
    other = make_event(
        network, title="Reunião", starts_at=BERLIN_START, time_zone="Europe/Berlin"
    )
    make_event(network, title="Ainda em rascunho", status=Event.Status.DRAFT)
    services.event_update(coordinator_of(network), other, status=Event.Status.CANCELLED)
    cal = parse(client.get(reverse("events:network_feed", args=[network.pk])).content)
    found = {str(v["SUMMARY"]): v for v in cal.walk("VEVENT")}
    assert set(found) == {"Oficina: saúde e direitos", "Reunião"}
    assert str(found["Reunião"]["STATUS"]) == "CANCELLED"
    assert found["Reunião"].decoded("DTSTART").astimezone(UTC) == BERLIN_START_UTC
    assert sorted(tz["TZID"] for tz in cal.walk("VTIMEZONE")) == [
        "Europe/Berlin",
        "Europe/Lisbon",
    ]


def test_personal_feed(client, network, workshop):
    person = UserFactory()
    other = make_event(
        network, title="Outra", starts_at=BERLIN_START, time_zone="Europe/Berlin"
    )
    services.register(person, workshop)
    cancelled = services.register(person, other)
    services.registration_cancel(person, cancelled)
    client.force_login(person)
    page = client.get(reverse("events:mine"))
    token = ics.feed_token(person)
    assert token in page.content.decode()
    client.logout()  # calendar programs do not sign in
    cal = parse(client.get(reverse("events:person_feed", args=[token])).content)
    assert [str(v["SUMMARY"]) for v in cal.walk("VEVENT")] == [
        "Oficina: saúde e direitos"
    ]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(reverse("events:person_feed", args=[forged])).status_code == 404


def test_confirmation_mail_carries_the_ics_in_the_registrants_language(
    workshop, django_capture_on_commit_callbacks
):
    save_translation(workshop, "es", {"title": "Taller: salud y derechos"})
    with django_capture_on_commit_callbacks(execute=True):
        services.register(
            None, workshop, name="Lucía", email="lucia@example.org", language="es"
        )
    (message,) = mail.outbox
    assert message.to == ["lucia@example.org"]
    assert "Taller: salud y derechos" in message.subject
    ((filename, body, mimetype),) = message.attachments
    assert (filename, mimetype) == ("event.ics", "text/calendar")
    (vevent,) = parse(body.encode() if isinstance(body, str) else body).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Taller: salud y derechos"
    assert vevent.decoded("DTSTART").astimezone(UTC) == LISBON_START_UTC


def test_add_to_calendar_links(workshop):
    links = dict(ics.add_links(workshop, "pt"))
    google = parse_qs(urlparse(links["Google Calendar"]).query)
    assert google["dates"] == ["20270715T173000Z/20270715T193000Z"]
    assert google["text"] == ["Oficina: saúde e direitos"]
    assert google["location"] == ["Centro Cívico, Rua Nova 12, Vale Novo"]
    for service, host in (
        ("Outlook.com", "outlook.live.com"),
        ("Office 365", "outlook.office.com"),
    ):
        address = urlparse(links[service])
        query = parse_qs(address.query)
        assert address.netloc == host
        assert query["startdt"] == ["2027-07-15T17:30:00Z"]
        assert query["enddt"] == ["2027-07-15T19:30:00Z"]
