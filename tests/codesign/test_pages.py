"""The co-design pages: the list and its filters, the process as a timeline
(bounded queries, Arabic), the forms participants write with and facilitators
run the process with, hostile input, and the draft practice an adopted
prototype becomes."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from convivio.codesign import services
from convivio.codesign.models import (
    Answer,
    Candidate,
    Comment,
    Evidence,
    Idea,
    Insight,
    Meeting,
    Process,
    Prototype,
)
from convivio.community.models import Member, Network
from convivio.practices.models import Practice
from tests.community.factories import add_member, coordinator_of, make_network
from tests.factories import UserFactory
from tests.html import soup_of, text_of, texts_of

from .factories import make_process, move_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    network = make_network()
    facilitator = coordinator_of(network)
    member = add_member(network)
    process = make_process(network)
    return network, facilitator, member, process


def _client(client, user):
    client.force_login(user)
    return client


_numbers = itertools.count(1000)


def _fill(process, facilitator, people, n):
    """n of everything, in every phase."""
    for i in range(n):
        person = people[i % len(people)]
        Insight.objects.create(
            process=process, author=person, text=f"Nota {i}", language_id="pt"
        )
        Evidence.objects.create(
            process=process,
            kind="survey",
            object_id=next(_numbers),
            title=f"S {i}",
            url="/x/",
        )
        candidate = Candidate.objects.create(
            process=process, author=person, text=f"Como {i}?", language_id="pt"
        )
        candidate.votes.create(user=person)
        idea = Idea.objects.create(
            process=process,
            author=person,
            title=f"Ideia {i}",
            text="…",
            language_id="pt",
        )
        idea.votes.create(user=person)
        Comment.objects.create(idea=idea, author=person, text="ok", language_id="pt")
        prototype = Prototype.objects.create(
            process=process,
            idea=idea,
            title=f"P {i}",
            description="…",
            language_id="pt",
            created_by=facilitator,
        )
        round_ = prototype.rounds.create(question="Funciona?", language_id="pt")
        Answer.objects.create(round=round_, author=person, text="Sim", language_id="pt")
        meeting = Meeting.objects.create(
            process=process,
            phase="discover",
            starts_at=timezone.now(),
            place="Casa",
            childcare=True,
        )
        meeting.interpretation.set(["ar", "uk"])


def test_the_process_page_reads_a_bounded_number_of_queries(
    client, setting, django_assert_max_num_queries
):
    network, facilitator, member, process = setting
    people = [add_member(network) for _ in range(3)]
    _fill(process, facilitator, people, 3)
    url = reverse("codesign:detail", args=[process.pk])
    _client(client, member).get(url)
    with django_assert_max_num_queries(24):
        small = client.get(url)
    assert small.status_code == 200
    _fill(process, facilitator, people, 12)
    with django_assert_max_num_queries(24):
        big = client.get(url)
    assert len(soup_of(big).select("#phase-discover .codesign-items > li")) == 15
    assert len(soup_of(big).select(".codesign-prototype")) == 15


def test_the_timeline_marks_the_active_phase_in_order_and_shows_meeting_supports(
    client, setting
):
    _network, _facilitator, _member, process = setting
    meeting = Meeting.objects.create(
        process=process,
        phase="discover",
        starts_at=timezone.now(),
        place="Junta de freguesia",
        childcare=True,
        schedule_notes="Ao fim da tarde, depois da escola",
    )
    meeting.interpretation.set(["ar"])
    page = client.get(reverse("codesign:detail", args=[process.pk]))
    soup = soup_of(page)
    assert [li["id"] for li in soup.select(".codesign-timeline > li")] == [
        "phase-discover",
        "phase-define",
        "phase-develop",
        "phase-deliver",
    ]
    assert [li["id"] for li in soup.select(".codesign-phase.is-active")] == [
        "phase-discover"
    ]
    supports = texts_of(page, f"#meeting-{meeting.pk} .codesign-supports li")
    assert supports == [
        "Interpretation into: Arabic",
        "Childcare offered",
        "Ao fim da tarde, depois da escola",
    ]


def test_the_page_in_arabic_is_right_to_left(client, setting):
    _network, _facilitator, member, process = setting
    page = _client(client, member).get(f"/ar/codesign/{process.pk}/")
    assert page.status_code == 200
    assert soup_of(page).html["dir"] == "rtl"
    assert soup_of(page).select_one("h1")["lang"] == "pt"


def test_a_participant_writes_an_insight_and_a_visitor_reads_it(client, setting):
    _network, _facilitator, member, process = setting
    url = reverse("codesign:insight_add", args=[process.pk])
    response = _client(client, member).post(
        url, {"text": "Não há creche às reuniões.", "language": "pt"}
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("codesign:detail", args=[process.pk]))
    assert texts_of(page, "#phase-discover .codesign-items li div") == [
        "Não há creche às reuniões."
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": "", "language": "pt"}, "required"),
        ({"text": "x" * 10_000, "language": "pt"}, "at most"),
        ({"text": "ok", "language": "zz-nope"}, "Unknown language"),
        ({"text": "ok"}, "required"),
    ],
)
def test_hostile_or_wrong_insights_are_refused_with_a_message(
    client, setting, data, message
):
    _network, _facilitator, member, process = setting
    response = _client(client, member).post(
        reverse("codesign:insight_add", args=[process.pk]), data, follow=True
    )
    assert response.status_code == 200
    assert message.lower() in " ".join(texts_of(response, ".messages .message")).lower()
    assert not Insight.objects.exists()


def test_script_and_javascript_links_never_execute(client, setting):
    _network, _facilitator, member, process = setting
    hostile = (
        "<script>alert(1)</script> [x](javascript:alert(2)) "
        '<img src=x onerror="alert(3)">'
    )
    _client(client, member).post(
        reverse("codesign:insight_add", args=[process.pk]),
        {"text": hostile, "language": "pt"},
    )
    page = client.get(reverse("codesign:detail", args=[process.pk]))
    item = soup_of(page).select_one("#phase-discover .codesign-items li")
    assert item.find("script") is None
    assert all("javascript:" not in (a.get("href") or "") for a in item.find_all("a"))
    assert all(not img.get("onerror") for img in item.find_all("img"))


def test_wrong_ids_and_parameters_answer_404_or_a_message(client, setting):
    _network, _facilitator, member, process = setting
    _client(client, member)
    assert client.get(reverse("codesign:detail", args=[999999])).status_code == 404
    assert (
        client.post(
            reverse("codesign:idea_vote", args=[process.pk, 999999])
        ).status_code
        == 404
    )
    other = make_process(make_network(name="Outra", place="Ribeira Alta"))
    foreign = Idea.objects.create(
        process=other, author=member, title="x", text="y", language_id="pt"
    )
    assert (
        client.post(
            reverse("codesign:idea_vote", args=[process.pk, foreign.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("codesign:list") + "?place=abc&network=-1&phase=nope&page=x"
        ).status_code
        == 200
    )
    response = client.post(
        reverse("codesign:evidence_add", args=[process.pk]),
        {"kind": "survey", "object_id": "99999"},
        follow=True,
    )
    assert "No survey has this number." in texts_of(response, ".messages .message")
    assert not Evidence.objects.exists()


def test_the_list_filters_by_phase_place_and_network(client):
    north = make_network(name="Norte", place="Vale Novo")
    south = make_network(name="Sul", place="Ribeira Alta")
    a = make_process(north, title="Processo A")
    b = move_to(make_process(south, title="Processo B"), "develop")
    hidden = make_network(name="Fechada", visibility=Network.Visibility.MEMBERS)
    make_process(hidden, title="Processo fechado")
    url = reverse("codesign:list")
    assert texts_of(client.get(url), ".codesign-cards li > a") == [
        "Processo B",
        "Processo A",
    ]
    assert texts_of(client.get(url + "?phase=develop"), ".codesign-cards li > a") == [
        "Processo B"
    ]
    assert texts_of(
        client.get(url + f"?place={a.territory_id}"), ".codesign-cards li > a"
    ) == ["Processo A"]
    assert texts_of(
        client.get(url + f"?network={b.network_id}"), ".codesign-cards li > a"
    ) == ["Processo B"]


def test_a_facilitator_runs_the_vote_with_a_tie_from_the_page(client, setting):
    network, facilitator, member, process = setting
    process = move_to(process, "define")
    other = add_member(network)
    x = services.candidate_add(member, process, text="Como podemos A?", language="pt")
    y = services.candidate_add(other, process, text="Como podemos B?", language="pt")
    _client(client, member).post(
        reverse("codesign:candidate_vote", args=[process.pk, x.pk])
    )
    _client(client, other).post(
        reverse("codesign:candidate_vote", args=[process.pk, y.pk])
    )
    page = _client(client, facilitator).get(
        reverse("codesign:detail", args=[process.pk])
    )
    assert len(soup_of(page).select("input[name=choice]")) == 2
    close = reverse("codesign:vote_close", args=[process.pk])
    response = client.post(close, follow=True)
    assert "tied" in " ".join(texts_of(response, ".messages .message"))
    client.post(close, {"choice": y.pk})
    process.refresh_from_db()
    assert process.chosen_id == y.pk
    page = client.get(reverse("codesign:detail", args=[process.pk]))
    assert text_of(page, "p.codesign-challenge") == "Como podemos B?"


def test_moving_to_the_next_phase_from_the_page(client, setting):
    _network, facilitator, member, process = setting
    assert (
        _client(client, member)
        .post(reverse("codesign:phase_next", args=[process.pk]))
        .status_code
        == 403
    )
    _client(client, facilitator).post(reverse("codesign:phase_next", args=[process.pk]))
    page = client.get(reverse("codesign:detail", args=[process.pk]))
    assert [li["id"] for li in soup_of(page).select(".codesign-phase.is-active")] == [
        "phase-define"
    ]


def test_ideas_comments_and_votes_from_the_pages(client, setting):
    _network, _facilitator, member, process = setting
    process = move_to(process, "develop")
    _client(client, member).post(
        reverse("codesign:idea_add", args=[process.pk]),
        {"title": "Creche partilhada", "text": "Mães revezam-se.", "language": "pt"},
    )
    idea = Idea.objects.get()
    client.post(reverse("codesign:idea_vote", args=[process.pk, idea.pk]))
    client.post(
        reverse("codesign:comment_add", args=[process.pk, idea.pk]),
        {"text": "Boa ideia", "language": "pt"},
    )
    page = client.get(reverse("codesign:detail", args=[process.pk]))
    assert text_of(page, f"#idea-{idea.pk} .codesign-votes") == "1 vote"
    idea_page = client.get(idea.get_absolute_url())
    assert texts_of(idea_page, ".codesign-items li div") == ["Boa ideia"]


def test_an_adopted_prototype_becomes_a_draft_practice_its_facilitator_opens(
    client, setting
):
    _network, facilitator, member, process = setting
    process = move_to(process, "deliver")
    idea = Idea.objects.create(
        process=process, author=member, title="Creche", text="…", language_id="pt"
    )
    _client(client, facilitator)
    client.post(
        reverse("codesign:prototype_add", args=[process.pk]),
        {
            "idea": idea.pk,
            "title": "Creche nas reuniões",
            "description": "Duas educadoras.",
            "language": "pt",
        },
    )
    prototype = Prototype.objects.get()
    client.post(
        reverse("codesign:round_add", args=[prototype.pk and process.pk, prototype.pk]),
        {"question": "As mães vieram?", "language": "pt"},
    )
    round_ = prototype.rounds.get()
    _client(client, member).post(
        reverse("codesign:answer_add", args=[process.pk, round_.pk]),
        {"text": "Sim, doze.", "language": "pt"},
    )
    assert round_.answers.count() == 1
    make = reverse("codesign:practice_make", args=[process.pk, prototype.pk])
    _client(client, facilitator)
    refused = client.post(make, follow=True)
    assert "Only an adopted prototype becomes a practice." in texts_of(
        refused, ".messages .message"
    )
    client.post(
        reverse("codesign:prototype_decide", args=[process.pk, prototype.pk]),
        {"decision": "adopted", "reasons": "Vieram o dobro das mães."},
    )
    response = client.post(make)
    prototype.refresh_from_db()
    practice = prototype.practice
    assert practice is not None and practice.status == Practice.Status.DRAFT
    assert response.status_code == 302
    assert response.url == reverse("practices:detail", args=[practice.pk])
    assert client.get(response.url).status_code == 200
    assert practice.translation_for("pt").title == "Creche nas reuniões"
    # Made once.
    client.post(make)
    assert Practice.objects.count() == 1


def test_a_moderator_hides_and_restores_an_idea(client, setting, moderator):
    _network, _facilitator, member, process = setting
    process = move_to(process, "develop")
    idea = services.idea_add(
        member, process, title="Spam", text="compre já", language="pt"
    )
    url = reverse("codesign:moderate", args=[process.pk, "idea", idea.pk])
    assert _client(client, member).post(url, {"reason": "x"}).status_code == 403
    _client(client, moderator).post(url, {"reason": "publicidade"})
    idea.refresh_from_db()
    assert idea.state == Idea.State.HIDDEN
    client.logout()
    assert (
        texts_of(
            client.get(reverse("codesign:detail", args=[process.pk])),
            ".codesign-ideas li",
        )
        == []
    )
    assert client.get(idea.get_absolute_url()).status_code == 404
    _client(client, moderator).post(url)
    idea.refresh_from_db()
    assert idea.state == Idea.State.VISIBLE


def test_starting_a_process_from_the_form(client):
    network = make_network()
    coordinator = coordinator_of(network)
    response = _client(client, coordinator).post(
        reverse("codesign:new"),
        {
            "network": network.pk,
            "language": "pt",
            "title": "Horários dos serviços",
            "challenge": "Como podemos abrir os serviços ao fim da tarde?",
            "description": "",
            "idea_votes": 3,
            "discover_starts": "2026-01-10",
            "discover_ends": "2026-01-05",
        },
    )
    assert response.status_code == 200
    assert "ends before it starts" in text_of(response, ".form-errors")
    assert not Process.objects.exists()
    response = client.post(
        reverse("codesign:new"),
        {
            "network": network.pk,
            "language": "pt",
            "title": "Horários dos serviços",
            "idea_votes": 3,
        },
    )
    process = Process.objects.get()
    assert response.url == process.get_absolute_url()
    assert process.phases.get(active=True).starts_on == timezone.localdate()


def test_meetings_are_added_by_facilitators(client, setting):
    _network, facilitator, _member, process = setting
    url = reverse("codesign:meeting_add", args=[process.pk])
    response = _client(client, facilitator).post(
        url,
        {
            "phase": "discover",
            "starts_at": "2026-05-04T18:30",
            "online_url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    client.post(
        url,
        {
            "phase": "discover",
            "starts_at": "2026-05-04T18:30",
            "place": "Biblioteca municipal",
            "interpretation": ["ar", "uk"],
            "childcare": "on",
            "schedule_notes": "Depois do trabalho",
        },
    )
    meeting = Meeting.objects.get()
    assert sorted(meeting.interpretation.values_list("code", flat=True)) == ["ar", "uk"]
    assert meeting.childcare


def test_invited_people_take_part_and_the_network_section_lists_processes(
    client, setting
):
    network, facilitator, _member, process = setting
    guest = UserFactory(username="convidada")
    _client(client, facilitator).post(
        reverse("codesign:participants", args=[process.pk]),
        {"username": "convidada", "role": "participant"},
    )
    from convivio.codesign import permissions

    assert permissions.role_in(guest, process) == "participant"
    response = client.post(
        reverse("codesign:participants", args=[process.pk]),
        {"username": "ninguém", "role": "participant"},
    )
    assert "Nobody has this user name." in text_of(response, ".errorlist")
    from django.test import RequestFactory

    from convivio.core import hooks

    request = RequestFactory().get("/")
    request.user = guest
    request.LANGUAGE_CODE = "en"
    filled = hooks.sections("network", request, network)
    contexts = [f.context for f in filled if "codesign_processes" in f.context]
    assert [p.pk for p in contexts[0]["codesign_processes"]] == [process.pk]


def test_members_only_processes_stay_with_their_members(client):
    network = make_network(
        visibility=Network.Visibility.MEMBERS, joining=Network.Joining.INVITATION
    )
    process = make_process(network, title="Processo interno")
    observer = add_member(network, role=Member.Role.OBSERVER)
    assert (
        texts_of(client.get(reverse("codesign:list")), ".codesign-cards li > a") == []
    )
    assert (
        _client(client, UserFactory()).get(process.get_absolute_url()).status_code
        == 403
    )
    page = _client(client, observer).get(process.get_absolute_url())
    assert page.status_code == 200
    assert soup_of(page).select("form[action$='/insights/']") == []
    assert texts_of(client.get(reverse("codesign:list")), ".codesign-cards li > a") == [
        "Processo interno"
    ]


def test_search_finds_public_processes_only():
    from convivio.codesign import search

    public = make_process(make_network(), title="Cuidar de quem cuida")
    closed = make_process(
        make_network(name="F", visibility=Network.Visibility.MEMBERS), title="Secreto"
    )
    docs = search.process_documents([public.pk, closed.pk])
    assert [(d.object_id, d.title) for d in docs] == [
        (public.pk, "Cuidar de quem cuida")
    ]
    assert "mães migrantes" in docs[0].body
    assert search.process_visible_ids(None, [public.pk, closed.pk]) == {public.pk}
    hits = search.process_hits([public.pk], "en")
    assert hits[public.pk].url == public.get_absolute_url()


def test_dates_shown_in_order(client):
    network = make_network()
    process = make_process(
        network,
        dates={
            "discover": (dt.date(2026, 1, 5), dt.date(2026, 2, 1)),
            "define": (dt.date(2026, 2, 2), None),
        },
    )
    page = client.get(process.get_absolute_url())
    assert texts_of(page, ".codesign-dates")[0].startswith("Jan. 5, 2026")


def test_the_list_and_an_idea_read_a_bounded_number_of_queries(
    client, setting, django_assert_max_num_queries
):
    network, _facilitator, member, process = setting
    process = move_to(process, "develop")
    idea = services.idea_add(member, process, title="Creche", text="…", language="pt")
    _client(client, member)
    for count in (2, 12):
        while Process.objects.count() < count:
            make_process(network, title=f"Processo {Process.objects.count()}")
        while idea.comments.count() < count:
            services.comment_add(member, idea, text="Concordo.", language="pt")
        with django_assert_max_num_queries(12):
            listed = client.get(reverse("codesign:list"))
        with django_assert_max_num_queries(14):
            page = client.get(idea.get_absolute_url())
        assert len(soup_of(listed).select(".codesign-cards > li")) == count
        assert len(soup_of(page).select(".codesign-items > li")) == count
