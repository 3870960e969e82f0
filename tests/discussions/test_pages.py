"""Discussions on the pages of other apps, attachments, the rate limit, the
notifications' sentences and the demo."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from convivio.community.models import Notification
from convivio.community.notifications import text_of as notification_text
from convivio.demo.community import community_demo_load
from convivio.demo.discussions import discussions_demo_load
from convivio.discussions import services
from convivio.discussions.models import Mention, Post, Reaction, Thread
from convivio.plans.models import Plan
from tests.community.factories import add_member, make_network
from tests.discussions.factories import make_thread, opening, reply
from tests.factories import PlanFactory, PlanNodeFactory, ServiceFactory, UserFactory
from tests.html import texts_of
from tests.plans.factories import make_territory

pytestmark = pytest.mark.django_db


def test_network_page_lists_latest_threads_pinned_first(client):
    coordinator = UserFactory()
    network = make_network(coordinator)
    pinned = make_thread(coordinator, network=network, title="Regras do fórum")
    make_thread(coordinator, network=network, title="Notícia recente")
    services.thread_set_pinned(coordinator, pinned, True)
    page = client.get(network.get_absolute_url())
    assert texts_of(page, ".discussions-section .thread-row > a") == [
        "Regras do fórum",
        "Notícia recente",
    ]


def test_plan_measure_and_service_pages_show_their_discussions(client):
    person = UserFactory()
    plan = PlanFactory()
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ADOPTED)
    plan.refresh_from_db()
    measure = PlanNodeFactory(plan=plan)
    service = ServiceFactory()
    make_thread(person, plan=plan, title="Sobre o plano")
    make_thread(person, node=measure, title="Sobre a medida")
    make_thread(person, service=service, title="Sobre o serviço")
    client.force_login(person)
    pages = {
        "Sobre o plano": plan.get_absolute_url(),
        "Sobre a medida": reverse("plans:measure", args=[plan.pk, measure.pk]),
        "Sobre o serviço": service.get_absolute_url(),
    }
    for title, url in pages.items():
        assert texts_of(client.get(url), ".discussions-section .thread-row > a") == [
            title
        ], url
    # A visitor reads them and is not offered to start one.
    client.logout()
    page = client.get(plan.get_absolute_url())
    assert texts_of(page, ".discussions-section .thread-row > a") == ["Sobre o plano"]
    assert "Start a discussion" not in page.content.decode()


def test_draft_plan_discussion_is_not_open_to_others(client):
    author = UserFactory()
    plan = PlanFactory()  # a draft: its team only
    client.force_login(author)
    assert (
        client.get(reverse("discussions:plan_new", args=[plan.pk])).status_code == 404
    )


def test_person_page_shows_their_readable_posts(client):
    person = UserFactory(username="filipa")
    network = make_network(person)
    make_thread(person, network=network, title="Público")
    from convivio.community.models import Network

    closed = make_network(person, name="Fechado", visibility=Network.Visibility.MEMBERS)
    make_thread(person, network=closed, title="Só membros")
    client.force_login(UserFactory())
    page = client.get(reverse("community:person", args=["filipa"]))
    assert page.status_code == 200
    titles = texts_of(page, "section a")
    assert "Público" in titles and "Só membros" not in titles


def test_attachment_is_downloaded_by_readers_only(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    member = UserFactory()
    network = make_network(member)
    thread = services.thread_start(
        member,
        title="Horário",
        body="Em anexo.",
        language="pt",
        network=network,
        files=[SimpleUploadedFile("horario.html", b"<script>alert(1)</script>")],
    )
    post = opening(thread)
    document = post.attachments.get().document
    url = reverse("discussions:attachment", args=[post.pk, document.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    assert (
        client.get(
            reverse("discussions:attachment", args=[post.pk, document.pk + 1000])
        ).status_code
        == 404
    )


def test_posting_is_rate_limited_and_nothing_is_written(settings):
    settings.CONVIVIO_RATE_POST = "2/h"
    member = UserFactory()
    network = make_network(member)
    thread = make_thread(member, network=network)
    reply(member, thread)
    with pytest.raises(ValidationError) as error:
        reply(member, thread)
    assert error.value.code == "rate_limited"
    assert Post.objects.count() == 2


def test_notification_sentences_name_the_person_and_thread():
    ana = UserFactory(first_name="Ana", last_name="Silva")
    network = make_network(ana)
    bruno = add_member(network, UserFactory(first_name="Bruno", last_name="Costa"))
    thread = make_thread(bruno, network=network, title="Creche nas reuniões")
    reply(ana, thread, parent=opening(thread))
    note = Notification.objects.get(user=bruno, kind=services.REPLY)
    assert notification_text(note) == (
        "Ana Silva replied to your post in “Creche nas reuniões”"
    )
    started = Notification.objects.get(user=ana, kind=services.NEW_THREAD)
    assert notification_text(started) == "Bruno Costa started “Creche nas reuniões”"


def test_demo_threads_loaded_twice_make_nothing_new():
    community = community_demo_load(make_territory("Vale Novo"))
    made = discussions_demo_load(community)
    assert made == 5
    assert Thread.objects.filter(network=community.women).count() == 2
    assert Thread.objects.filter(pinned=True, kind="news").count() == 1
    assert Thread.objects.filter(language="uk").count() == 1
    assert Post.objects.filter(depth=3).exists()
    assert Mention.objects.exists() and Reaction.objects.exists()
    posts = Post.objects.count()
    assert discussions_demo_load(community) == 0
    assert Post.objects.count() == posts
