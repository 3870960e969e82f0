"""The notifications discussions send (``community.notifications``): their
sentences are written when read, in the reader's language, from the names and
title kept in their params."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from convivio.community.notifications import register_kind

from . import services


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


def register() -> None:
    register_kind(services.NEW_THREAD, _new_thread)
    register_kind(services.NEW_POST, _new_post)
    register_kind(services.REPLY, _reply)
    register_kind(services.MENTIONED, _mention)
