"""The notifications events send (``community.notifications``): the sentence
is written when read, in the reader's language, from ids and the title."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from convivio.community.notifications import register_kind


def register() -> None:
    def title(params: dict[str, Any]) -> dict[str, Any]:
        return {"title": params.get("title", "")}

    register_kind(
        "events.registered",
        lambda p: _("You are registered for “%(title)s”.") % title(p),
    )
    register_kind(
        "events.waiting",
        lambda p: _("“%(title)s” is full: you are on its waiting list.") % title(p),
    )
    register_kind(
        "events.promoted",
        lambda p: (
            _("A place freed up: you are now registered for “%(title)s”.") % title(p)
        ),
    )
    register_kind(
        "events.cancelled", lambda p: _("“%(title)s” has been cancelled.") % title(p)
    )
    register_kind(
        "events.changed",
        lambda p: _("The time or place of “%(title)s” has changed.") % title(p),
    )
