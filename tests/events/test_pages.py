"""Event pages as people use them: the list and its filters, an event in its
time zone, registering as a visitor (honeypot, rate limit), hostile input,
after the event (counts, organisations present), the booklet, search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from convivio.core.models import Membership, Profile
from convivio.events import services
from convivio.events.models import Event, Registration
from convivio.plans.models import Recommendation
from convivio.search.models import SearchEntry
from tests.community.factories import add_member, coordinator_of, make_network
from tests.factories import (
    OrganisationFactory,
    PlanFactory,
    UserFactory,
    create_translated,
    make_practice,
)
from tests.html import text_of, texts_of

from .factories import make_event, past_event, soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return make_network()


@pytest.fixture
def coordinator(network, client):
    person = coordinator_of(network)
    client.force_login(person)
    return person


def test_list_coming_first_then_past_and_filters(client, network):
    later = make_event(network, title="Depois", starts_at=soon(days=20))
    sooner = make_event(
        network,
        title="Antes",
        starts_at=soon(days=3),
        format=Event.Format.HYBRID,
        link="https://meet.example.org/a",
    )
    past_event(network, title="Passado")
    make_event(network, title="Rascunho", status=Event.Status.DRAFT)
    page = client.get(reverse("events:list"))
    assert texts_of(page, ".coming-events .event-card > a") == ["Antes", "Depois"]
    assert texts_of(page, ".past-events .event-card > a") == ["Passado"]
    filtered = client.get(reverse("events:list"), {"format": "hybrid"})
    assert texts_of(filtered, ".coming-events .event-card > a") == ["Antes"]
    assert sooner.pk != later.pk
    other = make_network(name="Outra rede", place="Ribeira Alta")
    make_event(other, title="Noutro sítio")
    by_network = client.get(reverse("events:list"), {"network": other.pk})
    assert texts_of(by_network, ".coming-events .event-card > a") == ["Noutro sítio"]
    by_place = client.get(reverse("events:list"), {"place": network.territory_id})
    assert "Noutro sítio" not in texts_of(by_place, ".coming-events .event-card > a")


@pytest.mark.parametrize(
    "query",
    [
        {"network": "abc", "format": "<script>", "language": "x' OR 1=1"},
        {"page": "999999999", "past": "-3", "place": "9" * 40},
    ],
)
def test_list_with_wrong_parameters(client, network, query):
    make_event(network)
    assert client.get(reverse("events:list"), query).status_code == 200


def test_list_and_event_page_queries_are_bounded(
    client, network, django_assert_max_num_queries
):
    def make(n):
        for i in range(n):
            event = make_event(
                network, title=f"Evento {i}", capacity=2, languages=["pt", "en"]
            )
            for _ in range(3):
                services.register(UserFactory(), event, show_in_public_list=True)
        return event

    make(2)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("events:list")).status_code == 200
    event = make(6)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("events:list")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200


def test_time_shown_in_the_events_zone(client, network):
    start = datetime(2027, 7, 15, 18, 30, tzinfo=ZoneInfo("Europe/Lisbon"))
    event = make_event(network, starts_at=start, time_zone="Europe/Lisbon")
    page = client.get(reverse("events:detail", args=[event.pk]))
    when = text_of(page, ".event-facts .event-when")
    assert "18:30" in when and "20:30" in when and "Europe/Lisbon" in when
    assert event.starts_at.astimezone(UTC).hour == 17


def test_coordinator_creates_an_event_in_its_time_zone(client, coordinator, network):
    response = client.post(
        reverse("events:create"),
        {
            "title": "Sessão de informação",
            "kind": "information",
            "network": network.pk,
            "starts_at": "2027-02-03T14:00",
            "ends_at": "2027-02-03T16:00",
            "time_zone": "America/Sao_Paulo",
            "format": "in_person",
            "address": "Biblioteca Municipal",
            "status": "published",
            "registration_open": "on",
            "capacity": "30",
            "language": "pt",
            "languages": ["pt"],
            "interpretation": ["ar", "uk"],
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/events/{event.pk}/"
    )
    # 14:00 in São Paulo (UTC−3) is 17:00 UTC.
    assert event.starts_at == datetime(2027, 2, 3, 17, 0, tzinfo=UTC)
    assert sorted(event.interpretation.values_list("code", flat=True)) == ["ar", "uk"]


def test_hostile_input(client, coordinator, network):
    data = {
        "title": "x" * 10_000,
        "kind": "workshop",
        "network": network.pk,
        "starts_at": "2027-02-03T14:00",
        "ends_at": "2027-02-03T13:00",
        "time_zone": "Mars/Olympus",
        "format": "in_person",
        "address": "",
        "status": "published",
        "language": "pt",
    }
    response = client.post(reverse("events:create"), data)
    assert response.status_code == 200
    assert Event.objects.count() == 0
    data.update(
        title="<script>alert(1)</script>",
        time_zone="Europe/Lisbon",
        ends_at="2027-02-03T16:00",
        address="<b>Rua</b>",
        description="[clica](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    response = client.post(reverse("events:create"), data)
    event = Event.objects.get()
    page = client.get(reverse("events:detail", args=[event.pk]))
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html and "<img" not in html
    assert client.get(reverse("events:detail", args=[987654])).status_code == 404
    assert (
        client.get(reverse("events:registered", args=["NOSUCHCODE"])).status_code == 404
    )


def test_visitor_registration_honeypot_and_rate_limit(client, network, settings):
    settings.CONVIVIO_RATE_REGISTRATIONS = "2/h"
    event = make_event(network, capacity=1)
    url = reverse("events:register", args=[event.pk])
    robot = client.post(
        url, {"name": "Bot", "email": "bot@example.org", "website": "http://spam"}
    )
    assert robot.status_code == 400 and not Registration.objects.exists()
    first = client.post(url, {"name": "Amina", "email": "amina@example.org"})
    registration = Registration.objects.get(email="amina@example.org")
    assert first["Location"].endswith(f"/registration/{registration.code}/")
    confirmation = client.get(first["Location"])
    assert text_of(confirmation, ".registration-code") == registration.code
    second = client.post(url, {"name": "Rui", "email": "rui@example.org"})
    waiting = client.get(second["Location"])
    assert "number 1" in text_of(waiting, ".registration-status")
    third = client.post(url, {"name": "Ana", "email": "ana@example.org"})
    assert third.status_code == 429
    assert Registration.objects.count() == 2
    # Amina cancels with her code: Rui takes the place.
    client.post(reverse("events:cancel", args=[registration.code]))
    assert Registration.objects.get(email="rui@example.org").status == "registered"


def test_after_the_event_counts_and_organisations(client, coordinator, network):
    event = past_event(network, capacity=5)
    casa = OrganisationFactory(name="Casa das Línguas")
    people = [UserFactory() for _ in range(3)]
    Profile.objects.update_or_create(user=people[0], defaults={"organisation": casa})
    regs = [
        Registration.objects.create(
            event=event, user=p, status="registered", position=i, code=f"CODE{i}"
        )
        for i, p in enumerate(people, 1)
    ]
    client.post(
        reverse("events:registrations", args=[event.pk]),
        {"attended": [regs[0].pk, regs[1].pk]},
    )
    services.event_report(
        coordinator,
        event,
        minutes="Ata.",
        outcomes="Resultados.",
        organisations_present="Junta de Freguesia\nCasa das Línguas",
    )
    page = client.get(reverse("events:detail", args=[event.pk]))
    counts = text_of(page, ".event-counts")
    assert "3 people registered" in counts and "2 came" in counts
    assert texts_of(page, ".organisations-present li") == [
        "Casa das Línguas",
        "Junta de Freguesia",
    ]
    listing = client.get(reverse("events:registrations", args=[event.pk]))
    assert "2 came" in text_of(listing, ".count-attended")


def test_booklet_from_the_outcomes(client, coordinator, network):
    event = past_event(network)
    practice = make_practice(title="Mediadoras nos centros de saúde")
    plan = PlanFactory(language="pt")
    local = create_translated(
        Recommendation,
        plan=plan,
        audience="local",
        original_language_id="pt",
        text="Abrir balcões únicos.",
    )
    media = create_translated(
        Recommendation,
        plan=plan,
        audience="media",
        original_language_id="pt",
        text="Falar com as comunidades.",
    )
    local2 = create_translated(
        Recommendation,
        plan=plan,
        audience="local",
        original_language_id="pt",
        text="Horários ao fim do dia.",
        position=1,
    )
    url = reverse("events:booklet", args=[event.pk])
    refused = client.post(url)  # no outcomes yet
    assert refused.status_code == 302 and refused["Location"].endswith(
        f"/events/{event.pk}/"
    )
    services.event_report(
        coordinator,
        event,
        minutes="",
        outcomes="Correu bem: a **mediação**. Correu mal: os horários.",
        practices=[practice],
        recommendations=[media, local2, local],
    )
    response = client.post(url)
    event.refresh_from_db()
    collection = event.collection
    assert response["Location"].endswith(f"/collections/{collection.pk}/")
    assert client.get(response["Location"]).status_code == 200
    row = collection.translations.get()
    intro = row.introduction
    # The booklet is in the event's language (Portuguese), audiences too.
    with translation.override("pt"):
        local_label = str(Recommendation.Audience.LOCAL.label)
        media_label = str(Recommendation.Audience.MEDIA.label)
    assert "Correu bem" in intro
    order = [
        f"### {local_label}",
        "Abrir balcões",
        "Horários",
        f"### {media_label}",
        "Falar com",
    ]
    assert [intro.index(text) for text in order] == sorted(
        intro.index(text) for text in order
    )
    assert row.recommendations == [
        f"{local_label}: Abrir balcões únicos.",
        f"{local_label}: Horários ao fim do dia.",
        f"{media_label}: Falar com as comunidades.",
    ]
    assert list(collection.items.values_list("practice_id", flat=True)) == [practice.pk]
    # A draft: its organiser can open and edit it; nobody else finds it.
    assert collection.status == "draft"
    edit = reverse("practices:collection_edit", args=[collection.pk])
    assert client.get(edit).status_code == 200
    assert not SearchEntry.objects.filter(
        kind="collection", object_id=collection.pk
    ).exists()
    # Made once: asking again opens the same collection.
    again = client.post(url)
    assert again["Location"] == response["Location"]
    # A member who does not organise cannot make it, nor read the draft.
    client.force_login(add_member(network))
    assert client.post(url).status_code == 403
    assert client.get(response["Location"]).status_code == 404
    client.logout()
    assert client.get(response["Location"]).status_code == 404
    listing = client.get(reverse("practices:collection_list"))
    assert f"/collections/{collection.pk}/" not in listing.content.decode()


def test_search_index_follows_publication(network):
    draft = make_event(network, title="Rascunho secreto", status=Event.Status.DRAFT)
    assert not SearchEntry.objects.filter(kind="event", object_id=draft.pk).exists()
    services.event_update(coordinator_of(network), draft, status=Event.Status.PUBLISHED)
    assert SearchEntry.objects.filter(kind="event", object_id=draft.pk).exists()
    services.event_update(coordinator_of(network), draft, status=Event.Status.CANCELLED)
    assert not SearchEntry.objects.filter(kind="event", object_id=draft.pk).exists()


def test_coming_events_on_the_place_page(client, network):
    make_event(network, title="Na nossa terra")
    page = client.get(reverse("core:territory", args=[network.territory_id]))
    assert "Na nossa terra" in texts_of(page, ".territory-events .event-card > a")


def test_organisation_editor_holds_an_event(client):
    editor = UserFactory()
    casa = OrganisationFactory(name="Casa das Línguas")
    Membership.objects.create(
        user=editor, organisation=casa, role=Membership.Role.EDITOR
    )
    start = soon()
    event = services.event_create(
        editor,
        title="Aula aberta",
        language="pt",
        organisation=casa,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        address="Rua 1",
    )
    client.force_login(editor)
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 200


def test_coming_events_on_the_network_page(client, network):
    make_event(network, title="Plenário de primavera")
    make_event(network, title="Ainda não", status=Event.Status.DRAFT)
    past_event(network, title="Já passou")
    page = client.get(reverse("community:network", args=[network.pk]))
    assert texts_of(page, ".network-events .event-card > a") == [
        "Plenário de primavera"
    ]
