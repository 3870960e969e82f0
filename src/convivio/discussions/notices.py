"""The notifications discussions send (``community.notifications``): their
sentences are written when read, in the reader's language, from the names and
title kept in their params."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from convivio.community.notifications import register_kind, register_topic

from . import permissions, selectors, services
from .models import Thread


def _new_thread(params: dict[str, Any]) -> str:
    return _("%(name)s started “%(title)s”") % _names(params)


def _new_post(params: dict[str, Any]) -> str:
    return _("%(name)s wrote in “%(title)s”") % _names(params)


def _reply(params: dict[str, Any]) -> str:
    return _("%(name)s replied to your post in “%(title)s”") % _names(params)


def _mention(params: dict[str, Any]) -> str:
    return _("%(name)s mentioned you in “%(title)s”") % _names(params)


def _names(params: dict[str, Any]) -> dict[str, str]:
    return {"name": params.get("name") or "?", "title": params.get("title") or ""}


def can_follow(user: Any, pk: int) -> bool:
    """Whoever may read the thread follows it (topic ``thread:<id>``)."""
    thread = selectors.thread_get(pk)
    return thread is not None and permissions.can_view_thread(user, thread)


def describe(pks: list[int]) -> dict[int, tuple[str, str]]:
    """{pk: (title, address)} of the threads (one query)."""
    return {
        pk: (title, Thread(pk=pk).get_absolute_url())
        for pk, title in Thread.objects.filter(pk__in=pks).values_list("pk", "title")
    }


def register() -> None:
    register_kind(services.NEW_THREAD, _new_thread)
    register_kind(services.NEW_POST, _new_post)
    register_kind(services.REPLY, _reply)
    register_kind(services.MENTIONED, _mention)
    register_topic("thread", can_follow=can_follow, describe=describe)
