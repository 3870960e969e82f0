"""The chat's notification: a direct message (a network's room notifies nobody:
its members read it when they open it)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from convivio.community import notifications

from .services import DIRECT_MESSAGE


def direct_message(params: dict[str, Any]) -> str:
    return _("%(name)s sent you a message.") % {"name": params.get("author", "")}


def register() -> None:
    notifications.register_kind(DIRECT_MESSAGE, direct_message)
