"""An event in the browser, JavaScript on.

A coordinator creates a workshop of their network with two places; three people
register (the third joins the waiting list); the second cancels and the third is
promoted; the coordinator marks who came, writes the minutes and outcomes, turns
them into a draft collection and lands on its page.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from playwright.sync_api import Page, expect

from convivio.events import services
from convivio.events.models import Event, Registration
from tests.community.factories import make_network
from tests.events.factories import soon
from tests.factories import UserFactory

from .helpers import PHONE, field

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery"  # what UserFactory gives everybody
TITLE = "Workshop on housing rights"


@pytest.fixture
def people(reference_data) -> SimpleNamespace:
    coordinator = UserFactory(username="coordinator")
    network = make_network(
        coordinator, name="Local forum of Vale Verde", place="Vale Verde"
    )
    return SimpleNamespace(
        network=network,
        coordinator=coordinator,
        guests=[UserFactory(username=name) for name in ("amina", "bohdan", "carla")],
    )


def register(page: Page, base: str, event: Event, button: str) -> None:
    page.goto(f"{base}/en/events/{event.pk}/")
    page.get_by_role("button", name=button).click()
    expect(page.locator("h1")).to_have_text("Your registration")


def test_coordinator_runs_an_event(live_server, people, new_page, sign_in):
    base = live_server.url
    organiser = new_page()
    sign_in(organiser, "coordinator", PASSWORD)
    organiser.goto(f"{base}/en/events/new/?network={people.network.pk}")
    field(organiser, "Title").fill(TITLE)
    field(organiser, "Starts").fill("2031-05-10T18:00")
    field(organiser, "Ends").fill("2031-05-10T20:00")
    organiser.get_by_label("in person", exact=True).check()
    field(organiser, "Address").fill("Town library, Market Square 2")
    field(organiser, "Places").fill("2")
    organiser.get_by_role("button", name="Save the event").click()
    expect(organiser.locator("h1")).to_have_text(TITLE)
    event = Event.objects.get()
    assert (event.capacity, event.status) == (2, "published")
    expect(organiser.locator(".event-when")).to_contain_text("18:00")
    expect(organiser.locator(".event-when")).to_contain_text("Europe/Lisbon")

    guests = []
    for person, button in zip(
        people.guests, ("Register", "Register", "Join the waiting list"), strict=True
    ):
        page = new_page()
        sign_in(page, person.username, PASSWORD)
        register(page, base, event, button)
        guests.append(page)
    expect(guests[0].locator(".registration-status")).to_have_text(
        "You are registered."
    )
    expect(guests[2].locator(".registration-status")).to_contain_text(
        "You are on the waiting list, number 1."
    )

    # Bohdan cancels: Carla, first on the waiting list, takes the place.
    guests[1].goto(f"{base}/en/events/{event.pk}/")
    guests[1].get_by_role("button", name="Cancel my registration").click()
    # The place went to Carla: the event is full again.
    expect(
        guests[1].get_by_role("button", name="Join the waiting list")
    ).to_be_visible()
    guests[2].goto(f"{base}/en/events/{event.pk}/")
    expect(guests[2].locator(".my-registration")).to_contain_text("You are registered.")

    # Attendance: Amina and Carla came.
    organiser.goto(f"{base}/en/events/{event.pk}/")
    organiser.get_by_role("link", name="Registrations and attendance").click()
    expect(organiser.locator(".count-registered")).to_have_text("2 registered")
    for name in ("amina", "carla"):
        pk = Registration.objects.get(event=event, user__username=name).pk
        organiser.locator(f"#attended-{pk}").check()
    organiser.get_by_role("button", name="Save attendance").click()
    expect(organiser.locator(".count-attended")).to_have_text("2 came")

    # Minutes and outcomes, then the booklet.
    organiser.goto(f"{base}/en/events/{event.pk}/")
    organiser.get_by_role("link", name="Minutes and outcomes").click()
    field(organiser, "Minutes").fill("Twelve people came; two interpreters.")
    field(organiser, "Outcomes").fill(
        "What worked: **mediators** at the door. "
        "What did not: letters only in Portuguese."
    )
    organiser.get_by_role("button", name="Save", exact=True).click()
    organiser.get_by_role("button", name="Make a booklet from the outcomes").click()
    expect(organiser.locator("h1")).to_have_text(f"{TITLE}: outcomes")
    expect(organiser.locator("article.collection strong")).to_have_text("mediators")
    event.refresh_from_db()
    assert organiser.url.endswith(f"/collections/{event.collection_id}/")


def test_visitor_registers_in_arabic_on_a_phone(live_server, people, new_page):
    """No account: a name and an e-mail address, in Arabic, on a small screen."""
    start = soon(days=5)
    event = services.event_create(
        people.coordinator,
        title="Sessão sobre arrendamento",
        language="pt",
        network=people.network,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        address="Biblioteca, Praça 2",
        capacity=1,
        status=Event.Status.PUBLISHED,
        interpretation=["ar"],
    )
    services.register(people.guests[0], event, send_mail=False)
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/ar/events/{event.pk}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("Sessão sobre arrendamento")
    expect(page.locator("article.event")).to_have_attribute("lang", "pt")
    form = page.locator("section.event-registration form")
    form.locator("input[name=name]").fill("فاطمة")
    form.locator("input[name=email]").fill("fatima@example.org")
    form.locator("select[name=needs_interpretation]").select_option("ar")
    form.locator("button[type=submit]").click()
    registration = Registration.objects.get(email="fatima@example.org")
    expect(page.locator(".registration-code")).to_have_text(registration.code)
    assert registration.status == "waiting" and registration.language == "ar"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
