"""The moderation screens, through discussions' posts: report, the queue,
hide / restore / dismiss and the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.community import moderation
from convivio.community.models import ModerationEvent, Network, Report
from convivio.core.services import moderator_grant
from convivio.discussions import services as discussions
from tests.community.factories import add_member, coordinator_of, make_network
from tests.factories import UserFactory
from tests.html import soup_of, text_of, texts_of

pytestmark = pytest.mark.django_db


def _post(network, author=None, body="Vendo telemóveis baratos, liguem já!"):
    author = author or add_member(network)
    thread = discussions.thread_start(
        author, title="Anúncio", body=body, language="pt", network=network
    )
    return thread.posts.get()


def _report_url(post):
    return reverse("community:report", args=["discussions.post", post.pk])


def _act(client, post, action, reason="", origin="history"):
    return client.post(
        reverse("community:moderate", args=["discussions.post", post.pk]),
        {"action": action, "reason": reason, "from": origin},
    )


def test_a_reader_reports_once_and_it_reaches_the_coordinators_queue(client):
    network = make_network()
    post = _post(network)
    reader = UserFactory()
    client.force_login(reader)
    response = client.get(_report_url(post))
    assert response.status_code == 200
    response = client.post(_report_url(post), {"reason": "spam", "note": "Publicidade"})
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    # Once: the page says so and a second POST adds nothing.
    response = client.post(_report_url(post), {"reason": "abuse"})
    assert "already" in text_of(response, "main .already")
    assert Report.objects.count() == 1
    client.force_login(coordinator_of(network))
    response = client.get(reverse("community:moderation_queue"))
    assert texts_of(response, "main article blockquote") == [
        "Vendo telemóveis baratos, liguem já!"
    ]
    assert "1 report" in text_of(response, "main article .meta")


def test_a_report_needs_a_reason_and_refuses_hostile_input(client):
    post = _post(make_network())
    client.force_login(UserFactory())
    for body in (
        {},
        {"reason": "<script>"},
        {"reason": "spam", "note": "x" * 10_000},
    ):
        response = client.post(_report_url(post), body)
        assert response.status_code == 200
        assert soup_of(response).select(".has-error"), body
    assert not Report.objects.exists()
    for url in (
        reverse("community:report", args=["discussions.post", 999_999]),
        reverse("community:report", args=["core.user", 1]),
        reverse("community:report", args=["nothing", post.pk]),
    ):
        assert client.get(url).status_code == 404


def test_nobody_reports_what_they_cannot_read(client):
    closed = make_network(visibility=Network.Visibility.MEMBERS)
    post = _post(closed)
    client.force_login(UserFactory())
    assert client.post(_report_url(post), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_reports_are_rate_limited(client, settings):
    settings.CONVIVIO_RATE_MEMBER = "2/h"
    network = make_network()
    posts = [_post(network, body=f"Mensagem {n}") for n in range(3)]
    client.force_login(UserFactory())
    codes = [
        client.post(_report_url(post), {"reason": "spam"}).status_code for post in posts
    ]
    assert codes == [302, 302, 429]
    assert Report.objects.count() == 2


def test_the_queue_of_a_coordinator_holds_their_networks_only(client):
    mine, theirs = make_network(name="A"), make_network(name="B")
    reporter = UserFactory()
    moderation.report(reporter, _post(mine, body="Na minha rede"), "spam")
    moderation.report(reporter, _post(theirs, body="Noutra rede"), "abuse")
    client.force_login(coordinator_of(mine))
    response = client.get(reverse("community:moderation_queue"))
    assert texts_of(response, "main article blockquote") == ["Na minha rede"]
    platform = UserFactory()
    moderator_grant(actor=UserFactory(is_superuser=True), user=platform)
    client.force_login(platform)
    response = client.get(reverse("community:moderation_queue"))
    assert sorted(texts_of(response, "main article blockquote")) == [
        "Na minha rede",
        "Noutra rede",
    ]
    # A member who coordinates nothing is refused.
    client.force_login(add_member(mine))
    assert client.get(reverse("community:moderation_queue")).status_code == 403


def test_hide_restore_dismiss_and_the_history(client):
    network = make_network()
    post = _post(network)
    moderation.report(UserFactory(), post, "spam", "anúncio")
    client.force_login(coordinator_of(network))
    # Hiding needs a reason: nothing changes without it.
    response = _act(client, post, "hide")
    assert response.status_code == 400
    post.refresh_from_db()
    assert post.state == "visible"
    response = _act(client, post, "hide", "Publicidade", origin="queue")
    assert response["Location"] == reverse("community:moderation_queue")
    post.refresh_from_db()
    assert post.state == "hidden"
    assert Report.objects.get().status == "hidden"
    assert _act(client, post, "restore", "Engano").status_code == 302
    post.refresh_from_db()
    assert post.state == "visible"
    moderation.report(UserFactory(), post, "abuse")
    assert _act(client, post, "dismiss").status_code == 302
    assert list(Report.objects.order_by("id").values_list("status", flat=True)) == [
        "hidden",
        "dismissed",
    ]
    response = client.get(
        reverse("community:moderation_history", args=["discussions.post", post.pk])
    )
    actions = [row[2] for row in _rows(response)]
    assert actions == [
        "reported",
        "hidden",
        "restored",
        "reported",
        "report dismissed",
    ]
    assert ModerationEvent.objects.count() == 5
    # An action that does not apply: a clear message, nothing recorded.
    response = _act(client, post, "restore")
    assert response.status_code == 400
    assert ModerationEvent.objects.count() == 5
    response = _act(client, post, "explode")
    assert response.status_code == 400


def _rows(response):
    from tests.html import table_of

    return table_of(response, "main table.history-table")[1:]


def test_others_cannot_act_nor_read_the_history(client):
    network = make_network()
    post = _post(network)
    for person in (UserFactory(), add_member(network), add_member(make_network())):
        client.force_login(person)
        assert _act(client, post, "hide", "não").status_code == 403
        assert (
            client.get(
                reverse(
                    "community:moderation_history", args=["discussions.post", post.pk]
                )
            ).status_code
            == 403
        )
    post.refresh_from_db()
    assert post.state == "visible"
    assert not ModerationEvent.objects.filter(action="hidden").exists()


def test_the_queue_costs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    network = make_network()
    for n in range(8):
        post = _post(network, body=f"Mensagem {n}")
        moderation.report(UserFactory(), post, "spam")
        moderation.report(UserFactory(), post, "abuse", "<b>grr</b>")
    client.force_login(coordinator_of(network))
    client.get(reverse("community:moderation_queue"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("community:moderation_queue"))
    assert len(texts_of(response, "main article blockquote")) == 8
    assert soup_of(response).select("main article q b") == []
