"""The chat: a network's room and direct conversations, sending, polling with a
cursor, unread counts, moderation, search and retention."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from convivio.chat import selectors, services
from convivio.chat.models import Message, Room, RoomMember
from convivio.community import moderation
from convivio.community.models import Moderated, Notification
from tests.chat.factories import forum_world, say
from tests.community.factories import add_member, make_network
from tests.factories import UserFactory
from tests.html import soup_of, text_of, texts_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return forum_world()


def signed_in(client, user):
    client.force_login(user)
    return client


def poll_url(room, since=None):
    url = reverse("chat:poll", args=[room.pk])
    return url if since is None else f"{url}?since={since}"


# ------------------------------------------------------------------ rooms


def test_a_network_gets_its_room_when_it_is_made(w):
    assert Room.objects.get(network=w.forum).kind == Room.Kind.NETWORK
    assert services.room_for_network(w.forum) == w.room
    assert Room.objects.filter(network=w.forum).count() == 1


def test_the_network_link_opens_its_room(client, w):
    response = signed_in(client, w.ana).get(
        reverse("chat:network_room", args=[w.forum.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == w.room.get_absolute_url()


# ------------------------------------------------------------- sending, HTML


def test_a_member_sends_and_everyone_in_the_room_reads_it(client, w):
    signed_in(client, w.ana)
    response = client.post(
        reverse("chat:send", args=[w.room.pk]),
        {"body": "Reunião na quinta às 18h"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "chatsent"
    # The form comes back empty.
    assert soup_of(response).select_one("textarea").text.strip() == ""
    message = Message.objects.get()
    assert (message.author, message.body, message.language_id) == (
        w.ana,
        "Reunião na quinta às 18h",
        "en",
    )
    page = signed_in(client, w.observer).get(w.room.get_absolute_url())
    assert texts_of(page, ".chat-body") == ["Reunião na quinta às 18h"]
    # The observer reads but has no form.
    assert soup_of(page).select_one("#chat-form") is None


def test_hostile_text_is_shown_as_text_and_links_only_to_the_web(client, w):
    hostile = (
        '<script>alert("x")</script> <img src=x onerror=alert(1)> '
        "javascript:alert(1) [a](javascript:alert(2)) https://example.org/agenda"
    )
    say(w.ana, w.room, hostile)
    page = signed_in(client, w.bruno).get(w.room.get_absolute_url())
    body = soup_of(page).select_one(".chat-body")
    assert body.find("script") is None
    assert body.find("img") is None
    hrefs = [a["href"] for a in body.find_all("a")]
    assert hrefs == ["https://example.org/agenda"]
    assert '<script>alert("x")</script>' in body.get_text()
    assert "onerror" not in str(body).replace("onerror=alert(1)&gt;", "")
    assert "javascript:alert(1)" in body.get_text()


def test_a_message_of_ten_thousand_characters_is_refused_with_a_sentence(client, w):
    signed_in(client, w.ana)
    response = client.post(
        reverse("chat:send", args=[w.room.pk]),
        {"body": "a" * 10_000},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "at most 4000 characters" in text_of(response, ".field")
    assert not Message.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.message_send(w.ana, w.room, "b" * 10_000)
    assert "at most 4000 characters" in str(refused.value)
    with pytest.raises(ValidationError):
        services.message_send(w.ana, w.room, "   ")
    assert not Message.objects.exists()


def test_without_htmx_the_form_goes_back_to_the_room(client, w):
    response = signed_in(client, w.ana).post(
        reverse("chat:send", args=[w.room.pk]), {"body": "Bom dia"}
    )
    assert response.status_code == 302
    assert Message.objects.get().body == "Bom dia"


def test_observers_and_outsiders_cannot_send(w):
    outsider = UserFactory()
    for person in (w.observer, outsider):
        with pytest.raises(PermissionDenied):
            say(person, w.room)
    assert not Message.objects.exists()


# ------------------------------------------------------------------ polling


def test_the_poll_returns_exactly_the_newer_visible_messages_in_order(client, w):
    first = say(w.ana, w.room, "um")
    second = say(w.bruno, w.room, "dois")
    third = say(w.ana, w.room, "três")
    hidden = say(w.bruno, w.room, "escondida")
    fourth = say(w.coordinator, w.room, "quatro")
    moderation.hide(w.coordinator, hidden, "spam")
    other_room = services.room_for_network(make_network(name="Outra rede"))
    add_member(other_room.network, w.ana)
    say(w.ana, other_room, "noutra sala")
    signed_in(client, w.bruno)

    response = client.get(poll_url(w.room, first.pk))
    assert response.status_code == 200
    soup = soup_of(response)
    assert [a["id"] for a in soup.select("article.chat-message")] == [
        f"m{second.pk}",
        f"m{third.pk}",
        f"m{fourth.pk}",
    ]
    assert texts_of(response, ".chat-body") == ["dois", "três", "quatro"]
    # The cursor moves to the newest one.
    assert soup.select_one("#chat-since")["value"] == str(fourth.pk)
    assert client.get(poll_url(w.room, fourth.pk)).status_code == 204
    assert client.get(poll_url(w.room, third.pk)).status_code == 200


@pytest.mark.parametrize("since", ["abc", "-1", "1.5", "9" * 30, "1;DROP"])
def test_a_bad_since_is_a_400_with_a_sentence(client, w, since):
    response = signed_in(client, w.ana).get(poll_url(w.room) + f"?since={since}")
    assert response.status_code == 400
    assert "must be the number of a message" in response.content.decode()


def test_a_bad_before_is_a_400_too(client, w):
    response = signed_in(client, w.ana).get(w.room.get_absolute_url() + "?before=x")
    assert response.status_code == 400


def test_the_poll_of_someone_outside_the_room_is_refused(client, w):
    message = say(w.ana, w.room, "só para membros")
    outsider = UserFactory()
    assert signed_in(client, outsider).get(poll_url(w.room, 0)).status_code == 403
    client.logout()
    assert client.get(poll_url(w.room, 0)).status_code == 302
    assert message.pk  # nothing leaked above: the statuses say so


def test_a_moderator_polls_a_network_room_they_are_not_in(client, w, moderator):
    say(w.ana, w.room, "olá")
    response = signed_in(client, moderator).get(poll_url(w.room, 0))
    assert response.status_code == 200
    assert texts_of(response, ".chat-body") == ["olá"]


def test_the_poll_with_no_news_costs_the_session_and_one_statement(
    client, w, django_assert_max_num_queries
):
    last = say(w.ana, w.room, "olá")
    signed_in(client, w.bruno)
    with django_assert_max_num_queries(2):
        response = client.get(poll_url(w.room, last.pk))
    assert response.status_code == 204
    assert response.content == b""


def test_the_poll_with_news_has_a_bounded_number_of_queries(
    client, w, django_assert_max_num_queries
):
    people = [add_member(w.forum) for _ in range(8)]
    for number, person in enumerate(people * 3):
        say(person, w.room, f"mensagem {number}")
    signed_in(client, w.bruno)
    with django_assert_max_num_queries(10):
        response = client.get(poll_url(w.room, 0))
    assert len(soup_of(response).select("article.chat-message")) == 24


def test_the_room_page_has_a_bounded_number_of_queries(
    client, w, django_assert_max_num_queries
):
    people = [add_member(w.forum) for _ in range(10)]
    for number in range(70):
        say(people[number % 10], w.room, f"mensagem {number}")
    signed_in(client, w.bruno)
    with django_assert_max_num_queries(14):
        response = client.get(w.room.get_absolute_url())
    assert response.status_code == 200
    bodies = texts_of(response, ".chat-body")
    assert len(bodies) == 50
    assert bodies[0] == "mensagem 20" and bodies[-1] == "mensagem 69"


def test_load_earlier_pages_back_with_a_cursor(client, w):
    made = [say(w.ana, w.room, f"m{n}") for n in range(120)]
    signed_in(client, w.bruno)
    page = client.get(w.room.get_absolute_url())
    link = soup_of(page).select_one(".chat-earlier a")
    assert link["hx-get"].endswith(f"?before={made[70].pk}")
    older = client.get(link["hx-get"], HTTP_HX_REQUEST="true")
    assert texts_of(older, ".chat-body") == [f"m{n}" for n in range(20, 70)]
    oldest = client.get(
        soup_of(older).select_one(".chat-earlier a")["hx-get"], HTTP_HX_REQUEST="true"
    )
    assert texts_of(oldest, ".chat-body") == [f"m{n}" for n in range(20)]
    assert soup_of(oldest).select_one(".chat-earlier") is None


# ------------------------------------------------------------------ unread


def test_unread_counts_computed_by_hand(client, w):
    """Ana reads the room after message 2; then Bruno writes 3 more, one is
    hidden, Ana writes 1 (her own: never unread).  Ana: 3 - 1 hidden = 2 unread.
    Bruno's mark moved with his own sends; then Ana's message: 1 unread."""
    say(w.bruno, w.room, "1")
    say(w.bruno, w.room, "2")
    signed_in(client, w.ana).get(w.room.get_absolute_url())  # reading marks read
    say(w.bruno, w.room, "3")
    hidden = say(w.bruno, w.room, "4")
    say(w.bruno, w.room, "5")
    moderation.hide(w.coordinator, hidden, "abuse")
    # Ana's own message after her mark moves her mark: send first, then count
    # for Bruno.
    rows = {r.room.pk: r.unread for r in selectors.rooms_of(w.ana)}
    assert rows[w.room.pk] == 2
    say(w.ana, w.room, "6")
    assert {r.room.pk: r.unread for r in selectors.rooms_of(w.ana)}[w.room.pk] == 0
    assert {r.room.pk: r.unread for r in selectors.rooms_of(w.bruno)}[w.room.pk] == 1
    # The coordinator never opened the room: every visible message by others.
    assert {r.room.pk: r.unread for r in selectors.rooms_of(w.coordinator)}[
        w.room.pk
    ] == 5
    page = signed_in(client, w.coordinator).get(reverse("chat:index"))
    assert text_of(page, ".badge.unread") == "5 unread"
    client.get(w.room.get_absolute_url())
    assert {r.room.pk: r.unread for r in selectors.rooms_of(w.coordinator)}[
        w.room.pk
    ] == 0


def test_a_poll_with_news_marks_them_read(client, w):
    say(w.ana, w.room, "1")
    signed_in(client, w.bruno)
    client.get(w.room.get_absolute_url())
    say(w.ana, w.room, "2")
    assert {r.room.pk: r.unread for r in selectors.rooms_of(w.bruno)}[w.room.pk] == 1
    mark = RoomMember.objects.get(room=w.room, user=w.bruno).last_read_id
    client.get(poll_url(w.room, mark))
    assert {r.room.pk: r.unread for r in selectors.rooms_of(w.bruno)}[w.room.pk] == 0


def test_my_rooms_page_has_a_bounded_number_of_queries(
    client, w, django_assert_max_num_queries
):
    for n in range(6):
        other = make_network(name=f"Rede {n}")
        add_member(other, w.ana)
        say(w.ana, services.room_for_network(other), "olá")
        friend = add_member(other)
        say(w.ana, services.direct_room(w.ana, friend), "olá")
    signed_in(client, w.ana)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("chat:index"))
    assert len(soup_of(response).select(".chat-rooms li")) == 13


# ------------------------------------------------------- direct conversations


def test_the_message_button_opens_one_conversation_between_two_people(client, w):
    signed_in(client, w.ana)
    response = client.post(reverse("chat:direct", args=[w.bruno.pk]))
    room = Room.objects.get(kind=Room.Kind.DIRECT)
    assert response["Location"] == room.get_absolute_url()
    client.post(reverse("chat:direct", args=[w.bruno.pk]))
    signed_in(client, w.bruno).post(reverse("chat:direct", args=[w.ana.pk]))
    assert Room.objects.filter(kind=Room.Kind.DIRECT).count() == 1
    assert set(room.members.values_list("user__username", flat=True)) == {
        "ana",
        "bruno",
    }


def test_only_people_sharing_a_network_may_write_to_each_other(client, w):
    stranger = UserFactory()
    response = signed_in(client, w.ana).post(reverse("chat:direct", args=[stranger.pk]))
    assert response.status_code == 403
    assert not Room.objects.filter(kind=Room.Kind.DIRECT).exists()
    # An observer shares the network too.
    assert (
        signed_in(client, w.observer)
        .post(reverse("chat:direct", args=[w.ana.pk]))
        .status_code
        == 302
    )


def test_a_direct_conversation_is_its_participants_only(client, w, moderator):
    room = services.direct_room(w.ana, w.bruno)
    say(w.ana, room, "só entre nós")
    assert signed_in(client, w.bruno).get(room.get_absolute_url()).status_code == 200
    for person in (w.coordinator, moderator):
        assert signed_in(client, person).get(room.get_absolute_url()).status_code == 403
        assert signed_in(client, person).get(poll_url(room, 0)).status_code == 403
    with pytest.raises(PermissionDenied):
        say(w.coordinator, room, "intruso")


def test_a_direct_message_notifies_once_until_read(w):
    room = services.direct_room(w.ana, w.bruno)
    say(w.ana, room, "olá")
    say(w.ana, room, "estás aí?")
    notes = Notification.objects.filter(user=w.bruno)
    assert notes.count() == 1
    note = notes.get()
    assert (note.kind, note.topic, note.url) == (
        "chat.direct",
        f"chat:{room.pk}",
        room.get_absolute_url(),
    )
    assert not Notification.objects.filter(user=w.ana).exists()
    notes.update(read_at=timezone.now())
    say(w.ana, room, "outra vez")
    assert Notification.objects.filter(user=w.bruno).count() == 2
    # A network room notifies nobody.
    say(w.ana, w.room, "para todos")
    assert Notification.objects.count() == 2


def test_a_participant_adds_someone_who_shares_a_network(client, w):
    room = services.direct_room(w.ana, w.bruno)
    signed_in(client, w.ana).post(
        reverse("chat:participant_add", args=[room.pk]), {"username": "olga"}
    )
    assert set(room.members.values_list("user__username", flat=True)) == {
        "ana",
        "bruno",
        "olga",
    }
    room.refresh_from_db()
    assert room.pair_key is None
    stranger = UserFactory(username="stranger2")
    client.post(
        reverse("chat:participant_add", args=[room.pk]), {"username": stranger.username}
    )
    assert not room.members.filter(user=stranger).exists()


# --------------------------------------------------------------- moderation


def test_hidden_messages_show_as_hidden_and_come_back(client, w):
    message = say(w.ana, w.room, "texto ofensivo")
    signed_in(client, w.coordinator)
    response = client.post(
        reverse("chat:message_moderate", args=[message.pk]), {"reason": "abuse"}
    )
    assert response.status_code == 302
    page = signed_in(client, w.bruno).get(w.room.get_absolute_url())
    assert texts_of(page, ".chat-body") == ["hidden by a moderator"]
    signed_in(client, w.coordinator).post(
        reverse("chat:message_moderate", args=[message.pk]), {"reason": "ok"}
    )
    message.refresh_from_db()
    assert message.state == Moderated.State.VISIBLE
    actions = [e.action for e in moderation.history(message)]
    assert actions == ["hidden", "restored"]


def test_a_member_reports_and_may_not_hide(client, w):
    message = say(w.ana, w.room, "spam spam")
    signed_in(client, w.bruno)
    assert (
        client.post(
            reverse("chat:message_moderate", args=[message.pk]), {"reason": "x"}
        ).status_code
        == 403
    )
    response = client.post(
        reverse("chat:message_report", args=[message.pk]), {"reason": "spam"}
    )
    assert response.status_code == 302
    assert [e.action for e in moderation.history(message)] == ["reported"]
    message.refresh_from_db()
    assert message.state == Moderated.State.VISIBLE


def test_the_author_deletes_their_own_message_softly(client, w):
    message = say(w.ana, w.room, "enganei-me")
    assert (
        signed_in(client, w.bruno)
        .post(reverse("chat:message_delete", args=[message.pk]))
        .status_code
        == 403
    )
    signed_in(client, w.ana).post(reverse("chat:message_delete", args=[message.pk]))
    message.refresh_from_db()
    assert message.state == Moderated.State.DELETED
    assert message.body == "enganei-me"  # kept for the history
    page = client.get(w.room.get_absolute_url())
    assert texts_of(page, ".chat-body") == ["deleted"]
    assert client.get(poll_url(w.room, 0)).status_code == 204


# ------------------------------------------------------------------- search


def test_search_finds_the_messages_of_my_rooms_only(client, w):
    say(w.ana, w.room, "A reunião sobre habitação é na quinta")
    say(w.bruno, w.room, "Obrigado pela informação")
    hidden = say(w.bruno, w.room, "habitação escondida")
    moderation.hide(w.coordinator, hidden, "spam")
    elsewhere = make_network(name="Rede de Ribeira", place="Ribeira")
    stranger = add_member(elsewhere)
    say(stranger, services.room_for_network(elsewhere), "habitação em Ribeira")
    direct = services.direct_room(w.ana, w.bruno)
    say(w.ana, direct, "Habitacao: falamos amanhã")

    signed_in(client, w.bruno)
    response = client.get(reverse("chat:search"), {"q": "habitação"})
    assert texts_of(response, ".chat-body") == [
        "Habitacao: falamos amanhã",
        "A reunião sobre habitação é na quinta",
    ]
    in_room = client.get(reverse("chat:search"), {"q": "habita", "room": w.room.pk})
    assert texts_of(in_room, ".chat-body") == ["A reunião sobre habitação é na quinta"]
    # Search syntax in people's words is taken as words.
    for odd in ['"', "habitação OR", "NEAR(", "*", "a:b"]:
        assert client.get(reverse("chat:search"), {"q": odd}).status_code == 200
    assert (
        signed_in(client, UserFactory())
        .get(reverse("chat:search"), {"q": "habitação", "room": w.room.pk})
        .status_code
        == 403
    )


def test_search_does_not_see_a_room_one_has_left(w):
    say(w.ana, w.room, "orçamento participativo")
    assert [m.body for m in selectors.search(w.bruno, "orçamento")] == [
        "orçamento participativo"
    ]
    w.forum.members.filter(user=w.bruno).delete()
    from convivio.community.permissions import forget_roles

    forget_roles(w.bruno)
    assert selectors.search(w.bruno, "orçamento") == []


# ---------------------------------------------------------------- retention


def test_retention_deletes_only_older_messages(w, settings):
    old = say(w.ana, w.room, "antiga")
    recent = say(w.ana, w.room, "recente")
    Message.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    Message.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - timedelta(days=29)
    )
    settings.CONVIVIO_CHAT_RETENTION_DAYS = 0
    call_command("chat_prune")
    assert Message.objects.count() == 2  # kept forever by default
    settings.CONVIVIO_CHAT_RETENTION_DAYS = 30
    call_command("chat_prune")
    assert list(Message.objects.values_list("body", flat=True)) == ["recente"]
    assert selectors.search(w.ana, "antiga") == []
    assert services.prune(days=28) == 1
    assert not Message.objects.exists()


def test_search_in_many_rooms_gives_the_same_answer(w, monkeypatch):
    """Past ROOMS_IN_QUERY rooms, the rooms are not named in the full-text
    query but filtered on the messages: the same messages come back."""
    say(w.ana, w.room, "Horário do gabinete de habitação")
    say(w.ana, services.direct_room(w.ana, w.bruno), "habitação amanhã")
    few = [m.body for m in selectors.search(w.bruno, "habitação")]
    monkeypatch.setattr(selectors, "ROOMS_IN_QUERY", 0)
    assert [m.body for m in selectors.search(w.bruno, "habitação")] == few
    assert few == ["habitação amanhã", "Horário do gabinete de habitação"]


def test_too_many_messages_are_refused_with_a_sentence(client, w, settings):
    settings.CONVIVIO_RATE_CHAT = "2/h"
    signed_in(client, w.ana)
    url = reverse("chat:send", args=[w.room.pk])
    for n in range(2):
        client.post(url, {"body": f"m{n}"}, HTTP_HX_REQUEST="true")
    response = client.post(url, {"body": "m3"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert "please send it again" in text_of(response, ".form-errors")
    assert Message.objects.count() == 2


def _poller_url(response) -> str:
    """The address the room page's poller asks (its hx-get), with ``since``."""
    return soup_of(response).select_one("#chat-poll")["hx-get"]


