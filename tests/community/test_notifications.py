"""Notifications: following a topic, the list in the site, the unread count, the
e-mails (one at a time and the daily digest) and their one-click unsubscribe."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from convivio.community import emails, notifications
from convivio.community.models import Network, Notification, Subscription
from convivio.core.models import Profile
from tests.community.factories import add_member, coordinator_of, make_network
from tests.factories import UserFactory
from tests.html import soup_of, text_of, texts_of

pytestmark = pytest.mark.django_db

#: A kind whose sentence says in which language it was written.
PROBE = "test_language_probe"


@pytest.fixture(autouse=True)
def _probe_kind():
    notifications.register_kind(
        PROBE,
        lambda params: f"[{translation.get_language()}] {params.get('what', '')}",
    )


def _notify(people, network, what="news", mode=Subscription.Mode.SITE):
    return notifications.notify(
        people,
        kind=PROBE,
        params={"what": what},
        url=network.get_absolute_url(),
        topic=notifications.topic("network", network.pk),
        default_mode=mode,
    )


def _speaks(user, code):
    Profile.objects.filter(user=user).update(interface_language=code)
    user.refresh_from_db()


# ---------------------------------------------------------------- subscriptions


def test_a_new_member_follows_their_network_in_the_digest():
    network = make_network()
    person = add_member(network)
    assert notifications.mode_of(person, f"network:{network.pk}") == "digest"
    # The coordinator who made it too.
    assert notifications.mode_of(coordinator_of(network), f"network:{network.pk}") == (
        "digest"
    )


def test_a_members_choice_is_kept_when_they_join_again():
    network = make_network()
    person = add_member(network)
    notifications.subscribe(person, f"network:{network.pk}", "immediate")
    add_member(network, person, "observer")  # a change of role
    assert notifications.mode_of(person, f"network:{network.pk}") == "immediate"


def test_subscribe_and_unsubscribe():
    network = make_network()
    person = UserFactory()
    topic = f"network:{network.pk}"
    notifications.subscribe(person, topic, "immediate")
    assert notifications.mode_of(person, topic) == "immediate"
    notifications.subscribe(person, topic, "site")
    assert Subscription.objects.filter(user=person, topic=topic).count() == 1
    notifications.unsubscribe(person, topic)
    assert notifications.mode_of(person, topic) == "off"
    # Turned off: notify makes nothing for them.
    assert _notify([person], network) == []


def test_nobody_follows_a_members_only_network_from_outside():
    closed = make_network(visibility=Network.Visibility.MEMBERS)
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        notifications.subscribe(outsider, f"network:{closed.pk}", "digest")
    with pytest.raises(ValidationError):
        notifications.subscribe(outsider, "nothing:1", "digest")
    with pytest.raises(ValidationError):
        notifications.subscribe(outsider, f"network:{closed.pk}", "loud")
    assert not Subscription.objects.filter(user=outsider).exists()


def test_who_leaves_a_members_only_network_stops_following_it():
    closed = make_network(visibility=Network.Visibility.MEMBERS)
    person = add_member(closed)
    closed.members.filter(user=person).delete()
    assert notifications.mode_of(person, f"network:{closed.pk}") is None


def test_the_follow_form_saves_a_mode_and_refuses_wrong_input(client):
    network = make_network()
    person = UserFactory()
    client.force_login(person)
    url = reverse("community:follow")
    response = client.post(
        url, {"topic": f"network:{network.pk}", "mode": "immediate", "next": "/en/"}
    )
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert notifications.mode_of(person, f"network:{network.pk}") == "immediate"
    # Off.
    client.post(url, {"topic": f"network:{network.pk}", "mode": "off"})
    assert notifications.mode_of(person, f"network:{network.pk}") == "off"
    # Hostile or wrong input: a clear message, nothing saved.
    for body in (
        {"topic": "<script>alert(1)</script>", "mode": "digest"},
        {"topic": f"network:{network.pk}", "mode": "loud"},
        {"topic": "x" * 10_000, "mode": "digest"},
        {"topic": "network:999999", "mode": "digest"},
    ):
        response = client.post(url, body)
        assert response.status_code in (400, 403), body
    assert Subscription.objects.filter(user=person).count() == 1
    # An address elsewhere is never followed.
    response = client.post(
        url,
        {
            "topic": f"network:{network.pk}",
            "mode": "site",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("community:notification_settings")


def test_the_follow_include_shows_the_current_mode(client):
    from django.template import Context, Template
    from django.test import RequestFactory

    network = make_network()
    person = add_member(network)
    request = RequestFactory().get("/")
    request.user = person
    html = Template(
        '{% include "community/notifications/follow.html" with topic=topic %}'
    ).render(
        Context({"request": request, "user": person, "topic": f"network:{network.pk}"})
    )
    selected = soup_of(html).select("option[selected]")
    assert [o["value"] for o in selected] == ["digest"]
    # Nothing for a visitor.
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = Template(
        '{% include "community/notifications/follow.html" with topic=topic %}'
    ).render(Context({"request": request, "user": request.user, "topic": "network:1"}))
    assert "<form" not in html


def test_the_settings_page_lists_what_i_follow(client, django_assert_max_num_queries):
    person = UserFactory()
    names = ["Rede A", "Rede B", "Rede C"]
    for name in names:
        add_member(make_network(name=name), person)
    client.force_login(person)
    client.get(reverse("community:notifications"))  # the menu's count cached
    with django_assert_max_num_queries(8):
        response = client.get(reverse("community:notification_settings"))
    assert response.status_code == 200
    assert texts_of(response, "main tbody td:first-child") == names


# ------------------------------------------------------------------ in the site


def test_the_list_shows_unread_first_and_marks_read(client):
    network = make_network()
    person = add_member(network)
    old = _notify([person], network, "old")[0]
    _notify([person], network, "newer")
    notifications.mark_read(person, old.pk)
    _notify([person], network, "newest")
    client.force_login(person)
    response = client.get(reverse("community:notifications"))
    assert texts_of(response, ".notification-list li a") == [
        "[en] newest",
        "[en] newer",
        "[en] old",
    ]
    assert text_of(response, "summary .badge") == "2"
    # Opening one marks it read and goes to its address.
    newest = Notification.objects.filter(user=person, read_at__isnull=True).first()
    response = client.get(reverse("community:notification_open", args=[newest.pk]))
    assert response["Location"] == network.get_absolute_url()
    person.refresh_from_db()
    assert notifications.unread_count(person) == 1
    client.post(reverse("community:notifications_read_all"))
    person.refresh_from_db()
    assert notifications.unread_count(person) == 0
    response = client.get(reverse("community:notifications"))
    assert soup_of(response).select("summary .badge") == []


def test_nobody_reads_or_marks_another_persons_notification(client):
    network = make_network()
    person = add_member(network)
    theirs = _notify([person], network)[0]
    client.force_login(UserFactory())
    assert (
        client.get(reverse("community:notification_open", args=[theirs.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("community:notification_read", args=[theirs.pk])
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_costs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    network = make_network()
    person = add_member(network)
    for n in range(30):
        _notify([person], network, f"n{n}")
    client.force_login(person)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("community:notifications"))
    shown = texts_of(response, ".notification-list li a")
    assert len(shown) == settings.CONVIVIO_PAGE_SIZE


def test_the_unread_count_is_kept_on_the_account(client, django_assert_max_num_queries):
    network = make_network()
    person = add_member(network)
    others = [add_member(network) for _ in range(2)]
    _notify([person, *others], network)
    person.refresh_from_db()
    # Read with the account the request loads anyway: no query.
    with django_assert_max_num_queries(0):
        assert notifications.unread_count(person) == 1
    _notify([person], network)
    _notify([person], network)
    person.refresh_from_db()
    assert notifications.unread_count(person) == 3
    # Reading one moves it down by one, and only for its reader.
    first = Notification.objects.filter(user=person).order_by("pk").first()
    assert notifications.mark_read(person, first.pk)
    assert notifications.mark_read(person, first.pk)  # twice: counted once
    person.refresh_from_db()
    assert notifications.unread_count(person) == 2
    for other in others:
        other.refresh_from_db()
        assert notifications.unread_count(other) == 1
    # A count that drifted (a notification removed by hand) mends itself on
    # the notifications page.
    Notification.objects.filter(user=person, read_at__isnull=True).first().delete()
    client.force_login(person)
    response = client.get(reverse("community:notifications"))
    assert text_of(response, "summary .badge") == "1"
    person.refresh_from_db()
    assert person.unread_notifications == 1


# ---------------------------------------------------------------------- e-mails


def test_an_immediate_email_in_the_recipients_language(
    django_capture_on_commit_callbacks,
):
    network = make_network()
    person = add_member(network)
    _speaks(person, "pt")
    notifications.subscribe(person, f"network:{network.pk}", "immediate")
    with django_capture_on_commit_callbacks(execute=True):
        made = _notify([person], network, "reunião")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "[pt] reunião"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{settings.CONVIVIO_SITE_URL}/pt/notifications/")
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert unsubscribe.strip("<>") in message.body
    made[0].refresh_from_db()
    assert made[0].emailed_at is not None
    # Sent once.
    emails.send_immediate([made[0].pk])
    assert len(mail.outbox) == 1


def test_site_language_without_a_chosen_one(django_capture_on_commit_callbacks):
    network = make_network()
    person = add_member(network)
    notifications.subscribe(person, f"network:{network.pk}", "immediate")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([person], network, "x")
    assert mail.outbox[0].subject == f"[{settings.LANGUAGE_CODE}] x"


def test_the_digest_groups_by_topic_and_is_sent_once():
    forum = make_network(name="Fórum")
    group = make_network(name="Grupo")
    person = add_member(forum)
    add_member(group, person)
    _speaks(person, "es")
    other = add_member(forum)
    # Only in the site: never e-mailed.
    notifications.subscribe(other, f"network:{forum.pk}", "site")
    _notify([person, other], forum, "um", mode="digest")
    _notify([person], group, "dois")
    _notify([person], forum, "três")
    assert emails.send_digests() == 1
    assert len(mail.outbox) == 1
    mine = mail.outbox[0]
    assert mine.to == [person.email]
    body = mine.body
    # Grouped: each network's title, then its notifications in order.
    assert body.index("== Fórum ==") < body.index("[es] um") < body.index("[es] três")
    assert body.index("== Grupo ==") < body.index("[es] dois")
    assert body.count("== Fórum ==") == 1
    assert mine.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.filter(user=other, emailed_at__isnull=True).count() == 1
    assert not Notification.objects.filter(
        delivery="digest", emailed_at__isnull=True
    ).exists()
    # Idempotent: a second run sends nothing new.
    assert emails.send_digests() == 0
    assert len(mail.outbox) == 1
    _notify([person], forum, "cinco")
    call_command("send_digests", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2
    assert "cinco" in mail.outbox[1].body and "[es] um" not in mail.outbox[1].body


def test_a_topic_turned_off_before_the_digest_is_not_mailed():
    network = make_network()
    person = add_member(network)
    _notify([person], network, "um", mode="digest")
    notifications.subscribe(person, f"network:{network.pk}", "site")
    assert emails.send_digests() == 0
    assert mail.outbox == []


def test_one_click_unsubscribe_of_a_topic(client):
    network = make_network()
    person = add_member(network)
    topic = f"network:{network.pk}"
    token = emails.unsubscribe_token(person.pk, topic)
    url = reverse("community:unsubscribe", args=[token])
    # GET asks and changes nothing.
    response = client.get(url)
    assert response.status_code == 200
    assert notifications.mode_of(person, topic) == "digest"
    # The mail program's POST, without sign-in nor CSRF token.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        url, {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert notifications.mode_of(person, topic) == "site"
    _notify([person], network, "depois", mode="digest")
    assert emails.send_digests() == 0


def test_the_digests_link_stops_every_email(client):
    forum, group = make_network(name="A"), make_network(name="B")
    person = add_member(forum)
    add_member(group, person)
    notifications.subscribe(person, f"network:{group.pk}", "immediate")
    _notify([person], forum, "pending")
    client.post(
        reverse(
            "community:unsubscribe",
            args=[emails.unsubscribe_token(person.pk, emails.ALL_TOPICS)],
        )
    )
    assert set(
        Subscription.objects.filter(user=person).values_list("mode", flat=True)
    ) == {"site"}
    assert emails.send_digests() == 0


def test_a_tampered_token_changes_nothing_and_says_so(client):
    network = make_network()
    person = add_member(network)
    topic = f"network:{network.pk}"
    token = emails.unsubscribe_token(person.pk, topic)
    other = UserFactory()
    forged = emails.unsubscribe_token(other.pk, topic)
    # Another person's id spliced into a valid signature.
    tampered = forged.split(":")[0] + ":" + token.split(":", 1)[1]
    for bad in (tampered, token[:-2] + "xx", "nonsense", "<script>"):
        response = client.post(reverse("community:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "not valid" in text_of(response, "main .form-errors")
    assert notifications.mode_of(person, topic) == "digest"
    assert Subscription.objects.filter(user=other).count() == 0
