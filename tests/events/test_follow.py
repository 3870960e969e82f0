"""Following an event from its page: the form on the event page, the e-mail a
change of time or place then sends, and who may not follow it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from convivio.community import notifications
from convivio.community.models import Network, Subscription
from convivio.events import services
from tests.community.factories import add_member, coordinator_of, make_network
from tests.factories import UserFactory
from tests.html import soup_of

from .factories import make_event

pytestmark = pytest.mark.django_db

EACH_TIME = "an e-mail each time"


def _follow_form(response):
    forms = soup_of(response).select("form.follow-form")
    return forms[0] if forms else None


def follow_from_page(client, url: str, label: str = EACH_TIME):
    """Open the page, pick ``label`` in its follow form and send it."""
    form = _follow_form(client.get(url))
    assert form is not None, "no follow form on the page"
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    options = {o.get_text(strip=True): o["value"] for o in form.select("option")}
    data["mode"] = options[label]
    return client.post(form["action"], data)


def _mails_to(person) -> list:
    return [m for m in mail.outbox if m.to == [person.email]]


def _move(event, hours: int = 1):
    services.event_update(
        coordinator_of(event.network),
        event,
        starts_at=event.starts_at + timedelta(hours=hours),
        ends_at=event.ends_at + timedelta(hours=hours),
    )


def test_a_reader_follows_an_event_and_hears_of_its_change_by_email(
    client, django_capture_on_commit_callbacks
):
    network = make_network()
    event = make_event(network, title="Oficina de hortas")
    reader = UserFactory()  # signed in, neither member nor registered
    client.force_login(reader)
    page = event.get_absolute_url()
    form = _follow_form(client.get(page))
    assert [o["value"] for o in form.select("option[selected]")] == ["off"]

    response = follow_from_page(client, page)
    assert response.status_code == 302 and response["Location"] == page
    topic = notifications.topic("event", event.pk)
    assert notifications.mode_of(reader, topic) == Subscription.Mode.IMMEDIATE
    form = _follow_form(client.get(page))
    assert [o["value"] for o in form.select("option[selected]")] == ["immediate"]

    with django_capture_on_commit_callbacks(execute=True):
        _move(event)
    sent = _mails_to(reader)
    assert len(sent) == 1
    assert "Oficina de hortas" in sent[0].subject
    assert page in sent[0].body
    assert reader.notifications.get().kind == "events.changed"
    # A change that is neither time nor place tells nobody.
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            coordinator_of(network), event, description="Tragam luvas."
        )
    assert len(_mails_to(reader)) == 1


def test_a_follower_who_chose_the_site_only_gets_no_email(
    client, django_capture_on_commit_callbacks
):
    event = make_event(make_network())
    reader = UserFactory()
    client.force_login(reader)
    follow_from_page(client, event.get_absolute_url(), "only in the site")
    with django_capture_on_commit_callbacks(execute=True):
        _move(event)
    assert _mails_to(reader) == []
    assert reader.notifications.get().kind == "events.changed"


def test_what_i_follow_lists_the_event_in_the_readers_language(client):
    event = make_event(make_network(), title="Oficina de hortas")
    reader = UserFactory()
    notifications.subscribe(reader, notifications.topic("event", event.pk), "site")
    client.force_login(reader)
    links = soup_of(client.get(reverse("community:notification_settings"))).select(
        "td a"
    )
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Oficina de hortas", event.get_absolute_url())
    ]


def test_a_members_only_event_cannot_be_followed_from_outside(
    client, django_capture_on_commit_callbacks
):
    closed = make_network(visibility=Network.Visibility.MEMBERS)
    event = make_event(closed)
    topic = notifications.topic("event", event.pk)
    outsider = UserFactory()
    client.force_login(outsider)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 403
    assert _follow_form(response) is None
    response = client.post(
        reverse("community:follow"), {"topic": topic, "mode": "immediate"}
    )
    assert response.status_code == 403
    assert not Subscription.objects.filter(user=outsider).exists()
    # A member follows it; once they leave the network they hear no more.
    member = add_member(closed)
    client.force_login(member)
    assert follow_from_page(client, event.get_absolute_url()).status_code == 302
    closed.members.filter(user=member).delete()
    with django_capture_on_commit_callbacks(execute=True):
        _move(event)
    assert _mails_to(member) == []
    assert not member.notifications.filter(kind="events.changed").exists()


def test_a_draft_is_followed_by_its_organisers_only(client):
    network = make_network()
    draft = make_event(network, status="draft")
    topic = notifications.topic("event", draft.pk)
    reader = UserFactory()
    client.force_login(reader)
    response = client.post(
        reverse("community:follow"), {"topic": topic, "mode": "digest"}
    )
    assert response.status_code == 403
    assert not Subscription.objects.filter(user=reader).exists()
    client.force_login(coordinator_of(network))
    assert _follow_form(client.get(draft.get_absolute_url())) is not None


def test_the_event_page_of_a_signed_in_follower_stays_within_its_bound(
    client, django_assert_max_num_queries
):
    network = make_network()
    event = make_event(network, capacity=2, languages=["pt", "en"])
    for _ in range(3):
        services.register(UserFactory(), event, show_in_public_list=True)
    reader = add_member(network)
    notifications.subscribe(reader, notifications.topic("event", event.pk), "digest")
    client.force_login(reader)
    client.get(event.get_absolute_url())  # sessions and caches warm
    with django_assert_max_num_queries(20):  # the event page's bound
        response = client.get(event.get_absolute_url())
    form = _follow_form(response)
    assert [o["value"] for o in form.select("option[selected]")] == ["digest"]
