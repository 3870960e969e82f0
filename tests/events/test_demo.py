"""The demo's events: a past workshop with its booklet, a coming session with a
full house and a waiting list in order of arrival; loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.demo.community import community_demo_load
from convivio.demo.events import COMING_TITLE, PAST_TITLE, events_demo_load
from convivio.events.models import Event, EventTranslation
from tests.plans.factories import make_territory

pytestmark = pytest.mark.django_db


def test_demo_events(client):
    community = community_demo_load(make_territory("Vale Novo"))
    assert events_demo_load(community) == 2
    assert events_demo_load(community) == 0
    coming = EventTranslation.objects.get(title=COMING_TITLE).event
    rows = list(coming.registrations.order_by("position").values_list("name", "status"))
    assert [s for _, s in rows] == ["registered"] * 4 + ["waiting"] * 2
    assert [n for n, _ in rows[-2:]] == ["Fátima Rahman", "Joana Duarte"]
    past = EventTranslation.objects.get(title=PAST_TITLE).event
    assert past.status == Event.Status.PUBLISHED and past.collection_id is not None
    assert past.registrations.filter(attended=True).count() == 2
    page = client.get(reverse("events:detail", args=[past.pk]))
    assert page.status_code == 200
    # The booklet is a draft: its organiser opens it, a visitor does not.
    assert client.get(past.collection.get_absolute_url()).status_code == 404
    client.force_login(past.collection.created_by)
    assert client.get(past.collection.get_absolute_url()).status_code == 200
