"""The network page's follow form (topic ``network:<id>``)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.community import notifications
from convivio.community.models import Network, Subscription
from tests.community.factories import add_member, make_network
from tests.factories import UserFactory
from tests.html import soup_of

pytestmark = pytest.mark.django_db


def _selected(response) -> list[str] | None:
    forms = soup_of(response).select("form.follow-form")
    if not forms:
        return None
    return [o["value"] for o in forms[0].select("option[selected]")]


def test_the_network_page_offers_its_readers_to_follow_it(client):
    network = make_network()
    member = add_member(network)  # follows it in the digest on joining
    client.force_login(member)
    assert _selected(client.get(network.get_absolute_url())) == ["digest"]
    client.force_login(UserFactory())
    assert _selected(client.get(network.get_absolute_url())) == ["off"]
    client.logout()
    assert _selected(client.get(network.get_absolute_url())) is None


def test_a_members_only_network_is_not_followed_from_outside(client):
    closed = make_network(visibility=Network.Visibility.MEMBERS)
    outsider = UserFactory()
    client.force_login(outsider)
    response = client.get(closed.get_absolute_url())
    assert response.status_code in (403, 404)
    assert _selected(response) is None
    topic = notifications.topic("network", closed.pk)
    response = client.post(
        reverse("community:follow"), {"topic": topic, "mode": "site"}
    )
    assert response.status_code == 403
    assert not Subscription.objects.filter(user=outsider).exists()
