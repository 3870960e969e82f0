"""Nothing is lost when 50 clients post to one chat at once: 50 threads, each
with its own database connection, send through the view at the same instant."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from convivio.chat import services
from convivio.chat.models import Message
from tests.community.factories import add_member, make_network
from tests.factories import UserFactory

CLIENTS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_clients_posting_at_once_lose_nothing():
    forum = make_network(UserFactory(username="coordinator"))
    room = services.room_for_network(forum)
    people = [add_member(forum, UserFactory(username=f"p{n}")) for n in range(CLIENTS)]
    clients = []
    for person in people:
        client = Client()
        client.force_login(person)
        clients.append(client)
    url = reverse("chat:send", args=[room.pk])
    start = threading.Barrier(CLIENTS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def post(number: int) -> None:
        try:
            start.wait()
            response = clients[number].post(
                url, {"body": f"mensagem {number}"}, HTTP_HX_REQUEST="true"
            )
            statuses.append(response.status_code)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [200] * CLIENTS
    bodies = sorted(Message.objects.filter(room=room).values_list("body", flat=True))
    assert bodies == sorted(f"mensagem {n}" for n in range(CLIENTS))
    authors = set(Message.objects.values_list("author__username", flat=True))
    assert authors == {f"p{n}" for n in range(CLIENTS)}
