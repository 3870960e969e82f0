"""Threads and posts for the tests, made through the services."""

from __future__ import annotations

from typing import Any

from convivio.discussions import services
from convivio.discussions.models import Post, Thread


def make_thread(
    user: Any,
    *,
    title: str = "Horários do centro de saúde",
    body: str = "Olá a todos.",
    **subject: Any,
) -> Thread:
    return services.thread_start(user, title=title, body=body, language="pt", **subject)


def opening(thread: Thread) -> Post:
    return Post.objects.filter(thread=thread, parent=None).order_by("id").first()


def reply(user: Any, thread: Thread, body: str = "Concordo.", **kwargs: Any) -> Post:
    return services.post_reply(user, thread, body=body, language="pt", **kwargs)
