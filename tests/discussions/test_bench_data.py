"""The bench's bulk data (bench/discussions_data.py) has the shape the pages
read: it loads, and its busiest thread opens within the page's query bound."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Max

from bench import discussions_data
from convivio.discussions.models import Post, Thread
from tests.community.factories import add_member, make_network
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_fill_loads_threads_that_open(client, django_assert_max_num_queries):
    coordinator = UserFactory()
    network = make_network(coordinator)
    users = [coordinator.pk] + [add_member(network).pk for _ in range(3)]
    made = discussions_data.fill(connection, [network.pk], users, 300, 7)
    assert Thread.objects.count() == made
    assert Post.objects.count() == 300
    assert Post.objects.aggregate(deepest=Max("depth"))["deepest"] == 3
    # Every reply sits under a top-level post of its own thread.
    replies = Post.objects.exclude(root=None).select_related("root")
    assert all(
        p.root.parent_id is None and p.root.thread_id == p.thread_id for p in replies
    )
    busiest = Thread.objects.order_by("-post_count").first()
    client.force_login(coordinator)
    client.get(busiest.get_absolute_url())
    with django_assert_max_num_queries(16):
        response = client.get(busiest.get_absolute_url())
    assert response.status_code == 200
    # The indexes dropped for the load (on SQLite) are there again.
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cur:
        cur.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'"
            " AND tbl_name = 'discussions_post' AND name = 'post_thread_top'"
        )
        assert cur.fetchall() == [("post_thread_top",)]
