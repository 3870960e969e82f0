"""Threads and posts: what members do, what readers see, and what is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from convivio.community import moderation
from convivio.community.models import Member, ModerationEvent, Network, Notification
from convivio.discussions import services
from convivio.discussions.models import Mention, Post, Reaction, Thread
from tests.community.factories import add_member, make_network
from tests.discussions.factories import make_thread, opening, reply
from tests.factories import UserFactory
from tests.html import soup_of, text_of, texts_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    coordinator = UserFactory(username="ana")
    network = make_network(coordinator)
    member = add_member(network, UserFactory(username="bruno"))
    observer = add_member(network, UserFactory(username="carla"), Member.Role.OBSERVER)
    return network, coordinator, member, observer


def test_member_starts_a_thread_and_others_reply_three_levels(forum):
    network, coordinator, member, _observer = forum
    thread = make_thread(member, network=network)
    first = opening(thread)
    second = reply(coordinator, thread, parent=first)
    third = reply(member, thread, parent=second)
    fourth = reply(coordinator, thread, parent=third)
    assert (first.depth, second.depth, third.depth) == (1, 2, 3)
    # Past the third level: beside the post answered, quoting it.
    assert fourth.depth == 3
    assert fourth.parent_id == second.pk
    assert fourth.quoted_post_id == third.pk
    assert fourth.root_id == first.pk
    thread.refresh_from_db()
    assert thread.post_count == 4


def test_observer_and_outsider_cannot_post_and_nothing_is_written(forum):
    network, _coordinator, member, observer = forum
    thread = make_thread(member, network=network)
    outsider = UserFactory()
    for person in (observer, outsider):
        with pytest.raises(PermissionDenied):
            reply(person, thread)
        with pytest.raises(PermissionDenied):
            make_thread(person, network=network)
    assert Post.objects.count() == 1
    assert Thread.objects.count() == 1


def test_news_by_coordinators_only(forum):
    network, coordinator, member, _observer = forum
    with pytest.raises(PermissionDenied):
        make_thread(member, network=network, kind=Thread.Kind.NEWS)
    news = make_thread(coordinator, network=network, kind=Thread.Kind.NEWS)
    assert news.kind == "news"


def test_closed_thread_refuses_posts_but_not_its_moderators(forum):
    network, coordinator, member, _observer = forum
    thread = make_thread(member, network=network)
    with pytest.raises(PermissionDenied):
        services.thread_set_closed(member, thread, True)
    services.thread_set_closed(coordinator, thread, True)
    with pytest.raises(PermissionDenied):
        reply(member, thread)
    reply(coordinator, thread, body="Fechado: resumo no documento.")
    assert thread.posts.count() == 2


def test_long_body_is_refused_with_a_sentence(forum):
    network, _coordinator, member, _observer = forum
    with pytest.raises(ValidationError) as error:
        make_thread(member, network=network, body="a" * 10_000)
    assert "10000" in str(error.value) and "8000" in str(error.value)
    assert Thread.objects.count() == 0


def test_mention_makes_a_row_and_a_notification(forum):
    network, coordinator, member, _observer = forum
    thread = make_thread(
        member, network=network, body="O que pensas, @ana? (e-mail: x@ana.pt)"
    )
    first = opening(thread)
    assert list(
        Mention.objects.filter(post=first).values_list("user__username", flat=True)
    ) == ["ana"]
    note = Notification.objects.get(user=coordinator, kind=services.MENTIONED)
    assert note.url == first.get_absolute_url()


def test_mention_of_a_person_who_cannot_read_is_not_made(forum):
    coordinator = forum[1]
    closed = make_network(
        coordinator, name="Grupo fechado", visibility=Network.Visibility.MEMBERS
    )
    UserFactory(username="zeca")
    thread = make_thread(coordinator, network=closed, body="@zeca vê isto")
    assert not Mention.objects.filter(post__thread=thread).exists()


def test_reply_notifies_the_author_and_followers_once(forum):
    network, coordinator, member, _observer = forum
    thread = make_thread(member, network=network)
    # The network's members hear of the new thread.
    assert set(
        Notification.objects.filter(kind=services.NEW_THREAD).values_list(
            "user__username", flat=True
        )
    ) == {"ana", "carla"}
    reply(coordinator, thread, parent=opening(thread))
    kinds = list(
        Notification.objects.filter(user=member)
        .exclude(kind=services.NEW_THREAD)
        .values_list("kind", flat=True)
    )
    assert kinds == [services.REPLY]
    reply(member, thread)
    # The coordinator follows now (she replied): a new post.
    assert (
        Notification.objects.filter(user=coordinator, kind=services.NEW_POST).count()
        == 1
    )


def test_edit_keeps_the_previous_text_and_marks_edited(forum, client):
    network, _coordinator, member, _observer = forum
    thread = make_thread(member, network=network, body="Primeira versão")
    first = opening(thread)
    services.post_edit(member, first, body="Segunda versão")
    first.refresh_from_db()
    assert first.edited_at is not None
    event = ModerationEvent.objects.get(action="edited", object_id=first.pk)
    assert event.previous == "Primeira versão"
    client.force_login(member)
    page = client.get(thread.get_absolute_url())
    assert "edited" in text_of(page, f"#post-{first.pk} .post-head")


def test_someone_else_cannot_edit_or_delete(forum):
    network, coordinator, member, _observer = forum
    first = opening(make_thread(member, network=network))
    with pytest.raises(PermissionDenied):
        services.post_edit(coordinator, first, body="mudado")
    with pytest.raises(PermissionDenied):
        services.post_delete(coordinator, first)
    first.refresh_from_db()
    assert first.body == "Olá a todos." and first.is_visible


def test_soft_delete_keeps_the_replies(forum, client):
    network, coordinator, member, _observer = forum
    thread = make_thread(member, network=network)
    answer = reply(coordinator, thread, body="Resposta que fica")
    below = reply(member, thread, body="Vou apagar isto", parent=answer)
    reply(member, thread, body="Outra", parent=below)
    services.post_delete(member, below)
    page = client.get(thread.get_absolute_url())
    assert text_of(page, f"#post-{below.pk} .post-gone") == "deleted"
    assert "Vou apagar isto" not in page.content.decode()
    assert "Resposta que fica" in page.content.decode()
    thread.refresh_from_db()
    assert thread.post_count == 3


def test_hidden_post_shows_as_hidden_to_readers_in_full_to_moderators(forum, client):
    network, coordinator, member, _observer = forum
    thread = make_thread(member, network=network)
    bad = reply(member, thread, body="Texto ofensivo aqui")
    moderation.hide(coordinator, bad, "ofensivo")
    thread.refresh_from_db()
    assert thread.post_count == 1
    page = client.get(thread.get_absolute_url())
    assert text_of(page, f"#post-{bad.pk} .post-gone") == "hidden by a moderator"
    assert "Texto ofensivo" not in page.content.decode()
    client.force_login(coordinator)
    assert (
        "Texto ofensivo aqui" in client.get(thread.get_absolute_url()).content.decode()
    )


def test_hiding_the_opening_post_hides_the_thread_from_lists(forum, client):
    network, coordinator, member, _observer = forum
    thread = make_thread(member, network=network, title="Spam evidente")
    moderation.hide(coordinator, opening(thread), "spam")
    page = client.get(reverse("discussions:network_threads", args=[network.pk]))
    assert "Spam evidente" not in page.content.decode()
    assert client.get(thread.get_absolute_url()).status_code == 403
    moderation.restore(coordinator, opening(thread))
    page = client.get(reverse("discussions:network_threads", args=[network.pk]))
    assert "Spam evidente" in page.content.decode()


def test_reactions_toggle_and_count(forum, client):
    network, coordinator, member, observer = forum
    first = opening(make_thread(member, network=network))
    assert services.reaction_toggle(observer, first, "agree") is True
    assert services.reaction_toggle(coordinator, first, "agree") is True
    assert services.reaction_toggle(coordinator, first, "idea") is True
    assert services.reaction_toggle(coordinator, first, "idea") is False
    with pytest.raises(ValidationError):
        services.reaction_toggle(coordinator, first, "angry")
    with pytest.raises(PermissionDenied):
        services.reaction_toggle(UserFactory(), first, "agree")
    assert Reaction.objects.filter(post=first).count() == 2
    client.force_login(coordinator)
    response = client.post(
        reverse("discussions:react", args=[first.pk]),
        {"kind": "love"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    mine = soup_of(response).select("button.reaction.mine")
    # Hers: "agree" (with the observer's: 2) and the "love it" just added.
    assert [(b.get("title"), b.get_text().split()[-1]) for b in mine] == [
        ("agree", "2"),
        ("love it", "1"),
    ]
    assert Reaction.objects.filter(post=first, user=coordinator, kind="love").exists()


def test_permalink_goes_to_the_page_and_anchor(forum, client, settings):
    settings.CONVIVIO_PAGE_SIZE = 2
    network, coordinator, member, _observer = forum
    thread = make_thread(member, network=network)
    reply(coordinator, thread)
    third = reply(member, thread)
    nested = reply(coordinator, thread, parent=third)
    response = client.get(nested.get_absolute_url())
    assert response.status_code == 302
    assert (
        response.headers["Location"]
        == f"{thread.get_absolute_url()}?page=2#post-{nested.pk}"
    )
    page = client.get(response.headers["Location"])
    assert soup_of(page).select_one(f"#post-{nested.pk}") is not None


def test_pin_puts_a_thread_first(forum, client):
    network, coordinator, member, _observer = forum
    older = make_thread(member, network=network, title="Mais antigo")
    make_thread(member, network=network, title="Mais recente")
    services.thread_set_pinned(coordinator, older, True)
    page = client.get(reverse("discussions:network_threads", args=[network.pk]))
    titles = texts_of(page, ".thread-row > a")
    assert titles == ["Mais antigo", "Mais recente"]


def test_members_only_network_threads_are_not_read_by_others(forum, client):
    coordinator = forum[1]
    closed = make_network(
        coordinator, name="Grupo", visibility=Network.Visibility.MEMBERS
    )
    thread = make_thread(coordinator, network=closed)
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.get(opening(thread).get_absolute_url()).status_code == 404
