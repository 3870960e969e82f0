"""Processes: their phases (one active at a time, dates in order), who takes
part, and the vote arithmetic of the define and develop phases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from convivio.codesign import permissions, services
from convivio.codesign.models import (
    PHASES,
    CandidateVote,
    IdeaVote,
    Participant,
    Phase,
    Process,
)
from convivio.community.models import Member, Notification
from tests.community.factories import add_member, coordinator_of, make_network
from tests.factories import UserFactory
from tests.html import soup_of, text_of

from .factories import make_process, move_to

pytestmark = pytest.mark.django_db


def _active(process: Process) -> list[str]:
    return list(
        Phase.objects.filter(process=process, active=True).values_list(
            "kind", flat=True
        )
    )


def _assert_invariants(process: Process) -> None:
    phases = sorted(
        Phase.objects.filter(process=process), key=lambda p: PHASES.index(p.kind)
    )
    assert [p.kind for p in phases] == list(PHASES)
    assert sum(p.active for p in phases) == 1
    days = [d for p in phases for d in (p.starts_on, p.ends_on) if d is not None]
    assert days == sorted(days)


def test_a_new_process_is_in_discover_and_its_convenor_facilitates():
    network = make_network()
    process = make_process(network)
    assert _active(process) == ["discover"]
    _assert_invariants(process)
    assert permissions.role_in(coordinator_of(network), process) == "facilitator"


def test_moving_through_the_phases_keeps_one_active_and_dates_in_order():
    network = make_network()
    facilitator = coordinator_of(network)
    member = add_member(network)
    process = make_process(network)
    seen = []
    for _ in range(3):
        if _active(process) == ["define"]:
            services.candidate_add(
                member, process, text="Como podemos…?", language="pt"
            )
            services.vote_close(facilitator, Process.objects.get(pk=process.pk))
            process = Process.objects.get(pk=process.pk)
        seen.append(services.phase_next(facilitator, process).kind)
        _assert_invariants(process)
    assert seen == ["define", "develop", "deliver"]
    with pytest.raises(ValidationError, match="last phase"):
        services.phase_next(facilitator, process)
    _assert_invariants(process)


def test_the_database_refuses_two_active_phases():
    process = make_process()
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.filter(process=process, kind="define").update(active=True)


def test_define_does_not_end_before_the_vote_is_closed():
    network = make_network()
    process = move_to(make_process(network), "define")
    with pytest.raises(ValidationError, match="Close the vote"):
        services.phase_next(coordinator_of(network), process)
    assert _active(process) == ["define"]


def test_dates_out_of_order_are_refused():
    network = make_network()
    with pytest.raises(ValidationError, match="order"):
        make_process(
            network,
            dates={
                "discover": (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
                "define": (dt.date(2026, 3, 15), None),
            },
        )
    with pytest.raises(ValidationError, match="ends before it starts"):
        make_process(
            network, dates={"discover": (dt.date(2026, 3, 9), dt.date(2026, 3, 1))}
        )
    assert not Process.objects.exists()


def test_moving_on_clears_later_plans_that_no_longer_fit(settings):
    network = make_network()
    long_ago = dt.date(2020, 1, 1)
    process = make_process(
        network,
        dates={
            "discover": (long_ago, long_ago + dt.timedelta(days=10)),
            "define": (
                long_ago + dt.timedelta(days=11),
                long_ago + dt.timedelta(days=20),
            ),
            "develop": (
                long_ago + dt.timedelta(days=21),
                long_ago + dt.timedelta(days=30),
            ),
        },
    )
    services.phase_next(coordinator_of(network), process)
    define = Phase.objects.get(process=process, kind="define")
    develop = Phase.objects.get(process=process, kind="develop")
    assert define.active and define.ends_on is None
    assert develop.starts_on is None and develop.ends_on is None
    _assert_invariants(process)


def test_phase_change_notifies_the_participants_but_not_the_facilitator_moving_it():
    network = make_network()
    facilitator = coordinator_of(network)
    member = add_member(network)
    invited = UserFactory()
    process = make_process(network)
    services.participant_invite(facilitator, process, invited, "participant")
    services.phase_next(facilitator, process)
    notes = Notification.objects.filter(topic=f"codesign:{process.pk}")
    assert set(notes.values_list("user_id", flat=True)) == {member.pk, invited.pk}
    assert all(n.kind == services.NOTIFY_PHASE for n in notes)


def test_roles_members_take_part_observers_read_coordinators_facilitate():
    network = make_network()
    observer = add_member(network, role=Member.Role.OBSERVER)
    member = add_member(network)
    outsider = UserFactory()
    process = make_process(network)
    assert permissions.role_in(member, process) == "participant"
    assert permissions.role_in(observer, process) is None
    assert permissions.can_view_process(observer, process)
    assert permissions.role_in(outsider, process) is None
    services.participant_invite(
        coordinator_of(network), process, outsider, "facilitator"
    )
    assert permissions.role_in(outsider, process) == "facilitator"
    with pytest.raises(PermissionDenied):
        services.insight_add(observer, process, text="x", language="pt")
    with pytest.raises(PermissionDenied):
        services.phase_next(member, process)


def test_only_coordinators_start_processes_for_their_networks():
    network = make_network()
    other = make_network(name="Outra rede")
    member = add_member(network)
    with pytest.raises(PermissionDenied):
        services.process_create(member, network=network, title="X", language="pt")
    with pytest.raises(ValidationError):
        services.process_create(
            coordinator_of(network), network=other, title="X", language="pt"
        )
    assert not Process.objects.exists()


# ----------------------------------------------------------------- votes


def test_approval_vote_counted_by_hand_and_the_winner_becomes_the_challenge():
    network = make_network()
    facilitator = coordinator_of(network)
    a, b, c = (add_member(network) for _ in range(3))
    process = move_to(make_process(network), "define")
    first = services.candidate_add(
        a,
        process,
        text="Como podemos tornar as consultas compreensíveis?",
        language="pt",
    )
    second = services.candidate_add(
        b,
        process,
        text="How might we make childcare part of every meeting?",
        language="en",
    )
    third = services.candidate_add(
        c, process, text="Como podemos encurtar a espera?", language="pt"
    )
    # a: first, second; b: second; c: second, third; facilitator: first
    for person, picks in (
        (a, [first, second]),
        (b, [second]),
        (c, [second, third]),
        (facilitator, [first]),
    ):
        for candidate in picks:
            assert services.candidate_vote(person, candidate) is True
    # One vote per participant per candidate: a second click takes it back.
    assert services.candidate_vote(b, second) is False
    assert services.candidate_vote(b, second) is True
    tally = [(cand.pk, n) for cand, n in services.candidate_tally(process)]
    assert tally == [(second.pk, 3), (first.pk, 2), (third.pk, 1)]
    winner = services.vote_close(facilitator, process)
    assert winner == second
    process = Process.objects.get(pk=process.pk)
    assert process.chosen == second
    assert process.original_translation().challenge == second.text
    with pytest.raises(ValidationError, match="closed"):
        services.candidate_vote(a, third)


def test_a_tie_is_decided_by_the_facilitator_among_the_leaders():
    network = make_network()
    facilitator = coordinator_of(network)
    a, b = add_member(network), add_member(network)
    process = move_to(make_process(network), "define")
    x = services.candidate_add(a, process, text="Como podemos A?", language="pt")
    y = services.candidate_add(b, process, text="Como podemos B?", language="pt")
    z = services.candidate_add(b, process, text="Como podemos C?", language="pt")
    services.candidate_vote(a, x)
    services.candidate_vote(b, y)
    # x 1, y 1, z 0: a tie between x and y.
    with pytest.raises(ValidationError, match="tied"):
        services.vote_close(facilitator, process)
    with pytest.raises(ValidationError, match="tied"):
        services.vote_close(facilitator, process, choice=z)
    assert Process.objects.get(pk=process.pk).chosen_id is None
    assert services.vote_close(facilitator, process, choice=y) == y
    assert Process.objects.get(pk=process.pk).chosen_id == y.pk


def test_without_a_tie_the_facilitator_cannot_overrule_the_vote():
    network = make_network()
    facilitator = coordinator_of(network)
    a = add_member(network)
    process = move_to(make_process(network), "define")
    x = services.candidate_add(a, process, text="Como podemos A?", language="pt")
    y = services.candidate_add(a, process, text="Como podemos B?", language="pt")
    services.candidate_vote(a, x)
    with pytest.raises(ValidationError):
        services.vote_close(facilitator, process, choice=y)
    assert services.vote_close(facilitator, process) == x


def test_idea_votes_up_to_the_process_limit_and_ranked_by_votes():
    network = make_network()
    a, b = add_member(network), add_member(network)
    process = move_to(make_process(network, idea_votes=2), "develop")
    ideas = [
        services.idea_add(a, process, title=f"Ideia {n}", text="…", language="pt")
        for n in range(3)
    ]
    assert services.idea_vote(a, ideas[0]) and services.idea_vote(a, ideas[1])
    with pytest.raises(ValidationError, match="2 votes"):
        services.idea_vote(a, ideas[2])
    assert IdeaVote.objects.filter(user=a).count() == 2
    # Taking one back frees it.
    assert services.idea_vote(a, ideas[0]) is False
    assert services.idea_vote(a, ideas[2]) is True
    services.idea_vote(b, ideas[2])
    services.idea_vote(b, ideas[1])
    # ideas[1]: a, b = 2; ideas[2]: a, b = 2; ideas[0]: 0 → ties keep the older first.
    from convivio.codesign.selectors import process_for_page, process_page

    page = process_page(process_for_page(process.pk), a)
    assert [(i.pk, i.vote_count) for i in page["ideas"]] == [
        (ideas[1].pk, 2),
        (ideas[2].pk, 2),
        (ideas[0].pk, 0),
    ]
    assert page["votes_left"] == 0


def test_writing_happens_in_its_phase():
    network = make_network()
    member = add_member(network)
    process = make_process(network)
    with pytest.raises(ValidationError, match="define"):
        services.candidate_add(member, process, text="Como podemos?", language="pt")
    with pytest.raises(ValidationError, match="develop"):
        services.idea_add(member, process, title="X", text="Y", language="pt")
    assert not CandidateVote.objects.exists()
    assert Participant.objects.count() == 0


def test_a_translation_reaches_the_page_and_the_search_index(client):
    from convivio.codesign import search
    from convivio.core.translation import save_translation

    network = make_network()
    facilitator = coordinator_of(network)
    member = add_member(network)
    process = make_process(network)
    client.force_login(facilitator)
    url = reverse("core:translate", args=["codesign", process.pk, "en"])
    assert client.get(url).status_code == 200
    client.force_login(member)
    assert client.get(url).status_code == 403
    save_translation(
        process,
        "en",
        {
            "title": "Caring for the carers",
            "challenge": "How might we support migrant mothers?",
            "description": "",
        },
        user=facilitator,
    )
    page = client.get(process.get_absolute_url())
    assert text_of(page, "h1") == "Caring for the carers"
    documents = search.process_documents([process.pk])
    assert sorted(d.language for d in documents) == ["en", "pt"]
    from convivio.search.models import SearchEntry

    assert set(
        SearchEntry.objects.filter(kind="codesign", object_id=process.pk).values_list(
            "language", flat=True
        )
    ) == {"en", "pt"}


def test_a_follower_who_may_read_the_process_hears_of_its_phases(client):
    from convivio.community import notifications

    network = make_network()
    facilitator = coordinator_of(network)
    process = make_process(network)
    follower = UserFactory()
    client.force_login(follower)
    page = client.get(process.get_absolute_url())
    assert soup_of(page).select_one(".follow-form input[name=topic]")["value"] == (
        f"codesign:{process.pk}"
    )
    notifications.subscribe(follower, f"codesign:{process.pk}", "site")
    services.phase_next(facilitator, process)
    assert Notification.objects.filter(
        user=follower, topic=f"codesign:{process.pk}"
    ).exists()
    closed = make_network(name="Fechada", visibility="members")
    hidden = make_process(closed)
    assert not notifications.can_follow(follower, f"codesign:{hidden.pk}")