def test_the_room_pages_poller_answers_nothing_new_in_one_statement(
    client, w, django_assert_num_queries
):
    last = say(w.ana, w.room, "olá")
    page = signed_in(client, w.bruno).get(w.room.get_absolute_url())
    url = f"{_poller_url(page)}&since={last.pk}"
    # The signed token says who polls: no session read, one statement.
    with django_assert_num_queries(1):
        response = client.get(url)
    assert response.status_code == 204
    # Something new goes the ordinary way (the session, the rules).
    say(w.ana, w.room, "mais uma coisa")
    response = client.get(url)
    assert texts_of(response, ".chat-body") == ["mais uma coisa"]


def test_a_poll_token_works_only_for_its_room_and_unforged(client, w):
    last = say(w.ana, w.room, "olá")
    page = signed_in(client, w.bruno).get(w.room.get_absolute_url())
    token_url = _poller_url(page)
    client.logout()
    # Without a session a good token still says "nothing new", and only that.
    assert client.get(f"{token_url}&since={last.pk}").status_code == 204
    assert client.get(f"{token_url}&since=0").status_code == 302
    # A forged token, or another room's, counts for nothing: the session decides.
    forged = token_url[:-3] + "abc"
    assert client.get(f"{forged}&since={last.pk}").status_code == 302
    other = Room.objects.create(kind=Room.Kind.DIRECT)
    elsewhere = token_url.replace(f"/rooms/{w.room.pk}/", f"/rooms/{other.pk}/")
    assert client.get(f"{elsewhere}&since=0").status_code == 302
