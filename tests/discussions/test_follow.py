"""Following a discussion from its page: the form on the thread page, the
e-mail each reply then sends, and who may not follow it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from convivio.community import notifications
from convivio.community.models import Network, Subscription
from tests.community.factories import add_member, make_network
from tests.discussions.factories import make_thread, reply
from tests.factories import UserFactory
from tests.html import soup_of

pytestmark = pytest.mark.django_db

EACH_TIME = "an e-mail each time"


def _follow_form(response):
    forms = soup_of(response).select("form.follow-form")
    return forms[0] if forms else None


def follow_from_page(client, url: str, label: str = EACH_TIME):
    """Open the page, pick ``label`` in its follow form and send it, as a
    reader would."""
    form = _follow_form(client.get(url))
    assert form is not None, "no follow form on the page"
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    options = {o.get_text(strip=True): o["value"] for o in form.select("option")}
    data["mode"] = options[label]
    return client.post(form["action"], data)


def _mails_to(person) -> list:
    return [m for m in mail.outbox if m.to == [person.email]]


def test_a_reader_follows_a_thread_and_the_next_reply_emails_them(
    client, django_capture_on_commit_callbacks
):
    author = UserFactory(first_name="Eva", last_name="Lopes")
    network = make_network(author)
    thread = make_thread(author, network=network, title="Horta comunitária")
    reader = UserFactory()  # signed in, not a member: the network is public
    client.force_login(reader)
    page = thread.get_absolute_url()
    form = _follow_form(client.get(page))
    assert [o["value"] for o in form.select("option[selected]")] == ["off"]

    response = follow_from_page(client, page)
    assert response.status_code == 302 and response["Location"] == page
    topic = notifications.topic("thread", thread.pk)
    assert notifications.mode_of(reader, topic) == Subscription.Mode.IMMEDIATE
    # The page shows the choice made.
    form = _follow_form(client.get(page))
    assert [o["value"] for o in form.select("option[selected]")] == ["immediate"]

    with django_capture_on_commit_callbacks(execute=True):
        post = reply(author, thread, body="A primeira colheita é no sábado.")
    sent = _mails_to(reader)
    assert len(sent) == 1
    assert "Horta comunitária" in sent[0].subject
    assert post.get_absolute_url() in sent[0].body
    assert sent[0].extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    # The author is not told of their own post.
    assert _mails_to(author) == []


def test_what_i_follow_lists_the_thread_with_its_address(client):
    author = UserFactory()
    thread = make_thread(author, network=make_network(author), title="Transportes")
    reader = UserFactory()
    notifications.subscribe(reader, notifications.topic("thread", thread.pk), "site")
    client.force_login(reader)
    links = soup_of(client.get(reverse("community:notification_settings"))).select(
        "td a"
    )
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Transportes", thread.get_absolute_url())
    ]


def test_a_members_only_thread_cannot_be_followed_from_outside(client):
    coordinator = UserFactory()
    closed = make_network(coordinator, visibility=Network.Visibility.MEMBERS)
    thread = make_thread(coordinator, network=closed, title="Só para membros")
    topic = notifications.topic("thread", thread.pk)
    outsider = UserFactory()
    client.force_login(outsider)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 404  # its page is not theirs to open
    assert _follow_form(response) is None
    # The include placed elsewhere shows them no form either.
    request = RequestFactory().get("/")
    request.user = outsider
    html = Template(
        '{% include "community/notifications/follow.html" with topic=topic %}'
    ).render(Context({"request": request, "user": outsider, "topic": topic}))
    assert "<form" not in html
    # A forged POST changes nothing.
    response = client.post(
        reverse("community:follow"), {"topic": topic, "mode": "immediate"}
    )
    assert response.status_code == 403
    assert not Subscription.objects.filter(user=outsider).exists()
    assert not notifications.can_follow(outsider, topic)
    # A member of the network sees the form.
    member = add_member(closed)
    client.force_login(member)
    assert _follow_form(client.get(thread.get_absolute_url())) is not None


def test_who_left_a_members_only_network_hears_no_more_of_its_thread(
    django_capture_on_commit_callbacks,
):
    coordinator = UserFactory()
    closed = make_network(coordinator, visibility=Network.Visibility.MEMBERS)
    thread = make_thread(coordinator, network=closed)
    member = add_member(closed)
    notifications.subscribe(
        member, notifications.topic("thread", thread.pk), "immediate"
    )
    closed.members.filter(user=member).delete()
    with django_capture_on_commit_callbacks(execute=True):
        reply(coordinator, thread, body="Reunião na terça.")
    assert _mails_to(member) == []
    assert not member.notifications.exists()


def test_a_wrong_or_hostile_topic_shows_no_form():
    person = UserFactory()
    request = RequestFactory().get("/")
    request.user = person
    for topic in ("thread:999999", "<script>alert(1)</script>", "x" * 10_000):
        html = Template(
            '{% include "community/notifications/follow.html" with topic=topic %}'
        ).render(Context({"request": request, "user": person, "topic": topic}))
        assert "<form" not in html, topic


def test_the_thread_page_of_a_follower_stays_within_its_bound(
    client, django_assert_max_num_queries
):
    author = UserFactory()
    network = make_network(author)
    thread = make_thread(author, network=network)
    people = [add_member(network) for _ in range(3)]
    for person in people:
        reply(person, thread)
    reader = people[0]
    notifications.subscribe(reader, notifications.topic("thread", thread.pk), "digest")
    client.force_login(reader)
    client.get(thread.get_absolute_url())  # sessions and caches warm
    with django_assert_max_num_queries(16):  # the thread page's bound
        response = client.get(thread.get_absolute_url())
    form = _follow_form(response)
    assert [o["value"] for o in form.select("option[selected]")] == ["digest"]
