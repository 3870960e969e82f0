"""Networks in the browser and through their services: the list, a network's
page, joining and leaving, invitations, roles, what members declare, hostile
input and bounded queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from convivio.community import services
from convivio.community.models import (
    IssueVote,
    JoinRequest,
    Member,
    Network,
    NetworkTranslation,
    Notification,
)
from convivio.core.models import Theme
from convivio.core.translation import save_translation
from tests.community.factories import add_member, coordinator_of, make_network
from tests.factories import UserFactory
from tests.html import soup_of, table_of, text_of, texts_of

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


# ------------------------------------------------------------------ services


def test_refused_writes_raise_and_write_nothing():
    network = make_network()
    member = add_member(network)
    outsider = UserFactory()
    before = (
        Network.objects.count(),
        Member.objects.count(),
        JoinRequest.objects.count(),
        NetworkTranslation.objects.get(network=network).name,
    )
    with pytest.raises(PermissionDenied):
        services.network_edit(
            member,
            network,
            name="Taken over",
            kind="local_forum",
            territory=network.territory,
            visibility="public",
            joining="request",
        )
    with pytest.raises(PermissionDenied):
        services.invite(member, network, who=outsider.username)
    with pytest.raises(PermissionDenied):
        services.member_role_set(
            member, Member.objects.get(network=network, user=member), "coordinator"
        )
    with pytest.raises(PermissionDenied):
        services.join_ask(member, network)  # already a member
    with pytest.raises(PermissionDenied):
        services.network_leave(outsider, network)
    with pytest.raises(PermissionDenied):
        services.issues_vote(outsider, network, [Theme.objects.first()])
    with pytest.raises(PermissionDenied):
        services.member_declare(outsider, network, constituency="ngo")
    closed = make_network(visibility="members", joining="invitation")
    with pytest.raises(PermissionDenied):
        services.join_ask(outsider, closed)
    after = (
        Network.objects.count() - 1,
        Member.objects.count() - 1,
        JoinRequest.objects.count(),
        NetworkTranslation.objects.get(network=network).name,
    )
    assert after == before


def test_request_accepted_notifies_and_makes_a_member():
    network = make_network()
    coordinator = coordinator_of(network)
    asker = UserFactory()
    request = services.join_ask(asker, network, message="Olá, sou mediadora.")
    told = Notification.objects.get(user=coordinator, kind="network_join_request")
    assert told.params["network"] == network.pk
    with pytest.raises(ValidationError):
        services.join_ask(asker, network)  # one open request
    with pytest.raises(PermissionDenied):
        services.request_decide(asker, request, accept=True)
    services.request_decide(coordinator, request, accept=True)
    assert Member.objects.get(network=network, user=asker).role == "member"
    assert Notification.objects.filter(
        user=asker, kind="network_request_accepted"
    ).exists()
    request.refresh_from_db()
    with pytest.raises(ValidationError):
        services.request_decide(coordinator, request, accept=False)


def test_invitation_by_email_accepted_or_declined_by_the_person_only():
    network = make_network(visibility="members", joining="invitation")
    coordinator = coordinator_of(network)
    guest = UserFactory(email="Guest@Example.org")
    invitation = services.invite(coordinator, network, who="guest@example.org")
    assert Notification.objects.filter(user=guest, kind="network_invitation").exists()
    with pytest.raises(ValidationError):
        services.invite(coordinator, network, who="guest@example.org")
    with pytest.raises(ValidationError):
        services.invite(coordinator, network, who="nobody@example.org")
    with pytest.raises(PermissionDenied):
        services.invitation_answer(coordinator, invitation, accept=True)
    services.invitation_answer(guest, invitation, accept=False)
    assert not Member.objects.filter(network=network, user=guest).exists()
    second = services.invite(coordinator, network, who=guest.username)
    services.invitation_answer(guest, second, accept=True)
    assert Member.objects.filter(network=network, user=guest).exists()


def test_the_last_coordinator_stays_until_another_is_named():
    network = make_network()
    coordinator = coordinator_of(network)
    member = add_member(network)
    mine = Member.objects.get(network=network, user=coordinator)
    with pytest.raises(ValidationError):
        services.network_leave(coordinator, network)
    with pytest.raises(ValidationError):
        services.member_role_set(coordinator, mine, "member")
    services.member_role_set(
        coordinator, Member.objects.get(network=network, user=member), "coordinator"
    )
    services.network_leave(coordinator, network)
    assert list(
        Member.objects.filter(network=network).values_list("user_id", "role")
    ) == [(member.pk, "coordinator")]


def test_balance_aimed_for_must_add_up_to_at_most_100():
    with pytest.raises(ValidationError):
        make_network(balance_target={"migrant": 60, "ngo": 50})
    with pytest.raises(ValidationError):
        make_network(balance_target={"pirates": 10})
    assert make_network(balance_target={"migrant": 60, "ngo": 40}).balance_target == {
        "migrant": 60,
        "ngo": 40,
    }


# --------------------------------------------------------------------- pages


def test_list_filters_by_kind_and_place_and_hides_members_only(client):
    make_network(name="Fórum de Vale Novo")
    make_network(name="Rede de Ribeira", place="Ribeira Alta", kind="thematic")
    make_network(name="Grupo fechado", visibility="members", joining="invitation")
    response = client.get(reverse("community:network_list"))
    names = texts_of(response, ".network-cards h2")
    assert set(names) == {"Fórum de Vale Novo", "Rede de Ribeira"}
    response = client.get(reverse("community:network_list"), {"kind": "thematic"})
    assert texts_of(response, ".network-cards h2") == ["Rede de Ribeira"]
    response = client.get(
        reverse("community:network_list"), {"kind": "<script>", "place": "x"}
    )
    assert response.status_code == 200
    assert len(texts_of(response, ".form-errors p")) == 2


def test_list_finds_networks_by_words(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_network(name="Fórum de Vale Novo", purpose="Habitação e emprego")
        make_network(name="Rede de cuidadoras", place="Ribeira Alta")
    response = client.get(reverse("community:network_list"), {"q": "cuidadoras"})
    assert texts_of(response, ".network-cards h2") == ["Rede de cuidadoras"]


def test_page_in_the_readers_language_with_lang(client):
    network = make_network(purpose="Um fórum para todos.")
    save_translation(
        network, "en", {"name": "Forum of Vale Novo", "purpose": "A forum."}
    )
    with translation.override("ar"):
        arabic = network.get_absolute_url()
    with translation.override("en"):
        english = network.get_absolute_url()
    page = soup_of(client.get(arabic))
    assert page.h1.get_text(strip=True) == "Fórum Local de Vale Novo"
    holder = page.h1.parent
    assert holder["lang"] == "pt" and holder["dir"] == "ltr"
    page = soup_of(client.get(english))
    assert page.h1.get_text(strip=True) == "Forum of Vale Novo"
    assert not page.h1.parent.has_attr("lang")


def test_members_only_network_is_refused_to_others(client):
    network = make_network(visibility="members", joining="invitation")
    assert client.get(network.get_absolute_url()).status_code == 403
    _client(client, UserFactory())
    assert client.get(network.get_absolute_url()).status_code == 403
    assert client.get(reverse("community:network", args=[999999])).status_code == 404


def test_create_through_the_form_and_hostile_input(client):
    user = UserFactory()
    _client(client, user)
    url = reverse("community:network_create")
    place = make_network().territory
    data = {
        "name": "<script>alert(1)</script>",
        "purpose": "x" * 10_000,
        "language": "pt",
        "kind": "local_forum",
        "territory": place.name,
        "visibility": "public",
        "joining": "request",
    }
    count = Network.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200  # the purpose is too long
    assert text_of(response, ".form-errors")
    assert Network.objects.count() == count
    data["purpose"] = "[click](javascript:alert(1)) **Bem-vindos**"
    data["balance_migrant"] = "70"
    data["balance_ngo"] = "40"
    response = client.post(url, data)
    assert response.status_code == 200
    assert Network.objects.count() == count
    data["balance_ngo"] = "30"
    response = client.post(url, data)
    assert response.status_code == 302
    network = Network.objects.order_by("-pk").first()
    assert network.balance_target == {"migrant": 70, "ngo": 30}
    page = client.get(response["Location"])
    assert "<script>alert(1)</script>" not in page.content.decode()
    assert soup_of(page).h1.get_text() == "<script>alert(1)</script>"
    assert not soup_of(page).select('.network-purpose a[href^="javascript"]')
    assert soup_of(page).select(".network-purpose strong")


def test_join_flow_in_the_browser(client):
    network = make_network()
    coordinator = coordinator_of(network)
    asker = UserFactory(first_name="Layla", last_name="Nasser")
    _client(client, asker)
    response = client.post(
        reverse("community:network_join", args=[network.pk]), {"message": "Olá"}
    )
    assert response.status_code == 302
    page = client.get(network.get_absolute_url())
    assert "network_withdraw" not in page.content.decode()
    assert soup_of(page).select(
        f'form[action="{reverse("community:network_withdraw", args=[network.pk])}"]'
    )
    _client(client, coordinator)
    members = client.get(reverse("community:network_members", args=[network.pk]))
    assert "Layla Nasser" in text_of(
        members, "section[aria-labelledby=requests-heading]"
    )
    request = JoinRequest.objects.get(user=asker)
    url = reverse("community:network_request_decide", args=[network.pk, request.pk])
    response = client.post(url, {"decision": "maybe"})
    assert response.status_code == 302
    assert not Member.objects.filter(user=asker).exists()
    client.post(url, {"decision": "accept"})
    members = client.get(reverse("community:network_members", args=[network.pk]))
    rows = table_of(members, "table")
    assert ["Layla Nasser", "member"] == rows[-1][:2]


def test_member_declares_and_ranks_then_leaves(client):
    network = make_network()
    member = add_member(network)
    _client(client, member)
    response = client.post(
        reverse("community:network_declare", args=[network.pk]),
        {"constituency": "migrant", "gender": "woman", "languages": ["ar", "pt"]},
    )
    assert response.status_code == 302
    mine = Member.objects.get(network=network, user=member)
    assert (mine.constituency, mine.gender) == ("migrant", "woman")
    assert sorted(mine.languages.values_list("code", flat=True)) == ["ar", "pt"]
    url = reverse("community:network_issues", args=[network.pk])
    response = client.post(url, {"rank_1": "housing", "rank_2": "housing"})
    assert response.status_code == 200 and text_of(response, ".form-errors")
    assert not IssueVote.objects.exists()
    response = client.post(url, {"rank_1": "housing", "rank_2": "health"})
    assert response.status_code == 302
    page = client.get(network.get_absolute_url())
    rows = table_of(page, ".network-page .network-ranking")
    assert [row[1:3] for row in rows[1:]] == [
        [Theme.objects.get(slug="housing").label, "3"],
        [Theme.objects.get(slug="health").label, "2"],
    ]
    client.post(reverse("community:network_leave", args=[network.pk]))
    assert not Member.objects.filter(network=network, user=member).exists()
    assert not IssueVote.objects.exists()


def test_role_change_through_the_members_page(client):
    network = make_network()
    coordinator = coordinator_of(network)
    member = add_member(network)
    row = Member.objects.get(network=network, user=member)
    _client(client, coordinator)
    url = reverse("community:network_member_role", args=[network.pk, row.pk])
    client.post(url, {"role": "emperor"})
    row.refresh_from_db()
    assert row.role == "member"
    client.post(url, {"role": "observer"})
    row.refresh_from_db()
    assert row.role == "observer"


def test_place_page_shows_the_networks_ranking(client):
    network = make_network()
    services.issues_vote(
        add_member(network), network, [Theme.objects.get(slug="language")]
    )
    response = client.get(reverse("core:territory", args=[network.territory_id]))
    rows = table_of(response, ".territory-networks .network-ranking")
    assert rows[1][:3] == ["1", Theme.objects.get(slug="language").label, "3"]


# ------------------------------------------------------------------- queries


def _crowd(network, count):
    for index in range(count):
        user = add_member(network)
        services.member_declare(
            user,
            network,
            constituency="migrant" if index % 2 else "ngo",
            gender="woman",
            languages=["pt", "ar"],
        )
        services.issues_vote(
            user,
            network,
            list(Theme.objects.order_by("slug")[index % 3 : index % 3 + 3]),
        )


@pytest.mark.parametrize("members", [3, 30])
def test_network_page_and_list_queries_do_not_grow(
    client, members, django_assert_max_num_queries
):
    network = make_network()
    _crowd(network, members)
    for index in range(members):
        make_network(name=f"Rede {index}", place="Ribeira Alta")
    viewer = add_member(network)
    _client(client, viewer)
    client.get(network.get_absolute_url())  # caches filled once
    # About fourteen of the network's own, the rest the sections the apps
    # built on networks add (each a fixed number).
    with django_assert_max_num_queries(30):
        response = client.get(network.get_absolute_url())
    assert response.status_code == 200
    with django_assert_max_num_queries(16):
        response = client.get(reverse("community:network_list"))
    assert response.status_code == 200
    with django_assert_max_num_queries(16):
        response = client.get(reverse("community:network_members", args=[network.pk]))
    assert response.status_code == 200


def test_requests_to_join_are_rate_limited(settings):
    settings.CONVIVIO_RATE_MEMBER = "1/h"
    asker = UserFactory()
    services.join_ask(asker, make_network())
    second = make_network(name="Outro fórum")
    with pytest.raises(ValidationError):
        services.join_ask(asker, second)
    assert not JoinRequest.objects.filter(network=second).exists()


def test_search_kind_finds_members_only_networks_for_their_members_only():
    from convivio.community import search

    public = make_network(purpose="Para todos.")
    closed = make_network(name="Grupo", visibility="members", joining="invitation")
    member = add_member(closed)
    ids = [public.pk, closed.pk]
    assert search.network_visible_ids(UserFactory(), ids) == {public.pk}
    assert search.network_visible_ids(member, ids) == {public.pk, closed.pk}
    documents = search.network_documents(ids)
    assert {(d.object_id, d.language, d.title) for d in documents} == {
        (public.pk, "pt", "Fórum Local de Vale Novo"),
        (closed.pk, "pt", "Grupo"),
    }
    hit = search.network_hits([public.pk], "en")[public.pk]
    assert hit.url == public.get_absolute_url() or hit.url.endswith(
        f"/networks/{public.pk}/"
    )
    assert hit.summary == "Para todos." and hit.language == "pt"
