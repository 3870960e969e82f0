"""Hostile text never runs, refused writes leave nothing, and the thread page
reads a bounded number of queries whatever the number of posts."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from convivio.discussions import services
from convivio.discussions.models import Post, Reaction, Thread
from convivio.search.models import SearchEntry
from tests.community.factories import add_member, make_network
from tests.discussions.factories import make_thread, opening, reply
from tests.factories import UserFactory, make_practice
from tests.html import soup_of

pytestmark = pytest.mark.django_db

HOSTILE = """<script>alert(1)</script>
<img src=x onerror="alert(2)">
[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwv)
<iframe src="https://evil.example"></iframe>
<a href="#" onclick="alert(5)">x</a>
"""


def test_hostile_markdown_never_runs(client):
    member = UserFactory(username="dora")
    network = make_network(member)
    thread = make_thread(
        member, network=network, title="<script>alert(0)</script>", body=HOSTILE
    )
    reply(member, thread, body=HOSTILE, quoted=opening(thread))
    page = client.get(thread.get_absolute_url())
    soup = soup_of(page)
    article = soup.select_one("article.thread")
    assert article.select("script") == []
    assert article.select("iframe") == []
    assert article.select("img") == []
    for tag in article.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs)
    hrefs = [a.get("href", "") for a in article.select("a")]
    assert not any(h.startswith(("javascript:", "data:")) for h in hrefs)
    # The title is text: shown, escaped.
    assert soup.select_one("h1").get_text() == "<script>alert(0)</script>"


def test_refused_writes_leave_nothing(client):
    coordinator = UserFactory()
    network = make_network(coordinator)
    thread = make_thread(coordinator, network=network)
    before = (Thread.objects.count(), Post.objects.count(), SearchEntry.objects.count())
    outsider = UserFactory()
    client.force_login(outsider)
    response = client.post(
        reverse("discussions:reply", args=[thread.pk]),
        {
            "body": "Olá",
            "language": "pt",
            "attachments": SimpleUploadedFile("a.txt", b"x"),
        },
    )
    assert response.status_code == 403
    response = client.post(
        reverse("discussions:network_new", args=[network.pk]),
        {"title": "T", "kind": "discussion", "body": "Olá", "language": "pt"},
    )
    assert response.status_code == 403
    assert (
        Thread.objects.count(),
        Post.objects.count(),
        SearchEntry.objects.count(),
    ) == before


def test_too_long_body_on_the_page_says_so(client):
    member = UserFactory()
    network = make_network(member)
    thread = make_thread(member, network=network)
    client.force_login(member)
    response = client.post(
        reverse("discussions:reply", args=[thread.pk]),
        {"body": "x" * 10_000, "language": "pt"},
    )
    assert response.status_code == 200
    errors = soup_of(response).select_one(".has-error").get_text()
    assert "8000" in errors
    assert Post.objects.count() == 1


def test_wrong_parent_or_quote_is_not_found(client):
    member = UserFactory()
    network = make_network(member)
    thread = make_thread(member, network=network)
    other = make_thread(member, network=network, title="Outro")
    client.force_login(member)
    url = reverse("discussions:reply", args=[thread.pk])
    for query in (f"?parent={opening(other).pk}", "?quote=abc", "?parent=999999"):
        assert client.get(url + query).status_code == 404
    assert (
        client.post(
            url + f"?quote={opening(other).pk}", {"body": "x", "language": "pt"}
        ).status_code
        == 404
    )
    assert Post.objects.count() == 2


def _fill(thread, people, count):
    """``count`` top-level posts, each with a reply, a quote, a mention,
    reactions and an attachment on every fifth."""
    for i in range(count):
        author = people[i % len(people)]
        top = reply(author, thread, body=f"Ponto {i} @{people[0].username}")
        below = reply(
            people[(i + 1) % len(people)], thread, body="Sim", parent=top, quoted=top
        )
        for person in people:
            Reaction.objects.create(post=top, user=person, kind="agree")
        Reaction.objects.create(post=below, user=people[0], kind="idea")
        if i % 5 == 0:
            services._attach(
                author, top, [SimpleUploadedFile(f"f{i}.txt", f"conteúdo {i}".encode())]
            )


@pytest.mark.parametrize("count", [5, 60])
def test_thread_page_queries_are_bounded(
    client, settings, django_assert_max_num_queries, count
):
    settings.CONVIVIO_RATE_POST = "0"
    settings.CONVIVIO_PAGE_SIZE = 100
    settings.CONVIVIO_RATE_UPLOADS = "0"
    coordinator = UserFactory(username="eva")
    network = make_network(coordinator)
    people = [coordinator] + [add_member(network) for _ in range(3)]
    thread = make_thread(coordinator, network=network)
    _fill(thread, people, count)
    client.force_login(people[1])
    client.get(thread.get_absolute_url())  # sessions and caches warm
    with django_assert_max_num_queries(16):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert len(soup_of(response).select("li.post")) == 2 * count + 1


def test_search_finds_visible_posts_for_readers_only():
    from convivio.discussions import search

    member = UserFactory()
    network = make_network(member)
    thread = make_thread(
        member, network=network, body="Mediação intercultural no hospital"
    )
    post = opening(thread)
    assert SearchEntry.objects.filter(kind="post", object_id=post.pk).exists()
    assert search.post_visible_ids(None, [post.pk]) == {post.pk}
    services.post_delete(member, post)
    assert not SearchEntry.objects.filter(kind="post", object_id=post.pk).exists()
    assert search.post_visible_ids(None, [post.pk]) == set()


def test_discussion_about_a_practice_on_its_page(client):
    practice = make_practice()
    person = UserFactory()
    client.force_login(person)
    url = reverse("discussions:practice_new", args=[practice.pk])
    response = client.post(
        url,
        {
            "title": "Funciona em meios rurais?",
            "kind": "discussion",
            "body": "Pergunto.",
            "language": "pt",
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and thread.practice == practice
    # Everybody reads it below the article, in the part the page loads after
    # it (the article is kept rendered), with "Start a discussion" for members.
    related = client.get(reverse("practices:related", args=[practice.pk]))
    assert "Funciona em meios rurais?" in related.content.decode()
    assert url in related.content.decode()
    client.logout()
    related = client.get(reverse("practices:related", args=[practice.pk]))
    assert "Funciona em meios rurais?" in related.content.decode()
    assert url not in related.content.decode()
    # Platform moderators moderate it, not its author.
    with pytest.raises(PermissionDenied):
        services.thread_set_pinned(person, thread, True)
