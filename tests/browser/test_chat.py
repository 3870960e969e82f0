"""Two people chat in their network, each in their own browser: what one sends
appears on the other's page without reloading (the room polls for new
messages), and back."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from convivio.chat import services
from tests.community.factories import add_member, make_network
from tests.factories import UserFactory

from .helpers import field

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery"  # what UserFactory gives everybody


def send(page: Page, text: str) -> None:
    field(page, "Message").fill(text)
    page.get_by_role("button", name="Send").click()


def test_two_people_see_each_others_messages_without_reloading(
    reference_data, live_server, new_page, sign_in
):
    ana = UserFactory(username="ana")
    forum = make_network(ana, name="Fórum Local de Vale Novo")
    add_member(forum, UserFactory(username="bruno"))
    room = services.room_for_network(forum)
    url = f"{live_server.url}/en/chat/rooms/{room.pk}/"

    first, second = new_page(), new_page()
    sign_in(first, "ana", PASSWORD)
    sign_in(second, "bruno", PASSWORD)
    first.goto(url)
    second.goto(url)
    expect(first.locator("h1")).to_have_text("Fórum Local de Vale Novo")
    second_loaded = second.evaluate("performance.timeOrigin")

    send(first, "Olá Bruno! <script>document.title='x'</script> Reunião na quinta?")
    # The sender's form is empty again and the message is on their page.
    expect(field(first, "Message")).to_have_value("")
    mine = first.locator(".chat-message.mine .chat-body")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text("Reunião na quinta?")
    # The other person's page shows it by itself, as text.
    theirs = second.locator(".chat-message .chat-body")
    expect(theirs).to_contain_text(["<script>document.title='x'</script>"])
    assert second.title() != "x"

    send(second, "Olá Ana, sim: às 18h na biblioteca.")
    expect(first.locator(".chat-message .chat-body")).to_have_count(2)
    expect(first.locator(".chat-message .chat-body").nth(1)).to_have_text(
        "Olá Ana, sim: às 18h na biblioteca."
    )
    # Each message once, in order, on both pages, which were never reloaded.
    for page in (first, second):
        expect(page.locator(".chat-message .chat-body")).to_have_text(
            [
                "Olá Bruno! <script>document.title='x'</script> Reunião na quinta?",
                "Olá Ana, sim: às 18h na biblioteca.",
            ]
        )
    assert second.evaluate("performance.timeOrigin") == second_loaded

    # The list of rooms: nothing unread for either of them now.
    first.goto(f"{live_server.url}/en/chat/")
    expect(first.locator(".chat-rooms li")).to_have_count(1)
    expect(first.locator(".badge.unread")).to_have_count(0)
