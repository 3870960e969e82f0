"""Links the discover phase and the meetings make to the other exchange apps:
forum threads, surveys, feedback channels and events, checked when they are
made (the record exists and the person may open it)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from convivio.codesign import services
from convivio.codesign.models import Evidence, Meeting
from convivio.community.models import Network
from tests.community.factories import add_member, coordinator_of, make_network
from tests.discussions.factories import make_thread
from tests.events.factories import make_event
from tests.html import soup_of

from .factories import make_process

pytestmark = pytest.mark.django_db


def test_a_forum_thread_is_linked_with_its_title_and_address():
    network = make_network()
    member = add_member(network)
    process = make_process(network)
    thread = make_thread(member, title="Creche nas reuniões?", network=network)
    link = services.evidence_add(member, process, kind="thread", object_id=thread.pk)
    assert (link.title, link.url) == ("Creche nas reuniões?", thread.get_absolute_url())
    with pytest.raises(ValidationError, match="linked already"):
        services.evidence_add(member, process, kind="thread", object_id=thread.pk)


def test_a_thread_the_person_may_not_read_is_not_linked():
    network = make_network()
    member = add_member(network)
    process = make_process(network)
    closed = make_network(
        name="Grupo fechado",
        visibility=Network.Visibility.MEMBERS,
        joining=Network.Joining.INVITATION,
    )
    secret = make_thread(coordinator_of(closed), title="Interno", network=closed)
    with pytest.raises(ValidationError, match="No forum thread"):
        services.evidence_add(member, process, kind="thread", object_id=secret.pk)
    with pytest.raises(ValidationError):
        services.evidence_add(member, process, kind="nothing", object_id=1)
    with pytest.raises(ValidationError):
        services.evidence_add(member, process, kind="survey", object_id="1; DROP")
    assert not Evidence.objects.exists()


def test_a_meeting_points_at_one_of_the_networks_events(client):
    network = make_network()
    facilitator = coordinator_of(network)
    process = make_process(network)
    event = make_event(network)
    elsewhere = make_event(make_network(name="Outra", place="Ribeira Alta"))
    with pytest.raises(ValidationError, match="network's events"):
        services.meeting_add(
            facilitator,
            process,
            phase="discover",
            starts_at=timezone.now(),
            place="Casa",
            event=elsewhere,
        )
    meeting = services.meeting_add(
        facilitator,
        process,
        phase="discover",
        starts_at=event.starts_at,
        place="Casa",
        event=event,
    )
    page = client.get(process.get_absolute_url())
    link = soup_of(page).select_one(f"#meeting-{meeting.pk} a[href]")
    assert link["href"] == reverse("events:detail", args=[event.pk])
    client.force_login(facilitator)
    form = client.get(reverse("codesign:meeting_add", args=[process.pk]))
    options = [o["value"] for o in soup_of(form).select("select[name=event] option")]
    assert str(event.pk) in options and str(elsewhere.pk) not in options
    assert Meeting.objects.count() == 1


def test_a_feedback_channel_is_linked_to_its_results():
    from convivio.feedback.services import channel_open

    network = make_network()
    facilitator = coordinator_of(network)
    process = make_process(network)
    channel = channel_open(user=facilitator, target=network)
    link = services.evidence_add(
        facilitator, process, kind="feedback", object_id=channel.pk
    )
    assert link.url == reverse("feedback:results", args=[channel.code])
    with pytest.raises(ValidationError, match="No feedback channel"):
        services.evidence_add(facilitator, process, kind="feedback", object_id=10**9)


def test_the_network_page_lists_its_processes(client):
    network = make_network()
    process = make_process(network, title="Horários dos serviços")
    page = client.get(network.get_absolute_url())
    assert page.status_code == 200
    links = soup_of(page).select(".codesign-network li a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Horários dos serviços", process.get_absolute_url())
    ]
