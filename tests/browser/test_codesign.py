"""A co-design process in the browser: a participant on a phone writes an
insight in the discover phase, the facilitator moves the process on, the
participant proposes a challenge and approves it, and the facilitator closes
the vote: the timeline marks the phase and shows the challenge chosen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.community.factories import add_member, make_network
from tests.factories import UserFactory

from .helpers import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery"
CHALLENGE = "Como podemos ter creche em todas as reuniões?"


def test_a_process_from_discover_to_a_chosen_challenge(
    new_page, live_server, sign_in, reference_data
):
    from convivio.codesign import services

    facilitator = UserFactory(username="facilitadora", password=PASSWORD)
    network = make_network(facilitator)
    participant = add_member(network, UserFactory(username="olena", password=PASSWORD))
    process = services.process_create(
        facilitator, network=network, title="Cuidar de quem cuida", language="pt"
    )
    url = f"{live_server.url}/en/codesign/{process.pk}/"

    phone = new_page(viewport=PHONE)
    sign_in(phone, participant.username, PASSWORD)
    phone.goto(url)
    expect(phone.locator(".codesign-phase.is-active h2")).to_contain_text("Discover")
    phone.locator("#insight-text").fill(
        "Falto às consultas: não tenho com quem deixar o meu filho."
    )
    phone.locator(
        "#phase-discover form.codesign-form button[type=submit]"
    ).first.click()
    expect(phone.locator("#phase-discover .codesign-items li")).to_contain_text(
        "não tenho com quem deixar"
    )

    desk = new_page()
    sign_in(desk, facilitator.username, PASSWORD)
    desk.goto(url)
    desk.get_by_role("button", name="Move to the next phase").click()
    expect(desk.locator(".codesign-phase.is-active")).to_have_attribute(
        "id", "phase-define"
    )

    phone.goto(url)
    phone.locator("#candidate-text").fill(CHALLENGE)
    phone.get_by_role("button", name="Propose").click()
    phone.locator("#phase-define .codesign-candidates").get_by_role(
        "button", name="Vote"
    ).click()
    expect(phone.locator("#phase-define .codesign-votes")).to_have_text("1 vote")

    desk.goto(url)
    desk.get_by_role("button", name="Close the vote").click()
    expect(desk.locator(".messages")).to_contain_text("the challenge is chosen")
    expect(desk.locator("p.codesign-challenge")).to_have_text(CHALLENGE)
